//! Meeting agendas, the upcoming meeting, the default briefing date and the
//! meeting the briefing book is for: every agenda mistake reported at its
//! place in one run, a meeting file written ahead that does not move the
//! briefing date, and `--meeting` choosing the book's meeting.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// A meeting after the reference committee's briefing date (2021-05-26),
/// with an agenda and no record.
const UPCOMING: &str = "---
title: {en: Autumn meeting, fr: Réunion d’automne}
date: 2022-03-10
time: \"10:00-12:00\"
format: hybrid
location: {en: Ottawa, fr: Ottawa}
agenda:
  - title: {en: Approval of the May record, fr: Approbation du compte rendu de mai}
    lead: {en: Co-chairs, fr: Coprésidents}
    purpose: decision
    papers: [2021-05-26.md]
  - title: {en: Border security progress, fr: Progrès de la sécurité frontalière}
    time: \"10:15\"
    lead: border-security
    purpose: information
    papers: [../groups/border-security.yaml]
---
The agenda is circulated two weeks ahead.
";

fn with_upcoming() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    fs::write(content.join("meetings/2022-03-10.md"), UPCOMING).unwrap();
    (tmp, content)
}

fn build(content: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--content", arg(content), "--out", arg(out)];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_meeting_file_written_ahead_does_not_move_the_briefing_date() {
    let (tmp, content) = with_upcoming();
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let index = read(&out.join("index.html"));
    // The newest update's date, not the upcoming meeting's.
    assert!(index.contains("Briefing as of May 26, 2021"), "{index}");
    assert!(!index.contains("Briefing as of March 10, 2022"));
    // Nothing is overdue by the meeting's date: A-2021-05-01 is due 2021-09-30.
    assert!(!index.contains("days overdue"), "an action is overdue by a future date");
    // The dashboard names the next meeting, its time, format, place and agenda.
    let next = index.split("class=\"upcoming-meeting\"").nth(1).expect("the next meeting block");
    let next = next.split("</section>").next().unwrap();
    assert!(next.contains("Autumn meeting") && next.contains("March 10, 2022, 10:00–12:00"), "{next}");
    assert!(next.contains("Hybrid") && next.contains("Ottawa"), "{next}");
    assert!(next.contains("Approval of the May record") && next.contains("For decision"), "{next}");
    assert!(next.contains("Border Security") && next.contains("For information"), "{next}");
    // The upcoming meeting's page: its agenda, no empty record sections.
    let page = read(&out.join("meetings/2022-03-10/index.html"));
    assert!(page.contains("class=\"agenda-table\""), "{page}");
    assert!(
        page.contains("href=\"../../groups/border-security/index.html\""),
        "the paper links to the group"
    );
    assert!(!page.contains("No decisions recorded."), "an upcoming meeting has no record yet");
    assert!(!page.contains("id=\"_decisions-heading\"") && !page.contains("id=\"_actions-heading\""));
    // A past meeting with an agenda shows it above its record.
    let past = read(&out.join("meetings/2021-05-26/index.html"));
    let agenda_at = past.find("id=\"_agenda-heading\"").expect("the past meeting's agenda");
    assert!(agenda_at < past.find("id=\"_decisions-heading\"").unwrap());
    assert!(past.contains("Review of progress on the Roadmap") && past.contains("14:15–14:45"));
    assert!(past.contains("class=\"agenda-time"), "a timed agenda has a time column");
    // The example's May agenda gives no times: no empty column.
    let (_t, example_out) = built(&example_content());
    let may = read(&example_out.join("meetings/2021-05-26/index.html"));
    assert!(may.contains("class=\"agenda-table\"") && !may.contains("class=\"agenda-time"), "{may}");
    // The French pages say it in French.
    let fr = read(&out.join("fr/index.html"));
    assert!(fr.contains("Prochaine réunion") && fr.contains("Pour décision"), "{fr}");
}

#[test]
fn with_no_updates_the_briefing_date_is_the_newest_meeting_with_a_record() {
    let (tmp, content) = with_upcoming();
    fs::remove_dir_all(content.join("updates")).unwrap();
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let index = read(&out.join("index.html"));
    assert!(index.contains("Briefing as of May 26, 2021"), "not the meeting to come: {index}");
}

#[test]
fn a_meeting_held_after_the_newest_update_is_the_briefing_date() {
    let (tmp, content) = with_upcoming();
    // Its record was written before the next round of updates.
    fs::write(
        content.join("meetings/2021-07-15.md"),
        "---\ntitle: Summer meeting\ndate: 2021-07-15\ndecisions:\n  - {text: Approved the plan.}\n---\nMet.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let index = read(&out.join("index.html"));
    assert!(index.contains("Briefing as of July 15, 2021"), "{index}");
    let next = index.split("class=\"upcoming-meeting\"").nth(1).expect("the next meeting");
    assert!(next.contains("Autumn meeting"), "the meeting to come is still the next one");
}

#[test]
fn the_book_is_for_the_upcoming_meeting_with_its_cover_agenda_and_the_previous_record() {
    let (tmp, content) = with_upcoming();
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let book = read(&out.join("print/index.html"));
    let cover = book.split("class=\"cover\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(cover.contains("Autumn meeting") && cover.contains("March 10, 2022, 10:00–12:00"), "{cover}");
    assert!(cover.contains("Hybrid · Ottawa"), "{cover}");
    assert!(cover.contains("Secretariat, Canada-U.S. Joint Action Plan on Opioids"), "{cover}");
    assert!(cover.contains("Steering committee members and alternates"), "{cover}");
    assert!(cover.contains("Briefing as of May 26, 2021"), "{cover}");
    let agenda = book.split("id=\"_agenda\"").nth(1).expect("the agenda section");
    let agenda = agenda.split("</section>").next().unwrap();
    // Each paper asks for its page number by the anchor of its section.
    assert!(agenda.contains("href=\"#_meeting-2021-05-26\""), "{agenda}");
    assert!(agenda.contains("<span class=\"page-ref\" data-ref=\"_meeting-2021-05-26\"></span>"), "{agenda}");
    assert!(
        agenda.contains("<span class=\"page-ref\" data-ref=\"_group-border-security\"></span>"),
        "{agenda}"
    );
    // The lead group links to its paper in the book.
    assert!(agenda.contains("<a href=\"#_group-border-security\">Border Security</a>"), "{agenda}");
    assert!(book.contains("id=\"_meeting-2022-03-10\""), "the meeting's own section");
    assert!(book.contains("id=\"_meeting-2021-05-26\""), "the previous record, for approval");
    assert!(book.contains("Record of the previous meeting, for approval"));
    let fr = read(&out.join("fr/print/index.html"));
    assert!(fr.contains("Préparé pour") && fr.contains("voir page"), "French cover and agenda");
}

#[test]
fn meeting_chooses_the_book_and_an_unknown_one_is_an_error_listing_the_meetings() {
    let (tmp, content) = with_upcoming();
    let out = tmp.path().join("out");
    let o = build(&content, &out, &["--meeting", "2021-05-26"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let book = read(&out.join("print/index.html"));
    let cover = book.split("class=\"cover\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(cover.contains("Steering Committee meeting") && cover.contains("May 26, 2021"), "{cover}");
    assert!(!cover.contains("Autumn meeting"), "{cover}");
    assert!(!book.contains("id=\"_meeting-2022-03-10\""), "the later meeting is not in this book");
    let before = read(&out.join("index.html"));
    let o = build(&content, &out, &["--meeting", "2021-06-01"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("no meeting `2021-06-01`; the meetings are: 2022-03-10, 2021-05-26"), "{err}");
    assert!(err.contains("build failed") && !err.contains(" 0 errors"), "no count of zero errors: {err}");
    assert_eq!(read(&out.join("index.html")), before, "a failed build leaves the output as it was");
    // `pdf` takes it too, and refuses an unknown one before printing
    // (the browser named is checked first, so give one that exists).
    let o = run(&[
        "pdf",
        "--content",
        arg(&content),
        "--out",
        arg(&out),
        "--meeting",
        "2021-13-01",
        "--browser",
        "/bin/true",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("there is no meeting `2021-13-01`"), "{}", stderr(&o));
}

#[test]
fn every_agenda_mistake_is_reported_at_its_place_in_one_run() {
    let (_tmp, content) = temp_copy(&fixture_content("reference"));
    fs::write(
        content.join("meetings/2022-03-10.md"),
        "---
title: Autumn meeting
date: 2022-03-10
agenda:
  - title: One
    lead: border-securty
    purpose: decison
  - title: Two
    time: \"25:00\"
    lead: secretariat
    purpose: information
    papers: [../groups/border.yaml, ../../secret.md, https://example.org/paper.pdf, ../pages/nothing.md]
  - title: Three
    lead: Chair
    purpose: discussion
    duration: 10
  - {title: Four, purpose: information}
---
",
    )
    .unwrap();
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 1);
    let diags = parse_diags(&stdout(&o));
    let mine: Vec<(String, u64, u64, Option<String>)> = diags
        .iter()
        .filter(|d| d.file.ends_with("2022-03-10.md"))
        .map(|d| (d.code.clone(), d.line, d.column, d.hint.clone()))
        .collect();
    let find = |code: &str, line: u64| {
        mine.iter()
            .find(|(c, l, _, _)| c == code && *l == line)
            .unwrap_or_else(|| panic!("no {code} on line {line}: {mine:?}"))
            .clone()
    };
    assert_eq!(
        find("unknown-group", 6).3.as_deref().map(|h| h.contains("did you mean `border-security`?")),
        Some(true)
    );
    assert!(find("invalid-value", 7).3.unwrap().contains("did you mean `decision`?"));
    assert!(find("invalid-value", 9).3.unwrap().contains("24-hour clock"));
    let lead = find("unknown-group", 10).3.unwrap();
    assert!(lead.contains("write it in words, e.g. `Secretariat`"), "{lead}");
    let (_, _, col, hint) = find("broken-link", 12);
    assert_eq!(col, 14, "at the paper itself");
    assert!(hint.unwrap().contains("did you mean `../groups/border-security.yaml`?"));
    assert!(mine.iter().any(|(c, l, _, _)| c == "unsafe-path" && *l == 12), "{mine:?}");
    assert!(find("invalid-value", 12).3.unwrap().contains("link to other sites from the item's `note`"));
    assert_eq!(mine.iter().filter(|(c, l, _, _)| c == "broken-link" && *l == 12).count(), 2, "{mine:?}");
    assert!(find("unknown-key", 16).3.is_some());
    assert!(mine.iter().any(|(c, l, _, _)| c == "missing-field" && *l == 17), "lead is required: {mine:?}");
    // A lead in words is not a group.
    assert!(!mine.iter().any(|(_, l, _, _)| *l == 14), "{mine:?}");
}

#[test]
fn a_book_for_an_earlier_meeting_links_later_meetings_to_their_pages() {
    let (tmp, content) = with_upcoming();
    // An earlier meeting, with an action: the book for it holds neither the
    // May meeting nor the one to come.
    fs::write(
        content.join("meetings/2021-02-23.md"),
        "---\ntitle: Winter meeting\ndate: 2021-02-23\nactions:\n  - {id: A-2021-02-01, owner: PS, due: 2021-12-01, text: Plan the year.}\n---\nMet.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = build(&content, &out, &["--meeting", "2021-02-23"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("id=\"_meeting-2021-02-23\""));
    assert!(!book.contains("href=\"#_meeting-2021-05-26\""), "no link to a section the book lacks");
    assert!(book.contains("href=\"../meetings/2021-05-26/index.html\""), "the May action links to its page");
    for part in book.split("href=\"#").skip(1) {
        let id = part.split('"').next().unwrap();
        assert!(book.contains(&format!("id=\"{id}\"")), "the book links to #{id}, which it lacks");
    }
}

/// The block of the dashboard's next meeting.
fn next_meeting_block(index: &str) -> &str {
    let next = index.split("class=\"upcoming-meeting\"").nth(1).expect("the next meeting block");
    next.split("</section>").next().unwrap()
}

#[test]
fn the_dashboard_gives_each_next_agenda_item_its_time_and_says_illustrative_once() {
    // The example's next meeting (2021-09-29) is illustrative and timed.
    let (_t, out) = built(&example_content());
    for (page, badge, times) in [
        ("index.html", "Illustrative sample data", ["13:00", "13:10", "14:20", "14:40–15:00"]),
        (
            "fr/index.html",
            "Données d’exemple illustratives",
            ["13\u{a0}h", "13\u{a0}h\u{a0}10", "14\u{a0}h\u{a0}20", "14\u{a0}h\u{a0}40 – 15\u{a0}h"],
        ),
    ] {
        let index = read(&out.join(page));
        let next = next_meeting_block(&index);
        for time in times {
            assert!(
                next.contains(&format!("<span class=\"agenda-time\">{time}</span>")),
                "{page}: {time}: {next}"
            );
        }
        assert!(index.contains("notice-illustrative"), "{page}: the page's notice says it");
        assert!(!next.contains("illustrative-badge"), "{page}: the box does not say it again: {next}");
        let before = &index[..index.find("class=\"upcoming-meeting\"").unwrap()];
        assert_eq!(before.matches(badge).count(), 1, "{page}: said once above the box");
    }
    // Where no group's data is illustrative, the notice says it for the
    // next meeting alone (and an untimed item has no empty time).
    let (tmp, content) = with_upcoming();
    let path = content.join("meetings/2022-03-10.md");
    fs::write(&path, read(&path).replacen("format: hybrid", "format: hybrid\nillustrative: true", 1))
        .unwrap();
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let index = read(&out.join("index.html"));
    let next = next_meeting_block(&index);
    assert!(index.contains("notice-illustrative"), "{index}");
    assert!(!next.contains("illustrative-badge"), "{next}");
    assert_eq!(next.matches("class=\"agenda-time\"").count(), 1, "the one timed item: {next}");
}
