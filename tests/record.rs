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
    // The fixture's August meeting misses its quorum, on purpose.
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).filter(|c| *c != "no-quorum").collect();
    assert_eq!(
        codes,
        ["placeholder-text", "placeholder-text"],
        "one a language; the risk is reported: {diags:?}"
    );
    assert!(text.contains("fr: \"Retards des fournisseurs\""), "in both languages:\n{text}");

    let edited = text.replace("What happened since the last update.", "Surveillance data now shared weekly.");
    std::fs::write(&file, edited).unwrap();
    let strict = check_json(&content, &["--strict"]);
    let left: Vec<String> = parse_diags(&stdout(&strict)).into_iter().map(|d| d.code).collect();
    assert_eq!(left, ["no-quorum"], "edited, the update passes");
}

#[test]
fn the_register_lists_every_decision_newest_first_with_references_and_supersession() {
    let (_tmp, out) = record_site();
    let html = read(&out.join("decisions/index.html"));
    let order: Vec<usize> = ["Decision 2021-08-31/1", "Decision 2021-05-26/1", "Decision border-2021"]
        .iter()
        .map(|r| html.find(r).unwrap_or_else(|| panic!("{r} missing from the register:\n{html}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest meeting first, then in their order: {order:?}");
    let superseded = &html[order[2]..];
    assert!(superseded.contains("Superseded by decision"), "{superseded}");
    assert!(
        superseded.contains("2021-08-31/index.html#_decision-1"),
        "links the later decision: {superseded}"
    );
    assert!(html[order[0]..order[1]].contains("draft record"), "a draft record's decision is marked");
    assert!(!html[order[1]..order[2]].contains("draft record"), "an approved record's is not");
    assert!(html.contains("3 decisions, 2 in effect."), "{html}");
    let fr = read(&out.join("fr/decisions/index.html"));
    assert!(fr.contains("Remplacée par la décision"), "{fr}");
    // Each decision keeps its anchor on its meeting's page.
    let meeting = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(meeting.contains("id=\"_decision-2\"") && meeting.contains("Decision border-2021"), "{meeting}");
    // The group's page lists its decisions and links the register.
    let group = read(&out.join("groups/border/index.html"));
    assert!(group.contains("Decision border-2021") && group.contains("decisions/index.html"), "{group}");
    // The table, as CSV.
    let csv = read(&out.join("data/decisions.csv"));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[3].starts_with("border-2021,") && rows[3].contains(",Superseded,2021-08-31/1,"), "{csv}");
}

#[test]
fn an_ask_waits_until_a_held_meeting_answers_it() {
    let (_tmp, out) = record_site();
    let dashboard = read(&out.join("index.html"));
    assert!(
        dashboard.contains("Fund the second laboratory."),
        "the pending ask is among the decisions sought"
    );
    assert!(dashboard.contains("Sought in the update of March 31, 2021, waiting 5 months"), "{dashboard}");
    assert!(!dashboard.contains("Endorse the surveillance plan."), "an answered ask is sought no more");
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("Fund the second laboratory.") && !book.contains("Endorse the surveillance plan."));
    let group = read(&out.join("groups/health/index.html"));
    let answered = beside(&group, "Endorse the surveillance plan.");
    assert!(
        answered
            .iter()
            .any(|w| w.contains("Answered by decision") && w.contains("2021-05-26/index.html#_decision-1")),
        "the answered ask links its decision: {answered:?}"
    );
    let meeting = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(
        meeting.contains("Answers the decision sought endorse-plan"),
        "the decision names the ask it answers"
    );
}

#[test]
fn records_say_whether_they_are_draft_or_approved_on_pages_and_in_the_book() {
    let (_tmp, out) = record_site();
    let approved = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(approved.contains("Approved at the meeting of August 31, 2021"), "{approved}");
    let fr = read(&out.join("fr/meetings/2021-05-26/index.html"));
    assert!(fr.contains("Approuvé à la réunion du 31 août 2021"), "{fr}");
    let draft = read(&out.join("meetings/2021-08-31/index.html"));
    assert!(draft.contains("record-draft\">Draft record"), "{draft}");
    let actions = read(&out.join("actions/index.html"));
    assert!(beside(&actions, "A-2021-08-01").iter().any(|w| w.contains("draft record")), "{actions}");
    // The book is for the latest meeting; the previous one's record,
    // approved, says so.
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("Draft record"), "the book's meeting record is a draft");
    assert!(book.contains("Approved at the meeting of August 31, 2021"), "the previous record is approved");
    assert!(
        book.contains("Record of the previous meeting — ") && !book.contains("for approval"),
        "an approved record is not put for approval again"
    );
}

#[test]
fn attendance_is_shown_as_a_record_and_quorum_is_checked() {
    let (_tmp, out) = record_site();
    let met = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(met.contains("Quorum: met."), "{met}");
    assert!(met.contains("Jordan Lee (Co-chair)") && met.contains("represented by Casey Brown"), "{met}");
    let missed = read(&out.join("meetings/2021-08-31/index.html"));
    assert!(missed.contains("No quorum: no member present or represented for United States."), "{missed}");
    assert!(missed.contains(">Regrets<") && missed.contains("Provincial observer"), "{missed}");
    let fr = read(&out.join("fr/meetings/2021-08-31/index.html"));
    assert!(fr.contains("Quorum non atteint") && fr.contains("Absences motivées"), "{fr}");
    let o = check_json(&fixture_content("record"), &[]);
    let diags = parse_diags(&stdout(&o));
    let quorum: Vec<_> = diags.iter().filter(|d| d.code == "no-quorum").collect();
    assert_eq!(quorum.len(), 1, "one meeting missed its quorum: {diags:?}");
    assert_eq!(quorum[0].file, "meetings/2021-08-31.md");
}

#[test]
fn a_meeting_written_with_attendees_only_keeps_working() {
    let (_tmp, out) = built(&example_content());
    let m = read(&out.join("meetings/2021-02-23-roadmap/index.html"));
    assert!(m.contains("Prime Minister") && m.contains("President"), "{m}");
    assert!(!m.contains("Quorum"), "no quorum is checked without an attendance: {m}");
    let may = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(may.contains("Co-chair, Public Safety Canada") && may.contains("Quorum: met."), "{may}");
    assert!(may.contains("Attendance, actions, owners and due dates are illustrative"), "{may}");
}

#[test]
fn a_roster_kept_by_office_names_seats_and_its_texts_are_translated() {
    let (_tmp, content) = temp_copy(&fixture_content("record"));
    let site = content.join("site.yaml");
    let yaml = read(&site).replace(
        "  - {id: us-alt, name: Casey Brown, party: US, role: alternate}",
        "  - {id: us-alt, party: US, organization: {en: Department of State}, role: alternate}",
    );
    std::fs::write(&site, yaml).unwrap();
    let o = check_json(&content, &[]);
    let diags = parse_diags(&stdout(&o));
    let missing: Vec<_> = diags.iter().filter(|d| d.code == "missing-translation").collect();
    assert_eq!(missing.len(), 1, "the roster's organization wants its French: {diags:?}");
    assert_eq!((missing[0].file.as_str(), missing[0].line), ("site.yaml", 10), "{missing:?}");
    let out = content.parent().unwrap().join("out");
    build_ok(&content, &out);
    let m = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(m.contains("represented by Department of State (Alternate)"), "a seat is named by office: {m}");
}
