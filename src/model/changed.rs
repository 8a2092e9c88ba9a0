//! Which records an edit changed: what the preview traces to the pages that
//! show them (made by `load`, read by `render`).

use std::collections::BTreeSet;

/// The records an edit changed, by content file (a translation counts as
/// the meeting or page it translates) or group id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changed {
    /// Meetings and pages whose Markdown body alone changed.
    pub bodies: BTreeSet<String>,
    /// Meetings whose front matter changed (title, date, decisions, actions…).
    pub meetings: BTreeSet<String>,
    /// Pages whose front matter changed.
    pub pages: BTreeSet<String>,
    /// Groups one of whose updates changed.
    pub groups: BTreeSet<String>,
}

impl Changed {
    /// Only Markdown bodies changed (or nothing did).
    pub fn bodies_alone(&self) -> bool {
        self.meetings.is_empty() && self.pages.is_empty() && self.groups.is_empty()
    }
}
