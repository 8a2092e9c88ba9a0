//! Every output file of the site, in every language: pages through the
//! theme's templates, chart SVGs, static files, assets, the sitemap.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use rayon::prelude::*;
use serde::Serialize;

use super::charts as chart_inputs;
use super::localize::Localizer;
use super::memo::{self, Memo};
use super::urls::{self, PagePath};
use super::view::frame::{FrameSite, PageHead, frame};
use super::view::parts::{ChartKeys, StateKeys, Tracked};
use super::view::{Around, Builder, Charts, Ctx, GroupCharts, Localized, Lookups, RecordBuilder};
use crate::charts::Chart;
use crate::derive::State;
use crate::diag::Diagnostic;
use crate::model::{Content, Site};
use crate::theme::Theme;
pub use crate::write::OutFile;
use crate::write::WriteError;

/// Where rendered files go as they are made: the staging folder of a build
/// (so pages need not all be held in memory), or memory for `serve`.
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), WriteError>;
}

/// Files kept in memory, sorted by path when taken.
#[derive(Default)]
pub struct Collect(Mutex<Vec<OutFile>>);

impl Collect {
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: OutFile) -> Result<(), WriteError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// Why rendering stopped: template errors, or a file that could not be written.
#[derive(Debug)]
pub enum RenderError {
    Templates(Vec<Diagnostic>),
    Write(WriteError),
}

/// How many files were rendered, and how many of them are HTML pages; the
/// pages the theme marks for search, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
    pub searchable: Vec<(String, Bytes)>,
}

#[derive(Debug, Clone, Default, Hash)]
pub struct RenderOptions {
    /// Absolute URL the site is published at, ending in `/`.
    pub base_url: Option<String>,
    /// Also write every chart as a PNG at twice its size (`--chart-png`).
    pub chart_png: bool,
    /// The book is printed to PDF beside the site (`briefing pdf`).
    pub book_pdf: bool,
    /// Drafts are shown (`--drafts`): the derived state depends on it.
    pub drafts: bool,
    /// The archive's books are written (`print/<meeting>/`): pages link them.
    pub archive: bool,
    /// Every meeting's book is printed too (`briefing pdf --all`), to
    /// `books/<meeting>.pdf`: the archive's books offer theirs.
    pub all_books: bool,
    /// The PDFs printed into the output, by their path from its root, with
    /// their size in bytes: the pages that link them give the size.
    pub printed: Vec<(String, u64)>,
}

/// Which page, with what template and context.
enum PageKind<'c> {
    Dashboard,
    Groups,
    Group(usize),
    Meetings,
    Meeting(&'c crate::model::Meeting),
    Actions,
    /// The register of decisions.
    Decisions,
    Page(&'c crate::model::Page),
    /// The list of every page, when the navigation cannot hold them all.
    Pages,
    /// The search page.
    Search,
    Book,
    NotFound,
}

/// Where a page is written, relative to its language's root.
fn page_path(kind: &PageKind, state: &State) -> PagePath {
    PagePath::new(match kind {
        PageKind::Dashboard => "index.html".to_string(),
        PageKind::Groups => "groups/index.html".to_string(),
        PageKind::Meetings => "meetings/index.html".to_string(),
        PageKind::Actions => "actions/index.html".to_string(),
        PageKind::Decisions => "decisions/index.html".to_string(),
        PageKind::Group(i) => urls::group(&state.groups[*i].group.id),
        PageKind::Meeting(m) => urls::meeting(&m.slug),
        PageKind::Page(p) => urls::page(&p.slug),
        PageKind::Pages => "pages/index.html".to_string(),
        PageKind::Search => "search/index.html".to_string(),
        PageKind::Book => "print/index.html".to_string(),
        PageKind::NotFound => "404.html".to_string(),
    })
}

/// Renders the site into `sink`, pages in parallel, each handed over as soon
/// as it is made. Template errors are gathered from every page. Every page
/// is rendered, each through `memo` (which takes a page, a Markdown body or
/// a chart from the previous build when it was made from the same input).
#[allow(clippy::too_many_arguments)]
pub fn render(
    content: &Content,
    site: &Site,
    state: &State,
    theme: &Theme,
    opts: &RenderOptions,
    sink: &dyn Sink,
    memo: &Memo,
) -> Result<Written, RenderError> {
    let default_lang = site.default_lang().to_string();
    let files = AtomicUsize::new(0);
    let html = AtomicUsize::new(0);
    let searchable = Mutex::new(Vec::new());
    let put = |file: OutFile| -> Result<(), WriteError> {
        if file.path.ends_with(".html") {
            html.fetch_add(1, Ordering::Relaxed);
            if memo.mark(&file.path, &file.bytes, || super::search::wanted(&file.path, &file.bytes)) {
                let mut s = searchable.lock().unwrap_or_else(|e| e.into_inner());
                s.push((file.path.clone(), file.bytes.clone()));
            }
        }
        files.fetch_add(1, Ordering::Relaxed);
        sink.put(file)
    };
    let mut errors = Vec::new();
    let mut page_paths: Vec<String> = Vec::new();
    let around = Around::of(site, content, state, opts);
    let around_key = if memo.is_on() { memo::key_of_hash(&around) } else { 0 };
    // The keys of the parts of the state that the pages of the whole site
    // and the tables, calendars and feed read (see `view::parts`).
    let state_keys = memo.is_on().then(|| StateKeys::new(content, state, memo));
    let opts_key = if memo.is_on() { memo::key_of_hash(opts) } else { 0 };
    let lookups = Lookups::of(content);
    let records = Records::of(content);
    let frame_site = FrameSite::of(site, state);
    let frame_key = if memo.is_on() { memo::key_of_hash(&frame_site) } else { 0 };
    for lang in &site.languages {
        let mut l = Localizer::new(lang, &default_lang, theme.strings(lang, &default_lang));
        l.language_names = site.languages.iter().map(|c| (c.clone(), theme.language_name(c))).collect();
        l.status_colors = theme.status_colors();
        let strings = tera::Value::from(l.t.clone());
        let strings_key = if memo.is_on() { theme_key(theme, &l.t) } else { 0 };
        let prefix = urls::lang_prefix(lang, &default_lang);
        let mut kinds: Vec<PageKind> = vec![
            PageKind::Dashboard,
            PageKind::Groups,
            PageKind::Meetings,
            PageKind::Actions,
            PageKind::Decisions,
        ];
        kinds.extend((0..state.groups.len()).map(PageKind::Group));
        kinds.extend(state.meetings.iter().map(|m| PageKind::Meeting(m)));
        kinds.extend(state.pages.iter().map(|p| PageKind::Page(p)));
        if !state.pages.is_empty() {
            kinds.push(PageKind::Pages);
        }
        if lang == &default_lang {
            page_paths.extend(kinds.iter().map(|k| page_path(k, state).file));
        }
        // The book is the largest page by far: first, so that it does not
        // run alone at the end.
        kinds.insert(0, PageKind::Book);
        kinds.push(PageKind::Search);
        kinds.push(PageKind::NotFound);
        let pages: Vec<(PagePath, PageKind)> = kinds.into_iter().map(|k| (page_path(&k, state), k)).collect();
        let charts = render_charts(&l, site, state, memo);
        let all_charts: Vec<&Chart> = charts
            .committee
            .iter()
            .chain(charts.groups.values().flat_map(|g| g.metrics.iter().chain(&g.status).chain(&g.progress)))
            .collect();
        for c in &all_charts {
            put(OutFile {
                path: format!("{prefix}{}", urls::chart(&c.slug)),
                bytes: Bytes::from(c.svg.clone().into_bytes()),
            })
            .map_err(RenderError::Write)?;
        }
        if opts.chart_png {
            all_charts
                .par_iter()
                .filter_map(|c| {
                    let bytes = crate::charts::png::to_png(&c.svg, 2.0)?;
                    Some(OutFile {
                        path: format!("{prefix}charts/{}.png", c.slug),
                        bytes: Bytes::from(bytes),
                    })
                })
                .try_for_each(put)
                .map_err(RenderError::Write)?;
        }
        let chart_keys = memo.is_on().then(|| ChartKeys::new(&charts));
        let whole = Whole {
            site,
            state,
            around: &around,
            around_key,
            opts_key,
            keys: state_keys.as_ref().zip(chart_keys.as_ref()),
            frame_site: &frame_site,
            frame_key,
            lookups: &lookups,
            records: &records,
        };
        let failed: Vec<Result<Diagnostic, WriteError>> = pages
            .par_iter()
            .filter_map(|(path, kind)| {
                let out = Out {
                    theme,
                    memo,
                    path: format!("{prefix}{}", path.file),
                    strings: &strings,
                    strings_key,
                    french: matches!(l.locale, crate::core::locale::Locale::Fr),
                };
                match render_page(&whole, &l, &charts, opts, path, kind, &out) {
                    Ok(bytes) => put(OutFile { path: out.path, bytes }).err().map(Err),
                    Err(d) => Some(Ok(d)),
                }
            })
            .collect();
        for f in failed {
            match f {
                Ok(d) => errors.push(d),
                Err(e) => return Err(RenderError::Write(e)),
            }
        }
        // The tables, calendars and feed read the state as the pages of the
        // whole site do, through `Tracked` (never a body): the preview
        // keeps each set while every part it read is as it was.
        let context = if memo.is_on() {
            memo::key_of_hash(&(&l.lang, &l.default_lang, strings_key, around_key, opts_key))
        } else {
            0
        };
        let base = opts.base_url.as_deref();
        type Make<'m> = &'m dyn Fn(&Tracked) -> Vec<(String, Vec<u8>)>;
        let unmade = std::sync::Mutex::new(Vec::new());
        let sets: [(&str, Make); 3] = [
            ("tables", &|t| super::data::files(&l, site, t, memo, &unmade)),
            ("calendars", &|t| super::calendar::files(&l, site, t, base)),
            ("feed", &|t| vec![("feed.xml".into(), super::feed::feed(&l, site, t, base).into_bytes())]),
        ];
        for (name, make) in sets {
            let tracked = Tracked::new(state, &charts, whole.keys);
            // A set reads nothing but parts of the state.
            let replay = |read: &str| tracked.replay(read).unwrap_or_default();
            let context = memo::key_of_hash(&(name, context));
            let make = || (make(&tracked), tracked.take_reads());
            memo.files(&format!("{name}:{}", l.lang), context, replay, make)
                .into_par_iter()
                .try_for_each(|(path, bytes)| put(OutFile { path: format!("{prefix}{path}"), bytes }))
                .map_err(RenderError::Write)?;
        }
        // A table whose workbook could not be made fails the build: its
        // pages link the workbook.
        if let Some(why) = unmade.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().next() {
            let path =
                std::path::PathBuf::from(format!("{prefix}{}", why.split(' ').next().unwrap_or("data")));
            return Err(RenderError::Write(WriteError::Io(path, std::io::Error::other(why))));
        }
    }
    // Each meeting's invitation and notice (every language in one notice).
    let langs: Vec<Localizer> = site
        .languages
        .iter()
        .map(|lang| Localizer::new(lang, &default_lang, theme.strings(lang, &default_lang)))
        .collect();
    let inputs = super::notice::Inputs {
        site,
        state,
        around: &around,
        lookups: &lookups,
        theme,
        langs: &langs,
        base: opts.base_url.as_deref(),
    };
    match super::notice::files(&inputs) {
        Ok(made) => made
            .into_par_iter()
            .try_for_each(|(path, bytes)| put(OutFile { path, bytes: Bytes::from(bytes) }))
            .map_err(RenderError::Write)?,
        Err(d) => errors.push(d),
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        errors.dedup();
        return Err(RenderError::Templates(errors));
    }
    for (path, bytes) in &theme.statics {
        put(OutFile { path: format!("static/{path}"), bytes: Bytes::from(bytes.to_vec()) })
            .map_err(RenderError::Write)?;
    }
    // A sitemap holds absolute addresses: only with a base URL.
    if opts.base_url.is_some() {
        put(OutFile { path: "sitemap.xml".into(), bytes: Bytes::from(sitemap(site, opts, &page_paths)) })
            .map_err(RenderError::Write)?;
    }
    let mut searchable = searchable.into_inner().unwrap_or_else(|e| e.into_inner());
    searchable.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Written { pages: html.into_inner(), files: files.into_inner(), searchable })
}

/// The archive's book of one meeting, in every language: the book of
/// `state` (derived from the content as of that meeting, see
/// `derive::as_of_meeting`) at `print/<meeting>/index.html`. Rendered anew
/// each time (the preview keeps nothing of it), through the same page as
/// the current book; `held_back` when the meeting's record was left out
/// (it was held). Returns how many files were written.
pub fn render_archived_book(
    content: &Content,
    site: &Site,
    state: &State,
    theme: &Theme,
    opts: &RenderOptions,
    sink: &dyn Sink,
    held_back: bool,
) -> Result<usize, RenderError> {
    let Some(meeting) = state.book else { return Ok(0) };
    let memo = &Memo::off();
    let default_lang = site.default_lang().to_string();
    let mut around = Around::of(site, content, state, opts);
    around.held_back = held_back.then_some(meeting.file.as_str());
    let lookups = Lookups::of(content);
    let records = Records::of(content);
    let frame_site = FrameSite::of(site, state);
    let whole = |state| Whole {
        site,
        state,
        around: &around,
        around_key: 0,
        opts_key: 0,
        keys: None,
        frame_site: &frame_site,
        frame_key: 0,
        lookups: &lookups,
        records: &records,
    };
    let path = PagePath::new(urls::archived_book(&meeting.slug));
    let mut errors = Vec::new();
    let mut written = 0;
    for lang in &site.languages {
        let mut l = Localizer::new(lang, &default_lang, theme.strings(lang, &default_lang));
        l.language_names = site.languages.iter().map(|c| (c.clone(), theme.language_name(c))).collect();
        l.status_colors = theme.status_colors();
        let strings = tera::Value::from(l.t.clone());
        let charts = render_charts(&l, site, state, memo);
        let out = Out {
            theme,
            memo,
            path: format!("{}{}", urls::lang_prefix(lang, &default_lang), path.file),
            strings: &strings,
            strings_key: 0,
            french: matches!(l.locale, crate::core::locale::Locale::Fr),
        };
        match render_page(&whole(state), &l, &charts, opts, &path, &PageKind::Book, &out) {
            Ok(bytes) => {
                sink.put(OutFile { path: out.path, bytes }).map_err(RenderError::Write)?;
                written += 1;
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(RenderError::Templates(errors));
    }
    Ok(written)
}

/// What a page's key holds besides its context: the theme folder's files
/// (the built-in theme's are part of the program) and the interface strings
/// of the page's language (as a sorted map: a template value's map has no
/// fixed order).
fn theme_key(theme: &Theme, strings: &BTreeMap<String, String>) -> memo::Key {
    let mut h = memo::HashWriter::new();
    for (file, text) in theme.texts() {
        h.str(file);
        h.str(text);
    }
    // Which stylesheets a page links depends on the static files there are.
    for (file, _) in &theme.statics {
        h.str(file);
    }
    let _ = serde_json::to_writer(&mut h, strings);
    h.finish()
}

/// Where a page goes and how it is rendered: through the theme's template,
/// unless the memo holds the page made from the same context.
struct Out<'a> {
    theme: &'a Theme,
    memo: &'a Memo<'a>,
    /// The page's path in the output folder.
    path: String,
    strings: &'a tera::Value,
    strings_key: memo::Key,
    /// French pages get French typography (`core::typography`) on their text.
    french: bool,
}

impl Out<'_> {
    /// The page of `frame` and the view whose key is `view_key`: the view
    /// is `view`, or made by `make` when the page must be rendered again.
    fn render<V: Serialize>(
        &self,
        template: &str,
        frame: &LazyFrame,
        view_key: memo::Key,
        view: impl FnOnce() -> V,
    ) -> Result<Bytes, Diagnostic> {
        self.memo.page(
            &self.path,
            || memo::page_key(template, self.strings_key, frame.key, view_key),
            || {
                let data = view();
                let frame = frame.get();
                let html = self.theme.render(template, &Ctx { frame, data }, self.strings)?;
                Ok(if self.french { crate::core::typography::french_html(&html) } else { html })
            },
        )
    }
}

/// A page's frame and its key: the previous build's key, without making
/// the frame, when what the frame is made of is unchanged; the frame is
/// made when the page is rendered.
struct LazyFrame<'f> {
    key: memo::Key,
    frame: std::cell::OnceCell<super::view::Frame>,
    make: &'f dyn Fn() -> super::view::Frame,
}

impl LazyFrame<'_> {
    fn get(&self) -> &super::view::Frame {
        self.frame.get_or_init(self.make)
    }
}

/// The shared `Arc` of each meeting and page, by address: a record's view
/// is kept by the preview with its record (see `Memo::view`).
struct Records<'c> {
    meetings: std::collections::HashMap<usize, &'c std::sync::Arc<crate::model::Meeting>>,
    pages: std::collections::HashMap<usize, &'c std::sync::Arc<crate::model::Page>>,
}

impl<'c> Records<'c> {
    fn of(content: &'c Content) -> Records<'c> {
        let at = |p: *const u8| p as usize;
        Records {
            meetings: content.meetings.iter().map(|m| (at(std::sync::Arc::as_ptr(m).cast()), m)).collect(),
            pages: content.pages.iter().map(|p| (at(std::sync::Arc::as_ptr(p).cast()), p)).collect(),
        }
    }
}

/// What every page of one language reads: the settings, the derived state
/// (through the keys of its parts), what every frame shows, and for
/// records' pages what their views may read besides the record.
struct Whole<'a> {
    site: &'a Site,
    state: &'a State<'a>,
    around: &'a Around<'a>,
    around_key: memo::Key,
    /// The key of the render options.
    opts_key: memo::Key,
    /// The keys of the state's parts and of the language's charts, which
    /// the pages of the whole site read (`None` in a one-off build).
    keys: Option<(&'a StateKeys<'a>, &'a ChartKeys)>,
    /// What every frame shows of the site, and its key.
    frame_site: &'a FrameSite<'a>,
    frame_key: memo::Key,
    lookups: &'a Lookups<'a>,
    records: &'a Records<'a>,
}

fn render_charts(l: &Localizer, site: &Site, state: &State, memo: &Memo) -> Charts {
    let groups = state
        .groups
        .par_iter()
        .map(|g| {
            let metrics = g.metrics.iter().map(|m| chart_inputs::metric(l, site, g.group, m, memo)).collect();
            let has_status = g.counts.total() > 0;
            let has_progress = g.updates.iter().any(|u| u.activities.iter().any(|a| a.progress.is_some()));
            let charts = GroupCharts {
                metrics,
                status: has_status.then(|| chart_inputs::group_status(l, g, memo)).flatten(),
                progress: has_progress.then(|| chart_inputs::group_progress(l, g, memo)),
            };
            (g.group.id.clone(), charts)
        })
        .collect::<BTreeMap<_, _>>();
    let committee =
        (state.totals.total() > 0).then(|| chart_inputs::committee_status(l, &state.groups, memo)).flatten();
    Charts { committee, groups }
}

fn render_page(
    whole: &Whole,
    l: &Localizer,
    charts: &Charts,
    opts: &RenderOptions,
    path: &PagePath,
    kind: &PageKind,
    out: &Out,
) -> Result<Bytes, Diagnostic> {
    let Whole { site, state, .. } = *whole;
    let record = || {
        let site_root = urls::site_root(path, &l.lang, &l.default_lang);
        RecordBuilder::new(
            l,
            whole.around,
            (whole.around_key, out.strings_key),
            out.memo,
            path.root(),
            site_root,
        )
    };
    let lookups = whole.lookups;
    let b = Builder { rec: record(), lookups, site, state: Tracked::new(state, charts, whole.keys) };
    let any_illustrative = || state.groups.iter().any(|g| g.updates.iter().any(|u| u.illustrative));
    let own = |key: &str| Localized::own(l.s(key));
    let (title, section, illustrative) = match kind {
        // The next meeting's box is just below the notice: the notice says
        // it once for both (the box has no mark of its own).
        PageKind::Dashboard => (
            own("nav_dashboard"),
            "dashboard",
            any_illustrative() || state.upcoming.is_some_and(|m| m.illustrative),
        ),
        PageKind::Groups => (own("nav_groups"), "groups", false),
        PageKind::Group(i) => (
            l.text_lang(&state.groups[*i].group.name),
            "groups",
            state.groups[*i].updates.iter().any(|u| u.illustrative),
        ),
        PageKind::Meetings => (own("nav_meetings"), "meetings", false),
        PageKind::Meeting(m) => (b.meeting_title(m), "meetings", m.illustrative),
        PageKind::Actions => (own("nav_actions"), "actions", false),
        PageKind::Decisions => (own("nav_decisions"), "decisions", false),
        PageKind::Page(p) => (b.page_title(p), &*p.slug, false),
        PageKind::Pages => (own("nav_pages"), "pages", false),
        PageKind::Search => (own("search_title"), "search", false),
        PageKind::Book => (own("book_title"), "book", any_illustrative()),
        PageKind::NotFound => (own("not_found_title"), "", false),
    };
    let head = PageHead { title, section: section.to_string(), illustrative };
    let make_frame = || {
        let head = PageHead { title: head.title.clone(), section: head.section.clone(), ..head };
        let mut frame = frame(whole.frame_site, l, opts.base_url.as_deref(), path, head);
        if opts.book_pdf {
            // `briefing pdf` writes the first language's book as briefing.pdf,
            // the others' as briefing.<lang>.pdf, at the output's root; with
            // `--all`, each meeting's as books/<meeting>.pdf.
            let archived = path.file.strip_prefix("print/").and_then(|p| p.strip_suffix("/index.html"));
            let file = match archived {
                None => Some(urls::current_pdf(&l.lang, &l.default_lang)),
                Some(slug) => opts.all_books.then(|| urls::archived_pdf(slug, &l.lang, &l.default_lang)),
            };
            frame.book_pdf = file.map(|file| format!("{}{file}", frame.asset_root));
        }
        frame
    };
    // The frame is made of what it shows of the site, the options, the
    // interface strings, and where the page is and what it says of itself.
    let frame_in =
        || memo::key_of_hash(&(whole.frame_key, whole.opts_key, out.strings_key, &l.lang, &path.file, &head));
    let f = &match out.memo.is_on() {
        true => {
            let (key, frame) = out.memo.frame(&out.path, frame_in(), make_frame);
            LazyFrame {
                key,
                frame: frame.map(std::cell::OnceCell::from).unwrap_or_default(),
                make: &make_frame,
            }
        }
        false => LazyFrame { key: 0, frame: std::cell::OnceCell::new(), make: &make_frame },
    };
    match kind {
        PageKind::Dashboard => show_whole(out, whole, "index.html", f, &b, |b| b.dashboard()),
        PageKind::Groups => show_whole(out, whole, "groups.html", f, &b, |b| b.groups_page()),
        PageKind::Group(i) => show_whole(out, whole, "group.html", f, &b, |b| super::view::GroupPage {
            group: b.group(b.state.group(*i)),
        }),
        PageKind::Meetings => show_whole(out, whole, "meetings.html", f, &b, |b| b.meetings_page()),
        PageKind::Meeting(m) => {
            let Some(arc) =
                whole.records.meetings.get(&(std::ptr::from_ref::<crate::model::Meeting>(m) as usize))
            else {
                return show(out, "meeting.html", f, super::view::MeetingPage { meeting: b.meeting(m) });
            };
            let context = record_context("meeting", out, &b.rec);
            let make = || {
                // Its bodies are its record's, which the key holds.
                let rec = RecordBuilder { track_bodies: false, ..record() };
                let view = super::view::MeetingPage { meeting: rec.meeting_view(m, true, lookups) };
                (view, rec.take_reads())
            };
            let replay = |read: &str| lookups.replay(&b.rec, read);
            let (key, view) = out.memo.view(&out.path, arc, context, replay, make);
            out.render("meeting.html", f, key, || view.unwrap_or_else(|| make().0))
        }
        PageKind::Actions => show_whole(out, whole, "actions.html", f, &b, |b| b.actions_page()),
        PageKind::Decisions => show_whole(out, whole, "decisions.html", f, &b, |b| b.decisions_page()),
        PageKind::Page(p) => {
            let Some(arc) = whole.records.pages.get(&(std::ptr::from_ref::<crate::model::Page>(p) as usize))
            else {
                return show(out, "page.html", f, super::view::PagePage { page: b.page(p) });
            };
            let context = record_context("page", out, &b.rec);
            let make = || {
                // Its bodies are its record's, which the key holds.
                let rec = RecordBuilder { track_bodies: false, ..record() };
                (super::view::PagePage { page: rec.page(p) }, rec.take_reads())
            };
            let replay = |read: &str| lookups.replay(&b.rec, read);
            let (key, view) = out.memo.view(&out.path, arc, context, replay, make);
            out.render("page.html", f, key, || view.unwrap_or_else(|| make().0))
        }
        PageKind::Pages => show_whole(out, whole, "pages.html", f, &b, |b| b.pages_page()),
        PageKind::Search => show(out, "search.html", f, super::view::SearchPage {}),
        PageKind::Book => {
            let rec = RecordBuilder { in_book: true, ..b.rec };
            let book = Builder { rec, ..b };
            show_whole(out, whole, "print.html", f, &book, |b| super::view::BookPage { book: b.book() })
        }
        PageKind::NotFound => show(out, "404.html", f, super::view::NotFound {}),
    }
}

/// A page that shows the whole site, rendered with its frame through
/// `template`: its view is kept while its context (the template, the
/// builder, the render options) is unchanged and every part of the state
/// it read (`view::parts`), body it read and title it looked up is as it was.
fn show_whole<V: Serialize>(
    out: &Out,
    whole: &Whole,
    template: &str,
    frame: &LazyFrame,
    b: &Builder,
    build: impl Fn(&Builder) -> V,
) -> Result<Bytes, Diagnostic> {
    let context = if out.memo.is_on() { memo::key_of_hash(&(template, &b.rec, whole.opts_key)) } else { 0 };
    let make = || {
        b.rec.fields.set(0);
        b.rec.reads.take();
        b.state.take_reads();
        let view = build(b);
        let mut reads = b.rec.take_reads();
        reads.extend(b.state.take_reads());
        (view, reads)
    };
    let replay = |read: &str| b.state.replay(read).unwrap_or_else(|| whole.lookups.replay(&b.rec, read));
    let (key, view) = out.memo.whole(&out.path, context, replay, make);
    out.render(template, frame, key, || view.unwrap_or_else(|| make().0))
}

/// A page's view, rendered with its frame through `template`.
fn show<V: Serialize>(out: &Out, template: &str, frame: &LazyFrame, data: V) -> Result<Bytes, Diagnostic> {
    // A one-off build keys nothing.
    let key = if out.memo.is_on() { memo::key_of(&data) } else { 0 };
    out.render(template, frame, key, || data)
}

/// The key of everything a record's view reads besides the record and its
/// lookups: the kind of view and its builder (see [`RecordBuilder`]'s
/// `Hash`: [`Around`], the theme and the language's interface strings, where
/// the page is).
fn record_context(kind: &str, out: &Out, rec: &RecordBuilder) -> memo::Key {
    if !out.memo.is_on() {
        return 0;
    }
    memo::key_of_hash(&(kind, rec))
}

fn sitemap(site: &Site, opts: &RenderOptions, pages: &[String]) -> String {
    let base = opts.base_url.clone().unwrap_or_default();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let default_lang = site.default_lang();
    for file in pages {
        for lang in &site.languages {
            let loc = format!("{base}{}{file}", urls::lang_prefix(lang, default_lang));
            out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", xml_escape(&loc)));
            if site.languages.len() > 1 {
                for alt in &site.languages {
                    let href = format!("{base}{}{file}", urls::lang_prefix(alt, default_lang));
                    out.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>\n",
                        xml_escape(&href)
                    ));
                }
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
