//! The theme: Tera templates, static files and interface strings. The
//! default theme is embedded in the binary; a theme folder overrides it file
//! by file (`templates/<name>`, `static/<path>`, `i18n/<lang>.yaml`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, codes};
use crate::yaml::{self, Loc, NodeKind};

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
    "page.html",
    "pages.html",
    "print.html",
    "404.html",
);

/// Static files of the default theme, by path under `static/`.
pub const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("print.css", include_bytes!("../../themes/default/static/print.css")),
    ("fonts/NotoSans-Regular.ttf", include_bytes!("../../themes/default/static/fonts/NotoSans-Regular.ttf")),
    ("fonts/NotoSans-Bold.ttf", include_bytes!("../../themes/default/static/fonts/NotoSans-Bold.ttf")),
    ("fonts/OFL.txt", include_bytes!("../../themes/default/static/fonts/OFL.txt")),
];

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
    /// Where override templates came from, for error messages.
    sources: BTreeMap<String, String>,
}

impl Theme {
    /// The default theme with the files of `dir` (if any) laid over it.
    pub fn load(dir: Option<&Path>) -> Result<Theme, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let mut templates: BTreeMap<String, (String, String)> = TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), (s.to_string(), format!("(built-in theme)/templates/{n}"))))
            .collect();
        let mut statics: BTreeMap<String, Cow<'static, [u8]>> =
            STATIC.iter().map(|(n, b)| (n.to_string(), Cow::Borrowed(*b))).collect();
        let mut strings: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (lang, text) in I18N {
            strings.insert(
                lang.to_string(),
                parse_strings(text, &format!("(built-in theme)/i18n/{lang}.yaml"), &mut diags),
            );
        }
        if let Some(dir) = dir {
            for (rel, path) in files_under(&dir.join("templates")) {
                match std::fs::read_to_string(&path) {
                    Ok(s) => {
                        templates.insert(rel.clone(), (s, path.display().to_string()));
                    }
                    Err(e) => diags.push(Diagnostic::error(
                        codes::TEMPLATE,
                        &path.display().to_string(),
                        Loc::new(1, 1),
                        format!("cannot read template: {e}"),
                    )),
                }
            }
            for (rel, path) in files_under(&dir.join("static")) {
                if let Ok(bytes) = std::fs::read(&path) {
                    statics.insert(rel, Cow::Owned(bytes));
                }
            }
            for (rel, path) in files_under(&dir.join("i18n")) {
                let Some(lang) = rel.strip_suffix(".yaml") else { continue };
                if let Ok(text) = std::fs::read_to_string(&path) {
                    let overrides = parse_strings(&text, &path.display().to_string(), &mut diags);
                    strings.entry(lang.to_string()).or_default().extend(overrides);
                }
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        let sources: BTreeMap<String, String> =
            templates.iter().map(|(n, (_, f))| (n.clone(), f.clone())).collect();
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, (s, _))| (n.as_str(), s.as_str()))) {
            diags.push(template_diagnostic(&e, &sources));
        }
        if diags.is_empty() {
            Ok(Theme { tera, statics: statics.into_iter().collect(), strings, sources })
        } else {
            Err(diags)
        }
    }

    /// Interface strings for `lang`, falling back to English key by key.
    pub fn strings(&self, lang: &str) -> BTreeMap<String, String> {
        let mut out = self.strings.get("en").cloned().unwrap_or_default();
        if let Some(own) = self.strings.get(lang) {
            out.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
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
        let mut ctx =
            tera::Context::from_serialize(context).map_err(|e| template_diagnostic(&e, &self.sources))?;
        if let Some(mut frame) = ctx.remove("frame").and_then(|f| f.into_map()) {
            frame.insert(tera::value::Key::from("t"), strings.clone());
            ctx.insert_value("frame", tera::Value::from(frame));
        }
        self.tera.render(template, &ctx).map_err(|e| template_diagnostic(&e, &self.sources))
    }
}

/// A Tera error as a diagnostic at the template's file, line and column.
fn template_diagnostic(e: &tera::Error, sources: &BTreeMap<String, String>) -> Diagnostic {
    let (file, loc, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = sources.get(r.filename()).cloned().unwrap_or_else(|| r.filename().to_string());
            (
                file,
                Loc::new(r.span().start_line as u32, r.span().start_col as u32 + 1),
                r.message().to_string(),
            )
        }
        other => ("(theme)".to_string(), Loc::new(1, 1), other.to_string()),
    };
    Diagnostic::error(codes::TEMPLATE, &file, loc, message).with_hint(
        "fix the theme template; `--theme` falls back to the built-in template for files it does not have",
    )
}

/// Flat `key: text` maps.
fn parse_strings(text: &str, file: &str, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match yaml::parse(text) {
        Ok(node) => {
            if let NodeKind::Map(entries) = node.kind {
                for (k, v) in entries {
                    if let NodeKind::Str(s) = v.kind {
                        out.insert(k.name, s);
                    }
                }
            }
        }
        Err(e) => diags.push(Diagnostic::error(codes::YAML_SYNTAX, file, e.loc, e.message)),
    }
    out
}

/// Files below `dir`, sorted, as (relative path with `/`, full path).
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}
