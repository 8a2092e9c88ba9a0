//! The book's page numbers and metadata. Chromium has no `target-counter()`,
//! so the book is printed, the printed PDF's named destinations (Chromium
//! writes one in `/Dests` for every element an internal link points to) give
//! the page of each anchor, and the numbers are written into the book's
//! page references before it is printed again.
//!
//! A page reference is the theme's one marker,
//! `<span class="page-ref" data-ref="ANCHOR"></span>`, empty as the build
//! writes it; [`fill`] puts the page number of `ANCHOR` inside. Before the
//! numbers are known it puts a hidden placeholder of two digits, so that the
//! first print lays the lines out as the numbered one will.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, IncrementalDocument, Object, Stream};

/// Where a page reference starts; it goes on to the anchor, `"></span>`.
const MARKER: &str = "<span class=\"page-ref\" data-ref=\"";
const MARKER_END: &str = "\"></span>";

/// Anchor → page number (1 for the first page).
pub type Pages = BTreeMap<String, u32>;

/// The anchors the page references of `html` name, in order, each once.
pub fn refs(html: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for (_, anchor, _) in markers(html) {
        if !seen.contains(&anchor) {
            seen.push(anchor);
        }
    }
    seen
}

/// Each marker of `html`: where it starts, its anchor (unescaped) and where
/// it ends. A marker that is not closed right after its anchor is not one.
fn markers(html: &str) -> Vec<(usize, String, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(MARKER) {
        let start = from + at;
        let value = start + MARKER.len();
        from = value;
        let Some(close) = html[value..].find('"') else { break };
        let raw = &html[value..value + close];
        if raw.contains(['<', '>']) || !html[value + close..].starts_with(MARKER_END) {
            continue;
        }
        let end = value + close + MARKER_END.len();
        found.push((start, unescape(raw), end));
        from = end;
    }
    found
}

/// `html` with every page reference filled: with its page number from
/// `pages`, or, when `pages` has none for it, with a hidden placeholder as
/// wide as two digits (the first print, or an anchor that is not in the book).
pub fn fill(html: &str, pages: &Pages) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut last = 0;
    for (start, anchor, end) in markers(html) {
        out.push_str(&html[last..start]);
        let inner = match pages.get(&anchor) {
            Some(n) => n.to_string(),
            None => "<span class=\"page-ref-pending\">00</span>".to_string(),
        };
        out.push_str(&html[start..end - "</span>".len()]);
        out.push_str(&inner);
        out.push_str("</span>");
        last = end;
    }
    out.push_str(&html[last..]);
    out
}

/// The value of `<meta name="NAME" content="…">` in `html`, unescaped.
pub fn meta(html: &str, name: &str) -> Option<String> {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    let marker = format!("<meta name=\"{name}\" content=\"");
    let at = head.find(&marker)? + marker.len();
    let len = head[at..].find('"')?;
    Some(unescape(&head[at..at + len]))
}

/// Undoes the escapes the templates write in attribute values.
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32)
            }
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page of every named destination of the PDF `bytes`: the catalog's
/// `/Dests` dictionary (what Chromium writes) and the `/Names` tree's
/// `/Dests` (what other printers write).
pub fn pages_of(bytes: &[u8]) -> Result<Pages, String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("the PDF cannot be read: {e}"))?;
    pages_in(&doc)
}

fn pages_in(doc: &Document) -> Result<Pages, String> {
    let numbers: BTreeMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let catalog = doc.catalog().map_err(|e| format!("the PDF has no catalog: {e}"))?;
    let mut found = Pages::new();
    let page_of = |dest: &Object| -> Option<u32> {
        let dest = match dest {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            d => d,
        };
        let array = match dest {
            Object::Array(a) => a,
            Object::Dictionary(d) => d.get_deref(b"D", doc).ok()?.as_array().ok()?,
            _ => return None,
        };
        numbers.get(&array.first()?.as_reference().ok()?).copied()
    };
    if let Ok(dests) = catalog.get_deref(b"Dests", doc).and_then(Object::as_dict) {
        for (name, dest) in dests.iter() {
            if let Some(n) = page_of(dest) {
                found.insert(String::from_utf8_lossy(name).into_owned(), n);
            }
        }
    }
    if let Ok(tree) = catalog.get_deref(b"Names", doc).and_then(Object::as_dict)
        && let Ok(tree) = tree.get_deref(b"Dests", doc).and_then(Object::as_dict)
    {
        let mut named = Default::default();
        if doc.get_named_destinations(tree, &mut named).is_ok() {
            for (name, dest) in named {
                if let Ok(Object::Reference(id)) = dest.page()
                    && let Some(n) = numbers.get(id)
                {
                    found.insert(String::from_utf8_lossy(&name).into_owned(), *n);
                }
            }
        }
    }
    Ok(found)
}

/// What the XMP metadata of the book says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    /// The document's title; the PDF's own `/Title` when empty.
    pub title: String,
    /// Its language; the PDF's own `/Lang` when empty.
    pub lang: String,
    pub subject: String,
    /// When the book was made, as its `CreationDate` and `ModDate` and in
    /// the XMP: [`made_at`], never the clock. The browser's own dates are
    /// kept when `None`.
    pub made: Option<jiff::Timestamp>,
    /// Declare PDF/UA-1 (`pdfuaid:part` 1): only for a book that
    /// [`super::tagged::audit`] passes.
    pub pdfua: bool,
}

/// When a book counts as made: `SOURCE_DATE_EPOCH` (seconds since 1970, as
/// reproducible builds set it) when it is given and valid, else the start
/// of the briefing date `as_of` in UTC. Two prints of one content are so
/// dated alike.
pub fn made_at(source_date_epoch: Option<&str>, as_of: jiff::civil::Date) -> jiff::Timestamp {
    source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .unwrap_or_else(|| {
            as_of
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .map(|z| z.timestamp())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        })
}

/// Makes two prints of one book the same bytes, in place and keeping every
/// offset: Chromium numbers the structure elements it gives an `/ID`
/// (`(node00000143)`, the table headers that cells name in `/Headers`) from
/// a counter that differs from run to run, so the numbers are replaced by
/// their rank, which keeps their order (the ID tree's keys stay sorted); and
/// the clock's `/CreationDate` and `/ModDate` become `made`.
pub fn steady(bytes: &mut [u8], made: jiff::Timestamp) {
    const ID: &[u8] = b"(node";
    const DIGITS: usize = 8;
    let ids: Vec<usize> = memchr::memmem::find_iter(bytes, ID)
        .filter(|&at| {
            let digits = at + ID.len();
            at.checked_sub(1).is_none_or(|b| bytes[b] != b'\\')
                && bytes.get(digits..digits + DIGITS).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && bytes.get(digits + DIGITS) == Some(&b')')
        })
        .map(|at| at + ID.len())
        .collect();
    let mut numbers: Vec<&[u8]> = ids.iter().map(|&at| &bytes[at..at + DIGITS]).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let rank: std::collections::HashMap<Vec<u8>, usize> =
        numbers.iter().enumerate().map(|(i, n)| (n.to_vec(), i + 1)).collect();
    for at in ids {
        let Some(n) = rank.get(&bytes[at..at + DIGITS]) else { continue };
        bytes[at..at + DIGITS].copy_from_slice(format!("{n:0DIGITS$}").as_bytes());
    }
    let date = pdf_date(made);
    for key in [&b"/CreationDate ("[..], b"/ModDate ("] {
        let found: Vec<usize> = memchr::memmem::find_iter(bytes, key).collect();
        for at in found {
            let start = at + key.len();
            let end = start + date.len();
            if bytes.get(start..start + 2) == Some(b"D:") && bytes.get(end) == Some(&b')') {
                bytes[start..end].copy_from_slice(date.as_bytes());
            }
        }
    }
}

/// `made` as a PDF date string, `D:YYYYMMDDHHmmSS+00'00'`.
fn pdf_date(made: jiff::Timestamp) -> String {
    made.strftime("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// `bytes` with an XMP metadata stream (title, language, subject) and the
/// subject in the document information, added as an incremental update:
/// everything the browser wrote (tags, outline, language) stays as it is.
pub fn with_metadata(bytes: &[u8], meta: &Metadata) -> Result<Vec<u8>, String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("the PDF cannot be read: {e}"))?;
    let text = |o: &Object| lopdf::decode_text_string(o).ok();
    let catalog_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| e.to_string())?;
    let catalog = doc.get_dictionary(catalog_id).map_err(|e| e.to_string())?;
    let info_id = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let info = info_id.and_then(|id| doc.get_dictionary(id).ok());
    let title = if meta.title.is_empty() {
        info.and_then(|i| i.get(b"Title").ok()).and_then(text).unwrap_or_default()
    } else {
        meta.title.clone()
    };
    let lang = if meta.lang.is_empty() {
        catalog.get(b"Lang").ok().and_then(text).unwrap_or_default()
    } else {
        meta.lang.clone()
    };
    let xmp = xmp(&title, &lang, &meta.subject, meta.made, meta.pdfua);
    let mut inc = IncrementalDocument::create_from(bytes.to_vec(), doc);
    let mut stream = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    );
    stream.allows_compression = false;
    let metadata_id = inc.new_document.add_object(stream);
    inc.opt_clone_object_to_new_document(catalog_id).map_err(|e| e.to_string())?;
    let catalog = inc.new_document.get_dictionary_mut(catalog_id).map_err(|e| e.to_string())?;
    catalog.set("Metadata", Object::Reference(metadata_id));
    if let Some(info_id) = info_id {
        inc.opt_clone_object_to_new_document(info_id).map_err(|e| e.to_string())?;
        let info = inc.new_document.get_dictionary_mut(info_id).map_err(|e| e.to_string())?;
        if !meta.subject.is_empty() {
            info.set("Subject", lopdf::text_string(&meta.subject));
        }
        if let Some(made) = meta.made {
            for key in ["CreationDate", "ModDate"] {
                info.set(key, Object::string_literal(pdf_date(made)));
            }
        }
    }
    let mut out = Vec::with_capacity(bytes.len() + 4096);
    inc.save_to(&mut out).map_err(|e| format!("the PDF cannot be written: {e}"))?;
    Ok(out)
}

/// An XMP packet with the Dublin Core title, language and description, and
/// the dates of `made`, and the PDF/UA-1 identification when `pdfua`.
fn xmp(title: &str, lang: &str, subject: &str, made: Option<jiff::Timestamp>, pdfua: bool) -> String {
    let x = crate::html::escape_html;
    let lang_attr = if lang.is_empty() { "x-default".to_string() } else { x(lang) };
    let mut dc = format!(
        "<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        x(title)
    );
    if !lang.is_empty() {
        dc.push_str(&format!("<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n", x(lang)));
    }
    if !subject.is_empty() {
        dc.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{0}</rdf:li><rdf:li xml:lang=\"{1}\">{0}</rdf:li></rdf:Alt></dc:description>\n",
            x(subject),
            lang_attr
        ));
    }
    let dates = made.map_or(String::new(), |made| {
        let when = made.strftime("%Y-%m-%dT%H:%M:%SZ");
        format!(
            "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n<xmp:CreateDate>{when}</xmp:CreateDate>\n<xmp:ModifyDate>{when}</xmp:ModifyDate>\n<xmp:MetadataDate>{when}</xmp:MetadataDate>\n</rdf:Description>\n"
        )
    });
    let ua = if pdfua {
        "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n"
    } else {
        ""
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{dc}</rdf:Description>\n{dates}{ua}</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(pairs: &[(&str, u32)]) -> Pages {
        pairs.iter().map(|(a, n)| (a.to_string(), *n)).collect()
    }

    #[test]
    fn page_references_are_found_once_each_in_order() {
        let html = r##"<a href="#_b"><span class="page-ref" data-ref="_b"></span></a> x
<span class="page-ref" data-ref="_a&amp;z"></span><span class="page-ref" data-ref="_b"></span>
<span class="page-ref" data-ref="_broken"> not closed</span><span class="page-ref" data-ref="_c></span>"##;
        assert_eq!(refs(html), ["_b", "_a&z"]);
        assert_eq!(refs("no references"), Vec::<String>::new());
    }

    #[test]
    fn filling_writes_each_number_and_leaves_the_rest_alone() {
        let html = r#"<p>see page <span class="page-ref" data-ref="_b"></span>, and <span class="page-ref" data-ref="_a&amp;z"></span>.</p>
<span class="page-ref" data-ref="_gone"></span><span class="page-ref" data-ref="_c">7</span>"#;
        let filled = fill(html, &pages(&[("_b", 12), ("_a&z", 3)]));
        assert_eq!(
            filled,
            r#"<p>see page <span class="page-ref" data-ref="_b">12</span>, and <span class="page-ref" data-ref="_a&amp;z">3</span>.</p>
<span class="page-ref" data-ref="_gone"><span class="page-ref-pending">00</span></span><span class="page-ref" data-ref="_c">7</span>"#
        );
        // Filled once, a book has no empty marker left: filling again changes nothing.
        assert_eq!(fill(&filled, &pages(&[("_b", 99)])), filled);
        let first = fill(html, &Pages::new());
        assert_eq!(first.matches("page-ref-pending").count(), 3);
        assert_eq!(
            fill("plain <span class=\"page-ref\" data-ref=\"", &Pages::new()),
            "plain <span class=\"page-ref\" data-ref=\""
        );
    }

    #[test]
    fn entities_in_attributes_are_undone() {
        assert_eq!(unescape("a&amp;b&#39;c&#x27;d&quot;&lt;&gt;&nope; & x"), "a&b'c'd\"<>&nope; & x");
        assert_eq!(
            meta(
                "<head><meta name=\"description\" content=\"Book &amp; co\"></head><meta name=\"x\" content=\"y\">",
                "description"
            ),
            Some("Book & co".into())
        );
        assert_eq!(meta("<head></head><meta name=\"x\" content=\"y\">", "x"), None, "only in the head");
    }

    /// A PDF of three pages whose catalog's `/Dests` names anchors on the
    /// second and third, and whose `/Names` tree names one on the first.
    fn three_pages() -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let kids: Vec<lopdf::ObjectId> = (0..3)
            .map(|_| {
                doc.add_object(Dictionary::from_iter([
                    ("Type", Object::Name(b"Page".to_vec())),
                    ("Parent", Object::Reference(pages_id)),
                    ("MediaBox", vec![0.into(), 0.into(), 612.into(), 792.into()].into()),
                ]))
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", kids.iter().map(|k| Object::Reference(*k)).collect::<Vec<_>>().into()),
                ("Count", 3.into()),
            ])),
        );
        let dest = |page: lopdf::ObjectId| -> Object {
            vec![Object::Reference(page), Object::Name(b"XYZ".to_vec()), 0.into(), 700.into(), 0.into()]
                .into()
        };
        let dests = doc.add_object(Dictionary::from_iter([
            ("_group-health", dest(kids[1])),
            ("_actions", dest(kids[2])),
            ("_caf\u{e9}", dest(kids[2])),
        ]));
        let names = Dictionary::from_iter([(
            "Dests",
            Object::Dictionary(Dictionary::from_iter([(
                "Names",
                Object::Array(vec![Object::string_literal("_cover"), dest(kids[0])]),
            )])),
        )]);
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
            ("Dests", Object::Reference(dests)),
            ("Names", Object::Dictionary(names)),
            ("Lang", Object::string_literal("fr")),
        ]));
        let info = doc.add_object(Dictionary::from_iter([("Title", Object::string_literal("Cahier"))]));
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn named_destinations_give_each_anchor_its_page() {
        let found = pages_of(&three_pages()).unwrap();
        assert_eq!(found, pages(&[("_actions", 3), ("_caf\u{e9}", 3), ("_cover", 1), ("_group-health", 2)]));
        assert!(pages_of(b"%PDF-1.4 stand-in").is_err());
        assert!(pages_of(b"").is_err());
    }

    #[test]
    fn a_book_is_dated_by_source_date_epoch_or_else_its_briefing_date() {
        let as_of = jiff::civil::date(2021, 6, 30);
        assert_eq!(pdf_date(made_at(Some("1000000000"), as_of)), "D:20010909014640+00'00'");
        assert_eq!(pdf_date(made_at(None, as_of)), "D:20210630000000+00'00'");
        for bad in ["", "soon", "1e9", "99999999999999999999"] {
            assert_eq!(made_at(Some(bad), as_of), made_at(None, as_of), "{bad:?}");
        }
    }

    #[test]
    fn structure_ids_and_the_clock_are_made_steady_in_place() {
        let print = |first: u32, clock: &str| {
            format!(
                "/Info <</CreationDate (D:{clock}+00'00')\n/ModDate (D:{clock}+00'00')>>\n\
                 /ID (node{:08})>> /ID (node{:08}) /Headers [(node{:08}) (node{:08})] \\(node00000007) (node123)",
                first + 10,
                first,
                first,
                first + 10
            )
            .into_bytes()
        };
        let made = made_at(None, jiff::civil::date(2021, 6, 30));
        let (mut a, mut b) = (print(143, "20261208012101"), print(142, "20261208012118"));
        let len = a.len();
        steady(&mut a, made);
        steady(&mut b, made);
        assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
        assert_eq!(a.len(), len, "every offset kept");
        let a = String::from_utf8(a).unwrap();
        assert!(a.contains("/CreationDate (D:20210630000000+00'00')"), "{a}");
        assert!(
            a.contains("/ID (node00000002)>> /ID (node00000001) /Headers [(node00000001) (node00000002)]"),
            "{a}"
        );
        assert!(
            a.ends_with("\\(node00000007) (node123)"),
            "an escaped parenthesis or a short number is text: {a}"
        );
    }

    #[test]
    fn metadata_is_added_and_the_destinations_kept() {
        let before = three_pages();
        let meta = Metadata { subject: "Réunion du 26 mai <2021> & suite".into(), ..Metadata::default() };
        let after = with_metadata(&before, &meta).unwrap();
        assert!(after.starts_with(&before), "an incremental update keeps the printed bytes");
        let doc = Document::load_mem(&after).unwrap();
        let id = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        let xml = String::from_utf8(stream.content.clone()).unwrap();
        assert!(xml.contains("<rdf:li xml:lang=\"x-default\">Cahier</rdf:li>"), "{xml}");
        assert!(xml.contains("<dc:language><rdf:Bag><rdf:li>fr</rdf:li>"), "{xml}");
        assert!(xml.contains("Réunion du 26 mai &lt;2021&gt; &amp; suite"), "{xml}");
        roxmltree::Document::parse(xml.trim_start_matches(|c| c != '<')).expect("well-formed XMP");
        assert_eq!(pages_of(&after).unwrap().get("_group-health"), Some(&2));
        assert!(with_metadata(b"%PDF-1.4 stand-in", &meta).is_err());
    }
}
