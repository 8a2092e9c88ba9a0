//! The preview's incremental rebuild: after an edit, the pages it renders
//! laid over the previous build are exactly a full build of the new content.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use briefing::site::{self, Cache, Options};

type Files = BTreeMap<String, Vec<u8>>;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

struct Preview {
    _tmp: tempfile::TempDir,
    content: PathBuf,
    opts: Options,
    cache: Cache,
    shown: Files,
}

impl Preview {
    /// The example committee in a temp folder, built once.
    fn start() -> Preview {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
        let opts = Options {
            content: content.clone(),
            out: tmp.path().join("output"),
            theme: None,
            drafts: false,
            base_url: None,
            as_of: None,
            strict: false,
            chart_png: false,
        };
        let mut p = Preview { _tmp: tmp, content, opts, cache: Cache::default(), shown: Files::new() };
        let (partial, n) = p.rebuild().expect("the example builds");
        assert!(!partial, "the first build renders everything");
        assert!(n > 20, "{n} files");
        p
    }

    /// Rebuilds as `serve` does; returns whether it was partial and how
    /// many files it rendered, or `None` when the build failed.
    fn rebuild(&mut self) -> Option<(bool, usize)> {
        let (outcome, rendered) = site::render_cached(&self.opts, &mut self.cache);
        let (files, _assets) = rendered?;
        if !outcome.partial {
            self.shown.clear();
        }
        let n = files.len();
        self.shown.extend(files.into_iter().map(|f| (f.path, f.bytes)));
        Some((outcome.partial, n))
    }

    fn full(&self) -> Files {
        let (_, rendered) = site::render(&self.opts);
        rendered.expect("a full build").0.into_iter().map(|f| (f.path, f.bytes)).collect()
    }

    fn edit(&self, file: &str, f: impl Fn(&str) -> String) {
        let path = self.content.join(file);
        let text = fs::read_to_string(&path).unwrap();
        let new = f(&text);
        assert_ne!(new, text, "the edit of {file} changes it");
        fs::write(&path, new).unwrap();
    }

    /// The shown site is byte for byte a full build.
    fn assert_current(&self, after: &str) {
        let full = self.full();
        let stale: Vec<&String> = full.keys().filter(|k| self.shown.get(*k) != full.get(*k)).collect();
        let extra: Vec<&String> = self.shown.keys().filter(|k| !full.contains_key(*k)).collect();
        assert!(stale.is_empty() && extra.is_empty(), "after {after}: stale {stale:?}, extra {extra:?}");
    }
}

fn append(paragraph: &'static str) -> impl Fn(&str) -> String {
    move |t| format!("{t}\n{paragraph}\n")
}

#[test]
fn a_body_edit_renders_only_the_pages_that_show_the_body() {
    let mut p = Preview::start();
    // The earlier meeting's notes: its page in each language, nothing else.
    p.edit("meetings/2021-02-23-roadmap.md", append("A new paragraph in the roadmap notes."));
    assert_eq!(p.rebuild(), Some((true, 2)), "the meeting page, in English and French");
    p.assert_current("an earlier meeting's body");
    // The latest meeting's notes are also on the dashboard and in the book.
    p.edit("meetings/2021-05-26.md", append("A new paragraph in the latest notes."));
    assert_eq!(p.rebuild(), Some((true, 6)), "meeting, dashboard and book, in two languages");
    p.assert_current("the latest meeting's body");
    // A translation's body counts as its meeting's.
    p.edit("meetings/2021-05-26.fr.md", append("Un nouveau paragraphe."));
    assert_eq!(p.rebuild(), Some((true, 6)));
    p.assert_current("a translation's body");
    // A free page is in the book as an annex.
    p.edit("pages/background.md", append("More background."));
    assert_eq!(p.rebuild(), Some((true, 4)), "the page and the book, in two languages");
    p.assert_current("a page's body");
    // Nothing changed: nothing rendered.
    assert_eq!(p.rebuild(), Some((true, 0)));
    p.assert_current("no edit");
}

#[test]
fn other_edits_render_everything() {
    let mut p = Preview::start();
    // A front-matter field shows on lists and other pages.
    p.edit("meetings/2021-02-23-roadmap.md", |t| {
        t.replacen("fr: Feuille de route", "fr: Nouvelle feuille de route", 1)
    });
    assert!(matches!(p.rebuild(), Some((false, _))), "a front-matter edit");
    p.assert_current("a front-matter edit");
    p.edit("updates/2021-05-26/health.yaml", |t| t.replacen("progress: 20", "progress: 25", 1));
    assert!(matches!(p.rebuild(), Some((false, _))), "an update edit");
    p.assert_current("an update edit");
    // A new file.
    fs::write(p.content.join("pages/annex.md"), "---\ntitle: Annex\n---\nText.\n").unwrap();
    assert!(matches!(p.rebuild(), Some((false, _))), "a new page");
    p.assert_current("a new page");
    fs::remove_file(p.content.join("pages/annex.md")).unwrap();
    assert!(matches!(p.rebuild(), Some((false, _))), "a removed page");
    p.assert_current("a removed page");
}

#[test]
fn edits_made_while_the_build_fails_are_not_forgotten() {
    let mut p = Preview::start();
    // One save changes a meeting's title (fine) and breaks a link in the
    // page (an error): nothing is rendered.
    p.edit("meetings/2021-02-23-roadmap.md", |t| t.replacen("en: Roadmap for", "en: Revised roadmap for", 1));
    p.edit("pages/background.md", append("[broken](missing.md)"));
    assert_eq!(p.rebuild(), None, "a broken link fails the build");
    // Mending the page alone is a body edit, but the title edit still has
    // to reach every page that lists the meeting.
    p.edit("pages/background.md", |t| t.replace("[broken](missing.md)", "Mended."));
    assert!(matches!(p.rebuild(), Some((false, _))), "the earlier edit is rendered too");
    p.assert_current("mending a failed build");
}
