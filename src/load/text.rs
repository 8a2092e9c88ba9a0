//! Reading text fields (a string or a language map) and Markdown bodies.

use pulldown_cmark::{Event, Parser, Tag};

use crate::diag::codes;
use crate::model::{LinkRef, Markdown, Text, Translation};
use crate::yaml::{Loc, Node, NodeKind, Reader};

/// A text field: `Border Security` or `{en: Border Security, fr: …}`.
/// An empty text (`""`, `{}`, `{en: ""}`) is refused: a page would show a
/// title or name of nothing. It is still returned, so that what holds it
/// stays known and its mistake is reported once.
pub fn text(r: &mut Reader, node: &Node, what: &str) -> Option<Text> {
    match &node.kind {
        NodeKind::Str(s) if s.trim().is_empty() => {
            empty(r, node.loc, what);
            Some(Text { loc: node.loc, plain: Some(s.clone()), langs: Vec::new() })
        }
        NodeKind::Map(entries) if entries.is_empty() => {
            empty(r, node.loc, what);
            Some(Text { loc: node.loc, plain: None, langs: Vec::new() })
        }
        NodeKind::Str(s) => Some(Text { loc: node.loc, plain: Some(s.clone()), langs: Vec::new() }),
        NodeKind::Int(_) | NodeKind::Float(_) => {
            Some(Text { loc: node.loc, plain: r.string(node, what), langs: Vec::new() })
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
            Some(Text { loc: node.loc, plain: None, langs })
        }
        _ => {
            let msg = format!("`{what}` must be text or a map of language to text, not {}", node.type_name());
            r.error(codes::WRONG_TYPE, node.loc, msg).hint = Some("e.g. `{en: Health, fr: Santé}`".into());
            None
        }
    }
}

fn empty(r: &mut Reader, loc: Loc, what: &str) {
    r.error(codes::MISSING_FIELD, loc, format!("`{what}` is empty")).hint = Some(format!(
        "write the {what}, e.g. `{{en: …, fr: …}}`, or leave the field out where it is optional"
    ));
}

/// `en`, `fr`, `es`: two or three lowercase letters.
pub fn is_lang_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

/// A Markdown body with the places of its links and images and the anchors
/// of its headings, from one parse.
pub fn markdown(source: &str, first_line: u32) -> Markdown {
    let mut links = Vec::new();
    let parser = Parser::new_ext(source, crate::render::markdown::options());
    // About one event for every 12 bytes of notes: sized once, not regrown.
    let mut events: Vec<Event> = Vec::with_capacity(source.len() / 12);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::with_capacity(source.len() / 12);
    for (event, range) in parser.into_offset_iter() {
        events.push(event);
        ranges.push(range);
    }
    let anchors = crate::render::markdown::heading_anchors(&mut events);
    for (event, range) in events.into_iter().zip(ranges) {
        let (target, is_image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        if is_external(&target) {
            continue;
        }
        links.push(LinkRef {
            target: target.to_string(),
            loc: place(source, target_start(source, range), first_line),
            is_image,
        });
    }
    Markdown { source: source.to_string(), first_line, links, anchors }
}

/// True for links that leave the site: `https:`, `mailto:`, `//host`.
pub fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || target.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
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
    // Offsets come from the Markdown parser; a stray one still must not
    // cut a character in two.
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Loc::new(first_line + line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_links_have_places() {
        let md = markdown(
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
