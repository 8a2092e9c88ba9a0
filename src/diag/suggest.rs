//! "Did you mean …?" hints: the closest known word to a mistyped one.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&lower, &candidate.to_lowercase());
        let distance = strsim::levenshtein(&lower, &candidate.to_lowercase());
        // Short words (party codes) must be nearly equal; longer ones may
        // carry a typo or two.
        let allowed = (candidate.chars().count() / 3).max(1);
        let same_letters = candidate.to_lowercase().replace('-', "") == lower.replace([' ', '_', '-'], "");
        let close = same_letters || distance <= allowed || (score >= 0.9 && candidate.len() > 4);
        if close && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A hint naming the closest candidate, or else listing what is allowed.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("expected one of: {}", list(candidates)),
    }
}

/// `a`, `b` or `c`.
pub fn list(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    match quoted.len() {
        0 => "nothing".to_string(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_word() {
        let statuses = ["planned", "in-progress", "at-risk", "blocked", "done"];
        assert_eq!(closest("inprogress", statuses), Some("in-progress"));
        assert_eq!(closest("in progress", statuses), Some("in-progress"));
        assert_eq!(closest("blokced", statuses), Some("blocked"));
        assert_eq!(closest("zzzzzz", statuses), None);
        assert_eq!(closest("MX", ["CA", "US"]), None);
        assert_eq!(closest("pie", ["line", "bar", "stacked"]), None);
        assert_eq!(closest("Ca", ["CA", "US"]), Some("CA"));
        assert_eq!(did_you_mean("mandat", &["name", "mandate"]), "did you mean `mandate`?");
    }
}
