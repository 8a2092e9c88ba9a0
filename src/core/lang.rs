//! Language codes, as content names them (`en`, `fr`, `es`).

/// `en`, `fr`, `es`: two or three lowercase letters.
pub fn is_lang_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_or_three_lowercase_letters() {
        assert!(is_lang_code("en") && is_lang_code("fra"));
        assert!(!is_lang_code("EN") && !is_lang_code("e") && !is_lang_code("engl") && !is_lang_code("é"));
    }
}
