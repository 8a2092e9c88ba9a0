//! The committee's record across meetings, as a member reads it on the site
//! and in the book: risks that end only when closed, the register of
//! decisions, asks followed to their decision, records approved, attendance
//! and quorum. One fixture, `tests/fixtures/record/`, uses all of it.

mod common;

use common::*;

/// The record fixture built, with its warnings (a risk not reported).
fn record_site() -> (tempfile::TempDir, std::path::PathBuf) {
    built(&fixture_content("record"))
}

/// Each place `needle` appears in `html`, with what follows it up to the end
/// of its table row or list item: the words a member reads beside it.
fn beside<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    html.match_indices(needle)
        .map(|(i, _)| {
            let rest = &html[i..];
            let end = ["</tr>", "</li>"].iter().filter_map(|e| rest.find(e)).min().unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn a_risk_left_out_of_an_update_is_never_shown_as_closed_or_better() {
    let (_tmp, out) = record_site();
    let mut seen = 0;
    for page in html_pages(&out) {
        let html = read(&out.join(&page));
        for (title, not_reported) in
            [("Supplier delays", "not reported since"), ("Retards des fournisseurs", "non signalé depuis")]
        {
            for words in beside(&html, title) {
                if words.contains("<title") || !words.contains("risk") {
                    continue;
                }
                seen += 1;
                for wrong in ["closed", "Closed", "clos", "Clos", "change-better", "Better", "En progrès"] {
                    assert!(!words.contains(wrong), "{page}: the unreported risk reads `{wrong}`: {words}");
                }
                assert!(
                    words.contains(not_reported),
                    "{page}: the risk is not said to be unreported: {words}"
                );
            }
        }
    }
    assert!(
        seen >= 4,
        "the unreported risk is shown on the group's page and in the book, in both languages: {seen}"
    );
}

#[test]
fn a_risk_an_update_closes_is_shown_closed() {
    let (_tmp, out) = record_site();
    let html = read(&out.join("groups/health/index.html"));
    let words = beside(&html, "Data sharing");
    assert!(words.iter().any(|w| w.contains("closed (was Medium)")), "{words:?}");
}

#[test]
fn a_new_update_carries_every_open_risk_and_its_placeholder_fails_strict() {
    let (_tmp, content) = temp_copy(&fixture_content("record"));
    let o = run(&["new", "update", "health", "--date", "2021-08-31", "--content", arg(&content)]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let file = content.join("updates/2021-08-31/health.yaml");
    let text = read(&file);
    assert!(text.contains("id: supplier-delays"), "the open risk is carried forward:\n{text}");
    assert!(text.contains("level: high") && text.contains("status: open"), "{text}");
    assert!(!text.contains("Data sharing"), "a closed risk is not carried forward:\n{text}");

    let strict = check_json(&content, &["--strict"]);
    let diags = parse_diags(&stdout(&strict));
    assert_eq!(code(&strict), 1, "the placeholder fails --strict");
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["placeholder-text", "placeholder-text"],
        "one a language; the risk is reported: {diags:?}"
    );
    assert!(text.contains("fr: \"Retards des fournisseurs\""), "in both languages:\n{text}");

    let edited = text.replace("What happened since the last update.", "Surveillance data now shared weekly.");
    std::fs::write(&file, edited).unwrap();
    let strict = check_json(&content, &["--strict"]);
    assert_eq!(code(&strict), 0, "{}", stdout(&strict));
}
