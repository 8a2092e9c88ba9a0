//! Time zones by their IANA names (`America/Toronto`), from the tz database
//! bundled in the program (jiff's `tzdb-bundle-always`), never the machine's
//! `/usr/share/zoneinfo`: a zone's abbreviations, offsets and transitions,
//! and so every calendar and notice, are the same on every machine.
//!
//! Owns nothing of the pipeline. Imports only `core` (and jiff).

use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone, TimeZoneDatabase};

fn db() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// The zone named `name` (its IANA name, in any case), if the database has it.
pub fn get(name: &str) -> Option<TimeZone> {
    // Only names, never a path or a POSIX rule.
    if name.is_empty() || name.contains("..") || name.starts_with('/') || name.contains('\\') {
        return None;
    }
    db().get(name).ok()
}

/// The database's spelling of a zone's name (`america/toronto` is
/// `America/Toronto`), if it has the zone.
pub fn canonical(name: &str) -> Option<String> {
    let zone = get(name)?;
    Some(zone.iana_name().unwrap_or(name).to_string())
}

/// Every zone name of the database, sorted (for "did you mean" hints).
pub fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut all: Vec<String> = db().available().map(|n| n.as_str().to_string()).collect();
        all.sort();
        all
    })
}

/// The instant at which the wall clock of `zone` shows `date` at `h:m`
/// (a time skipped by a change to summer time is read in the offset before
/// it, a time seen twice as its first, as RFC 5545 says).
pub fn instant(zone: &TimeZone, date: Date, (h, m): (u8, u8)) -> Option<Timestamp> {
    let dt = date.at(h as i8, m as i8, 0, 0);
    zone.to_ambiguous_timestamp(dt).compatible().ok()
}

/// The zone's abbreviation at `date` `h:m` on its clock (`EDT`, `CET`,
/// `+0530` when the database has none but an offset).
pub fn abbreviation(zone: &TimeZone, date: Date, at: (u8, u8)) -> String {
    match instant(zone, date, at) {
        Some(ts) => zone.to_offset_info(ts).abbreviation().to_string(),
        None => String::new(),
    }
}

/// One period of a zone's clock from `start` (its local wall time in the
/// offset before it): the offsets before and after, its abbreviation, and
/// whether it is summer time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: DateTime,
    pub from: Offset,
    pub to: Offset,
    pub name: String,
    pub dst: bool,
}

/// The periods of `zone` that cover the years `first` to `last` whole: the
/// one in effect on 1 January of `first` (starting then), then each
/// transition up to the end of `last`.
pub fn periods(zone: &TimeZone, first: i16, last: i16) -> Vec<Period> {
    let (Ok(begin), Ok(end)) = (Date::new(first, 1, 1), Date::new(last.saturating_add(1), 1, 1)) else {
        return Vec::new();
    };
    let (Ok(begin), Ok(end)) =
        (zone.to_timestamp(begin.at(0, 0, 0, 0)), zone.to_timestamp(end.at(0, 0, 0, 0)))
    else {
        return Vec::new();
    };
    let info = zone.to_offset_info(begin);
    let offset = info.offset();
    let mut out = vec![Period {
        start: offset.to_datetime(begin),
        from: offset,
        to: offset,
        name: info.abbreviation().to_string(),
        dst: info.dst().is_dst(),
    }];
    let mut before = offset;
    for t in zone.following(begin) {
        if t.timestamp() >= end {
            break;
        }
        out.push(Period {
            start: before.to_datetime(t.timestamp()),
            from: before,
            to: t.offset(),
            name: t.abbreviation().to_string(),
            dst: t.dst().is_dst(),
        });
        before = t.offset();
        if out.len() > 1000 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_come_from_the_bundled_database() {
        let toronto = get("America/Toronto").unwrap();
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(abbreviation(&toronto, d(2021, 5, 26), (14, 0)), "EDT");
        assert_eq!(abbreviation(&toronto, d(2021, 2, 23), (14, 0)), "EST");
        assert_eq!(canonical("america/toronto").as_deref(), Some("America/Toronto"));
        assert!(get("America/Torronto").is_none());
        assert!(get("../etc/passwd").is_none());
        assert!(names().iter().any(|n| n == "Europe/Paris"));
        let ts = instant(&toronto, d(2021, 11, 10), (13, 0)).unwrap();
        assert_eq!(ts.to_string(), "2021-11-10T18:00:00Z");
    }

    #[test]
    fn periods_cover_the_years_with_their_transitions() {
        let toronto = get("America/Toronto").unwrap();
        let p = periods(&toronto, 2021, 2021);
        let shown: Vec<String> =
            p.iter().map(|p| format!("{} {} {} {}", p.start, p.from, p.to, p.name)).collect();
        assert_eq!(
            shown,
            [
                "2021-01-01T00:00:00 -05 -05 EST",
                "2021-03-14T02:00:00 -05 -04 EDT",
                "2021-11-07T02:00:00 -04 -05 EST",
            ]
        );
        let tokyo = get("Asia/Tokyo").unwrap();
        assert_eq!(periods(&tokyo, 2021, 2022).len(), 1);
    }
}
