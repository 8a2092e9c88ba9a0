//! Text made of parts in different languages: a French title around an
//! English group name that fell back, a sentence naming English series. Each
//! character keeps the language of the part it came from through cleaning,
//! wrapping and shortening, so that what is drawn, described and captioned
//! can mark the part in another language than the chart's.

use super::Part;
use super::svg_post::escape;
use crate::html::escape_html;
use crate::html::marked;

/// Characters, each with its language (an index into `langs`, where 0 is
/// the chart's own language, "").
#[derive(Debug, Clone)]
pub struct Phrase {
    chars: Vec<(char, usize)>,
    langs: Vec<String>,
}

impl Phrase {
    /// The parts as they are.
    pub fn new(parts: &[Part]) -> Phrase {
        let mut phrase = Phrase { chars: Vec::new(), langs: vec![String::new()] };
        for part in parts {
            let lang = phrase.lang_index(&part.lang);
            phrase.chars.extend(part.text.chars().map(|c| (c, lang)));
        }
        phrase
    }

    /// The parts as one line, as [`super::text::clean`] makes it: control
    /// characters and runs of whitespace as one space, none at either end.
    /// A collapsed space takes the language of its first character.
    pub fn cleaned(parts: &[Part]) -> Phrase {
        let raw = Phrase::new(parts);
        let mut chars = Vec::with_capacity(raw.chars.len());
        let mut space = None;
        for &(c, lang) in &raw.chars {
            if c.is_whitespace() || c.is_control() {
                if !chars.is_empty() && space.is_none() {
                    space = Some(lang);
                }
            } else {
                if let Some(lang) = space.take() {
                    chars.push((' ', lang));
                }
                chars.push((c, lang));
            }
        }
        Phrase { chars, langs: raw.langs }
    }

    fn lang_index(&mut self, lang: &str) -> usize {
        self.langs.iter().position(|l| l == lang).unwrap_or_else(|| {
            self.langs.push(lang.to_string());
            self.langs.len() - 1
        })
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn text(&self) -> String {
        self.chars.iter().map(|(c, _)| c).collect()
    }

    /// Runs of one language, in order.
    pub fn parts(&self) -> Vec<Part> {
        let mut parts: Vec<Part> = Vec::new();
        let mut last = None;
        for &(c, lang) in &self.chars {
            match parts.last_mut() {
                Some(part) if last == Some(lang) => part.text.push(c),
                _ => parts.push(Part { text: c.to_string(), lang: self.langs[lang].clone() }),
            }
            last = Some(lang);
        }
        parts
    }

    /// Characters `start..end` (clamped).
    pub fn slice(&self, start: usize, end: usize) -> Phrase {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        Phrase { chars: self.chars[start..end].to_vec(), langs: self.langs.clone() }
    }

    /// The lines `wrap` or `shorten` made of this phrase's text, as parts: a
    /// character found in the phrase keeps its language, one added (the "…"
    /// of a shortened line) takes the language of the character before it.
    pub fn lines(&self, lines: &[String]) -> Vec<Vec<Part>> {
        let mut cursor = 0;
        lines
            .iter()
            .map(|line| {
                let probe: Vec<char> = line.trim_end_matches('…').chars().collect();
                if let Some(at) = (cursor..self.chars.len()).find(|&i| {
                    self.chars[i..].iter().map(|(c, _)| *c).take(probe.len()).eq(probe.iter().copied())
                }) {
                    cursor = at;
                }
                let mut chars = Vec::with_capacity(line.len());
                let mut lang = cursor.checked_sub(1).map(|i| self.chars[i].1).unwrap_or(0);
                for c in line.chars() {
                    if self.chars.get(cursor).is_some_and(|(own, _)| *own == c) {
                        lang = self.chars[cursor].1;
                        cursor += 1;
                    }
                    chars.push((c, lang));
                }
                Phrase { chars, langs: self.langs.clone() }.parts()
            })
            .collect()
    }
}

/// The one language all the parts with text are in ("" when all are in the
/// chart's), or `None` when they mix languages.
pub fn uniform(parts: &[Part]) -> Option<&str> {
    let mut langs = parts.iter().filter(|p| !p.text.is_empty()).map(|p| p.lang.as_str());
    let first = langs.next().unwrap_or("");
    langs.all(|l| l == first).then_some(first)
}

/// `parts` as plain text, the language they are all in and escaped HTML. The
/// language is that of `named` (the parts that carry one: separators left
/// out) when they share one, else ""; the HTML is then plain (the element
/// around it carries the language), else each part in another language is
/// marked.
pub fn labelled(parts: &[Part], named: &[Part]) -> (String, String, String) {
    let text = plain(parts);
    match uniform(named) {
        Some(lang) => (text.clone(), lang.to_string(), escape_html(&text)),
        None => (text, String::new(), html(parts)),
    }
}

pub fn plain(parts: &[Part]) -> String {
    parts.iter().map(|p| p.text.as_str()).collect()
}

/// The parts as escaped HTML, each in another language in a `<span lang>`.
pub fn html(parts: &[Part]) -> String {
    parts.iter().map(|p| marked(&p.text, &p.lang)).collect()
}

/// The parts as escaped SVG text content, each in another language in a
/// `<tspan lang>` (valid in SVG and in SVG inside HTML).
pub fn svg(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| {
            if p.lang.is_empty() {
                escape(&p.text)
            } else {
                format!("<tspan lang=\"{}\">{}</tspan>", escape(&p.lang), escape(&p.text))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str, lang: &str) -> Part {
        Part { text: text.into(), lang: lang.into() }
    }

    #[test]
    fn cleaning_keeps_each_characters_language() {
        let phrase = Phrase::cleaned(&[p("  Port\tOperations ", "en"), p(" — Activités ", "")]);
        assert_eq!(phrase.text(), "Port Operations — Activités");
        assert_eq!(phrase.parts(), vec![p("Port Operations ", "en"), p("— Activités", "")]);
        assert_eq!(super::super::text::clean("  Port\tOperations  — Activités "), phrase.text());
    }

    #[test]
    fn wrapped_and_shortened_lines_keep_their_languages() {
        let phrase = Phrase::new(&[p("Port Operations", "en"), p(" — Activités par état", "")]);
        let lines = vec!["Port".to_string(), "Operations — Activ…".to_string()];
        assert_eq!(
            phrase.lines(&lines),
            vec![vec![p("Port", "en")], vec![p("Operations", "en"), p(" — Activ…", "")]]
        );
        let cut = vec!["Port Ope…".to_string()];
        assert_eq!(phrase.lines(&cut), vec![vec![p("Port Ope…", "en")]]);
    }

    #[test]
    fn markup_is_escaped_and_marked() {
        let parts = [p("A <b>", "en"), p(" & \"c\"", "")];
        assert_eq!(uniform(&parts), None);
        assert_eq!(uniform(&[p("x", "en"), p("", ""), p("y", "en")]), Some("en"));
        assert_eq!(html(&parts), "<span lang=\"en\">A &lt;b&gt;</span> &amp; &quot;c&quot;");
        assert_eq!(svg(&parts), "<tspan lang=\"en\">A &lt;b&gt;</tspan> &amp; &quot;c&quot;");
        assert_eq!(plain(&parts), "A <b> & \"c\"");
    }
}
