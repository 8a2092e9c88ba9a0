//! A group's current state: each activity's newest status and its change
//! since the previous update, risks new and closed, asks, metric series.

use jiff::civil::Date;

use super::StatusCounts;
use super::metrics::{self, MetricSeries};
use crate::model::{Activity, Content, Group, Risk, RiskLevel, Status, Text, Update};

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
    pub asks: Vec<&'c Text>,
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
    /// In the previous update, gone from the latest.
    Closed,
    Unknown,
}

#[derive(Debug, Clone, Hash)]
pub struct RiskState<'c> {
    pub risk: &'c Risk,
    pub change: RiskChange,
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
            let before = previous.and_then(|p| p.risks.iter().find(|x| same_risk(x, r)));
            let change = match (previous, before) {
                (None, _) => RiskChange::Unknown,
                (Some(_), None) => RiskChange::New,
                (Some(_), Some(b)) if r.level > b.level => RiskChange::Raised { from: b.level },
                (Some(_), Some(b)) if r.level < b.level => RiskChange::Lowered { from: b.level },
                _ => RiskChange::Unchanged,
            };
            risks.push(RiskState { risk: r, change });
        }
        if let Some(p) = previous {
            for r in &p.risks {
                if !l.risks.iter().any(|x| same_risk(x, r)) {
                    risks.push(RiskState { risk: r, change: RiskChange::Closed });
                }
            }
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
        asks: latest.map(|u| u.asks.iter().collect()).unwrap_or_default(),
        metrics,
        updates,
    }
}

/// Risks match across updates by id, else by their title.
fn same_risk(a: &Risk, b: &Risk) -> bool {
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.title.same_words(&b.title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Loc;
    use crate::model::Translation;

    fn risk(title: &str, line: u32, level: RiskLevel) -> Risk {
        let title = Text {
            loc: Loc::new(line, 10),
            plain: None,
            langs: vec![Translation { lang: "en".into(), text: title.into(), loc: Loc::new(line, 12) }],
            markdown: None,
        };
        Risk { id: None, title, level, mitigation: None, loc: Loc::new(line, 3) }
    }

    #[test]
    fn risks_without_ids_match_by_their_title_wherever_it_is_written() {
        let before = risk("Staffing shortfall", 7, RiskLevel::High);
        let after = risk("Staffing shortfall", 12, RiskLevel::Medium);
        assert!(same_risk(&before, &after), "the same title on another line is the same risk");
        assert!(!same_risk(&before, &risk("Budget cut", 7, RiskLevel::High)));
    }
}
