//! A meeting: a row of the meetings list, its own page, the latest one on
//! the dashboard and in the book.

use serde::Serialize;

use super::{ActionView, Builder, Localized, TocEntry};
use crate::model::Meeting;
use crate::render::markdown;

#[derive(Debug, Clone, Serialize)]
pub struct AttendeeView {
    pub party: Localized,
    /// "Name", "role", "organization", each in its own language; the theme
    /// joins them.
    pub parts: Vec<Localized>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The group the decision concerns, if any.
    pub group: Option<Localized>,
    pub group_url: String,
    pub html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub slug: String,
    pub title: Localized,
    pub url: String,
    pub date: String,
    /// The meeting's year, `2024` (the search filters by it).
    pub year: String,
    pub format: String,
    pub location: Option<Localized>,
    pub illustrative: bool,
    pub attendees: Vec<AttendeeView>,
    pub decisions: Vec<DecisionView>,
    pub actions: Vec<ActionView>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// The language of the body when it fell back to another language.
    pub body_lang: Option<String>,
}

/// `meetings/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingsPage {
    pub meetings: Vec<MeetingView>,
}

/// `meetings/<slug>/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingPage {
    pub meeting: MeetingView,
}

impl Builder<'_> {
    /// A meeting's title in this language: its translation's own, else the
    /// text field's.
    pub fn meeting_title(&self, m: &Meeting) -> Localized {
        self.title(&m.title, &m.translations)
    }

    /// A meeting for lists: everything but the record's body.
    pub fn meeting_summary(&self, m: &Meeting) -> MeetingView {
        self.meeting_view(m, false)
    }

    pub fn meeting(&self, m: &Meeting) -> MeetingView {
        self.meeting_view(m, true)
    }

    /// `meetings/index.html`'s view.
    pub fn meetings_page(&self) -> MeetingsPage {
        MeetingsPage { meetings: self.state.meetings.iter().map(|m| self.meeting_summary(m)).collect() }
    }

    fn meeting_view(&self, m: &Meeting, with_body: bool) -> MeetingView {
        let l = self.l;
        let (body, body_lang, title) = if with_body {
            self.body(&m.file, &m.body, &m.translations)
        } else {
            (markdown::Rendered::default(), None, None)
        };
        let actions =
            self.state.actions_by_meeting.get(m.slug.as_str()).map(Vec::as_slice).unwrap_or_default();
        MeetingView {
            slug: m.slug.clone(),
            title: title.map(Localized::own).unwrap_or_else(|| self.meeting_title(m)),
            url: self.meeting_url(&m.slug),
            date: match m.time {
                Some(t) => format!("{}, {t}", l.date(m.date)),
                None => l.date(m.date),
            },
            year: m.date.year().to_string(),
            format: m.format.map(|f| l.s(&format!("format_{}", f.replace('-', "_")))).unwrap_or_default(),
            location: l.opt_lang(&m.location),
            illustrative: m.illustrative,
            attendees: m
                .attendees
                .iter()
                .map(|a| {
                    let mut parts: Vec<Localized> = Vec::new();
                    parts.extend(a.name.iter().map(|n| Localized::own(n.clone())));
                    parts.extend(a.role.as_ref().map(|r| l.text_lang(r)));
                    parts.extend(a.organization.as_ref().map(|o| l.text_lang(o)));
                    AttendeeView { party: self.party(&a.party.value), parts }
                })
                .collect(),
            decisions: m
                .decisions
                .iter()
                .map(|d| {
                    let (group, group_url) = self.group_link(d.group.as_ref()).unzip();
                    DecisionView {
                        group,
                        group_url: group_url.unwrap_or_default(),
                        html: self.markdown(&d.text),
                    }
                })
                .collect(),
            actions: actions.iter().map(|a| self.action(a)).collect(),
            body_html: body.html,
            toc: body.toc,
            body_lang,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::view::fixture::with_builder;

    #[test]
    fn a_meeting_page_shows_its_record_attendees_decisions_and_actions() {
        with_builder("fr", false, |b, state| {
            let m = b.meeting(state.meetings[0]);
            assert_eq!(m.title.lang.as_deref(), Some("en"), "no French title");
            assert_eq!(m.body_lang.as_deref(), Some("en"), "no French record");
            assert_eq!(m.location.as_ref().unwrap().text, "Harbour Room");
            assert_eq!(m.attendees[0].party.lang.as_deref(), Some("en"));
            let parts: Vec<(&str, Option<&str>)> =
                m.attendees[0].parts.iter().map(|p| (p.text.as_str(), p.lang.as_deref())).collect();
            assert_eq!(parts, [("John Doe", None), ("Directeur", None), ("Customs", Some("en"))]);
            assert_eq!(m.decisions[0].group_url, "../../groups/ports/index.html");
            assert_eq!(m.actions.len(), 1);
            assert_eq!(m.toc.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["context"]);
            assert!(m.body_html.contains("href=\"../../pages/terms/index.html\""), "{}", m.body_html);
        });
    }

    #[test]
    fn lists_leave_the_record_out_and_the_book_prefixes_its_anchors() {
        with_builder("en", true, |b, state| {
            let list = b.meetings_page();
            assert!(list.meetings[0].body_html.is_empty() && list.meetings[0].toc.is_empty());
            let m = b.meeting(state.meetings[0]);
            assert_eq!(m.url, "#_meeting-2021-05-26");
            assert_eq!(m.toc[0].id, "meeting-2021-05-26-context");
            assert!(
                m.body_html.contains("href=\"#_page-terms\""),
                "an annexed page is a section: {}",
                m.body_html
            );
        });
    }
}
