//! Names that become paths of the built site: every file and folder name in
//! the content folder is published as is (assets) or gives a folder or file
//! name (group ids, page and meeting slugs), so each must be one that any
//! file system can write. `check` refuses what `build` could not write.
//!
//! The rule: a name is valid UTF-8, at most 255 bytes, without control
//! characters or a backslash, and not one of the names Windows reserves
//! (`con`, `prn`, `aux`, `nul`, `com1`-`com9`, `lpt1`-`lpt9`, with any
//! extension); an id is at most [`MAX_ID_LEN`] characters, so that the
//! longest name made from ids (`<group>_metric_<metric>.png`) stays under 255.

use std::ffi::OsStr;
use std::path::Path;

pub use crate::yaml::read::MAX_ID_LEN;

/// The longest file or folder name, in bytes, most file systems accept.
pub const MAX_NAME_BYTES: usize = 255;

/// Why a file or folder name cannot be published as is, if it cannot.
pub fn unportable(name: &OsStr) -> Option<String> {
    let Some(name) = name.to_str() else {
        return Some("is not valid UTF-8 text, so it cannot be written as a web address".into());
    };
    if name.len() > MAX_NAME_BYTES {
        return Some(format!("is {} bytes long; a name may have at most {MAX_NAME_BYTES}", name.len()));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Some(format!("holds a control character (U+{:04X})", u32::from(c)));
    }
    if name.contains('\\') {
        return Some("holds a backslash, which web addresses and Windows read as a folder separator".into());
    }
    if reserved_on_windows(name) {
        return Some("is a name Windows reserves for a device".into());
    }
    None
}

/// `con`, `NUL.txt`, `com1.png`: device names Windows will not open as files.
fn reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.ends_with(|c: char| ('1'..='9').contains(&c)))
}

/// The hint for a name that [`unportable`] refuses.
pub const RENAME_HINT: &str = "rename it with letters, digits, spaces, hyphens, dots and underscores: names become paths of the built site";

/// True when `rel` (relative to `root`) names an existing entry with exactly
/// that spelling, also on file systems that ignore case.
pub fn exists_exactly(root: &Path, rel: &str) -> bool {
    let path = root.join(rel);
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else { return false };
    std::fs::read_dir(parent).map(|entries| entries.flatten().any(|e| e.file_name() == name)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn unportable_names_are_refused_with_a_reason() {
        for good in
            ["map.png", "Rapport annuel 2021.pdf", "été.png", "a_b-c.d.svg", "console.png", "com0.png"]
        {
            assert_eq!(unportable(OsStr::new(good)), None, "{good}");
        }
        let long = "a".repeat(256);
        let cases: &[(&OsStr, &str)] = &[
            (OsStr::from_bytes(b"a\xff.png"), "UTF-8"),
            (OsStr::new("a\\b.png"), "backslash"),
            (OsStr::new("a\tb.png"), "control character (U+0009)"),
            (OsStr::new("a\nb.png"), "control character (U+000A)"),
            (OsStr::new("con"), "reserves"),
            (OsStr::new("NUL.txt"), "reserves"),
            (OsStr::new("lpt9.png"), "reserves"),
            (OsStr::new(&long), "256 bytes"),
        ];
        for (bad, why) in cases {
            let found = unportable(bad).unwrap_or_else(|| panic!("{bad:?} accepted"));
            assert!(found.contains(why), "{bad:?}: {found}");
        }
    }
}
