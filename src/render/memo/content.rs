//! The key of the content as a page may read it without telling: every
//! record, with its Markdown bodies left out. The one place rendering reads
//! a body (`view::RecordBuilder::body`) records each body it reads, so a
//! page kept by this key and its recorded reads was made from the same
//! content (see `Memo::whole`).
//!
//! Each record is destructured field by field: a field added to the model
//! does not compile here until it is hashed or said to be a body.

use rayon::prelude::*;

use super::{HashWriter, Hashed, Key};
use crate::model::{Content, Meeting, Page, TranslatedBody};

/// Everything of `content` but its Markdown bodies.
pub fn without_bodies(content: &Content) -> Key {
    let meetings: Vec<Key> = content.meetings.par_iter().map(|m| meeting(m)).collect();
    let pages: Vec<Key> = content.pages.par_iter().map(|p| page(p)).collect();
    of_records(content, &meetings, &pages)
}

/// [`without_bodies`], given the keys ([`meeting`], [`page`]) of its
/// meetings and pages, in its order.
pub fn of_records(content: &Content, meeting_keys: &[Key], page_keys: &[Key]) -> Key {
    use std::hash::Hash;
    let Content { site, groups, updates, meetings, pages, assets, files } = content;
    debug_assert_eq!((meetings.len(), pages.len()), (meeting_keys.len(), page_keys.len()));
    let (meetings, pages) = (meeting_keys, page_keys);
    let mut w = HashWriter::new();
    let h = &mut Hashed(&mut w);
    site.hash(h);
    groups.hash(h);
    updates.hash(h);
    meetings.hash(h);
    pages.hash(h);
    assets.hash(h);
    files.hash(h);
    w.finish()
}

/// Everything of a meeting but its Markdown bodies (its own and its
/// translations').
pub fn meeting(m: &Meeting) -> Key {
    use std::hash::Hash;
    let Meeting {
        slug,
        file,
        title,
        date,
        format,
        time,
        location,
        illustrative,
        draft,
        attendees,
        agenda,
        decisions,
        actions,
        body: _,
        translations,
    } = m;
    let mut w = HashWriter::new();
    let h = &mut Hashed(&mut w);
    (slug, file, title, date, format, time, location, illustrative, draft).hash(h);
    (attendees, agenda, decisions, actions).hash(h);
    translated(translations, h);
    w.finish()
}

/// Everything of a page but its Markdown bodies.
pub fn page(p: &Page) -> Key {
    use std::hash::Hash;
    let Page { slug, file, title, order, draft, body: _, translations } = p;
    let mut w = HashWriter::new();
    let h = &mut Hashed(&mut w);
    (slug, file, title, order, draft).hash(h);
    translated(translations, h);
    w.finish()
}

fn translated(translations: &[TranslatedBody], h: &mut Hashed) {
    use std::hash::Hash;
    translations.len().hash(h);
    for TranslatedBody { lang, file, title, body: _ } in translations {
        (lang, file, title).hash(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::fixture;

    #[test]
    fn a_body_leaves_the_key_as_it_was_and_anything_else_changes_it() {
        let content = fixture::content();
        let key = without_bodies(&content);
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.meetings[0]).body.source.push_str("\nMore notes.\n");
        assert_eq!(without_bodies(&c), key, "a meeting's body");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.pages[0]).translations[0].body.source.push_str("\nPlus.\n");
        assert_eq!(without_bodies(&c), key, "a translation's body");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.meetings[0]).title = crate::model::Text::plain("Another title");
        assert_ne!(without_bodies(&c), key, "a meeting's title");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.pages[0]).translations[0].title = Some("Autre".into());
        assert_ne!(without_bodies(&c), key, "a translation's title");
        let mut c = content.clone();
        c.updates[0].illustrative = !c.updates[0].illustrative;
        assert_ne!(without_bodies(&c), key, "an update");
        let mut c = content.clone();
        c.files.push("pages/new.md".into());
        assert_ne!(without_bodies(&c), key, "the files");
    }
}
