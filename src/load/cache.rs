//! What the preview keeps of the content folder between rebuilds: each file
//! read and decoded with the (modified time, size) it had, what changed
//! since the last rendered build (`Edits`), and the swap of edited records
//! into content already assembled.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{FileResult, Loaded, Record, assemble, load_file, walk};
use crate::diag::{Diagnostic, Sources};
use crate::model::{Changed, Content, Markdown, Meeting, Page, TranslatedBody};

/// Files already read and decoded, each with the (modified time, size) it
/// had then, so that a rebuild (`briefing serve`) reads only what changed.
#[derive(Default)]
pub struct Cache {
    files: HashMap<String, (Stamp, Arc<FileResult>)>,
    /// Every file's result in the walk's order (also those that could not
    /// be stamped), as the next assembly takes them.
    order: Vec<Arc<FileResult>>,
    /// What changed since `edits` was last taken (see [`Cache::take_edits`]).
    edits: Edits,
    /// The last walk of the folder: every path, sorted, and its diagnostics.
    walked: Option<(Vec<String>, Vec<Diagnostic>)>,
    /// The files a watcher saw change since the last load (relative to the
    /// content folder), when it knows: the next load reads those alone
    /// without walking the folder, if each is a file it already had.
    pub changed: Option<Vec<String>>,
}

/// What changed in the content since the last build that used it, for
/// rendering only the pages that depend on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edits {
    /// These records changed, and nothing else (empty: no file changed).
    Only(Changed),
    /// Anything the pages cannot be traced to: a group or the site, a file
    /// added or removed, a draft published or withdrawn, a file that does
    /// not load.
    All,
}

impl Default for Edits {
    fn default() -> Self {
        Edits::Only(Changed::default())
    }
}

impl Edits {
    fn add(&mut self, other: Edits) {
        *self = match (std::mem::take(self), other) {
            (Edits::All, _) | (_, Edits::All) => Edits::All,
            (Edits::Only(mut a), Edits::Only(b)) => {
                a.bodies.extend(b.bodies);
                a.meetings.extend(b.meetings);
                a.pages.extend(b.pages);
                a.groups.extend(b.groups);
                Edits::Only(a)
            }
        };
    }

    /// `file` in the set of `changed` that `set` picks.
    fn one(file: String, set: impl FnOnce(&mut Changed) -> &mut BTreeSet<String>) -> Edits {
        let mut changed = Changed::default();
        set(&mut changed).insert(file);
        Edits::Only(changed)
    }
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

    /// The text of `file` as last read.
    pub fn text(&self, file: &str) -> Option<Arc<str>> {
        self.files.get(file).and_then(|(_, r)| r.text.clone())
    }

    /// The edits gathered since the last [`Cache::take_edits`], left in place.
    pub fn pending(&self) -> &Edits {
        &self.edits
    }

    /// The edits gathered by every load since the last call; a build that
    /// renders takes them, so a failed build's edits are not lost.
    pub fn take_edits(&mut self) -> Edits {
        std::mem::take(&mut self.edits)
    }

    /// How `new`, just read, differs from what the cache holds for its file.
    fn edit_to(&self, new: &FileResult) -> Edits {
        match self.files.get(&new.path) {
            Some((_, old)) => edit_between(old, new),
            None => Edits::All,
        }
    }

    /// Marks everything as changed (the first build, a theme change).
    pub fn touch_all(&mut self) {
        self.edits = Edits::All;
    }
}

/// How `new` differs from `old` (the same file read twice).
fn edit_between(old: &FileResult, new: &FileResult) -> Edits {
    if old.text == new.text {
        return Edits::default();
    }
    let (Some(old_record), Some(new_record)) = (&old.record, &new.record) else { return Edits::All };
    match (old_record, new_record) {
        (Record::Meeting(a), Record::Meeting(b)) if a.draft == b.draft => {
            let same = Meeting { body: Markdown::default(), ..(**a).clone() }
                == Meeting { body: Markdown::default(), ..(**b).clone() };
            Edits::one(new.path.clone(), |c| if same { &mut c.bodies } else { &mut c.meetings })
        }
        (Record::Page(a), Record::Page(b)) if a.draft == b.draft => {
            let same = Page { body: Markdown::default(), ..(**a).clone() }
                == Page { body: Markdown::default(), ..(**b).clone() };
            Edits::one(new.path.clone(), |c| if same { &mut c.bodies } else { &mut c.pages })
        }
        (Record::Translation { of: a, body: x }, Record::Translation { of: b, body: y })
            if a == b && x.lang == y.lang =>
        {
            Edits::one(a.clone(), |c| match () {
                _ if x.title == y.title => &mut c.bodies,
                _ if a.starts_with("meetings/") => &mut c.meetings,
                _ => &mut c.pages,
            })
        }
        (Record::Update(a), Record::Update(b)) => {
            let mut changed = Edits::one(a.group.value.clone(), |c| &mut c.groups);
            changed.add(Edits::one(b.group.value.clone(), |c| &mut c.groups));
            changed
        }
        _ => Edits::All,
    }
}

/// Modified time and size, and whether the time was old enough to trust: a
/// file modified within the clock's granularity of being read could change
/// again without its time changing, so a recent one is read again next time.
type Stamp = (SystemTime, u64, bool);

fn stamp(root: &Path, path: &str) -> Option<Stamp> {
    let m = std::fs::metadata(root.join(path)).ok()?;
    let modified = m.modified().ok()?;
    let settled = SystemTime::now().duration_since(modified).is_ok_and(|age| age.as_secs() >= 2);
    Some((modified, m.len(), settled))
}

/// As [`load`], taking unchanged files from `cache` and refreshing it.
pub fn load_cached(root: &Path, cache: &mut Cache) -> Loaded {
    refresh(root, cache);
    assemble_cached(root, cache)
}

/// Brings `cache` up to date with the folder: reads the files the watcher
/// listed (or, without its list, walks the folder and reads every file whose
/// time or size changed) and gathers what changed into its edits.
pub fn refresh(root: &Path, cache: &mut Cache) {
    if let Some(changed) = cache.quick_walk(root)
        && refresh_listed(root, cache, &changed)
    {
        return;
    }
    let (paths, walk_diags) = walk(root);
    let fresh: Vec<(Option<Stamp>, Arc<FileResult>, bool)> = paths
        .par_iter()
        .map(|p| {
            let s = stamp(root, p);
            match (s, cache.files.get(p)) {
                (Some(s), Some((old, r))) if *old == s && s.2 => (Some(s), r.clone(), false),
                _ => (s, Arc::new(load_file(root, p)), true),
            }
        })
        .collect();
    let mut edits = Edits::default();
    for (_, r, read) in &fresh {
        if *read {
            edits.add(cache.edit_to(r));
        }
    }
    // A file added or gone, or one the walk refuses (a link that leaves the
    // folder, a name that is not UTF-8) appearing or going: all is checked.
    let refused_changed = cache.walked.as_ref().is_none_or(|(_, before)| *before != walk_diags);
    if fresh.len() != cache.files.len()
        || fresh.iter().any(|f| !cache.files.contains_key(&f.1.path))
        || refused_changed
    {
        edits.add(Edits::All);
    }
    cache.edits.add(edits);
    cache.files = fresh.iter().filter_map(|(s, r, _)| s.map(|s| (r.path.clone(), (s, r.clone())))).collect();
    cache.order = fresh.into_iter().map(|(_, r, _)| r).collect();
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
        let edit = cache.edit_to(&r);
        cache.edits.add(edit);
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

/// What swapping in the records of edited bodies gave.
pub struct Patched {
    /// The files whose records were swapped (meetings, pages, translations).
    pub files: BTreeSet<String>,
    /// Those files' own load diagnostics.
    pub diags: Vec<Diagnostic>,
    /// False when a swapped body's headings (its anchors) changed, so links
    /// from other bodies need checking again.
    pub same_anchors: bool,
}

/// For an edit of Markdown bodies alone: swaps the records of the meetings
/// and pages in `bodies` (and their translations) in `content` for those the
/// cache read last, and their texts in `sources`. `None` when a record is
/// not where it should be (the caller then assembles everything).
pub fn patch_bodies(
    cache: &Cache,
    content: &mut Content,
    sources: &mut Sources,
    bodies: &BTreeSet<String>,
) -> Option<Patched> {
    let mut swap = Swap {
        cache,
        sources,
        patched: Patched { files: BTreeSet::new(), diags: Vec::new(), same_anchors: true },
    };
    for file in bodies {
        if let Some(i) = content.meetings.iter().position(|m| &m.file == file) {
            let Record::Meeting(new) = swap.take(file)? else { return None };
            swap.swap_in(&mut content.meetings[i], new)?;
        } else if let Some(i) = content.pages.iter().position(|p| &p.file == file) {
            let Record::Page(new) = swap.take(file)? else { return None };
            swap.swap_in(&mut content.pages[i], new)?;
        } else {
            return None;
        }
    }
    Some(swap.patched)
}

/// A record with a Markdown body and translations of it.
trait WithBody: Clone {
    fn bodies(&self) -> (&Markdown, &[TranslatedBody]);
    fn set_translations(&mut self, translations: Vec<TranslatedBody>);
}

impl WithBody for Meeting {
    fn bodies(&self) -> (&Markdown, &[TranslatedBody]) {
        (&self.body, &self.translations)
    }
    fn set_translations(&mut self, translations: Vec<TranslatedBody>) {
        self.translations = translations;
    }
}

impl WithBody for Page {
    fn bodies(&self) -> (&Markdown, &[TranslatedBody]) {
        (&self.body, &self.translations)
    }
    fn set_translations(&mut self, translations: Vec<TranslatedBody>) {
        self.translations = translations;
    }
}

/// Takes records from the cache into content being patched.
struct Swap<'a> {
    cache: &'a Cache,
    sources: &'a mut Sources,
    patched: Patched,
}

impl Swap<'_> {
    /// The record the cache holds for `file`, its text and diagnostics noted.
    fn take(&mut self, file: &str) -> Option<Record> {
        let (_, r) = self.cache.files.get(file)?;
        self.patched.files.insert(file.to_string());
        self.patched.diags.extend(r.diags.iter().cloned());
        if let Some(text) = &r.text {
            self.sources.insert(file.to_string(), text.clone());
        }
        r.record.clone()
    }

    /// `new` in place of the record in `slot`, with the translations the old
    /// one had, as the cache holds them now.
    fn swap_in<T: WithBody>(&mut self, slot: &mut Arc<T>, new: Arc<T>) -> Option<()> {
        let mut record = Arc::unwrap_or_clone(new);
        let (old_body, old_translations) = slot.bodies();
        record.set_translations(self.translations(old_translations)?);
        let (body, translations) = record.bodies();
        let same = body.anchors == old_body.anchors
            && old_translations.iter().zip(translations).all(|(a, b)| a.body.anchors == b.body.anchors);
        self.patched.same_anchors &= same;
        *slot = Arc::new(record);
        Some(())
    }

    /// The translations `old` lists, as the cache holds them now.
    fn translations(&mut self, old: &[TranslatedBody]) -> Option<Vec<TranslatedBody>> {
        old.iter()
            .map(|t| match self.take(&t.file)? {
                Record::Translation { body, .. } => Some(body),
                _ => None,
            })
            .collect()
    }
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
