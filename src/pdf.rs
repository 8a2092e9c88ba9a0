//! `briefing pdf`: the briefing book printed to PDF by headless Chromium.
//! Chromium is found on PATH (or given with `--browser`); without one the
//! command says how to install it. It never hangs: a time limit ends it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Names a Chromium-based browser goes by on PATH, in order of preference.
pub const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

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

/// Why no PDF was made.
#[derive(Debug)]
pub enum PdfError {
    /// No browser found: exit code 2.
    NoBrowser,
    TimedOut(Duration),
    Failed(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoBrowser => write!(
                f,
                "no Chromium found on PATH (looked for {}). Install one, e.g. `sudo apt-get install chromium`, or pass --browser PATH",
                BROWSERS.join(", ")
            ),
            PdfError::TimedOut(d) => {
                write!(f, "Chromium did not finish the PDF within {} s; it was stopped", d.as_secs())
            }
            PdfError::Failed(why) => write!(f, "Chromium could not make the PDF: {why}"),
        }
    }
}

/// The browser to use: `explicit`, else the first of `BROWSERS` on PATH.
pub fn find_browser(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return p.exists().then(|| p.to_path_buf()).or_else(|| on_path(&p.to_string_lossy()));
    }
    BROWSERS.iter().find_map(|name| on_path(name))
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// Prints `html` (a local file) to `pdf` with `browser`, within `limit`.
pub fn print(browser: &Path, html: &Path, pdf: &Path, limit: Duration) -> Result<(), PdfError> {
    let html = html.canonicalize().map_err(|e| PdfError::Failed(format!("{}: {e}", html.display())))?;
    if let Some(dir) = pdf.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| PdfError::Failed(e.to_string()))?;
    }
    let profile = std::env::temp_dir().join(format!("briefing-chromium-{}", std::process::id()));
    let partial = pdf.with_extension("pdf.partial");
    let mut child = Command::new(browser)
        .args(HEADLESS_ARGS)
        .args(["--no-pdf-header-footer", "--generate-pdf-document-outline", "--export-tagged-pdf"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", partial.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PdfError::Failed(format!("cannot start {}: {e}", browser.display())))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_dir_all(&profile);
                let _ = std::fs::remove_file(&partial);
                return Err(PdfError::TimedOut(limit));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(PdfError::Failed(e.to_string())),
        }
    };
    let mut stderr = String::new();
    if let Some(mut s) = child.stderr.take() {
        use std::io::Read;
        let _ = s.read_to_string(&mut stderr);
    }
    let _ = std::fs::remove_dir_all(&profile);
    let made = std::fs::metadata(&partial).map(|m| m.len() > 0).unwrap_or(false);
    if !status.success() || !made {
        let _ = std::fs::remove_file(&partial);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output").to_string();
        return Err(PdfError::Failed(format!("exit status {status}; {last}")));
    }
    std::fs::rename(&partial, pdf).map_err(|e| PdfError::Failed(e.to_string()))
}
