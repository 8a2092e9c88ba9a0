//! A build's files by their path in the output folder, and what differs
//! between two builds (for what to publish and what to write).

use std::collections::BTreeMap;

use axum::body::Bytes;

/// Every file of a build by its path in the output folder.
pub type Files = BTreeMap<String, Bytes>;

/// Equal bytes; the same buffer (a page a partial build kept) without reading it.
pub fn same(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// The paths whose bytes differ between two builds, each with its new bytes
/// (`None`: gone), in one pass over both sorted maps.
pub fn differing<'a>(old: &'a Files, new: &'a Files) -> Vec<(&'a str, Option<&'a Bytes>)> {
    let mut out = Vec::new();
    let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => return out,
            (Some((pa, _)), Some((pb, nb))) if pa == pb => {
                if !same(a.next().expect("peeked").1, nb) {
                    out.push((pb.as_str(), Some(*nb)));
                }
                b.next();
            }
            (Some((pa, _)), Some((pb, _))) if pa < pb => {
                out.push((a.next().expect("peeked").0.as_str(), None))
            }
            (Some(_), Some(_)) | (None, Some(_)) => {
                let (p, bytes) = b.next().expect("peeked");
                out.push((p.as_str(), Some(bytes)));
            }
            (Some(_), None) => out.push((a.next().expect("peeked").0.as_str(), None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_lists_changed_added_and_gone_paths_in_order() {
        let files = |entries: &[(&str, &str)]| -> Files {
            entries.iter().map(|(p, b)| (p.to_string(), Bytes::from(b.to_string()))).collect()
        };
        let old = files(&[("a.html", "1"), ("b.html", "2"), ("c.svg", "3"), ("e.html", "5")]);
        let new =
            files(&[("a.html", "1"), ("b.html", "two"), ("d.html", "4"), ("e.html", "5"), ("f.css", "6")]);
        let diff: Vec<(&str, Option<&str>)> = differing(&old, &new)
            .into_iter()
            .map(|(p, b)| (p, b.map(|b| std::str::from_utf8(b).unwrap())))
            .collect();
        assert_eq!(
            diff,
            [("b.html", Some("two")), ("c.svg", None), ("d.html", Some("4")), ("f.css", Some("6"))]
        );
        assert!(differing(&new, &new).is_empty());
        assert_eq!(differing(&Files::new(), &new).len(), 5);
        assert_eq!(differing(&old, &Files::new()).len(), 4);
    }
}
