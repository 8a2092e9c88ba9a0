//! Numbers on charts: how many decimals a data set needs, "nice" axis scales,
//! and axis / bar labels with short-scale suffixes for very large values.

use crate::core::locale::Locale;

/// The fewest decimals (at most `max`) that write `value` exactly.
pub fn decimals_needed(value: f64, max: usize) -> usize {
    if !value.is_finite() || value.abs() >= 1e15 {
        return 0;
    }
    (0..max)
        .find(|&d| {
            let scaled = value * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() <= 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(max)
}

/// A value as written on a chart, in its table and its sentence: with the
/// decimals it needs (at most 2), never padded ("4", not "4.00"; "−1,250",
/// not "−1,250.00"; "12.5").
pub fn value_text(locale: Locale, value: f64) -> String {
    let mut decimals = decimals_needed(value, 2);
    // 2300.999 needs more than 2 decimals and rounds to 2301: no ".00".
    while decimals > 0 && ((value * 10f64.powi(decimals as i32)).round() % 10.0).abs() < 0.5 {
        decimals -= 1;
    }
    locale.number(value, decimals)
}

/// Whether every value is a whole number (a count): its axis then gets
/// whole-number ticks.
pub fn all_integers<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
    values.into_iter().all(|v| v.fract() == 0.0)
}

/// A linear axis from `k_lo * step` to `k_hi * step`, with a tick every step.
/// Positions are computed in step units so even extreme values never overflow.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub step: f64,
    k_lo: f64,
    k_hi: f64,
}

impl Scale {
    /// An axis covering `min..=max` and always 0 (it starts at 0 unless the
    /// data go negative), with about five steps of 1, 2, 2.5 or 5 × 10ⁿ.
    pub fn covering(min: f64, max: f64) -> Scale {
        let lo = if min.is_finite() { min.min(0.0) } else { 0.0 };
        let mut hi = if max.is_finite() { max.max(0.0) } else { 0.0 };
        if hi == lo {
            hi = lo + 1.0;
        }
        let step = nice_step(hi / 5.0 - lo / 5.0);
        Scale::with_step(lo, hi, step)
    }

    /// [`Scale::covering`], with whole-number steps when `integers` (counts
    /// get ticks 0, 1, 2…, never 0.5 or 2.5).
    pub fn covering_values(min: f64, max: f64, integers: bool) -> Scale {
        let scale = Scale::covering(min, max);
        if !integers || scale.step.fract() == 0.0 {
            return scale;
        }
        let step = if scale.step < 1.0 { 1.0 } else { scale.step.floor() };
        let lo = if min.is_finite() { min.min(0.0) } else { 0.0 };
        let hi = if max.is_finite() { max.max(0.0) } else { 0.0 };
        Scale::with_step(lo, hi, step)
    }

    /// An axis covering `lo..=hi` with the given tick step.
    pub fn with_step(lo: f64, hi: f64, step: f64) -> Scale {
        let step = if step.is_normal() && step > 0.0 { step } else { 1.0 };
        let k_lo = (lo / step).floor();
        let mut k_hi = (hi / step).ceil();
        if k_hi <= k_lo {
            k_hi = k_lo + 1.0;
        }
        Scale { step, k_lo, k_hi }
    }

    /// Where `value` falls on the axis, 0.0 at the bottom and 1.0 at the top.
    pub fn fraction(&self, value: f64) -> f64 {
        let f = (value / self.step - self.k_lo) / (self.k_hi - self.k_lo);
        if f.is_finite() { f } else { 0.0 }
    }

    /// The tick values, bottom to top (at most 12; ticks that overflow dropped).
    pub fn ticks(&self) -> Vec<f64> {
        let count = (self.k_hi - self.k_lo).min(11.0) as usize;
        let every = ((self.k_hi - self.k_lo) / count.max(1) as f64).ceil().max(1.0);
        (0..=count)
            .map(|i| (self.k_lo + i as f64 * every) * self.step)
            .filter(|v| v.is_finite() && *v <= self.k_hi * self.step)
            .collect()
    }

    /// The step between labelled ticks.
    pub fn tick_step(&self) -> f64 {
        let count = (self.k_hi - self.k_lo).clamp(1.0, 11.0);
        ((self.k_hi - self.k_lo) / count).ceil().max(1.0) * self.step
    }

    pub fn max_abs(&self) -> f64 {
        (self.k_lo * self.step).abs().max((self.k_hi * self.step).abs())
    }
}

fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The divisor and suffix used to write values of this size ("M", "B"/"Md", "T").
fn short_scale(locale: Locale, max_abs: f64) -> Option<(f64, &'static str)> {
    let fr = locale == Locale::Fr;
    if max_abs >= 1e12 && !fr {
        Some((1e12, "T"))
    } else if max_abs >= 1e9 {
        Some((1e9, if fr { "Md" } else { "B" }))
    } else if max_abs >= 1e6 {
        Some((1e6, "M"))
    } else {
        None
    }
}

/// Formats the tick labels of an axis: "12,345", or "1.5 M" / "1,5 M" once
/// the axis reaches millions.
pub struct AxisFormat {
    locale: Locale,
    divisor: f64,
    suffix: &'static str,
    decimals: usize,
}

impl AxisFormat {
    pub fn new(locale: Locale, scale: &Scale) -> AxisFormat {
        let (divisor, suffix) = short_scale(locale, scale.max_abs()).unwrap_or((1.0, ""));
        let decimals = decimals_needed(scale.tick_step() / divisor, 3);
        AxisFormat { locale, divisor, suffix, decimals }
    }

    pub fn label(&self, value: f64) -> String {
        if value == 0.0 {
            return "0".to_string();
        }
        let number = self.locale.number(value / self.divisor, self.decimals);
        if self.suffix.is_empty() { number } else { format!("{number}\u{a0}{}", self.suffix) }
    }
}

/// A compact value label for a bar: as [`value_text`] below a million,
/// then "1.2 M" style with at most one decimal.
pub fn short_value(locale: Locale, value: f64) -> String {
    match short_scale(locale, value.abs()) {
        Some((divisor, suffix)) => {
            format!("{}\u{a0}{suffix}", locale.number_auto(value / divisor, 1))
        }
        None => value_text(locale, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_data() {
        assert_eq!(decimals_needed(12.5, 2), 1);
        assert_eq!(decimals_needed(310.0, 2), 0);
        assert_eq!(decimals_needed(0.125, 2), 2);
        assert_eq!(value_text(Locale::En, 4.0), "4");
        assert_eq!(value_text(Locale::En, -1250.0), "−1,250");
        assert_eq!(value_text(Locale::En, 12.5), "12.5");
        assert_eq!(value_text(Locale::En, 0.126), "0.13");
        assert_eq!(value_text(Locale::En, 2300.999), "2,301");
        assert_eq!(value_text(Locale::En, 2300.496), "2,300.5");
        assert_eq!(value_text(Locale::Fr, -1250.5), "−1\u{202f}250,5");
        assert!(all_integers(&[0.0, 3.0, -2.0]));
        assert!(!all_integers(&[1.5]));
    }

    #[test]
    fn counts_get_whole_number_ticks() {
        for max in [1.0, 2.0, 3.0, 4.0, 7.0, 12.0, 13.0] {
            let s = Scale::covering_values(0.0, max, true);
            let ticks = s.ticks();
            assert!(ticks.iter().all(|t| t.fract() == 0.0), "{max}: {ticks:?}");
            assert!(ticks.last().is_some_and(|t| *t >= max), "{max}: {ticks:?}");
            assert!(ticks.len() >= 2, "{max}: {ticks:?}");
        }
        assert_eq!(Scale::covering_values(0.0, 2.0, true).ticks(), vec![0.0, 1.0, 2.0]);
        assert_eq!(Scale::covering_values(0.0, 2.0, false).ticks().get(1), Some(&0.5));
    }

    #[test]
    fn scales_start_at_zero_unless_negative() {
        let s = Scale::covering(11.0, 310.0);
        assert_eq!(s.ticks(), vec![0.0, 100.0, 200.0, 300.0, 400.0]);
        let s = Scale::covering(-40.0, 90.0);
        assert_eq!(s.ticks().first(), Some(&-50.0));
        assert!(s.ticks().contains(&0.0));
        let s = Scale::covering(0.0, 0.0);
        assert_eq!(s.ticks().len(), 6);
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        let s = Scale::covering(-f64::MAX, f64::MAX);
        assert!(s.fraction(f64::MAX).is_finite());
        assert!(s.ticks().iter().all(|t| t.is_finite()));
        let s = Scale::covering(0.0, 5e-324);
        assert!(s.fraction(5e-324).is_finite());
    }

    #[test]
    fn large_axes_use_short_scale_suffixes() {
        let s = Scale::covering(0.0, 2_400_000.0);
        let f = AxisFormat::new(Locale::En, &s);
        assert_eq!(f.label(1_500_000.0), "1.5\u{a0}M");
        let f = AxisFormat::new(Locale::Fr, &s);
        assert_eq!(f.label(1_500_000.0), "1,5\u{a0}M");
        let s = Scale::covering(0.0, 40_000.0);
        assert_eq!(AxisFormat::new(Locale::En, &s).label(12_000.0), "12,000");
        assert_eq!(short_value(Locale::En, 1_234_567.0), "1.2\u{a0}M");
        assert_eq!(short_value(Locale::Fr, 3e9), "3\u{a0}Md");
        assert_eq!(short_value(Locale::En, 12_345.0), "12,345");
    }
}
