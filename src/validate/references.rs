//! References between files: parties, groups, activities, metrics, action
//! ids; updates that leave out activities; overdue open actions.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::diag::{Diagnostic, Diagnostics, codes, suggest};
use crate::model::{At, Content, Group, Lead, Site};

pub fn check(content: &Content, site: &Site, as_of: Date, include_drafts: bool, diags: &mut Diagnostics) {
    let parties: Vec<&str> = site.parties.iter().map(|(c, _, _)| c.as_str()).collect();
    let group_ids: Vec<&str> = content.groups.iter().map(|g| g.id.as_str()).collect();
    let party = |file: &str, p: &At<String>, diags: &mut Diagnostics| {
        if !parties.contains(&p.value.as_str()) {
            diags.push(
                Diagnostic::error(codes::UNKNOWN_PARTY, file, p.loc, format!("unknown party `{}`", p.value))
                    .with_hint(party_hint(&p.value, &parties)),
            );
        }
    };
    // A group whose file exists but could not be read has its own error;
    // references to it are not reported again.
    let has_file = |id: &str| content.files.iter().any(|f| *f == format!("groups/{id}.yaml"));
    let group_ref = |file: &str, g: &At<String>, diags: &mut Diagnostics| -> Option<&Group> {
        let found = content.groups.iter().find(|x| x.id == g.value);
        if found.is_none() && !has_file(&g.value) {
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_GROUP,
                    file,
                    g.loc,
                    format!("unknown working group `{}`", g.value),
                )
                .with_hint(group_hint(&g.value, &group_ids)),
            );
        }
        found
    };

    for g in &content.groups {
        for c in &g.chairs {
            party(&g.file, &c.party, diags);
        }
        for a in &g.activities {
            for l in &a.lead {
                party(&g.file, l, diags);
            }
        }
    }

    for u in &content.updates {
        let Some(g) = content.groups.iter().find(|x| x.id == u.group.value) else {
            if has_file(&u.group.value) {
                continue;
            }
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_GROUP,
                    &u.file,
                    u.group.loc,
                    format!(
                        "this is an update for `{}`, but there is no groups/{}.yaml",
                        u.group.value, u.group.value
                    ),
                )
                .with_hint(group_hint(&u.group.value, &group_ids)),
            );
            continue;
        };
        let activity_ids: Vec<&str> = g.activities.iter().map(|a| a.id.value.as_str()).collect();
        for rep in &u.mentioned {
            if g.activity(&rep.value).is_none() {
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_ACTIVITY,
                        &u.file,
                        rep.loc,
                        format!("group `{}` has no activity `{}`", g.id, rep.value),
                    )
                    .with_hint(id_hint(&rep.value, &activity_ids, &g.file)),
                );
            }
        }
        for a in &g.activities {
            if !u.mentioned.iter().any(|r| r.value == a.id.value) {
                diags.push(
                    Diagnostic::warning(
                        codes::OMITTED_ACTIVITY,
                        &u.file,
                        crate::core::Loc::new(1, 1),
                        format!("this update does not report activity `{}`", a.id.value),
                    )
                    .with_hint(format!("add `{}: {{status: …}}` under `activities:`", a.id.value)),
                );
            }
        }
        let metric_ids: Vec<&str> = g.metrics.iter().map(|m| m.id.value.as_str()).collect();
        for (metric, observations) in &u.metrics {
            if g.metric(&metric.value).is_none() {
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_METRIC,
                        &u.file,
                        metric.loc,
                        format!("group `{}` has no metric `{}`", g.id, metric.value),
                    )
                    .with_hint(id_hint(&metric.value, &metric_ids, &g.file)),
                );
            }
            let mut seen = BTreeSet::new();
            for o in observations {
                if !seen.insert(o.period.value.as_str()) {
                    diags.push(Diagnostic::error(
                        codes::DUPLICATE_ID,
                        &u.file,
                        o.period.loc,
                        format!("period {} appears twice for `{}`", o.period.value, metric.value),
                    ));
                }
                for (p, _) in &o.values {
                    party(&u.file, p, diags);
                }
            }
        }
    }

    let mut action_ids: BTreeMap<&str, &str> = BTreeMap::new();
    for m in &content.meetings {
        for a in &m.attendees {
            party(&m.fields, &a.party, diags);
        }
        for item in &m.agenda {
            if let Lead::Group(g) = &item.lead
                && content.groups.iter().all(|x| x.id != g.value)
                && !has_file(&g.value)
            {
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_GROUP,
                        &m.fields,
                        g.loc,
                        format!("unknown working group `{}` leads this agenda item", g.value),
                    )
                    .with_hint(lead_hint(&g.value, &group_ids)),
                );
            }
        }
        for d in &m.decisions {
            if let Some(g) = &d.group {
                group_ref(&m.fields, g, diags);
            }
        }
        for a in &m.actions {
            if let Some(g) = &a.group {
                group_ref(&m.fields, g, diags);
            }
            if let Some(first) = action_ids.insert(&a.id.value, &m.fields) {
                diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ID,
                        &m.fields,
                        a.id.loc,
                        format!("action `{}` is already defined in {first}", a.id.value),
                    )
                    .with_hint("give every action its own id, e.g. A-2021-05-02"),
                );
            }
            if let Some(due) = a.due
                && years_apart(due, as_of) > DISTANT_YEARS
            {
                let hint = match likely_year(due, as_of) {
                    Some(d) => format!("did you mean {d}? Check the year of `due`"),
                    None => format!("check the year of `due`: the briefing is as of {as_of}"),
                };
                diags.push(
                    Diagnostic::warning(
                        codes::DISTANT_DATE,
                        &m.fields,
                        a.id.loc,
                        format!(
                            "action `{}` is due {due}, more than {DISTANT_YEARS} years from the briefing date ({as_of})",
                            a.id.value
                        ),
                    )
                    .with_hint(hint),
                );
            }
            let counts = include_drafts || !m.draft;
            if counts && !a.status.is_closed() && a.due.is_some_and(|d| d < as_of) {
                diags.push(
                    Diagnostic::warning(
                        codes::OVERDUE_ACTION,
                        &m.fields,
                        a.id.loc,
                        format!(
                            "action `{}` was due {} and is still {}",
                            a.id.value,
                            a.due.map(|d| d.to_string()).unwrap_or_default(),
                            a.status.key()
                        ),
                    )
                    .with_hint("update its `status` (done or cancelled) or its `due` date"),
                );
            }
        }
    }
}

/// How far from the briefing date a due date is taken for a typo.
const DISTANT_YEARS: i32 = 100;

/// Whole years between two dates, either way.
fn years_apart(a: Date, b: Date) -> i32 {
    let (early, late) = if a <= b { (a, b) } else { (b, a) };
    let years = i32::from(late.year()) - i32::from(early.year());
    if (late.month(), late.day()) < (early.month(), early.day()) { years - 1 } else { years }
}

/// The date `due` most likely meant: its year with one digit changed, the
/// nearest to the briefing date and within [`DISTANT_YEARS`] of it
/// (`1021-09-30` -> `2021-09-30`).
fn likely_year(due: Date, as_of: Date) -> Option<Date> {
    let year = format!("{:04}", due.year());
    let mut best: Option<Date> = None;
    for (i, _) in year.char_indices() {
        for digit in '0'..='9' {
            let mut y = year.clone();
            y.replace_range(i..i + 1, &digit.to_string());
            let Ok(y) = y.parse::<i16>() else { continue };
            let Ok(d) = Date::new(y, due.month(), due.day()) else { continue };
            if years_apart(d, as_of) <= DISTANT_YEARS
                && best.is_none_or(|b| years_apart(d, as_of) < years_apart(b, as_of))
            {
                best = Some(d);
            }
        }
    }
    best
}

fn party_hint(code: &str, parties: &[&str]) -> String {
    match suggest::closest(code, parties.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? Parties are defined in site.yaml"),
        None => format!("parties defined in site.yaml: {}", suggest::list(parties)),
    }
}

fn group_hint(id: &str, groups: &[&str]) -> String {
    match suggest::closest(id, groups.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if groups.is_empty() => "there are no groups yet: add groups/<id>.yaml".into(),
        None => format!("known groups: {}", suggest::list(groups)),
    }
}

/// A lead written as an id names a group; a person or body is named in
/// words, which an id is not.
fn lead_hint(id: &str, groups: &[&str]) -> String {
    let spaced = id.replace('-', " ");
    let mut chars = spaced.chars();
    let words: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    format!(
        "{}; to name someone else, write it in words, e.g. `{words}` or `{{en: {words}, fr: …}}`",
        group_hint(id, groups).trim_end_matches('.')
    )
}

fn id_hint(id: &str, known: &[&str], defined_in: &str) -> String {
    match suggest::closest(id, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if known.is_empty() => format!("{defined_in} defines none"),
        None => format!("{defined_in} defines {}", suggest::list(known)),
    }
}

#[cfg(test)]
mod distant_tests {
    use super::*;

    #[test]
    fn a_year_a_digit_away_from_the_briefing_is_the_likely_one() {
        let d = |s: &str| -> Date { s.parse().unwrap() };
        let as_of = d("2021-05-26");
        assert_eq!(likely_year(d("1021-09-30"), as_of), Some(d("2021-09-30")));
        assert_eq!(likely_year(d("2921-09-30"), as_of), Some(d("2021-09-30")));
        assert_eq!(likely_year(d("2201-01-15"), as_of), Some(d("2001-01-15")));
        assert_eq!(likely_year(d("0021-03-01"), as_of), Some(d("2021-03-01")));
        assert_eq!(likely_year(d("9999-12-31"), as_of), Some(d("1999-12-31")));
        assert_eq!(likely_year(d("5555-01-01"), as_of), None);
        assert_eq!(years_apart(d("1921-05-26"), as_of), 100);
        assert_eq!(years_apart(d("1921-05-25"), as_of), 100);
        assert_eq!(years_apart(d("1921-05-27"), as_of), 99);
        assert_eq!(years_apart(d("2121-05-27"), as_of), 100);
    }
}
