//! Every output file of the site, in every language: pages through the
//! theme's templates, chart SVGs, static files, assets, the sitemap.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::charts as chart_inputs;
use super::localize::Localizer;
use super::urls::{self, PagePath};
use super::view::frame::{PageHead, frame};
use super::view::{Builder, Charts, Ctx, GroupCharts, Localized};
use crate::charts::Chart;
use crate::derive::State;
use crate::diag::Diagnostic;
use crate::model::{Changed, Content, Site};
use crate::theme::Theme;
pub use crate::write::OutFile;
use crate::write::WriteError;

/// Where rendered files go as they are made: the staging folder of a build
/// (so pages need not all be held in memory), or memory for `serve`.
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), WriteError>;
}

impl Sink for crate::write::Staging {
    fn put(&self, file: OutFile) -> Result<(), WriteError> {
        crate::write::Staging::put(self, &file.path, &file.bytes)
    }
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

/// How many files were rendered, and how many of them are HTML pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Absolute URL the site is published at, ending in `/`.
    pub base_url: Option<String>,
    /// Also write every chart as a PNG at twice its size (`--chart-png`).
    pub chart_png: bool,
}

/// Which page, with what template and context.
enum PageKind<'c> {
    Dashboard,
    Groups,
    Group(usize),
    Meetings,
    Meeting(&'c crate::model::Meeting),
    Actions,
    Page(&'c crate::model::Page),
    /// The list of every page, when the navigation cannot hold them all.
    Pages,
    Book,
    NotFound,
}

/// Whether a page depends on what changed, when only some records did:
/// - a body shows on its own page, and on the dashboard and in the book when
///   it is the latest meeting's or an annexed page's;
/// - a meeting's front matter (title, date, actions, decisions) also shows on
///   the meetings and actions lists, the dashboard and the book;
/// - a page's front matter also shows on the list of pages (a page in the
///   navigation or the book changes every page: the caller renders all);
/// - an update shows on its group's page, the groups list, the dashboard and
///   the book.
fn affected(kind: &PageKind, state: &State, changed: &Changed) -> bool {
    let latest = state.meetings.first().is_some_and(|m| changed.bodies.contains(&m.file));
    let records = !changed.meetings.is_empty() || !changed.groups.is_empty();
    match kind {
        PageKind::Meeting(m) => changed.bodies.contains(&m.file) || changed.meetings.contains(&m.file),
        PageKind::Page(p) => changed.bodies.contains(&p.file) || changed.pages.contains(&p.file),
        PageKind::Dashboard => latest || records,
        PageKind::Book => in_dashboard_or_book(state, &changed.bodies) || records,
        PageKind::Meetings | PageKind::Actions => !changed.meetings.is_empty(),
        PageKind::Pages => !changed.pages.is_empty(),
        PageKind::Group(i) => changed.groups.contains(&state.groups[*i].group.id),
        PageKind::Groups => !changed.groups.is_empty(),
        PageKind::NotFound => false,
    }
}

/// Where a page is written, relative to its language's root.
fn page_path(kind: &PageKind, state: &State) -> PagePath {
    PagePath::new(match kind {
        PageKind::Dashboard => "index.html".to_string(),
        PageKind::Groups => "groups/index.html".to_string(),
        PageKind::Meetings => "meetings/index.html".to_string(),
        PageKind::Actions => "actions/index.html".to_string(),
        PageKind::Group(i) => urls::group(&state.groups[*i].group.id),
        PageKind::Meeting(m) => urls::meeting(&m.slug),
        PageKind::Page(p) => urls::page(&p.slug),
        PageKind::Pages => "pages/index.html".to_string(),
        PageKind::Book => "print/index.html".to_string(),
        PageKind::NotFound => "404.html".to_string(),
    })
}

/// Whether one of these bodies shows on the dashboard or in the book: the
/// latest meeting's, or an annexed page's.
pub fn in_dashboard_or_book(state: &State, bodies: &BTreeSet<String>) -> bool {
    state.meetings.first().is_some_and(|m| bodies.contains(&m.file))
        || state.featured_pages.iter().any(|p| bodies.contains(&p.file))
}

/// Renders the site into `sink`, pages in parallel, each handed over as soon
/// as it is made. Template errors are gathered from every page. With
/// `only`, just the pages (and charts) that depend on those changed records
/// are rendered: the rest of a previous build still holds. `kept_charts`
/// holds each language's charts from one build to the next (`serve`).
#[allow(clippy::too_many_arguments)]
pub fn render(
    content: &Content,
    site: &Site,
    state: &State,
    theme: &Theme,
    opts: &RenderOptions,
    sink: &dyn Sink,
    only: Option<&Changed>,
    kept_charts: Option<&mut BTreeMap<String, Charts>>,
) -> Result<Written, RenderError> {
    let default_lang = site.default_lang().to_string();
    // Each language's charts: kept from one build to the next, or this build's.
    let mut this_build = BTreeMap::new();
    let kept = kept_charts.unwrap_or(&mut this_build);
    let updates_changed = only.is_none_or(|c| !c.groups.is_empty());
    let files = AtomicUsize::new(0);
    let html = AtomicUsize::new(0);
    let put = |file: OutFile| -> Result<(), WriteError> {
        if file.path.ends_with(".html") {
            html.fetch_add(1, Ordering::Relaxed);
        }
        files.fetch_add(1, Ordering::Relaxed);
        sink.put(file)
    };
    let mut errors = Vec::new();
    let mut page_paths: Vec<String> = Vec::new();
    for lang in &site.languages {
        let mut l = Localizer::new(lang, &default_lang, theme.strings(lang, &default_lang));
        l.language_names = site.languages.iter().map(|c| (c.clone(), theme.language_name(c))).collect();
        l.status_colors = theme.status_colors();
        let strings = tera::Value::from(l.t.clone());
        let prefix = urls::lang_prefix(lang, &default_lang);
        let mut kinds: Vec<PageKind> =
            vec![PageKind::Dashboard, PageKind::Groups, PageKind::Meetings, PageKind::Actions];
        kinds.extend((0..state.groups.len()).map(PageKind::Group));
        kinds.extend(state.meetings.iter().map(|m| PageKind::Meeting(m)));
        kinds.extend(state.pages.iter().map(|p| PageKind::Page(p)));
        if !state.pages.is_empty() {
            kinds.push(PageKind::Pages);
        }
        if lang == &default_lang && only.is_none() {
            page_paths.extend(kinds.iter().map(|k| page_path(k, state).file));
        }
        // The book is the largest page by far: first, so that it does not
        // run alone at the end.
        kinds.insert(0, PageKind::Book);
        kinds.push(PageKind::NotFound);
        if let Some(changed) = only {
            kinds.retain(|kind| affected(kind, state, changed));
        }
        let pages: Vec<(PagePath, PageKind)> = kinds.into_iter().map(|k| (page_path(&k, state), k)).collect();
        // Charts show group updates: drawn for the pages that show them, or
        // taken from the previous build when no update changed; written
        // when they were drawn again.
        let needed = only.is_none()
            || pages
                .iter()
                .any(|(_, k)| matches!(k, PageKind::Dashboard | PageKind::Book | PageKind::Group(_)));
        let no_charts = Charts::default();
        let charts: &Charts = if needed {
            if updates_changed || !kept.contains_key(lang) {
                kept.insert(lang.clone(), render_charts(&l, site, state));
            }
            &kept[lang]
        } else {
            &no_charts
        };
        let all_charts: Vec<&Chart> = charts
            .committee
            .iter()
            .chain(charts.groups.values().flat_map(|g| g.metrics.iter().chain(&g.status).chain(&g.progress)))
            .filter(|_| updates_changed)
            .collect();
        for c in &all_charts {
            put(OutFile {
                path: format!("{prefix}{}", urls::chart(&c.slug)),
                bytes: c.svg.clone().into_bytes(),
            })
            .map_err(RenderError::Write)?;
        }
        if opts.chart_png {
            all_charts
                .par_iter()
                .filter_map(|c| {
                    let bytes = crate::charts::png::to_png(&c.svg, 2.0)?;
                    Some(OutFile { path: format!("{prefix}charts/{}.png", c.slug), bytes })
                })
                .try_for_each(put)
                .map_err(RenderError::Write)?;
        }
        let failed: Vec<Result<Diagnostic, WriteError>> = pages
            .par_iter()
            .filter_map(|(path, kind)| {
                match render_page(content, site, state, theme, &l, charts, opts, path, kind, &strings) {
                    Ok(html) => {
                        put(OutFile { path: format!("{prefix}{}", path.file), bytes: html.into_bytes() })
                            .err()
                            .map(Err)
                    }
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
        // The tables, calendars and feed show meetings, actions and
        // updates: written again when one of those changed.
        if only.is_none_or(|c| !c.meetings.is_empty() || !c.groups.is_empty()) {
            data_files(&l, site, state, opts)
                .into_par_iter()
                .try_for_each(|(path, bytes)| put(OutFile { path: format!("{prefix}{path}"), bytes }))
                .map_err(RenderError::Write)?;
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        errors.dedup();
        return Err(RenderError::Templates(errors));
    }
    if only.is_some() {
        return Ok(Written { pages: html.into_inner(), files: files.into_inner() });
    }
    for (path, bytes) in &theme.statics {
        put(OutFile { path: format!("static/{path}"), bytes: bytes.to_vec() }).map_err(RenderError::Write)?;
    }
    // A sitemap holds absolute addresses: only with a base URL.
    if opts.base_url.is_some() {
        put(OutFile { path: "sitemap.xml".into(), bytes: sitemap(site, opts, &page_paths).into_bytes() })
            .map_err(RenderError::Write)?;
    }
    Ok(Written { pages: html.into_inner(), files: files.into_inner() })
}

/// The files of one language that people take into other tools: the tables
/// (`data/*.csv`, `data/*.xlsx`), the calendars and the Atom feed.
fn data_files(l: &Localizer, site: &Site, state: &State, opts: &RenderOptions) -> Vec<(String, Vec<u8>)> {
    let base = opts.base_url.as_deref();
    let mut files = super::data::files(l, site, state);
    files.extend(super::calendar::files(l, site, state, base));
    files.push(("feed.xml".into(), super::feed::feed(l, site, state, base).into_bytes()));
    files
}

fn render_charts(l: &Localizer, site: &Site, state: &State) -> Charts {
    let groups = state
        .groups
        .par_iter()
        .map(|g| {
            let metrics = g.metrics.iter().map(|m| chart_inputs::metric(l, site, g.group, m)).collect();
            let has_status = g.counts.total() > 0;
            let has_progress = g.updates.iter().any(|u| u.activities.iter().any(|a| a.progress.is_some()));
            let charts = GroupCharts {
                metrics,
                status: has_status.then(|| chart_inputs::group_status(l, g)),
                progress: has_progress.then(|| chart_inputs::group_progress(l, g)),
            };
            (g.group.id.clone(), charts)
        })
        .collect::<BTreeMap<_, _>>();
    let committee = (state.totals.total() > 0).then(|| chart_inputs::committee_status(l, &state.groups));
    Charts { committee, groups }
}

#[allow(clippy::too_many_arguments)]
fn render_page(
    content: &Content,
    site: &Site,
    state: &State,
    theme: &Theme,
    l: &Localizer,
    charts: &Charts,
    opts: &RenderOptions,
    path: &PagePath,
    kind: &PageKind,
    t: &tera::Value,
) -> Result<String, Diagnostic> {
    let b = Builder {
        l,
        site,
        content,
        state,
        charts,
        root: path.root(),
        site_root: urls::site_root(path, &l.lang, &l.default_lang),
        in_book: false,
        fields: Default::default(),
    };
    let any_illustrative = || state.groups.iter().any(|g| g.updates.iter().any(|u| u.illustrative));
    let own = |key: &str| Localized::own(l.s(key));
    let (title, section, illustrative) = match kind {
        PageKind::Dashboard => (own("nav_dashboard"), "dashboard", any_illustrative()),
        PageKind::Groups => (own("nav_groups"), "groups", false),
        PageKind::Group(i) => (
            l.text_lang(&state.groups[*i].group.name),
            "groups",
            state.groups[*i].updates.iter().any(|u| u.illustrative),
        ),
        PageKind::Meetings => (own("nav_meetings"), "meetings", false),
        PageKind::Meeting(m) => (b.meeting_title(m), "meetings", m.illustrative),
        PageKind::Actions => (own("nav_actions"), "actions", false),
        PageKind::Page(p) => (b.page_title(p), &*p.slug, false),
        PageKind::Pages => (own("nav_pages"), "pages", false),
        PageKind::Book => (own("book_title"), "book", any_illustrative()),
        PageKind::NotFound => (own("not_found_title"), "", false),
    };
    let head = PageHead { title, section: section.to_string(), illustrative };
    let frame = frame(site, state, l, opts.base_url.as_deref(), path, head);
    let f = &frame;
    match kind {
        PageKind::Dashboard => show(theme, "index.html", f, b.dashboard(), t),
        PageKind::Groups => show(theme, "groups.html", f, b.groups_page(), t),
        PageKind::Group(i) => {
            show(theme, "group.html", f, super::view::GroupPage { group: b.group(&state.groups[*i]) }, t)
        }
        PageKind::Meetings => show(theme, "meetings.html", f, b.meetings_page(), t),
        PageKind::Meeting(m) => {
            show(theme, "meeting.html", f, super::view::MeetingPage { meeting: b.meeting(m) }, t)
        }
        PageKind::Actions => show(theme, "actions.html", f, b.actions_page(), t),
        PageKind::Page(p) => show(theme, "page.html", f, super::view::PagePage { page: b.page(p) }, t),
        PageKind::Pages => show(theme, "pages.html", f, b.pages_page(), t),
        PageKind::Book => show(
            theme,
            "print.html",
            f,
            super::view::BookPage { book: Builder { in_book: true, ..b }.book() },
            t,
        ),
        PageKind::NotFound => show(theme, "404.html", f, super::view::NotFound {}, t),
    }
}

/// A page's view, rendered with its frame through `template`.
fn show(
    theme: &Theme,
    template: &str,
    frame: &super::view::Frame,
    data: impl Serialize,
    t: &tera::Value,
) -> Result<String, Diagnostic> {
    theme.render(template, &Ctx { frame, data }, t)
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
