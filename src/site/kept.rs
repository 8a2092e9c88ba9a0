//! What the preview keeps of its last rendered build, so that an edit of
//! Markdown bodies alone is checked without assembling and checking the
//! whole committee again: the content (the edited records are swapped in),
//! and the diagnostics by where they come from (a body edit changes only its
//! own files' load diagnostics and links).

use std::collections::BTreeSet;

use crate::derive;
use crate::diag::{Diagnostic, Diagnostics, Sources};
use crate::load::{self, Loaded};
use crate::model::Content;
use crate::validate;

/// The diagnostics of a check, by the stage that found them.
#[derive(Default, Clone)]
pub struct Found {
    /// The walk's and each file's own (reading, YAML, fields).
    pub load: Vec<Diagnostic>,
    /// References, translations: the records' fields, not their bodies.
    pub records: Vec<Diagnostic>,
    /// Links and images in Markdown bodies.
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

/// The content checked again after an edit of bodies alone, from what was
/// kept; `None` when the edits since the kept build are not bodies alone,
/// or nothing was kept.
pub fn check_bodies(files: &load::Cache, kept: &mut Option<Kept>) -> Option<(Loaded, Found)> {
    let load::Edits::Only(changed) = files.pending() else { return None };
    if !(changed.meetings.is_empty() && changed.pages.is_empty() && changed.groups.is_empty()) {
        return None;
    }
    let Kept { mut content, mut sources, mut found } = kept.take()?;
    let patched = load::patch_bodies(files, &mut content, &mut sources, &changed.bodies)?;
    found.load.retain(|d| !patched.files.contains(&d.file));
    found.load.extend(patched.diags);
    // A body whose headings changed may break or mend links into it.
    if patched.same_anchors {
        found.links.retain(|d| !patched.files.contains(&d.file));
        found.links.extend(validate::links(&content, Some(&patched.files)));
    } else {
        found.links = validate::links(&content, None).into_iter().collect();
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

/// Whether the derived state of `content` for an edit of `bodies` alone
/// can leave out the groups and the committee's actions.
pub fn light_state<'c>(
    content: &'c Content,
    as_of: jiff::civil::Date,
    drafts: bool,
    bodies: &BTreeSet<String>,
) -> Option<derive::State<'c>> {
    let light = derive::for_bodies(content, as_of, drafts, bodies);
    (!crate::render::pages::in_dashboard_or_book(&light, bodies)).then_some(light)
}
