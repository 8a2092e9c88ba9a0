//! Building sites with the binary: which files come out, that they work from
//! `file://` (every relative link resolves), carry the classification
//! marking, come in every language, and are byte-identical run to run.

mod common;

use std::path::Path;

use common::*;

/// The stderr of a successful human build is one summary line.
fn assert_summary_line(err: &str) {
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one summary line on stderr, got:\n{err}");
    assert!(lines[0].starts_with("built "), "{err}");
}

fn assert_files(out: &Path, files: &[&str]) {
    for f in files {
        assert!(out.join(f).is_file(), "missing {f} in {}; have {:?}", out.display(), list_files(out));
    }
}

/// Every HTML page shows the marking in its header and in its footer.
fn assert_marked(out: &Path, marking: &str) {
    assert_marked_by_language(out, &|_| marking.to_string());
}

/// As `assert_marked`, with the marking each page should show.
fn assert_marked_by_language(out: &Path, marking_of: &dyn Fn(&str) -> String) {
    let pages = html_pages(out);
    assert!(!pages.is_empty());
    for page in pages {
        let marking = marking_of(&page);
        let marking = marking.as_str();
        let html = read(&out.join(&page));
        assert!(count(&html, marking) >= 2, "{page}: `{marking}` appears fewer than twice");
        let first = html.find(marking).unwrap();
        let last = html.rfind(marking).unwrap();
        let main_start = html.find("<main").unwrap_or_else(|| panic!("{page}: no <main>"));
        let main_end = html.find("</main>").unwrap_or_else(|| panic!("{page}: no </main>"));
        assert!(first < main_start, "{page}: no marking above the content");
        assert!(last > main_end, "{page}: no marking below the content");
    }
}

fn assert_links_resolve(out: &Path) {
    let broken = broken_links(out);
    assert!(broken.is_empty(), "{} broken relative link(s):\n{}", broken.len(), broken.join("\n"));
}

#[test]
fn minimal_site_builds() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let o = build_ok(&fixture_content("minimal"), &out);
    assert!(stdout(&o).is_empty(), "nothing on stdout: {}", stdout(&o));
    assert_summary_line(&stderr(&o));
    assert_files(
        &out,
        &[
            "index.html",
            "404.html",
            "groups/index.html",
            "actions/index.html",
            "static/style.css",
            ".briefing-output",
        ],
    );
    assert!(!out.join("fr").exists(), "one language: no fr/ tree");
    assert!(read(&out.join("index.html")).contains("<html lang=\"en\""));
    assert_marked(&out, "UNCLASSIFIED");
    assert_links_resolve(&out);
    let leftovers: Vec<String> =
        list_files(tmp.path()).into_iter().filter(|f| !f.starts_with("output/")).collect();
    assert!(leftovers.is_empty(), "nothing is left beside the output: {leftovers:?}");
}

#[test]
fn reference_site_builds_in_both_languages() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let o = build_ok(&fixture_content("reference"), &out);
    // Some texts are English only: warnings, not errors, and the build says so.
    let err = stderr(&o);
    assert!(err.contains("missing-translation"), "{err}");
    assert!(err.lines().last().unwrap_or("").starts_with("built "), "{err}");
    assert!(err.contains("warning(s)"), "{err}");
    assert_files(
        &out,
        &[
            "index.html",
            "fr/index.html",
            "groups/border-security/index.html",
            "fr/groups/border-security/index.html",
            "meetings/2021-05-26/index.html",
            "fr/meetings/2021-05-26/index.html",
            "charts/border-security_metric_seizures.svg",
            "fr/charts/border-security_metric_seizures.svg",
        ],
    );
    let en = read(&out.join("index.html"));
    let fr = read(&out.join("fr/index.html"));
    assert!(en.contains("<html lang=\"en\""));
    assert!(fr.contains("<html lang=\"fr\""));
    assert!(fr.contains("conjoint Canada-États-Unis sur les opioïdes"), "French title");
    // The language switch: English pages link to French and back.
    assert!(en.contains("href=\"fr/index.html\""), "en -> fr switch");
    assert!(fr.contains("href=\"../index.html\""), "fr -> en switch");
    let group_fr = read(&out.join("fr/groups/border-security/index.html"));
    assert!(group_fr.contains("href=\"../../../groups/border-security/index.html\""), "fr -> en on a group");
    assert!(group_fr.contains("Sécurité frontalière"));
    for page in html_pages(&out) {
        let html = read(&out.join(&page));
        assert!(html.contains("hreflang=\"fr\""), "{page}: no link to the French version");
        assert!(html.contains("hreflang=\"en\""), "{page}: no link to the English version");
        let lang = if page.starts_with("fr/") { "fr" } else { "en" };
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{page}: wrong lang");
    }
    assert_marked(&out, "UNCLASSIFIED");
    assert_links_resolve(&out);
}

#[test]
fn example_committee_builds() {
    let (_tmp, out) = built(&example_content());
    for g in ["law-enforcement", "border-security", "postal-security", "health"] {
        assert_files(&out, &[&format!("groups/{g}/index.html"), &format!("fr/groups/{g}/index.html")]);
    }
    for m in ["2021-05-26", "2021-02-23-roadmap"] {
        assert_files(&out, &[&format!("meetings/{m}/index.html"), &format!("fr/meetings/{m}/index.html")]);
    }
    assert_files(&out, &["pages/background/index.html", "meetings/index.html", "actions/index.html"]);
    let svg = read(&out.join("charts/border-security_metric_seizures.svg"));
    assert!(svg.starts_with("<svg"), "an SVG file");
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(svg.contains("<title"), "chart has a title");
    assert!(svg.contains("<desc"), "chart has a description");
    assert!(svg.contains("Fentanyl seized at ports of entry"));
    let group = read(&out.join("groups/border-security/index.html"));
    assert!(group.contains("Strengthen detection and interdiction capacity"));
    assert!(group.contains("<table"), "chart data as a table");
    let index = read(&out.join("index.html"));
    for name in ["Law Enforcement", "Border Security", "Postal Security", "Health"] {
        assert!(index.contains(name), "dashboard lists {name}");
    }
    assert!(!read(&out.join("groups/health/index.html")).contains("{{"), "no template code left");
}

#[test]
fn every_page_of_the_example_carries_the_classification_in_its_language() {
    let (_tmp, out) = built(&example_content());
    assert_marked_by_language(&out, &|page| {
        (if page.starts_with("fr/") { "NON CLASSIFIÉ" } else { "UNCLASSIFIED" }).to_string()
    });
    let book = read(&out.join("fr/print/index.html"));
    assert!(book.contains("@top-center { content: \"NON CLASSIFIÉ\""), "the French book's printed pages");
}

#[test]
fn a_custom_classification_is_printed_on_every_page() {
    let (_tmp, content) = temp_copy(&fixture_content("minimal"));
    let site = read(&content.join("site.yaml")) + "classification: PROTECTED A\n";
    std::fs::write(content.join("site.yaml"), site).unwrap();
    let (_tmp2, out) = built(&content);
    assert_marked(&out, "PROTECTED A");
}

#[test]
fn every_relative_link_of_the_example_resolves() {
    let (_tmp, out) = built(&example_content());
    assert_links_resolve(&out);
    // The stylesheet's fonts too.
    let css = read(&out.join("static/style.css"));
    let mut rest = css.as_str();
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let end = rest.find(')').expect("closed url(");
        let target = rest[..end].trim_matches(['"', '\'', ' ']);
        if !target.starts_with("data:") && !target.starts_with("http") {
            assert!(out.join("static").join(target).is_file(), "style.css: url({target}) does not resolve");
        }
    }
}

#[test]
fn every_relative_link_of_the_reference_site_resolves() {
    let (_tmp, out) = built(&fixture_content("reference"));
    assert_links_resolve(&out);
}

#[test]
fn link_checker_finds_a_broken_link() {
    // The checker itself: a page with a broken and a good link.
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path();
    std::fs::create_dir_all(out.join("a")).unwrap();
    std::fs::write(out.join("x.css"), "").unwrap();
    std::fs::write(
        out.join("a/index.html"),
        "<a href=\"../x.css#top\">ok</a> <a href=\"#here\">in-page</a> <a href=\"https://example.org\">web</a>\n\
         <img src=\"../missing.png\"> <a hreflang=\"fr\" href=\"../\">folder</a>",
    )
    .unwrap();
    let broken = broken_links(out);
    assert_eq!(broken.len(), 2, "{broken:?}");
    assert!(broken[0].contains("../missing.png") || broken[1].contains("../missing.png"), "{broken:?}");
}

#[test]
fn build_is_byte_identical_run_to_run() {
    let (_a, out_a) = built(&example_content());
    let (_b, out_b) = built(&example_content());
    let files_a = list_files(&out_a);
    assert_eq!(files_a, list_files(&out_b), "the same files");
    assert!(files_a.len() > 20);
    for f in &files_a {
        let a = std::fs::read(out_a.join(f)).unwrap();
        let b = std::fs::read(out_b.join(f)).unwrap();
        assert!(a == b, "{f} differs between two builds of the same content");
    }
}

#[test]
fn base_url_makes_canonical_links_and_an_absolute_sitemap() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let content = fixture_content("reference");
    let o = run(&[
        "build",
        "--content",
        arg(&content),
        "--out",
        arg(&out),
        "--base-url",
        "https://example.org/briefing",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/briefing/index.html</loc>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.org/briefing/fr/index.html</loc>"), "{sitemap}");
    let group = read(&out.join("groups/border-security/index.html"));
    assert!(
        group.contains(
            "<link rel=\"canonical\" href=\"https://example.org/briefing/groups/border-security/index.html\">"
        ),
        "{group}"
    );
    assert_links_resolve(&out);
}

#[test]
fn each_alternate_language_is_linked_once() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let content = fixture_content("reference");
    let o =
        run(&["build", "--content", arg(&content), "--out", arg(&out), "--base-url", "https://example.org/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for page in html_pages(&out) {
        let html = read(&out.join(&page));
        for lang in ["en", "fr"] {
            let n = count(&html, &format!("<link rel=\"alternate\" hreflang=\"{lang}\""));
            assert_eq!(n, 1, "{page}: {n} alternate links for `{lang}`");
        }
    }
}

#[test]
fn no_sitemap_without_base_url() {
    // The sitemap protocol requires absolute URLs: without a base URL there is none.
    let (_tmp, out) = built(&fixture_content("minimal"));
    assert!(!out.join("sitemap.xml").exists());
}

#[test]
fn reference_dashboard_snapshot() {
    let (_tmp, out) = built(&fixture_content("reference"));
    insta::assert_snapshot!("reference-index.html", read(&out.join("index.html")));
}

#[test]
fn reference_group_page_snapshot() {
    let (_tmp, out) = built(&fixture_content("reference"));
    insta::assert_snapshot!(
        "reference-groups-border-security.html",
        read(&out.join("groups/border-security/index.html"))
    );
}

#[test]
fn meeting_format_is_shown_in_words() {
    let (_tmp, out) = built(&fixture_content("reference"));
    for page in
        ["index.html", "meetings/2021-05-26/index.html", "fr/index.html", "fr/meetings/2021-05-26/index.html"]
    {
        let html = read(&out.join(page));
        assert!(!html.contains("format_virtual"), "{page} prints the raw interface key `format_virtual`");
    }
}

#[test]
fn chart_png_writes_every_chart_as_a_png_too() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let content = fixture_content("reference");
    let o = run(&["build", "--chart-png", "--content", arg(&content), "--out", arg(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for lang in ["", "fr/"] {
        let png =
            std::fs::read(out.join(format!("{lang}charts/border-security_metric_seizures.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG", "{lang}");
    }
    let (_t, plain) = built(&content);
    assert!(!plain.join("charts/border-security_metric_seizures.png").exists(), "PNGs only when asked");
}

#[test]
fn many_pages_do_not_crowd_the_navigation() {
    let (_tmp, content) = temp_copy(&fixture_content("minimal"));
    std::fs::create_dir_all(content.join("pages")).unwrap();
    for i in 0..8 {
        let order = if i < 2 { format!("order: {i}\n") } else { String::new() };
        let page = format!("---\ntitle: {{en: Page {i}}}\n{order}---\nText.\n");
        std::fs::write(content.join(format!("pages/p{i}.md")), page).unwrap();
    }
    let (_t, out) = built(&content);
    let index = read(&out.join("index.html"));
    let nav = index.split("<nav").nth(1).unwrap().split("</nav>").next().unwrap();
    assert!(nav.contains("Page 0") && nav.contains("Page 1"), "ordered pages stand in the navigation");
    assert!(!nav.contains("Page 5"), "unordered pages do not, when there are many");
    assert!(nav.contains("href=\"pages/index.html\""), "a link to all pages: {nav}");
    let all = read(&out.join("pages/index.html"));
    for i in 0..8 {
        assert!(all.contains(&format!("href=\"../pages/p{i}/index.html\"")), "page {i} is listed");
    }
}

/// The file count in a build's summary line (`… 37 files) …`).
fn summary_files(err: &str) -> usize {
    let line = err.lines().rfind(|l| l.starts_with("built ")).unwrap_or_else(|| panic!("no summary: {err}"));
    let before = line.split(" files)").next().unwrap_or_else(|| panic!("no file count: {line}"));
    before.rsplit(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no file count: {line}"))
}

#[test]
fn chart_files_never_collide_whatever_the_ids() {
    // A metric named `status` beside its group's status chart, and a group
    // named `committee` beside the committee's status chart.
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    let group = content.join("groups/border-security.yaml");
    let text = read(&group) + "  - id: status\n    title: {en: Status metric}\n";
    std::fs::write(&group, text).unwrap();
    let update = content.join("updates/2021-05-26/border-security.yaml");
    let text = read(&update).replace("metrics:\n", "metrics:\n  status:\n    - {period: 2021-03, CA: 7}\n");
    std::fs::write(&update, text).unwrap();
    std::fs::write(
        content.join("groups/committee.yaml"),
        "name: {en: Committee}\nmandate: {en: Coordinate.}\nactivities:\n  - {id: plan, title: {en: Plan}}\n",
    )
    .unwrap();
    std::fs::write(
        content.join("updates/2021-05-26/committee.yaml"),
        "summary: {en: Met.}\nactivities:\n  plan: {status: in-progress, progress: 10}\n",
    )
    .unwrap();
    let out = tmp.path().join("output");
    // Every rendered file has a path of its own (PNG charts included).
    let opts = briefing::site::Options {
        content: content.clone(),
        out: out.clone(),
        theme: None,
        drafts: false,
        base_url: None,
        as_of: None,
        strict: false,
        chart_png: true,
    };
    let (outcome, rendered) = briefing::site::render(&opts);
    let (files, _) = rendered.unwrap_or_else(|| panic!("renders: {:?}", outcome.diags));
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let rendered_count = paths.len();
    assert!(paths.contains(&"fr/charts/border-security_metric_status.png"), "{paths:?}");
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), rendered_count, "two rendered files share a path");
    let o = build_ok(&content, &out);
    let on_disk: Vec<String> = list_files(&out).into_iter().filter(|f| f != ".briefing-output").collect();
    assert_eq!(summary_files(&stderr(&o)), on_disk.len(), "the summary counts every file on disk");
    let charts: Vec<&String> = on_disk.iter().filter(|f| f.starts_with("charts/")).collect();
    let names = [
        "charts/border-security_metric_seizures.svg",
        "charts/border-security_metric_status.svg",
        "charts/border-security_progress.svg",
        "charts/border-security_status.svg",
        "charts/committee-status.svg",
        "charts/committee_progress.svg",
        "charts/committee_status.svg",
    ];
    assert_eq!(charts, names, "one file per chart");
    let metric = read(&out.join("charts/border-security_metric_status.svg"));
    assert!(metric.contains("Status metric"), "{metric}");
    let status = read(&out.join("charts/border-security_status.svg"));
    assert!(!status.contains("Status metric") && status.contains("Border Security"), "{status}");
    let committee = read(&out.join("charts/committee-status.svg"));
    let group = read(&out.join("charts/committee_status.svg"));
    assert_ne!(committee, group, "the committee's chart and the group `committee`'s chart differ");
    // Each chart's ids are its own, so a page showing several has no duplicate id.
    let page = read(&out.join("groups/border-security/index.html"));
    assert_eq!(count(&page, "id=\"chart-border-security_status-title\""), 1, "one status chart");
    assert_eq!(count(&page, "id=\"chart-border-security_metric_status-title\""), 1, "one metric chart");
    assert_links_resolve(&out);
}
