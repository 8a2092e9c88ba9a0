//! The preview's rebuilds: what it keeps of its last rendered build, and
//! how little it does again after an edit. An edit of Markdown bodies alone
//! is checked without assembling and checking the whole committee again (the
//! kept content gets the edited records swapped in; a body edit changes only
//! its own files' load diagnostics and links), and derives only the state
//! the pages that show the body need. Which pages are rendered again is
//! traced from the records that changed (`render::pages::affected`).

use jiff::civil::Date;

use crate::derive;
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::load::{self, Loaded};
use crate::model::{Changed, Content};
use crate::validate;

/// The diagnostics of a check, by the stage that found them.
pub struct Found {
    /// The walk's and each file's own (reading, YAML, fields).
    pub load: Vec<Diagnostic>,
    /// References, translations: the records' fields, not their bodies.
    pub records: Vec<Diagnostic>,
    /// Links and images in Markdown (bodies and Markdown fields of YAML).
    pub links: Vec<Diagnostic>,
}

impl Found {
    pub fn all(&self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        diags.extend(self.load.iter().chain(&self.records).chain(&self.links).cloned());
        diags
    }
}

/// The content and diagnostics of the last rendered build.
pub struct Kept {
    pub content: Content,
    /// The texts its diagnostics quote.
    pub sources: Sources,
    pub found: Found,
}

/// Checks assembled content; its diagnostics by stage, to keep.
pub fn check_all(mut loaded: Loaded, as_of: Option<Date>, drafts: bool) -> (Loaded, Found) {
    let as_of = derive::briefing_date(&loaded.content, as_of);
    let found = Found {
        load: std::mem::take(&mut loaded.diags).into_iter().collect(),
        records: validate::records(&loaded.content, as_of, drafts).into_iter().collect(),
        links: validate::links(&loaded.content, None, drafts).into_iter().collect(),
    };
    (loaded, found)
}

/// The content checked again after an edit of bodies alone, from what was
/// kept; `None` when the edits since the kept build are not bodies alone,
/// or nothing was kept.
pub fn check_bodies(files: &load::Cache, kept: &mut Option<Kept>, drafts: bool) -> Option<(Loaded, Found)> {
    let load::Edits::Only(changed) = files.pending() else { return None };
    if !changed.bodies_alone() {
        return None;
    }
    let Kept { mut content, mut sources, mut found } = kept.take()?;
    let patched = load::patch_bodies(files, &mut content, &mut sources, &changed.bodies)?;
    found.load.retain(|d| !patched.files.contains(&d.file));
    found.load.extend(patched.diags);
    // A body whose headings changed may break or mend links into it.
    if patched.same_anchors {
        found.links.retain(|d| !patched.files.contains(&d.file));
        found.links.extend(validate::links(&content, Some(&patched.files), drafts));
    } else {
        found.links = validate::links(&content, None, drafts).into_iter().collect();
    }
    // A diagnostic quotes its file, also one that had none before.
    for d in found.load.iter().chain(&found.links) {
        if sources.get(&d.file).is_none()
            && let Some(text) = files.text(&d.file)
        {
            sources.insert(d.file.clone(), text);
        }
    }
    let loaded = Loaded { content, sources, diags: Diagnostics::new() };
    Some((loaded, found))
}

/// The records changed since the last rendered build, when the pages that
/// show them can be traced; `None` renders everything: the first build, a
/// theme change, a new briefing date (overdue actions), an edit that cannot
/// be traced.
pub fn changed_since(cache: &mut super::Cache, as_of: Date) -> Option<Changed> {
    let edits = cache.files.take_edits();
    let traced = cache.theme.is_some() && cache.as_of == Some(as_of);
    cache.as_of = Some(as_of);
    match edits {
        load::Edits::Only(changed) if traced => Some(changed),
        _ => None,
    }
}

/// The derived state, and what to render again after the edit `only` (see
/// [`unless_featured`]). For an edit of bodies alone that neither the
/// dashboard nor the book shows, the state leaves out the groups and the
/// committee's actions, which no page that shows a body needs.
pub fn derive<'c>(
    content: &'c Content,
    as_of: Date,
    drafts: bool,
    only: Option<Changed>,
    was_featured: &[String],
) -> (derive::State<'c>, Option<Changed>) {
    if let Some(bodies) = only.as_ref().filter(|c| c.bodies_alone()).map(|c| &c.bodies) {
        let light = derive::for_bodies(content, as_of, drafts, bodies);
        if featured(&light) == was_featured && !crate::render::pages::in_dashboard_or_book(&light, bodies) {
            return (light, only);
        }
    }
    let state = derive::derive(content, as_of, drafts);
    let only = unless_featured(only, was_featured, &featured(&state));
    (state, only)
}

/// The pages in the navigation and the book, by content file.
pub fn featured(state: &derive::State) -> Vec<String> {
    state.featured_pages.iter().map(|p| p.file.clone()).collect()
}

/// `only`, unless the edit touches a page in the navigation and the book
/// (shown on every page), or changes which pages those are (`was`, `now`).
fn unless_featured(only: Option<Changed>, was: &[String], now: &[String]) -> Option<Changed> {
    only.filter(|c| was == now && !c.pages.iter().any(|p| was.contains(p) || now.contains(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Content {
        crate::load::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).content
    }

    fn bodies(file: &str) -> Changed {
        Changed { bodies: [file.to_string()].into(), ..Changed::default() }
    }

    #[test]
    fn a_light_state_goes_only_with_a_partial_render() {
        let content = example();
        let as_of = derive::briefing_date(&content, None);
        let full = derive::derive(&content, as_of, false);
        let was = featured(&full);
        assert!(!full.groups.is_empty());
        // An earlier meeting's body: its page alone, from a light state.
        let earlier = bodies("meetings/2021-02-23-roadmap.md");
        let (state, only) = derive(&content, as_of, false, Some(earlier.clone()), &was);
        assert!(state.groups.is_empty(), "no group state for a meeting page");
        assert_eq!(only, Some(earlier.clone()));
        // Not knowing the previous navigation renders everything: from a whole state.
        let (state, only) = derive(&content, as_of, false, Some(earlier), &[]);
        assert_eq!((state.groups.len(), only), (full.groups.len(), None));
        // The latest meeting's body is on the dashboard and in the book.
        let latest = bodies("meetings/2021-05-26.md");
        let (state, only) = derive(&content, as_of, false, Some(latest.clone()), &was);
        assert_eq!((state.groups.len(), only), (full.groups.len(), Some(latest)));
    }
}
