//! The derived state and the charts as the pages of the whole site read
//! them (the dashboard, the lists, a group's page, the book): through the
//! methods of [`Tracked`] alone, each of which records the part it gave
//! with the key of that part. The preview keeps such a page's view while
//! every part it read has the same key (`render::memo::Memo::whole`), and
//! builds it again when one has not: no rule says which page shows which
//! part, the reads say it. So retitling a free page leaves the groups' pages
//! and the action tracker as they were, and an update rebuilds its group's
//! page, not the fifty others.
//!
//! A part's key holds everything the part gives: derived values by their
//! `Hash` (every field), a chart as the template sees it, a meeting or a
//! page without its Markdown bodies (a view reads a body only through
//! `RecordBuilder::body`, which records that read itself).
//!
//! The fields of [`Tracked`] are private to this module, so no view can
//! read the state without the read being recorded. Imports the derived
//! state, the model and the memo's keys; nothing of load, validate, serve
//! or cli.

use std::cell::RefCell;
use std::collections::HashMap;

use rayon::prelude::*;

use super::{Charts, GroupCharts};
use crate::charts::Chart;
use crate::derive::{ActionState, DecisionState, GroupState, State, StatusCounts};
use crate::model::{Content, Meeting, Page};
use crate::render::memo::{self, Key};

/// What the pages of the whole site read of the state and the charts; each
/// read recorded (`part:<name>`) with the key of what it gave, when the
/// render keeps anything.
pub struct Tracked<'a> {
    state: &'a State<'a>,
    charts: &'a Charts,
    /// The keys of the parts; `None` in a one-off build, which records nothing.
    keys: Option<(&'a StateKeys<'a>, &'a ChartKeys)>,
    reads: RefCell<Vec<(String, Key)>>,
}

impl<'a> Tracked<'a> {
    /// Reads of `state` and `charts`, recorded with keys from `keys` (made
    /// for the same state and charts), or not recorded (`None`).
    pub fn new(
        state: &'a State<'a>,
        charts: &'a Charts,
        keys: Option<(&'a StateKeys<'a>, &'a ChartKeys)>,
    ) -> Tracked<'a> {
        Tracked { state, charts, keys, reads: RefCell::default() }
    }

    /// The reads recorded so far, taken.
    pub fn take_reads(&self) -> Vec<(String, Key)> {
        self.reads.take()
    }

    /// What a recorded read gives now, when it is a part's (`part:<name>`):
    /// what the preview checks a kept view or set against.
    pub fn replay(&self, read: &str) -> Option<Key> {
        read.strip_prefix(PART).map(|part| self.key(part))
    }

    fn key(&self, part: &str) -> Key {
        match self.keys {
            Some((state, charts)) => charts.key(part).unwrap_or_else(|| state.key(part)),
            None => 0,
        }
    }

    /// `value`, the read of `part` recorded.
    fn gave<T>(&self, part: &str, value: T) -> T {
        if self.keys.is_some() {
            let name = format!("{PART}{part}");
            if !self.reads.borrow().iter().any(|(n, _)| *n == name) {
                let key = self.key(part);
                self.reads.borrow_mut().push((name, key));
            }
        }
        value
    }

    /// The briefing date (part of every view's context, not a read).
    pub fn as_of(&self) -> jiff::civil::Date {
        self.state.as_of
    }

    /// Every group, in the committee's order.
    pub fn groups(&self) -> &'a [GroupState<'a>] {
        self.gave("groups", &self.state.groups)
    }

    /// The group at `i` in [`Tracked::groups`]' order, alone.
    pub fn group(&self, i: usize) -> &'a GroupState<'a> {
        let g = &self.state.groups[i];
        self.gave(&format!("group:{}", g.group.id), g)
    }

    pub fn totals(&self) -> &'a StatusCounts {
        self.gave("totals", &self.state.totals)
    }

    /// The meetings shown, newest first.
    pub fn meetings(&self) -> &'a [&'a Meeting] {
        self.gave("meetings", &self.state.meetings)
    }

    /// The meeting shown with this slug.
    pub fn meeting(&self, slug: &str) -> Option<&'a Meeting> {
        self.gave(&format!("meeting:{slug}"), self.state.meetings.iter().copied().find(|m| m.slug == slug))
    }

    pub fn latest(&self) -> Option<&'a Meeting> {
        self.gave("latest", self.state.latest)
    }

    pub fn upcoming(&self) -> Option<&'a Meeting> {
        self.gave("upcoming", self.state.upcoming)
    }

    /// The meeting the book is for.
    pub fn book(&self) -> Option<&'a Meeting> {
        self.gave("book", self.state.book)
    }

    /// The meeting before the book's.
    pub fn previous(&self) -> Option<&'a Meeting> {
        self.gave("previous", self.state.previous)
    }

    /// What changed since the meeting before the book's.
    pub fn since(&self) -> Option<&'a crate::derive::Since<'a>> {
        self.gave("since", self.state.since.as_ref())
    }

    /// The pages shown, in order.
    pub fn pages(&self) -> &'a [&'a Page] {
        self.gave("pages", &self.state.pages)
    }

    /// How many pages are shown.
    pub fn pages_count(&self) -> usize {
        self.gave("pages-count", self.state.pages.len())
    }

    /// The page shown with this slug.
    pub fn page(&self, slug: &str) -> Option<&'a Page> {
        self.gave(&format!("page:{slug}"), self.state.pages.iter().copied().find(|p| p.slug == slug))
    }

    /// The pages in the navigation and annexed to the book.
    pub fn featured_pages(&self) -> &'a [&'a Page] {
        self.gave("featured", &self.state.featured_pages)
    }

    /// Every action, in the tracker's order.
    pub fn actions(&self) -> &'a [ActionState<'a>] {
        self.gave("actions", &self.state.actions)
    }

    /// The actions concerning the group `id`, in the tracker's order.
    pub fn actions_of(&self, id: &str) -> Vec<&'a ActionState<'a>> {
        let mine = self.state.actions.iter().filter(|a| action_group(a) == Some(id)).collect();
        self.gave(&format!("actions-of:{id}"), mine)
    }

    /// The decisions concerning the group `id`, newest meeting first.
    pub fn decisions_of(&self, id: &str) -> Vec<&'a DecisionState<'a>> {
        let mine = decisions(self.state).filter(|(g, _)| *g == id).map(|(_, d)| d).collect();
        self.gave(&format!("decisions-of:{id}"), mine)
    }

    /// The register: every decision, newest meeting first.
    pub fn decisions(&self) -> &'a [DecisionState<'a>] {
        self.gave("decisions", &self.state.decisions)
    }

    /// The committee's status chart.
    pub fn committee_chart(&self) -> Option<&'a Chart> {
        self.gave("chart:committee", self.charts.committee.as_ref())
    }

    /// The charts of the group `id`.
    pub fn charts_of(&self, id: &str) -> Option<&'a GroupCharts> {
        self.gave(&format!("charts:{id}"), self.charts.groups.get(id))
    }
}

/// How a recorded read of a part begins.
const PART: &str = "part:";

/// The group an action concerns: what [`Tracked::actions_of`] picks by and
/// what its key groups by.
fn action_group<'a>(a: &ActionState<'a>) -> Option<&'a str> {
    a.action.group.as_ref().map(|g| g.value.as_str())
}

/// Every decision that concerns a group, with the group's id, newest
/// meeting first: what [`Tracked::decisions_of`] picks from and what its
/// key is made of.
fn decisions<'a>(state: &'a State<'a>) -> impl Iterator<Item = (&'a str, &'a DecisionState<'a>)> {
    state.decisions.iter().filter_map(|d| Some((d.decision.group.as_ref()?.value.as_str(), d)))
}

/// The keys of the derived state's parts, made once a render (in
/// parallel, before any page: a key made lazily inside a page's parallel
/// work could be asked for again by work its own thread takes while making
/// it) and shared by every page of every language.
pub struct StateKeys<'a> {
    state: &'a State<'a>,
    /// Every meeting, without its bodies, by address.
    meetings: HashMap<usize, Key>,
    /// Every page, without its bodies, by address.
    pages: HashMap<usize, Key>,
    /// Each group's state, in the state's order.
    groups: Vec<Key>,
    /// Each action's state, in the tracker's order.
    actions: Vec<Key>,
    /// By group id: its actions, its decisions.
    by_group: HashMap<&'a str, (Key, Key)>,
}

fn address<T>(r: &T) -> usize {
    std::ptr::from_ref(r) as usize
}

impl<'a> StateKeys<'a> {
    /// The keys of `state`'s parts; a meeting's and a page's key is taken
    /// from `memo` while the record is the one it was made for.
    pub fn new(content: &'a Content, state: &'a State<'a>, memo: &memo::Memo) -> StateKeys<'a> {
        let meeting_keys = memo.record_keys("meeting", &content.meetings, memo::meeting_without_bodies);
        let page_keys = memo.record_keys("page", &content.pages, memo::page_without_bodies);
        let meetings: HashMap<usize, Key> =
            content.meetings.iter().map(|m| address(&**m)).zip(meeting_keys).collect();
        let pages = content.pages.iter().map(|p| address(&**p)).zip(page_keys).collect();
        let groups = state.groups.par_iter().map(memo::key_of_hash).collect();
        let actions: Vec<Key> = state
            .actions
            .par_iter()
            .map(|a| {
                let ActionState { action, meeting, overdue, days_late } = a;
                let key = meetings.get(&address(*meeting)).copied();
                let meeting = key.unwrap_or_else(|| memo::meeting_without_bodies(meeting));
                memo::key_of_hash(&(action, meeting, overdue, days_late))
            })
            .collect();
        // Each group's actions and decisions, in one pass each, in the
        // order `actions_of` and `decisions_of` give them.
        let mut actions_by: HashMap<&str, Vec<Key>> = HashMap::new();
        for (a, key) in state.actions.iter().zip(&actions) {
            if let Some(g) = action_group(a) {
                actions_by.entry(g).or_default().push(*key);
            }
        }
        let mut decisions_by: HashMap<&str, Vec<&DecisionState>> = HashMap::new();
        for (g, d) in decisions(state) {
            decisions_by.entry(g).or_default().push(d);
        }
        let by_group = state
            .groups
            .iter()
            .map(|g| {
                let id = g.group.id.as_str();
                let actions = memo::key_of_hash(actions_by.get(id).map_or(&[][..], Vec::as_slice));
                let decisions = memo::key_of_hash(decisions_by.get(id).map_or(&[][..], Vec::as_slice));
                (id, (actions, decisions))
            })
            .collect();
        StateKeys { state, meetings, pages, groups, actions, by_group }
    }

    fn meeting(&self, m: &Meeting) -> Key {
        self.meetings.get(&address(m)).copied().unwrap_or_else(|| memo::meeting_without_bodies(m))
    }

    fn page(&self, p: &Page) -> Key {
        self.pages.get(&address(p)).copied().unwrap_or_else(|| memo::page_without_bodies(p))
    }

    /// The key of `part` (see [`Tracked::key`]); a part no longer there
    /// (a group or a page gone) has a key of its own.
    fn key(&self, part: &str) -> Key {
        let s = self.state;
        let meeting = |m: Option<&Meeting>| memo::key_of_hash(&m.map(|m| (&m.slug, self.meeting(m))));
        let (name, arg) = part.split_once(':').unwrap_or((part, ""));
        match name {
            "groups" => memo::key_of_hash(&self.groups),
            "group" => {
                let at = s.groups.iter().position(|g| g.group.id == arg);
                memo::key_of_hash(&at.map(|i| self.groups[i]))
            }
            "totals" => memo::key_of_hash(&s.totals),
            "meetings" => {
                let keys: Vec<Key> = s.meetings.iter().map(|m| self.meeting(m)).collect();
                memo::key_of_hash(&keys)
            }
            "meeting" => meeting(s.meetings.iter().copied().find(|m| m.slug == arg)),
            "latest" => meeting(s.latest),
            "upcoming" => meeting(s.upcoming),
            "book" => meeting(s.book),
            "previous" => meeting(s.previous),
            "pages" | "featured" => {
                let list = if name == "pages" { &s.pages } else { &s.featured_pages };
                memo::key_of_hash(&list.iter().map(|p| self.page(p)).collect::<Vec<_>>())
            }
            "pages-count" => memo::key_of_hash(&s.pages.len()),
            "page" => {
                let p = s.pages.iter().copied().find(|p| p.slug == arg);
                memo::key_of_hash(&p.map(|p| self.page(p)))
            }
            "actions" => memo::key_of_hash(&self.actions),
            "actions-of" => memo::key_of_hash(&self.by_group.get(arg).map(|k| k.0)),
            "decisions-of" => memo::key_of_hash(&self.by_group.get(arg).map(|k| k.1)),
            "decisions" => memo::key_of_hash(&s.decisions),
            "since" => memo::key_of_hash(&s.since.as_ref().map(|x| {
                let actions =
                    |which: &[usize]| which.iter().map(|i| self.actions.get(*i)).collect::<Vec<_>>();
                let decisions: Vec<(Key, usize)> =
                    x.decisions.iter().map(|(m, i)| (self.meeting(m), *i)).collect();
                (
                    (&x.last.slug, self.meeting(x.last), x.to, decisions),
                    (actions(&x.opened), actions(&x.closed), actions(&x.overdue)),
                    (&x.activities, &x.risks, &x.received, &x.missing),
                )
            })),
            // A part this module does not give: never equal to what a
            // recorded read gave, so its view is built again.
            _ => memo::key_of_hash(&("unknown part", part, address(self))),
        }
    }
}

/// The keys of one language's charts, as the templates see them.
pub struct ChartKeys {
    committee: Key,
    groups: HashMap<String, Key>,
}

impl ChartKeys {
    pub fn new(charts: &Charts) -> ChartKeys {
        let all: Vec<(&String, &GroupCharts)> = charts.groups.iter().collect();
        let groups = all
            .par_iter()
            .map(|(id, c)| (id.to_string(), memo::key_of(&(&c.metrics, &c.status, &c.progress))))
            .collect();
        ChartKeys { committee: memo::key_of(&charts.committee), groups }
    }

    /// The key of a chart part, `None` for a part of the state.
    fn key(&self, part: &str) -> Option<Key> {
        if part == "chart:committee" {
            return Some(self.committee);
        }
        let id = part.strip_prefix("charts:")?;
        Some(memo::key_of_hash(&self.groups.get(id)))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::Text;
    use crate::render::view::fixture;
    use crate::render::view::{Builder, RecordBuilder};
    use jiff::civil::date;

    /// The key of each part now, for `content`.
    fn keys(content: &Content, parts: &[&str]) -> Vec<Key> {
        let state = crate::derive::derive(content, date(2021, 5, 26), false);
        let charts = Charts::default();
        let (s, c) = (StateKeys::new(content, &state, &memo::Memo::off()), ChartKeys::new(&charts));
        let tracked = Tracked::new(&state, &charts, Some((&s, &c)));
        parts.iter().map(|p| tracked.replay(&format!("part:{p}")).unwrap()).collect()
    }

    /// Which of `parts` have another key in `changed` than in `content`.
    fn moved<'p>(content: &Content, changed: &Content, parts: &[&'p str]) -> Vec<&'p str> {
        let (a, b) = (keys(content, parts), keys(changed, parts));
        parts.iter().zip(a.iter().zip(&b)).filter(|(_, (a, b))| a != b).map(|(p, _)| *p).collect()
    }

    const PARTS: &[&str] = &[
        "groups",
        "group:ports",
        "group:roads",
        "totals",
        "meetings",
        "meeting:2021-05-26",
        "book",
        "pages",
        "pages-count",
        "page:terms",
        "featured",
        "actions",
        "actions-of:ports",
        "decisions-of:ports",
        "actions-of:roads",
        "decisions-of:roads",
    ];

    /// The fixture with a second group, which no update, action or
    /// decision concerns.
    fn two_groups() -> Content {
        let mut c = fixture::content();
        let mut roads = c.groups[0].clone();
        roads.id = "roads".into();
        roads.file = "groups/roads.yaml".into();
        c.groups.push(roads);
        c
    }

    #[test]
    fn an_edit_moves_the_keys_of_the_parts_that_show_it_and_no_other() {
        let content = two_groups();
        assert!(moved(&content, &content, PARTS).is_empty(), "the same content, the same keys");

        let mut c = content.clone();
        Arc::make_mut(&mut c.pages[0]).title = Text::plain("Other terms");
        assert_eq!(moved(&content, &c, PARTS), ["pages", "page:terms", "featured"], "a page's title");

        let mut c = content.clone();
        Arc::make_mut(&mut c.meetings[0]).body.source.push_str("\nMore notes.\n");
        assert!(moved(&content, &c, PARTS).is_empty(), "a body is read, and recorded, on its own");

        let mut c = content.clone();
        Arc::make_mut(&mut c.meetings[0]).title = Text::plain("Another title");
        assert_eq!(
            moved(&content, &c, PARTS),
            ["meetings", "meeting:2021-05-26", "book", "actions", "actions-of:ports"],
            "a meeting's title: its actions show it, its decisions do not"
        );

        // An action's key holds its meeting's (without bodies): each group
        // with an action of the meeting reads any change to the meeting.
        let mut c = content.clone();
        Arc::make_mut(&mut c.meetings[0]).decisions[0].group = Some(fixture::at("roads"));
        assert_eq!(
            moved(&content, &c, PARTS),
            [
                "meetings",
                "meeting:2021-05-26",
                "book",
                "actions",
                "actions-of:ports",
                "decisions-of:ports",
                "decisions-of:roads"
            ],
            "a decision given to another group"
        );

        let mut c = content.clone();
        let update = c.updates.last_mut().unwrap();
        update.activities[0].progress = Some(40);
        assert_eq!(moved(&content, &c, PARTS), ["groups", "group:ports"], "an update of one group");

        let mut c = content.clone();
        c.groups.pop();
        assert_eq!(
            moved(&content, &c, PARTS),
            ["groups", "group:roads", "actions-of:roads", "decisions-of:roads"],
            "a group gone"
        );
    }

    #[test]
    fn a_group_page_reads_its_own_group_and_a_list_reads_every_one() {
        let content = two_groups();
        let state = crate::derive::derive(&content, date(2021, 5, 26), false);
        let charts = Charts::default();
        let (s, c) = (StateKeys::new(&content, &state, &memo::Memo::off()), ChartKeys::new(&charts));
        fixture::with_content(content.clone(), "en", false, |b, _| {
            let with = |keys| {
                let rec =
                    RecordBuilder::new(b.l, b.around, b.keys, b.memo, b.root.clone(), b.site_root.clone());
                Builder { rec, lookups: b.lookups, site: b.site, state: Tracked::new(&state, &charts, keys) }
            };
            let b = with(Some((&s, &c)));
            let i = state.groups.iter().position(|g| g.group.id == "roads").unwrap();
            b.group(b.state.group(i));
            let names = |reads: Vec<(String, Key)>| reads.into_iter().map(|(n, _)| n).collect::<Vec<_>>();
            assert_eq!(
                names(b.state.take_reads()),
                ["part:group:roads", "part:charts:roads", "part:actions-of:roads", "part:decisions-of:roads"]
            );
            b.groups_page();
            assert_eq!(names(b.state.take_reads()), ["part:groups"], "a list's cards show no chart");
            b.state.take_reads();
            // Unrecorded in a one-off build.
            let off = with(None);
            off.groups_page();
            assert!(off.state.take_reads().is_empty());
        });
    }
}
