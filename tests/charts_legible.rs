//! Chart text is legible on a phone: every page of the example committee and
//! of the reference site, in both languages (the book's page included), opened
//! in headless Chromium at 390 CSS pixels wide (and at 1280), has no chart
//! text rendered under 11 CSS pixels: for inline SVG, its font size times its
//! screen transformation's scale; for an SVG shown through `<img>`, its font
//! size times the rendered width over the viewBox width
//! (`scripts/audit/chart-text.mjs`).
//!
//! Needs Node, Chromium and `playwright-core` (`BRIEFING_AUDIT_NODE_MODULES`,
//! `BRIEFING_CHROMIUM`), as the accessibility audit does; `.ci/run` installs
//! them and runs these ignored tests, where a missing tool fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// The smallest chart text a reader should meet, in CSS pixels.
const MIN_PX: &str = "11";

fn unavailable() -> Option<String> {
    let install = "npm install --prefix /tmp/briefing-audit --no-audit --no-fund playwright-core@1 \
                   && export BRIEFING_AUDIT_NODE_MODULES=/tmp/briefing-audit/node_modules";
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
    };
    if !on_path("node") {
        return Some(format!("node is not on PATH; install Node.js, then {install}"));
    }
    let Some(modules) = std::env::var_os("BRIEFING_AUDIT_NODE_MODULES") else {
        return Some(format!("BRIEFING_AUDIT_NODE_MODULES is not set; run {install}"));
    };
    if !PathBuf::from(modules).join("playwright-core/package.json").is_file() {
        return Some(format!("BRIEFING_AUDIT_NODE_MODULES has no playwright-core; run {install}"));
    }
    let chromium = std::env::var("BRIEFING_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return Some(format!("no Chromium at {chromium} (set BRIEFING_CHROMIUM); apt-get install chromium"));
    }
    None
}

fn require(test: &str) {
    if let Some(reason) = unavailable() {
        panic!("{test} cannot run: {reason}");
    }
}

fn audit(width: u32, dirs: &[&Path]) -> std::process::Output {
    Command::new("node")
        .arg(repo().join("scripts/audit/chart-text.mjs"))
        .arg(width.to_string())
        .arg(MIN_PX)
        .args(dirs)
        .output()
        .expect("node runs")
}

/// The summary line the script prints.
fn summary(o: &std::process::Output) -> serde_json::Value {
    let out = stdout(o);
    serde_json::from_str(out.trim())
        .unwrap_or_else(|e| panic!("the summary is JSON ({e}):\n{out}\n{}", stderr(o)))
}

#[test]
#[ignore = "needs node, Chromium and playwright-core (installed by .ci/run)"]
fn chart_text_renders_at_11_css_px_or_more_at_390_and_1280() {
    require("chart_text_renders_at_11_css_px_or_more_at_390_and_1280");
    let tmp = tempfile::TempDir::new().unwrap();
    let example = tmp.path().join("example");
    let reference = tmp.path().join("reference");
    build_ok(&example_content(), &example);
    build_ok(&fixture_content("reference"), &reference);
    let dirs = [example.as_path(), reference.as_path()];
    let pages: usize = dirs.iter().map(|d| html_pages(d).len()).sum();
    // Both languages of the example, its book page included.
    assert!(example.join("fr/index.html").is_file() && example.join("print/index.html").is_file());
    for width in [390, 1280] {
        let o = audit(width, &dirs);
        let s = summary(&o);
        assert_eq!(
            o.status.code(),
            Some(0),
            "chart text under {MIN_PX} px at {width} px:\n{}{}",
            stderr(&o),
            stdout(&o)
        );
        assert_eq!(s["pages"].as_u64(), Some(pages as u64), "every page is measured at {width}: {s}");
        // The dashboard's and every group's charts, in both languages.
        assert!(s["charts"].as_u64().unwrap_or(0) >= 20, "charts were measured at {width}: {s}");
        assert!(s["texts"].as_u64().unwrap_or(0) >= 400, "texts were measured at {width}: {s}");
        assert!(s["smallest"].as_f64().unwrap_or(0.0) >= 11.0, "{s}");
        assert_eq!(s["tooSmall"].as_u64(), Some(0), "{s}");
        eprintln!("{width} px: {s}");
    }
}

#[test]
#[ignore = "needs node, Chromium and playwright-core (installed by .ci/run)"]
fn chart_text_audit_fails_on_a_chart_shrunk_to_a_phone() {
    require("chart_text_audit_fails_on_a_chart_shrunk_to_a_phone");
    // A 720-wide drawing squeezed into 300 px, inline and as an image: its
    // 14 px labels render at 5.8 px.
    let tmp = tempfile::TempDir::new().unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"720\" height=\"100\" \
               viewBox=\"0 0 720 100\" role=\"img\" aria-label=\"c\"><text x=\"10\" y=\"50\" \
               font-size=\"14\">Canada</text></svg>";
    std::fs::write(tmp.path().join("c.svg"), svg).unwrap();
    std::fs::write(
        tmp.path().join("index.html"),
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title>\
             <style>svg, img {{ width: 300px; height: auto; display: block; }}</style></head>\
             <body>{svg}<img src=\"c.svg\" alt=\"c\"></body></html>"
        ),
    )
    .unwrap();
    let o = audit(390, &[tmp.path()]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let s = summary(&o);
    assert_eq!(s["charts"].as_u64(), Some(2), "the inline chart and the image: {s}");
    assert_eq!(s["tooSmall"].as_u64(), Some(2), "{s}");
    let smallest = s["smallest"].as_f64().unwrap_or(0.0);
    assert!((5.6..6.0).contains(&smallest), "14 × 300 / 720 ≈ 5.8: {s}");
    assert!(stderr(&o).contains("\"Canada\" renders at 5.8 px"), "{}", stderr(&o));
}
