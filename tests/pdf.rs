//! `briefing pdf` reads and fetches nothing but the output folder, and says
//! clearly what went wrong; a theme folder publishes nothing from outside
//! itself and reports its errors at its own files. Tests with a stand-in browser (a shell script that
//! records its arguments and writes, fails or hangs) run everywhere; those
//! that print with Chromium are ignored unless run with `--include-ignored`
//! (`.ci/run` does) and need Chromium and poppler-utils.

#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::*;

/// A stand-in browser: records each argument on a line of `$FAKE_LOG`, the
/// mode of the folder holding its profile and the folders it is given for
/// settings, caches and temporary files, then acts as `$FAKE_MODE` says:
/// `ok` writes a small PDF, `nopdf` ends at once, `fail` complains and exits
/// 3, `hang` writes half a PDF and never ends, `daemon` ends at once but leaves
/// a process behind that holds its standard error open, `helpers` never ends
/// and keeps two helpers writing into its profile, one outside its group.
const FAKE_BROWSER: &str = r#"#!/bin/sh
for a in "$@"; do
  printf '%s\n' "$a" >> "$FAKE_LOG"
  case "$a" in
    --print-to-pdf=*) pdf="${a#--print-to-pdf=}" ;;
    --user-data-dir=*) profile="${a#--user-data-dir=}" ;;
  esac
done
printf 'profile-folder-mode=%s\n' "$(stat -c %a "$(dirname "$profile")")" >> "$FAKE_LOG"
printf 'env=%s\n' "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$TMPDIR" >> "$FAKE_LOG"
case "$FAKE_MODE" in
  ok) printf '%%PDF-1.4 stand-in\n' > "$pdf" ;;
  nopdf) printf 'ERROR: the page could not be loaded\n' >&2 ;;
  fail) printf 'some noise\nERROR: cannot open display\n\n' >&2; exit 3 ;;
  hang) printf '%%PDF-1.4 half' > "$pdf"; exec sleep 60 ;;
  daemon) sleep 300 & printf 'daemon=%s\n' "$!" >> "$FAKE_LOG"; printf 'ERROR: left a helper running\n' >&2 ;;
  helpers)
    # As Chromium does: a renderer in its process group and a crash handler
    # in a session of its own that names the profile, both writing into it.
    ( while :; do mkdir -p "$profile/Renderer" && : > "$profile/Renderer/$$"; sleep 0.01; done ) &
    setsid sh -c 'while :; do mkdir -p "$1/Crashpad" && : > "$1/Crashpad/report"; sleep 0.01; done' crashpad "$profile" &
    exec sleep 60 ;;
esac
"#;

struct Fake {
    _tmp: tempfile::TempDir,
    browser: PathBuf,
    log: PathBuf,
}

fn fake_browser() -> Fake {
    let tmp = tempfile::TempDir::new().unwrap();
    let browser = tmp.path().join("fake-chromium");
    std::fs::write(&browser, FAKE_BROWSER).unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let log = tmp.path().join("args.log");
    Fake { _tmp: tmp, browser, log }
}

fn pdf_with(fake: &Fake, mode: &str, args: &[&str]) -> Output {
    briefing()
        .current_dir(repo())
        .env("FAKE_LOG", &fake.log)
        .env("FAKE_MODE", mode)
        .args(["pdf", "--browser", arg(&fake.browser)])
        .args(args)
        .output()
        .unwrap()
}

/// Every file below `dir`, relative.
fn files(dir: &Path) -> Vec<String> {
    list_files(dir)
}

/// Files under `dir` that look like a half-written PDF or a temporary file.
fn leftovers(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or("");
            name.contains("partial") || name.ends_with(".tmp")
        })
        .collect()
}

/// Every entry below `dir`, hidden ones and folders included.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_browser_path_that_does_not_exist_is_named() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    for missing in ["/missing", "/nonexistent/chromium", "./not-here/chromium"] {
        let o = run(&["pdf", "--content", arg(&example_content()), "--out", arg(&out), "--browser", missing]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains(&format!("`{missing}` does not exist")), "{}", stderr(&o));
        assert!(!stderr(&o).contains("on PATH (looked for"), "not the message for PATH: {}", stderr(&o));
    }
    let o = run(&["pdf", "--content", arg(&example_content()), "--out", arg(&out), "--browser", "nobrowser"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no `nobrowser` found on PATH"), "{}", stderr(&o));
    let o =
        run(&["pdf", "--content", arg(&example_content()), "--out", arg(&out), "--browser", arg(tmp.path())]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("is a folder, not a browser"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing is built without a browser");
}

#[test]
fn the_browser_named_by_briefing_browser_or_its_old_name_is_used_and_a_wrong_one_is_named() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let with_env = |vars: &[(&str, &Path)], extra: &[&str]| {
        let mut cmd = briefing();
        cmd.current_dir(repo()).env("FAKE_LOG", &fake.log).env("FAKE_MODE", "ok");
        cmd.env_remove("BRIEFING_BROWSER").env_remove("BRIEFING_CHROMIUM");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.args(["pdf", "--content", arg(&example_content()), "--out", arg(&out)])
            .args(extra)
            .output()
            .unwrap()
    };
    for var in ["BRIEFING_BROWSER", "BRIEFING_CHROMIUM"] {
        let _ = std::fs::remove_file(&fake.log);
        let o = with_env(&[(var, &fake.browser)], &[]);
        assert_eq!(code(&o), 0, "{var}: {}", stderr(&o));
        assert!(fake.log.exists(), "{var}: the browser it names printed the book");
    }
    let missing = Path::new("/missing/chrome");
    let o = with_env(&[("BRIEFING_BROWSER", missing), ("BRIEFING_CHROMIUM", &fake.browser)], &[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("BRIEFING_BROWSER: `/missing/chrome` does not exist"), "{}", stderr(&o));
    assert!(stderr(&o).contains("unset BRIEFING_BROWSER"), "{}", stderr(&o));
    // --browser comes first.
    let _ = std::fs::remove_file(&fake.log);
    let o = with_env(&[("BRIEFING_BROWSER", missing)], &["--browser", arg(&fake.browser)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(fake.log.exists());
}

#[test]
fn a_folder_given_as_the_pdf_is_refused_before_anything_is_built() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let folder = tmp.path().join("books");
    std::fs::create_dir(&folder).unwrap();
    let o = pdf_with(
        &fake,
        "ok",
        &["--content", arg(&example_content()), "--out", arg(&out), "--pdf", arg(&folder)],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("is a folder; give the PDF file to write"), "{}", stderr(&o));
    assert!(stderr(&o).contains(&folder.join("briefing.pdf").display().to_string()), "{}", stderr(&o));
    assert!(!out.exists(), "refused before building");
    assert!(!fake.log.exists(), "the browser never started");
    assert_eq!(walk(tmp.path()), vec!["books".to_string()], "nothing written anywhere");
    let o = pdf_with(
        &fake,
        "ok",
        &[
            "--content",
            arg(&example_content()),
            "--out",
            arg(&out),
            "--pdf",
            arg(&tmp.path().join("no/book.pdf")),
        ],
    );
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!tmp.path().join("no").exists(), "no folder is made for it");
    // The output folder, which the build makes, is a place for it.
    let fresh = tmp.path().join("fresh");
    let book = fresh.join("book.pdf");
    let o = pdf_with(
        &fake,
        "ok",
        &["--content", arg(&example_content()), "--out", arg(&fresh), "--pdf", arg(&book)],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(read(&book).starts_with("%PDF"));
}

/// A copy of the example committee with its theme beside it, as a
/// committee's repository has them: `(tmp, content, theme)`.
fn committee_with_theme() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, content) = temp_copy(&example_content());
    let theme = tmp.path().join("themes/default");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("static/custom.css"), "/* the committee's */\n").unwrap();
    (tmp, content, theme)
}

#[test]
fn the_pdf_never_replaces_the_committees_files_nor_anything_but_a_pdf() {
    let fake = fake_browser();
    let (tmp, content, theme) = committee_with_theme();
    let out = tmp.path().join("out");
    let site_yaml = std::fs::read(content.join("site.yaml")).unwrap();
    let pdf_at = |pdf: &Path| {
        pdf_with(&fake, "ok", &["--content", arg(&content), "--out", arg(&out), "--pdf", arg(pdf)])
    };
    let before = walk(tmp.path());
    // Inside the content or the theme folder, an existing file or a new one,
    // named directly, through `..`, or through a link that leads there.
    std::os::unix::fs::symlink(content.join("site.yaml"), tmp.path().join("to-site.pdf")).unwrap();
    std::os::unix::fs::symlink(&content, tmp.path().join("content-link")).unwrap();
    let inside = [
        (content.join("site.yaml"), "content"),
        (content.join("briefing.pdf"), "content"),
        (content.join("groups/../book.pdf"), "content"),
        (tmp.path().join("content-link/book.pdf"), "content"),
        (tmp.path().join("to-site.pdf"), "content"),
        (theme.join("static/custom.css"), "theme"),
        (theme.join("book.pdf"), "theme"),
    ];
    let before_links = walk(tmp.path());
    for (pdf, what) in &inside {
        let o = pdf_at(pdf);
        assert_eq!(code(&o), 1, "{}: {}", pdf.display(), stderr(&o));
        assert!(
            stderr(&o).contains(&format!("is inside the {what} folder")),
            "{}: {}",
            pdf.display(),
            stderr(&o)
        );
        assert!(stderr(&o).contains("Write it elsewhere"), "a hint: {}", stderr(&o));
    }
    assert_eq!(std::fs::read(content.join("site.yaml")).unwrap(), site_yaml, "site.yaml is as it was");
    assert_eq!(walk(tmp.path()), before_links, "nothing written, built or added (no site.fr.pdf)");
    assert!(!fake.log.exists(), "refused before the browser started");
    assert!(before.iter().all(|f| before_links.contains(f)));
    // Something there that is not a PDF: a named pipe, a socket, a text file.
    let fifo = tmp.path().join("pipe.pdf");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let socket = tmp.path().join("socket.pdf");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let notes = tmp.path().join("notes.txt");
    std::fs::write(&notes, "the minutes, not a PDF").unwrap();
    for (pdf, says) in
        [(&fifo, "is not a regular file"), (&socket, "is not a regular file"), (&notes, "is not a PDF")]
    {
        let o = pdf_at(pdf);
        assert_eq!(code(&o), 1, "{}: {}", pdf.display(), stderr(&o));
        assert!(stderr(&o).contains(says), "{}: {}", pdf.display(), stderr(&o));
        assert!(stderr(&o).contains("briefing replaces only a PDF"), "{}", stderr(&o));
    }
    assert_eq!(read(&notes), "the minutes, not a PDF");
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()), "the pipe is still a pipe");
    assert!(!fake.log.exists(), "refused before the browser started");
    // A PDF already there is replaced; a link to one is written through
    // and stays a link, and so is a link to a file yet to be made.
    let old = tmp.path().join("old.pdf");
    std::fs::write(&old, "%PDF-1.4 last week's").unwrap();
    let o = pdf_at(&old);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(read(&old).starts_with("%PDF-1.4 stand-in"), "replaced");
    std::fs::create_dir(tmp.path().join("books")).unwrap();
    let kept = tmp.path().join("books/kept.pdf");
    std::fs::write(&kept, "%PDF-1.4 last week's").unwrap();
    for (link, target) in [("link.pdf", "books/kept.pdf"), ("dangling.pdf", "books/new.pdf")] {
        let link = tmp.path().join(link);
        std::os::unix::fs::symlink(target, &link).unwrap();
        let o = pdf_at(&link);
        assert_eq!(code(&o), 0, "{}: {}", link.display(), stderr(&o));
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "stays a link");
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new(target));
        assert!(read(&tmp.path().join(target)).starts_with("%PDF-1.4 stand-in"), "{target} written");
    }
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));
}

#[test]
fn the_browser_sees_only_a_loopback_origin_through_the_print_server() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    // An output path with every character a file URL would mangle.
    let out = tmp.path().join("a #b?c%d é\u{1F4D8}").join("out");
    let o = pdf_with(&fake, "ok", &["--content", arg(&example_content()), "--out", arg(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(read(&out.join("briefing.pdf")).starts_with("%PDF-1.4 stand-in"));
    assert!(read(&out.join("briefing.fr.pdf")).starts_with("%PDF-1.4 stand-in"));
    let mode = std::fs::metadata(out.join("briefing.pdf")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644, "a PDF anyone may read, like the rest of the output");
    let log = read(&fake.log);
    let args: Vec<&str> = log.lines().collect();
    let urls: Vec<&&str> = args.iter().filter(|a| a.starts_with("http://")).collect();
    assert_eq!(urls.len(), 2, "{log}");
    let origin = urls[0].trim_start_matches("http://").split('/').next().unwrap().to_string();
    assert!(origin.starts_with("127.0.0.1:"), "{log}");
    // The two languages print side by side, in either order.
    assert_eq!(urls.iter().filter(|u| u.ends_with("/fr/print/index.html")).count(), 1, "{log}");
    let english =
        urls.iter().filter(|u| u.ends_with("/print/index.html") && !u.ends_with("/fr/print/index.html"));
    assert_eq!(english.count(), 1, "{log}");
    assert!(!log.contains("file://"), "no file URL: {log}");
    assert!(args.contains(&format!("--proxy-server=http://{origin}").as_str()), "{log}");
    assert!(args.contains(&"--proxy-bypass-list=<-loopback>"), "{log}");
    assert!(args.iter().any(|a| a.starts_with("--host-resolver-rules=MAP * ~NOTFOUND")), "{log}");
    // The profile is a private temporary folder, gone afterwards.
    let pid_profile = format!("briefing-chromium-{}", std::process::id());
    let profiles: Vec<&str> = args.iter().filter_map(|a| a.strip_prefix("--user-data-dir=")).collect();
    assert_eq!(profiles.len(), 2, "{log}");
    for profile in &profiles {
        assert!(!profile.ends_with(&pid_profile), "{profile}");
        assert!(!Path::new(profile).parent().unwrap().exists(), "{profile} is removed");
    }
    // Its settings, caches and temporary files go to the private folder too.
    let private: Vec<&Path> = profiles.iter().map(|p| Path::new(p).parent().unwrap()).collect();
    let env: Vec<&str> = args.iter().filter_map(|a| a.strip_prefix("env=")).collect();
    assert_eq!(env.len(), 6, "{log}");
    for dir in env {
        assert!(private.iter().any(|p| Path::new(dir).starts_with(p)), "{dir} is not in {private:?}");
    }
    assert_eq!(args.iter().filter(|a| **a == "profile-folder-mode=700").count(), 2, "{log}");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));

    // --pdf at an odd path too.
    let book = tmp.path().join("x #1?%20 é.pdf");
    let o = pdf_with(
        &fake,
        "ok",
        &["--content", arg(&example_content()), "--out", arg(&out), "--pdf", arg(&book)],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(read(&book).starts_with("%PDF"));
    assert!(tmp.path().join("x #1?%20 é.fr.pdf").exists());
}

#[test]
fn a_browser_that_ends_without_a_pdf_says_what_it_printed_last() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = pdf_with(&fake, "nopdf", &["--content", arg(&example_content()), "--out", arg(&out)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("ended normally but wrote no PDF"), "{err}");
    assert!(err.contains("ERROR: the page could not be loaded"), "its last words: {err}");
    assert!(!err.contains("exit status exit status"), "{err}");
    assert!(!out.join("briefing.pdf").exists());
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));

    let o = pdf_with(&fake, "fail", &["--content", arg(&example_content()), "--out", arg(&out)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("stopped with exit status: 3"), "{err}");
    assert!(err.contains("its last words: ERROR: cannot open display"), "{err}");
    assert_eq!(count(&err, "exit status"), 1, "{err}");
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));
}

#[test]
fn a_process_the_browser_leaves_behind_does_not_hold_the_print() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = pdf_with(&fake, "daemon", &["--content", arg(&example_content()), "--out", arg(&out)]);
    let log = read(&fake.log);
    let daemon = log.lines().find_map(|l| l.strip_prefix("daemon=")).expect("the helper started").to_string();
    // The helper that held the pipe open was stopped with the browser (its
    // process group), so briefing did not wait for it to end by itself.
    let state = Command::new("ps").args(["-o", "stat=", "-p", &daemon]).output().unwrap();
    let state = String::from_utf8_lossy(&state.stdout).trim().to_string();
    let alive = !state.is_empty() && !state.starts_with('Z');
    let _ = Command::new("kill").arg(&daemon).status();
    assert!(!alive, "the helper was left running: {state}");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("its last words: ERROR: left a helper running"), "{}", stderr(&o));
}

#[test]
fn a_browser_stopped_at_the_time_limit_leaves_nothing_behind() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let book = tmp.path().join("book.pdf");
    let o = pdf_with(
        &fake,
        "hang",
        &["--content", arg(&example_content()), "--out", arg(&out), "--pdf", arg(&book), "--timeout", "1"],
    );
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("did not finish the PDF within 1 s"), "{}", stderr(&o));
    assert!(!book.exists());
    let printed_to: Vec<String> =
        read(&fake.log).lines().filter_map(|l| l.strip_prefix("--print-to-pdf=")).map(String::from).collect();
    assert_eq!(printed_to.len(), 2, "both languages print side by side, and both are stopped");
    for pdf in &printed_to {
        assert!(!Path::new(pdf).exists(), "the half-written PDF is removed");
    }
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));
    assert!(files(&out).contains(&"index.html".to_string()), "the site itself was built");
}

/// The processes whose command line names `dir`, zombies aside.
fn running_in(dir: &Path) -> Vec<String> {
    let o = Command::new("ps").args(["-eo", "stat=,args="]).output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.starts_with('Z') && l.contains(&*dir.to_string_lossy()))
        .map(String::from)
        .collect()
}

/// Runs `pdf --timeout 1` with `browser` three times, with a temporary
/// folder of its own, and checks that each leaves nothing in it and nothing
/// running.
fn stopped_at_one_second_three_times(browser: &Path, mode: &str, log: &Path) {
    let tmp = tempfile::TempDir::new().unwrap();
    let temp = tmp.path().join("tmp");
    std::fs::create_dir(&temp).unwrap();
    let out = tmp.path().join("out");
    let book = tmp.path().join("book.pdf");
    for run in 0..3 {
        let o = briefing()
            .current_dir(repo())
            .env("FAKE_LOG", log)
            .env("FAKE_MODE", mode)
            .env("TMPDIR", &temp)
            .args(["pdf", "--browser", arg(browser), "--content", arg(&example_content())])
            .args(["--out", arg(&out), "--pdf", arg(&book), "--timeout", "1"])
            .output()
            .unwrap();
        assert_eq!(code(&o), 1, "run {run}: {}", stderr(&o));
        assert!(stderr(&o).contains("did not finish the PDF within 1 s"), "{}", stderr(&o));
        assert_eq!(walk(&temp), Vec::<String>::new(), "run {run}: no profile left behind");
        assert_eq!(running_in(&temp), Vec::<String>::new(), "run {run}: no helper left running");
    }
    assert!(!book.exists());
}

#[test]
fn a_browser_stopped_at_the_time_limit_takes_its_helpers_and_its_profile_with_it() {
    let fake = fake_browser();
    stopped_at_one_second_three_times(&fake.browser, "helpers", &fake.log);
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium)"]
fn chromium_stopped_at_the_time_limit_leaves_no_profile_and_no_process() {
    let tmp = tempfile::TempDir::new().unwrap();
    stopped_at_one_second_three_times(&chromium(), "", &tmp.path().join("unused.log"));
}

#[test]
fn a_theme_folder_linking_outside_itself_is_refused_and_publishes_nothing() {
    let tmp = tempfile::TempDir::new().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("token.txt"), "secret").unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::os::unix::fs::symlink(&outside, theme.join("static")).unwrap();
    std::os::unix::fs::symlink(outside.join("token.txt"), theme.join("templates/page.html")).unwrap();
    let out = tmp.path().join("output");
    let content = fixture_content("minimal");
    let args = ["build", "--content", arg(&content), "--out", arg(&out), "--theme", arg(&theme)];
    let o = run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let mut found: Vec<(String, String)> =
        parse_diags(&stdout(&o)).into_iter().map(|d| (d.code, d.file)).collect();
    found.sort();
    let at = |p: &str| theme.join(p).display().to_string();
    assert_eq!(
        found,
        [
            ("symlink-refused".to_string(), at("static")),
            ("symlink-refused".to_string(), at("templates/page.html"))
        ]
    );
    assert!(!out.exists(), "nothing published");
    // With the links replaced by files, it builds and publishes them.
    std::fs::remove_file(theme.join("static")).unwrap();
    std::fs::remove_file(theme.join("templates/page.html")).unwrap();
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("static/token.txt"), "own").unwrap();
    assert_eq!(code(&run(&args)), 0);
    assert_eq!(read(&out.join("static/token.txt")), "own");
}

#[test]
fn theme_errors_name_the_theme_file_line_and_column() {
    let tmp = tempfile::TempDir::new().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    let page = theme.join("templates/page.html");
    std::fs::write(&page, "<p>ok</p>\n{% include \"missing.html\" %}\n").unwrap();
    let content = fixture_content("minimal");
    let out = tmp.path().join("output");
    let o = run(&["build", "--content", arg(&content), "--out", arg(&out), "--theme", arg(&theme)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:2:12", page.display())), "{err}");
    assert!(err.contains("{% include \"missing.html\" %}"), "the line is quoted: {err}");
    assert!(!err.contains("(theme)"), "{err}");
    std::fs::write(&page, "\n{% extends \"nope.html\" %}\n").unwrap();
    let o = run(&[
        "build",
        "--content",
        arg(&content),
        "--out",
        arg(&out),
        "--theme",
        arg(&theme),
        "--format",
        "json",
    ]);
    let diags = parse_diags(&stdout(&o));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].file.as_str(), diags[0].line, diags[0].column), (arg(&page), 2, 12));
    assert!(diags[0].message.contains("`nope.html`"), "{:?}", diags[0]);
}

#[test]
fn a_print_ended_by_a_signal_stops_the_browser_and_leaves_nothing_behind() {
    let fake = fake_browser();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    for signal in ["-TERM", "-INT"] {
        let _ = std::fs::remove_file(&fake.log);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .current_dir(repo())
            .env("FAKE_LOG", &fake.log)
            .env("FAKE_MODE", "hang")
            .args(["pdf", "--browser", arg(&fake.browser), "--content", arg(&example_content())])
            .args(["--out", arg(&out)])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Once the stand-in browser has started (and written half a PDF), signal.
        for waited in 0.. {
            if read_opt(&fake.log).contains("env=") {
                break;
            }
            assert!(child.try_wait().unwrap().is_none(), "briefing ended before the browser started");
            assert!(waited < 3000, "the browser never started");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let status = Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(130), "{signal}: {}", stderr(&o));
        assert!(stderr(&o).contains("interrupted; Chromium was stopped"), "{}", stderr(&o));
        let log = read(&fake.log);
        let profile = log.lines().find_map(|l| l.strip_prefix("--user-data-dir=")).unwrap();
        assert!(!Path::new(profile).parent().unwrap().exists(), "{signal}: the private folder is removed");
        assert!(!out.join("briefing.pdf").exists());
        assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));
    }
}

fn read_opt(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A loopback listener that counts connections and keeps the first line of
/// each request: anything the browser fetches from it shows here.
struct Logger {
    port: u16,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Logger {
    fn start() -> Logger {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (h, r) = (hits.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut s) = stream else { continue };
                h.fetch_add(1, Ordering::SeqCst);
                let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(2)));
                let mut buf = [0u8; 512];
                let n = s.read(&mut buf).unwrap_or(0);
                let first = String::from_utf8_lossy(&buf[..n]).lines().next().unwrap_or("").to_string();
                r.lock().unwrap().push(first);
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        });
        Logger { port, hits, requests }
    }
}

/// A secret outside the content and output folders, as an SVG with text (which
/// pdftotext would find if Chromium drew it), an HTML page and a text file.
fn secrets(dir: &Path) -> PathBuf {
    let secret = dir.join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(
        secret.join("s.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\"><text x=\"5\" y=\"40\" font-size=\"30\">SVGSECRET</text></svg>",
    )
    .unwrap();
    std::fs::write(secret.join("s.html"), "<p>HTMLSECRET</p>").unwrap();
    std::fs::write(secret.join("s.txt"), "TEXTSECRET").unwrap();
    secret
}

fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) runs");
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn chromium() -> PathBuf {
    briefing::pdf::find_browser(None).expect("Chromium on PATH (apt-get install chromium)")
}

#[test]
#[ignore = "needs Chromium and poppler-utils (apt-get install chromium poppler-utils)"]
fn printing_fetches_nothing_the_theme_names_outside_the_output_folder() {
    let browser = chromium();
    let logger = Logger::start();
    let tmp = tempfile::TempDir::new().unwrap();
    let secret = secrets(tmp.path());
    let (port, s) = (logger.port, secret.display());
    // A theme may say anything: every kind of reference a page can make.
    let hostile = format!(
        r#"<p>THEME-MARK</p>
<img src="{s}/s.svg" alt=""><img src="file://{s}/s.svg" alt="">
<img src="http://127.0.0.1:{port}/img" alt=""><img src="//127.0.0.1:{port}/proto-relative" alt="">
<img src="http://localhost:{port}/by-name" alt=""><img src="http://[::1]:{port}/v6" alt="">
<iframe src="file://{s}/s.html"></iframe><iframe src="{s}/s.html"></iframe>
<iframe src="http://127.0.0.1:{port}/frame"></iframe>
<object data="{s}/s.txt"></object><embed src="http://127.0.0.1:{port}/embed">
<link rel="stylesheet" href="http://127.0.0.1:{port}/link.css">
<link rel="preload" as="image" href="http://127.0.0.1:{port}/preload">
<div style="background:url('http://127.0.0.1:{port}/inline-style')">x</div>
<style>@import url("http://127.0.0.1:{port}/import.css"); .cover {{ background: url("file://{s}/s.svg"), url("http://127.0.0.1:{port}/css-url"); }}</style>
<script src="http://127.0.0.1:{port}/script.js"></script>
<script>fetch("http://127.0.0.1:{port}/fetch"); new Image().src = "http://127.0.0.1:{port}/js-img";</script>
<video src="http://127.0.0.1:{port}/video"></video><audio src="http://127.0.0.1:{port}/audio"></audio>
<object data="../static/evil.svg" type="image/svg+xml"></object><img src="../static/evil.svg" alt="">
<script src="../static/rtc.js"></script><iframe src="../static/evil.html"></iframe><iframe srcdoc="<img src='http://127.0.0.1:{port}/srcdoc'>"></iframe>
<img srcset="http://127.0.0.1:{port}/srcset 1x" alt=""><input type="image" src="http://127.0.0.1:{port}/input" alt="">
<svg width="10" height="10"><image href="http://127.0.0.1:{port}/inline-svg" width="10" height="10"/></svg>
"#
    );
    let default = read(&repo().join("themes/default/templates/print.html"));
    assert!(default.contains("<main id=\"_main\""));
    let template = default.replacen("<main id=\"_main\"", &format!("{hostile}<main id=\"_main\""), 1);
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("templates/print.html"), template).unwrap();
    let css = read(&repo().join("themes/default/static/print.css"));
    let css = format!(
        "@import url(\"http://127.0.0.1:{port}/static-import.css\");\n@font-face {{ font-family: X; src: url(\"http://127.0.0.1:{port}/font.ttf\"); }}\n.book-main {{ background-image: url(\"file://{s}/s.svg\"); }}\nbody {{ font-family: X, sans-serif; }}\n{css}"
    );
    std::fs::write(theme.join("static/print.css"), css).unwrap();
    // Documents and a script the theme publishes, opened from the book.
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"400\" height=\"100\"><image href=\"file://{s}/s.svg\" width=\"400\" height=\"60\"/><image xlink:href=\"http://127.0.0.1:{port}/svg-image\" width=\"10\" height=\"10\"/><foreignObject width=\"400\" height=\"40\"><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"file://{s}/s.html\"></iframe></foreignObject></svg>"
    );
    std::fs::write(theme.join("static/evil.svg"), svg).unwrap();
    let page = format!(
        "<!doctype html><meta http-equiv=\"refresh\" content=\"0;url=file://{s}/s.html\"><base href=\"file://{s}/\"><img src=\"s.svg\"><script src=\"evil.js\"></script><p>FRAME-MARK</p>"
    );
    std::fs::write(theme.join("static/evil.html"), page).unwrap();
    let script = format!(
        "fetch('http://127.0.0.1:{port}/from-script').catch(() => {{}});\nnew Image().src = 'http://127.0.0.1:{port}/script-img';\nvar x = new XMLHttpRequest(); try {{ x.open('GET', 'file://{s}/s.txt', false); x.send(); document.body.append(x.responseText); }} catch (e) {{}}\nlocation.href = 'http://127.0.0.1:{port}/navigate';\n"
    );
    std::fs::write(theme.join("static/evil.js"), script).unwrap();
    // WebRTC sends UDP around any proxy, to a STUN server on another port.
    let udp = std::net::UdpSocket::bind(("127.0.0.1", 0)).unwrap();
    let udp_port = udp.local_addr().unwrap().port();
    let rtc = format!(
        "const pc = new RTCPeerConnection({{iceServers: [{{urls: 'stun:127.0.0.1:{udp_port}'}}]}});\npc.createDataChannel('x');\npc.createOffer().then(o => pc.setLocalDescription(o));\n"
    );
    std::fs::write(theme.join("static/rtc.js"), rtc).unwrap();
    let out = tmp.path().join("out");
    let o = briefing()
        .args(["pdf", "--content", arg(&example_content()), "--out", arg(&out), "--theme", arg(&theme)])
        .args(["--browser", arg(&browser)])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdf_text(&out.join("briefing.pdf"));
    assert!(text.contains("THEME-MARK"), "the hostile theme was used");
    assert!(text.contains("UNCLASSIFIED"), "the book printed");
    for secret in ["SVGSECRET", "HTMLSECRET", "TEXTSECRET"] {
        assert!(!text.contains(secret), "the PDF shows {secret}, read from outside the output folder");
    }
    assert_eq!(logger.hits.load(Ordering::SeqCst), 0, "fetched: {:?}", logger.requests.lock().unwrap());
    udp.set_nonblocking(true).unwrap();
    let mut packet = [0u8; 2048];
    assert!(udp.recv(&mut packet).is_err(), "a UDP packet reached another port");
    // The listeners do see what is sent to them.
    std::net::UdpSocket::bind(("127.0.0.1", 0)).unwrap().send_to(b"probe", ("127.0.0.1", udp_port)).unwrap();
    udp.set_nonblocking(false).unwrap();
    assert_eq!(udp.recv(&mut packet).unwrap(), 5);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET /probe HTTP/1.1\r\n\r\n").unwrap();
    let _ = s.read(&mut [0u8; 64]);
    assert_eq!(logger.hits.load(Ordering::SeqCst), 1);
}

#[test]
#[ignore = "needs Chromium and poppler-utils (apt-get install chromium poppler-utils)"]
fn printing_fetches_nothing_the_content_names_outside_the_output_folder() {
    let browser = chromium();
    let logger = Logger::start();
    let tmp = tempfile::TempDir::new().unwrap();
    let secret = secrets(tmp.path());
    let (port, s) = (logger.port, secret.display());
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let out = tmp.path().join("out");
    let print = || {
        briefing()
            .args(["pdf", "--content", arg(&content), "--out", arg(&out), "--browser", arg(&browser)])
            .output()
            .unwrap()
    };
    // Raw HTML in a meeting's body: an image from another loopback port, and
    // a local file (which the sanitizer drops on its own).
    let meeting = content.join("meetings/2021-05-26.md");
    let body = format!(
        "\nBODY-MARK\n\n<img src=\"http://127.0.0.1:{port}/body\" alt=\"\">\n\n<img src=\"//127.0.0.1:{port}/proto-relative\" alt=\"\">\n\n<img src=\"file://{s}/s.svg\" alt=\"\">\n"
    );
    std::fs::write(&meeting, read(&meeting) + &body).unwrap();
    let o = print();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdf_text(&out.join("briefing.pdf"));
    assert!(text.contains("BODY-MARK"), "the marked body is in the book");
    assert!(!text.contains("SVGSECRET"), "the PDF shows a file from outside the output folder");
    assert_eq!(logger.hits.load(Ordering::SeqCst), 0, "fetched: {:?}", logger.requests.lock().unwrap());

    // An update's summary (Markdown in YAML) with an absolute path and a URL.
    let update = content.join("updates/2021-05-26/health.yaml");
    let summary = format!("Exchange SUMMARY-MARK ![x]({s}/s.svg) ![y](http://127.0.0.1:{port}/summary)");
    let text = read(&update).replacen("Exchange of surveillance", &summary, 1);
    std::fs::write(&update, text).unwrap();
    let o = print();
    if code(&o) != 0 {
        // `check` may refuse the absolute path itself; then it names it.
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(stderr(&o).contains("s.svg"), "{}", stderr(&o));
    } else {
        let text = pdf_text(&out.join("briefing.pdf"));
        assert!(text.contains("SUMMARY-MARK"), "the marked summary is in the book");
        assert!(!text.contains("SVGSECRET"), "the PDF shows a file from outside the output folder");
    }
    assert_eq!(logger.hits.load(Ordering::SeqCst), 0, "fetched: {:?}", logger.requests.lock().unwrap());
}

#[test]
#[ignore = "needs Chromium and poppler-utils (apt-get install chromium poppler-utils)"]
fn the_book_prints_from_a_path_with_characters_that_urls_escape_and_leaves_no_trace() {
    let browser = chromium();
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("a #b?c%d é 100%").join("out");
    // Chromium writes nothing to the home folder or the temporary folder.
    let (home, temp) = (tmp.path().join("home"), tmp.path().join("tmp"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&temp).unwrap();
    let o = briefing()
        .args(["pdf", "--content", arg(&example_content()), "--out", arg(&out), "--browser", arg(&browser)])
        .env("HOME", &home)
        .env("TMPDIR", &temp)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CACHE_HOME")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(walk(&home), Vec::<String>::new(), "written to the home folder");
    assert_eq!(walk(&temp), Vec::<String>::new(), "left in the temporary folder");
    let text = pdf_text(&out.join("briefing.pdf"));
    assert!(text.contains("Briefing book") && text.contains("Law Enforcement"), "{text}");
    let fr = pdf_text(&out.join("briefing.fr.pdf"));
    assert!(fr.contains("Table des matières"), "{fr}");
    assert!(leftovers(tmp.path()).is_empty(), "{:?}", leftovers(tmp.path()));
}

/// The `/CreationDate` and `/ModDate` of the PDF's document information,
/// and its XMP packet.
fn dates_of(pdf: &Path) -> (String, String, String) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).unwrap().1.as_dict().unwrap();
    let text = |k: &[u8]| String::from_utf8_lossy(info.get(k).unwrap().as_str().unwrap()).into_owned();
    let xmp_id = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp =
        String::from_utf8(doc.get_object(xmp_id).unwrap().as_stream().unwrap().content.clone()).unwrap();
    (text(b"CreationDate"), text(b"ModDate"), xmp)
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium)"]
fn two_prints_of_the_book_are_the_same_bytes_dated_by_source_date_epoch_or_the_briefing_date() {
    let tmp = tempfile::TempDir::new().unwrap();
    let browser = chromium();
    let print = |name: &str, epoch: Option<&str>| {
        let pdf = tmp.path().join(format!("{name}.pdf"));
        let mut cmd = briefing();
        cmd.args(["pdf", "--content", arg(&example_content()), "--as-of", "2021-06-30"]).args([
            "--out",
            arg(&tmp.path().join(name)),
            "--pdf",
            arg(&pdf),
            "--browser",
            arg(&browser),
        ]);
        if let Some(epoch) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", epoch);
        }
        let o = cmd.output().unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        (std::fs::read(&pdf).unwrap(), std::fs::read(pdf.with_extension("fr.pdf")).unwrap(), pdf)
    };
    // Chromium numbers the table headers' structure IDs differently from
    // run to run and dates the PDF by the clock: both are made steady, and
    // nothing else it writes varies (a transformed element painted off its
    // page did, every other run: the contents' leaders are not transformed).
    let (en_a, fr_a, pdf_a) = print("a", None);
    let (en_b, fr_b, _) = print("b", None);
    assert!(en_a == en_b, "the English book differs between two prints");
    assert!(fr_a == fr_b, "the French book differs between two prints");
    let (created, modified, xmp) = dates_of(&pdf_a);
    assert_eq!((created.as_str(), modified.as_str()), ("D:20210630000000+00'00'", "D:20210630000000+00'00'"));
    assert!(xmp.contains("<xmp:CreateDate>2021-06-30T00:00:00Z</xmp:CreateDate>"), "{xmp}");
    let printed = String::from_utf8_lossy(&en_a);
    for at in printed.match_indices("/CreationDate (D:").map(|(i, _)| i) {
        assert_eq!(&printed[at..at + 39], "/CreationDate (D:20210630000000+00'00')", "no clock left");
    }
    let (en_c, _, pdf_c) = print("c", Some("1000000000"));
    let (created, modified, xmp) = dates_of(&pdf_c);
    assert_eq!((created.as_str(), modified.as_str()), ("D:20010909014640+00'00'", "D:20010909014640+00'00'"));
    assert!(xmp.contains("<xmp:ModifyDate>2001-09-09T01:46:40Z</xmp:ModifyDate>"), "{xmp}");
    assert_eq!(en_c.len(), en_a.len(), "only the dates differ");
}

/// What a tagged PDF's structure tree holds: each structure element's type
/// with its `/Alt`, and each `/TH` with whether it has a `/Scope`.
fn structure_of(doc: &lopdf::Document) -> (Vec<(String, Option<String>)>, usize, usize) {
    use lopdf::Object;
    let catalog = doc.catalog().unwrap();
    let root = catalog.get_deref(b"StructTreeRoot", doc).unwrap().as_dict().unwrap();
    let mut elements = Vec::new();
    let (mut headers, mut scoped) = (0, 0);
    let mut todo: Vec<&Object> = vec![root.get(b"K").unwrap()];
    while let Some(node) = todo.pop() {
        let node = match node {
            Object::Reference(id) => doc.get_object(*id).unwrap(),
            o => o,
        };
        match node {
            Object::Array(kids) => todo.extend(kids.iter()),
            Object::Dictionary(d) if d.get(b"S").is_ok() => {
                let kind = String::from_utf8_lossy(d.get(b"S").unwrap().as_name().unwrap()).into_owned();
                let alt = d.get(b"Alt").ok().map(|a| lopdf::decode_text_string(a).unwrap());
                if kind == "TH" {
                    headers += 1;
                    let attrs = d.get_deref(b"A", doc).ok();
                    let mut list: Vec<&Object> = match attrs {
                        Some(Object::Array(a)) => a.iter().collect(),
                        Some(o) => vec![o],
                        None => vec![],
                    };
                    list.retain(|a| {
                        doc.dereference(a)
                            .ok()
                            .and_then(|(_, a)| a.as_dict().ok())
                            .is_some_and(|a| a.get(b"Scope").is_ok())
                    });
                    scoped += usize::from(!list.is_empty());
                }
                elements.push((kind, alt));
                if let Ok(k) = d.get(b"K") {
                    todo.push(k);
                }
            }
            _ => {}
        }
    }
    (elements, headers, scoped)
}

/// Per page, the text operators drawn outside any marked-content sequence,
/// and whether the page has a pagination artifact; read with lopdf's own
/// content parser.
fn untagged_text(doc: &lopdf::Document) -> Vec<(u32, usize, bool)> {
    doc.get_pages()
        .into_iter()
        .map(|(n, page)| {
            let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
            let (mut depth, mut outside, mut pagination) = (0i32, 0, false);
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" | "BMC" => {
                        depth += 1;
                        let artifact =
                            op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact");
                        let kind = op
                            .operands
                            .get(1)
                            .and_then(|o| o.as_dict().ok())
                            .and_then(|d| d.get(b"Type").ok());
                        pagination |= artifact && kind.and_then(|k| k.as_name().ok()) == Some(b"Pagination");
                    }
                    "EMC" => depth -= 1,
                    "Tj" | "TJ" | "'" | "\"" | "Do" if depth <= 0 => outside += 1,
                    _ => {}
                }
            }
            (n, outside, pagination)
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium and poppler-utils (apt-get install chromium poppler-utils)"]
fn both_books_describe_every_figure_and_link_and_mark_the_margins_as_artifacts() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = briefing()
        .args([
            "pdf",
            "--content",
            arg(&example_content()),
            "--out",
            arg(&out),
            "--browser",
            arg(&chromium()),
        ])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for (pdf, lang, chart, page_word) in [
        (out.join("briefing.pdf"), "en", "Activities by status", "Page 3 of"),
        (out.join("briefing.fr.pdf"), "fr", "Activités par état", "Page 3 de"),
    ] {
        let doc = lopdf::Document::load(&pdf).unwrap();
        let (elements, headers, scoped) = structure_of(&doc);
        let figures: Vec<&Option<String>> =
            elements.iter().filter(|(k, _)| k == "Figure").map(|(_, alt)| alt).collect();
        assert!(figures.len() >= 9, "{lang}: every chart is a figure: {figures:?}");
        assert!(
            figures.iter().all(|alt| alt.as_deref().is_some_and(|a| !a.trim().is_empty())),
            "{lang}: {figures:?}"
        );
        assert!(
            figures.iter().any(|alt| alt.as_deref().is_some_and(|a| a.starts_with(chart))),
            "{lang}: a chart's title and description are its /Alt: {figures:?}"
        );
        assert!(
            headers > 0 && scoped == headers,
            "{lang}: {scoped} of {headers} table headers have a /Scope"
        );
        for (page, outside, pagination) in untagged_text(&doc) {
            assert_eq!(outside, 0, "{lang}: page {page} draws text or images neither tagged nor artifact");
            assert!(pagination, "{lang}: page {page}: the marking and page number are pagination artifacts");
        }
        let catalog = doc.catalog().unwrap();
        let prefs = catalog.get_deref(b"ViewerPreferences", &doc).unwrap().as_dict().unwrap();
        assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(), "{lang}: the title is displayed");
        assert_eq!(lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(), lang);
        assert!(catalog.get(b"Outlines").is_ok(), "{lang}: the bookmarks are kept");
        let mut links = 0;
        for page in doc.get_pages().into_values() {
            let page = doc.get_dictionary(page).unwrap();
            let Ok(annots) = page.get_deref(b"Annots", &doc).and_then(lopdf::Object::as_array) else {
                continue;
            };
            for annot in annots {
                let annot = doc.dereference(annot).unwrap().1.as_dict().unwrap();
                if annot.get(b"Subtype").unwrap().as_name().unwrap() == b"Link" {
                    links += 1;
                    let said = annot.get(b"Contents").map(|c| lopdf::decode_text_string(c).unwrap());
                    assert!(
                        said.as_ref().is_ok_and(|s| !s.trim().is_empty()),
                        "{lang}: a link without a description"
                    );
                }
            }
        }
        assert!(links > 20, "{lang}: the contents' and 'see page' links: {links}");
        let (_, _, xmp) = dates_of(&pdf);
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{lang}: PDF/UA-1 declared once it passes");
        // The page numbers and the marking still print, and the numbered
        // references with them.
        let text = pdf_text(&pdf);
        assert!(text.contains(page_word), "{lang}: {text}");
        assert!(text.contains(if lang == "en" { "UNCLASSIFIED" } else { "NON CLASSIFIÉ" }), "{lang}");
    }
}
