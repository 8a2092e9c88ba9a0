//! Diagnostics name files relative to the current directory, in every
//! format, and `--format github` writes GitHub Actions annotations.

mod common;

use std::path::Path;

use common::*;

/// The `file=` of each `::error`/`::warning` line.
fn annotated_files(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| {
            assert!(
                l.starts_with("::error file=") || l.starts_with("::warning file="),
                "not a workflow command: {l}"
            );
            let props = l.split_once(" file=").unwrap().1;
            props.split(',').next().unwrap().replace("%2C", ",").replace("%3A", ":").replace("%25", "%")
        })
        .collect()
}

#[test]
fn from_a_repository_root_every_format_names_content_slash_the_file() {
    let case = fixture("invalid").join("unknown-status");
    let o = run_in(&case, &["check", "--format", "github"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "::error file=content/updates/2021-05-26/health.yaml,line=3,col=26,title=unknown-status\
         ::unknown status `inprogress`%0Ahelp: did you mean `in-progress`?\n"
    );
    assert!(stderr(&o).contains("check failed: 1 error,"), "{}", stderr(&o));
    let json = run_in(&case, &["check", "--format", "json"]);
    assert!(
        stdout(&json).starts_with("{\"file\":\"content/updates/2021-05-26/health.yaml\",\"line\":3"),
        "{}",
        stdout(&json)
    );
    let human = run_in(&case, &["check"]);
    assert!(stderr(&human).contains("[content/updates/2021-05-26/health.yaml:3:26]"), "{}", stderr(&human));
    // The content folder spelt another way is named as spelt.
    for (given, want) in
        [("./content/", "content/"), ("../unknown-status/content", "../unknown-status/content/")]
    {
        let o = run_in(&case, &["check", "--content", given, "--format", "github"]);
        assert!(
            stdout(&o).contains(&format!("file={}updates/2021-05-26/health.yaml,", want.replace(':', "%3A"))),
            "{given}: {}",
            stdout(&o)
        );
    }
    // build says the same.
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let b = run_in(&case, &["build", "--out", arg(&out), "--format", "github"]);
    assert_eq!(
        (code(&b), stdout(&b)),
        (1, stdout(&o).replace("./content/", "content/").replace("../unknown-status/", ""))
    );
}

#[test]
fn every_annotation_of_every_invalid_case_names_a_file_that_exists_from_where_check_ran() {
    let mut warnings = 0;
    for entry in std::fs::read_dir(fixture("invalid")).unwrap() {
        let case = entry.unwrap().path();
        let o = run_in(&case, &["check", "--format", "github"]);
        let out = stdout(&o);
        assert!(!out.is_empty(), "{}: no annotation", case.display());
        warnings += out.lines().filter(|l| l.starts_with("::warning ")).count();
        for file in annotated_files(&out) {
            assert!(file.starts_with("content/"), "{}: {file}", case.display());
            if !out.contains("title=missing-site") {
                assert!(
                    case.join(&file).exists() || case.join(&file).symlink_metadata().is_ok(),
                    "{}: {file} does not exist",
                    case.display()
                );
            }
        }
        assert_eq!(code(&o), code(&run_in(&case, &["check", "--format", "json"])), "{}", case.display());
    }
    assert!(warnings > 0, "warnings are ::warning annotations");
}

#[test]
fn a_theme_template_error_names_the_theme_file_as_given() {
    let tmp = tempfile::TempDir::new().unwrap();
    let (_c, content) = temp_copy(&fixture_content("minimal"));
    std::fs::create_dir_all(tmp.path().join("theme/templates")).unwrap();
    std::fs::write(tmp.path().join("theme/templates/page.html"), "{% block content %}{{ frame.title }\n")
        .unwrap();
    let o =
        run_in(tmp.path(), &["build", "--content", arg(&content), "--theme", "theme", "--format", "github"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with("::error file=theme/templates/page.html,line=1,"), "{}", stdout(&o));
    assert!(Path::new(&tmp.path().join("theme/templates/page.html")).exists());
}
