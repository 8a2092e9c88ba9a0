//! Markdown to safe HTML: pulldown-cmark with tables, footnotes,
//! strikethrough, task lists and heading anchors; links to content files
//! rewritten to page addresses. A body with raw HTML, a link of another
//! scheme than http(s)/mailto/tel or custom heading attributes is sanitized
//! with ammonia; any other body is safe as pulldown-cmark writes it (it
//! escapes every text and attribute), so it skips the sanitizer, which is
//! most of the cost of a page.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::view::TocEntry;
use crate::core::markdown::{assign_heading_ids, options};
use crate::links::SCHEMES;

/// A Markdown body as HTML with its table of contents.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// Renders `source`; `rewrite` maps each internal link or image target to
/// its URL in the output (or `None` to leave it as written).
pub fn render(source: &str, rewrite: &dyn Fn(&str) -> Option<String>) -> Rendered {
    render_with_prefix(source, rewrite, "")
}

/// As `render`, with every heading anchor starting with `prefix` (for bodies
/// that share one document, such as the briefing book).
pub fn render_with_prefix(source: &str, rewrite: &dyn Fn(&str) -> Option<String>, prefix: &str) -> Rendered {
    let mut events: Vec<Event> = Parser::new_ext(source, options()).collect();
    let toc = assign_heading_ids(&mut events, prefix);
    let unsafe_events = events.iter().any(needs_sanitizer);
    for event in events.iter_mut() {
        match event {
            // An e-mail autolink (`<a@b.org>`) is written `mailto:` + its
            // address: never a content file.
            Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => {}
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(url) = rewrite(dest_url) {
                    *dest_url = CowStr::from(url);
                }
            }
            // Footnote anchors get their own namespace (and the body's prefix):
            // `[^context]` never clashes with a `## Context` heading, nor with
            // another body's footnotes in the briefing book.
            Event::FootnoteReference(name) | Event::Start(Tag::FootnoteDefinition(name)) => {
                *name = CowStr::from(format!("{prefix}fn-{name}"));
            }
            _ => {}
        }
    }
    let events = attach_table_captions(events);
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    // Rewritten links are checked too: a rewrite only ever yields a path.
    let html = if unsafe_events { sanitize(&raw) } else { raw };
    Rendered { html, toc }
}

/// True for what pulldown-cmark would write unsanitized: raw HTML, a link or
/// image whose scheme is not allowed, a heading with custom attributes.
fn needs_sanitizer(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            !allowed_url(dest_url)
        }
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    }
}

/// A relative URL, or one with an allowed scheme (see [`crate::links::scheme`]).
fn allowed_url(url: &str) -> bool {
    crate::links::allowed(url)
}

/// The text that opens a table caption paragraph (as in Pandoc).
const CAPTION_MARK: &str = "Table:";

/// A paragraph that starts with `Table:` right before or right after a table
/// (blank lines between) becomes that table's `<caption>`: tables need a
/// caption to be announced and listed by assistive technology. The paragraph
/// before a table wins over the one after the table before it.
fn attach_table_captions(events: Vec<Event>) -> Vec<Event> {
    // (start, end) of each top-level caption paragraph, end inclusive.
    let mut captions: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                if let Some(Event::Text(t)) = events.get(i + 1)
                    && t.starts_with(CAPTION_MARK)
                    && let Some(len) =
                        events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
                {
                    captions.push((i, i + len));
                }
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    // Table start index -> caption paragraph.
    let mut for_table: Vec<(usize, (usize, usize))> = Vec::new();
    let mut used = vec![false; captions.len()];
    for (k, &(start, end)) in captions.iter().enumerate() {
        if matches!(events.get(end + 1), Some(Event::Start(Tag::Table(_)))) {
            for_table.push((end + 1, (start, end)));
            used[k] = true;
        }
    }
    for (k, &(start, end)) in captions.iter().enumerate() {
        if used[k] || start == 0 || !matches!(events[start - 1], Event::End(TagEnd::Table)) {
            continue;
        }
        let mut d = 0usize;
        let table_start = (0..start).rev().find(|&j| match &events[j] {
            Event::End(TagEnd::Table) => {
                d += 1;
                false
            }
            Event::Start(Tag::Table(_)) => {
                d -= 1;
                d == 0
            }
            _ => false,
        });
        if let Some(t) = table_start
            && !for_table.iter().any(|(s, _)| *s == t)
        {
            for_table.push((t, (start, end)));
            used[k] = true;
        }
    }
    if for_table.is_empty() {
        return events;
    }
    let skip: Vec<(usize, usize)> = for_table.iter().map(|(_, c)| *c).collect();
    let mut out = Vec::with_capacity(events.len() + 2 * for_table.len());
    for (i, e) in events.iter().enumerate() {
        if skip.iter().any(|&(s, end)| i >= s && i <= end) {
            continue;
        }
        out.push(e.clone());
        if let Some((_, (start, end))) = for_table.iter().find(|(t, _)| *t == i) {
            out.push(Event::Html(CowStr::from("<caption>")));
            let mut inner: Vec<Event> = events[start + 1..*end].to_vec();
            if let Some(Event::Text(t)) = inner.first_mut() {
                *t = CowStr::from(t[CAPTION_MARK.len()..].trim_start().to_string());
            }
            out.extend(inner);
            out.push(Event::Html(CowStr::from("</caption>")));
        }
    }
    out
}

/// Removes scripts, event handlers and dangerous URLs; keeps what Markdown
/// produces (tables, footnotes, task-list checkboxes, heading anchors).
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Built once: making an ammonia builder costs as much as cleaning a page.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tags(["input", "sup", "section"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("ol", ["start"])
        .link_rel(None)
        .url_schemes(SCHEMES.into_iter().collect());
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchors_and_a_toc() {
        let r = render("## Context\n\ntext\n\n## Context\n\n### Activités 2021\n", &|_| None);
        assert!(r.html.contains(r#"<h2 id="context">Context</h2>"#), "{}", r.html);
        assert!(r.html.contains(r#"<h2 id="context-1">"#));
        assert_eq!(r.toc[2].id, "activités-2021");
        assert_eq!(r.toc[2].level, 3);
    }

    #[test]
    fn links_are_rewritten_and_scripts_removed() {
        let r = render(
            "[g](../groups/a.yaml) <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1].\n\n[^1]: Source.\n",
            &|t| (t == "../groups/a.yaml").then(|| "../groups/a/".to_string()),
        );
        assert!(r.html.contains(r#"href="../groups/a/""#), "{}", r.html);
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("javascript:"));
        assert!(!r.html.contains("onerror"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains(r#"type="checkbox""#));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn bodies_without_raw_html_skip_the_sanitizer_and_stay_safe() {
        // Markdown alone: pulldown-cmark's own escaping, no sanitizer pass.
        let plain = render("## A < b & \"c\"\n\n[x](https://e.org/?a=1&b=2) [y](../p.md)\n", &|_| None);
        assert!(plain.html.contains("<h2 id=\"a-b-c\">A &lt; b &amp; \"c\"</h2>"), "{}", plain.html);
        assert!(plain.html.contains(r#"href="https://e.org/?a=1&amp;b=2""#), "{}", plain.html);
        for hostile in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#x73;cript:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x]( \u{1}javascript:alert(1))",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
        ] {
            let r = render(hostile, &|_| None);
            let lower = r.html.to_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!lower.contains(&format!("=\"{scheme}")), "{hostile}: {}", r.html);
            }
        }
        let attrs = render("## Title {#own .note onclick=alert(1)}\n", &|_| None);
        assert!(!attrs.html.contains("onclick"), "{}", attrs.html);
        assert!(attrs.html.contains(r#"id="own""#), "{}", attrs.html);
        assert!(allowed_url("mailto:a@b.org") && allowed_url("#top") && allowed_url("a/b:c"));
        assert!(!allowed_url("data:x") && !allowed_url(" javascript:x"));
    }

    #[test]
    fn e_mail_autolinks_are_mailto_links_and_never_rewritten() {
        // CommonMark examples 606 and 607; the rewrite must not see them.
        let rewrite = |t: &str| Some(format!("../pages/{t}/index.html"));
        let r = render("<foo@bar.example.com>\n\n<foo+special@Bar.baz-bar0.com>\n", &rewrite);
        assert!(
            r.html.contains(r#"<a href="mailto:foo@bar.example.com">foo@bar.example.com</a>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<a href="mailto:foo+special@Bar.baz-bar0.com">"#), "{}", r.html);
        // With raw HTML (the sanitizer runs), still a mailto link.
        let r = render("<b>Write</b> to <a@b.org>.\n", &rewrite);
        assert!(r.html.contains(r#"<a href="mailto:a@b.org">a@b.org</a>"#), "{}", r.html);
        // Another scheme's autolink loses its href (reported by check).
        let r = render("<irc://irc.example.org/x>\n", &|_| None);
        assert!(r.html.contains("<a>irc://irc.example.org/x</a>") || !r.html.contains("href"), "{}", r.html);
        assert!(r.html.contains("irc://irc.example.org/x"), "the text stays: {}", r.html);
    }

    #[test]
    fn a_table_paragraph_becomes_the_caption() {
        let before = render("Table: Streams *endorsed*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", &|_| None);
        assert!(
            before.html.contains("<table><caption>Streams <em>endorsed</em></caption><thead>"),
            "{}",
            before.html
        );
        assert!(!before.html.contains("<p>"), "{}", before.html);
        let after = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: After\n\nText.\n", &|_| None);
        assert!(after.html.contains("<table><caption>After</caption>"), "{}", after.html);
        assert!(after.html.contains("<p>Text.</p>"), "{}", after.html);
        // Between two tables, the paragraph belongs to the table after it.
        let both = render("| a |\n|---|\n| 1 |\n\nTable: Second\n\n| b |\n|---|\n| 2 |\n", &|_| None);
        assert_eq!(both.html.matches("<caption>").count(), 1, "{}", both.html);
        assert!(both.html.contains("<table><caption>Second</caption><thead><tr><th>b</th>"), "{}", both.html);
        // Elsewhere the words stay a paragraph.
        let plain = render("Table: not a caption\n\ntext\n", &|_| None);
        assert!(plain.html.contains("<p>Table: not a caption</p>"), "{}", plain.html);
    }

    #[test]
    fn footnote_anchors_never_clash_with_headings_or_other_bodies() {
        let r = render_with_prefix("## Note\n\nText[^note].\n\n[^note]: Source.\n", &|_| None, "page-a-");
        assert!(r.html.contains(r#"<h2 id="page-a-note">"#), "{}", r.html);
        assert!(r.html.contains(r##"href="#page-a-fn-note""##), "{}", r.html);
        assert!(r.html.contains(r#"id="page-a-fn-note""#), "{}", r.html);
    }
}
