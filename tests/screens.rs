//! The example committee on a phone and on a desktop screen, in both
//! languages: no page scrolls sideways and no element reaches beyond the
//! screen at 390 px or at 1280 px, no table scrolls sideways in its box (a
//! table becomes labelled cards on a phone), and the header and navigation
//! take at most a fifth of a 390×844 phone's first screen
//! (`scripts/audit/screens.mjs`, headless Chromium through playwright-core).
//! Also read as text: every table cell a phone shows as a card is labelled
//! by its column.
//!
//! The browser tests need Node, Chromium and playwright-core
//! (`BRIEFING_AUDIT_NODE_MODULES`, `BRIEFING_CHROMIUM`), as `tests/audit.rs`
//! does; they are `#[ignore]`d in a plain `cargo test` and `.ci/run` runs them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn unavailable() -> Option<String> {
    let modules = std::env::var_os("BRIEFING_AUDIT_NODE_MODULES").map(PathBuf::from);
    if !modules.as_ref().is_some_and(|m| m.join("playwright-core/package.json").is_file()) {
        return Some("BRIEFING_AUDIT_NODE_MODULES holds no playwright-core (see tests/audit.rs)".into());
    }
    let chromium = std::env::var("BRIEFING_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return Some(format!("no Chromium at {chromium} (set BRIEFING_CHROMIUM)"));
    }
    None
}

fn run_screens(dir: &Path) -> std::process::Output {
    Command::new("node").arg(repo().join("scripts/audit/screens.mjs")).arg(dir).output().expect("node runs")
}

#[test]
#[ignore = "needs node, Chromium and playwright-core (installed by .ci/run)"]
fn no_page_of_the_example_scrolls_sideways_on_a_phone_or_a_desktop() {
    if let Some(why) = unavailable() {
        panic!("cannot run: {why}");
    }
    let (_tmp, out) = built(&example_content());
    let pages = html_pages(&out);
    assert!(pages.iter().any(|p| p.starts_with("fr/")), "both languages: {pages:?}");
    let o = run_screens(&out);
    let (stdout, stderr) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "layout problems:\n{stderr}\n{stdout}");
    let summary: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("the summary is JSON ({e}): {stdout}"));
    assert_eq!(summary["pages"].as_u64(), Some(pages.len() as u64), "{stdout}");
    assert_eq!(summary["checks"].as_u64(), Some(2 * pages.len() as u64), "each page at 390 and 1280 px");
    assert_eq!(summary["problems"].as_u64(), Some(0));
    let header = summary["headerMax"].as_f64().unwrap();
    assert!(header > 40.0 && header <= 844.0 / 5.0, "the header takes {header}px of 844");
}

/// The example with what a secretariat may well write: a long committee
/// name, an address and a word too long for a phone in an action, French
/// punctuation in a note. Nothing scrolls sideways all the same, and the
/// header still takes at most a fifth of the screen.
#[test]
#[ignore = "needs node, Chromium and playwright-core (installed by .ci/run)"]
fn long_names_words_and_addresses_do_not_widen_a_page() {
    if let Some(why) = unavailable() {
        panic!("cannot run: {why}");
    }
    let (tmp, content) = temp_copy(&example_content());
    let edit = |file: &str, from: &str, to: &str| {
        let path = content.join(file);
        let text = read(&path);
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // A name that long has a shorter form for a phone's header.
    edit(
        "site.yaml",
        "en: Canada-U.S. Joint Action Plan on Opioids\n",
        "en: The Canada-United States Joint Action Plan on Opioids and Synthetic Drug Trafficking Steering Committee\n",
    );
    edit(
        "site.yaml",
        "short_name: {en: Canada-U.S. Joint Action Plan on Opioids,",
        "short_name: {en: Joint Action Plan on Opioids and Synthetic Drugs,",
    );
    edit(
        "meetings/2021-05-26.md",
        "en: Circulate a draft work plan for expanded intelligence sharing.",
        "en: Circulate https://example.org/a/very/long/path/that/does/not/break/anywhere/intelligence-sharing-2021 and Supercalifragilisticexpialidociousinterdepartmentalcoordination.",
    );
    edit(
        "updates/2021-05-26/health.yaml",
        "fr: Résumé des approches de surveillance transmis aux deux parties.",
        "fr: \"Résumé transmis ; voir « Annexe » : https://example.org/x?a=1;b=2 — 30% fait ! `code : x` d'accord\"",
    );
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let note = read(&out.join("fr/groups/health/index.html"));
    assert!(
        note.contains("Résumé transmis\u{202f}; voir «\u{202f}Annexe\u{202f}»\u{a0}: https://example.org/x?a=1;b=2 — 30\u{202f}% fait\u{202f}! <code>code : x</code> d’accord"),
        "French typography in content, not in code or addresses"
    );
    let o = run_screens(&out);
    assert_eq!(o.status.code(), Some(0), "layout problems:\n{}\n{}", stderr(&o), stdout(&o));
}

/// A 1,200-character word as a group's name and a meeting's title, and a
/// 2,700-character one as an agenda item's: it breaks where it must, and no
/// page, table or list of contents is widened by it.
#[test]
#[ignore = "needs node, Chromium and playwright-core (installed by .ci/run)"]
fn unbroken_words_in_names_and_titles_break_rather_than_widen_a_page() {
    if let Some(why) = unavailable() {
        panic!("cannot run: {why}");
    }
    let (tmp, content) = temp_copy(&example_content());
    let edit = |file: &str, from: &str, to: &str| {
        let path = content.join(file);
        let text = read(&path);
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let word = "W".repeat(1200);
    edit("groups/border-security.yaml", "{en: Border Security,", &format!("{{en: Border{word},"));
    edit(
        "meetings/2021-09-29.md",
        "title: {en: Steering Committee meeting,",
        &format!("title: {{en: Meeting{word},"),
    );
    edit(
        "meetings/2021-09-29.md",
        "en: Approval of the record of the May 26, 2021 meeting",
        &format!("en: Approval{}", "A".repeat(2700)),
    );
    let out = tmp.path().join("out");
    build_ok(&content, &out);
    let o = run_screens(&out);
    assert_eq!(o.status.code(), Some(0), "layout problems:\n{}\n{}", stderr(&o), stdout(&o));
}

#[test]
#[ignore = "needs node, Chromium and playwright-core (installed by .ci/run)"]
fn the_screens_audit_fails_on_a_wide_page_a_scrolling_table_a_tall_header_and_a_cut_title() {
    if let Some(why) = unavailable() {
        panic!("cannot run: {why}");
    }
    let tmp = tempfile::TempDir::new().unwrap();
    let cells: String = (0..12).map(|i| format!("<td>column-number-{i}</td>")).collect();
    std::fs::write(
        tmp.path().join("index.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Wide</title></head>\
             <body><header class=\"site-header\" style=\"height: 300px\">\
             <p class=\"site-title\" style=\"display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 1; overflow: hidden; width: 120px\">A committee name too long for its line</p></header>\
             <main><div style=\"width: 600px\">wide block</div>\
             <div style=\"overflow-x: auto\"><table><tr>{cells}</tr></table></div></main></body></html>"
        ),
    )
    .unwrap();
    let o = run_screens(tmp.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in [
        "the page scrolls sideways",
        "div \"wide block\" spans",
        "scrolls sideways: ",
        "the header and navigation take 300px",
        "p.site-title \"A committee name too long for its line\" is cut",
    ] {
        assert!(err.contains(expected), "the report says `{expected}`:\n{err}");
    }
}

/// Every cell of a table shown as cards on a phone (`table.stack`) carries
/// its column's name, so that no value is read without it.
#[test]
fn every_card_cell_is_labelled_by_its_column() {
    let (_tmp, out) = built(&example_content());
    let mut cells = 0;
    for page in html_pages(&out) {
        let html = read(&out.join(&page));
        let mut from = 0;
        while let Some(i) = html[from..].find("<table class=\"") {
            let start = from + i;
            let end = start + html[start..].find("</table>").expect("closed table");
            from = end;
            let table = &html[start..end];
            if !table[..table.find('>').unwrap()].contains(" stack") {
                continue;
            }
            let body = &table[table.find("<tbody>").expect("a body")..];
            for cell in body.split("<td").skip(1).chain(body.split("<th").skip(1)) {
                let tag = &cell[..cell.find('>').unwrap()];
                assert!(tag.contains("data-label=\""), "{page}: a cell without its column's name: <td{tag}>");
                cells += 1;
            }
        }
    }
    assert!(cells > 100, "the example has card tables ({cells} cells)");
}

/// A secretariat restyles the site with one small `static/custom.css` of
/// variables, and replaces one block of a built-in template by extending it
/// (`default/<name>`) instead of copying the file.
#[test]
fn a_theme_restyles_by_variables_and_replaces_one_block() {
    let tmp = tempfile::TempDir::new().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(
        theme.join("static/custom.css"),
        ":root { --navy: #00334e; --font-body: Georgia, serif; }\n",
    )
    .unwrap();
    std::fs::write(
        theme.join("templates/index.html"),
        "{% extends \"default/index.html\" %}\n{% block upcoming_meeting %}<p class=\"our-note\">Next: room 3.</p>{% endblock upcoming_meeting %}\n",
    )
    .unwrap();
    std::fs::write(
        theme.join("templates/base.html"),
        "{% extends \"default/base.html\" %}\n{% block nav %}<p class=\"our-nav\">Ours</p>{{ super() }}{% endblock nav %}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = run(&["build", "--content", arg(&example_content()), "--out", arg(&out), "--theme", arg(&theme)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        read(&out.join("static/custom.css")),
        ":root { --navy: #00334e; --font-body: Georgia, serif; }\n"
    );
    let index = read(&out.join("index.html"));
    assert!(index.contains("<p class=\"our-note\">Next: room 3.</p>"), "the block is replaced");
    assert!(index.contains("_asks-heading"), "the rest of the built-in dashboard stays");
    let custom = index.find("static/custom.css").expect("custom.css is linked");
    assert!(index.find("static/style.css").unwrap() < custom, "after the built-in stylesheet");
    for page in ["index.html", "groups/health/index.html", "fr/actions/index.html"] {
        let html = read(&out.join(page));
        assert!(
            html.contains("<p class=\"our-nav\">Ours</p>"),
            "{page}: every page extends the theme's base"
        );
        assert!(html.contains("class=\"nav-menu"), "{page}: with the built-in navigation kept");
    }
    // Without a custom.css, none is linked.
    let (_plain_tmp, plain) = built(&example_content());
    assert!(!read(&plain.join("index.html")).contains("custom.css"));
    assert!(read(&plain.join("static/palette.css")).contains("--done: #009e73;"));
}

/// `briefing pdf` writes the book beside the site: the book's page offers
/// it, in each language; a plain build offers nothing it has not got.
#[test]
fn the_book_page_offers_the_pdf_when_briefing_pdf_writes_it() {
    let tmp = tempfile::TempDir::new().unwrap();
    let opts = briefing::site::Options {
        book_pdf: true,
        ..briefing::site::Options::new(example_content(), tmp.path().join("out"))
    };
    let (outcome, rendered) = briefing::site::render(&opts);
    let (files, _) = rendered.unwrap_or_else(|| panic!("renders: {:?}", outcome.report.diags));
    let page = |path: &str| {
        let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path}"));
        String::from_utf8(f.bytes.to_vec()).unwrap()
    };
    assert!(page("print/index.html").contains("<a href=\"../briefing.pdf\" type=\"application/pdf\">"));
    assert!(
        page("fr/print/index.html").contains("<a href=\"../../briefing.fr.pdf\" type=\"application/pdf\">")
    );
    for path in ["print/index.html", "fr/print/index.html"] {
        assert!(!page(path).contains("briefing pdf`"), "{path}: no command for readers to run");
    }
    let (_plain_tmp, plain) = built(&example_content());
    assert!(!read(&plain.join("print/index.html")).contains("briefing.pdf"));
}
