//! `meetings/<date>[-<slug>].md`: a meeting's record.

use jiff::civil::Date;

use super::{At, LinkRef, Markdown, Text, TranslatedBody};

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Meeting {
    /// `2021-05-26` or `2021-05-26-roadmap`: the page's address.
    pub slug: String,
    pub file: String,
    pub title: Text,
    pub date: Date,
    pub format: Option<&'static str>,
    /// When it starts (and ends), in the local time of the meeting.
    pub time: Option<MeetingTime>,
    pub location: Option<Text>,
    pub illustrative: bool,
    pub draft: bool,
    pub attendees: Vec<Attendee>,
    /// What the meeting is to take up, in order.
    pub agenda: Vec<AgendaItem>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    pub body: Markdown,
    /// Bodies in other languages (`x.fr.md`).
    pub translations: Vec<TranslatedBody>,
}

/// `14:00` or `14:00-16:00`: hours and minutes, 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MeetingTime {
    pub start: (u8, u8),
    pub end: Option<(u8, u8)>,
}

impl MeetingTime {
    /// Reads `14:00` or `14:00-16:00` (an end after the start).
    pub fn parse(text: &str) -> Option<MeetingTime> {
        Self::read(text).ok()
    }

    /// As [`MeetingTime::parse`], saying why a text is not a time: `Err(None)`
    /// when it is not written as one, `Err(Some((start, end)))` for a span
    /// whose end is not after its start (`14:00-13:00`).
    #[allow(clippy::type_complexity)]
    pub fn read(text: &str) -> Result<MeetingTime, Option<((u8, u8), (u8, u8))>> {
        let clock = |s: &str| -> Option<(u8, u8)> {
            let (h, m) = s.trim().split_once(':')?;
            let ok = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
            if !ok(h) || !ok(m) {
                return None;
            }
            let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some((h, m))
        };
        let (start, end) = match text.split_once('-') {
            Some((a, b)) => (clock(a).ok_or(None)?, Some(clock(b).ok_or(None)?)),
            None => (clock(text).ok_or(None)?, None),
        };
        if let Some(e) = end
            && e <= start
        {
            return Err(Some((start, e)));
        }
        Ok(MeetingTime { start, end })
    }
}

impl std::fmt::Display for MeetingTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.start.0, self.start.1)?;
        if let Some((h, m)) = self.end {
            write!(f, "–{h:02}:{m:02}")?;
        }
        Ok(())
    }
}

/// One item of a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct AgendaItem {
    pub title: Text,
    /// When it is taken up: `14:00` or `14:00-14:30`.
    pub time: Option<MeetingTime>,
    pub lead: Lead,
    pub purpose: Purpose,
    /// The papers the committee reads for it: links to groups, pages,
    /// meetings or assets, written as Markdown links are (relative to the
    /// meeting's file) and checked as they are.
    pub papers: Vec<LinkRef>,
    /// A note (Markdown).
    pub note: Option<Text>,
}

/// Who leads an agenda item: a working group (written as its id), or
/// anyone else, named in words.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Lead {
    Group(At<String>),
    Text(Text),
}

/// What the committee is asked to do with an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Purpose {
    Decision,
    Discussion,
    Information,
}

impl Purpose {
    pub const KEYS: [&'static str; 3] = ["decision", "discussion", "information"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<Purpose> {
        match key {
            "decision" => Some(Purpose::Decision),
            "discussion" => Some(Purpose::Discussion),
            "information" => Some(Purpose::Information),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Attendee {
    pub party: At<String>,
    pub organization: Option<Text>,
    pub name: Option<String>,
    pub role: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Decision {
    pub group: Option<At<String>>,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const KEYS: [&'static str; 4] = ["open", "in-progress", "done", "cancelled"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Action {
    pub id: At<String>,
    pub owner: Text,
    pub group: Option<At<String>>,
    pub due: Option<Date>,
    pub status: ActionStatus,
    pub text: Text,
}
