//! Metric charts: a line, grouped-bar or stacked-bar chart of one metric's
//! series over reporting periods, with its sentence and data table. Series
//! more than ten times apart get a panel and a scale each (a shared axis
//! would flatten the small one on zero); stacks share one axis, being sums.

use super::bar::{self, BarPlot, VALUE_ROOM};
use super::canvas::{Canvas, TextStyle};
use super::describe::{self, PeriodKind};
use super::frame::{
    self, EMPTY_PANEL, Key, LABEL_PX, NARROW, PAD, PANEL_HEIGHT, PLOT_HEIGHT, PLOT_HEIGHT_NARROW, Rect,
    WIDTH, draw_key, draw_legend, draw_note, draw_title, draw_unit, title_bottom, title_lines,
};
use super::line;
use super::numbers::{AxisFormat, Scale, all_integers, value_text};
use super::palette;
use super::phrase::{self, Phrase};
use super::prepare::Prepared;
use super::text::{clean, shorten};
use super::words::words;
use super::{Chart, ChartKind, MetricChart, Part, Title, assemble, table};
use crate::core::locale::Locale;
use plotters::style::text_anchor::{HPos, VPos};

/// Series whose largest values differ by more than this factor get panels.
const PANEL_RATIO: f64 = 10.0;
/// Below the plot: period labels.
const PERIOD_ROOM: f64 = 30.0 - frame::PERIOD_LINE;
/// A panel's heading row.
const PANEL_HEADING: f64 = 24.0;

pub fn render(input: &MetricChart) -> Chart {
    let locale = input.locale;
    let mut data = Prepared::new(&input.periods, &input.series);
    data.colors = palette::series_colors(&input.avoid);
    let given = Title::new(&input.title, &input.title_lang, &[]);
    let title = Phrase::cleaned(&given.parts);
    let unit = clean(&input.unit);
    let format = |v: f64| value_text(locale, v);
    let unit_part = Part::new(unit.clone(), input.unit_lang.clone());
    let sentence = describe::trend(locale, &title.parts(), &unit_part, &data, PeriodKind::Span, &format);
    let description = phrase::plain(&sentence);
    // The caption "title (unit)" carries a language only when all of it is in that language.
    let table = table::by_period(locale, &given.parts, &unit_part, &data, &format);
    let class = match (input.kind, data.any_data()) {
        (_, false) => "chart-metric chart-empty",
        (ChartKind::Line, true) => "chart-metric chart-line",
        (ChartKind::Bar, true) => "chart-metric chart-bar",
        (ChartKind::Stacked, true) => "chart-metric chart-stacked",
    };
    let drawing = Drawing { input, data: &data, title: &title, unit: &unit };
    let draw = |slug: &str, width: f64| {
        let (height, paint) = drawing.layout(width);
        assemble(slug, &given.text, &given.lang, &description, class, width, height, paint)
    };
    let svg = draw(&input.slug, WIDTH);
    let narrow = draw(&super::narrow_slug(&input.slug), NARROW);
    given.chart(&input.slug, &sentence, svg, narrow, table)
}

/// Groups of series drawn on one scale: all series with data together,
/// or each alone when their sizes differ by more than [`PANEL_RATIO`]
/// (stacked bars always together: a stack is a sum).
pub fn panels(data: &Prepared, kind: ChartKind) -> Vec<Vec<usize>> {
    let shown: Vec<usize> = (0..data.labels.len()).filter(|&s| data.has_data(s)).collect();
    let size = |s: usize| data.values[s].iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    let sizes: Vec<f64> = shown.iter().map(|&s| size(s)).collect();
    let largest = sizes.iter().copied().fold(0.0, f64::max);
    let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
    // A series of zeros is drawn truly on a shared axis: only a small but
    // non-zero series would be flattened.
    let apart =
        kind != ChartKind::Stacked && shown.len() > 1 && smallest > 0.0 && largest > PANEL_RATIO * smallest;
    if apart { shown.into_iter().map(|s| vec![s]).collect() } else { vec![shown] }
}

/// Paints a drawing onto its canvas.
type Paint<'a> = Box<dyn FnOnce(&mut Canvas) + 'a>;

struct Drawing<'a> {
    input: &'a MetricChart,
    data: &'a Prepared,
    title: &'a Phrase,
    unit: &'a str,
}

impl<'a> Drawing<'a> {
    /// The drawing's height at `width` and the function that paints it.
    fn layout(&self, width: f64) -> (f64, Paint<'a>) {
        let (input, data) = (self.input, self.data);
        let locale = input.locale;
        let lines = title_lines(self.title, width);
        let top = title_bottom(&lines);
        let w = words(locale);
        let unit = self.unit.to_string();
        if !data.any_data() {
            let height = (top + 4.0 + EMPTY_PANEL + PAD).ceil();
            return (
                height,
                Box::new(move |c: &mut Canvas| {
                    let top = draw_title(c, &lines) + 4.0;
                    let area = Rect { left: PAD, top, right: c.width() - PAD, bottom: top + EMPTY_PANEL };
                    frame::draw_no_data(c, area, w.no_data_yet);
                }),
            );
        }
        let note = data.without_data_note(w.no_data_for);
        let panels = panels(data, input.kind);
        let split = panels.len() > 1;
        let is_line = input.kind == ChartKind::Line;
        let all: Vec<usize> = panels.concat();
        let direct = is_line && !split && line::direct_labels_fit(data, &all, width);
        // A legend when one plot holds several series that are not labelled directly.
        let entries: Vec<(String, String, Key)> = if split || direct {
            Vec::new()
        } else {
            all.iter()
                .map(|&s| (data.labels[s].clone(), data.langs[s].clone(), key(data, input.kind, s)))
                .collect()
        };
        let (legend, legend_height) = frame::legend_layout(&entries, width);
        let unit_height = if unit.is_empty() { 0.0 } else { 20.0 };
        let value_room = if is_line { 8.0 } else { VALUE_ROOM };
        let plot_height = if split {
            PANEL_HEIGHT
        } else if width < WIDTH {
            PLOT_HEIGHT_NARROW
        } else {
            PLOT_HEIGHT
        };
        let heading = if split { PANEL_HEADING } else { 0.0 };
        let period_room = PERIOD_ROOM + frame::period_label_rows(&data.periods) as f64 * frame::PERIOD_LINE;
        let panel_height = heading + value_room + plot_height + period_room;
        let note = frame::note_lines(&note, width);
        let note_height = note.len() as f64 * frame::NOTE_LINE;
        let height =
            (top + legend_height + unit_height + panels.len() as f64 * panel_height + note_height + PAD)
                .ceil();
        let kind = input.kind;
        let data = self.data;
        let unit_lang = input.unit_lang.clone();
        let paint = move |c: &mut Canvas| {
            let mut y = draw_title(c, &lines);
            draw_legend(c, &legend, y);
            y = draw_unit(c, &unit, &unit_lang, y + legend_height);
            for shown in &panels {
                if split {
                    let s = shown[0];
                    let mid = y + PANEL_HEADING / 2.0;
                    let k = key(data, kind, s);
                    draw_key(c, k, PAD, mid);
                    let x = PAD + if matches!(k, Key::Line(..)) { 32.0 } else { 18.0 };
                    let label = shorten(&data.labels[s], c.width() - x - PAD, LABEL_PX, true);
                    let style = TextStyle::new(LABEL_PX, super::palette::TEXT)
                        .bold()
                        .anchor(HPos::Left, VPos::Center);
                    c.text_in(&label, (x, mid), style, &data.langs[s]);
                    y += PANEL_HEADING;
                }
                let (scale, ticks) = axis(data, shown, kind, locale);
                let (top, bottom) = (y + value_room, y + value_room + plot_height);
                if is_line {
                    line::draw(c, data, shown, &scale, &ticks, top, bottom, direct);
                } else {
                    let plot = BarPlot { scale, ticks: &ticks, stacked: kind == ChartKind::Stacked, locale };
                    bar::draw(c, data, shown, &plot, top, bottom);
                }
                y = bottom + period_room;
            }
            if !note.is_empty() {
                draw_note(c, &note, y);
            }
        };
        (height, Box::new(paint))
    }
}

/// The legend key of series `s`: its line and marker, or its bar's fill.
fn key(data: &Prepared, kind: ChartKind, s: usize) -> Key {
    match kind {
        ChartKind::Line => Key::Line(data.color(s), data.styles[s]),
        _ => Key::Fill(data.fill(s)),
    }
}

/// The value axis of the series `shown`: its scale (whole-number steps for
/// counts) and its tick labels.
fn axis(data: &Prepared, shown: &[usize], kind: ChartKind, locale: Locale) -> (Scale, Vec<(f64, String)>) {
    let values = || shown.iter().flat_map(|&s| data.values[s].iter().flatten());
    let (lo, hi) = match kind {
        ChartKind::Line => {
            values().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(*v), hi.max(*v)))
        }
        _ => bar::extent(data, shown, kind == ChartKind::Stacked),
    };
    let scale = Scale::covering_values(lo, hi, all_integers(values()));
    let format = AxisFormat::new(locale, &scale);
    let ticks = scale.ticks().into_iter().map(|t| (t, format.label(t))).collect();
    (scale, ticks)
}
