//! Words as the site names things: ids and file names in kebab case, and
//! numbers as staff wrote them. Shared by the loaders, the hints of
//! diagnostics and the files the render stage names.
//!
//! Imports only `core`.

/// The longest id, in characters (all ASCII): ids name folders and files of
/// the built site (`groups/<group>/`, `charts/<group>_metric_<metric>.svg`),
/// and with at most 100 characters each such name stays well under the 255
/// bytes that file systems allow.
pub const MAX_ID_LEN: usize = 100;

/// A number as staff wrote it, short: `50.5`, `1e308` (not 309 digits).
pub fn show_number(f: f64) -> String {
    if f != 0.0 && !(1e-6..1e15).contains(&f.abs()) { format!("{f:e}") } else { f.to_string() }
}

/// True for `border-security`, `a1`; false for `Border Security`, `-a`, ``.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// True for an action's id, `A-2021-05-01`, `a1`: ASCII letters of either
/// case, digits and hyphens, not starting or ending with a hyphen, so that it
/// is safe in an anchor (`#_action-A-2021-05-01`) and in a list of ids; false
/// for ``, `Q 1, x`, `a#b`, `-a`.
pub fn is_action_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The nearest action id to `s`, for hints: `Q 1, x` -> `Q-1-x`.
pub fn action_id_like(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(MAX_ID_LEN).collect();
    if out.is_empty() { "A-1".to_string() } else { out.trim_end_matches('-').to_string() }
}

/// A kebab-case version of any text, for hints and new file names: Latin
/// letters lose their accents (`Réunion spéciale` -> `reunion-speciale`),
/// anything else not a letter or digit becomes a hyphen, and the result is
/// at most [`MAX_ID_LEN`] characters.
pub fn kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let ascii = if c.is_ascii_alphanumeric() {
            Some(c.encode_utf8(&mut [0; 4]).to_string())
        } else {
            unaccented(c)
        };
        match ascii {
            Some(a) => out.push_str(&a),
            None if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            None => {}
        }
    }
    if out.len() > MAX_ID_LEN {
        out.truncate(MAX_ID_LEN);
    }
    out.trim_end_matches('-').to_string()
}

/// The ASCII letters of an accented Latin letter (lower case): `é` -> `e`,
/// `œ` -> `oe`, `ß` -> `ss`. A small table, not a dependency: file names and
/// ids need only the Latin alphabets a committee writes in.
fn unaccented(c: char) -> Option<String> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("æ", "ae"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĳ", "ij"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("œ", "oe"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ß", "ss"),
        ("ţťŧț", "t"),
        ("þ", "th"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
    ];
    TABLE.iter().find(|(from, _)| from.contains(c)).map(|(_, to)| to.to_string())
}

/// `n` and the word that agrees with it: "1 error", "2 errors", "0 errors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
