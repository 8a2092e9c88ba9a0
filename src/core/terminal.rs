//! Text shown on a terminal or in a CI log: what content or the command line
//! holds (a YAML key, a file name, `--meeting`'s value) is shown, never
//! obeyed. A control character (an ESC that would recolour or clear the
//! terminal, a line break that would start a line of its own) is written as
//! an escape, `\u{1b}`; and no line begins with `::`, which a GitHub Actions
//! runner reads as a workflow command (only `--format github` writes those).
//!
//! Imports nothing.

/// `text` safe to print: control characters but line breaks and tabs
/// escaped, and a `\` before any line that would begin with `::`. Line
/// breaks are kept (a report's own lines); text from content that should
/// stay on one line goes through [`one_line`] first.
pub fn safe(text: &str) -> String {
    guard_lines(&escape_controls(text, false))
}

/// `text` with a `\` before each line that would begin with `::` (after
/// spaces, which a runner passes over); for a report whose parts are
/// already escaped (its colours are the report's own).
pub fn guard_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim_start().starts_with("::") {
            out.push('\\');
        }
        out.push_str(line);
    }
    out
}

/// `text` on one line: every control character escaped, line breaks too.
pub fn one_line(text: &str) -> String {
    escape_controls(text, true)
}

/// A source line as a snippet quotes it: each control character but a tab
/// becomes its one-character picture (ESC `␛`, a lone CR `␍`), so that
/// columns still count the same characters.
pub fn pictured(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() || is_bidi_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn escape_controls(text: &str, breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if (line_end && !breaks) || c == '\t' {
            out.push(c);
        } else if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// The characters that reorder text on a terminal (`U+202E` shows what
/// follows backwards): escaped like control characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_no_line_starts_a_workflow_command() {
        assert_eq!(safe("key \u{1b}[31mred"), "key \\u{1b}[31mred");
        assert_eq!(safe("error: no meeting `x\n::error::INJ`"), "error: no meeting `x\n\\::error::INJ`");
        assert_eq!(safe("  ::warning x\r\nok\n"), "\\  ::warning x\r\nok\n");
        assert_eq!(safe("a\u{7}b\u{9b}c\u{202e}d\te"), "a\\u{7}b\\u{9b}c\\u{202e}d\te");
        assert_eq!(safe("a lone\rreturn"), "a lone\\u{d}return");
        assert_eq!(one_line("x\n::error::INJ"), "x\\u{a}::error::INJ");
        assert_eq!(safe("plain text: a :: b"), "plain text: a :: b");
    }

    #[test]
    fn pictures_keep_one_character_for_each() {
        let line = "k\u{1b}[2J: v\r\n";
        let shown = pictured(line);
        assert_eq!(shown, "k\u{241b}[2J: v\r\n");
        assert_eq!(shown.chars().count(), line.chars().count());
        assert_eq!(pictured("a\rb\u{7f}\u{85}"), "a\u{240d}b\u{2421}\u{fffd}");
    }
}
