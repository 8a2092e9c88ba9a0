//! Reading text fields (a string or a language map) and Markdown bodies.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::core::lang::is_lang_code;
use crate::diag::codes;
use crate::links::{self, is_external};
use crate::model::{LinkRef, Markdown, MarkdownField, Text, Translation};
use crate::yaml::{Loc, Node, NodeKind, Reader};

/// A text field: `Border Security` or `{en: Border Security, fr: …}`.
/// An empty text (`""`, `{}`, `{en: ""}`) is refused: a page would show a
/// title or name of nothing. It is still returned, so that what holds it
/// stays known and its mistake is reported once.
pub fn text(r: &mut Reader, node: &Node, what: &str) -> Option<Text> {
    match &node.kind {
        NodeKind::Str(s) if s.trim().is_empty() => {
            empty(r, node.loc, what);
            Some(Text { loc: node.loc, plain: Some(s.clone()), langs: Vec::new(), markdown: None })
        }
        NodeKind::Map(entries) if entries.is_empty() => {
            empty(r, node.loc, what);
            Some(Text { loc: node.loc, plain: None, langs: Vec::new(), markdown: None })
        }
        NodeKind::Str(s) => {
            Some(Text { loc: node.loc, plain: Some(s.clone()), langs: Vec::new(), markdown: None })
        }
        NodeKind::Int(_) | NodeKind::Float(_) => {
            Some(Text { loc: node.loc, plain: r.string(node, what), langs: Vec::new(), markdown: None })
        }
        NodeKind::Map(entries) => {
            let mut langs = Vec::new();
            for (key, value) in entries {
                if !is_lang_code(&key.name) {
                    let msg = format!("`{}` is not a language code in {what}", key.name);
                    let lower = key.name.to_lowercase();
                    r.error(codes::UNKNOWN_LANGUAGE, key.loc, msg).hint = Some(if is_lang_code(&lower) {
                        format!("did you mean `{lower}`? Language codes are in lower case")
                    } else {
                        "a text is a string or a map of language code to string, e.g. {en: …, fr: …}".into()
                    });
                    continue;
                }
                if let Some(s) = r.string(value, &format!("{what} ({})", key.name)) {
                    if s.trim().is_empty() {
                        let lang = &key.name;
                        r.error(codes::MISSING_FIELD, value.loc, format!("`{what}` is empty in `{lang}`"))
                            .hint = Some(format!(
                            "write the {lang} text, or remove `{lang}:` to show another language's"
                        ));
                    }
                    langs.push(Translation { lang: key.name.clone(), text: s, loc: key.loc });
                }
            }
            Some(Text { loc: node.loc, plain: None, langs, markdown: None })
        }
        _ => {
            let msg = format!("`{what}` must be text or a map of language to text, not {}", node.type_name());
            r.error(codes::WRONG_TYPE, node.loc, msg).hint = Some("e.g. `{en: Health, fr: Santé}`".into());
            None
        }
    }
}

/// The diagnostic for HTML that nests too deep.
fn too_deep(r: &mut Reader, loc: Loc, what: &str) {
    let max = crate::core::nesting::MAX_DEPTH;
    r.error(
        codes::TOO_LARGE,
        loc,
        format!("{what} nests more than {max} elements deep (lists, quotes or HTML)"),
    )
    .hint = Some(format!(
        "close each element you open (`<div>` … `</div>`), and keep lists, quotes and HTML within {max} levels"
    ));
}

fn empty(r: &mut Reader, loc: Loc, what: &str) {
    r.error(codes::MISSING_FIELD, loc, format!("`{what}` is empty")).hint = Some(format!(
        "write the {what}, e.g. `{{en: …, fr: …}}`, or leave the field out where it is optional"
    ));
}

/// A Markdown body with the places of its links and images and the anchors
/// of its headings, from one parse; HTML that nests too deep is reported.
pub fn markdown(r: &mut Reader, source: &str, first_line: u32) -> Markdown {
    let mut links = Vec::new();
    let parser = Parser::new_ext(source, crate::core::markdown::options());
    // About one event for every 12 bytes of notes: sized once, not regrown.
    let mut events: Vec<Event> = Vec::with_capacity(source.len() / 12);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(source.len() / 12);
    for (event, range) in parser.into_offset_iter() {
        events.push(event);
        ranges.push(range);
    }
    let anchors = crate::core::markdown::heading_anchors(&mut events);
    if let Some(i) = crate::core::markdown::too_deep(&events) {
        too_deep(r, place(source, ranges[i].start, first_line), "the Markdown here");
    }
    for (at, mut link) in link_refs(source, events.into_iter().zip(ranges)) {
        // The underline starts at the target (`](here`), not at `[`.
        let start = if link.in_html { at.start } else { target_start(source, at) };
        link.loc = place(source, start, first_line);
        links.push(link);
    }
    Markdown { source: source.to_string(), first_line, links, anchors }
}

/// The links and images of Markdown `source` (parsed into `events`) to
/// check, each with the bytes of `source` it is written in: those to a
/// content file, and those whose scheme the site removes; not those that
/// leave the site (`https:`, `mailto:`, an e-mail autolink, `//host`). URLs
/// in raw HTML attributes (`<img src="…">`) too.
fn link_refs<'a>(
    source: &str,
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Range<usize>, LinkRef)> {
    let mut out = Vec::new();
    // The bytes of consecutive raw HTML events: a tag may span several.
    let mut html: Option<Range<usize>> = None;
    let flush = |html: &mut Option<Range<usize>>, out: &mut Vec<(Range<usize>, LinkRef)>| {
        let Some(run) = html.take() else { return };
        let Some(text) = source.get(run.clone()) else { return };
        for (at, url, is_image) in links::html_urls(text) {
            if let Some(link) = link_ref(&url, is_image, true) {
                out.push((run.start + at.start..run.start + at.end, link));
            }
        }
    };
    for (event, range) in events {
        let (target, is_image) = match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                html = Some(match html {
                    Some(run) => run.start..range.end.max(run.end),
                    None => range,
                });
                continue;
            }
            // `<a@b.org>`: pulldown-cmark gives the address alone, and writes
            // it as a `mailto:` link.
            Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => continue,
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => {
                flush(&mut html, &mut out);
                continue;
            }
        };
        flush(&mut html, &mut out);
        if let Some(link) = link_ref(&target, is_image, false) {
            out.push((range, link));
        }
    }
    flush(&mut html, &mut out);
    out
}

/// A link or image `target` to check, or `None` for one that leaves the site.
fn link_ref(target: &str, is_image: bool, in_html: bool) -> Option<LinkRef> {
    let removed_scheme =
        links::scheme(target).filter(|_| !links::allowed(target) && !links::is_drive(target));
    if removed_scheme.is_none() && is_external(target) {
        return None;
    }
    Some(LinkRef { target: target.to_string(), loc: Loc::default(), is_image, removed_scheme, in_html })
}

/// A Markdown text field (`mandate`, `summary`, `note`, …): a [`text`] with
/// its file and the links and images in each of its languages, placed in the
/// file (where the value holds them, as far as it can be told from the text);
/// HTML that nests too deep is reported.
pub fn markdown_text(r: &mut Reader, node: &Node, what: &str) -> Option<Text> {
    let mut t = text(r, node, what)?;
    let values: Vec<(&str, Loc)> = match &node.kind {
        NodeKind::Str(s) => vec![(s.as_str(), node.loc)],
        NodeKind::Map(entries) => entries
            .iter()
            .filter(|(k, _)| is_lang_code(&k.name))
            .filter_map(|(_, v)| match &v.kind {
                NodeKind::Str(s) => Some((s.as_str(), v.loc)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut links = Vec::new();
    for (value, loc) in values {
        let parsed: Vec<_> =
            Parser::new_ext(value, crate::core::markdown::options()).into_offset_iter().collect();
        // Its HTML may not nest deeper than rendering allows.
        let mut events: Vec<Event> = parsed.iter().map(|(e, _)| e.clone()).collect();
        crate::core::markdown::heading_anchors(&mut events);
        if crate::core::markdown::too_deep(&events).is_some() {
            too_deep(r, loc, &format!("this {what}"));
        }
        // Links and images all start with `[`, `!` or `<`; most texts have none.
        if !value.contains(['[', '<']) {
            continue;
        }
        let mut search = ValueSearch::new(r, loc, value.len());
        for (at, mut link) in link_refs(value, parsed.into_iter()) {
            link.loc = search.place(r, value.get(at).unwrap_or(""), loc);
            links.push(link);
        }
    }
    // Most texts have no link: nothing to check or rewrite, nothing kept.
    if !links.is_empty() {
        t.markdown = Some(Box::new(MarkdownField { file: r.file.to_string(), links }));
    }
    Some(t)
}

/// Where the links of one YAML string value stand in its file: each link's
/// Markdown is looked for in the file from the value's place on (and after
/// the link before it), within the stretch of file such a value can take.
struct ValueSearch {
    /// Byte offsets in the file: from here, up to `end`.
    from: usize,
    end: usize,
}

impl ValueSearch {
    fn new(r: &mut Reader, at: Loc, value_len: usize) -> ValueSearch {
        let from = offset_of(r, at).unwrap_or(r.source.len());
        // Quotes, escapes, indentation and folding stretch a value; not this far.
        let mut end =
            from.saturating_add(value_len.saturating_mul(4)).saturating_add(256).min(r.source.len());
        while !r.source.is_char_boundary(end) {
            end -= 1;
        }
        ValueSearch { from, end }
    }

    /// The place of `markdown` (a link's text in the value, from its first
    /// character), or the value's own place when it cannot be found (escapes).
    fn place(&mut self, r: &mut Reader, markdown: &str, value_loc: Loc) -> Loc {
        let first_line = markdown.lines().next().unwrap_or("");
        let within = r.source.get(self.from..self.end).unwrap_or("");
        match within.find(first_line).filter(|_| !first_line.is_empty()) {
            Some(at) => {
                let offset = self.from + at;
                self.from = offset + first_line.len();
                loc_at(r, offset)
            }
            None => value_loc,
        }
    }
}

/// The byte offset of `loc` in the reader's source, going on from the last
/// place looked up when `loc` is after it.
fn offset_of(r: &mut Reader, loc: Loc) -> Option<usize> {
    let (mut line, mut col, mut offset) =
        if loc >= r.seek.0 { (r.seek.0.line, r.seek.0.col, r.seek.1) } else { (1, 1, 0) };
    let source = r.source;
    for c in source.get(offset..)?.chars() {
        if line == loc.line && col == loc.col {
            break;
        }
        if line > loc.line {
            return None;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        offset += c.len_utf8();
    }
    (line == loc.line && col == loc.col).then(|| {
        r.seek = (loc, offset);
        offset
    })
}

/// The place of a byte offset in the reader's source, counted from the last
/// place looked up (which is before it).
fn loc_at(r: &mut Reader, offset: usize) -> Loc {
    let (start, from) = if offset >= r.seek.1 { r.seek } else { (Loc::new(1, 1), 0) };
    let (mut line, mut col) = (start.line, start.col);
    for c in r.source.get(from..offset).unwrap_or("").chars() {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    let loc = Loc::new(line, col);
    r.seek = (loc, offset);
    loc
}

/// Where a link's target is written within the link at `range`: after the
/// last `](` (and a `<`, if any) of an inline link `[text](target)`, else (a
/// reference link) the link's start. A diagnostic about the target is
/// placed on the target, not on the link's text.
fn target_start(source: &str, range: std::ops::Range<usize>) -> usize {
    let Some(raw) = source.get(range.clone()) else { return range.start };
    match raw.rfind("](") {
        Some(i) => {
            let after = &raw[i + 2..];
            let skipped = after.len() - after.trim_start().trim_start_matches('<').len();
            range.start + i + 2 + skipped
        }
        None => range.start,
    }
}

/// The line and column of a byte offset in a body that starts at `first_line`.
fn place(source: &str, offset: usize, first_line: u32) -> Loc {
    Loc::at(source, offset).shifted(first_line.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_links_have_places() {
        let md = markdown(
            &mut Reader::new("pages/p.md"),
            "Intro\n\nSee [group](../groups/a.yaml) and [web](https://x.org).\n![logo](../assets/l.png)\n",
            5,
        );
        assert_eq!(md.links.len(), 2);
        assert_eq!(md.links[0].target, "../groups/a.yaml");
        // Placed on the target, not on the link's text.
        assert_eq!(md.links[0].loc, Loc::new(7, 13));
        assert!(md.links[1].is_image);
        assert!(is_external("mailto:a@b.c") && !is_external("../a.md") && !is_external("#x"));
    }

    /// The Markdown field at `key` of a YAML `source`, read as the loaders do.
    fn field(source: &str, key: &str) -> (Text, Vec<crate::diag::Diagnostic>) {
        let node = crate::yaml::parse(source).unwrap();
        let mut r = Reader::with_source("groups/a.yaml", source);
        let NodeKind::Map(entries) = &node.kind else { panic!("a mapping") };
        let value = &entries.iter().find(|(k, _)| k.name == key).unwrap().1;
        let t = markdown_text(&mut r, value, key).unwrap();
        (t, r.diags)
    }

    fn places(t: &Text) -> Vec<(String, u32, u32)> {
        let f = t.markdown.as_ref().expect("a Markdown field");
        assert_eq!(f.file, "groups/a.yaml");
        f.links.iter().map(|l| (l.target.clone(), l.loc.line, l.loc.col)).collect()
    }

    #[test]
    fn links_in_yaml_markdown_fields_are_placed_in_the_value() {
        // Plain, quoted, folded, literal, and a language map over several lines.
        let plain = "name: x\nmandate: See [a](b.yaml) and [c](d.yaml).\n";
        assert_eq!(places(&field(plain, "mandate").0), [("b.yaml".into(), 2, 14), ("d.yaml".into(), 2, 30)]);
        let quoted = "mandate: \"Say \\\"hi\\\" [a](b.yaml)\"\n";
        assert_eq!(places(&field(quoted, "mandate").0), [("b.yaml".into(), 1, 22)]);
        let folded = "mandate:\n  en: >-\n    First line\n    then ![i](../assets/i.png)\n  fr: |\n    Ligne\n\n    [l](../pages/p.md#x)\n";
        assert_eq!(
            places(&field(folded, "mandate").0),
            [("../assets/i.png".into(), 4, 10), ("../pages/p.md#x".into(), 8, 5)]
        );
        // Reference links, links in tables and footnotes, autolinks.
        let more = "mandate: |\n  | a |\n  |---|\n  | [t](t.md) |\n\n  [r][1] and a note[^n].\n\n  [1]: r.md\n  [^n]: [f](f.md)\n";
        let found = places(&field(more, "mandate").0);
        let targets: Vec<&str> = found.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(targets, ["t.md", "r.md", "f.md"]);
        assert_eq!((found[0].1, found[0].2), (4, 5));
        assert_eq!((found[2].1, found[2].2), (9, 9));
        // Escapes the text cannot be matched through: the value's place.
        let escaped = "mandate: \"[a](b\\u0079.yaml)\"\n";
        assert_eq!(places(&field(escaped, "mandate").0), [("by.yaml".into(), 1, 10)]);
        // Non-ASCII text after the value: the stretch searched ends on a
        // character, wherever it falls.
        for pad in ["", "x"] {
            let wide = format!("mandate: '[a](b.yaml)'\nname: {pad}{}\n", "é".repeat(400));
            assert_eq!(places(&field(&wide, "mandate").0), [("b.yaml".into(), 1, 11)], "{pad:?}");
        }
        // No links: nothing to check or rewrite.
        let (t, diags) = field("mandate: {en: 'Plain [not a link]', fr: '<b>Texte</b>'}\n", "mandate");
        assert!(t.markdown.is_none() && diags.is_empty());
    }

    #[test]
    fn e_mail_autolinks_leave_the_site_and_other_schemes_are_reported() {
        // CommonMark examples 606 and 607, and other link kinds.
        let md = markdown(
            &mut Reader::new("pages/p.md"),
            "<foo@bar.example.com> <foo+special@Bar.baz-bar0.com> <irc://x.org/c> [j](javascript:alert(1))\n\n![d](data:image/png;base64,AA) <https://x.org> [m](mailto:a@b.org) [w](C:/Users/x.png)\n",
            1,
        );
        let kinds: Vec<(&str, Option<&str>)> =
            md.links.iter().map(|l| (l.target.as_str(), l.removed_scheme.as_deref())).collect();
        assert_eq!(
            kinds,
            [
                ("irc://x.org/c", Some("irc")),
                ("javascript:alert(1)", Some("javascript")),
                ("data:image/png;base64,AA", Some("data")),
                ("C:/Users/x.png", None),
            ]
        );
        assert!(md.links[2].is_image);
        assert_eq!(md.links[0].loc, Loc::new(1, 54));
    }

    #[test]
    fn a_language_code_in_capitals_gets_its_lower_case_as_a_hint() {
        let node = crate::yaml::parse("{en: CBSA, Fr: ASFC, xyz1: x}").unwrap();
        let mut r = Reader::new("meetings/m.md");
        text(&mut r, &node, "owner");
        let hints: Vec<&str> = r.diags.iter().filter_map(|d| d.hint.as_deref()).collect();
        assert_eq!(hints.len(), 2, "{hints:?}");
        assert_eq!(hints[0], "did you mean `fr`? Language codes are in lower case");
        assert!(hints[1].starts_with("a text is a string or a map"), "{hints:?}");
    }
}
