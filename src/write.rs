//! The write stage: every output file goes into a fresh folder beside the
//! output folder, which replaces the old output only once all is written.
//! A failed build leaves the previous output as it was.
//!
//! - One writer at a time: a lock file beside the output folder
//!   (`.<name>.lock`) is held from the start of a write to its end, so two
//!   builds, or a build and the preview, on the same output wait for each
//!   other instead of mixing their files. Leftovers of a killed build are
//!   tidied only while holding it, and only folders that carry the marker.
//! - `--out` that is a link is written through: the folder it leads to is
//!   replaced and the link stays as it was.
//! - An output folder that cannot be renamed (a mount point) is swapped
//!   inside: the new build is staged in it, then the old entries move aside
//!   and the new ones up, so that the folder ends as one build.
//! - An output folder that is, contains or lies inside the content or the
//!   theme folder is refused before anything is written ([`check_place`]).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Marks a folder as written by briefing, so it may be replaced.
pub const MARKER: &str = ".briefing-output";

/// The lock file inside the output folder, when none can be made beside it.
const LOCK_INSIDE: &str = ".briefing-lock";
/// A build staged inside the output folder (swapped in place).
const NEW_INSIDE: &str = ".briefing-new-";
/// The previous build's entries, moved aside inside the output folder.
const OLD_INSIDE: &str = ".briefing-old-";
/// A file system's own folder at the top of a mount point: never moved.
const LOST_FOUND: &str = "lost+found";

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// `out` exists, is not empty, and was not written by briefing.
    NotOurs(PathBuf),
    /// `out` is a place briefing must not write: the message says why and
    /// what to do instead.
    Refused(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "`{}` exists and was not written by briefing; refusing to replace it (choose another --out, or empty it)",
                p.display()
            ),
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

/// One file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Writes `files` and copies `assets` (paths relative to `content`) into `out`.
pub fn write(out: &Path, files: &[OutFile], content: &Path, assets: &[String]) -> Result<usize, WriteError> {
    let staging = Staging::open(out)?;
    for f in files {
        staging.put(&f.path, &f.bytes)?;
    }
    staging.copy_assets(content, assets)?;
    staging.commit()
}

/// Refuses an output folder that would overwrite or feed the inputs: one
/// that is, contains or lies inside the content folder or the theme folder
/// (links resolved; folders that do not exist yet compared by name), the
/// root folder, or a file. Called before anything is read or written.
pub fn check_place(out: &Path, content: &Path, theme: Option<&Path>) -> Result<(), WriteError> {
    let shown = out.display();
    let real = resolve(out).map_err(|e| WriteError::Io(out.to_path_buf(), e))?;
    if real.parent().is_none() {
        return Err(WriteError::Refused(format!(
            "`--out {shown}` is the root folder, which a build would replace\n  hint: choose a folder of its own, e.g. `--out output`"
        )));
    }
    if fs::metadata(&real).is_ok_and(|m| !m.is_dir()) {
        return Err(WriteError::Refused(format!(
            "`--out {shown}` is a file, not a folder\n  hint: choose a folder for the site, e.g. `--out output`"
        )));
    }
    let mut inputs = vec![("content", content)];
    inputs.extend(theme.map(|t| ("theme", t)));
    // `output` beside the content folder, as written and resolved.
    let shown_beside =
        content.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("")).join("output");
    let beside = resolve(&shown_beside).ok();
    for (what, input) in inputs {
        let Ok(input_real) = resolve(input) else { continue };
        let example = match &beside {
            Some(b) if !b.starts_with(&input_real) && !input_real.starts_with(b) => {
                format!(", e.g. `--out {}`", shown_beside.display())
            }
            _ => String::new(),
        };
        let hint = format!("\n  hint: choose an output folder apart from the {what} folder{example}");
        let why = if real == input_real {
            format!("`--out {shown}` is the {what} folder itself: a build would replace it")
        } else if real.starts_with(&input_real) {
            format!(
                "`--out {shown}` is inside the {what} folder `{}`: every build would read the output of the one before",
                input.display()
            )
        } else if input_real.starts_with(&real) {
            format!(
                "`--out {shown}` contains the {what} folder `{}`: a build replaces its output folder, and the {what} with it",
                input.display()
            )
        } else {
            continue;
        };
        return Err(WriteError::Refused(why + &hint));
    }
    Ok(())
}

/// `p` made absolute with every link resolved, as far as it exists; the
/// rest is taken by name (`..` drops the name before it).
pub fn resolve(p: &Path) -> io::Result<PathBuf> {
    // The components still to walk, the next one last.
    let mut todo: Vec<std::ffi::OsString> = Vec::new();
    let push = |todo: &mut Vec<std::ffi::OsString>, p: &Path| {
        todo.extend(
            p.components().map(|c| c.as_os_str().to_os_string()).collect::<Vec<_>>().into_iter().rev(),
        )
    };
    push(&mut todo, &std::path::absolute(p)?);
    let mut done = PathBuf::new();
    let mut hops = 0;
    while let Some(part) = todo.pop() {
        match Path::new(&part).components().next() {
            Some(Component::Prefix(_) | Component::RootDir) => done.push(&part),
            Some(Component::ParentDir) => {
                done.pop();
            }
            Some(Component::Normal(name)) => {
                let next = done.join(name);
                match fs::symlink_metadata(&next) {
                    Ok(m) if m.file_type().is_symlink() => {
                        hops += 1;
                        if hops > 40 {
                            return Err(io::Error::other(format!("`{}`: too many links", p.display())));
                        }
                        let target = fs::read_link(&next)?;
                        if target.has_root() {
                            done = PathBuf::new();
                        }
                        push(&mut todo, &target);
                    }
                    _ => done = next,
                }
            }
            Some(Component::CurDir) | None => {}
        }
    }
    Ok(done)
}

/// The output folder, locked for one writer until this is dropped.
pub struct Output {
    /// Where the files go: `--out` with every link resolved.
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    /// The folder itself cannot be renamed: builds are swapped inside it.
    in_place: bool,
    _lock: Lock,
}

/// A locked lock file, removed before it is unlocked (when dropped), so
/// that nothing is left beside the output. A writer that was waiting on
/// the removed file sees that it is gone and locks the path anew.
struct Lock {
    file: fs::File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// Whether the locked `file` is still the one at `path`.
fn still_there(file: &fs::File, path: &Path) -> bool {
    if !cfg!(unix) {
        return true;
    }
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => file_id(&a) == file_id(&b),
        _ => false,
    }
}

/// What identifies the build an output folder holds: it changes whenever
/// another build is swapped in (a new folder, or a new marker file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dir: (u64, u64),
    marker: (u64, u64, Option<std::time::SystemTime>),
}

impl Output {
    /// Takes the lock of `out`, waiting (with a word on standard error)
    /// while another build holds it, then tidies up after a killed build.
    pub fn lock(out: &Path) -> Result<Output, WriteError> {
        let dir = resolve(out).map_err(|e| WriteError::Io(out.to_path_buf(), e))?;
        let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
            return Err(WriteError::Refused(format!(
                "`--out {}` is the root folder, which a build would replace\n  hint: choose a folder of its own, e.g. `--out output`",
                out.display()
            )));
        };
        let (parent, name) = (parent.to_path_buf(), name.to_string_lossy().into_owned());
        if fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
            return Err(WriteError::Refused(format!(
                "`{}` is a file, not a folder\n  hint: choose a folder for the site, e.g. `--out output`",
                out.display()
            )));
        }
        fs::create_dir_all(&parent).map_err(|e| WriteError::Io(parent.clone(), e))?;
        let beside = parent.join(format!(".{name}.lock"));
        let in_dir = dir.join(LOCK_INSIDE);
        let mut said = false;
        let (lock, inside) = loop {
            let ((file, lock_path), is_inside) = match open_lock(&beside) {
                Ok(f) => ((f, beside.clone()), false),
                // A folder whose parent cannot be written (a mount point under
                // a system folder) holds its own lock and is swapped inside.
                Err(e) if dir.is_dir() => match open_lock(&in_dir) {
                    Ok(f) => ((f, in_dir.clone()), true),
                    Err(_) => return Err(WriteError::Io(beside, e)),
                },
                Err(e) => return Err(WriteError::Io(beside, e)),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !said {
                        eprintln!("waiting for another build that holds `{}`…", out.display());
                        said = true;
                    }
                    file.lock().map_err(|e| WriteError::Io(lock_path.clone(), e))?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(WriteError::Io(lock_path, e)),
            }
            // The writer before removed the file it held: lock the new one.
            if still_there(&file, &lock_path) {
                break (Lock { file, path: lock_path }, is_inside);
            }
        };
        let in_place = inside || (dir.is_dir() && cannot_rename(&dir, &parent));
        let output = Output { dir, parent, name, in_place, _lock: lock };
        output.recover();
        Ok(output)
    }

    /// The folder written: `--out` with every link resolved.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The build the folder holds now, if it holds one of briefing's.
    pub fn stamp(&self) -> Option<Stamp> {
        let dir = fs::symlink_metadata(&self.dir).ok()?;
        let marker = fs::symlink_metadata(self.dir.join(MARKER)).ok()?;
        let (d, i) = file_id(&dir);
        let (md, mi) = file_id(&marker);
        Some(Stamp { dir: (d, i), marker: (md, mi, marker.modified().ok()) })
    }

    /// Refuses a folder briefing did not write (a non-empty one without the marker).
    fn check_ours(&self) -> Result<(), WriteError> {
        if self.dir.join(MARKER).is_file() {
            return Ok(());
        }
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return if self.dir.exists() { Err(WriteError::NotOurs(self.dir.clone())) } else { Ok(()) };
        };
        let foreign = entries.filter_map(Result::ok).any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            !(self.in_place && (n == LOCK_INSIDE || n == LOST_FOUND))
        });
        if foreign { Err(WriteError::NotOurs(self.dir.clone())) } else { Ok(()) }
    }

    /// Tidies up after a build that was killed (the lock is held, so no
    /// other writer is at work): puts back an output that was moved aside
    /// but not replaced, removes half-written folders, and finishes or
    /// undoes a swap inside the folder. Only folders that carry the marker
    /// are touched: a folder of the user's with a similar name stays.
    fn recover(&self) {
        let mut leftovers = ours_named(&self.parent, &format!(".{}.new-", self.name));
        let olds = ours_named(&self.parent, &format!(".{}.old-", self.name));
        if fs::symlink_metadata(&self.dir).is_err()
            && let Some(old) = olds.last()
        {
            let _ = fs::rename(old, &self.dir);
        }
        leftovers.extend(olds);
        for p in leftovers.iter().filter(|p| p.exists()) {
            let _ = fs::remove_dir_all(p);
        }
        if self.dir.is_dir() {
            recover_inside(&self.dir);
        }
    }
}

/// Opens (creates) a lock file.
fn open_lock(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)
}

#[cfg(unix)]
fn file_id(m: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn file_id(m: &fs::Metadata) -> (u64, u64) {
    (m.len(), 0)
}

/// The folders in `dir` named `prefix` + a number (`-` and digits) that
/// carry the marker, sorted.
fn ours_named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(prefix)
                .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| p.join(MARKER).is_file())
        .collect();
    found.sort();
    found
}

/// The folders of a swap inside `dir`: staged builds (`new`) and previous
/// builds moved aside (`old`), whatever they hold.
fn inside_leftovers(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut new, mut old) = (Vec::new(), Vec::new());
    for e in fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok) {
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(NEW_INSIDE) {
            new.push(e.path());
        } else if n.starts_with(OLD_INSIDE) {
            old.push(e.path());
        }
    }
    new.sort();
    old.sort();
    (new, old)
}

/// Finishes or undoes a swap inside `dir` that a killed build left. The
/// marker moves aside last and up first, so a staged build without its
/// marker was being moved up (finish it: the old entries go), and one with
/// it was not (undo: the old entries come back up).
fn recover_inside(dir: &Path) {
    let (new, old) = inside_leftovers(dir);
    if new.is_empty() && old.is_empty() {
        return;
    }
    // Only in a folder of briefing's: it, or a build staged in it, has the marker.
    if !dir.join(MARKER).is_file() && !new.iter().any(|n| n.join(MARKER).is_file()) {
        return;
    }
    let moving_up = new
        .iter()
        .find(|n| !n.join(MARKER).exists() && fs::read_dir(n).is_ok_and(|mut d| d.next().is_some()));
    let from: Vec<&PathBuf> = match moving_up {
        Some(n) => vec![n],
        None => old.iter().collect(),
    };
    for folder in from {
        for e in fs::read_dir(folder).into_iter().flatten().filter_map(Result::ok) {
            let to = dir.join(e.file_name());
            if fs::symlink_metadata(&to).is_err() {
                let _ = fs::rename(e.path(), to);
            }
        }
    }
    for p in new.iter().chain(&old) {
        let _ = fs::remove_dir_all(p);
    }
}

/// Whether `dir` cannot be renamed in `parent`: a mount point (another
/// device than its parent, or listed as a mount), or the test hook
/// `BRIEFING_OUT_IN_PLACE` set.
fn cannot_rename(dir: &Path, parent: &Path) -> bool {
    if std::env::var_os("BRIEFING_OUT_IN_PLACE").is_some() {
        return true;
    }
    let device = |p: &Path| fs::metadata(p).ok().map(|m| file_id(&m).0);
    if cfg!(unix) && device(dir) != device(parent) {
        return true;
    }
    is_mount_point(dir)
}

/// Whether `/proc/self/mountinfo` lists `dir` as a mount point (a bind
/// mount of the same device has the same device number).
fn is_mount_point(dir: &Path) -> bool {
    let Ok(info) = fs::read_to_string("/proc/self/mountinfo") else { return false };
    let want = dir.to_string_lossy();
    info.lines().filter_map(|l| l.split(' ').nth(4)).any(|m| unescape_mount(m) == want)
}

/// Undoes the octal escapes of mountinfo (`\040` for a space).
fn unescape_mount(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let oct = b.get(i + 1..i + 4).filter(|d| d.iter().all(|c| (b'0'..=b'7').contains(c)));
        match (b[i], oct) {
            (b'\\', Some(d)) => {
                out.push(d.iter().fold(0u8, |n, c| n.wrapping_mul(8).wrapping_add(c - b'0')));
                i += 4;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A name in `base`, `prefix` + this process's id (and a number when that
/// name is taken), that nothing has yet.
fn free_name(base: &Path, prefix: &str) -> PathBuf {
    let pid = std::process::id();
    (0u32..)
        .map(|n| {
            if n == 0 { base.join(format!("{prefix}{pid}")) } else { base.join(format!("{prefix}{pid}-{n}")) }
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| base.join(format!("{prefix}{pid}")))
}

/// Makes a new empty folder in `base` named `prefix` + this process's id
/// (and a number when that name is taken); never reuses an existing one.
fn fresh_dir(base: &Path, prefix: &str) -> Result<PathBuf, WriteError> {
    let pid = std::process::id();
    for n in 0u32.. {
        let p = if n == 0 {
            base.join(format!("{prefix}{pid}"))
        } else {
            base.join(format!("{prefix}{pid}-{n}"))
        };
        match fs::create_dir(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => {}
            Err(e) => return Err(WriteError::Io(p, e)),
        }
    }
    unreachable!("the loop returns")
}

/// A new output folder being filled beside the output folder (or inside
/// it, when it cannot be renamed), file by file and from any thread, as
/// pages are rendered. `commit` swaps it in; dropped without a commit (a
/// failed build), it is removed and the output is left as it was. The
/// output's lock is held all along.
pub struct Staging {
    output: Output,
    dir: Staged,
    written: AtomicUsize,
}

/// The staging folder, removed when dropped unless it was swapped in.
struct Staged {
    path: PathBuf,
    done: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

impl Staging {
    /// Locks `out`, refuses it if briefing did not write it, and makes the
    /// staging folder (with the marker).
    pub fn open(out: &Path) -> Result<Staging, WriteError> {
        Staging::begin(Output::lock(out)?)
    }

    /// As [`Staging::open`], for an output already locked.
    pub fn begin(output: Output) -> Result<Staging, WriteError> {
        output.check_ours()?;
        let path = if output.in_place {
            fresh_dir(&output.dir, NEW_INSIDE)?
        } else {
            fresh_dir(&output.parent, &format!(".{}.new-", output.name))?
        };
        let dir = Staged { path, done: false };
        fs::write(
            dir.path.join(MARKER),
            "This folder is generated by briefing and replaced on every build.\n",
        )
        .map_err(|e| WriteError::Io(dir.path.clone(), e))?;
        Ok(Staging { output, dir, written: AtomicUsize::new(0) })
    }

    /// Writes one file, `path` relative to the output folder.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let to = self.dir.path.join(path);
        self.written.fetch_add(1, Ordering::Relaxed);
        if let Some(e) = injected_failure() {
            return Err(WriteError::Io(to, e));
        }
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
        }
        fs::write(&to, bytes).map_err(|e| WriteError::Io(to, e))
    }

    /// Copies `assets` (paths relative to `content`) through.
    pub fn copy_assets(&self, content: &Path, assets: &[String]) -> Result<(), WriteError> {
        for a in assets {
            let to = self.dir.path.join(a);
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
            }
            fs::copy(content.join(a), &to).map_err(|e| WriteError::Io(to.clone(), e))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Puts the new folder in place of the output; returns how many files it holds.
    pub fn commit(self) -> Result<usize, WriteError> {
        self.finish().map(|(n, _)| n)
    }

    /// As [`Staging::commit`], keeping the output locked.
    pub fn finish(self) -> Result<(usize, Output), WriteError> {
        let Staging { output: o, mut dir, written } = self;
        if o.in_place {
            swap_inside(&dir.path, &o.dir)?;
        } else {
            swap(&dir.path, &o.dir, &o.parent, &o.name)?;
        }
        dir.done = true;
        Ok((written.load(Ordering::Relaxed), o))
    }
}

static WRITES: AtomicUsize = AtomicUsize::new(0);

/// Test hook: `BRIEFING_FAIL_WRITE_AFTER=N` makes every file write of the
/// process after the first N fail, as a full disk would (the build's and
/// the preview's writes alike), so tests can prove the output survives it.
pub(crate) fn injected_failure() -> Option<io::Error> {
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let after: usize = std::env::var("BRIEFING_FAIL_WRITE_AFTER").ok()?.parse().ok()?;
    (n >= after).then(|| io::Error::other("injected write failure (BRIEFING_FAIL_WRITE_AFTER)"))
}

/// The hint for a folder that cannot be replaced.
fn swap_error(out: &Path, e: io::Error) -> WriteError {
    WriteError::Refused(format!(
        "cannot replace `{}`: {e}\n  hint: the folder or the one holding it must be writable; a folder that cannot be renamed (a mount point) is swapped inside, which needs it writable",
        out.display()
    ))
}

/// Puts `staging` in place of `out`: the old output moves aside first and
/// is deleted only after the new one is in place.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    let had_old = out.join(MARKER).is_file();
    let old = if had_old { Some(free_name(parent, &format!(".{name}.old-"))) } else { None };
    if let Some(old) = &old {
        fs::rename(out, old).map_err(|e| swap_error(out, e))?;
    } else if out.is_dir() {
        // An empty folder (check_ours let it through).
        fs::remove_dir(out).map_err(|e| swap_error(out, e))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if let Some(old) = &old {
            let _ = fs::rename(old, out);
        }
        return Err(swap_error(out, e));
    }
    if let Some(old) = old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

/// The entries at the top of `dir` that belong to a build (not the swap's
/// own folders, the lock, or the file system's lost+found), the marker
/// last unless `marker_first`.
fn build_entries(dir: &Path, marker_first: bool) -> io::Result<Vec<std::ffi::OsString>> {
    let mut names: Vec<std::ffi::OsString> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| {
            let s = n.to_string_lossy();
            !(s.starts_with(NEW_INSIDE) || s.starts_with(OLD_INSIDE) || s == LOCK_INSIDE || s == LOST_FOUND)
        })
        .collect();
    names.sort_by_key(|n| ((n == MARKER) != marker_first, n.clone()));
    Ok(names)
}

/// Swaps a build staged inside `out` in place of the build `out` holds:
/// every old entry moves aside into a folder inside `out` (the marker
/// last), then every new entry moves up (the marker first), then the old
/// entries are deleted. On an error, what moved goes back.
fn swap_inside(staging: &Path, out: &Path) -> Result<(), WriteError> {
    let old = fresh_dir(out, OLD_INSIDE)?;
    let moved = |from: &Path, to: &Path, names: &[std::ffi::OsString]| -> Result<(), (usize, io::Error)> {
        for (i, n) in names.iter().enumerate() {
            fs::rename(from.join(n), to.join(n)).map_err(|e| (i, e))?;
        }
        Ok(())
    };
    let back = |from: &Path, to: &Path, names: &[std::ffi::OsString]| {
        for n in names {
            let _ = fs::rename(from.join(n), to.join(n));
        }
    };
    let olds = build_entries(out, false).map_err(|e| swap_error(out, e))?;
    if let Err((i, e)) = moved(out, &old, &olds) {
        back(&old, out, &olds[..i]);
        let _ = fs::remove_dir(&old);
        return Err(swap_error(out, e));
    }
    let news = build_entries(staging, true).map_err(|e| swap_error(out, e))?;
    if let Err((i, e)) = moved(staging, out, &news) {
        back(out, staging, &news[..i]);
        back(&old, out, &olds);
        let _ = fs::remove_dir(&old);
        return Err(swap_error(out, e));
    }
    let _ = fs::remove_dir(staging);
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
            .collect();
        out.sort();
        out
    }

    fn one(n: &str) -> Vec<OutFile> {
        vec![
            OutFile { path: "index.html".into(), bytes: n.as_bytes().to_vec() },
            OutFile { path: format!("pages/{n}/index.html"), bytes: n.as_bytes().to_vec() },
        ]
    }

    #[test]
    fn resolve_follows_links_and_takes_the_rest_by_name() {
        let tmp = tempfile::TempDir::new().unwrap();
        let root = resolve(tmp.path()).unwrap();
        fs::create_dir_all(root.join("real/inner")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("real"), root.join("link")).unwrap();
            std::os::unix::fs::symlink("real/inner", root.join("rel")).unwrap();
            std::os::unix::fs::symlink("missing", root.join("dangling")).unwrap();
            assert_eq!(resolve(&root.join("link/inner")).unwrap(), root.join("real/inner"));
            assert_eq!(resolve(&root.join("rel/../x")).unwrap(), root.join("real/x"));
            assert_eq!(resolve(&root.join("dangling")).unwrap(), root.join("missing"));
            std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
            assert!(resolve(&root.join("loop/x")).is_err(), "a loop of links ends");
        }
        assert_eq!(resolve(&root.join("new/a/../b")).unwrap(), root.join("new/b"));
    }

    #[test]
    fn the_place_of_the_output_is_checked_against_the_inputs() {
        let tmp = tempfile::TempDir::new().unwrap();
        let site = tmp.path();
        let content = site.join("content");
        let theme = site.join("theme");
        fs::create_dir_all(&content).unwrap();
        fs::create_dir_all(&theme).unwrap();
        let place = |out: &Path| check_place(out, &content, Some(&theme)).map_err(|e| e.to_string());
        assert_eq!(place(&site.join("output")), Ok(()));
        assert_eq!(place(&site.join("content-output")), Ok(()), "a name that starts alike is apart");
        for (out, words) in [
            (content.join("out"), "is inside the content folder"),
            (content.join("assets/out"), "is inside the content folder"),
            (content.clone(), "is the content folder itself"),
            (content.join("pages/.."), "is the content folder itself"),
            (site.to_path_buf(), "contains the content folder"),
            (theme.join("x"), "is inside the theme folder"),
            (PathBuf::from("/"), "is the root folder"),
        ] {
            let e = place(&out).unwrap_err();
            assert!(e.contains(words), "{}: {e}", out.display());
            assert!(e.contains("hint:"), "{e}");
        }
        fs::write(site.join("file"), "x").unwrap();
        assert!(place(&site.join("file")).unwrap_err().contains("is a file"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(content.join("sub"), site.join("sneaky")).unwrap();
            assert!(place(&site.join("sneaky")).unwrap_err().contains("inside the content folder"));
        }
    }

    #[test]
    fn a_users_folder_named_like_a_leftover_survives() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        for name in [".output.new-1", ".output.old-2", ".output.new-mine"] {
            fs::create_dir_all(tmp.path().join(name)).unwrap();
            fs::write(tmp.path().join(name).join("mine.txt"), "mine").unwrap();
        }
        // A leftover of a killed build carries the marker and goes.
        fs::create_dir_all(tmp.path().join(".output.new-3")).unwrap();
        fs::write(tmp.path().join(".output.new-3").join(MARKER), "").unwrap();
        write(&out, &one("a"), Path::new("."), &[]).unwrap();
        for name in [".output.new-1", ".output.old-2", ".output.new-mine"] {
            assert_eq!(fs::read_to_string(tmp.path().join(name).join("mine.txt")).unwrap(), "mine", "{name}");
        }
        assert!(!tmp.path().join(".output.new-3").exists());
        assert_eq!(files(&out), [MARKER, "index.html", "pages/a/index.html"]);
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        let first = Staging::open(&out).unwrap();
        first.put("index.html", b"first").unwrap();
        let second = {
            let out = out.clone();
            std::thread::spawn(move || write(&out, &one("second"), Path::new("."), &[]))
        };
        // The second writer is held while the first has the lock: its
        // staging folder cannot appear, whatever the timing.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let staged: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".output.new-"))
            .collect();
        assert_eq!(staged.len(), 1, "{staged:?}");
        first.commit().unwrap();
        second.join().unwrap().unwrap();
        assert_eq!(files(&out), [MARKER, "index.html", "pages/second/index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "second");
    }

    #[test]
    fn a_build_swapped_inside_the_folder_replaces_every_entry() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        write(&out, &one("a"), Path::new("."), &[]).unwrap();
        let inode_before = file_id(&fs::metadata(&out).unwrap());
        let mut lock = Output::lock(&out).unwrap();
        lock.in_place = true;
        let staging = Staging::begin(lock).unwrap();
        assert!(staging.dir.path.starts_with(&out), "staged inside the folder");
        for f in one("b") {
            staging.put(&f.path, &f.bytes).unwrap();
        }
        staging.commit().unwrap();
        assert_eq!(files(&out), [MARKER, "index.html", "pages/b/index.html"]);
        assert_eq!(file_id(&fs::metadata(&out).unwrap()), inode_before, "the folder itself stays");
    }

    #[test]
    fn a_swap_inside_killed_halfway_is_undone_or_finished() {
        let tmp = tempfile::TempDir::new().unwrap();
        let out = tmp.path().join("output");
        write(&out, &one("a"), Path::new("."), &[]).unwrap();
        // Killed while moving the old entries aside: the marker is still up,
        // the staged build has its own; the old entries come back.
        let old = out.join(format!("{OLD_INSIDE}9"));
        let new = out.join(format!("{NEW_INSIDE}9"));
        fs::create_dir_all(new.join("pages/b")).unwrap();
        fs::write(new.join(MARKER), "").unwrap();
        fs::write(new.join("pages/b/index.html"), "b").unwrap();
        fs::create_dir_all(&old).unwrap();
        fs::rename(out.join("pages"), old.join("pages")).unwrap();
        drop(Output::lock(&out).unwrap());
        assert_eq!(files(&out), [MARKER, "index.html", "pages/a/index.html"]);
        // Killed while moving the new entries up (the marker went first):
        // the rest of the new build goes up, the old one goes.
        fs::create_dir_all(new.join("pages/b")).unwrap();
        fs::write(new.join("pages/b/index.html"), "b").unwrap();
        fs::create_dir_all(&old).unwrap();
        for n in ["index.html", "pages", MARKER] {
            fs::rename(out.join(n), old.join(n)).unwrap();
        }
        fs::write(out.join(MARKER), "").unwrap();
        fs::write(out.join("index.html"), "b").unwrap();
        drop(Output::lock(&out).unwrap());
        assert_eq!(files(&out), [MARKER, "index.html", "pages/b/index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_output_is_written_through_and_stays_a_link() {
        let tmp = tempfile::TempDir::new().unwrap();
        let target = tmp.path().join("site-v1");
        let link = tmp.path().join("output");
        std::os::unix::fs::symlink("site-v1", &link).unwrap();
        write(&link, &one("a"), Path::new("."), &[]).unwrap();
        write(&link, &one("b"), Path::new("."), &[]).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("site-v1"));
        assert_eq!(files(&target), [MARKER, "index.html", "pages/b/index.html"]);
        let beside: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(beside.len(), 2, "the folder and the link, nothing left beside: {beside:?}");
    }

    #[test]
    fn mountinfo_escapes_are_undone() {
        assert_eq!(unescape_mount("/mnt/my\\040site"), "/mnt/my site");
        assert_eq!(unescape_mount("/a\\\\b\\01"), "/a\\\\b\\01");
    }
}
