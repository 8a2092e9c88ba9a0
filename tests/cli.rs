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
    let said = stdout(&o);
    // The first file written (a meeting's fields; its record follows).
    let line = said.lines().next().unwrap_or_default();
    let path = line.trim().strip_prefix("created ").unwrap_or_else(|| panic!("{said}"));
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
    assert!(meeting.ends_with("meetings/2021-06-30-roadmap.yaml"), "{}", meeting.display());
    assert!(read(&meeting).contains("date: 2021-06-30"));
    assert!(meeting.with_extension("md").is_file(), "the record is written beside its fields");
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

/// No line that would be a GitHub workflow command (`::error::…`, after
/// spaces) and no control character but line breaks and tabs.
fn assert_inert(what: &str, text: &str) {
    for line in text.lines() {
        assert!(!line.trim_start().starts_with("::"), "{what}: a line obeys as a workflow command: {line}");
    }
    let bad: Vec<char> = text
        .chars()
        .filter(|c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || *c == '\u{202e}')
        .collect();
    assert!(bad.is_empty(), "{what}: control characters {bad:?} in\n{text}");
}

#[test]
fn what_content_and_arguments_hold_is_shown_on_the_terminal_never_obeyed() {
    // A YAML key with an ESC sequence that would clear the screen, a value
    // holding a bell and a right-to-left override, and a meeting named on
    // the command line with a line break and a workflow command.
    let (_tmp, content) = temp_copy(&example_content());
    let path = content.join("groups/health.yaml");
    let text = read(&path) + "\"\\e[2J\\e[31mkey\": x\nalso: \"a\\a \\u202Eb\\n::error::IN\"\n";
    std::fs::write(&path, text).unwrap();
    let o = run(&["check", "--content", arg(&content)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("unknown key `\\u{1b}[2J\\u{1b}[31mkey`"), "the message escapes the key: {err}");
    assert_inert("check", &err);
    assert_inert("check", &stdout(&o));
    // A raw ESC and BEL by a page's broken link, quoted in the snippet.
    let (_tmp, content) = temp_copy(&example_content());
    let page = content.join("pages/background.md");
    std::fs::write(&page, read(&page) + "\nSee [x](nope.md) \u{1b}[2J and \u{1b}]0;title\u{7}.\n").unwrap();
    let o = run(&["check", "--content", arg(&content)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("[x](nope.md) \u{241b}[2J and \u{241b}]0;title\u{2407}."),
        "the snippet shows pictures: {err}"
    );
    assert_inert("check", &err);
    let (_tmp, content) = temp_copy(&example_content());
    for format in ["human", "json", "github"] {
        let o = run(&[
            "build",
            "--content",
            arg(&content),
            "--meeting",
            "x\n::error::INJ\u{1b}[2J",
            "--format",
            format,
        ]);
        assert_eq!(code(&o), 1, "{format}");
        let err = stderr(&o);
        assert!(err.contains("no meeting") && err.contains("INJ"), "{format}: {err}");
        assert_inert(format, &err);
        assert_inert(format, &stdout(&o));
    }
    let o = run(&["new", "page", "x", "--content", "no\n::error::such\u{1b}[2J"]);
    assert_eq!(code(&o), 1);
    assert_inert("new", &stderr(&o));
    // A usage error quotes the value it refuses.
    let o = run(&["build", "--base-url", "x\n::error::INJ\u{1b}[2J", "--as-of", "\u{1b}[2J"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("INJ"), "{}", stderr(&o));
    assert_inert("usage", &stderr(&o));
}

#[test]
fn new_never_writes_a_file_that_check_refuses() {
    // Names Windows reserves, in any case, with and without an extension's
    // look; ids at and over the length limit; names that become such a
    // slug. Each is either refused by `new`, writing nothing, or written as a
    // file `check` accepts.
    let long = "a".repeat(101);
    let names = [
        "con",
        "nul",
        "NUL",
        "Con",
        "prn",
        "aux",
        "com1",
        "COM9",
        "lpt1",
        "lpt9",
        "con.x",
        "nul-x",
        "com10",
        &long[..100],
        &long,
    ];
    let mut refused = Vec::new();
    for kind in ["group", "page", "meeting"] {
        for name in names {
            let (_tmp, content) = temp_copy(&fixture_content("minimal"));
            let before = list_files(&content);
            let o = run(&["new", kind, name, "--content", arg(&content), "--date", "2021-06-30"]);
            if code(&o) != 0 {
                assert_eq!(code(&o), 1, "new {kind} {name}: {}", stderr(&o));
                assert_eq!(list_files(&content), before, "new {kind} {name} refused, yet wrote");
                refused.push(format!("{kind} {}", &name[..name.len().min(12)]));
                continue;
            }
            let c = check_json(&content, &[]);
            assert_eq!(code(&c), 0, "new {kind} {name} wrote what check refuses: {}", stdout(&c));
        }
    }
    for expected in ["group con", "page con", "group nul", "page nul", "page com1", "group lpt9"] {
        assert!(refused.iter().any(|r| r == expected), "{expected} is refused: {refused:?}");
    }
    let o = run(&["new", "page", "con", "--content", arg(&fixture_content("minimal"))]);
    assert!(stderr(&o).contains("pages/con.md") && stderr(&o).contains("Windows reserves"), "{}", stderr(&o));
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
    let cases = invalid_cases();
    assert!(cases.len() >= 30, "{cases:?}");
    for case in cases {
        let diags = parse_diags(&stdout(&check_json(&invalid_content(&case), &[])));
        assert!(!diags.is_empty(), "{case}: no diagnostic at all");
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
    assert!(stderr(&o).contains("warning"), "{}", stderr(&o));
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

/// The reference site with `edit` applied to one of its files.
fn reference_with(file: &str, edit: impl Fn(String) -> String) -> (TempDir, std::path::PathBuf) {
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    let path = content.join(file);
    fs::write(&path, edit(read(&path))).unwrap();
    (tmp, content)
}

/// The errors `check --format json` reports for `content`.
fn errors_of(content: &std::path::Path) -> Vec<Diag> {
    let o = check_json(content, &[]);
    let errors: Vec<Diag> = parse_diags(&stdout(&o)).into_iter().filter(|d| d.severity == "error").collect();
    assert_eq!(code(&o) != 0, !errors.is_empty(), "{}", stderr(&o));
    errors
}

const UPDATE: &str = "updates/2021-05-26/border-security.yaml";

#[test]
fn a_progress_that_is_not_a_whole_number_from_0_to_100_says_so() {
    // (written, code, words the message must hold, words the hint must hold)
    let cases = [
        (".nan", "wrong-type", "`progress` is `.nan`, not a whole number from 0 to 100", "e.g. `35`"),
        (".inf", "wrong-type", "`progress` is `.inf`, not a whole number from 0 to 100", "e.g. `35`"),
        ("-.Inf", "wrong-type", "not a whole number from 0 to 100", "from 0 to 100"),
        ("1e308", "out-of-range", "`progress` is 1e308, outside 0-100", "whole number from 0 to 100"),
        ("50.5", "wrong-type", "`progress` must be a whole number from 0 to 100, not 50.5", "e.g. `51`"),
        ("-3", "out-of-range", "`progress` is -3, outside 0-100", "whole number from 0 to 100"),
        ("\"35\"", "wrong-type", "must be a whole number from 0 to 100, not text", "without quotes"),
    ];
    for (value, want_code, message, hint) in cases {
        let (_tmp, content) =
            reference_with(UPDATE, |t| t.replace("progress: 35", &format!("progress: {value}")));
        let errors = errors_of(&content);
        assert_eq!(errors.len(), 1, "{value}: {errors:?}");
        let d = &errors[0];
        assert_eq!((d.code.as_str(), d.file.as_str(), d.line), (want_code, UPDATE, 3), "{value}: {d:?}");
        assert!(d.message.contains(message), "{value}: {d:?}");
        let h = d.hint.as_deref().unwrap_or("");
        assert!(h.contains(hint), "{value}: {d:?}");
        assert!(!h.contains("12.5") && !h.contains("indentation"), "{value}: a misleading hint: {d:?}");
    }
    // A metric value that is not finite names its key, not indentation.
    let (_tmp, content) = reference_with(UPDATE, |t| t.replace("CA: 11.0", "CA: .nan"));
    let errors = errors_of(&content);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("`CA` is `.nan`"), "{errors:?}");
    assert!(!errors[0].message.contains("policy"), "{errors:?}");
}

#[test]
fn an_unknown_escape_gets_a_hint_about_escapes() {
    let (_tmp, content) = reference_with(UPDATE, |t| t.replace("Pilot under way.", "\"C:\\q\\pilot\""));
    let errors = errors_of(&content);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "yaml-syntax");
    let h = errors[0].hint.as_deref().unwrap_or("");
    assert!(h.contains("backslash") && h.contains("single quotes"), "{errors:?}");
    assert!(!h.contains("indentation"), "{errors:?}");
}

#[test]
fn too_many_metric_points_say_what_is_too_large() {
    let mut yaml = String::from("summary: {en: S}\nmetrics:\n  seizures:\n");
    for i in 0..100_000 {
        yaml.push_str(&format!("    - {{period: {}-01, CA: 1}}\n", 1000 + i % 9000));
    }
    let (_tmp, content) = reference_with(UPDATE, |_| yaml.clone());
    let errors = errors_of(&content);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "too-large");
    assert!(errors[0].message.contains("too many values"), "{errors:?}");
    assert!(!errors[0].message.contains("alias"), "no alias in this file: {errors:?}");
    assert!(errors[0].hint.as_deref().unwrap_or("").contains("split"), "{errors:?}");
}

#[test]
fn a_misnamed_file_beside_its_proper_name_is_told_that_name_exists() {
    let (_tmp, content) = temp_copy(&fixture_content("reference"));
    let group = read(&content.join("groups/border-security.yaml"));
    fs::write(content.join("groups/Border-Security.yaml"), &group).unwrap();
    fs::write(content.join("groups/border-security.yml"), &group).unwrap();
    fs::write(content.join("groups/Health.yaml"), &group).unwrap();
    let page = "---\ntitle: {en: About}\n---\nText.\n";
    fs::create_dir_all(content.join("pages")).unwrap();
    fs::write(content.join("pages/about.md"), page).unwrap();
    fs::write(content.join("pages/About.md"), page).unwrap();
    let errors = errors_of(&content);
    assert_eq!(errors.len(), 4, "{errors:?}");
    let about = errors.iter().find(|d| d.file == "pages/About.md").expect("About.md");
    assert!(about.hint.as_deref().unwrap_or("").contains("`pages/about.md` exists already"), "{about:?}");
    for d in errors.iter().filter(|d| d.file.starts_with("groups/") && d.file != "groups/Health.yaml") {
        let h = d.hint.as_deref().unwrap_or("");
        assert!(h.contains("`groups/border-security.yaml` exists already"), "{d:?}");
        assert!(!h.starts_with("rename it"), "{d:?}");
    }
    // Without a file of that name, the rename is the hint.
    let health = errors.iter().find(|d| d.file == "groups/Health.yaml").expect("Health.yaml");
    assert_eq!(health.hint.as_deref(), Some("rename it `health.yaml`"));
}

#[test]
fn content_given_as_a_link_or_a_file_is_read_or_named() {
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&content, &link).unwrap();
    // A link to the content folder, with or without a trailing slash, is followed.
    for given in [arg(&link).to_string(), format!("{}/", arg(&link))] {
        let o = run(&["check", "--content", &given, "--format", "json"]);
        assert_eq!(code(&o), 0, "{given}: {}{}", stdout(&o), stderr(&o));
        // The reference site's warnings show that its files were read.
        let diags = parse_diags(&stdout(&o));
        assert!(diags.iter().any(|d| d.code == "missing-translation"), "{given}: {diags:?}");
        assert!(diags.iter().all(|d| !d.file.is_empty()), "{given}: {diags:?}");
    }
    // A file is named, never as ``.
    let file = content.join("site.yaml");
    let o = run(&["check", "--content", arg(&file), "--format", "json"]);
    assert_eq!(code(&o), 1);
    let diags = parse_diags(&stdout(&o));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].message.contains(&format!("`{}` is a file, not a content folder", file.display())),
        "{diags:?}"
    );
    assert!(diags[0].hint.as_deref().unwrap_or("").contains("--content"), "{diags:?}");
}

#[test]
fn an_empty_title_or_name_is_an_error() {
    let cases = [
        (
            "meetings/2021-05-26.md",
            "title: {en: Steering Committee meeting, fr: Réunion du comité directeur}",
            "title: {}",
            "`title` is empty",
        ),
        (
            "groups/border-security.yaml",
            "name: {en: Border Security, fr: Sécurité frontalière}",
            "name: \"\"",
            "`name` is empty",
        ),
        (
            "groups/border-security.yaml",
            "name: {en: Border Security, fr: Sécurité frontalière}",
            "name: {en: Border, fr: \" \"}",
            "`name` is empty in `fr`",
        ),
        (
            "groups/border-security.yaml",
            "title: {en: Strengthen detection and interdiction capacity}",
            "title: ''",
            "`title` is empty",
        ),
    ];
    for (file, from, to, message) in cases {
        let (tmp, content) = reference_with(file, |t| t.replace(from, to));
        let errors = errors_of(&content);
        assert_eq!(errors.len(), 1, "{to}: {errors:?}");
        assert_eq!((errors[0].code.as_str(), errors[0].file.as_str()), ("missing-field", file), "{errors:?}");
        assert!(errors[0].message.contains(message), "{errors:?}");
        let out = tmp.path().join("out");
        let o = run(&["build", "--content", arg(&content), "--out", arg(&out)]);
        assert_eq!(code(&o), 1, "{to}: the build fails too");
        assert!(!out.exists());
    }
}

#[test]
fn base_urls_are_absolute_http_addresses() {
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "//example.org/",
        "https://a b.org/",
        "example.org",
        "https://user:pw@example.org:99999/a?x=1#f",
        "https://user:pw@example.org/",
        "https://user@example.org/",
        "https://example.org:99999/",
        "https://example.org:0/",
        "https://example.org:/",
        "https://example.org:80x/",
        "https://[::1/",
        "https://example.org/a?x=1",
        "https://example.org/a?",
        "https://example.org/a#f",
        "https://example.org/a/#",
    ] {
        let (tmp, content) = temp_copy(&fixture_content("minimal"));
        let site = content.join("site.yaml");
        fs::write(&site, read(&site) + &format!("base_url: '{bad}'\n")).unwrap();
        let errors = errors_of(&content);
        assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
        assert_eq!((errors[0].code.as_str(), errors[0].line), ("invalid-value", 5), "{bad}: {errors:?}");
        assert!(errors[0].message.contains("base_url"), "{errors:?}");
        // The same address on the command line is a usage error.
        let out = tmp.path().join("out");
        let o = run(&[
            "build",
            "--content",
            arg(&fixture_content("minimal")),
            "--out",
            arg(&out),
            "--base-url",
            bad,
        ]);
        assert_eq!(code(&o), 2, "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("--base-url"), "{}", stderr(&o));
        assert!(!out.exists());
    }
    for good in [
        "https://example.org/briefing/",
        "http://localhost:8080",
        "HTTPS://Example.org",
        "http://[::1]:65535/a/",
        "https://example.org:1/",
    ] {
        let tmp = TempDir::new().unwrap();
        let out = tmp.path().join("out");
        let o = run(&[
            "build",
            "--content",
            arg(&fixture_content("minimal")),
            "--out",
            arg(&out),
            "--base-url",
            good,
        ]);
        assert_eq!(code(&o), 0, "{good}: {}", stderr(&o));
        assert!(read(&out.join("sitemap.xml")).contains(good.trim_end_matches('/')), "{good}");
    }
}

#[test]
fn an_impossible_date_gets_the_nearest_real_one() {
    for (written, nearest) in
        [("2021-02-30", "2021-02-28"), ("2024-02-30", "2024-02-29"), ("2021-04-31", "2021-04-30")]
    {
        let (_tmp, content) = reference_with("groups/border-security.yaml", |t| {
            t.replace("due: 2021-12-31", &format!("due: {written}"))
        });
        let errors = errors_of(&content);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].code, "invalid-date");
        assert_eq!(
            errors[0].hint.as_deref(),
            Some(format!("did you mean {nearest}? Write dates as YYYY-MM-DD").as_str())
        );
    }
}

#[test]
fn the_underline_covers_the_whole_value_and_the_link_target() {
    let (_tmp, content) = reference_with("meetings/2021-05-26.md", |t| {
        t.replace("format: virtual", "format: in person")
            .replace("The steering committee met virtually", "See [terms of reference](../pages/terms.md).")
    });
    let o = run(&["check", "--content", arg(&content)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    let underline_under = |line: &str| {
        let lines: Vec<&str> = err.lines().collect();
        let i =
            lines.iter().position(|l| l.contains(line)).unwrap_or_else(|| panic!("no `{line}` in\n{err}"));
        let quoted = lines[i];
        let marks = lines[i + 1];
        let start = marks.find('─').unwrap_or_else(|| panic!("no underline under `{line}`:\n{err}"));
        let len = marks.chars().filter(|c| *c == '─').count();
        let from = quoted.char_indices().map(|(b, _)| b).nth(marks[..start].chars().count()).unwrap();
        quoted[from..].chars().take(len).collect::<String>()
    };
    assert_eq!(underline_under("format: in person"), "in person");
    assert_eq!(underline_under("See [terms of reference](../pages/terms.md)."), "../pages/terms.md");
}

#[test]
fn new_files_take_unaccented_names() {
    let (_tmp, content) = temp_copy(&fixture_content("reference"));
    let o = run(&["new", "meeting", "Réunion spéciale", "--content", arg(&content), "--date", "2021-06-01"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(content.join("meetings/2021-06-01-reunion-speciale.md").is_file(), "{}", stdout(&o));
    let o = run(&["new", "page", "Œuvres d'été", "--content", arg(&content)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(content.join("pages/oeuvres-d-ete.md").is_file(), "{}", stdout(&o));
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn serve_refusing_a_foreign_output_folder_says_so_once() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("mine");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = run(&["serve", "--content", arg(&fixture_content("minimal")), "--out", arg(&out), "--port", "0"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].contains("was not written by briefing") && errors[0].contains("did not start"),
        "{err}"
    );
    assert!(!err.contains("goes on"), "{err}");
    assert_eq!(read(&out.join("notes.txt")), "mine");
}

#[test]
fn a_theme_folder_that_is_not_there_is_named_as_given() {
    let tmp = TempDir::new().unwrap();
    let absolute = tmp.path().join("no-theme");
    for given in ["nonexist", "themes/none", "../none", absolute.to_str().unwrap()] {
        let out = tmp.path().join("out");
        let content = fixture_content("minimal");
        let args = ["build", "--content", arg(&content), "--out", arg(&out), "--theme", given];
        let o = run(&[&args[..], &["--format", "json"]].concat());
        assert_eq!(code(&o), 1, "{given}");
        let diags = parse_diags(&stdout(&o));
        assert_eq!(diags.len(), 1, "{given}: {diags:?}");
        assert_eq!((diags[0].file.as_str(), diags[0].code.as_str()), (given, "read-failed"), "{given}");
        let human = stderr(&run(&args));
        assert!(human.contains(&format!("× {given}:1:1: the theme folder `{given}`")), "{given}: {human}");
        let github = stdout(&run(&[&args[..], &["--format", "github"]].concat()));
        assert!(github.starts_with("::error file="), "{github}");
        assert!(!github.contains("minimal/content"), "{given}: {github}");
    }
}
