//! Printing diagnostics: human reports with a quoted snippet (miette), JSON
//! lines, or GitHub Actions workflow commands for CI annotations. Every
//! format names files relative to the current directory (the content folder
//! as given joined with the file's place in it: `content/updates/…`), so
//! that an editor or a CI annotation finds them.

use std::fmt;
use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::{Diagnostic, Severity, Sources};
use crate::core::terminal;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// `::error file=…,line=…,col=…,title=code::message`, one line each,
    /// which GitHub Actions shows as annotations on the files.
    Github,
}

/// The path to show for a diagnostic's file: relative to the current
/// directory when the content folder was given relative to it. Diagnostics
/// keep their content-relative `file` (the key of their source text); only
/// what is printed changes. A theme file is already named as given
/// (`themes/default/templates/…`, `(built-in theme)/…`) and stays so.
pub fn shown_path(file: &str, sources: &Sources) -> String {
    let root = sources.root.as_path();
    let plain_root = root.as_os_str().is_empty() || root == Path::new(".");
    if plain_root || file.starts_with('(') || Path::new(file).is_absolute() {
        return file.to_string();
    }
    // A theme's file is quoted too, so being in `sources` says nothing: a
    // file that is not in the content folder but is where the current
    // directory names it is a theme's.
    let in_content = std::fs::symlink_metadata(root.join(file)).is_ok();
    if !in_content && std::fs::symlink_metadata(file).is_ok() {
        return file.to_string();
    }
    let root = root.to_string_lossy();
    let root = root.strip_prefix("./").filter(|r| !r.is_empty()).unwrap_or(&root);
    format!("{}/{file}", root.trim_end_matches(['/', std::path::MAIN_SEPARATOR]))
}

/// The path to show for `d`'s file: [`shown_path`], or the path as the
/// command line gave it.
fn shown_file(d: &Diagnostic, sources: &Sources) -> String {
    if d.as_given { d.file.clone() } else { shown_path(&d.file, sources) }
}

/// One diagnostic as text: `error[code]: message` with the file, line and
/// column, a snippet of the source and the hint.
///
/// What content holds is shown, never obeyed: the message, hint and file
/// name have their control characters escaped, the snippet shows each as its
/// picture (`␛`), and no line of the report begins with `::`.
pub fn human(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(100);
    let d = &Diagnostic {
        message: terminal::one_line(&d.message),
        hint: d.hint.as_deref().map(terminal::safe),
        ..d.clone()
    };
    let shown = Diagnostic { file: terminal::one_line(&shown_file(d, sources)), ..d.clone() };
    let report = Report::new(d, &shown.file, sources);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = plain(&shown);
    }
    terminal::guard_lines(&out)
}

/// One diagnostic in a single line, for logs and the preview overlay.
pub fn plain(d: &Diagnostic) -> String {
    let mut s = format!("{}: {}[{}]: {}", d.place(), severity_word(d.severity), d.code, d.message);
    if let Some(h) = &d.hint {
        s.push_str(&format!(" (hint: {h})"));
    }
    terminal::guard_lines(&terminal::one_line(&s))
}

/// One diagnostic as a JSON object on one line.
pub fn json(d: &Diagnostic, sources: &Sources) -> String {
    let shown = Diagnostic { file: shown_file(d, sources), ..d.clone() };
    serde_json::to_string(&shown).unwrap_or_default()
}

/// One diagnostic as a GitHub Actions workflow command:
/// `::error file=content/groups/a.yaml,line=2,col=1,title=unknown-key::unknown key…`
/// (warnings as `::warning`). The hint follows the message on a new line.
/// Properties and message are escaped as GitHub documents, so that no value
/// can end the command early or start another one.
pub fn github(d: &Diagnostic, sources: &Sources) -> String {
    // A spreadsheet's cell (its row and column are the line and col).
    let mut message = match &d.cell {
        Some(cell) => format!("{cell}: {}", d.message),
        None => d.message.clone(),
    };
    if let Some(h) = &d.hint {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    format!(
        "::{} file={},line={},col={},title={}::{}",
        severity_word(d.severity),
        escape_property(&shown_file(d, sources)),
        d.line,
        d.column,
        escape_property(d.code),
        escape_data(&message),
    )
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,` too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset_of(text: &str, line: u32, col: u32) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let within = l
                .char_indices()
                .nth(col.saturating_sub(1) as usize)
                .map(|(b, _)| b)
                .unwrap_or(l.trim_end_matches('\n').len());
            return Some(start + within);
        }
        start += l.len();
    }
    Some(text.len())
}

/// The length of the token at `offset`: a quoted value to its closing quote;
/// a YAML value after `key: ` to the end of its scalar (`in person`, not
/// `in`); a Markdown link's target to its closing `)` or `>`; anything else
/// up to the end of the word.
fn token_len(text: &str, offset: usize) -> usize {
    // Never inside a character, whatever the offset.
    let offset = text.floor_char_boundary(offset);
    let (before, rest) = text.split_at(offset);
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let end = if let Some(quote) = line.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        line[1..].find(quote).map_or(line.len(), |i| i + 2)
    } else if before.ends_with('(') || before.ends_with('<') {
        line.find(|c: char| matches!(c, ')' | '>') || c.is_whitespace()).unwrap_or(line.len())
    } else if before.ends_with(": ") && !line.starts_with(['{', '[', '|', '>', '&', '*', '!']) {
        let stop = line.find([',', '}', ']']).unwrap_or(line.len());
        let stop = line.find(" #").map_or(stop, |i| i.min(stop));
        line[..stop].trim_end().len()
    } else {
        line.find(|c: char| matches!(c, ',' | '}' | ']') || c.is_whitespace()).unwrap_or(line.len())
    };
    end.max(rest.chars().next().map_or(0, char::len_utf8))
}

/// The longest source line quoted in a snippet.
const MAX_SNIPPET_LINE: usize = 400;

/// Adapter that lets miette draw one of our diagnostics.
struct Report<'a> {
    d: &'a Diagnostic,
    shown: String,
    source: Option<NamedSource<String>>,
    span: Option<SourceSpan>,
}

impl<'a> Report<'a> {
    fn new(d: &'a Diagnostic, shown: &str, sources: &Sources) -> Self {
        // A pathologically long line would flood the terminal: such a
        // diagnostic is shown with its place but without a snippet.
        // A spreadsheet's cell is named, not quoted.
        let text = sources.get(&d.file).filter(|_| d.cell.is_none()).filter(|t| {
            t.lines()
                .nth(d.line.saturating_sub(1) as usize)
                .is_some_and(|l| l.chars().count() <= MAX_SNIPPET_LINE)
        });
        // Control characters are quoted as their pictures, one character
        // each, so the columns count the same characters.
        let text = text.map(terminal::pictured);
        let (source, span) = match text.and_then(|t| offset_of(&t, d.line, d.column).map(|o| (t, o))) {
            Some((t, o)) => {
                let len = token_len(&t, o);
                (Some(NamedSource::new(shown, t)), Some(SourceSpan::new(o.into(), len)))
            }
            None => (None, None),
        };
        Report { d, shown: shown.to_string(), source, span }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.is_none() {
            write!(f, "{}: ", self.d.place_in(&self.shown))?;
        }
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d.hint.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.span.map(|s| {
            Box::new(std::iter::once(LabeledSpan::new_with_span(None, s)))
                as Box<dyn Iterator<Item = LabeledSpan>>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Loc;

    #[test]
    fn human_report_quotes_the_source_with_place_and_hint() {
        let mut sources = Sources::default();
        sources.insert("groups/a.yaml".into(), "name: A\nmandat: x\n");
        let d = Diagnostic::error("unknown-key", "groups/a.yaml", Loc::new(2, 1), "unknown key `mandat`")
            .with_hint("did you mean `mandate`?");
        let out = human(&d, &sources, false);
        assert!(out.contains("groups/a.yaml:2:1"), "{out}");
        assert!(out.contains("mandat: x"), "{out}");
        assert!(out.contains("did you mean `mandate`?"), "{out}");
        assert!(json(&d, &sources).contains("\"line\":2"));
    }

    #[test]
    fn paths_are_shown_from_the_current_directory() {
        let mut sources = Sources::new("content".into());
        sources.insert("groups/a.yaml".into(), "name: A\nmandat: x\n");
        let d = Diagnostic::error("unknown-key", "groups/a.yaml", Loc::new(2, 1), "unknown key `mandat`");
        assert_eq!(shown_path("groups/a.yaml", &sources), "content/groups/a.yaml");
        assert!(human(&d, &sources, false).contains("content/groups/a.yaml:2:1"));
        assert!(json(&d, &sources).contains("\"file\":\"content/groups/a.yaml\""), "{}", json(&d, &sources));
        for root in ["content/", "./content", "./content/"] {
            assert_eq!(shown_path("site.yaml", &Sources::new(root.into())), "content/site.yaml", "{root}");
        }
        assert_eq!(shown_path("site.yaml", &Sources::new("a/b/content".into())), "a/b/content/site.yaml");
        assert_eq!(shown_path("site.yaml", &Sources::new(".".into())), "site.yaml");
        assert_eq!(shown_path("site.yaml", &Sources::default()), "site.yaml");
        let built_in = "(built-in theme)/templates/page.html";
        assert_eq!(shown_path(built_in, &sources), built_in);
        // A theme file is named as given, relative to the current directory.
        assert_eq!(shown_path("Cargo.toml", &sources), "Cargo.toml");
    }

    #[test]
    fn github_annotations_escape_what_would_end_the_command() {
        let mut sources = Sources::new("content".into());
        sources.insert("updates/2021-05-26/a,b:c.yaml".into(), "x\n");
        let d = Diagnostic::warning(
            "missing-translation",
            "updates/2021-05-26/a,b:c.yaml",
            Loc::new(3, 7),
            "100% done,\r\nnext: ::error x",
        )
        .with_hint("add `fr:`");
        assert_eq!(
            github(&d, &sources),
            "::warning file=content/updates/2021-05-26/a%2Cb%3Ac.yaml,line=3,col=7,title=missing-translation\
             ::100%25 done,%0D%0Anext: ::error x%0Ahelp: add `fr:`"
        );
        let e = Diagnostic::error("unknown-key", "site.yaml", Loc::new(1, 1), "unknown key");
        assert_eq!(
            github(&e, &sources),
            "::error file=content/site.yaml,line=1,col=1,title=unknown-key::unknown key"
        );
        assert!(!github(&d, &sources).contains('\n'), "one line each");
    }

    #[test]
    fn the_underline_covers_the_whole_value() {
        let text = "format: in person  # note\nx: {status: in progress, n: 1}\nt: \"a, b\" c\nSee [the terms](../pages/terms.md \"T\").\nword here\n";
        let at = |needle: &str| text.find(needle).unwrap();
        let underlined = |needle: &str| &text[at(needle)..at(needle) + token_len(text, at(needle))];
        assert_eq!(underlined("in person"), "in person");
        assert_eq!(underlined("in progress"), "in progress");
        assert_eq!(underlined("\"a, b\""), "\"a, b\"");
        assert_eq!(underlined("../pages"), "../pages/terms.md");
        assert_eq!(underlined("word"), "word");
        assert_eq!(underlined("x:"), "x:");
        assert_eq!(token_len("é", 0), 2, "never cuts a character");
    }
}
