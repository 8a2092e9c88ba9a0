//! The preview's rebuilds: after any edit, a session's files and
//! diagnostics are exactly a full build's, and only the pages whose view
//! context changed are rendered again through their template.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use briefing::render::memo::Counts;
use briefing::site::{self, Options, Session};

type Files = BTreeMap<String, Vec<u8>>;

struct Preview {
    _tmp: tempfile::TempDir,
    content: PathBuf,
    opts: Options,
    session: Session,
    shown: Files,
    /// The files whose bytes the last rebuild changed.
    last: Vec<String>,
    /// The last rebuild's diagnostics, a line each.
    diags: Vec<String>,
    /// What the last rebuild took from the one before and what it made.
    counts: Counts,
}

impl Preview {
    /// The example committee in a temp folder, built once.
    fn start() -> Preview {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
        let opts = Options::new(content.clone(), tmp.path().join("output"));
        let mut p = Preview {
            _tmp: tmp,
            content,
            session: Session::new(opts.clone()),
            opts,
            shown: Files::new(),
            last: Vec::new(),
            diags: Vec::new(),
            counts: Counts::default(),
        };
        let n = p.rebuild().expect("the example builds");
        assert!(n > 20, "the first build renders every page: {n}");
        p
    }

    /// Rebuilds as `serve` does; returns how many pages went through their
    /// template, or `None` when the build failed.
    fn rebuild(&mut self) -> Option<usize> {
        let before = self.shown.clone();
        let rebuilt = self.session.rebuild();
        // The diagnostics, and what they quote, are those of a full build.
        let (full, _) = site::render(&self.opts);
        assert_eq!(rebuilt.report.diags, full.report.diags);
        for d in &rebuilt.report.diags {
            assert_eq!(
                rebuilt.report.sources.get(&d.file),
                full.report.sources.get(&d.file),
                "the text of {}",
                d.file
            );
        }
        self.diags =
            rebuilt.report.diags.iter().map(|d| format!("{} {}: {}", d.code, d.file, d.message)).collect();
        self.counts = rebuilt.counts;
        let files = rebuilt.files?;
        self.shown = files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect();
        self.shown.extend(rebuilt.assets.iter().map(|a| (a.path.clone(), fs::read(&a.file).unwrap())));
        // As the preview does once the saves stop: the search index is made
        // again from the pages shown.
        if let Some(index) = self.session.settle_search() {
            self.shown.retain(|k, _| !k.starts_with("pagefind/"));
            self.shown
                .extend(index.expect("the search index").into_iter().map(|f| (f.path, f.bytes.to_vec())));
        }
        self.last =
            self.shown.iter().filter(|(k, v)| before.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect();
        Some(rebuilt.counts.pages_rendered)
    }

    /// A full build, in memory, with its assets.
    fn full(&self) -> Files {
        let (_, rendered) = site::render(&self.opts);
        let (files, assets) = rendered.expect("a full build");
        let mut all: Files = files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect();
        all.extend(assets.into_iter().map(|a| {
            let bytes = fs::read(self.content.join(&a)).unwrap();
            (a, bytes)
        }));
        all
    }

    fn edit(&self, file: &str, f: impl Fn(&str) -> String) {
        let path = self.content.join(file);
        let text = fs::read_to_string(&path).unwrap();
        let new = f(&text);
        assert_ne!(new, text, "the edit of {file} changes it");
        fs::write(&path, new).unwrap();
    }

    /// Rebuilds, which fails with a diagnostic about `file` that mentions `what`.
    fn fails_with(&mut self, file: &str, what: &str) {
        assert_eq!(self.rebuild(), None, "the build fails");
        assert!(self.diags.iter().any(|d| d.contains(file) && d.contains(what)), "{:?}", self.diags);
    }

    /// Rebuilds, which succeeds with at most `most` pages through their
    /// template (among them every page whose bytes changed), and checks
    /// the result.
    fn renders_at_most(&mut self, most: usize, after: &str) {
        let n = self.rebuild().unwrap_or_else(|| panic!("after {after}: the build fails: {:?}", self.diags));
        self.assert_current(after);
        assert!(n <= most, "after {after}: {n} pages rendered, more than {most}: {:?}", self.last);
        let pages = self.last.iter().filter(|f| f.ends_with(".html")).count();
        assert!(n >= pages, "after {after}: {n} rendered, {:?} changed", self.last);
    }

    /// Rebuilds, which succeeds, and checks the result.
    fn renders_all(&mut self, after: &str) {
        assert!(self.rebuild().is_some(), "after {after}: the build succeeds");
        self.assert_current(after);
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
    p.renders_at_most(2, "an earlier meeting's body");
    // Only its own page's views are built again (in French too, where its
    // translation's body leaves the page as it was); every other view is
    // the last rebuild's, neither built nor hashed: the other meetings'
    // and pages', and the 22 pages of the whole site (the dashboard, the
    // lists, the register of decisions, the groups, the book), which read
    // no body of this meeting.
    // Nor are the tables, calendars and feed made again: they read no body.
    assert_eq!((p.counts.views_built, p.counts.views_kept), (2, 28), "{:?}", p.counts);
    // Each language's tables, calendars and feed: kept.
    assert_eq!((p.counts.sets_kept, p.counts.sets_made), (6, 0), "{:?}", p.counts);
    // Nor is any page's frame (the navigation, the site's title): what
    // they show is not a body.
    assert_eq!(p.counts.frames_made, 0, "{:?}", p.counts);
    assert!(p.counts.frames_kept >= 28, "{:?}", p.counts);
    // The latest meeting's body is on the English dashboard and in the
    // English book: their views are built again, with its own page's in
    // each language. The French ones read its French translation's body,
    // unchanged: kept.
    p.edit("meetings/2021-05-26.md", append("Another new paragraph in the latest notes."));
    p.rebuild().expect("builds");
    assert_eq!(p.counts.views_built, 4, "{:?}", p.counts);
    // The tables, calendars and feed show no free page: kept.
    assert_eq!((p.counts.sets_kept, p.counts.sets_made), (6, 0), "{:?}", p.counts);
    // The latest meeting's notes are also on the dashboard and in the book.
    p.edit("meetings/2021-05-26.md", append("A new paragraph in the latest notes."));
    p.renders_at_most(6, "the latest meeting's body");
    // A translation's body counts as its meeting's.
    p.edit("meetings/2021-05-26.fr.md", append("Un nouveau paragraphe."));
    p.renders_at_most(6, "a translation's body");
    // A free page is in the book as an annex.
    p.edit("pages/background.md", append("More background."));
    p.renders_at_most(4, "a page's body");
    // Nothing changed: nothing rendered; every view is kept, so no body is
    // even looked up.
    p.renders_at_most(0, "no edit");
    assert_eq!((p.counts.bodies_rendered, p.counts.bodies_kept), (0, 0), "{:?}", p.counts);
    assert_eq!((p.counts.views_built, p.counts.sets_made), (0, 0), "{:?}", p.counts);
}

/// The HTML pages the last rebuild changed, in English (French pages have
/// the same paths under `fr/`).
fn english_pages(p: &Preview) -> Vec<&str> {
    p.last.iter().map(String::as_str).filter(|f| f.ends_with(".html") && !f.starts_with("fr/")).collect()
}

#[test]
fn a_meeting_front_matter_edit_renders_the_pages_that_show_the_meeting() {
    let mut p = Preview::start();
    // An earlier meeting's title shows on its page, the meetings list and
    // the May meeting's agenda, which has it as a paper (this one has no
    // actions, and is not the latest): nothing else changes, and nothing
    // else is rendered again.
    p.edit("meetings/2021-02-23-roadmap.md", |t| t.replacen("en: Roadmap for", "en: Revised roadmap for", 1));
    p.renders_at_most(10, "an edit");
    // Its own views, the English view of the meeting whose agenda looked
    // its title up (in French the lookup gives the translation's title,
    // unchanged, so that view is kept), and of the 20 pages of the whole
    // site those that read it: the meetings list and the book (whose
    // previous meeting it is), in each language. The dashboard, the groups'
    // pages and the action tracker read no part it is in, and are kept.
    assert_eq!(p.counts.views_built, 7, "{:?}", p.counts);
    assert_eq!(
        english_pages(&p),
        ["meetings/2021-02-23-roadmap/index.html", "meetings/2021-05-26/index.html", "meetings/index.html"]
    );
    assert!(p.last.contains(&"calendar.ics".to_string()), "the calendar names the meeting: {:?}", p.last);
    p.assert_current("a meeting title");
    // An action's status moves it between lists (and out of "overdue"); its
    // group's page lists it too.
    p.edit("meetings/2021-05-26.md", |t| t.replacen("status: in-progress", "status: done", 1));
    p.renders_at_most(12, "an action's status");
    // A translation's title is the meeting's title in that language.
    p.edit("meetings/2021-05-26.fr.md", |t| t.replacen("title: Réunion du", "title: Nouvelle réunion du", 1));
    p.renders_at_most(10, "a translation's title");
    // A decision given to another group moves from one group's page to
    // the other's.
    p.edit("meetings/2021-05-26.md", |t| {
        t.replacen("{group: border-security, text: {en: Endorsed", "{group: health, text: {en: Endorsed", 1)
    });
    p.rebuild().expect("builds");
    let groups: Vec<&str> = english_pages(&p).into_iter().filter(|f| f.starts_with("groups/")).collect();
    assert_eq!(groups, ["groups/border-security/index.html", "groups/health/index.html"]);
    p.assert_current("a decision given to another group");
}

#[test]
fn an_update_edit_renders_its_group_the_lists_and_the_charts() {
    let mut p = Preview::start();
    p.edit("updates/2021-05-26/health.yaml", |t| t.replacen("progress: 20", "progress: 25", 1));
    p.rebuild().expect("builds");
    // No frame shows an update: every page's frame key is the last one's.
    assert_eq!(p.counts.frames_made, 0, "{:?}", p.counts);
    // The views that read its group: its page, the groups list, the
    // dashboard and the book, in each language; the other three groups'
    // pages, the lists of meetings and actions are kept.
    assert_eq!(p.counts.views_built, 8, "{:?}", p.counts);
    assert_eq!(
        english_pages(&p),
        ["groups/health/index.html", "groups/index.html", "index.html", "print/index.html"]
    );
    assert!(p.last.iter().any(|f| f.starts_with("charts/") && f.ends_with(".svg")), "{:?}", p.last);
    assert!(!p.last.iter().any(|f| f.starts_with("meetings/")), "{:?}", p.last);
    p.assert_current("an update edit");
    // The dashboard and the book reuse the charts drawn last time, until an
    // update changes them again.
    p.edit("meetings/2021-05-26.md", append("A new paragraph in the latest notes."));
    p.renders_at_most(6, "the latest meeting's body, charts kept");
    p.edit("updates/2021-05-26/health.yaml", |t| t.replacen("progress: 25", "progress: 30", 1));
    assert!(p.rebuild().is_some());
    p.assert_current("a second update edit");
    p.edit("meetings/2021-05-26.md", append("Another paragraph in the latest notes."));
    p.renders_at_most(6, "the latest meeting's body, new charts kept");
}

#[test]
fn a_page_front_matter_edit_renders_the_page_and_the_list_of_pages() {
    let mut p = Preview::start();
    // More pages than the navigation holds: those without `order` stay out.
    for i in 1..=8 {
        fs::write(
            p.content.join(format!("pages/annex-{i}.md")),
            format!("---\ntitle: Annex {i}\n---\nText {i}.\n"),
        )
        .unwrap();
    }
    p.renders_all("new pages");
    p.edit("pages/annex-3.md", |t| t.replacen("title: Annex 3", "title: Annex three", 1));
    p.renders_at_most(4, "an edit");
    assert_eq!(english_pages(&p), ["pages/annex-3/index.html", "pages/index.html"]);
    // Its own views and the lists of pages: no other page reads it (it is
    // neither in the navigation nor annexed to the book).
    assert_eq!(p.counts.views_built, 4, "{:?}", p.counts);
    // The tables, calendars and feed show no free page: kept.
    assert_eq!((p.counts.sets_kept, p.counts.sets_made), (6, 0), "{:?}", p.counts);
    p.assert_current("a page's title");
    // An `order` brings it into the navigation, on every page.
    p.edit("pages/annex-3.md", |t| t.replacen("title: Annex three", "title: Annex three\norder: 1", 1));
    p.renders_all("a page joining the navigation");
    // Its title is now in the navigation of every page.
    p.edit("pages/annex-3.md", |t| t.replacen("title: Annex three", "title: Annex 3", 1));
    p.renders_all("a title in the navigation");
}

#[test]
fn edits_that_cannot_be_traced_render_everything() {
    let mut p = Preview::start();
    // The example's pages are all in the navigation.
    p.edit("pages/background.md", |t| t.replacen("order: 1", "order: 2", 1));
    p.renders_all("a page in the navigation");
    // A group's name shows on meeting pages (decisions) too.
    p.edit("groups/health.yaml", |t| t.replacen("en: Health,", "en: Public Health,", 1));
    p.renders_all("a group edit");
    // A draft leaves the site (the meeting to come: no agenda's paper
    // links to it, and a link to a draft would be broken).
    p.edit("meetings/2021-09-29.md", |t| t.replacen("date: 2021-09-29", "date: 2021-09-29\ndraft: true", 1));
    p.renders_all("a meeting made a draft");
    // A new file, and a removed one.
    fs::write(p.content.join("pages/annex.md"), "---\ntitle: Annex\n---\nText.\n").unwrap();
    p.renders_all("a new page");
    fs::remove_file(p.content.join("pages/annex.md")).unwrap();
    p.renders_all("a removed page");
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
    assert!(p.rebuild().is_some(), "the earlier edit is rendered too");
    assert!(p.last.contains(&"meetings/index.html".to_string()), "{:?}", p.last);
    p.assert_current("mending a failed build");
}

#[test]
fn a_body_edit_is_checked_like_a_full_build() {
    let mut p = Preview::start();
    // A heading in one body, and a link to it from another.
    p.edit("meetings/2021-02-23-roadmap.md", append("## Next steps\n\nTo be agreed."));
    p.renders_at_most(2, "an edit");
    p.edit(
        "pages/background.md",
        append("See [the next steps](../meetings/2021-02-23-roadmap.md#next-steps)."),
    );
    p.renders_at_most(4, "a link to a new heading");
    // A broken link in the edited body itself (right after a good build,
    // so from what that build kept).
    p.edit("meetings/2021-02-23-roadmap.md", append("[gone](missing.md)"));
    p.fails_with("2021-02-23-roadmap.md", "missing.md");
    p.edit("meetings/2021-02-23-roadmap.md", |t| t.replace("[gone](missing.md)", "Mended."));
    assert!(p.rebuild().is_some());
    assert!(p.diags.iter().all(|d| !d.contains("missing.md")), "{:?}", p.diags);
    p.assert_current("a mended link");
    // Renaming the heading breaks the link in the other body.
    p.edit("meetings/2021-02-23-roadmap.md", |t| t.replace("## Next steps", "## Later steps"));
    p.fails_with("pages/background.md", "next-steps");
    p.edit("meetings/2021-02-23-roadmap.md", |t| t.replace("## Later steps", "## Next steps"));
    assert!(p.rebuild().is_some());
    p.assert_current("a restored heading");
    // Two good body edits in a row use what the last build kept.
    p.edit("meetings/2021-02-23-roadmap.md", append("Another paragraph."));
    p.renders_at_most(2, "an edit");
    p.edit("meetings/2021-02-23-roadmap.md", append("And one more."));
    p.renders_at_most(2, "body edits in a row");
}

#[test]
fn links_in_markdown_fields_of_yaml_are_checked_again_as_a_full_build_checks_them() {
    let mut p = Preview::start();
    // A mandate's link to a heading of the latest meeting's notes, and a
    // removed link in that meeting's own front matter (a warning).
    p.edit("groups/health.yaml", |t| {
        t.replacen(
            "  en: >-\n    Share",
            "  en: >-\n    [Context](../meetings/2021-05-26.md#context). Share",
            1,
        )
    });
    p.edit("meetings/2021-05-26.md", |t| {
        t.replacen(
            "        Endorsed the 2021 law",
            "        <irc://irc.example.org/c> Endorsed the 2021 law",
            1,
        )
    });
    p.renders_all("links in a mandate and a decision");
    assert!(
        p.diags.iter().any(|d| d.starts_with("unsupported-link meetings/2021-05-26.md")),
        "{:?}",
        p.diags
    );
    // An edit of the meeting's notes alone keeps its front matter's warning.
    p.edit("meetings/2021-05-26.md", append("A new paragraph."));
    assert!(p.rebuild().is_some());
    assert!(
        p.diags.iter().any(|d| d.starts_with("unsupported-link meetings/2021-05-26.md")),
        "{:?}",
        p.diags
    );
    p.assert_current("a body edit under a front matter with a warning");
    // Renaming the heading breaks the mandate's link; restoring it mends it.
    p.edit("meetings/2021-05-26.md", |t| t.replacen("## Context", "## Background", 1));
    p.fails_with("groups/health.yaml", "#context");
    p.edit("meetings/2021-05-26.md", |t| t.replacen("## Background", "## Context", 1));
    assert!(p.rebuild().is_some());
    assert!(p.diags.iter().all(|d| !d.contains("#context")), "{:?}", p.diags);
    p.assert_current("a restored heading");
}

#[test]
fn the_tables_calendars_and_feed_follow_the_edits_they_show() {
    let mut p = Preview::start();
    // An action's due date: the calendars and the action tracker's files.
    p.edit("meetings/2021-05-26.md", |t| t.replacen("due: 2021-09-30", "due: 2021-10-15", 1));
    // (Its group's page lists it too.)
    p.renders_at_most(12, "an action's due date");
    for file in ["calendar.ics", "fr/calendar.ics", "data/actions.csv", "data/actions.xlsx"] {
        assert!(p.last.contains(&file.to_string()), "{file} changed: {:?}", p.last);
    }
    let calendar = String::from_utf8(p.shown["calendar.ics"].clone()).unwrap();
    assert!(calendar.contains("DTSTART;VALUE=DATE:20211015"), "{calendar}");
    // Of the workbooks (five tables in two languages), the action
    // tracker's are made again from their new table; the others are the
    // previous build's, their tables unchanged.
    assert_eq!((p.counts.files_made, p.counts.files_kept), (2, 8), "{:?}", p.counts);
    // A body edit shows in none of them: their bytes stay. The search index
    // holds the body's words: its English files follow.
    p.edit("meetings/2021-02-23-roadmap.md", append("A paragraph."));
    p.renders_at_most(2, "a body edit");
    assert!(
        p.last.iter().all(|f| f.ends_with(".html") || f.starts_with("pagefind/")),
        "only the meeting's pages and the search index change: {:?}",
        p.last
    );
    assert!(p.last.iter().any(|f| f.starts_with("pagefind/index/en_")), "the index follows: {:?}", p.last);
    // They read no body: each language's three sets of them (tables,
    // calendars, feed) are the last rebuild's, not made again at all.
    assert_eq!((p.counts.sets_kept, p.counts.sets_made, p.counts.files_made), (6, 0, 0), "{:?}", p.counts);
    // A metric taken from a spreadsheet: editing the spreadsheet alone
    // renders everything that shows the figures.
    fs::write(p.content.join("data/seizures.csv"), "period,CA,US\n2021-03,11.0,290.5\n2021-04,12.5,310.0\n")
        .unwrap();
    p.edit("updates/2021-05-26/border-security.yaml", |t| {
        t.replacen(
            "{from: ../../data/seizures.xlsx, sheet: Seizures, range: A3:C5}",
            "{from: ../../data/seizures.csv}",
            1,
        )
    });
    p.renders_all("a metric taken from a new CSV file");
    fs::write(p.content.join("data/seizures.csv"), "period,CA,US\n2021-03,11.0,290.5\n2021-04,99.5,310.0\n")
        .unwrap();
    p.renders_all("a spreadsheet's figure");
    let metrics = String::from_utf8(p.shown["data/metrics.csv"].clone()).unwrap();
    assert!(
        metrics.contains("Border Security,seizures,Fentanyl seized at ports of entry,kg,2021-04,Canada,99.5"),
        "{metrics}"
    );
    // A mistake in the spreadsheet fails the build at its cell.
    fs::write(
        p.content.join("data/seizures.csv"),
        "period,CA,US\n2021-03,11.0,290.5\n2021-04,twelve,310.0\n",
    )
    .unwrap();
    p.fails_with("data/seizures.csv", "`twelve` for CA in 2021-04 is not a number");
}

#[test]
fn a_theme_edit_renders_the_pages_again_with_the_bodies_kept() {
    let mut p = Preview::start();
    let theme = p._tmp.path().join("theme");
    fs::create_dir_all(theme.join("i18n")).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(theme.join("static/extra.css"), "body { margin: 0 }\n").unwrap();
    p.opts.theme = Some(theme.clone());
    p.session = Session::new(p.opts.clone());
    p.renders_all("a theme folder");
    assert!(p.shown.contains_key("static/extra.css"));
    // An interface string shows on every page: each is rendered again, the
    // Markdown bodies are not.
    fs::write(theme.join("i18n/en.yaml"), "nav_dashboard: Overview\n").unwrap();
    p.session.theme_changed();
    let rebuilt = p.session.rebuild();
    assert!(rebuilt.files.is_some(), "{:?}", rebuilt.report.diags);
    assert!(rebuilt.counts.pages_rendered >= 14, "{:?}", rebuilt.counts);
    assert_eq!(rebuilt.counts.bodies_rendered, 0, "{:?}", rebuilt.counts);
    assert!(rebuilt.counts.bodies_kept > 0, "{:?}", rebuilt.counts);
    p.shown = rebuilt.files.unwrap().into_iter().map(|f| (f.path, f.bytes.to_vec())).collect();
    p.shown.extend(rebuilt.assets.iter().map(|a| (a.path.clone(), fs::read(&a.file).unwrap())));
    p.assert_current("an interface string");
    assert!(String::from_utf8_lossy(&p.shown["index.html"]).contains("Overview"));
    // A mistake in the theme fails the rebuild; mended, the preview goes on.
    fs::write(theme.join("i18n/en.yaml"), "nav_dashboard: [not, a, text]\n").unwrap();
    p.session.theme_changed();
    assert_eq!(p.rebuild(), None, "{:?}", p.diags);
    fs::write(theme.join("i18n/en.yaml"), "nav_dashboard: Summary\n").unwrap();
    p.session.theme_changed();
    p.renders_all("a mended theme");
    assert!(String::from_utf8_lossy(&p.shown["index.html"]).contains("Summary"));
    // A static file of the theme: no page is rendered again.
    fs::write(theme.join("static/extra.css"), "body { margin: 1em }\n").unwrap();
    p.session.theme_changed();
    p.renders_at_most(0, "a static file of the theme");
    assert_eq!(p.last, ["static/extra.css"]);
}

#[test]
fn a_failed_rebuild_leaves_the_caches_as_they_were() {
    let mut p = Preview::start();
    let cached = p.session.cached();
    assert!(cached.0 > 20 && cached.1 > 0 && cached.2 > 0, "{cached:?}");
    p.edit("meetings/2021-02-23-roadmap.md", append("[gone](missing.md)"));
    p.fails_with("2021-02-23-roadmap.md", "missing.md");
    assert_eq!(p.session.cached(), cached, "the failed rebuild kept nothing of its own");
    p.edit("meetings/2021-02-23-roadmap.md", |t| t.replace("[gone](missing.md)", "Mended."));
    p.renders_at_most(2, "mended");
}
