//! The one-sentence description of each chart, in the chart's language: what
//! is measured, over which periods, and how each series moved. Sentences
//! are made of parts: the names they embed (title, unit, series, categories)
//! keep their own language.

use super::Part;
use super::phrase::Phrase;
use super::prepare::Prepared;
use super::words::words;
use crate::core::locale::Locale;

/// Text in the chart's language.
fn own(text: impl Into<String>) -> Part {
    Part::new(text, "")
}

/// How a period is introduced in "was X in P": months and years take
/// "in"/"en", full dates "on"/"le".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Span,
    Day,
}

/// "Title, unit, March 2021 to April 2021: Canada rose from 11.0 to 12.5, …."
pub fn trend(
    locale: Locale,
    title: &[Part],
    unit: &Part,
    data: &Prepared,
    kind: PeriodKind,
    format: &dyn Fn(f64) -> String,
) -> Vec<Part> {
    let n = data.periods.len();
    let range = match n {
        0 => String::new(),
        1 => data.periods[0].clone(),
        _ => from_to(locale, &data.periods[0], &data.periods[n - 1]),
    };
    let mut out = head(locale, &[title, std::slice::from_ref(unit), &[own(range)]]);
    if !data.any_data() {
        out.push(own(format!(" {}.", words(locale).no_data_sentence)));
        return out;
    }
    out.push(own(" "));
    for s in 0..data.labels.len() {
        if s > 0 {
            out.push(own(", "));
        }
        out.extend(clause(locale, data, s, kind, format));
    }
    out.push(own("."));
    out
}

/// "Title: no data yet." / "Titre : aucune donnée pour l’instant."
pub fn no_data(locale: Locale, title: &[Part]) -> Vec<Part> {
    let mut out = head(locale, &[title]);
    out.push(own(format!(" {}.", words(locale).no_data_sentence)));
    out
}

/// "Title: North — done: 3, in progress: 2; South — done: 1."
pub fn status(
    locale: Locale,
    title: &[Part],
    categories: &[Part],
    columns: &[(String, Vec<u32>)],
) -> Vec<Part> {
    let w = words(locale);
    let mut out = head(locale, &[title]);
    out.push(own(" "));
    for (c, category) in categories.iter().enumerate() {
        if c > 0 {
            out.push(own(format!("{} ", w.semicolon)));
        }
        out.push(category.clone());
        let counts: Vec<String> = columns
            .iter()
            .filter_map(|(label, counts)| {
                let n = counts.get(c).copied().unwrap_or(0);
                (n > 0).then(|| format!("{}{} {n}", lower_first(label), w.colon))
            })
            .collect();
        let counts = if counts.is_empty() {
            match locale {
                Locale::En => "no activities".to_string(),
                Locale::Fr => "aucune activité".to_string(),
            }
        } else {
            counts.join(", ")
        };
        out.push(own(format!(" — {counts}")));
    }
    out.push(own("."));
    out
}

/// The non-empty items (each made of parts) joined by commas, then a colon;
/// each is trimmed and a trailing full stop of the title is dropped.
fn head(locale: Locale, items: &[&[Part]]) -> Vec<Part> {
    let mut out = Vec::new();
    for item in items {
        let phrase = Phrase::new(item);
        let text = phrase.text();
        let start = text.chars().count() - text.trim_start().chars().count();
        let kept = text.trim().trim_end_matches('.').chars().count();
        if kept == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push(own(", "));
        }
        out.extend(phrase.slice(start, start + kept).parts());
    }
    out.push(own(words(locale).colon));
    out
}

fn from_to(locale: Locale, from: &str, to: &str) -> String {
    match locale {
        Locale::En => format!("{from} to {to}"),
        Locale::Fr => format!("{} à {to}", de(from)),
    }
}

/// French "de", elided before a vowel: "de mars", "d’avril" (typographic apostrophe).
fn de(next: &str) -> String {
    let vowel = next.chars().next().is_some_and(|c| "aeiouyàâéèêëîïôûAEIOUYÉÈÊÂÎÔ".contains(c));
    if vowel { format!("d’{next}") } else { format!("de {next}") }
}

fn at(locale: Locale, kind: PeriodKind, period: &str) -> String {
    match (locale, kind) {
        (Locale::En, PeriodKind::Span) => format!("in {period}"),
        (Locale::En, PeriodKind::Day) => format!("on {period}"),
        (Locale::Fr, PeriodKind::Span) => format!("en {period}"),
        (Locale::Fr, PeriodKind::Day) => format!("le {period}"),
    }
}

fn clause(
    locale: Locale,
    data: &Prepared,
    s: usize,
    kind: PeriodKind,
    format: &dyn Fn(f64) -> String,
) -> Vec<Part> {
    // Every sentence but "no data for …" starts with the label.
    let named = |rest: String| vec![data.label(s), own(rest)];
    let observed: Vec<(usize, f64)> =
        data.values[s].iter().enumerate().filter_map(|(p, v)| v.map(|v| (p, v))).collect();
    let (Some(&(i, a)), Some(&(j, b))) = (observed.first(), observed.last()) else {
        let lead = match locale {
            Locale::En => "no data for ",
            Locale::Fr => "aucune donnée pour ",
        };
        return vec![own(lead), data.label(s)];
    };
    let (fa, fb) = (format(a), format(b));
    let (pa, pb) = (&data.periods[i], &data.periods[j]);
    if i == j {
        return named(match locale {
            Locale::En => format!(" was {fa} {}", at(locale, kind, pa)),
            Locale::Fr => format!(" était de {fa} {}", at(locale, kind, pa)),
        });
    }
    let partial = i != 0 || j + 1 != data.periods.len();
    if fa == fb {
        let span = if partial {
            match locale {
                Locale::En => format!(" from {pa} to {pb}"),
                Locale::Fr => format!(" {}", from_to(locale, pa, pb)),
            }
        } else {
            String::new()
        };
        return named(match locale {
            Locale::En => format!(" held steady at {fa}{span}"),
            Locale::Fr => format!(" est stable à {fa}{span}"),
        });
    }
    let (fa, fb) = if partial { (format!("{fa} ({pa})"), format!("{fb} ({pb})")) } else { (fa, fb) };
    named(match (locale, b > a) {
        (Locale::En, true) => format!(" rose from {fa} to {fb}"),
        (Locale::En, false) => format!(" fell from {fa} to {fb}"),
        (Locale::Fr, true) => format!(" a augmenté de {fa} à {fb}"),
        (Locale::Fr, false) => format!(" a diminué de {fa} à {fb}"),
    })
}

/// "In progress" → "in progress", but "EU funds" stays as it is.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Series;
    use crate::charts::phrase::{html, plain};

    fn data(periods: &[&str], series: &[(&str, Vec<Option<f64>>)]) -> Prepared {
        let periods: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
        let series: Vec<Series> = series
            .iter()
            .map(|(label, values)| Series {
                key: label.to_string(),
                label: label.to_string(),
                lang: String::new(),
                values: values.clone(),
            })
            .collect();
        Prepared::new(&periods, &series)
    }

    #[test]
    fn partial_series_name_their_periods() {
        let d = data(
            &["Jan", "Feb", "Mar"],
            &[("A", vec![None, Some(1.0), Some(2.0)]), ("B", vec![Some(3.0), None, Some(3.0)])],
        );
        let en = |v: f64| Locale::En.number(v, 0);
        let sentence = trend(Locale::En, &[own("T")], &own(""), &d, PeriodKind::Span, &en);
        assert_eq!(plain(&sentence), "T, Jan to Mar: A rose from 1 (Feb) to 2 (Mar), B held steady at 3.");
    }

    #[test]
    fn french_elides_de_before_vowels() {
        assert_eq!(from_to(Locale::Fr, "avril 2021", "mai 2021"), "d’avril 2021 à mai 2021");
        assert_eq!(from_to(Locale::Fr, "mars 2021", "mai 2021"), "de mars 2021 à mai 2021");
    }

    #[test]
    fn status_sentence_lists_non_zero_counts() {
        let s = status(
            Locale::En,
            &[own("Activity status.")],
            &[own("North"), own("South")],
            &[("Done".into(), vec![3, 0]), ("In progress".into(), vec![2, 0])],
        );
        assert_eq!(plain(&s), "Activity status: North — done: 3, in progress: 2; South — no activities.");
    }

    #[test]
    fn names_keep_their_language_in_the_sentence() {
        let s = status(
            Locale::Fr,
            &[Part::new("Port Operations", "en"), own(" — Activités par état")],
            &[Part::new("Port Operations", "en")],
            &[("En cours".into(), vec![1])],
        );
        assert_eq!(
            html(&s),
            "<span lang=\"en\">Port Operations</span> — Activités par état\u{a0}: \
             <span lang=\"en\">Port Operations</span> — en cours\u{a0}: 1."
        );
        let d = data(&["Jan"], &[("A", vec![Some(1.0)]), ("B", vec![None])]);
        let d = Prepared { langs: vec!["en".into(), String::new()], ..d };
        let fr = |v: f64| Locale::Fr.number(v, 0);
        let sentence = trend(Locale::Fr, &[Part::new("T.", "en")], &own(""), &d, PeriodKind::Span, &fr);
        assert_eq!(
            html(&sentence),
            "<span lang=\"en\">T</span>, Jan\u{a0}: <span lang=\"en\">A</span> était de 1 en Jan, aucune donnée pour B."
        );
    }
}
