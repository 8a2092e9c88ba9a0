//! The key of a meeting or a page as a view may read it without telling:
//! the record with its Markdown bodies left out. The one place rendering
//! reads a body (`view::RecordBuilder::body`) records each body it reads,
//! so a view kept by these keys (`view::parts`) and its recorded reads was
//! made from the same records (see `Memo::whole`).
//!
//! Each record is destructured field by field: a field added to the model
//! does not compile here until it is hashed or said to be a body.

use super::{HashWriter, Hashed, Key};
use crate::model::{Meeting, Page, TranslatedBody};

/// Everything of a meeting but its Markdown bodies (its own and its
/// translations').
pub fn meeting(m: &Meeting) -> Key {
    use std::hash::Hash;
    let Meeting {
        slug,
        file,
        fields,
        title,
        date,
        format,
        time,
        location,
        time_zone,
        join,
        illustrative,
        draft,
        record,
        attendees,
        attendance,
        agenda,
        decisions,
        actions,
        body: _,
        translations,
    } = m;
    let mut w = HashWriter::new();
    let h = &mut Hashed(&mut w);
    (slug, file, fields, title, date, format, time, location, time_zone, join, illustrative, draft).hash(h);
    (record, attendees, attendance, agenda, decisions, actions).hash(h);
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
        let (m, p) = (meeting(&content.meetings[0]), page(&content.pages[0]));
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.meetings[0]).body.source.push_str("\nMore notes.\n");
        assert_eq!(meeting(&c.meetings[0]), m, "a meeting's body");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.pages[0]).translations[0].body.source.push_str("\nPlus.\n");
        assert_eq!(page(&c.pages[0]), p, "a translation's body");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.meetings[0]).title = crate::model::Text::plain("Another title");
        assert_ne!(meeting(&c.meetings[0]), m, "a meeting's title");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.meetings[0]).actions[0].due = None;
        assert_ne!(meeting(&c.meetings[0]), m, "an action");
        let mut c = content.clone();
        std::sync::Arc::make_mut(&mut c.pages[0]).translations[0].title = Some("Autre".into());
        assert_ne!(page(&c.pages[0]), p, "a translation's title");
    }
}
