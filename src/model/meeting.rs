//! `meetings/<date>[-<slug>].md`: a meeting's record.

use jiff::civil::Date;

use super::{At, LinkRef, Markdown, Text, TranslatedBody};

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Meeting {
    /// `2021-05-26` or `2021-05-26-roadmap`: the page's address.
    pub slug: String,
    /// `meetings/<slug>.md`, the record: the meeting's file for links.
    pub file: String,
    /// Where the fields were read from, which the places of their
    /// diagnostics are in: `file` itself (front matter), or
    /// `meetings/<slug>.yaml` beside it.
    pub fields: String,
    pub title: Text,
    pub date: Date,
    pub format: Option<&'static str>,
    /// When it starts (and ends), in the local time of the meeting.
    pub time: Option<MeetingTime>,
    pub location: Option<Text>,
    /// Its own time zone (IANA name), when not the committee's.
    pub time_zone: Option<String>,
    /// The address members join a virtual or hybrid meeting at (https).
    pub join: Option<String>,
    pub illustrative: bool,
    pub draft: bool,
    /// Where the record stands: drafted, circulated, approved (`None`
    /// when the file does not say).
    pub record: Option<RecordStatus>,
    pub attendees: Vec<Attendee>,
    /// Who was present, sent regrets or was represented, by the members
    /// roster of `site.yaml`; observers and the secretariat.
    pub attendance: Option<Attendance>,
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
    /// The reference staff gave it (`id`), if any; see [`Meeting::decision_ref`].
    pub id: Option<At<String>>,
    pub group: Option<At<String>>,
    pub text: Text,
    /// The reference of an earlier decision this one replaces.
    pub supersedes: Option<At<String>>,
    /// The reference of an earlier decision this one withdraws.
    pub rescinds: Option<At<String>>,
    /// The ids of the asks (of updates) this decision answers.
    pub answers: Vec<At<String>>,
    pub loc: crate::core::Loc,
}

impl Meeting {
    /// The time zone of the meeting's times: its own, else the committee's
    /// (`None`: floating local times).
    pub fn zone<'a>(&'a self, site: &'a super::Site) -> Option<&'a str> {
        self.time_zone.as_deref().or(site.time_zone.as_deref())
    }

    /// The reference of the decision at `index` (from 0): its `id`, else
    /// the meeting's slug and its place from 1, `2021-05-26/3`.
    pub fn decision_ref(&self, index: usize) -> String {
        match self.decisions.get(index).and_then(|d| d.id.as_ref()) {
            Some(id) => id.value.clone(),
            None => format!("{}/{}", self.slug, index + 1),
        }
    }

    /// The date of the meeting a record was approved at, read from its
    /// slug (`2021-09-29` or `2021-09-29-roadmap`).
    pub fn date_of_slug(slug: &str) -> Option<Date> {
        slug.get(..10)?.parse().ok()
    }
}

/// Where a meeting's record stands.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct RecordStatus {
    pub state: RecordState,
    /// The meeting that approved it (its file name without `.md`).
    pub approved_at: Option<At<String>>,
    pub loc: crate::core::Loc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordState {
    Draft,
    Circulated,
    Approved,
}

impl RecordState {
    pub const KEYS: [&'static str; 3] = ["draft", "circulated", "approved"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<RecordState> {
        Self::KEYS.iter().position(|k| *k == key).map(|i| [Self::Draft, Self::Circulated, Self::Approved][i])
    }
}

/// A meeting's attendance, by the members roster of `site.yaml`.
#[derive(Debug, Clone, PartialEq, Hash, Default)]
pub struct Attendance {
    /// Members present, by id.
    pub present: Vec<At<String>>,
    /// Members who sent regrets.
    pub regrets: Vec<At<String>>,
    /// Members represented by someone else (an alternate).
    pub represented: Vec<Representation>,
    /// Others in attendance: observers, guests.
    pub observers: Vec<Text>,
    /// The secretariat in attendance.
    pub secretariat: Vec<Text>,
    pub loc: crate::core::Loc,
}

/// A member represented at a meeting, and by whom.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Representation {
    pub member: At<String>,
    /// A member's id on the roster (an alternate), or a name in words.
    pub by: String,
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
