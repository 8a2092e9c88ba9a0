//! The validate stage: every cross-reference and rule of the content model,
//! checked over the whole loaded content, all findings reported at once.
//!
//! Must not import `load`, `yaml`, `render`, `theme`, `charts`, `derive`,
//! `write`, `site`, `cli`, `serve`, `pdf`: validate checks the typed model:
//! nothing of loading nor of the later stages.

mod assets;
mod links;
pub mod record;
mod references;
pub mod translations;

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::model::Content;

/// Checks `content`; `as_of` is the briefing date (for overdue warnings).
pub fn validate(content: &Content, as_of: Date, include_drafts: bool) -> Diagnostics {
    // Two independent reads of the content, side by side.
    let (mut diags, links) =
        rayon::join(|| records(content, as_of, include_drafts), || links(content, None, include_drafts));
    diags.extend(links);
    diags
}

/// Every check but the links in Markdown: what an edit of bodies
/// alone cannot change.
pub fn records(content: &Content, as_of: Date, include_drafts: bool) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Some(site) = &content.site else {
        return diags;
    };
    references::check(content, site, as_of, include_drafts, &mut diags);
    record::check(content, site, as_of, &mut diags);
    assets::check(content, &mut diags);
    translations::check(content, site, &mut diags);
    translations::check_bodies(content, site, &mut diags);
    diags
}

/// The links in Markdown (bodies and Markdown fields of YAML): every file's,
/// or those of the files in `only`; links to drafts are broken unless
/// `include_drafts`.
pub fn links(content: &Content, only: Option<&BTreeSet<String>>, include_drafts: bool) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if content.site.is_some() {
        links::check(content, only, include_drafts, &mut diags);
    }
    diags
}
