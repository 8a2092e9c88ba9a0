//! The register of decisions: every decision of the meetings shown, newest
//! meeting first, with its reference and whether it is still in effect or
//! was superseded or rescinded by a later one.

use jiff::civil::Date;

use crate::model::{Decision, Meeting, RecordState};

/// A decision as the register shows it. Holds of its meeting only what the
/// register shows (its address, date and the state of its record), so that
/// what it is made of is small and typed.
#[derive(Debug, Clone, Hash)]
pub struct DecisionState<'c> {
    pub decision: &'c Decision,
    /// Its reference: `id`, else `<meeting slug>/<place>` (see
    /// [`Meeting::decision_ref`]).
    pub reference: String,
    /// Its place in its meeting, from 0.
    pub index: usize,
    pub meeting_slug: &'c str,
    pub meeting_date: Date,
    /// The state of its meeting's record (`None` when it does not say).
    pub record: Option<RecordState>,
    pub status: DecisionStatus,
}

/// Whether a decision is still in effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DecisionStatus {
    InEffect,
    /// A later decision, by reference, replaces it.
    Superseded {
        by: Later,
    },
    /// A later decision withdraws it.
    Rescinded {
        by: Later,
    },
}

/// The later decision that superseded or rescinded one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Later {
    pub reference: String,
    pub meeting_slug: String,
    pub index: usize,
}

/// Every decision of `meetings` (newest first), newest meeting first and in
/// their order within a meeting.
pub fn register<'c>(meetings: &[&'c Meeting]) -> Vec<DecisionState<'c>> {
    let mut all: Vec<DecisionState<'c>> = meetings
        .iter()
        .flat_map(|m| {
            m.decisions.iter().enumerate().map(move |(index, decision)| DecisionState {
                decision,
                reference: m.decision_ref(index),
                index,
                meeting_slug: &m.slug,
                meeting_date: m.date,
                record: m.record.as_ref().map(|r| r.state),
                status: DecisionStatus::InEffect,
            })
        })
        .collect();
    // Oldest first, so that a later supersession wins.
    for at in (0..all.len()).rev() {
        let d = &all[at];
        let later = Later {
            reference: d.reference.clone(),
            meeting_slug: d.meeting_slug.to_string(),
            index: d.index,
        };
        let targets = [
            d.decision.supersedes.as_ref().map(|s| (s.value.clone(), true)),
            d.decision.rescinds.as_ref().map(|s| (s.value.clone(), false)),
        ];
        for (target, supersedes) in targets.into_iter().flatten() {
            if let Some(t) = all.iter_mut().find(|x| x.reference == target) {
                t.status = if supersedes {
                    DecisionStatus::Superseded { by: later.clone() }
                } else {
                    DecisionStatus::Rescinded { by: later.clone() }
                };
            }
        }
    }
    all
}
