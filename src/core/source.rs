//! Reading one file's bytes as text: UTF-8 checked (with the place of the
//! first bad byte), byte-order mark dropped, CRLF line endings accepted.

use super::Loc;

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq)]
pub struct NotUtf8 {
    pub loc: Loc,
}

/// The file's text, normalised to LF line endings without a BOM (shared:
/// the loaded record and the diagnostics' snippets hold the same text).
pub fn decode(bytes: &[u8]) -> Result<std::sync::Arc<str>, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(if text.contains('\r') { text.replace("\r\n", "\n").into() } else { text.into() }),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            Err(NotUtf8 { loc: Loc::at(valid, valid.len()) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalised_and_bad_bytes_are_placed() {
        assert_eq!(&*decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap(), "a: 1\nb: 2\n");
        assert_eq!(decode(b"a: 1\nb: \xff\n").unwrap_err().loc, Loc::new(2, 4));
    }
}
