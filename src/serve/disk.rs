//! Writing good builds to the output folder. The first one (and any after
//! a failed write, or when the folder no longer holds the build this
//! process wrote, say because a `build` replaced it) goes through a
//! staging folder swapped in whole; later ones write only the files whose
//! bytes changed: all of them to temporary files first, then renamed over
//! the old ones (renames need no space), then the files a build no longer
//! has are deleted. A write that fails midway (a full disk) removes its
//! temporary files and leaves the folder as it was, so the next save
//! starts again from the same build. The output's lock is held during
//! each write, so the preview and a `build` never write at once.
//! Only good builds get here, so the folder always holds a good build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;

use super::files::{self, Content, Files};
use crate::write::{MARKER, MARKER_TEXT, Output, Staging, Stamp, WriteError};

pub struct Disk {
    out: PathBuf,
    /// The content folder, which assets are copied from.
    content: PathBuf,
    /// What the output folder holds, when it was written by this process,
    /// and the stamp of that build.
    written: Option<(Arc<Files>, Stamp)>,
    /// Test hook: the temporary file write that fails (as on a full disk).
    fail_at: Option<usize>,
}

impl Disk {
    pub fn new(out: PathBuf, content: PathBuf) -> Self {
        Disk { out, content, written: None, fail_at: None }
    }

    /// Brings the output folder to `files`; returns how many files were written.
    pub fn sync(&mut self, files: &Arc<Files>) -> Result<usize, WriteError> {
        if files.is_empty() {
            return Ok(0);
        }
        if let Some((old, _)) = &self.written
            && Arc::ptr_eq(old, files)
        {
            return Ok(0);
        }
        let output = Output::lock(&self.out)?;
        match self.written.take() {
            Some((old, stamp)) if output.stamp() == Some(stamp) => {
                match changed_only(output.path(), &old, files, self.fail_at) {
                    Ok(n) => {
                        if let Some(stamp) = output.stamp() {
                            self.written = Some((files.clone(), stamp));
                        }
                        Ok(n)
                    }
                    Err((Folder::AsItWas, e)) => {
                        self.written = Some((old, stamp));
                        Err(e)
                    }
                    // Left as neither build: the next write is a whole one.
                    Err((Folder::Mixed, e)) => Err(e),
                }
            }
            _ => {
                let staging = Staging::begin(output)?;
                for (path, body) in files.iter() {
                    match body {
                        Content::Bytes(bytes) => staging.put(path, bytes)?,
                        // Assets are copied from their files, not read into memory.
                        Content::File(_) => staging.copy_assets(&self.content, std::slice::from_ref(path))?,
                    }
                }
                let (n, output) = staging.finish()?;
                if let Some(stamp) = output.stamp() {
                    self.written = Some((files.clone(), stamp));
                }
                Ok(n)
            }
        }
    }
}

/// What a failed write left in the output folder.
#[derive(Debug, PartialEq)]
enum Folder {
    /// The build it held before.
    AsItWas,
    /// Part of each build (a rename or a deletion failed).
    Mixed,
}

/// Writes the files that differ between `old` and `new` into `out`, which
/// holds `old`: every changed file to a temporary file beside it, then
/// each renamed over the old one, then the files `new` lacks deleted.
fn changed_only(
    out: &Path,
    old: &Files,
    new: &Files,
    fail_at: Option<usize>,
) -> Result<usize, (Folder, WriteError)> {
    let diff = files::differing(old, new);
    let tmp_name = |to: &Path| {
        let name = to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        to.with_file_name(format!(".{name}.briefing-{}", std::process::id()))
    };
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let undo = |temps: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in temps {
            let _ = fs::remove_file(tmp);
            remove_empty_parents(out, tmp);
        }
    };
    // The marker is written anew too (same bytes, a new file), last: the
    // folder's stamp changes, so another writer knows it holds another build.
    let marker_text = Content::Bytes(Bytes::from_static(MARKER_TEXT.as_bytes()));
    let marker = (!diff.is_empty()).then_some((MARKER, Some(&marker_text)));
    let writes = diff.iter().copied().chain(marker);
    for (i, (path, bytes)) in writes.enumerate() {
        let Some(bytes) = bytes else { continue };
        let to = out.join(path);
        let tmp = tmp_name(&to);
        let written = match fail_at.filter(|&n| i >= n).map(|_| io::Error::other("injected write failure")) {
            Some(e) => Err(e),
            None => match crate::write::injected_failure() {
                Some(e) => Err(e),
                None => write_new(&tmp, bytes),
            },
        };
        // Listed before the error, so that a half-written file goes too.
        temps.push((tmp.clone(), to));
        if let Err(e) = written {
            undo(&temps);
            return Err((Folder::AsItWas, WriteError::Io(tmp, e)));
        }
    }
    let n = temps.len().saturating_sub(1);
    for (i, (tmp, to)) in temps.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, to) {
            undo(&temps[i..]);
            return Err((Folder::Mixed, WriteError::Io(to.clone(), e)));
        }
    }
    for (path, bytes) in &diff {
        if bytes.is_some() {
            continue;
        }
        let gone = out.join(path);
        match fs::remove_file(&gone) {
            Ok(()) => remove_empty_parents(out, &gone),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err((Folder::Mixed, WriteError::Io(gone, e))),
        }
    }
    Ok(n)
}

/// Writes `body` to a new file at `tmp`, making its folder (an asset is
/// copied from its file).
fn write_new(tmp: &Path, body: &Content) -> io::Result<()> {
    if let Some(dir) = tmp.parent() {
        fs::create_dir_all(dir)?;
    }
    body.write_to(tmp)
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
    use crate::write::MARKER;

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

    fn all_files(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, fs::read_to_string(e.path()).unwrap_or_default())
            })
            .filter(|(rel, _)| rel != MARKER)
            .collect();
        out.sort();
        out
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        v.sort();
        v
    }

    #[test]
    fn a_write_that_fails_midway_changes_nothing_and_the_next_one_works() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        let mut disk = Disk::new(out.clone(), tmp.path().join("content"));
        let first = [("index.html", "a"), ("groups/x/index.html", "x"), ("z.html", "z")];
        disk.sync(&files(&first)).unwrap();
        let second = [
            ("index.html", "a2"),
            ("groups/x/index.html", "x2"),
            ("new/deep/page.html", "n"),
            ("y.html", "y"),
        ];
        for fail_at in 0..3 {
            disk.fail_at = Some(fail_at);
            let e = disk.sync(&files(&second)).unwrap_err();
            assert!(e.to_string().contains("injected write failure"), "{e}");
            assert_eq!(
                all_files(&out),
                pairs(&first),
                "the folder still holds the first build (failure at {fail_at})"
            );
            assert!(!out.join("new").exists(), "a folder made for a temporary file is removed");
        }
        disk.fail_at = None;
        assert_eq!(disk.sync(&files(&second)).unwrap(), 4);
        assert_eq!(all_files(&out), pairs(&second), "once space is back, the next save writes the new build");
    }

    #[test]
    fn assets_are_copied_from_their_files_whole_and_when_changed() {
        use crate::serve::files::{OnDisk, Stamp};
        let tmp = tempfile::TempDir::new().unwrap();
        let (content, out) = (tmp.path().join("content"), tmp.path().join("output"));
        fs::create_dir_all(content.join("assets")).unwrap();
        let map = content.join("assets/map.png");
        let asset = |text: &str| {
            fs::write(&map, text).unwrap();
            Content::File(OnDisk { path: map.clone(), stamp: Stamp::read(&map).unwrap() })
        };
        let with = |a: Content| -> Arc<Files> {
            let mut f = (*files(&[("index.html", "a")])).clone();
            f.insert("assets/map.png".into(), a);
            Arc::new(f)
        };
        let mut disk = Disk::new(out.clone(), content.clone());
        disk.sync(&with(asset("one"))).unwrap();
        assert_eq!(fs::read_to_string(out.join("assets/map.png")).unwrap(), "one");
        assert_eq!(disk.sync(&with(asset("second"))).unwrap(), 1);
        assert_eq!(fs::read_to_string(out.join("assets/map.png")).unwrap(), "second");
        // Changed again since the build saw it: not copied, the folder kept.
        let third = with(asset("third"));
        fs::write(&map, "fourth, longer").unwrap();
        assert!(disk.sync(&third).is_err());
        assert_eq!(fs::read_to_string(out.join("assets/map.png")).unwrap(), "second");
    }

    #[test]
    fn a_folder_another_build_replaced_is_written_whole() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        let mut disk = Disk::new(out.clone(), tmp.path().join("content"));
        disk.sync(&files(&[("index.html", "a"), ("page.html", "p")])).unwrap();
        // A `briefing build` on the same folder, with other files.
        let other = [crate::write::OutFile { path: "other.html".into(), bytes: b"o".to_vec().into() }];
        crate::write::write(&out, &other, Path::new("."), &[]).unwrap();
        let next = [("index.html", "a2"), ("page.html", "p")];
        disk.sync(&files(&next)).unwrap();
        assert_eq!(all_files(&out), pairs(&next), "the preview's build, whole, not mixed with the other");
    }
}
