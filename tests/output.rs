//! The output folder: never damaged, whoever writes it and whatever it is.
//! Concurrent builds (and a build beside the preview) on one `--out`, an
//! output inside, equal to or around the inputs, an output that is a link,
//! one that cannot be renamed (a mount point), and a full disk while the
//! preview writes.

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::*;

const MARKER: &str = ".briefing-output";
const LONG: Duration = Duration::from_secs(60);

/// The bytes of every file under `dir` (a link to a folder: no bytes).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir).into_iter().map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap_or_default())).collect()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    n.sort();
    n
}

/// What a lone build of `content` writes.
fn lone_build(content: &Path) -> Vec<(String, Vec<u8>)> {
    let (_tmp, out) = built(content);
    snapshot(&out)
}

/// What the preview writes of a build: all of it but the archive's books
/// (`print/<meeting>/`, which `build` and `pdf` make, not the preview).
fn previewed_build(content: &Path) -> Vec<(String, Vec<u8>)> {
    let archived = |f: &str| {
        let f = f.strip_prefix("fr/").unwrap_or(f);
        f.starts_with("print/") && f != "print/index.html"
    };
    lone_build(content).into_iter().filter(|(f, _)| !archived(f)).collect()
}

fn spawn_build(content: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", "--content", arg(content), "--out", arg(out)])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

#[test]
fn concurrent_builds_on_one_output_leave_one_whole_build() {
    let content = example_content();
    let expected = lone_build(&content);
    assert!(
        expected.iter().any(|(f, _)| f.starts_with("charts/") && f.ends_with(".svg")),
        "charts are built"
    );
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    // A folder of the user's named like a staging folder: never touched.
    let mine = tmp.path().join(".output.new-mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "mine").unwrap();
    // The same folder, spelt six ways (a link to it among them): one lock.
    fs::create_dir_all(tmp.path().join("sub")).unwrap();
    let mut spellings = vec![
        out.clone(),
        tmp.path().join("./output"),
        tmp.path().join("sub/../output"),
        PathBuf::from(format!("{}/", out.display())),
        tmp.path().join("output/."),
    ];
    let mut expected_names = vec![".output.new-mine", "output", "sub"];
    if cfg!(unix) {
        #[cfg(unix)]
        std::os::unix::fs::symlink("output", tmp.path().join("alias")).unwrap();
        spellings.push(tmp.path().join("alias"));
        expected_names.insert(1, "alias");
    } else {
        spellings.push(out.clone());
    }
    let mut waited = 0;
    for round in 0..3 {
        let children: Vec<Child> = spellings.iter().map(|o| spawn_build(&content, o)).collect();
        for child in children {
            let o = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            assert_eq!(o.status.code(), Some(0), "round {round}: {err}");
            assert!(err.contains("built "), "{err}");
            waited += usize::from(err.contains("waiting for another build that holds"));
        }
        assert_eq!(snapshot(&out), expected, "round {round}: the output is one whole build");
        assert!(out.join(MARKER).is_file());
        assert_eq!(fs::read_to_string(mine.join("notes.txt")).unwrap(), "mine");
        assert_eq!(names(tmp.path()), expected_names, "round {round}: nothing else is left");
    }
    eprintln!("{waited} of 18 builds waited for another");
}

#[test]
fn a_build_waits_while_another_holds_the_output_and_says_so() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    build_ok(&fixture_content("minimal"), &out);
    let before = snapshot(&out);
    // Another writer holds the lock beside the output.
    let lock_path = tmp.path().join(".output.lock");
    let held = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).unwrap();
    held.lock().unwrap();
    let mut child = spawn_build(&example_content(), &out);
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(LONG).expect("a line while waiting");
    assert!(first.starts_with("waiting for another build that holds `"), "{first}");
    assert!(first.ends_with("output`…"), "{first}");
    assert_eq!(child.try_wait().unwrap(), None, "still waiting");
    assert_eq!(snapshot(&out), before, "nothing written while the other holds it");
    held.unlock().unwrap();
    drop(held);
    let status = child.wait().unwrap();
    let rest: Vec<String> = rx.iter().collect();
    assert!(status.success(), "{rest:?}");
    assert_eq!(rest.iter().filter(|l| l.starts_with("waiting")).count(), 0, "said once: {rest:?}");
    assert!(rest.iter().any(|l| l.starts_with("built ")), "{rest:?}");
    assert_eq!(snapshot(&out), lone_build(&example_content()));
    assert!(!lock_path.exists(), "the lock file goes when the build ends");
}

/// A running `briefing serve`, its terminal output collected.
struct Serve {
    child: Child,
    log: Arc<Mutex<(String, bool)>>,
}

impl Serve {
    fn start(content: &Path, out: &Path, env: &[(&str, String)]) -> Serve {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.args(["serve", "--content", arg(content), "--out", arg(out), "--port", "0"])
            .env("NO_COLOR", "1")
            .env_remove("BRIEFING_TIMINGS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the binary starts");
        let log = common::log_stderr(&mut child);
        let mut s = Serve { child, log };
        s.wait_log("(Ctrl-C to stop)", 1);
        s
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().0.clone()
    }

    /// Waits until `needle` has been printed `times` times.
    fn wait_log(&mut self, needle: &str, times: usize) {
        let start = Instant::now();
        loop {
            if self.log().matches(needle).count() >= times {
                return;
            }
            if self.log.lock().unwrap().1 {
                let status = self.child.wait().expect("exit status");
                panic!("the preview exited ({status}) before `{needle}`:\n{}", self.log());
            }
            assert!(start.elapsed() < LONG, "no `{needle}` after {LONG:?}:\n{}", self.log());
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Changes the English title in `site.yaml` (every page shows it).
fn retitle(content: &Path, title: &str) {
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let first = text.lines().find(|l| l.trim_start().starts_with("en:")).unwrap().to_string();
    fs::write(&site, text.replacen(&first, &format!("  en: {title}"), 1)).unwrap();
}

#[test]
fn a_build_beside_the_preview_never_mixes_with_it() {
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    let out = tmp.path().join("output");
    let mut serve = Serve::start(&content, &out, &[]);
    assert!(out.join(MARKER).is_file(), "the preview wrote its first build");
    // Another site built into the same folder while the preview runs.
    assert_eq!(code(&build_ok(&fixture_content("minimal"), &out)), 0);
    retitle(&content, "Retitled committee");
    serve.wait_log("rebuilt in", 1);
    // The next save is written whole: nothing of the other site is left.
    let start = Instant::now();
    while !fs::read_to_string(out.join("index.html")).unwrap_or_default().contains("Retitled committee") {
        assert!(start.elapsed() < LONG, "the save never reached the folder:\n{}", serve.log());
        thread::sleep(Duration::from_millis(50));
    }
    let written = snapshot(&out);
    let wanted: Vec<String> = previewed_build(&content).into_iter().map(|(f, _)| f).collect();
    // The search index's file names hash what the pages say, and a meeting's
    // page links its archived book only where the archive is written.
    let unindexed = |f: &String| !f.starts_with("pagefind/");
    let wanted: Vec<String> = wanted.into_iter().filter(unindexed).collect();
    let names: Vec<String> = written.iter().map(|(f, _)| f.clone()).filter(unindexed).collect();
    assert_eq!(names, wanted, "{}", serve.log());
    let home =
        written.iter().find(|(f, _)| f == "index.html").map(|(_, b)| String::from_utf8_lossy(b)).unwrap();
    assert!(home.contains("Retitled committee"), "the preview's build: {home}");
}

#[test]
fn a_full_disk_while_the_preview_writes_leaves_its_previous_build() {
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    let out = tmp.path().join("output");
    // Every write after those of the first build fails, as on a full disk.
    let first = previewed_build(&content).len() - 1;
    let mut serve = Serve::start(&content, &out, &[("BRIEFING_FAIL_WRITE_AFTER", (first + 1).to_string())]);
    assert!(!serve.log().contains("error"), "the first build was written whole:\n{}", serve.log());
    let before = snapshot(&out);
    assert_eq!(before.len(), first + 1);
    retitle(&content, "Retitled committee");
    serve.wait_log("injected write failure", 1);
    assert_eq!(snapshot(&out), before, "no file changed:\n{}", serve.log());
    let leftovers: Vec<String> =
        list_files(&out).into_iter().filter(|f| f.contains(".briefing-") && f != MARKER).collect();
    assert!(leftovers.is_empty(), "no temporary file is left: {leftovers:?}");
    assert!(serve.log().contains("the preview goes on"), "{}", serve.log());
}

/// Runs `briefing <verb> --content content --out out` (plus `extra`) in `dir`.
fn run_out(dir: &Path, verb: &str, content: &str, out: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![verb, "--content", content, "--out", out];
    args.extend_from_slice(extra);
    if verb == "serve" {
        args.extend_from_slice(&["--port", "0"]);
    }
    briefing().current_dir(dir).args(&args).timeout(LONG).output().unwrap()
}

#[test]
fn an_output_in_or_around_the_inputs_is_refused_before_anything_is_written() {
    let (tmp, content) = temp_copy(&fixture_content("reference"));
    let site = tmp.path();
    fs::create_dir_all(site.join("themes/default/static")).unwrap();
    fs::write(site.join("themes/default/static/extra.css"), "p{}").unwrap();
    fs::create_dir_all(content.join("assets")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(content.join("assets"), site.join("into-content")).unwrap();
    let before = snapshot(site);
    let mut cases = vec![
        ("content/out", "is inside the content folder"),
        ("content/assets/out", "is inside the content folder"),
        ("./content/../content/pages/x", "is inside the content folder"),
        ("content", "is the content folder itself"),
        (".", "contains the content folder"),
        ("..", "contains the content folder"),
        ("themes/default/out", "is inside the theme folder"),
        ("themes", "contains the theme folder"),
        ("/", "is the root folder"),
        ("content/site.yaml", "is a file"),
    ];
    if cfg!(unix) {
        cases.push(("into-content/out", "is inside the content folder"));
        cases.push(("into-content", "is inside the content folder"));
    }
    for verb in ["build", "serve"] {
        for (out, words) in &cases {
            let o = run_out(site, verb, "content", out, &[]);
            let err = stderr(&o);
            assert_eq!(code(&o), 1, "{verb} --out {out}: {err}");
            assert!(err.contains(words), "{verb} --out {out}: {err}");
            assert!(err.contains("hint: choose"), "{verb} --out {out}: {err}");
            assert_eq!(snapshot(site), before, "{verb} --out {out} wrote something");
        }
    }
    // Absolute paths, and `--theme` named: the same.
    let abs_out = content.join("out");
    let o = run_out(site, "build", arg(&content), arg(&abs_out), &[]);
    assert!(stderr(&o).contains("is inside the content folder"), "{}", stderr(&o));
    let o = run_out(site, "build", "content", "mytheme/out", &["--theme", "mytheme"]);
    assert!(stderr(&o).contains("is inside the theme folder"), "{}", stderr(&o));
    // Beside the content, all is well.
    let o = run_out(site, "build", "content", "output", &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(site.join("output").join(MARKER).is_file());
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_written_through() {
    let tmp = tempfile::TempDir::new().unwrap();
    let target = tmp.path().join("sites/briefing-2021");
    let link = tmp.path().join("output");
    fs::create_dir_all(tmp.path().join("sites")).unwrap();
    std::os::unix::fs::symlink("sites/briefing-2021", &link).unwrap();
    build_ok(&fixture_content("minimal"), &link);
    build_ok(&example_content(), &link);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("sites/briefing-2021"));
    assert_eq!(snapshot(&target), lone_build(&example_content()), "the folder it leads to holds the build");
    assert_eq!(names(&tmp.path().join("sites")), ["briefing-2021"], "nothing is left beside it");
    // A link to nowhere yet: the folder is made where it leads.
    let dangling = tmp.path().join("later");
    std::os::unix::fs::symlink("sites/later", &dangling).unwrap();
    build_ok(&fixture_content("minimal"), &dangling);
    assert!(tmp.path().join("sites/later").join(MARKER).is_file());
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(p).unwrap().ino()
}

/// Builds with the hook that makes the output folder one that cannot be
/// renamed, as a mount point.
fn build_in_place(content: &Path, out: &Path, extra_env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = briefing();
    cmd.args(["build", "--content", arg(content), "--out", arg(out)]).env("BRIEFING_OUT_IN_PLACE", "1");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[cfg(unix)]
#[test]
fn an_output_that_cannot_be_renamed_is_swapped_inside() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    fs::create_dir_all(&out).unwrap();
    let folder = inode(&out);
    for content in [fixture_content("minimal"), example_content(), fixture_content("reference")] {
        let o = build_in_place(&content, &out, &[]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(snapshot(&out), lone_build(&content), "one whole build of {}", content.display());
        assert_eq!(inode(&out), folder, "the folder itself stays");
    }
    // A failing write leaves the previous build, and nothing of its own.
    let before = snapshot(&out);
    let o = build_in_place(&example_content(), &out, &[("BRIEFING_FAIL_WRITE_AFTER", "5")]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("injected write failure"), "{}", stderr(&o));
    assert_eq!(snapshot(&out), before);
    assert!(names(&out).iter().all(|n| !n.starts_with(".briefing-new") && !n.starts_with(".briefing-old")));
    // Concurrent builds in place: one whole build.
    let children: Vec<Child> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_briefing"))
                .args(["build", "--content", arg(&example_content()), "--out", arg(&out)])
                .env("BRIEFING_OUT_IN_PLACE", "1")
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(snapshot(&out), lone_build(&example_content()));
}

#[test]
fn a_file_a_missing_parent_and_a_foreign_folder_get_clear_answers() {
    let tmp = tempfile::TempDir::new().unwrap();
    let content = fixture_content("minimal");
    // A parent folder that does not exist yet is made.
    let deep = tmp.path().join("a/b/output");
    build_ok(&content, &deep);
    assert!(deep.join(MARKER).is_file());
    // A parent that is a file: a plain error naming it, nothing written.
    fs::write(tmp.path().join("plain"), "x").unwrap();
    let o = run(&["build", "--content", arg(&content), "--out", arg(&tmp.path().join("plain/output"))]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("plain"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(tmp.path().join("plain")).unwrap(), "x");
    // A folder of the user's: refused, left as it was.
    let theirs = tmp.path().join("theirs");
    fs::create_dir_all(&theirs).unwrap();
    fs::write(theirs.join("thesis.tex"), "t").unwrap();
    let o = run(&["build", "--content", arg(&content), "--out", arg(&theirs)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("was not written by briefing"), "{}", stderr(&o));
    assert_eq!(names(&theirs), ["thesis.tex"]);
}

/// A real mount point, which cannot be renamed: run as root with
/// `cargo test --test output -- --ignored`.
#[cfg(target_os = "linux")]
#[test]
#[ignore = "mounts a tmpfs, which needs root"]
fn a_mount_point_is_swapped_inside() {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    fs::create_dir_all(&out).unwrap();
    let mounted =
        Command::new("mount").args(["-t", "tmpfs", "-o", "size=16m", "none", arg(&out)]).status().unwrap();
    assert!(mounted.success(), "mount a tmpfs (as root)");
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(out.clone());
    for content in [example_content(), fixture_content("minimal"), fixture_content("reference")] {
        let o = briefing().args(["build", "--content", arg(&content), "--out", arg(&out)]).output().unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(snapshot(&out), lone_build(&content), "one whole build of {}", content.display());
    }
    assert_eq!(names(tmp.path()), ["output"], "nothing left beside the mount point");
}

/// `s` percent-decoded, as a browser reads a link.
fn decode(s: &str) -> String {
    let mut out = Vec::new();
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex: String = bytes.by_ref().take(2).map(char::from).collect();
            out.push(u8::from_str_radix(&hex, 16).unwrap());
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn assets_with_any_name_are_linked_to_themselves() {
    // Names a browser reads otherwise unencoded: `#` ends the path, `%20`
    // is a space, `?` starts a query; and letters outside ASCII.
    let (_tmp, content) = temp_copy(&example_content());
    let assets = content.join("assets");
    fs::create_dir_all(assets.join("sub dir")).unwrap();
    let files = [
        ("a#b.png", "../assets/a%23b.png"),
        ("a b.png", "<../assets/a b.png>"),
        ("a%20b.png", "../assets/a%2520b.png"),
        ("q?x.pdf", "../assets/q%3Fx.pdf"),
        ("é&.pdf", "../assets/%C3%A9&.pdf"),
        ("sub dir/c#.pdf", "<../assets/sub dir/c%23.pdf>"),
    ];
    let mut body = String::from("\n");
    for (i, (name, link)) in files.iter().enumerate() {
        fs::write(assets.join(name), format!("file {i}")).unwrap();
        body.push_str(&format!("- [file {i}]({link})\n"));
    }
    let page = content.join("pages/background.md");
    fs::write(&page, read(&page) + &body).unwrap();
    let (_tmp2, out) = built(&content);
    assert_eq!(broken_links(&out), Vec::<String>::new());
    let html = read(&out.join("pages/background/index.html"));
    for (i, (name, _)) in files.iter().enumerate() {
        // The link's target, decoded as a browser does, is this very file.
        let at = html.find(&format!(">file {i}</a>")).unwrap();
        let start = html[..at].rfind("href=\"").unwrap() + 6;
        let href = &html[start..at - 1];
        assert!(!href.contains(['#', ' ', '?']), "{name}: `{href}` is not encoded");
        let decoded = decode(href);
        let file = out.join("pages/background").join(&decoded);
        assert_eq!(read(&file), format!("file {i}"), "{name} is linked as `{href}`");
    }
}

#[test]
fn names_that_differ_only_in_case_are_refused() {
    // Made here rather than kept as a fixture: a checkout on macOS or
    // Windows could not hold both files.
    let (_tmp, content) = temp_copy(&example_content());
    fs::create_dir_all(content.join("assets/img")).unwrap();
    for name in ["assets/Map.png", "assets/map.png", "assets/MAP.png", "assets/img/x.pdf", "assets/img/X.PDF"]
    {
        fs::write(content.join(name), name).unwrap();
    }
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 1);
    let diags = parse_diags(&stdout(&o));
    let mut refused: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d.code == "bad-file-name")
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    refused.sort();
    assert_eq!(refused.len(), 3, "{diags:?}");
    // The first in the folder's order is kept; each other is named with it.
    assert_eq!(
        refused[0],
        (
            "assets/Map.png",
            "`assets/Map.png` and `assets/MAP.png` differ only in case: on macOS and Windows they are one file"
        )
    );
    assert_eq!(refused[1].0, "assets/img/x.pdf");
    assert!(refused[1].1.contains("`assets/img/X.PDF`"), "{refused:?}");
    assert_eq!(refused[2].0, "assets/map.png", "{refused:?}");
    assert!(diags.iter().all(|d| d.code == "bad-file-name"), "{diags:?}");
}
