//! The derive stage: from the validated content, the state a committee
//! needs: each activity's current status and its change since the previous
//! update, risks opened and closed, metric series, overdue actions, counts.
//!
//! Must not import `load`, `yaml`, `validate`, `render`, `theme`, `charts`,
//! `write`, `site`, `cli`, `serve`, `pdf`: derive computes the state from the
//! typed model alone.

mod actions;
mod archive;
mod decisions;
mod groups;
mod metrics;
mod since;

use jiff::civil::Date;

pub use actions::{ActionState, of_meeting as meeting_actions};
pub use archive::as_of_meeting;
pub use decisions::{DecisionState, DecisionStatus, Later};
pub use groups::{ActivityState, Answer, AskState, Change, GroupState, RiskChange, RiskState};
pub use metrics::MetricSeries;
pub use since::{ActivityMove, RiskMove, Since};

use crate::model::{Content, Meeting, Page, Status};

/// Counts of activities per status, in `Status::ALL` order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StatusCounts(pub [u32; 5]);

impl StatusCounts {
    pub fn add(&mut self, s: Status) {
        self.0[s as usize] += 1;
    }
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }
    pub fn merge(&mut self, other: &StatusCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

/// Everything the render stage shows, computed once.
#[derive(Debug)]
pub struct State<'c> {
    pub as_of: Date,
    /// Whether `as_of` is the content's briefing date ([`is_dated`]), not
    /// the fallback of a committee with no update or meeting yet.
    pub dated: bool,
    pub groups: Vec<GroupState<'c>>,
    pub totals: StatusCounts,
    /// Meetings shown (drafts only with --drafts), newest first.
    pub meetings: Vec<&'c Meeting>,
    /// The upcoming meeting: the first shown meeting dated after the
    /// briefing date (it has an agenda, not yet a record).
    pub upcoming: Option<&'c Meeting>,
    /// The newest shown meeting not after the briefing date: the one whose
    /// record the dashboard shows.
    pub latest: Option<&'c Meeting>,
    /// The meeting the briefing book is for: the upcoming meeting when there
    /// is one, else the latest; `--meeting` picks another ([`State::choose_book`]).
    pub book: Option<&'c Meeting>,
    /// The meeting before the book's: its record goes to the committee for
    /// approval.
    pub previous: Option<&'c Meeting>,
    /// Pages shown, by `order` then slug.
    pub pages: Vec<&'c Page>,
    /// The pages in the navigation and annexed to the briefing book: every
    /// page when there are at most [`FEATURED_PAGES`], else the first of
    /// those with an `order`. Neither the navigation of every page nor the
    /// printed book may grow with the number of pages.
    pub featured_pages: Vec<&'c Page>,
    /// Every action, overdue first, then by due date and id (one
    /// meeting's, in id order: [`meeting_actions`]).
    pub actions: Vec<ActionState<'c>>,
    /// Every decision of the meetings shown, newest meeting first: the
    /// register.
    pub decisions: Vec<DecisionState<'c>>,
    /// What changed since the meeting before the book's (none without one).
    pub since: Option<Since<'c>>,
}

/// The most pages in the navigation and in the book's annexes.
pub const FEATURED_PAGES: usize = 6;

/// The briefing date: `--as-of`, else the newest of the newest update's
/// date and the newest meeting that records decisions or actions (one that
/// was held); with neither, the earliest meeting's date. Never read from the
/// clock, and never moved forward by the file of a meeting yet to come
/// (an agenda, no record): a meeting after the briefing date is upcoming.
pub fn briefing_date(content: &Content, as_of: Option<Date>) -> Date {
    if let Some(d) = as_of {
        return d;
    }
    let meetings = || content.meetings.iter().filter(|m| !m.draft);
    let update = content.updates.iter().map(|u| u.date).max();
    let held = meetings().filter(|m| !m.decisions.is_empty() || !m.actions.is_empty()).map(|m| m.date).max();
    update.max(held).or_else(|| meetings().map(|m| m.date).min()).unwrap_or(Date::constant(2000, 1, 1))
}

/// True when the content gives a briefing date ([`briefing_date`] has one
/// to take: `--as-of`, an update or a meeting); a committee with none yet is
/// shown without a date, never with the fallback's.
pub fn is_dated(content: &Content, as_of: Option<Date>) -> bool {
    as_of.is_some() || !content.updates.is_empty() || content.meetings.iter().any(|m| !m.draft)
}

/// `--meeting` names no meeting shown (or more than one): what it named
/// and the meetings it could name, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMeeting {
    pub wanted: String,
    /// The meetings on the date it named, when that date has several.
    pub ambiguous: bool,
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownMeeting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = if self.known.is_empty() { "none".to_string() } else { self.known.join(", ") };
        if self.ambiguous {
            write!(f, "`--meeting {}` names several meetings: write one of {list}", self.wanted)
        } else {
            write!(f, "there is no meeting `{}`; the meetings are: {list}", self.wanted)
        }
    }
}

impl<'c> State<'c> {
    /// Makes the book for the meeting `wanted` names: its slug
    /// (`2021-05-26-roadmap`), or its date when one meeting is on that date.
    pub fn choose_book(&mut self, wanted: &str) -> Result<(), UnknownMeeting> {
        let wanted = wanted.trim();
        let exact = self.meetings.iter().find(|m| m.slug == wanted);
        let on_date: Vec<&Meeting> =
            self.meetings.iter().copied().filter(|m| m.date.to_string() == wanted).collect();
        let found = match (exact, on_date.as_slice()) {
            (Some(m), _) => *m,
            (None, [m]) => m,
            (None, several) => {
                let ambiguous = several.len() > 1;
                let list = if ambiguous { several.to_vec() } else { self.meetings.clone() };
                return Err(UnknownMeeting {
                    wanted: wanted.to_string(),
                    ambiguous,
                    known: list.iter().map(|m| m.slug.clone()).collect(),
                });
            }
        };
        self.book = Some(found);
        self.previous = previous(&self.meetings, found);
        self.since = self.changes_since();
        Ok(())
    }

    /// What changed since the previous meeting, to the briefing date.
    fn changes_since(&self) -> Option<Since<'c>> {
        let last = self.previous?;
        Some(since::since(last, self.as_of, &self.groups, &self.meetings, &self.actions))
    }
}

/// The meeting held before `m` (meetings are newest first).
fn previous<'c>(meetings: &[&'c Meeting], m: &Meeting) -> Option<&'c Meeting> {
    let at = meetings.iter().position(|x| std::ptr::eq(*x, m))?;
    meetings.get(at + 1).copied()
}

pub fn derive(content: &Content, as_of: Date, include_drafts: bool) -> State<'_> {
    let mut groups: Vec<GroupState> =
        content.groups.iter().map(|g| groups::derive(g, content, as_of)).collect();
    groups.sort_by(|a, b| {
        (a.group.order.unwrap_or(i64::MAX), &a.group.id)
            .cmp(&(b.group.order.unwrap_or(i64::MAX), &b.group.id))
    });
    let mut totals = StatusCounts::default();
    for g in &groups {
        totals.merge(&g.counts);
    }
    let mut state = lists(content, as_of, include_drafts);
    state.groups = groups;
    state.totals = totals;
    state.since = state.changes_since();
    state
}

/// Meetings, pages and their actions.
fn lists(content: &Content, as_of: Date, include_drafts: bool) -> State<'_> {
    let mut meetings: Vec<&Meeting> =
        content.meetings.iter().map(|m| &**m).filter(|m| include_drafts || !m.draft).collect();
    meetings.sort_by(|a, b| (b.date, &b.slug).cmp(&(a.date, &a.slug)));
    let mut pages: Vec<&Page> =
        content.pages.iter().map(|p| &**p).filter(|p| include_drafts || !p.draft).collect();
    pages.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.order.unwrap_or(i64::MAX), &b.slug)));
    let featured_pages: Vec<&Page> = if pages.len() <= FEATURED_PAGES {
        pages.clone()
    } else {
        pages.iter().copied().filter(|p| p.order.is_some()).take(FEATURED_PAGES).collect()
    };
    let actions = actions::derive(&meetings, as_of);
    let decisions = decisions::register(&meetings);
    // Meetings are newest first: the upcoming meeting is the last of those
    // after the briefing date.
    let upcoming = meetings.iter().rev().copied().find(|m| m.date > as_of);
    let latest = meetings.iter().copied().find(|m| m.date <= as_of);
    let book = upcoming.or(latest);
    let previous = book.and_then(|b| previous(&meetings, b));
    State {
        as_of,
        dated: true,
        groups: Vec::new(),
        totals: StatusCounts::default(),
        upcoming,
        latest,
        book,
        previous,
        meetings,
        pages,
        featured_pages,
        actions,
        decisions,
        since: None,
    }
}
