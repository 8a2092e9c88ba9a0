//! Internal links: Markdown refers to content files by their path relative
//! to the file it is written in (`../groups/health.yaml`,
//! `../assets/map.png`, `2021-05-26.md#decisions`). This module resolves
//! such a target to a content path and maps content paths to site pages.
//!
//! Imports only `core` (and itself): link paths are shared by load, validate
//! and render.

/// A link target resolved inside the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Path relative to the content folder; empty for an in-page `#anchor`.
    pub path: String,
    pub fragment: Option<String>,
}

/// Why a link cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// `/etc/passwd`, `C:\…`.
    Absolute,
    /// `../../secret`: climbs out of the content folder.
    Escapes,
}

/// Resolves `target` written in the file `from` (both relative to content).
pub fn resolve(from: &str, target: &str) -> Result<Resolved, Unsafe> {
    // As browsers read a URL: without leading and trailing spaces and control
    // characters, and without tabs and newlines anywhere.
    let target: String = target
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (target.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Ok(Resolved { path: String::new(), fragment });
    }
    if path.starts_with('/') || path.starts_with('\\') || path.contains(":\\") || is_drive(path) {
        return Err(Unsafe::Absolute);
    }
    // Browsers read `\` in a URL's path as `/`: `..\..\x` climbs too.
    let decoded = crate::core::url::percent_decode_lossy(path).replace('\\', "/");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Unsafe::Escapes);
                }
            }
            s => parts.push(s),
        }
    }
    Ok(Resolved { path: parts.join("/"), fragment })
}

pub use crate::core::url::{SCHEMES, allowed, is_drive, scheme};

/// Attributes whose value a browser loads or follows as a URL.
const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "cite",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "longdesc",
    "lowsrc",
    "xlink:href",
];

/// The URLs that raw HTML gives in attributes (`<img src="…">`), each with
/// the byte range in `html` of its attribute, its value decoded as a
/// browser decodes it, and whether it is an image's. A value with a
/// character reference this cannot decode keeps it (`&x;`), so that it
/// leads nowhere a check would accept. Comments are skipped.
pub fn html_urls(html: &str) -> Vec<(std::ops::Range<usize>, String, bool)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|k| i + k) {
        i = at + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |k| i + k + 3);
            continue;
        }
        let name_len = html[i..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(html.len() - i);
        if name_len == 0 || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let tag = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        // Attributes up to the end of the tag.
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let name = html[name_start..i].to_ascii_lowercase();
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] != b'=' {
                continue;
            }
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value, end) = match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = html[j + 1..].find(q as char).map_or(b.len(), |k| j + 1 + k);
                    (&html[j + 1..close], (close + 1).min(b.len()))
                }
                _ => {
                    let close = html[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(b.len(), |k| j + k);
                    (&html[j..close], close)
                }
            };
            i = end;
            if URL_ATTRIBUTES.contains(&name.as_str()) {
                let value = decode_references(value);
                if name == "srcset" {
                    // `a.png 1x, b.png 2x`: each candidate's URL.
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            out.push((name_start..end, url.to_string(), true));
                        }
                    }
                } else {
                    let image = name != "href" && name != "cite" && name != "action" && name != "formaction";
                    out.push((name_start..end, value.trim().to_string(), image || tag == "img"));
                }
            }
        }
    }
    out
}

/// Character references in an attribute value, decoded: numeric ones and
/// the named ones a URL may be disguised with; any other is kept.
fn decode_references(value: &str) -> String {
    const NAMED: [(&str, char); 16] = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("sol", '/'),
        ("bsol", '\\'),
        ("period", '.'),
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("num", '#'),
        ("percnt", '%'),
        ("quest", '?'),
        ("lpar", '('),
        ("rpar", ')'),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let numeric = rest.strip_prefix('#').map(|n| match n.strip_prefix(['x', 'X']) {
            Some(hex) => {
                let len = hex.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(hex.len());
                (u32::from_str_radix(&hex[..len], 16).ok(), 2 + len)
            }
            None => {
                let len = n.find(|c: char| !c.is_ascii_digit()).unwrap_or(n.len());
                (n[..len].parse::<u32>().ok(), 1 + len)
            }
        });
        if let Some((Some(code), len)) = numeric {
            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            rest = &rest[len..];
            rest = rest.strip_prefix(';').unwrap_or(rest);
            continue;
        }
        match NAMED.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, c)) => {
                out.push(*c);
                rest = &rest[name.len()..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The site page (relative to the language root, ending in `/`) or file
/// that a content path becomes, if it becomes one.
pub fn output_path(content_path: &str) -> Option<String> {
    let parts: Vec<&str> = content_path.split('/').collect();
    match parts.as_slice() {
        ["groups", f] => f.strip_suffix(".yaml").map(|id| format!("groups/{id}/")),
        ["meetings", f] => f.strip_suffix(".md").map(|s| format!("meetings/{}/", strip_lang(s))),
        ["pages", f] => f.strip_suffix(".md").map(|s| format!("pages/{}/", strip_lang(s))),
        ["assets", ..] => Some(content_path.to_string()),
        _ => None,
    }
}

fn strip_lang(stem: &str) -> &str {
    match stem.rsplit_once('.') {
        Some((base, lang)) if crate::core::lang::is_lang_code(lang) => base,
        _ => stem,
    }
}

/// The sections of a meeting's page a link may name (`2021-05-26.md#decisions`),
/// each with the id the theme's page gives its heading.
pub const MEETING_SECTIONS: &[(&str, &str)] = &[
    ("agenda", "_agenda-heading"),
    ("attendees", "_attendees-heading"),
    ("decisions", "_decisions-heading"),
    ("actions", "_actions-heading"),
    ("record", "_record-heading"),
];

/// The sections of a group's page a link may name (`../groups/health.yaml#risks`).
pub const GROUP_SECTIONS: &[(&str, &str)] = &[
    ("summary", "_summary-heading"),
    ("asks", "_asks-heading"),
    ("changes", "_changes-heading"),
    ("activities", "_activities-heading"),
    ("actions", "_group-actions-heading"),
    ("decisions", "_group-decisions-heading"),
    ("risks", "_risks-heading"),
    ("charts", "_charts-heading"),
    ("mandate", "_mandate-heading"),
    ("chairs", "_chairs-heading"),
    ("history", "_history-heading"),
];

/// The sections of the page `content_file` becomes that a link may name by
/// a fragment (a page has none but its headings).
pub fn page_sections(content_file: &str) -> &'static [(&'static str, &'static str)] {
    match content_file.split_once('/') {
        Some(("groups", _)) => GROUP_SECTIONS,
        Some(("meetings", _)) => MEETING_SECTIONS,
        _ => &[],
    }
}

/// The id on `content_file`'s page of the section `fragment` names, if it
/// names one: a section's name is read before a heading of the record.
pub fn section_id(content_file: &str, fragment: &str) -> Option<&'static str> {
    page_sections(content_file).iter().find(|(name, _)| *name == fragment).map(|(_, id)| *id)
}

/// True for a file or folder name the content folder passes over: hidden
/// (`.hidden.png`, `.git`), or an editor's leftover (`notes.md~`,
/// `.notes.md.swp`, `#notes.md#`). Such files are never read nor published.
pub fn is_passed_over(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.starts_with('#')
}

/// True for links that leave the site: `https:`, `mailto:`, `//host`
/// (not a Windows path such as `C:/x`, which is refused as absolute).
pub fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || (!is_drive(target)
            && target.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_targets_and_refuses_escapes() {
        let r = resolve("meetings/2021-05-26.md", "../groups/health.yaml#risks").unwrap();
        assert_eq!(r.path, "groups/health.yaml");
        assert_eq!(r.fragment.as_deref(), Some("risks"));
        assert_eq!(resolve("pages/a.md", "b.md").unwrap().path, "pages/b.md");
        assert_eq!(resolve("pages/a.md", "../../x").unwrap_err(), Unsafe::Escapes);
        assert_eq!(resolve("pages/a.md", "%2e%2e/%2e%2e/x").unwrap_err(), Unsafe::Escapes);
        assert_eq!(resolve("pages/a.md", "/etc/passwd").unwrap_err(), Unsafe::Absolute);
        assert_eq!(resolve("pages/a.md", "C:/Users/x.png").unwrap_err(), Unsafe::Absolute);
        assert_eq!(resolve("pages/a.md", "c:\\x.png").unwrap_err(), Unsafe::Absolute);
        assert_eq!(resolve("pages/a.md", "..\\..\\etc\\passwd").unwrap_err(), Unsafe::Escapes);
        assert_eq!(resolve("pages/a.md", "..%5c..%5cx").unwrap_err(), Unsafe::Escapes);
        assert_eq!(resolve("pages/a.md", "\u{1} /etc/passwd").unwrap_err(), Unsafe::Absolute);
        assert_eq!(resolve("pages/a.md", ".\t./.\n./x").unwrap_err(), Unsafe::Escapes);
        assert_eq!(resolve("pages/a.md", "..\\groups\\a.yaml").unwrap().path, "groups/a.yaml");
        assert_eq!(output_path("meetings/2021-05-26.fr.md").unwrap(), "meetings/2021-05-26/");
        assert_eq!(output_path("updates/2021-05-26/a.yaml"), None);
    }

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(scheme("irc://irc.example.org/x").as_deref(), Some("irc"));
        assert_eq!(scheme(" \u{1}JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("../a.md#b:c"), None);
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("//host/x"), None);
        assert!(allowed("MAILTO:a@b.org") && allowed("tel:+1") && allowed("https://x") && allowed("#top"));
        assert!(!allowed("irc://x") && !allowed("data:x") && !allowed("a\u{1}b"));
        assert!(is_drive("C:/x") && is_drive("d:\\x") && !is_drive("tel:1") && !is_drive("c:"));
    }

    #[test]
    fn raw_html_urls_are_read_as_a_browser_reads_them() {
        let urls = |html: &str| -> Vec<(String, bool)> {
            html_urls(html).into_iter().map(|(_, u, image)| (u, image)).collect()
        };
        assert_eq!(
            urls(r#"<p><img width=2 src="/etc/passwd"> <A HREF='../groups/a.yaml'>x</A></p>"#),
            [("/etc/passwd".to_string(), true), ("../groups/a.yaml".to_string(), false)]
        );
        assert_eq!(urls("<img src=&#47;etc&sol;passwd>")[0].0, "/etc/passwd");
        assert_eq!(urls("<img src=\"&#x2e;&#x2E;/&period;./x\">")[0].0, "../../x");
        assert_eq!(urls("<img src='a&unknown;b'>")[0].0, "a&unknown;b");
        assert_eq!(urls("<img\n  src = \"x.png\"\n>")[0].0, "x.png");
        assert_eq!(urls("<img srcset=\"a.png 1x, /b.png 2x\">").len(), 2);
        assert!(urls("<!-- <img src=/x> --> a < b").is_empty());
        assert_eq!(urls("<a href=\"https://e.org/?a=1&amp;b=2\">")[0].0, "https://e.org/?a=1&b=2");
        // Cut short anywhere: never a panic.
        let html = "<img src=\"é/x\" alt=é><a href='y";
        for end in (0..=html.len()).filter(|&e| html.is_char_boundary(e)) {
            let _ = html_urls(&html[..end]);
        }
    }
}
