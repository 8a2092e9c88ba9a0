//! "Since the last meeting": the view of `derive::Since` for the dashboard
//! and the book (after the decisions sought). Each line names what changed,
//! says how, and links to where it is shown: its group's page or section,
//! its meeting's decision or action (in the book, the section, which the
//! theme gives the page of). Worse lines are marked; the theme only shows.
//!
//! Reads the state through [`super::parts::Tracked`] alone.

use serde::Serialize;

use super::{Builder, Localized};
use crate::derive::{RiskChange, Since};
use crate::render::urls;

/// The section.
#[derive(Debug, Clone, Serialize)]
pub struct SinceView {
    /// "Since the meeting of 26 May 2021 (to 29 September 2021)".
    pub intro: String,
    /// The lists that have lines, in the order of the brief: decisions,
    /// actions, activities, risks, updates.
    pub lists: Vec<SinceList>,
}

/// One kind of change.
#[derive(Debug, Clone, Serialize)]
pub struct SinceList {
    /// `decisions`, `opened`, `closed`, `overdue`, `activities`, `risks`,
    /// `received`, `missing`.
    pub kind: &'static str,
    pub title: String,
    pub items: Vec<SinceItem>,
}

/// One line.
#[derive(Debug, Clone, Serialize)]
pub struct SinceItem {
    /// A decision's reference or an action's id, which is linked ("" for
    /// the rest, whose label is linked).
    pub reference: String,
    /// What changed: a decision's reference and text, an activity's or a
    /// risk's title, a group's name.
    pub label: Localized,
    /// How: "In progress → Blocked", "High (new risk)", "due 30 Sep 2021".
    pub detail: String,
    /// The group it concerns, when the label is not the group itself.
    pub group: Option<Localized>,
    /// Where it is shown (in the book, an anchor of the book).
    pub url: String,
    /// In the book, the anchor the page number is given for ("" on the site).
    pub anchor: String,
    /// A change for the worse.
    pub worse: bool,
}

impl Builder<'_> {
    /// The section, when there was a meeting before the book's.
    pub fn since(&self) -> Option<SinceView> {
        let s = self.state.since()?;
        let l = self.rec.l;
        let key = if s.to > s.last.date { "since_intro" } else { "since_intro_same_day" };
        let intro = l.fill(key, &[("from", &l.date(s.last.date)), ("to", &l.date(s.to))]);
        let lists = [
            ("decisions", "since_decisions", self.since_decisions(s)),
            ("overdue", "since_overdue", self.since_actions(&s.overdue)),
            ("opened", "since_opened", self.since_actions(&s.opened)),
            ("closed", "since_closed", self.since_actions(&s.closed)),
            ("activities", "since_activities", self.since_activities(s)),
            ("risks", "since_risks", self.since_risks(s)),
            ("missing", "since_missing", self.since_missing(s)),
            ("received", "since_received", self.since_received(s)),
        ]
        .into_iter()
        .filter(|(_, _, items)| !items.is_empty())
        .map(|(kind, title, items)| SinceList { kind, title: l.s(title), items })
        .collect();
        Some(SinceView { intro, lists })
    }

    fn line(
        &self,
        label: Localized,
        detail: String,
        group: Option<&str>,
        url: String,
        worse: bool,
    ) -> SinceItem {
        let anchor = if self.rec.in_book {
            url.strip_prefix('#').unwrap_or_default().to_string()
        } else {
            String::new()
        };
        let group = group.and_then(|g| self.group_name(g));
        SinceItem { reference: String::new(), label, detail, group, url, anchor, worse }
    }

    fn group_name(&self, id: &str) -> Option<Localized> {
        let (_, _, name) = self.rec.around.groups.iter().find(|(g, _, _)| *g == id)?;
        Some(self.rec.l.text_lang(name))
    }

    fn group_link(&self, id: &str) -> String {
        if self.rec.in_book {
            format!("#_group-{id}")
        } else {
            format!("{}{}", self.rec.root, urls::group(id))
        }
    }

    fn since_decisions(&self, s: &Since) -> Vec<SinceItem> {
        let l = self.rec.l;
        s.decisions
            .iter()
            .map(|(m, i)| {
                let d = &m.decisions[*i];
                let label = l.text_lang(&d.text);
                let url = if self.rec.in_book {
                    format!("#_meeting-{}", m.slug)
                } else {
                    format!("{}{}#_decision-{}", self.rec.root, urls::meeting(&m.slug), i + 1)
                };
                let group = d.group.as_ref().map(|g| g.value.as_str());
                SinceItem {
                    reference: m.decision_ref(*i),
                    ..self.line(label, l.date(m.date), group, url, false)
                }
            })
            .collect()
    }

    fn since_actions(&self, which: &[usize]) -> Vec<SinceItem> {
        let l = self.rec.l;
        let actions = self.state.actions();
        which
            .iter()
            .filter_map(|i| actions.get(*i))
            .map(|a| {
                let label = l.text_lang(&a.action.text);
                let owner = l.text_lang(&a.action.owner).text;
                let status = l.action_status(a.action.status, a.overdue).label;
                let detail = match a.action.due {
                    Some(d) => l.fill(
                        "since_action_due",
                        &[("owner", &owner), ("due", &l.date(d)), ("status", &status)],
                    ),
                    None => l.fill("since_action", &[("owner", &owner), ("status", &status)]),
                };
                let url = if self.rec.in_book {
                    "#_actions".to_string()
                } else {
                    format!(
                        "{}{}#_action-{}",
                        self.rec.root,
                        urls::meeting(&a.meeting.slug),
                        a.action.id.value
                    )
                };
                let group = a.action.group.as_ref().map(|g| g.value.as_str());
                SinceItem {
                    reference: a.action.id.value.clone(),
                    ..self.line(label, detail, group, url, a.overdue)
                }
            })
            .collect()
    }

    fn since_activities(&self, s: &Since) -> Vec<SinceItem> {
        let l = self.rec.l;
        s.activities
            .iter()
            .map(|m| {
                let to = l.status(m.to).label;
                let detail = match m.from {
                    Some(f) => l.fill("change_from_to", &[("from", &l.status(f).label), ("to", &to)]),
                    None => l.fill("since_first_reported", &[("status", &to)]),
                };
                let label = l.text_lang(&m.activity.title);
                self.line(label, detail, Some(m.group), self.group_link(m.group), m.worse)
            })
            .collect()
    }

    fn since_risks(&self, s: &Since) -> Vec<SinceItem> {
        let l = self.rec.l;
        s.risks
            .iter()
            .map(|r| {
                let now = l.risk(r.risk.level);
                let detail = match r.change {
                    RiskChange::New => l.fill("risk_new", &[("level", &now)]),
                    RiskChange::Raised { from } | RiskChange::Lowered { from } => {
                        l.fill("risk_level_was", &[("level", &now), ("was", &l.risk(from))])
                    }
                    RiskChange::Closed => l.fill("risk_closed", &[("level", &now)]),
                    RiskChange::NotReported { since } => {
                        l.fill("risk_not_reported", &[("date", &l.date(since)), ("level", &now)])
                    }
                    RiskChange::Unchanged | RiskChange::Unknown => String::new(),
                };
                let label = l.text_lang(&r.risk.title);
                self.line(label, detail, Some(r.group), self.group_link(r.group), r.worse)
            })
            .collect()
    }

    fn since_missing(&self, s: &Since) -> Vec<SinceItem> {
        let l = self.rec.l;
        s.missing
            .iter()
            .filter_map(|(id, last)| {
                let name = self.group_name(id)?;
                let detail = match last {
                    Some(d) => l.fill("since_last_update", &[("date", &l.date(*d))]),
                    None => l.s("since_never_reported"),
                };
                Some(self.line(name, detail, None, self.group_link(id), true))
            })
            .collect()
    }

    fn since_received(&self, s: &Since) -> Vec<SinceItem> {
        let l = self.rec.l;
        s.received
            .iter()
            .filter_map(|u| {
                let id = u.group.value.as_str();
                let name = self.group_name(id)?;
                Some(self.line(name, l.date(u.date), None, self.group_link(id), false))
            })
            .collect()
    }
}
