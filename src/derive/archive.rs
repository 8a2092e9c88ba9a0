//! A meeting's pack as it was made: the content as it stood on the
//! meeting's briefing date, from which the archive's book of that meeting
//! is derived and rendered like any other (`print/<meeting>/`).
//!
//! As of a meeting: the updates dated on or before its date (those reported
//! for it), the meetings before it with their records (a record approved at
//! this meeting or a later one is still circulated for approval), and the
//! meeting itself with its agenda alone (no decisions, actions, attendance
//! or record yet); nothing dated after it. An action's status is the one its
//! meeting's file gives now: files keep no history of it.
//!
//! Must not import `load`, `yaml`, `validate`, `render`, `theme`, `charts`,
//! `write`, `site`, `cli`, `serve`, `pdf`.

use std::sync::Arc;

use crate::model::{Content, Markdown, Meeting, RecordState};

/// The content as of `meeting`: see the module's documentation.
pub fn as_of_meeting(content: &Content, meeting: &Meeting) -> Content {
    let at = (meeting.date, meeting.slug.as_str());
    let updates = content.updates.iter().filter(|u| u.date <= meeting.date).cloned().collect();
    let meetings = content
        .meetings
        .iter()
        .filter(|m| (m.date, m.slug.as_str()) <= at)
        .map(|m| {
            if m.slug == meeting.slug && held(m) {
                Arc::new(agenda_only(m))
            } else if approved_from(m, at) {
                let mut earlier = (**m).clone();
                if let Some(r) = &mut earlier.record {
                    r.state = RecordState::Circulated;
                    r.approved_at = None;
                }
                Arc::new(earlier)
            } else {
                Arc::clone(m)
            }
        })
        .collect();
    Content { updates, meetings, ..content.clone() }
}

/// Whether the file records the meeting as held: decisions, actions,
/// attendance or a record's status (its body is then its record).
fn held(m: &Meeting) -> bool {
    !m.decisions.is_empty() || !m.actions.is_empty() || m.attendance.is_some() || m.record.is_some()
}

/// Whether `m`'s record was approved at the meeting `at` or after it.
fn approved_from(m: &Meeting, at: (jiff::civil::Date, &str)) -> bool {
    let Some(r) = &m.record else { return false };
    let Some(by) = &r.approved_at else { return false };
    match Meeting::date_of_slug(&by.value) {
        Some(d) => (d, by.value.as_str()) >= at,
        None => false,
    }
}

/// The meeting before it was held: its agenda, time, place and format;
/// its record's body is written after it.
fn agenda_only(m: &Meeting) -> Meeting {
    let empty = |b: &Markdown| Markdown {
        source: String::new(),
        links: Vec::new(),
        anchors: Default::default(),
        ..b.clone()
    };
    let mut m = m.clone();
    m.decisions.clear();
    m.actions.clear();
    m.attendance = None;
    m.attendees.clear();
    m.record = None;
    m.body = empty(&m.body);
    for t in &mut m.translations {
        t.body = empty(&t.body);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_content_stays_empty() {
        let content = Content::default();
        let m = Meeting {
            slug: "2021-05-26".into(),
            file: "meetings/2021-05-26.md".into(),
            fields: "meetings/2021-05-26.md".into(),
            title: crate::model::Text::plain("M"),
            date: "2021-05-26".parse().unwrap(),
            format: None,
            time: None,
            location: None,
            time_zone: None,
            join: None,
            illustrative: false,
            draft: false,
            record: None,
            attendees: Vec::new(),
            attendance: None,
            agenda: Vec::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
            body: Markdown::default(),
            translations: Vec::new(),
        };
        let got = as_of_meeting(&content, &m);
        assert!(got.meetings.is_empty() && got.updates.is_empty());
    }
}
