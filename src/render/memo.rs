//! What rendering may take from the previous build instead of making again,
//! with nothing written by hand about which page shows which record: each
//! entry is keyed by everything its result is made from, so a key that is
//! found holds exactly the result rendering would make.
//!
//! - a page: its output path, keyed by a hash of its template's name, the
//!   theme folder's files, its language's interface strings, its frame and
//!   its view as serialized for the template (hashed straight from serde's
//!   calls, without making its JSON: [`hash`]); Tera runs only where that
//!   hash changed;
//! - the view of a record's own page (a meeting's, a free page's): the hash
//!   of the view, kept while the record, the context of its view (the
//!   site-wide facts every such view may read, hashed whole) and what each
//!   lookup it made of other records gave are unchanged, so the view is
//!   neither built nor hashed again. A record is the same when it is the
//!   same allocation (the file cache shares an unchanged file's record
//!   between builds, and the store keeps the old one alive, so its address
//!   cannot have been reused) or hashes equal (every field: `Hash`);
//! - a Markdown body: keyed by its source and anchor prefix, and valid while
//!   every link target it resolved still resolves to the same address (the
//!   targets and their addresses are recorded as it is rendered);
//! - a chart: keyed by a hash of its whole input (its `Debug` form, which
//!   shows every field);
//! - a file made by a function of one input alone (a workbook from its
//!   table): keyed likewise by its whole input;
//! - the view of a page that shows the whole site (the dashboard, the
//!   lists, a group, the book): as a record's, with no record of its own:
//!   among its reads, each part of the derived state it read
//!   (`view::parts::Tracked`: a group, its actions, the meetings...) with
//!   the key of that part, and the bodies it read;
//! - each set of files of one language made of the whole site (the
//!   tables, the calendars, the feed): likewise by the parts of the state
//!   it read (they read no body).
//!
//! A render reads the previous build's [`Store`] and fills a new one with
//! what it used; the caller keeps the new store only when the build succeeds
//! (a failed build leaves the previous one as it was), and entries no page
//! used any longer go with the old store.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hasher as _};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use foldhash::fast::{FixedState, FoldHasher};

mod content;
mod hash;

pub use content::{meeting as meeting_without_bodies, page as page_without_bodies};

use super::markdown::Rendered;
use crate::charts::Chart;
use crate::diag::Diagnostic;

/// A 128-bit hash of everything a result is made from.
pub type Key = u128;

/// What one build rendered, for the next to take from.
#[derive(Default)]
pub struct Store {
    /// Each page's HTML by output path, with the key of its context.
    pages: HashMap<String, (Key, Bytes)>,
    /// Markdown bodies by (source, prefix): each rendering with the link
    /// targets it resolved and what they resolved to.
    bodies: HashMap<Key, Vec<Body>>,
    /// Charts by input.
    charts: HashMap<Key, Chart>,
    /// Files by input.
    made: HashMap<Key, Bytes>,
    /// Records' views by output path.
    views: HashMap<String, View>,
    /// Sets of files by name, with what they were made from.
    sets: HashMap<String, SetEntry>,
    /// What was asked of each page's bytes (whether it is to be indexed).
    marks: HashMap<String, (Bytes, bool)>,
    /// Records' keys by kind and address (see [`Memo::record_keys`]).
    records: HashMap<(&'static str, usize), Record>,
}

/// A record's key, with the record kept alive so that its address names
/// it alone.
#[derive(Clone)]
struct Record {
    record: Arc<dyn Any + Send + Sync>,
    key: Key,
}

/// Files by path.
type Set = Arc<[(String, Bytes)]>;

/// A set of files as the previous build made it: the key of its context,
/// what each read it made gave, the files.
#[derive(Clone)]
struct SetEntry {
    context: Key,
    reads: Arc<[(String, Key)]>,
    files: Set,
}

/// The view of a record's page, as the previous build made it.
#[derive(Clone)]
struct View {
    /// The record, kept alive so that its address names it alone.
    record: Arc<dyn Any + Send + Sync>,
    /// Its hash (every field).
    record_key: Key,
    /// The key of everything else the view may read but its lookups.
    context: Key,
    /// What each lookup of another record gave: its argument and the key
    /// of its answer.
    reads: Arc<[(String, Key)]>,
    /// The view's own key (as serialized for the template).
    view: Key,
}

impl Store {
    /// How many pages, bodies and charts it holds.
    pub fn len(&self) -> (usize, usize, usize) {
        (self.pages.len(), self.bodies.values().map(Vec::len).sum(), self.charts.len())
    }

    /// How many files made from one input it holds.
    pub fn made_len(&self) -> usize {
        self.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == (0, 0, 0)
    }
}

/// A rendering, shared by the store it came from and the one that keeps it.
#[derive(Clone)]
struct Body {
    resolved: std::sync::Arc<[(String, Option<String>)]>,
    rendered: std::sync::Arc<Rendered>,
}

/// How many results were taken from the previous build, and how many made.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub pages_kept: usize,
    pub pages_rendered: usize,
    pub bodies_kept: usize,
    pub bodies_rendered: usize,
    pub charts_kept: usize,
    pub charts_drawn: usize,
    pub files_kept: usize,
    pub files_made: usize,
    /// Records' views taken from the previous build (neither built nor
    /// hashed), and built.
    pub views_kept: usize,
    pub views_built: usize,
    /// Sets of files (one language's tables, calendars and feed) taken
    /// from the previous build, and made.
    pub sets_kept: usize,
    pub sets_made: usize,
    /// Pages' frames whose key was taken from the previous build (the frame
    /// not made), and made.
    pub frames_kept: usize,
    pub frames_made: usize,
}

#[derive(Default)]
struct Counters([AtomicUsize; 14]);

impl Counters {
    fn add(&self, i: usize) {
        self.0[i].fetch_add(1, Ordering::Relaxed);
    }
}

/// The caches of one render: the previous build's store to read, and the
/// store this build fills. `Memo::off()` (a one-off build) keeps nothing and
/// hashes nothing.
pub struct Memo<'p> {
    prev: Option<&'p Store>,
    next: Option<Next>,
    counters: Counters,
}

#[derive(Default)]
struct Next {
    pages: Mutex<HashMap<String, (Key, Bytes)>>,
    bodies: Mutex<HashMap<Key, Vec<Body>>>,
    charts: Mutex<HashMap<Key, Chart>>,
    made: Mutex<HashMap<Key, Bytes>>,
    views: Mutex<HashMap<String, View>>,
    sets: Mutex<HashMap<String, SetEntry>>,
    marks: Mutex<HashMap<String, (Bytes, bool)>>,
    records: Mutex<HashMap<(&'static str, usize), Record>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Feeds what is written to it into a 128-bit hash: two 64-bit foldhash
/// lanes with different seeds (fast on long texts, which most keys are:
/// bodies and page contexts), through a buffer so that the many small
/// writes of a serializer cost little.
pub struct HashWriter {
    lanes: [FoldHasher<'static>; 2],
    buf: Vec<u8>,
}

const BUFFER: usize = 8 * 1024;

impl HashWriter {
    pub fn new() -> Self {
        let lane = |seed| FixedState::with_seed(seed).build_hasher();
        HashWriter {
            lanes: [lane(0x6272_6965_6669_6e67), lane(0x7072_6576_6965_7721)],
            // Taken on the first small write: a key of a few long texts
            // (a body's) needs none.
            buf: Vec::new(),
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        if self.buf.len() + bytes.len() > BUFFER {
            self.flush();
        }
        if bytes.len() >= BUFFER / 8 && self.buf.is_empty() {
            self.lanes.iter_mut().for_each(|l| l.write(bytes));
        } else {
            if self.buf.capacity() == 0 {
                self.buf.reserve_exact(BUFFER);
            }
            self.buf.extend_from_slice(bytes);
        }
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let buf = &self.buf;
            self.lanes.iter_mut().for_each(|l| l.write(buf));
            self.buf.clear();
        }
    }

    pub fn str(&mut self, s: &str) {
        // Length first: ("ab", "c") and ("a", "bc") differ.
        self.feed(&(s.len() as u64).to_le_bytes());
        self.feed(s.as_bytes());
    }

    pub fn key(&mut self, k: Key) {
        self.feed(&k.to_le_bytes());
    }

    pub fn finish(&mut self) -> Key {
        self.flush();
        ((self.lanes[0].finish() as u128) << 64) | self.lanes[1].finish() as u128
    }
}

impl Default for HashWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// A [`HashWriter`] as a `std::hash::Hasher`, for values hashed by their
/// `Hash` ([`key_of_hash`]).
struct Hashed<'w>(&'w mut HashWriter);

impl std::hash::Hasher for Hashed<'_> {
    fn write(&mut self, bytes: &[u8]) {
        self.0.feed(bytes);
    }

    /// One lane of the hash so far ([`HashWriter::finish`] gives both).
    fn finish(&self) -> u64 {
        let mut lane = self.0.lanes[0].clone();
        lane.write(&self.0.buf);
        lane.finish()
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.feed(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.feed(s.as_bytes());
        Ok(())
    }
}

/// The key of a value by its `Debug` form, which shows every field (a
/// chart's input, a workbook's table).
fn key_of_debug(value: &impl std::fmt::Debug) -> Key {
    let mut h = HashWriter::new();
    let _ = std::fmt::Write::write_fmt(&mut h, format_args!("{value:?}"));
    h.finish()
}

/// The key of a value by its `Hash` (every field: the model's records).
pub fn key_of_hash(value: &(impl std::hash::Hash + ?Sized)) -> Key {
    let mut h = HashWriter::new();
    value.hash(&mut Hashed(&mut h));
    h.finish()
}

/// The key of a value as serialized (what a template sees), without its
/// JSON: see [`hash`].
pub fn key_of(value: &impl serde::Serialize) -> Key {
    let mut h = HashWriter::new();
    hash::write(&mut h, value);
    h.finish()
}

impl<'p> Memo<'p> {
    /// Keeps nothing: every result is made.
    pub fn off() -> Memo<'static> {
        Memo { prev: None, next: None, counters: Counters::default() }
    }

    /// Takes what it can from `prev` and records what this build uses.
    pub fn over(prev: &'p Store) -> Memo<'p> {
        Memo { prev: Some(prev), next: Some(Next::default()), counters: Counters::default() }
    }

    pub fn is_on(&self) -> bool {
        self.next.is_some()
    }

    /// The store this build filled (`None` when off).
    pub fn into_store(self) -> Option<Store> {
        self.next.map(|n| Store {
            pages: n.pages.into_inner().unwrap_or_else(|e| e.into_inner()),
            bodies: n.bodies.into_inner().unwrap_or_else(|e| e.into_inner()),
            charts: n.charts.into_inner().unwrap_or_else(|e| e.into_inner()),
            made: n.made.into_inner().unwrap_or_else(|e| e.into_inner()),
            views: n.views.into_inner().unwrap_or_else(|e| e.into_inner()),
            sets: n.sets.into_inner().unwrap_or_else(|e| e.into_inner()),
            marks: n.marks.into_inner().unwrap_or_else(|e| e.into_inner()),
            records: n.records.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }

    pub fn counts(&self) -> Counts {
        let c = |i: usize| self.counters.0[i].load(Ordering::Relaxed);
        Counts {
            pages_kept: c(0),
            pages_rendered: c(1),
            bodies_kept: c(2),
            bodies_rendered: c(3),
            charts_kept: c(4),
            charts_drawn: c(5),
            files_kept: c(6),
            files_made: c(7),
            views_kept: c(8),
            views_built: c(9),
            sets_kept: c(10),
            sets_made: c(11),
            frames_kept: c(12),
            frames_made: c(13),
        }
    }

    /// The key of the view of `record`'s page at `path`, and the view when
    /// it was built: the previous build's key, without building the view,
    /// when the record is the same (the same allocation, or equal by hash),
    /// `context` (the key of everything else `build` may read but its
    /// lookups) is the same, and `replay` gives every lookup the view made
    /// the answer it gave then (`replay(argument)`: the key of its answer
    /// now). Else `build` makes the view with the lookups it made.
    ///
    /// Off (a one-off build), the view is built and no key is made (`0`).
    pub fn view<R, V>(
        &self,
        path: &str,
        record: &Arc<R>,
        context: Key,
        replay: impl Fn(&str) -> Key,
        build: impl FnOnce() -> (V, Vec<(String, Key)>),
    ) -> (Key, Option<V>)
    where
        R: std::hash::Hash + Send + Sync + 'static,
        V: serde::Serialize,
    {
        self.keyed((8, 9), path, record, context, replay, build)
    }

    /// The key of a page's frame, and the frame when it was made: the
    /// previous build's key, without making the frame, when `context` (the
    /// key of everything the frame is made of) is unchanged.
    pub fn frame<V: serde::Serialize>(
        &self,
        path: &str,
        context: Key,
        make: impl FnOnce() -> V,
    ) -> (Key, Option<V>) {
        let at = format!("{path}#frame");
        self.keyed((12, 13), &at, &Arc::new(()), context, |_| 0, || (make(), Vec::new()))
    }

    /// [`Memo::view`], counted at `counters` (kept, built).
    fn keyed<R, V>(
        &self,
        counters: (usize, usize),
        path: &str,
        record: &Arc<R>,
        context: Key,
        replay: impl Fn(&str) -> Key,
        build: impl FnOnce() -> (V, Vec<(String, Key)>),
    ) -> (Key, Option<V>)
    where
        R: std::hash::Hash + Send + Sync + 'static,
        V: serde::Serialize,
    {
        let Some(next) = &self.next else {
            self.counters.add(counters.1);
            return (0, Some(build().0));
        };
        let prev = self.prev.and_then(|p| p.views.get(path));
        let same_record = prev.filter(|v| std::ptr::addr_eq(Arc::as_ptr(&v.record), Arc::as_ptr(record)));
        let record_key = match same_record {
            Some(v) => v.record_key,
            None => key_of_hash(&**record),
        };
        let kept = prev.filter(|v| {
            v.record_key == record_key
                && v.context == context
                && v.reads.iter().all(|(argument, answer)| replay(argument) == *answer)
        });
        let (entry, view) = match kept {
            Some(v) => {
                self.counters.add(counters.0);
                (View { record: record.clone(), ..v.clone() }, None)
            }
            None => {
                self.counters.add(counters.1);
                let (view, reads) = build();
                let key = key_of(&view);
                let entry =
                    View { record: record.clone(), record_key, context, reads: reads.into(), view: key };
                (entry, Some(view))
            }
        };
        let key = entry.view;
        lock(&next.views).insert(path.to_string(), entry);
        (key, view)
    }

    /// The key of the view of a page at `path` that shows the whole site,
    /// and the view when it was built: as [`Memo::view`] for a page with no
    /// record of its own. `replay` answers for the parts of the state it
    /// read (`view::parts`) as for the bodies it read and the titles it
    /// looked up.
    pub fn whole<V: serde::Serialize>(
        &self,
        path: &str,
        context: Key,
        replay: impl Fn(&str) -> Key,
        build: impl FnOnce() -> (V, Vec<(String, Key)>),
    ) -> (Key, Option<V>) {
        self.view(path, &Arc::new(()), context, replay, build)
    }

    /// The set of files named `name` that `make` makes with the reads it
    /// recorded, or the previous build's when its `context` (the key of
    /// everything `make` reads but its reads) is the same and every read
    /// `replay`s to what it gave. Kept, they keep with them the files of
    /// one input (`Memo::made`) they were made with.
    pub fn files(
        &self,
        name: &str,
        context: Key,
        replay: impl Fn(&str) -> Key,
        make: impl FnOnce() -> (Vec<(String, Vec<u8>)>, Vec<(String, Key)>),
    ) -> Vec<(String, Bytes)> {
        let made = |files: Vec<(String, Vec<u8>)>| -> Set {
            files.into_iter().map(|(path, bytes)| (path, Bytes::from(bytes))).collect()
        };
        let Some(next) = &self.next else {
            self.counters.add(11);
            return made(make().0).to_vec();
        };
        let same =
            |s: &&SetEntry| s.context == context && s.reads.iter().all(|(read, key)| replay(read) == *key);
        let entry = match self.prev.and_then(|p| p.sets.get(name).filter(same).map(|s| (p, s))) {
            Some((prev, set)) => {
                self.counters.add(10);
                // Kept with the files made of them: entries keyed by their
                // own input, so carrying them all is never wrong.
                let mut kept = lock(&next.made);
                for (k, bytes) in &prev.made {
                    kept.entry(*k).or_insert_with(|| bytes.clone());
                }
                set.clone()
            }
            None => {
                self.counters.add(11);
                let (files, reads) = make();
                SetEntry { context, reads: reads.into(), files: made(files) }
            }
        };
        let files = entry.files.to_vec();
        lock(&next.sets).insert(name.to_string(), entry);
        files
    }

    /// `key` of each record, named `kind` (one key function a kind): the
    /// previous build's for a record that is the same allocation (the file
    /// cache shares an unchanged file's record between builds, and the
    /// store keeps the old one alive, so its address cannot have been
    /// reused), else made, in parallel.
    pub fn record_keys<R: Send + Sync + 'static>(
        &self,
        kind: &'static str,
        records: &[Arc<R>],
        key: impl Fn(&R) -> Key + Sync,
    ) -> Vec<Key> {
        use rayon::prelude::*;
        let Some(next) = &self.next else { return records.par_iter().map(|r| key(r)).collect() };
        let at = |r: &Arc<R>| (kind, Arc::as_ptr(r).cast::<u8>() as usize);
        let keys: Vec<Key> = records
            .par_iter()
            .map(|r| {
                let kept = self.prev.and_then(|p| p.records.get(&at(r)));
                let same = kept.filter(|k| std::ptr::addr_eq(Arc::as_ptr(&k.record), Arc::as_ptr(r)));
                same.map_or_else(|| key(r), |k| k.key)
            })
            .collect();
        let mut kept = lock(&next.records);
        for (r, k) in records.iter().zip(&keys) {
            kept.insert(at(r), Record { record: r.clone(), key: *k });
        }
        keys
    }

    /// What `ask` says of the bytes of the file at `path`, or what it said
    /// at the previous build when they are the bytes kept then (the same
    /// allocation, which the store keeps alive).
    pub fn mark(&self, path: &str, bytes: &Bytes, ask: impl FnOnce() -> bool) -> bool {
        let Some(next) = &self.next else { return ask() };
        let same = |(b, _): &&(Bytes, bool)| b.as_ptr() == bytes.as_ptr() && b.len() == bytes.len();
        let answer = match self.prev.and_then(|p| p.marks.get(path)).filter(same) {
            Some((_, answer)) => *answer,
            None => ask(),
        };
        lock(&next.marks).insert(path.to_string(), (bytes.clone(), answer));
        answer
    }

    /// The page at `path`: the previous build's bytes when `key` (see
    /// [`page_key`]) is the one they were rendered from, else `render`'s.
    pub fn page(
        &self,
        path: &str,
        key: impl FnOnce() -> Key,
        render: impl FnOnce() -> Result<String, Diagnostic>,
    ) -> Result<Bytes, Diagnostic> {
        let Some(next) = &self.next else {
            self.counters.add(1);
            return render().map(Bytes::from);
        };
        let key = key();
        let kept =
            self.prev.and_then(|p| p.pages.get(path)).filter(|(k, _)| *k == key).map(|(_, b)| b.clone());
        let bytes = match kept {
            Some(b) => {
                self.counters.add(0);
                b
            }
            None => {
                self.counters.add(1);
                Bytes::from(render()?)
            }
        };
        lock(&next.pages).insert(path.to_string(), (key, bytes.clone()));
        Ok(bytes)
    }

    /// A Markdown body rendered by `render` with link targets resolved by
    /// `resolve`, or the previous build's rendering of the same source and
    /// prefix whose targets all still resolve as they did.
    pub fn body(
        &self,
        source: &str,
        prefix: &str,
        resolve: &dyn Fn(&str) -> Option<String>,
        render: impl FnOnce(&dyn Fn(&str) -> Option<String>) -> Rendered,
    ) -> Rendered {
        let Some(next) = &self.next else {
            self.counters.add(3);
            return render(resolve);
        };
        let mut h = HashWriter::new();
        h.str(source);
        h.str(prefix);
        let key = h.finish();
        let still = |b: &&Body| b.resolved.iter().all(|(target, to)| resolve(target) == *to);
        let kept =
            self.prev.and_then(|p| p.bodies.get(&key)).and_then(|list| list.iter().find(still)).cloned();
        let body = match kept {
            Some(b) => {
                self.counters.add(2);
                b
            }
            None => {
                self.counters.add(3);
                let resolved = RefCell::new(Vec::new());
                let recording = |target: &str| {
                    let to = resolve(target);
                    resolved.borrow_mut().push((target.to_string(), to.clone()));
                    to
                };
                let rendered = render(&recording);
                Body { resolved: resolved.into_inner().into(), rendered: std::sync::Arc::new(rendered) }
            }
        };
        let rendered = Rendered::clone(&body.rendered);
        let mut bodies = lock(&next.bodies);
        let list = bodies.entry(key).or_default();
        if !list.iter().any(|b| b.resolved == body.resolved) {
            list.push(body);
        }
        rendered
    }

    /// The chart `draw` makes of `input`, or the previous build's of an
    /// equal input.
    pub fn chart<I: std::fmt::Debug>(&self, input: &I, draw: impl FnOnce(&I) -> Chart) -> Chart {
        let Some(next) = &self.next else {
            self.counters.add(5);
            return draw(input);
        };
        let key = key_of_debug(input);
        let chart = match self.prev.and_then(|p| p.charts.get(&key)) {
            Some(c) => {
                self.counters.add(4);
                c.clone()
            }
            None => {
                self.counters.add(5);
                draw(input)
            }
        };
        lock(&next.charts).insert(key, chart.clone());
        chart
    }

    /// The file `make` makes of `input` alone, or the previous build's of
    /// an equal input (its `Debug` form, which shows every field); `None`
    /// when `make` fails (which is not kept).
    pub fn made<I: std::fmt::Debug>(
        &self,
        input: &I,
        make: impl FnOnce(&I) -> Option<Vec<u8>>,
    ) -> Option<Bytes> {
        let Some(next) = &self.next else {
            self.counters.add(7);
            return make(input).map(Bytes::from);
        };
        let key = key_of_debug(input);
        let bytes = match self.prev.and_then(|p| p.made.get(&key)) {
            Some(b) => {
                self.counters.add(6);
                b.clone()
            }
            None => {
                self.counters.add(7);
                Bytes::from(make(input)?)
            }
        };
        lock(&next.made).insert(key, bytes.clone());
        Some(bytes)
    }
}

/// The key of a page: its template, the theme and its language's interface
/// strings (their key, made once per language), its frame's key and its
/// view's ([`key_of`] each: the page's context is the two).
pub fn page_key(template: &str, strings: Key, frame: Key, view: Key) -> Key {
    let mut h = HashWriter::new();
    h.str(template);
    h.key(strings);
    h.key(frame);
    h.key(view);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Resolve<'a> = &'a dyn Fn(&str) -> Option<String>;

    fn render_counting(calls: &AtomicUsize) -> impl Fn(Resolve) -> Rendered + '_ {
        move |resolve| {
            calls.fetch_add(1, Ordering::Relaxed);
            super::super::markdown::render("See [the plan](plan.md).", resolve)
        }
    }

    #[test]
    fn a_records_key_is_made_once_while_it_is_the_same_allocation() {
        let calls = AtomicUsize::new(0);
        let key = |s: &String| {
            calls.fetch_add(1, Ordering::Relaxed);
            key_of_hash(s)
        };
        let (a, b) = (Arc::new("a".to_string()), Arc::new("b".to_string()));
        let empty = Store::default();
        let first = Memo::over(&empty);
        let keys = first.record_keys("text", &[a.clone(), b.clone()], key);
        assert_eq!((keys, calls.load(Ordering::Relaxed)), (vec![key_of_hash("a"), key_of_hash("b")], 2));
        let store = first.into_store().unwrap();
        // The same allocations: taken. An equal record in another
        // allocation, or another kind: made.
        let second = Memo::over(&store);
        let again = second.record_keys("text", &[a.clone(), Arc::new("b".to_string())], key);
        assert_eq!((again, calls.load(Ordering::Relaxed)), (vec![key_of_hash("a"), key_of_hash("b")], 3));
        second.record_keys("other", std::slice::from_ref(&a), key);
        assert_eq!(calls.load(Ordering::Relaxed), 4);
        // Off, every key is made.
        Memo::off().record_keys("text", &[a], key);
        assert_eq!(calls.load(Ordering::Relaxed), 5);
    }

    #[test]
    fn a_body_is_kept_while_its_links_resolve_as_before() {
        let calls = AtomicUsize::new(0);
        let to = |url: &'static str| move |t: &str| (t == "plan.md").then(|| url.to_string());
        let empty = Store::default();
        let first = Memo::over(&empty);
        let a = first.body("See [the plan](plan.md).", "", &to("pages/plan/"), render_counting(&calls));
        assert!(a.html.contains("href=\"pages/plan/\""), "{}", a.html);
        let store = first.into_store().unwrap();
        // Same source, same addresses: taken, not rendered.
        let second = Memo::over(&store);
        let b = second.body("See [the plan](plan.md).", "", &to("pages/plan/"), render_counting(&calls));
        assert_eq!((b.html, calls.load(Ordering::Relaxed)), (a.html.clone(), 1));
        assert_eq!(second.counts().bodies_kept, 1);
        // The target now resolves elsewhere (a page renamed): rendered again.
        let third = Memo::over(&store);
        let c = third.body("See [the plan](plan.md).", "", &to("pages/other/"), render_counting(&calls));
        assert!(c.html.contains("href=\"pages/other/\""), "{}", c.html);
        assert_eq!(calls.load(Ordering::Relaxed), 2);
        // Another prefix is another key.
        let fourth = Memo::over(&store);
        fourth.body("See [the plan](plan.md).", "x-", &to("pages/plan/"), render_counting(&calls));
        assert_eq!(calls.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn a_page_is_rendered_again_only_when_its_key_changes() {
        let empty = Store::default();
        let first = Memo::over(&empty);
        let page = |memo: &Memo, ctx: &str, html: &str| {
            let html = html.to_string();
            memo.page("index.html", || page_key("index.html", 0, 0, key_of(&ctx)), || Ok(html)).unwrap()
        };
        assert_eq!(page(&first, "a", "A"), "A");
        let store = first.into_store().unwrap();
        let second = Memo::over(&store);
        assert_eq!(page(&second, "a", "not rendered"), "A", "same context: the kept bytes");
        assert_eq!(page(&second, "b", "B"), "B", "another context: rendered");
        assert_eq!(second.counts().pages_kept, 1);
        assert_eq!(second.counts().pages_rendered, 1);
        // Off: always rendered, nothing kept.
        let off = Memo::off();
        assert_eq!(page(&off, "a", "C"), "C");
        assert!(off.into_store().is_none());
    }

    #[test]
    fn a_view_is_kept_while_its_record_context_and_lookups_are_unchanged() {
        // A view of `record` in `context` that looked up "b.md" and found `found`.
        let built = AtomicUsize::new(0);
        let view = |memo: &Memo, record: &Arc<String>, context: Key, found: &str| {
            let found = found.to_string();
            memo.view(
                "p.html",
                record,
                context,
                |arg| key_of(&(arg == "b.md").then_some(found.as_str())),
                || {
                    built.fetch_add(1, Ordering::Relaxed);
                    (
                        format!("{record} sees {found}"),
                        vec![("b.md".to_string(), key_of(&Some(found.as_str())))],
                    )
                },
            )
        };
        let record = Arc::new("a".to_string());
        let empty = Store::default();
        let first = Memo::over(&empty);
        let (key, made) = view(&first, &record, 1, "B");
        assert_eq!((made.as_deref(), key), (Some("a sees B"), key_of(&"a sees B")));
        let store = first.into_store().unwrap();
        let again = |record: &Arc<String>, context: Key, found: &str| {
            let memo = Memo::over(&store);
            let (key, made) = view(&memo, record, context, found);
            (key, made, memo.counts())
        };
        // The same allocation: kept, neither built nor hashed.
        let (k, made, counts) = again(&record, 1, "B");
        assert_eq!((k, made, counts.views_kept, counts.views_built), (key, None, 1, 0));
        // Another allocation of an equal record: kept too.
        let (k, made, _) = again(&Arc::new("a".to_string()), 1, "B");
        assert_eq!((k, made), (key, None));
        // Another record, another context, another answer to a lookup: built.
        assert_eq!(again(&Arc::new("c".to_string()), 1, "B").1.as_deref(), Some("c sees B"));
        assert_eq!(again(&record, 2, "B").1.as_deref(), Some("a sees B"));
        assert_eq!(again(&record, 1, "B2").1.as_deref(), Some("a sees B2"));
        assert_eq!(built.load(Ordering::Relaxed), 4);
        // Off: built every time, no key.
        let off = Memo::off();
        assert_eq!(view(&off, &record, 1, "B"), (0, Some("a sees B".to_string())));
    }

    #[test]
    fn a_failed_page_leaves_nothing_in_the_new_store() {
        let empty = Store::default();
        let first = Memo::over(&empty);
        let failed =
            first.page("a.html", || 1, || Err(Diagnostic::error("E", "t.html", Default::default(), "x")));
        assert!(failed.is_err());
        assert_eq!(first.into_store().unwrap().len(), (0, 0, 0));
    }

    #[test]
    fn keys_tell_apart_values_that_concatenate_alike() {
        let key = |a: &str, b: &str| {
            let mut h = HashWriter::new();
            h.str(a);
            h.str(b);
            h.finish()
        };
        assert_ne!(key("ab", "c"), key("a", "bc"));
        assert_eq!(key("a", "bc"), key("a", "bc"));
        let x = key_of(&"x");
        assert_ne!(page_key("a.html", 0, 0, x), page_key("b.html", 0, 0, x));
        assert_ne!(page_key("a.html", 0, 0, x), page_key("a.html", 1, 0, x));
        assert_ne!(page_key("a.html", 0, 0, x), page_key("a.html", 0, 1, x));
        assert_ne!(page_key("a.html", 0, 0, x), page_key("a.html", 0, 0, key_of(&"y")));
    }
}
