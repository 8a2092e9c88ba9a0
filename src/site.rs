//! The orchestrator: runs the stages in order (load -> validate -> derive ->
//! render -> write), times each, and stops before writing on any error.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::derive;
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::load::{self, Loaded};
use crate::render::pages::{self, Collect, OutFile, RenderError, RenderOptions, Sink};
use crate::theme::Theme;
use crate::validate;
use crate::write;

mod kept;

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
}

/// The result of a run: diagnostics (with sources to quote) and, for a
/// successful build, what was written.
pub struct Outcome {
    pub sources: Sources,
    pub diags: Vec<Diagnostic>,
    pub failed: bool,
    pub summary: Option<Summary>,
    /// Stage name and time taken.
    pub timings: Vec<(&'static str, Duration)>,
    /// A failure that is not about content (output folder, disk).
    pub fatal: Option<String>,
    /// How complete each language is (for `check`).
    pub completeness: Vec<crate::validate::translations::Completeness>,
    /// Only the pages that depend on what changed since the previous build
    /// were rendered (`serve`); the previous build's other files still hold.
    pub partial: bool,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub languages: usize,
    pub groups: usize,
    pub meetings: usize,
    pub elapsed: Duration,
}

struct Checked {
    loaded: Loaded,
    diags: Diagnostics,
    as_of: Date,
    /// The diagnostics by stage (with a cache, to keep for the next build).
    found: Option<kept::Found>,
}

fn timed<T>(timings: &mut Vec<(&'static str, Duration)>, name: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    timings.push((name, start.elapsed()));
    out
}

fn check_stage(
    opts: &Options,
    timings: &mut Vec<(&'static str, Duration)>,
    cache: Option<&mut Cache>,
) -> Checked {
    let Some(cache) = cache else {
        let mut loaded = timed(timings, "load", || load::load(&opts.content));
        let as_of = derive::briefing_date(&loaded.content, opts.as_of);
        let more = timed(timings, "validate", || validate::validate(&loaded.content, as_of, opts.drafts));
        let mut diags = std::mem::take(&mut loaded.diags);
        diags.extend(more);
        return Checked { loaded, diags, as_of, found: None };
    };
    // An edit of bodies alone patches the content kept from the last build.
    let quick = timed(timings, "load", || {
        load::refresh(&opts.content, &mut cache.files);
        kept::check_bodies(&cache.files, &mut cache.kept, opts.drafts)
    });
    let (loaded, found) = match quick {
        Some(checked) => checked,
        None => {
            let loaded = timed(timings, "assemble", || load::assemble_cached(&opts.content, &cache.files));
            timed(timings, "validate", || kept::check_all(loaded, opts.as_of, opts.drafts))
        }
    };
    let as_of = derive::briefing_date(&loaded.content, opts.as_of);
    Checked { diags: found.all(), loaded, as_of, found: Some(found) }
}

/// `briefing check`: load and validate, write nothing.
pub fn check(opts: &Options) -> Outcome {
    let mut timings = Vec::new();
    let c = check_stage(opts, &mut timings, None);
    let failed = c.diags.fails(opts.strict);
    let completeness = match &c.loaded.content.site {
        Some(site) if site.languages.len() > 1 => {
            crate::validate::translations::completeness(&c.loaded.content, site)
        }
        _ => Vec::new(),
    };
    Outcome {
        sources: c.loaded.sources,
        diags: c.diags.sorted(),
        failed,
        summary: None,
        timings,
        fatal: None,
        completeness,
        partial: false,
    }
}

/// The rendered files and the asset paths to copy.
pub type Rendered = (Vec<OutFile>, Vec<String>);

pub fn render(opts: &Options) -> (Outcome, Option<Rendered>) {
    in_memory(render_with(opts, None, || Ok(Collect::default())))
}

fn in_memory(r: (Outcome, Option<(Collect, Vec<String>)>)) -> (Outcome, Option<Rendered>) {
    let (outcome, done) = r;
    (outcome, done.map(|(c, assets)| (c.into_files(), assets)))
}

/// What `briefing serve` keeps from one build to the next: the content
/// files already read and decoded, and the theme (drop it when a theme file
/// changes).
#[derive(Default)]
pub struct Cache {
    pub files: load::Cache,
    pub theme: Option<Theme>,
    /// The briefing date of the previous build (overdue actions depend on it).
    pub as_of: Option<Date>,
    /// The pages in the navigation and the book at the previous build (by
    /// content file): an edit that changes them changes every page.
    pub featured: Vec<String>,
    /// The last rendered build's content and diagnostics.
    kept: Option<kept::Kept>,
    /// Each language's charts, drawn again only when an update changes.
    charts: std::collections::BTreeMap<String, crate::render::view::Charts>,
}

/// As [`render`], reusing what `cache` holds from the previous build.
pub fn render_cached(opts: &Options, cache: &mut Cache) -> (Outcome, Option<Rendered>) {
    in_memory(render_with(opts, Some(cache), || Ok(Collect::default())))
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
pub fn check_out(opts: &Options) -> Result<(), write::WriteError> {
    write::check_place(&opts.out, &opts.content, theme_dir(opts).as_deref())
}

/// Checks, derives and renders into the sink `open` makes once the content
/// is known to be good; returns the sink and the assets to copy.
fn render_with<S: Sink>(
    opts: &Options,
    mut cache: Option<&mut Cache>,
    open: impl FnOnce() -> Result<S, crate::write::WriteError>,
) -> (Outcome, Option<(S, Vec<String>)>) {
    let start = Instant::now();
    let mut timings = Vec::new();
    let Checked { mut loaded, mut diags, as_of, found } =
        check_stage(opts, &mut timings, cache.as_deref_mut());
    let fail = |sources, diags: Diagnostics, timings, fatal| {
        (
            Outcome {
                sources,
                diags: diags.sorted(),
                failed: true,
                summary: None,
                timings,
                fatal,
                completeness: Vec::new(),
                partial: false,
            },
            None,
        )
    };
    if diags.fails(opts.strict) {
        return fail(loaded.sources, diags, timings, None);
    }
    loaded.sources.keep_quoted(&diags);
    // With a cache (serve), only what depends on the records that changed
    // since the last rendered build is rendered, when those can be traced.
    let only = cache.as_deref_mut().and_then(|c| kept::changed_since(c, as_of));
    let was_featured = cache.as_deref_mut().map(|c| std::mem::take(&mut c.featured)).unwrap_or_default();
    let mut kept_charts = cache.as_deref_mut().map(|c| std::mem::take(&mut c.charts));
    let mut fresh = None;
    let theme: &Theme = match cache.as_deref().and_then(|c| c.theme.as_ref()) {
        Some(t) => t,
        None => match timed(&mut timings, "theme", || Theme::load(theme_dir(opts).as_deref())) {
            Ok(t) => fresh.insert(t),
            Err(e) => {
                e.texts.into_iter().for_each(|(file, text)| loaded.sources.insert(file, text));
                diags.extend(e.diags);
                return fail(loaded.sources, diags, timings, None);
            }
        },
    };
    let Some(site) = loaded.content.site.as_ref() else {
        return fail(loaded.sources, diags, timings, None);
    };
    // Interface strings a language lacks are shown in the first language.
    diags.extend(theme.missing_strings(&site.languages, &site.file, site.languages_loc));
    if diags.fails(opts.strict) {
        return fail(loaded.sources, diags, timings, None);
    }
    let (state, only) = timed(&mut timings, "derive", || {
        kept::derive(&loaded.content, as_of, opts.drafts, only, &was_featured)
    });
    let featured = kept::featured(&state);
    let render_opts = RenderOptions {
        base_url: opts
            .base_url
            .clone()
            .or_else(|| site.base_url.clone())
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") }),
        chart_png: opts.chart_png,
    };
    let sink = match open() {
        Ok(s) => s,
        Err(e) => return fail(loaded.sources, diags, timings, Some(e.to_string())),
    };
    let rendered = timed(&mut timings, "render", || {
        let charts = kept_charts.as_mut();
        pages::render(&loaded.content, site, &state, theme, &render_opts, &sink, only.as_ref(), charts)
    });
    if matches!(rendered, Err(RenderError::Templates(_))) {
        // Template errors quote the theme folder's files.
        theme.texts().iter().for_each(|(file, text)| loaded.sources.insert(file.clone(), text.clone()));
    }
    if rendered.is_err()
        && let Some(c) = cache.as_deref_mut()
    {
        c.files.touch_all();
    }
    let written = match rendered {
        Ok(w) => w,
        Err(RenderError::Templates(errs)) => {
            diags.extend(errs);
            return fail(loaded.sources, diags, timings, None);
        }
        Err(RenderError::Write(e)) => return fail(loaded.sources, diags, timings, Some(e.to_string())),
    };
    let summary = Summary {
        pages: written.pages,
        files: written.files + loaded.content.assets.len(),
        languages: site.languages.len(),
        groups: state.groups.len(),
        meetings: state.meetings.len(),
        elapsed: start.elapsed(),
    };
    let partial = only.is_some();
    drop(state);
    let assets = loaded.content.assets.iter().map(|a| a.path.clone()).collect();
    if let Some(c) = cache {
        c.featured = featured;
        c.charts = kept_charts.unwrap_or_default();
        if let Some(t) = fresh {
            c.theme = Some(t);
        }
        c.kept =
            found.map(|found| kept::Kept { content: loaded.content, sources: loaded.sources.clone(), found });
    }
    let outcome = Outcome {
        sources: loaded.sources,
        diags: diags.sorted(),
        failed: false,
        summary: Some(summary),
        timings,
        fatal: None,
        completeness: Vec::new(),
        partial,
    };
    (outcome, Some((sink, assets)))
}

/// `briefing build`: everything, each page written as it is rendered into a
/// staging folder that replaces `opts.out` only once all is written.
pub fn build(opts: &Options) -> Outcome {
    let start = Instant::now();
    if let Err(e) = check_out(opts) {
        return Outcome {
            sources: Sources::default(),
            diags: Vec::new(),
            failed: true,
            summary: None,
            timings: Vec::new(),
            fatal: Some(e.to_string()),
            completeness: Vec::new(),
            partial: false,
        };
    }
    let (mut outcome, done) = render_with(opts, None, || write::Staging::open(&opts.out));
    let Some((staging, assets)) = done else { return outcome };
    let written = timed(&mut outcome.timings, "write", || {
        staging.copy_assets(&opts.content, &assets)?;
        staging.commit()
    });
    match written {
        Ok(n) => {
            if let Some(s) = outcome.summary.as_mut() {
                s.files = n;
                s.elapsed = start.elapsed();
            }
        }
        Err(e) => {
            outcome.failed = true;
            outcome.fatal = Some(e.to_string());
            outcome.summary = None;
        }
    }
    outcome
}
