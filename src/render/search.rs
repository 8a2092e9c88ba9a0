//! The search index: the pages the theme marks for search
//! (`data-pagefind-body`), indexed by [Pagefind](https://pagefind.app) into
//! `pagefind/` at the site's root: one index per language (the page's
//! `<html lang>`, with that language's stemming), split into chunks a query
//! downloads only a few of, and the small script and WebAssembly that read
//! them in the browser (shipped inside the crate: nothing is fetched from
//! elsewhere).
//!
//! Pagefind reads one page at a time behind a lock, so each language is
//! indexed by an index of its own, the languages side by side on threads of
//! their own, each in a small runtime (Pagefind's interface is
//! asynchronous); their entry files are merged into the one a single index
//! of every language would write. The files depend on the pages alone, and
//! the order they are given in (sorted by path here), so the same site gives
//! the same index, byte for byte.
//!
//! An [`Indexer`] kept from one build to the next reads again only the
//! pages whose bytes changed, replacing each in place, and packs again only
//! the languages where a page changed (a language whose pages are the same
//! gives the files it made last). A page added or removed starts that
//! language afresh, in order, so that a kept index is a build's, byte for
//! byte.
//!
//! The preview does not wait for the index: [`Deferred`] gives each rebuild
//! the index made last and notes the pages it was not made from; once the
//! saves stop for a while, the preview takes a [`Job`] off the rebuild's
//! thread, runs it, and serves the files it made.
//!
//! Must not import `load`, `yaml`, `validate`, `site`, `cli`, `serve`, `pdf`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::write::OutFile;

mod records;

/// Where the index and its scripts go, from the site's root.
pub const BUNDLE: &str = "pagefind/";

/// What marks a page for search: the theme puts it on the part of a page
/// that holds the record (a meeting, a group's reports, a page).
const MARKER: &str = "data-pagefind-body";

/// The entry file, which lists the languages: merged from each language's.
const ENTRY: &str = "pagefind-entry.json";

/// Whether a rendered page is to be indexed. Every page of every rebuild
/// is asked (about 190 MB at 10,000 notes), so the marker is looked for in
/// the bytes, without checking them as text first.
pub fn wanted(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && memchr::memmem::find(bytes, MARKER.as_bytes()).is_some()
}

/// Pages to index: each page's path and bytes, sorted by path.
pub type Pages = [(String, Bytes)];

/// How the search stage gets the index's files for the pages of a build.
pub trait Search {
    /// The files of the index under [`BUNDLE`], sorted by path, for `pages`
    /// (every page to index, sorted by path).
    fn stage(&mut self, pages: &Pages) -> Result<Vec<OutFile>, SearchError>;
}

/// Every language's index.
#[derive(Default)]
pub struct Indexer {
    languages: BTreeMap<String, Language>,
}

/// One language's pages read into its index so far, and the index.
#[derive(Default)]
struct Language {
    index: Option<PagefindIndex>,
    /// Every indexed page's path and a hash of its bytes, in the order given.
    pages: Vec<(String, u64)>,
    /// The addresses of each page's documents (the page and its records).
    documents: Vec<Vec<String>>,
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

/// The language Pagefind files a page under: its `<html lang>`, lower
/// case, or "unknown".
fn language(html: &[u8]) -> String {
    let head = &html[..html.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let Some(at) = lower.windows(5).position(|w| w == b"<html") else { return "unknown".into() };
    let tag = &lower[at + 5..];
    let tag = &tag[..tag.iter().position(|&b| b == b'>').unwrap_or(tag.len())];
    let mut rest = tag;
    while let Some(i) = rest.windows(4).position(|w| w == b"lang") {
        let before = if i == 0 { b' ' } else { rest[i - 1] };
        let after = rest[i + 4..].iter().skip_while(|b| b.is_ascii_whitespace()).copied().next();
        if before.is_ascii_whitespace() && after == Some(b'=') {
            let value = rest[i + 4..].iter().skip_while(|&&b| b.is_ascii_whitespace() || b == b'=');
            let value: Vec<u8> = match value.clone().next() {
                Some(&q @ (b'"' | b'\'')) => value.skip(1).take_while(|&&b| b != q).copied().collect(),
                _ => value.take_while(|b| !b.is_ascii_whitespace()).copied().collect(),
            };
            let value = String::from_utf8_lossy(&value).into_owned();
            return if value.is_empty() { "unknown".into() } else { value };
        }
        rest = &rest[i + 4..];
    }
    "unknown".into()
}

impl Search for Indexer {
    fn stage(&mut self, pages: &Pages) -> Result<Vec<OutFile>, SearchError> {
        self.index(pages)
    }
}

impl Indexer {
    /// The index of `pages` (every page to index, sorted by path), as files
    /// under [`BUNDLE`]. Reads again only the pages that changed since the
    /// last call, and packs only the languages where one did.
    pub fn index(&mut self, pages: &Pages) -> Result<Vec<OutFile>, SearchError> {
        let mut by_language: BTreeMap<String, Vec<&(String, Bytes)>> = BTreeMap::new();
        for page in pages {
            by_language.entry(language(&page.1)).or_default().push(page);
        }
        // Pagefind files pages without a language under the site's main
        // language: that takes one index of every page.
        if by_language.len() > 1 && by_language.contains_key("unknown") {
            by_language = BTreeMap::from([(String::new(), pages.iter().collect())]);
        }
        self.languages.retain(|l, _| by_language.contains_key(l));
        for l in by_language.keys() {
            self.languages.entry(l.clone()).or_default();
        }
        let mut work: Vec<(&mut Language, Vec<&(String, Bytes)>)> =
            self.languages.values_mut().zip(by_language.into_values()).collect();
        // On threads of their own, not in one rayon pool: each waits in its
        // own runtime while Pagefind works in parallel, and a pool's thread
        // waiting so could take another language's work and start a runtime
        // inside a runtime. Called inside a pool (the preview's index job,
        // whose work must not queue before a rebuild's in the global pool),
        // each language's Pagefind works in a pool of its own, of as many
        // threads, where the only work to take is its own.
        let own_pools = rayon::current_thread_index().is_some().then(rayon::current_num_threads);
        let made: Vec<Result<Vec<OutFile>, SearchError>> = match work.len() {
            0 | 1 => work.iter_mut().map(|(l, p)| l.index(p)).collect(),
            _ => std::thread::scope(|s| {
                let running: Vec<_> = work
                    .iter_mut()
                    .map(|(l, p)| s.spawn(move || in_own_pool(own_pools, || l.index(p))))
                    .collect();
                running
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| Err(SearchError("indexing a language failed".into())))
                    })
                    .collect()
            }),
        };
        let mut files: BTreeMap<String, Bytes> = BTreeMap::new();
        let mut entries = Vec::new();
        for f in made {
            for f in f? {
                if f.path == format!("{BUNDLE}{ENTRY}") {
                    entries.push(f.bytes);
                } else {
                    files.entry(f.path).or_insert(f.bytes);
                }
            }
        }
        if !entries.is_empty() {
            files.insert(format!("{BUNDLE}{ENTRY}"), merged_entry(&entries)?);
        }
        Ok(files.into_iter().map(|(path, bytes)| OutFile { path, bytes }).collect())
    }
}

/// `work` in a rayon pool of `threads` threads of its own (named for the
/// index), or where it is called when `threads` is `None` or no pool can start.
fn in_own_pool<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> T {
    let pool = threads.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("search index {i}"))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// The entry file a single index of every language writes: the
/// languages of each, in order.
fn merged_entry(entries: &[Bytes]) -> Result<Bytes, SearchError> {
    if let [one] = entries {
        return Ok(one.clone());
    }
    // Pagefind's own fields, in its order.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Entry {
        version: serde_json::Value,
        languages: BTreeMap<String, Language>,
        include_characters: serde_json::Value,
    }
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Language {
        hash: serde_json::Value,
        wasm: serde_json::Value,
        page_count: serde_json::Value,
    }
    let mut all: Option<Entry> = None;
    for bytes in entries {
        let e: Entry = serde_json::from_slice(bytes).map_err(|e| SearchError(format!("{ENTRY}: {e}")))?;
        match &mut all {
            None => all = Some(e),
            Some(a) => a.languages.extend(e.languages),
        }
    }
    serde_json::to_vec(&all).map(Bytes::from).map_err(|e| SearchError(format!("{ENTRY}: {e}")))
}

impl Language {
    fn index(&mut self, pages: &[&(String, Bytes)]) -> Result<Vec<OutFile>, SearchError> {
        let hashes: Vec<(String, u64)> = pages.iter().map(|(p, b)| (p.clone(), hash(b))).collect();
        let same_paths = self.index.is_some()
            && self.pages.len() == hashes.len()
            && self.pages.iter().zip(&hashes).all(|(a, b)| a.0 == b.0);
        let read = |i: usize| {
            let (path, bytes) = pages[i];
            records::documents(path, spaced(&String::from_utf8_lossy(bytes)))
        };
        let all = || (0..pages.len()).map(|i| (i, read(i))).collect::<Vec<_>>();
        let mut todo: Vec<(usize, Vec<records::Document>)> = if same_paths {
            (0..pages.len()).filter(|&i| self.pages[i].1 != hashes[i].1).map(|i| (i, read(i))).collect()
        } else {
            self.index = None;
            all()
        };
        if same_paths && todo.is_empty() {
            return Ok(self.files.clone());
        }
        // A page whose records are not those it had (a decision added or
        // taken out) starts the language afresh, in order, as a build would.
        let addresses = |docs: &[records::Document]| docs.iter().map(|d| d.0.clone()).collect::<Vec<_>>();
        if same_paths && todo.iter().any(|(i, docs)| self.documents.get(*i) != Some(&addresses(docs))) {
            self.index = None;
            todo = all();
        }
        let mut documents = std::mem::take(&mut self.documents);
        documents.resize(pages.len(), Vec::new());
        for (i, docs) in &todo {
            documents[*i] = addresses(docs);
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
            for (_, docs) in todo {
                for (url, html) in docs {
                    let at = url[1..].to_string();
                    index
                        .add_html_file(None, Some(url), html)
                        .await
                        .map_err(|e| SearchError(format!("{at}: {e}")))?;
                }
            }
            index.get_files().await.map_err(|e| SearchError(e.to_string()))
        })?;
        self.index = Some(index);
        self.pages = hashes;
        self.documents = documents;
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

/// The preview's index: each rebuild gets the files made last, at once;
/// the pages they were not made from wait for a [`Job`].
pub struct Deferred {
    /// `None` while a job has it.
    indexer: Option<Indexer>,
    /// The files made last, once any were.
    files: Option<Vec<OutFile>>,
    /// The pages those files were made from.
    made_from: Arc<Vec<(String, Bytes)>>,
    /// What the last search stage saw, until its rebuild is kept.
    seen: Option<Seen>,
    /// The pages of the rebuild shown, when the files were not made from them.
    pending: Option<Arc<Vec<(String, Bytes)>>>,
    /// Tells this index's jobs from those of an index dropped meanwhile.
    id: u64,
}

/// The pages of a search stage, and the files when it made them.
struct Seen {
    pages: Arc<Vec<(String, Bytes)>>,
    made: Option<Vec<OutFile>>,
}

/// Indexing the pages of a rebuild, off the rebuild's thread.
pub struct Job {
    indexer: Indexer,
    pages: Arc<Vec<(String, Bytes)>>,
    id: u64,
}

/// What a job made.
pub struct Done {
    indexer: Indexer,
    pages: Arc<Vec<(String, Bytes)>>,
    id: u64,
    made: Result<Vec<OutFile>, SearchError>,
}

impl Job {
    /// Reads the pages that changed and packs the index again.
    pub fn run(mut self) -> Done {
        let made = self.indexer.index(&self.pages);
        Done { indexer: self.indexer, pages: self.pages, id: self.id, made }
    }
}

impl Default for Deferred {
    fn default() -> Self {
        static IDS: AtomicU64 = AtomicU64::new(0);
        Deferred {
            indexer: Some(Indexer::default()),
            files: None,
            made_from: Arc::default(),
            seen: None,
            pending: None,
            id: IDS.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// The same pages: the preview's unchanged pages are the same bytes (the
/// render memo's), so most compare by address.
fn same(a: &Pages, b: &Pages) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.0 == y.0 && ((x.1.as_ptr() == y.1.as_ptr() && x.1.len() == y.1.len()) || x.1 == y.1)
        })
}

impl Search for Deferred {
    /// The first index is made at once (a preview starts with search);
    /// after that, the files made last.
    fn stage(&mut self, pages: &Pages) -> Result<Vec<OutFile>, SearchError> {
        let pages = Arc::new(pages.to_vec());
        match (&self.files, &mut self.indexer) {
            (Some(files), _) => {
                let files = files.clone();
                self.seen = Some(Seen { pages, made: None });
                Ok(files)
            }
            (None, Some(indexer)) => {
                let files = indexer.index(&pages)?;
                self.seen = Some(Seen { pages, made: Some(files.clone()) });
                Ok(files)
            }
            (None, None) => Err(SearchError("the index is being made".into())),
        }
    }
}

impl Deferred {
    /// The rebuild whose search stage ran last is the one shown: the files
    /// it made are the index, or its pages are the ones to index next
    /// (unless the files were made from them).
    pub fn keep(&mut self) {
        let Some(seen) = self.seen.take() else { return };
        if let Some(files) = seen.made {
            self.files = Some(files);
            self.made_from = seen.pages;
            self.pending = None;
        } else {
            self.pending = (!same(&seen.pages, &self.made_from)).then_some(seen.pages);
        }
    }

    /// Whether the pages shown wait for an index and no job runs.
    pub fn waiting(&self) -> bool {
        self.pending.is_some() && self.indexer.is_some()
    }

    /// The job that indexes the pages shown, when they wait for one and no
    /// other job runs.
    pub fn job(&mut self) -> Option<Job> {
        let pages = self.pending.clone()?;
        let indexer = self.indexer.take()?;
        Some(Job { indexer, pages, id: self.id })
    }

    /// Takes back what a job made: the new files, when the job was this
    /// index's (`None` for a job of an index dropped since). A failed job
    /// leaves the last files, and waits for the next change.
    pub fn finish(&mut self, done: Done) -> Option<Result<Vec<OutFile>, SearchError>> {
        if done.id != self.id {
            return None;
        }
        self.indexer = Some(done.indexer);
        let still =
            self.pending.as_ref().is_some_and(|p| Arc::ptr_eq(p, &done.pages) || same(p, &done.pages));
        if still {
            self.pending = None;
        }
        Some(done.made.inspect(|files| {
            self.files = Some(files.clone());
            self.made_from = done.pages;
        }))
    }

    /// Runs the job now, on this thread, when there is one.
    pub fn settle(&mut self) -> Option<Result<Vec<OutFile>, SearchError>> {
        let job = self.job()?;
        self.finish(job.run())
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
        assert_eq!(sums(&a), sums(&b));
    }

    /// Called inside a pool of its own (as the preview's index job is),
    /// indexing several languages takes no work of the global pool, where a
    /// rebuild's would queue behind it: it finishes while every thread of
    /// the global pool is held.
    #[test]
    fn languages_indexed_inside_a_pool_leave_the_global_pool_alone() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::{Arc, Condvar, Mutex};
        // Enough pages in each language for Pagefind to split its work.
        let mut pages: Vec<(String, Bytes)> = (0..64)
            .flat_map(|i| {
                [
                    (
                        format!("fr/meetings/{i}/index.html"),
                        page("fr", &format!("Les décisions approuvées {i}")),
                    ),
                    (format!("meetings/{i}/index.html"), page("en", &format!("The endorsed decisions {i}"))),
                ]
            })
            .collect();
        pages.sort();
        let held = Arc::new(AtomicUsize::new(0));
        let released = Arc::new((Mutex::new(false), Condvar::new()));
        let timed_out = Arc::new(AtomicBool::new(false));
        let threads = rayon::current_num_threads();
        for _ in 0..threads {
            let (held, released, timed_out) = (held.clone(), released.clone(), timed_out.clone());
            rayon::spawn(move || {
                held.fetch_add(1, Ordering::SeqCst);
                let (lock, cv) = &*released;
                let guard = lock.lock().unwrap();
                let (guard, wait) =
                    cv.wait_timeout_while(guard, std::time::Duration::from_secs(120), |r| !*r).unwrap();
                drop(guard);
                timed_out.fetch_or(wait.timed_out(), Ordering::SeqCst);
            });
        }
        while held.load(Ordering::SeqCst) < threads {
            std::thread::yield_now();
        }
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let files = pool.install(|| Indexer::default().index(&pages)).unwrap();
        *released.0.lock().unwrap() = true;
        released.1.notify_all();
        // Had the index waited for the global pool, it would have finished
        // only when the threads holding it gave up.
        assert!(!timed_out.load(Ordering::SeqCst), "the index waited for the global pool");
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"pagefind/wasm.fr.pagefind"), "{names:?}");
        assert!(names.contains(&"pagefind/wasm.en.pagefind"), "{names:?}");
    }

    /// Each file's path and a hash of its bytes (what a failed comparison
    /// prints).
    fn sums(files: &[OutFile]) -> Vec<(String, u64)> {
        files.iter().map(|f| (f.path.clone(), hash(&f.bytes))).collect()
    }

    /// One Pagefind index of every page, as the indexer made it before it
    /// indexed each language on its own.
    fn one_index(pages: &Pages) -> Vec<(String, u64)> {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let mut index = PagefindIndex::new(Some(config())).unwrap();
        let files = runtime.block_on(async {
            for (path, bytes) in pages {
                let html = spaced(&String::from_utf8_lossy(bytes));
                index.add_html_file(None, Some(format!("/{path}")), html).await.unwrap();
            }
            index.get_files().await.unwrap()
        });
        let mut out: Vec<OutFile> = files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().into_owned(), f.contents))
            .filter(|(name, _)| kept(name))
            .map(|(name, contents)| OutFile { path: format!("{BUNDLE}{name}"), bytes: Bytes::from(contents) })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        sums(&out)
    }

    #[test]
    fn the_languages_indexed_side_by_side_give_the_files_of_one_index_of_all() {
        let pages = vec![
            ("de/a/index.html".to_string(), page("de", "Die Entscheidungen")),
            ("fr/meetings/a/index.html".to_string(), page("fr", "Les décisions approuvées")),
            ("fr/meetings/b/index.html".to_string(), page("FR", "Une autre réunion")),
            ("meetings/a/index.html".to_string(), page("en", "The endorsed decisions")),
            ("meetings/b/index.html".to_string(), page("en", "Another meeting")),
        ];
        let mut kept = Indexer::default();
        let files = kept.index(&pages).unwrap();
        assert_eq!(sums(&files), one_index(&pages));
        let entry = files.iter().find(|f| f.path == "pagefind/pagefind-entry.json").unwrap();
        let entry = String::from_utf8_lossy(&entry.bytes);
        assert!(entry.contains("\"de\"") && entry.contains("\"en\"") && entry.contains("\"fr\""), "{entry}");
        // One language changes: the others give the files they made.
        let mut edited = pages.clone();
        edited[4].1 = page("en", "A renamed meeting");
        assert_eq!(sums(&kept.index(&edited).unwrap()), one_index(&edited));
        // A language goes: its files go with it.
        let english: Vec<_> = edited.iter().filter(|(p, _)| p.starts_with("meetings/")).cloned().collect();
        assert_eq!(sums(&kept.index(&english).unwrap()), one_index(&english));
    }

    #[test]
    fn pages_without_a_language_are_indexed_with_the_others_as_pagefind_does() {
        let pages = vec![
            ("a/index.html".to_string(), page("en", "alpha")),
            (
                "b/index.html".to_string(),
                Bytes::from_static(b"<html><body data-pagefind-body><p>beta</p></body></html>"),
            ),
        ];
        assert_eq!(sums(&Indexer::default().index(&pages).unwrap()), one_index(&pages));
    }

    #[test]
    fn a_page_language_is_its_html_lang() {
        assert_eq!(language(b"<!doctype html><html lang=\"fr\" dir=ltr><body>"), "fr");
        assert_eq!(language(b"<HTML data-x=1 LANG='EN-ca'>"), "en-ca");
        assert_eq!(language(b"<html xml:lang=\"de\" lang=es>"), "es");
        assert_eq!(language(b"<html data-lang=\"de\">"), "unknown");
        assert_eq!(language(b"<html lang=\"\">"), "unknown");
        assert_eq!(language(b"<p>no html element</p>"), "unknown");
        assert_eq!(language(b"<html><body lang=\"fr\">"), "unknown");
    }

    #[test]
    fn the_preview_serves_the_index_made_last_until_a_job_makes_the_next() {
        let mut pages = vec![
            ("a/index.html".to_string(), page("en", "alpha")),
            ("fr/a/index.html".to_string(), page("fr", "alpha")),
        ];
        let mut d = Deferred::default();
        // The first rebuild makes the index at once.
        let first = d.stage(&pages).unwrap();
        assert_eq!(sums(&first), one_index(&pages));
        d.keep();
        assert!(!d.waiting() && d.job().is_none());
        // The same pages again: nothing to do.
        assert_eq!(sums(&d.stage(&pages).unwrap()), sums(&first));
        d.keep();
        assert!(!d.waiting());
        // A page changes: the rebuild gets the index made last, and waits.
        pages[0].1 = page("en", "gamma");
        assert_eq!(sums(&d.stage(&pages).unwrap()), sums(&first));
        d.keep();
        assert!(d.waiting());
        let job = d.job().unwrap();
        assert!(!d.waiting() && d.job().is_none(), "one job at a time");
        // A save while the job runs: served at once, indexed next.
        pages[1].1 = page("fr", "delta");
        assert_eq!(sums(&d.stage(&pages).unwrap()), sums(&first));
        d.keep();
        let made = d.finish(job.run()).unwrap().unwrap();
        assert_eq!(sums(&made), one_index(&[pages[0].clone(), (pages[1].0.clone(), page("fr", "alpha"))]));
        assert!(d.waiting(), "the later save still waits");
        let settled = d.settle().unwrap().unwrap();
        assert_eq!(sums(&settled), one_index(&pages));
        assert!(!d.waiting() && d.settle().is_none());
        assert_eq!(
            sums(&d.stage(&pages).unwrap()),
            sums(&settled),
            "the next rebuild serves the settled index"
        );
    }

    #[test]
    fn a_failed_rebuild_is_not_indexed_and_a_dropped_index_takes_no_job_back() {
        let mut pages = vec![("a/index.html".to_string(), page("en", "alpha"))];
        let mut d = Deferred::default();
        d.stage(&pages).unwrap();
        d.keep();
        pages[0].1 = page("en", "beta");
        d.stage(&pages).unwrap();
        // The rebuild failed after its search stage: no keep.
        assert!(!d.waiting());
        d.stage(&pages).unwrap();
        d.keep();
        let job = d.job().unwrap();
        let mut fresh = Deferred::default();
        assert!(fresh.finish(job.run()).is_none(), "a job of another index");
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
        assert_eq!(sums(&updated), sums(&Indexer::default().index(&pages).unwrap()));
        assert_eq!(sums(&kept.index(&pages).unwrap()), sums(&updated), "nothing changed: the same files");
        pages.insert(1, ("aa/index.html".to_string(), page("en", "delta")));
        let grown = kept.index(&pages).unwrap();
        assert_eq!(sums(&grown), sums(&Indexer::default().index(&pages).unwrap()));
        assert_ne!(sums(&grown), sums(&updated));
        // A page that gains a part indexed as a result of its own, then
        // loses it: each time the files of a fresh build.
        let with = |records: &str| {
            Bytes::from(format!(
                "<!doctype html><html lang=\"en\"><body><main data-pagefind-body><h1>alpha</h1><ul>{records}</ul></main></body></html>"
            ))
        };
        let one = "<li id=\"_decision-1\" data-search-record=\"Decision\">endorsed</li>";
        pages[0].1 = with(one);
        let once = kept.index(&pages).unwrap();
        assert_eq!(sums(&once), sums(&Indexer::default().index(&pages).unwrap()));
        pages[0].1 = with(&format!("{one}<li id=\"_decision-2\" data-search-record=\"Decision\">noted</li>"));
        let twice = kept.index(&pages).unwrap();
        assert_eq!(sums(&twice), sums(&Indexer::default().index(&pages).unwrap()));
        pages[0].1 = with("");
        let none = kept.index(&pages).unwrap();
        assert_eq!(sums(&none), sums(&Indexer::default().index(&pages).unwrap()));
        assert_ne!(sums(&none), sums(&twice));
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
