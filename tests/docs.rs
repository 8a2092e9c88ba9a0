//! The documentation as GitHub renders it: every relative link and anchor
//! in README.md, CHANGELOG.md and docs/*.md leads somewhere, and the codes
//! table of docs/diagnostics.md lists every diagnostic code, and no other.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use common::*;

/// The Markdown files checked, relative to the repository.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![PathBuf::from("README.md"), PathBuf::from("CHANGELOG.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.strip_prefix(repo()).unwrap().to_path_buf())
        .collect();
    pages.sort();
    docs.extend(pages);
    docs
}

/// The text of a Markdown document with its fenced code blocks and code
/// spans blanked (links there are examples, not links).
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match fence {
            Some(f) if trimmed.starts_with(f) => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                fence = Some(&trimmed[..3]);
            }
            None => {
                // Code spans: text between backticks.
                let mut in_code = false;
                for c in line.chars() {
                    if c == '`' {
                        in_code = !in_code;
                    } else if !in_code {
                        out.push(c);
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped but
/// `-` and `_`, spaces to `-`.
fn slug(heading: &str) -> String {
    let mut s = String::new();
    for c in heading.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            s.extend(c.to_lowercase());
        } else if c == ' ' {
            s.push('-');
        }
    }
    s
}

/// Every anchor of a document's headings, duplicates numbered `-1`, `-2`.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = BTreeSet::new();
    let mut fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let Some(rest) = line.strip_prefix('#') else { continue };
        let heading = rest.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let base = slug(heading);
        let n = seen.entry(base.clone()).or_insert(0);
        out.insert(if *n == 0 { base.clone() } else { format!("{base}-{n}") });
        *n += 1;
    }
    out
}

/// The targets of inline links and images, `[text](target)`.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or("").to_string();
        out.push(target);
        rest = &after[end..];
    }
    out
}

/// A relative link's problem, if it leads nowhere.
fn problem(from: &Path, target: &str) -> Option<String> {
    if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let file =
        if path.is_empty() { from.to_path_buf() } else { from.parent().unwrap_or(Path::new("")).join(path) };
    let full = repo().join(&file);
    if !full.exists() {
        return Some(format!("`{}` does not exist", file.display()));
    }
    let fragment = fragment?;
    if full.extension().is_none_or(|e| e != "md") {
        return Some(format!("an anchor into `{}`, which is not Markdown", file.display()));
    }
    let known = anchors(&std::fs::read_to_string(&full).unwrap());
    (!known.contains(fragment)).then(|| format!("`{}` has no heading `#{fragment}`", file.display()))
}

#[test]
fn every_relative_link_and_anchor_in_the_documentation_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text =
            std::fs::read_to_string(repo().join(&doc)).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        for target in links(&prose(&text)) {
            checked += 1;
            if let Some(why) = problem(&doc, &target) {
                broken.push(format!("{}: ({target}): {why}", doc.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked > 50, "only {checked} links found");
}

#[test]
fn the_readme_is_short_and_starts_with_this_repository_s_commands() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.lines().count() <= 160, "README.md has {} lines", readme.lines().count());
    let first_code = readme.split("```sh\n").nth(1).expect("a shell block");
    assert!(first_code.starts_with("cargo run --release -- build"), "{first_code}");
    assert!(first_code.lines().nth(1).is_some_and(|l| l.starts_with("cargo test")), "{first_code}");
    for image in ["docs/images/dashboard.png", "docs/images/book-page.png"] {
        assert!(readme.contains(image), "the README shows {image}");
        let size = std::fs::metadata(repo().join(image)).expect(image).len();
        assert!(size < 200 * 1024, "{image} is {size} bytes");
    }
}

#[test]
fn the_codes_table_lists_every_diagnostic_code_and_no_other() {
    let page = std::fs::read_to_string(repo().join("docs/diagnostics.md")).unwrap();
    let mut rows = BTreeSet::new();
    for line in page.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() > 3 && cells[1].starts_with('`') && (cells[2] == "error" || cells[2] == "warning") {
            rows.insert((cells[1].trim_matches('`').to_string(), cells[2].to_string()));
        }
    }
    let codes: BTreeSet<(String, String)> = briefing::diag::codes::ALL
        .iter()
        .map(|(code, severity, _)| (code.to_string(), severity.to_string()))
        .collect();
    assert_eq!(rows, codes, "docs/diagnostics.md's table and src/diag/codes.rs differ");
}

#[test]
fn github_anchors_are_made_as_github_makes_them() {
    assert_eq!(slug("A committee's repository"), "a-committees-repository");
    assert_eq!(slug("`meetings/<YYYY-MM-DD>[-<slug>].md`"), "meetingsyyyy-mm-dd-slugmd");
    assert_eq!(slug("`data/` (spreadsheets)"), "data-spreadsheets");
    assert_eq!(slug("Content model (version 1)"), "content-model-version-1");
    let a = anchors("# Speed\n## Runs\n## Runs\n```\n# not a heading\n```\n");
    assert_eq!(a, ["runs", "runs-1", "speed"].into_iter().map(String::from).collect());
}
