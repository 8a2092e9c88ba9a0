//! What templates see: plain, already-localised, already-computed records.
//! Templates only show these; every decision (status, change, overdue, URL)
//! is made in Rust. All URLs are relative to the page they appear on.

use serde::Serialize;

use crate::charts::Chart;

/// Shared by every page.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    /// `en`, `fr`.
    pub lang: String,
    /// Relative prefix from this page to the site root of this language, e.g. `../../`
    /// (`""` at the root). Assets shared by all languages are under `asset_root`.
    pub root: String,
    pub asset_root: String,
    pub site_title: String,
    /// The language of `site_title` when it fell back to another language, else "".
    pub site_title_lang: String,
    pub site_subtitle: String,
    /// The language of `site_subtitle` when it fell back to another language, else "".
    pub site_subtitle_lang: String,
    pub classification: String,
    /// "Briefing as of May 26, 2021".
    pub as_of: String,
    /// This page's title (for `<title>` and `<h1>`).
    pub title: String,
    /// The language of `title` when it fell back to another language, else "".
    pub title_lang: String,
    /// The language of the whole `<title>` ("page title — site title"), which
    /// holds text only: the language both fell back to, else "".
    pub head_title_lang: String,
    /// Main navigation, `current` set on the section this page belongs to.
    pub nav: Vec<Link>,
    /// Links to this page in the other languages (empty with one language).
    pub alternates: Vec<Alternate>,
    /// Absolute URL of this page when `--base-url` is given (for `<link rel=canonical>`).
    pub canonical: Option<String>,
    // `frame.t`, the theme strings in this language (`i18n/<lang>.yaml`), is
    // added by `Theme::render` from one value per language.
    /// The stylesheet and favicon paths, relative.
    pub stylesheet: String,
    /// True when some data on the page is illustrative sample data.
    pub illustrative: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    /// `label` as HTML: escaped, with a part that fell back to another
    /// language (a page's title) in a `<span lang>` of its own.
    pub html: String,
    pub url: String,
    pub current: bool,
}

impl Link {
    /// A link whose label is in the page's language.
    pub fn new(label: String, url: String, current: bool) -> Link {
        Link::in_lang(label, "", url, current)
    }

    /// A link whose label is in `lang` when that is not empty.
    pub fn in_lang(label: String, lang: &str, url: String, current: bool) -> Link {
        let html = crate::html::marked(&label, lang);
        Link { label, html, url, current }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The language's own name: "Français".
    pub label: String,
    pub url: String,
    /// Absolute URL for hreflang when a base URL is known, else the relative one.
    pub href: String,
}

/// A status as shown: key for CSS, localised label, icon character.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// planned | in-progress | at-risk | blocked | done (actions: open | in-progress | done | cancelled | overdue)
    pub key: String,
    pub label: String,
    /// A text symbol that carries the status without colour: ✓ ▶ ○ ⚠ ■ …
    pub icon: String,
}

/// Counts of activities by status.
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    pub status: StatusView,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    pub id: String,
    pub title: String,
    /// The language of `title` when it fell back to another language, else "".
    pub title_lang: String,
    pub lead: Vec<String>,
    /// The lead parties as HTML, joined by ", ": escaped, a name that fell
    /// back to another language in a `<span lang>` of its own.
    pub lead_html: String,
    /// Formatted due date or "".
    pub due: String,
    pub overdue: bool,
    pub status: Option<StatusView>,
    /// 0-100 or None when never reported.
    pub progress: Option<u8>,
    /// "35%".
    pub progress_label: String,
    /// Since the previous update, e.g. "+20 pts", "was Planned"; "" when unchanged.
    pub change: String,
    /// new | status | progress | unchanged
    pub change_kind: String,
    /// HTML (rendered, sanitized Markdown).
    pub note_html: String,
    pub description_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub title: String,
    /// The language of `title` when it fell back to another language, else "".
    pub title_lang: String,
    /// low | medium | high
    pub level: String,
    pub level_label: String,
    pub mitigation_html: String,
    /// new | raised | lowered | unchanged | closed
    pub change_kind: String,
    pub change: String,
}

/// One line of "what changed since the previous update".
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub group: String,
    /// The language of `group` when it fell back to another language, else "".
    pub group_lang: String,
    pub group_url: String,
    /// A complete sentence: "Detection capacity: Planned → In progress (15% → 35%)."
    pub text: String,
    /// The same sentence as HTML: escaped, with a title that fell back to
    /// another language in a `<span lang>` of its own.
    pub html: String,
    /// status | progress | new | risk-new | risk-closed
    pub kind: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AskView {
    pub group: String,
    /// The language of `group` when it fell back to another language, else "".
    pub group_lang: String,
    pub group_url: String,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub owner: String,
    /// The language of `owner` when it fell back, else "".
    pub owner_lang: String,
    pub group: String,
    /// The language of `group` when it fell back to another language, else "".
    pub group_lang: String,
    pub group_url: String,
    pub due: String,
    pub overdue: bool,
    /// "12 days overdue" / "due in 5 days" / "".
    pub due_note: String,
    pub status: StatusView,
    pub html: String,
    pub meeting: String,
    /// The language of `meeting` when it fell back to another language, else "".
    pub meeting_lang: String,
    pub meeting_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateSummaryView {
    pub date: String,
    pub summary_html: String,
    pub illustrative: bool,
    /// Per activity in the group's order: status and progress on that date.
    pub activities: Vec<ActivityView>,
}

/// A chart plus where its SVG file is.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub chart: Chart,
    /// Relative URL of `charts/<slug>.svg`.
    pub file_url: String,
}

/// A group as a card on the dashboard and as its own page.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    /// The language of `name` when it fell back to another language, else "".
    pub name_lang: String,
    pub url: String,
    pub mandate_html: String,
    /// "Party — name — organization".
    pub chairs: Vec<String>,
    /// The same as HTML: escaped, each part that fell back to another
    /// language in a `<span lang>` of its own.
    pub chairs_html: Vec<String>,
    pub counts: Vec<CountView>,
    pub total: u32,
    /// Average progress of reported activities, "48%", or "".
    pub progress_label: String,
    pub latest_date: String,
    pub previous_date: String,
    pub summary_html: String,
    pub illustrative: bool,
    pub activities: Vec<ActivityView>,
    pub changes: Vec<ChangeView>,
    pub risks: Vec<RiskView>,
    pub asks: Vec<AskView>,
    pub history: Vec<UpdateSummaryView>,
    pub charts: Vec<ChartView>,
    pub status_chart: Option<ChartView>,
    pub progress_chart: Option<ChartView>,
    /// The captions of the book's activities and risks tables, "Activities —
    /// group name", and the same as HTML: escaped, the name in a `<span
    /// lang>` of its own when it fell back to another language.
    pub book_activities_caption: String,
    pub book_activities_caption_html: String,
    pub book_risks_caption: String,
    pub book_risks_caption_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendeeView {
    pub party: String,
    /// The language of `party` when it fell back to another language, else "".
    pub party_lang: String,
    /// "Name, role, organization".
    pub text: String,
    /// The same as HTML: escaped, each part that fell back to another
    /// language in a `<span lang>` of its own.
    pub text_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    pub group: String,
    /// The language of `group` when it fell back to another language, else "".
    pub group_lang: String,
    pub group_url: String,
    pub html: String,
}

/// A heading of a Markdown body, for its table of contents.
pub use crate::core::markdown::Heading as TocEntry;

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub slug: String,
    pub title: String,
    /// The language of `title` when it fell back to another language, else "".
    pub title_lang: String,
    pub url: String,
    pub date: String,
    pub format: String,
    pub location: String,
    /// The language of `location` when it fell back to another language, else "".
    pub location_lang: String,
    pub illustrative: bool,
    pub attendees: Vec<AttendeeView>,
    pub decisions: Vec<DecisionView>,
    pub actions: Vec<ActionView>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// Language of the body when it fell back to another language, else "".
    pub body_lang: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub slug: String,
    pub title: String,
    /// The language of `title` when it fell back to another language, else "".
    pub title_lang: String,
    pub url: String,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub body_lang: String,
}

/// `index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub frame: Frame,
    pub description: String,
    /// The language of `description` when it fell back to another language, else "".
    pub description_lang: String,
    pub counts: Vec<CountView>,
    pub total: u32,
    pub groups: Vec<GroupView>,
    pub changes: Vec<ChangeView>,
    pub overdue_actions: Vec<ActionView>,
    pub upcoming_actions: Vec<ActionView>,
    pub latest_meeting: Option<MeetingView>,
    pub asks: Vec<AskView>,
    pub status_chart: Option<ChartView>,
}

/// `print/index.html`: the briefing book, one document for the whole briefing.
#[derive(Debug, Clone, Serialize)]
pub struct BookView {
    /// `letter` or `a4`.
    pub paper: String,
    /// CSS for the printed page (size, margins, marking and "Page N of M"),
    /// made in Rust with the strings escaped for CSS.
    pub page_css: String,
    pub dashboard: Dashboard,
    pub groups: Vec<GroupView>,
    pub meeting: Option<MeetingView>,
    pub actions: Vec<ActionView>,
    /// The pages annexed: those in the navigation.
    pub pages: Vec<PageView>,
    /// "The other 4,994 pages are on the site …", or "" when all are annexed.
    pub other_pages: String,
    /// The list of all pages on the site, relative to the book.
    pub pages_url: String,
    /// Table of contents: label and in-document anchor.
    pub toc: Vec<Link>,
}
