//! The content model: typed records of what staff wrote, each remembering its
//! file and place. Produced by `load`, checked by `validate`, read by `derive`.
//!
//! Imports only `core` (and itself): the typed content is data.

pub mod group;
pub mod meeting;
pub mod page;
pub mod site;
pub mod text;
pub mod update;

pub use group::{Activity, Chair, ChartKind, Group, Metric};
pub use meeting::{
    Action, ActionStatus, AgendaItem, Attendance, Attendee, Decision, Lead, Meeting, MeetingTime, Purpose,
    RecordState, RecordStatus, Representation,
};
pub use page::Page;
pub use site::{Member, MemberRole, Paper, Quorum, QuorumMiss, Site};
pub use text::{MarkdownField, Text, Translation};
pub use update::{
    ActivityReport, Ask, MetricImport, Observation, Risk, RiskLevel, RiskStatus, Status, UnreportedRisk,
    Update, unreported_risks,
};

use crate::core::Loc;

/// A value and the place it was written.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct At<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> At<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        At { value, loc }
    }
}

/// A link or image target written in Markdown, to be checked and rewritten.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct LinkRef {
    pub target: String,
    pub loc: Loc,
    pub is_image: bool,
    /// The scheme of a link or image the site removes (`irc`, `javascript`):
    /// only http, https, mailto and tel are published.
    pub removed_scheme: Option<String>,
    /// Written in raw HTML (`<img src="…">`): published as written, so only
    /// checked not to leave the content folder.
    pub in_html: bool,
}

/// Markdown text with the links it contains.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Markdown {
    pub source: String,
    /// Line of the file on which `source` starts (for front-matter files).
    pub first_line: u32,
    pub links: Vec<LinkRef>,
    /// The anchors its headings get when rendered (for `page.md#anchor` links).
    pub anchors: std::collections::BTreeSet<String>,
}

/// The body of a Markdown file in another language (`x.fr.md`).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct TranslatedBody {
    pub lang: String,
    pub file: String,
    pub title: Option<String>,
    pub body: Markdown,
}

/// A file copied through from `assets/`.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Asset {
    /// Path relative to the content folder, e.g. `assets/logo.png`.
    pub path: String,
    /// The text of an SVG image, read to be checked for scripts (no other
    /// asset is read).
    pub text: Option<std::sync::Arc<str>>,
}

/// Everything loaded from one content folder.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub site: Option<Site>,
    pub groups: Vec<Group>,
    pub updates: Vec<Update>,
    /// Shared with the preview's cache of loaded files (no copy per rebuild).
    pub meetings: Vec<std::sync::Arc<Meeting>>,
    pub pages: Vec<std::sync::Arc<Page>>,
    pub assets: Vec<Asset>,
    /// Every content file by path relative to the content folder.
    pub files: Vec<String>,
}
