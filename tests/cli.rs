//! The command line: help, exit codes, what `check` and a failed `build`
//! leave on disk, `init`, `new`, and the JSON diagnostic format.

mod common;

use std::fs;

use common::*;
use predicates::prelude::*;
use tempfile::TempDir;

#[test]
fn help_for_every_command_exits_0() {
    for args in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["init", "--help"],
        vec!["new", "--help"],
    ] {
        briefing()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: briefing"))
            .stderr(predicate::str::is_empty());
    }
}

#[test]
fn build_help_lists_the_conventional_flags() {
    let o = run(&["build", "--help"]);
    let help = stdout(&o);
    for flag in ["--content", "--out", "--theme", "--drafts", "--base-url", "--strict", "--format"] {
        assert!(help.contains(flag), "build --help lacks {flag}:\n{help}");
    }
}

#[test]
fn unknown_command_and_bad_flag_values_exit_2() {
    briefing().arg("frobnicate").assert().code(2);
    briefing().args(["check", "--format", "xml"]).assert().code(2);
    briefing()
        .args(["check", "--as-of", "2021-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("February 2021 has no day 30"));
}

#[test]
fn check_writes_nothing() {
    let (tmp, content) = temp_copy(&fixture_content("minimal"));
    let before = list_files(tmp.path());
    // In the folder, so the default `--out output` would land here.
    let o = run_in(tmp.path(), &["check", "--content", "content"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("checked the content"), "{}", stderr(&o));
    assert!(!tmp.path().join("output").exists(), "check created an output folder");
    assert_eq!(list_files(tmp.path()), before, "check changed the folder");
    assert!(content.join("site.yaml").is_file());
}

#[test]
fn default_content_and_out_folders_are_relative_to_the_working_directory() {
    let (tmp, _content) = temp_copy(&fixture_content("minimal"));
    let o = run_in(tmp.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(tmp.path().join("output/index.html").is_file());
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    build_ok(&fixture_content("minimal"), &out);
    let index = fs::read(out.join("index.html")).unwrap();
    let files = list_files(&out);

    let o = run(&["build", "--content", arg(&invalid_content("unknown-status")), "--out", arg(&out)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("build failed"), "{}", stderr(&o));
    assert_eq!(fs::read(out.join("index.html")).unwrap(), index, "index.html changed");
    assert_eq!(list_files(&out), files, "the output's files changed");
    let siblings: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings, ["out"], "a staging folder was left behind: {siblings:?}");

    // A build that fails later, while rendering with a broken theme, too.
    let theme = TempDir::new().unwrap();
    fs::create_dir_all(theme.path().join("templates")).unwrap();
    fs::write(theme.path().join("templates/index.html"), "{% extends \"base.html\" %}{% block content %}")
        .unwrap();
    let o = run(&[
        "build",
        "--content",
        arg(&fixture_content("minimal")),
        "--out",
        arg(&out),
        "--theme",
        arg(theme.path()),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("template"), "{}", stderr(&o));
    assert_eq!(fs::read(out.join("index.html")).unwrap(), index, "index.html changed");
    assert_eq!(list_files(&out), files, "the output's files changed");
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "a staging folder was left behind");
}

#[test]
fn successful_rebuild_replaces_the_output_without_leftovers() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    build_ok(&fixture_content("reference"), &out);
    assert!(out.join("fr/index.html").is_file());
    build_ok(&fixture_content("minimal"), &out);
    assert!(!out.join("fr").exists(), "files of the previous build are gone");
    assert!(out.join("index.html").is_file());
    let siblings: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings, ["out"], "no `.out.new-*` or `.out.old-*` left: {siblings:?}");
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_write() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("precious");
    fs::create_dir_all(out.join("sub")).unwrap();
    fs::write(out.join("thesis.txt"), "do not delete").unwrap();
    fs::write(out.join("sub/data.csv"), "1,2,3").unwrap();
    let o = run(&["build", "--content", arg(&fixture_content("minimal")), "--out", arg(&out)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("not written by briefing"), "{}", stderr(&o));
    assert_eq!(list_files(&out), ["sub/data.csv", "thesis.txt"]);
    assert_eq!(fs::read_to_string(out.join("thesis.txt")).unwrap(), "do not delete");
    let siblings = fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(siblings, 1, "nothing was staged beside it");
}

#[test]
fn build_may_fill_an_empty_folder() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("empty");
    fs::create_dir(&out).unwrap();
    build_ok(&fixture_content("minimal"), &out);
    assert!(out.join(".briefing-output").is_file());
    assert!(out.join("index.html").is_file());
}

#[test]
fn init_creates_a_site_that_builds_and_passes_strict_check() {
    let tmp = TempDir::new().unwrap();
    let site = tmp.path().join("site");
    let o = run(&["init", arg(&site)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("created a committee site"), "{}", stdout(&o));
    let content = site.join("content");
    let out = site.join("output");
    build_ok(&content, &out);
    assert!(out.join("index.html").is_file());
    assert!(out.join("groups/working-group/index.html").is_file());
    let o = run(&["check", "--content", arg(&content), "--strict"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A second init into the same folder is refused and changes nothing.
    let before = list_files(&site);
    let o = run(&["init", arg(&site)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert_eq!(list_files(&site), before);
}

/// `briefing new KIND NAME --content CONTENT --date 2021-06-30`: the created path.
fn new_file(content: &std::path::Path, kind: &str, name: &str) -> std::path::PathBuf {
    let o = run(&["new", kind, name, "--content", arg(content), "--date", "2021-06-30"]);
    assert_eq!(code(&o), 0, "new {kind} {name}: {}", stderr(&o));
    let line = stdout(&o);
    let path = line.trim().strip_prefix("created ").unwrap_or_else(|| panic!("{line}"));
    let path = std::path::PathBuf::from(path);
    assert!(path.is_file(), "{} was not written", path.display());
    path
}

#[test]
fn new_files_of_every_kind_keep_an_init_site_valid() {
    let tmp = TempDir::new().unwrap();
    let site = tmp.path().join("site");
    assert_eq!(code(&run(&["init", arg(&site)])), 0);
    let content = site.join("content");
    let group = new_file(&content, "group", "postal-security");
    assert!(group.ends_with("groups/postal-security.yaml"), "{}", group.display());
    let page = new_file(&content, "page", "terms-of-reference");
    assert!(page.ends_with("pages/terms-of-reference.md"), "{}", page.display());
    let meeting = new_file(&content, "meeting", "roadmap");
    assert!(meeting.ends_with("meetings/2021-06-30-roadmap.md"), "{}", meeting.display());
    assert!(read(&meeting).contains("date: 2021-06-30"));
    let update = new_file(&content, "update", "postal-security");
    assert!(update.ends_with("updates/2021-06-30/postal-security.yaml"), "{}", update.display());
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // Creating the same file twice is refused.
    let o = run(&["new", "page", "terms-of-reference", "--content", arg(&content)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
}

#[test]
fn new_page_meeting_and_update_keep_the_example_valid() {
    let (_tmp, content) = temp_copy(&example_content());
    new_file(&content, "page", "terms-of-reference");
    new_file(&content, "meeting", "follow-up");
    new_file(&content, "update", "health");
    let o = check_json(&content, &[]);
    let diags = parse_diags(&stdout(&o));
    let errors: Vec<&Diag> = diags.iter().filter(|d| d.severity == "error").collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(code(&o), 0);
}

#[test]
fn new_group_keeps_the_example_valid() {
    let (_tmp, content) = temp_copy(&example_content());
    new_file(&content, "group", "treatment");
    let o = check_json(&content, &[]);
    let diags = parse_diags(&stdout(&o));
    let errors: Vec<&Diag> = diags.iter().filter(|d| d.severity == "error").collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn new_update_prefills_each_activity_with_its_last_status() {
    let (_tmp, content) = temp_copy(&example_content());
    let path = new_file(&content, "update", "border-security");
    assert!(path.ends_with("updates/2021-06-30/border-security.yaml"), "{}", path.display());
    let text = read(&path);
    assert!(text.contains("detection-capacity: {status: in-progress, progress: 35}"), "{text}");
    assert!(text.contains("share-resources: {status: in-progress, progress: 20}"), "{text}");
    let path = new_file(&content, "update", "health");
    let text = read(&path);
    assert!(text.contains("surveillance-practices: {status: done, progress: 100}"), "{text}");
    assert!(text.contains("covid-impact-research: {status: in-progress, progress: 20}"), "{text}");
    // The new update reports every activity: no omitted-activity warning.
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert!(!diags.iter().any(|d| d.code == "omitted-activity"), "{diags:?}");
}

#[test]
fn new_update_for_an_unknown_group_suggests_one() {
    let (_tmp, content) = temp_copy(&example_content());
    let o = run(&["new", "update", "helth", "--content", arg(&content), "--date", "2021-06-30"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("did you mean `health`"), "{}", stderr(&o));
    assert!(!content.join("updates/2021-06-30").exists(), "nothing was written");
}

#[test]
fn new_refuses_bad_ids_and_missing_sites() {
    let (_tmp, content) = temp_copy(&fixture_content("minimal"));
    let o = run(&["new", "group", "Border Security", "--content", arg(&content)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("border-security"), "the hint shows a valid id: {}", stderr(&o));
    assert!(!content.join("groups").exists());
    let tmp = TempDir::new().unwrap();
    let o = run(&["new", "page", "about", "--content", arg(tmp.path())]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("no site.yaml"), "{}", stderr(&o));
}

#[test]
fn json_lines_are_objects_with_the_documented_keys() {
    let o = check_json(&invalid_content("many-mistakes"), &[]);
    let out = stdout(&o);
    assert!(out.lines().count() >= 10, "{out}");
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let obj = v.as_object().unwrap_or_else(|| panic!("not an object: {line}"));
        for key in ["file", "line", "column", "severity", "code", "message"] {
            assert!(obj.contains_key(key), "no `{key}` in {line}");
        }
        assert!(obj["file"].is_string() && obj["code"].is_string() && obj["message"].is_string());
        assert!(obj["line"].is_u64() && obj["column"].is_u64(), "{line}");
        assert!(matches!(obj["severity"].as_str(), Some("error" | "warning")), "{line}");
        let known = briefing::diag::codes::ALL.iter().any(|(c, _, _)| Some(*c) == obj["code"].as_str());
        assert!(known, "undocumented code in {line}");
    }
    // Diagnostics go to stdout as JSON; stderr keeps only the summary.
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("check failed"), "{err}");
}

#[test]
fn json_places_are_one_based() {
    for case in invalid_cases() {
        let diags = parse_diags(&stdout(&check_json(&invalid_content(&case), &[])));
        for d in diags {
            assert!(
                d.line >= 1 && d.column >= 1,
                "{case}: place {}:{} is not 1-based: {d:?}",
                d.line,
                d.column
            );
        }
    }
}

#[test]
fn warnings_pass_unless_strict() {
    let content = fixture_content("reference");
    let o = run(&["check", "--content", arg(&content)]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("warning(s)"), "{}", stderr(&o));
    let o = run(&["check", "--content", arg(&content), "--strict"]);
    assert_eq!(code(&o), 1);
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let o = run(&["build", "--content", arg(&content), "--out", arg(&out), "--strict"]);
    assert_eq!(code(&o), 1, "build --strict fails on warnings");
    assert!(!out.exists(), "and writes nothing");
}

#[test]
fn the_example_and_the_minimal_site_check_clean() {
    for content in [example_content(), fixture_content("minimal")] {
        let o = check_json(&content, &["--strict"]);
        assert_eq!(code(&o), 0, "{}: {}", content.display(), stdout(&o));
        assert!(stdout(&o).is_empty(), "{}: {}", content.display(), stdout(&o));
    }
}

#[test]
fn the_reference_site_has_warnings_but_no_errors() {
    let o = check_json(&fixture_content("reference"), &[]);
    assert_eq!(code(&o), 0);
    let diags = parse_diags(&stdout(&o));
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d.severity == "warning" && d.code == "missing-translation"), "{diags:?}");
}

#[test]
fn as_of_makes_open_actions_overdue() {
    let o = check_json(&fixture_content("reference"), &["--as-of", "2021-10-01"]);
    assert_eq!(code(&o), 0, "overdue actions are warnings");
    let diags = parse_diags(&stdout(&o));
    let d = diags.iter().find(|d| d.code == "overdue-action").expect("A-2021-05-01 is overdue");
    assert_eq!(d.file, "meetings/2021-05-26.md");
    assert!(d.message.contains("A-2021-05-01"), "{d:?}");
}
