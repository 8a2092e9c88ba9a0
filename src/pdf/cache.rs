//! The print cache: each book printed by `briefing pdf --all` is kept in a
//! folder the user names (`--cache DIR`, default `.briefing-cache/books/`
//! beside the content folder), under the key of what it was printed from,
//! so that a book whose input has not changed is copied, not printed again.
//!
//! A book's key is a hash of: the program's version, the browser's
//! identity (its path and what `--version` says, else its size and time),
//! the date the PDF carries, the book's page as written, and every file of
//! the output it loads (the theme's `static/` files, which hold its
//! stylesheets and fonts, and each `assets/` file the page names). The
//! hash is FNV-1a on 128 bits: stable from one build of `briefing` to the
//! next, which a cache kept between CI runs needs.
//!
//! The cache holds only `<key>.pdf` files, each written whole (a temporary
//! file renamed) by [`super::print`]; after a run, the `<key>.pdf` files no
//! book of that run used are removed ([`Cache::keep_only`]); nothing else in
//! the folder is read, replaced or removed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// FNV-1a, 128 bits.
#[derive(Clone)]
struct Fnv(u128);

impl Fnv {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    fn new() -> Fnv {
        Fnv(0x6c62272e07bb014262b821756295c58d)
    }
    fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= u128::from(*x);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
    /// A field: its length first, so that no two sequences of fields hash
    /// alike by moving bytes between them.
    fn field(&mut self, b: &[u8]) {
        self.bytes(&(b.len() as u64).to_le_bytes());
        self.bytes(b);
    }
}

/// Who prints: the browser's path and version (a browser updated in place
/// prints otherwise, so its books are printed again).
pub fn browser_identity(browser: &Path) -> String {
    let version = version_of(browser);
    let meta = std::fs::metadata(browser).ok();
    let stamp = meta.map(|m| {
        let t = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        format!("{} bytes, {}", m.len(), t.map(|d| d.as_secs()).unwrap_or(0))
    });
    format!("{} | {} | {}", browser.display(), version.unwrap_or_default(), stamp.unwrap_or_default())
}

/// What `browser --version` prints, within a few seconds.
fn version_of(browser: &Path) -> Option<String> {
    let mut child = Command::new(browser)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let start = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > Duration::from_secs(10) => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => return None,
        }
    }
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take()?, &mut out).ok()?;
    Some(out.trim().to_string())
}

/// The key of the book `page` (a path under `out`, `/` separators) printed
/// by `browser` (see [`browser_identity`]) and dated `made`.
pub fn key(out: &Path, page: &str, browser: &str, made: jiff::Timestamp) -> std::io::Result<String> {
    let html = std::fs::read(out.join(page))?;
    let mut h = Fnv::new();
    h.field(env!("CARGO_PKG_VERSION").as_bytes());
    h.field(browser.as_bytes());
    h.field(made.as_second().to_string().as_bytes());
    h.field(page.as_bytes());
    h.field(&html);
    for file in loads(out, &html) {
        h.field(file.as_bytes());
        h.field(&std::fs::read(out.join(&file)).unwrap_or_default());
    }
    Ok(format!("{:032x}", h.0))
}

/// The output's files a book loads, sorted: every file of `static/`, and
/// each file of `assets/` its page names.
fn loads(out: &Path, html: &[u8]) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(out.join("static"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    let text = String::from_utf8_lossy(html);
    let mut at = 0;
    while let Some(i) = text[at..].find("assets/") {
        let start = at + i;
        let end = text[start..]
            .find(|c: char| matches!(c, '"' | '\'' | ')' | '#' | '?' | '<' | '>') || c.is_whitespace())
            .map_or(text.len(), |e| start + e);
        let name = crate::core::url::percent_decode_lossy(&text[start..end]);
        if !name.contains("..") && out.join(&name).is_file() {
            files.push(name);
        }
        at = end.max(start + 1);
    }
    files.sort();
    files.dedup();
    files
}

/// The cache folder.
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The folder `dir`, made when absent.
    pub fn open(dir: &Path) -> std::io::Result<Cache> {
        std::fs::create_dir_all(dir)?;
        Ok(Cache { dir: dir.to_path_buf() })
    }

    /// Where the book of `key` is kept.
    pub fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.pdf"))
    }

    /// Removes the books of the cache that are none of `used` (the keys of
    /// this run's books): the cache keeps what the last run printed, not
    /// every book ever printed. Only files named `<key>.pdf` are removed.
    pub fn keep_only(&self, used: &[&str]) -> usize {
        let mut removed = 0;
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(key) = name.strip_suffix(".pdf") else { continue };
            let ours = key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit());
            if ours && !used.contains(&key) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// The book of `key`, when it was printed before.
    pub fn get(&self, key: &str) -> Option<PathBuf> {
        let path = self.path(key);
        let mut head = [0u8; 4];
        let mut f = std::fs::File::open(&path).ok()?;
        std::io::Read::read_exact(&mut f, &mut head).ok()?;
        (&head == b"%PDF").then_some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_the_page_and_the_files_it_loads_and_nothing_else() {
        let out = tempfile::tempdir().unwrap();
        let o = out.path();
        std::fs::create_dir_all(o.join("static")).unwrap();
        std::fs::create_dir_all(o.join("assets")).unwrap();
        std::fs::create_dir_all(o.join("print")).unwrap();
        std::fs::write(o.join("static/print.css"), "body{}").unwrap();
        std::fs::write(o.join("assets/map.png"), "png").unwrap();
        std::fs::write(o.join("assets/other.png"), "png").unwrap();
        std::fs::write(o.join("print/index.html"), "<img src=\"../assets/map.png\">").unwrap();
        let made = jiff::Timestamp::UNIX_EPOCH;
        let k = || key(o, "print/index.html", "chromium 1", made).unwrap();
        let first = k();
        assert_eq!(first, k(), "the same input, the same key");
        std::fs::write(o.join("assets/other.png"), "changed").unwrap();
        assert_eq!(first, k(), "a file the book does not load is no part of it");
        std::fs::write(o.join("assets/map.png"), "changed").unwrap();
        let second = k();
        assert_ne!(first, second, "an image the book shows is");
        std::fs::write(o.join("static/print.css"), "body{color:red}").unwrap();
        assert_ne!(second, k(), "and so is the theme's stylesheet");
        assert_ne!(k(), key(o, "print/index.html", "chromium 2", made).unwrap(), "and the browser");
    }
}
