//! French typography, in one place: the typographic apostrophe (’), a
//! no-break space before `:` and a narrow one before `;`, `!`, `?`, `»`,
//! after `«` and between a number and `%`. [`french`] takes plain text,
//! [`french_html`] a page: only its text, never its tags, attributes,
//! comments, code (`code`, `pre`, `kbd`, `samp`, `script`, `style`,
//! `textarea`) or the addresses written in its text. The rules see through
//! inline markup (`<strong>conclue</strong>; les travaux` is a word before
//! `;`), not across the edge of a block. English is left as it is: the
//! caller applies these to French output only.

/// A no-break space (before `:`).
pub const NBSP: char = '\u{a0}';
/// A narrow no-break space (before `;`, `!`, `?`, `»`, after `«`, before `%`).
pub const NNBSP: char = '\u{202f}';

/// One character of a text, as read (`raw`: an HTML character reference
/// such as `&#x27;`, kept as written unless a rule changes it).
#[derive(Clone, Copy)]
struct Unit<'a> {
    ch: char,
    raw: Option<&'a str>,
}

/// French typography for plain text.
pub fn french(text: &str) -> String {
    let units: Vec<Unit> = text.chars().map(|ch| Unit { ch, raw: None }).collect();
    let mut out = String::with_capacity(text.len() + 8);
    apply(&units, Around::default(), &mut out);
    out
}

/// French typography for the text of an HTML document or fragment.
pub fn french_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let bytes = html.as_bytes();
    let mut i = 0;
    // Open elements whose text is left as written (code and the like).
    let mut verbatim = 0usize;
    // An element in another language (`lang="en"`: a text that fell back)
    // keeps its own typography: its name and how deep it nests in itself.
    let mut foreign: Option<(String, usize)> = None;
    // The last character of the text before, when only inline markup
    // stands between it and the text to come.
    let mut before: Option<char> = None;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let end = tag_end(html, i);
            let tag = &html[i..end];
            if !transparent(tag) {
                before = None;
            }
            if let Some(name) = tag_name(tag) {
                let closing = tag.starts_with("</");
                let raw_text = matches!(name.as_str(), "script" | "style" | "textarea");
                let self_closed = tag.ends_with("/>") || VOID.contains(&name.as_str());
                match &mut foreign {
                    Some((n, depth)) if *n == name && !self_closed => {
                        if closing {
                            *depth -= 1;
                        } else {
                            *depth += 1;
                        }
                        if *depth == 0 {
                            foreign = None;
                        }
                    }
                    Some(_) => {}
                    None if !closing && !self_closed && other_language(tag) => {
                        foreign = Some((name.clone(), 1))
                    }
                    None => {}
                }
                if VERBATIM.contains(&name.as_str()) && !tag.ends_with("/>") {
                    if closing {
                        verbatim = verbatim.saturating_sub(1);
                    } else {
                        verbatim += 1;
                    }
                }
                out.push_str(tag);
                i = end;
                if raw_text && !closing {
                    // Its content ends at its own end tag, whatever it holds.
                    let close = format!("</{name}");
                    let rest = &html[i..];
                    let stop = find_ascii_ci(rest, &close).map_or(html.len(), |p| i + p);
                    out.push_str(&html[i..stop]);
                    i = stop;
                }
            } else {
                out.push_str(tag);
                i = end;
            }
            continue;
        }
        let next = html[i..].find('<').map_or(html.len(), |p| i + p);
        let text = &html[i..next];
        if verbatim > 0 || foreign.is_some() {
            out.push_str(text);
            before = None;
        } else {
            let units = units_of_html(text);
            apply(&units, Around { before, after: char_after(html, next) }, &mut out);
            before = units.last().map(|u| u.ch).or(before);
        }
        i = next;
    }
    out
}

/// Elements inside a line of text: the rules read the text around them as
/// one (code is not among them: its text is left as written).
const INLINE: [&str; 22] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "u",
];

/// True for markup the rules read through: an inline element's start or
/// end tag (not one that changes the language) or a comment.
fn transparent(tag: &str) -> bool {
    if tag.starts_with("<!--") {
        return true;
    }
    tag_name(tag).is_some_and(|n| INLINE.contains(&n.as_str())) && !other_language(tag)
}

/// The first character of the text that follows `at`, past inline markup
/// only (`None` at a block's edge or the end).
fn char_after(html: &str, mut at: usize) -> Option<char> {
    while at < html.len() {
        if html.as_bytes()[at] != b'<' {
            let next = html[at..].find('<').map_or(html.len(), |p| at + p);
            return units_of_html(&html[at..next]).first().map(|u| u.ch);
        }
        let end = tag_end(html, at);
        if !transparent(&html[at..end]) {
            return None;
        }
        at = end;
    }
    None
}

/// The characters on either side of a text, across inline markup.
#[derive(Clone, Copy, Default)]
struct Around {
    before: Option<char>,
    after: Option<char>,
}

/// Elements that have no end tag.
const VOID: [&str; 13] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// True when a start tag gives its element a language other than French
/// (`lang="en"`; `lang="fr-CA"` is French).
fn other_language(tag: &str) -> bool {
    let Some(at) = find_ascii_ci(tag, " lang=") else { return false };
    let value = tag[at + 6..].trim_start_matches(['"', '\'']);
    let value: String = value.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let primary = value.split('-').next().unwrap_or("").to_ascii_lowercase();
    !primary.is_empty() && primary != "fr"
}

/// Elements whose text is code or raw text.
const VERBATIM: [&str; 7] = ["code", "pre", "kbd", "samp", "script", "style", "textarea"];

/// Where the markup starting at `start` (`<`) ends: after its `>` (outside
/// quoted attribute values), after `-->` for a comment.
fn tag_end(html: &str, start: usize) -> usize {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |p| start + p + 3);
    }
    let mut quote: Option<u8> = None;
    for (k, &b) in rest.as_bytes().iter().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return start + k + 1,
            None => {}
        }
    }
    html.len()
}

/// The lower-case name of a start or end tag; `None` for a comment, a
/// doctype or a lone `<`.
fn tag_name(tag: &str) -> Option<String> {
    let t = tag.strip_prefix("</").or_else(|| tag.strip_prefix('<'))?;
    let name: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (!name.is_empty() && t.starts_with(|c: char| c.is_ascii_alphabetic())).then(|| name.to_ascii_lowercase())
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// The characters of an HTML text, character references read as the
/// character they stand for (an unknown one stays as written, standing for
/// nothing the rules look at).
fn units_of_html(text: &str) -> Vec<Unit<'_>> {
    let mut units = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let reference_end = |rest: &str| {
            let end = rest.bytes().skip(1).take(10).position(|b| b == b';')? + 1;
            (end > 1 && rest[1..end].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')).then_some(end)
        };
        if let Some(semi) = (c == '&').then(|| reference_end(rest)).flatten() {
            let raw = &rest[..=semi];
            let ch = reference(&rest[1..semi]).unwrap_or('\u{fffc}');
            units.push(Unit { ch, raw: Some(raw) });
            rest = &rest[semi + 1..];
            continue;
        }
        units.push(Unit { ch: c, raw: None });
        rest = &rest[c.len_utf8()..];
    }
    units
}

/// The character a reference (between `&` and `;`) stands for, for the
/// few the rules look at.
fn reference(name: &str) -> Option<char> {
    match name {
        "#39" | "#x27" | "#X27" | "apos" => Some('\''),
        "nbsp" | "#160" | "#xa0" | "#xA0" => Some(NBSP),
        "laquo" | "#171" => Some('«'),
        "raquo" | "#187" => Some('»'),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        _ => None,
    }
}

/// True for a space the rules may make a no-break one.
fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP
}

/// Which characters belong to a web or mail address written in the text
/// (a word holding `://`, `@`, or starting with `www.`): left as written.
fn in_address(units: &[Unit]) -> Vec<bool> {
    let mut mark = vec![false; units.len()];
    let mut start = 0;
    while start < units.len() {
        if units[start].ch.is_whitespace() {
            start += 1;
            continue;
        }
        let end = (start..units.len()).find(|&k| units[k].ch.is_whitespace()).unwrap_or(units.len());
        let word: String = units[start..end].iter().map(|u| u.ch).collect();
        if word.contains("://") || word.contains('@') || word.starts_with("www.") {
            mark[start..end].iter_mut().for_each(|m| *m = true);
        }
        start = end;
    }
    mark
}

fn apply(units: &[Unit], around: Around, out: &mut String) {
    let address = in_address(units);
    let ch = |k: usize| match units.get(k) {
        Some(u) => Some(u.ch),
        None if k == units.len() => around.after,
        None => None,
    };
    let emit = |out: &mut String, u: &Unit| match u.raw {
        Some(raw) => out.push_str(raw),
        None => out.push(u.ch),
    };
    for (k, u) in units.iter().enumerate() {
        if address[k] {
            emit(out, u);
            continue;
        }
        let prev = k.checked_sub(1).map_or(around.before, ch);
        let next = ch(k + 1);
        match u.ch {
            '\'' if prev.is_some_and(char::is_alphabetic) => out.push('’'),
            // A space before `:`, `;`, `!`, `?`, `»` or `%` (after a
            // digit) becomes the no-break space French puts there.
            c if is_space(c) && prev == Some('«') => out.push(NNBSP),
            c if is_space(c) => match next {
                Some(':') if !address.get(k + 1).copied().unwrap_or(false) => out.push(NBSP),
                Some(';' | '!' | '?' | '»') => out.push(NNBSP),
                Some('%') if prev.is_some_and(|p| p.is_ascii_digit()) => out.push(NNBSP),
                _ => emit(out, u),
            },
            c => {
                // A word followed at once by `;`, `!`, `?` or `»` (then a
                // space or the end), a number by `%`: the space goes in.
                let word_before = prev.is_some_and(|p| p.is_alphanumeric() || p == '…');
                let mark = matches!(c, ';' | '!' | '?' | '»') && word_before && is_last_or_spaced(next);
                if mark || (c == '%' && prev.is_some_and(|p| p.is_ascii_digit())) {
                    out.push(NNBSP);
                }
                emit(out, u);
                if c == '«' && next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NNBSP);
                }
            }
        }
    }
}

/// True when a mark followed by `next` ends a sentence or a quote: the text
/// ends, or a space or closing punctuation follows (not `?x=1`, `a;b`).
fn is_last_or_spaced(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => n.is_whitespace() || matches!(n, '.' | ',' | ')' | '»' | '!' | '?' | '"' | '\''),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn apostrophes_become_typographic() {
        assert_eq!(french("Plan d'action"), "Plan d’action");
        assert_eq!(french("l'œil, aujourd'hui"), "l’œil, aujourd’hui");
        assert_eq!(french("'cité'"), "'cité’", "a quote mark that opens is not an apostrophe");
    }

    #[test]
    fn spaces_before_and_after_marks_do_not_break() {
        assert_eq!(french("Note : fin"), "Note\u{a0}: fin");
        assert_eq!(
            french("Vraiment ? Oui ! Bien ; ensuite"),
            "Vraiment\u{202f}? Oui\u{202f}! Bien\u{202f}; ensuite"
        );
        assert_eq!(french("« cité »"), "«\u{202f}cité\u{202f}»");
        assert_eq!(french("«cité»"), "«\u{202f}cité\u{202f}»");
        assert_eq!(french("Pourquoi?"), "Pourquoi\u{202f}?");
        assert_eq!(french("30 %, 45%"), "30\u{202f}%, 45\u{202f}%");
        assert_eq!(french("30\u{a0}%"), "30\u{202f}%");
    }

    #[test]
    fn times_addresses_and_code_like_text_are_left_alone() {
        assert_eq!(french("14:00"), "14:00");
        assert_eq!(
            french("voir https://ex.org/a?b=1;c=2 et mailto:x@y.fr"),
            "voir https://ex.org/a?b=1;c=2 et mailto:x@y.fr"
        );
        assert_eq!(french("a;b"), "a;b");
        assert_eq!(french("www.ex.org/?q"), "www.ex.org/?q");
    }

    #[test]
    fn html_text_changes_but_tags_attributes_and_code_do_not() {
        let html = r#"<p title="Plan d'action : x" class='a'>Plan d&#x27;action : <a href="x.html?a=1">voir</a> !</p><code>l'x : y</code><pre>a ? b</pre><!-- l'x : --><script>var a = 'l' ;</script>"#;
        assert_eq!(
            french_html(html),
            "<p title=\"Plan d'action : x\" class='a'>Plan d’action\u{a0}: <a href=\"x.html?a=1\">voir</a>\u{202f}!</p><code>l'x : y</code><pre>a ? b</pre><!-- l'x : --><script>var a = 'l' ;</script>"
        );
        assert_eq!(
            french_html("A &amp; B; C &lt; D"),
            "A &amp; B\u{202f}; C &lt; D",
            "references are not words"
        );
        assert_eq!(french_html("<code>a<b>x ?</b></code> y ?"), "<code>a<b>x ?</b></code> y\u{202f}?");
        assert_eq!(
            french_html(
                "<p lang=\"fr-CA\">Quoi ?</p><span lang=\"en\">What? <span>Don't</span> go!</span> Non ?<br/><div lang=en>a : b</div>"
            ),
            "<p lang=\"fr-CA\">Quoi\u{202f}?</p><span lang=\"en\">What? <span>Don't</span> go!</span> Non\u{202f}?<br/><div lang=en>a : b</div>",
            "a text in another language keeps its own typography"
        );
    }

    #[test]
    fn the_rules_see_through_inline_markup() {
        assert_eq!(
            french_html("<p>La réunion est <strong>conclue</strong>; les travaux <em>reprennent</em>!</p>"),
            "<p>La réunion est <strong>conclue</strong>\u{202f}; les travaux <em>reprennent</em>\u{202f}!</p>"
        );
        assert_eq!(french_html("<p><em>Vraiment</em>?</p>"), "<p><em>Vraiment</em>\u{202f}?</p>");
        assert_eq!(french_html("«<em>cité</em>»"), "«\u{202f}<em>cité</em>\u{202f}»");
        assert_eq!(french_html("<strong>aujourd</strong>'hui"), "<strong>aujourd</strong>’hui");
        assert_eq!(french_html("Bien <b>!</b>"), "Bien\u{202f}<b>!</b>", "a space before a mark in markup");
        assert_eq!(
            french_html("<a href=\"x\">a</a>;<a href=\"y\">b</a>"),
            "<a href=\"x\">a</a>;<a href=\"y\">b</a>"
        );
        assert_eq!(
            french_html("<strong>50</strong>%<!-- x -->; <em>fin</em> <span>?</span>"),
            "<strong>50</strong>\u{202f}%<!-- x -->; <em>fin</em>\u{202f}<span>?</span>"
        );
        // Not across a block's edge, code or a text in another language.
        assert_eq!(french_html("<p>fin</p>; <li>a</li>!"), "<p>fin</p>; <li>a</li>!");
        assert_eq!(french_html("<code>x</code>; y"), "<code>x</code>; y");
        assert_eq!(
            french_html("<span lang=\"en\">done</span>; suite"),
            "<span lang=\"en\">done</span>; suite"
        );
        // Applied twice, nothing more changes.
        let once = french_html("<p><strong>conclue</strong>; <em>bien</em> !</p>");
        assert_eq!(french_html(&once), once);
    }

    proptest! {
        /// Only spaces and apostrophes change, and inserted spaces are
        /// no-break ones: the text without them is the text given.
        #[test]
        fn only_spaces_and_apostrophes_change(s in "[a-zA-Zé0-9 '«»:;!?%.,&<>/\u{a0}]{0,40}") {
            let strip = |t: &str| t.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).map(|c| if c == '’' { '\'' } else { c }).collect::<String>();
            let out = french(&s);
            prop_assert_eq!(strip(&out), strip(&s));
            prop_assert_eq!(french(&out), out.clone(), "applying it twice changes nothing more");
        }

        /// A page's markup (everything between `<` and `>`) is never touched.
        #[test]
        fn markup_is_kept(words in proptest::collection::vec("[a-z' :?]{0,8}", 0..6)) {
            let html: String = words.iter().map(|w| format!("<span data-x=\"{w}\">{w}</span>")).collect();
            let out = french_html(&html);
            let tags = |t: &str| t.split('<').skip(1).map(|p| p.split('>').next().unwrap_or("").to_string()).collect::<Vec<_>>();
            prop_assert_eq!(tags(&out), tags(&html));
        }
    }
}
