//! Dates as content writes them (`YYYY-MM-DD`): read by the loaders, the
//! command line and the charts' period labels alike.

use jiff::civil::Date;

/// Parses `YYYY-MM-DD` strictly, saying why a date is impossible.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let well_formed = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !well_formed {
        return Err(format!("`{text}` is not in the form YYYY-MM-DD"));
    }
    let (y, m, d): (i16, i8, i8) = (
        parts[0].parse().map_err(|_| "bad year".to_string())?,
        parts[1].parse().map_err(|_| "bad month".to_string())?,
        parts[2].parse().map_err(|_| "bad day".to_string())?,
    );
    if !(1..=12).contains(&m) {
        return Err(format!("{text} has no month {m}"));
    }
    Date::new(y, m, d).map_err(|_| {
        let month = crate::core::locale::Locale::En.month(y, m);
        format!("{month} has no day {d}")
    })
}

/// The real date nearest to an impossible one written `YYYY-MM-DD`: a day
/// past the month's end becomes its last day (2021-02-30 -> 2021-02-28), day
/// 00 the first. None when the form or the month is wrong.
pub fn nearest_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let first = Date::new(y, m, 1).ok()?;
    Date::new(y, m, d.clamp(1, first.days_in_month())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("2021-05-26").is_ok());
        assert_eq!(parse_date("2021-02-30").unwrap_err(), "February 2021 has no day 30");
        let nearest = |t| nearest_date(t).map(|d| d.to_string());
        assert_eq!(nearest("2021-02-30").as_deref(), Some("2021-02-28"));
        assert_eq!(nearest("2024-02-31").as_deref(), Some("2024-02-29"));
        assert_eq!(nearest("2021-04-31").as_deref(), Some("2021-04-30"));
        assert_eq!(nearest("2021-06-00").as_deref(), Some("2021-06-01"));
        assert_eq!(nearest("2021-13-01"), None);
        assert_eq!(nearest("21-5-26"), None);
        assert_eq!(nearest("2021-0é-01"), None);
        assert!(parse_date("2021-13-01").is_err());
        assert!(parse_date("21-5-26").is_err());
    }
}
