//! Assets that would run a script when opened from the published site: a
//! static host serves them as they are, with no header to stop a script, and
//! a reader who opens one (a link, "open image in new tab") runs it on the
//! committee's site. HTML, XML and JavaScript files are refused; an SVG image
//! is refused when it holds a script, an event attribute (`onload=` …), a
//! `javascript:` URL, HTML (`<foreignObject>`) or what could build any of
//! these (an entity declaration, a style sheet instruction). Only SVG files
//! are read (by the load stage); other assets are judged by their name.

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
];

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
