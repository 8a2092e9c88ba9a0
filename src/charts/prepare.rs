//! Normalises untrusted series input: one value per period (extra values
//! dropped, short series padded), NaN and infinities treated as missing,
//! labels cleaned, and each series' style index chosen by its key.

use super::palette::{self, Fill, Rgb};
use super::phrase::Phrase;
use super::text::clean;
use super::{Part, Series};

/// Series ready to describe, tabulate and draw.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub periods: Vec<String>,
    pub labels: Vec<String>,
    /// Each label's language when it is not the chart's, else empty.
    pub langs: Vec<String>,
    /// `values[s][p]`: series `s` at period `p`; `None` = no observation.
    pub values: Vec<Vec<Option<f64>>>,
    /// Colour / marker / dash / hatch index: the order in which each
    /// distinct key first appears.
    pub styles: Vec<usize>,
    /// The colours series take, in turn ([`palette::series_colors`]).
    pub colors: Vec<Rgb>,
}

impl Prepared {
    pub fn new(periods: &[String], series: &[Series]) -> Prepared {
        let periods: Vec<String> = periods.iter().map(|p| clean(p)).collect();
        let n = periods.len();
        let mut keys: Vec<String> = Vec::new();
        let mut labels = Vec::new();
        let mut langs = Vec::new();
        let mut values = Vec::new();
        let mut styles = Vec::new();
        for (i, s) in series.iter().enumerate() {
            let own = clean(&s.label);
            // The language goes with the label, not with a key shown instead.
            langs.push(if own.is_empty() { String::new() } else { s.lang.clone() });
            let label = [own, clean(&s.key)]
                .into_iter()
                .find(|l| !l.is_empty())
                .unwrap_or_else(|| format!("#{}", i + 1));
            let key = if s.key.is_empty() { format!("\u{0}{i}") } else { s.key.clone() };
            let style = keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                keys.push(key);
                keys.len() - 1
            });
            let row: Vec<Option<f64>> =
                (0..n).map(|p| s.values.get(p).copied().flatten().filter(|v| v.is_finite())).collect();
            labels.push(label);
            values.push(row);
            styles.push(style);
        }
        Prepared { periods, labels, langs, values, styles, colors: palette::SERIES.to_vec() }
    }

    /// The colour of series `s`.
    pub fn color(&self, s: usize) -> Rgb {
        let style = self.styles.get(s).copied().unwrap_or(0);
        self.colors.get(style % self.colors.len().max(1)).copied().unwrap_or(palette::SERIES[0])
    }

    /// The bar fill of series `s`: its colour and its texture.
    pub fn fill(&self, s: usize) -> Fill {
        Fill { color: self.color(s), ..palette::series_fill(self.styles.get(s).copied().unwrap_or(0)) }
    }

    /// Whether series `s` has at least one observation.
    pub fn has_data(&self, s: usize) -> bool {
        self.values.get(s).is_some_and(|row| row.iter().any(Option::is_some))
    }

    /// Whether any series has an observation.
    pub fn any_data(&self) -> bool {
        (0..self.values.len()).any(|s| self.has_data(s))
    }

    /// Series `s`'s label in its language.
    pub fn label(&self, s: usize) -> Part {
        Part::new(self.labels[s].clone(), self.langs[s].clone())
    }

    /// `prefix` then the labels of the series without any observation, each
    /// in its language, joined by ", "; empty when every series has data.
    pub fn without_data_note(&self, prefix: &str) -> Phrase {
        let without: Vec<usize> = (0..self.labels.len()).filter(|&s| !self.has_data(s)).collect();
        if without.is_empty() {
            return Phrase::new(&[]);
        }
        let mut parts = vec![Part::new(prefix, "")];
        for (i, s) in without.into_iter().enumerate() {
            if i > 0 {
                parts.push(Part::new(", ", ""));
            }
            parts.push(self.label(s));
        }
        Phrase::new(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(key: &str, label: &str, values: Vec<Option<f64>>) -> Series {
        Series { key: key.into(), label: label.into(), lang: String::new(), values }
    }

    #[test]
    fn values_are_aligned_to_periods_and_non_finite_dropped() {
        let periods = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let p = Prepared::new(
            &periods,
            &[series("X", "", vec![Some(f64::NAN), Some(f64::INFINITY), Some(1.0), Some(9.0)])],
        );
        assert_eq!(p.values[0], vec![None, None, Some(1.0)]);
        assert_eq!(p.labels[0], "X");
        let p = Prepared::new(&periods, &[series("", "", vec![Some(1.0)])]);
        assert_eq!(p.values[0], vec![Some(1.0), None, None]);
        assert_eq!(p.labels[0], "#1");
    }

    #[test]
    fn styles_follow_first_appearance_of_keys() {
        let p = Prepared::new(
            &[],
            &[
                series("CA", "Canada", vec![]),
                series("US", "United States", vec![]),
                series("CA", "Canada again", vec![]),
                series("", "", vec![]),
            ],
        );
        assert_eq!(p.styles, vec![0, 1, 0, 2]);
        assert!(!p.any_data());
    }
}
