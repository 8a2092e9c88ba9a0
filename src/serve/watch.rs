//! Watching the content and theme folders. Events that cannot change the
//! site are dropped: reads, editors' temporary and backup files (`.x.swp`,
//! `x~`, vim's `4913`, emacs' `.#x` and `#x#`, JetBrains' `___jb_tmp___`),
//! hidden files (the load stage skips them too) and anything in the output
//! folder or its staging folders. A burst of events (an editor saving
//! through a temporary file and a rename) becomes one rebuild: the batch
//! closes once no event came for [`QUIET`].

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
    _watcher: RecommendedWatcher,
    events: UnboundedReceiver<notify::Result<Event>>,
    filter: Filter,
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
        Ok(Watcher {
            _watcher: watcher,
            events,
            filter: Filter { roots: vec![content], theme, out: absolute(out) },
        })
    }

    /// The next burst of relevant changes; `None` when watching stopped.
    pub async fn next(&mut self) -> Option<Batch> {
        let mut batch = Batch::default();
        while batch.paths.is_empty() && !batch.theme {
            let event = self.events.recv().await?;
            self.filter.add(&mut batch, event);
        }
        let until = Instant::now() + LONGEST;
        while Instant::now() < until {
            match timeout(QUIET, self.events.recv()).await {
                Ok(Some(event)) => self.filter.add(&mut batch, event),
                Ok(None) | Err(_) => break,
            }
        }
        Some(batch)
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
        let Some(rel) = rel else { return true };
        // Hidden files and folders (the output's staging folders among
        // them) are skipped by the load stage as well.
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => n.to_string_lossy().starts_with('.'),
            _ => false,
        });
        !hidden && !rel.file_name().is_some_and(is_editor_leftover)
    }
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
