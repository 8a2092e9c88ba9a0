//! The data table that accompanies each chart (the accessible alternative
//! to the picture): every value, formatted in the chart's locale.

use super::phrase::{self, Phrase};
use super::prepare::Prepared;
use super::text::clean;
use super::words::words;
use super::{DataTable, Part};
use crate::locale::Locale;
use crate::render::localize::escape_html;

/// Sets the caption "title (unit)" (or the title) from the title's parts and
/// the unit's: its language when the title and unit are all in one, else its
/// parts in another language marked in its HTML.
pub fn set_caption(table: &mut DataTable, title: &[Part], unit: &Part) {
    let title = Phrase::cleaned(title).parts();
    let unit = Part::new(clean(&unit.text), unit.lang.clone());
    let mut parts = title.clone();
    if !unit.text.is_empty() {
        parts.push(Part::new(" (", ""));
        parts.push(unit.clone());
        parts.push(Part::new(")", ""));
    }
    let lang = phrase::uniform(&[title, vec![unit]].concat()).map(str::to_string);
    table.caption = phrase::plain(&parts);
    table.caption_lang = lang.clone().unwrap_or_default();
    table.caption_html = if lang.is_some() { escape_html(&table.caption) } else { phrase::html(&parts) };
}

/// One row per period, one column per series.
pub fn by_period(
    locale: Locale,
    caption: String,
    data: &Prepared,
    format: &dyn Fn(f64) -> String,
) -> DataTable {
    let w = words(locale);
    let headers = std::iter::once(w.period.to_string()).chain(data.labels.iter().cloned()).collect();
    let header_langs = std::iter::once(String::new()).chain(data.langs.iter().cloned()).collect();
    let rows = data
        .periods
        .iter()
        .enumerate()
        .map(|(p, period)| {
            std::iter::once(period.clone())
                .chain(data.values.iter().map(|row| cell(row[p], w.missing, format)))
                .collect()
        })
        .collect();
    let row_langs = vec![String::new(); data.periods.len()];
    DataTable {
        caption_html: escape_html(&caption),
        caption,
        caption_lang: String::new(),
        headers,
        header_langs,
        rows,
        row_langs,
    }
}

/// One row per series, one column per period (progress of activities).
pub fn by_series(
    locale: Locale,
    caption: String,
    data: &Prepared,
    format: &dyn Fn(f64) -> String,
) -> DataTable {
    let w = words(locale);
    let headers: Vec<String> =
        std::iter::once(w.activity.to_string()).chain(data.periods.iter().cloned()).collect();
    let header_langs = vec![String::new(); headers.len()];
    let rows = data
        .labels
        .iter()
        .zip(&data.values)
        .map(|(label, row)| {
            std::iter::once(label.clone()).chain(row.iter().map(|v| cell(*v, w.missing, format))).collect()
        })
        .collect();
    DataTable {
        caption_html: escape_html(&caption),
        caption,
        caption_lang: String::new(),
        headers,
        header_langs,
        rows,
        row_langs: data.langs.clone(),
    }
}

/// One row per category, one column per status.
pub fn status(
    locale: Locale,
    caption: String,
    categories: &[String],
    columns: &[(String, Vec<u32>)],
) -> DataTable {
    let w = words(locale);
    let headers: Vec<String> =
        std::iter::once(w.group.to_string()).chain(columns.iter().map(|(label, _)| label.clone())).collect();
    let header_langs = vec![String::new(); headers.len()];
    let rows = categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            std::iter::once(category.clone())
                .chain(
                    columns
                        .iter()
                        .map(|(_, counts)| locale.number(f64::from(counts.get(c).copied().unwrap_or(0)), 0)),
                )
                .collect()
        })
        .collect();
    let row_langs = vec![String::new(); categories.len()];
    DataTable {
        caption_html: escape_html(&caption),
        caption,
        caption_lang: String::new(),
        headers,
        header_langs,
        rows,
        row_langs,
    }
}

fn cell(value: Option<f64>, missing: &str, format: &dyn Fn(f64) -> String) -> String {
    value.map(format).unwrap_or_else(|| missing.to_string())
}
