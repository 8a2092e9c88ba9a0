//! A group: as a card on the dashboard and the groups page, as its own page,
//! as a section of the book; its activities, risks, asks and what changed
//! since its previous update.

use serde::Serialize;

use super::{Builder, CountView, GroupCharts, Localized, StatusView};
use crate::charts::Chart;
use crate::derive::{ActivityState, AskState, Change, GroupState, RiskChange, RiskState};
use crate::model::{RiskLevel, Status};
use crate::render::localize::Localizer;

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    pub id: String,
    pub title: Localized,
    /// The lead parties, each in its own language.
    pub lead: Vec<Localized>,
    /// Formatted due date or "".
    pub due: String,
    pub overdue: bool,
    pub status: Option<StatusView>,
    /// 0-100 or None when never reported.
    pub progress: Option<u8>,
    /// "35%".
    pub progress_label: String,
    /// Since the previous update, e.g. "+20 pts", "was Planned"; "" when unchanged.
    pub change: String,
    /// new | status | progress | unchanged
    pub change_kind: String,
    /// HTML (rendered, sanitized Markdown).
    pub note_html: String,
    pub description_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub title: Localized,
    /// low | medium | high
    pub level: String,
    pub level_label: String,
    pub mitigation_html: String,
    /// new | raised | lowered | unchanged | closed | not-reported
    pub change_kind: String,
    pub change: String,
    /// Closed by the latest update: shown closed, not at its last level.
    pub closed: bool,
    /// Open, but left out of the latest update: shown at its last level,
    /// with when it was last reported.
    pub not_reported: bool,
    /// worse | better | "" (unchanged): how the change reads.
    pub direction: String,
    /// "Worse", "Better" or "".
    pub direction_label: String,
}

/// One line of "what changed since the previous update": the activity's or
/// risk's title, then the rest of the sentence ("Detection capacity" and
/// ": Planned → In progress (15% → 35%)").
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The group's id.
    pub group_id: String,
    pub group: Localized,
    pub group_url: String,
    pub title: Localized,
    pub rest: String,
    /// status | progress | new | risk-new | risk-raised | risk-lowered | risk-closed |
    /// risk-not-reported
    pub kind: String,
    /// worse | better | neutral: told apart by colour, icon and word.
    pub direction: String,
    /// "Worse", "Better" or "" (neutral).
    pub direction_label: String,
    /// How much a change for the worse matters, most first: 4 now blocked,
    /// 3 now at risk, 2 a high risk new or raised, 1 any other change for
    /// the worse; 0 for the rest. The book ranks its key changes by it.
    pub concern: u8,
}

/// The changes of one group, the group named once.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeGroupView {
    /// The group's id.
    pub id: String,
    pub group: Localized,
    pub group_url: String,
    pub changes: Vec<ChangeView>,
}

impl ChangeGroupView {
    /// `changes` gathered by group, each group where its first change is,
    /// its changes in their order.
    pub fn gather(changes: Vec<ChangeView>) -> Vec<ChangeGroupView> {
        let mut groups: Vec<ChangeGroupView> = Vec::new();
        for c in changes {
            match groups.iter_mut().find(|g| g.id == c.group_id) {
                Some(g) => g.changes.push(c),
                None => groups.push(ChangeGroupView {
                    id: c.group_id.clone(),
                    group: c.group.clone(),
                    group_url: c.group_url.clone(),
                    changes: vec![c],
                }),
            }
        }
        groups
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AskView {
    pub group: Localized,
    pub group_url: String,
    pub html: String,
    /// The ask's id, or "".
    pub id: String,
    /// Not yet answered by a decision of a held meeting.
    pub pending: bool,
    /// "Asked in the update of 31 March 2021, waiting 5 months" for a
    /// pending ask; "" for one answered.
    pub waiting: String,
    /// The reference of the decision that answered it, and its place on its
    /// meeting's page ("" while pending).
    pub answered_by: String,
    pub answered_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateSummaryView {
    pub date: String,
    /// The update's year, `2024` (the search filters by it).
    pub year: String,
    pub summary_html: String,
    pub illustrative: bool,
    /// Per activity in the group's order: status and progress on that date.
    pub activities: Vec<ActivityView>,
}

/// A chart plus where its SVG file is.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub chart: Chart,
    /// Relative URL of `charts/<slug>.svg`.
    pub file_url: String,
}

/// A group as a card on the dashboard and as its own page.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: Localized,
    pub url: String,
    pub mandate_html: String,
    /// Each chair's parts ("Party", "name", "organization"), each in its
    /// own language; the theme joins them.
    pub chairs: Vec<Vec<Localized>>,
    pub counts: Vec<CountView>,
    pub total: u32,
    /// Average progress of reported activities, "48%", or "".
    pub progress_label: String,
    pub latest_date: String,
    pub previous_date: String,
    pub summary_html: String,
    pub illustrative: bool,
    pub activities: Vec<ActivityView>,
    pub changes: Vec<ChangeView>,
    pub risks: Vec<RiskView>,
    pub asks: Vec<AskView>,
    pub history: Vec<UpdateSummaryView>,
    /// The actions concerning the group, from every meeting (its own page only).
    pub actions: Vec<super::ActionView>,
    /// The decisions concerning the group, newest meeting first (its own page only).
    pub decisions: Vec<super::DecisionEntryView>,
    pub charts: Vec<ChartView>,
    pub status_chart: Option<ChartView>,
    pub progress_chart: Option<ChartView>,
    /// With one activity, its progress in a sentence, in place of a
    /// one-bar progress chart.
    pub progress_sentence: Option<SentenceView>,
}

/// A sentence around a name in its own language: `before`, `name`, `after`.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceView {
    pub before: String,
    pub name: Localized,
    pub after: String,
}

/// `groups/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupsPage {
    pub groups: Vec<GroupView>,
}

/// `groups/<id>/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupPage {
    pub group: GroupView,
}

/// An activity's change since the previous update, in the one wording both
/// its tag (in the activities table) and its sentence (in the list of
/// changes) come from.
struct ActivityChange {
    /// new | status | progress
    kind: &'static str,
    direction: Direction,
    /// "was Planned · +20 pts".
    tag: String,
    /// ": Planned → In progress (15% → 35%)".
    rest: String,
}

fn activity_change(l: &Localizer, a: &ActivityState) -> Option<ActivityChange> {
    let colon = l.s("separator_colon");
    let from_to = |from: &str, to: &str| l.fill("change_from_to", &[("from", from), ("to", to)]);
    let moved = match (a.progress, a.previous_progress) {
        (Some(p), Some(b)) if p != b => Some((b, p)),
        _ => None,
    };
    Some(match a.change {
        Change::New => ActivityChange {
            kind: "new",
            // A new activity is news, not a change for the worse, unless it
            // starts out blocked or at risk.
            direction: match a.status {
                Some(Status::Blocked | Status::AtRisk) => Direction::Worse,
                _ => Direction::Neutral,
            },
            tag: l.s("change_new"),
            rest: format!("{colon}{}", l.s("change_new")),
        },
        Change::Status { from } => {
            let direction = match a.status {
                Some(to) if rank(to) > rank(from) => Direction::Better,
                Some(to) if rank(to) < rank(from) => Direction::Worse,
                _ => Direction::Neutral,
            };
            let was = l.fill("change_was", &[("status", &l.status(from).label)]);
            let now = a.status.map(|s| l.status(s).label).unwrap_or_default();
            let status = from_to(&l.status(from).label, &now);
            match moved {
                Some((b, p)) => ActivityChange {
                    kind: "status",
                    direction,
                    tag: l.fill("change_and_points", &[("change", &was), ("points", &points(l, p, b))]),
                    rest: format!(
                        "{colon}{}",
                        l.fill(
                            "change_status_progress",
                            &[("status", &status), ("progress", &from_to(&l.percent(b), &l.percent(p)))]
                        )
                    ),
                },
                None => {
                    ActivityChange { kind: "status", direction, tag: was, rest: format!("{colon}{status}") }
                }
            }
        }
        Change::Progress { from } => {
            let to = a.progress.unwrap_or(from);
            ActivityChange {
                kind: "progress",
                direction: if to >= from { Direction::Better } else { Direction::Worse },
                tag: points(l, to, from),
                rest: format!("{colon}{}", from_to(&l.percent(from), &l.percent(to))),
            }
        }
        Change::Unchanged | Change::Unknown => return None,
    })
}

/// A risk's change since the previous update: its kind (new | raised |
/// lowered | closed), which way it went, and its words, where the risk is
/// now and where it was ("Medium (was High)"), shown in the risks table and,
/// after the risk's title, in the list of changes.
fn risk_change(l: &Localizer, r: &RiskState) -> Option<(&'static str, Direction, String)> {
    let now = l.risk(r.risk.level);
    let was = |from| l.fill("risk_level_was", &[("level", &now), ("was", &l.risk(from))]);
    Some(match r.change {
        RiskChange::New => ("new", Direction::Worse, l.fill("risk_new", &[("level", &now)])),
        RiskChange::Closed => ("closed", Direction::Better, l.fill("risk_closed", &[("level", &now)])),
        RiskChange::Raised { from } => ("raised", Direction::Worse, was(from)),
        RiskChange::Lowered { from } => ("lowered", Direction::Better, was(from)),
        // Still open: left out of the latest update, which says nothing of
        // it; neither better nor worse.
        RiskChange::NotReported { since } => (
            "not-reported",
            Direction::Neutral,
            l.fill("risk_not_reported", &[("date", &l.date(since)), ("level", &now)]),
        ),
        RiskChange::Unchanged | RiskChange::Unknown => return None,
    })
}

/// How much an activity's change for the worse matters (see
/// [`ChangeView::concern`]).
fn activity_concern(d: Direction, a: &ActivityState) -> u8 {
    match (d, a.status) {
        (Direction::Worse, Some(Status::Blocked)) => 4,
        (Direction::Worse, Some(Status::AtRisk)) => 3,
        (Direction::Worse, _) => 1,
        _ => 0,
    }
}

/// How much a risk's change for the worse matters (see [`ChangeView::concern`]).
fn risk_concern(d: Direction, r: &RiskState) -> u8 {
    match (d, r.risk.level) {
        (Direction::Worse, RiskLevel::High) => 2,
        (Direction::Worse, _) => 1,
        _ => 0,
    }
}

/// Which way a change went, for the committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Worse,
    Better,
    Neutral,
}

impl Direction {
    fn key(self) -> &'static str {
        match self {
            Direction::Worse => "worse",
            Direction::Better => "better",
            Direction::Neutral => "neutral",
        }
    }

    fn label(self, l: &Localizer) -> String {
        match self {
            Direction::Worse => l.s("change_worse"),
            Direction::Better => l.s("change_better"),
            Direction::Neutral => String::new(),
        }
    }
}

/// How well an activity stands, for telling a status change's direction:
/// blocked, at risk, planned, in progress, done.
fn rank(s: Status) -> u8 {
    match s {
        Status::Blocked => 0,
        Status::AtRisk => 1,
        Status::Planned => 2,
        Status::InProgress => 3,
        Status::Done => 4,
    }
}

/// "+20 pts" from `before` to `now`.
fn points(l: &Localizer, now: u8, before: u8) -> String {
    let delta = i32::from(now) - i32::from(before);
    let d = if delta > 0 { format!("+{delta}") } else { format!("\u{2212}{}", delta.abs()) };
    l.fill("change_points", &[("delta", &d)])
}

impl Builder<'_> {
    /// An ask, pending with how long it has waited, or answered with the
    /// decision that answered it.
    fn ask(&self, a: &AskState, group: &Localized, group_url: &str) -> AskView {
        let l = self.l;
        let as_of = self.state.as_of();
        let waiting = match &a.answered {
            Some(_) => String::new(),
            None if a.since >= as_of => l.fill("ask_asked", &[("date", &l.date(a.since))]),
            None => l.fill(
                "ask_waiting",
                &[("date", &l.date(a.since)), ("duration", &l.duration(a.since, as_of))],
            ),
        };
        let (answered_by, answered_url) = match &a.answered {
            Some(d) => (
                d.reference.clone(),
                format!("{}#_decision-{}", self.meeting_url(d.meeting_slug), d.index + 1),
            ),
            None => (String::new(), String::new()),
        };
        AskView {
            group: group.clone(),
            group_url: group_url.to_string(),
            html: self.markdown(&a.ask.text),
            id: a.ask.id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
            pending: a.answered.is_none(),
            waiting,
            answered_by,
            answered_url,
        }
    }

    fn activity(&self, a: &ActivityState) -> ActivityView {
        let l = self.l;
        let change = activity_change(l, a);
        ActivityView {
            id: a.activity.id.value.clone(),
            title: l.text_lang(&a.activity.title),
            lead: a.activity.lead.iter().map(|p| self.party(&p.value)).collect(),
            due: if self.in_book { l.opt_date_compact(a.activity.due) } else { l.opt_date(a.activity.due) },
            overdue: a.overdue,
            status: a.status.map(|s| l.status(s)),
            progress: a.progress,
            progress_label: a.progress.map(|p| l.percent(p)).unwrap_or_default(),
            change_kind: change.as_ref().map_or("unchanged", |c| c.kind).to_string(),
            change: change.map(|c| c.tag).unwrap_or_default(),
            note_html: a.note.map(|n| self.markdown(n)).unwrap_or_default(),
            description_html: self.opt_markdown(&a.activity.description),
        }
    }

    /// What changed in a group since its previous update, one sentence a
    /// change, what got worse first.
    pub fn changes(&self, g: &GroupState) -> Vec<ChangeView> {
        let l = self.l;
        let group = l.text_lang(&g.group.name);
        let group_url = self.group_url(&g.group.id);
        let colon = l.s("separator_colon");
        let line =
            |title: &crate::model::Text, rest: String, kind: String, d: Direction, concern: u8| ChangeView {
                group_id: g.group.id.clone(),
                group: group.clone(),
                group_url: group_url.clone(),
                title: l.text_lang(title),
                rest,
                kind,
                direction: d.key().into(),
                direction_label: d.label(l),
                concern,
            };
        let activities = g.activities.iter().filter_map(|a| {
            activity_change(l, a).map(|c| {
                line(&a.activity.title, c.rest, c.kind.into(), c.direction, activity_concern(c.direction, a))
            })
        });
        let risks = g.risks.iter().filter_map(|r| {
            risk_change(l, r).map(|(kind, d, words)| {
                line(&r.risk.title, format!("{colon}{words}"), format!("risk-{kind}"), d, risk_concern(d, r))
            })
        });
        // What got worse first, then what got better, then the rest.
        let mut all: Vec<ChangeView> = activities.chain(risks).collect();
        all.sort_by_key(|c| match c.direction.as_str() {
            "worse" => 0,
            "better" => 1,
            _ => 2,
        });
        all
    }

    /// A group's own page: everything.
    pub fn group(&self, g: &GroupState) -> GroupView {
        self.group_view(g, true, true)
    }

    /// A group in the book: its charts, not the history of its updates.
    pub fn group_in_book(&self, g: &GroupState) -> GroupView {
        self.group_view(g, false, true)
    }

    /// A group for lists (the dashboard's and the groups page's cards):
    /// neither charts nor the history of its updates.
    pub fn group_summary(&self, g: &GroupState) -> GroupView {
        self.group_view(g, false, false)
    }

    /// `groups/index.html`'s view.
    pub fn groups_page(&self) -> GroupsPage {
        GroupsPage { groups: self.state.groups().iter().map(|g| self.group_summary(g)).collect() }
    }

    /// "Its one activity, “…”, stands at 45%, up from 20% at the previous update."
    fn one_activity_progress(&self, a: &ActivityState) -> Option<SentenceView> {
        let l = self.l;
        let p = a.progress?;
        let now = l.percent(p);
        // The title goes in as a mark, then the sentence is cut around it.
        const MARK: &str = "\u{1}";
        let said = match a.previous_progress {
            Some(was) if was != p => l.fill(
                "one_activity_progress_was",
                &[("title", MARK), ("progress", &now), ("was", &l.percent(was))],
            ),
            _ => l.fill("one_activity_progress", &[("title", MARK), ("progress", &now)]),
        };
        let (before, after) = said.split_once(MARK)?;
        Some(SentenceView {
            before: before.into(),
            name: l.text_lang(&a.activity.title),
            after: after.into(),
        })
    }

    fn group_view(&self, g: &GroupState, with_history: bool, with_charts: bool) -> GroupView {
        let l = self.l;
        let url = self.group_url(&g.group.id);
        let name = l.text_lang(&g.group.name);
        let no_charts = GroupCharts::default();
        // A list's card shows no chart: it does not read them.
        let charts = match with_charts {
            true => self.state.charts_of(&g.group.id).unwrap_or(&no_charts),
            false => &no_charts,
        };
        let chairs = g
            .group
            .chairs
            .iter()
            .map(|c| {
                let mut parts = vec![self.party(&c.party.value)];
                parts.extend(c.name.iter().map(|n| Localized::own(n.clone())));
                parts.extend(c.organization.as_ref().map(|o| l.text_lang(o)));
                parts
            })
            .collect();
        GroupView {
            id: g.group.id.clone(),
            name: name.clone(),
            url: url.clone(),
            mandate_html: self.markdown(&g.group.mandate),
            chairs,
            counts: self.counts(&g.counts),
            total: g.counts.total(),
            progress_label: g.progress.map(|p| l.percent(p)).unwrap_or_default(),
            latest_date: g.latest.map(|u| l.date(u.date)).unwrap_or_default(),
            previous_date: g.previous.map(|u| l.date(u.date)).unwrap_or_default(),
            summary_html: g.latest.map(|u| self.opt_markdown(&u.summary)).unwrap_or_default(),
            illustrative: g.updates.iter().any(|u| u.illustrative),
            activities: g.activities.iter().map(|a| self.activity(a)).collect(),
            changes: self.changes(g),
            risks: g
                .risks
                .iter()
                .map(|r| {
                    let change = risk_change(l, r);
                    RiskView {
                        title: l.text_lang(&r.risk.title),
                        level: r.risk.level.key().to_string(),
                        level_label: l.risk(r.risk.level),
                        mitigation_html: self.opt_markdown(&r.risk.mitigation),
                        change_kind: change.as_ref().map_or("unchanged", |c| c.0).to_string(),
                        direction: change.as_ref().map_or("", |c| c.1.key()).to_string(),
                        direction_label: change.as_ref().map(|c| c.1.label(l)).unwrap_or_default(),
                        change: change.map(|c| c.2).unwrap_or_default(),
                        closed: r.change == RiskChange::Closed,
                        not_reported: matches!(r.change, RiskChange::NotReported { .. }),
                    }
                })
                .collect(),
            // A group's own page shows its answered asks too, each with
            // its decision; lists and the book what is still pending.
            asks: g
                .asks
                .iter()
                .filter(|a| with_history || a.answered.is_none())
                .map(|a| self.ask(a, &name, &url))
                .collect(),
            history: g
                .updates
                .iter()
                .rev()
                .filter(|_| with_history)
                .map(|u| UpdateSummaryView {
                    date: l.date(u.date),
                    year: u.date.year().to_string(),
                    summary_html: self.opt_markdown(&u.summary),
                    illustrative: u.illustrative,
                    activities: u
                        .activities
                        .iter()
                        .filter_map(|r| {
                            let a = g.group.activity(&r.id.value)?;
                            Some(ActivityView {
                                id: r.id.value.clone(),
                                title: l.text_lang(&a.title),
                                lead: Vec::new(),
                                due: l.opt_date(a.due),
                                overdue: false,
                                status: Some(l.status(r.status)),
                                progress: r.progress,
                                progress_label: r.progress.map(|p| l.percent(p)).unwrap_or_default(),
                                change: String::new(),
                                change_kind: "unchanged".into(),
                                note_html: self.opt_markdown(&r.note),
                                description_html: String::new(),
                            })
                        })
                        .collect(),
                })
                .collect(),
            actions: match with_history {
                true => self.state.actions_of(&g.group.id).into_iter().map(|a| self.action(a)).collect(),
                false => Vec::new(),
            },
            decisions: match with_history {
                true => {
                    self.state.decisions_of(&g.group.id).into_iter().map(|d| self.decision_entry(d)).collect()
                }
                false => Vec::new(),
            },
            charts: charts.metrics.iter().filter(|_| with_charts).map(|c| self.chart_view(c)).collect(),
            status_chart: charts.status.as_ref().filter(|_| with_charts).map(|c| self.chart_view(c)),
            progress_chart: charts
                .progress
                .as_ref()
                .filter(|_| with_charts && g.activities.len() > 1)
                .map(|c| self.chart_view(c)),
            progress_sentence: match (&g.activities[..], charts.progress.is_some() && with_charts) {
                ([a], true) => self.one_activity_progress(a),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::fixture::with_builder;

    #[test]
    fn changes_for_the_worse_are_told_from_the_better_and_ranked() {
        let activity = crate::model::Activity {
            id: crate::model::At::new("a".to_string(), crate::core::Loc::default()),
            title: crate::model::Text::plain("A"),
            lead: Vec::new(),
            due: None,
            description: None,
        };
        let state = |status, progress, change| ActivityState {
            activity: &activity,
            status: Some(status),
            progress,
            previous_progress: None,
            change,
            note: None,
            overdue: false,
        };
        use Status::*;
        let cases = [
            (state(Blocked, None, Change::Status { from: InProgress }), ("worse", 4)),
            (state(AtRisk, None, Change::Status { from: Planned }), ("worse", 3)),
            (state(Planned, None, Change::Status { from: InProgress }), ("worse", 1)),
            (state(InProgress, None, Change::Status { from: Blocked }), ("better", 0)),
            (state(Done, None, Change::Status { from: AtRisk }), ("better", 0)),
            (state(InProgress, Some(20), Change::Progress { from: 40 }), ("worse", 1)),
            (state(InProgress, Some(60), Change::Progress { from: 40 }), ("better", 0)),
            (state(Blocked, None, Change::New), ("worse", 4)),
            (state(Planned, None, Change::New), ("neutral", 0)),
            (state(Planned, None, Change::Unchanged), ("neutral", 0)),
        ];
        with_builder("en", false, |b, _| {
            for (a, want) in &cases {
                let got = activity_change(b.l, a)
                    .map(|c| (c.direction.key(), activity_concern(c.direction, a)))
                    .unwrap_or(("neutral", 0));
                assert_eq!(got, *want, "{:?} {:?}", a.status, a.change);
            }
        });
    }

    #[test]
    fn a_group_page_shows_its_activities_changes_and_history() {
        with_builder("en", false, |b, state| {
            let g = b.group(&state.groups[0]);
            assert_eq!(g.name, Localized::own("Port Operations"));
            assert_eq!(g.url, "../../groups/ports/index.html");
            assert_eq!(g.chairs, [vec![Localized::own("United States"), Localized::own("Jane Roe")]]);
            let scan = &g.activities[0];
            assert_eq!(scan.change_kind, "status");
            assert_eq!(scan.change, "was Planned · +20 pts");
            assert_eq!(scan.lead, [Localized::own("Canada"), Localized::own("United States")]);
            assert!(scan.overdue, "due January 1st, in progress in May");
            assert_eq!(g.activities[1].change_kind, "new");
            let changes: Vec<(&str, &str, &str)> =
                g.changes.iter().map(|c| (c.title.text.as_str(), c.rest.as_str(), c.kind.as_str())).collect();
            assert_eq!(
                changes,
                [
                    ("Winter <closures>", ": High (was Low)", "risk-raised"),
                    ("Scanners", ": Planned → In progress (15% → 35%)", "status"),
                    ("Training", ": new", "new"),
                ]
            );
            let ways: Vec<(&str, &str)> =
                g.changes.iter().map(|c| (c.direction.as_str(), c.direction_label.as_str())).collect();
            assert_eq!(ways, [("worse", "Worse"), ("better", "Better"), ("neutral", "")]);
            assert_eq!((g.risks[0].direction.as_str(), g.risks[0].closed), ("worse", false));
            assert_eq!(
                (g.risks[0].change_kind.as_str(), g.risks[0].change.as_str()),
                ("raised", "High (was Low)")
            );
            assert_eq!(g.history.len(), 2, "newest first");
            assert_eq!(g.history[0].activities.len(), 2);
            assert_eq!(g.history[1].activities[0].progress_label, "15%");
            assert_eq!(g.asks[0].group_url, g.url);
            assert!(g.summary_html.contains("<em>well</em>"), "{}", g.summary_html);
        });
    }

    #[test]
    fn in_french_what_has_no_translation_is_marked_english() {
        with_builder("fr", false, |b, state| {
            let g = b.group(&state.groups[0]);
            assert_eq!(g.name.lang.as_deref(), Some("en"));
            assert_eq!(g.activities[0].title, Localized::own("Scanneurs"));
            assert_eq!(g.activities[1].title.lang.as_deref(), Some("en"));
            assert_eq!(g.changes[1].title, Localized::own("Scanneurs"));
            assert_eq!(g.changes[1].group.lang.as_deref(), Some("en"));
            assert_eq!(
                g.activities[0].lead[1].lang.as_deref(),
                Some("en"),
                "United States has no French name"
            );
        });
    }

    #[test]
    fn cards_and_book_sections_leave_out_what_they_do_not_show() {
        with_builder("en", true, |b, state| {
            let card = b.group_summary(&state.groups[0]);
            assert!(card.history.is_empty());
            let section = b.group_in_book(&state.groups[0]);
            assert!(section.history.is_empty());
            assert_eq!(section.url, "#_group-ports", "in the book, a group is a section");
            assert_eq!(b.groups_page().groups.len(), 1);
        });
    }
}
