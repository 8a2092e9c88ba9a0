//! A build's files by their path in the output folder, and what differs
//! between two builds (for what to publish and what to write).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use axum::body::Bytes;

/// Every file of a build by its path in the output folder.
pub type Files = BTreeMap<String, Content>;

/// What a file of a build holds: bytes in memory (the rendered pages), or a
/// content file left on disk and read when it is served or written (assets,
/// which may be large).
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Bytes(Bytes),
    File(OnDisk),
}

/// A file on disk as the build saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnDisk {
    pub path: PathBuf,
    pub stamp: Stamp,
}

pub use crate::load::Stamp;

impl OnDisk {
    /// The file, if it is still the one the build saw.
    pub fn open(&self) -> io::Result<fs::File> {
        let f = fs::File::open(&self.path)?;
        self.check(&f.metadata()?)?;
        Ok(f)
    }

    /// `Ok` when `m` (of the file opened) is what the build saw.
    pub fn check(&self, m: &fs::Metadata) -> io::Result<()> {
        if Stamp::of(m)? == self.stamp {
            Ok(())
        } else {
            Err(io::Error::other(format!("`{}` changed since the build", self.path.display())))
        }
    }
}

impl From<Bytes> for Content {
    fn from(b: Bytes) -> Content {
        Content::Bytes(b)
    }
}

impl Content {
    /// The bytes, when they are in memory.
    pub fn bytes(&self) -> Option<&Bytes> {
        match self {
            Content::Bytes(b) => Some(b),
            Content::File(_) => None,
        }
    }

    /// Writes the file to `to` (a file on disk is copied, not read into memory).
    pub fn write_to(&self, to: &Path) -> io::Result<()> {
        match self {
            Content::Bytes(b) => fs::write(to, b),
            Content::File(f) => {
                let mut from = f.open()?;
                let mut into = fs::File::create(to)?;
                io::copy(&mut from, &mut into)?;
                Ok(())
            }
        }
    }
}

/// Equal contents; the same buffer (a page a partial build kept) without
/// reading it; the same file as it was.
pub fn same(a: &Content, b: &Content) -> bool {
    match (a, b) {
        (Content::Bytes(a), Content::Bytes(b)) => (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b,
        // A file saved within a clock tick of its stamp may hold other bytes
        // under the same stamp: taken as changed.
        (Content::File(a), Content::File(b)) => a.path == b.path && a.stamp.unchanged(&b.stamp),
        _ => false,
    }
}

/// The paths whose bytes differ between two builds, each with its new bytes
/// (`None`: gone), in one pass over both sorted maps.
pub fn differing<'a>(old: &'a Files, new: &'a Files) -> Vec<(&'a str, Option<&'a Content>)> {
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
            entries.iter().map(|(p, b)| (p.to_string(), Bytes::from(b.to_string()).into())).collect()
        };
        let old = files(&[("a.html", "1"), ("b.html", "2"), ("c.svg", "3"), ("e.html", "5")]);
        let new =
            files(&[("a.html", "1"), ("b.html", "two"), ("d.html", "4"), ("e.html", "5"), ("f.css", "6")]);
        let diff: Vec<(&str, Option<&str>)> = differing(&old, &new)
            .into_iter()
            .map(|(p, b)| (p, b.map(|b| std::str::from_utf8(b.bytes().unwrap()).unwrap())))
            .collect();
        assert_eq!(
            diff,
            [("b.html", Some("two")), ("c.svg", None), ("d.html", Some("4")), ("f.css", Some("6"))]
        );
        assert!(differing(&new, &new).is_empty());
        assert_eq!(differing(&Files::new(), &new).len(), 5);
        assert_eq!(differing(&old, &Files::new()).len(), 4);
    }

    #[test]
    fn a_file_on_disk_is_used_only_while_it_is_the_one_the_build_saw() {
        let tmp = tempfile::TempDir::new().unwrap();
        let path = tmp.path().join("map.png");
        fs::write(&path, "picture").unwrap();
        // Saved moments ago: another save within the same clock tick could
        // keep its stamp, so it is not taken as the same file.
        let fresh = OnDisk { path: path.clone(), stamp: Stamp::read(&path).unwrap() };
        assert!(!same(&Content::File(fresh.clone()), &Content::File(fresh)));
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        fs::File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();
        let seen = OnDisk { path: path.clone(), stamp: Stamp::read(&path).unwrap() };
        let content = Content::File(seen.clone());
        content.write_to(&tmp.path().join("copy.png")).unwrap();
        assert_eq!(fs::read_to_string(tmp.path().join("copy.png")).unwrap(), "picture");
        assert!(same(&content, &Content::File(seen.clone())));
        assert!(!same(&content, &Content::Bytes(Bytes::from("picture"))));

        fs::write(&path, "another picture").unwrap();
        assert!(seen.open().is_err(), "a file changed since the build is not served");
        assert!(content.write_to(&tmp.path().join("copy2.png")).is_err());
        #[cfg(unix)]
        {
            let secret = tmp.path().join("secret.txt");
            fs::write(&secret, "picture").unwrap();
            fs::remove_file(&path).unwrap();
            std::os::unix::fs::symlink(&secret, &path).unwrap();
            assert_eq!(
                Stamp::read(&path).unwrap(),
                Stamp::read(&secret).unwrap(),
                "a link is stamped as its file"
            );
            assert!(seen.open().is_err(), "a file swapped for a link to another file is not served");
        }
    }
}
