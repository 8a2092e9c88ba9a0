//! The HTML of a body with raw HTML, rebuilt before the sanitizer reads it:
//! every tag balanced, every element at most `MAX_DEPTH` deep (+ a margin).
//!
//! The sanitizer's HTML parser looks through the open elements at each tag
//! it reads, so its time grows with size × depth: 50,000 nested `<div>`s
//! (1.1 MB) took half a minute. Here one linear pass reads the tags as an
//! HTML tokenizer does and writes them again as a tree of its own making: an
//! end tag closes the innermost open element of its name (and those inside
//! it) or is dropped, nothing is left open, comments and the content of
//! `<script>`, `<style>` and the like are dropped, and an element deeper than
//! the limit is left out (its content kept). The parser then only ever sees
//! well-formed HTML no deeper than the limit, which it reads in linear time.
//! `check` reports content deeper than `MAX_DEPTH` (the same reading), so
//! the cut only ever applies to what check refused.

use std::fmt;

/// How deep the elements of a body (Markdown's and raw HTML's together) may
/// nest: far more than any briefing needs (browsers stop at 512).
pub const MAX_DEPTH: usize = 128;

/// What rendering keeps: a little more than check allows, as the rendered
/// body gains a level or so that check does not see (a table's caption).
const RENDER_DEPTH: usize = MAX_DEPTH + 16;

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr", "frame", "basefont", "bgsound", "image",
];

/// Elements whose content is not HTML: dropped with their content (the
/// sanitizer would remove or flatten them anyway).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements whose start closes an open `<p>`.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Data,
    /// After `<`.
    TagOpen,
    /// After `</`.
    EndTagOpen,
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    ValueDouble,
    ValueSingle,
    ValueUnquoted,
    AfterValueQuoted,
    SelfClosing,
    /// After `<!` (`-` seen so far: 0 or 1).
    MarkupDeclaration(u8),
    /// Inside `<!--`: the dashes just seen (2 = `--`, 3 = `--!`), and
    /// whether anything but dashes came yet.
    Comment(u8, bool),
    /// `<!…>`, `<?…>`, `</ …>`: up to the next `>`.
    BogusComment,
    /// Inside a raw-text element: how much of `</name` matched so far.
    RawText(usize),
    /// After `</name` in a raw-text element, the character that ends it.
    RawTextEnd,
    /// After `<plaintext>`: everything is text (dropped).
    PlainText,
}

/// Reads HTML a character at a time (it may come in pieces) and writes it
/// again balanced and capped (`out`), or only measures how deep it goes.
pub struct Nester {
    state: State,
    name: String,
    end: bool,
    attrs: String,
    attr: String,
    value: String,
    has_value: bool,
    raw_text: &'static str,
    stack: Vec<String>,
    cap: usize,
    out: Option<String>,
    /// The deepest the elements went.
    pub deepest: usize,
}

impl Nester {
    fn new(cap: usize, out: Option<String>) -> Self {
        Nester {
            state: State::Data,
            name: String::new(),
            end: false,
            attrs: String::new(),
            attr: String::new(),
            value: String::new(),
            has_value: false,
            raw_text: "",
            stack: Vec::new(),
            cap,
            out,
            deepest: 0,
        }
    }

    /// Measures only: no cap, no output.
    pub fn measure() -> Self {
        Nester::new(usize::MAX, None)
    }

    fn emit(&mut self, s: &str) {
        if let Some(out) = &mut self.out {
            out.push_str(s);
        }
    }

    fn emit_char(&mut self, c: char) {
        if let Some(out) = &mut self.out {
            out.push(c);
        }
    }

    pub fn feed(&mut self, text: &str) {
        for c in text.chars() {
            self.step(c);
        }
    }

    fn start_tag(&mut self, end: bool, c: char) {
        self.name.clear();
        self.attrs.clear();
        self.end = end;
        self.name.push(c.to_ascii_lowercase());
        self.state = State::TagName;
    }

    fn step(&mut self, c: char) {
        use State::*;
        let space = matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}');
        match self.state {
            Data => match c {
                '<' => self.state = TagOpen,
                c => self.emit_char(c),
            },
            TagOpen => match c {
                c if c.is_ascii_alphabetic() => self.start_tag(false, c),
                '/' => self.state = EndTagOpen,
                '!' => self.state = MarkupDeclaration(0),
                '?' => self.state = BogusComment,
                c => {
                    self.emit("&lt;");
                    self.state = Data;
                    self.step(c);
                }
            },
            EndTagOpen => match c {
                c if c.is_ascii_alphabetic() => self.start_tag(true, c),
                '>' => self.state = Data,
                _ => self.state = BogusComment,
            },
            TagName => match c {
                _ if space => self.state = BeforeAttrName,
                '/' => self.state = SelfClosing,
                '>' => self.finish_tag(false),
                c => self.name.push(c.to_ascii_lowercase()),
            },
            BeforeAttrName => match c {
                _ if space => {}
                '/' => self.state = SelfClosing,
                '>' => self.finish_tag(false),
                c => self.begin_attr(c),
            },
            AttrName => match c {
                _ if space => self.state = AfterAttrName,
                '/' => {
                    self.end_attr();
                    self.state = SelfClosing;
                }
                '>' => {
                    self.end_attr();
                    self.finish_tag(false);
                }
                '=' => self.state = BeforeAttrValue,
                c => self.attr.push(c.to_ascii_lowercase()),
            },
            AfterAttrName => match c {
                _ if space => {}
                '/' => {
                    self.end_attr();
                    self.state = SelfClosing;
                }
                '=' => self.state = BeforeAttrValue,
                '>' => {
                    self.end_attr();
                    self.finish_tag(false);
                }
                c => {
                    self.end_attr();
                    self.begin_attr(c);
                }
            },
            BeforeAttrValue => match c {
                _ if space => {}
                '"' => self.begin_value(ValueDouble),
                '\'' => self.begin_value(ValueSingle),
                '>' => {
                    self.end_attr();
                    self.finish_tag(false);
                }
                c => {
                    self.begin_value(ValueUnquoted);
                    self.value.push(c);
                }
            },
            ValueDouble | ValueSingle => {
                if c == if self.state == ValueDouble { '"' } else { '\'' } {
                    self.end_attr();
                    self.state = AfterValueQuoted;
                } else {
                    self.value.push(c);
                }
            }
            ValueUnquoted => match c {
                _ if space => {
                    self.end_attr();
                    self.state = BeforeAttrName;
                }
                '>' => {
                    self.end_attr();
                    self.finish_tag(false);
                }
                c => self.value.push(c),
            },
            AfterValueQuoted => match c {
                _ if space => self.state = BeforeAttrName,
                '/' => self.state = SelfClosing,
                '>' => self.finish_tag(false),
                c => {
                    self.state = BeforeAttrName;
                    self.step(c);
                }
            },
            SelfClosing => match c {
                '>' => self.finish_tag(true),
                c => {
                    self.state = BeforeAttrName;
                    self.step(c);
                }
            },
            MarkupDeclaration(dashes) => match c {
                '-' if dashes == 0 => self.state = MarkupDeclaration(1),
                '-' => self.state = Comment(0, false),
                '>' => self.state = Data,
                _ => self.state = BogusComment,
            },
            Comment(dashes, body) => {
                self.state = match c {
                    // `<!-->`, `<!--->`, `…-->`, `…--!>` end it.
                    '>' if !body || dashes >= 2 => Data,
                    '-' => Comment((dashes + 1).min(2), body),
                    '!' if dashes == 2 => Comment(3, body),
                    _ => Comment(0, true),
                }
            }
            BogusComment => {
                if c == '>' {
                    self.state = Data;
                }
            }
            RawText(matched) => {
                let want = self.raw_text.as_bytes();
                let next = match matched {
                    0 => (c == '<').then_some(1),
                    1 => (c == '/').then_some(2),
                    n => want.get(n - 2).filter(|b| c.eq_ignore_ascii_case(&char::from(**b))).map(|_| n + 1),
                };
                self.state = match next {
                    Some(n) if n == want.len() + 2 => RawTextEnd,
                    Some(n) => RawText(n),
                    None if c == '<' => RawText(1),
                    None => RawText(0),
                };
            }
            RawTextEnd => {
                if space || c == '/' || c == '>' {
                    self.name = self.raw_text.to_string();
                    self.attrs.clear();
                    self.end = true;
                    self.state = BeforeAttrName;
                    self.step(c);
                } else {
                    self.state = RawText(0);
                    self.step(c);
                }
            }
            PlainText => {}
        }
    }

    fn begin_attr(&mut self, c: char) {
        self.attr.clear();
        self.value.clear();
        self.has_value = false;
        self.attr.push(c.to_ascii_lowercase());
        self.state = State::AttrName;
    }

    fn begin_value(&mut self, state: State) {
        self.value.clear();
        self.has_value = true;
        self.state = state;
    }

    /// Keeps an attribute whose name is plain (the sanitizer allows no other),
    /// its value quoted, with no `"`, `<` or `>` left in it.
    fn end_attr(&mut self) {
        let plain = !self.attr.is_empty()
            && self.attr.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
        if plain && !self.end {
            self.attrs.push(' ');
            self.attrs.push_str(&self.attr);
            if self.has_value {
                self.attrs.push_str("=\"");
                let value = self.value.replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
                self.attrs.push_str(&value);
                self.attrs.push('"');
            }
        }
        self.attr.clear();
        self.value.clear();
        self.has_value = false;
    }

    fn finish_tag(&mut self, self_closing: bool) {
        self.state = State::Data;
        let name = std::mem::take(&mut self.name);
        let attrs = std::mem::take(&mut self.attrs);
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return;
        }
        if self.end {
            self.close(&name);
        } else if let Some(raw) = RAW_TEXT.iter().find(|r| **r == name) {
            self.raw_text = raw;
            self.state = if name == "plaintext" { State::PlainText } else { State::RawText(0) };
        } else if VOID.contains(&name.as_str()) {
            self.emit(&format!("<{name}{attrs}>"));
        } else if self_closing && self.stack.len() < self.cap {
            // `<p/>` starts an element as `<p>` does: it ends what `<p>` ends.
            self.close_implied(&name);
            self.emit(&format!("<{name}{attrs}></{name}>"));
            self.deepest = self.deepest.max(self.stack.len() + 1);
        } else if !self_closing && self.stack.len() < self.cap {
            self.close_implied(&name);
            self.emit(&format!("<{name}{attrs}>"));
            self.stack.push(name);
            self.deepest = self.deepest.max(self.stack.len());
        }
    }

    /// Before a start tag `name`, closes the open element it ends in HTML
    /// when that is the innermost one (`<li>a<li>b`, `<p>a<div>`), as a
    /// browser would: the tree stays the one the writer meant.
    fn close_implied(&mut self, name: &str) {
        loop {
            let Some(top) = self.stack.last().map(String::as_str) else { return };
            let ends = match top {
                "p" => BLOCKS.contains(&name),
                "li" => name == "li",
                "dt" | "dd" => matches!(name, "dt" | "dd"),
                "td" | "th" => matches!(name, "td" | "th" | "tr"),
                "tr" => name == "tr",
                "option" => matches!(name, "option" | "optgroup"),
                _ => false,
            };
            if !ends {
                return;
            }
            let open = self.stack.pop().unwrap_or_default();
            self.emit(&format!("</{open}>"));
        }
    }

    /// Closes the innermost open element named `name` and all inside it.
    fn close(&mut self, name: &str) {
        if let Some(at) = self.stack.iter().rposition(|open| open == name) {
            while self.stack.len() > at {
                let open = self.stack.pop().unwrap_or_default();
                self.emit(&format!("</{open}>"));
            }
        }
    }

    /// The rebuilt HTML, every element still open closed.
    pub fn finish(mut self) -> String {
        while let Some(open) = self.stack.pop() {
            self.emit(&format!("</{open}>"));
        }
        self.out.unwrap_or_default()
    }
}

impl fmt::Write for Nester {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.feed(s);
        Ok(())
    }
}

/// `html` rebuilt balanced and no deeper than the render limit.
pub fn rebuild(html: &str) -> String {
    let mut n = Nester::new(RENDER_DEPTH, Some(String::with_capacity(html.len() + 64)));
    n.feed(html);
    n.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        let mut n = Nester::measure();
        n.feed(html);
        n.deepest
    }

    #[test]
    fn well_formed_html_comes_back_as_it_was() {
        for html in [
            "<p>a <em>b</em> &amp; <a href=\"x?a=1&amp;b=2\" title=\"t\">c</a></p>",
            "<table><thead><tr><th style=\"text-align: left\">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\">\nx</li>\n</ul>\n<img src=\"a.png\" alt=\"b\"><br>",
        ] {
            assert_eq!(rebuild(html), html);
        }
    }

    #[test]
    fn tags_come_back_balanced_and_comments_and_scripts_go() {
        assert_eq!(rebuild("<div><span>a</div>b</span></p>"), "<div><span>a</span></div>b");
        assert_eq!(
            rebuild("<DIV CLASS=x Title='a\"b' data-x=y z>a"),
            "<div class=\"x\" title=\"a&quot;b\" data-x=\"y\" z>a</div>"
        );
        assert_eq!(rebuild("a < b <!-- <div> --> c <!--> d <!---> e"), "a &lt; b  c  d  e");
        assert_eq!(rebuild("<script>x = '<div>'; <!-- </script><b>y</b>"), "<b>y</b>");
        assert_eq!(rebuild("<style>a<b c=\"</style><i>y</i>"), "<i>y</i>");
        assert_eq!(rebuild("<ScRiPt >x</sCrIpT >z<plaintext><div><div>"), "z");
        assert_eq!(rebuild("<div/><span/>x"), "<div></div><span></span>x");
        assert_eq!(rebuild("<a\"b>x</a\"b><!doctype html><?php x ?></ x>y"), "xy");
        assert_eq!(rebuild("<div a\"b=1 c='2'>x</div>"), "<div c=\"2\">x</div>");
        // What HTML closes without saying so is closed where it would be.
        assert_eq!(rebuild("<ul><li>a<li>b</ul>"), "<ul><li>a</li><li>b</li></ul>");
        assert_eq!(rebuild("<p>a<p>b<div>c</div>"), "<p>a</p><p>b</p><div>c</div>");
        assert_eq!(rebuild("<p><p/<br/>"), "<p></p><p></p>");
        assert_eq!(rebuild("<ul><li>a<li/>"), "<ul><li>a</li><li></li></ul>");
        assert_eq!(
            rebuild("<table><tr><td>a<td>b<tr><th>c</table>"),
            "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>"
        );
        assert_eq!(depth(&"<li>a".repeat(1_000)), 1);
    }

    #[test]
    fn nesting_beyond_the_limit_is_cut_and_measured() {
        let deep = "<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000);
        assert_eq!(depth(&deep), 10_000);
        let html = rebuild(&deep);
        assert_eq!(html.matches("<div>").count(), RENDER_DEPTH);
        assert_eq!(html.matches("</div>").count(), RENDER_DEPTH);
        assert!(html.contains(">x<"));
        // However it is written, what the sanitizer gets is balanced and no
        // deeper than the limit.
        for (variant, deep) in [
            ("<b><i>".repeat(2_500), true),
            ("<div></i>".repeat(5_000), true),
            ("<span><div></span>".repeat(5_000), false),
            ("<td><span></td>".repeat(2_500), false),
            ("<form><span></form>".repeat(2_500), false),
            ("<svg><title>".to_string() + &"<div>".repeat(4_998), false),
            ("<select><svg><style><!--</style>".to_string() + &"<div>".repeat(4_998), true),
            ("<div title=\"".to_string() + &"<div>".repeat(4_998), false),
            ("<div title=\"\">".to_string() + &"<div/><div a=b>".repeat(2_500), true),
        ] {
            assert_eq!(depth(&variant) >= 2_500, deep, "{}", &variant[..40]);
            let html = rebuild(&variant);
            assert_eq!(html.matches("</").count(), html.matches('<').count() / 2, "{}", &variant[..40]);
            assert!(depth(&html) <= RENDER_DEPTH, "{}", &variant[..40]);
        }
        assert_eq!(depth(&"<p>a</p>".repeat(1_000)), 1);
    }

    /// Pieces that make tricky HTML when strung together at random.
    fn html_piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<p>".to_string()),
            Just("<li>".to_string()),
            Just("</span>".to_string()),
            Just("<b title='>'>".to_string()),
            Just("<!--".to_string()),
            Just("-->".to_string()),
            Just("<script>".to_string()),
            Just("</script >".to_string()),
            Just("<br/>".to_string()),
            Just("\"".to_string()),
            Just("<".to_string()),
            "[a-z<>/=\"' !-]{0,6}",
            any::<String>(),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_html_comes_back_balanced_capped_and_stable(pieces in proptest::collection::vec(html_piece(), 0..200)) {
            let html: String = pieces.concat();
            let once = rebuild(&html);
            let mut stack = Vec::new();
            let mut rest = once.as_str();
            // Every tag it writes is plain, and each end tag closes the last open element.
            while let Some(at) = rest.find('<') {
                let tag = &rest[at + 1..rest[at..].find('>').map(|e| at + e).unwrap_or(rest.len())];
                if let Some(name) = tag.strip_prefix('/') {
                    proptest::prop_assert_eq!(stack.pop(), Some(name.to_string()), "{}", once);
                } else {
                    let name = tag.split(' ').next().unwrap_or("").to_string();
                    proptest::prop_assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{}", once);
                    if !VOID.contains(&name.as_str()) {
                        stack.push(name);
                        proptest::prop_assert!(stack.len() <= RENDER_DEPTH);
                    }
                }
                rest = &rest[at + 1..];
            }
            proptest::prop_assert!(stack.is_empty(), "{}", once);
            proptest::prop_assert_eq!(rebuild(&once), once.clone());
        }
    }
}
