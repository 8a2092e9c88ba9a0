//! The briefing book: `print/index.html` as one document, and `briefing pdf`
//! through headless Chromium, checked with poppler's pdfinfo, pdftotext and
//! pdftoppm. Tests that need Chromium and poppler are ignored unless run with
//! `cargo test -- --include-ignored`, and then fail without them.
//!
//! The printed book of the example committee is read back from the PDF, in
//! both languages: its contents and its "see page N" tell true page numbers,
//! each agenda paper's pages name their item, decisions sought come before
//! the first paper, every glyph comes from the theme's fonts, and no page is
//! left nearly empty.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

fn poppler() -> bool {
    Command::new("pdfinfo").arg("-v").output().is_ok()
}

/// Every `href="#x"` of the document has an element with `id="x"`.
fn assert_anchors_resolve(html: &str) {
    for part in html.split("href=\"#").skip(1) {
        let id = part.split('"').next().unwrap();
        assert!(html.contains(&format!("id=\"{id}\"")), "the book links to #{id}, which it lacks");
    }
}

#[test]
fn the_book_is_one_document_with_cover_contents_and_every_section() {
    let (_tmp, out) = built(&example_content());
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("class=\"cover\""));
    // The layout's ids start with `_`, out of reach of content's anchors.
    for id in [
        "_agenda",
        "_decisions",
        "_key-changes",
        "_group-law-enforcement",
        "_group-border-security",
        "_group-postal-security",
        "_group-health",
        "_meeting-2021-05-26",
        "_actions",
        "_page-background",
    ] {
        assert!(book.contains(&format!("href=\"#{id}\"")), "contents lack #{id}");
        assert!(book.contains(&format!("id=\"{id}\"")), "book lacks section #{id}");
    }
    assert_anchors_resolve(&book);
    assert!(book.contains("@page { size: letter"), "paper size");
    assert!(book.contains("counter(page)") && book.contains("counter(pages)"), "page numbers");
    assert!(book.contains("@top-center { content: \"UNCLASSIFIED\""), "marking on every page");
    assert!(book.contains("Fentanyl seized at ports of entry"), "charts are in the book");
    let fr = read(&out.join("fr/print/index.html"));
    assert!(fr.contains("<html lang=\"fr\""));
    assert!(fr.contains("\"Page \" counter(page) \" de \" counter(pages)"), "French page numbers");
    assert_anchors_resolve(&fr);
}

#[test]
fn the_page_rules_are_the_themes_and_the_words_in_them_stay_in_their_strings() {
    // The marking and the theme's words go into CSS strings of `print.html`'s
    // `@page` rules: quotes, backslashes and angle brackets cannot end the
    // string nor the `<style>` element.
    let (_tmp, content) = temp_copy(&example_content());
    let site = read(&content.join("site.yaml"));
    let marking = "classification: 'SECRET\\\" } body { display: none } </style><script>alert(1)</script>'";
    let site = site
        .lines()
        .map(|l| if l.starts_with("classification:") { marking } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(content.join("site.yaml"), site).unwrap();
    let tmp = tempfile::TempDir::new().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("i18n")).unwrap();
    std::fs::write(theme.join("i18n/en.yaml"), "book_page: \"Folio</style>\"\nbook_of: \"sur \\\"\"\n")
        .unwrap();
    let out = tmp.path().join("out");
    let o = run(&["build", "--content", arg(&content), "--out", arg(&out), "--theme", arg(&theme)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let book = read(&out.join("print/index.html"));
    let style =
        book.split("<style>").find(|s| s.starts_with("@page")).unwrap().split("</style>").next().unwrap();
    assert!(style.contains("@top-center { content: \"SECRET\\5c \\22  } body { display: none } \\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e \";"), "{style}");
    assert!(
        style.contains("content: \"Folio\\3c /style\\3e  \" counter(page) \" sur \\22  \" counter(pages)"),
        "{style}"
    );
    assert!(!style.contains('<') && !style.contains('>'), "{style}");
    assert_eq!(book.matches("<script").count(), 0, "no script element: {book}");
}

#[test]
fn a_running_header_is_cut_short_with_an_ellipsis() {
    // A 2,700-character agenda title, one unbroken word: its papers' running
    // header is the item's number and the first of its title, never more
    // than the margin holds; a short title is whole.
    let (_tmp, content) = temp_copy(&example_content());
    let path = content.join("meetings/2021-09-29.md");
    let long = format!("Approval{}", "A".repeat(2700));
    let text = read(&path).replacen(
        "en: Approval of the record of the May 26, 2021 meeting",
        &format!("en: {long}"),
        1,
    );
    assert!(text.contains(&long));
    std::fs::write(&path, text).unwrap();
    let (_tmp2, out) = built(&content);
    let book = read(&out.join("print/index.html"));
    let headers: Vec<&str> =
        book.split("@top-left { content: \"").skip(1).map(|rest| rest.split("\";").next().unwrap()).collect();
    assert!(headers.len() >= 4, "every paper has a running header: {headers:?}");
    let first = headers[0];
    assert!(first.starts_with("Item 1 — ApprovalAAA") && first.ends_with('…'), "{first}");
    assert!(first.chars().count() <= 91, "{} characters", first.chars().count());
    assert!(headers[1..].iter().all(|h| !h.ends_with('…')), "short titles are whole: {headers:?}");
    assert!(book.contains(&long), "the item's title itself is whole");
}

#[test]
fn with_many_pages_the_book_annexes_the_featured_ones_and_points_to_the_rest() {
    let (_tmp, content) = temp_copy(&example_content());
    // Eight more pages without an `order`: the background page (order 1)
    // stays in the navigation and the book; the others are on the site.
    for i in 1..=8 {
        let text = format!("---\ntitle: Note {i}\n---\n## Details\n\nText of note {i}.\n");
        std::fs::write(content.join(format!("pages/note-{i}.md")), text).unwrap();
    }
    // The background links to a page outside the book, and to a heading in it.
    let background = read(&content.join("pages/background.md"))
        + "\nSee [note 3](note-3.md) and [its details](note-3.md#details).\n";
    std::fs::write(content.join("pages/background.md"), background).unwrap();
    let (_tmp2, out) = built(&content);
    let book = read(&out.join("print/index.html"));
    assert!(book.contains("id=\"_page-background\""), "the featured page is annexed");
    assert!(!book.contains("id=\"_page-note-3\""), "other pages are not annexed");
    assert!(book.contains("The other 8 pages are on the site"), "the book says where the rest are");
    assert!(book.contains(r#"href="../pages/index.html""#));
    // Links to a page outside the book lead to the page itself.
    assert!(book.contains(r#"href="../pages/note-3/index.html""#), "a link out of the book");
    assert!(book.contains(r#"href="../pages/note-3/index.html#details""#), "with the page's own anchor");
    assert_anchors_resolve(&book);
    let fr = read(&out.join("fr/print/index.html"));
    assert!(fr.contains("Les 8 autres pages sont sur le site"), "in French too");
    let page = read(&out.join("pages/note-3/index.html"));
    assert!(page.contains("id=\"details\""));
}

/// Every `id="…"` of an HTML document, in order.
fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"").skip(1).map(|p| p.split('"').next().unwrap().to_string()).collect()
}

#[test]
fn ids_in_the_book_are_unique_whatever_the_sections_and_headings_are_called() {
    let (_tmp, content) = temp_copy(&example_content());
    // Section ids and heading slugs that join alike: `x` + `y-z` and
    // `x-y` + `z`, a meeting's slug against a page's, a footnote's label.
    let pages = [
        (
            "x",
            "## Y z\n\nSee [Z](x-y.md#z) and [W](x-y-z.md#w).\n\n## Fn-n\n\nA note[^n].\n\n[^n]: The note.\n",
        ),
        ("x-y", "## Z\n\nBack to [Y z](x.md#y-z).\n"),
        ("x-y-z", "## W\n\nText.\n"),
    ];
    for (i, (slug, body)) in pages.iter().enumerate() {
        let text = format!("---\ntitle: Page {slug}\norder: {}\n---\n{body}", 10 + i);
        std::fs::write(content.join(format!("pages/{slug}.md")), text).unwrap();
    }
    let (_tmp2, out) = built(&content);
    for book in [out.join("print/index.html"), out.join("fr/print/index.html")] {
        let html = read(&book);
        for slug in ["x", "x-y", "x-y-z"] {
            assert!(html.contains(&format!("id=\"_page-{slug}\"")), "page {slug} is annexed");
        }
        let all = ids(&html);
        let mut seen = std::collections::BTreeSet::new();
        let twice: Vec<&String> = all.iter().filter(|id| !seen.insert(id.as_str())).collect();
        assert!(twice.is_empty(), "ids given twice in {}: {twice:?}", book.display());
        assert_anchors_resolve(&html);
        // Each link to a heading leads to that heading.
        let heading_id = |section: &str, title: &str| {
            let at = html.find(&format!("id=\"_page-{section}\"")).unwrap();
            let h = html[at..].find(&format!("\">{title}</h2>")).unwrap() + at;
            let start = html[..h].rfind(" id=\"").unwrap() + 5;
            html[start..h].to_string()
        };
        for (section, title) in [("x-y", "Z"), ("x-y-z", "W"), ("x", "Y z")] {
            let id = heading_id(section, title);
            assert!(html.contains(&format!("href=\"#{id}\"")), "no link to {section}'s `{title}` (#{id})");
        }
    }
}

/// The ids of the book's sections, in order, and the agenda items whose
/// papers have pages of their own.
fn section_order(book: &str) -> Vec<String> {
    book.split("<section id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .filter(|id| id != "_agenda" || book.contains("id=\"_agenda\""))
        .collect()
}

#[test]
fn the_book_follows_the_agenda_papers_first_then_the_rest() {
    let (_tmp, out) = built(&example_content());
    let book = read(&out.join("print/index.html"));
    // The book is for the meeting to come (September 29), whose first item
    // approves the May record and the next four take each group's report.
    assert_eq!(
        section_order(&book),
        [
            "_agenda",
            "_decisions",
            "_since",
            "_key-changes",
            "_meeting-2021-05-26",
            "_group-law-enforcement",
            "_group-border-security",
            "_group-postal-security",
            "_group-health",
            "_meeting-2021-09-29",
            "_actions",
            "_page-background",
        ]
    );
    for (item, id) in [(1, "_meeting-2021-05-26"), (2, "_group-law-enforcement"), (5, "_group-health")] {
        assert!(book.contains(&format!("<section id=\"{id}\" class=\"book-section book-")), "{id}");
        assert!(book.contains(&format!("paper paper-{item}\"")), "item {item} is a paper");
        assert!(book.contains(&format!(".paper-{item} {{ page: paper-{item}; }}")), "its named page");
    }
    assert!(
        book.contains("@top-left { content: \"Item 2 — Law enforcement progress report\""),
        "running header"
    );
    // Every page reference is linked, so that the PDF has its destination.
    for part in book.split("<span class=\"page-ref\" data-ref=\"").skip(1) {
        let anchor = part.split('"').next().unwrap();
        assert!(book.contains(&format!("href=\"#{anchor}\"")), "#{anchor} is referred to but not linked");
        assert!(book.contains(&format!("id=\"{anchor}\"")), "#{anchor} is not in the book");
    }
    assert!(book.contains(
        "<meta name=\"description\" content=\"Briefing book — Steering Committee meeting, September 29, 2021"
    ));
}

#[test]
fn without_an_agenda_the_book_keeps_the_summary_order_and_forces_no_break() {
    let (_tmp, content) = temp_copy(&example_content());
    for entry in std::fs::read_dir(content.join("meetings")).unwrap() {
        let path = entry.unwrap().path();
        let text = read(&path);
        let mut skipping = false;
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| {
                if l.starts_with("agenda:") {
                    skipping = true;
                } else if skipping && !l.starts_with(' ') && !l.starts_with("- ") {
                    skipping = false;
                }
                !skipping
            })
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    let (_tmp2, out) = built(&content);
    for page in ["print/index.html", "fr/print/index.html"] {
        let book = read(&out.join(page));
        assert!(!book.contains("id=\"_agenda\""), "{page}: no agenda");
        assert_eq!(
            section_order(&book),
            [
                "_decisions",
                "_since",
                "_key-changes",
                "_group-law-enforcement",
                "_group-border-security",
                "_group-postal-security",
                "_group-health",
                "_meeting-2021-09-29",
                "_meeting-2021-05-26",
                "_actions",
                "_page-background",
            ],
            "{page}"
        );
        assert!(!book.contains("paper paper-"), "{page}: nothing forces a break but the contents");
        assert!(!book.contains("@page paper-"), "{page}");
        assert_anchors_resolve(&book);
    }
}

#[test]
fn a4_paper_is_a_site_setting() {
    let (_tmp, content) = temp_copy(&example_content());
    let site = read(&content.join("site.yaml")).replace("print: {paper: letter}", "print: {paper: a4}");
    std::fs::write(content.join("site.yaml"), site).unwrap();
    let (_tmp2, out) = built(&content);
    assert!(read(&out.join("print/index.html")).contains("@page { size: a4"));
}

#[test]
fn pdf_without_a_browser_says_how_to_get_one_and_exits_2() {
    // With nothing on PATH, a browser is still looked for where browsers
    // install (src/pdf/browser.rs tests each system's places): this machine
    // either has one there, and the command goes on (to refuse the folder
    // given as the PDF, before building), or says where it looked.
    let tmp = tempfile::TempDir::new().unwrap();
    let o = briefing()
        .args(["pdf", "--content", arg(&example_content()), "--out", arg(&tmp.path().join("out"))])
        .args(["--pdf", arg(tmp.path())])
        .env("PATH", tmp.path())
        .env_remove("BRIEFING_BROWSER")
        .env_remove("BRIEFING_CHROMIUM")
        .output()
        .unwrap();
    let os = briefing::pdf::browser::Os::current();
    let installed = briefing::pdf::browser::install_places(os, &|name| std::env::var_os(name))
        .into_iter()
        .find(|p| Path::new(p).is_file());
    match installed {
        Some(place) => {
            assert_eq!(code(&o), 1, "{place} is found off PATH: {}", stderr(&o));
            assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
        }
        None => {
            assert_eq!(code(&o), 2, "{}", stderr(&o));
            assert!(stderr(&o).contains("chromium on PATH"), "{}", stderr(&o));
            assert!(stderr(&o).contains(os.install_hint()), "{}", stderr(&o));
        }
    }
    let o = run(&["pdf", "--content", arg(&example_content()), "--browser", "/nonexistent/chromium"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("`/nonexistent/chromium` does not exist"), "{}", stderr(&o));
}

#[test]
#[ignore = "needs Chromium and poppler-utils (apt-get install chromium poppler-utils)"]
fn pdf_is_tagged_numbered_marked_and_has_bookmarks() {
    let browser = briefing::pdf::find_browser(None).expect("Chromium on PATH (apt-get install chromium)");
    assert!(poppler(), "poppler-utils installed (apt-get install poppler-utils)");
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let o =
        run(&["pdf", "--content", arg(&example_content()), "--out", arg(&out), "--browser", arg(&browser)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let pdf = out.join("briefing.pdf");
    assert!(out.join("briefing.fr.pdf").exists(), "the French book");

    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Page size:       612 x 792 pts (letter)"), "{info}");
    assert!(info.contains("Title:           Briefing book"), "{info}");
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..].trim().parse().unwrap();
    assert!((8..=60).contains(&pages), "{pages} pages");

    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Outlines"), "bookmarks from the headings");

    let text = pdf_text(&pdf);
    let page_texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(page_texts.len(), pages);
    for (i, p) in page_texts.iter().enumerate() {
        assert!(p.contains("UNCLASSIFIED"), "page {} lacks the marking", i + 1);
    }
    assert!(!page_texts[0].contains("Page 1 of"), "no page number on the cover");
    assert!(page_texts[1].contains(&format!("Page 2 of {pages}")), "{}", page_texts[1]);
    for entry in
        ["Contents", "Law Enforcement", "Border Security", "Postal Security", "Health", "Action items"]
    {
        assert!(page_texts[1].contains(entry), "contents lack {entry}");
    }
    assert!(text.contains("Fentanyl seized at ports of entry"), "a chart's title is text");

    let png = tmp.path().join("p1");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "30", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status();
    assert!(status.unwrap().success());
    let rendered = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("p1"));
    let size = std::fs::metadata(rendered.expect("a PNG of page 1").path()).unwrap().len();
    assert!(size > 3_000, "page 1 renders as a nearly empty image ({size} bytes)");
}

fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The example printed once for all the tests, both languages: the book for
/// the meeting to come (letter paper), and, as a variant, the book for the May
/// meeting on A4, whose agenda's papers are an earlier meeting, an annexed page
/// and the four groups.
struct Printed {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    may: PathBuf,
    stderr: String,
}

fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        let browser = briefing::pdf::find_browser(None).expect("Chromium on PATH (apt-get install chromium)");
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("out");
        let o = briefing()
            .args([
                "pdf",
                "--content",
                arg(&example_content()),
                "--out",
                arg(&out),
                "--browser",
                arg(&browser),
            ])
            .output()
            .unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let content = tmp.path().join("content");
        copy_dir(&example_content(), &content);
        let site = read(&content.join("site.yaml")).replace("print: {paper: letter}", "print: {paper: a4}");
        std::fs::write(content.join("site.yaml"), site).unwrap();
        let may = tmp.path().join("may");
        let o2 = briefing()
            .args(["pdf", "--content", arg(&content), "--out", arg(&may), "--browser", arg(&browser)])
            .args(["--meeting", "2021-05-26"])
            .output()
            .unwrap();
        assert_eq!(code(&o2), 0, "{}", stderr(&o2));
        Printed { _tmp: tmp, out, may, stderr: stderr(&o) + &stderr(&o2) }
    })
}

/// Each book: its language, the PDF and the book's HTML.
fn books() -> Vec<(&'static str, PathBuf, PathBuf)> {
    let p = printed();
    let mut books = Vec::new();
    for out in [&p.out, &p.may] {
        books.push(("en", out.join("briefing.pdf"), out.join("print/index.html")));
        books.push(("fr", out.join("briefing.fr.pdf"), out.join("fr/print/index.html")));
    }
    books
}

/// A word of a page and its box, as `pdftotext -bbox` gives it.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x: f64,
    y: f64,
    height: f64,
}

/// Every page's words, in the order the PDF draws them.
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let o =
        Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(o.status.success());
    let xml = String::from_utf8(o.stdout).unwrap();
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&xml, options).unwrap();
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("page"))
        .map(|page| {
            page.children()
                .filter(|n| n.has_tag_name("word"))
                .map(|w| Word {
                    text: w.text().unwrap_or("").to_string(),
                    x: num(w, "xMin"),
                    y: num(w, "yMin"),
                    height: num(w, "yMax") - num(w, "yMin"),
                })
                .collect()
        })
        .collect()
}

/// The lines of a page: its words grouped by their top, left to right.
fn lines(page: &[Word]) -> Vec<Vec<Word>> {
    let mut sorted = page.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for w in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - w.y).abs() < 2.0 => line.push(w),
            _ => lines.push(vec![w]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

fn join(words: &[Word]) -> String {
    words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// The section headings (h2: set larger than anything but the cover's
/// title) of every page, a heading wrapped on two lines read as one.
fn headings(pages: &[Vec<Word>]) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|page| {
            let mut found: Vec<(f64, String)> = Vec::new();
            for line in lines(page) {
                let big: Vec<Word> = line.into_iter().filter(|w| w.height > 18.0).collect();
                if big.is_empty() {
                    continue;
                }
                let (y, text) = (big[0].y, join(&big));
                match found.last_mut() {
                    Some((last_y, last)) if y - *last_y < 30.0 => {
                        last.push(' ');
                        last.push_str(&text);
                        *last_y = y;
                    }
                    _ => found.push((y, text)),
                }
            }
            found.into_iter().map(|(_, t)| t).collect()
        })
        .collect()
}

/// The page (from 1) on which the heading `text` first appears, after the
/// cover and the contents.
fn heading_page(headings: &[Vec<String>], text: &str) -> Option<usize> {
    let found = |h: &String| one_line(h) == one_line(text);
    headings.iter().enumerate().skip(2).find(|(_, hs)| hs.iter().any(found)).map(|(i, _)| i + 1)
}

/// A text as one line: a line that broke after a hyphen ("États-" then
/// "Unis") reads back with a space after the hyphen, which the other line
/// (a heading or an entry that did not break there) lacks.
fn one_line(text: &str) -> String {
    text.replace("- ", "-")
}

/// The contents page's entries: the agenda item whose paper it is, the label
/// and the page number. An entry that wraps has its item's number on its
/// first line and its page number on its last.
fn contents_with_items(pages: &[Vec<Word>]) -> Vec<(Option<usize>, String, usize)> {
    let mut entries = Vec::new();
    let mut pending = String::new();
    let mut item = None;
    for line in lines(&pages[1]) {
        let text = join(&line);
        if line.iter().any(|w| w.height > 18.0) || line.iter().all(|w| w.y < 60.0 || w.y > 740.0) {
            continue; // the heading, the markings and the page number
        }
        let mut words: Vec<&str> = text.split(' ').collect();
        if pending.is_empty()
            && let Some(n) =
                words.first().and_then(|w| w.strip_suffix('.')).and_then(|n| n.parse::<usize>().ok())
        {
            item = Some(n);
            words.remove(0);
        }
        match words.last().and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => {
                words.pop();
                let label = format!("{pending} {}", words.join(" ")).trim().to_string();
                entries.push((item.take(), label, n));
                pending.clear();
            }
            None => pending = format!("{pending} {}", words.join(" ")).trim().to_string(),
        }
    }
    entries
}

/// The contents page's entries: label and page number.
fn contents(pages: &[Vec<Word>]) -> Vec<(String, usize)> {
    contents_with_items(pages).into_iter().map(|(_, label, n)| (label, n)).collect()
}

#[test]
#[ignore = "needs Chromium and poppler"]
fn every_contents_entry_gives_the_page_its_heading_is_on() {
    for (lang, pdf, _) in books() {
        let pages = words(&pdf);
        let heads = headings(&pages);
        let entries = contents(&pages);
        assert!(entries.len() >= 10, "{lang}: {entries:?}");
        for (label, n) in &entries {
            assert_eq!(
                heading_page(&heads, label),
                Some(*n),
                "{lang}: `{label}` is listed at page {n}; headings: {heads:?}"
            );
        }
        // In the order of the book, and the decisions sought before any paper.
        let numbers: Vec<usize> = entries.iter().map(|(_, n)| *n).collect();
        assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{lang}: {entries:?}");
    }
}

/// The anchors of the page references that follow "see page" in the book's
/// HTML, in order, and the text of each anchor's section heading.
fn references(html: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let mut anchors = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("class=\"see-page\"") {
        rest = &rest[at..];
        let marker = "data-ref=\"";
        let start = rest.find(marker).unwrap() + marker.len();
        let end = start + rest[start..].find('"').unwrap();
        anchors.push(rest[start..end].to_string());
        rest = &rest[end..];
    }
    let mut titles = BTreeMap::new();
    for anchor in &anchors {
        let id = format!("id=\"{anchor}-title\">");
        let at = html.find(&id).unwrap_or_else(|| panic!("no heading for #{anchor}")) + id.len();
        let end = at + html[at..].find("</h2>").unwrap();
        let mut text = String::new();
        let mut in_tag = false;
        for c in html[at..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"");
        titles.insert(anchor.clone(), text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    (anchors, titles)
}

#[test]
#[ignore = "needs Chromium and poppler"]
fn every_see_page_gives_the_page_its_target_starts_on() {
    for (lang, pdf, html) in books() {
        let pages = words(&pdf);
        let heads = headings(&pages);
        let (anchors, titles) = references(&read(&html));
        // Every "see page N" of the PDF, in the order the pages draw them.
        let see = if lang == "fr" { "voir" } else { "see" };
        let mut numbers = Vec::new();
        for (p, page) in pages.iter().enumerate() {
            for line in lines(page) {
                for w in line.windows(3) {
                    if w[0].text.trim_start_matches('(') == see && w[1].text == "page" {
                        let n = w[2].text.trim_end_matches([')', '.', ',']);
                        numbers.push((
                            p + 1,
                            n.parse::<usize>().unwrap_or_else(|_| panic!("{lang}: `{}`", join(&line))),
                        ));
                    }
                }
            }
        }
        assert_eq!(numbers.len(), anchors.len(), "{lang}: {numbers:?} for {anchors:?}");
        assert!(
            anchors.len() >= 12,
            "{lang}: the agenda, the decisions and the action log refer to pages: {anchors:?}"
        );
        for ((on, n), anchor) in numbers.iter().zip(&anchors) {
            let title = &titles[anchor];
            assert_eq!(
                heading_page(&heads, title),
                Some(*n),
                "{lang}: on page {on}, #{anchor} `{title}` is said to be at page {n}"
            );
        }
    }
}

/// The pages of each agenda paper: from its heading's page to the page
/// before the next entry of the contents, with the item's number.
fn papers(pages: &[Vec<Word>]) -> Vec<(usize, usize, usize)> {
    let entries = contents_with_items(pages);
    entries
        .iter()
        .filter_map(|(item, _, first)| {
            let next = entries.iter().map(|(_, _, p)| *p).find(|&p| p > *first).unwrap_or(pages.len() + 1);
            Some(((*item)?, *first, next - 1))
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium and poppler"]
fn each_page_of_a_paper_names_its_agenda_item_and_decisions_come_first() {
    for (lang, pdf, _) in books() {
        let pages = words(&pdf);
        let heads = headings(&pages);
        let papers = papers(&pages);
        assert!(papers.len() >= 4, "{lang}: {papers:?}");
        let item = if lang == "fr" { "Point" } else { "Item" };
        for &(number, first, last) in &papers {
            assert!(first <= last, "{lang}: {papers:?}");
            for p in first..=last {
                let top = lines(&pages[p - 1]).into_iter().next().map(|l| join(&l)).unwrap_or_default();
                assert!(
                    top.starts_with(&format!("{item} {number} — ")),
                    "{lang}: page {p} of item {number} is headed `{top}`"
                );
            }
        }
        // The pages outside the papers do not carry an item's header.
        for (i, page) in pages.iter().enumerate() {
            let p = i + 1;
            if papers.iter().all(|&(_, first, last)| p < first || p > last) {
                let top = lines(page).into_iter().next().map(|l| join(&l)).unwrap_or_default();
                assert!(!top.starts_with(&format!("{item} ")), "{lang}: page {p} is headed `{top}`");
            }
        }
        let decisions = if lang == "fr" { "Décisions demandées" } else { "Decisions sought" };
        let at = heading_page(&heads, decisions).expect("decisions sought");
        assert!(
            papers.iter().all(|&(_, first, _)| first > at),
            "{lang}: decisions at {at}, papers {papers:?}"
        );
    }
}

#[test]
#[ignore = "needs Chromium and poppler"]
fn every_glyph_comes_from_the_theme_fonts() {
    const THEME: [&str; 5] =
        ["NotoSans-Regular", "NotoSans-Bold", "BriefingSymbols", "BriefingSymbols-Bold", "BriefingMono"];
    for (lang, pdf, _) in books() {
        let o = Command::new("pdffonts").arg(&pdf).output().expect("pdffonts (poppler-utils)");
        let table = String::from_utf8_lossy(&o.stdout).into_owned();
        let fonts: Vec<&str> = table.lines().skip(2).collect();
        assert!(fonts.len() >= 3, "{lang}: {table}");
        for font in &fonts {
            let cols: Vec<&str> = font.split_whitespace().collect();
            let name = cols[0].split_once('+').map(|(_, n)| n).unwrap_or(cols[0]);
            assert!(THEME.contains(&name), "{lang}: `{name}` is not a theme font:\n{table}");
            assert!(!font.contains("Type 3"), "{lang}: {table}");
            assert_eq!(cols[cols.len() - 5], "yes", "{lang}: not embedded: {font}");
        }
        // The status signs are drawn from the symbols font.
        assert!(fonts.iter().any(|f| f.contains("+BriefingSymbols")), "{lang}: {table}");
    }
}

#[test]
#[ignore = "needs Chromium and poppler"]
fn the_book_keeps_its_tags_title_language_and_outline_and_gains_xmp() {
    for (lang, pdf, _) in books() {
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        assert!(info.contains("Tagged:          yes"), "{lang}: {info}");
        assert!(info.contains("Metadata Stream: yes"), "{lang}: {info}");
        let meta = Command::new("pdfinfo").arg("-meta").arg(&pdf).output().unwrap();
        let meta = String::from_utf8_lossy(&meta.stdout).into_owned();
        let title = if lang == "fr" { "Cahier d&#39;information" } else { "Briefing book" };
        assert!(meta.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}")), "{lang}: {meta}");
        assert!(meta.contains(&format!("<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li>")), "{lang}: {meta}");
        assert!(meta.contains("<dc:description>"), "{lang}: {meta}");
        let doc = lopdf::Document::load(&pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        assert!(catalog.get(b"Outlines").is_ok(), "{lang}: the bookmarks are kept");
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), lang.as_bytes());
    }
    let p = printed();
    assert!(!p.stderr.contains("warning"), "{}", p.stderr);
    assert_eq!(count(&p.stderr, "(2 prints)"), 4, "the numbers are written in and checked: {}", p.stderr);
}

/// The height of page `n` in points.
fn page_height(pdf: &Path, n: usize) -> f64 {
    let o =
        Command::new("pdfinfo").args(["-f", &n.to_string(), "-l", &n.to_string()]).arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&o.stdout).into_owned();
    let size = info
        .lines()
        .find(|l| l.starts_with(&format!("Page {n:>4} size:")))
        .unwrap_or_else(|| panic!("{info}"));
    size.split_whitespace().nth(5).unwrap().parse().unwrap()
}

/// No page but the cover holds fewer words than this. The markings, the page
/// number and a paper's running header are up to about 16 words of every
/// page; 40 is some five lines of text more, an eighth of a page: enough to
/// catch a page left with a heading and a line or two (what a break in the
/// wrong place leaves), while the contents page of a small committee passes.
const MIN_WORDS: usize = 40;

/// The page before a paper may hold the last lines of the section before it;
/// the markings and page number are about 16 words, so 20 means it holds
/// text, not only its markings.
const MIN_WORDS_BEFORE_BREAK: usize = 20;

#[test]
#[ignore = "needs Chromium and poppler"]
fn no_page_is_left_nearly_empty() {
    for (lang, pdf, _) in books() {
        let pages = words(&pdf);
        let starts_paper: Vec<bool> =
            (0..pages.len()).map(|i| papers(&pages).iter().any(|&(_, first, _)| first == i + 1)).collect();
        for (i, page) in pages.iter().enumerate().skip(1) {
            // A page is at least a quarter full, unless a paper starts on the
            // next (the issue allows the page before a forced break to be
            // short: the end of a section that ran over); even then it holds
            // more than the markings.
            let before_break = i == 1 || starts_paper.get(i + 1).copied().unwrap_or(true);
            let least = if before_break { MIN_WORDS_BEFORE_BREAK } else { MIN_WORDS };
            assert!(page.len() >= least, "{lang}: page {} has {} words", i + 1, page.len());
            if !before_break {
                // Inside the 22 mm margins (62 pt), where the markings are not.
                let height = page_height(&pdf, i + 1);
                let body: Vec<&Word> = page.iter().filter(|w| w.y > 62.0 && w.y < height - 62.0).collect();
                let lowest = body.iter().map(|w| w.y + w.height).fold(0.0, f64::max);
                let fill = (lowest - 62.0) / (height - 2.0 * 62.0);
                assert!(fill >= 0.25, "{lang}: page {} is {:.0}% full", i + 1, fill * 100.0);
            }
        }
    }
}

/// Each paper's first page names its item once in the running header and
/// its title once in its heading: the book's page holds each item's header
/// line once (the page rule), in both languages.
#[test]
fn each_paper_names_its_item_once_in_the_header_and_once_in_the_heading() {
    let (_tmp, out) = built(&example_content());
    for (page, word) in [("print/index.html", "Item"), ("fr/print/index.html", "Point")] {
        let html = read(&out.join(page));
        for n in 1..=5 {
            let line = format!("{word} {n} — ");
            assert_eq!(count(&html, &line), 1, "{page}: {line} once, in the running header");
        }
    }
}
