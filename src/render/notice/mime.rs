//! A MIME message (RFC 5322, 2045-2047) put together from parts already
//! written: headers with RFC 2047 encoded-words for anything not ASCII,
//! folded under 78 octets; bodies in quoted-printable UTF-8; a
//! `multipart/alternative` with a boundary made from the parts themselves
//! (so the same message is the same bytes); CRLF line ends throughout.
//!
//! Knows nothing of meetings or words: the notice gives it its headers and
//! its bodies. Imports nothing of the crate.

/// One part of a `multipart/alternative`: its MIME type and its text.
pub struct Part<'a> {
    pub content_type: &'a str,
    pub text: &'a str,
}

/// The message: `headers` (name, value; values are encoded as needed)
/// then the parts, the plainest first as RFC 2046 5.1.4 asks.
pub fn message(headers: &[(&str, &str)], parts: &[Part]) -> Vec<u8> {
    let bodies: Vec<String> = parts.iter().map(|p| quoted_printable(p.text)).collect();
    let boundary = boundary(&bodies);
    let mut out = String::new();
    for (name, value) in headers {
        out.push_str(&header(name, value));
    }
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str(&format!("Content-Type: multipart/alternative;\r\n boundary=\"{boundary}\"\r\n"));
    out.push_str("\r\n");
    out.push_str("This is a message in MIME format.\r\n");
    for (part, body) in parts.iter().zip(&bodies) {
        out.push_str(&format!("\r\n--{boundary}\r\n"));
        out.push_str(&format!("Content-Type: {}; charset=utf-8\r\n", part.content_type));
        out.push_str("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        out.push_str(body);
    }
    out.push_str(&format!("\r\n--{boundary}--\r\n"));
    out.into_bytes()
}

/// A boundary no quoted-printable body can hold (`=_` is never in one: `=`
/// is only ever followed by two hex digits or a line end), made from the
/// bodies so that it is the same for the same message.
fn boundary(bodies: &[String]) -> String {
    // FNV-1a, 64 bits: stable across builds and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bodies.iter().flat_map(|s| s.bytes().chain([0])) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("=_briefing_{hash:016x}")
}

/// `Name: value` with CRLF; a value that is not printable ASCII becomes
/// encoded-words, and a long one is folded at its spaces.
pub fn header(name: &str, value: &str) -> String {
    let value: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if value.bytes().all(|b| (0x20..0x7f).contains(&b)) && !value.contains("=?") {
        return format!("{name}: {}\r\n", fold(name.len() + 2, &value));
    }
    // The first word shares its line with the name: fewer octets in it.
    let first = (78usize.saturating_sub(name.len() + 2 + 12) / 4 * 3).max(3);
    let words = encoded_words(&value, first);
    let mut out = format!("{name}:");
    for (i, w) in words.iter().enumerate() {
        // Each word on its own line after the first: a line stays under 78.
        out.push_str(if i == 0 { " " } else { "\r\n " });
        out.push_str(w);
    }
    out.push_str("\r\n");
    out
}

/// ASCII folded at spaces so that no line passes 78 octets (a word longer
/// than that stays whole, as RFC 5322 allows up to 998).
fn fold(start: usize, value: &str) -> String {
    let mut out = String::new();
    let mut width = start;
    for (i, word) in value.split(' ').enumerate() {
        if i > 0 {
            if width + 1 + word.len() > 78 {
                out.push_str("\r\n ");
                width = 1;
            } else {
                out.push(' ');
                width += 1;
            }
        }
        out.push_str(word);
        width += word.len();
    }
    out
}

/// RFC 2047 "B" encoded-words of UTF-8 text, each at most 75 characters
/// and never splitting a character across two words.
/// The first word holds at most `first` octets of text (it shares its line
/// with the header's name).
pub fn encoded_words(text: &str, first: usize) -> Vec<String> {
    // 45 octets make 60 base64 characters: with `=?UTF-8?B?` and `?=`, 72.
    const MAX: usize = 45;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        let max = if words.is_empty() { first.min(MAX) } else { MAX };
        if chunk.len() + c.len_utf8() > max && !chunk.is_empty() {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words
}

/// Standard base64 with padding (RFC 4648 4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Text as quoted-printable (RFC 2045 6.7) with CRLF line ends: any line
/// break written becomes CRLF, every octet outside printable ASCII (and
/// `=`) is `=XX`, a space or tab ending a line is encoded, and lines longer
/// than 76 octets get soft breaks (`=` at the end), never inside an `=XX`.
pub fn quoted_printable(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        let bytes = line.as_bytes();
        let mut width = 0;
        for (j, &b) in bytes.iter().enumerate() {
            let last = j + 1 == bytes.len();
            let plain = (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
            let piece = if plain { (b as char).to_string() } else { format!("={b:02X}") };
            // Room for the piece and, unless the line ends here, a soft break.
            let room = if last { 76 } else { 75 };
            if width + piece.len() > room {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push_str(&piece);
            width += piece.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_qp(s: &str) -> Vec<u8> {
        let s = s.replace("=\r\n", "");
        let mut out = Vec::new();
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'=' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn base64_pads_as_rfc_4648_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("é".as_bytes()), "w6k=");
    }

    #[test]
    fn headers_not_in_ascii_are_encoded_words_under_76_characters() {
        let subject = "NON CLASSIFIÉ — Plan d’action conjoint Canada-États-Unis sur les opioïdes : réunion du 26 mai 2021";
        let h = header("Subject", subject);
        assert!(h.is_ascii(), "{h}");
        assert!(h.ends_with("\r\n"));
        let mut decoded = Vec::new();
        for line in h.trim_end().split("\r\n") {
            assert!(line.len() <= 78, "{} octets: {line}", line.len());
            let word = line.trim_start_matches("Subject:").trim();
            assert!(word.len() <= 75, "{word}");
            let b64 = word.strip_prefix("=?UTF-8?B?").unwrap().strip_suffix("?=").unwrap();
            decoded.push(b64.to_string());
        }
        assert!(decoded.len() > 1, "folded over several words");
        assert_eq!(header("Subject", "Plain words"), "Subject: Plain words\r\n");
        assert_eq!(header("X-Unsent", "1"), "X-Unsent: 1\r\n");
        assert!(!header("Subject", "a\r\nBcc: x").contains("\r\nBcc"), "no header can be added by a value");
    }

    #[test]
    fn long_ascii_headers_fold_at_spaces() {
        let value = "word ".repeat(40);
        let h = header("Subject", value.trim());
        for line in h.trim_end().split("\r\n") {
            assert!(line.len() <= 78, "{line}");
        }
        assert_eq!(h.replace("\r\n ", " "), format!("Subject: {}\r\n", value.trim()));
    }

    #[test]
    fn quoted_printable_round_trips_with_short_crlf_lines() {
        let text = "Ordre du jour — 14 h 15 = début\nA line with a trailing space \n\n".to_string()
            + &"é".repeat(60)
            + "\n"
            + &"x".repeat(200);
        let qp = quoted_printable(&text);
        assert!(qp.is_ascii());
        assert!(!qp.contains('\n') || qp.matches('\n').count() == qp.matches("\r\n").count(), "CRLF only");
        for line in qp.split("\r\n") {
            assert!(line.len() <= 76, "{} octets: {line}", line.len());
            assert!(!line.ends_with(' '), "no space ends a line: {line:?}");
        }
        assert_eq!(String::from_utf8(decode_qp(&qp)).unwrap(), text.replace('\n', "\r\n"));
        assert!(qp.contains("=3D"), "an equals sign is encoded");
        assert!(qp.contains("space=20\r\n"), "a trailing space is encoded");
    }

    #[test]
    fn a_message_is_multipart_alternative_with_a_stable_boundary() {
        let parts = [
            Part { content_type: "text/plain", text: "Bonjour" },
            Part { content_type: "text/html", text: "<p>Bonjour</p>" },
        ];
        let a = message(&[("Subject", "Avis"), ("X-Unsent", "1")], &parts);
        let b = message(&[("Subject", "Avis"), ("X-Unsent", "1")], &parts);
        assert_eq!(a, b);
        let s = String::from_utf8(a).unwrap();
        assert!(s.contains("Content-Type: multipart/alternative;\r\n boundary=\"=_briefing_"));
        assert!(s.find("text/plain").unwrap() < s.find("text/html").unwrap());
        assert!(s.ends_with("--\r\n"));
        assert!(!s.replace("\r\n", "").contains('\n'), "CRLF line ends only");
        let other = message(&[("Subject", "Avis")], &[Part { content_type: "text/plain", text: "Salut" }]);
        let boundary =
            |m: &str| m.split("boundary=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert_ne!(boundary(&s), boundary(&String::from_utf8(other).unwrap()));
    }
}
