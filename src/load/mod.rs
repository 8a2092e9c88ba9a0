//! The load stage: walk `content/`, read every file (in parallel), and decode
//! it into the typed content model, keeping sources for diagnostics.

mod classify;
pub(crate) mod front_matter;
mod group;
mod meeting;
mod page;
mod site;
mod source;
pub mod text;
mod update;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

pub use classify::{Kind, classify};

use crate::diag::{Diagnostic, Diagnostics, Sources, codes};
use crate::model::{Asset, Changed, Content, Markdown, Meeting, Page, TranslatedBody};
use crate::yaml::{self, Loc, Node, Reader};

/// The largest YAML or Markdown file read (assets are copied, not read).
pub const MAX_TEXT_FILE: u64 = 8 * 1024 * 1024;

/// What the load stage hands on.
pub struct Loaded {
    pub content: Content,
    pub sources: Sources,
    pub diags: Diagnostics,
}

/// A file's decoded record.
#[derive(Clone)]
enum Record {
    Site(crate::model::Site),
    Group(crate::model::Group),
    Update(crate::model::Update),
    Meeting(Arc<crate::model::Meeting>),
    Page(Arc<crate::model::Page>),
    Translation { of: String, body: TranslatedBody },
    Asset(Asset),
}

/// One file's result: its text (for snippets), record and diagnostics.
#[derive(Clone)]
struct FileResult {
    path: String,
    text: Option<Arc<str>>,
    record: Option<Record>,
    diags: Vec<Diagnostic>,
}

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
        self.walked.as_ref()?;
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

    /// Marks everything as changed (the first build, a theme change).
    pub fn touch_all(&mut self) {
        self.edits = Edits::All;
    }
}

/// How `new` differs from `old` (the same file read twice).
fn edit_between(old: Option<&FileResult>, new: Option<&FileResult>) -> Edits {
    let (Some(old), Some(new)) = (old, new) else { return Edits::All };
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

/// Loads the content folder at `root`.
pub fn load(root: &Path) -> Loaded {
    load_with(root, None)
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
            edits.add(edit_between(cache.files.get(&r.path).map(|(_, old)| &**old), Some(r)));
        }
    }
    if fresh.len() != cache.files.len() || fresh.iter().any(|f| !cache.files.contains_key(&f.1.path)) {
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
        let edit = edit_between(cache.files.get(&r.path).map(|(_, old)| &**old), Some(&r));
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

fn load_with(root: &Path, cache: Option<&mut Cache>) -> Loaded {
    if let Some(cache) = cache {
        return load_cached(root, cache);
    }
    let (paths, walk_diags) = walk(root);
    let results: Vec<FileResult> = paths.par_iter().map(|p| load_file(root, p)).collect();
    assemble(root, &paths, walk_diags, results)
}

/// Puts the files' records together into the content, translations
/// attached to what they translate.
fn assemble(root: &Path, paths: &[String], walk_diags: Vec<Diagnostic>, results: Vec<FileResult>) -> Loaded {
    let mut diags = Diagnostics::new();
    let mut sources = Sources::new(root.to_path_buf());
    let mut content = Content::default();
    diags.extend(walk_diags);
    if !paths.iter().any(|p| p == "site.yaml") {
        let hint = if root.exists() {
            "create site.yaml with at least `title` and `parties`, or run `briefing init`".to_string()
        } else {
            format!("there is no folder `{}`; pass --content DIR or run `briefing init`", root.display())
        };
        diags.push(
            Diagnostic::error(
                codes::MISSING_SITE,
                "site.yaml",
                Loc::new(1, 1),
                "the content folder has no site.yaml",
            )
            .with_hint(hint),
        );
    }
    let mut translations = Vec::new();
    for res in results {
        content.files.push(res.path.clone());
        if let Some(text) = res.text {
            sources.insert(res.path.clone(), text);
        }
        diags.extend(res.diags);
        match res.record {
            Some(Record::Site(s)) => content.site = Some(s),
            Some(Record::Group(g)) => content.groups.push(g),
            Some(Record::Update(u)) => content.updates.push(u),
            Some(Record::Meeting(m)) => content.meetings.push(m),
            Some(Record::Page(p)) => content.pages.push(p),
            Some(Record::Asset(a)) => content.assets.push(a),
            Some(Record::Translation { of, body }) => translations.push((of, body)),
            None => {}
        }
    }
    if !translations.is_empty() {
        // Meetings (true) and pages (false) by file, to attach translations.
        let index: HashMap<String, (bool, usize)> = (content.meetings.iter().enumerate())
            .map(|(i, m)| (m.file.clone(), (true, i)))
            .chain(content.pages.iter().enumerate().map(|(i, p)| (p.file.clone(), (false, i))))
            .collect();
        for (of, body) in translations {
            attach_translation(&mut content, &index, &of, body, &mut diags);
        }
    }
    Loaded { content, sources, diags }
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

/// Every file below `root`, relative, sorted; symlinks that leave the folder
/// or loop are refused.
fn walk(root: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut diags = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name();
    for entry in walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(root) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => paths.push(rel),
                _ => diags.push(
                    Diagnostic::error(
                        codes::SYMLINK,
                        &rel,
                        Loc::new(1, 1),
                        format!(
                            "`{rel}` is a link that leads outside the content folder, to a folder, or nowhere"
                        ),
                    )
                    .with_hint("copy the file into the content folder instead of linking to it"),
                ),
            }
            continue;
        }
        if entry.file_type().is_file() {
            paths.push(rel);
        }
    }
    (paths, diags)
}

fn load_file(root: &Path, path: &str) -> FileResult {
    let kind = classify(path);
    let mut result = FileResult { path: path.to_string(), text: None, record: None, diags: Vec::new() };
    match kind {
        Kind::Ignored => return result,
        Kind::Asset => {
            result.record = Some(Record::Asset(Asset { path: path.to_string() }));
            return result;
        }
        Kind::Unexpected { code, message, hint } => {
            result.diags.push(Diagnostic::error(code, path, Loc::new(1, 1), message).with_hint(hint));
            return result;
        }
        _ => {}
    }
    let size = std::fs::metadata(root.join(path)).map(|m| m.len()).unwrap_or(0);
    if size > MAX_TEXT_FILE {
        result.diags.push(
            Diagnostic::error(
                codes::TOO_LARGE,
                path,
                Loc::new(1, 1),
                format!("`{path}` is {} MiB; content files may be at most 8 MiB", size / (1024 * 1024)),
            )
            .with_hint("split it into several files, or put large material under assets/ and link to it"),
        );
        return result;
    }
    let bytes = match std::fs::read(root.join(path)) {
        Ok(b) => b,
        Err(e) => {
            result.diags.push(Diagnostic::error(
                codes::READ_FAILED,
                path,
                Loc::new(1, 1),
                format!("cannot read `{path}`: {e}"),
            ));
            return result;
        }
    };
    let text = match source::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            result.diags.push(
                Diagnostic::error(codes::NOT_UTF8, path, e.loc, format!("`{path}` is not UTF-8 text"))
                    .with_hint("save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)"),
            );
            return result;
        }
    };
    let mut r = Reader::new(path);
    result.record = decode(&mut r, &kind, &text);
    result.diags = r.diags;
    result.text = Some(text);
    result
}

/// Decodes one file's text as the loader would at `path` (relative to the
/// content folder): its diagnostics. For property tests and fuzzing.
pub fn diagnose_text(path: &str, text: &str) -> Vec<Diagnostic> {
    let kind = classify(path);
    let mut r = Reader::new(path);
    decode(&mut r, &kind, text);
    r.diags
}

fn decode(r: &mut Reader, kind: &Kind, text: &str) -> Option<Record> {
    match kind {
        Kind::Site => {
            let node = parse_yaml(r, text, 0)?;
            site::site(r, &node).map(Record::Site)
        }
        Kind::Group { id } => {
            let node = parse_yaml(r, text, 0)?;
            group::group(r, &node, id).map(Record::Group)
        }
        Kind::Update { date, group } => {
            let node = parse_yaml(r, text, 0)?;
            update::update(r, &node, group, *date).map(Record::Update)
        }
        Kind::Meeting { slug, date, lang } => {
            let (node, body) = split_markdown(r, text, lang.is_some())?;
            match lang {
                Some(lang) => translation(r, &node, lang, body)
                    .map(|b| Record::Translation { of: format!("meetings/{slug}.md"), body: b }),
                None => meeting::meeting(r, &node, slug, *date, body).map(|m| Record::Meeting(Arc::new(m))),
            }
        }
        Kind::Page { slug, lang } => {
            let (node, body) = split_markdown(r, text, lang.is_some())?;
            match lang {
                Some(lang) => translation(r, &node, lang, body)
                    .map(|b| Record::Translation { of: format!("pages/{slug}.md"), body: b }),
                None => page::page(r, &node, slug, body).map(|p| Record::Page(Arc::new(p))),
            }
        }
        Kind::Asset | Kind::Unexpected { .. } | Kind::Ignored => None,
    }
}

fn translation(r: &mut Reader, node: &Node, lang: &str, body: Markdown) -> Option<TranslatedBody> {
    let title = if site::is_empty(node) { None } else { meeting::translation_title(r, node) };
    Some(TranslatedBody { lang: lang.to_string(), file: r.file.to_string(), title, body })
}

/// Parses YAML that starts `offset` lines into its file.
fn parse_yaml(r: &mut Reader, text: &str, offset: u32) -> Option<Node> {
    match yaml::parse(text) {
        Ok(mut node) => {
            node.shift(offset);
            Some(node)
        }
        Err(e) => {
            let (code, message, hint) = describe_yaml_error(&e.message);
            r.error(code, e.loc.shifted(offset), message).hint = Some(hint);
            None
        }
    }
}

/// A parser error in staff's words: resource limits (alias bombs, deep
/// nesting) are `too-large`; anything else is a syntax error.
fn describe_yaml_error(message: &str) -> (&'static str, String, String) {
    if message.contains("budget") || (message.contains("alias") && message.contains("limit")) {
        (
            codes::TOO_LARGE,
            "this YAML expands to too many values (repeated aliases, or a very large document)".into(),
            "write the values out instead of nesting aliases (`*name`), or split the file".into(),
        )
    } else if message.contains("recursion") || message.contains("depth") {
        (
            codes::TOO_LARGE,
            "this YAML is nested too deeply".into(),
            "a content file needs only a few levels of nesting; check for unclosed brackets".into(),
        )
    } else if message.contains("appears twice") {
        (
            codes::YAML_SYNTAX,
            message.to_string(),
            "delete the line you do not mean; a key may appear once in a mapping".into(),
        )
    } else {
        (
            codes::YAML_SYNTAX,
            message.to_string(),
            "check the indentation, and quote text that contains `: ` or starts with a special character"
                .into(),
        )
    }
}

/// Front matter as a node (required unless `translation`) and the body.
fn split_markdown(r: &mut Reader, text: &str, translation: bool) -> Option<(Node, Markdown)> {
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(loc) => {
            r.error(codes::FRONT_MATTER, loc, "the front matter opened by `---` is never closed").hint =
                Some("end the front matter with a line holding only `---`".into());
            return None;
        }
    };
    if !split.has_front_matter && !translation {
        r.error(codes::FRONT_MATTER, Loc::new(1, 1), "this Markdown file has no front matter").hint =
            Some("start the file with `---`, the fields (title, date, …), then `---`".into());
        return None;
    }
    let node = parse_yaml(r, split.yaml, split.yaml_line_offset)?;
    Some((node, text::markdown(split.body, split.body_line)))
}

fn attach_translation(
    content: &mut Content,
    index: &HashMap<String, (bool, usize)>,
    of: &str,
    body: TranslatedBody,
    diags: &mut Diagnostics,
) {
    // A record shared with the preview's cache is copied before it changes.
    let target = match index.get(of) {
        Some(&(true, i)) => Some(&mut Arc::make_mut(&mut content.meetings[i]).translations),
        Some(&(false, i)) => Some(&mut Arc::make_mut(&mut content.pages[i]).translations),
        None => None,
    };
    match target {
        Some(list) => list.push(body),
        None if content.files.iter().any(|f| f == of) => {}
        None => diags.push(
            Diagnostic::error(
                codes::UNEXPECTED_FILE,
                &body.file,
                Loc::new(1, 1),
                format!("`{}` translates `{of}`, which does not exist", body.file),
            )
            .with_hint(format!("create `{of}` first: a translation holds only the body in another language")),
        ),
    }
}
