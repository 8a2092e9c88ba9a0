//! Assets that would run a script when opened from the published site: a
//! static host serves them as they are, with no header to stop a script, and
//! a reader who opens one (a link, "open image in new tab") runs it on the
//! committee's site. HTML, XML and JavaScript files are refused; an SVG image
//! is refused when it holds a script, an event attribute (`onload=` …), a
//! `javascript:` URL, HTML (`<foreignObject>`) or what could build any of
//! these (an entity declaration, a style sheet instruction), or an HTML
//! `<meta>` or `<base>` (a `<meta http-equiv="refresh">` sends the reader to
//! any address, from the committee's). Only SVG files are read (by the load
//! stage); other assets are judged by their name.
//!
//! The scan reads markup as ASCII bytes, which is what a browser reads in
//! UTF-8 and in the single-byte encodings that keep ASCII as it is
//! (ISO-8859-*, windows-125*): there, every `<script` the browser sees, the
//! scan sees. An SVG in any other encoding (UTF-16 or UTF-32, by a byte-order
//! mark or by the zero bytes of their ASCII, EBCDIC, UTF-7, or any other
//! `encoding=` in its declaration) is refused rather than decoded: the
//! browser would read characters the scan cannot, and decoding every
//! encoding an XML parser may know would be a second parser to keep in step
//! with the browsers, for images that are saved that way only by mistake.

use crate::core::Loc;
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::model::Content;

/// Checks every asset of `content`.
pub fn check(content: &Content, diags: &mut Diagnostics) {
    for asset in &content.assets {
        let ext = asset.path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if let Some((what, hint)) = active_kind(&ext) {
            diags.push(
                Diagnostic::error(
                    codes::UNSAFE_ASSET,
                    &asset.path,
                    Loc::new(1, 1),
                    format!(
                        "`{}` is {what}: a file among the assets can run scripts on the published site",
                        asset.path
                    ),
                )
                .with_hint(hint),
            );
            continue;
        }
        let Some(text) = &asset.text else { continue };
        if let Some(why) = unreadable_encoding(text) {
            diags.push(
                Diagnostic::error(
                    codes::UNSAFE_ASSET,
                    &asset.path,
                    Loc::new(1, 1),
                    format!("`{}` is {why}, so what runs in it cannot be checked", asset.path),
                )
                .with_hint("save the image as UTF-8 (e.g. Inkscape's Plain SVG), or export it as PNG"),
            );
            continue;
        }
        let found = findings(text);
        let Some((offset, what)) = found.first() else { continue };
        let more = match found.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more place)".to_string(),
            n => format!(" (and {n} more places)"),
        };
        diags.push(
            Diagnostic::error(
                codes::UNSAFE_ASSET,
                &asset.path,
                Loc::at(text, *offset),
                format!("`{}` holds {what}, which runs when the image is opened{more}", asset.path),
            )
            .with_hint("export the image without scripts, or as PNG"),
        );
    }
}

/// What a file with extension `ext` is, and what to do instead, when a
/// browser would run scripts in it.
fn active_kind(ext: &str) -> Option<(&'static str, &'static str)> {
    Some(match ext {
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "mht" | "mhtml" => {
            ("an HTML page", "publish it as PDF, or make its text a page under pages/")
        }
        "xml" | "xsl" | "xslt" => {
            ("an XML document", "publish the data as CSV or JSON, or the document as PDF")
        }
        "js" | "mjs" => ("a script", "remove it: the published site runs no scripts"),
        "svgz" => (
            "a compressed SVG image (whose scripts cannot be checked)",
            "export it as an uncompressed .svg without scripts, or as PNG",
        ),
        _ => return None,
    })
}

/// Elements that run scripts or hold other documents, by local name.
const ELEMENTS: &[(&str, &str)] = &[
    ("script", "a script (`<script>`)"),
    ("foreignobject", "HTML inside the image (`<foreignObject>`)"),
    ("iframe", "an embedded page (`<iframe>`)"),
    ("embed", "an embedded document (`<embed>`)"),
    ("object", "an embedded document (`<object>`)"),
    ("handler", "an event handler (`<handler>`)"),
    ("listener", "an event listener (`<listener>`)"),
    ("meta", "an HTML `<meta>`, which can send the reader to another address"),
    ("base", "an HTML `<base>`, which sends the image's links elsewhere"),
];

/// The encodings whose ASCII characters are their ASCII bytes, and whose
/// other bytes never read as ASCII: those the scan reads as a browser does.
fn keeps_ascii(encoding: &str) -> bool {
    let e = encoding.trim().to_ascii_lowercase();
    matches!(e.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii" | "latin1" | "latin-1")
        || e.strip_prefix("iso-8859-").is_some_and(|n| n.parse::<u8>().is_ok_and(|n| (1..=16).contains(&n)))
        || e.strip_prefix("iso8859-").is_some_and(|n| n.parse::<u8>().is_ok_and(|n| (1..=16).contains(&n)))
        || e.strip_prefix("windows-125").is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
}

/// Why an SVG text (as read, invalid UTF-8 replaced) is in an encoding the
/// scan cannot read as a browser would; `None` when it can.
pub fn unreadable_encoding(text: &str) -> Option<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A UTF-16 or UTF-32 byte-order mark is no UTF-8: it reads as U+FFFD.
    if body.starts_with('\u{fffd}') {
        return Some("not UTF-8 text (a UTF-16 or UTF-32 byte-order mark)".into());
    }
    // The ASCII of UTF-16 or UTF-32 without a mark has zero bytes.
    if body.contains('\0') {
        return Some("not UTF-8 text (it holds zero bytes, as UTF-16 or UTF-32 does)".into());
    }
    let start = body.trim_start_matches([' ', '\t', '\r', '\n']);
    if !start.is_empty() && !start.starts_with('<') {
        return Some(
            "not an SVG image in UTF-8 (it does not begin with `<`, as EBCDIC or UTF-7 would not)".into(),
        );
    }
    // The encoding its declaration names, if any.
    let decl = start.strip_prefix("<?xml")?;
    if !decl.starts_with([' ', '\t', '\r', '\n']) {
        return None;
    }
    let decl = &decl[..decl.find("?>").unwrap_or(decl.len())];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let value = &rest[1..];
    let value = &value[..value.find(quote).unwrap_or(value.len())];
    (!keeps_ascii(value)).then(|| format!("declared as `{value}`, not UTF-8"))
}

/// The byte offsets and descriptions of what would run in an SVG text, in
/// order. Markup is read as a browser would, case set aside: comments and
/// character data are passed over, quoted attribute values may hold `>`.
pub fn findings(text: &str) -> Vec<(usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (needle, what) in [
        ("<!entity", "an entity declaration (`<!ENTITY`), which can spell out a script"),
        (
            "<?xml-stylesheet",
            "a style sheet instruction (`<?xml-stylesheet`), which can turn the image into a page",
        ),
    ] {
        if let Some(at) = find_ci(b, needle.as_bytes(), 0) {
            out.push((at, what.to_string()));
        }
    }
    let mut i = 0;
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<').map(|p| p + i) {
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            i = find_ci(b, b"-->", lt + 4).map_or(b.len(), |e| e + 3);
            continue;
        }
        if starts_with_ci(rest, b"<![cdata[") {
            i = find_ci(b, b"]]>", lt + 9).map_or(b.len(), |e| e + 3);
            continue;
        }
        let mut j = lt + 1;
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'<') {
            j += 1;
        }
        let name = local(&b[name_start..j]);
        if let Some((_, what)) = ELEMENTS.iter().find(|(e, _)| name.eq_ignore_ascii_case(e.as_bytes()))
            && !closing
        {
            out.push((lt, what.to_string()));
        }
        // Attributes, up to the `>` that ends the tag.
        loop {
            while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' || b[j] == b'<' {
                break;
            }
            let attr_start = j;
            while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'=' | b'>' | b'/' | b'<') {
                j += 1;
            }
            let attr = local(&b[attr_start..j]);
            if attr.len() > 2 && attr[..2].eq_ignore_ascii_case(b"on") {
                let written = String::from_utf8_lossy(&b[attr_start..j]);
                out.push((attr_start, format!("an event attribute (`{written}=`)")));
            }
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                if j == attr_start {
                    j += 1; // a stray character: go on past it
                }
                continue;
            }
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            let (value_start, value_end) = match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = b[j + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| p + j + 1);
                    let v = (j + 1, end);
                    j = (end + 1).min(b.len());
                    v
                }
                _ => {
                    let start = j;
                    while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    (start, j)
                }
            };
            let value = url_text(&b[value_start..value_end]);
            if value.contains("javascript:") {
                out.push((value_start, "a `javascript:` URL".to_string()));
            } else if attr.eq_ignore_ascii_case(b"attributename") && value.starts_with("on") {
                out.push((value_start, "an animation that sets an event attribute".to_string()));
            }
        }
        i = j.max(lt + 1);
    }
    out.sort_by_key(|(at, _)| *at);
    out
}

/// The name after its namespace prefix (`xlink:href` -> `href`).
fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&c| c == b':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| starts_with_ci(&hay[i..], needle))
}

/// An attribute value as a browser reads it as a URL: character references
/// decoded, spaces and control characters dropped, lowercase.
fn url_text(value: &[u8]) -> String {
    let value = String::from_utf8_lossy(value);
    let mut out = String::with_capacity(value.len());
    let mut rest = value.as_ref();
    while let Some(c) = rest.chars().next() {
        if c == '&'
            && let Some((decoded, len)) = reference(rest)
        {
            out.push(decoded);
            rest = &rest[len..];
            continue;
        }
        if c > ' ' {
            out.extend(c.to_lowercase());
        }
        rest = &rest[c.len_utf8()..];
    }
    out.retain(|c| c > ' ');
    out
}

/// The character a reference at the start of `s` stands for, and its length
/// in bytes (the `;` is optional, as browsers read it).
fn reference(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix('&')?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits.bytes().take_while(|c| (*c as char).is_digit(radix)).count();
        let code = u32::from_str_radix(digits.get(..len)?, radix).ok()?;
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((
            char::from_u32(code).unwrap_or('\u{fffd}').to_ascii_lowercase(),
            1 + skip + len + semi,
        ));
    }
    for (name, c) in [("colon;", ':'), ("tab;", '\t'), ("newline;", '\n')] {
        if body.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return Some((c, 1 + name.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(svg: &str) -> Option<(usize, String)> {
        findings(svg).into_iter().next()
    }

    #[test]
    fn scripts_in_every_form_are_found() {
        for svg in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg><SCRIPT href="x.js"/></svg>"#,
            r#"<svg><svg:script>alert(1)</svg:script></svg>"#,
            r#"<svg onload="alert(1)"/>"#,
            r#"<svg><rect ONCLICK='alert(1)'/></svg>"#,
            "<svg><rect\n  width=\"1\"\n  onmouseover=alert(1)/></svg>",
            r#"<svg><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg><a xlink:href=" java&#x73;cript&colon;alert(1)">x</a></svg>"#,
            r#"<svg><a href="jav&#9;ascript:alert(1)">x</a></svg>"#,
            r#"<svg><a href="&#106;avascript:alert(1)">x</a></svg>"#,
            r#"<svg><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>"#,
            r#"<svg><set attributeName="onmouseover" to="alert(1)"/></svg>"#,
            r#"<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>"#,
            r#"<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg>&s;</svg>"#,
            r#"<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg/>"#,
            r#"<svg><text title="a > b" onclick="x()">t</text></svg>"#,
            r#"<svg><iframe src="x.html"/></svg>"#,
        ] {
            assert!(first(svg).is_some(), "not found in {svg}");
        }
    }

    #[test]
    fn plain_drawings_pass() {
        for svg in [
            r#"<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><title>Map of ports</title><rect width="10" height="10" fill="url(#g)" opacity="0.5"/><a href="https://example.org/"><text>on the border: javascript: is a word here</text></a></svg>"#,
            "<svg><!-- <script>old()</script> --><style><![CDATA[ .a { fill: red } ]]></style><text>onload=\"x\"</text></svg>",
            "<svg><g font-family=\"Noto Sans\" data-on=\"1\" stroke-opacity=\"1\"/></svg>",
            "",
            "<",
            "<svg <",
            "<svg a=\"unclosed",
        ] {
            assert_eq!(first(svg), None, "{svg}");
        }
    }

    #[test]
    fn the_place_is_the_offending_text() {
        let svg = "<svg>\n  <rect/>\n  <rect width=\"1\" onclick=\"x()\"/>\n</svg>\n";
        let (at, what) = first(svg).unwrap();
        assert_eq!(Loc::at(svg, at), Loc::new(3, 19));
        assert_eq!(what, "an event attribute (`onclick=`)");
        let svg = "<svg>\u{e9}\u{e9}<script>x</script></svg>";
        assert_eq!(Loc::at(svg, first(svg).unwrap().0), Loc::new(1, 8));
    }

    #[test]
    fn an_svg_in_an_encoding_the_scan_cannot_read_is_refused() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        let utf16 = |big: bool, mark: bool| -> Vec<u8> {
            let mut out = Vec::new();
            if mark {
                out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
            }
            for u in svg.encode_utf16() {
                out.extend(if big { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        };
        let utf32 = |big: bool| -> Vec<u8> {
            let mut out: Vec<u8> = if big { vec![0, 0, 0xFE, 0xFF] } else { vec![0xFF, 0xFE, 0, 0] };
            for c in svg.chars() {
                out.extend(if big { (c as u32).to_be_bytes() } else { (c as u32).to_le_bytes() });
            }
            out
        };
        // EBCDIC (code page 037): `<svg>` is 4C A2 A5 87 6E.
        let ebcdic = vec![0x4C, 0xA2, 0xA5, 0x87, 0x6E];
        let utf7 = b"+ADw-svg+AD4-+ADw-script+AD4-alert(1)+ADw-/script+AD4-".to_vec();
        let mut declared = Vec::new();
        for enc in ["UTF-16", "utf-16le", "UTF-32", "Shift_JIS", "ISO-2022-JP", "UTF-7", "ebcdic-cp-us", "x"]
        {
            for q in ['"', '\''] {
                declared.push(format!("<?xml version=\"1.0\" encoding={q}{enc}{q}?>\n<svg/>").into_bytes());
            }
            declared.push(
                format!("\u{feff}<?xml version='1.0'  encoding = \"{enc}\" standalone='yes'?><svg/>")
                    .into_bytes(),
            );
        }
        let cases = [
            utf16(false, true),
            utf16(true, true),
            utf16(false, false),
            utf16(true, false),
            utf32(false),
            utf32(true),
            ebcdic,
            utf7,
        ]
        .into_iter()
        .chain(declared);
        for bytes in cases {
            let text = String::from_utf8_lossy(&bytes);
            assert!(unreadable_encoding(&text).is_some(), "passed: {bytes:02X?}");
        }
        for fine in [
            "<svg/>",
            "\u{feff}<svg/>",
            "\n  <?xml version=\"1.0\"?><svg/>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><svg/>",
            "<?xml version='1.0' encoding='iso-8859-1'?><svg/>",
            "<?xml version=\"1.0\" encoding=\"windows-1252\"?><svg><text>caf\u{e9}</text></svg>",
            "<!-- drawn by hand --><svg/>",
            "",
        ] {
            assert_eq!(unreadable_encoding(fine), None, "{fine}");
        }
    }

    #[test]
    fn an_html_meta_or_base_is_found_whatever_its_prefix_or_case() {
        for svg in [
            r#"<svg><meta http-equiv="refresh" content="0;url=https://evil.example/"/></svg>"#,
            r#"<svg xmlns:h="http://www.w3.org/1999/xhtml"><h:meta http-equiv="refresh" content="0;url=//evil.example"/></svg>"#,
            r#"<svg xmlns:x="http://www.w3.org/1999/xhtml"><X:META HTTP-EQUIV="Refresh" CONTENT="0; URL=https://evil.example"></X:META></svg>"#,
            r#"<svg><html:Meta http-equiv="&#x72;efresh" content="0;url=x"/></svg>"#,
            "<svg><meta\nhttp-equiv=refresh content=0;url=x></svg>",
            r#"<svg><xhtml:base href="https://evil.example/"/></svg>"#,
        ] {
            let found = first(svg);
            assert!(
                found.as_ref().is_some_and(|(_, w)| w.contains("<meta>") || w.contains("<base>")),
                "{svg}: {found:?}"
            );
        }
        // Metadata is no `<meta>`.
        assert_eq!(first("<svg><metadata><rdf:RDF/></metadata></svg>"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_scanned_without_a_panic(svg in "(\\PC|<|>|=|\"|'|&#|<!--|-->|<!\\[CDATA\\[|on|script|:)*") {
            let found = findings(&svg);
            for (at, _) in found {
                proptest::prop_assert!(at < svg.len());
            }
        }
    }
}
