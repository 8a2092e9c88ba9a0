//! The book as an accessible PDF (PDF/UA-1, as far as it can be checked
//! here). Chromium tags the book (`--export-tagged-pdf`): headings, lists,
//! tables with their headers' scope, and a figure's `/Alt` from its ARIA
//! name. What it leaves undone is done here, on the printed PDF, as an
//! incremental update (the printed bytes stay as they are):
//!
//! - What the `@page` margin boxes draw (the marking, "Page N of M", the
//!   running header) and what CSS generates (a status's symbol) is drawn
//!   outside any marked-content sequence: neither content nor artifact.
//!   Each such text, path or image is wrapped as an artifact, those drawn
//!   before the page's first tagged content (the margin boxes, which
//!   Chromium paints first) as pagination artifacts.
//! - Link annotations get a `/Contents`: the heading of the section they
//!   lead to (its `aria-labelledby` title, or its own text), from the book's
//!   HTML.
//! - `/DisplayDocTitle` is set in `/ViewerPreferences` if missing.
//!
//! [`audit`] reads a PDF's structure and content back and says what is still
//! missing; the book declares PDF/UA-1 only when nothing is.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream};

/// What [`accessible`] did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Done {
    /// Untagged texts, paths and images marked as artifacts, on every page.
    pub artifacts: usize,
    /// Link annotations given a description.
    pub links: usize,
}

/// `bytes` (a PDF printed by Chromium from `html`) with its untagged content
/// marked as artifacts, its links described and its title displayed, as an
/// incremental update.
pub fn accessible(bytes: &[u8], html: &str) -> Result<(Vec<u8>, Done), String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("the PDF cannot be read: {e}"))?;
    let mut done = Done::default();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut contents: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    let mut described: Vec<(ObjectId, Option<usize>, String)> = Vec::new();
    for &page in &pages {
        let raw = doc.get_page_content(page);
        if !raw.is_empty() {
            let ops = operators(&raw).ok_or("a page's content cannot be read")?;
            let names: Vec<&str> = ops.iter().map(|o| o.name).collect();
            let edits = artifact_edits(&names);
            if !edits.is_empty() {
                done.artifacts += opened(&edits);
                contents.push((page, with_edits(&raw, &ops, &edits)));
            }
        }
        let Ok(page_dict) = doc.get_dictionary(page) else { continue };
        let Ok(annots) = page_dict.get_deref(b"Annots", &doc).and_then(Object::as_array) else { continue };
        for (i, annot) in annots.iter().enumerate() {
            // An annotation is its own object, or held in the page's array.
            let (holder, index, dict) = match annot {
                Object::Reference(id) => match doc.get_dictionary(*id) {
                    Ok(d) => (*id, None, d),
                    Err(_) => continue,
                },
                Object::Dictionary(d) => (page, Some(i), d),
                _ => continue,
            };
            if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice())
                || dict.get(b"Contents").is_ok()
            {
                continue;
            }
            if let Some(text) = link_description(&doc, dict, html) {
                described.push((holder, index, text));
            }
        }
    }
    let mut inc = IncrementalDocument::create_from(bytes.to_vec(), doc);
    for (page, encoded) in contents {
        let mut stream = Stream::new(Dictionary::new(), encoded);
        let _ = stream.compress();
        let id = inc.new_document.add_object(stream);
        inc.opt_clone_object_to_new_document(page).map_err(|e| e.to_string())?;
        let page = inc.new_document.get_dictionary_mut(page).map_err(|e| e.to_string())?;
        page.set("Contents", Object::Reference(id));
    }
    for (id, index, text) in described {
        inc.opt_clone_object_to_new_document(id).map_err(|e| e.to_string())?;
        let holder = inc.new_document.get_dictionary_mut(id).map_err(|e| e.to_string())?;
        let annot = match index {
            None => Some(holder),
            Some(i) => match holder.get_mut(b"Annots") {
                Ok(Object::Array(a)) => a.get_mut(i).and_then(|a| a.as_dict_mut().ok()),
                _ => None,
            },
        };
        if let Some(annot) = annot {
            annot.set("Contents", lopdf::text_string(&text));
            done.links += 1;
        }
    }
    let catalog_id = inc
        .get_prev_documents()
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let shown = inc
        .get_prev_documents()
        .get_dictionary(catalog_id)
        .ok()
        .and_then(|c| c.get_deref(b"ViewerPreferences", inc.get_prev_documents()).ok())
        .and_then(|v| v.as_dict().ok())
        .and_then(|v| v.get(b"DisplayDocTitle").ok())
        .and_then(|v| v.as_bool().ok())
        == Some(true);
    if !shown {
        inc.opt_clone_object_to_new_document(catalog_id).map_err(|e| e.to_string())?;
        let catalog = inc.new_document.get_dictionary_mut(catalog_id).map_err(|e| e.to_string())?;
        catalog.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))])),
        );
    }
    let mut out = Vec::with_capacity(bytes.len() + 64 * 1024);
    inc.save_to(&mut out).map_err(|e| format!("the PDF cannot be written: {e}"))?;
    Ok((out, done))
}

/// Operators that paint text.
fn shows_text(op: &str) -> bool {
    matches!(op, "Tj" | "TJ" | "'" | "\"")
}

/// Operators that build a path.
fn builds_path(op: &str) -> bool {
    matches!(op, "m" | "l" | "c" | "v" | "y" | "h" | "re")
}

/// Operators that end a path; all but `n` paint it.
fn ends_path(op: &str) -> bool {
    matches!(op, "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n")
}

/// What is written before a pagination artifact, before any other artifact,
/// and after either.
const PAGINATION: &[u8] = b"\n/Artifact <</Type /Pagination>> BDC\n";
const ARTIFACT: &[u8] = b"\n/Artifact BMC\n";
const END: &[u8] = b"\nEMC\n";

/// Where to write what: before the operator of that index (the number of
/// operators for the end of the stream).
type Edits = Vec<(usize, &'static [u8])>;

/// Where the operators `ops` (their names, in order) need artifact marks:
/// every text object, painted path, image or shading drawn outside a
/// marked-content sequence is wrapped (as a pagination artifact for text
/// drawn before the first marked content); a text object that holds marked
/// content itself has its untagged text operators wrapped one by one.
pub fn artifact_edits(ops: &[&str]) -> Edits {
    let mut edits = Edits::new();
    let mut depth = 0i32;
    let mut seen_marked = false;
    let mut i = 0;
    while i < ops.len() {
        match ops[i] {
            "BDC" | "BMC" => {
                depth += 1;
                seen_marked = true;
                i += 1;
            }
            "EMC" => {
                depth -= 1;
                i += 1;
            }
            "BT" if depth <= 0 => {
                let Some(end) = ops[i..].iter().position(|o| *o == "ET").map(|p| i + p) else { break };
                let unit = &ops[i..=end];
                let marked = unit.iter().any(|o| matches!(*o, "BDC" | "BMC" | "EMC"));
                if !marked && unit.iter().any(|o| shows_text(o)) {
                    edits.push((i, if seen_marked { ARTIFACT } else { PAGINATION }));
                    edits.push((end + 1, END));
                } else if marked {
                    for (k, o) in unit.iter().enumerate() {
                        match *o {
                            "BDC" | "BMC" => {
                                depth += 1;
                                seen_marked = true;
                            }
                            "EMC" => depth -= 1,
                            show if depth <= 0 && shows_text(show) => {
                                edits.push((i + k, ARTIFACT));
                                edits.push((i + k + 1, END));
                            }
                            _ => {}
                        }
                    }
                }
                i = end + 1;
            }
            build if depth <= 0 && builds_path(build) => {
                let end = ops[i..].iter().position(|o| !builds_path(o)).map(|p| i + p);
                // W or W* may stand between the path and what ends it.
                let end = end.map(|e| if matches!(ops[e], "W" | "W*") { e + 1 } else { e });
                match end {
                    Some(e) if e < ops.len() && ends_path(ops[e]) => {
                        if ops[e] != "n" {
                            edits.push((i, ARTIFACT));
                            edits.push((e + 1, END));
                        }
                        i = e + 1;
                    }
                    _ => i += 1,
                }
            }
            "Do" | "sh" | "BI" if depth <= 0 => {
                edits.push((i, ARTIFACT));
                edits.push((i + 1, END));
                i += 1;
            }
            _ => i += 1,
        }
    }
    edits
}

/// How many artifacts `edits` open.
fn opened(edits: &Edits) -> usize {
    edits.iter().filter(|(_, e)| *e != END).count()
}

/// One operator of a content stream: its name, and the bytes from the end
/// of the operator before it to its own end (its operands included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Op<'a> {
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The operators of the content stream `content`, read as PDF's syntax has
/// them (strings, names, arrays, dictionaries, comments and inline images
/// skipped over), or `None` when it cannot be read so.
pub fn operators(content: &[u8]) -> Option<Vec<Op<'_>>> {
    let delimiter = |b: u8| matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%');
    let space = |b: u8| matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut ops = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let n = content.len();
    while i < n {
        let b = content[i];
        match b {
            _ if space(b) => i += 1,
            b'%' => i += content[i..].iter().position(|&c| c == b'\n' || c == b'\r').unwrap_or(n - i),
            b'(' => {
                let mut depth = 0usize;
                loop {
                    match content.get(i)? {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if content.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if content.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => i += content[i..].iter().position(|&c| c == b'>')? + 1,
            b'[' | b']' | b'{' | b'}' => i += 1,
            b'/' => {
                i += 1;
                while i < n && !space(content[i]) && !delimiter(content[i]) {
                    i += 1;
                }
            }
            b')' | b'>' => return None,
            _ => {
                let word_start = i;
                while i < n && !space(content[i]) && !delimiter(content[i]) {
                    i += 1;
                }
                let word = std::str::from_utf8(&content[word_start..i]).ok()?;
                let number = word.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+'));
                if number || matches!(word, "true" | "false" | "null") {
                    continue;
                }
                if word == "BI" {
                    // An inline image: its dictionary, ID, one space, its
                    // data, then EI standing alone.
                    let data = i + memchr::memmem::find(&content[i..], b"ID")? + 3;
                    let mut at = data;
                    loop {
                        let found = at + memchr::memmem::find(&content[at..], b"EI")?;
                        let before = found.checked_sub(1).is_some_and(|p| space(content[p]));
                        let after = content.get(found + 2).is_none_or(|&c| space(c));
                        at = found + 2;
                        if before && after {
                            break;
                        }
                    }
                    i = at;
                }
                ops.push(Op { name: word, start, end: i });
                start = i;
            }
        }
    }
    Some(ops)
}

/// `content` with the marks of `edits` written in between its operators
/// `ops`; every byte of it kept as it was.
fn with_edits(content: &[u8], ops: &[Op<'_>], edits: &Edits) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + edits.len() * 16);
    let mut copied = 0;
    for &(before, mark) in edits {
        let at = ops.get(before).map_or(content.len(), |op| op.start);
        out.extend_from_slice(&content[copied..at]);
        out.extend_from_slice(mark);
        copied = at;
    }
    out.extend_from_slice(&content[copied..]);
    out
}

/// What a link annotation leads to, in words: the heading of the section it
/// names in the book, else its anchor; a web address as itself.
fn link_description(doc: &Document, annot: &Dictionary, html: &str) -> Option<String> {
    let name = |o: &Object| match o {
        Object::String(s, _) | Object::Name(s) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    };
    let dest = annot.get_deref(b"Dest", doc).ok().and_then(name).or_else(|| {
        let action = annot.get_deref(b"A", doc).ok()?.as_dict().ok()?;
        match action.get(b"S").and_then(Object::as_name).ok()? {
            b"GoTo" => action.get_deref(b"D", doc).ok().and_then(name),
            b"URI" => action.get_deref(b"URI", doc).ok().and_then(name).map(|u| format!("\u{1}{u}")),
            _ => None,
        }
    })?;
    if let Some(uri) = dest.strip_prefix('\u{1}') {
        return Some(uri.to_string());
    }
    Some(heading_of(html, &dest).unwrap_or(dest))
}

/// The words that name the element `id="anchor"` of `html`: the text of the
/// element its `aria-labelledby` names, else its own text, at most about 160
/// characters.
pub fn heading_of(html: &str, anchor: &str) -> Option<String> {
    let (tag, start, inner) = element(html, anchor)?;
    let open_tag = &html[start..inner];
    let labelled = attribute(open_tag, "aria-labelledby")
        .and_then(|ids| {
            let words: Vec<String> = ids.split_whitespace().filter_map(|id| element_text(html, id)).collect();
            (!words.is_empty()).then(|| words.join(" "))
        })
        .filter(|t| !t.is_empty());
    let text = labelled.or_else(|| text_until_close(html, &tag, inner)).filter(|t| !t.is_empty())?;
    Some(shorten(&text, 160))
}

fn element_text(html: &str, id: &str) -> Option<String> {
    let (tag, _, inner) = element(html, id)?;
    text_until_close(html, &tag, inner)
}

/// The element with `id="id"`: its tag name, where its start tag begins and
/// where its content begins.
fn element(html: &str, id: &str) -> Option<(String, usize, usize)> {
    let needle = format!(" id=\"{}\"", crate::html::escape_html(id));
    let at = html.find(&needle)?;
    let start = html[..at].rfind('<')?;
    let inner = start + html[start..].find('>')? + 1;
    let tag: String = html[start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    Some((tag.to_ascii_lowercase(), start, inner))
}

/// The value of `name="…"` in a start tag.
fn attribute(open_tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let at = open_tag.find(&needle)? + needle.len();
    let len = open_tag[at..].find('"')?;
    Some(super::book::unescape(&open_tag[at..at + len]))
}

/// The text of `html` from `from` to the end tag of `tag` that closes it,
/// its tags dropped, its entities undone and its spaces collapsed.
fn text_until_close(html: &str, tag: &str, from: usize) -> Option<String> {
    let mut depth = 1;
    let mut text = String::new();
    let mut rest = &html[from..];
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let gt = rest.find('>')? + 1;
        let t = &rest[..gt];
        let name: String =
            t.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name.eq_ignore_ascii_case(tag) {
            if t.starts_with("</") {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            } else if !t.ends_with("/>") {
                depth += 1;
            }
        }
        // A block ends a word as a space would.
        text.push(' ');
        rest = &rest[gt..];
    }
    let text = super::book::unescape(&text);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` cut at a word to at most about `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

/// What a PDF still lacks of what [`accessible`] and Chromium give it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Audit {
    /// `/Figure` structure elements with neither `/Alt` nor `/ActualText`.
    pub figures_without_alt: usize,
    /// Every `/Figure` structure element.
    pub figures: usize,
    /// Pages (1 for the first) with text, paths or images drawn outside any
    /// marked-content sequence, and how many.
    pub untagged: BTreeMap<u32, usize>,
    /// Link annotations without `/Contents`.
    pub links_without_contents: usize,
    pub links: usize,
    /// `/DisplayDocTitle` is true in `/ViewerPreferences`.
    pub title_displayed: bool,
    /// The catalog has a structure tree, `/MarkInfo /Marked true` and `/Lang`.
    pub tagged: bool,
}

impl Audit {
    /// What is missing, in words.
    pub fn lacking(&self) -> String {
        let mut missing = Vec::new();
        if self.figures_without_alt > 0 {
            missing.push(format!(
                "{} of {} figures have no description (an image needs its alt text)",
                self.figures_without_alt, self.figures
            ));
        }
        if !self.untagged.is_empty() {
            let pages: Vec<String> = self.untagged.keys().map(u32::to_string).collect();
            missing.push(format!("untagged content on page {}", pages.join(", ")));
        }
        if self.links_without_contents > 0 {
            missing
                .push(format!("{} of {} links have no description", self.links_without_contents, self.links));
        }
        if !self.title_displayed {
            missing.push("its title is not displayed".to_string());
        }
        if !self.tagged {
            missing.push("it is not tagged, or has no language".to_string());
        }
        missing.join("; ")
    }

    /// Nothing is missing.
    pub fn passes(&self) -> bool {
        self.figures_without_alt == 0
            && self.untagged.is_empty()
            && self.links_without_contents == 0
            && self.title_displayed
            && self.tagged
    }
}

/// Reads `doc` back: its figures, its untagged content, its links.
pub fn audit(doc: &Document) -> Audit {
    let mut audit = Audit::default();
    let Ok(catalog) = doc.catalog() else { return audit };
    audit.title_displayed = catalog
        .get_deref(b"ViewerPreferences", doc)
        .and_then(Object::as_dict)
        .and_then(|v| v.get(b"DisplayDocTitle"))
        .and_then(Object::as_bool)
        .unwrap_or(false);
    let marked = catalog
        .get_deref(b"MarkInfo", doc)
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool)
        .unwrap_or(false);
    let tree = catalog.get_deref(b"StructTreeRoot", doc).and_then(Object::as_dict).ok();
    audit.tagged = marked && tree.is_some() && catalog.get(b"Lang").is_ok();
    if let Some(tree) = tree {
        let mut todo: Vec<&Object> = tree.get(b"K").into_iter().collect();
        let mut seen = 0usize;
        while let Some(node) = todo.pop() {
            seen += 1;
            if seen > 1_000_000 {
                break;
            }
            let node = match node {
                Object::Reference(id) => match doc.get_object(*id) {
                    Ok(o) => o,
                    Err(_) => continue,
                },
                o => o,
            };
            match node {
                Object::Array(kids) => todo.extend(kids.iter()),
                Object::Dictionary(d) => {
                    if d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure".as_slice()) {
                        audit.figures += 1;
                        if d.get(b"Alt").is_err() && d.get(b"ActualText").is_err() {
                            audit.figures_without_alt += 1;
                        }
                    }
                    if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"OBJR".as_slice())
                        && let Ok(k) = d.get(b"K")
                    {
                        todo.push(k);
                    }
                }
                _ => {}
            }
        }
    }
    for (n, page) in doc.get_pages() {
        let raw = doc.get_page_content(page);
        let names: Vec<&str> = operators(&raw).unwrap_or_default().iter().map(|o| o.name).collect();
        let untagged = opened(&artifact_edits(&names));
        if untagged > 0 {
            audit.untagged.insert(n, untagged);
        }
        let Ok(annots) =
            doc.get_dictionary(page).and_then(|p| p.get_deref(b"Annots", doc)).and_then(Object::as_array)
        else {
            continue;
        };
        for annot in annots {
            let annot = match annot {
                Object::Reference(id) => doc.get_dictionary(*id).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            };
            let Some(annot) = annot else { continue };
            if annot.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link".as_slice()) {
                audit.links += 1;
                if annot.get(b"Contents").is_err() {
                    audit.links_without_contents += 1;
                }
            }
        }
    }
    audit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_drawing_becomes_artifacts_and_tagged_content_stays() {
        // The margin boxes first (a text object and a rule), then tagged
        // text, a path used only to clip, generated content (a symbol), an
        // image, and a text object that is partly tagged.
        let content = b"q BT /F1 9 Tf (UNCLASSIFIED) Tj ET 0 0 10 1 re f Q\n\
            /P <</MCID 0>> BDC BT [(Tagged) -20 (text)] TJ ET EMC\n\
            0 0 5 5 re W n BT (\\\\\\(x\\)) Tj ET /Im1 Do\n\
            BT (a) Tj /Span <</ActualText (\xfe\xff)>> BDC (b) Tj EMC ET % done\n";
        let ops = operators(content).unwrap();
        let names: Vec<&str> = ops.iter().map(|o| o.name).collect();
        assert_eq!(
            names,
            [
                "q", "BT", "Tf", "Tj", "ET", "re", "f", "Q", "BDC", "BT", "TJ", "ET", "EMC", "re", "W", "n",
                "BT", "Tj", "ET", "Do", "BT", "Tj", "BDC", "Tj", "EMC", "ET"
            ]
        );
        let edits = artifact_edits(&names);
        assert_eq!(opened(&edits), 5);
        let marked = with_edits(content, &ops, &edits);
        let text = String::from_utf8_lossy(&marked);
        let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            squeezed,
            "q /Artifact <</Type /Pagination>> BDC BT /F1 9 Tf (UNCLASSIFIED) Tj ET EMC \
             /Artifact BMC 0 0 10 1 re f EMC Q /P <</MCID 0>> BDC BT [(Tagged) -20 (text)] TJ ET EMC \
             0 0 5 5 re W n /Artifact BMC BT (\\\\\\(x\\)) Tj ET EMC /Artifact BMC /Im1 Do EMC \
             BT /Artifact BMC (a) Tj EMC /Span <</ActualText (\u{fffd}\u{fffd})>> BDC (b) Tj EMC ET % done"
        );
        // Every byte of the page is kept, in order: only the marks are added.
        let mut kept = marked.clone();
        for mark in [PAGINATION, ARTIFACT, END] {
            while let Some(at) = memchr::memmem::find(&kept, mark) {
                kept.drain(at..at + mark.len());
            }
        }
        assert_eq!(kept, content);
        // Marked once, there is nothing left to mark.
        let again = operators(&marked).unwrap();
        assert_eq!(opened(&artifact_edits(&again.iter().map(|o| o.name).collect::<Vec<_>>())), 0);
        // An inline image is one operator, whatever its data holds.
        let inline = b"BI /W 1 /H 1 ID \x01EI (x) EI\nQ";
        let ops = operators(inline).unwrap();
        assert_eq!(ops.iter().map(|o| o.name).collect::<Vec<_>>(), ["BI", "Q"]);
        assert_eq!(operators(b"(unclosed Tj"), None);
    }

    #[test]
    fn an_audit_passes_only_when_nothing_is_missing_and_says_what_is() {
        let full = Audit { figures: 2, links: 3, title_displayed: true, tagged: true, ..Audit::default() };
        assert!(full.passes());
        assert_eq!(full.lacking(), "");
        let lacking = Audit {
            figures_without_alt: 1,
            untagged: BTreeMap::from([(2, 4), (5, 1)]),
            links_without_contents: 3,
            ..full.clone()
        };
        assert!(!lacking.passes());
        assert_eq!(
            lacking.lacking(),
            "1 of 2 figures have no description (an image needs its alt text); untagged content on page 2, 5; 3 of 3 links have no description"
        );
        assert!(!Audit { title_displayed: false, ..full.clone() }.passes());
        assert!(!Audit { tagged: false, ..full }.passes());
    }

    #[test]
    fn a_link_is_named_by_the_heading_of_where_it_leads() {
        let html = r#"<section id="_group-health" class="x" aria-labelledby="_group-health-title"><h2 id="_group-health-title">Health <span class="n">&amp; care</span></h2><p>Body</p></section>
<h3 id="_plain">A <em>plain</em>
 heading</h3><li id="fn-1"><p>A footnote that goes on and on</p></li>"#;
        assert_eq!(heading_of(html, "_group-health").as_deref(), Some("Health & care"));
        assert_eq!(heading_of(html, "_plain").as_deref(), Some("A plain heading"));
        assert_eq!(heading_of(html, "fn-1").as_deref(), Some("A footnote that goes on and on"));
        assert_eq!(heading_of(html, "_missing"), None);
        let long = format!("<h2 id=\"x\">{}</h2>", "word ".repeat(100));
        let short = heading_of(&long, "x").unwrap();
        assert!(short.chars().count() <= 161 && short.ends_with("word…"), "{short}");
    }
}
