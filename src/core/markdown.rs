//! The Markdown dialect content is written in: its extensions, how deep
//! its elements may nest, which links it may hold, and the ids its headings
//! and footnotes get. The loader checks `#heading` links and nesting against
//! the same rules the render stage writes by.

use std::collections::{BTreeSet, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Tag, TagEnd};
use serde::Serialize;

/// The Markdown extensions content may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading of a Markdown body, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The anchor of footnote `name` in a body whose anchors start with `prefix`.
pub fn footnote_id(prefix: &str, name: &str) -> String {
    format!("{prefix}{FOOTNOTE_MARK}{name}")
}

pub const FOOTNOTE_MARK: &str = "fn-";

/// True for what pulldown-cmark would write unsanitized: raw HTML, a link or
/// image whose scheme is not allowed, a heading with custom attributes.
pub fn needs_sanitizer(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            !allowed_url(dest_url)
        }
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    }
}

/// The index of the event at which a body's elements first nest deeper than
/// [`super::nesting::MAX_DEPTH`]. Without raw HTML, Markdown's own structure
/// is what nests (a line of 50,000 `- ` is 100,000 lists and items deep, and
/// what reads the page later, the search index among them, takes time that
/// grows with size × depth): its blocks and spans are counted as they open
/// and close, in one pass. With raw HTML, Markdown's blocks and raw HTML's
/// elements together, read as rendering reads them.
pub fn too_deep(events: &[Event]) -> Option<usize> {
    if !events.iter().any(needs_sanitizer) {
        let mut depth = 0usize;
        for (i, event) in events.iter().enumerate() {
            match event {
                Event::Start(_) => {
                    depth += 1;
                    if depth > super::nesting::MAX_DEPTH {
                        return Some(i);
                    }
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        return None;
    }
    struct Meter<'a> {
        nester: super::nesting::Nester,
        current: &'a std::cell::Cell<usize>,
        found: Option<usize>,
    }
    impl std::fmt::Write for Meter<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.nester.feed(s);
            if self.found.is_none() && self.nester.deepest > super::nesting::MAX_DEPTH {
                self.found = Some(self.current.get());
            }
            Ok(())
        }
    }
    let current = std::cell::Cell::new(0);
    let mut meter = Meter { nester: super::nesting::Nester::measure(), current: &current, found: None };
    let events = events.iter().enumerate().map(|(i, e)| {
        current.set(i);
        e.clone()
    });
    pulldown_cmark::html::write_html_fmt(&mut meter, events).ok()?;
    meter.found
}

/// A relative URL, or one with an allowed scheme (see [`super::url::scheme`]).
fn allowed_url(url: &str) -> bool {
    super::url::allowed(url)
}

/// The anchors a Markdown body's headings get, as `render` assigns them,
/// from the body's parsed events.
pub fn heading_anchors(events: &mut [Event]) -> BTreeSet<String> {
    assign_heading_ids(events, "").into_iter().map(|t| t.id).collect()
}

/// The layout's ids (the theme's templates: `_main`, `_toc-heading`,
/// `_group-health`) start with this mark and content ids never do: no
/// heading, footnote or raw HTML can take or imitate one of them.
pub const LAYOUT_ID_MARK: char = '_';

/// Gives every heading its anchor (`prefix` then its own `{#id}` or the slug
/// of its text, with `-1`, `-2` for repeats and for anchors a footnote
/// holds) and returns the table of contents.
pub fn assign_heading_ids(events: &mut [Event], prefix: &str) -> Vec<Heading> {
    let mut toc = Vec::new();
    // The next number to try for each anchor, so that the n-th `## Same`
    // takes one step, not n: ids in time linear in the headings.
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::FootnoteDefinition(name)) => Some(footnote_id(prefix, name)),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let existing = id.as_ref().map(|s| content_id(s));
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                match &events[j] {
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    // A line break, or `<br>` in raw HTML, parts two words.
                    Event::SoftBreak | Event::HardBreak => text.push(' '),
                    Event::InlineHtml(h) if is_line_break(h) => text.push(' '),
                    _ => {}
                }
                j += 1;
            }
            let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let base = format!("{prefix}{}", existing.unwrap_or_else(|| slug(&title)));
            let mut anchor = base.clone();
            if !used.insert(anchor.clone()) {
                let n = next.entry(base.clone()).or_insert(1);
                loop {
                    anchor = format!("{base}-{n}");
                    *n += 1;
                    if used.insert(anchor.clone()) {
                        break;
                    }
                }
            }
            // A heading's `{.class key=value}` are dropped: content carries no
            // classes of its own (the layout's could imitate the marking).
            if let Event::Start(Tag::Heading { id, classes, attrs, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor.clone()));
                classes.clear();
                attrs.clear();
            }
            toc.push(Heading { level: level_number(level), id: anchor, title });
            i = j;
        }
        i += 1;
    }
    toc
}

/// A heading's own `{#id}` as a slug (`{#Top}` -> `top`, `{#_main}` ->
/// `main`): content anchors are slugs, so they never start with the layout's
/// mark nor hold the `--` of the anchors of Markdown fields of YAML.
fn content_id(custom: &str) -> String {
    slug(custom)
}

/// `<br>`, `<br/>`, `<BR />`.
fn is_line_break(html: &str) -> bool {
    let inner = html.trim().trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    inner.eq_ignore_ascii_case("br")
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `Activities endorsed for 2021` -> `activities-endorsed-for-2021`; keeps
/// accented letters (`Activités` -> `activités`).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "section".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn ids(source: &str) -> Vec<String> {
        let mut events: Vec<Event> = pulldown_cmark::Parser::new_ext(source, options()).collect();
        assign_heading_ids(&mut events, "").into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn repeated_headings_take_the_next_free_number() {
        assert_eq!(
            ids("# Same\n# Same\n# Same 1\n# Same\n# Same-3\n# Same\n"),
            ["same", "same-1", "same-1-1", "same-2", "same-3", "same-4"]
        );
        // A footnote's anchor is taken too.
        assert_eq!(ids("# fn-a\n\nx[^a]\n\n[^a]: note\n"), ["fn-a-1"]);
    }

    /// The least of a few runs of `f`: what it costs, without the noise of
    /// a busy machine.
    fn least(f: impl Fn()) -> Duration {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    }

    #[test]
    fn heading_ids_take_time_linear_in_the_headings() {
        // 4 times the headings take about 4 times as long, not 16.
        let events = |n: usize| -> Vec<Event<'static>> {
            let source: &'static str = Box::leak("## Same\n\ntext\n\n".repeat(n).into_boxed_str());
            pulldown_cmark::Parser::new_ext(source, options()).collect()
        };
        let (small, large) = (events(2_000), events(8_000));
        let time = |e: &Vec<Event<'static>>| least(|| drop(assign_heading_ids(&mut e.clone(), "")));
        let (t1, t4) = (time(&small), time(&large));
        assert!(t4 < t1 * 12, "2,000 headings: {t1:?}; 8,000: {t4:?}");
    }
}
