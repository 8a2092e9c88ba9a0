//! The orchestrator: one straight line of stages, load -> validate ->
//! derive -> render -> write, each named and timed, stopping before writing
//! on any error. `build` writes into a staging folder swapped in whole;
//! `check` stops after validating; the preview's [`Session`] runs the same
//! line with caches (see `session`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::derive;
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::load::{self, Loaded};
use crate::render::memo::Memo;
use crate::render::pages::{self, Collect, RenderError, RenderOptions, Sink};
use crate::render::search::{Indexer, Search, SearchError};
use crate::theme::Theme;
use crate::validate;
use crate::write::{self, OutFile, WriteError};

mod session;

pub use session::{Asset, Rebuilt, Session};

/// A build renders straight into the staging folder (render knows nothing
/// of it: it hands each file to a sink).
impl Sink for write::Staging {
    fn put(&self, file: OutFile) -> Result<(), WriteError> {
        write::Staging::put(self, &file.path, &file.bytes)
    }
}

/// What a build or check is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub out: PathBuf,
    pub theme: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub as_of: Option<Date>,
    pub strict: bool,
    /// Also write every chart as a PNG at twice its size.
    pub chart_png: bool,
    /// The book is printed to `<out>/briefing.pdf` after the build (and
    /// `briefing.<lang>.pdf` for the other languages): its page offers it.
    pub book_pdf: bool,
    /// The meeting the briefing book is for (`2021-05-26` or
    /// `2021-05-26-roadmap`); default: the upcoming meeting, else the latest.
    pub meeting: Option<String>,
    /// The archive's books are made (`print/<meeting>/`): by `build` and
    /// `pdf`, not by the preview, which would make every book again at
    /// every save.
    pub archive: bool,
    /// Every meeting's book is printed too (`briefing pdf --all`).
    pub all_books: bool,
    /// The PDFs printed into the output (path from its root, size in
    /// bytes, and the file to copy them from): written with the site, and
    /// their pages give their size.
    pub printed: Vec<Printed>,
}

/// A PDF printed for the output: where it goes (from the output's root),
/// the file that holds it, its size.
#[derive(Debug, Clone)]
pub struct Printed {
    pub path: String,
    pub from: PathBuf,
    pub size: u64,
}

impl Options {
    /// A plain build of `content` into `out`: the default theme folder, no
    /// drafts, the default briefing date, warnings allowed, no PNG charts.
    pub fn new(content: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Options {
        Options {
            content: content.into(),
            out: out.into(),
            theme: None,
            drafts: false,
            base_url: None,
            as_of: None,
            strict: false,
            chart_png: false,
            book_pdf: false,
            meeting: None,
            archive: false,
            all_books: false,
            printed: Vec::new(),
        }
    }
}

/// What every command reports: its diagnostics, sorted, with the texts
/// they quote, and the time each stage took.
#[derive(Default)]
pub struct Report {
    pub sources: Sources,
    pub diags: Vec<Diagnostic>,
    /// Stage name and time taken, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Report {
    /// How many errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diags.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
        (errors, self.diags.len() - errors)
    }
}

/// A failure that is not about the content: the output folder, the disk,
/// an asset that cannot be read.
#[derive(Debug)]
pub enum Fatal {
    /// The output folder cannot be used or written.
    Write(WriteError),
    /// A file of `assets/` could not be read (after the content was loaded).
    Asset(PathBuf, std::io::Error),
    /// The search index could not be made from the rendered pages.
    Search(SearchError),
    /// `--meeting` names no meeting of the content.
    Meeting(derive::UnknownMeeting),
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fatal::Write(e) => e.fmt(f),
            Fatal::Asset(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
            Fatal::Search(e) => e.fmt(f),
            Fatal::Meeting(e) => e.fmt(f),
        }
    }
}

impl From<WriteError> for Fatal {
    fn from(e: WriteError) -> Self {
        Fatal::Write(e)
    }
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    /// The site's languages, the default first.
    pub languages: Vec<String>,
    pub groups: usize,
    pub meetings: usize,
    /// The briefing date the site was built for.
    pub as_of: Date,
    pub elapsed: Duration,
}

/// `briefing check`.
pub struct Checked {
    pub report: Report,
    pub failed: bool,
    /// How complete each language is.
    pub completeness: Vec<crate::validate::translations::Completeness>,
}

/// `briefing build` (and [`render`], in memory).
pub struct Built {
    pub report: Report,
    /// `None` when the build failed: the diagnostics or `fatal` say why.
    pub summary: Option<Summary>,
    pub fatal: Option<Fatal>,
}

impl Built {
    pub fn failed(&self) -> bool {
        self.summary.is_none()
    }
}

fn timed<T>(timings: &mut Vec<(&'static str, Duration)>, name: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    timings.push((name, start.elapsed()));
    out
}

/// The validate stage over loaded content: every diagnostic so far, and the
/// briefing date.
fn validate_stage(
    opts: &Options,
    loaded: &mut Loaded,
    timings: &mut Vec<(&'static str, Duration)>,
) -> (Diagnostics, Date) {
    let as_of = derive::briefing_date(&loaded.content, opts.as_of);
    let more = timed(timings, "validate", || validate::validate(&loaded.content, as_of, opts.drafts));
    let mut diags = std::mem::take(&mut loaded.diags);
    diags.extend(more);
    (diags, as_of)
}

/// `briefing check`: load and validate, write nothing.
pub fn check(opts: &Options) -> Checked {
    let mut timings = Vec::new();
    let mut loaded = timed(&mut timings, "load", || load::load(&opts.content));
    let (diags, _) = validate_stage(opts, &mut loaded, &mut timings);
    let failed = diags.fails(opts.strict);
    let completeness = match &loaded.content.site {
        Some(site) if site.languages.len() > 1 => {
            crate::validate::translations::completeness(&loaded.content, site)
        }
        _ => Vec::new(),
    };
    Checked {
        report: Report { sources: loaded.sources, diags: diags.sorted(), timings },
        failed,
        completeness,
    }
}

/// What the stages after loading made: the sink holding the rendered files,
/// the assets to copy, and the theme when it was loaded by this run.
struct Rendering<S> {
    sink: S,
    assets: Vec<String>,
    summary: Summary,
    loaded_theme: Option<Theme>,
}

/// The stages after loading, in order: validate, theme, derive, render
/// into the sink `open` makes once the content is known to be good. The
/// theme is `theme` when given (the preview's), else loaded; `memo` holds
/// what the previous build rendered (the preview's), or nothing.
#[allow(clippy::too_many_arguments)]
fn stages<S: Sink>(
    opts: &Options,
    mut loaded: Loaded,
    theme: Option<&Theme>,
    memo: &Memo,
    search: &mut dyn Search,
    open: impl FnOnce() -> Result<S, WriteError>,
    mut timings: Vec<(&'static str, Duration)>,
) -> (Report, Result<Rendering<S>, Option<Fatal>>) {
    let start = Instant::now();
    let (mut diags, as_of) = validate_stage(opts, &mut loaded, &mut timings);
    macro_rules! fail {
        ($fatal:expr) => {
            return (Report { sources: loaded.sources, diags: diags.sorted(), timings }, Err($fatal))
        };
    }
    if diags.fails(opts.strict) {
        fail!(None);
    }
    loaded.sources.keep_quoted(&diags);
    let mut loaded_theme = None;
    let theme: &Theme = match theme {
        Some(t) => t,
        None => match timed(&mut timings, "theme", || Theme::load(theme_dir(opts).as_deref())) {
            Ok(t) => loaded_theme.insert(t),
            Err(e) => {
                e.texts.into_iter().for_each(|(file, text)| loaded.sources.insert(file, text));
                diags.extend(e.diags);
                fail!(None);
            }
        },
    };
    let Some(site) = loaded.content.site.as_ref() else { fail!(None) };
    // Interface strings a language lacks are shown in the first language.
    diags.extend(theme.missing_strings(&site.languages, &site.file, site.languages_loc));
    if diags.fails(opts.strict) {
        fail!(None);
    }
    let mut state = timed(&mut timings, "derive", || derive::derive(&loaded.content, as_of, opts.drafts));
    state.dated = derive::is_dated(&loaded.content, opts.as_of);
    if let Some(wanted) = &opts.meeting
        && let Err(e) = state.choose_book(wanted)
    {
        fail!(Some(Fatal::Meeting(e)));
    }
    let render_opts = RenderOptions {
        base_url: opts
            .base_url
            .clone()
            .or_else(|| site.base_url.clone())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") }),
        chart_png: opts.chart_png,
        book_pdf: opts.book_pdf,
        drafts: opts.drafts,
        archive: opts.archive,
        all_books: opts.all_books,
        printed: opts.printed.iter().map(|p| (p.path.clone(), p.size)).collect(),
    };
    let sink = match open() {
        Ok(s) => s,
        Err(e) => fail!(Some(Fatal::Write(e))),
    };
    let rendered = timed(&mut timings, "render", || {
        pages::render(&loaded.content, site, &state, theme, &render_opts, &sink, memo)
    });
    let written = match rendered {
        Ok(w) => w,
        Err(RenderError::Templates(errs)) => {
            // Template errors quote the theme folder's files.
            theme.texts().iter().for_each(|(file, text)| loaded.sources.insert(file.clone(), text.clone()));
            diags.extend(errs);
            fail!(None);
        }
        Err(RenderError::Write(e)) => fail!(Some(Fatal::Write(e))),
    };
    // The search index is made from the pages as written, in every language.
    let index = timed(&mut timings, "search", || search.stage(&written.searchable));
    let index_files = match index {
        Ok(files) => files,
        Err(e) => fail!(Some(Fatal::Search(e))),
    };
    // The archive: each meeting's book as of that meeting.
    let archived = timed(&mut timings, "archive", || match opts.archive {
        true => archive(&loaded.content, site, &state, theme, &render_opts, &sink, opts.drafts),
        false => Ok(0),
    });
    let archived = match archived {
        Ok(n) => n,
        Err(RenderError::Templates(errs)) => {
            theme.texts().iter().for_each(|(file, text)| loaded.sources.insert(file.clone(), text.clone()));
            diags.extend(errs);
            fail!(None);
        }
        Err(RenderError::Write(e)) => fail!(Some(Fatal::Write(e))),
    };
    let index_count = index_files.len() + archived;
    for file in index_files {
        if let Err(e) = sink.put(file) {
            fail!(Some(Fatal::Write(e)));
        }
    }
    let summary = Summary {
        pages: written.pages,
        files: written.files + index_count + loaded.content.assets.len(),
        languages: site.languages.clone(),
        groups: state.groups.len(),
        meetings: state.meetings.len(),
        as_of: state.as_of,
        elapsed: start.elapsed(),
    };
    drop(state);
    let assets = loaded.content.assets.iter().map(|a| a.path.clone()).collect();
    let report = Report { sources: loaded.sources, diags: diags.sorted(), timings };
    (report, Ok(Rendering { sink, assets, summary, loaded_theme }))
}

/// Renders the archive's book of every meeting shown, each derived from
/// the content as of its meeting (`derive::as_of_meeting`), side by side.
/// Returns how many files were written.
fn archive(
    content: &crate::model::Content,
    site: &crate::model::Site,
    state: &derive::State,
    theme: &Theme,
    opts: &RenderOptions,
    sink: &dyn Sink,
    drafts: bool,
) -> Result<usize, RenderError> {
    use rayon::prelude::*;
    state
        .meetings
        .par_iter()
        .map(|m| {
            let then = derive::as_of_meeting(content, m);
            let as_of = derive::briefing_date(&then, None);
            let mut at = derive::derive(&then, as_of, drafts);
            at.dated = derive::is_dated(&then, None);
            if at.choose_book(&m.slug).is_err() {
                return Ok(0);
            }
            let held_back = then.meetings.iter().any(|x| x.slug == m.slug && x.body.source != m.body.source);
            pages::render_archived_book(&then, site, &at, theme, opts, sink, held_back)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

/// The rendered files, sorted by path, and the asset paths to copy.
pub type Rendered = (Vec<OutFile>, Vec<String>);

/// Everything a build makes, in memory (the assets are listed, not read).
pub fn render(opts: &Options) -> (Built, Option<Rendered>) {
    let mut timings = Vec::new();
    let loaded = timed(&mut timings, "load", || load::load(&opts.content));
    let (report, result) =
        stages(opts, loaded, None, &Memo::off(), &mut Indexer::default(), || Ok(Collect::default()), timings);
    match result {
        Ok(r) => {
            let files = r.sink.into_files();
            (Built { report, summary: Some(r.summary), fatal: None }, Some((files, r.assets)))
        }
        Err(fatal) => (Built { report, summary: None, fatal }, None),
    }
}

/// The theme folder laid over the built-in theme: `--theme`, else
/// `themes/default/` beside the content folder when it exists.
pub fn theme_dir(opts: &Options) -> Option<PathBuf> {
    opts.theme.clone().or_else(|| {
        let candidate = opts.content.parent().map(|p| p.join("themes/default"));
        candidate.filter(|p| p.is_dir())
    })
}

/// Refuses an output folder that is, contains or lies inside the content
/// or the theme folder (or is the root folder, or a file), before anything
/// is read or written.
pub fn check_out(opts: &Options) -> Result<(), WriteError> {
    write::check_place(&opts.out, &opts.content, theme_dir(opts).as_deref())
}

/// `briefing build`: everything, each page written as it is rendered into a
/// staging folder that replaces `opts.out` only once all is written.
pub fn build(opts: &Options) -> Built {
    let start = Instant::now();
    if let Err(e) = check_out(opts) {
        return Built { report: Report::default(), summary: None, fatal: Some(Fatal::Write(e)) };
    }
    let mut timings = Vec::new();
    let loaded = timed(&mut timings, "load", || load::load(&opts.content));
    let (mut report, result) = stages(
        opts,
        loaded,
        None,
        &Memo::off(),
        &mut Indexer::default(),
        || write::Staging::open(&opts.out),
        timings,
    );
    let r = match result {
        Ok(r) => r,
        Err(fatal) => return Built { report, summary: None, fatal },
    };
    let written = timed(&mut report.timings, "write", || {
        r.sink.copy_assets(&opts.content, &r.assets)?;
        // The books `briefing pdf --all` printed, from the print cache.
        for p in &opts.printed {
            let bytes = std::fs::read(&p.from).map_err(|e| WriteError::Io(p.from.clone(), e))?;
            r.sink.put(&p.path, &bytes)?;
        }
        r.sink.commit()
    });
    match written {
        Ok(n) => {
            let summary = Summary { files: n, elapsed: start.elapsed(), ..r.summary };
            Built { report, summary: Some(summary), fatal: None }
        }
        Err(e) => Built { report, summary: None, fatal: Some(Fatal::Write(e)) },
    }
}
