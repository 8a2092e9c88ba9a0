//! Actions across meetings: overdue relative to the briefing date.

use jiff::civil::Date;

use crate::model::{Action, Meeting};

#[derive(Debug, Clone)]
pub struct ActionState<'c> {
    pub action: &'c Action,
    pub meeting: &'c Meeting,
    pub overdue: bool,
    /// Days past due (positive) or until due (negative); None without a due date.
    pub days_late: Option<i32>,
}

/// One meeting's actions, in id order: what its page and its section of
/// the book list.
pub fn of_meeting(meeting: &Meeting, as_of: Date) -> Vec<ActionState<'_>> {
    let mut out = derive(&[meeting], as_of);
    out.sort_by(|a, b| a.action.id.value.cmp(&b.action.id.value));
    out
}

pub fn derive<'c>(meetings: &[&'c Meeting], as_of: Date) -> Vec<ActionState<'c>> {
    let mut out: Vec<ActionState> = meetings
        .iter()
        .flat_map(|m| m.actions.iter().map(move |a| (*m, a)))
        .map(|(meeting, action)| {
            let days_late = action.due.map(|d| (as_of - d).get_days());
            let overdue = !action.status.is_closed() && days_late.is_some_and(|n| n > 0);
            ActionState { action, meeting, overdue, days_late }
        })
        .collect();
    out.sort_by(|a, b| {
        (!a.overdue, a.action.status.is_closed(), a.action.due, &a.action.id.value).cmp(&(
            !b.overdue,
            b.action.status.is_closed(),
            b.action.due,
            &b.action.id.value,
        ))
    });
    out
}
