//! The data table that accompanies each chart (the accessible alternative
//! to the picture): every value, formatted in the chart's locale.

use super::phrase::{self, Phrase};
use super::prepare::Prepared;
use super::text::clean;
use super::words::words;
use super::{DataTable, Part};
use crate::core::locale::Locale;

/// A table captioned "title (unit)" (or the title) from the title's parts
/// and the unit's: the caption's language when the title and unit are all
/// in one, else its parts in another language marked in its HTML.
fn captioned(
    title: &[Part],
    unit: &Part,
    headers: Vec<String>,
    header_langs: Vec<String>,
    rows: Vec<Vec<String>>,
    row_langs: Vec<String>,
) -> DataTable {
    let title = Phrase::cleaned(title).parts();
    let unit = Part::new(clean(&unit.text), unit.lang.clone());
    let mut parts = title.clone();
    if !unit.text.is_empty() {
        parts.push(Part::new(" (", ""));
        parts.push(unit.clone());
        parts.push(Part::new(")", ""));
    }
    let (caption, caption_lang, caption_html) = phrase::labelled(&parts, &[title, vec![unit]].concat());
    DataTable { caption, caption_lang, caption_html, headers, header_langs, rows, row_langs }
}

/// One row per period, one column per series.
pub fn by_period(
    locale: Locale,
    title: &[Part],
    unit: &Part,
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
    captioned(title, unit, headers, header_langs, rows, row_langs)
}

/// One row per series, one column per period (progress of activities).
pub fn by_series(
    locale: Locale,
    title: &[Part],
    unit: &Part,
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
    captioned(title, unit, headers, header_langs, rows, data.langs.clone())
}

/// One row per category (headed `heading`, else "Group"), one column per status.
pub fn status(
    locale: Locale,
    title: &[Part],
    heading: &str,
    categories: &[String],
    category_langs: &[String],
    columns: &[(String, Vec<u32>)],
) -> DataTable {
    let w = words(locale);
    let headers: Vec<String> =
        std::iter::once(if heading.is_empty() { w.group } else { heading }.to_string())
            .chain(columns.iter().map(|(label, _)| label.clone()))
            .collect();
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
    captioned(title, &Part::default(), headers, header_langs, rows, category_langs.to_vec())
}

fn cell(value: Option<f64>, missing: &str, format: &dyn Fn(f64) -> String) -> String {
    value.map(format).unwrap_or_else(|| missing.to_string())
}
