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
//! 3. **render** builds every page's view context and renders it through
//!    the memo (`render::memo`): a page whose context (with its template and
//!    interface strings) hashes as it did at the last good rebuild is the
//!    bytes rendered then, so Tera runs only for pages whose context
//!    changed; a Markdown body is rendered again only when its source or
//!    the addresses of its links changed; a chart only when its input did.
//! 4. **assets** are read again only when their stamp changed.
//!
//! The caches (the render memo, the theme, the assets) are replaced only
//! when a rebuild succeeds: a failed rebuild leaves them as they were, and
//! the next one starts from the last good build. The file cache mirrors the
//! folder, entry by entry (each is valid on its own), so it is kept up to
//! date either way. A changed theme file reloads the theme; a page's key
//! holds the theme folder's files, so its pages are rendered again only
//! when those changed (a static file changes none).

use std::collections::HashMap;
use std::time::Instant;

use bytes::Bytes;

use super::{Fatal, Options, Report, Summary, stages, timed};
use crate::load::{self, Stamp};
use crate::render::memo::{Counts, Memo, Store};
use crate::render::pages::Collect;
use crate::render::theme::Theme;
use crate::write::OutFile;

/// What the preview keeps from one rebuild to the next.
pub struct Session {
    opts: Options,
    files: load::Cache,
    theme: Option<Theme>,
    /// A theme file changed since the last good rebuild.
    theme_stale: bool,
    store: Store,
    assets: HashMap<String, (Stamp, Bytes)>,
}

/// One rebuild of the preview.
pub struct Rebuilt {
    pub report: Report,
    /// Every file of the build, assets included, sorted by path; `None`
    /// when the rebuild failed (the diagnostics or `fatal` say why).
    pub files: Option<Vec<OutFile>>,
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
            assets: HashMap::new(),
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
            stages(&self.opts, loaded, theme, &memo, || Ok(Collect::default()), timings);
        let counts = memo.counts();
        let rendering = match result {
            Ok(r) => r,
            Err(fatal) => return Rebuilt { report, files: None, summary: None, fatal, counts },
        };
        let assets = timed(&mut report.timings, "assets", || self.read_assets(&rendering.assets));
        let assets = match assets {
            Ok(a) => a,
            Err(fatal) => return Rebuilt { report, files: None, summary: None, fatal: Some(fatal), counts },
        };
        // Good: the caches become this build's.
        self.store = memo.into_store().unwrap_or_default();
        if let Some(t) = rendering.loaded_theme {
            self.theme = Some(t);
            self.theme_stale = false;
        }
        let mut files = rendering.sink.into_files();
        files.extend(
            assets.iter().map(|(path, (_, bytes))| OutFile { path: path.clone(), bytes: bytes.clone() }),
        );
        files.sort_by(|a, b| a.path.cmp(&b.path));
        self.assets = assets;
        let summary = Summary { elapsed: start.elapsed(), ..rendering.summary };
        Rebuilt { report, files: Some(files), summary: Some(summary), fatal: None, counts }
    }

    /// The bytes of every asset, read again only when its stamp changed.
    fn read_assets(&self, assets: &[String]) -> Result<HashMap<String, (Stamp, Bytes)>, Fatal> {
        let mut read = HashMap::with_capacity(assets.len());
        for a in assets {
            let path = self.opts.content.join(a);
            let cannot = |e| Fatal::Asset(path.clone(), e);
            let Some(stamp) = Stamp::of(&path) else {
                let e = std::fs::metadata(&path).err();
                return Err(cannot(
                    e.unwrap_or_else(|| std::io::Error::other("its modified time is unknown")),
                ));
            };
            let bytes = match self.assets.get(a) {
                Some((s, b)) if s.unchanged(&stamp) => b.clone(),
                _ => Bytes::from(std::fs::read(&path).map_err(cannot)?),
            };
            read.insert(a.clone(), (stamp, bytes));
        }
        Ok(read)
    }

    /// How much the caches hold: pages, bodies and charts.
    pub fn cached(&self) -> (usize, usize, usize) {
        self.store.len()
    }
}
