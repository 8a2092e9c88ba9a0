//! The load stage: walk `content/`, read every file (in parallel), and decode
//! it into the typed content model, keeping sources for diagnostics.
//!
//! Must not import `schema` (but its field lists, `schema::model`), `render`,
//! `theme`, `charts`, `derive`, `validate`, `write`, `site`, `cli`, `serve`,
//! `pdf`: load reads content: nothing of the later stages.

mod cache;
mod classify;
mod group;
mod meeting;
pub mod names;
mod page;
mod sheet_size;
pub mod sheets;
mod site;
pub mod text;
mod update;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

pub use cache::{Cache, Stamp, assemble_cached, load_cached, refresh};
pub use classify::{Kind, classify};
pub use site::{BASE_URL_HINT, base_url_problem};

/// Why the loader would refuse a content file at `rel` (relative to the
/// content folder, `/` separators), if it would: a name of one of its
/// folders or its own that the build could not write ([`names::unportable`]),
/// or a place the content model does not have for it ([`classify`]). What
/// `briefing new` would write is judged by these same rules.
pub fn refused(rel: &str) -> Option<String> {
    for name in rel.split('/') {
        if let Some(why) = names::unportable(std::ffi::OsStr::new(name)) {
            return Some(format!("the name `{name}` {why}"));
        }
    }
    match classify(rel) {
        Kind::Unexpected { message, hint, .. } => Some(format!("{message}: {hint}")),
        Kind::Ignored => {
            Some(format!("`{rel}` is a hidden file or an editor's leftover, which the build passes over"))
        }
        _ => None,
    }
}

use crate::core::front_matter;
use crate::diag::{Diagnostic, Diagnostics, Sources, codes};
use crate::model::{Asset, Content, Markdown, TranslatedBody};
use crate::yaml::{self, Loc, Node, Reader};

/// The largest YAML or Markdown file read (assets are copied, not read;
/// SVG images are read whole to be checked for scripts).
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
    Site(Box<crate::model::Site>),
    Group(crate::model::Group),
    Update(crate::model::Update),
    Meeting(Arc<crate::model::Meeting>),
    /// `meetings/<slug>.yaml`: a meeting's fields, waiting for its record.
    MeetingFields(Box<crate::model::Meeting>),
    /// `meetings/<slug>.md` without front matter: a record whose fields
    /// should be in the YAML file beside it.
    MeetingBody {
        of: String,
        body: Markdown,
    },
    Page(Arc<crate::model::Page>),
    Translation {
        of: String,
        body: TranslatedBody,
    },
    Asset(Asset),
    /// A spreadsheet of `data/`, read when the updates that name it are.
    Data(Arc<[u8]>),
}

/// One file's result: its text (for snippets), record and diagnostics.
#[derive(Clone)]
struct FileResult {
    path: String,
    text: Option<Arc<str>>,
    record: Option<Record>,
    diags: Vec<Diagnostic>,
}

/// Loads the content folder at `root`.
pub fn load(root: &Path) -> Loaded {
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
        let (message, hint) = if root.is_dir() {
            (
                "the content folder has no site.yaml".to_string(),
                "create site.yaml with at least `title` and `parties`, or run `briefing init`".to_string(),
            )
        } else if root.exists() {
            (
                format!("`{}` is a file, not a content folder", root.display()),
                "pass --content the folder that holds site.yaml, groups/, updates/ and meetings/".to_string(),
            )
        } else {
            (
                "the content folder has no site.yaml".to_string(),
                format!("there is no folder `{}`; pass --content DIR or run `briefing init`", root.display()),
            )
        };
        diags.push(
            Diagnostic::error(codes::MISSING_SITE, "site.yaml", Loc::new(1, 1), message).with_hint(hint),
        );
    }
    let mut translations = Vec::new();
    let mut data = HashMap::new();
    let mut fields = std::collections::BTreeMap::new();
    let mut records = Vec::new();
    for res in results {
        content.files.push(res.path.clone());
        if let Some(text) = res.text {
            sources.insert(res.path.clone(), text);
        }
        diags.extend(res.diags);
        match res.record {
            Some(Record::Site(s)) => content.site = Some(*s),
            Some(Record::Group(g)) => content.groups.push(g),
            Some(Record::Update(u)) => content.updates.push(u),
            Some(Record::Meeting(m)) => content.meetings.push(m),
            Some(Record::MeetingFields(m)) => {
                fields.insert(m.file.clone(), *m);
            }
            Some(Record::MeetingBody { of, body }) => records.push((of, body)),
            Some(Record::Page(p)) => content.pages.push(p),
            Some(Record::Asset(a)) => content.assets.push(a),
            Some(Record::Translation { of, body }) => translations.push((of, body)),
            Some(Record::Data(bytes)) => {
                data.insert(res.path.clone(), bytes);
            }
            None => {}
        }
    }
    if !fields.is_empty() || !records.is_empty() {
        join_meetings(&mut content, fields, records, &mut diags);
    }
    if content.updates.iter().any(|u| !u.imports.is_empty()) {
        let parties: Option<Vec<String>> =
            content.site.as_ref().map(|s| s.parties.iter().map(|(c, _, _)| c.clone()).collect());
        sheets::import_all(&mut content, &data, parties.as_deref(), &mut diags);
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

/// Puts each meeting's fields (`meetings/<slug>.yaml`) and its record
/// (`meetings/<slug>.md` without front matter) together; a record without
/// fields, fields without a record, and fields given twice (front matter
/// and a YAML file) are diagnostics. The meetings stay in their files'
/// order.
fn join_meetings(
    content: &mut Content,
    mut fields: std::collections::BTreeMap<String, crate::model::Meeting>,
    records: Vec<(String, Markdown)>,
    diags: &mut Diagnostics,
) {
    for (of, body) in records {
        match fields.remove(&of) {
            Some(mut m) => {
                m.body = body;
                content.meetings.push(Arc::new(m));
            }
            None => {
                let yaml = format!("{}.yaml", of.trim_end_matches(".md"));
                let name = yaml.rsplit('/').next().unwrap_or(&yaml).to_string();
                diags.push(
                    Diagnostic::error(
                        codes::FRONT_MATTER,
                        &of,
                        Loc::new(1, 1),
                        format!("this meeting has no front matter, and no `{yaml}` beside it"),
                    )
                    .with_hint(format!(
                        "write the fields (title, date, agenda, …) in `{name}` beside it, or start this file with `---`, the fields, then `---`"
                    )),
                );
            }
        }
    }
    for (of, m) in fields {
        let record = of.rsplit('/').next().unwrap_or(&of).to_string();
        let d = if content.meetings.iter().any(|x| x.file == of) {
            Diagnostic::error(
                codes::FRONT_MATTER,
                &m.fields,
                Loc::new(1, 1),
                format!("`{of}` has front matter, and this file gives the same meeting's fields"),
            )
            .with_hint(format!(
                "keep the fields in one place: in this file (and delete the front matter of `{record}`), or in the front matter (and delete this file)"
            ))
        } else {
            Diagnostic::error(
                codes::UNEXPECTED_FILE,
                &m.fields,
                Loc::new(1, 1),
                format!("this file gives a meeting's fields, but its record `{of}` does not exist"),
            )
            .with_hint(format!("create `{record}` beside it; it may stay empty until the meeting is held"))
        };
        diags.push(d);
    }
    content.meetings.sort_by(|a, b| a.file.cmp(&b.file));
}

/// Every file below `root`, relative, sorted; symlinks that leave the folder
/// or loop are refused.
fn walk(root: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut diags = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // The content folder itself may be a link (followed); links inside it
    // are checked below.
    let walker = walkdir::WalkDir::new(root).follow_links(false).follow_root_links(true).sort_by_file_name();
    let mut entries = walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = entries.next() {
        let Ok(entry) = entry else { continue };
        if entry.depth() == 0 {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else { continue };
        let rel = rel.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/");
        // A name the build could not write is refused here, so that `check`
        // fails where `build` would (a folder once, not each file in it).
        if let Some(why) = names::unportable(entry.file_name()) {
            let what = if entry.file_type().is_dir() { "folder" } else { "file" };
            diags.push(
                Diagnostic::error(
                    codes::BAD_FILE_NAME,
                    &rel,
                    Loc::new(1, 1),
                    format!("the {what} name `{rel}` {why}"),
                )
                .with_hint(names::RENAME_HINT),
            );
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
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
    let paths = without_case_collisions(paths, &mut diags);
    (paths, diags)
}

/// `paths` less each that names the same file as an earlier one when case
/// is ignored (`assets/Map.png` beside `assets/map.png`), as on macOS and
/// Windows, where a checkout or the published site would keep only one:
/// each such file is a `bad-file-name`. A name the content model refuses
/// anyway (`groups/Health.yaml`) is left to that diagnostic.
fn without_case_collisions(paths: Vec<String>, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut first: HashMap<String, usize> = HashMap::with_capacity(paths.len());
    let mut kept = Vec::with_capacity(paths.len());
    for path in paths {
        if matches!(classify(&path), Kind::Unexpected { .. } | Kind::Ignored) {
            kept.push(path);
            continue;
        }
        let folded = path.to_lowercase();
        match first.get(&folded) {
            Some(&i) => diags.push(
                Diagnostic::error(
                    codes::BAD_FILE_NAME,
                    &path,
                    Loc::new(1, 1),
                    format!(
                        "`{path}` and `{}` differ only in case: on macOS and Windows they are one file",
                        kept[i]
                    ),
                )
                .with_hint("rename one of them, or merge them into one file"),
            ),
            None => {
                first.insert(folded, kept.len());
                kept.push(path);
            }
        }
    }
    kept
}

fn load_file(root: &Path, path: &str) -> FileResult {
    let kind = classify(path);
    let mut result = FileResult { path: path.to_string(), text: None, record: None, diags: Vec::new() };
    match kind {
        Kind::Ignored => return result,
        Kind::Asset => {
            // An SVG image is text that may hold scripts: validation reads it.
            let svg = path.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("svg"));
            let size = if svg { std::fs::metadata(root.join(path)).map(|m| m.len()).unwrap_or(0) } else { 0 };
            if size > MAX_TEXT_FILE {
                result.diags.push(
                    Diagnostic::error(
                        codes::UNSAFE_ASSET,
                        path,
                        Loc::new(1, 1),
                        format!(
                            "`{path}` is {} MiB; SVG images may be at most 8 MiB, to be checked for scripts",
                            size / (1024 * 1024)
                        ),
                    )
                    .with_hint("export the image as PNG, or simplify it"),
                );
                return result;
            }
            let text = if svg {
                match std::fs::read(root.join(path)) {
                    Ok(bytes) => Some(Arc::<str>::from(String::from_utf8_lossy(&bytes))),
                    Err(e) => {
                        result.diags.push(read_failed(path, &e));
                        return result;
                    }
                }
            } else {
                None
            };
            result.text = text.clone();
            result.record = Some(Record::Asset(Asset { path: path.to_string(), text }));
            return result;
        }
        Kind::Data => {
            match read_data(root, path) {
                Ok(bytes) => result.record = Some(Record::Data(bytes)),
                Err(d) => result.diags.push(*d),
            }
            return result;
        }
        Kind::Unexpected { code, message, hint, rename } => {
            // `Health.yaml` beside `health.yaml`: renaming would overwrite.
            let hint = match rename {
                Some(to) if to != path && names::exists_exactly(root, &to) => format!(
                    "`{to}` exists already: move what this file holds into it and delete this one, or name it differently"
                ),
                _ => hint,
            };
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
            result.diags.push(read_failed(path, &e));
            return result;
        }
    };
    let text = match crate::core::source::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            result.diags.push(
                Diagnostic::error(codes::NOT_UTF8, path, e.loc, format!("`{path}` is not UTF-8 text"))
                    .with_hint("save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)"),
            );
            return result;
        }
    };
    let mut r = Reader::with_source(path, &text);
    result.record = decode(&mut r, &kind, &text);
    result.diags = r.diags;
    result.text = Some(text);
    result
}

/// The largest spreadsheet read from `data/`.
pub const MAX_DATA_FILE: u64 = 16 * 1024 * 1024;

/// A spreadsheet's bytes, parsed once the updates that name it are read.
fn read_data(root: &Path, path: &str) -> Result<Arc<[u8]>, Box<Diagnostic>> {
    let size = std::fs::metadata(root.join(path)).map(|m| m.len()).unwrap_or(0);
    if size > MAX_DATA_FILE {
        return Err(Box::new(
            Diagnostic::error(
                codes::TOO_LARGE,
                path,
                Loc::new(1, 1),
                format!(
                    "`{path}` is {} MiB; a spreadsheet in data/ may be at most 16 MiB",
                    size / (1024 * 1024)
                ),
            )
            .with_hint("keep in it only the tables the updates take figures from"),
        ));
    }
    std::fs::read(root.join(path)).map(Arc::from).map_err(|e| Box::new(read_failed(path, &e)))
}

/// A content file that could not be read (permissions, a file removed while
/// loading): said the same way whatever kind of file it is.
fn read_failed(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(codes::READ_FAILED, path, Loc::new(1, 1), format!("cannot read `{path}`: {e}"))
}

/// Decodes one file's text as the loader would at `path` (relative to the
/// content folder): its diagnostics. For property tests and fuzzing.
pub fn diagnose_text(path: &str, text: &str) -> Vec<Diagnostic> {
    let kind = classify(path);
    let mut r = Reader::with_source(path, text);
    decode(&mut r, &kind, text);
    r.diags
}

fn decode(r: &mut Reader, kind: &Kind, text: &str) -> Option<Record> {
    match kind {
        Kind::Site => {
            let node = parse_yaml(r, text, 0)?;
            site::site(r, &node).map(|s| Record::Site(Box::new(s)))
        }
        Kind::Group { id } => {
            let node = parse_yaml(r, text, 0)?;
            group::group(r, &node, id).map(Record::Group)
        }
        Kind::Update { date, group } => {
            let node = parse_yaml(r, text, 0)?;
            update::update(r, &node, group, *date).map(Record::Update)
        }
        Kind::Meeting { slug, date, fields: true, .. } => {
            let node = parse_yaml(r, text, 0)?;
            let mut m = meeting::meeting(r, &node, slug, *date, Markdown::default())?;
            m.file = format!("meetings/{slug}.md");
            Some(Record::MeetingFields(Box::new(m)))
        }
        Kind::Meeting { slug, lang: None, .. } if matches!(front_matter::split(text), Ok(s) if !s.has_front_matter) =>
        {
            // The fields are in `<slug>.yaml` beside it, or missing:
            // assembling tells which.
            let body = text::markdown(r, text, 1);
            Some(Record::MeetingBody { of: format!("meetings/{slug}.md"), body })
        }
        Kind::Meeting { slug, date, lang, .. } => {
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
        Kind::Asset | Kind::Data | Kind::Unexpected { .. } | Kind::Ignored => None,
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
            let (code, message, hint) = describe_yaml_error(&e.message, text, e.loc);
            r.error(code, e.loc.shifted(offset), message).hint = Some(hint);
            None
        }
    }
}

/// A parser error in staff's words: resource limits (alias bombs, deep
/// nesting, too many values) are `too-large`; a number YAML cannot hold
/// (`.nan`, `.inf`) is `wrong-type`; anything else is a syntax error, with a
/// hint fitted to the mistake where one is known.
fn describe_yaml_error(message: &str, text: &str, loc: Loc) -> (&'static str, String, String) {
    let has_aliases = text.contains('&') && text.contains('*');
    if message.contains("budget") && (message.contains("Alias") || message.contains("Anchor") || has_aliases)
    {
        (
            codes::TOO_LARGE,
            "this YAML expands to too many values through its aliases (`*name`)".into(),
            "write the values out instead of nesting aliases (`*name`), or split the file".into(),
        )
    } else if message.contains("budget") && message.contains("Depth") {
        (
            codes::TOO_LARGE,
            "this YAML is nested too deeply".into(),
            "a content file needs only a few levels of nesting; check for unclosed brackets".into(),
        )
    } else if message.contains("budget") {
        (
            codes::TOO_LARGE,
            format!(
                "this file holds too many values to read at once ({} lines; a file may hold up to about a million values)",
                text.lines().count()
            ),
            "split it: for example one update file per reporting date, or fewer metric points per update"
                .into(),
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
    } else if message.contains("non-finite float") {
        let value = message.split('`').nth(1).unwrap_or(".nan");
        match key_before(text, loc) {
            Some("progress") => (
                codes::WRONG_TYPE,
                format!("`progress` is `{value}`, not a whole number from 0 to 100"),
                "write the progress as a whole number from 0 to 100, e.g. `35`".into(),
            ),
            Some(key) => (
                codes::WRONG_TYPE,
                format!("`{key}` is `{value}`, which is not a number that can be shown"),
                "write a number such as `35` or `12.5`, or leave the value out".into(),
            ),
            None => (
                codes::WRONG_TYPE,
                format!("`{value}` is not a number that can be shown"),
                "write a number such as `35` or `12.5`, or leave the value out".into(),
            ),
        }
    } else if message.contains("escape") {
        (
            codes::YAML_SYNTAX,
            "this quoted text has a backslash that does not start a known escape".into(),
            "in double quotes a backslash starts an escape (`\\n`, `\\\"`, `\\\\`): write `\\\\` for a backslash, or use single quotes ('a\\b')".into(),
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

/// The mapping key written just before `loc` on its line: `progress` in
/// `{status: done, progress: .nan}`.
fn key_before(text: &str, loc: Loc) -> Option<&str> {
    let line = text.lines().nth(loc.line.checked_sub(1)? as usize)?;
    let end = line.char_indices().nth(loc.col.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i);
    let before = line[..end].trim_end().strip_suffix(':')?.trim_end();
    let key = before.rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).next()?;
    (!key.is_empty()).then_some(key)
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
    let body = text::markdown(r, split.body, split.body_line);
    Some((node, body))
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
