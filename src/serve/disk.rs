//! Writing good builds to the output folder. The first one (and any after
//! a failed write, or when the folder is no longer the one written) goes
//! through `write::write`, which swaps a complete new folder in; later ones
//! write only the files whose bytes changed, each to a temporary file
//! renamed over the old one, and delete the files a build no longer has.
//! Only good builds get here, so the folder always holds a good build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::files::{self, Content, Files};
use crate::render::pages::OutFile;
use crate::write::{self, MARKER, WriteError};

pub struct Disk {
    out: PathBuf,
    /// The content folder, which assets are copied from.
    content: PathBuf,
    /// What the output folder holds, when it was written by this process.
    written: Option<Arc<Files>>,
}

impl Disk {
    pub fn new(out: PathBuf, content: PathBuf) -> Self {
        Disk { out, content, written: None }
    }

    /// Brings the output folder to `files`; returns how many files were written.
    pub fn sync(&mut self, files: &Arc<Files>) -> Result<usize, WriteError> {
        if files.is_empty() {
            return Ok(0);
        }
        let result = match self.written.take() {
            Some(old) if Arc::ptr_eq(&old, files) => {
                self.written = Some(old);
                return Ok(0);
            }
            Some(old) if self.out.join(MARKER).is_file() => changed_only(&self.out, &old, files),
            _ => {
                let pages: Vec<OutFile> = files
                    .iter()
                    .filter_map(|(p, b)| Some(OutFile { path: p.clone(), bytes: b.bytes()?.to_vec() }))
                    .collect();
                let assets: Vec<String> =
                    files.iter().filter(|(_, b)| b.bytes().is_none()).map(|(p, _)| p.clone()).collect();
                write::write(&self.out, &pages, &self.content, &assets)
            }
        };
        if result.is_ok() {
            self.written = Some(files.clone());
        }
        result
    }
}

fn changed_only(out: &Path, old: &Files, new: &Files) -> Result<usize, WriteError> {
    let mut n = 0;
    for (path, bytes) in files::differing(old, new) {
        match bytes {
            Some(bytes) => {
                let to = out.join(path);
                replace(&to, bytes).map_err(|e| WriteError::Io(to, e))?;
                n += 1;
            }
            None => {
                let gone = out.join(path);
                match fs::remove_file(&gone) {
                    Ok(()) => remove_empty_parents(out, &gone),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(WriteError::Io(gone, e)),
                }
            }
        }
    }
    Ok(n)
}

/// Writes `bytes` beside `to`, then renames it over `to`: a reader never
/// sees a half-written file.
fn replace(to: &Path, bytes: &Content) -> io::Result<()> {
    let dir = to.parent().ok_or_else(|| io::Error::other("no parent folder"))?;
    fs::create_dir_all(dir)?;
    let name = to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.briefing-{}", std::process::id()));
    bytes.write_to(&tmp)?;
    fs::rename(&tmp, to).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;

    fn files(list: &[(&str, &str)]) -> Arc<Files> {
        Arc::new(list.iter().map(|(p, b)| (p.to_string(), Bytes::from(b.to_string()).into())).collect())
    }

    fn mtime(p: &Path) -> std::time::SystemTime {
        fs::metadata(p).unwrap().modified().unwrap()
    }

    #[test]
    fn only_changed_files_are_rewritten_and_removed_ones_deleted() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        let mut disk = Disk::new(out.clone(), tmp.path().join("content"));
        let first = files(&[("index.html", "a"), ("groups/x/index.html", "x"), ("static/style.css", "s")]);
        assert_eq!(disk.sync(&first).unwrap(), 3);
        assert!(out.join(MARKER).is_file());
        let old_time = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for f in ["index.html", "static/style.css"] {
            fs::File::options().write(true).open(out.join(f)).unwrap().set_modified(old_time).unwrap();
        }
        let second = files(&[("index.html", "a2"), ("static/style.css", "s")]);
        assert_eq!(disk.sync(&second).unwrap(), 1);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a2");
        assert_ne!(mtime(&out.join("index.html")), old_time);
        assert_eq!(mtime(&out.join("static/style.css")), old_time, "an unchanged file is not rewritten");
        assert!(!out.join("groups").exists(), "a page the build no longer has is deleted, with its folder");
        let tmp_suffix = format!(".briefing-{}", std::process::id());
        let names: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(names.iter().all(|n| !n.to_string_lossy().ends_with(&tmp_suffix)), "{names:?}");
    }

    #[test]
    fn a_folder_that_lost_its_marker_is_written_whole_again() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        let mut disk = Disk::new(out.clone(), tmp.path().join("content"));
        disk.sync(&files(&[("index.html", "a")])).unwrap();
        fs::remove_dir_all(&out).unwrap();
        assert_eq!(disk.sync(&files(&[("index.html", "b"), ("404.html", "n")])).unwrap(), 2);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
    }

    #[test]
    fn a_folder_not_written_by_briefing_is_refused() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let mut disk = Disk::new(out.clone(), tmp.path().join("content"));
        assert!(matches!(disk.sync(&files(&[("index.html", "a")])), Err(WriteError::NotOurs(_))));
        assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    }
}
