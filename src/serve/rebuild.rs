//! One rebuild: render the site in memory (reusing the files and theme of
//! the previous build), compare it with the previous build, publish it to
//! the server, tell open pages to reload, print one line, and hand the
//! build to the output folder's writer (`output`), which writes it once
//! the saves stop. The first build is written at once, on this thread.

use std::io::Write as _;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;

use super::disk::Disk;
use super::files::{Content, Files, OnDisk, differing};
use super::output::Writer;
use super::overlay;
use crate::diag::Diagnostic;
use crate::diag::report;
use crate::render::search::{BUNDLE, Done, Job};
use crate::site::{Options, Rebuilt, Session};
use crate::write::WriteError;

/// What the server shows.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last good build (empty until there is one).
    pub files: Arc<Files>,
    /// The error page, while the content does not build.
    pub error: Option<Bytes>,
    /// Changes whenever what is served changes; open pages reload when the
    /// generation they were served with is no longer the current one.
    pub generation: u64,
}

/// Rebuilds through the site's session (which keeps what one build needs
/// from the previous one) and publishes.
pub struct Rebuilder {
    opts: Options,
    session: Session,
    shown: Snapshot,
    shared: Arc<RwLock<Arc<Snapshot>>>,
    generation: tokio::sync::watch::Sender<u64>,
    /// Writes the first build; then handed to the writer.
    disk: Option<Disk>,
    /// Writes the later builds once the saves stop.
    writer: Option<Writer>,
    /// The diagnostics last printed for a good build (printed again only when they change).
    printed: Vec<Diagnostic>,
    color: bool,
}

/// What changed between two builds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub pages: usize,
    pub other: usize,
}

impl Changes {
    pub fn between(old: &Files, new: &Files) -> Changes {
        let mut c = Changes::default();
        for (path, _) in differing(old, new) {
            if path.ends_with(".html") { c.pages += 1 } else { c.other += 1 }
        }
        c
    }

    pub fn any(&self) -> bool {
        self.pages + self.other > 0
    }
}

impl Rebuilder {
    pub fn new(
        opts: Options,
        shared: Arc<RwLock<Arc<Snapshot>>>,
        generation: tokio::sync::watch::Sender<u64>,
        color: bool,
    ) -> Self {
        // Starts from the clock, so that pages left open across a restart
        // of the server reload when they reconnect.
        let start = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(1);
        let disk = Disk::new(opts.out.clone(), opts.content.clone());
        Rebuilder {
            session: Session::new(opts.clone()),
            opts,
            shown: Snapshot { generation: start, ..Snapshot::default() },
            shared,
            generation,
            disk: Some(disk),
            writer: None,
            printed: Vec::new(),
            color,
        }
    }

    /// From now on, builds are written once the saves stop, off this
    /// thread (see `output`); the task ends, after its last write, when the
    /// rebuilder is dropped. Called within the runtime, after the first
    /// build.
    pub fn write_in_background(&mut self) -> Option<tokio::task::JoinHandle<()>> {
        let disk = self.disk.take()?;
        let (writer, task) = Writer::start(disk, self.opts.out.clone());
        writer.hand_over(self.shown.files.clone());
        self.writer = Some(writer);
        Some(task)
    }

    /// Writes what is shown to the output folder: at once before
    /// [`Rebuilder::write_in_background`], handed to the writer after.
    fn write(&mut self) -> Result<usize, WriteError> {
        match (&self.writer, &mut self.disk) {
            (Some(writer), _) => {
                writer.hand_over(self.shown.files.clone());
                Ok(0)
            }
            (None, Some(disk)) => disk.sync(&self.shown.files),
            (None, None) => Ok(0),
        }
    }

    /// Tells the next build which content files the watcher saw change, so
    /// that it reads those alone instead of walking the folder; anything
    /// else (a theme file, a folder, a rescan, a name that is not UTF-8,
    /// which only the walk reports) leaves it to walk.
    pub fn saw(&mut self, batch: &super::watch::Batch) {
        let root = super::watch::absolute(&self.opts.content);
        if batch.theme {
            self.session.theme_changed();
        } else {
            self.session.saw(
                batch
                    .paths
                    .iter()
                    // The folder itself (moved, removed, put back) is walked.
                    .map(|p| {
                        let rel = p.strip_prefix(&root).ok()?.to_str()?;
                        (!rel.is_empty()).then(|| rel.replace('\\', "/"))
                    })
                    .collect(),
            );
        }
    }

    /// [`Rebuilder::step`], and a panic in it (a defect, never the
    /// content's fault) reported instead of ending the preview: the error
    /// page and the terminal say so, every cache is dropped (it may be half
    /// updated), and the next save builds from scratch.
    pub fn step_guarded(&mut self, first: bool) -> Result<usize, WriteError> {
        self.guarded(|site| site.step(first))
    }

    /// The rebuild after a burst of changes: [`Rebuilder::saw`] and
    /// [`Rebuilder::step`], guarded as [`Rebuilder::step_guarded`] is.
    pub fn rebuild(&mut self, batch: &super::watch::Batch) -> Result<usize, WriteError> {
        self.guarded(|site| {
            site.saw(batch);
            site.step(false)
        })
    }

    fn guarded(
        &mut self,
        run: impl FnOnce(&mut Self) -> Result<usize, WriteError>,
    ) -> Result<usize, WriteError> {
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(self)));
        let panic = match caught {
            Ok(r) => return r,
            Err(panic) => panic,
        };
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        let line =
            format!("internal error while rebuilding: {what} (please report it); the preview keeps watching");
        self.session = Session::new(self.opts.clone());
        self.printed.clear();
        // The report itself must not fail: a plain page if the error page does.
        let page =
            std::panic::catch_unwind(|| overlay::page(&[], &crate::diag::Sources::default(), Some(&line)))
                .map(Bytes::from)
                .unwrap_or_else(|_| {
                    Bytes::from(format!(
                        "<!DOCTYPE html>\n<title>Internal error | briefing preview</title>\n<p>{}</p>\n",
                        crate::html::escape_html(&line)
                    ))
                });
        self.shown.error = Some(page);
        self.publish();
        crate::tell!("error: {line}");
        Ok(0)
    }

    /// Builds, publishes and writes. `first` is the build at start (no
    /// "rebuilt" line). Returns how the write to the output folder went
    /// (`Ok` when there was nothing to write).
    pub fn step(&mut self, first: bool) -> Result<usize, WriteError> {
        let start = Instant::now();
        let outcome = self.session.rebuild();
        #[cfg(debug_assertions)]
        panic_on_request(&self.opts.content);
        let Some(built) = &outcome.files else {
            self.failed(&outcome);
            return Ok(0);
        };
        let mut files: Files =
            built.iter().map(|f| (f.path.clone(), Content::Bytes(f.bytes.clone()))).collect();
        // Assets stay on disk, however large, and are read only when served
        // or written.
        files.extend(
            outcome
                .assets
                .iter()
                .map(|a| (a.path.clone(), Content::File(OnDisk { path: a.file.clone(), stamp: a.stamp }))),
        );
        let changes = Changes::between(&self.shown.files, &files);
        let recovered = self.shown.error.is_some();
        if changes.any() || recovered || first {
            self.shown.files = Arc::new(files);
            self.shown.error = None;
            self.publish();
        }
        let elapsed = start.elapsed();
        let mut err = std::io::stderr().lock();
        let rep = &outcome.report;
        if rep.diags != self.printed || recovered {
            for d in &rep.diags {
                let _ = writeln!(err, "{}", report::human(d, &rep.sources, self.color));
            }
            self.printed = rep.diags.clone();
        }
        if !first {
            let other = match changes.other {
                0 => String::new(),
                1 => ", 1 other file".to_string(),
                n => format!(", {n} other files"),
            };
            let plural = if changes.pages == 1 { "page" } else { "pages" };
            let _ = writeln!(
                err,
                "rebuilt in {} ms ({} {plural} changed{other})",
                elapsed.as_millis(),
                changes.pages
            );
        }
        print_timings(&mut err, &outcome);
        drop(err);
        let written = self.write();
        // The first build's write error is the caller's to report: it may
        // stop the preview before it starts.
        if let Err(e) = &written
            && !first
        {
            crate::tell!(
                "error: {e}; the preview goes on, but `{}` is not up to date",
                self.opts.out.display()
            );
        }
        written
    }

    /// A failed build: the error page replaces the pages, the terminal gets
    /// the diagnostics, the output folder is left alone.
    fn failed(&mut self, outcome: &Rebuilt) {
        let fatal = outcome.fatal.as_ref().map(|f| f.to_string());
        let rep = &outcome.report;
        let page = Bytes::from(overlay::page(&rep.diags, &rep.sources, fatal.as_deref()));
        if self.shown.error.as_ref() != Some(&page) {
            self.shown.error = Some(page);
            self.publish();
        }
        self.printed.clear();
        let mut err = std::io::stderr().lock();
        for d in &rep.diags {
            let _ = writeln!(err, "{}", report::human(d, &rep.sources, self.color));
        }
        if let Some(f) = &fatal {
            let _ = writeln!(err, "error: {f}");
        }
        let (errors, warnings) = rep.counts();
        let _ = writeln!(
            err,
            "build failed: {}, {}; the browser shows them, `{}` was left as it was",
            crate::core::words::count(errors, "error", "errors"),
            crate::core::words::count(warnings, "warning", "warnings"),
            self.opts.out.display()
        );
        print_timings(&mut err, outcome);
    }

    /// Whether the pages shown wait for their search index (and no job
    /// makes one).
    pub fn search_waiting(&self) -> bool {
        self.session.search_waiting()
    }

    /// The job that makes the search index of the pages shown, to run off
    /// this thread.
    pub fn search_job(&mut self) -> Option<Job> {
        self.session.search_job()
    }

    /// A job stopped without giving its index back: the next rebuild
    /// makes the index afresh.
    pub fn search_lost(&mut self) {
        self.session.search_lost();
    }

    /// Serves and writes the search index a job made, in place of the last
    /// one. Open pages are not reloaded: their pages did not change.
    pub fn search_done(&mut self, done: Done, took: Duration) {
        let files = match self.session.search_done(done) {
            None => return,
            Some(Err(e)) => {
                crate::tell!("error: {e}; search shows the pages as they were before");
                return;
            }
            Some(Ok(files)) => files,
        };
        let mut shown: Files = (*self.shown.files).clone();
        shown.retain(|path, _| !path.starts_with(BUNDLE));
        shown.extend(files.into_iter().map(|f| (f.path, Content::Bytes(f.bytes))));
        let changed = differing(&self.shown.files, &shown).len();
        if changed == 0 {
            return;
        }
        self.shown.files = Arc::new(shown);
        *self.shared.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(self.shown.clone());
        crate::tell!("search index updated in {} ms ({changed} files)", took.as_millis());
        if let Err(e) = self.write() {
            crate::tell!(
                "error: {e}; the preview goes on, but `{}` is not up to date",
                self.opts.out.display()
            );
        }
    }

    /// Swaps in what is shown and tells the open pages.
    fn publish(&mut self) {
        self.shown.generation += 1;
        let snapshot = Arc::new(self.shown.clone());
        *self.shared.write().unwrap_or_else(|e| e.into_inner()) = snapshot;
        self.generation.send_replace(self.shown.generation);
    }
}

/// Tests make a rebuild panic (after it updated its caches) while a file
/// named by `BRIEFING_PANIC_ON` exists in the content folder; debug builds
/// only.
#[cfg(debug_assertions)]
fn panic_on_request(content: &std::path::Path) {
    if let Some(name) = std::env::var_os("BRIEFING_PANIC_ON")
        && content.join(&name).exists()
    {
        panic!("BRIEFING_PANIC_ON: `{}` exists", name.to_string_lossy());
    }
}

fn print_timings(err: &mut impl std::io::Write, outcome: &Rebuilt) {
    if std::env::var_os("BRIEFING_TIMINGS").is_some() {
        for (stage, d) in &outcome.report.timings {
            let _ = writeln!(err, "  {stage:<9} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Files {
        list.iter().map(|(p, b)| (p.to_string(), Bytes::from(b.to_string()).into())).collect()
    }

    #[test]
    fn changes_count_changed_added_and_removed_files() {
        let old = files(&[("index.html", "a"), ("groups/x/index.html", "b"), ("static/style.css", "c")]);
        let new = files(&[("index.html", "a2"), ("meetings/m/index.html", "m"), ("static/style.css", "c")]);
        assert_eq!(Changes::between(&old, &new), Changes { pages: 3, other: 0 });
        assert!(!Changes::between(&new, &new).any());
        let css = files(&[("index.html", "a2"), ("meetings/m/index.html", "m"), ("static/style.css", "d")]);
        assert_eq!(Changes::between(&new, &css), Changes { pages: 0, other: 1 });
    }
}
