//! The committee's record kept across updates and meetings: a risk open at
//! its last report that a group's newest update leaves out (not reported,
//! never closed); texts left as `briefing new` wrote them; decisions'
//! references (unique, and what they supersede, rescind and answer);
//! records approved at a later meeting; attendance by the roster and the
//! quorum of each held meeting.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::core::placeholder;
use crate::diag::{Diagnostic, Diagnostics, codes, suggest};
use crate::model::{Content, Meeting, RecordState, Site, Text, unreported_risks};

pub fn check(content: &Content, site: &Site, as_of: Date, diags: &mut Diagnostics) {
    risks_not_reported(content, diags);
    placeholders(content, diags);
    decisions(content, diags);
    records(content, diags);
    attendance(content, site, as_of, diags);
}

/// Every decision's reference is unique; what a decision supersedes or
/// rescinds is an earlier decision; the asks it answers exist.
fn decisions(content: &Content, diags: &mut Diagnostics) {
    let mut meetings: Vec<&Meeting> = content.meetings.iter().map(|m| &**m).collect();
    meetings.sort_by_key(|m| (m.date, m.slug.as_str()));
    // Reference -> (meeting date, file).
    let mut refs: BTreeMap<String, (Date, &str)> = BTreeMap::new();
    for m in &meetings {
        for (i, d) in m.decisions.iter().enumerate() {
            let reference = m.decision_ref(i);
            if let Some((_, first)) = refs.get(&reference) {
                let loc = d.id.as_ref().map_or(d.loc, |id| id.loc);
                diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ID,
                        &m.fields,
                        loc,
                        format!("decision `{reference}` is already a decision of {first}"),
                    )
                    .with_hint(
                        "give every decision its own `id`, or leave it out to use the meeting and its place",
                    ),
                );
            } else {
                refs.insert(reference, (m.date, &m.fields));
            }
        }
    }
    let known: Vec<&str> = refs.keys().map(String::as_str).collect();
    let ask_ids: Vec<&str> = content
        .updates
        .iter()
        .flat_map(|u| u.asks.iter().filter_map(|a| a.id.as_ref()))
        .map(|i| i.value.as_str())
        .collect();
    for m in &meetings {
        for d in &m.decisions {
            for (target, verb) in [(&d.supersedes, "supersedes"), (&d.rescinds, "rescinds")] {
                let Some(t) = target else { continue };
                match refs.get(&t.value) {
                    Some((date, _)) if *date < m.date => {}
                    Some(_) => diags.push(
                        Diagnostic::error(
                            codes::UNKNOWN_DECISION,
                            &m.fields,
                            t.loc,
                            format!("this decision {verb} `{}`, which is not an earlier meeting's", t.value),
                        )
                        .with_hint("a decision can only supersede or rescind a decision of an earlier meeting"),
                    ),
                    None => diags.push(
                        Diagnostic::error(
                            codes::UNKNOWN_DECISION,
                            &m.fields,
                            t.loc,
                            format!("this decision {verb} `{}`, but no meeting has that decision", t.value),
                        )
                        .with_hint(format!(
                            "a decision's reference is its `id`, else its meeting and its place, e.g. `2021-05-26/2`; {}",
                            suggest::did_you_mean(&t.value, &known)
                        )),
                    ),
                }
            }
            for a in &d.answers {
                if !ask_ids.contains(&a.value.as_str()) {
                    diags.push(
                        Diagnostic::error(
                            codes::UNKNOWN_ASK,
                            &m.fields,
                            a.loc,
                            format!("this decision answers ask `{}`, which no update makes", a.value),
                        )
                        .with_hint(format!(
                            "give the ask an id in its update (`asks: [{{id: {}, text: …}}]`); {}",
                            a.value,
                            suggest::did_you_mean(&a.value, &ask_ids)
                        )),
                    );
                }
            }
        }
    }
}

/// A record approved at a meeting names a meeting held after it.
fn records(content: &Content, diags: &mut Diagnostics) {
    let slugs: Vec<&str> = content.meetings.iter().map(|m| m.slug.as_str()).collect();
    for m in &content.meetings {
        let Some(rec) = &m.record else { continue };
        let Some(at) = &rec.approved_at else { continue };
        debug_assert_eq!(rec.state, RecordState::Approved);
        match content.meetings.iter().find(|x| x.slug == at.value) {
            Some(x) if x.date > m.date => {}
            Some(_) => diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_MEETING,
                    &m.fields,
                    at.loc,
                    format!("the record is approved at `{}`, which is not a later meeting", at.value),
                )
                .with_hint("a record is approved at a meeting held after it, usually the next one"),
            ),
            None => diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_MEETING,
                    &m.fields,
                    at.loc,
                    format!("there is no meeting `{}` to have approved this record", at.value),
                )
                .with_hint(format!(
                    "name the meeting by its file name without `.md`; {}",
                    suggest::did_you_mean(&at.value, &slugs)
                )),
            ),
        }
    }
}

/// Attendance names members of the roster; a held meeting with attendance
/// meets the quorum rule.
fn attendance(content: &Content, site: &Site, as_of: Date, diags: &mut Diagnostics) {
    let parties: Vec<&str> = site.parties.iter().map(|(c, _, _)| c.as_str()).collect();
    let member_ids: Vec<&str> = site.members.iter().map(|m| m.id.value.as_str()).collect();
    let mut seen = std::collections::BTreeSet::new();
    for m in &site.members {
        if !parties.contains(&m.party.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_PARTY,
                    &site.file,
                    m.party.loc,
                    format!("unknown party `{}`", m.party.value),
                )
                .with_hint(format!("the parties are {}", parties.join(", "))),
            );
        }
        if !seen.insert(m.id.value.as_str()) {
            diags.push(Diagnostic::error(
                codes::DUPLICATE_ID,
                &site.file,
                m.id.loc,
                format!("member `{}` is listed twice", m.id.value),
            ));
        }
    }
    for m in &content.meetings {
        let Some(a) = &m.attendance else { continue };
        let named = a.present.iter().chain(&a.regrets).chain(a.represented.iter().map(|r| &r.member));
        for id in named {
            if site.member(&id.value).is_none() {
                let hint = if member_ids.is_empty() {
                    "list the committee's members in site.yaml: `members: [{id, name, party, role}]`"
                        .to_string()
                } else {
                    format!(
                        "a member's id from `members:` in site.yaml; {}",
                        suggest::did_you_mean(&id.value, &member_ids)
                    )
                };
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_MEMBER,
                        &m.fields,
                        id.loc,
                        format!("`{}` is not a member on the roster", id.value),
                    )
                    .with_hint(hint),
                );
            }
        }
        if m.draft || m.date > as_of {
            continue;
        }
        if let Some(why) = site.quorum_missed(a) {
            diags.push(
                Diagnostic::warning(
                    codes::NO_QUORUM,
                    &m.fields,
                    a.loc,
                    format!("the meeting had no quorum: {why}"),
                )
                .with_hint("check the attendance; the record says the meeting had no quorum"),
            );
        }
    }
}

/// Each group's newest update must report every risk still open at its
/// last report: one it leaves out is shown as "not reported", and this
/// warning asks staff to carry it forward or close it.
fn risks_not_reported(content: &Content, diags: &mut Diagnostics) {
    for g in &content.groups {
        let mut updates: Vec<_> = content.updates.iter().filter(|u| u.group.value == g.id).collect();
        updates.sort_by_key(|u| u.date);
        let Some((latest, earlier)) = updates.split_last() else { continue };
        for u in unreported_risks(earlier, latest) {
            let title = u.risk.title.resolve("en", "en").0;
            let named = match &u.risk.id {
                Some(id) => format!("risk `{id}` (\"{title}\")"),
                None => format!("risk \"{title}\""),
            };
            diags.push(
                Diagnostic::warning(
                    codes::RISK_NOT_REPORTED,
                    &latest.file,
                    latest.risks_loc,
                    format!("{named}, open in the update of {}, is not reported here", u.since),
                )
                .with_hint(
                    "a risk stays open until an update closes it: carry it forward under `risks:`, \
                     or close it with `status: closed`",
                ),
            );
        }
    }
}

/// A text still as `briefing new` wrote it is a warning, so that
/// `check --strict` fails until staff write their own.
fn placeholders(content: &Content, diags: &mut Diagnostics) {
    let mut flag = |file: &str, text: &Text, field: &str| {
        let placeholder = text
            .plain
            .iter()
            .map(|p| (p.as_str(), text.loc))
            .chain(text.langs.iter().map(|t| (t.text.as_str(), t.loc)));
        for (words, loc) in placeholder {
            if placeholder::is_placeholder(words) {
                diags.push(
                    Diagnostic::warning(
                        codes::PLACEHOLDER_TEXT,
                        file,
                        loc,
                        format!("the {field} is still the placeholder `briefing new` wrote"),
                    )
                    .with_hint(format!("write the {field} in your own words")),
                );
            }
        }
    };
    for u in &content.updates {
        if let Some(s) = &u.summary {
            flag(&u.file, s, "summary");
        }
    }
    for g in &content.groups {
        flag(&g.file, &g.mandate, "mandate");
    }
    // The bodies `new` leaves to write: a meeting's record, a page.
    let meetings = content.meetings.iter().map(|m| (&m.file, &m.body, "the record of the meeting"));
    let pages = content.pages.iter().map(|p| (&p.file, &p.body, "the page"));
    for (file, body, what) in meetings.chain(pages) {
        if placeholder::is_placeholder(&body.source) {
            diags.push(
                Diagnostic::warning(
                    codes::PLACEHOLDER_TEXT,
                    file,
                    crate::core::Loc::new(body.first_line, 1),
                    format!("{what} is still the placeholder `briefing new` wrote"),
                )
                .with_hint(format!("write {what} below the front matter")),
            );
        }
    }
}
