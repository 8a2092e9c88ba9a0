//! Hostile and broken input: a clear error and nothing lost. Alias bombs,
//! deep nesting, huge files, BOM and CRLF files, symlinks that leave the
//! content folder, script injection, and builds that fail, are killed or
//! cannot write — each leaves the previous output intact.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

/// The minimal site with `extra` files written into it.
fn site_with(extra: &[(&str, &[u8])]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, content) = temp_copy(&fixture_content("minimal"));
    for dir in ["groups", "pages", "meetings", "assets"] {
        fs::create_dir_all(content.join(dir)).unwrap();
    }
    for (path, bytes) in extra {
        let p = content.join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    (tmp, content)
}

fn codes_of(content: &Path) -> Vec<(String, String, u64)> {
    let o = check_json(content, &[]);
    parse_diags(&stdout(&o)).into_iter().map(|d| (d.code, d.file, d.line)).collect()
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut yaml = String::from(
        "name: {en: Bomb}\nmandate: {en: x}\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let (_tmp, content) = site_with(&[("groups/bomb.yaml", yaml.as_bytes())]);
    // Expanding the aliases would make a billion nodes; the loader counts
    // nodes as it expands and stops at its limit, so the run ends with a
    // diagnostic. (How fast is a benchmark's business, not a test's.)
    let codes = codes_of(&content);
    assert!(codes.iter().any(|(c, f, _)| c == "too-large" && f == "groups/bomb.yaml"), "{codes:?}");
}

#[test]
fn deep_nesting_is_refused_without_a_crash() {
    let yaml = format!("name: {{en: Deep}}\nmandate: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (_tmp, content) = site_with(&[("groups/deep.yaml", yaml.as_bytes())]);
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let codes: Vec<_> = parse_diags(&stdout(&o)).into_iter().map(|d| d.code).collect();
    assert_eq!(codes, ["too-large"]);
}

#[test]
fn deeply_nested_html_is_refused_by_check_and_build_alike() {
    let divs = |n: usize| "<div>".repeat(n) + "x" + &"</div>".repeat(n);
    let deep = format!("---\ntitle: {{en: Deep}}\n---\nIntro.\n\n{}\n", divs(50_000));
    // Markdown's own nesting counts with the raw HTML inside it.
    let quotes = format!("---\ntitle: {{en: Quotes}}\n---\n{}x <b>y</b>\n", "> ".repeat(300));
    let unclosed = format!("---\ntitle: {{en: Unclosed}}\n---\n{}\n", "<span><b>".repeat(5_000));
    let group = format!("name: {{en: Deep}}\nmandate: {{en: \"{}\"}}\n", divs(200));
    // Without any HTML, Markdown's own lists and quotes nest too.
    let lists = format!("---\ntitle: {{en: Lists}}\n---\nIntro.\n\n{}x\n", "- ".repeat(50_000));
    let plain_quotes = format!("---\ntitle: {{en: Plain quotes}}\n---\n{}x *y*\n", "> ".repeat(300));
    let mixed = format!("---\ntitle: {{en: Mixed}}\n---\n{}x\n", "> 1. * ".repeat(50));
    let field = format!("name: {{en: Lists}}\nmandate: {{en: \"{}x\"}}\n", "- ".repeat(200));
    // As deep as a briefing could want: fine.
    let fine =
        format!("---\ntitle: {{en: Fine}}\n---\n{}{}\n\n{}x\n", "> ".repeat(60), divs(60), "- ".repeat(60));
    let (_tmp, content) = site_with(&[
        ("pages/deep.md", deep.as_bytes()),
        ("pages/quotes.md", quotes.as_bytes()),
        ("pages/unclosed.md", unclosed.as_bytes()),
        ("pages/fine.md", fine.as_bytes()),
        ("groups/deep.yaml", group.as_bytes()),
        ("pages/lists.md", lists.as_bytes()),
        ("pages/plain-quotes.md", plain_quotes.as_bytes()),
        ("pages/mixed.md", mixed.as_bytes()),
        ("groups/lists.yaml", field.as_bytes()),
    ]);
    let check = check_json(&content, &[]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    let tmp = tempfile::TempDir::new().unwrap();
    let build = run(&[
        "build",
        "--content",
        arg(&content),
        "--out",
        arg(&tmp.path().join("out")),
        "--format",
        "json",
    ]);
    assert_eq!(code(&build), 1, "{}", stderr(&build));
    for o in [&check, &build] {
        let diags = parse_diags(&stdout(o));
        // Paths are shown from the current directory: the content folder's, then the file.
        let prefix = format!("{}/", content.display());
        let mut places: Vec<(&str, &str, u64)> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.file.strip_prefix(prefix.as_str()).unwrap_or(&d.file), d.line))
            .collect();
        places.sort();
        assert_eq!(
            places,
            [
                ("too-large", "groups/deep.yaml", 2),
                ("too-large", "groups/lists.yaml", 2),
                ("too-large", "pages/deep.md", 6),
                ("too-large", "pages/lists.md", 6),
                ("too-large", "pages/mixed.md", 4),
                ("too-large", "pages/plain-quotes.md", 4),
                ("too-large", "pages/quotes.md", 4),
                ("too-large", "pages/unclosed.md", 4),
            ],
            "{diags:?}"
        );
        assert!(diags.iter().all(|d| d.message.contains("more than 128 elements deep")), "{diags:?}");
    }
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let (_tmp, content) = site_with(&[]);
    let f = fs::File::create(content.join("pages/huge.md")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB on paper
    let codes = codes_of(&content);
    assert_eq!(codes, [("too-large".to_string(), "pages/huge.md".to_string(), 1)]);
}

#[test]
fn bom_and_crlf_files_simply_work() {
    let group = "\u{feff}name: {en: Health}\r\nmandate: {en: Health matters.}\r\nactivities:\r\n  - {id: surveillance, title: {en: Surveillance}}\r\n";
    let page = "\u{feff}---\r\ntitle: {en: About}\r\n---\r\n# About\r\n\r\nText with a [link](../groups/health.yaml).\r\n";
    let (_tmp, content) =
        site_with(&[("groups/health.yaml", group.as_bytes()), ("pages/about.md", page.as_bytes())]);
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let (_t, out) = built(&content);
    assert!(read(&out.join("pages/about/index.html")).contains("href=\"../../groups/health/index.html\""));
}

#[test]
fn a_crlf_error_points_at_the_right_line_and_column() {
    let group = "name: {en: Health}\r\nmandate: {en: x}\r\nmandat: y\r\n";
    let (_tmp, content) = site_with(&[("groups/health.yaml", group.as_bytes())]);
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert_eq!((diags[0].code.as_str(), diags[0].line, diags[0].column), ("unknown-key", 3, 1));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_content_folder_and_loops_are_refused() {
    let (_tmp, content) = site_with(&[]);
    std::os::unix::fs::symlink("/etc/passwd", content.join("pages/passwd.md")).unwrap();
    std::os::unix::fs::symlink("loop-b", content.join("assets/loop-a")).unwrap();
    std::os::unix::fs::symlink("loop-a", content.join("assets/loop-b")).unwrap();
    let codes = codes_of(&content);
    for f in ["pages/passwd.md", "assets/loop-a", "assets/loop-b"] {
        assert!(codes.iter().any(|(c, file, _)| c == "symlink-refused" && file == f), "{f}: {codes:?}");
    }
}

#[test]
fn asset_paths_that_leave_the_content_folder_are_refused() {
    let page = "---\ntitle: {en: P}\n---\n![x](../../../etc/passwd)\n[y](/etc/passwd)\n";
    let (_tmp, content) = site_with(&[("pages/p.md", page.as_bytes())]);
    let codes = codes_of(&content);
    assert_eq!(codes.iter().filter(|(c, _, _)| c == "unsafe-path").count(), 2, "{codes:?}");
}

#[test]
fn scripts_in_markdown_and_yaml_never_reach_the_page() {
    let group = "name: {en: \"<script>alert(1)</script>Health\"}\nmandate: {en: \"<img src=x onerror=alert(1)> **bold** <a href='javascript:alert(1)'>x</a>\"}\n";
    let page = "---\ntitle: {en: \"<b onmouseover=alert(1)>About</b>\"}\n---\n<script>alert(1)</script>\n\n<iframe src=\"https://example.org\"></iframe>\n\n[x](javascript:alert(1)) <a href=\"#\" onclick=\"alert(1)\">y</a>\n";
    let (_tmp, content) =
        site_with(&[("groups/health.yaml", group.as_bytes()), ("pages/about.md", page.as_bytes())]);
    let (_t, out) = built(&content);
    let pages = html_pages(&out);
    assert!(pages.iter().any(|p| p == "pages/about/index.html"), "the page is built: {pages:?}");
    let mut tags = 0;
    for page in pages {
        let html = read(&out.join(&page)).to_lowercase();
        // Look inside tags only: escaped text may mention anything.
        for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
            tags += 1;
            // The theme's own search script, from its file, is the one script.
            let search = tag.starts_with("script defer src=\"") && tag.ends_with("static/search.js\"");
            assert!(!tag.starts_with("script") || search, "{page} has a script: <{tag}>");
            assert!(!tag.starts_with("iframe"), "{page} has an iframe");
            assert!(!tag.contains("javascript:"), "{page} has a javascript: link: <{tag}>");
            for handler in [" onerror=", " onclick=", " onmouseover="] {
                assert!(!tag.contains(handler), "{page} has {handler} in <{tag}>");
            }
        }
    }
    assert!(tags > 500, "every tag of every page was looked at: {tags}");
    let group = read(&out.join("groups/health/index.html"));
    assert!(group.contains("&lt;script&gt;alert(1)&lt;/script&gt;Health"), "text is escaped, not dropped");
    let about = read(&out.join("pages/about/index.html"));
    assert!(about.contains("About"), "the page's own text is kept");
}

/// The bytes of every file under `dir`.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir).into_iter().map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap())).collect()
}

fn no_leftovers(parent: &Path) {
    let names: Vec<String> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".new-") || n.contains(".old-")), "leftovers: {names:?}");
}

#[test]
fn a_failing_write_leaves_the_previous_output_intact() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    assert_eq!(code(&build_ok(&example_content(), &out)), 0);
    let before = snapshot(&out);
    let o = briefing()
        .args(["build", "--content", arg(&example_content()), "--out", arg(&out)])
        .env("BRIEFING_FAIL_WRITE_AFTER", "5")
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("injected write failure"), "{}", stderr(&o));
    assert_eq!(snapshot(&out), before, "the previous output changed");
    no_leftovers(tmp.path());
}

/// A content folder large enough that writing takes a noticeable time.
fn big_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, content) = temp_copy(&fixture_content("minimal"));
    fs::create_dir_all(content.join("pages")).unwrap();
    let para = "The committee reviewed progress and agreed next steps. ".repeat(40);
    for i in 0..600 {
        let body =
            format!("---\ntitle: {{en: Page {i}}}\n---\n## Part one\n\n{para}\n\n## Part two\n\n{para}\n");
        fs::write(content.join(format!("pages/page-{i:04}.md")), body).unwrap();
    }
    (tmp, content)
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_the_previous_output_intact() {
    let (_c, content) = big_site();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    assert_eq!(code(&build_ok(&fixture_content("minimal"), &out)), 0);
    let before = snapshot(&out);
    let mut killed_mid_write = false;
    for _ in 0..5 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["build", "--content", arg(&content), "--out", arg(&out)])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let staging = loop {
            let found = fs::read_dir(tmp.path())
                .unwrap()
                .filter_map(Result::ok)
                .find(|e| e.file_name().to_string_lossy().contains(".new-"));
            if found.is_some() || start.elapsed() > Duration::from_secs(60) {
                break found;
            }
            if child.try_wait().unwrap().is_some() {
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        std::process::Command::new("kill").args(["-KILL", &child.id().to_string()]).status().unwrap();
        let _ = child.wait();
        if staging.is_some() && snapshot(&out) == before {
            killed_mid_write = true;
            break;
        }
        // The build finished before it could be killed: start again from the old output.
        assert_eq!(code(&build_ok(&fixture_content("minimal"), &out)), 0);
    }
    assert!(killed_mid_write, "never caught the build while it was writing");
    assert_eq!(snapshot(&out), before, "the previous output changed");
    // The next build tidies the half-written folder away.
    assert_eq!(code(&build_ok(&fixture_content("minimal"), &out)), 0);
    no_leftovers(tmp.path());
}

#[test]
#[ignore = "needs Chromium on PATH (installed by .ci/run)"]
fn no_injected_script_runs_in_a_browser() {
    let browser = briefing::pdf::find_browser(None)
        .expect("no Chromium on PATH: apt-get install chromium (this test needs it to run a page)");
    // Each payload, if it ran, would set an attribute that no text can fake.
    let run = "document.documentElement.setAttribute('data-pwned','yes')";
    let page = format!(
        "---\ntitle: {{en: About}}\n---\n<script>{run}</script>\n\n<img src=x onerror=\"{run}\">\n\n<svg onload=\"{run}\"></svg>\n\n[click](javascript:{run})\n\n<a href=\"#\" onmouseover=\"{run}\">x</a>\n"
    );
    let group = format!(
        "name: {{en: \"<script>{run}</script>Health\"}}\nmandate: {{en: \"<img src=x onerror=\\\"{run}\\\">\"}}\n"
    );
    let (_tmp, content) =
        site_with(&[("pages/about.md", page.as_bytes()), ("groups/health.yaml", group.as_bytes())]);
    let (_t, out) = built(&content);
    for page in ["pages/about/index.html", "groups/health/index.html", "index.html", "print/index.html"] {
        let profile = tempfile::TempDir::new().unwrap();
        let o = std::process::Command::new(&browser)
            .args(briefing::pdf::HEADLESS_ARGS)
            .args(["--virtual-time-budget=2000", "--dump-dom"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("file://{}", out.join(page).display()))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&o.stdout);
        assert!(
            dom.contains("</html>"),
            "{page}: Chromium rendered nothing: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!dom.contains("data-pwned=\"yes\""), "{page}: an injected script ran");
    }
}

#[test]
fn a_broken_group_file_reports_itself_once_without_cascading() {
    let group = "name: {en: Health}\nmandate: {en: x}\nactivities:\n  - id: a\n    title: {en: A}\n    title: {en: B}\n";
    let update = "activities:\n  a: {status: done}\n";
    let meeting = "---\ntitle: {en: M}\ndate: 2021-05-26\ndecisions:\n  - {group: health, text: {en: Endorsed.}}\n---\nRecord.\n";
    let (_tmp, content) = site_with(&[
        ("groups/health.yaml", group.as_bytes()),
        ("updates/2021-05-26/health.yaml", update.as_bytes()),
        ("meetings/2021-05-26.md", meeting.as_bytes()),
    ]);
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].file.as_str(), diags[0].line), ("groups/health.yaml", 6));
    assert!(diags[0].message.contains("`title` appears twice"), "{}", diags[0].message);
    assert!(!diags[0].message.contains("DuplicateKeyPolicy"), "no library internals in messages");
}

/// What a file of each kind holds in [`file_names_of_any_characters_never_panic`].
const NAMED: &[(&str, &str, &str)] = &[
    ("meetings/", ".md", "---\ntitle: {en: M}\ndate: 2021-05-26\n---\nRecord.\n"),
    ("meetings/", ".fr.md", "---\ntitle: {fr: M}\ndate: 2021-05-26\n---\nCompte rendu.\n"),
    ("pages/", ".md", "---\ntitle: {en: P}\n---\nText.\n"),
    ("groups/", ".yaml", "name: {en: G}\nmandate: {en: M}\n"),
    ("updates/2021-05-26/", ".yaml", "summary: {en: S}\n"),
    ("updates/", "/border-security.yaml", "summary: {en: S}\n"),
    ("assets/", ".png", "not really a picture"),
    ("assets/", "", "<p>x</p>"),
];

/// A file name made of any characters (not `/` or `\`), often starting like a date.
fn any_name() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let start = prop::sample::select(vec![
        "",
        "2021-05-26",
        "2021-05-2",
        "2021-05-26-",
        "\u{ff12}\u{ff10}\u{ff12}\u{ff11}-05-26",
        "2021\u{2013}05\u{2013}26",
        "r\u{e9}union",
    ]);
    // Backslashes are left to the portable-name checks.
    (start, "[^/\\\\\u{0}]{0,12}")
        .prop_map(|(s, rest)| format!("{s}{rest}"))
        .prop_filter("a name the file system takes", |n| {
            !n.is_empty() && n != "." && n != ".." && n.len() < 200
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    /// Meeting, page, group, update and asset files (and update folders)
    /// named with any characters: `check` never panics, a name the content
    /// model cannot read gets its diagnostic, and what `check` passes
    /// renders.
    #[test]
    fn file_names_of_any_characters_never_panic(name in any_name(), which in 0..NAMED.len()) {
        let (folder, ext, text) = NAMED[which];
        let rel = format!("{folder}{name}{ext}");
        let (_tmp, content) = temp_copy(&fixture_content("reference"));
        let path = content.join(&rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        let opts = briefing::site::Options::new(content.clone(), content.parent().unwrap().join("output"));
        let checked = briefing::site::check(&opts);
        let skipped = name.starts_with(['.', '#']) || name.ends_with('~') || rel.ends_with(".swp");
        let model_name = matches!(folder, "meetings/" | "pages/" | "groups/") || folder == "updates/";
        if !name.is_ascii() && model_name && !skipped {
            let file = if folder == "updates/" { format!("updates/{name}") } else { rel.clone() };
            let codes: Vec<_> = checked.report.diags.iter().map(|d| (d.code, d.file.as_str())).collect();
            proptest::prop_assert!(
                checked.failed
                    && checked.report.diags.iter().any(|d| matches!(d.code, "bad-file-name" | "bad-update-folder")
                        && (d.file == rel || d.file == file)),
                "{rel}: {codes:?}"
            );
        }
        if !checked.failed {
            let (rendered, files) = briefing::site::render(&opts);
            proptest::prop_assert!(files.is_some() && !rendered.failed(), "{rel}: check passed, render failed: {:?}", rendered.report.diags);
        }
    }
}

#[test]
fn assets_that_would_run_a_script_are_refused_and_plain_ones_published() {
    let svg = |inner: &str| format!("<svg xmlns=\"http://www.w3.org/2000/svg\">\n{inner}\n</svg>\n");
    let refused: Vec<(&str, Vec<u8>, u64)> = vec![
        ("assets/a.svg", svg("<script>alert(1)</script>").into_bytes(), 2),
        ("assets/b.SVG", svg("<rect onload=\"alert(1)\"/>").into_bytes(), 2),
        ("assets/c.svg", svg("<a xlink:href=\"java&#x73;cript:alert(1)\"><text>x</text></a>").into_bytes(), 2),
        ("assets/d.svg", svg("<foreignObject><p>x</p></foreignObject>").into_bytes(), 2),
        ("assets/e.svg", format!("<!DOCTYPE svg [<!ENTITY s \"x\">]>\n{}", svg("&s;")).into_bytes(), 1),
        ("assets/f.svg", svg("<set attributeName=\"onclick\" to=\"alert(1)\"/>").into_bytes(), 2),
        ("assets/notes.HTML", "<p>notes</p>".into(), 1),
        ("assets/sub/page.xhtml", "<p/>".into(), 1),
        ("assets/data.xml", "<data/>".into(), 1),
        ("assets/app.js", "alert(1)".into(), 1),
        ("assets/map.svgz", "\u{1f}\u{8b}".into(), 1),
        // Saved as UTF-16, the script would run where a UTF-8 reading sees none.
        ("assets/g.svg", [0xFF, 0xFE].into_iter().chain(svg("<script>alert(1)</script>").encode_utf16().flat_map(u16::to_le_bytes)).collect(), 1),
        ("assets/h.svg", format!("<?xml version=\"1.0\" encoding=\"UTF-7\"?>{}", svg("+ADw-script+AD4-")).into_bytes(), 1),
        ("assets/i.svg", svg("<h:META xmlns:h=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\" content=\"0;url=https://example.net/\"/>").into_bytes(), 2),
    ];
    let plain = svg("<title>on the map: javascript: is just a word</title><rect width=\"1\" height=\"1\"/>");
    let mut files: Vec<(&str, &[u8])> = refused.iter().map(|(p, t, _)| (*p, t.as_slice())).collect();
    files.push(("assets/plain.svg", plain.as_bytes()));
    files.push(("assets/report.pdf", b"%PDF-1.4"));
    let (tmp, content) = site_with(&files);
    // Sparse: 9 MiB on paper, more than an SVG image may be to be checked.
    fs::File::create(content.join("assets/huge.svg")).unwrap().set_len(9 * 1024 * 1024).unwrap();
    let codes = codes_of(&content);
    assert!(codes.contains(&("unsafe-asset".into(), "assets/huge.svg".into(), 1)), "{codes:?}");
    fs::remove_file(content.join("assets/huge.svg")).unwrap();
    let codes = codes_of(&content);
    for (path, _, line) in &refused {
        assert!(
            codes.iter().any(|(c, f, l)| c == "unsafe-asset" && f == path && l == line),
            "{path} not refused at line {line}: {codes:?}"
        );
    }
    assert_eq!(codes.len(), refused.len(), "nothing else is refused: {codes:?}");
    let out = tmp.path().join("output");
    let o = briefing().args(["build", "--content", arg(&content), "--out", arg(&out)]).output().unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(!out.exists(), "a refused asset is never published");

    for (path, _, _) in &refused {
        fs::remove_file(content.join(path)).unwrap();
    }
    let (_t, out) = built(&content);
    assert_eq!(read(&out.join("assets/plain.svg")), plain);
    assert!(out.join("assets/report.pdf").is_file());
}

/// A YAML double-quoted string holding `s` (JSON's quoting is YAML's too).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Texts of any characters in every place they are shown (chart titles
    /// and labels cut to fit, headings made into ids, the book, the
    /// navigation): `check` and the render never panic, and what `check`
    /// passes renders.
    #[test]
    fn texts_of_any_characters_render_without_a_panic(
        texts in proptest::collection::vec("[\\PC\u{200d}\u{301}\u{fe0f}]{1,40}", 8),
        heading in "[\\PC]{1,30}",
    ) {
        let [name, activity, metric, unit, summary, risk, meeting, page] =
            <[String; 8]>::try_from(texts).unwrap();
        let group = format!(
            "name: {{en: {}}}\nmandate: {{en: {}}}\nactivities:\n  - {{id: a, title: {{en: {}}}}}\nmetrics:\n  - {{id: m, title: {{en: {}}}, unit: {}, chart: bar}}\n",
            quoted(&name), quoted(&summary), quoted(&activity), quoted(&metric), quoted(&unit)
        );
        let update = format!(
            "summary: {{en: {}}}\nactivities:\n  a: {{status: in-progress, progress: 40, note: {{en: {}}}}}\nmetrics:\n  m:\n    - {{period: 2021-05, CA: 3}}\nrisks:\n  - {{title: {{en: {}}}, level: high, mitigation: {{en: {}}}}}\n",
            quoted(&summary), quoted(&risk), quoted(&risk), quoted(&summary)
        );
        let meeting_md = format!(
            "---\ntitle: {{en: {}}}\ndate: 2021-05-26\nactions:\n  - {{id: A-1, owner: {}, group: g, due: 2021-09-30, status: open, text: {{en: {}}}}}\n---\n# {heading}\n\n{summary}\n",
            quoted(&meeting), quoted(&name), quoted(&activity)
        );
        let page_md = format!("---\ntitle: {{en: {}}}\n---\n## {heading}\n\n## {heading}\n\nText.\n", quoted(&page));
        let (_tmp, content) = site_with(&[
            ("groups/g.yaml", group.as_bytes()),
            ("updates/2021-05-26/g.yaml", update.as_bytes()),
            ("meetings/2021-05-26.md", meeting_md.as_bytes()),
            ("pages/p.md", page_md.as_bytes()),
        ]);
        let opts = briefing::site::Options::new(content.clone(), content.parent().unwrap().join("output"));
        let checked = briefing::site::check(&opts);
        if !checked.failed {
            let (rendered, files) = briefing::site::render(&opts);
            proptest::prop_assert!(!rendered.failed(), "check passed, render failed: {:?}", rendered.report.diags);
            let (files, _) = files.unwrap();
            let page = files.iter().find(|f| f.path == "meetings/2021-05-26/index.html");
            proptest::prop_assert!(page.is_some_and(|p| !p.bytes.is_empty()), "the meeting's page is rendered");
        }
    }
}

/// `check` then `build` (with PNG charts, the longest names) of `content`:
/// whether each failed, and the build's diagnostics and stderr.
fn check_and_build(content: &Path, out: &Path) -> (bool, bool, Vec<Diag>, String) {
    let check = check_json(content, &[]);
    let build =
        run(&["build", "--content", arg(content), "--out", arg(out), "--chart-png", "--format", "json"]);
    (code(&check) != 0, code(&build) != 0, parse_diags(&stdout(&build)), stderr(&build))
}

/// Files to write into a site: each path (as bytes, not always UTF-8) and text.
type Files = Vec<(Vec<u8>, String)>;

#[test]
fn check_fails_exactly_when_build_would_fail_on_a_name() {
    use std::os::unix::ffi::OsStrExt;
    let id = |n: usize| "a".repeat(n);
    let group = |metric: &str| {
        format!(
            "name: {{en: G}}\nmandate: {{en: M}}\nactivities:\n  - {{id: x, title: {{en: X}}}}\nmetrics:\n  - {{id: {metric}, title: {{en: T}}}}\n"
        )
    };
    let update = |metric: &str| {
        format!(
            "summary: {{en: S}}\nactivities:\n  x: {{status: planned}}\nmetrics:\n  {metric}:\n    - {{period: 2021-03, CA: 1}}\n"
        )
    };
    let page = "---\ntitle: {en: P}\n---\nText.\n";
    let meeting = "---\ntitle: {en: M}\ndate: 2021-05-26\n---\nText.\n";
    // (what, files as (path bytes, contents), whether the name is refused)
    let cases: Vec<(&str, Files, bool)> = vec![
        ("a backslash in an asset", vec![(b"assets/a\\b.png".to_vec(), "x".into())], true),
        ("an asset name not UTF-8", vec![(b"assets/a\xff.png".to_vec(), "x".into())], true),
        ("a folder name not UTF-8", vec![(b"assets/d\xe9/a.png".to_vec(), "x".into())], true),
        ("a tab in an asset", vec![(b"assets/a\tb.png".to_vec(), "x".into())], true),
        ("a line break in an asset", vec![(b"assets/a\nb.png".to_vec(), "x".into())], true),
        ("a device name", vec![(b"assets/nul.png".to_vec(), "x".into())], true),
        ("accents and spaces", vec![(b"assets/\xc3\xa9t\xc3\xa9 2021.png".to_vec(), "x".into())], false),
        ("a 255-byte asset name", vec![(format!("assets/{}.png", id(251)).into_bytes(), "x".into())], false),
        (
            "a 246-character group id",
            vec![(format!("groups/{}.yaml", id(246)).into_bytes(), group("m"))],
            true,
        ),
        (
            "a 101-character group id",
            vec![(format!("groups/{}.yaml", id(101)).into_bytes(), group("m"))],
            true,
        ),
        (
            "a 100-character group and metric id",
            vec![
                (format!("groups/{}.yaml", id(100)).into_bytes(), group(&id(100))),
                (format!("updates/2021-05-26/{}.yaml", id(100)).into_bytes(), update(&id(100))),
            ],
            false,
        ),
        (
            "a 10,000-character metric id",
            vec![
                (b"groups/g.yaml".to_vec(), group(&id(10_000))),
                (b"updates/2021-05-26/g.yaml".to_vec(), update(&id(10_000))),
            ],
            true,
        ),
        (
            "a 101-character page slug",
            vec![(format!("pages/{}.md", id(101)).into_bytes(), page.into())],
            true,
        ),
        (
            "a 100-character page slug",
            vec![(format!("pages/{}.md", id(100)).into_bytes(), page.into())],
            false,
        ),
        (
            "a 200-character meeting slug",
            vec![(format!("meetings/2021-05-26-{}.md", id(200)).into_bytes(), meeting.into())],
            true,
        ),
    ];
    for (what, files, refused) in cases {
        let (tmp, content) = temp_copy(&fixture_content("minimal"));
        for (path, text) in &files {
            let p = content.join(std::ffi::OsStr::from_bytes(path));
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, text).unwrap();
        }
        let (check_failed, build_failed, diags, err) = check_and_build(&content, &tmp.path().join("out"));
        assert_eq!(check_failed, refused, "{what}: check failed {check_failed}: {diags:?}\n{err}");
        assert_eq!(build_failed, check_failed, "{what}: build failed {build_failed}:\n{err}");
        if build_failed {
            assert!(
                diags
                    .iter()
                    .any(|d| d.severity == "error"
                        && matches!(d.code.as_str(), "bad-file-name" | "invalid-id")),
                "{what}: {diags:?}"
            );
            assert!(!err.contains("error: "), "{what}: a bare error beside the diagnostics:\n{err}");
        } else {
            assert!(tmp.path().join("out/index.html").is_file(), "{what}: built");
        }
    }
}

#[test]
fn nested_list_markers_take_build_time_linear_in_their_number() {
    // A line of `- - - … x`, no raw HTML: 4 times the markers take about 4
    // times as long (here: refused at once), never 16 as the search index
    // took to read them.
    let time = |n: usize| {
        let page = format!("---\ntitle: {{en: Lists}}\n---\n{}x\n", "- ".repeat(n));
        let (tmp, content) = site_with(&[("pages/lists.md", page.as_bytes())]);
        let out = tmp.path().join("out");
        let runs = (0..2).map(|_| {
            let start = std::time::Instant::now();
            let o = run(&["build", "--content", arg(&content), "--out", arg(&out), "--format", "json"]);
            let took = start.elapsed();
            let diags = parse_diags(&stdout(&o));
            assert!(diags.iter().any(|d| d.code == "too-large"), "{n}: {diags:?}");
            took
        });
        runs.min().unwrap()
    };
    let (t1, t4) = (time(12_500), time(50_000));
    assert!(t4 < t1 * 12, "12,500 markers: {t1:?}; 50,000: {t4:?}");
}
