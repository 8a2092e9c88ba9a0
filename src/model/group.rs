//! `groups/<id>.yaml`: a working group and what is stable about it.

use jiff::civil::Date;

use super::{At, Text};
use crate::core::Loc;

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Group {
    pub id: String,
    pub file: String,
    pub name: Text,
    pub order: Option<i64>,
    pub mandate: Text,
    pub chairs: Vec<Chair>,
    pub activities: Vec<Activity>,
    pub metrics: Vec<Metric>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Chair {
    pub party: At<String>,
    pub name: Option<String>,
    pub organization: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Activity {
    pub id: At<String>,
    pub title: Text,
    pub lead: Vec<At<String>>,
    pub due: Option<Date>,
    pub description: Option<Text>,
}

/// How a metric is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Line,
    Bar,
    Stacked,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Metric {
    pub id: At<String>,
    pub title: Text,
    pub unit: Option<Text>,
    pub chart: ChartKind,
    pub description: Option<Text>,
    pub loc: Loc,
}

impl Group {
    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id.value == id)
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id.value == id)
    }
}
