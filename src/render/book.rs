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
    let mut toc = vec![Link::new(l.s("book_summary"), "#summary".into(), false)];
    toc.extend(
        groups.iter().map(|g| Link::in_lang(g.name.clone(), &g.name_lang, format!("#group-{}", g.id), false)),
    );
    if let Some(m) = &meeting {
        toc.push(Link::in_lang(m.title.clone(), &m.title_lang, format!("#meeting-{}", m.slug), false));
    }
    toc.push(Link::new(l.s("nav_actions"), "#actions".into(), false));
    toc.extend(pages.iter().map(|p| {
        let annex = l.s("book_annex");
        Link {
            label: format!("{annex} — {}", p.title),
            html: format!("{} — {}", escape_html(&annex), marked(&p.title, &p.title_lang)),
            url: format!("#page-{}", p.slug),
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

/// A CSS string literal: quoted, with quotes, backslashes and angle brackets
/// escaped so that it can neither end the string nor the `<style>` element.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' => out.push_str(&format!("\\{:x} ", c as u32)),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_css_escapes_the_marking() {
        let css = page_css("a4", "SECRET\"</style><script>", "Page", "of");
        assert!(css.contains("size: a4"));
        assert!(!css.contains("</style>"));
        assert!(css.contains("counter(page)"));
    }
}
