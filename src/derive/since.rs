//! What changed since the last meeting: between the date of the meeting
//! before the book's (the last pack the committee read) and the briefing
//! date, the decisions taken, the actions opened, closed and newly overdue,
//! the activities whose status changed, the risks new, raised, lowered,
//! closed or not reported, the updates received and the groups that have
//! not reported since. Each list is worse first.
//!
//! Activities and risks compare each group's newest update on or before the
//! last meeting's date (what its pack showed) with its newest update now.
//! The files keep no date of an action's closing: an action counts as
//! closed since the last meeting when it is done or cancelled and was not
//! yet due at that meeting (or has no due date) and was assigned at it or
//! before; a decision or action of the last meeting itself is one "since",
//! as its pack was made before it.
//!
//! Must not import `load`, `yaml`, `validate`, `render`, `theme`, `charts`,
//! `write`, `site`, `cli`, `serve`, `pdf`.

use jiff::civil::Date;

use super::{ActionState, GroupState};
use crate::model::{Activity, Meeting, Risk, RiskLevel, RiskStatus, Status, Update, unreported_risks};

use super::RiskChange;

/// The changes since the last meeting.
#[derive(Debug, Clone)]
pub struct Since<'c> {
    /// The last meeting: the one before the book's.
    pub last: &'c Meeting,
    /// The briefing date.
    pub to: Date,
    /// The decisions of the meetings held from the last one to the briefing
    /// date, each its meeting and its place in it, newest meeting first.
    pub decisions: Vec<(&'c Meeting, usize)>,
    /// Indexes into the state's actions (the tracker's order, overdue first).
    pub opened: Vec<usize>,
    pub closed: Vec<usize>,
    /// Open actions that fell due after the last meeting and by the
    /// briefing date.
    pub overdue: Vec<usize>,
    /// Activities whose status changed, worse first.
    pub activities: Vec<ActivityMove<'c>>,
    /// Risks that changed, worse first; not reported last (neutral).
    pub risks: Vec<RiskMove<'c>>,
    /// The updates received since, by group order then date.
    pub received: Vec<&'c Update>,
    /// Groups with no update since, and the date of their last one (none
    /// when the briefing date is the last meeting's).
    pub missing: Vec<(&'c str, Option<Date>)>,
}

/// An activity whose status is not the one of the last meeting's pack.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ActivityMove<'c> {
    pub group: &'c str,
    pub activity: &'c Activity,
    /// Its status in the last pack (`None`: not reported then).
    pub from: Option<Status>,
    pub to: Status,
    /// Toward blocked or at risk (from a better status).
    pub worse: bool,
}

/// A risk that changed since the last meeting's pack.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct RiskMove<'c> {
    pub group: &'c str,
    pub risk: &'c Risk,
    /// `New`, `Raised`, `Lowered`, `Closed` or `NotReported` (neutral).
    pub change: RiskChange,
    pub worse: bool,
}

/// How bad a status is, for "worse first": blocked, at risk, then the rest.
fn badness(s: Status) -> u8 {
    match s {
        Status::Blocked => 3,
        Status::AtRisk => 2,
        Status::Planned | Status::InProgress => 1,
        Status::Done => 0,
    }
}

/// The changes between `last`'s date and `to`; `meetings` newest first,
/// `actions` in the tracker's order.
pub fn since<'c>(
    last: &'c Meeting,
    to: Date,
    groups: &[GroupState<'c>],
    meetings: &[&'c Meeting],
    actions: &[ActionState<'c>],
) -> Since<'c> {
    let from = last.date;
    let within = |m: &Meeting| m.date >= from && m.date <= to;
    let decisions = meetings
        .iter()
        .filter(|m| within(m))
        .flat_map(|m| (0..m.decisions.len()).map(move |i| (*m, i)))
        .collect();
    let pick = |keep: &dyn Fn(&ActionState) -> bool| -> Vec<usize> {
        actions.iter().enumerate().filter(|(_, a)| keep(a)).map(|(i, _)| i).collect()
    };
    let opened = pick(&|a| within(a.meeting));
    let closed = pick(&|a| {
        a.action.status.is_closed() && a.meeting.date <= to && a.action.due.is_none_or(|d| d >= from)
    });
    let overdue = pick(&|a| a.overdue && a.action.due.is_some_and(|d| d > from && d <= to));
    let mut activities = Vec::new();
    let mut risks = Vec::new();
    let mut received = Vec::new();
    let mut missing = Vec::new();
    for g in groups {
        let id = g.group.id.as_str();
        let then: Vec<&Update> = g.updates.iter().copied().filter(|u| u.date <= from).collect();
        let new: Vec<&Update> = g.updates.iter().copied().filter(|u| u.date > from && u.date <= to).collect();
        if new.is_empty() {
            // On the day of the last meeting itself, no update is missing yet.
            if to > from {
                missing.push((id, then.last().map(|u| u.date)));
            }
            continue;
        }
        received.extend(new.iter().copied());
        let Some(now) = new.last() else { continue };
        let before = then.last();
        for a in &g.group.activities {
            let report =
                |u: &Update| u.activities.iter().find(|r| r.id.value == a.id.value).map(|r| r.status);
            let Some(to) = report(now) else { continue };
            let from = before.and_then(|u| report(u));
            if from != Some(to) {
                let worse = from.is_some_and(|f| badness(to) > badness(f) && badness(to) >= 2)
                    || (from.is_none() && badness(to) >= 2);
                activities.push(ActivityMove { group: id, activity: a, from, to, worse });
            }
        }
        for r in &now.risks {
            let prior = before.and_then(|u| u.risks.iter().find(|x| x.same(r)));
            let change = match prior {
                _ if r.status == RiskStatus::Closed => match prior {
                    Some(p) if p.status == RiskStatus::Open => RiskChange::Closed,
                    _ => continue,
                },
                None => RiskChange::New,
                Some(p) if p.status == RiskStatus::Closed => RiskChange::New,
                Some(p) if r.level > p.level => RiskChange::Raised { from: p.level },
                Some(p) if r.level < p.level => RiskChange::Lowered { from: p.level },
                Some(_) => continue,
            };
            let worse = matches!(change, RiskChange::New | RiskChange::Raised { .. });
            risks.push(RiskMove { group: id, risk: r, change, worse });
        }
        let earlier: Vec<&Update> = g.updates.iter().copied().filter(|u| u.date < now.date).collect();
        for u in unreported_risks(&earlier, now) {
            risks.push(RiskMove {
                group: id,
                risk: u.risk,
                change: RiskChange::NotReported { since: u.since },
                worse: false,
            });
        }
    }
    // Worse first, the gravest first (now blocked before now at risk; a high
    // risk before a medium one), then the rest; each kind keeps the
    // committee's order of groups.
    activities.sort_by_key(|a| (!a.worse, std::cmp::Reverse(badness(a.to))));
    let risk_rank = |r: &RiskMove| -> (u8, std::cmp::Reverse<RiskLevel>) {
        let kind = match r.change {
            RiskChange::New | RiskChange::Raised { .. } => 0,
            RiskChange::Lowered { .. } => 1,
            RiskChange::Closed => 2,
            _ => 3,
        };
        (kind, std::cmp::Reverse(r.risk.level))
    };
    risks.sort_by_key(|r| risk_rank(r));
    Since { last, to, decisions, opened, closed, overdue, activities, risks, received, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_is_worse_than_at_risk_which_is_worse_than_the_rest() {
        assert!(badness(Status::Blocked) > badness(Status::AtRisk));
        assert!(badness(Status::AtRisk) > badness(Status::InProgress));
        assert!(badness(Status::InProgress) > badness(Status::Done));
    }
}
