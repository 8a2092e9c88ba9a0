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
    pub asks: Vec<Text>,
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

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Risk {
    pub id: Option<String>,
    pub title: Text,
    pub level: RiskLevel,
    pub mitigation: Option<Text>,
    pub loc: Loc,
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
