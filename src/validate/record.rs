//! The committee's record kept across updates and meetings: a risk open at
//! its last report that a group's newest update leaves out (not reported,
//! never closed), and texts left as `briefing new` wrote them.

use crate::core::placeholder;
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::{Content, Text, unreported_risks};

pub fn check(content: &Content, diags: &mut Diagnostics) {
    risks_not_reported(content, diags);
    placeholders(content, diags);
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
    for m in &content.meetings {
        if placeholder::is_placeholder(m.body.source.trim()) {
            diags.push(
                Diagnostic::warning(
                    codes::PLACEHOLDER_TEXT,
                    &m.file,
                    crate::core::Loc::new(m.body.first_line, 1),
                    "the record of the meeting is still the placeholder `briefing new` wrote",
                )
                .with_hint("write the record of the meeting below the front matter"),
            );
        }
    }
    for p in &content.pages {
        if placeholder::is_placeholder(p.body.source.trim()) {
            diags.push(
                Diagnostic::warning(
                    codes::PLACEHOLDER_TEXT,
                    &p.file,
                    crate::core::Loc::new(p.body.first_line, 1),
                    "the page is still the placeholder `briefing new` wrote",
                )
                .with_hint("write the page below the front matter"),
            );
        }
    }
}
