//! A group's current state: each activity's newest status and its change
//! since the previous update, risks new and closed, asks, metric series.

use jiff::civil::Date;

use super::StatusCounts;
use super::metrics::{self, MetricSeries};
use crate::model::{
    Activity, Ask, Content, Group, Meeting, Risk, RiskLevel, RiskStatus, Status, Text, Update,
    unreported_risks,
};

#[derive(Debug, Clone, Hash)]
pub struct GroupState<'c> {
    pub group: &'c Group,
    /// The group's updates, oldest first.
    pub updates: Vec<&'c Update>,
    pub latest: Option<&'c Update>,
    pub previous: Option<&'c Update>,
    pub activities: Vec<ActivityState<'c>>,
    pub counts: StatusCounts,
    /// Average progress of activities that report one.
    pub progress: Option<u8>,
    pub risks: Vec<RiskState<'c>>,
    /// The asks still waiting for a decision, and those a held meeting
    /// answered (see [`AskState`]).
    pub asks: Vec<AskState<'c>>,
    pub metrics: Vec<MetricSeries<'c>>,
}

/// How something changed since the previous update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// Reported now, not before.
    New,
    Status {
        from: Status,
    },
    Progress {
        from: u8,
    },
    Unchanged,
    /// No previous update to compare with.
    Unknown,
}

#[derive(Debug, Clone, Hash)]
pub struct ActivityState<'c> {
    pub activity: &'c Activity,
    pub status: Option<Status>,
    pub progress: Option<u8>,
    pub previous_progress: Option<u8>,
    pub change: Change,
    pub note: Option<&'c Text>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskChange {
    New,
    Raised {
        from: RiskLevel,
    },
    Lowered {
        from: RiskLevel,
    },
    Unchanged,
    /// Closed by the latest update (`status: closed`).
    Closed,
    /// Open at its last report, left out of the latest update: still open,
    /// its last report dated `since`. Never shown as closed or better.
    NotReported {
        since: Date,
    },
    Unknown,
}

#[derive(Debug, Clone, Hash)]
pub struct RiskState<'c> {
    pub risk: &'c Risk,
    pub change: RiskChange,
}

/// An ask of the committee, followed from update to update: every ask with
/// an `id` of any update, pending until a held meeting answers it, and the
/// latest update's asks without an id (pending; an earlier update's ask
/// without an id is the latest update's no more).
#[derive(Debug, Clone, Hash)]
pub struct AskState<'c> {
    pub ask: &'c Ask,
    /// The newest update that makes the ask.
    pub update: &'c Update,
    /// The date of the first update that made it.
    pub since: Date,
    /// The decision that answered it, when a meeting held by the briefing
    /// date took one.
    pub answered: Option<Answer<'c>>,
}

/// The decision that answered an ask: of its meeting, only its address
/// (what a page links), so that the meeting's notes are no part of it.
#[derive(Debug, Clone, Hash)]
pub struct Answer<'c> {
    pub meeting_slug: &'c str,
    /// The decision's place in its meeting, from 0.
    pub index: usize,
    pub reference: String,
}

fn asks<'c>(updates: &[&'c Update], content: &'c Content, as_of: Date) -> Vec<AskState<'c>> {
    let Some(latest) = updates.last() else { return Vec::new() };
    // The meetings held by the briefing date, oldest first: the first
    // decision to answer an ask is its answer.
    let mut held: Vec<&'c Meeting> =
        content.meetings.iter().map(|m| &**m).filter(|m| !m.draft && m.date <= as_of).collect();
    held.sort_by_key(|m| (m.date, m.slug.as_str()));
    let answer = |id: &str| -> Option<Answer<'c>> {
        held.iter().find_map(|m| {
            let index = m.decisions.iter().position(|d| d.answers.iter().any(|a| a.value == id))?;
            Some(Answer { meeting_slug: &m.slug, index, reference: m.decision_ref(index) })
        })
    };
    let mut out: Vec<AskState<'c>> = Vec::new();
    for u in updates {
        for a in &u.asks {
            let Some(id) = &a.id else { continue };
            match out.iter_mut().find(|s| s.ask.id.as_ref().is_some_and(|x| x.value == id.value)) {
                Some(s) => {
                    s.ask = a;
                    s.update = u;
                }
                None => out.push(AskState { ask: a, update: u, since: u.date, answered: None }),
            }
        }
    }
    for s in &mut out {
        s.answered = s.ask.id.as_ref().and_then(|id| answer(&id.value));
    }
    out.extend(latest.asks.iter().filter(|a| a.id.is_none()).map(|a| AskState {
        ask: a,
        update: latest,
        since: latest.date,
        answered: None,
    }));
    out
}

pub fn derive<'c>(group: &'c Group, content: &'c Content, as_of: Date) -> GroupState<'c> {
    let mut updates: Vec<&Update> = content.updates.iter().filter(|u| u.group.value == group.id).collect();
    updates.sort_by_key(|u| u.date);
    let latest = updates.last().copied();
    let previous = updates.len().checked_sub(2).map(|i| updates[i]);
    let parties: Vec<String> = content
        .site
        .as_ref()
        .map(|s| s.parties.iter().map(|(c, _, _)| c.clone()).collect())
        .unwrap_or_default();

    let mut counts = StatusCounts::default();
    let mut progress_sum = 0u32;
    let mut progress_n = 0u32;
    let activities: Vec<ActivityState> = group
        .activities
        .iter()
        .map(|a| {
            let now = latest.and_then(|u| u.activities.iter().find(|r| r.id.value == a.id.value));
            let before = previous.and_then(|u| u.activities.iter().find(|r| r.id.value == a.id.value));
            let change = match (previous, now, before) {
                (None, _, _) | (_, None, _) => Change::Unknown,
                (Some(_), Some(_), None) => Change::New,
                (Some(_), Some(n), Some(b)) if n.status != b.status => Change::Status { from: b.status },
                (Some(_), Some(n), Some(b)) if n.progress != b.progress && b.progress.is_some() => {
                    Change::Progress { from: b.progress.unwrap_or(0) }
                }
                _ => Change::Unchanged,
            };
            if let Some(n) = now {
                counts.add(n.status);
                if let Some(p) = n.progress {
                    progress_sum += u32::from(p);
                    progress_n += 1;
                }
            }
            let status = now.map(|n| n.status);
            ActivityState {
                activity: a,
                status,
                progress: now.and_then(|n| n.progress),
                previous_progress: before.and_then(|b| b.progress),
                change,
                note: now.and_then(|n| n.note.as_ref()),
                overdue: status != Some(Status::Done) && a.due.is_some_and(|d| d < as_of),
            }
        })
        .collect();

    let mut risks: Vec<RiskState> = Vec::new();
    if let Some(l) = latest {
        for r in &l.risks {
            let before = previous.and_then(|p| p.risks.iter().find(|x| x.same(r)));
            let change = match (previous, before) {
                _ if r.status == RiskStatus::Closed => {
                    // Closed now; a risk closed before and closed again is
                    // no change.
                    match before {
                        Some(b) if b.status == RiskStatus::Closed => RiskChange::Unchanged,
                        _ => RiskChange::Closed,
                    }
                }
                (None, _) => RiskChange::Unknown,
                (Some(_), None) => RiskChange::New,
                (Some(_), Some(b)) if b.status == RiskStatus::Closed => RiskChange::New,
                (Some(_), Some(b)) if r.level > b.level => RiskChange::Raised { from: b.level },
                (Some(_), Some(b)) if r.level < b.level => RiskChange::Lowered { from: b.level },
                _ => RiskChange::Unchanged,
            };
            risks.push(RiskState { risk: r, change });
        }
        let earlier = &updates[..updates.len() - 1];
        for u in unreported_risks(earlier, l) {
            risks.push(RiskState { risk: u.risk, change: RiskChange::NotReported { since: u.since } });
        }
    }
    let metrics = group.metrics.iter().map(|m| metrics::derive(m, &updates, &parties)).collect();
    GroupState {
        group,
        latest,
        previous,
        activities,
        counts,
        progress: (progress_n > 0).then(|| (progress_sum as f64 / progress_n as f64).round() as u8),
        risks,
        asks: asks(&updates, content, as_of),
        metrics,
        updates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Loc;
    use crate::model::{At, Translation};

    fn risk(title: &str, line: u32, level: RiskLevel) -> Risk {
        let title = Text {
            loc: Loc::new(line, 10),
            plain: None,
            langs: vec![Translation { lang: "en".into(), text: title.into(), loc: Loc::new(line, 12) }],
            markdown: None,
        };
        Risk { id: None, title, level, status: RiskStatus::Open, mitigation: None, loc: Loc::new(line, 3) }
    }

    fn closed(mut r: Risk) -> Risk {
        r.status = RiskStatus::Closed;
        r
    }

    fn update(date: &str, risks: Vec<Risk>) -> Update {
        Update {
            group: At::new("g".to_string(), Loc::new(1, 1)),
            date: date.parse().unwrap(),
            file: format!("updates/{date}/g.yaml"),
            summary: None,
            illustrative: false,
            activities: Vec::new(),
            mentioned: Vec::new(),
            metrics: Vec::new(),
            imports: Vec::new(),
            risks,
            risks_loc: Loc::new(1, 1),
            asks: Vec::new(),
        }
    }

    fn changes(updates: Vec<Update>) -> Vec<(String, RiskChange)> {
        let group = Group {
            id: "g".into(),
            file: "groups/g.yaml".into(),
            name: Text::plain("G"),
            order: None,
            mandate: Text::plain("M"),
            chairs: Vec::new(),
            activities: Vec::new(),
            metrics: Vec::new(),
        };
        let content = Content { updates, ..Content::default() };
        let state = derive(&group, &content, "2030-01-01".parse().unwrap());
        state.risks.iter().map(|r| (r.risk.title.get("en", "en").to_string(), r.change)).collect()
    }

    #[test]
    fn risks_without_ids_match_by_their_title_wherever_it_is_written() {
        let before = risk("Staffing shortfall", 7, RiskLevel::High);
        let after = risk("Staffing shortfall", 12, RiskLevel::Medium);
        assert!(before.same(&after), "the same title on another line is the same risk");
        assert!(!before.same(&risk("Budget cut", 7, RiskLevel::High)));
    }

    #[test]
    fn a_risk_left_out_of_the_latest_update_is_not_reported_never_closed() {
        let got = changes(vec![
            update("2021-01-10", vec![risk("Supplier delays", 3, RiskLevel::High)]),
            update("2021-04-10", vec![risk("Budget", 3, RiskLevel::Low)]),
        ]);
        let since: Date = "2021-01-10".parse().unwrap();
        assert_eq!(
            got,
            vec![
                ("Budget".to_string(), RiskChange::New),
                ("Supplier delays".to_string(), RiskChange::NotReported { since }),
            ]
        );
    }

    #[test]
    fn a_risk_left_out_of_two_updates_is_still_not_reported_since_its_last_report() {
        let got = changes(vec![
            update("2021-01-10", vec![risk("Supplier delays", 3, RiskLevel::High)]),
            update("2021-02-10", vec![risk("Supplier delays", 3, RiskLevel::Medium)]),
            update("2021-03-10", vec![]),
            update("2021-04-10", vec![]),
        ]);
        let since: Date = "2021-02-10".parse().unwrap();
        assert_eq!(got, vec![("Supplier delays".to_string(), RiskChange::NotReported { since })]);
    }

    #[test]
    fn only_a_risk_the_latest_update_closes_is_closed_and_then_it_is_gone() {
        let got = changes(vec![
            update("2021-01-10", vec![risk("Supplier delays", 3, RiskLevel::High)]),
            update("2021-04-10", vec![closed(risk("Supplier delays", 3, RiskLevel::High))]),
        ]);
        assert_eq!(got, vec![("Supplier delays".to_string(), RiskChange::Closed)]);
        let later = changes(vec![
            update("2021-01-10", vec![risk("Supplier delays", 3, RiskLevel::High)]),
            update("2021-04-10", vec![closed(risk("Supplier delays", 3, RiskLevel::High))]),
            update("2021-07-10", vec![]),
        ]);
        assert_eq!(later, vec![], "a closed risk left out afterwards is neither shown nor unreported");
    }
}
