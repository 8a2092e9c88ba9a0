//! Internal links: Markdown refers to content files by their path relative
//! to the file it is written in (`../groups/health.yaml`,
//! `../assets/map.png`, `2021-05-26.md#decisions`). This module resolves
//! such a target to a content path and maps content paths to site pages.

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
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (target, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Ok(Resolved { path: String::new(), fragment });
    }
    if path.starts_with('/') || path.starts_with('\\') || path.contains(":\\") || is_drive(path) {
        return Err(Unsafe::Absolute);
    }
    let decoded = percent_decode(path);
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

/// The URL schemes a link or image may use; links and images with another
/// scheme are removed from the page (and reported as `unsupported-link`).
pub const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme of `url` as a browser reads it, lower case: browsers drop
/// leading spaces and control characters, and tabs or newlines anywhere,
/// before reading it. `None` for a URL without one (a relative path, `#x`,
/// `//host/…`); `Some("")` for something unclear (control characters).
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    match cleaned.split_once(':') {
        None if cleaned.chars().any(|c| c.is_control()) => Some(String::new()),
        None => None,
        Some((scheme, _)) => Some(scheme.to_ascii_lowercase()),
    }
}

/// A relative URL, or one with an allowed scheme; anything unclear is not
/// allowed.
pub fn allowed(url: &str) -> bool {
    scheme(url).is_none_or(|s| SCHEMES.contains(&s.as_str()))
}

/// `C:/…` or `c:\…`: a Windows path, not a URL scheme.
pub fn is_drive(url: &str) -> bool {
    let b = url.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'/' | b'\\')
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
        Some((base, lang)) if crate::load::text::is_lang_code(lang) => base,
        _ => stem,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
}
