//! What the preview keeps of the content folder between rebuilds: each file
//! read and decoded with the (modified time, size) it had, so that a rebuild
//! reads only the files that changed. What the files mean to the pages is
//! not this module's concern: every rebuild assembles, checks, derives and
//! renders the whole content (see `site::session`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{FileResult, Loaded, assemble, load_file, walk};
use crate::diag::Diagnostic;

/// Files already read and decoded, each with the (modified time, size) it
/// had then, so that a rebuild (`briefing serve`) reads only what changed.
#[derive(Default, Clone)]
pub struct Cache {
    files: HashMap<String, (Stamp, Arc<FileResult>)>,
    /// Every file's result in the walk's order (also those that could not
    /// be stamped), as the next assembly takes them.
    order: Vec<Arc<FileResult>>,
    /// The last walk of the folder: every path, sorted, and its diagnostics.
    walked: Option<(Vec<String>, Vec<Diagnostic>)>,
    /// The files a watcher saw change since the last load (relative to the
    /// content folder), when it knows: the next load reads those alone
    /// without walking the folder, if each is a file it already had.
    pub changed: Option<Vec<String>>,
}

impl Cache {
    /// The previous walk, and the changed files, when the changes are all to
    /// files the previous walk found and that are still plain files.
    fn quick_walk(&mut self, root: &Path) -> Option<Vec<String>> {
        let mut changed = self.changed.take()?;
        let (_, refused) = self.walked.as_ref()?;
        // A file the walk refused (a link that leaves the folder) changed
        // or went: only a walk tells.
        if changed.iter().any(|p| refused.iter().any(|d| d.file == *p)) {
            return None;
        }
        // A file that came and went within the burst (a tool's temporary
        // file, renamed over the one it saves) changes nothing.
        changed.retain(|p| self.files.contains_key(p) || std::fs::symlink_metadata(root.join(p)).is_ok());
        let known = changed.iter().all(|p| {
            self.files.contains_key(p)
                && std::fs::symlink_metadata(root.join(p)).is_ok_and(|m| m.file_type().is_file())
        });
        known.then_some(changed)
    }
}

/// What tells a file from its later versions or from another file: its
/// modified time and size, and on Unix its device and inode (a file swapped
/// for a link to another file is not the one read). Also whether the time
/// was old enough to trust: a file modified within the clock's granularity
/// of being stamped could change again without its time changing, so one
/// stamped that soon is read again next time ([`Stamp::unchanged`]).
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    pub modified: SystemTime,
    pub len: u64,
    pub id: (u64, u64),
    settled: bool,
}

/// The same file, in the same version as far as its stamp tells.
impl PartialEq for Stamp {
    fn eq(&self, other: &Stamp) -> bool {
        (self.modified, self.len, self.id) == (other.modified, other.len, other.id)
    }
}

impl Eq for Stamp {}

impl Stamp {
    /// The stamp of the file `m` describes.
    pub fn of(m: &std::fs::Metadata) -> std::io::Result<Stamp> {
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt as _;
            (m.dev(), m.ino())
        };
        #[cfg(not(unix))]
        let id = (0, 0);
        let modified = m.modified()?;
        let settled = SystemTime::now().duration_since(modified).is_ok_and(|age| age.as_secs() >= 2);
        Ok(Stamp { modified, len: m.len(), id, settled })
    }

    /// The stamp of the file at `path` (of the file a link leads to: the
    /// one that is opened).
    pub fn read(path: &Path) -> std::io::Result<Stamp> {
        Stamp::of(&std::fs::metadata(path)?)
    }

    /// Whether a file stamped `self` before and `now` since may be taken
    /// as it was then, without reading it again: the same stamp, and one
    /// old enough that a later save within the same clock tick cannot hide
    /// behind it.
    pub fn unchanged(&self, now: &Stamp) -> bool {
        self == now && now.settled
    }
}

fn stamp(root: &Path, path: &str) -> Option<Stamp> {
    Stamp::read(&root.join(path)).ok()
}

/// As [`load`], taking unchanged files from `cache` and refreshing it.
pub fn load_cached(root: &Path, cache: &mut Cache) -> Loaded {
    refresh(root, cache);
    assemble_cached(root, cache)
}

/// Brings `cache` up to date with the folder: reads the files the watcher
/// listed (or, without its list, walks the folder and reads every file whose
/// time or size changed, or that was saved too recently to trust its time).
pub fn refresh(root: &Path, cache: &mut Cache) {
    if let Some(changed) = cache.quick_walk(root)
        && refresh_listed(root, cache, &changed)
    {
        return;
    }
    let (paths, walk_diags) = walk(root);
    let fresh: Vec<(Option<Stamp>, Arc<FileResult>)> = paths
        .par_iter()
        .map(|p| {
            let s = stamp(root, p);
            match (s, cache.files.get(p)) {
                (Some(s), Some((old, r))) if old.unchanged(&s) => (Some(s), r.clone()),
                _ => (s, Arc::new(load_file(root, p))),
            }
        })
        .collect();
    cache.files = fresh.iter().filter_map(|(s, r)| s.map(|s| (r.path.clone(), (s, r.clone())))).collect();
    cache.order = fresh.into_iter().map(|(_, r)| r).collect();
    cache.walked = Some((paths, walk_diags));
}

/// Reads just the `listed` files, each one the last walk found; false (and
/// nothing changed) when one cannot be stamped, for a full walk instead.
fn refresh_listed(root: &Path, cache: &mut Cache, listed: &[String]) -> bool {
    let Some((paths, _)) = &cache.walked else { return false };
    let Some(at) = listed.iter().map(|p| paths.iter().position(|x| x == p)).collect::<Option<Vec<usize>>>()
    else {
        return false;
    };
    let Some(stamps) = listed.iter().map(|p| stamp(root, p)).collect::<Option<Vec<Stamp>>>() else {
        return false;
    };
    if cache.order.len() != paths.len() {
        return false;
    }
    let fresh: Vec<Arc<FileResult>> = listed.par_iter().map(|p| Arc::new(load_file(root, p))).collect();
    for ((r, s), i) in fresh.into_iter().zip(stamps).zip(at) {
        cache.order[i] = r.clone();
        cache.files.insert(r.path.clone(), (s, r));
    }
    true
}

/// The content of the files `cache` holds, in the walk's order.
pub fn assemble_cached(root: &Path, cache: &Cache) -> Loaded {
    let (paths, walk_diags) = cache.walked.clone().unwrap_or_default();
    let results: Vec<FileResult> = cache.order.par_iter().map(|r| (**r).clone()).collect();
    assemble(root, &paths, walk_diags, results)
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    /// Overwrites `path` with `text` and puts its modified time back.
    fn sneak(path: &Path, text: &str) {
        let before = std::fs::metadata(path).unwrap().modified().unwrap();
        std::fs::write(path, text).unwrap();
        std::fs::File::options().write(true).open(path).unwrap().set_modified(before).unwrap();
    }

    #[test]
    fn a_rebuild_reads_only_the_files_whose_time_or_size_changed() {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference/content"), &content);
        let group = "groups/border-security.yaml";
        // A file saved moments ago is read again (its time may not show a
        // second save in the same clock tick): this one is older.
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(content.join(group)).unwrap().set_modified(old).unwrap();
        let mut cache = crate::load::Cache::default();
        let first = load_cached(&content, &mut cache);
        let original = first.sources.get(group).unwrap().to_string();
        // Same size, same time: taken from the cache, not read again.
        let same_size = original.replacen("Border Security", "Border Sekurity", 1);
        assert_eq!(same_size.len(), original.len());
        sneak(&content.join(group), &same_size);
        let meeting = content.join("meetings/2021-05-26.md");
        let mut note = std::fs::read_to_string(&meeting).unwrap();
        note.push_str("\nOne more paragraph.\n");
        std::fs::write(&meeting, &note).unwrap();
        let second = load_cached(&content, &mut cache);
        assert_eq!(second.sources.get(group).unwrap(), original, "an unchanged file is not read again");
        assert_eq!(second.sources.get("meetings/2021-05-26.md").unwrap(), note, "the edited file is read");
        let plain = crate::load::load(&content);
        assert_eq!(plain.sources.get(group).unwrap(), same_size, "`load` without a cache reads everything");
        // A file saved moments ago is read again even when its time and
        // size look the same.
        let quick = note.replacen("One more", "One mora", 1);
        sneak(&meeting, &quick);
        let again = load_cached(&content, &mut cache);
        assert_eq!(again.sources.get("meetings/2021-05-26.md").unwrap(), quick);
        // A deleted file leaves the cache and the content.
        std::fs::remove_file(&meeting).unwrap();
        let third = load_cached(&content, &mut cache);
        assert!(third.sources.get("meetings/2021-05-26.md").is_none());
        assert!(third.content.meetings.is_empty());
    }

    #[test]
    fn with_the_watchers_list_only_the_listed_files_are_read() {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference/content"), &content);
        let mut cache = crate::load::Cache::default();
        load_cached(&content, &mut cache);
        let (meeting, group) = ("meetings/2021-05-26.md", "groups/border-security.yaml");
        let note = std::fs::read_to_string(content.join(meeting)).unwrap() + "\nListed.\n";
        std::fs::write(content.join(meeting), &note).unwrap();
        let group_text = std::fs::read_to_string(content.join(group)).unwrap();
        let unlisted = group_text.replacen("Border Security", "Unlisted change", 1);
        std::fs::write(content.join(group), &unlisted).unwrap();
        // The watcher saw the meeting only: the group is taken as it was,
        // without looking at the folder.
        // (with a temporary file that was renamed over it: no trace left).
        cache.changed = Some(vec![meeting.to_string(), "meetings/sedX1y2Z3".to_string()]);
        let quick = load_cached(&content, &mut cache);
        assert_eq!(quick.sources.get(meeting).unwrap(), note);
        assert_eq!(quick.sources.get(group).unwrap(), group_text, "the unlisted file is not read");
        // A list with a file the last walk did not have: the folder is walked.
        std::fs::create_dir_all(content.join("pages")).unwrap();
        std::fs::write(content.join("pages/new.md"), "---\ntitle: New\n---\nText.\n").unwrap();
        cache.changed = Some(vec!["pages/new.md".to_string()]);
        let walked = load_cached(&content, &mut cache);
        assert_eq!(walked.content.pages.len(), 1, "the new page is found");
        assert_eq!(walked.sources.get(group).unwrap(), unlisted, "and every file is looked at");
        // No list (the first build, a theme change, a rescan): walked too.
        let again = load_cached(&content, &mut cache);
        assert_eq!(again.content.pages.len(), 1);
    }
}
