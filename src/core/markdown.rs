//! The Markdown dialect content is written in, and the ids its headings
//! get: the loader checks `#heading` links against the same ids the render
//! stage writes.

use std::collections::{BTreeSet, HashSet};

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

/// The anchors a Markdown body's headings get, as `render` assigns them,
/// from the body's parsed events.
pub fn heading_anchors(events: &mut [Event]) -> BTreeSet<String> {
    assign_heading_ids(events, "").into_iter().map(|t| t.id).collect()
}

/// Gives every heading of `events` its id (`prefix` then its own `{#id}`
/// or the slug of its text, numbered when repeated) and lists them.
pub fn assign_heading_ids(events: &mut [Event], prefix: &str) -> Vec<Heading> {
    let mut toc = Vec::new();
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let existing = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = format!("{prefix}{}", existing.unwrap_or_else(|| slug(&text)));
            let mut anchor = base.clone();
            let mut n = 1;
            while !used.insert(anchor.clone()) {
                anchor = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor.clone()));
            }
            toc.push(Heading { level: level_number(level), id: anchor, title: text.trim().to_string() });
            i = j;
        }
        i += 1;
    }
    toc
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
