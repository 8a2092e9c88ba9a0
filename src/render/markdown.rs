//! Markdown to safe HTML: pulldown-cmark with tables, footnotes,
//! strikethrough, task lists and heading anchors; links to content files
//! rewritten to page addresses. A body with raw HTML, a link of another
//! scheme than http(s)/mailto/tel or custom heading attributes is sanitized
//! with ammonia; any other body is safe as pulldown-cmark writes it (it
//! escapes every text and attribute), so it skips the sanitizer, which is
//! most of the cost of a page.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::view::TocEntry;
use crate::core::markdown::{assign_heading_ids, footnote_id, needs_sanitizer, options};
use crate::core::nesting;
use crate::core::url::SCHEMES;

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
    match plain_paragraph(source) {
        Some(html) => Rendered { html, toc: Vec::new() },
        None => parse_and_render(source, rewrite, prefix),
    }
}

/// `render_with_prefix` through the parser.
fn parse_and_render(source: &str, rewrite: &dyn Fn(&str) -> Option<String>, prefix: &str) -> Rendered {
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
                *name = CowStr::from(footnote_id(prefix, name));
            }
            _ => {}
        }
    }
    let events = attach_table_captions(events);
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    let ids: HashSet<String> = if unsafe_events { own_ids(&events, &toc) } else { HashSet::new() };
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    // Rewritten links are checked too: a rewrite only ever yields a path.
    // The sanitizer reads the body rebuilt balanced and no deeper than the
    // limit: its time then grows with the body's size alone.
    let html = if unsafe_events { sanitize(&nesting::rebuild(&raw), ids) } else { raw };
    Rendered { html, toc }
}

/// The HTML of a text that can only be one paragraph of words, without
/// parsing it: most Markdown fields of YAML (an action, a decision, a
/// summary) are one sentence, and a rebuild renders thousands. `None` for
/// anything else, which the parser renders.
///
/// A plain text starts with a letter, holds only letters, digits, single
/// spaces and `, . ; : ? ! ( ) / % ' ’ " -` (no `--`, no `![`), and ends
/// with neither space: nothing there opens a block, an inline element, an
/// entity or a line break, so the parser makes one paragraph of the text
/// as written, which it escapes nothing of. A property test
/// (`plain_text_renders_as_the_parser_renders_it`) compares the two.
fn plain_paragraph(source: &str) -> Option<String> {
    let first = source.chars().next()?;
    let ok = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | ',' | '.' | ';' | ':' | '?' | '!' | '(' | ')' | '/' | '%' | '\'' | '’' | '"' | '-'
            )
    };
    let plain = first.is_alphabetic()
        && source.chars().all(ok)
        && !source.ends_with(' ')
        && !source.contains("  ")
        && !source.contains("--")
        && !source.contains("![");
    plain.then(|| format!("<p>{source}</p>\n"))
}

/// The ids this body's Markdown gives (headings, footnotes): the only ids
/// the sanitizer keeps; raw HTML's own `id`s are dropped.
fn own_ids(events: &[Event], toc: &[TocEntry]) -> HashSet<String> {
    let mut ids: HashSet<String> = toc.iter().map(|t| t.id.clone()).collect();
    ids.extend(events.iter().filter_map(|e| match e {
        Event::Start(Tag::FootnoteDefinition(name)) => Some(name.to_string()),
        _ => None,
    }));
    ids
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
/// Of the ids, only `own` ones (those this body's Markdown gives) are kept;
/// of the classes, only those Markdown writes (see `allowed_class`); a
/// table cell's `style` only as pulldown-cmark writes a column alignment.
/// Nothing in a body can thus position, cover or restyle the page (the
/// marking included) or fetch anything through CSS.
fn sanitize(html: &str, own: HashSet<String>) -> String {
    OWN_IDS.with(|ids| *ids.borrow_mut() = own);
    let clean = SANITIZER.clean(html).to_string();
    OWN_IDS.with(|ids| ids.borrow_mut().clear());
    clean
}

thread_local! {
    /// The ids the body being cleaned may carry, each once (the sanitizer's
    /// attribute filter is shared by every body, so it finds them here).
    static OWN_IDS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
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
        .attribute_filter(filter_attribute)
        .link_rel(None)
        .url_schemes(SCHEMES.into_iter().collect());
    b
});

/// The sanitizer's last word on an attribute that its lists allow.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attribute {
        "id" => OWN_IDS.with(|ids| ids.borrow_mut().remove(value)).then_some(Cow::Borrowed(value)),
        "class" => {
            let kept: Vec<&str> =
                value.split_ascii_whitespace().filter(|c| allowed_class(element, c)).collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        }
        "style" => ALIGNMENTS.contains(&value).then_some(Cow::Borrowed(value)),
        "type" if element == "input" => (value == "checkbox").then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// The `style` of a table cell as pulldown-cmark writes an aligned column.
const ALIGNMENTS: [&str; 3] = ["text-align: left", "text-align: center", "text-align: right"];

/// The classes Markdown itself writes, the only ones content may carry: the
/// footnotes' and a fenced code block's `language-…`. The theme's own
/// classes (the marking's among them) are out of reach.
fn allowed_class(element: &str, class: &str) -> bool {
    match element {
        "sup" => matches!(class, "footnote-reference" | "footnote-definition-label"),
        "div" => class == "footnote-definition",
        "code" => class.strip_prefix("language-").is_some_and(|l| !l.is_empty()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::markdown::{LAYOUT_ID_MARK, heading_anchors, too_deep};
    use crate::core::url::allowed as allowed_url;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// The plain-text shortcut gives what the parser gives, for texts
        /// made of its characters and of those next to them.
        #[test]
        fn plain_text_renders_as_the_parser_renders_it(
            plain in r#"[a-zA-Zéà][a-zA-Z0-9éàÉ’' ,.;:?!()/%"\-]{0,40}"#,
            near in r#"[a-zA-Zéà][a-zA-Z0-9éàÉ’' ,.;:?!()/%"\-\[\]*_<&#>`~|\\\n\t\u{a0}]{0,40}"#,
        ) {
            for source in [plain, near] {
                let slow = parse_and_render(&source, &|_| Some("x".into()), "p-");
                if let Some(fast) = plain_paragraph(&source) {
                    proptest::prop_assert_eq!(&fast, &slow.html);
                }
                proptest::prop_assert_eq!(render_with_prefix(&source, &|_| Some("x".into()), "p-").html, slow.html);
            }
        }
    }

    #[test]
    fn sentences_take_the_shortcut_and_markup_does_not() {
        for plain in [
            "Send the minutes.",
            "Report on the port-of-entry pilot (phase 2), by 30 June: 40% done?",
            "Le groupe’s \"plan\" / l'avis!",
        ] {
            assert_eq!(plain_paragraph(plain), Some(format!("<p>{plain}</p>\n")), "{plain}");
            assert_eq!(render(plain, &|_| None).html, format!("<p>{plain}</p>\n"));
        }
        for markup in [
            "",
            " Indented",
            "1. A list",
            "- A list",
            "Some *emphasis*",
            "A [link](x.md)",
            "Two\nlines",
            "A -- dash",
            "Trailing ",
            "A  gap",
            "Fish & chips",
            "See ![x](y.png)",
        ] {
            assert_eq!(plain_paragraph(markup), None, "{markup:?}");
        }
    }

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

    /// Every `id="…"` of an HTML text.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
    }

    #[test]
    fn table_cells_keep_only_their_alignment() {
        let aligned = render("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n<br>\n", &|_| None);
        for align in ["left", "center", "right"] {
            assert!(
                aligned.html.contains(&format!("<th style=\"text-align: {align}\">")),
                "{}",
                aligned.html
            );
            assert!(
                aligned.html.contains(&format!("<td style=\"text-align: {align}\">")),
                "{}",
                aligned.html
            );
        }
        for hostile in [
            r#"<th style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:#fff;z-index:9999">x</th>"#,
            r#"<table><tr><td style="background:url(http://127.0.0.1:8765/x)">x</td></tr></table>"#,
            r#"<table><tr><td style="text-align: left; position: fixed">x</td></tr></table>"#,
            r#"<table><tr><td style="text-align: left;position:fixed">x</td></tr></table>"#,
            r#"<table><tr><th STYLE="z-index:9999">x</th></tr></table>"#,
            r#"<div style="position:fixed">x</div><span style="display:none">y</span><p style="x">z</p>"#,
            r#"<table style="position:absolute"><tr><td>x</td></tr></table>"#,
            r#"<input type="image" src="http://127.0.0.1/x"> <input type="text"> <img src="a.png" style="position:fixed">"#,
        ] {
            let r = render(&format!("{hostile}\n\n| a |\n|:-:|\n| 1 |\n"), &|_| None);
            assert!(r.html.contains("<th style=\"text-align: center\">a</th>"), "{hostile}: {}", r.html);
            assert_eq!(r.html.matches("style=").count(), 2, "{hostile}: {}", r.html);
            for bad in ["position", "url(", "z-index", "display", "type=\"image\"", "type=\"text\""] {
                assert!(!r.html.contains(bad), "{hostile}: {}", r.html);
            }
        }
        let task = render("- [x] done\n\n<input type=checkbox checked>\n", &|_| None);
        assert_eq!(task.html.matches("type=\"checkbox\"").count(), 2, "{}", task.html);
    }

    #[test]
    fn content_keeps_only_the_classes_markdown_writes() {
        let r = render(
            "<div class=\"classification\" role=\"note\">SECRET</div>\n\n<p class=\"cover-marking footnote-definition\">x</p>\n\n## Title {.classification .note}\n\nNote[^1].\n\n[^1]: Source.\n\n```rust\nfn main() {}\n```\n",
            &|_| None,
        );
        assert!(r.html.contains("<div>SECRET</div>"), "{}", r.html);
        assert!(r.html.contains("<p>x</p>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"title\">Title</h2>"), "{}", r.html);
        assert!(r.html.contains("<sup class=\"footnote-reference\">"), "{}", r.html);
        assert!(r.html.contains("<div class=\"footnote-definition\" id=\"fn-1\">"), "{}", r.html);
        assert!(r.html.contains("<sup class=\"footnote-definition-label\">"), "{}", r.html);
        assert!(r.html.contains("<code class=\"language-rust\">"), "{}", r.html);
        assert!(!r.html.contains("classification") && !r.html.contains("cover-marking"), "{}", r.html);
        assert!(!r.html.contains("note\""), "{}", r.html);
        // Without raw HTML too (no sanitizer then).
        let plain = render("## Title {.classification .cover-marking data-x=y}\n", &|_| None);
        assert_eq!(plain.html, "<h2 id=\"title\">Title</h2>\n");
    }

    /// Every id the default theme's templates give (the dynamic ones with a
    /// sample value), as the layout writes them.
    fn layout_ids() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // `<chart_figure id=…>` passes an argument, which the component
            // writes as `_{{ id }}-caption`.
            let text: String = text.lines().filter(|l| !l.contains("<chart_figure")).collect();
            for id in ids(&text) {
                out.push(
                    id.replace("{{ g.id }}", "health")
                        .replace("{{ a.id }}", "a1")
                        .replace("{{ m.slug }}", "2024-01-01")
                        .replace("{{ p.slug }}", "terms")
                        .replace("{{ loop.index }}", "1")
                        .replace("{{ id }}", "chart-status"),
                );
            }
        }
        assert!(out.len() > 30, "{out:?}");
        out
    }

    #[test]
    fn every_layout_id_is_out_of_reach_of_content() {
        let layout = layout_ids();
        for id in &layout {
            assert!(id.starts_with(LAYOUT_ID_MARK), "the layout's `{id}` must start with `{LAYOUT_ID_MARK}`");
            let bare = id.trim_start_matches(LAYOUT_ID_MARK);
            let words = bare.replace('-', " ");
            // As a heading's text, its own `{#id}`, a raw HTML id, a
            // footnote, in a body alone and in a prefixed one.
            let source = format!(
                "# {words}\n\n## {bare}\n\n## x {{#{id}}}\n\n## y {{#{bare}}}\n\n<div id=\"{id}\">a</div><span id=\"{bare}\">b</span>\n\nn[^{id}]\n\n[^{id}]: c\n"
            );
            for prefix in ["", "group-health-", "page-terms-"] {
                let r = render_with_prefix(&source, &|_| None, prefix);
                let found = ids(&r.html);
                assert!(found.len() >= 5, "{source}: {}", r.html);
                for found in &found {
                    assert!(!found.starts_with(LAYOUT_ID_MARK), "{source}: {}", r.html);
                    assert!(
                        !layout.iter().any(|l| l == found),
                        "{source} gives the layout's `{found}`: {}",
                        r.html
                    );
                }
                let unique: HashSet<&&str> = found.iter().collect();
                assert_eq!(unique.len(), found.len(), "{source}: {}", r.html);
            }
        }
        // A heading named like the skip link's target keeps a plain anchor,
        // the one links to it are checked against.
        let mut events: Vec<Event> =
            Parser::new_ext("# Main\n\n## Top {#top}\n\n## Z {#_top}\n", options()).collect();
        assert_eq!(heading_anchors(&mut events).into_iter().collect::<Vec<_>>(), ["main", "top", "top-1"]);
    }

    #[test]
    fn raw_html_ids_are_dropped_and_heading_ids_kept() {
        let r = render(
            "<a id=\"anchor\"></a>\n\n## Scope\n\n<span id=\"scope\">x</span>\n\nA[^n].\n\n[^n]: B.\n",
            &|_| None,
        );
        assert_eq!(ids(&r.html), ["scope", "fn-n"], "{}", r.html);
        // A heading never takes a footnote's anchor.
        let r = render("## Fn note\n\nA[^note].\n\n[^note]: B.\n", &|_| None);
        assert_eq!(ids(&r.html), ["fn-note-1", "fn-note"], "{}", r.html);
    }

    #[test]
    fn a_line_break_in_a_heading_parts_words() {
        for (source, id, title) in [
            ("Terms of\nreference\n===\n", "terms-of-reference", "Terms of reference"),
            ("Terms of  \nreference\n---\n", "terms-of-reference", "Terms of reference"),
            ("Terms of\\\nreference\n===\n", "terms-of-reference", "Terms of reference"),
            ("## Terms of<br>reference\n", "terms-of-reference", "Terms of reference"),
            ("## Terms of<BR />reference\n", "terms-of-reference", "Terms of reference"),
            ("## *Terms* of\n", "terms-of", "Terms of"),
            ("## **Ter**ms of `re`ference\n", "terms-of-reference", "Terms of reference"),
            ("Terms\n*of*\n`reference`\n===\n", "terms-of-reference", "Terms of reference"),
        ] {
            let r = render(source, &|_| None);
            assert_eq!(r.toc.len(), 1, "{source:?}");
            assert_eq!(r.toc[0].id, id, "{source:?}");
            assert_eq!(r.toc[0].title, title, "{source:?}");
            assert!(r.html.contains(&format!("id=\"{id}\"")), "{source:?}: {}", r.html);
        }
    }

    #[test]
    fn deep_html_renders_cut_in_time_and_check_finds_where() {
        let source = format!("Intro.\n\n{}x{}\n", "<div>".repeat(50_000), "</div>".repeat(50_000));
        let r = render(&source, &|_| None);
        let kept = r.html.matches("<div>").count();
        assert!((nesting::MAX_DEPTH..nesting::MAX_DEPTH + 20).contains(&kept), "{kept}");
        assert_eq!(r.html.matches("</div>").count(), kept);
        assert!(r.html.starts_with("<p>Intro.</p>") && r.html.contains(">x<"), "{}", &r.html[..200]);
        let events: Vec<Event> = Parser::new_ext(&source, options()).collect();
        assert_eq!(too_deep(&events), Some(4), "{:?}", &events[..5]);
        // Markdown alone nests too: its 129th open block is too deep.
        let quoted = "> ".repeat(300);
        let quotes: Vec<Event> = Parser::new_ext(&quoted, options()).collect();
        assert_eq!(too_deep(&quotes), Some(nesting::MAX_DEPTH));
        let within = "> ".repeat(100);
        let within: Vec<Event> = Parser::new_ext(&within, options()).collect();
        assert_eq!(too_deep(&within), None);
        let mut with_html = quotes.clone();
        with_html.push(Event::InlineHtml("<b>".into()));
        assert!(too_deep(&with_html).is_some());
        let fine = format!("{}{}x\n", "> ".repeat(60), "<div>".repeat(60));
        let events: Vec<Event> = Parser::new_ext(&fine, options()).collect();
        assert_eq!(too_deep(&events), None);
    }
}
