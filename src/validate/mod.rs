//! The validate stage: every cross-reference and rule of the content model,
//! checked over the whole loaded content, all findings reported at once.

mod links;
mod references;
pub mod translations;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::model::Content;

/// Checks `content`; `as_of` is the briefing date (for overdue warnings).
pub fn validate(content: &Content, as_of: Date, include_drafts: bool) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Some(site) = &content.site else {
        return diags;
    };
    references::check(content, site, as_of, include_drafts, &mut diags);
    links::check(content, &mut diags);
    translations::check(content, site, &mut diags);
    translations::check_bodies(content, site, &mut diags);
    diags
}
