//! Locale-aware formatting of numbers, percentages and dates for the languages
//! a site may publish in. Unknown languages format like English.

use jiff::civil::Date;

/// How numbers and dates are written in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Fr,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_SHORT_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_SHORT_FR: [&str; 12] =
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

impl Locale {
    /// The locale for a language code such as `en` or `fr`.
    pub fn for_lang(lang: &str) -> Locale {
        match lang {
            "fr" => Locale::Fr,
            _ => Locale::En,
        }
    }

    /// A number with `decimals` digits after the separator and grouped thousands:
    /// `1,234.5` in English, `1 234,5` in French (narrow no-break space).
    pub fn number(self, value: f64, decimals: usize) -> String {
        let (group, point) = match self {
            Locale::En => (",", "."),
            Locale::Fr => ("\u{202f}", ","),
        };
        let raw = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = match raw.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (raw.clone(), None),
        };
        let mut grouped = String::new();
        let digits: Vec<char> = int_part.chars().collect();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(group);
            }
            grouped.push(*c);
        }
        let negative = value < 0.0 && raw.chars().any(|c| c.is_ascii_digit() && c != '0');
        let mut out = String::new();
        if negative {
            out.push('\u{2212}');
        }
        out.push_str(&grouped);
        if let Some(f) = frac_part {
            out.push_str(point);
            out.push_str(&f);
        }
        out
    }

    /// A number with as few decimals as it needs (at most `max_decimals`).
    pub fn number_auto(self, value: f64, max_decimals: usize) -> String {
        let mut decimals = 0;
        while decimals < max_decimals {
            let scale = 10f64.powi(decimals as i32);
            if ((value * scale).round() - value * scale).abs() < 1e-9 {
                break;
            }
            decimals += 1;
        }
        self.number(value, decimals)
    }

    /// A whole percentage: `35%` in English, `35 %` in French.
    pub fn percent(self, value: f64) -> String {
        match self {
            Locale::En => format!("{}%", self.number(value, 0)),
            Locale::Fr => format!("{}\u{a0}%", self.number(value, 0)),
        }
    }

    /// The separator before an explanation: `: ` in English, ` : ` (with a
    /// no-break space) in French.
    pub fn colon(self) -> &'static str {
        match self {
            Locale::En => ": ",
            Locale::Fr => "\u{a0}: ",
        }
    }

    /// A full date: `May 26, 2021` / `26 mai 2021`.
    pub fn date(self, date: Date) -> String {
        let m = (date.month() - 1) as usize;
        match self {
            Locale::En => format!("{} {}, {}", MONTHS_EN[m], date.day(), date.year()),
            Locale::Fr if date.day() == 1 => format!("1er {} {}", MONTHS_FR[m], date.year()),
            Locale::Fr => format!("{} {} {}", date.day(), MONTHS_FR[m], date.year()),
        }
    }

    /// A short date for tables: `May 26, 2021` / `26 mai 2021` with short months.
    pub fn date_short(self, date: Date) -> String {
        let m = (date.month() - 1) as usize;
        match self {
            Locale::En => format!("{} {}, {}", MONTHS_SHORT_EN[m], date.day(), date.year()),
            Locale::Fr => format!("{} {} {}", date.day(), MONTHS_SHORT_FR[m], date.year()),
        }
    }

    /// A compact date for printed tables, day first in both languages, no
    /// comma, with no-break spaces so that it never wraps: `31 Dec 2021` /
    /// `31 déc. 2021`.
    pub fn date_compact(self, date: Date) -> String {
        let m = (date.month() - 1) as usize;
        let month = match self {
            Locale::En => MONTHS_SHORT_EN[m],
            Locale::Fr => MONTHS_SHORT_FR[m],
        };
        format!("{}\u{a0}{month}\u{a0}{}", date.day(), date.year())
    }

    /// A month of a year: `March 2021` / `mars 2021`.
    pub fn month(self, year: i16, month: i8) -> String {
        let m = (month.clamp(1, 12) - 1) as usize;
        match self {
            Locale::En => format!("{} {}", MONTHS_EN[m], year),
            Locale::Fr => format!("{} {}", MONTHS_FR[m], year),
        }
    }

    /// A short month label for chart axes: `Mar 2021` / `mars 2021`.
    pub fn month_short(self, year: i16, month: i8) -> String {
        let m = (month.clamp(1, 12) - 1) as usize;
        match self {
            Locale::En => format!("{} {}", MONTHS_SHORT_EN[m], year),
            Locale::Fr => format!("{} {}", MONTHS_SHORT_FR[m], year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn numbers_group_and_separate_by_language() {
        assert_eq!(Locale::En.number(1234.5, 1), "1,234.5");
        assert_eq!(Locale::Fr.number(1234.5, 1), "1\u{202f}234,5");
        assert_eq!(Locale::En.number(12.5, 1), "12.5");
        assert_eq!(Locale::Fr.number(12.5, 1), "12,5");
        assert_eq!(Locale::En.number(-1234567.0, 0), "\u{2212}1,234,567");
        assert_eq!(Locale::En.number(-0.001, 1), "0.0");
        assert_eq!(Locale::En.number_auto(290.5, 2), "290.5");
        assert_eq!(Locale::En.number_auto(310.0, 2), "310");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(Locale::En.date(date(2021, 5, 26)), "May 26, 2021");
        assert_eq!(Locale::Fr.date(date(2021, 5, 26)), "26 mai 2021");
        assert_eq!(Locale::Fr.date(date(2021, 5, 1)), "1er mai 2021");
        assert_eq!(Locale::En.percent(35.0), "35%");
        assert_eq!(Locale::Fr.percent(35.0), "35\u{a0}%");
    }

    #[test]
    fn compact_dates_fit_a_narrow_column_and_never_wrap() {
        assert_eq!(Locale::En.date_compact(date(2021, 12, 31)), "31\u{a0}Dec\u{a0}2021");
        assert_eq!(Locale::Fr.date_compact(date(2021, 12, 31)), "31\u{a0}déc.\u{a0}2021");
        assert_eq!(Locale::Fr.date_compact(date(2021, 5, 1)), "1\u{a0}mai\u{a0}2021");
        for month in 1..=12 {
            let d = Locale::Fr.date_compact(date(2021, month, 28));
            assert!(d.chars().count() <= 13 && !d.contains(' '), "{d}");
        }
    }
}
