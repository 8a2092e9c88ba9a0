//! What templates see: plain, already-localised, already-computed records,
//! one module per kind of page (`dashboard`, `group`, `meeting`, `action`,
//! `page`, `book`) plus the `frame` every page shares. Templates only show
//! these; every decision (status, change, overdue, URL) is made here, and
//! every word, separator and colour is the theme's. All URLs are relative
//! to the page they appear on.
//!
//! A text that may have fallen back to another language than the page's is
//! a [`Localized`]; the theme's `localized` component shows it, in a
//! `<span lang>` of its own when it fell back.

pub mod action;
pub mod archive;
pub mod book;
pub mod cover;
pub mod dashboard;
pub mod decision;
pub mod frame;
pub mod group;
pub mod meeting;
pub mod page;
pub mod parts;
pub mod since;

use std::cell::Cell;
use std::collections::BTreeMap;

use serde::Serialize;

pub use self::action::{ActionView, ActionsPage};
pub use self::book::{BookPage, BookTocEntry, BookView};
pub use self::cover::{CoverMeeting, CoverView};
pub use self::dashboard::Dashboard;
pub use self::decision::{DecisionEntryView, DecisionYearView, DecisionsPage};
pub use self::frame::{Alternate, Download, Downloads, Frame, Link};
pub use self::group::{
    ActivityView, AskView, ChangeGroupView, ChangeView, ChartView, GroupPage, GroupView, GroupsPage,
    RiskView, UpdateSummaryView,
};
pub use self::meeting::{
    AgendaItemView, AttendeeView, DecisionView, MeetingPage, MeetingView, MeetingsPage, PaperView,
};
pub use self::page::{PageLink, PagePage, PageView, PagesPage};
use super::localize::Localizer;
use super::markdown;
use super::urls;
use crate::charts::Chart;
use crate::derive::{State, StatusCounts};
use crate::links;
use crate::model::{Content, Markdown, Site, Status, Text, TranslatedBody};

/// A heading of a Markdown body, for its table of contents.
pub use crate::core::markdown::Heading as TocEntry;

/// A text as shown in one language: `lang` is the language it is written in
/// when it fell back to another than the page's (`None` when it is in the
/// page's language, or in every language).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Localized {
    pub text: String,
    pub lang: Option<String>,
}

impl Localized {
    /// A text in the page's language.
    pub fn own(text: impl Into<String>) -> Localized {
        Localized { text: text.into(), lang: None }
    }

    /// The language it fell back to, or "" (for the charts' inputs).
    pub fn lang_or_empty(&self) -> &str {
        self.lang.as_deref().unwrap_or("")
    }
}

/// The page context a template gets: the frame, and the page's own fields.
#[derive(Debug, Clone, Serialize)]
pub struct Ctx<'a, T: Serialize> {
    pub frame: &'a Frame,
    #[serde(flatten)]
    pub data: T,
}

/// `404.html`: nothing but the frame.
#[derive(Debug, Clone, Serialize)]
pub struct NotFound {}

/// `search/index.html`: the frame; the theme's script asks the index.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {}

/// A status as shown: key for CSS, localised label, icon character.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusView {
    /// planned | in-progress | at-risk | blocked | done (actions: open | in-progress | done | cancelled | overdue)
    pub key: String,
    pub label: String,
    /// A text symbol that carries the status without colour: ✓ ▶ ○ ⚠ ■ …
    pub icon: String,
}

/// Counts of activities by status.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    pub status: StatusView,
    pub count: u32,
}

/// Charts of one language, rendered once and shared by every page.
#[derive(Default)]
pub struct Charts {
    pub committee: Option<Chart>,
    pub groups: BTreeMap<String, GroupCharts>,
}

/// A group's charts: one per metric, its status bar, its progress chart.
#[derive(Debug, Clone, Default)]
pub struct GroupCharts {
    pub metrics: Vec<Chart>,
    pub status: Option<Chart>,
    pub progress: Option<Chart>,
}

/// What the view of one record's page (a meeting's, a free page's, and the
/// actions and papers it shows) may read of the site besides the record and
/// the titles of [`Lookups`]: the settings, the briefing date, the groups'
/// names, which files are sections of the book. Small, made once a render,
/// and hashed whole into the key of every such view (see
/// `render::memo::Memo::view`), so that a view kept from the previous
/// build was made from the same.
#[derive(Hash)]
pub struct Around<'a> {
    pub site: &'a Site,
    pub as_of: jiff::civil::Date,
    /// Each group's id, file and name.
    pub groups: Vec<(&'a str, &'a str, &'a Text)>,
    /// The meeting the book is for and the previous one: slug and file.
    pub book_meetings: Vec<(&'a str, &'a str)>,
    /// The files of the pages annexed to the book.
    pub featured: Vec<&'a str>,
    /// The slug of the meeting the current book is for.
    pub book: Option<&'a str>,
    /// The PDFs printed into the output: path from its root, size in bytes.
    pub printed: &'a [(String, u64)],
    /// The archive's books are written: meetings link theirs.
    pub archive: bool,
    /// In an archive's book, the file of its meeting when the record was
    /// held back (written after the pack): a link to one of its headings
    /// leads to the meeting's page, where the record is.
    pub held_back: Option<&'a str>,
}

impl<'a> Around<'a> {
    pub fn of(
        site: &'a Site,
        content: &'a Content,
        state: &State<'a>,
        opts: &'a crate::render::pages::RenderOptions,
    ) -> Around<'a> {
        Around {
            site,
            as_of: state.as_of,
            groups: content.groups.iter().map(|g| (g.id.as_str(), g.file.as_str(), &g.name)).collect(),
            book_meetings: [state.book, state.previous]
                .into_iter()
                .flatten()
                .map(|m| (m.slug.as_str(), m.file.as_str()))
                .collect(),
            featured: state.featured_pages.iter().map(|p| p.file.as_str()).collect(),
            book: state.book.map(|m| m.slug.as_str()),
            printed: &opts.printed,
            archive: opts.archive,
            held_back: None,
        }
    }
}

/// What a view may look up of other records, by file: the titles of the
/// pages and meetings an agenda names as papers ([`Lookups::paper_title`],
/// the one thing a record's view reads of other records), and the bodies a
/// page of the whole site read. Each lookup and body read is recorded with
/// the key of what it gave, and a view kept from the previous build is
/// checked against today's answers ([`Lookups::replay`]).
pub struct Lookups<'a> {
    files: std::collections::HashMap<&'a str, Looked<'a>>,
    /// Every body by the file it is written in (a translation's too).
    bodies: std::collections::HashMap<&'a str, &'a Markdown>,
}

enum Looked<'a> {
    Page(&'a crate::model::Page),
    Meeting(&'a crate::model::Meeting),
}

impl<'a> Lookups<'a> {
    pub fn of(content: &'a Content) -> Lookups<'a> {
        let pages = content.pages.iter().map(|p| (p.file.as_str(), Looked::Page(p)));
        let meetings = content.meetings.iter().map(|m| (m.file.as_str(), Looked::Meeting(m)));
        let mut bodies = std::collections::HashMap::new();
        let records = content.meetings.iter().map(|m| (&m.file, &m.body, &m.translations));
        for (file, body, translations) in
            records.chain(content.pages.iter().map(|p| (&p.file, &p.body, &p.translations)))
        {
            bodies.insert(file.as_str(), body);
            bodies.extend(translations.iter().map(|t| (t.file.as_str(), &t.body)));
        }
        Lookups { files: pages.chain(meetings).collect(), bodies }
    }

    /// The key of what a recorded read gives now (see
    /// `render::memo::Memo::view`): a title looked up by `b`
    /// (`title:<file>`), or a body read (`body:<file>`, its own or a
    /// translation's).
    pub fn replay(&self, b: &RecordBuilder, read: &str) -> super::memo::Key {
        if let Some(file) = read.strip_prefix("title:") {
            return super::memo::key_of(&self.paper_title(b, file));
        }
        let body = read.strip_prefix("body:").and_then(|file| self.bodies.get(file));
        body.map(|b| super::memo::key_of_hash(*b)).unwrap_or_default()
    }
}

/// Builds the view of one record at one page depth in one language (`root`
/// is the relative prefix from the page to its language root, so every URL
/// in a view is relative to the page that shows it): a meeting, a page, an
/// action, a Markdown text. It reads the record, [`Around`] and its own
/// fields (its `Hash` is all of them but the caches, which key their own
/// results), and other records' titles only through a [`Lookups`] it is
/// given, which records each lookup: what a record's page shows is made
/// from these alone, which is what lets the preview keep its view.
pub struct RecordBuilder<'a> {
    pub l: &'a Localizer,
    pub around: &'a Around<'a>,
    /// The keys of `around` and of the theme with the language's interface
    /// strings, which `l` shows (0 in a one-off build, which keys nothing).
    pub keys: (super::memo::Key, super::memo::Key),
    /// Markdown bodies rendered by the previous build (`serve`).
    pub memo: &'a super::memo::Memo<'a>,
    /// Prefix from the page to its language root.
    pub root: String,
    /// Prefix from the page to the output root (shared assets).
    pub site_root: String,
    /// In the briefing book, groups, meetings and pages are sections of one
    /// document: links to them become in-document anchors.
    pub in_book: bool,
    /// Markdown fields of YAML rendered on this page so far: each gets its
    /// own anchor prefix (`md1--`, `md2--`…).
    pub fields: Cell<u32>,
    /// The lookups of other records made so far: each argument, and the
    /// key of what it gave.
    pub reads: std::cell::RefCell<Vec<(String, super::memo::Key)>>,
    /// Whether the bodies read are recorded among `reads` (the default).
    /// A record's own page need not: the bodies it can read are its
    /// record's, whose key its view's key holds.
    pub track_bodies: bool,
}

impl std::hash::Hash for RecordBuilder<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.keys.hash(h);
        self.l.lang.hash(h);
        self.l.default_lang.hash(h);
        self.root.hash(h);
        self.site_root.hash(h);
        self.in_book.hash(h);
        self.fields.get().hash(h);
    }
}

/// Builds the views of the pages that show the whole site (the dashboard,
/// the lists, the groups, the book): a [`RecordBuilder`] for the records
/// they show, with the derived state and the charts, read through
/// [`parts::Tracked`], which records each part read.
pub struct Builder<'a> {
    pub rec: RecordBuilder<'a>,
    pub lookups: &'a Lookups<'a>,
    pub site: &'a Site,
    pub state: parts::Tracked<'a>,
}

impl<'a> std::ops::Deref for Builder<'a> {
    type Target = RecordBuilder<'a>;
    fn deref(&self) -> &RecordBuilder<'a> {
        &self.rec
    }
}

impl<'a> RecordBuilder<'a> {
    pub fn new(
        l: &'a Localizer,
        around: &'a Around<'a>,
        keys: (super::memo::Key, super::memo::Key),
        memo: &'a super::memo::Memo<'a>,
        root: String,
        site_root: String,
    ) -> RecordBuilder<'a> {
        RecordBuilder {
            l,
            around,
            keys,
            memo,
            root,
            site_root,
            in_book: false,
            fields: Cell::new(0),
            reads: Default::default(),
            track_bodies: true,
        }
    }

    /// The lookups made so far, taken.
    pub fn take_reads(&self) -> Vec<(String, super::memo::Key)> {
        self.reads.take()
    }
}

impl RecordBuilder<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    fn group_url(&self, id: &str) -> String {
        if self.in_book { format!("#_group-{id}") } else { self.url(&urls::group(id)) }
    }

    /// A meeting's page; in the book, its section when the book holds it
    /// (the meeting the book is for and the previous one), else its page.
    fn meeting_url(&self, slug: &str) -> String {
        let in_book = self.around.book_meetings.iter().any(|(s, _)| *s == slug);
        if self.in_book && in_book { format!("#_meeting-{slug}") } else { self.url(&urls::meeting(slug)) }
    }

    fn page_url(&self, slug: &str) -> String {
        if self.in_book { format!("#_page-{slug}") } else { self.url(&urls::page(slug)) }
    }

    fn chart_view(&self, c: &Chart) -> ChartView {
        ChartView { chart: c.clone(), file_url: self.url(&urls::chart(&c.slug)) }
    }

    pub fn counts(&self, c: &StatusCounts) -> Vec<CountView> {
        Status::ALL.iter().map(|s| CountView { status: self.l.status(*s), count: c.0[*s as usize] }).collect()
    }

    /// A party's name in this language (its code when the site has no such party).
    fn party(&self, code: &str) -> Localized {
        self.around.site.party(code).map(|t| self.l.text_lang(t)).unwrap_or_else(|| Localized::own(code))
    }

    /// A group's name and its page's address; `None` when there is no
    /// group (or no such group).
    fn group_link(&self, id: Option<&crate::model::At<String>>) -> Option<(Localized, String)> {
        let id = id?;
        let (id, _, name) = self.around.groups.iter().find(|(g, _, _)| *g == id.value)?;
        Some((self.l.text_lang(name), self.group_url(id)))
    }

    /// A Markdown body in this language (its translation if there is one),
    /// with links rewritten relative to this page: the HTML, the language
    /// it fell back to, and a translation's own title.
    fn body(
        &self,
        file: &str,
        own: &Markdown,
        translations: &[TranslatedBody],
    ) -> (markdown::Rendered, Option<String>, Option<String>) {
        let translated = translations.iter().find(|t| t.lang == self.l.lang);
        let (md, src_file, lang, title) = match translated {
            Some(t) => (&t.body, t.file.as_str(), None, t.title.clone()),
            None if self.l.lang != self.l.default_lang => {
                (own, file, Some(self.l.default_lang.clone()), None)
            }
            None => (own, file, None, None),
        };
        if self.track_bodies && self.memo.is_on() {
            let key = super::memo::key_of_hash(md);
            self.reads.borrow_mut().push((format!("body:{src_file}"), key));
        }
        let own_prefix = self.anchor_prefix(file);
        let rewrite = |target: &str| self.rewrite(src_file, file, target, true);
        let rendered = self.memo.body(&md.source, &own_prefix, &rewrite, |resolve| {
            markdown::render_with_prefix(&md.source, resolve, &own_prefix)
        });
        (rendered, lang, title)
    }

    /// A Markdown field of YAML (a mandate, a summary, a note) in this
    /// language, with its links rewritten relative to this page as a body's
    /// are (relative to the file it is written in; a text without links
    /// has nothing to rewrite). A page shows many such fields (the book every
    /// group's), so each one's own heading and footnote anchors carry a
    /// prefix of their own on this page (`md3--scope`), which no body's
    /// anchor can take: bodies' anchors are slugs, and a slug never holds `--`.
    fn markdown(&self, t: &Text) -> String {
        let n = self.fields.get() + 1;
        self.fields.set(n);
        let prefix = format!("md{n}--");
        match t.markdown.as_deref() {
            // `#x` in a field is a heading of its file's page, wherever the
            // field is shown (a decision's on the dashboard, an action's in
            // the tracker).
            Some(field) => {
                self.l.markdown(t, &|target| self.rewrite(&field.file, &field.file, target, false), &prefix)
            }
            None => self.l.markdown(t, &|_| None, &prefix),
        }
    }

    fn opt_markdown(&self, t: &Option<Text>) -> String {
        t.as_ref().map(|t| self.markdown(t)).unwrap_or_default()
    }

    /// The address on this page of a link or image `target` written in
    /// `src_file` (a body, its translation, or a YAML file) and shown as part
    /// of `file`'s page or section (`here`: a bare `#x` is on this page, else
    /// on `file`'s); `None` leaves it as written (a link that leaves the site).
    fn rewrite(&self, src_file: &str, file: &str, target: &str, here: bool) -> Option<String> {
        if links::is_external(target) {
            return None;
        }
        let mut r = links::resolve(src_file, target).ok()?;
        if r.path.is_empty() && !here {
            r.path = file.to_string();
        }
        let out = if r.path.is_empty() { None } else { Some(links::output_path(&r.path)?) };
        let target_file = if r.path.is_empty() { file } else { r.path.as_str() };
        // A section of the book carries its prefix; a page outside the
        // book keeps its own anchors.
        let in_book = r.path.is_empty() || self.is_book_section(target_file);
        let prefix = if in_book { self.anchor_prefix(target_file) } else { String::new() };
        // A section of a meeting's or group's page (`#decisions`) is the
        // page's own heading; in the book, the record's section.
        let section = r.fragment.as_deref().and_then(|f| links::section_id(target_file, f));
        let frag = match section {
            Some(_) if self.in_book && in_book => Some(section_anchor(target_file)).filter(|a| !a.is_empty()),
            Some(id) => Some(format!("#{id}")),
            None => r.fragment.as_ref().map(|f| format!("#{prefix}{f}")),
        };
        match out {
            Some(out) if self.in_book && section.is_none() && self.around.held_back == Some(target_file) => {
                let frag = r.fragment.as_ref().map(|f| format!("#{f}")).unwrap_or_default();
                Some(format!("{}{}{frag}", self.root, urls::with_index(&out)))
            }
            None => frag,
            // Each segment of a file's name encoded: `a#b.png` is
            // `a%23b.png`, a file named `a%20b.png` is `a%2520b.png`.
            Some(out) if out.starts_with("assets/") => Some(format!(
                "{}{}{}",
                self.site_root,
                crate::core::url::percent_encode_path(&out),
                frag.unwrap_or_default()
            )),
            Some(_) if self.in_book && self.is_book_section(&r.path) => {
                Some(frag.unwrap_or_else(|| section_anchor(&r.path)))
            }
            Some(out) => Some(format!("{}{}{}", self.root, urls::with_index(&out), frag.unwrap_or_default())),
        }
    }

    /// True for a content file that has a section in the book: a group, the
    /// meeting the book is for and the previous one, a featured page. Links
    /// to others lead to their pages.
    fn is_book_section(&self, content_file: &str) -> bool {
        content_file.starts_with("groups/")
            || self.around.book_meetings.iter().any(|(_, file)| *file == content_file)
            || self.around.featured.contains(&content_file)
    }

    /// In the book, heading anchors of different bodies share one document:
    /// each body's anchors carry its section's prefix, parted from them by
    /// `_`, which neither a section's id nor a heading's slug holds, so that
    /// anchors of two sections never meet (`page-x_y-z`, `page-x-y_z`).
    fn anchor_prefix(&self, content_file: &str) -> String {
        if self.in_book {
            format!("{}{BOOK_ANCHOR_MARK}", section_anchor(content_file).trim_start_matches("#_"))
        } else {
            String::new()
        }
    }

    /// A meeting's or page's title in this language: a translation's own
    /// title, else the text field (which may fall back).
    fn title(&self, own: &Text, translations: &[TranslatedBody]) -> Localized {
        translations
            .iter()
            .find(|t| t.lang == self.l.lang)
            .and_then(|t| t.title.clone())
            .map(Localized::own)
            .unwrap_or_else(|| self.l.text_lang(own))
    }
}

/// What parts a book section's prefix from the anchors of its body.
const BOOK_ANCHOR_MARK: char = '_';

/// The book anchor of the section a content file becomes: `#_group-health`
/// (the layout's ids start with `_`, which content ids never do).
fn section_anchor(content_file: &str) -> String {
    let out = links::output_path(content_file).unwrap_or_default();
    let mut parts = out.trim_end_matches('/').splitn(2, '/');
    match (parts.next(), parts.next()) {
        (Some("groups"), Some(id)) => format!("#_group-{id}"),
        (Some("meetings"), Some(slug)) => format!("#_meeting-{slug}"),
        (Some("pages"), Some(slug)) => format!("#_page-{slug}"),
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod fixture;
