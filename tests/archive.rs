//! Every pack kept, and what changed since the last one: each meeting's
//! book as of that meeting (`print/<meeting>/`), linked from the meetings
//! page and each meeting's page; `briefing pdf --all` printing every book
//! once, the print cache reprinting only what changed; and "Since the last
//! meeting" on the dashboard and in the book, for a fixture with every kind
//! of change (`tests/fixtures/since/`).

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The section of `html` that starts at `start` and ends at the next
/// `</section>`.
fn section<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[at..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The example committee, copied, with an update of Health after the
/// meeting of 2021-05-26 that says so.
fn with_later_update() -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = temp_copy(&example_content());
    let dir = content.join("updates/2021-07-15");
    std::fs::create_dir_all(&dir).unwrap();
    let may = read(&content.join("updates/2021-05-26/health.yaml"));
    let summary_at = may.find("summary:").expect("a summary");
    let end = may[summary_at..].find("\nactivities:").map(|e| summary_at + e).expect("activities after it");
    let later = format!(
        "{}summary: {{en: LATER-UPDATE reported in July., fr: LATER-UPDATE reçue en juillet.}}{}",
        &may[..summary_at],
        &may[end..]
    );
    std::fs::write(dir.join("health.yaml"), later).unwrap();
    (tmp, content)
}

#[test]
fn a_meetings_book_holds_only_what_existed_at_its_date() {
    let (tmp, content) = with_later_update();
    let out = tmp.path().join("output");
    build_ok(&content, &out);
    for lang in ["", "fr/"] {
        let current = read(&out.join(format!("{lang}print/index.html")));
        assert!(current.contains("LATER-UPDATE"), "{lang}: the current book has the newest update");
        let upcoming = read(&out.join(format!("{lang}print/2021-09-29/index.html")));
        assert!(upcoming.contains("LATER-UPDATE"), "{lang}: the upcoming meeting's book too");
        let may = read(&out.join(format!("{lang}print/2021-05-26/index.html")));
        assert!(!may.contains("LATER-UPDATE"), "{lang}: an update after a meeting is absent from its book");
        // The meeting's own decisions and actions were taken at it: its
        // pack, made before, has none of them; the previous record is there.
        assert!(!may.contains("A-2021-05-01"), "{lang}: the meeting's own actions are not in its pack");
        assert!(may.contains("_meeting-2021-02-23-roadmap"), "{lang}: the previous record is, for approval");
        let feb = read(&out.join(format!("{lang}print/2021-02-23-roadmap/index.html")));
        assert!(
            !feb.contains("_meeting-2021-05-26"),
            "{lang}: a later meeting is absent from an earlier pack"
        );
        assert!(!feb.contains("_since"), "{lang}: the first meeting's pack has nothing since a last meeting");
    }
    // The book for 2021-05-26 says what changed since 2021-02-23: the
    // updates of March and May received.
    let may = read(&out.join("print/2021-05-26/index.html"));
    let since = section(&may, "<section id=\"_since\"");
    assert!(since.contains("Updates received"), "{since}");
    assert!(since.contains("March 31, 2021") && since.contains("May 26, 2021"), "{since}");
}

#[test]
fn every_meeting_page_and_the_meetings_page_link_the_meetings_book() {
    let (_tmp, out) = built(&example_content());
    for lang in ["", "fr/"] {
        let list = read(&out.join(format!("{lang}meetings/index.html")));
        for slug in ["2021-02-23-roadmap", "2021-05-26", "2021-09-29"] {
            let book = format!("{lang}print/{slug}/index.html");
            assert!(out.join(&book).is_file(), "{book} is written");
            assert!(
                list.contains(&format!("href=\"../print/{slug}/index.html\"")),
                "{lang}meetings/ links {book}"
            );
            let page = read(&out.join(format!("{lang}meetings/{slug}/index.html")));
            assert!(
                page.contains(&format!("href=\"../../print/{slug}/index.html\"")),
                "{lang}{slug} links its book"
            );
            // Without `briefing pdf --all`, no PDF is linked.
            assert!(!page.contains(".pdf\""), "{lang}{slug}: no PDF link without a printed PDF");
        }
    }
}

/// A stand-in browser: answers `--version`, and for a print records the
/// page's address in `$FAKE_LOG` and writes a small PDF.
const FAKE_BROWSER: &str = r#"#!/bin/sh
for a in "$@"; do
  case "$a" in
    --version) echo "Stand-in Browser 1.0"; exit 0 ;;
    --print-to-pdf=*) pdf="${a#--print-to-pdf=}" ;;
    http://*) url="$a" ;;
  esac
done
printf '%s\n' "${url#http://*/}" >> "$FAKE_LOG"
printf '%%PDF-1.4 stand-in %s\n' "$url" > "$pdf"
"#;

#[cfg(unix)]
fn print_all(browser: &Path, log: &Path, content: &Path, out: &Path, cache: Option<&Path>) -> Vec<String> {
    let before = std::fs::read_to_string(log).unwrap_or_default().lines().count();
    let mut args =
        vec!["pdf", "--all", "--content", arg(content), "--out", arg(out), "--browser", arg(browser)];
    if let Some(c) = cache {
        args.extend(["--cache", arg(c)]);
    }
    let o = briefing().env("FAKE_LOG", log).env_remove("SOURCE_DATE_EPOCH").args(&args).output().unwrap();
    assert_eq!(code(&o), 0, "pdf --all failed:\n{}{}", stdout(&o), stderr(&o));
    let mut printed: Vec<String> =
        std::fs::read_to_string(log).unwrap_or_default().lines().skip(before).map(str::to_string).collect();
    printed.sort();
    printed
}

#[cfg(unix)]
#[test]
fn the_print_cache_reprints_nothing_unchanged_and_exactly_the_books_that_changed() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, content) = temp_copy(&example_content());
    let browser = tmp.path().join("fake-chromium");
    std::fs::write(&browser, FAKE_BROWSER).unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let log = tmp.path().join("printed.log");
    let out = tmp.path().join("output");
    let cache = tmp.path().join("cache");
    let all = |lang: &str| {
        ["index.html", "2021-02-23-roadmap/index.html", "2021-05-26/index.html", "2021-09-29/index.html"]
            .map(|p| format!("{lang}print/{p}"))
    };
    let mut every: Vec<String> = all("").into_iter().chain(all("fr/")).collect();
    every.sort();
    assert_eq!(
        print_all(&browser, &log, &content, &out, Some(&cache)),
        every,
        "the first run prints every book"
    );
    for pdf in ["briefing.pdf", "briefing.fr.pdf", "books/2021-05-26.pdf", "books/2021-05-26.fr.pdf"] {
        assert!(read(&out.join(pdf)).starts_with("%PDF"), "{pdf} is in the output");
    }
    // The pages link each book's PDF with its size; the dashboard the current one.
    let meetings = read(&out.join("meetings/index.html"));
    assert!(meetings.contains("href=\"../books/2021-05-26.pdf\""), "the meetings page links the PDF");
    assert!(meetings.contains("PDF,\u{a0}1\u{a0}KB"), "with its size");
    let fr_meeting = read(&out.join("fr/meetings/2021-02-23-roadmap/index.html"));
    assert!(fr_meeting.contains("href=\"../../../books/2021-02-23-roadmap.fr.pdf\""), "in its language");
    assert!(fr_meeting.contains("PDF,\u{a0}1\u{a0}ko"), "{fr_meeting}");
    let dashboard = read(&out.join("index.html"));
    assert!(dashboard.contains("href=\"briefing.pdf\""), "the dashboard links the current PDF");

    assert_eq!(
        print_all(&browser, &log, &content, &out, Some(&cache)),
        Vec::<String>::new(),
        "nothing again"
    );
    assert!(out.join("books/2021-02-23-roadmap.pdf").is_file(), "the books are kept in the output");

    // An update after the meeting of May changes the current book and the
    // upcoming meeting's, not the packs of the meetings before.
    let dir = content.join("updates/2021-07-15");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("health.yaml"), "summary: {en: July., fr: Juillet.}\n").unwrap();
    let mut changed: Vec<String> = ["print/index.html", "print/2021-09-29/index.html"]
        .into_iter()
        .flat_map(|p| [p.to_string(), format!("fr/{p}")])
        .collect();
    changed.sort();
    assert_eq!(print_all(&browser, &log, &content, &out, Some(&cache)), changed);

    // Without --cache, the cache is beside the content folder.
    print_all(&browser, &log, &content, &out, None);
    assert!(tmp.path().join(".briefing-cache/books").is_dir(), "the default cache");
}

#[test]
fn the_print_cache_is_never_inside_the_output_or_the_content() {
    let (tmp, content) = temp_copy(&example_content());
    let out = tmp.path().join("output");
    for inside in [out.join("cache"), content.join("cache")] {
        let o = run(&[
            "pdf",
            "--all",
            "--content",
            arg(&content),
            "--out",
            arg(&out),
            "--browser",
            "/bin/sh",
            "--cache",
            arg(&inside),
        ]);
        assert_ne!(code(&o), 0, "{}", stderr(&o));
        assert!(stderr(&o).contains("print cache"), "{}", stderr(&o));
        assert!(!inside.exists(), "nothing is made there");
    }
}

/// The fixture with every kind of change since the last meeting (March),
/// built: the dashboard's section, and the book's.
#[test]
fn since_the_last_meeting_lists_every_kind_of_change_worse_first() {
    let (_tmp, out) = built(&fixture_content("since"));
    let html = read(&out.join("index.html"));
    let since = section(&html, "<section class=\"since\"");
    let words = |s: &str| s.split('<').map(|p| p.split_once('>').map_or(p, |x| x.1)).collect::<String>();
    let text = words(since);
    for expected in [
        "From the meeting of March 10, 2021 to May 1, 2021",
        "Decisions taken",
        "2021-03-10/1 Decided in March.",
        "Actions newly overdue",
        "A-NEWLY-LATE",
        "Actions opened",
        "Actions closed",
        "A-CLOSED",
        "Activities whose status changed",
        "Activity now blocked",
        "In progress → Blocked",
        "Activity now done",
        "Planned → Done",
        "Risk raised",
        "High (was Medium)",
        "Risk new",
        "Medium (new risk)",
        "Risk lowered",
        "Low (was High)",
        "Risk closed",
        "Risk left out",
        "not reported since March 1, 2021",
        "Updates missing",
        "Beta — no update since March 1, 2021",
        "Updates received",
        "Alpha — May 1, 2021",
    ] {
        assert!(text.contains(expected), "`{expected}` is missing from: {text}");
    }
    for absent in ["A-OLD", "Activity still going", "Risk steady"] {
        assert!(!text.contains(absent), "`{absent}` did not change since the last meeting: {text}");
    }
    // Worse first: blocked before done; new and raised risks before lowered,
    // closed, and the not reported (neutral) last.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("Activity now blocked") < at("Activity now done"));
    assert!(at("Risk raised") < at("Risk new"), "the high risk first");
    assert!(at("Risk new") < at("Risk lowered") && at("Risk lowered") < at("Risk closed"));
    assert!(at("Risk closed") < at("Risk left out"));
    assert!(since.contains("class=\"since-worse\""), "worse lines are marked");
    let left_out = since.find("Risk left out").unwrap();
    let item = &since[since[..left_out].rfind("<li").unwrap()..left_out];
    assert!(!item.contains("since-worse"), "a risk not reported is neutral: {item}");
    // Each line links to where it is shown.
    assert!(since.contains("href=\"groups/alpha/index.html\""), "{since}");
    assert!(since.contains("href=\"meetings/2021-03-10/index.html#_decision-1\""), "{since}");
    assert!(since.contains("href=\"meetings/2021-03-10/index.html#_action-A-NEWLY-LATE\""), "{since}");
    // In French.
    let fr = words(section(&read(&out.join("fr/index.html")), "<section class=\"since\""));
    assert!(fr.contains("Depuis la dernière réunion"), "{fr}");
    assert!(fr.contains("Mises à jour manquantes"), "{fr}");
    // The book: after the decisions sought, each line with its section's page.
    let book = read(&out.join("print/index.html"));
    let decisions = book.find("id=\"_decisions\"").expect("decisions sought");
    let since_at = book.find("id=\"_since\"").expect("since the last meeting");
    let key_changes = book.find("id=\"_key-changes\"").expect("key changes");
    assert!(
        decisions < since_at && since_at < key_changes,
        "between the decisions sought and the key changes"
    );
    let in_book = section(&book, "<section id=\"_since\"");
    assert!(in_book.contains("data-ref=\"_group-alpha\""), "a page number for the group's section");
    assert!(in_book.contains("href=\"#_meeting-2021-03-10\""), "the decision in the previous record");
    assert!(book.contains("href=\"#_since\""), "the contents name it");
}
