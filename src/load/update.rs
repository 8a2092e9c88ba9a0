//! Decoding `updates/<date>/<group>.yaml`.

use jiff::civil::Date;

use super::text::{markdown_text, text};
use crate::diag::codes;
use crate::model::{ActivityReport, At, Observation, Risk, RiskLevel, Status, Update};
use crate::yaml::{Loc, Node, Reader};

use crate::schema::model::{REPORT, RISK, UPDATE};

pub fn update(r: &mut Reader, node: &Node, group: &str, date: Date) -> Option<Update> {
    let what = format!("the {group} update");
    let f = r.fields(node, &what, &UPDATE.keys())?;
    let summary = f.get("summary").and_then(|n| markdown_text(r, n, "summary"));
    let illustrative = f.get("illustrative").and_then(|n| r.bool(n, "illustrative")).unwrap_or(false);
    let mut activities = Vec::new();
    let mut mentioned = Vec::new();
    if let Some(n) = f.get("activities") {
        for (key, value) in r.map(n, "activities") {
            mentioned.push(At::new(key.name.clone(), key.loc));
            let what = format!("activity `{}`", key.name);
            let Some(af) = r.fields(value, &what, &REPORT.keys()) else { continue };
            let status = r
                .required(&af, "status", &what)
                .and_then(|n| r.choice(n, "status", &Status::KEYS, codes::UNKNOWN_STATUS))
                .and_then(Status::from_key);
            let progress = af.get("progress").and_then(|n| r.int_in(n, "progress", 0, 100)).map(|p| p as u8);
            let note = af.get("note").and_then(|n| markdown_text(r, n, "note"));
            if let Some(status) = status {
                activities.push(ActivityReport {
                    id: At::new(key.name.clone(), key.loc),
                    status,
                    progress,
                    note,
                });
            }
        }
    }
    let mut metrics = Vec::new();
    if let Some(n) = f.get("metrics") {
        for (key, value) in r.map(n, "metrics") {
            let mut observations = Vec::new();
            for item in r.list(value, &format!("metric `{}`", key.name)) {
                if let Some(o) = observation(r, item) {
                    observations.push(o);
                }
            }
            metrics.push((At::new(key.name.clone(), key.loc), observations));
        }
    }
    let mut risks = Vec::new();
    if let Some(n) = f.get("risks") {
        for item in r.list(n, "risks") {
            let Some(rf) = r.fields(item, RISK.what, &RISK.keys()) else { continue };
            let id = rf.get("id").and_then(|n| r.id(n, "risk id"));
            let title = r.required(&rf, "title", "a risk").and_then(|n| text(r, n, "title"));
            let level = r
                .required(&rf, "level", "a risk")
                .and_then(|n| r.choice(n, "risk level", &RiskLevel::KEYS, codes::INVALID_VALUE))
                .map(|k| match k {
                    "low" => RiskLevel::Low,
                    "medium" => RiskLevel::Medium,
                    _ => RiskLevel::High,
                });
            let mitigation = rf.get("mitigation").and_then(|n| markdown_text(r, n, "mitigation"));
            if let (Some(title), Some(level)) = (title, level) {
                risks.push(Risk { id, title, level, mitigation, loc: item.loc });
            }
        }
    }
    let mut asks = Vec::new();
    if let Some(n) = f.get("asks") {
        for item in r.list(n, "asks") {
            if let Some(t) = markdown_text(r, item, "ask") {
                asks.push(t);
            }
        }
    }
    Some(Update {
        group: At::new(group.to_string(), Loc::new(1, 1)),
        date,
        file: r.file.to_string(),
        summary,
        illustrative,
        activities,
        mentioned,
        metrics,
        risks,
        asks,
    })
}

/// `{period: 2021-03, CA: 11.0, US: 290.5}`
fn observation(r: &mut Reader, node: &Node) -> Option<Observation> {
    let entries = r.map(node, "an observation");
    let mut period = None;
    let mut values = Vec::new();
    for (key, value) in entries {
        if key.name == "period" {
            let Some(p) = r.string(value, "period") else { continue };
            if !is_period(&p) {
                r.error(codes::BAD_PERIOD, value.loc, format!("`{p}` is not a period")).hint =
                    Some("write periods as YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD, e.g. 2021-03".into());
                continue;
            }
            period = Some(At::new(p, value.loc));
        } else if let Some(v) = r.number(value, &format!("value for {}", key.name)) {
            values.push((At::new(key.name.clone(), key.loc), v));
        }
    }
    if period.is_none() && !entries.is_empty() && !entries.iter().any(|(k, _)| k.name == "period") {
        r.error(codes::MISSING_FIELD, node.loc, "an observation has no `period`").hint =
            Some("e.g. `{period: 2021-03, CA: 11.0, US: 290.5}`".into());
    }
    Some(Observation { period: period?, values })
}

/// `2021`, `2021-03`, `2021-Q2` or a real date.
pub fn is_period(p: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    match p.split('-').collect::<Vec<_>>().as_slice() {
        [y] => digits(y, 4),
        [y, q] if q.starts_with('Q') => digits(y, 4) && matches!(&q[1..], "1" | "2" | "3" | "4"),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        [_, _, _] => crate::core::date::parse_date(p).is_ok(),
        _ => false,
    }
}
