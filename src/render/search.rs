//! The search index: the pages the theme marks for search
//! (`data-pagefind-body`), indexed by [Pagefind](https://pagefind.app) into
//! `pagefind/` at the site's root: one index per language (the page's
//! `<html lang>`, with that language's stemming), split into chunks a query
//! downloads only a few of, and the small script and WebAssembly that read
//! them in the browser (shipped inside the crate: nothing is fetched from
//! elsewhere).
//!
//! Pagefind's interface is asynchronous; the index is built in a small
//! runtime of its own, on the calling thread. The files it makes depend on
//! the pages alone, and the order they are given in (sorted by path here), so
//! the same site gives the same index, byte for byte.
//!
//! An [`Indexer`] kept from one build to the next (the preview's) reads
//! again only the pages whose bytes changed, replacing each in place; the
//! index is then packed again from every page's words (when no indexed page
//! changed, the files made last are given again). A page added or removed starts a fresh index, in order, so that the
//! preview's index is a build's, byte for byte.
//!
//! Must not import `load`, `yaml`, `validate`, `site`, `cli`, `serve`, `pdf`.

use bytes::Bytes;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::write::OutFile;

/// Where the index and its scripts go, from the site's root.
pub const BUNDLE: &str = "pagefind/";

/// What marks a page for search: the theme puts it on the part of a page
/// that holds the record (a meeting, a group's reports, a page).
const MARKER: &str = "data-pagefind-body";

/// Whether a rendered page is to be indexed.
pub fn wanted(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && std::str::from_utf8(bytes).is_ok_and(|s| s.contains(MARKER))
}

/// The pages read into the index so far, and the index.
#[derive(Default)]
pub struct Indexer {
    index: Option<PagefindIndex>,
    /// Every indexed page's path and a hash of its bytes, in the order given.
    pages: Vec<(String, u64)>,
    /// The files made last: given again when no page changed.
    files: Vec<OutFile>,
}

/// Why the index could not be made (Pagefind's words).
#[derive(Debug)]
pub struct SearchError(pub String);

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the search index could not be built: {}", self.0)
    }
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x5ea4c4).build_hasher();
    h.write(bytes);
    h.finish()
}

fn config() -> PagefindServiceConfig {
    PagefindServiceConfig::builder().keep_index_url(true).write_playground(false).build()
}

impl Indexer {
    /// The index of `pages` (every page to index, sorted by path), as files
    /// under [`BUNDLE`]. Reads again only the pages that changed since the
    /// last call when the same paths are given.
    pub fn index(&mut self, pages: &[(String, Bytes)]) -> Result<Vec<OutFile>, SearchError> {
        let hashes: Vec<(String, u64)> = pages.iter().map(|(p, b)| (p.clone(), hash(b))).collect();
        let same_paths = self.index.is_some()
            && self.pages.len() == hashes.len()
            && self.pages.iter().zip(&hashes).all(|(a, b)| a.0 == b.0);
        let todo: Vec<usize> = if same_paths {
            (0..pages.len()).filter(|&i| self.pages[i].1 != hashes[i].1).collect()
        } else {
            self.index = None;
            (0..pages.len()).collect()
        };
        if same_paths && todo.is_empty() {
            return Ok(self.files.clone());
        }
        let runtime =
            tokio::runtime::Builder::new_current_thread().build().map_err(|e| SearchError(e.to_string()))?;
        // A failure leaves no half-made index behind: the next call starts afresh.
        self.pages.clear();
        self.files.clear();
        let mut index = match self.index.take() {
            Some(i) => i,
            None => PagefindIndex::new(Some(config())).map_err(|e| SearchError(e.to_string()))?,
        };
        let files = runtime.block_on(async {
            for i in todo {
                let (path, bytes) = &pages[i];
                let html = spaced(&String::from_utf8_lossy(bytes));
                index
                    .add_html_file(None, Some(format!("/{path}")), html)
                    .await
                    .map_err(|e| SearchError(format!("{path}: {e}")))?;
            }
            index.get_files().await.map_err(|e| SearchError(e.to_string()))
        })?;
        self.index = Some(index);
        self.pages = hashes;
        let mut out: Vec<OutFile> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                kept(&name)
                    .then(|| OutFile { path: format!("{BUNDLE}{name}"), bytes: Bytes::from(f.contents) })
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        self.files = out.clone();
        Ok(out)
    }
}

/// `html` with a space before the end of each table cell, term, definition,
/// list item and caption and before each line break: Pagefind joins the text
/// of neighbouring cells ("Date" and "26 May 2021" read back as
/// "Date26 May 2021" in a result's snippet, and as one word to the index).
/// Only what is indexed changes; the page served is as written. Our
/// templates escape `<` in text and attributes, so a closing tag is a tag.
fn spaced(html: &str) -> String {
    const ENDS: [&str; 8] = ["</td>", "</th>", "</dt>", "</dd>", "</li>", "</caption>", "<br>", "<br/>"];
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let head = rest.as_bytes();
        if ENDS.iter().any(|e| head.len() >= e.len() && head[..e.len()].eq_ignore_ascii_case(e.as_bytes())) {
            out.push(' ');
        }
        out.push('<');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// The files of Pagefind's bundle the theme's search uses: the index, the
/// search script and its WebAssembly; not Pagefind's own interfaces.
fn kept(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, words: &str) -> Bytes {
        Bytes::from(format!(
            "<!doctype html><html lang=\"{lang}\"><body><main data-pagefind-body><h1>{words}</h1><p>{words}</p></main></body></html>"
        ))
    }

    #[test]
    fn each_language_gets_its_index_and_the_same_pages_give_the_same_files() {
        let pages = vec![
            ("fr/meetings/a/index.html".to_string(), page("fr", "Les décisions approuvées")),
            ("meetings/a/index.html".to_string(), page("en", "The endorsed decisions")),
        ];
        let a = Indexer::default().index(&pages).unwrap();
        let names: Vec<&str> = a.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/wasm.en.pagefind"), "{names:?}");
        assert!(names.contains(&"pagefind/wasm.fr.pagefind"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("pagefind/index/fr_")), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
        let b = Indexer::default().index(&pages).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_kept_indexer_reads_what_changed_and_gives_a_fresh_builds_files() {
        let mut pages = vec![
            ("a/index.html".to_string(), page("en", "alpha")),
            ("b/index.html".to_string(), page("en", "beta")),
        ];
        let mut kept = Indexer::default();
        kept.index(&pages).unwrap();
        pages[1].1 = page("en", "gamma");
        let updated = kept.index(&pages).unwrap();
        assert_eq!(updated, Indexer::default().index(&pages).unwrap());
        assert_eq!(kept.index(&pages).unwrap(), updated, "nothing changed: the same files");
        pages.insert(1, ("aa/index.html".to_string(), page("en", "delta")));
        let grown = kept.index(&pages).unwrap();
        assert_eq!(grown, Indexer::default().index(&pages).unwrap());
        assert_ne!(grown, updated);
    }

    #[test]
    fn neighbouring_cells_are_indexed_as_separate_words() {
        assert_eq!(
            spaced("<dl><dt>Date</dt><dd>26 mai 2021</dd></dl><td>a</td><TD>b</TD>x<br>y<li>é</li>"),
            "<dl><dt>Date </dt><dd>26 mai 2021 </dd></dl><td>a </td><TD>b </TD>x <br>y<li>é </li>"
        );
        assert_eq!(spaced("no tags, a < b"), "no tags, a < b");
        assert_eq!(spaced("<"), "<");
        assert_eq!(spaced("<é</td>"), "<é </td>", "a tag's first bytes may be any character");
    }

    proptest::proptest! {
        #[test]
        fn spacing_only_adds_spaces(html in "(<|/|t|d|l|i|>|é| |x|b|r|T|D)*") {
            let out = spaced(&html);
            proptest::prop_assert_eq!(out.replace(' ', ""), html.replace(' ', ""));
        }
    }

    #[test]
    fn only_marked_pages_are_wanted() {
        assert!(wanted("x/index.html", &page("en", "a")));
        assert!(!wanted("x/index.html", b"<html><body>plain</body></html>"));
        assert!(!wanted("data/actions.csv", b"data-pagefind-body"));
    }
}
