//! Text helpers for drawn labels: cleaning untrusted strings, shortening with
//! an ellipsis and wrapping titles to a measured width.

use super::font::text_width;

/// One line of text with control characters (invalid in SVG) turned into spaces
/// and runs of whitespace collapsed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `text` if it fits in `max_width` pixels, else its longest prefix that fits
/// followed by "…" (just "…" if nothing fits).
pub fn shorten(text: &str, max_width: f64, px: f64, bold: bool) -> String {
    if text_width(text, px, bold) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let candidate = |n: usize| -> String {
        let mut s: String = chars[..n].iter().collect::<String>().trim_end().to_string();
        s.push('…');
        s
    };
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text_width(&candidate(mid), px, bold) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    candidate(lo)
}

/// Word-wraps `text` into at most `max_lines` lines of `max_width` pixels; the
/// last line is shortened with "…" when the text does not fit.
pub fn wrap(text: &str, max_width: f64, px: f64, bold: bool, max_lines: usize) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, word) in words.iter().enumerate() {
        if current.is_empty() {
            current = word.to_string();
            continue;
        }
        let trial = format!("{current} {word}");
        if text_width(&trial, px, bold) <= max_width {
            current = trial;
        } else if lines.len() + 1 == max_lines {
            // Last allowed line: keep the rest and let `shorten` cut it.
            current = format!("{current} {}", words[i..].join(" "));
            break;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.into_iter().map(|line| shorten(&line, max_width, px, bold)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_control_characters_and_spaces() {
        assert_eq!(clean("  a\tb\n\u{0}c  "), "a b c");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn shortens_with_an_ellipsis() {
        assert_eq!(shorten("Canada", 200.0, 14.0, false), "Canada");
        let short = shorten("International Narcotics Control Board", 80.0, 14.0, false);
        assert!(short.ends_with('…'), "{short}");
        assert!(text_width(&short, 14.0, false) <= 80.0);
        assert_eq!(shorten("Canada", 1.0, 14.0, false), "…");
    }

    #[test]
    fn wraps_to_at_most_the_given_lines() {
        let long = "word ".repeat(80);
        let lines = wrap(&long, 300.0, 16.0, true, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Short title", 300.0, 16.0, true, 2), vec!["Short title"]);
        let unbroken = "x".repeat(200);
        let lines = wrap(&unbroken, 300.0, 16.0, true, 2);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with('…'));
        assert!(wrap("", 300.0, 16.0, true, 2).is_empty());
    }
}
