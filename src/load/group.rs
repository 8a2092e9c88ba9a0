//! Decoding `groups/<id>.yaml`.

use super::text::{markdown_text, text};
use crate::diag::codes;
use crate::model::{Activity, At, Chair, ChartKind, Group, Metric, Text};
use crate::yaml::{Node, Reader};

use crate::schema::model::{ACTIVITY, CHAIR, CHART_KINDS, GROUP, METRIC};

pub fn group(r: &mut Reader, node: &Node, id: &str) -> Option<Group> {
    let what = format!("group `{id}`");
    let f = r.fields(node, &what, &GROUP.keys())?;
    let name = r.required(&f, "name", &what).and_then(|n| text(r, n, "name"));
    let mandate = r.required(&f, "mandate", &what).and_then(|n| markdown_text(r, n, "mandate"));
    let order = f.get("order").and_then(|n| r.int(n, "order"));
    let mut chairs = Vec::new();
    if let Some(n) = f.get("chairs") {
        for item in r.list(n, "chairs") {
            let Some(cf) = r.fields(item, CHAIR.what, &CHAIR.keys()) else { continue };
            let party =
                r.required(&cf, "party", "a chair").and_then(|n| Some(At::new(r.string(n, "party")?, n.loc)));
            let name = cf.get("name").and_then(|n| r.string(n, "name"));
            let organization = cf.get("organization").and_then(|n| text(r, n, "organization"));
            if let Some(party) = party {
                chairs.push(Chair { party, name, organization });
            }
        }
    }
    let mut activities: Vec<Activity> = Vec::new();
    if let Some(n) = f.get("activities") {
        for item in r.list(n, "activities") {
            let Some(af) = r.fields(item, ACTIVITY.what, &ACTIVITY.keys()) else { continue };
            let id = r
                .required(&af, "id", "an activity")
                .and_then(|n| Some(At::new(r.id(n, "activity id")?, n.loc)));
            let title = r.required(&af, "title", "an activity").and_then(|n| text(r, n, "title"));
            let mut lead = Vec::new();
            if let Some(n) = af.get("lead") {
                for p in r.list(n, "lead") {
                    if let Some(code) = r.string(p, "lead party") {
                        lead.push(At::new(code, p.loc));
                    }
                }
            }
            let due = af.get("due").and_then(|n| r.date(n, "due"));
            let description = af.get("description").and_then(|n| markdown_text(r, n, "description"));
            let (Some(id), Some(title)) = (id, title) else { continue };
            if activities.iter().any(|a| a.id.value == id.value) {
                r.error(
                    codes::DUPLICATE_ID,
                    id.loc,
                    format!("activity `{}` is defined twice in {what}", id.value),
                )
                .hint = Some("give each activity its own id".into());
                continue;
            }
            activities.push(Activity { id, title, lead, due, description });
        }
    }
    let mut metrics: Vec<Metric> = Vec::new();
    if let Some(n) = f.get("metrics") {
        for item in r.list(n, "metrics") {
            let Some(mf) = r.fields(item, METRIC.what, &METRIC.keys()) else { continue };
            let id =
                r.required(&mf, "id", "a metric").and_then(|n| Some(At::new(r.id(n, "metric id")?, n.loc)));
            let title = r.required(&mf, "title", "a metric").and_then(|n| text(r, n, "title"));
            let unit = mf.get("unit").and_then(|n| text(r, n, "unit"));
            let chart =
                match mf.get("chart").map(|n| r.choice(n, "chart kind", CHART_KINDS, codes::INVALID_VALUE)) {
                    Some(Some("bar")) => ChartKind::Bar,
                    Some(Some("stacked")) => ChartKind::Stacked,
                    _ => ChartKind::Line,
                };
            let description = mf.get("description").and_then(|n| text(r, n, "description"));
            let (Some(id), Some(title)) = (id, title) else { continue };
            if metrics.iter().any(|m| m.id.value == id.value) {
                r.error(
                    codes::DUPLICATE_ID,
                    id.loc,
                    format!("metric `{}` is defined twice in {what}", id.value),
                );
                continue;
            }
            metrics.push(Metric { id, title, unit, chart, description, loc: item.loc });
        }
    }
    // A group with a missing name or mandate is still known to the other
    // files (its error is reported above), so references to it do not cascade.
    Some(Group {
        id: id.to_string(),
        file: r.file.to_string(),
        name: name.unwrap_or_else(|| Text::plain(id)),
        order,
        mandate: mandate.unwrap_or_else(|| Text::plain("")),
        chairs,
        activities,
        metrics,
    })
}
