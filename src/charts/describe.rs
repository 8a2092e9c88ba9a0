//! The one-sentence description of each chart, in the chart's language: what
//! is measured, over which periods, and how each series moved.

use super::prepare::Prepared;
use super::words::words;
use crate::locale::Locale;

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
    title: &str,
    unit: &str,
    data: &Prepared,
    kind: PeriodKind,
    format: &dyn Fn(f64) -> String,
) -> String {
    let n = data.periods.len();
    let range = match n {
        0 => String::new(),
        1 => data.periods[0].clone(),
        _ => from_to(locale, &data.periods[0], &data.periods[n - 1]),
    };
    let head = head(locale, &[title, unit, &range]);
    if !data.any_data() {
        return format!("{head} {}.", words(locale).no_data_sentence);
    }
    let clauses: Vec<String> =
        (0..data.labels.len()).map(|s| clause(locale, data, s, kind, format)).collect();
    format!("{head} {}.", clauses.join(", "))
}

/// "Title: no data yet." / "Titre : aucune donnée pour l'instant."
pub fn no_data(locale: Locale, title: &str) -> String {
    format!("{} {}.", head(locale, &[title]), words(locale).no_data_sentence)
}

/// "Title: North — done: 3, in progress: 2; South — done: 1."
pub fn status(locale: Locale, title: &str, categories: &[String], columns: &[(String, Vec<u32>)]) -> String {
    let w = words(locale);
    let groups: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
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
            format!("{category} — {counts}")
        })
        .collect();
    let separator = format!("{} ", w.semicolon);
    format!("{} {}.", head(locale, &[title]), groups.join(&separator))
}

/// The non-empty parts joined by commas, then a colon; a trailing full stop
/// of the title is dropped.
fn head(locale: Locale, parts: &[&str]) -> String {
    let parts: Vec<&str> =
        parts.iter().map(|p| p.trim().trim_end_matches('.')).filter(|p| !p.is_empty()).collect();
    format!("{}{}", parts.join(", "), words(locale).colon)
}

fn from_to(locale: Locale, from: &str, to: &str) -> String {
    match locale {
        Locale::En => format!("{from} to {to}"),
        Locale::Fr => format!("{} à {to}", de(from)),
    }
}

/// French "de", elided before a vowel: "de mars", "d'avril".
fn de(next: &str) -> String {
    let vowel = next.chars().next().is_some_and(|c| "aeiouyàâéèêëîïôûAEIOUYÉÈÊÂÎÔ".contains(c));
    if vowel { format!("d'{next}") } else { format!("de {next}") }
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
) -> String {
    let label = &data.labels[s];
    let observed: Vec<(usize, f64)> =
        data.values[s].iter().enumerate().filter_map(|(p, v)| v.map(|v| (p, v))).collect();
    let (Some(&(i, a)), Some(&(j, b))) = (observed.first(), observed.last()) else {
        return match locale {
            Locale::En => format!("no data for {label}"),
            Locale::Fr => format!("aucune donnée pour {label}"),
        };
    };
    let (fa, fb) = (format(a), format(b));
    let (pa, pb) = (&data.periods[i], &data.periods[j]);
    if i == j {
        return match locale {
            Locale::En => format!("{label} was {fa} {}", at(locale, kind, pa)),
            Locale::Fr => format!("{label} était de {fa} {}", at(locale, kind, pa)),
        };
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
        return match locale {
            Locale::En => format!("{label} held steady at {fa}{span}"),
            Locale::Fr => format!("{label} est stable à {fa}{span}"),
        };
    }
    let (fa, fb) = if partial { (format!("{fa} ({pa})"), format!("{fb} ({pb})")) } else { (fa, fb) };
    match (locale, b > a) {
        (Locale::En, true) => format!("{label} rose from {fa} to {fb}"),
        (Locale::En, false) => format!("{label} fell from {fa} to {fb}"),
        (Locale::Fr, true) => format!("{label} a augmenté de {fa} à {fb}"),
        (Locale::Fr, false) => format!("{label} a diminué de {fa} à {fb}"),
    }
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
        assert_eq!(
            trend(Locale::En, "T", "", &d, PeriodKind::Span, &en),
            "T, Jan to Mar: A rose from 1 (Feb) to 2 (Mar), B held steady at 3."
        );
    }

    #[test]
    fn french_elides_de_before_vowels() {
        assert_eq!(from_to(Locale::Fr, "avril 2021", "mai 2021"), "d'avril 2021 à mai 2021");
        assert_eq!(from_to(Locale::Fr, "mars 2021", "mai 2021"), "de mars 2021 à mai 2021");
    }

    #[test]
    fn status_sentence_lists_non_zero_counts() {
        let s = status(
            Locale::En,
            "Activity status",
            &["North".into(), "South".into()],
            &[("Done".into(), vec![3, 0]), ("In progress".into(), vec![2, 0])],
        );
        assert_eq!(s, "Activity status: North — done: 3, in progress: 2; South — no activities.");
    }
}
