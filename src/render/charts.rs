//! Chart inputs from derived state, in one language: metric series, status
//! counts and activity progress handed to the charts module.

use crate::charts::{
    self, Chart, ChartKind, MetricChart, Part, ProgressChart, Series, StatusChart, StatusCount,
};
use crate::derive::{GroupState, MetricSeries, StatusCounts};
use crate::model::{self, Site, Status};

use super::localize::Localizer;
use super::memo::Memo;
use super::view::Localized;

/// Chart file names (`charts/<slug>.svg`). Ids are lowercase letters,
/// digits and hyphens, never `_`: the committee's chart has no `_`, every
/// group chart has its group id, then `_`, then its kind, so no two charts
/// share a name whatever the ids (a metric `status`, a group `committee`).
pub mod slug {
    /// The committee's activities by status.
    pub const COMMITTEE_STATUS: &str = "committee-status";

    /// One group's activities by status: `<group>_status`.
    pub fn group_status(group: &str) -> String {
        format!("{group}_status")
    }

    /// One group's activities' progress: `<group>_progress`.
    pub fn group_progress(group: &str) -> String {
        format!("{group}_progress")
    }

    /// One metric of a group: `<group>_metric_<metric>`.
    pub fn metric(group: &str, metric: &str) -> String {
        format!("{group}_metric_{metric}")
    }

    /// The longest a chart's slug gets for ids of `id_len` bytes: the
    /// longest name is a metric's, plus `.png` or `.svg`.
    pub const fn longest(id_len: usize) -> usize {
        id_len + "_metric_".len() + id_len + ".png".len()
    }
}

/// A period key as an axis label: `2021-03` -> `Mar 2021`.
pub fn period_label(l: &Localizer, period: &str) -> String {
    let parts: Vec<&str> = period.split('-').collect();
    match parts.as_slice() {
        [y, m] if !m.starts_with('Q') => match (y.parse::<i16>(), m.parse::<i8>()) {
            (Ok(y), Ok(m)) => l.locale.month_short(y, m),
            _ => period.to_string(),
        },
        [_, _, _] => crate::core::date::parse_date(period)
            .map(|d| l.locale.date_short(d))
            .unwrap_or_else(|_| period.to_string()),
        _ => period.to_string(),
    }
}

pub fn metric(l: &Localizer, site: &Site, group: &model::Group, m: &MetricSeries, memo: &Memo) -> Chart {
    let title = l.text_lang(&m.metric.title);
    let unit = l.opt_lang(&m.metric.unit).unwrap_or_default();
    let input = MetricChart {
        slug: slug::metric(&group.id, &m.metric.id.value),
        title_lang: title.lang_or_empty().to_string(),
        title: title.text,
        unit_lang: unit.lang_or_empty().to_string(),
        unit: unit.text,
        kind: match m.metric.chart {
            model::ChartKind::Line => ChartKind::Line,
            model::ChartKind::Bar => ChartKind::Bar,
            model::ChartKind::Stacked => ChartKind::Stacked,
        },
        periods: m.periods.iter().map(|p| period_label(l, p)).collect(),
        series: m
            .series
            .iter()
            .map(|(party, values)| {
                let label =
                    site.party(party).map(|t| l.text_lang(t)).unwrap_or_else(|| Localized::own(party));
                Series {
                    key: party.clone(),
                    lang: label.lang_or_empty().to_string(),
                    label: label.text,
                    values: values.clone(),
                }
            })
            .collect(),
        avoid: l.status_colors.values().copied().collect(),
        locale: l.locale,
    };
    memo.chart(&input, charts::metric_chart)
}

fn status_counts(l: &Localizer, per_category: &[&StatusCounts]) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|s| StatusCount {
            key: s.key().to_string(),
            label: l.status(*s).label,
            counts: per_category.iter().map(|c| c.0[*s as usize]).collect(),
            color: l.status_colors.get(s.key()).copied(),
        })
        .collect()
}

/// The committee's activities by status, one bar per group; none for a
/// committee of one group (a chart of one bar tells nothing its table and
/// the group's page do not).
pub fn committee_status(l: &Localizer, groups: &[GroupState], memo: &Memo) -> Option<Chart> {
    if groups.len() < 2 {
        return None;
    }
    let counts: Vec<&StatusCounts> = groups.iter().map(|g| &g.counts).collect();
    Some(memo.chart(
        &StatusChart {
            slug: slug::COMMITTEE_STATUS.into(),
            title: l.s("chart_status_title"),
            title_lang: String::new(),
            title_parts: Vec::new(),
            categories: groups.iter().map(|g| l.text(&g.group.name)).collect(),
            category_heading: String::new(),
            category_langs:
                groups.iter().map(|g| l.text_lang(&g.group.name).lang.unwrap_or_default()).collect(),
            statuses: status_counts(l, &counts),
            locale: l.locale,
        },
        charts::status_chart,
    ))
}

/// A group chart's title as the theme words it (`chart_group_title`,
/// "{group} — {chart}"), in parts: the group's name in its language.
fn group_title(l: &Localizer, g: &GroupState, key: &str) -> Vec<Part> {
    let name = l.text_lang(&g.group.name);
    let lang = name.lang_or_empty().to_string();
    let words = l.fill("chart_group_title", &[("chart", &l.s(key))]);
    let (before, after) = words.split_once("{group}").unwrap_or(("", words.as_str()));
    [Part::new(before, ""), Part::new(name.text, lang), Part::new(after, "")]
        .into_iter()
        .filter(|p| !p.text.is_empty())
        .collect()
}

/// One group's activities by status at each of its updates, oldest first:
/// how the statuses moved. None with fewer than two updates (one bar would
/// repeat the status column of the activities table).
pub fn group_status(l: &Localizer, g: &GroupState, memo: &Memo) -> Option<Chart> {
    if g.updates.len() < 2 {
        return None;
    }
    let counts: Vec<StatusCounts> = g
        .updates
        .iter()
        .map(|u| {
            let mut counts = StatusCounts::default();
            for a in &u.activities {
                counts.0[a.status as usize] += 1;
            }
            counts
        })
        .collect();
    let per_update: Vec<&StatusCounts> = counts.iter().collect();
    Some(memo.chart(
        &StatusChart {
            slug: slug::group_status(&g.group.id),
            title: String::new(),
            title_lang: String::new(),
            // The group's name may have fallen back to another language.
            title_parts: group_title(l, g, "chart_status_updates_title"),
            categories: g.updates.iter().map(|u| l.locale.date_short(u.date)).collect(),
            category_heading: l.s("chart_update_heading"),
            category_langs: Vec::new(),
            statuses: status_counts(l, &per_update),
            locale: l.locale,
        },
        charts::status_chart,
    ))
}

/// Each activity's progress across the group's updates.
pub fn group_progress(l: &Localizer, g: &GroupState, memo: &Memo) -> Chart {
    memo.chart(
        &ProgressChart {
            slug: slug::group_progress(&g.group.id),
            title: String::new(),
            title_lang: String::new(),
            title_parts: group_title(l, g, "chart_progress_title"),
            periods: g.updates.iter().map(|u| l.locale.date_short(u.date)).collect(),
            activities: g
                .group
                .activities
                .iter()
                .map(|a| Series {
                    key: a.id.value.clone(),
                    label: l.text(&a.title),
                    lang: l.text_lang(&a.title).lang.unwrap_or_default(),
                    values: g
                        .updates
                        .iter()
                        .map(|u| {
                            u.activities
                                .iter()
                                .find(|r| r.id.value == a.id.value)
                                .and_then(|r| r.progress)
                                .map(f64::from)
                        })
                        .collect(),
                })
                .collect(),
            locale: l.locale,
        },
        charts::progress_chart,
    )
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn chart_names_never_collide_whatever_the_ids() {
        // Ids chosen to collide under a `<group>-<kind>` scheme: a metric
        // named like a chart kind, groups named like the committee's chart
        // or like another group's id plus a kind.
        let groups = ["health", "committee", "health-status", "a", "a-metric", "status", "metric"];
        let metrics = ["status", "progress", "metric", "status-x", "a", "health"];
        let mut names = vec![slug::COMMITTEE_STATUS.to_string()];
        for g in groups {
            names.push(slug::group_status(g));
            names.push(slug::group_progress(g));
            names.extend(metrics.iter().map(|m| slug::metric(g, m)));
        }
        let count = names.len();
        assert_eq!(count, 1 + groups.len() * (2 + metrics.len()));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "two charts share a name");
        assert!(names.contains(&"health_metric_status".to_string()));
        assert!(names.contains(&"health_status".to_string()));
        assert!(names.contains(&"committee_status".to_string()));
    }
}
