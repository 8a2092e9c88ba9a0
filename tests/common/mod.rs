//! Helpers shared by the integration tests: fixture paths, temporary copies,
//! running the binary, listing output files and checking links.
//!
//! Each test file uses only part of this module.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The content folder of a valid fixture: `tests/fixtures/<name>/content`.
pub fn fixture_content(name: &str) -> PathBuf {
    fixture(name).join("content")
}

/// The content folder of an invalid case: `tests/fixtures/invalid/<case>/content`.
pub fn invalid_content(case: &str) -> PathBuf {
    fixture("invalid").join(case).join("content")
}

/// The example committee shipped in the repository.
pub fn example_content() -> PathBuf {
    repo().join("content")
}

/// Every case folder under `tests/fixtures/invalid/`, sorted.
pub fn invalid_cases() -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(fixture("invalid"))
        .expect("tests/fixtures/invalid exists")
        .map(|e| e.expect("readable entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

/// Copies the folder `from` into `to` (created), recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("readable entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("copy {}: {e}", target.display()));
        }
    }
}

/// A temporary folder holding a copy of `content` at `<tmp>/content`.
pub fn temp_copy(content: &Path) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().expect("temp dir");
    let dest = tmp.path().join("content");
    copy_dir(content, &dest);
    (tmp, dest)
}

/// The binary, with colours off and the timing report off.
pub fn briefing() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.env("NO_COLOR", "1").env_remove("BRIEFING_TIMINGS").env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// Runs the binary with `args` in the repository root.
pub fn run(args: &[&str]) -> Output {
    briefing().current_dir(repo()).args(args).output().expect("the binary runs")
}

/// Runs the binary with `args` (paths included) in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    briefing().current_dir(dir).args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

/// A path as a `&str` argument.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// `briefing check --content . --format json` run inside `content`, plus
/// `extra` flags: diagnostics name files relative to the current directory,
/// so here relative to the content folder (`groups/health.yaml`).
pub fn check_json(content: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--content", ".", "--format", "json"];
    args.extend_from_slice(extra);
    run_in(content, &args)
}

/// `briefing build --content <content> --out <out>`; panics unless it succeeds.
pub fn build_ok(content: &Path, out: &Path) -> Output {
    let o = run(&["build", "--content", arg(content), "--out", arg(out)]);
    assert_eq!(code(&o), 0, "build of {} failed:\n{}{}", content.display(), stdout(&o), stderr(&o));
    o
}

/// A built copy of a content folder: the temp dir and its `output` folder.
pub fn built(content: &Path) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("output");
    build_ok(content, &out);
    (tmp, out)
}

/// One diagnostic as printed by `--format json`.
#[derive(Debug, Clone)]
pub struct Diag {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub severity: String,
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
}

/// Parses JSON lines, asserting each is an object with the required keys.
pub fn parse_diags(stdout: &str) -> Vec<Diag> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            let obj = v.as_object().unwrap_or_else(|| panic!("not a JSON object: {line}"));
            for key in ["file", "line", "column", "severity", "code", "message"] {
                assert!(obj.contains_key(key), "key `{key}` missing in {line}");
            }
            let s = |k: &str| {
                obj[k].as_str().unwrap_or_else(|| panic!("`{k}` is not a string in {line}")).to_string()
            };
            let n = |k: &str| obj[k].as_u64().unwrap_or_else(|| panic!("`{k}` is not a number in {line}"));
            Diag {
                file: s("file"),
                line: n("line"),
                column: n("column"),
                severity: s("severity"),
                code: s("code"),
                message: s("message"),
                hint: obj.get("hint").map(|h| h.as_str().expect("hint is a string").to_string()),
            }
        })
        .collect()
}

/// Every file below `dir`, relative with `/` separators, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let entry = entry.expect("readable entry");
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("below root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every HTML page below `dir`, relative, sorted.
pub fn html_pages(dir: &Path) -> Vec<String> {
    list_files(dir).into_iter().filter(|f| f.ends_with(".html")).collect()
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The values of every `href="…"` and `src="…"` attribute in `html`.
pub fn link_targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href", "src"] {
        let needle = format!("{attr}=\"");
        let mut from = 0;
        while let Some(i) = html[from..].find(&needle) {
            let start = from + i;
            from = start + needle.len();
            // An attribute name starts after whitespace: skip `data-href`, `xlink:href` stays valid.
            let before = html[..start].chars().last();
            if !matches!(before, Some(c) if c.is_whitespace() || c == ':') {
                continue;
            }
            let Some(end) = html[from..].find('"') else { break };
            out.push(unescape(&html[from..from + end]));
            from += end;
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&#x2F;", "/").replace("&#47;", "/").replace("&quot;", "\"")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every relative `href`/`src` of every HTML page below `out` that does not
/// lead to a file of the output: `page -> target` for each broken one.
/// External links (`http:`, `https:`, `mailto:`) and in-page `#anchors` are
/// skipped; a link to a folder is broken (it does not work from file://).
pub fn broken_links(out: &Path) -> Vec<String> {
    let files: BTreeSet<String> = list_files(out).into_iter().collect();
    let mut broken = Vec::new();
    for page in html_pages(out) {
        let html = read(&out.join(&page));
        for target in link_targets(&html) {
            let lower = target.to_ascii_lowercase();
            if target.is_empty()
                || target.starts_with('#')
                || lower.starts_with("http:")
                || lower.starts_with("https:")
                || lower.starts_with("mailto:")
            {
                continue;
            }
            let path = target.split(['#', '?']).next().unwrap_or("");
            let mut parts: Vec<String> = page.split('/').map(str::to_string).collect();
            parts.pop();
            let mut escaped = path.starts_with('/');
            for seg in percent_decode(path).split('/') {
                match seg {
                    "" | "." => {}
                    ".." => {
                        if parts.pop().is_none() {
                            escaped = true;
                        }
                    }
                    s => parts.push(s.to_string()),
                }
            }
            let resolved = parts.join("/");
            if escaped || !files.contains(&resolved) {
                broken.push(format!("{page} -> {target} (resolved to `{resolved}`)"));
            }
        }
    }
    broken
}

/// How often `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// What a running child prints on its standard error (piped), gathered line
/// by line as it comes, and whether it has closed that stream.
pub fn log_stderr(child: &mut std::process::Child) -> std::sync::Arc<std::sync::Mutex<(String, bool)>> {
    use std::io::BufRead;
    let log = std::sync::Arc::new(std::sync::Mutex::new((String::new(), false)));
    let stderr = child.stderr.take().expect("stderr is piped");
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let mut l = sink.lock().unwrap();
            l.0.push_str(&line);
            l.0.push('\n');
        }
        sink.lock().unwrap().1 = true;
    });
    log
}

/// What a Python script (`python3 -c`) prints about `files`, asserting it
/// succeeded (`what` names the library it checks with, for the failure).
pub fn python_prints(what: &str, script: &str, files: &[PathBuf]) -> String {
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(files.iter().map(|f| f.as_os_str()))
        .output()
        .expect("python3");
    assert!(o.status.success(), "python {what}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).to_string()
}
