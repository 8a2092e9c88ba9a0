//! Decoding `updates/<date>/<group>.yaml`.

use jiff::civil::Date;

use super::text::{markdown_text, text};
use crate::diag::codes;
use crate::model::{
    ActivityReport, Ask, At, MetricImport, Observation, Risk, RiskLevel, RiskStatus, Status, Update,
};
use crate::yaml::{Loc, Node, NodeKind, Reader};

use crate::schema::model::{ASK, IMPORT, REPORT, RISK, UPDATE};

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
    let mut imports = Vec::new();
    if let Some(n) = f.get("metrics") {
        for (key, value) in r.map(n, "metrics") {
            if matches!(value.kind, NodeKind::Map(_)) {
                imports.extend(import(r, key, value));
                continue;
            }
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
            let status = rf
                .get("status")
                .and_then(|n| r.choice(n, "risk status", &RiskStatus::KEYS, codes::INVALID_VALUE))
                .map(|k| if k == "closed" { RiskStatus::Closed } else { RiskStatus::Open })
                .unwrap_or_default();
            let mitigation = rf.get("mitigation").and_then(|n| markdown_text(r, n, "mitigation"));
            if let (Some(title), Some(level)) = (title, level) {
                risks.push(Risk { id, title, level, status, mitigation, loc: item.loc });
            }
        }
    }
    let mut asks = Vec::new();
    if let Some(n) = f.get("asks") {
        for item in r.list(n, "asks") {
            asks.extend(ask(r, item));
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
        imports,
        risks,
        risks_loc: f.get("risks").map_or(Loc::new(1, 1), |n| n.loc),
        asks,
    })
}

/// An ask: a Text, or `{id?, text}` (a map with a `text` key) to follow it
/// until a decision answers it.
fn ask(r: &mut Reader, item: &Node) -> Option<Ask> {
    let is_record = match &item.kind {
        NodeKind::Map(entries) => entries.iter().any(|(k, _)| k.name == "text"),
        _ => false,
    };
    if !is_record {
        return markdown_text(r, item, "ask").map(|text| Ask { id: None, text });
    }
    let af = r.fields(item, ASK.what, &ASK.keys())?;
    let id = af.get("id").and_then(|n| Some(At::new(r.id(n, "ask id")?, n.loc)));
    let text = r.required(&af, "text", "an ask").and_then(|n| markdown_text(r, n, "text"))?;
    Some(Ask { id, text })
}

/// `{from: ../../data/seizures.xlsx, sheet: Sheet1, range: A1:C13}`: the
/// spreadsheet is named relative to the update, as links are, and must lie
/// in `data/`.
fn import(r: &mut Reader, key: &crate::yaml::Key, node: &Node) -> Option<MetricImport> {
    let what = format!("metric `{}`", key.name);
    let f = r.fields(node, &what, &IMPORT.keys())?;
    let from_node = r.required(&f, "from", &what);
    let sheet = f.get("sheet").and_then(|n| r.string(n, "sheet").map(|s| At::new(s, n.loc)));
    let range = f.get("range").and_then(|n| {
        let text = r.string(n, "range")?;
        if super::sheets::CellRange::parse(&text).is_none() {
            r.error(codes::INVALID_VALUE, n.loc, format!("`{text}` is not a range of cells")).hint =
                Some("write the first and last cells of the table, e.g. `A1:C13` (the first row names the columns)".into());
            return None;
        }
        Some(At::new(text, n.loc))
    });
    let from_node = from_node?;
    let from = r.string(from_node, "from")?;
    let path = match crate::links::resolve(r.file, &from) {
        Ok(resolved) if resolved.fragment.is_none() && !resolved.path.is_empty() => resolved.path,
        Ok(_) => {
            r.error(codes::INVALID_VALUE, from_node.loc, format!("`{from}` does not name a file")).hint =
                Some("name the spreadsheet relative to this update, e.g. `../../data/seizures.xlsx`".into());
            return None;
        }
        Err(_) => {
            r.error(codes::UNSAFE_PATH, from_node.loc, format!("`{from}` leaves the content folder")).hint =
                Some("keep spreadsheets in the content folder's data/ and name them relative to this update, e.g. `../../data/seizures.xlsx`".into());
            return None;
        }
    };
    if !path.starts_with("data/") {
        r.error(codes::INVALID_VALUE, from_node.loc, format!("`{from}` is not in the content folder's data/")).hint =
            Some("keep spreadsheets in data/ and name them relative to this update, e.g. `../../data/seizures.xlsx`".into());
        return None;
    }
    Some(MetricImport {
        metric: At::new(key.name.clone(), key.loc),
        file: At::new(path, from_node.loc),
        sheet,
        range,
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
