//! The briefing book: `print/index.html` as one document, and `briefing pdf`
//! through headless Chromium, checked with poppler's pdfinfo, pdftotext and
//! pdftoppm. Tests that need Chromium and poppler are ignored unless run with
//! `cargo test -- --include-ignored`, and then fail without them.

mod common;

use std::path::Path;
use std::process::Command;

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
        "_summary",
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
    let tmp = tempfile::TempDir::new().unwrap();
    let o = briefing()
        .args(["pdf", "--content", arg(&example_content()), "--out", arg(&tmp.path().join("out"))])
        .env("PATH", tmp.path())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("apt-get install chromium"), "{}", stderr(&o));
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
