//! The site's search, as a member uses it: the example committee built,
//! served over a loopback HTTP server (started by `scripts/audit/search.mjs`)
//! and searched in headless Chromium at a phone's width, in English and in
//! French: a decision's words, an action's id, an owner, a stemmed form, a
//! filter, the header's box; then opened from `file://`, where the box and
//! the search page say that search needs the site served. The search page
//! with its results passes axe with no violation.
//!
//! Needs Node, Chromium and `playwright-core` and `axe-core`
//! (`BRIEFING_AUDIT_NODE_MODULES`, as `tests/audit.rs`): `#[ignore]`d, run
//! by `.ci/run`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::{Value, json};

fn unavailable() -> Option<String> {
    let on_path = |p: &str| {
        std::env::var_os("PATH").is_some_and(|ps| std::env::split_paths(&ps).any(|d| d.join(p).is_file()))
    };
    if !on_path("node") {
        return Some("node is not on PATH".into());
    }
    let modules = PathBuf::from(std::env::var_os("BRIEFING_AUDIT_NODE_MODULES")?);
    for package in ["axe-core/axe.min.js", "playwright-core/package.json"] {
        if !modules.join(package).is_file() {
            return Some(format!("{} has no {package}", modules.display()));
        }
    }
    let chromium = std::env::var("BRIEFING_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    (!Path::new(&chromium).is_file()).then(|| format!("no Chromium at {chromium} (set BRIEFING_CHROMIUM)"))
}

/// What each query's first result must be: `(page, query, via, open only,
/// what the first result's address starts with (empty: nothing is found),
/// a piece of its excerpt)`.
const CASES: &[(&str, &str, &str, bool, &str, &str)] = &[
    // A decision's words.
    (
        "search/index.html",
        "sustained cooperation",
        "page",
        false,
        "meetings/2021-02-23-roadmap/index.html#_decision-1",
        "<mark>sustained</mark> <mark>cooperation</mark>",
    ),
    // An action's id, and its owner.
    (
        "search/index.html",
        "A-2021-05-04",
        "page",
        false,
        "meetings/2021-05-26/index.html#_action-A-2021-05-04",
        "",
    ),
    (
        "search/index.html",
        "PHAC",
        "page",
        false,
        "meetings/2021-05-26/index.html#_action-A-2021-05-04",
        "<mark>PHAC",
    ),
    // A stemmed form: "endorsing" finds "endorsed" (and "endorsement": see
    // below for "endorsed" among the results).
    ("search/index.html", "endorsing", "page", false, "meetings/", "<mark>endorse"),
    // The header's box, on a phone, takes the query (an action's id) to the
    // search page.
    (
        "index.html",
        "A-2021-05-01",
        "header",
        false,
        "meetings/2021-05-26/index.html#_action-A-2021-05-01",
        "",
    ),
    // The same in French.
    (
        "fr/search/index.html",
        "coopération soutenue",
        "page",
        false,
        "fr/meetings/2021-02-23-roadmap/index.html#_decision-1",
        "<mark>coopération</mark> <mark>soutenue</mark>",
    ),
    (
        "fr/search/index.html",
        "A-2021-05-04",
        "page",
        false,
        "fr/meetings/2021-05-26/index.html#_action-A-2021-05-04",
        "",
    ),
    (
        "fr/search/index.html",
        "ASPC",
        "page",
        false,
        "fr/meetings/2021-05-26/index.html#_action-A-2021-05-04",
        "<mark>ASPC",
    ),
    // « approuvées » finds « approuvé ».
    ("fr/search/index.html", "approuvées", "page", false, "fr/meetings/", "<mark>approuvé"),
    (
        "fr/index.html",
        "A-2021-05-03",
        "header",
        false,
        "fr/meetings/2021-05-26/index.html#_action-A-2021-05-03",
        "<mark>A-2021-05-03</mark>",
    ),
    // Open actions only: the open action with the words, not the roadmap
    // meeting, which has them too but no open action.
    (
        "search/index.html",
        "opioid overdose crisis",
        "page",
        true,
        "meetings/2021-05-26/index.html#_action-A-2021-05-04",
        "<mark>opioid</mark> <mark>overdose</mark>",
    ),
    // Open actions only: the words of an open action lead to it ...
    (
        "search/index.html",
        "port-of-entry pilot",
        "page",
        true,
        "meetings/2021-05-26/index.html#_action-A-2021-05-01",
        "<mark>port-of-entry</mark>",
    ),
    // ... and words found only in an action that is done (A-2021-05-03)
    // find nothing, though its meeting has open actions.
    ("search/index.html", "calendar joint training", "page", true, "", ""),
    // A query holding what `String.replace` reads as patterns (`$&`, `$'`,
    // `` $` ``, `$$`) is shown as typed in the status.
    ("search/index.html", "zqxw $& $' $` $$", "page", false, "", ""),
    ("fr/search/index.html", "zqxw $& $' $$", "page", false, "", ""),
    // With no words, the filter alone: each open action, a result of its own.
    (
        "fr/search/index.html",
        "",
        "page",
        true,
        "fr/meetings/2021-05-26/index.html#_action-A-2021-05-0",
        "A-2021-05-0",
    ),
    // Kind = Decision: each decision a result of its own, at its anchor.
    (
        "search/index.html?kind=Decision",
        "endorsed",
        "page",
        false,
        "meetings/2021-05-26/index.html#_decision-",
        "<mark>endorsed",
    ),
    (
        "fr/search/index.html?kind=D%C3%A9cision",
        "approuvé",
        "page",
        false,
        "fr/meetings/2021-05-26/index.html#_decision-",
        "<mark>approuvé",
    ),
    // Filters alone, chosen in the page's address: the meetings of a year.
    ("search/index.html?kind=Meeting&year=2021", "", "page", false, "meetings/2021-", ""),
    ("fr/search/index.html?kind=R%C3%A9union&year=2021", "", "page", false, "fr/meetings/2021-", ""),
];

/// What the Kind filter offers, in each language: the kinds, each once.
const KINDS: &[(&str, &[&str])] = &[
    ("search/index.html", &["Action", "Decision", "Group update", "Meeting", "Page"]),
    ("fr/search/index.html", &["Décision", "Mesure", "Mise à jour de groupe", "Page", "Réunion"]),
];

#[test]
#[ignore = "needs node, Chromium, axe-core and playwright-core (installed by .ci/run)"]
fn a_member_finds_decisions_and_actions_in_either_language() {
    if let Some(why) = unavailable() {
        panic!("the search test cannot run: {why}");
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let out = root.join("site");
    build_ok(&example_content(), &out);
    let queries: Vec<Value> = CASES
        .iter()
        .map(|(page, query, via, open, _, _)| json!({"page": page, "query": query, "via": via, "open": open}))
        .collect();
    let spec = root.join("queries.json");
    std::fs::write(&spec, serde_json::to_string(&queries).unwrap()).unwrap();
    let o = Command::new("node")
        .arg(repo().join("scripts/audit/search.mjs"))
        .arg(&out)
        .arg(&spec)
        .output()
        .expect("node runs");
    assert_eq!(o.status.code(), Some(0), "the search check ran: {}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("a JSON report");
    let results = report["results"].as_array().expect("results");
    assert_eq!(results.len(), CASES.len(), "every query ran: {report:#}");
    for ((page, query, _, open, href, excerpt), r) in CASES.iter().zip(results) {
        if href.is_empty() {
            assert_eq!(r["count"], json!(0), "{query} ({page}, open only: {open}) finds nothing: {r:#}");
            let status = r["status"].as_str().unwrap_or_default();
            assert!(status.contains(query), "{query}: the live region says so: {status}");
            assert_eq!(r["errors"], json!([]), "{query}: no script error: {r:#}");
            continue;
        }
        let first = &r["first"];
        let resolved =
            first["resolved"].as_str().unwrap_or_else(|| panic!("{query} ({page}) found nothing: {r:#}"));
        let path =
            resolved.split_once("//").and_then(|(_, rest)| rest.split_once('/')).map(|(_, p)| p).unwrap();
        assert!(
            path.starts_with(href),
            "{query} ({page}, open only: {open}): first result {path}, not {href}: {r:#}"
        );
        let shown = first["excerpt"].as_str().unwrap_or_default();
        assert!(
            shown.to_lowercase().contains(&excerpt.to_lowercase()),
            "{query} ({page}): the excerpt marks {excerpt}: {shown}"
        );
        assert!(
            first["kind"].as_str().is_some_and(|k| !k.is_empty()),
            "{query}: the kind and date are shown: {r:#}"
        );
        assert_eq!(r["errors"], json!([]), "{query}: no script error: {r:#}");
        assert_eq!(r["violations"], json!([]), "{query} ({page}): axe finds no violation: {r:#}");
        let status = r["status"].as_str().unwrap_or_default();
        assert!(status.contains(query), "{query}: the live region says how many results: {status}");
    }
    // The stemmed forms: among the results, the words as written.
    for (query, place, word) in [
        ("endorsing", "meetings/2021-05-26/index.html#", "<mark>endorsed</mark>"),
        ("approuvées", "fr/meetings/2021-05-26/index.html#", "<mark>approuvé</mark>"),
    ] {
        let r = results.iter().find(|r| r["query"] == query).unwrap();
        let found = r["all"].as_array().unwrap().iter().any(|a| {
            a["resolved"].as_str().is_some_and(|u| u.contains(place))
                && a["excerpt"].as_str().is_some_and(|e| e.contains(word))
        });
        assert!(found, "{query} finds {word} at {place}: {r:#}");
    }
    // The Kind filter's choices are the kinds, and a meeting is of its
    // year: the year filter with kind Meeting finds the three meetings and
    // nothing else.
    for (page, kinds) in KINDS {
        for r in results.iter().filter(|r| r["page"].as_str().is_some_and(|p| p.starts_with(page))) {
            let mut offered: Vec<&str> =
                r["options"]["kind"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            offered.sort_unstable();
            assert_eq!(&offered, kinds, "{page}: the Kind filter offers the kinds: {r:#}");
            let years = r["options"]["year"].as_array().unwrap();
            assert_eq!(years, &vec![json!("2021")], "{page}: the Year filter offers the year: {r:#}");
        }
    }
    for page in
        ["search/index.html?kind=Meeting&year=2021", "fr/search/index.html?kind=R%C3%A9union&year=2021"]
    {
        let r = results.iter().find(|r| r["page"] == page).unwrap();
        assert_eq!(r["count"], json!(3), "{page}: the year's three meetings: {r:#}");
        let all = r["all"].as_array().unwrap();
        assert!(
            all.iter().all(|a| a["resolved"].as_str().is_some_and(|u| u.contains("meetings/2021-"))),
            "{page}: meetings only: {r:#}"
        );
    }
    // Each decision found is a result of its own: the four of May 26, each
    // at its anchor, with its own title and snippet, and of kind Decision.
    for page in ["search/index.html?kind=Decision", "fr/search/index.html?kind=D%C3%A9cision"] {
        let r = results.iter().find(|r| r["page"] == page).unwrap();
        let all = r["all"].as_array().unwrap();
        let mut may: Vec<&str> = all
            .iter()
            .filter_map(|a| a["resolved"].as_str())
            .filter(|u| u.contains("meetings/2021-05-26/index.html#_decision-"))
            .collect();
        may.sort_unstable();
        may.dedup();
        assert_eq!(may.len(), 4, "{page}: the four decisions of May 26, each its own result: {r:#}");
        assert_eq!(r["count"].as_u64(), Some(all.len() as u64), "{page}: {r:#}");
        for key in ["title", "excerpt"] {
            let mut seen: Vec<&str> = all.iter().filter_map(|a| a[key].as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), all.len(), "{page}: each result its own {key}: {r:#}");
        }
        assert!(
            all.iter().all(|a| a["resolved"].as_str().is_some_and(|u| u.contains("#_decision-"))
                && a["kind"]
                    .as_str()
                    .is_some_and(|k| k.starts_with("Decision") || k.starts_with("Décision"))),
            "{page}: decisions only, said so: {r:#}"
        );
        assert!(
            all.iter().any(|a| a["title"].as_str().is_some_and(|t| t.contains("2021-05-26/2"))),
            "{page}: a decision's title gives its reference: {r:#}"
        );
    }
    // "Open actions only" leaves out the roadmap meeting, which has none:
    // the one open action with the words.
    let open =
        results.iter().find(|r| r["query"] == "opioid overdose crisis" && r["page"] == "search/index.html");
    assert_eq!(open.unwrap()["count"], json!(1), "{open:#?}");
    // With no words, each of the four open actions, once.
    let open = results.iter().find(|r| r["query"] == "" && r["page"] == "fr/search/index.html").unwrap();
    assert_eq!(open["count"], json!(4), "{open:#}");
    let file = &report["file"];
    for note in ["pageNote", "boxNote"] {
        let said =
            file[note].as_str().unwrap_or_else(|| panic!("opened from a file, the {note} shows: {file:#}"));
        assert!(said.contains("briefing serve"), "{note} says how: {said}");
    }
    assert_eq!(file["boxHiddenBefore"], json!(true), "the box's note waits for the box to be used");
    assert_eq!(file["stayed"], json!(true), "from a file, the box does not go to a page that cannot search");
    assert_eq!(file["violations"], json!([]), "the search page opened from a file: no axe violation");
    assert_eq!(report["requests"], json!([]), "nothing is asked of another host");
}
