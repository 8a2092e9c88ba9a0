//! The command line: argument parsing, the commands, and the one place
//! where diagnostics are printed and the exit code decided.

/// `println!` for what may hold content's or the command line's text:
/// printed through [`crate::core::terminal::safe`], shown and never obeyed.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { println!("{}", $crate::core::terminal::safe(&format!($($arg)*))) };
}

/// `eprintln!` through [`crate::core::terminal::safe`], as [`say!`].
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => { eprintln!("{}", $crate::core::terminal::safe(&format!($($arg)*))) };
}

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::core::words::count;
use crate::diag::report::{self, Format};
use crate::scaffold;
use crate::site::{self, Options, Report, Summary};

#[derive(Parser, Debug)]
#[command(name = "briefing", version, about = "Static briefing sites and books for steering committees", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate the content and build the site into the output folder.
    Build(BuildArgs),
    /// Validate the content without writing anything.
    Check(CheckArgs),
    /// Create a new committee site in DIR that builds at once.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
    },
    /// Start a new content file that validates.
    New(NewArgs),
    /// Build, then print the briefing book to PDF with headless Chromium.
    Pdf(PdfArgs),
    /// Live preview: build, serve on localhost, rebuild and reload on every save.
    Serve(ServeArgs),
    /// Write JSON Schemas of the content files, for editors that validate YAML.
    Schema {
        /// Folder to write the schemas into (made if absent).
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The content folder (watched).
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The output folder, written after every successful build.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// A theme folder whose files override the built-in theme file by file
    /// (watched; default: themes/ beside the content folder).
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// Include meetings and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// The briefing date (YYYY-MM-DD); defaults to the newest update's or held meeting's (see docs/commands.md).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// The port to listen on (0: any free port; the address is printed at start).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Any address other than a loopback one makes
    /// the preview visible to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

#[derive(Args, Debug)]
pub struct PdfArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Where to write the PDF (default: <out>/briefing.pdf; other languages
    /// go beside it as briefing.<lang>.pdf).
    #[arg(long = "pdf", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The Chromium-based browser to use (default: the one BRIEFING_BROWSER
    /// names, else Chrome, Chromium, Edge or Brave found on PATH or where
    /// they install).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// Seconds before a stuck browser is stopped.
    #[arg(long, default_value_t = 120)]
    pub timeout: u64,
    /// Also print every meeting's book, as of that meeting, to
    /// <out>/books/<meeting>.pdf (books/<meeting>.<lang>.pdf for the other
    /// languages); a book printed before from the same input is taken from
    /// the print cache.
    #[arg(long, conflicts_with = "file")]
    pub all: bool,
    /// The print cache of --all (default: .briefing-cache/books/ beside the
    /// content folder).
    #[arg(long, value_name = "DIR", requires = "all")]
    pub cache: Option<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct Common {
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Include meetings and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// The briefing date (YYYY-MM-DD); defaults to the newest update's or held meeting's (see docs/commands.md).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print diagnostics: human (with snippets), json (one object per
    /// line) or github (GitHub Actions annotations, one command per line).
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    /// The output folder (replaced as a whole, only after a successful build).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// A theme folder whose files override the built-in theme file by file.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// Absolute URL the site is published at (for canonical links and the sitemap).
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Also write every chart as a PNG at twice its size (charts/<slug>.png), for slides and e-mail.
    #[arg(long)]
    pub chart_png: bool,
    /// The meeting the briefing book is for, by date or file name
    /// (2021-05-26 or 2021-05-26-roadmap); default: the upcoming meeting,
    /// else the latest.
    #[arg(long, value_name = "DATE[-SLUG]")]
    pub meeting: Option<String>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: scaffold::NewKind,
    /// The group id, meeting slug or page slug. For an update: the group id.
    pub name: String,
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The date of a new update or meeting (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
}

/// `--base-url`: an absolute http(s) address, as `base_url` in site.yaml.
fn parse_base_url(s: &str) -> Result<String, String> {
    match crate::load::base_url_problem(s) {
        Some(why) => Err(format!("the address {why}; {}", crate::load::BASE_URL_HINT)),
        None => Ok(s.to_string()),
    }
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::core::date::parse_date(s)
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(a) => {
            let opts = options(&a.common, Some(&a));
            let built = site::build(&opts);
            finish(&built.report, Ended::Built(&built), a.common.format)
        }
        Command::Check(a) => {
            let opts = options(&a.common, None);
            let checked = site::check(&opts);
            finish(&checked.report, Ended::Checked(&checked), a.common.format)
        }
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(files) => {
                crate::say!("{}", init_message(&dir, files));
                ExitCode::SUCCESS
            }
            Err(e) => {
                crate::tell!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Pdf(a) => pdf(&a),
        Command::Schema { out } => match crate::schema::write(&out) {
            Ok(files) => {
                for f in &files {
                    crate::say!("wrote {}", f.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                crate::tell!("error: cannot write the schemas into {}: {e}", out.display());
                ExitCode::from(1)
            }
        },
        Command::Serve(a) => crate::serve::run(crate::serve::ServeOptions {
            site: Options {
                content: a.content,
                out: a.out,
                theme: a.theme,
                drafts: a.drafts,
                base_url: None,
                as_of: a.as_of,
                strict: false,
                chart_png: false,
                book_pdf: false,
                meeting: None,
                archive: false,
                all_books: false,
                printed: Vec::new(),
            },
            bind: a.bind,
            port: a.port,
        }),
        Command::New(a) => match scaffold::new_file(&a.content, a.kind, &a.name, a.date) {
            Ok(paths) => {
                for path in paths {
                    crate::say!("created {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                crate::tell!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

/// What `init` says it made and what to do next.
fn init_message(dir: &std::path::Path, files: usize) -> String {
    let d = dir.display();
    let mut s = format!(
        "created a committee site in {d} ({files} files: content/, README.md, the publish workflow, schemas/ and .vscode/). Next:
  cd {d}
  briefing serve              preview at http://127.0.0.1:1111/, rebuilt on every save
  briefing check --strict     what publishing checks
  git init -b main && git add . && git commit -m \"Committee site\"
  then push to a GitHub repository: every push to main checks and builds the site and its PDFs
  and keeps them as the run's artifact. It publishes them on GitHub Pages, a public website, only
  once content/site.yaml says `publish: public` (and, in the repository's Settings under Pages,
  \"GitHub Actions\" is the source). README.md says how to add updates and meetings."
    );
    if scaffold::release_repo().is_none() {
        s.push_str(&format!(
            "\nnote: this briefing is a development build, which does not know where briefing's releases are published: set BRIEFING_REPO in {d}/.github/workflows/publish.yml to that GitHub repository (owner/name) before the first push"
        ));
    }
    s
}

/// Builds the site, then prints the book of every language to PDF. The
/// browser and the place of the PDF are checked before anything is built.
fn pdf(a: &PdfArgs) -> ExitCode {
    let fail = |e: crate::pdf::PdfError| {
        crate::tell!("error: {e}");
        ExitCode::from(e.exit_code())
    };
    let browser = match crate::pdf::browser(a.browser.as_deref()) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    // A PDF written where the site is (the default) is offered on the book's page.
    let opts = Options { book_pdf: a.file.is_none(), ..options(&a.build.common, Some(&a.build)) };
    // The PDF never goes into the committee's files, nor over anything but a PDF.
    let theme = site::theme_dir(&opts);
    let mut guarded = vec![("content", opts.content.as_path())];
    guarded.extend(theme.as_deref().map(|t| ("theme", t)));
    if let Some(file) = &a.file
        && let Err(e) = crate::pdf::check_destination(file, Some(&opts.out), &guarded)
    {
        return fail(e);
    }
    if a.all {
        return pdf_all(a, &browser, opts.clone(), &guarded);
    }
    let built = site::build(&opts);
    let code = finish(&built.report, Ended::Built(&built), a.build.common.format);
    let Some(summary) = &built.summary else { return code };
    let languages = &summary.languages;
    let first = a.file.clone().unwrap_or_else(|| opts.out.join("briefing.pdf"));
    let limit = std::time::Duration::from_secs(a.timeout);
    // Dated as the rest of the output is, never by the clock.
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let made = crate::pdf::book::made_at(epoch.as_deref(), summary.as_of);
    let books: Vec<(String, PathBuf)> = languages
        .iter()
        .enumerate()
        .map(|(i, lang)| match i {
            0 => ("print/index.html".to_string(), first.clone()),
            _ => (format!("{lang}/print/index.html"), first.with_extension(format!("{lang}.pdf"))),
        })
        .collect();
    // Each language's book goes beside the first: checked alike before any is printed.
    if let Some(e) =
        books.iter().find_map(|(_, pdf)| crate::pdf::check_destination(pdf, None, &guarded).err())
    {
        return fail(e);
    }
    // Each language's book is printed by a browser of its own, side by side:
    // a book takes two prints or more, most of it the browser starting.
    let printed: Vec<_> = std::thread::scope(|s| {
        let jobs: Vec<_> = books
            .iter()
            .map(|(page, pdf)| {
                let (browser, out) = (&browser, &opts.out);
                s.spawn(move || {
                    let start = std::time::Instant::now();
                    (crate::pdf::print(browser, out, page, pdf, limit, made), start.elapsed())
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join()).collect()
    });
    let mut failed = None;
    for ((_, pdf), result) in books.iter().zip(printed) {
        if let Some((done, took)) = print_outcome(result, &mut failed) {
            for w in &done.warnings {
                crate::tell!("warning: {}: {w}", pdf.display());
            }
            crate::tell!("wrote {} in {} ms ({} prints)", pdf.display(), took.as_millis(), done.passes);
        }
    }
    match failed {
        Some(e) => fail(e),
        None => ExitCode::SUCCESS,
    }
}

/// `briefing pdf --all`: builds, prints the current book and every
/// meeting's (each book whose input is in the print cache is taken from it),
/// then builds again with the books, whose pages then give their size.
fn pdf_all(
    a: &PdfArgs,
    browser: &std::path::Path,
    opts: Options,
    guarded: &[(&str, &std::path::Path)],
) -> ExitCode {
    use crate::pdf::cache::{self, Cache};
    let fail = |e: crate::pdf::PdfError| {
        crate::tell!("error: {e}");
        ExitCode::from(e.exit_code())
    };
    let mut opts = Options { all_books: true, ..opts };
    let dir = a.cache.clone().unwrap_or_else(|| {
        opts.content.parent().unwrap_or(std::path::Path::new("")).join(".briefing-cache").join("books")
    });
    // The cache is a folder the user names (or the documented default),
    // never inside the output (which a build replaces) nor the committee's files.
    let inside = |outer: &std::path::Path| {
        let abs = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        abs(&dir).starts_with(abs(outer))
    };
    let mut places = vec![("output", opts.out.as_path())];
    places.extend(guarded.iter().copied());
    if let Some((what, _)) = places.iter().find(|(_, p)| inside(p)) {
        return fail(crate::pdf::PdfError::Destination(format!(
            "the print cache {} is inside the {what} folder: name another with --cache",
            dir.display()
        )));
    }
    let cache = match Cache::open(&dir) {
        Ok(c) => c,
        Err(e) => {
            return fail(crate::pdf::PdfError::Destination(format!("cannot make {}: {e}", dir.display())));
        }
    };
    let built = site::build(&opts);
    let code = finish(&built.report, Ended::Built(&built), a.build.common.format);
    let Some(summary) = &built.summary else { return code };
    let languages = summary.languages.clone();
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    // The current book is dated as `briefing pdf` dates it; each meeting's
    // by its meeting's date alone, so that a later push leaves it as it was.
    let mut books: Vec<(String, String, jiff::Timestamp)> = Vec::new();
    let current = crate::pdf::book::made_at(epoch.as_deref(), summary.as_of);
    let meetings = archived_meetings(&opts.out);
    for (i, lang) in languages.iter().enumerate() {
        let prefix = if i == 0 { String::new() } else { format!("{lang}/") };
        books.push((
            format!("{prefix}print/index.html"),
            crate::render::urls::current_pdf(lang, &languages[0]),
            current,
        ));
        for slug in &meetings {
            let date = crate::model::Meeting::date_of_slug(slug).unwrap_or(summary.as_of);
            books.push((
                format!("{prefix}{}", crate::render::urls::archived_book(slug)),
                crate::render::urls::archived_pdf(slug, lang, &languages[0]),
                crate::pdf::book::made_at(None, date),
            ));
        }
    }
    let identity = cache::browser_identity(browser);
    let mut keyed = Vec::new();
    for (page, pdf, made) in &books {
        match cache::key(&opts.out, page, &identity, *made) {
            Ok(key) => keyed.push((page.clone(), pdf.clone(), *made, key)),
            Err(e) => {
                return fail(crate::pdf::PdfError::Failed(format!("cannot read {page}: {e}")));
            }
        }
    }
    let limit = std::time::Duration::from_secs(a.timeout);
    let wanted: Vec<&(String, String, jiff::Timestamp, String)> = {
        let mut seen = std::collections::BTreeSet::new();
        keyed.iter().filter(|(_, _, _, key)| cache.get(key).is_none() && seen.insert(key.clone())).collect()
    };
    let kept = keyed.len() - wanted.len();
    // Two browsers at a time: a book takes two prints or more.
    let mut failed = None;
    for pair in wanted.chunks(2) {
        let printed: Vec<_> = std::thread::scope(|s| {
            let jobs: Vec<_> = pair
                .iter()
                .map(|(page, _, made, key)| {
                    let (out, to) = (&opts.out, cache.path(key));
                    s.spawn(move || {
                        let start = std::time::Instant::now();
                        (crate::pdf::print(browser, out, page, &to, limit, *made), start.elapsed())
                    })
                })
                .collect();
            jobs.into_iter().map(|j| j.join()).collect()
        });
        for ((_, pdf, _, _), result) in pair.iter().zip(printed) {
            if let Some((done, took)) = print_outcome(result, &mut failed) {
                for w in &done.warnings {
                    crate::tell!("warning: {pdf}: {w}");
                }
                crate::tell!("printed {pdf} in {} ms ({} prints)", took.as_millis(), done.passes);
            }
        }
        if matches!(failed, Some(crate::pdf::PdfError::Interrupted)) {
            break;
        }
    }
    if let Some(e) = failed {
        return fail(e);
    }
    opts.printed = keyed
        .iter()
        .filter_map(|(_, pdf, _, key)| {
            let from = cache.get(key)?;
            let size = std::fs::metadata(&from).ok()?.len();
            Some(site::Printed { path: pdf.clone(), from, size })
        })
        .collect();
    let used: Vec<&str> = keyed.iter().map(|(_, _, _, key)| key.as_str()).collect();
    cache.keep_only(&used);
    let again = site::build(&opts);
    if again.summary.is_none() {
        return finish(&again.report, Ended::Built(&again), a.build.common.format);
    }
    crate::tell!(
        "wrote {} books into {} ({} printed, {} from the print cache {})",
        keyed.len(),
        opts.out.display(),
        wanted.len(),
        kept,
        dir.display()
    );
    ExitCode::SUCCESS
}

/// The meetings whose book the build wrote (`print/<meeting>/index.html`), sorted.
fn archived_meetings(out: &std::path::Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(out.join("print"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("index.html").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    found.sort();
    found
}

fn options(c: &Common, build: Option<&BuildArgs>) -> Options {
    Options {
        content: c.content.clone(),
        out: build.map(|b| b.out.clone()).unwrap_or_else(|| PathBuf::from("output")),
        theme: build.and_then(|b| b.theme.clone()),
        drafts: c.drafts,
        base_url: build.and_then(|b| b.base_url.clone()),
        as_of: c.as_of,
        strict: c.strict,
        chart_png: build.is_some_and(|b| b.chart_png),
        book_pdf: false,
        meeting: build.and_then(|b| b.meeting.clone()),
        archive: build.is_some(),
        all_books: false,
        printed: Vec::new(),
    }
}

/// How a command ended, for its last lines.
enum Ended<'a> {
    Built(&'a site::Built),
    Checked(&'a site::Checked),
}

/// Prints every diagnostic and the summary line; decides the exit code.
fn finish(rep: &Report, ended: Ended, format: Format) -> ExitCode {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
    for d in &rep.diags {
        let _ = match format {
            Format::Human => writeln!(err, "{}", report::human(d, &rep.sources, color)),
            Format::Json => writeln!(std::io::stdout(), "{}", report::json(d, &rep.sources)),
            Format::Github => writeln!(std::io::stdout(), "{}", report::github(d, &rep.sources)),
        };
    }
    if let Ended::Built(site::Built { fatal: Some(f), .. }) = ended {
        let _ = writeln!(err, "{}", crate::core::terminal::safe(&format!("error: {f}")));
    }
    let (errors, warnings) = rep.counts();
    let (failed, verb) = match ended {
        Ended::Built(b) => (b.failed(), "build"),
        Ended::Checked(c) => (c.failed, "check"),
    };
    if failed {
        let unchanged = if verb == "build" { "; the output folder was not changed" } else { "" };
        // A fatal error (not a diagnostic) can stop a build with no
        // error counted: then "0 errors" would contradict the line above.
        let counts = match (errors, warnings) {
            (0, 0) => String::new(),
            (0, w) => format!(" ({})", count(w, "warning", "warnings")),
            (e, w) => format!(": {}, {}", count(e, "error", "errors"), count(w, "warning", "warnings")),
        };
        let _ = writeln!(err, "{verb} failed{counts}{unchanged}");
        return ExitCode::from(1);
    }
    let total: std::time::Duration = rep.timings.iter().map(|(_, d)| *d).sum();
    let line = match ended {
        Ended::Built(site::Built { summary: Some(s), .. }) => built_line(s, warnings),
        _ => format!("checked the content in {} ms: no errors{}", total.as_millis(), warn_suffix(warnings)),
    };
    if format == Format::Human {
        if let Ended::Checked(c) = ended {
            for c in &c.completeness {
                let _ = writeln!(err, "{}", crate::core::terminal::safe(&completeness_line(c)));
            }
        }
        let _ = writeln!(err, "{line}");
    }
    if std::env::var_os("BRIEFING_TIMINGS").is_some() {
        for (stage, d) in &rep.timings {
            let _ = writeln!(err, "  {stage:<9} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
    ExitCode::SUCCESS
}

fn built_line(s: &Summary, warnings: usize) -> String {
    format!(
        "built {} in {} ({}, {}, {}) in {} ms{}",
        count(s.pages, "page", "pages"),
        count(s.languages.len(), "language", "languages"),
        count(s.groups, "group", "groups"),
        count(s.meetings, "meeting", "meetings"),
        count(s.files, "file", "files"),
        s.elapsed.as_millis(),
        warn_suffix(warnings)
    )
}

/// `fr: 212 of 214 texts (99%), 3 of 3 records`.
fn completeness_line(c: &crate::validate::translations::Completeness) -> String {
    let pct = (c.texts * 100).checked_div(c.texts_total).unwrap_or(100);
    format!(
        "{}: {} of {} texts ({pct}%), {} of {} records translated",
        c.lang, c.texts, c.texts_total, c.bodies, c.bodies_total
    )
}

fn warn_suffix(n: usize) -> String {
    if n == 0 { String::new() } else { format!(", {}", count(n, "warning", "warnings")) }
}

/// One print's outcome, as a print thread gives it: the book printed, or
/// its failure kept in `failed` (the first one, but an interruption, which
/// is what the user did, is the one to report).
fn print_outcome(
    result: std::thread::Result<(Result<crate::pdf::Printed, crate::pdf::PdfError>, std::time::Duration)>,
    failed: &mut Option<crate::pdf::PdfError>,
) -> Option<(crate::pdf::Printed, std::time::Duration)> {
    match result {
        Ok((Ok(done), took)) => Some((done, took)),
        Ok((Err(e), _)) => {
            if failed.is_none() || matches!(e, crate::pdf::PdfError::Interrupted) {
                *failed = Some(e);
            }
            None
        }
        Err(_) => {
            if failed.is_none() {
                *failed = Some(crate::pdf::PdfError::Failed("the print stopped unexpectedly".into()));
            }
            None
        }
    }
}
