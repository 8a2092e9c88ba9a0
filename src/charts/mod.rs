//! Charts rendered to standalone, accessible SVG at build time (issue 3).
//!
//! Each public function takes the data of one chart and returns a [`Chart`]:
//! the SVG drawn twice, 720 and 320 pixels wide (plotters' SVG backend and
//! the embedded Noto Sans font, no JavaScript; no text under 12 px and no
//! label cut short), a one-sentence description in the chart's language and
//! the data table that goes with it. One meaning per colour: statuses keep
//! their colours, series (parties) get others (`palette.rs`); textures are
//! vector marks. Output is deterministic and no input makes these functions
//! panic.
//!
//! Must not import `load`, `yaml`, `validate`, `derive`, `render`, `theme`,
//! `write`, `site`, `cli`, `serve`, `pdf`: the charts library draws what it is
//! given.

mod bar;
mod canvas;
mod describe;
mod font;
mod frame;
mod line;
mod metric;
mod numbers;
mod palette;
mod phrase;
pub mod png;
mod prepare;
mod progress;
mod status;
mod svg_post;
mod table;
mod text;
mod words;

pub use palette::Rgb;

#[cfg(test)]
mod tests;

use crate::core::locale::Locale;
use serde::Serialize;

pub use font::{CSS_STACK as FONT_STACK, FAMILY as FONT_FAMILY};

/// How a metric's series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Line,
    Bar,
    Stacked,
}

/// A run of text and its language when that is not the chart's (a text
/// that fell back to another language), else "".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Part {
    pub text: String,
    pub lang: String,
}

impl Part {
    pub fn new(text: impl Into<String>, lang: impl Into<String>) -> Part {
        Part { text: text.into(), lang: lang.into() }
    }
}

/// One line or set of bars: a party, an activity…
#[derive(Debug, Clone)]
pub struct Series {
    /// Stable id (e.g. party code "CA"); series get colour, marker and dash by
    /// the order in which their keys first appear.
    pub key: String,
    /// Display label, e.g. "Canada".
    pub label: String,
    /// The label's language when it is not the chart's (a text that fell
    /// back to another language), else empty: set as `lang` on its `<text>`.
    pub lang: String,
    /// One value per period; `None` (or NaN/infinity) = no observation, drawn
    /// as a gap, never as zero.
    pub values: Vec<Option<f64>>,
}

/// A metric over reporting periods.
#[derive(Debug, Clone)]
pub struct MetricChart {
    /// e.g. "border-security-seizures"; ids inside the SVG derive from it.
    pub slug: String,
    pub title: String,
    /// The title's language when it is not the chart's, else empty.
    pub title_lang: String,
    /// May be empty.
    pub unit: String,
    /// The unit's language when it is not the chart's, else empty.
    pub unit_lang: String,
    pub kind: ChartKind,
    /// X labels, already formatted, in order.
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    /// Colours no series may take (nor one close to them): the theme's
    /// status colours, so that no party reads as "At risk".
    pub avoid: Vec<Rgb>,
    pub locale: Locale,
}

/// Activity counts by status for each group.
#[derive(Debug, Clone)]
pub struct StatusChart {
    pub slug: String,
    pub title: String,
    /// The title's language when it is not the chart's, else empty.
    pub title_lang: String,
    /// A title that mixes languages ("Port Operations — Activités par état"
    /// with the group's name fallen back) as its parts; when not empty, used
    /// instead of `title` and `title_lang`.
    pub title_parts: Vec<Part>,
    /// One horizontal bar per category, e.g. group names.
    pub categories: Vec<String>,
    /// The data table's heading of the category column ("Update"); empty
    /// for the built-in "Group".
    pub category_heading: String,
    /// Each category's language when it is not the chart's, else empty (a
    /// missing entry is empty).
    pub category_langs: Vec<String>,
    /// In display order.
    pub statuses: Vec<StatusCount>,
    pub locale: Locale,
}

/// How many activities of each category have one status.
#[derive(Debug, Clone)]
pub struct StatusCount {
    /// planned | in-progress | at-risk | blocked | done (fixes the colour).
    pub key: String,
    /// Localised label.
    pub label: String,
    /// One per category.
    pub counts: Vec<u32>,
    /// The status's colour (the theme's palette), else the built-in one.
    pub color: Option<Rgb>,
}

/// Percentage complete of activities at successive updates.
#[derive(Debug, Clone)]
pub struct ProgressChart {
    pub slug: String,
    pub title: String,
    /// The title's language when it is not the chart's, else empty.
    pub title_lang: String,
    /// A title that mixes languages as its parts; when not empty, used
    /// instead of `title` and `title_lang`.
    pub title_parts: Vec<Part>,
    /// Update dates, formatted.
    pub periods: Vec<String>,
    /// Values 0..=100.
    pub activities: Vec<Series>,
    pub locale: Locale,
}

/// A rendered chart, ready for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub slug: String,
    pub title: String,
    /// The title's language when all of it is in one language other than the
    /// chart's, else "".
    pub title_lang: String,
    /// The title as escaped HTML: with `title_lang` set, the plain title (the
    /// element around it carries the language); else each part in another
    /// language than the chart's in a `<span lang>` of its own.
    pub title_html: String,
    /// One generated sentence in the chart's language.
    pub description: String,
    /// The same sentence as escaped HTML, each name in another language than
    /// the chart's (a series, a category, the title) in a `<span lang>`.
    pub description_html: String,
    /// Complete standalone SVG document, drawn 720 pixels wide: for screens
    /// that give the chart about 660 CSS pixels or more, and for paper.
    pub svg: String,
    /// The same chart drawn 320 pixels wide, for phones (its smallest text
    /// renders at 11 CSS pixels or more from 294 CSS pixels wide): a
    /// standalone document whose ids differ from [`Chart::svg`]'s, so both
    /// can sit in one page.
    pub svg_narrow: String,
    pub table: DataTable,
}

/// The chart's data as a table.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub caption: String,
    /// The caption's language when all of it is in one language other than
    /// the chart's, else "".
    pub caption_lang: String,
    /// The caption as escaped HTML: with `caption_lang` set, the plain
    /// caption; else each part in another language in a `<span lang>`.
    pub caption_html: String,
    pub headers: Vec<String>,
    /// One per header: its language when it is not the chart's, else "".
    pub header_langs: Vec<String>,
    /// The first cell of each row is its header cell.
    pub rows: Vec<Vec<String>>,
    /// One per row: the language of its header cell when it is not the
    /// chart's, else "".
    pub row_langs: Vec<String>,
}

/// A metric as a line, grouped-bar or stacked-bar chart.
pub fn metric_chart(input: &MetricChart) -> Chart {
    metric::render(input)
}

/// Activity statuses as one stacked horizontal bar per category.
pub fn status_chart(input: &StatusChart) -> Chart {
    status::render(input)
}

/// Activity progress (0–100 %) as lines over update dates.
pub fn progress_chart(input: &ProgressChart) -> Chart {
    progress::render(input)
}

/// A chart's title as given, in its parts.
struct Title {
    parts: Vec<Part>,
    /// The parts joined.
    text: String,
    /// The language of all of it when that is one other than the chart's, else "".
    lang: String,
    /// Escaped; with `lang` set, plain, else the parts in other languages marked.
    html: String,
}

impl Title {
    /// `parts` when not empty, else `text` in `lang`.
    fn new(text: &str, lang: &str, parts: &[Part]) -> Title {
        let parts = if parts.is_empty() { vec![Part::new(text, lang)] } else { parts.to_vec() };
        let (text, lang, html) = phrase::labelled(&parts, &parts);
        Title { parts, text, lang, html }
    }

    /// The chart with this title, described by `sentence`.
    fn chart(
        self,
        slug: &str,
        sentence: &[Part],
        svg: String,
        svg_narrow: String,
        table: DataTable,
    ) -> Chart {
        Chart {
            slug: slug.to_string(),
            title: self.text,
            title_lang: self.lang,
            title_html: self.html,
            description: phrase::plain(sentence),
            description_html: phrase::html(sentence),
            svg,
            svg_narrow,
            table,
        }
    }
}

/// The slug the narrow drawing's ids derive from: `<slug>__narrow` (chart
/// slugs never hold two `_` in a row, so no chart's ids clash with another's).
fn narrow_slug(slug: &str) -> String {
    format!("{slug}__narrow")
}

/// Draws with `draw` and post-processes into the final SVG document.
#[allow(clippy::too_many_arguments)]
fn assemble(
    slug: &str,
    title: &str,
    title_lang: &str,
    description: &str,
    class: &str,
    width: f64,
    height: f64,
    draw: impl FnOnce(&mut canvas::Canvas),
) -> String {
    let id_base = svg_post::id_base(slug);
    let (width, height) = (width.max(1.0) as u32, height.max(1.0) as u32);
    let (raw, edits) = canvas::render(width, height, draw);
    let doc =
        svg_post::Document { id_base: &id_base, title, title_lang, desc: description, class, width, height };
    svg_post::finish(&raw, &edits, &doc)
}
