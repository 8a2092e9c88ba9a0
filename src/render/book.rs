//! The briefing book: the rendered sections of the site gathered into one
//! document for print (cover, contents, dashboard summary, each group, the
//! latest meeting, the action tracker, the featured pages as annexes), with the
//! paged-media CSS that puts the marking and "Page N of M" on every page.

use super::build::Builder;
use super::view::{BookView, Frame, Link};
use crate::html::{escape_html, marked};
use crate::model::{Paper, Site};

pub fn book(b: &Builder, site: &Site, frame: Frame) -> BookView {
    let l = b.l;
    let dashboard = b.dashboard(frame);
    let groups = b.state.groups.iter().map(|g| b.group_in_book(g)).collect::<Vec<_>>();
    let meeting = b.state.meetings.first().map(|m| b.meeting(m));
    let actions = b.state.actions.iter().map(|a| b.action(a)).collect();
    let pages = b.state.featured_pages.iter().map(|p| b.page(p)).collect::<Vec<_>>();
    let others = b.state.pages.len() - b.state.featured_pages.len();
    let other_pages = if others > 0 {
        l.fill("book_other_pages", &[("count", &l.locale.number(others as f64, 0))])
    } else {
        String::new()
    };
    let mut toc = vec![Link::new(l.s("book_summary"), "#_summary".into(), false)];
    toc.extend(
        groups
            .iter()
            .map(|g| Link::in_lang(g.name.clone(), &g.name_lang, format!("#_group-{}", g.id), false)),
    );
    if let Some(m) = &meeting {
        toc.push(Link::in_lang(m.title.clone(), &m.title_lang, format!("#_meeting-{}", m.slug), false));
    }
    toc.push(Link::new(l.s("nav_actions"), "#_actions".into(), false));
    toc.extend(pages.iter().map(|p| {
        let annex = l.s("book_annex");
        Link {
            label: format!("{annex} — {}", p.title),
            html: format!("{} — {}", escape_html(&annex), marked(&p.title, &p.title_lang)),
            url: format!("#_page-{}", p.slug),
            current: false,
        }
    }));
    let paper = match site.paper {
        Paper::Letter => "letter",
        Paper::A4 => "a4",
    };
    BookView {
        paper: paper.to_string(),
        page_css: page_css(paper, &l.text(&site.classification), &l.s("book_page"), &l.s("book_of")),
        dashboard,
        groups,
        meeting,
        actions,
        pages,
        other_pages,
        pages_url: format!("{}pages/index.html", b.root),
        toc,
    }
}

/// `@page` rules: paper size, margins, the marking at top and bottom centre
/// and "Page N of M" at the bottom of every page but the cover.
fn page_css(paper: &str, marking: &str, page: &str, of: &str) -> String {
    let marking = css_string(marking);
    let page = css_string(&format!("{page} "));
    let of = css_string(&format!(" {of} "));
    format!(
        "@page {{ size: {paper}; margin: 22mm 18mm 22mm 18mm;
  @top-center {{ content: {marking}; font: 700 9pt 'Noto Sans', sans-serif; letter-spacing: 0.08em; }}
  @bottom-center {{ content: {marking}; font: 700 9pt 'Noto Sans', sans-serif; letter-spacing: 0.08em; }}
  @bottom-right {{ content: {page} counter(page) {of} counter(pages); font: 9pt 'Noto Sans', sans-serif; }}
}}
@page :first {{ @bottom-right {{ content: none; }} }}
"
    )
}

/// A CSS string literal: quoted, with every character that could end the
/// string, start an escape, break the line or close the `<style>` element
/// written as a hex escape (`\\22 `): quotes, backslash, angle brackets and
/// all control characters (line feed, form feed, NUL…).
fn css_string(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn page_css_escapes_the_marking() {
        let css = page_css("a4", "SECRET\"</style><script>", "Page", "of");
        assert!(css.contains("size: a4"));
        assert!(!css.contains("</style>"));
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
}
