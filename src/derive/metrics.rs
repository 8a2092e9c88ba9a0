//! Metric series: every observation of a metric across a group's updates,
//! the newest update's value winning for a period reported twice.

use std::collections::BTreeMap;

use crate::model::{Metric, Update};

#[derive(Debug, Clone)]
pub struct MetricSeries<'c> {
    pub metric: &'c Metric,
    /// Periods in order.
    pub periods: Vec<String>,
    /// Party code and one value per period (None = not reported).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    pub illustrative: bool,
}

/// Every field; a value by its bits (as an observation's), so that the
/// preview's keys tell any change.
impl std::hash::Hash for MetricSeries<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let MetricSeries { metric, periods, series, illustrative } = self;
        (metric, periods, illustrative).hash(h);
        series.len().hash(h);
        for (party, values) in series {
            party.hash(h);
            values.len().hash(h);
            values.iter().for_each(|v| v.map(f64::to_bits).hash(h));
        }
    }
}

/// `updates` are the group's updates, oldest first; `parties` in site order.
pub fn derive<'c>(metric: &'c Metric, updates: &[&'c Update], parties: &[String]) -> MetricSeries<'c> {
    let mut values: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut illustrative = false;
    for u in updates {
        for (id, observations) in &u.metrics {
            if id.value != metric.id.value {
                continue;
            }
            illustrative |= u.illustrative;
            for o in observations {
                let row = values.entry(o.period.value.clone()).or_default();
                for (party, v) in &o.values {
                    row.insert(party.value.clone(), *v);
                }
            }
        }
    }
    let periods: Vec<String> = values.keys().cloned().collect();
    let series = parties
        .iter()
        .map(|p| (p.clone(), periods.iter().map(|per| values[per].get(p).copied()).collect()))
        .collect();
    MetricSeries { metric, periods, series, illustrative }
}
