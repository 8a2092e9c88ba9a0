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
    assert!(err.contains("warning"), "{err}");
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
fn a_marking_with_markup_or_control_characters_is_shown_as_written_and_cannot_be_escaped() {
    let (_tmp, content) = temp_copy(&fixture_content("minimal"));
    let marking = r#"classification: "SECRET</div><div class=\"classification\" style=\"display:none\">\f\"'\\ }@page{""#;
    let site = read(&content.join("site.yaml")) + marking + "\n";
    std::fs::write(content.join("site.yaml"), site).unwrap();
    let (_tmp2, out) = built(&content);
    // Escaped in the page, where it sits between the layout's two banners.
    let shown = "SECRET&lt;/div&gt;&lt;div class=&quot;classification&quot;";
    assert_marked(&out, shown);
    for page in html_pages(&out) {
        let html = read(&out.join(&page));
        assert!(!html.contains("style=\"display"), "{page}");
    }
    // One CSS string in each margin box of the book, every risky character a hex escape.
    let book = read(&out.join("print/index.html"));
    let css = book
        .split("<style>")
        .find(|s| s.starts_with("@page"))
        .and_then(|s| s.split("</style>").next())
        .unwrap();
    let expected = r#"content: "SECRET\3c /div\3e \3c div class=\22 classification\22  style=\22 display:none\22 \3e \c \22 \27 \5c  }@page{";"#;
    assert_eq!(css.matches(expected).count(), 2, "{css}");
    assert_eq!(
        css.matches("@page").count(),
        4,
        "the layout's two rules and, inside its strings, the marking's two: {css}"
    );
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
    for f in ["data/actions.xlsx", "fr/data/metrics.xlsx", "data/risks.csv", "calendar.ics", "feed.xml"] {
        assert!(files_a.iter().any(|x| x == f), "{f} is compared too");
    }
    // The search index too: every file of it, in both languages.
    for f in ["pagefind/pagefind-entry.json", "pagefind/pagefind.js", "pagefind/wasm.fr.pagefind"] {
        assert!(files_a.iter().any(|x| x == f), "{f} is compared too");
    }
    for part in ["index", "fragment", "filter"] {
        for lang in ["en", "fr"] {
            let prefix = format!("pagefind/{part}/{lang}_");
            assert!(files_a.iter().any(|x| x.starts_with(&prefix)), "{prefix}… is compared too");
        }
    }
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

/// Every `id="…"` of an HTML page, in order.
fn ids_of(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

/// No id appears twice on any page, and every in-page link `#x` finds its
/// `id="x"`; returns how many ids the pages hold.
fn assert_ids_unique_and_resolved(out: &Path) -> usize {
    let pages = html_pages(out);
    assert!(pages.len() > 5, "{pages:?}");
    let mut total = 0;
    for page in pages {
        let html = read(&out.join(&page));
        let ids = ids_of(&html);
        let mut seen = std::collections::BTreeSet::new();
        for id in &ids {
            assert!(seen.insert(*id), "{page}: id `{id}` appears twice");
        }
        for part in html.split("href=\"#").skip(1) {
            let target = part.split('"').next().unwrap();
            assert!(seen.contains(target), "{page}: links to #{target}, which it lacks");
        }
        total += ids.len();
    }
    total
}

#[test]
fn every_id_of_every_page_of_the_reference_site_and_the_example_is_unique() {
    for content in [fixture_content("reference"), example_content()] {
        let (_tmp, out) = built(&content);
        let ids = assert_ids_unique_and_resolved(&out);
        assert!(ids > 100, "{}: only {ids} ids", content.display());
        let book = read(&out.join("print/index.html"));
        assert!(ids_of(&book).contains(&"_main"), "the book's skip link target");
    }
}

#[test]
fn markdown_fields_and_bodies_never_share_an_id_nor_take_the_layouts() {
    let (_tmp, content) = temp_copy(&fixture_content("reference"));
    let scope = "## Scope\\n\\nText[^1].\\n\\n[^1]: Note.\\n\\n# Main\\n\\n## Contents {#_toc-heading}";
    let group = std::fs::read_to_string(content.join("groups/border-security.yaml")).unwrap();
    let group = group.replace(
        "mandate: {en: Strengthen the capacity of border services personnel to detect and interdict fentanyl.}",
        &format!("mandate: {{en: \"{scope}\"}}"),
    );
    assert!(group.contains("## Scope"));
    std::fs::write(content.join("groups/border-security.yaml"), group).unwrap();
    std::fs::write(
        content.join("groups/ports.yaml"),
        format!("name: Ports\nmandate: {{en: \"{scope}\"}}\nchairs:\n  - {{party: CA}}\n"),
    )
    .unwrap();
    let update = content.join("updates/2021-05-26/border-security.yaml");
    let text = std::fs::read_to_string(&update).unwrap();
    let text = text
        .replace(
            "summary: {en: \"Joint training plan **agreed**; pilot at two ports of entry.\"}",
            &format!("summary: {{en: \"{scope}\"}}"),
        )
        .replace("note: {en: Pilot under way.}", &format!("note: {{en: \"{scope}\"}}"))
        .replace("mitigation: {en: Mobile teams.}", &format!("mitigation: {{en: \"{scope}\"}}"))
        .replace(
            "- {en: Endorse the joint training plan.}",
            &format!("- {{en: \"{scope}\"}}\n  - {{en: \"{scope}\"}}"),
        );
    assert_eq!(text.matches("## Scope").count(), 5, "{text}");
    std::fs::write(&update, text).unwrap();
    let meeting = content.join("meetings/2021-05-26.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let text = text
        .replace("text: {en: Endorsed the 2021 border security activities.}", &format!("text: {{en: \"{scope}\"}}"))
        .replace("text: {en: Report on the port-of-entry pilot.}", &format!("text: {{en: \"{scope}\"}}"))
        .replace(
            "The steering committee met virtually …",
            "# Main\n\n## Scope\n\nText[^1].\n\n[^1]: Note.\n\n## Top {#top}\n\n## Contents {#_toc-heading}\n\n\
             <div id=\"_main\" class=\"classification\" style=\"position:fixed;top:0;z-index:9999\">SECRET</div>\n",
        );
    assert_eq!(text.matches("## Scope").count(), 3, "{text}");
    std::fs::write(&meeting, text).unwrap();
    let (_out_tmp, out) = built(&content);
    assert!(assert_ids_unique_and_resolved(&out) > 100);
    let group_page = read(&out.join("groups/border-security/index.html"));
    let meeting_page = read(&out.join("meetings/2021-05-26/index.html"));
    let book = read(&out.join("print/index.html"));
    for (name, html) in [("group", &group_page), ("meeting", &meeting_page), ("book", &book)] {
        // Each field's heading is there, under an anchor of its own.
        assert!(html.matches("--scope\">Scope</h2>").count() >= 2, "{name}: {html}");
        assert_eq!(html.matches(" id=\"_main\"").count(), 1, "{name}");
        assert_eq!(
            html.matches(" id=\"_toc-heading\"").count(),
            html.matches("<nav class=\"toc\"").count(),
            "{name}"
        );
        // The marking's class only on the layout's two banners.
        assert_eq!(html.matches("class=\"classification").count(), 2, "{name}");
        assert!(!html.contains("position:fixed"), "{name}");
    }
    // The meeting's own headings keep the anchors links to them are checked against.
    for id in ["main", "scope", "top", "toc-heading", "fn-1"] {
        assert!(meeting_page.contains(&format!(" id=\"{id}\"")), "meeting lacks #{id}");
    }
    assert!(meeting_page.contains("<div>SECRET</div>"), "the raw div is kept, bare");
    assert!(book.contains(" id=\"meeting-2021-05-26_scope\""), "the meeting's section in the book");
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
    // An earlier update for each group: a group's status chart shows its
    // statuses at each update, so it needs two.
    std::fs::create_dir_all(content.join("updates/2021-03-31")).unwrap();
    for (group, activity) in [("border-security", "detection-capacity"), ("committee", "plan")] {
        std::fs::write(
            content.join(format!("updates/2021-03-31/{group}.yaml")),
            format!("summary: {{en: Started.}}\nactivities:\n  {activity}: {{status: planned}}\n"),
        )
        .unwrap();
    }
    let out = tmp.path().join("output");
    // Every rendered file has a path of its own (PNG charts included).
    let opts = briefing::site::Options {
        chart_png: true,
        ..briefing::site::Options::new(content.clone(), out.clone())
    };
    let (outcome, rendered) = briefing::site::render(&opts);
    let (files, _) = rendered.unwrap_or_else(|| panic!("renders: {:?}", outcome.report.diags));
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

/// Each link or image whose text (or alt) starts with `TL-` in `html`: its
/// label and its `href` or `src`.
fn labelled_links(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (marker, attr) in [(">TL-", "href=\""), ("alt=\"TL-", "src=\"")] {
        let mut from = 0;
        while let Some(i) = html[from..].find(marker) {
            let at = from + i;
            from = at + marker.len();
            let label_start = at + marker.len() - 3;
            let label_end = label_start + html[label_start..].find(['<', '"']).expect("label ends");
            let tag_start = html[..at].rfind('<').expect("in a tag");
            let tag = if marker.starts_with('>') { &html[tag_start..at] } else { &html[tag_start..] };
            let value_start = tag.find(attr).unwrap_or_else(|| panic!("no {attr} in {tag}")) + attr.len();
            let value = &tag[value_start..value_start + tag[value_start..].find('"').expect("closed")];
            out.push((html[label_start..label_end].to_string(), value.replace("&amp;", "&")));
        }
    }
    out
}

/// Links in Markdown fields of YAML (a mandate, a summary, a note, a
/// decision), in English and in French, lead from every page that shows
/// them (group page, dashboard, meeting page, book, at every depth and in
/// every language) to a file of the output, and to an id that exists.
#[test]
fn links_in_yaml_markdown_fields_are_rewritten_on_every_page_that_shows_them() {
    let (_tmp, content) = temp_copy(&example_content());
    std::fs::create_dir_all(content.join("assets")).unwrap();
    std::fs::write(content.join("assets/map.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let edit = |path: &str, from: &str, to: &str| {
        let p = content.join(path);
        let text = read(&p);
        assert!(text.contains(from), "{path} holds {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "groups/health.yaml",
        "  en: >-\n    Share best practices",
        "  en: >-\n    [TL-mandate-group](border-security.yaml)\n    [TL-mandate-heading](../meetings/2021-05-26.md#context)\n    [TL-mandate-page](../pages/background.md)\n    ![TL-mandate-image](../assets/map.png)\n    Share best practices",
    );
    edit(
        "groups/health.yaml",
        "  fr: >-\n    Échanger",
        "  fr: >-\n    [TL-mandat-groupe](border-security.yaml) [TL-mandat-page](../pages/background.md)\n    Échanger",
    );
    edit(
        "updates/2021-05-26/health.yaml",
        "  en: >-\n    Exchange",
        "  en: >-\n    [TL-summary-group](../../groups/law-enforcement.yaml) ![TL-summary-image](../../assets/map.png)\n    Exchange",
    );
    edit(
        "updates/2021-05-26/health.yaml",
        "      en: Summary of surveillance approaches",
        "      en: See [TL-note-meeting](../../meetings/2021-05-26.md). Summary of surveillance approaches",
    );
    // Shown in English on the French pages too (no `fr` version).
    edit(
        "updates/2021-05-26/health.yaml",
        "      en: Shared research questions agreed.\n      fr: Questions de recherche communes convenues.",
        "      en: Shared research questions agreed ([TL-fallback-page](../../pages/background.md)).",
    );
    edit(
        "meetings/2021-05-26.md",
        "      en: >-\n        Endorsed the 2021 law enforcement",
        "      en: >-\n        [TL-decision-group](../groups/health.yaml) Endorsed the 2021 law enforcement",
    );
    // A bare `#heading` in a meeting's front matter is a heading of the
    // meeting's notes, also from the action tracker and the dashboard.
    edit(
        "meetings/2021-05-26.md",
        "text: {en: Report on the port-of-entry pilot.,",
        "text: {en: \"[TL-action-heading](#context) Report on the port-of-entry pilot.\",",
    );
    let (_out_tmp, out) = built(&content);
    let files: std::collections::BTreeSet<String> = list_files(&out).into_iter().collect();
    let mut shown: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for page in html_pages(&out) {
        let html = read(&out.join(&page));
        for (label, target) in labelled_links(&html) {
            shown.entry(label.clone()).or_default().push(page.clone());
            let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
            // From the page's folder to the file the link leads to.
            let mut parts: Vec<&str> = page.split('/').collect();
            parts.pop();
            for seg in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
                if seg == ".." {
                    assert!(parts.pop().is_some(), "{page}: {label} -> {target} leaves the output");
                } else {
                    parts.push(seg);
                }
            }
            let file = if path.is_empty() { page.clone() } else { parts.join("/") };
            assert!(!target.contains(".yaml") && !target.contains(".md"), "{page}: {label} -> {target}");
            assert!(files.contains(&file), "{page}: {label} -> {target}: `{file}` is not in the output");
            if !fragment.is_empty() {
                let html = read(&out.join(&file));
                assert!(
                    html.contains(&format!("id=\"{fragment}\"")),
                    "{page}: {label} -> {target}: no such id"
                );
            }
        }
    }
    let pages_of = |label: &str| shown.get(label).cloned().unwrap_or_default();
    for (label, pages) in [
        ("TL-mandate-group", &["groups/health/index.html", "print/index.html"][..]),
        ("TL-mandate-heading", &["groups/health/index.html", "print/index.html"]),
        ("TL-mandate-page", &["groups/health/index.html", "print/index.html"]),
        ("TL-mandate-image", &["groups/health/index.html", "print/index.html"]),
        ("TL-mandat-groupe", &["fr/groups/health/index.html", "fr/print/index.html"]),
        ("TL-mandat-page", &["fr/groups/health/index.html", "fr/print/index.html"]),
        ("TL-summary-group", &["groups/health/index.html", "print/index.html"]),
        ("TL-summary-image", &["groups/health/index.html", "print/index.html"]),
        ("TL-note-meeting", &["groups/health/index.html", "print/index.html"]),
        (
            "TL-fallback-page",
            &["groups/health/index.html", "fr/groups/health/index.html", "fr/print/index.html"],
        ),
        ("TL-decision-group", &["meetings/2021-05-26/index.html", "print/index.html", "index.html"]),
        ("TL-action-heading", &["actions/index.html", "meetings/2021-05-26/index.html", "print/index.html"]),
    ] {
        let found = pages_of(label);
        for page in pages {
            assert!(found.iter().any(|p| p == page), "{label} is not on {page}: {found:?}");
        }
    }
    // The same link, a section of the book there and a page elsewhere.
    let book = read(&out.join("print/index.html"));
    assert!(book.contains(r##"<a href="#_group-border-security">TL-mandate-group</a>"##));
    assert!(book.contains(r#"<img src="../assets/map.png" alt="TL-mandate-image""#), "assets from print/");
    let group = read(&out.join("groups/health/index.html"));
    assert!(group.contains(r#"<a href="../../groups/border-security/index.html">TL-mandate-group</a>"#));
    assert!(
        group.contains(r#"<a href="../../meetings/2021-05-26/index.html#context">TL-mandate-heading</a>"#)
    );
}

/// Every kind of Markdown link in a body and its translation (inline,
/// reference, collapsed, shortcut, in a table, a footnote, a heading, an
/// image reference) is rewritten to a file of the output; e-mail autolinks
/// become `mailto:` links.
#[test]
fn every_kind_of_link_in_a_body_is_rewritten() {
    let (_tmp, content) = temp_copy(&example_content());
    std::fs::create_dir_all(content.join("assets")).unwrap();
    std::fs::write(content.join("assets/map.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let body = "[TL-inline](background.md) [TL-full][r] [TL-collapsed][] [TL-collapsed]\n\n| a |\n|---|\n| [TL-cell](../groups/health.yaml) |\n\nNote[^n]. Write to <secretariat@example.org>.\n\n## [TL-heading](../meetings/2021-05-26.md)\n\n![TL-image][i]\n\n[r]: background.md\n[TL-collapsed]: ../groups/health.yaml\n[i]: ../assets/map.png\n[^n]: [TL-foot](background.md)\n";
    std::fs::write(content.join("pages/kinds.md"), format!("---\ntitle: Kinds\n---\n{body}")).unwrap();
    std::fs::write(content.join("pages/kinds.fr.md"), format!("---\ntitle: Genres\n---\n{body}")).unwrap();
    let (_out_tmp, out) = built(&content);
    assert_links_resolve(&out);
    for page in ["pages/kinds/index.html", "fr/pages/kinds/index.html"] {
        let html = read(&out.join(page));
        let links = labelled_links(&html);
        let labels: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "TL-inline",
                "TL-full",
                "TL-collapsed",
                "TL-collapsed",
                "TL-cell",
                "TL-heading",
                "TL-foot",
                "TL-image"
            ],
            "{page}"
        );
        for (label, target) in &links {
            assert!(!target.contains(".md") && !target.contains(".yaml"), "{page}: {label} -> {target}");
        }
        assert!(html.contains(r#"<a href="mailto:secretariat@example.org">"#), "{page}");
        let up = if page.starts_with("fr/") { "../../../" } else { "../../" };
        assert!(html.contains(&format!(r#"<img src="{up}assets/map.png" alt="TL-image""#)), "{page}");
    }
}

/// A link to a draft fails the build without --drafts (see
/// tests/diagnostics.rs) and leads to its page with --drafts.
#[test]
fn a_link_to_a_draft_works_when_drafts_are_built() {
    let content = invalid_content("broken-link-draft");
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let without = run(&["build", "--content", arg(&content), "--out", arg(&out)]);
    assert_eq!(code(&without), 1, "{}", stderr(&without));
    assert!(!out.exists(), "nothing written");
    let with = run(&["build", "--content", arg(&content), "--out", arg(&out), "--drafts"]);
    assert_eq!(code(&with), 0, "{}", stderr(&with));
    let about = read(&out.join("pages/about/index.html"));
    assert!(about.contains(r#"<a href="../../meetings/2021-05-26/index.html">May 26</a>"#), "{about}");
    assert!(out.join("meetings/2021-05-26/index.html").is_file());
    assert_links_resolve(&out);
}

/// The id of every element of `html`.
fn element_ids(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).filter_map(|p| p.split('"').next()).collect()
}

#[test]
fn links_to_sections_and_headings_of_every_page_kind_are_checked_and_lead_there() {
    // Every section a link may name is on its page kind's pages.
    let (_tmp, out) = built(&example_content());
    for (dir, sections) in
        [("meetings", briefing::links::MEETING_SECTIONS), ("groups", briefing::links::GROUP_SECTIONS)]
    {
        let mut ids = std::collections::BTreeSet::new();
        for page in html_pages(&out)
            .iter()
            .filter(|p| p.starts_with(&format!("{dir}/")) && p.matches('/').count() == 2)
        {
            ids.extend(element_ids(&read(&out.join(page))).into_iter().map(str::to_string));
        }
        for (name, id) in sections {
            assert!(ids.contains(*id), "no {dir} page has `{id}` (for `#{name}`)");
        }
    }
    // Links to a meeting's, a group's and a page's sections and headings,
    // good and bad, from a page and from a group's mandate.
    let (_tmp, content) = temp_copy(&example_content());
    let page = content.join("pages/background.md");
    let links = "\nSee [decisions](../meetings/2021-05-26.md#decisions), [risks](../groups/health.yaml#risks), \
                 [none](../groups/health.yaml#no-such-anchor), [typo](../meetings/2021-05-26.md#decisons), \
                 [here](background.md#nowhere).\n";
    std::fs::write(&page, read(&page) + links).unwrap();
    let group = content.join("groups/border-security.yaml");
    let text: String = read(&group)
        .lines()
        .map(|l| if l.starts_with("mandate:") { "mandate: {en: \"See [its chairs](#chairz).\"}" } else { l })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&group, text).unwrap();
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    let broken: Vec<(&str, &str, Option<&str>)> = diags
        .iter()
        .filter(|d| d.code == "broken-link")
        .map(|d| (d.file.as_str(), d.message.as_str(), d.hint.as_deref()))
        .collect();
    assert_eq!(broken.len(), 4, "{diags:#?}");
    let of = |needle: &str| {
        broken.iter().find(|b| b.1.contains(needle)).unwrap_or_else(|| panic!("{needle}: {broken:?}"))
    };
    assert_eq!(of("#no-such-anchor").0, "pages/background.md");
    assert!(
        of("#no-such-anchor").2.unwrap().contains("`risks`")
            || of("#no-such-anchor").2.unwrap().contains("activities"),
        "{broken:?}"
    );
    assert_eq!(of("#decisons").2, Some("did you mean `decisions`?"));
    assert_eq!(of("#chairz").0, "groups/border-security.yaml");
    assert_eq!(of("#chairz").2, Some("did you mean `chairs`?"));
    assert!(of("#nowhere").1.contains("pages/background.md"));
    // Fixed, they build and lead to the sections.
    std::fs::write(
        &page,
        read(&page)
            .replace("[none](../groups/health.yaml#no-such-anchor), ", "")
            .replace("#decisons", "#actions")
            .replace("[here](background.md#nowhere)", "[here](background.md)"),
    )
    .unwrap();
    std::fs::write(&group, read(&group).replace("#chairz", "#chairs")).unwrap();
    let (_tmp2, out) = built(&content);
    let html = read(&out.join("pages/background/index.html"));
    for (href, target, id) in [
        (
            "../../meetings/2021-05-26/index.html#_decisions-heading",
            "meetings/2021-05-26/index.html",
            "_decisions-heading",
        ),
        ("../../groups/health/index.html#_risks-heading", "groups/health/index.html", "_risks-heading"),
        (
            "../../meetings/2021-05-26/index.html#_actions-heading",
            "meetings/2021-05-26/index.html",
            "_actions-heading",
        ),
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href} in {html}");
        assert!(element_ids(&read(&out.join(target))).contains(&id), "{target} has #{id}");
    }
    let group_page = read(&out.join("groups/border-security/index.html"));
    assert!(
        group_page.contains("href=\"../../groups/border-security/index.html#_chairs-heading\""),
        "a group's own section"
    );
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
    assert!(
        read(&out.join("print/index.html")).contains("href=\"#_meeting-2021-05-26\""),
        "in the book, the meeting's section"
    );
}

#[test]
fn a_link_to_a_hidden_file_says_it_is_passed_over() {
    let (_tmp, content) = temp_copy(&example_content());
    std::fs::create_dir_all(content.join("assets/.thumbs")).unwrap();
    for f in ["assets/.hidden.png", "assets/.thumbs/a.png", "assets/plan.pdf~"] {
        std::fs::write(content.join(f), "x").unwrap();
    }
    let page = content.join("pages/background.md");
    let links = "\n![h](../assets/.hidden.png) ![t](../assets/.thumbs/a.png) [p](../assets/plan.pdf~) \
                 ![m](../assets/missing.png)\n";
    std::fs::write(&page, read(&page) + links).unwrap();
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    let missing: Vec<&Diag> = diags.iter().filter(|d| d.code == "missing-asset").collect();
    assert_eq!(missing.len(), 4, "{diags:#?}");
    for (d, name) in missing.iter().zip([".hidden.png", ".thumbs", "plan.pdf~"]) {
        assert!(
            d.message.contains("not published") && d.message.contains(&format!("`{name}` is a hidden")),
            "{d:?}"
        );
        assert!(!d.message.contains("does not exist"), "{d:?}");
    }
    assert!(missing[3].message.contains("does not exist"), "{:?}", missing[3]);
}

#[test]
fn a_committee_with_no_update_or_meeting_shows_no_briefing_date() {
    let (_tmp, out) = built(&fixture_content("minimal"));
    for page in ["index.html", "print/index.html", "actions/index.html"] {
        let html = read(&out.join(page));
        assert!(html.contains("No briefing date yet"), "{page}");
        assert!(
            !html.contains("2000") && !html.contains("Briefing as of"),
            "{page} shows a date it does not have"
        );
    }
    // A date given is shown.
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = run(&[
        "build",
        "--content",
        arg(&fixture_content("minimal")),
        "--out",
        arg(&out),
        "--as-of",
        "2021-05-26",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = read(&out.join("index.html"));
    assert!(html.contains("Briefing as of May 26, 2021") && !html.contains("No briefing date"), "{html}");
}

/// A group with one activity has its progress said in a sentence, in both
/// languages and in the book, not drawn as a chart of one bar.
#[test]
fn a_group_with_one_activity_gets_a_sentence_not_a_one_bar_chart() {
    let (_tmp, content) = temp_copy(&example_content());
    let cut = |file: &str, from: &str| {
        let path = content.join(file);
        let text = read(&path);
        let at = text.find(from).unwrap_or_else(|| panic!("{file} holds {from}"));
        let end = at + text[at..].find("metrics:").unwrap();
        std::fs::write(&path, format!("{}{}", &text[..at], &text[end..])).unwrap();
    };
    cut("groups/health.yaml", "  - id: covid-impact-research");
    cut("updates/2021-03-31/health.yaml", "  covid-impact-research:");
    cut("updates/2021-05-26/health.yaml", "  covid-impact-research:");
    let out = content.parent().unwrap().join("out");
    build_ok(&content, &out);
    for (page, sentence) in [
        (
            "groups/health/index.html",
            "Its one activity, “Share best practices and approaches to surveillance”, stands at 100%, from 30% at the previous update.",
        ),
        ("fr/groups/health/index.html", "Sa seule activité, «\u{202f}Échanger des pratiques exemplaires"),
        ("print/index.html", "Its one activity, “Share best practices and approaches to surveillance”"),
    ] {
        let html = read(&out.join(page));
        assert!(html.contains("<p class=\"chart-sentence\">"), "{page}: the sentence");
        assert!(html.contains(sentence), "{page}: {sentence}");
        let charted = html.contains("Health — Progress of activities")
            || html.contains("Santé — Avancement des activités");
        assert!(!charted && !html.contains("_chart-progress-caption"), "{page}: no progress chart");
    }
    let other = read(&out.join("groups/border-security/index.html"));
    assert!(
        other.contains("_chart-progress-caption") && !other.contains("chart-sentence"),
        "more activities, a chart"
    );
}
