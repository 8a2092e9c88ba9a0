//! Watching the content and theme folders. Events that cannot change the
//! site are dropped: reads, editors' temporary and backup files (`.x.swp`,
//! `x~`, vim's `4913`, emacs' `.#x` and `#x#`, JetBrains' `___jb_tmp___`),
//! hidden files (the load stage skips them too) and anything in the output
//! folder or its staging folders. A burst of events (an editor saving
//! through a temporary file and a rename) becomes one rebuild: the batch
//! closes once no event came for [`QUIET`].
//!
//! A watch follows a folder, not its name: moved away (`mv content
//! content.old`), the folder would go on being watched under its new name,
//! and removed (`rm -rf content`), not at all, so that a folder put back
//! under the name would never be seen. So each watched folder is followed by
//! its path: its parent is watched too (for that name alone), and whenever
//! the folder itself is created, moved, replaced or removed, its watch is
//! dropped and, if a folder stands at the path again, made anew; that batch
//! rebuilds from a walk of the folder (which reports it missing while it is
//! gone, and reads it whole when it is back).

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use tokio::time::{Instant, timeout};

/// How long the folders must stay quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(50);
/// The longest a burst may delay a rebuild.
const LONGEST: Duration = Duration::from_millis(1000);

/// The changes of one burst.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// A theme file changed: the theme must be loaded again.
    pub theme: bool,
    pub paths: Vec<PathBuf>,
}

pub struct Watcher {
    watcher: RecommendedWatcher,
    events: UnboundedReceiver<notify::Result<Event>>,
    filter: Filter,
    /// The burst being gathered, kept here so that [`Watcher::next`] may be
    /// dropped at any await (it is one branch of the preview's `select!`)
    /// and called again without losing an event.
    pending: Batch,
    /// The watched folders that came or went in the burst.
    moved: Vec<PathBuf>,
    /// When the burst must end at the latest.
    until: Option<Instant>,
}

impl Watcher {
    /// Watches `content` and `theme` (recursively), ignoring `out`.
    pub fn start(content: &Path, theme: Option<&Path>, out: &Path) -> notify::Result<Watcher> {
        let (tx, events) = unbounded_channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        let content = absolute(content);
        watcher.watch(&content, RecursiveMode::Recursive)?;
        let theme = theme.map(absolute);
        if let Some(t) = &theme {
            watcher.watch(t, RecursiveMode::Recursive)?;
        }
        // The parents, to see the folders themselves come and go.
        for folder in std::iter::once(&content).chain(&theme) {
            if let Some(parent) = folder.parent() {
                let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
            }
        }
        Ok(Watcher {
            watcher,
            events,
            filter: Filter { roots: vec![content], theme, out: absolute(out) },
            pending: Batch::default(),
            moved: Vec::new(),
            until: None,
        })
    }

    /// The next burst of relevant changes; `None` when watching stopped.
    /// Dropped before it returns, it keeps what it gathered for the next
    /// call (receiving from the channel loses nothing when dropped).
    pub async fn next(&mut self) -> Option<Batch> {
        while self.pending.paths.is_empty() && !self.pending.theme {
            let event = self.events.recv().await?;
            self.take(event);
        }
        let until = *self.until.get_or_insert_with(|| Instant::now() + LONGEST);
        while Instant::now() < until {
            match timeout(QUIET, self.events.recv()).await {
                Ok(Some(event)) => self.take(event),
                Ok(None) | Err(_) => break,
            }
        }
        self.until = None;
        // Once the burst is over, the folders that came or went are watched
        // once more: the watcher keys its watches by path, so a late event
        // of the folder that was there before (its removal, seen after the
        // new one was watched) may have dropped the new watch, and folders
        // made inside before they were watched are watched now. What they
        // hold by then, the rebuild's walk reads.
        for folder in std::mem::take(&mut self.moved) {
            self.follow(&folder);
        }
        Some(std::mem::take(&mut self.pending))
    }

    /// Adds `event` to the burst, and follows a watched folder that was
    /// created, moved or removed by its path.
    fn take(&mut self, event: notify::Result<Event>) {
        if let Ok(e) = &event
            && comes_or_goes(&e.kind)
        {
            for folder in self.filter.folders_at(&e.paths) {
                self.follow(&folder);
                if !self.moved.contains(&folder) {
                    self.moved.push(folder);
                }
            }
        }
        self.filter.add(&mut self.pending, event);
    }

    /// Drops the watch of `folder` (it may be gone already, or be another
    /// folder now), and watches what stands at its path, if anything.
    fn follow(&mut self, folder: &Path) {
        let _ = self.watcher.unwatch(folder);
        if folder.is_dir() {
            let _ = self.watcher.watch(folder, RecursiveMode::Recursive);
        }
    }
}

/// Decides which events matter.
#[derive(Debug, Clone)]
pub struct Filter {
    pub roots: Vec<PathBuf>,
    pub theme: Option<PathBuf>,
    pub out: PathBuf,
}

impl Filter {
    fn add(&self, batch: &mut Batch, event: notify::Result<Event>) {
        let event = match event {
            Ok(e) => e,
            // A watcher error (e.g. a queue overflow): rebuild everything.
            Err(_) => {
                batch.theme = true;
                batch.paths.push(PathBuf::new());
                return;
            }
        };
        if event.need_rescan() {
            batch.theme = true;
            batch.paths.push(PathBuf::new());
            return;
        }
        if !kind_matters(&event.kind) {
            return;
        }
        // A watched folder itself came, went or was replaced: everything in
        // it may differ, so the rebuild walks it.
        let folders = if comes_or_goes(&event.kind) { self.folders_at(&event.paths) } else { Vec::new() };
        if !folders.is_empty() {
            if folders.iter().any(|f| self.theme.as_ref() == Some(f)) {
                batch.theme = true;
            }
            if !batch.paths.contains(&PathBuf::new()) {
                batch.paths.push(PathBuf::new());
            }
            return;
        }
        for path in event.paths {
            if self.path_matters(&path) {
                if self.theme.as_ref().is_some_and(|t| path.starts_with(t)) {
                    batch.theme = true;
                }
                if !batch.paths.contains(&path) {
                    batch.paths.push(path);
                }
            }
        }
    }

    /// The watched folders that are `paths` or lie inside one of them.
    pub fn folders_at(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        self.roots
            .iter()
            .chain(&self.theme)
            .filter(|root| paths.iter().any(|p| !p.as_os_str().is_empty() && root.starts_with(p)))
            .cloned()
            .collect()
    }

    /// True when a change at `path` may change the site.
    pub fn path_matters(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        let rel = self
            .roots
            .iter()
            .chain(&self.theme)
            .filter_map(|root| path.strip_prefix(root).ok())
            .min_by_key(|r| r.components().count());
        // Outside the folders: what their parents' watches see beside them.
        let Some(rel) = rel else { return false };
        // Hidden files and folders (the output's staging folders among
        // them) are skipped by the load stage as well.
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => n.to_string_lossy().starts_with('.'),
            _ => false,
        });
        !hidden && !rel.file_name().is_some_and(is_editor_leftover)
    }
}

/// A file or folder made, removed or renamed (not one opened, nor written).
fn comes_or_goes(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)))
}

/// Reads (opening a file, its access time) never change the site.
fn kind_matters(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)))
}

/// Editors' temporary, swap, lock and backup files.
pub fn is_editor_leftover(name: &OsStr) -> bool {
    let n = name.to_string_lossy();
    n.ends_with('~')
        || n.ends_with(".swp")
        || n.ends_with(".swx")
        || n.ends_with(".swo")
        || n.ends_with(".tmp")
        || n.ends_with(".crswap")
        || n.ends_with("___jb_tmp___")
        || n.ends_with("___jb_old___")
        || (n.starts_with('#') && n.ends_with('#'))
        || n.starts_with(".#")
        // vim writes `4913` (or the next free number) to test a folder.
        || (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `p` made absolute and canonical as far as it exists (the output folder
/// may not exist yet; a watched path is reported below its canonical form).
pub(super) fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => abs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange};

    fn filter() -> Filter {
        Filter {
            roots: vec![PathBuf::from("/site/content")],
            theme: Some(PathBuf::from("/site/themes")),
            out: PathBuf::from("/site/content/output"),
        }
    }

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn editor_leftovers_hidden_files_and_the_output_are_ignored() {
        let f = filter();
        for ignored in [
            "/site/content/meetings/.2021-05-26.md.swp",
            "/site/content/meetings/2021-05-26.md~",
            "/site/content/meetings/4913",
            "/site/content/meetings/.#2021-05-26.md",
            "/site/content/meetings/#2021-05-26.md#",
            "/site/content/meetings/2021-05-26.md___jb_tmp___",
            "/site/content/output/index.html",
            "/site/content/.output.new-123/index.html",
            "/site/content/.git/index",
        ] {
            assert!(!f.path_matters(Path::new(ignored)), "{ignored}");
        }
        for relevant in [
            "/site/content/meetings/2021-05-26.md",
            "/site/content/site.yaml",
            "/site/themes/default/static/style.css",
        ] {
            assert!(f.path_matters(Path::new(relevant)), "{relevant}");
        }
    }

    #[test]
    fn reads_are_ignored_and_theme_changes_are_marked() {
        let f = filter();
        let mut b = Batch::default();
        f.add(&mut b, event(EventKind::Access(AccessKind::Any), "/site/content/site.yaml"));
        assert_eq!(b, Batch::default());
        f.add(&mut b, event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), "/site/content/site.yaml"));
        assert!(!b.theme);
        assert_eq!(b.paths.len(), 1);
        f.add(&mut b, event(EventKind::Create(CreateKind::File), "/site/themes/default/templates/base.html"));
        assert!(b.theme);
    }

    #[test]
    fn a_watched_folder_that_comes_or_goes_is_walked_and_its_siblings_are_ignored() {
        use notify::event::{ModifyKind, RemoveKind, RenameMode};
        let f = filter();
        for (kind, path, theme) in [
            (EventKind::Modify(ModifyKind::Name(RenameMode::From)), "/site/content", false),
            (EventKind::Create(CreateKind::Folder), "/site/content", false),
            (EventKind::Remove(RemoveKind::Folder), "/site/content", false),
            (EventKind::Modify(ModifyKind::Name(RenameMode::To)), "/site/themes", true),
            (EventKind::Remove(RemoveKind::Any), "/site", true),
        ] {
            let mut b = Batch::default();
            f.add(&mut b, event(kind, path));
            assert_eq!(b, Batch { theme, paths: vec![PathBuf::new()] }, "{kind:?} {path}");
        }
        assert_eq!(f.folders_at(&[PathBuf::from("/site/content")]), [PathBuf::from("/site/content")]);
        // Opening the folder (every walk does) is no coming or going.
        let mut b = Batch::default();
        f.add(&mut b, event(EventKind::Access(AccessKind::Any), "/site/content"));
        assert_eq!(b, Batch::default());
        // Beside the folders, in the parent that is watched for them: nothing.
        for sibling in ["/site/content.old", "/site/README.md", "/site/output", "/elsewhere/x.md"] {
            let mut b = Batch::default();
            f.add(&mut b, event(EventKind::Create(CreateKind::Folder), sibling));
            assert_eq!(b, Batch::default(), "{sibling}");
        }
    }

    #[tokio::test]
    async fn a_burst_is_kept_when_waiting_for_it_is_dropped() {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let mut w = Watcher::start(&content, None, &tmp.path().join("output")).unwrap();
        let file = content.join("site.yaml");
        std::fs::write(&file, "title: x").unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        // The save is taken, then the wait for quiet is dropped (as the
        // preview's `select!` drops it when the search index is done).
        assert!(timeout(QUIET / 5, w.next()).await.is_err());
        let batch = timeout(Duration::from_secs(10), w.next()).await.expect("the save is still there");
        assert_eq!(batch.unwrap().paths, vec![absolute(&file)]);
    }

    #[tokio::test]
    async fn a_burst_of_saves_is_one_batch() {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        std::fs::create_dir_all(content.join("meetings")).unwrap();
        let mut w = Watcher::start(&content, None, &tmp.path().join("output")).unwrap();
        let file = content.join("meetings/2021-05-26.md");
        for i in 0..5 {
            std::fs::write(content.join("meetings/.2021-05-26.md.swp"), "swap").unwrap();
            std::fs::write(&file, format!("save {i}")).unwrap();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let batch = timeout(Duration::from_secs(10), w.next()).await.unwrap().unwrap();
        assert!(!batch.theme);
        assert_eq!(batch.paths, vec![absolute(&file)]);
        assert!(timeout(Duration::from_millis(300), w.next()).await.is_err(), "nothing more after the burst");
    }
}
