//! URLs as browsers read them: the schemes content may link to, what a
//! Windows path looks like (not a scheme), percent-encoding of paths, and
//! the content type a path's extension names.

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

/// The content type of a file by its name's extension (a URL path or a
/// file path), as the preview and the print server send it.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `path` with every byte outside the unreserved set and `/` percent-encoded.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The bytes `s` percent-decodes to; `None` if an escape is malformed
/// (what a server answering requests should refuse).
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    decode(s, true)
}

/// `s` percent-decoded as a browser reads a link: a malformed escape stays
/// as written, and bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode_lossy(s: &str) -> String {
    String::from_utf8_lossy(&decode(s, false).unwrap_or_default()).into_owned()
}

fn decode(s: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let escape = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match escape.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod percent_tests {
    use super::*;

    #[test]
    fn paths_are_encoded_and_decoded_back() {
        for path in ["a b#c?d%e é.txt", "plain/path.html", "%", ""] {
            assert_eq!(percent_decode(&percent_encode_path(path)).unwrap(), path.as_bytes());
        }
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode_lossy("%2e%2e/%zz%20x%"), "../%zz x%");
        assert_eq!(percent_decode_lossy("%ff"), "\u{FFFD}");
    }
}
