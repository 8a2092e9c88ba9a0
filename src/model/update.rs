//! `updates/<date>/<group>.yaml`: how a group's work stands on one date.

use jiff::civil::Date;

use super::{At, Text};
use crate::core::Loc;

/// Where an activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Planned,
    InProgress,
    AtRisk,
    Blocked,
    Done,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Planned, Status::InProgress, Status::AtRisk, Status::Blocked, Status::Done];
    pub const KEYS: [&'static str; 5] = ["planned", "in-progress", "at-risk", "blocked", "done"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Self::KEYS.iter().position(|k| *k == key).map(|i| Self::ALL[i])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub const KEYS: [&'static str; 3] = ["low", "medium", "high"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Update {
    pub group: At<String>,
    pub date: Date,
    pub file: String,
    pub summary: Option<Text>,
    pub illustrative: bool,
    pub activities: Vec<ActivityReport>,
    /// Every activity id the file names, including those whose report has
    /// an error (so they are not also reported as omitted).
    pub mentioned: Vec<At<String>>,
    /// Metric id (with place) and its observations.
    pub metrics: Vec<(At<String>, Vec<Observation>)>,
    /// Metrics whose observations are taken from a spreadsheet in `data/`;
    /// the load stage reads them into `metrics` once every file is read.
    pub imports: Vec<MetricImport>,
    pub risks: Vec<Risk>,
    /// Where the `risks` list is (line 1 when the file has none).
    pub risks_loc: Loc,
    pub asks: Vec<Ask>,
}

/// A decision requested of the committee. One with an `id` is followed
/// from update to update until a decision `answers` it.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Ask {
    pub id: Option<At<String>>,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ActivityReport {
    pub id: At<String>,
    pub status: Status,
    pub progress: Option<u8>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub period: At<String>,
    /// Party code (with place) and value.
    pub values: Vec<(At<String>, f64)>,
}

/// Every field, each value by its bits (a float has no `Hash`): equal
/// observations hash alike.
impl std::hash::Hash for Observation {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.period.hash(h);
        self.values.len().hash(h);
        for (party, value) in &self.values {
            party.hash(h);
            value.to_bits().hash(h);
        }
    }
}

/// Whether a risk is still open. A risk is open until an update says it is
/// closed: one left out of an update is "not reported", never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RiskStatus {
    #[default]
    Open,
    Closed,
}

impl RiskStatus {
    pub const KEYS: [&'static str; 2] = ["open", "closed"];

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Risk {
    pub id: Option<String>,
    pub title: Text,
    pub level: RiskLevel,
    /// `open` unless the update closes it.
    pub status: RiskStatus,
    pub mitigation: Option<Text>,
    pub loc: Loc,
}

impl Risk {
    /// Risks match across updates by id, else by their title.
    pub fn same(&self, other: &Risk) -> bool {
        match (&self.id, &other.id) {
            (Some(x), Some(y)) => x == y,
            _ => self.title.same_words(&other.title),
        }
    }
}

/// A risk that is still open at its last report and that a later update
/// leaves out: it is not closed, only not reported since `since`.
#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub struct UnreportedRisk<'c> {
    /// The risk as it was last reported.
    pub risk: &'c Risk,
    /// The date of the update that last reported it.
    pub since: Date,
}

/// The risks still open at their last report in `earlier` (a group's
/// updates before `latest`, oldest first) that `latest` does not report, in
/// the order they were first reported. A risk closed in an earlier update
/// and not reported since is not among them.
pub fn unreported_risks<'c>(earlier: &[&'c Update], latest: &Update) -> Vec<UnreportedRisk<'c>> {
    let mut last: Vec<UnreportedRisk<'c>> = Vec::new();
    for u in earlier {
        for r in &u.risks {
            match last.iter_mut().find(|x| x.risk.same(r)) {
                Some(x) => *x = UnreportedRisk { risk: r, since: u.date },
                None => last.push(UnreportedRisk { risk: r, since: u.date }),
            }
        }
    }
    last.retain(|x| x.risk.status == RiskStatus::Open && !latest.risks.iter().any(|r| r.same(x.risk)));
    last
}

/// `seizures: {from: ../../data/seizures.xlsx, sheet: Sheet1, range: A1:C13}`:
/// a metric's observations kept in a spreadsheet.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct MetricImport {
    pub metric: At<String>,
    /// The spreadsheet, relative to the content folder (`data/seizures.xlsx`),
    /// and the place of `from`.
    pub file: At<String>,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<At<String>>,
    /// The cells read, e.g. `A1:C13` (default: every cell used); its first
    /// row names the columns: `period`, then party codes.
    pub range: Option<At<String>>,
}
