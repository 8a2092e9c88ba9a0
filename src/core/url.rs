//! URLs as browsers read them: the schemes content may link to, and what a
//! Windows path looks like (not a scheme).

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
