//! The theme: Tera templates, static files and interface strings. The
//! default theme is embedded in the binary; a theme folder overrides it file
//! by file (`templates/<name>`, `static/<path>`, `i18n/<lang>.yaml`).
//!
//! Must not import `load`, `render`, `site`, `cli`, `serve`, `pdf`: the theme
//! is read by its own loader.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, codes};
use crate::yaml::{self, Loc, NodeKind};

mod palette_css;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// Templates of the default theme, by name.
pub const TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "components.html",
    "index.html",
    "groups.html",
    "group.html",
    "meetings.html",
    "meeting.html",
    "actions.html",
    "decisions.html",
    "page.html",
    "pages.html",
    "print.html",
    "notice.txt",
    "notice.html",
    "page-rules.css",
    "search.html",
    "404.html",
);

/// Static files of the default theme, by path under `static/`.
pub const STATIC: &[(&str, &[u8])] = &[
    ("variables.css", include_bytes!("../../themes/default/static/variables.css")),
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("print.css", include_bytes!("../../themes/default/static/print.css")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("fonts/NotoSans-Regular.ttf", include_bytes!("../../themes/default/static/fonts/NotoSans-Regular.ttf")),
    ("fonts/NotoSans-Bold.ttf", include_bytes!("../../themes/default/static/fonts/NotoSans-Bold.ttf")),
    ("fonts/OFL.txt", include_bytes!("../../themes/default/static/fonts/OFL.txt")),
    ("fonts/BriefingSymbols.ttf", include_bytes!("../../themes/default/static/fonts/BriefingSymbols.ttf")),
    (
        "fonts/BriefingSymbols-Bold.ttf",
        include_bytes!("../../themes/default/static/fonts/BriefingSymbols-Bold.ttf"),
    ),
    ("fonts/BriefingMono.ttf", include_bytes!("../../themes/default/static/fonts/BriefingMono.ttf")),
    ("fonts/LICENSE-DejaVu.txt", include_bytes!("../../themes/default/static/fonts/LICENSE-DejaVu.txt")),
    ("fonts/README.txt", include_bytes!("../../themes/default/static/fonts/README.txt")),
];

/// The default theme's status colours.
const PALETTE: &str = include_str!("../../themes/default/palette.yaml");

/// The statuses a palette colours.
const PALETTE_KEYS: [&str; 5] = ["done", "in-progress", "planned", "at-risk", "blocked"];

const I18N: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.yaml")),
    ("fr", include_str!("../../themes/default/i18n/fr.yaml")),
];

/// A loaded theme, ready to render.
pub struct Theme {
    pub tera: tera::Tera,
    /// Static files: path under `static/` and bytes.
    pub statics: Vec<(String, Cow<'static, [u8]>)>,
    strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Each status's colour, `#rrggbb` (`palette.yaml`).
    palette: BTreeMap<String, String>,
    /// Where override templates came from, for error messages.
    sources: BTreeMap<String, String>,
    /// The text of each file read from the theme folder, by its path, so
    /// that diagnostics can quote it.
    texts: BTreeMap<String, Arc<str>>,
}

/// Why a theme could not be loaded: its diagnostics, and the text of the
/// theme folder's files they may quote.
#[derive(Debug)]
pub struct ThemeError {
    pub diags: Vec<Diagnostic>,
    pub texts: BTreeMap<String, Arc<str>>,
}

impl Theme {
    /// The default theme with the files of `dir` (if any) laid over it. Every
    /// file of the theme folder is read or reported: a link that leads out of
    /// the folder, a file that cannot be read or is not UTF-8 is a diagnostic
    /// at that file, never silently skipped.
    pub fn load(dir: Option<&Path>) -> Result<Theme, ThemeError> {
        let mut diags = Vec::new();
        let mut texts: BTreeMap<String, Arc<str>> = BTreeMap::new();
        let mut templates: BTreeMap<String, (Arc<str>, String)> = TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), (Arc::from(*s), format!("(built-in theme)/templates/{n}"))))
            .collect();
        // Each built-in page template is also `default/<name>`, which a
        // theme folder's template of the same name can extend, replacing
        // one block (`{% extends "default/index.html" %}`) instead of
        // copying the whole file. (The components are shared by all.)
        templates.extend(TEMPLATES.iter().filter(|(n, _)| *n != "components.html").map(|(n, s)| {
            (format!("default/{n}"), (Arc::from(*s), format!("(built-in theme)/templates/{n}")))
        }));
        let mut statics: BTreeMap<String, Cow<'static, [u8]>> =
            STATIC.iter().map(|(n, b)| (n.to_string(), Cow::Borrowed(*b))).collect();
        let mut strings: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (lang, text) in I18N {
            strings.insert(
                lang.to_string(),
                parse_strings(text, &format!("(built-in theme)/i18n/{lang}.yaml"), &mut diags),
            );
        }
        let mut palette = parse_palette(PALETTE, "(built-in theme)/palette.yaml", &mut diags);
        if let Some(dir) = dir {
            let folder = ThemeFolder::open(dir, &mut diags);
            if let Some(path) = folder.file("palette.yaml", &mut diags) {
                let file = path.display().to_string();
                if let Some(text) = read_text(&path, &file, &mut diags) {
                    palette.extend(parse_palette(&text, &file, &mut diags));
                    texts.insert(file, text);
                }
            }
            for (rel, path) in folder.files("templates", &mut diags) {
                let file = path.display().to_string();
                if let Some(text) = read_text(&path, &file, &mut diags) {
                    texts.insert(file.clone(), text.clone());
                    templates.insert(rel, (text, file));
                }
            }
            for (rel, path) in folder.files("static", &mut diags) {
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        statics.insert(rel, Cow::Owned(bytes));
                    }
                    Err(e) => diags.push(cannot_read(&path.display().to_string(), &e)),
                }
            }
            for (rel, path) in folder.files("i18n", &mut diags) {
                let Some(lang) = rel.strip_suffix(".yaml") else { continue };
                let file = path.display().to_string();
                if let Some(text) = read_text(&path, &file, &mut diags) {
                    let overrides = parse_strings(&text, &file, &mut diags);
                    texts.insert(file, text);
                    strings.entry(lang.to_string()).or_default().extend(overrides);
                }
            }
        }
        // The stylesheet's status colours come from the palette, as the charts' do.
        statics.insert("palette.css".into(), Cow::Owned(palette_css::palette_css(&palette).into_bytes()));
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.register_filter("css_string", |s: &str, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(&css_string(s))
        });
        let sources: BTreeMap<String, String> =
            templates.iter().map(|(n, (_, f))| (n.clone(), f.clone())).collect();
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, (s, _))| (n.as_str(), &**s))) {
            let bodies: BTreeMap<&str, &str> =
                templates.iter().map(|(n, (s, _))| (n.as_str(), &**s)).collect();
            let folder = dir.map(|d| d.join("templates").display().to_string());
            let fallback = folder.unwrap_or_else(|| "(built-in theme)/templates".to_string());
            diags.extend(template_diagnostics(&e, &sources, &bodies, &fallback));
        }
        if diags.is_empty() {
            Ok(Theme { tera, statics: statics.into_iter().collect(), strings, palette, sources, texts })
        } else {
            Err(ThemeError { diags, texts })
        }
    }

    /// True when the theme folder gives a `static/custom.css`, which pages
    /// link after the built-in stylesheets (to restyle by a few variables).
    pub fn has_custom_css(&self) -> bool {
        self.statics.iter().any(|(p, _)| p == "custom.css")
    }

    /// The text of each file read from the theme folder, by its path.
    pub fn texts(&self) -> &BTreeMap<String, Arc<str>> {
        &self.texts
    }

    /// Interface strings for `lang`, key by key: its own, else those of the
    /// site's first language `first`, else the built-in English ones (which
    /// hold every key; see [`Theme::missing_strings`]).
    pub fn strings(&self, lang: &str, first: &str) -> BTreeMap<String, String> {
        let mut out = self.strings.get("en").cloned().unwrap_or_default();
        for l in [first, lang] {
            if let Some(own) = self.strings.get(l) {
                out.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        out
    }

    /// A warning for each language of the site (`languages`, the first
    /// being the default) whose interface strings lack keys of the built-in
    /// English ones: those are shown in the first language instead (English
    /// when it lacks them too). Placed at the site's list of languages
    /// (`file`, `loc`).
    pub fn missing_strings(&self, languages: &[String], file: &str, loc: Loc) -> Vec<Diagnostic> {
        let all = self.strings.get("en").cloned().unwrap_or_default();
        let first = languages.first().map(String::as_str).unwrap_or("en");
        languages
            .iter()
            .filter_map(|lang| {
                let own = self.strings.get(lang);
                let missing: Vec<&str> =
                    all.keys().filter(|k| !own.is_some_and(|o| o.contains_key(*k))).map(String::as_str).collect();
                if missing.is_empty() {
                    return None;
                }
                let shown = if lang == first || !self.strings.contains_key(first) { "en" } else { first };
                let named: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
                let more = if missing.len() > 5 { format!(" and {} more", missing.len() - 5) } else { String::new() };
                Some(
                    Diagnostic::warning(
                        codes::MISSING_TRANSLATION,
                        file,
                        loc,
                        format!(
                            "the theme has no `{lang}` interface text for {} key(s), {}{more}: the `{shown}` text is shown",
                            missing.len(),
                            named.join(", "),
                        ),
                    )
                    .with_hint(format!("add `i18n/{lang}.yaml` to the theme folder with those keys")),
                )
            })
            .collect()
    }

    /// Each status's colour, for charts.
    pub fn status_colors(&self) -> BTreeMap<String, crate::charts::Rgb> {
        self.palette.iter().filter_map(|(k, v)| Some((k.clone(), crate::charts::Rgb::parse(v)?))).collect()
    }

    /// A language's own name, from its own interface strings only
    /// (`language_name`), else its code: a language the theme has no
    /// strings for is not named in English.
    pub fn language_name(&self, lang: &str) -> String {
        self.strings
            .get(lang)
            .and_then(|s| s.get("language_name"))
            .cloned()
            .unwrap_or_else(|| lang.to_string())
    }

    /// Renders `template` with `context`, or a diagnostic naming the template.
    /// `strings` (one language's interface strings, made into a template
    /// value once per language) is shown to templates as `frame.t`, without
    /// copying the strings for every page.
    pub fn render(
        &self,
        template: &str,
        context: &impl serde::Serialize,
        strings: &tera::Value,
    ) -> Result<String, Diagnostic> {
        let mut ctx = tera::Context::from_serialize(context).map_err(|e| self.diagnostic(&e, template))?;
        if let Some(mut frame) = ctx.remove("frame").and_then(|f| f.into_map()) {
            frame.insert(tera::value::Key::from("t"), strings.clone());
            frame.insert(tera::value::Key::from("palette"), tera::Value::from_serializable(&self.palette));
            // A theme folder's `static/custom.css` is linked after the built-in stylesheets.
            frame.insert(tera::value::Key::from("custom_css"), tera::Value::from(self.has_custom_css()));
            ctx.insert_value("frame", tera::Value::from(frame));
        }
        self.tera.render(template, &ctx).map_err(|e| self.diagnostic(&e, template))
    }

    /// A Tera error met while rendering `template`, at the place it names,
    /// else at the start of that template's file.
    fn diagnostic(&self, e: &tera::Error, template: &str) -> Diagnostic {
        let file = self.sources.get(template).map_or(template, String::as_str);
        template_diagnostics(e, &self.sources, &BTreeMap::new(), file).into_iter().next().unwrap_or_else(
            || {
                Diagnostic::error(codes::TEMPLATE, file, Loc::new(1, 1), e.to_string())
                    .with_hint(TEMPLATE_HINT)
            },
        )
    }
}

/// A CSS string literal: quoted, with every character that could end the
/// string, start an escape, break the line or close the `<style>` element
/// written as a hex escape (`\22 `): quotes, backslash, angle brackets and
/// all control characters (line feed, form feed, NUL…). Templates write
/// words into CSS (the marking on every printed page) through the
/// `css_string` filter.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '"' | '\'' | '\\' | '<' | '>' | '&') || c.is_control() {
            out.push_str(&format!("\\{:x} ", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

const TEMPLATE_HINT: &str =
    "fix the theme template; `--theme` falls back to the built-in template for files it does not have";

/// A Tera error as diagnostics (at least one), each at the file, line and
/// column of the template it concerns: `sources` maps template names to
/// files, `bodies` (when known) template names to their text, to place errors
/// that Tera reports by name alone (a missing parent, a loop of extends or
/// includes); what names no template is placed at `fallback`'s file.
fn template_diagnostics(
    e: &tera::Error,
    sources: &BTreeMap<String, String>,
    bodies: &BTreeMap<&str, &str>,
    fallback: &str,
) -> Vec<Diagnostic> {
    let file_of = |name: &str| sources.get(name).cloned().unwrap_or_else(|| name.to_string());
    // Where `name`'s text first mentions `"other"`, else its start.
    let mention = |name: &str, other: &str| {
        let text = bodies.get(name).copied().unwrap_or("");
        [format!("\"{other}\""), format!("'{other}'")]
            .iter()
            .filter_map(|q| text.find(q.as_str()))
            .min()
            .map(|at| Loc::at(text, at))
            .unwrap_or(Loc::new(1, 1))
    };
    let one = |name: &str, loc: Loc, message: String| {
        vec![Diagnostic::error(codes::TEMPLATE, &file_of(name), loc, message).with_hint(TEMPLATE_HINT)]
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => one(
            r.filename(),
            Loc::new(r.span().start_line as u32, r.span().start_col as u32 + 1),
            r.message().to_string(),
        ),
        tera::ErrorKind::MissingParent { current, parent } => one(
            current,
            mention(current, parent),
            format!("`{current}` extends `{parent}`, which is neither in the theme folder nor built in"),
        ),
        tera::ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            // The chain holds the parents found from `tpl` on.
            let parent = inheritance_chain.first().map(String::as_str).unwrap_or(tpl);
            let chain = std::iter::once(tpl).chain(inheritance_chain).map(String::as_str).collect::<Vec<_>>();
            one(
                tpl,
                mention(tpl, parent),
                format!("templates extend each other in a loop: {}", chain.join(" -> ")),
            )
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain } => {
            let next = include_chain.get(1).map(String::as_str).unwrap_or(tpl);
            one(
                tpl,
                mention(tpl, next),
                format!("templates include each other in a loop: {}", include_chain.join(" -> ")),
            )
        }
        tera::ErrorKind::TemplateNotFound(name) => one(
            name,
            Loc::new(1, 1),
            format!("template `{name}` is neither in the theme folder nor built in"),
        ),
        tera::ErrorKind::Msg(text) => {
            let found: Vec<Diagnostic> = text
                .split("\n\n")
                .filter_map(parse_report)
                .map(|(name, loc, message)| {
                    Diagnostic::error(codes::TEMPLATE, &file_of(&name), loc, message).with_hint(TEMPLATE_HINT)
                })
                .collect();
            if found.is_empty() { one(fallback, Loc::new(1, 1), text.clone()) } else { found }
        }
        other => one(fallback, Loc::new(1, 1), other.to_string()),
    }
}

/// One of Tera's reports: `error: <message>` then ` --> <template>:<line>:<col>`.
fn parse_report(report: &str) -> Option<(String, Loc, String)> {
    let mut lines = report.lines().map(str::trim);
    let message = lines.find_map(|l| l.strip_prefix("error: "))?.to_string();
    let place = lines.find_map(|l| l.strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let col: u32 = parts.next()?.parse().ok()?;
    let line: u32 = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), Loc::new(line, col), message))
}

/// `palette.yaml`: a colour (`#rrggbb`) for each status it names.
fn parse_palette(text: &str, file: &str, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    let hint = "the palette gives `#rrggbb` colours to done, in-progress, planned, at-risk and blocked";
    flat_map(text, file, "the palette must be a map of colours", hint, diags, |k, v, diags| {
        if !PALETTE_KEYS.contains(&k.name.as_str()) {
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_KEY,
                    file,
                    k.loc,
                    format!("`{}` is not a status the palette colours", k.name),
                )
                .with_hint(crate::diag::suggest::did_you_mean(&k.name, &PALETTE_KEYS)),
            );
            return None;
        }
        match &v.kind {
            NodeKind::Str(s) if crate::charts::Rgb::parse(s).is_some() => Some(s.to_ascii_lowercase()),
            _ => {
                diags.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        file,
                        v.loc,
                        format!("`{}` must be a colour written `#rrggbb`", k.name),
                    )
                    .with_hint(hint),
                );
                None
            }
        }
    })
}

/// Flat `key: text` maps.
fn parse_strings(text: &str, file: &str, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    let hint = "interface strings are `key: text` lines; quote a text that YAML would read otherwise";
    flat_map(text, file, "interface strings must be a map of texts", hint, diags, |k, v, diags| {
        match &v.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => {
                diags.push(
                    Diagnostic::error(
                        codes::WRONG_TYPE,
                        file,
                        v.loc,
                        format!("`{}` must be a text, not {}", k.name, v.type_name()),
                    )
                    .with_hint(hint),
                );
                None
            }
        }
    })
}

/// A theme YAML file that is one flat map (or empty): each entry read by
/// `entry`, which keeps it (`Some`) or reports why not; any other shape is
/// a diagnostic saying `what` the file must be.
fn flat_map(
    text: &str,
    file: &str,
    what: &str,
    hint: &str,
    diags: &mut Vec<Diagnostic>,
    mut entry: impl FnMut(&yaml::Key, &yaml::Node, &mut Vec<Diagnostic>) -> Option<String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match yaml::parse(text) {
        Ok(node) => match node.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    if let Some(value) = entry(&k, &v, diags) {
                        out.insert(k.name, value);
                    }
                }
            }
            NodeKind::Null => {}
            _ => diags.push(
                Diagnostic::error(
                    codes::WRONG_TYPE,
                    file,
                    node.loc,
                    format!("{what}, not {}", node.type_name()),
                )
                .with_hint(hint),
            ),
        },
        Err(e) => diags.push(Diagnostic::error(codes::YAML_SYNTAX, file, e.loc, e.message)),
    }
    out
}

/// A file of the theme folder as text (UTF-8, without a BOM, LF line
/// endings), or a diagnostic at `file`.
fn read_text(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Arc<str>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(cannot_read(file, &e));
            return None;
        }
    };
    match crate::core::source::decode(&bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            diags.push(
                Diagnostic::error(codes::NOT_UTF8, file, e.loc, format!("`{file}` is not UTF-8 text"))
                    .with_hint("save the theme file as UTF-8"),
            );
            None
        }
    }
}

fn cannot_read(file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        codes::READ_FAILED,
        file,
        Loc::new(1, 1),
        format!("cannot read theme file `{file}`: {e}"),
    )
}

/// The theme folder, as given and as resolved (links followed).
struct ThemeFolder {
    dir: PathBuf,
    real: Option<PathBuf>,
}

impl ThemeFolder {
    /// `dir`; a diagnostic if it is not a folder.
    fn open(dir: &Path, diags: &mut Vec<Diagnostic>) -> ThemeFolder {
        let real = dir.canonicalize().ok().filter(|r| r.is_dir());
        if real.is_none() {
            let file = dir.display().to_string();
            // Named as given: relative to the current directory, as
            // `--theme` is read, not within the content folder.
            diags.push(Diagnostic {
                as_given: true,
                ..Diagnostic::error(
                    codes::READ_FAILED,
                    &file,
                    Loc::new(1, 1),
                    format!("the theme folder `{file}` does not exist or is not a folder"),
                )
                .with_hint("give --theme a folder holding templates/, static/ or i18n/, or leave it out for the built-in theme")
            });
        }
        ThemeFolder { dir: dir.to_path_buf(), real }
    }

    /// The file `name` at the top of the theme folder, if there is one; a
    /// link that leads outside the folder is refused with a diagnostic.
    fn file(&self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<PathBuf> {
        self.real.as_ref()?;
        let path = self.dir.join(name);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() && !self.inside(&path, false) {
            diags.push(refused(&path));
            return None;
        }
        path.is_file().then_some(path)
    }

    /// Files below the theme folder's `sub`, sorted, as (relative path with
    /// `/`, full path). A link is followed only when it leads to a file (or,
    /// for `sub` itself, a folder) inside the theme folder; any other link is
    /// refused with a diagnostic.
    fn files(&self, sub: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
        if self.real.is_none() {
            return Vec::new();
        }
        let top = self.dir.join(sub);
        let Ok(meta) = std::fs::symlink_metadata(&top) else { return Vec::new() };
        if meta.file_type().is_symlink() && !self.inside(&top, true) {
            diags.push(refused(&top));
            return Vec::new();
        }
        if !top.is_dir() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(&top).follow_links(false).sort_by_file_name().min_depth(1) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(&top).display().to_string();
                    let io = e.into_io_error().unwrap_or_else(|| std::io::Error::other("a loop of links"));
                    diags.push(cannot_read(&path, &io));
                    continue;
                }
            };
            let Ok(rel) = entry.path().strip_prefix(&top) else { continue };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.path_is_symlink() {
                if self.inside(entry.path(), false) {
                    out.push((rel, entry.path().to_path_buf()));
                } else {
                    diags.push(refused(entry.path()));
                }
            } else if entry.file_type().is_file() {
                out.push((rel, entry.path().to_path_buf()));
            }
        }
        out
    }

    /// Whether the link `path` leads inside the theme folder, to a file (or a
    /// folder, when `folder` allows one).
    fn inside(&self, path: &Path, folder: bool) -> bool {
        let Some(real) = &self.real else { return false };
        match path.canonicalize() {
            Ok(target) => target.starts_with(real) && (target.is_file() || (folder && target.is_dir())),
            Err(_) => false,
        }
    }
}

fn refused(path: &Path) -> Diagnostic {
    let file = path.display().to_string();
    Diagnostic::error(
        codes::SYMLINK,
        &file,
        Loc::new(1, 1),
        format!("`{file}` is a link that leads outside the theme folder, to a folder, or nowhere"),
    )
    .with_hint("copy the files into the theme folder instead of linking to them")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The book's `@page` rules as the built-in `page-rules.css` writes them.
    fn page_css(paper: &str, marking: &str, page: &str, of: &str) -> String {
        let theme = Theme::load(None).map_err(|e| e.diags).unwrap();
        let mut ctx = tera::Context::new();
        // One agenda paper, whose running header carries the marking's words too.
        let sections =
            serde_json::json!([{ "item": 2, "header": format!("Item 2 — {marking}") }, { "item": 0 }]);
        ctx.insert("book", &serde_json::json!({ "paper": paper, "sections": sections }));
        ctx.insert(
            "frame",
            &serde_json::json!({ "classification": marking, "t": { "book_page": page, "book_of": of } }),
        );
        theme.tera.render("page-rules.css", &ctx).unwrap()
    }

    #[test]
    fn page_css_escapes_the_marking() {
        let css = page_css("a4", "SECRET\"</style><script>", "Page", "of");
        assert!(css.contains("size: a4"));
        assert!(!css.contains("</style>"));
        assert!(css.contains("@page paper-2 {"), "{css}");
        assert!(!css.contains("paper-0"), "only agenda papers have named pages: {css}");
        assert!(css.contains("content: \"SECRET\\22 \\3c /style\\3e \\3c script\\3e \";"), "{css}");
        assert!(css.contains("counter(page)"));
        // A form feed (or any line break) cannot end the string.
        let css = page_css("letter", "TOP\u{c}SECRET\n\r\u{0}\u{7f}\u{85}", "Page\u{c}", "\\of\u{b}");
        assert!(css.contains("content: \"TOP\\c SECRET\\a \\d \\0 \\7f \\85 \";"), "{css}");
        assert!(
            css.contains("content: \"Page\\c  \" counter(page) \" \\5c of\\b  \" counter(pages);"),
            "{css}"
        );
    }

    /// Reads a CSS string token back as CSS Syntax 4.3.5 does, or `None` if
    /// the text is not one well-formed string.
    fn parse_css_string(css: &str) -> Option<String> {
        let mut chars = css.strip_prefix('"')?.chars().peekable();
        let mut out = String::new();
        loop {
            match chars.next()? {
                '"' => return chars.next().is_none().then_some(out),
                '\n' | '\r' | '\u{c}' => return None,
                '\\' => {
                    let mut hex = String::new();
                    while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                        hex.push(chars.next()?);
                    }
                    if hex.is_empty() {
                        return None;
                    }
                    if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                        chars.next();
                    }
                    let n = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(if n == 0 { '\u{fffd}' } else { char::from_u32(n)? });
                }
                c => out.push(c),
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_is_one_css_string_that_reads_back(s in any::<String>()) {
            let css = css_string(&s);
            prop_assert!(!css.contains("</") && !css.contains('<'));
            prop_assert!(!css.chars().any(|c| c.is_control()), "{:?}", css);
            let expected = s.replace('\0', "\u{fffd}");
            prop_assert_eq!(parse_css_string(&css), Some(expected));
        }

        #[test]
        fn the_page_rules_stay_whole_whatever_the_words(marking in any::<String>(), page in any::<String>(), of in any::<String>()) {
            let css = page_css("a4", &marking, &page, &of);
            // Braces of the rules are balanced outside strings: nothing escaped one.
            let mut depth = 0i32;
            let mut in_string = false;
            let mut escaped = false;
            for c in css.chars() {
                match (in_string, escaped, c) {
                    (true, true, _) => escaped = false,
                    (true, false, '\\') => escaped = true,
                    (_, false, '"') => in_string = !in_string,
                    (false, _, '{') => depth += 1,
                    (false, _, '}') => depth -= 1,
                    _ => {}
                }
                prop_assert!(depth >= 0);
            }
            prop_assert!(!in_string);
            prop_assert_eq!(depth, 0);
            prop_assert_eq!(css.matches("counter(pages)").count(), 1);
        }
    }

    fn errors(dir: &Path) -> Vec<Diagnostic> {
        match Theme::load(Some(dir)) {
            Ok(_) => Vec::new(),
            Err(e) => e.diags,
        }
    }

    fn write(path: &Path, text: &[u8]) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn links_that_leave_the_theme_folder_are_refused_at_their_path() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::TempDir::new().unwrap();
        let outside = tmp.path().join("outside");
        write(&outside.join("token.txt"), b"secret");
        write(&outside.join("page.html"), b"secret");
        let theme = tmp.path().join("theme");
        // static/ itself leads out.
        std::fs::create_dir_all(&theme).unwrap();
        symlink(&outside, theme.join("static")).unwrap();
        let diags = errors(&theme);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, codes::SYMLINK);
        assert_eq!(diags[0].file, theme.join("static").display().to_string());
        // Files of templates/ and i18n/, a link to nowhere and one to a folder.
        std::fs::remove_file(theme.join("static")).unwrap();
        write(&theme.join("static/own.css"), b"p {}");
        symlink(outside.join("token.txt"), theme.join("static/token.txt")).unwrap();
        symlink(theme.join("static/own.css"), theme.join("static/alias.css")).unwrap();
        symlink(tmp.path().join("nowhere"), theme.join("static/dead.css")).unwrap();
        symlink(theme.join("static"), theme.join("static/loop")).unwrap();
        std::fs::create_dir_all(theme.join("templates")).unwrap();
        symlink(outside.join("page.html"), theme.join("templates/page.html")).unwrap();
        std::fs::create_dir_all(theme.join("i18n")).unwrap();
        symlink(outside.join("token.txt"), theme.join("i18n/en.yaml")).unwrap();
        let mut refused: Vec<String> = errors(&theme)
            .into_iter()
            .inspect(|d| assert_eq!(d.code, codes::SYMLINK, "{d:?}"))
            .map(|d| d.file.strip_prefix(&format!("{}/", theme.display())).unwrap().to_string())
            .collect();
        refused.sort();
        assert_eq!(
            refused,
            ["i18n/en.yaml", "static/dead.css", "static/loop", "static/token.txt", "templates/page.html"]
        );
        // A link within the theme folder is followed.
        for p in ["static/token.txt", "static/dead.css", "static/loop", "templates/page.html", "i18n/en.yaml"]
        {
            std::fs::remove_file(theme.join(p)).unwrap();
        }
        let loaded = Theme::load(Some(&theme)).map_err(|e| e.diags).unwrap();
        let alias = loaded.statics.iter().find(|(p, _)| p == "alias.css").expect("the link inside is kept");
        assert_eq!(&*alias.1, b"p {}");
        assert!(!loaded.statics.iter().any(|(p, _)| p == "token.txt"));
    }

    #[test]
    fn unreadable_theme_files_and_a_missing_folder_are_diagnostics() {
        let tmp = tempfile::TempDir::new().unwrap();
        let theme = tmp.path().join("theme");
        write(&theme.join("i18n/fr.yaml"), b"skip_link: \"Aller\xff\"\n");
        write(&theme.join("templates/page.html"), b"\xfe\xfe");
        let diags = errors(&theme);
        let mut found: Vec<(&str, String, u32)> =
            diags.iter().map(|d| (d.code, d.file.clone(), d.column)).collect();
        found.sort();
        assert_eq!(
            found,
            [
                (codes::NOT_UTF8, theme.join("i18n/fr.yaml").display().to_string(), 18),
                (codes::NOT_UTF8, theme.join("templates/page.html").display().to_string(), 1),
            ]
        );
        // Values that are not texts, and a file that is not a map.
        std::fs::remove_file(theme.join("templates/page.html")).unwrap();
        write(&theme.join("i18n/fr.yaml"), b"skip_link: Aller\nheading_contents: [a, b]\n");
        write(&theme.join("i18n/en.yaml"), b"- a list\n");
        let mut found: Vec<(String, u32, u32)> = errors(&theme)
            .into_iter()
            .inspect(|d| assert_eq!(d.code, codes::WRONG_TYPE, "{d:?}"))
            .map(|d| (d.file.rsplit('/').next().unwrap().to_string(), d.line, d.column))
            .collect();
        found.sort();
        assert_eq!(found, [("en.yaml".to_string(), 1, 1), ("fr.yaml".to_string(), 2, 19)]);
        let missing = errors(&tmp.path().join("no-such-theme"));
        assert_eq!(missing.len(), 1);
        assert!(missing[0].message.contains("does not exist or is not a folder"), "{}", missing[0].message);
    }

    #[test]
    fn the_palette_colours_the_statuses_and_its_mistakes_are_diagnostics() {
        let builtin = Theme::load(None).map_err(|e| e.diags).unwrap();
        let colors = builtin.status_colors();
        assert_eq!(colors.len(), PALETTE_KEYS.len(), "every status has a colour");
        assert_eq!(colors["planned"].hex(), "#767676");
        let tmp = tempfile::TempDir::new().unwrap();
        let theme = tmp.path().join("theme");
        write(&theme.join("palette.yaml"), b"done: \"#112233\"\n");
        let own = Theme::load(Some(&theme)).map_err(|e| e.diags).unwrap();
        assert_eq!(own.status_colors()["done"].hex(), "#112233", "overridden key by key");
        assert_eq!(own.status_colors()["blocked"].hex(), "#A33A00");
        write(&theme.join("palette.yaml"), b"done: green\nblockd: \"#000000\"\nplanned: [1]\n");
        let mut found: Vec<(&str, u32, String)> =
            errors(&theme).iter().map(|d| (d.code, d.line, d.hint.clone().unwrap_or_default())).collect();
        found.sort();
        assert_eq!(found[0].0, codes::INVALID_VALUE);
        assert_eq!((found[0].1, found[1].1), (1, 3));
        assert_eq!((found[2].0, found[2].1), (codes::UNKNOWN_KEY, 2));
        assert_eq!(found[2].2, "did you mean `blocked`?");
        write(&theme.join("palette.yaml"), b"- a list\n");
        assert_eq!(errors(&theme)[0].code, codes::WRONG_TYPE);
    }

    #[test]
    fn a_language_without_all_the_interface_texts_shows_the_first_languages_with_a_warning() {
        let builtin = Theme::load(None).map_err(|e| e.diags).unwrap();
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(builtin.missing_strings(&langs(&["en", "fr"]), "site.yaml", Loc::new(5, 12)).is_empty());
        let warned = builtin.missing_strings(&langs(&["fr", "es"]), "site.yaml", Loc::new(5, 12));
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert_eq!((warned[0].code, warned[0].line, warned[0].column), (codes::MISSING_TRANSLATION, 5, 12));
        assert!(warned[0].message.contains("no `es` interface text"), "{}", warned[0].message);
        assert!(warned[0].message.contains("the `fr` text is shown"), "{}", warned[0].message);
        let es = builtin.strings("es", "fr");
        assert_eq!(es["nav_groups"], builtin.strings("fr", "fr")["nav_groups"], "the first language's");
        // A theme's partial language: only what it lacks falls back.
        let tmp = tempfile::TempDir::new().unwrap();
        let theme = tmp.path().join("theme");
        write(&theme.join("i18n/es.yaml"), b"nav_groups: Grupos\n");
        let own = Theme::load(Some(&theme)).map_err(|e| e.diags).unwrap();
        assert_eq!(own.strings("es", "en")["nav_groups"], "Grupos");
        assert_eq!(own.strings("es", "en")["nav_meetings"], builtin.strings("en", "en")["nav_meetings"]);
        let warned = own.missing_strings(&langs(&["en", "es"]), "site.yaml", Loc::new(5, 12));
        assert!(warned[0].message.contains(&format!("for {} key(s)", builtin.strings("en", "en").len() - 1)));
    }

    #[test]
    fn an_unknown_interface_text_in_a_template_is_a_diagnostic_at_its_place_not_its_key() {
        let tmp = tempfile::TempDir::new().unwrap();
        let theme = tmp.path().join("theme");
        write(
            &theme.join("templates/own.html"),
            b"<p>{{ frame.t.nav_groups }}</p>\n<p>{{ frame.t.nav_gropus }}</p>\n",
        );
        let loaded = Theme::load(Some(&theme)).map_err(|e| e.diags).unwrap();
        let strings = tera::Value::from_serializable(&loaded.strings("en", "en"));
        let ctx = serde_json::json!({ "frame": { "lang": "en" } });
        let d = loaded.render("own.html", &ctx, &strings).unwrap_err();
        assert_eq!(d.code, codes::TEMPLATE);
        assert_eq!(
            (d.file.as_str(), d.line),
            (theme.join("templates/own.html").display().to_string().as_str(), 2)
        );
        assert!(d.message.contains("nav_gropus"), "{}", d.message);
        write(&theme.join("templates/own.html"), b"<p>{{ frame.t.nav_groups }}</p>\n");
        let loaded = Theme::load(Some(&theme)).map_err(|e| e.diags).unwrap();
        assert_eq!(loaded.render("own.html", &ctx, &strings).unwrap(), "<p>Working groups</p>\n");
    }

    #[test]
    fn template_errors_are_placed_in_the_theme_file() {
        let tmp = tempfile::TempDir::new().unwrap();
        let theme = tmp.path().join("theme");
        let at = |name: &str| theme.join("templates").join(name).display().to_string();
        // Template files, and the diagnostics expected: file, line, column, words.
        type Files<'a> = &'a [(&'a str, &'a str)];
        type Expected<'a> = &'a [(&'a str, u32, u32, &'a str)];
        let cases: &[(Files, Expected)] = &[
            (
                &[("page.html", "\n  {% extends \"nope.html\" %}\n")],
                &[("page.html", 2, 14, "extends `nope.html`")],
            ),
            (
                &[("page.html", "x\n{% include \"missing.html\" %}\n{{ a | nofilter }}\n")],
                &[
                    ("page.html", 2, 12, "Unknown template `missing.html`"),
                    ("page.html", 3, 8, "Unknown filter"),
                ],
            ),
            (
                &[("a.html", "{% extends \"b.html\" %}"), ("b.html", "\n{% extends \"a.html\" %}")],
                &[("a.html", 1, 12, "a.html -> b.html -> a.html")],
            ),
            (
                &[("a.html", "{% include \"b.html\" %}"), ("b.html", "{% include \"a.html\" %}")],
                &[("a.html", 1, 12, "include each other in a loop")],
            ),
            (&[("page.html", "ok\n{% if %}\n")], &[("page.html", 2, 7, "expected one of")]),
        ];
        for (files, expected) in cases {
            let _ = std::fs::remove_dir_all(&theme);
            for (name, text) in *files {
                write(&theme.join("templates").join(name), text.as_bytes());
            }
            let diags = errors(&theme);
            assert_eq!(diags.len(), expected.len(), "{files:?}: {diags:?}");
            for (d, (name, line, col, says)) in diags.iter().zip(expected.iter()) {
                assert_eq!((d.file.as_str(), d.line, d.column), (at(name).as_str(), *line, *col), "{d:?}");
                assert!(d.message.contains(says), "{d:?}");
                assert!(!d.message.contains("-->"), "no report inside the message: {d:?}");
            }
        }
    }
}
