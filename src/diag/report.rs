//! Printing diagnostics: human reports with a quoted snippet (miette), or
//! JSON lines for CI annotations.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::{Diagnostic, Severity, Sources};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// One diagnostic as text: `error[code]: message` with the file, line and
/// column, a snippet of the source and the hint.
pub fn human(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(100);
    let report = Report::new(d, sources);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = plain(d);
    }
    out
}

/// One diagnostic in a single line, for logs and the preview overlay.
pub fn plain(d: &Diagnostic) -> String {
    let mut s = format!(
        "{}:{}:{}: {}[{}]: {}",
        d.file,
        d.line,
        d.column,
        severity_word(d.severity),
        d.code,
        d.message
    );
    if let Some(h) = &d.hint {
        s.push_str(&format!(" (hint: {h})"));
    }
    s
}

/// One diagnostic as a JSON object on one line.
pub fn json(d: &Diagnostic) -> String {
    serde_json::to_string(d).unwrap_or_default()
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
    source: Option<NamedSource<String>>,
    span: Option<SourceSpan>,
}

impl<'a> Report<'a> {
    fn new(d: &'a Diagnostic, sources: &Sources) -> Self {
        // A pathologically long line would flood the terminal: such a
        // diagnostic is shown with its place but without a snippet.
        let text = sources.get(&d.file).filter(|t| {
            t.lines()
                .nth(d.line.saturating_sub(1) as usize)
                .is_some_and(|l| l.chars().count() <= MAX_SNIPPET_LINE)
        });
        let (source, span) = match text.and_then(|t| offset_of(t, d.line, d.column).map(|o| (t, o))) {
            Some((t, o)) => (
                Some(NamedSource::new(&d.file, t.to_string())),
                Some(SourceSpan::new(o.into(), token_len(t, o))),
            ),
            None => (None, None),
        };
        Report { d, source, span }
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
            write!(f, "{}:{}:{}: ", self.d.file, self.d.line, self.d.column)?;
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
    use crate::yaml::Loc;

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
        assert!(json(&d).contains("\"line\":2"));
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
