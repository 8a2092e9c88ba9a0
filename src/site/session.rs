//! The preview's rebuilds: how a save becomes a page.
//!
//! A rebuild is the build, stage for stage ([`super::stages`]), with caches
//! where they pay; nothing in it knows which page shows which record:
//!
//! 1. **load**: the content folder is read through the file cache
//!    (`load::Cache`): a file whose modified time and size are those it had
//!    when it was read (and that was not saved within the clock's
//!    granularity of being read) is taken as it was decoded; others are read
//!    and decoded again. With the watcher's list of saved files, only those
//!    are looked at; otherwise the folder is walked. The content is then
//!    assembled from every file, as a build does.
//! 2. **validate** and **derive** run in full, as in a build: their
//!    diagnostics are a build's by construction.
//! 3. **render** goes through every page with the memo (`render::memo`),
//!    each result keyed by what it is made of:
//!    - a meeting's or page's own view is kept while its record, the
//!      site-wide facts its builder can reach (`view::Around`) and the
//!      titles it looked up are unchanged;
//!    - a page of the whole site (the dashboard, the lists, a group, the
//!      book), and each language's tables, its calendars and its feed,
//!      while every part of the derived state it read
//!      (`view::parts::Tracked` records each) and each body it read are as
//!      they were (rendering reads a body in one place, which records it);
//!    - a page's frame while what it shows of the site (`view::frame::FrameSite`),
//!      the options and the page's place and head are;
//!    - a page's bytes while its template, the theme, its frame's key and
//!      its view's are: Tera runs only for pages whose key changed;
//!    - a Markdown body while its source and the addresses of its links
//!      are; a chart while its input is; an Excel workbook while its table
//!      is.
//! 4. **search**: the first good rebuild makes the search index; later
//!    ones give the index made last, at once, and note the pages it was
//!    not made from. Once the saves stop for a while, the preview takes
//!    a [`Session::search_job`] off the rebuild's thread (it reads again
//!    only the pages that changed, and packs again only their languages)
//!    and serves the files it made: a save is never kept waiting for the
//!    index, and the index settles to a build's.
//! 5. **assets** are stamped, not read: the preview serves and writes them
//!    from the content folder, checking they are still the files stamped.
//!
//! The caches (the render memo, the theme) are replaced only
//! when a rebuild succeeds: a failed rebuild leaves them as they were, and
//! the next one starts from the last good build. The file cache mirrors the
//! folder, entry by entry (each is valid on its own), so it is kept up to
//! date either way. A changed theme file reloads the theme; a page's key
//! holds the theme folder's files, so its pages are rendered again only
//! when those changed (a static file changes none).

use std::path::PathBuf;
use std::time::Instant;

use super::{Fatal, Options, Report, Summary, stages, timed};
use crate::load::{self, Stamp};
use crate::render::memo::{Counts, Memo, Store};
use crate::render::pages::Collect;
use crate::render::search::{Deferred, Done, Job, SearchError};
use crate::theme::Theme;
use crate::write::OutFile;

/// What the preview keeps from one rebuild to the next.
pub struct Session {
    opts: Options,
    files: load::Cache,
    theme: Option<Theme>,
    /// A theme file changed since the last good rebuild.
    theme_stale: bool,
    store: Store,
    /// The search index: made at the first good rebuild, then again off
    /// the rebuild's thread when asked (see [`Session::search_job`]).
    search: Deferred,
}

/// A file of `assets/`, left in the content folder: copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Its path in the output (and in the content folder).
    pub path: String,
    /// The file.
    pub file: PathBuf,
    /// As it was when the rebuild stamped it.
    pub stamp: Stamp,
}

/// One rebuild of the preview.
pub struct Rebuilt {
    pub report: Report,
    /// Every rendered file of the build, sorted by path; `None` when the
    /// rebuild failed (the diagnostics or `fatal` say why).
    pub files: Option<Vec<OutFile>>,
    /// The assets, to copy.
    pub assets: Vec<Asset>,
    pub summary: Option<Summary>,
    pub fatal: Option<Fatal>,
    /// What was taken from the previous build and what was made again.
    pub counts: Counts,
}

impl Rebuilt {
    pub fn failed(&self) -> bool {
        self.files.is_none()
    }
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            files: load::Cache::default(),
            theme: None,
            theme_stale: false,
            store: Store::default(),
            search: Deferred::default(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// The content files (relative to the content folder) a watcher saw
    /// change since the last rebuild, or `None` when it cannot tell: the
    /// next rebuild then walks the folder.
    pub fn saw(&mut self, changed: Option<Vec<String>>) {
        self.files.changed = changed;
    }

    /// A file of the theme changed: the next rebuild loads the theme again.
    pub fn theme_changed(&mut self) {
        self.theme_stale = true;
        self.files.changed = None;
    }

    /// Rebuilds the whole site in memory, as `build` would.
    pub fn rebuild(&mut self) -> Rebuilt {
        let start = Instant::now();
        let mut timings = Vec::new();
        let loaded = timed(&mut timings, "load", || {
            load::refresh(&self.opts.content, &mut self.files);
            load::assemble_cached(&self.opts.content, &self.files)
        });
        let theme = if self.theme_stale { None } else { self.theme.as_ref() };
        let memo = Memo::over(&self.store);
        let (mut report, result) =
            stages(&self.opts, loaded, theme, &memo, &mut self.search, || Ok(Collect::default()), timings);
        let counts = memo.counts();
        let rendering = match result {
            Ok(r) => r,
            Err(fatal) => {
                return Rebuilt { report, files: None, assets: Vec::new(), summary: None, fatal, counts };
            }
        };
        let assets = timed(&mut report.timings, "assets", || self.stamp_assets(&rendering.assets));
        let assets = match assets {
            Ok(a) => a,
            Err(fatal) => {
                return Rebuilt {
                    report,
                    files: None,
                    assets: Vec::new(),
                    summary: None,
                    fatal: Some(fatal),
                    counts,
                };
            }
        };
        // Good: the caches become this build's.
        self.store = memo.into_store().unwrap_or_default();
        self.search.keep();
        if let Some(t) = rendering.loaded_theme {
            self.theme = Some(t);
            self.theme_stale = false;
        }
        let files = rendering.sink.into_files();
        let summary = Summary { elapsed: start.elapsed(), ..rendering.summary };
        Rebuilt { report, files: Some(files), assets, summary: Some(summary), fatal: None, counts }
    }

    /// Every asset, stamped.
    fn stamp_assets(&self, assets: &[String]) -> Result<Vec<Asset>, Fatal> {
        assets
            .iter()
            .map(|a| {
                let file = self.opts.content.join(a);
                match Stamp::read(&file) {
                    Ok(stamp) => Ok(Asset { path: a.clone(), file, stamp }),
                    Err(e) => Err(Fatal::Asset(file, e)),
                }
            })
            .collect()
    }

    /// Whether the pages shown wait for the search index to be made again
    /// (after the first rebuild, a rebuild gives the index made last).
    pub fn search_waiting(&self) -> bool {
        self.search.waiting()
    }

    /// The job that makes the search index of the pages shown, to run off
    /// the rebuild's thread; `None` when none is due or one is running.
    pub fn search_job(&mut self) -> Option<Job> {
        self.search.job()
    }

    /// The files of the search index a job made (`None` when the job
    /// belonged to a session since dropped).
    pub fn search_done(&mut self, done: Done) -> Option<Result<Vec<OutFile>, SearchError>> {
        self.search.finish(done)
    }

    /// A search job stopped without giving its index back: the next
    /// rebuild makes the index afresh.
    pub fn search_lost(&mut self) {
        self.search = Deferred::default();
    }

    /// Makes the search index of the pages shown now, on this thread:
    /// the files, when it was due.
    pub fn settle_search(&mut self) -> Option<Result<Vec<OutFile>, SearchError>> {
        self.search.settle()
    }

    /// How much the caches hold: pages, bodies and charts.
    pub fn cached(&self) -> (usize, usize, usize) {
        self.store.len()
    }
}
