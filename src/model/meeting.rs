//! `meetings/<date>[-<slug>].md`: a meeting's record.

use jiff::civil::Date;

use super::{At, Markdown, Text, TranslatedBody};

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// `2021-05-26` or `2021-05-26-roadmap`: the page's address.
    pub slug: String,
    pub file: String,
    pub title: Text,
    pub date: Date,
    pub format: Option<&'static str>,
    pub location: Option<Text>,
    pub illustrative: bool,
    pub draft: bool,
    pub attendees: Vec<Attendee>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    pub body: Markdown,
    /// Bodies in other languages (`x.fr.md`).
    pub translations: Vec<TranslatedBody>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attendee {
    pub party: At<String>,
    pub organization: Option<Text>,
    pub name: Option<String>,
    pub role: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub group: Option<At<String>>,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub id: At<String>,
    pub owner: Text,
    pub group: Option<At<String>>,
    pub due: Option<Date>,
    pub status: ActionStatus,
    pub text: Text,
}
