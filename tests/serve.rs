//! `briefing serve`: the live preview, driven over loopback with a small
//! HTTP/1.1 client written on `std::net::TcpStream`. Each test starts its own
//! server on a free port (`--port 0`) over a temporary copy of the reference
//! fixture. Timeouts are generous and nothing asserts on speed.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

const LONG: Duration = Duration::from_secs(60);
const MEETING: &str = "meetings/2021-05-26.md";
const MEETING_PAGE: &str = "/meetings/2021-05-26/index.html";

/// A running `briefing serve` over a temporary copy of a content folder.
struct Server {
    child: Child,
    port: u16,
    /// Everything printed on stderr so far, and whether it has ended.
    log: Arc<Mutex<(String, bool)>>,
    tmp: TempDir,
    content: PathBuf,
    out: PathBuf,
}

impl Server {
    /// Serves a copy of the reference fixture; `setup` may add files first.
    fn start_with(setup: impl FnOnce(&Path)) -> Server {
        Server::start_env(setup, &[])
    }

    /// [`Server::start_with`], with more variables in the environment.
    fn start_env(setup: impl FnOnce(&Path), env: &[(&str, &str)]) -> Server {
        let (tmp, content) = common::temp_copy(&common::fixture_content("reference"));
        setup(tmp.path());
        let out = tmp.path().join("output");
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["serve", "--content", common::arg(&content), "--out", common::arg(&out), "--port", "0"])
            .env("NO_COLOR", "1")
            .env_remove("BRIEFING_TIMINGS")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let log = common::log_stderr(&mut child);
        let mut server = Server { child, port: 0, log, tmp, content, out };
        let line = server.wait_log("(Ctrl-C to stop)");
        let addr = line
            .split("at http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in `{line}`"));
        assert!(addr.starts_with("127.0.0.1:"), "serves on loopback by default: {line}");
        server.port = addr.rsplit(':').next().unwrap().parse().expect("a port number");
        assert!(
            line.starts_with(&format!("serving {} at http://127.0.0.1:", server.content.display())),
            "{line}"
        );
        server
    }

    fn start() -> Server {
        Server::start_with(|_| {})
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().0.clone()
    }

    /// Waits for a line of the terminal output containing `needle`.
    fn wait_log(&mut self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.log().lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            if self.log.lock().unwrap().1 {
                let status = self.child.wait().expect("exit status");
                panic!("the server exited ({status}) without printing `{needle}`:\n{}", self.log());
            }
            assert!(start.elapsed() < LONG, "no `{needle}` after {LONG:?}:\n{}", self.log());
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    /// Polls `path` until `ok` holds for the response.
    fn poll(&self, path: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(
                start.elapsed() < LONG,
                "{what}: GET {path} still gives {} after {LONG:?}:\n{}\n--- log:\n{}",
                r.status,
                r.body,
                self.log()
            );
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn content_file(&self, rel: &str) -> PathBuf {
        self.content.join(rel)
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("process status").is_none()
    }

    /// The terminal lines so far that report a build.
    fn builds(&self) -> usize {
        self.log().lines().filter(|l| l.starts_with("rebuilt in") || l.starts_with("build failed")).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    /// Header lines, names lowercased: `name: value`.
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect to the server");
    s.set_read_timeout(Some(LONG)).unwrap();
    s.set_write_timeout(Some(LONG)).unwrap();
    s
}

/// One HTTP/1.1 request with `Connection: close`; the path is sent as is.
fn request(port: u16, method: &str, path: &str) -> Response {
    let mut s = connect(port);
    write!(s, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = unchunk(&body);
    }
    Response { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
    out
}

/// A client of the live-reload event stream.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = connect(port);
        write!(
            stream,
            "GET /__briefing/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut e = Events { stream, seen: String::new() };
        let head = e.wait_for("event: hello");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.to_ascii_lowercase().contains("content-type: text/event-stream"), "{head}");
        e
    }

    /// Reads until `needle` has arrived; returns what came up to it.
    fn wait_for(&mut self, needle: &str) -> String {
        let start = Instant::now();
        let mut buf = [0u8; 4096];
        loop {
            if let Some(i) = self.seen.find(needle) {
                let upto = self.seen[..i].to_string();
                self.seen = self.seen[i + needle.len()..].to_string();
                return upto;
            }
            assert!(
                start.elapsed() < LONG,
                "no `{needle}` on the event stream after {LONG:?}: {}",
                self.seen
            );
            let n = self.stream.read(&mut buf).expect("the event stream stays open");
            assert!(n > 0, "the event stream ended: {}", self.seen);
            self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
}

/// Appends `text` to a content file.
fn append(path: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).expect("open for append");
    f.write_all(text.as_bytes()).expect("append");
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = common::read(path);
    assert!(text.contains(from), "`{from}` not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn serves_the_dashboard_with_the_reload_script_and_files_with_their_types() {
    let s = Server::start();
    let home = s.get("/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.body.contains("Canada-U.S. Joint Action Plan on Opioids"), "the dashboard: {}", home.body);
    assert!(home.body.contains("<script src=\"/__briefing/reload.js\""), "the reload script is injected");
    let index = s.get("/index.html");
    assert_eq!(index.status, 200);
    // The files on disk stay as `briefing build` writes them: the search's
    // script only.
    let on_disk = common::read(&s.out.join("index.html"));
    assert!(!on_disk.contains("__briefing"), "the output folder has no reload script");
    assert_eq!(on_disk.matches("<script").count(), 1, "the static output has the search's script alone");
    assert!(on_disk.contains("<script defer src=\"static/search.js\"></script>"), "{on_disk}");

    let css = s.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").is_some_and(|t| t.starts_with("text/css")), "{:?}", css.headers);
    assert!(!css.body.contains("__briefing"), "only HTML gets the script");
    let chart = common::list_files(&s.out)
        .into_iter()
        .find(|f| f.starts_with("charts/") && f.ends_with(".svg"))
        .expect("a chart file");
    let svg = s.get(&format!("/{chart}"));
    assert_eq!((svg.status, svg.header("content-type")), (200, Some("image/svg+xml")));
    let font = s.get("/static/fonts/NotoSans-Regular.ttf");
    assert_eq!((font.status, font.header("content-type")), (200, Some("font/ttf")));
    let script = s.get("/__briefing/reload.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"), "{}", script.body);

    let folder = s.get("/groups/");
    assert_eq!(folder.status, 200, "a folder serves its index.html");
    let bare = s.get("/groups");
    assert_eq!((bare.status, bare.header("location")), (308, Some("/groups/")));
    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "an unknown path serves 404.html: {}", missing.body);
    assert_eq!(request(s.port, "POST", "/").status, 405);
}

#[test]
fn paths_outside_the_site_are_refused() {
    let s = Server::start();
    // A link planted in the output folder: the server serves its in-memory
    // build only, so neither it nor anything it points to can be reached.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(s.content_file("site.yaml"), s.out.join("leak.yaml")).unwrap();
        std::os::unix::fs::symlink("/", s.out.join("root")).unwrap();
    }
    let cargo = common::read(&common::repo().join("Cargo.toml"));
    assert!(cargo.contains("[package]"));
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/..%2fCargo.toml",
        "/static/..%2f..%2fsite.yaml",
        "/static/../../site.yaml",
        "/static/%2e%2e/%2e%2e/site.yaml",
        "/..%5cCargo.toml",
        "/..\\Cargo.toml",
        "//etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/leak.yaml",
        "/root/etc/passwd",
        "/.briefing-output",
    ] {
        let r = s.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {} {}", r.status, r.body);
        for secret in ["[package]", "parties:", "root:x:0:0", "generated by briefing"] {
            assert!(!r.body.contains(secret), "{path} gave away a file: {}", r.body);
        }
    }
    assert!(s.get("/").status == 200, "the server still serves");
}

#[test]
fn an_edited_meeting_note_is_rebuilt_and_open_pages_reload() {
    let mut s = Server::start();
    let mut events = Events::open(s.port);
    let before = s.get(MEETING_PAGE);
    assert_eq!(before.status, 200);
    assert!(!before.body.contains("Live preview marker"));
    append(&s.content_file(MEETING), "\nLive preview marker 4711.\n");
    s.poll(MEETING_PAGE, "the edit shows", |r| {
        r.status == 200 && r.body.contains("Live preview marker 4711")
    });
    events.wait_for("event: reload");
    let line = s.wait_log("rebuilt in ");
    assert!(line.contains(" ms (") && line.contains("changed"), "{line}");
    // The good build is also on disk, without the script.
    let page = s.out.join(MEETING_PAGE.trim_start_matches('/'));
    let start = Instant::now();
    while !common::read(&page).contains("Live preview marker 4711") {
        assert!(start.elapsed() < LONG, "the output folder was not updated");
        thread::sleep(Duration::from_millis(100));
    }
    assert!(!common::read(&page).contains("__briefing"));
    assert!(s.alive());
}

/// The hash Pagefind's entry file gives a language's index.
fn index_hash(entry: &str, lang: &str) -> String {
    let at =
        entry.find(&format!("\"{lang}\":{{\"hash\":\"")).unwrap_or_else(|| panic!("no {lang} in {entry}"));
    entry[at..].split('"').nth(5).expect("a hash").to_string()
}

#[test]
fn the_search_index_follows_an_edit_once_the_saves_stop_without_holding_up_the_rebuild() {
    let mut s = Server::start();
    let entry = "/pagefind/pagefind-entry.json";
    let before = s.get(entry);
    assert_eq!(before.status, 200, "the first build serves a search index");
    let en = index_hash(&before.body, "en");
    assert!(!index_hash(&before.body, "fr").is_empty(), "both languages are indexed");
    append(&s.content_file(MEETING), "\nA word found nowhere else: quizzically.\n");
    let after =
        s.poll(entry, "the index is made again", |r| r.status == 200 && index_hash(&r.body, "en") != en);
    let log = s.wait_log("search index updated in ");
    assert!(log.contains(" ms (") && log.contains("files)"), "{log}");
    let lines: Vec<String> = s.log().lines().map(String::from).collect();
    let rebuilt = lines.iter().position(|l| l.starts_with("rebuilt in ")).expect("a rebuild line");
    let indexed =
        lines.iter().position(|l| l.starts_with("search index updated in ")).expect("an index line");
    assert!(rebuilt < indexed, "the rebuild did not wait for the index:\n{}", s.log());
    // The output folder gets the new index too.
    let on_disk = s.out.join("pagefind/pagefind-entry.json");
    let start = Instant::now();
    while common::read(&on_disk) != after.body {
        assert!(start.elapsed() < LONG, "the output folder's index was not updated");
        thread::sleep(Duration::from_millis(100));
    }
    assert!(s.alive());
}

#[test]
fn an_invalid_edit_shows_the_diagnostics_until_it_is_fixed() {
    let mut s = Server::start();
    let meeting = s.content_file(MEETING);
    let text = common::read(&meeting);
    let line =
        text.lines().position(|l| l == "format: virtual").expect("the meeting has `format: virtual`") + 1;
    let good_on_disk = common::read(&s.out.join("index.html"));
    let mut events = Events::open(s.port);

    replace_in(&meeting, "format: virtual", "format: virtuel");
    let place = format!("{MEETING}:{line}:9");
    let overlay = s.poll("/", "the error page", |r| r.body.contains(&place));
    assert_eq!(overlay.status, 500);
    assert!(overlay.body.contains("virtuel"), "the message: {}", overlay.body);
    assert!(overlay.body.contains("did you mean `virtual`?"), "the hint: {}", overlay.body);
    assert!(overlay.body.contains("<pre>"), "the snippet: {}", overlay.body);
    assert!(overlay.body.contains("/__briefing/reload.js"), "the error page reloads too");
    let other = s.get(MEETING_PAGE);
    assert!(other.body.contains(&place), "every page shows the error, not a stale page");
    events.wait_for("event: reload");
    s.wait_log("build failed");
    assert!(s.log().contains(&place), "the terminal shows the diagnostic:\n{}", s.log());
    assert_eq!(
        common::read(&s.out.join("index.html")),
        good_on_disk,
        "a failed build leaves the output as it was"
    );
    assert!(s.get("/static/style.css").status == 200, "files still come from the last good build");

    replace_in(&meeting, "format: virtuel", "format: virtual");
    let fixed = s.poll("/", "the page is back", |r| r.status == 200);
    assert!(!fixed.body.contains(&place));
    assert!(fixed.body.contains("Canada-U.S. Joint Action Plan on Opioids"));
    events.wait_for("event: reload");
}

#[test]
fn a_theme_edit_is_picked_up() {
    let mut s = Server::start_with(|root| {
        let dir = root.join("themes/default/static");
        std::fs::create_dir_all(&dir).unwrap();
        let css = common::read(&common::repo().join("themes/default/static/style.css"));
        std::fs::write(dir.join("style.css"), css).unwrap();
    });
    let css = s.tmp.path().join("themes/default/static/style.css");
    append(&css, "\n/* theme marker 8123 */\n");
    s.poll("/static/style.css", "the theme edit shows", |r| r.body.contains("theme marker 8123"));
    assert!(s.alive());
}

#[test]
fn editor_leftovers_do_not_trigger_rebuilds() {
    let mut s = Server::start();
    let meetings = s.content_file("meetings");
    let leftovers = [".2021-05-26.md.swp", "2021-05-26.md~", "4913", ".#2021-05-26.md", "#2021-05-26.md#"];
    for name in leftovers {
        std::fs::write(meetings.join(name), "temporary").unwrap();
    }
    thread::sleep(Duration::from_secs(2));
    for name in leftovers {
        std::fs::remove_file(meetings.join(name)).unwrap();
    }
    thread::sleep(Duration::from_secs(1));
    assert_eq!(s.builds(), 0, "a leftover caused a rebuild:\n{}", s.log());
    // A real save still does.
    append(&s.content_file(MEETING), "\nOne more line.\n");
    s.wait_log("rebuilt in ");
}

#[test]
fn a_browser_that_drops_its_event_stream_does_not_stop_the_server() {
    let mut s = Server::start();
    for _ in 0..10 {
        // Connected, then gone without a word.
        let e = Events::open(s.port);
        drop(e);
        // Gone halfway through the request.
        let mut half = connect(s.port);
        half.write_all(b"GET /__briefing/events HTTP/1.1\r\nHost: 127.").unwrap();
        let _ = half.shutdown(Shutdown::Both);
    }
    // A stream whose reader stopped reading while a reload is sent to it.
    let stalled = Events::open(s.port);
    append(&s.content_file(MEETING), "\nAfter the drops.\n");
    s.poll(MEETING_PAGE, "the edit shows", |r| r.body.contains("After the drops."));
    let _ = stalled.stream.shutdown(Shutdown::Both);
    drop(stalled);
    assert!(s.alive(), "the server survived:\n{}", s.log());
    assert_eq!(s.get("/").status, 200);
    let mut fresh = Events::open(s.port);
    append(&s.content_file(MEETING), "\nOnce more.\n");
    fresh.wait_for("event: reload");
}

/// Reads `s` to its end: true when the server closed it (an end or a reset)
/// within [`LONG`].
fn closed_by_server(s: &mut TcpStream) -> bool {
    let start = Instant::now();
    let mut buf = [0u8; 4096];
    while start.elapsed() < LONG {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                return false;
            }
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn held_event_streams_never_take_the_connections_pages_need() {
    let mut s = Server::start();
    // More streams than the server has connections (256), each held open
    // by a page that never goes away.
    let mut streams: Vec<Events> = (0..260).map(|_| Events::open(s.port)).collect();
    let page = s.get("/");
    assert_eq!(page.status, 200, "a page is still served beside 260 streams");
    assert!(page.body.contains("/__briefing/reload.js"));
    // The oldest streams were closed with their connections, the newest
    // (at most a quarter of the connections) still listen.
    let newest = streams.split_off(260 - 16);
    for (i, e) in streams.iter_mut().take(260 - 64).enumerate() {
        assert!(closed_by_server(&mut e.stream), "stream {i} of 260 is still open");
    }
    append(&s.content_file(MEETING), "\nBeside the streams.\n");
    for mut e in newest {
        e.wait_for("event: reload");
    }
    assert!(s.alive(), "{}", s.log());
}

#[test]
#[cfg(unix)]
fn ctrl_c_stops_the_server_cleanly() {
    let mut s = Server::start();
    // An open event stream must not keep the server from stopping.
    let _events = Events::open(s.port);
    let status = Command::new("kill").args(["-INT", &s.child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let start = Instant::now();
    let code = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "still running after SIGINT:\n{}", s.log());
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code.code(), Some(0), "{}", s.log());
    s.wait_log("stopped");
}

/// The page file whose presence makes a rebuild panic (debug builds only).
const BOOM: &str = "pages/boom.md";
const PANIC_LINE: &str = "internal error while rebuilding: BRIEFING_PANIC_ON";

fn write_boom(content: &Path) {
    std::fs::create_dir_all(content.join("pages")).unwrap();
    std::fs::write(content.join(BOOM), "---\ntitle: {en: Boom}\n---\nBoom.\n").unwrap();
}

#[test]
fn a_rebuild_that_panics_is_reported_and_the_next_save_rebuilds() {
    let mut s = Server::start_env(|_| {}, &[("BRIEFING_PANIC_ON", BOOM)]);
    let mut events = Events::open(s.port);
    write_boom(&s.content);
    let page = s.poll("/", "the internal error page", |r| r.body.contains("internal error while rebuilding"));
    assert_eq!(page.status, 500);
    assert!(page.body.contains("please report it"), "{}", page.body);
    assert!(page.body.contains("/__briefing/reload.js"), "the error page reloads too");
    events.wait_for("event: reload");
    let line = s.wait_log(PANIC_LINE);
    assert!(line.ends_with("(please report it); the preview keeps watching"), "{line}");
    assert!(s.alive());
    assert_eq!(s.get("/static/style.css").status, 200, "files still come from the last good build");

    // Another save while the defect holds: reported again, still serving.
    append(&s.content_file(MEETING), "\nStill broken.\n");
    let start = Instant::now();
    while s.log().matches(PANIC_LINE).count() < 2 {
        assert!(start.elapsed() < LONG, "the second save was not rebuilt:\n{}", s.log());
        thread::sleep(Duration::from_millis(100));
    }

    // The file goes and a later save rebuilds, from fresh caches.
    std::fs::remove_file(s.content_file(BOOM)).unwrap();
    append(&s.content_file(MEETING), "\nAfter the panic 5150.\n");
    let fixed = s.poll(MEETING_PAGE, "the fixed save shows", |r| {
        r.status == 200 && r.body.contains("After the panic 5150")
    });
    assert!(!fixed.body.contains("internal error"), "{}", fixed.body);
    assert_eq!(s.poll("/", "the dashboard is back", |r| r.status == 200).status, 200);
    events.wait_for("event: reload");
    let on_disk = s.out.join(MEETING_PAGE.trim_start_matches('/'));
    let start = Instant::now();
    while !common::read(&on_disk).contains("After the panic 5150") {
        assert!(start.elapsed() < LONG, "the output folder was not updated after the panic");
        thread::sleep(Duration::from_millis(100));
    }
    assert!(s.alive());
}

#[test]
fn a_first_build_that_panics_still_starts_the_preview() {
    let mut s = Server::start_env(|root| write_boom(&root.join("content")), &[("BRIEFING_PANIC_ON", BOOM)]);
    let line = s.wait_log(PANIC_LINE);
    assert!(line.contains("the preview keeps watching"), "{line}");
    let page = s.get("/");
    assert_eq!(page.status, 500);
    assert!(page.body.contains("internal error while rebuilding"), "{}", page.body);
    std::fs::remove_file(s.content_file(BOOM)).unwrap();
    let home = s.poll("/", "the site once the file is gone", |r| r.status == 200);
    assert!(home.body.contains("Canada-U.S. Joint Action Plan on Opioids"), "{}", home.body);
    assert!(s.alive());
}

/// The largest amount of memory the process has held, from /proc (Linux).
fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_large_asset_is_streamed_from_disk_not_held_in_memory() {
    const SIZE: u64 = 256 * 1024 * 1024;
    let mut s = Server::start_with(|root| {
        let assets = root.join("content/assets");
        std::fs::create_dir_all(&assets).unwrap();
        // Sparse: 256 MiB on paper, nothing on disk until written.
        let f = std::fs::File::create(assets.join("large.bin")).unwrap();
        f.set_len(SIZE).unwrap();
        std::fs::write(assets.join("small.txt"), "a small asset\n").unwrap();
    });
    let small = s.get("/assets/small.txt");
    assert_eq!((small.status, small.body.as_str()), (200, "a small asset\n"));
    assert_eq!(small.header("content-length"), Some("14"));

    let mut c = connect(s.port);
    write!(c, "GET /assets/large.bin HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", s.port)
        .unwrap();
    let mut total = 0u64;
    let mut head = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = c.read(&mut buf).expect("read the asset");
        if n == 0 {
            break;
        }
        if head.windows(4).any(|w| w == b"\r\n\r\n") {
            total += n as u64;
        } else {
            head.extend_from_slice(&buf[..n]);
            if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                total += (head.len() - end - 4) as u64;
            }
        }
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains(&format!("content-length: {SIZE}")), "{head}");
    assert!(head.contains("content-type: application/octet-stream"), "{head}");
    assert_eq!(total, SIZE, "the whole asset arrives");
    assert_eq!(
        std::fs::metadata(s.out.join("assets/large.bin")).unwrap().len(),
        SIZE,
        "and is in the output"
    );
    if let Some(peak) = peak_memory_kib(s.child.id()) {
        // Held whole, the asset alone would be more than this (the rest of
        // the preview, two languages indexed side by side included, takes
        // about 100 MiB in a debug build).
        assert!(peak < SIZE / 1024, "the preview held {peak} KiB at its peak for a {SIZE}-byte asset");
    }
    assert!(s.alive());
}

#[test]
fn connections_that_do_not_finish_their_request_are_closed() {
    let mut s = Server::start();
    let mut partial = connect(s.port);
    partial.write_all(b"GET /index.html HTT").unwrap();
    let mut headers_only = connect(s.port);
    write!(headers_only, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Slow: ", s.port).unwrap();
    let mut silent = connect(s.port);
    // More idle connections than the preview serves at once (256).
    let crowd: Vec<TcpStream> = (0..300).map(|_| connect(s.port)).collect();
    #[cfg(target_os = "linux")]
    {
        let sockets = || {
            std::fs::read_dir(format!("/proc/{}/fd", s.child.id()))
                .map(|d| {
                    d.filter_map(Result::ok)
                        .filter(|e| {
                            std::fs::read_link(e.path())
                                .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
                        })
                        .count()
                })
                .unwrap_or(0)
        };
        let start = Instant::now();
        while sockets() < 250 {
            assert!(start.elapsed() < LONG, "the connections were not accepted: {}", sockets());
            thread::sleep(Duration::from_millis(50));
        }
        thread::sleep(Duration::from_millis(500));
        assert!(sockets() <= 256 + 16, "{} sockets open for 303 waiting connections", sockets());
    }
    let start = Instant::now();
    for (what, c) in [
        ("a partial request line", &mut partial),
        ("unfinished headers", &mut headers_only),
        ("nothing", &mut silent),
    ] {
        let mut buf = [0u8; 1024];
        // Closed: end of stream, or an error (reset); a timeout of the
        // generous read timeout would fail here.
        match c.read(&mut buf) {
            Ok(0) | Err(_) if start.elapsed() < LONG => {}
            Ok(n) => {
                let said = String::from_utf8_lossy(&buf[..n]).into_owned();
                let mut rest = String::new();
                let _ = c.read_to_string(&mut rest);
                assert!(
                    said.starts_with("HTTP/1.1 408") || said.starts_with("HTTP/1.1 400"),
                    "{what}: {said}"
                );
            }
            Err(e) => panic!("{what}: still open after {:?}: {e}", start.elapsed()),
        }
    }
    assert_eq!(s.get("/").status, 200, "the server still answers");
    drop(crowd);
    assert!(s.alive());
}

#[test]
fn every_response_has_a_content_security_policy_and_unsafe_images_are_refused() {
    let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>\n";
    let mut s = Server::start_with(|root| {
        std::fs::create_dir_all(root.join("content/assets")).unwrap();
        std::fs::write(root.join("content/assets/logo.svg"), logo).unwrap();
    });
    let page = s.get("/");
    let policy = page.header("content-security-policy").expect("a page has a policy");
    let scripts = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src"));
    assert_eq!(
        scripts,
        Some("script-src 'self' 'wasm-unsafe-eval'"),
        "scripts from the preview's files only (and the search index's WebAssembly): {policy}"
    );
    let sources: Vec<&str> = page
        .body
        .split("<script")
        .skip(1)
        .map(|s| {
            let src = s.split('>').next().unwrap_or_default();
            assert!(s.split('>').nth(1).is_some_and(|b| b.starts_with("</script")), "no inline script: {s}");
            src.trim()
        })
        .collect();
    assert_eq!(sources.len(), 2, "the search script and the reload script: {sources:?}");
    assert_eq!(sources[0], "defer src=\"static/search.js\"", "the search script, from its file");
    assert!(
        sources[1].starts_with("src=\"/__briefing/reload.js\""),
        "the reload script, from its file: {sources:?}"
    );
    for path in ["/assets/logo.svg", "/charts/border-security_progress.svg"] {
        let r = s.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some("image/svg+xml")), "{path}");
        let p = r.header("content-security-policy").unwrap_or_default();
        assert!(p.starts_with("default-src 'none'") && p.ends_with("sandbox"), "{path}: {p}");
    }
    for path in ["/__briefing/reload.js", "/static/style.css", "/no/such/page/", "/../x"] {
        assert!(s.get(path).header("content-security-policy").is_some(), "{path}");
    }

    // A script saved into the image: refused, and the old file is not served either.
    std::fs::write(
        s.content_file("assets/logo.svg"),
        logo.replace("<circle", "<script>alert(1)</script><circle"),
    )
    .unwrap();
    let overlay = s.poll("/", "the error page", |r| r.body.contains("unsafe-asset"));
    assert_eq!(overlay.status, 500);
    assert!(overlay.body.contains("assets/logo.svg:1:"), "{}", overlay.body);
    let r = s.get("/assets/logo.svg");
    assert_ne!(r.status, 200, "{}", r.body);
    assert!(!r.body.contains("<script"), "{}", r.body);
    std::fs::write(s.content_file("assets/logo.svg"), logo).unwrap();
    s.poll("/", "the site is back", |r| r.status == 200);
    assert_eq!(s.get("/assets/logo.svg").body, logo);
    assert!(s.alive());
}

#[test]
fn a_meeting_file_named_with_en_dashes_is_a_diagnostic_and_the_preview_goes_on() {
    let mut s = Server::start();
    let text = common::read(&s.content_file(MEETING));
    for name in
        ["2021\u{2013}05\u{2013}26.md", "\u{ff12}\u{ff10}\u{ff12}\u{ff11}-05-26.md", "2021-05-2\u{e9}.md"]
    {
        let bad = s.content_file(&format!("meetings/{name}"));
        std::fs::write(&bad, &text).unwrap();
        let overlay = s.poll("/", "the error page", |r| r.status == 500 && r.body.contains(name));
        assert!(
            overlay.body.contains("bad-file-name") || overlay.body.contains("is not in the form YYYY-MM-DD"),
            "{}",
            overlay.body
        );
        std::fs::remove_file(&bad).unwrap();
        s.poll("/", "the site is back", |r| r.status == 200);
    }
    #[cfg(unix)]
    {
        // A name that is not UTF-8 is reported as `check` reports it.
        use std::os::unix::ffi::OsStrExt as _;
        let bad = s.content_file("meetings").join(std::ffi::OsStr::from_bytes(b"2021-05-2\xff.md"));
        std::fs::write(&bad, &text).unwrap();
        let overlay = s.poll("/", "the error page", |r| r.status == 500 && r.body.contains("bad-file-name"));
        assert!(overlay.body.contains("UTF-8"), "{}", overlay.body);
        std::fs::remove_file(&bad).unwrap();
        s.poll("/", "the site is back", |r| r.status == 200);
        // So is a link that leaves the content folder, saved while serving.
        std::fs::create_dir_all(s.content_file("assets")).unwrap();
        let link = s.content_file("assets/outside.txt");
        std::os::unix::fs::symlink(s.tmp.path().join("outside.txt"), &link).unwrap();
        std::fs::write(s.tmp.path().join("outside.txt"), "not content").unwrap();
        s.poll("/", "the error page", |r| r.status == 500 && r.body.contains("symlink-refused"));
        std::fs::remove_file(&link).unwrap();
        s.poll("/", "the site is back", |r| r.status == 200);
    }
    append(&s.content_file(MEETING), "\nStill rebuilding 2718.\n");
    s.poll(MEETING_PAGE, "a later save", |r| r.body.contains("Still rebuilding 2718"));
    assert!(!s.log().contains("panicked"), "{}", s.log());
    assert!(s.alive());
}

#[test]
fn the_content_folder_is_followed_by_its_path_when_moved_replaced_or_removed() {
    let mut s = Server::start();
    let old = s.tmp.path().join("content.old");
    let failed = |s: &Server| s.log().lines().filter(|l| l.starts_with("build failed")).count();

    // Moved away: the preview says the folder is missing, and does not
    // claim to have rebuilt it.
    let rebuilt_before = s.log().lines().filter(|l| l.starts_with("rebuilt in")).count();
    std::fs::rename(&s.content, &old).unwrap();
    s.poll("/", "missing-site once the folder is moved", |r| r.body.contains("missing-site"));
    s.wait_log("build failed");
    let rebuilt = s.log().lines().filter(|l| l.starts_with("rebuilt in")).count();
    assert_eq!(rebuilt, rebuilt_before, "no `rebuilt` for a folder that is gone:\n{}", s.log());

    // A copy put in its place is read whole, and its edits show.
    common::copy_dir(&old, &s.content);
    s.poll("/", "the copy builds", |r| r.status == 200 && !r.body.contains("missing-site"));
    append(&s.content_file(MEETING), "\nIn the copy 5521.\n");
    s.poll(MEETING_PAGE, "an edit of the copy shows", |r| r.body.contains("In the copy 5521"));
    // The folder moved away is no longer watched.
    let builds = s.builds();
    append(&old.join(MEETING), "\nIn the old folder 6631.\n");
    thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.builds(), builds, "an edit of the old folder rebuilds nothing:\n{}", s.log());

    // Removed, then put back: missing-site while it is gone, then the site.
    let failed_before = failed(&s);
    std::fs::remove_dir_all(&s.content).unwrap();
    s.poll("/", "missing-site once the folder is removed", |r| r.body.contains("missing-site"));
    let start = Instant::now();
    while failed(&s) == failed_before {
        assert!(start.elapsed() < LONG, "no failed build for the removed folder:\n{}", s.log());
        thread::sleep(Duration::from_millis(50));
    }
    common::copy_dir(&old, &s.content);
    s.poll("/", "the restored folder builds", |r| r.status == 200 && !r.body.contains("missing-site"));
    s.poll(MEETING_PAGE, "the restored folder's text", |r| r.body.contains("In the old folder 6631"));
    append(&s.content_file(MEETING), "\nAfter the restore 7741.\n");
    s.poll(MEETING_PAGE, "an edit after the restore shows", |r| r.body.contains("After the restore 7741"));
    assert!(s.alive());
}
