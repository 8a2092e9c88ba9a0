//! A decision of the register: a row of the decisions page (`decisions/`)
//! and of a group's page, with its reference, meeting, group and whether it
//! is in effect.

use serde::Serialize;

use super::{Builder, Localized};
use crate::derive::{DecisionState, DecisionStatus};
use crate::model::RecordState;

#[derive(Debug, Clone, Serialize)]
pub struct DecisionEntryView {
    /// `2021-05-26/3`, or the `id` staff gave it.
    pub reference: String,
    pub html: String,
    pub group: Option<Localized>,
    pub group_url: String,
    pub meeting_date: String,
    /// The decision on its meeting's page.
    pub url: String,
    /// in-effect | superseded | rescinded
    pub status: String,
    pub status_label: String,
    /// The later decision that superseded or rescinded it ("" in effect).
    pub by_reference: String,
    pub by_url: String,
    /// Its meeting's record is not approved (a draft or circulated for
    /// comment): marked "draft record" wherever it is listed.
    pub draft_record: bool,
    /// The year of its meeting (the register groups by it).
    pub year: String,
    /// "Answers the asks endorse-plan, …" or "".
    pub answers: String,
}

/// The decisions of one year, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionYearView {
    pub year: String,
    pub decisions: Vec<DecisionEntryView>,
}

/// A group in the register's index: its decisions on its own page.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionGroupView {
    pub name: Localized,
    pub url: String,
    pub count: usize,
}

/// `decisions/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionsPage {
    pub years: Vec<DecisionYearView>,
    /// Each group with decisions, and where its page lists them all.
    pub groups: Vec<DecisionGroupView>,
    /// "12 decisions, 10 in effect."
    pub summary: String,
}

/// "Answers the decision sought endorse-plan" for the ids a decision answers, or "".
pub fn answers(l: &crate::render::localize::Localizer, ids: &[crate::model::At<String>]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let list: Vec<&str> = ids.iter().map(|a| a.value.as_str()).collect();
    l.fill(
        if ids.len() == 1 { "decision_answers_one" } else { "decision_answers" },
        &[("asks", &list.join(", "))],
    )
}

/// A record not approved: "draft record" beside what it holds.
pub fn draft_record(record: Option<RecordState>) -> bool {
    matches!(record, Some(RecordState::Draft | RecordState::Circulated))
}

impl Builder<'_> {
    pub fn decision_entry(&self, d: &DecisionState) -> DecisionEntryView {
        let l = self.l;
        let (group, group_url) = self.group_link(d.decision.group.as_ref()).unzip();
        let (status, by) = match &d.status {
            DecisionStatus::InEffect => ("in-effect", None),
            DecisionStatus::Superseded { by } => ("superseded", Some(by)),
            DecisionStatus::Rescinded { by } => ("rescinded", Some(by)),
        };
        DecisionEntryView {
            reference: d.reference.clone(),
            html: self.markdown(&d.decision.text),
            group,
            group_url: group_url.unwrap_or_default(),
            meeting_date: l.date(d.meeting_date),
            url: format!("{}#_decision-{}", self.meeting_url(d.meeting_slug), d.index + 1),
            status: status.to_string(),
            status_label: l.s(&format!("decision_{}", status.replace('-', "_"))),
            by_reference: by.map(|b| b.reference.clone()).unwrap_or_default(),
            by_url: by
                .map(|b| format!("{}#_decision-{}", self.meeting_url(&b.meeting_slug), b.index + 1))
                .unwrap_or_default(),
            draft_record: draft_record(d.record),
            year: d.meeting_date.year().to_string(),
            answers: answers(l, &d.decision.answers),
        }
    }

    /// `decisions/index.html`'s view: every decision, by year, newest first.
    pub fn decisions_page(&self) -> DecisionsPage {
        let all = self.state.decisions();
        let mut years: Vec<DecisionYearView> = Vec::new();
        for d in all {
            let entry = self.decision_entry(d);
            match years.last_mut() {
                Some(y) if y.year == entry.year => y.decisions.push(entry),
                _ => years.push(DecisionYearView { year: entry.year.clone(), decisions: vec![entry] }),
            }
        }
        let in_effect = all.iter().filter(|d| d.status == DecisionStatus::InEffect).count();
        let key = if all.len() == 1 { "decisions_summary_one" } else { "decisions_summary" };
        let summary =
            self.l.fill(key, &[("count", &all.len().to_string()), ("in_effect", &in_effect.to_string())]);
        let mut groups: Vec<(String, DecisionGroupView)> = Vec::new();
        for d in all {
            let Some(g) = &d.decision.group else { continue };
            match groups.iter_mut().find(|(id, _)| *id == g.value) {
                Some((_, v)) => v.count += 1,
                None => {
                    if let Some((name, url)) = self.group_link(Some(g)) {
                        let url = format!("{url}#_group-decisions-heading");
                        groups.push((g.value.clone(), DecisionGroupView { name, url, count: 1 }));
                    }
                }
            }
        }
        groups.sort_by(|a, b| a.1.name.text.cmp(&b.1.name.text));
        DecisionsPage { years, groups: groups.into_iter().map(|(_, v)| v).collect(), summary }
    }
}
