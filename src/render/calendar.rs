//! `calendar.ics` (and `calendar/<group>.ics`): every meeting (at its time
//! when the meeting gives one, else all day) and every open action's due
//! date (all day) as iCalendar (RFC 5545), for members to subscribe to.
//!
//! Written by hand rather than with a calendar crate: the one well-kept
//! writer (`icalendar`) stamps each event with the current time unless told
//! otherwise and brings chrono and uuid along, while what a published
//! calendar needs is small and exact: CRLF line ends, lines folded at 75
//! octets without splitting a character, TEXT escaping, and UIDs and stamps
//! that stay the same from one build to the next (a UID names the meeting or
//! action, the stamp is the briefing date). Tests parse the result with an
//! independent reader. A meeting in a time zone (its own or the
//! committee's) is given at its wall time there with a `TZID`, and the
//! calendar holds that zone's `VTIMEZONE`; without a zone, at its floating
//! local time. Also each meeting's invitation (`invite.ics`).

use jiff::civil::Date;

use super::localize::Localizer;
use super::urls;
use super::view::parts::Tracked;
use crate::derive::{ActionState, GroupState};
use crate::model::{Meeting, Site};

/// The calendars of one language: `calendar.ics` and one per group.
pub fn files(l: &Localizer, site: &Site, state: &Tracked, base: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let all_meetings: Vec<&Meeting> = state.meetings().to_vec();
    let open: Vec<&ActionState> =
        state.actions().iter().filter(|a| !a.action.status.is_closed() && a.action.due.is_some()).collect();
    let cal = Calendar { l, site, groups: state.groups(), as_of: state.as_of(), base };
    out.push((
        "calendar.ics".to_string(),
        cal.write(&l.text(&site.title), &all_meetings, &open).into_bytes(),
    ));
    use rayon::prelude::*;
    let groups: Vec<(String, Vec<u8>)> = cal
        .groups
        .par_iter()
        .map(|g| {
            let id = &g.group.id;
            let concerns = |m: &&Meeting| {
                m.decisions.iter().any(|d| d.group.as_ref().is_some_and(|x| &x.value == id))
                    || m.actions.iter().any(|a| a.group.as_ref().is_some_and(|x| &x.value == id))
            };
            let meetings: Vec<&Meeting> = all_meetings.iter().copied().filter(concerns).collect();
            let actions: Vec<&ActionState> = open
                .iter()
                .copied()
                .filter(|a| a.action.group.as_ref().is_some_and(|x| &x.value == id))
                .collect();
            let name = format!("{} — {}", l.text(&site.title), l.text(&g.group.name));
            (format!("calendar/{id}.ics"), cal.write(&name, &meetings, &actions).into_bytes())
        })
        .collect();
    out.extend(groups);
    out
}

/// `meetings/<meeting>/invite.ics`: the one meeting as an event to add to a
/// calendar (`METHOD:PUBLISH`), with its zone, its place or join link, and
/// its agenda (`agenda`, one item a line) in the description. Its UID is the
/// meeting's in `calendar.ics`, so a calendar holding both keeps one event.
pub fn invite(
    l: &Localizer,
    site: &Site,
    as_of: Date,
    base: Option<&str>,
    m: &Meeting,
    agenda: &str,
) -> Vec<u8> {
    let cal = Calendar { l, site, groups: &[], as_of, base };
    let mut ics = Ics::default();
    cal.head(&mut ics, &l.text(&m.title));
    cal.time_zones(&mut ics, &[m]);
    let stamp = format!("{}T000000Z", compact(as_of));
    cal.meeting_event(&mut ics, m, &stamp, &cal.host(), Some(agenda));
    ics.line("END", "VCALENDAR");
    ics.out.into_bytes()
}

struct Calendar<'a, 'c> {
    l: &'a Localizer,
    site: &'a Site,
    groups: &'a [GroupState<'c>],
    as_of: jiff::civil::Date,
    base: Option<&'a str>,
}

impl Calendar<'_, '_> {
    fn write(&self, name: &str, meetings: &[&Meeting], actions: &[&ActionState]) -> String {
        let l = self.l;
        let mut ics = Ics::default();
        self.head(&mut ics, name);
        let stamp = format!("{}T000000Z", compact(self.as_of));
        let host = self.host();
        self.time_zones(&mut ics, meetings);
        for m in meetings {
            self.meeting_event(&mut ics, m, &stamp, &host, None);
        }
        for a in actions {
            let Some(due) = a.action.due else { continue };
            let action = a.action;
            let group = action
                .group
                .as_ref()
                .and_then(|g| self.groups.iter().find(|x| x.group.id == g.value))
                .map(|g| l.text(&g.group.name));
            let url = self.url(&urls::with_index("actions/"));
            ics.line("BEGIN", "VEVENT");
            ics.line("UID", &text(&format!("action-{}@{host}", action.id.value)));
            ics.line("DTSTAMP", &stamp);
            ics.line("DTSTART;VALUE=DATE", &compact(due));
            ics.line("DTEND;VALUE=DATE", &compact(due.tomorrow().unwrap_or(due)));
            let what = super::data::plain(&l.text(&action.text));
            let summary = l.fill("calendar_action_due", &[("id", &action.id.value), ("text", &what)]);
            ics.line("SUMMARY", &text(&summary));
            let mut description = vec![
                format!("{}: {}", l.s("col_owner"), l.text(&action.owner)),
                format!("{}: {}", l.s("col_status"), l.action_status(action.status, a.overdue).label),
            ];
            if let Some(g) = &group {
                description.push(format!("{}: {g}", l.s("col_group")));
            }
            description.push(format!(
                "{}: {} ({})",
                l.s("col_meeting"),
                l.text(&a.meeting.title),
                a.meeting.date
            ));
            description.push(super::data::plain(&l.text(&action.text)));
            if let Some(u) = &url {
                description.push(u.clone());
                ics.line("URL", u);
            }
            ics.line("DESCRIPTION", &text(&description.join("\n")));
            if let Some(g) = &group {
                ics.line("CATEGORIES", &text(g));
            }
            ics.line("TRANSP", "TRANSPARENT");
            ics.line("END", "VEVENT");
        }
        ics.line("END", "VCALENDAR");
        ics.out
    }

    fn head(&self, ics: &mut Ics, name: &str) {
        ics.line("BEGIN", "VCALENDAR");
        ics.line("VERSION", "2.0");
        ics.line("PRODID", &format!("-//briefing//briefing {}//EN", env!("CARGO_PKG_VERSION")));
        ics.line("CALSCALE", "GREGORIAN");
        ics.line("METHOD", "PUBLISH");
        ics.line("X-WR-CALNAME", &text(name));
    }

    /// A `VTIMEZONE` for each zone the timed meetings are in, over the
    /// years they span (RFC 5545 3.6.5): every transition of the zone in
    /// those years as one `STANDARD` or `DAYLIGHT` part, from the tz
    /// database bundled in the program.
    fn time_zones(&self, ics: &mut Ics, meetings: &[&Meeting]) {
        let mut zones: std::collections::BTreeMap<&str, (i16, i16)> = std::collections::BTreeMap::new();
        for m in meetings.iter().filter(|m| m.time.is_some()) {
            if let Some(zone) = m.zone(self.site) {
                let y = m.date.year();
                let span = zones.entry(zone).or_insert((y, y));
                *span = (span.0.min(y), span.1.max(y));
            }
        }
        for (name, (first, last)) in zones {
            let Some(tz) = crate::core::zone::get(name) else { continue };
            ics.line("BEGIN", "VTIMEZONE");
            ics.line("TZID", &text(name));
            for p in crate::core::zone::periods(&tz, first, last) {
                let kind = if p.dst { "DAYLIGHT" } else { "STANDARD" };
                ics.line("BEGIN", kind);
                let d = p.start;
                ics.line(
                    "DTSTART",
                    &format!("{}T{:02}{:02}{:02}", compact(d.date()), d.hour(), d.minute(), d.second()),
                );
                ics.line("TZOFFSETFROM", &utc_offset(p.from));
                ics.line("TZOFFSETTO", &utc_offset(p.to));
                if !p.name.is_empty() {
                    ics.line("TZNAME", &text(&p.name));
                }
                ics.line("END", kind);
            }
            ics.line("END", "VTIMEZONE");
        }
    }

    /// A meeting's event: at its time in its zone (`TZID`), at its floating
    /// local time without a zone, else all day. `agenda` (the invitation's)
    /// replaces the counts of decisions and actions in its description.
    fn meeting_event(&self, ics: &mut Ics, m: &Meeting, stamp: &str, host: &str, agenda: Option<&str>) {
        let l = self.l;
        let url = self.url(&urls::meeting(&m.slug));
        ics.line("BEGIN", "VEVENT");
        ics.line("UID", &text(&format!("meeting-{}@{host}", m.slug)));
        ics.line("DTSTAMP", stamp);
        match m.time {
            Some(t) => {
                let zone = m.zone(self.site).filter(|z| crate::core::zone::get(z).is_some());
                // With a zone, its wall time there (`TZID`, which calendars
                // convert); without, the local time as written: "floating"
                // (RFC 5545 3.3.5), shown at that hour wherever it is read.
                let name = |prop: &str| match zone {
                    Some(z) => format!("{prop};TZID={}", param(z)),
                    None => prop.to_string(),
                };
                let at = |(h, min): (u8, u8)| format!("{}T{h:02}{min:02}00", compact(m.date));
                ics.line(&name("DTSTART"), &at(t.start));
                if let Some(end) = t.end {
                    ics.line(&name("DTEND"), &at(end));
                }
            }
            None => {
                ics.line("DTSTART;VALUE=DATE", &compact(m.date));
                ics.line("DTEND;VALUE=DATE", &compact(m.date.tomorrow().unwrap_or(m.date)));
            }
        }
        ics.line("SUMMARY", &text(&l.text(&m.title)));
        let format = m.format.map(|f| l.s(&format!("format_{}", f.replace('-', "_"))));
        let place = m.location.as_ref().map(|t| l.text(t)).or(m.join.clone()).or(format.clone());
        if let Some(place) = place {
            ics.line("LOCATION", &text(&place));
        }
        let mut description = Vec::new();
        if let Some(f) = &format {
            description.push(format!("{}: {f}", l.s("col_format")));
        }
        if let Some(join) = &m.join {
            description.push(format!("{}: {join}", l.s("label_join")));
        }
        match agenda {
            Some(agenda) => description.push(agenda.to_string()),
            None => {
                description.push(format!("{}: {}", l.s("col_decisions"), m.decisions.len()));
                description.push(format!("{}: {}", l.s("col_actions"), m.actions.len()));
            }
        }
        // The join link is the address to open at the meeting's time.
        if let Some(u) = m.join.as_ref().or(url.as_ref()) {
            ics.line("URL", u);
        }
        if let Some(u) = &url {
            description.push(u.clone());
        }
        ics.line("DESCRIPTION", &text(&description.join("\n")));
        ics.line("TRANSP", "OPAQUE");
        ics.line("END", "VEVENT");
    }

    /// The absolute address of a page, with a base URL (a calendar's links
    /// are opened from outside the site, so they cannot be relative).
    fn url(&self, page: &str) -> Option<String> {
        let prefix = urls::lang_prefix(&self.l.lang, self.site.default_lang());
        let page = page.strip_suffix("index.html").unwrap_or(page);
        self.base.map(|b| format!("{b}{prefix}{page}"))
    }

    /// The domain of UIDs: the base URL's host, else one derived from the
    /// committee's title, so that UIDs stay the same from build to build.
    fn host(&self) -> String {
        if let Some(host) = self.base.and_then(|b| b.split("://").nth(1)).and_then(|r| r.split('/').next()) {
            return host.to_ascii_lowercase();
        }
        let title = self.site.title.get(self.site.default_lang(), self.site.default_lang());
        let slug = crate::core::words::kebab(title);
        let slug = if slug.is_empty() { "committee".to_string() } else { slug.chars().take(60).collect() };
        format!("{slug}.briefing.invalid")
    }
}

/// A UTC offset as iCalendar writes it: `-0400`, `+0530`, `+0000`.
fn utc_offset(o: jiff::tz::Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{s:02}") }
}

/// A parameter value (RFC 5545 3.2): quoted when it holds `:`, `;` or `,`.
fn param(v: &str) -> String {
    let v: String = v.chars().filter(|c| !c.is_control() && *c != '"').collect();
    if v.contains([':', ';', ',']) { format!("\"{v}\"") } else { v }
}

/// `20210526`.
fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Content lines, folded at 75 octets (never inside a character) with CRLF.
#[derive(Default)]
struct Ics {
    out: String,
}

impl Ics {
    fn line(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += len;
        }
        self.out.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut ics = Ics::default();
        let value = "é".repeat(100);
        ics.line("SUMMARY", &value);
        for line in ics.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\r\ne\nf"), "a\\, b\\; c\\\\d\\ne\\nf");
    }
}
