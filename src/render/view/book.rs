//! The briefing book: the rendered sections of the site gathered into one
//! document for print (cover, contents, dashboard summary, each group, the
//! latest meeting, the action tracker, the featured pages as annexes). The
//! theme's `print.html` writes the paged-media rules from `paper` and its
//! own words.

use serde::Serialize;

use super::{ActionView, Builder, CoverView, Dashboard, GroupView, Localized, MeetingView, PageView};
use crate::model::Paper;

/// `print/index.html`: the briefing book, one document for the whole briefing.
#[derive(Debug, Clone, Serialize)]
pub struct BookView {
    /// `letter` or `a4`.
    pub paper: String,
    pub dashboard: Dashboard,
    pub groups: Vec<GroupView>,
    /// The meeting the book is for, with its agenda: the upcoming meeting,
    /// else the latest, or the one `--meeting` names.
    pub meeting: Option<MeetingView>,
    /// The meeting before it, whose record goes for approval.
    pub previous: Option<MeetingView>,
    /// What the cover says.
    pub cover: CoverView,
    pub actions: Vec<ActionView>,
    /// The pages annexed: those in the navigation.
    pub pages: Vec<PageView>,
    /// "The other 4,994 pages are on the site …", or "" when all are annexed.
    pub other_pages: String,
    /// The list of all pages on the site, relative to the book.
    pub pages_url: String,
    /// Table of contents: label and in-document anchor.
    pub toc: Vec<BookTocEntry>,
}

/// An entry of the book's contents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookTocEntry {
    pub label: Localized,
    pub url: String,
    /// An annexed page (the theme says "Annex — " before its title).
    pub annex: bool,
}

/// `print/index.html`'s context.
#[derive(Debug, Clone, Serialize)]
pub struct BookPage {
    pub book: BookView,
}

impl Builder<'_> {
    /// The book, with a builder made `in_book`.
    pub fn book(&self) -> BookView {
        let l = self.l;
        let dashboard = self.dashboard();
        let groups = self.state.groups.iter().map(|g| self.group_in_book(g)).collect::<Vec<_>>();
        let meeting = self.state.book.map(|m| self.meeting(m));
        let previous = self.state.previous.map(|m| self.meeting(m));
        let actions = self.state.actions.iter().map(|a| self.action(a)).collect();
        let pages = self.state.featured_pages.iter().map(|p| self.page(p)).collect::<Vec<_>>();
        let others = self.state.pages.len() - self.state.featured_pages.len();
        let other_pages = if others > 0 {
            l.fill("book_other_pages", &[("count", &l.locale.number(others as f64, 0))])
        } else {
            String::new()
        };
        let entry = |label: Localized, url: String, annex: bool| BookTocEntry { label, url, annex };
        let mut toc = Vec::new();
        if meeting.as_ref().is_some_and(|m| !m.agenda.is_empty()) {
            toc.push(entry(Localized::own(l.s("heading_agenda")), "#_agenda".into(), false));
        }
        toc.push(entry(Localized::own(l.s("book_summary")), "#_summary".into(), false));
        toc.extend(groups.iter().map(|g| entry(g.name.clone(), format!("#_group-{}", g.id), false)));
        if let Some(m) = &meeting {
            toc.push(entry(m.title.clone(), format!("#_meeting-{}", m.slug), false));
        }
        if let Some(m) = &previous {
            let label = Localized {
                text: format!("{} — {}", l.s("heading_previous_meeting"), m.title.text),
                ..m.title.clone()
            };
            toc.push(entry(label, format!("#_meeting-{}", m.slug), false));
        }
        toc.push(entry(Localized::own(l.s("nav_actions")), "#_actions".into(), false));
        toc.extend(pages.iter().map(|p| entry(p.title.clone(), format!("#_page-{}", p.slug), true)));
        let paper = match self.site.paper {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        };
        BookView {
            paper: paper.to_string(),
            dashboard,
            groups,
            meeting,
            previous,
            cover: self.cover(),
            actions,
            pages,
            other_pages,
            pages_url: format!("{}pages/index.html", self.root),
            toc,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::view::fixture::{content_with_upcoming, with_builder, with_content};

    #[test]
    fn the_book_gathers_every_section_with_its_anchor() {
        with_builder("fr", true, |b, _| {
            let book = b.book();
            assert_eq!(book.paper, "a4");
            let toc: Vec<(&str, Option<&str>, &str, bool)> = book
                .toc
                .iter()
                .map(|e| (e.label.text.as_str(), e.label.lang.as_deref(), e.url.as_str(), e.annex))
                .collect();
            assert_eq!(
                toc,
                [
                    ("Agenda", None, "#_agenda", false),
                    ("Summary", None, "#_summary", false),
                    ("Port Operations", Some("en"), "#_group-ports", false),
                    ("Spring meeting", Some("en"), "#_meeting-2021-05-26", false),
                    ("Actions", None, "#_actions", false),
                    ("Mandat", None, "#_page-terms", true),
                ]
            );
            assert_eq!(book.groups[0].url, "#_group-ports");
            assert!(book.groups[0].history.is_empty());
            assert_eq!(book.actions[0].meeting_url, "#_meeting-2021-05-26");
            assert_eq!(book.other_pages, "");
            assert_eq!(book.pages_url, "../../pages/index.html");
        });
    }

    #[test]
    fn the_book_is_for_the_upcoming_meeting_with_the_previous_record_and_a_cover() {
        with_content(content_with_upcoming(), "fr", true, |b, _| {
            let book = b.book();
            let m = book.meeting.as_ref().expect("the book's meeting");
            assert_eq!((m.slug.as_str(), m.upcoming), ("2021-06-30", true));
            assert_eq!(m.agenda[0].title.text, "Approbation du compte rendu");
            // The paper is the previous meeting's record, a section of the book.
            let paper = &m.agenda[0].papers[0];
            assert_eq!(
                (paper.url.as_str(), paper.anchor.as_str()),
                ("#_meeting-2021-05-26", "_meeting-2021-05-26")
            );
            assert_eq!(book.previous.as_ref().map(|p| p.slug.as_str()), Some("2021-05-26"));
            let cover = &book.cover;
            let cm = cover.meeting.as_ref().unwrap();
            assert_eq!(
                (cm.title.text.as_str(), cm.time.as_str(), cm.upcoming),
                ("Réunion d’été", "14:00–16:00", true)
            );
            assert_eq!(cover.committee.text, "Comité frontalier");
            assert_eq!(cover.secretariat.as_ref().unwrap().text, "Secrétariat frontalier");
            assert!(cover.distribution.is_none());
            assert_eq!(cover.classification, "UNCLASSIFIED");
            assert_eq!(book.toc[0].url, "#_agenda");
        });
    }

    #[test]
    fn a_meeting_chosen_by_name_makes_the_book_for_it() {
        let content = content_with_upcoming();
        let mut state = crate::derive::derive(&content, jiff::civil::date(2021, 5, 26), false);
        state.choose_book("2021-05-26").unwrap();
        assert_eq!(state.book.map(|m| m.slug.as_str()), Some("2021-05-26"));
        assert_eq!(state.previous, None, "no meeting before the first");
        let err = state.choose_book("2021-07-01").unwrap_err();
        assert_eq!(err.known, ["2021-06-30", "2021-05-26"]);
        assert!(
            err.to_string().contains("no meeting `2021-07-01`; the meetings are: 2021-06-30, 2021-05-26"),
            "{err}"
        );
        // Two meetings to come: the book is for the nearest. Two on one date
        // are named by their slugs.
        let mut content = content_with_upcoming();
        let later = |slug: &str| {
            let mut m = content.meetings[1].as_ref().clone();
            m.slug = slug.into();
            m.date = jiff::civil::date(2021, 9, 1);
            std::sync::Arc::new(m)
        };
        let more = [later("2021-09-01-a"), later("2021-09-01-b")];
        content.meetings.extend(more);
        let mut state = crate::derive::derive(&content, jiff::civil::date(2021, 5, 26), false);
        assert_eq!(state.upcoming.map(|m| m.slug.as_str()), Some("2021-06-30"));
        assert_eq!(state.previous.map(|m| m.slug.as_str()), Some("2021-05-26"));
        let err = state.choose_book("2021-09-01").unwrap_err();
        assert!(err.ambiguous && err.known == ["2021-09-01-b", "2021-09-01-a"], "{err:?}");
        assert!(err.to_string().contains("names several meetings: write one of 2021-09-01-b, 2021-09-01-a"));
        state.choose_book(" 2021-09-01-a").unwrap();
        assert_eq!(state.book.map(|m| m.slug.as_str()), Some("2021-09-01-a"));
        assert_eq!(state.previous.map(|m| m.slug.as_str()), Some("2021-06-30"));
    }
}
