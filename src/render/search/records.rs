//! A page's records for the search index: the page itself, and each part
//! of it the theme marks as a result of its own (a decision, an action:
//! `data-search-record="<its kind>"`, with `id` and `data-search-title`).
//! Each such part is indexed as a document of its own at the page's
//! address and its anchor (`meetings/2021-05-26/index.html#_decision-2`),
//! with its kind as a filter and in its metadata, and its title; the page
//! is indexed without it, so that a decision's words find the decision,
//! once, and not the meeting again. The page served is as written.
//!
//! Must not import `load`, `yaml`, `validate`, `site`, `cli`, `serve`, `pdf`.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

/// What marks a part of a page as a result of its own; its value is the
/// part's kind, as the search's Kind filter offers it.
pub const RECORD: &str = "data-search-record";

/// The elements marked.
const SELECTOR: &str = "[data-search-record]";

/// The part's title in a result (its kind and reference, and its meeting).
const TITLE: &str = "data-search-title";

/// Where a part begins and ends in the page read again: comments, which
/// neither the templates (they escape `<` in text) nor the sanitized notes
/// (they keep no comment) can write.
const BEGIN: &str = "<!--briefing-search-record-->";
const END: &str = "<!--/briefing-search-record-->";

/// A document to index: its address from the site's root (`/…`) and its HTML.
pub type Document = (String, String);

/// The documents of the page at `path` (from the site's root): the page
/// without its records, then each record at `/path#id`, in the page's order.
/// A page with no record (or one that cannot be read as such) is itself.
pub fn documents(path: &str, html: String) -> Vec<Document> {
    let url = format!("/{path}");
    if !html.contains(RECORD) || html.contains(BEGIN) || html.contains(END) {
        return vec![(url, html)];
    }
    let found: Rc<RefCell<Vec<Found>>> = Rc::default();
    let open = Rc::new(RefCell::new(false));
    let marked = rewrite_str(
        &html,
        RewriteStrSettings::new().append_element_content_handler(element!(SELECTOR, {
            let (found, open) = (found.clone(), open.clone());
            move |el| {
                // A record inside a record stays part of the outer one.
                let id =
                    el.get_attribute("id").filter(|id| !id.is_empty() && !id.contains(char::is_whitespace));
                let (Some(id), false) = (id, *open.borrow()) else { return Ok(()) };
                let Some(handlers) = el.end_tag_handlers() else { return Ok(()) };
                let open_end = open.clone();
                let close: lol_html::EndTagHandler<'static> = Box::new(move |end| {
                    end.after(END, ContentType::Html);
                    *open_end.borrow_mut() = false;
                    Ok(())
                });
                handlers.push(close);
                *open.borrow_mut() = true;
                let kind = el.get_attribute(RECORD).unwrap_or_default();
                let title = el.get_attribute(TITLE).unwrap_or_default();
                found.borrow_mut().push(Found { id, kind, title });
                el.before(BEGIN, ContentType::Html);
                Ok(())
            }
        })),
    );
    let found = found.take();
    let Ok(marked) = marked else { return vec![(url, html)] };
    let mut page = String::with_capacity(marked.len());
    let mut parts = Vec::with_capacity(found.len());
    let mut rest = marked.as_str();
    while let Some(b) = rest.find(BEGIN) {
        page.push_str(&rest[..b]);
        let inner = &rest[b + BEGIN.len()..];
        let Some(e) = inner.find(END) else {
            // An unclosed part (not written by the templates): the page as is.
            return vec![(url, html)];
        };
        parts.push(&inner[..e]);
        rest = &inner[e + END.len()..];
    }
    page.push_str(rest);
    if parts.len() != found.len() {
        return vec![(url, html)];
    }
    let lang = lang_attribute(&html);
    let mut out = Vec::with_capacity(parts.len() + 1);
    out.push((url.clone(), page));
    for (part, f) in parts.into_iter().zip(found) {
        out.push((format!("{url}#{}", f.id), record(&lang, &f, part)));
    }
    out
}

/// A marked part of a page.
struct Found {
    id: String,
    kind: String,
    title: String,
}

/// The part as a document of its own: its kind a filter and its metadata
/// (one of each to an attribute: Pagefind reads `a:x, b:y` as one value),
/// its title its metadata, in the page's language.
fn record(lang: &str, f: &Found, part: &str) -> String {
    let (kind, title) = (attribute(&f.kind), attribute(&f.title));
    format!(
        "<!doctype html><html{lang}><head><meta charset=\"utf-8\"></head><body>\
         <div data-pagefind-body data-pagefind-filter=\"kind:{kind}\">\
         <div data-pagefind-meta=\"kind:{kind}\"><div data-pagefind-meta=\"title:{title}\">{part}</div></div>\
         </div></body></html>"
    )
}

/// ` lang="…"` as the page's `<html>` element has it, or nothing.
fn lang_attribute(html: &str) -> String {
    let mut end = html.len().min(4096);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let head = &html[..end];
    let Some(at) = head.find("<html") else { return String::new() };
    let tag = &head[at..head[at..].find('>').map_or(head.len(), |e| at + e)];
    let Some(l) = tag.find(" lang=\"") else { return String::new() };
    let value = &tag[l + 7..];
    let value = &value[..value.find('"').unwrap_or(value.len())];
    format!(" lang=\"{}\"", attribute(value))
}

/// `s` escaped for a double-quoted attribute.
fn attribute(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_marked_part_is_a_document_of_its_own_and_leaves_the_page() {
        let html = "<!doctype html><html lang=\"fr\"><body><main data-pagefind-body><h1>Réunion</h1>\
             <ul><li id=\"_decision-1\" data-search-record=\"Décision\" data-search-title=\"Décision 1 — Réunion, mai\">Approuvé <b>A</b><ul><li>x</li></ul></li>\
             <li id=\"_decision-2\" data-search-record=\"Décision\">Approuvé B</li>\
             <li data-search-record=\"Décision\">sans ancre</li></ul><p>Suite</p></main></body></html>";
        let docs = documents("fr/meetings/a/index.html", html.to_string());
        let urls: Vec<&str> = docs.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(
            urls,
            [
                "/fr/meetings/a/index.html",
                "/fr/meetings/a/index.html#_decision-1",
                "/fr/meetings/a/index.html#_decision-2"
            ]
        );
        let page = &docs[0].1;
        assert!(
            !page.contains("Approuvé") && page.contains("sans ancre") && page.contains("<p>Suite</p>"),
            "{page}"
        );
        let one = &docs[1].1;
        assert!(one.starts_with("<!doctype html><html lang=\"fr\">"), "{one}");
        assert!(one.contains("data-pagefind-filter=\"kind:Décision\""), "{one}");
        assert!(one.contains("data-pagefind-meta=\"title:Décision 1 — Réunion, mai\""), "{one}");
        assert!(one.contains("Approuvé <b>A</b><ul><li>x</li></ul></li>"), "{one}");
        assert!(!one.contains("Approuvé B"), "{one}");
    }

    #[test]
    fn the_language_is_read_from_a_head_of_any_characters() {
        let html = format!("<!doctype html><html lang=\"fr\"><title>{}</title>", "É".repeat(3000));
        assert_eq!(lang_attribute(&html), " lang=\"fr\"");
        assert_eq!(lang_attribute(&"É".repeat(3000)), "");
    }

    #[test]
    fn a_page_without_records_or_with_the_markers_in_it_is_itself() {
        for html in [
            "<html><body><p>x</p></body></html>",
            "<html><body><!--briefing-search-record--><li id=\"a\" data-search-record=\"K\">x</li></body></html>",
        ] {
            let docs = documents("p/index.html", html.to_string());
            assert_eq!(docs, vec![("/p/index.html".to_string(), html.to_string())]);
        }
    }
}
