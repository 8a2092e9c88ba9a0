//! `briefing pdf`: the briefing book printed to PDF by headless Chromium.
//! The browser is `--browser`, `BRIEFING_BROWSER`, or found on PATH or where
//! browsers install ([`browser`]); without one the command says where it
//! looked and how to install one. It never hangs: a time limit ends it, and
//! however a print ends, the browser's processes are stopped and its private
//! folder removed (the guard `Running`).
//!
//! The browser loads nothing but the output folder. The book is served from
//! an in-process server on a loopback port ([`Server`]) that answers only
//! files under the output folder, and Chromium is told to send every request,
//! loopback ones included, through that same server as its proxy, which
//! refuses whatever is not addressed to its own origin: no other port, host or
//! file is reached, whatever the book names. Name resolution is switched off
//! and the page carries a Content-Security-Policy of its own origin as further
//! fences. The profile and the PDF being printed live in a private temporary
//! folder; the PDF is moved into place only once complete.
//!
//! The book is printed more than once (see [`book`]): the first print's named
//! destinations give the page of every anchor the book refers to, the print
//! server then serves the book with those numbers written in, and it is printed
//! again until the numbers stand still (at most [`MAX_PASSES`] prints). The
//! finished PDF is made steady (the same bytes for the same content, dated
//! by `SOURCE_DATE_EPOCH` or the briefing date), accessible ([`tagged`]) and
//! gains XMP metadata. It goes only where a PDF may: never into the content
//! or theme folder, never over anything but a PDF ([`check_destination`]).

pub mod book;
pub mod browser;
pub mod cache;
pub mod tagged;

use crate::core::url::{percent_decode, percent_encode_path};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How Chromium runs headless here: no sandbox (CI runs as root), no GPU,
/// and none of its background network traffic.
pub const HEADLESS_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--run-all-compositor-stages-before-draw",
];

/// The policy every answer of the print server carries: the page may load
/// only from its own origin (and inline `data:` images and fonts), and runs
/// no script: the book is static, and a script could reach past the proxy
/// (WebRTC sends UDP to any address it is given).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline' data:; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Why no PDF was made.
#[derive(Debug)]
pub enum PdfError {
    /// No browser found on PATH or where browsers install: where it looked.
    NoBrowser {
        os: browser::Os,
        looked: Vec<String>,
    },
    /// `BRIEFING_BROWSER` (or `BRIEFING_CHROMIUM`) names no browser: why.
    BrowserVariable(String),
    /// `--browser` names a path that does not exist.
    BrowserMissing(PathBuf),
    /// `--browser` names a bare command that is not on PATH.
    BrowserNotOnPath(String),
    /// `--browser` names a folder.
    BrowserIsFolder(PathBuf),
    /// `--browser` names a file that is not a program (not executable).
    BrowserNotProgram(PathBuf),
    /// Where the PDF should go cannot take it (a folder, a missing folder).
    Destination(String),
    TimedOut(Duration),
    /// SIGINT or SIGTERM arrived while printing: exit code 130.
    Interrupted,
    Failed(String),
}

impl PdfError {
    /// 2 when there is no browser to use, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            PdfError::NoBrowser { .. }
            | PdfError::BrowserVariable(_)
            | PdfError::BrowserMissing(_)
            | PdfError::BrowserNotOnPath(_)
            | PdfError::BrowserIsFolder(_)
            | PdfError::BrowserNotProgram(_) => 2,
            PdfError::Interrupted => 130,
            _ => 1,
        }
    }
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoBrowser { os, looked } => write!(
                f,
                "no Chromium-based browser found (Chrome, Chromium, Edge or Brave); looked for\n{}\nTo print the book, {}, or give the browser's path with --browser PATH or the environment variable BRIEFING_BROWSER",
                looked.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n"),
                os.install_hint()
            ),
            PdfError::BrowserVariable(why) => write!(f, "{why}"),
            PdfError::BrowserMissing(p) if p.as_os_str().is_empty() => {
                write!(f, "--browser is empty; give the path of a Chromium-based browser, or leave it out")
            }
            PdfError::BrowserNotProgram(p) => write!(
                f,
                "--browser: `{}` is not a program (it cannot be executed). Give the path of the Chromium program itself",
                p.display()
            ),
            PdfError::BrowserMissing(p) => write!(
                f,
                "--browser: `{}` does not exist. Give the path of a Chromium-based browser, or leave --browser out to use one found on PATH ({}) or where Chrome, Chromium, Edge and Brave install",
                p.display(),
                browser::Os::current().names().join(", ")
            ),
            PdfError::BrowserNotOnPath(name) => write!(
                f,
                "--browser: no `{name}` found on PATH. Give the full path of a Chromium-based browser, or install one, e.g. `sudo apt-get install chromium`"
            ),
            PdfError::BrowserIsFolder(p) => write!(
                f,
                "--browser: `{}` is a folder, not a browser. Give the path of the Chromium program itself",
                p.display()
            ),
            PdfError::Destination(why) => write!(f, "{why}"),
            PdfError::TimedOut(d) => {
                write!(f, "Chromium did not finish the PDF within {} s; it was stopped", d.as_secs())
            }
            PdfError::Interrupted => write!(f, "interrupted; Chromium was stopped and no PDF was written"),
            PdfError::Failed(why) => write!(f, "Chromium could not make the PDF: {why}"),
        }
    }
}

/// The browser to use: `explicit` (a path, or a bare name looked up on
/// PATH), else the one `BRIEFING_BROWSER` (or `BRIEFING_CHROMIUM`) names,
/// else the first found on PATH or where browsers install ([`browser::find`]).
/// Each failure says which, and where it looked.
pub fn browser(explicit: Option<&Path>) -> Result<PathBuf, PdfError> {
    let var = |name: &str| std::env::var_os(name);
    if let Some(p) = explicit {
        return named_browser(p);
    }
    if let Some((name, p)) = browser::from_variable(&var) {
        return named_browser(&p).map_err(|e| {
            PdfError::BrowserVariable(
                e.to_string()
                    .replacen("--browser", name, 1)
                    .replace("leave --browser out", &format!("unset {name}")),
            )
        });
    }
    let is_program = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_file() && executable(&m));
    let os = browser::Os::current();
    browser::find(&browser::System { os, var: &var, is_program: &is_program })
        .map_err(|looked| PdfError::NoBrowser { os, looked })
}

/// The browser a path or a bare name given by the user names.
fn named_browser(p: &Path) -> Result<PathBuf, PdfError> {
    let bare = p.components().count() == 1 && matches!(p.components().next(), Some(Component::Normal(_)));
    if bare && let Some(found) = on_path(&p.to_string_lossy()) {
        return Ok(found);
    }
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => Err(PdfError::BrowserIsFolder(p.to_path_buf())),
        Ok(m) if !executable(&m) => Err(PdfError::BrowserNotProgram(p.to_path_buf())),
        // A bare name found in the current folder: run it from there, not from PATH.
        Ok(_) if bare => Ok(Path::new(".").join(p)),
        Ok(_) => Ok(p.to_path_buf()),
        Err(_) if bare => Err(PdfError::BrowserNotOnPath(p.to_string_lossy().into_owned())),
        Err(_) => Err(PdfError::BrowserMissing(p.to_path_buf())),
    }
}

#[cfg(unix)]
fn executable(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn executable(_: &std::fs::Metadata) -> bool {
    true
}

/// The browser to use, if any: see [`browser`].
pub fn find_browser(explicit: Option<&Path>) -> Option<PathBuf> {
    browser(explicit).ok()
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && executable(&m)))
}

/// Folders a PDF must never be written into, each with the word that names
/// it: the content and the theme folder.
pub type Guarded<'a> = [(&'a str, &'a Path)];

/// Whether `pdf` can be written as a file: not a folder, in a folder that
/// exists or is `out` (which the build makes); not inside any `guarded`
/// folder (once every link is resolved); and, when something is there
/// already, a regular file that is a PDF (which briefing replaces), not a
/// device, a pipe, a folder or another file. A link is written through.
/// Checked before anything is built or printed, and again before the PDF
/// is placed.
pub fn check_destination(pdf: &Path, out: Option<&Path>, guarded: &Guarded) -> Result<(), PdfError> {
    let shown = pdf.display();
    let refuse = |why: String| Err(PdfError::Destination(format!("--pdf: `{shown}` {why}")));
    if pdf.is_dir() {
        return refuse(format!(
            "is a folder; give the PDF file to write, e.g. --pdf {}",
            pdf.join("briefing.pdf").display()
        ));
    }
    let real = crate::write::resolve(pdf)
        .map_err(|e| PdfError::Destination(format!("--pdf: `{shown}` cannot be followed: {e}")))?;
    for (what, folder) in guarded {
        let Ok(folder_real) = crate::write::resolve(folder) else { continue };
        if real.starts_with(&folder_real) {
            return refuse(format!(
                "is inside the {what} folder `{}`: the PDF would replace the committee's own files. \
                 Write it elsewhere, e.g. leave --pdf out (the book goes to the output folder) or give --pdf briefing.pdf",
                folder.display()
            ));
        }
    }
    match std::fs::symlink_metadata(&real) {
        Ok(m) if m.is_dir() => {
            return refuse(format!("leads to the folder `{}`; give the PDF file to write", real.display()));
        }
        Ok(m) if !m.is_file() => {
            return refuse(
                "exists and is not a regular file (a device, a pipe or a socket): briefing replaces only a PDF. \
                 Give the path of a new file or of a PDF"
                    .to_string(),
            );
        }
        Ok(_) if !is_pdf(&real) => {
            return refuse(
                "exists and is not a PDF: briefing replaces only a PDF (a file that begins with `%PDF`). \
                 Remove it first if it may go, or give another name"
                    .to_string(),
            );
        }
        _ => {}
    }
    if let Some(dir) = pdf.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
        && out.is_none_or(|out| !same_place(dir, out))
    {
        return Err(PdfError::Destination(format!(
            "--pdf: the folder `{}` does not exist; create it first, or write the PDF elsewhere",
            dir.display()
        )));
    }
    Ok(())
}

/// Whether the file at `path` begins as a PDF does.
fn is_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head.starts_with(b"%PDF-")
}

/// Whether two paths, neither of which need exist, name the same place once
/// `.` components and trailing separators are set aside.
fn same_place(a: &Path, b: &Path) -> bool {
    let parts = |p| Path::components(p).filter(|c| *c != Component::CurDir);
    parts(a).eq(parts(b))
}

/// Most prints of one book: the first, one with its numbers, and one more
/// should filling them in have moved a heading to another page.
pub const MAX_PASSES: usize = 3;

/// What printing a book did besides writing it.
#[derive(Debug, Default)]
pub struct Printed {
    /// How many times the browser printed it.
    pub passes: usize,
    /// What the reader should know: page numbers left out or not checked,
    /// metadata that could not be added. The PDF was written all the same.
    pub warnings: Vec<String>,
}

/// Prints the page `page` (a path under `root`, the output folder, with `/`
/// separators) to `pdf` with `browser`, each print within `limit`, with its
/// page references numbered (see [`book`]). The browser sees only the files
/// under `root`; nothing is left behind on failure. Should a later print
/// fail, the first one is written, with a warning. The PDF is dated `made`
/// (see [`book::made_at`]), not when it was printed.
pub fn print(
    browser: &Path,
    root: &Path,
    page: &str,
    pdf: &Path,
    limit: Duration,
    made: jiff::Timestamp,
) -> Result<Printed, PdfError> {
    check_destination(pdf, None, &[])?;
    watch_signals();
    let html = std::fs::read_to_string(root.join(page)).ok();
    let refs = html.as_deref().map(book::refs).unwrap_or_default();
    let served = |pages: &book::Pages| html.as_deref().map(|h| book::fill(h, pages));
    let mut done = Printed { passes: 1, warnings: Vec::new() };
    let first = print_once(browser, root, page, served(&book::Pages::new()), limit)?;
    let mut best = None;
    if !refs.is_empty() {
        let print_with = |pages: &book::Pages| print_once(browser, root, page, served(pages), limit);
        match number(&refs, &first, &print_with, &mut done) {
            Ok(numbered) => best = Some(numbered),
            Err(PdfError::Interrupted) => return Err(PdfError::Interrupted),
            Err(e) => done.warnings.push(format!("the book is written without its page numbers: {e}")),
        }
    }
    let mut bytes = best.unwrap_or(first);
    book::steady(&mut bytes, made);
    match tagged::accessible(&bytes, html.as_deref().unwrap_or("")) {
        Ok((with, _)) => bytes = with,
        Err(e) => done
            .warnings
            .push(format!("the book is written without its artifacts and link descriptions: {e}")),
    }
    // PDF/UA-1 is declared only when the book, read back, lacks nothing.
    let audit = lopdf::Document::load_mem(&bytes).map(|doc| tagged::audit(&doc));
    let pdfua = audit.as_ref().is_ok_and(tagged::Audit::passes);
    if let Ok(audit) = &audit
        && !pdfua
    {
        done.warnings.push(format!("the book is not declared accessible (PDF/UA-1): {}", audit.lacking()));
    }
    let meta = book::Metadata {
        subject: html.as_deref().and_then(|h| book::meta(h, "description")).unwrap_or_default(),
        made: Some(made),
        pdfua,
        ..book::Metadata::default()
    };
    match book::with_metadata(&bytes, &meta) {
        Ok(with) => bytes = with,
        Err(e) => done.warnings.push(format!("the book is written without XMP metadata: {e}")),
    }
    place(&bytes, pdf)?;
    Ok(done)
}

/// Prints the book again with the page numbers of `first` written in, until
/// the numbers printed are those of the print they are in.
fn number(
    refs: &[String],
    first: &[u8],
    print_with: &dyn Fn(&book::Pages) -> Result<Vec<u8>, PdfError>,
    done: &mut Printed,
) -> Result<Vec<u8>, PdfError> {
    let mut pages = book::pages_of(first).map_err(PdfError::Failed)?;
    let missing: Vec<&str> = refs.iter().filter(|r| !pages.contains_key(*r)).map(String::as_str).collect();
    if !missing.is_empty() {
        done.warnings.push(format!(
            "no page number for {}: nothing in the book links to {} (a page reference needs a link to its anchor)",
            missing.iter().map(|m| format!("#{m}")).collect::<Vec<_>>().join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        ));
    }
    loop {
        let bytes = print_with(&pages)?;
        done.passes += 1;
        let now = book::pages_of(&bytes).map_err(PdfError::Failed)?;
        let moved: Vec<&str> =
            refs.iter().filter(|r| now.get(*r) != pages.get(*r)).map(String::as_str).collect();
        if moved.is_empty() {
            return Ok(bytes);
        }
        if done.passes >= MAX_PASSES {
            done.warnings.push(format!(
                "after {} prints, the page numbers of {} still moved; they may be off by a page",
                done.passes,
                moved.iter().map(|m| format!("#{m}")).collect::<Vec<_>>().join(", ")
            ));
            return Ok(bytes);
        }
        pages = now;
    }
}

/// Prints `page` once: `served`, when given, is the HTML the print server
/// answers for it instead of the file.
fn print_once(
    browser: &Path,
    root: &Path,
    page: &str,
    served: Option<String>,
    limit: Duration,
) -> Result<Vec<u8>, PdfError> {
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(PdfError::Interrupted);
    }
    let mut work = tempfile::Builder::new();
    work.prefix("briefing-chromium-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        work.permissions(std::fs::Permissions::from_mode(0o700));
    }
    // A browser in a Snap or Flatpak sandbox has a /tmp of its own: its
    // private folder goes where the sandbox and briefing see the same files.
    let base = browser::sandbox_folder(browser, std::env::var_os("HOME").as_deref().map(Path::new));
    let made = match &base {
        Some(base) => std::fs::create_dir_all(base).and_then(|()| work.tempdir_in(base)),
        None => work.tempdir(),
    };
    let work = Work(Some(
        made.map_err(|e| PdfError::Failed(format!("cannot make a private temporary folder: {e}")))?,
    ));
    let profile = work.path().join("profile");
    let printed = work.path().join("book.pdf");
    let server = Server::start_with(root, served.map(|html| (page, html.into_bytes())))
        .map_err(|e| PdfError::Failed(format!("cannot serve {} on a loopback port: {e}", root.display())))?;
    let origin = server.origin();
    // Chromium keeps its settings, caches, crash reports and temporary files
    // in the private folder too, not in the user's home or the shared /tmp.
    let mut command = Command::new(browser);
    for (var, sub) in [("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("TMPDIR", "tmp")] {
        let dir = work.path().join(sub);
        std::fs::create_dir(&dir)
            .map_err(|e| PdfError::Failed(format!("cannot make {}: {e}", dir.display())))?;
        command.env(var, dir);
    }
    // The browser and every process it starts form a process group of their
    // own, stopped together (see `Running`).
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .args(HEADLESS_ARGS)
        .args(["--no-pdf-header-footer", "--generate-pdf-document-outline", "--export-tagged-pdf"])
        // Every request, loopback ones included, goes to the print server,
        // which answers only its own origin; no name resolves.
        .arg(format!("--proxy-server=http://{origin}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")
        .args(["--no-pings", "--disable-domain-reliability", "--disable-client-side-phishing-detection"])
        .arg("--disable-breakpad")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", printed.display()))
        .arg(format!("http://{origin}/{}", percent_encode_path(page)))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PdfError::Failed(format!("cannot start {}: {e}", browser.display())))?;
    // From here on, however the print ends, the guard stops every process
    // of the browser and then removes the private folder.
    let mut running = Running { child, work };
    let said = Said::read(running.child.stderr.take());
    let start = Instant::now();
    let status = loop {
        match running.child.try_wait() {
            _ if INTERRUPTED.load(Ordering::SeqCst) => return Err(PdfError::Interrupted),
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => return Err(PdfError::TimedOut(limit)),
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(PdfError::Failed(e.to_string())),
        }
    };
    drop(server);
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Err(PdfError::Interrupted);
    }
    let made = std::fs::read(&printed).ok().filter(|b| b.starts_with(b"%PDF"));
    // Helpers the browser left behind are stopped before its last words are
    // read (one may hold its standard error open) and the folder removed.
    drop(running);
    let last = said.last_line();
    let last =
        last.map(|l| format!("its last words: {l}")).unwrap_or_else(|| "it printed nothing".to_string());
    if !status.success() {
        return Err(PdfError::Failed(format!("it stopped with {status}; {last}")));
    }
    let Some(bytes) = made else {
        return Err(PdfError::Failed(format!("it ended normally but wrote no PDF; {last}")));
    };
    Ok(bytes)
}

/// The private folder of one print, removed when dropped, after every
/// process of the browser has stopped writing into it.
struct Work(Option<tempfile::TempDir>);

impl Work {
    fn path(&self) -> &Path {
        self.0.as_ref().map_or(Path::new(""), |t| t.path())
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let Some(dir) = self.0.take() else { return };
        let path = dir.keep();
        // A process being killed may still have had a file open; the folder
        // goes once nothing is left in it to make it come back.
        for _ in 0..40 {
            match std::fs::remove_dir_all(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                _ if path.exists() => std::thread::sleep(Duration::from_millis(50)),
                _ => return,
            }
        }
    }
}

/// A running browser and its private folder. Dropped on every path (done,
/// failed, timed out, interrupted), it kills the browser's whole process
/// group (a launcher script, the browser, its renderers and GPU helper) and
/// the crash handlers, which leave the group but name the private folder on
/// their command line; reaps the browser; waits until none of them is left
/// running; and only then removes the folder: a helper still writing the
/// profile can no longer leave it behind.
struct Running {
    child: std::process::Child,
    work: Work,
}

impl Drop for Running {
    fn drop(&mut self) {
        let group = i32::try_from(self.child.id()).ok().filter(|&g| g > 1);
        let kill_all = |group: i32| {
            #[cfg(unix)]
            // SAFETY: killpg only sends a signal, to the group the browser
            // was started in (its leader, our child, is not reaped yet).
            unsafe {
                libc::killpg(group, libc::SIGKILL)
            };
            for pid in helpers(group, self.work.path()) {
                // SAFETY: kill only sends a signal, to a live process whose
                // group is the browser's or whose command line names its
                // private folder.
                #[cfg(unix)]
                unsafe {
                    libc::kill(pid, libc::SIGKILL)
                };
            }
        };
        if let Some(group) = group {
            kill_all(group);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let Some(group) = group else { return };
        for _ in 0..250 {
            if !any_left(group, self.work.path()) {
                break;
            }
            kill_all(group);
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The live processes (not zombies) of the process group `group`, or whose
/// command line names `work`: read from /proc.
#[cfg(target_os = "linux")]
fn helpers(group: i32, work: &Path) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    let work = work.as_os_str().as_encoded_bytes();
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // pid (comm) state ppid pgrp …: the name may hold spaces and parentheses.
        let Some((_, rest)) = stat.rsplit_once(") ") else { continue };
        let mut fields = rest.split(' ');
        let state = fields.next().unwrap_or("");
        let pgrp = fields.nth(1).and_then(|g| g.parse::<i32>().ok());
        if state == "Z" || state == "X" {
            continue;
        }
        let named = || {
            std::fs::read(entry.path().join("cmdline"))
                .is_ok_and(|c| !work.is_empty() && memchr::memmem::find(&c, work).is_some())
        };
        if pgrp == Some(group) || named() {
            found.push(pid);
        }
    }
    found
}

/// Elsewhere the group alone is known (a signal to it reaches them all).
#[cfg(not(target_os = "linux"))]
fn helpers(_group: i32, _work: &Path) -> Vec<i32> {
    Vec::new()
}

/// Whether a process of the browser is still running.
fn any_left(group: i32, work: &Path) -> bool {
    if cfg!(target_os = "linux") {
        return !helpers(group, work).is_empty();
    }
    #[cfg(unix)]
    // SAFETY: signal 0 sends nothing: it asks whether the group has a process.
    return unsafe { libc::killpg(group, 0) } == 0;
    #[cfg(not(unix))]
    false
}

/// What the browser writes to its standard error, read as it goes (so that a
/// full pipe never stalls it), of which the last 64 KiB are kept.
struct Said {
    text: Arc<std::sync::Mutex<Vec<u8>>>,
    done: std::sync::mpsc::Receiver<()>,
}

impl Said {
    const KEEP: usize = 64 * 1024;

    fn read(pipe: Option<std::process::ChildStderr>) -> Said {
        let text = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (finished, done) = std::sync::mpsc::channel();
        let kept = text.clone();
        std::thread::spawn(move || {
            if let Some(mut pipe) = pipe {
                let mut chunk = [0u8; 8192];
                while let Ok(n @ 1..) = pipe.read(&mut chunk) {
                    let Ok(mut text) = kept.lock() else { break };
                    text.extend_from_slice(&chunk[..n]);
                    if text.len() > Self::KEEP {
                        let extra = text.len() - Self::KEEP;
                        text.drain(..extra);
                    }
                }
            }
            let _ = finished.send(());
        });
        Said { text, done }
    }

    /// The last line that is not blank, once the pipe is closed or, if a
    /// process the browser left behind keeps it open, after a second.
    fn last_line(&self) -> Option<String> {
        let _ = self.done.recv_timeout(Duration::from_secs(1));
        let text = self.text.lock().ok()?;
        let text = String::from_utf8_lossy(&text);
        text.lines().rev().map(str::trim).find(|l| !l.is_empty()).map(str::to_string)
    }
}

/// Set when SIGINT or SIGTERM arrives once printing has begun.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// From the first print on, SIGINT and SIGTERM stop the print in progress
/// cleanly (the browser stopped, the private folder removed, no PDF placed)
/// instead of ending the process where it stands.
fn watch_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let (ready, installed) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build();
            let Ok(runtime) = runtime else {
                let _ = ready.send(());
                return;
            };
            runtime.block_on(async move {
                let signalled = crate::signals::interrupted();
                let _ = ready.send(());
                if let Ok(signalled) = signalled {
                    signalled.await;
                    INTERRUPTED.store(true, Ordering::SeqCst);
                }
            });
        });
        // The handlers are in place before the browser starts.
        let _ = installed.recv();
    });
}

/// Writes `bytes` to `pdf` through a temporary file beside the file it
/// names (a link is written through and stays a link), renamed into place
/// when complete; the temporary file is removed on any failure. What is there
/// is checked again first: only a PDF is replaced.
fn place(bytes: &[u8], pdf: &Path) -> Result<(), PdfError> {
    check_destination(pdf, None, &[])?;
    let cannot = |e: std::io::Error| PdfError::Destination(format!("cannot write {}: {e}", pdf.display()));
    let real = crate::write::resolve(pdf).map_err(cannot)?;
    let dir = real.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::Builder::new().prefix(".briefing-").suffix(".pdf.tmp").tempfile_in(dir).map_err(cannot)?;
    tmp.write_all(bytes).map_err(cannot)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(cannot)?;
    }
    tmp.persist(&real).map_err(|e| cannot(e.error))?;
    Ok(())
}

/// A loopback HTTP server that answers GET and HEAD for the files under one
/// folder, at its own origin only; everything else is refused. It is the
/// browser's proxy too, so requests for other origins arrive here in
/// absolute form and are refused without being forwarded anywhere.
pub struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Longest request line or header line read, and most header lines.
const MAX_LINE: usize = 8 * 1024;
const MAX_HEADERS: usize = 100;

impl Server {
    /// Serves `root` on 127.0.0.1 at a free port, until dropped.
    pub fn start(root: &Path) -> std::io::Result<Server> {
        Server::start_with(root, None)
    }

    /// Serves `root`, answering `instead.1` for the file `instead.0` (a path
    /// under `root`, as a URL names it) when given.
    pub fn start_with(root: &Path, instead: Option<(&str, Vec<u8>)>) -> std::io::Result<Server> {
        let root = root.canonicalize()?;
        let instead = match instead {
            Some((path, body)) => file_for(&root, &format!("/{}", percent_encode_path(path)))
                .map(|file| Arc::new((file, Arc::<[u8]>::from(body)))),
            None => None,
        };
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let root = Arc::new(root);
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                let instead = instead.clone();
                std::thread::spawn(move || answer(stream, &root, port, instead.as_deref()));
            }
        });
        Ok(Server { port, stop, thread: Some(thread) })
    }

    /// `127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers one request on `stream`, then closes it.
fn answer(stream: TcpStream, root: &Path, port: u16, instead: Option<&(PathBuf, Arc<[u8]>)>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half.take(MAX_LINE as u64 * (MAX_HEADERS as u64 + 1)));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.len() > MAX_LINE {
        return;
    }
    let mut parts = line.split_ascii_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut host = None;
    for _ in 0..MAX_HEADERS {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) if header.len() > MAX_LINE => return,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':')
                    && name.trim().eq_ignore_ascii_case("host")
                {
                    host = Some(value.trim().to_ascii_lowercase());
                }
            }
        }
    }
    let response = respond(method, target, host.as_deref(), root, port, instead);
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nContent-Security-Policy: {CONTENT_SECURITY_POLICY}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.length()
    );
    if stream.write_all(head.as_bytes()).is_ok() && method != "HEAD" {
        let _ = match response.body {
            Body::Text(t) => stream.write_all(t.as_bytes()),
            Body::Bytes(b) => stream.write_all(&b),
            Body::File(mut f, _) => std::io::copy(&mut f, &mut stream).map(|_| ()),
        };
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Body,
}

enum Body {
    Text(&'static str),
    Bytes(Arc<[u8]>),
    File(std::fs::File, u64),
}

impl Response {
    fn refuse(status: &'static str) -> Response {
        Response { status, content_type: "text/plain; charset=utf-8", body: Body::Text(status) }
    }

    fn length(&self) -> u64 {
        match &self.body {
            Body::Text(t) => t.len() as u64,
            Body::Bytes(b) => b.len() as u64,
            Body::File(_, len) => *len,
        }
    }
}

/// What the server answers to `method target` with the `Host` header `host`;
/// `instead` is a file answered from memory.
fn respond(
    method: &str,
    target: &str,
    host: Option<&str>,
    root: &Path,
    port: u16,
    instead: Option<&(PathBuf, Arc<[u8]>)>,
) -> Response {
    if method != "GET" && method != "HEAD" {
        return Response::refuse("405 Method Not Allowed");
    }
    let origin = format!("127.0.0.1:{port}");
    // A request through the proxy names its origin; a direct one, its Host.
    let (authority, path) = match target.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("http://") => {
            let rest = &target[7..];
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            (
                Some(rest[..end].to_ascii_lowercase()),
                if rest[end..].starts_with('/') { &rest[end..] } else { "/" },
            )
        }
        _ if target.starts_with('/') => (host.map(str::to_string), target),
        _ => return Response::refuse("403 Forbidden"),
    };
    if authority.as_deref() != Some(origin.as_str()) {
        return Response::refuse("403 Forbidden");
    }
    match file_for(root, path) {
        Some(file) if instead.is_some_and(|(f, _)| *f == file) => Response {
            status: "200 OK",
            content_type: crate::core::url::content_type(&file.to_string_lossy()),
            body: Body::Bytes(instead.map(|(_, b)| b.clone()).unwrap_or_else(|| Arc::from(&[][..]))),
        },
        Some(file) => match std::fs::File::open(&file) {
            Ok(f) => {
                let len = f.metadata().map(|m| m.len()).unwrap_or(0);
                Response {
                    status: "200 OK",
                    content_type: crate::core::url::content_type(&file.to_string_lossy()),
                    body: Body::File(f, len),
                }
            }
            Err(_) => Response::refuse("404 Not Found"),
        },
        None => Response::refuse("404 Not Found"),
    }
}

/// The file under `root` that the URL path `path` names, if it is one: no
/// `..`, no link that leads out of `root`; a folder stands for its index.html.
fn file_for(root: &Path, path: &str) -> Option<PathBuf> {
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    let mut file = root.to_path_buf();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains(['\\', '\0']) => return None,
            p => file.push(p),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let real = file.canonicalize().ok()?;
    (real.starts_with(root) && real.is_file()).then_some(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends `request` to `server` and returns the status line and body.
    fn ask(server: &Server, request: &str) -> (String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let status = text.lines().next().unwrap_or("").to_string();
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    fn get(server: &Server, target: &str) -> (String, String) {
        ask(server, &format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", server.origin()))
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(out.join("print")).unwrap();
        std::fs::write(out.join("print/index.html"), "the book").unwrap();
        std::fs::write(out.join("a b#c?d%e é.txt"), "odd name").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        (tmp, out)
    }

    #[test]
    fn serves_the_files_of_its_folder_at_its_own_origin() {
        let (_tmp, out) = site();
        let server = Server::start(&out).unwrap();
        assert_eq!(get(&server, "/print/index.html"), ("HTTP/1.1 200 OK".into(), "the book".into()));
        assert_eq!(get(&server, "/print/").1, "the book", "a folder stands for its index");
        assert_eq!(get(&server, "/print/index.html?x=1#y").1, "the book");
        let through_proxy = format!("http://{}/print/index.html", server.origin());
        assert_eq!(get(&server, &through_proxy).1, "the book");
        assert_eq!(get(&server, &format!("/{}", percent_encode_path("a b#c?d%e é.txt"))).1, "odd name");
        let (status, _) = ask(&server, "HEAD /print/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assert!(status.contains("403"), "a Host other than its origin: {status}");
    }

    #[test]
    fn the_numbered_book_is_served_from_memory_in_place_of_its_file_only() {
        let (_tmp, out) = site();
        std::fs::write(out.join("index.html"), "the site").unwrap();
        let server =
            Server::start_with(&out, Some(("print/index.html", b"the numbered book".to_vec()))).unwrap();
        assert_eq!(get(&server, "/print/index.html"), ("HTTP/1.1 200 OK".into(), "the numbered book".into()));
        assert_eq!(get(&server, "/print/").1, "the numbered book", "the same file by its folder");
        assert_eq!(get(&server, "/index.html").1, "the site", "other files are read from the folder");
        assert!(get(&server, "/../secret.txt").0.contains("404"));
        // A book path that leads outside the folder is never answered from memory.
        let outside = Server::start_with(&out, Some(("../secret.txt", b"x".to_vec()))).unwrap();
        assert!(get(&outside, "/../secret.txt").0.contains("404"));
        assert_eq!(get(&outside, "/print/index.html").1, "the book");
    }

    #[test]
    fn refuses_other_origins_and_anything_outside_its_folder() {
        let (tmp, out) = site();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), out.join("up")).unwrap();
        let server = Server::start(&out).unwrap();
        let port = server.port;
        for target in [
            "http://127.0.0.1:1/x".to_string(),
            format!("http://localhost:{port}/print/index.html"),
            format!("http://127.0.0.1:{}/print/index.html", port.wrapping_add(1)),
            "http://example.org/".to_string(),
            "https://example.org/".to_string(),
            "file:///etc/hostname".to_string(),
            format!("http://127.0.0.1:{port}@evil/print/index.html"),
        ] {
            let (status, _) = get(&server, &target);
            assert!(status.contains("403"), "{target}: {status}");
        }
        for target in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/print/%2E%2E/%2E%2E/secret.txt",
            "/link.txt",
            "/up/secret.txt",
            "/etc/hostname",
            "/nothing.html",
            "/%zz",
            "/print%5c..%5c..%5csecret.txt",
        ] {
            let (status, body) = get(&server, target);
            assert!(status.contains("404"), "{target}: {status}");
            assert!(!body.contains("secret"), "{target}");
        }
        let (status, _) = ask(&server, "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n");
        assert!(status.contains("405"), "{status}");
        let (status, _) = ask(&server, "POST /print/index.html HTTP/1.1\r\n\r\n");
        assert!(status.contains("405"), "{status}");
    }

    #[test]
    fn a_request_that_never_ends_its_headers_does_not_hold_the_server() {
        let (_tmp, out) = site();
        let server = Server::start(&out).unwrap();
        let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        slow.write_all(b"GET /print/index.html HTTP/1.1\r\nHost: x").unwrap();
        assert_eq!(get(&server, "/print/index.html").1, "the book", "others are still answered");
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE * 2));
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let _ = s.write_all(long.as_bytes());
        let mut text = String::new();
        let _ = s.read_to_string(&mut text);
        assert!(!text.contains("200 OK"), "an overlong request line is dropped");
    }

    #[test]
    fn paths_are_encoded_and_decoded_alike() {
        for path in ["print/index.html", "a b#c?d%e é.txt", "fr/print/index.html"] {
            let encoded = percent_encode_path(path);
            assert!(!encoded.contains([' ', '#', '?']), "{encoded}");
            assert_eq!(percent_decode(&encoded).unwrap(), path.as_bytes());
        }
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn a_browser_that_is_not_there_is_named() {
        let missing = browser(Some(Path::new("/missing/chromium"))).unwrap_err();
        assert!(missing.to_string().contains("`/missing/chromium` does not exist"), "{missing}");
        assert_eq!(missing.exit_code(), 2);
        let tmp = tempfile::TempDir::new().unwrap();
        let folder = browser(Some(tmp.path())).unwrap_err();
        assert!(folder.to_string().contains("is a folder"), "{folder}");
        let text = tmp.path().join("notes.txt");
        std::fs::write(&text, "not a program").unwrap();
        let not_program = browser(Some(&text)).unwrap_err();
        assert!(not_program.to_string().contains("is not a program"), "{not_program}");
        assert_eq!(not_program.exit_code(), 2);
        let empty = browser(Some(Path::new(""))).unwrap_err();
        assert!(empty.to_string().contains("--browser is empty"), "{empty}");
        let bare = browser(Some(Path::new("no-such-browser-anywhere"))).unwrap_err();
        assert!(bare.to_string().contains("no `no-such-browser-anywhere` found on PATH"), "{bare}");
    }

    #[test]
    fn without_a_browser_the_message_lists_where_it_looked_and_how_to_install_one() {
        for (os, place, hint) in [
            (browser::Os::Linux, "/snap/bin/chromium", "sudo apt-get install chromium"),
            (
                browser::Os::MacOs,
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "brew install",
            ),
            (
                browser::Os::Windows,
                "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
                "Microsoft Edge comes with Windows",
            ),
        ] {
            let none = |_: &str| None;
            let looked =
                browser::find(&browser::System { os, var: &none, is_program: &|_| false }).unwrap_err();
            let e = PdfError::NoBrowser { os, looked };
            let said = e.to_string();
            assert!(said.contains(&format!("\n  {place}\n")), "{os:?}: {said}");
            assert!(said.contains(&format!("\n  {} on PATH\n", os.names()[0])), "{os:?}: {said}");
            assert!(
                said.contains(hint) && said.contains("--browser PATH") && said.contains("BRIEFING_BROWSER"),
                "{said}"
            );
            assert_eq!(e.exit_code(), 2);
        }
    }

    #[test]
    fn a_folder_is_no_place_for_the_pdf() {
        let tmp = tempfile::TempDir::new().unwrap();
        let err = check_destination(tmp.path(), None, &[]).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        let err = check_destination(&tmp.path().join("no/such/book.pdf"), None, &[]).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(check_destination(&tmp.path().join("book.pdf"), None, &[]).is_ok());
        // The output folder, which the build makes, may not exist yet.
        let out = tmp.path().join("out");
        assert!(check_destination(&out.join("book.pdf"), Some(&out), &[]).is_ok());
        assert!(check_destination(Path::new("./out/book.pdf"), Some(Path::new("out/")), &[]).is_ok());
        assert!(check_destination(&out.join("sub/book.pdf"), Some(&out), &[]).is_err());
    }
}
