//! The briefing book: the site gathered into one document for print, in the
//! order a committee reads it: cover, contents, agenda, the decisions sought,
//! the key changes (what got worse first), each agenda item's paper on pages
//! of its own, the groups not on the agenda, the previous meeting's record for
//! approval, the action log (overdue first) and the annexes. Without an
//! agenda: summary, groups, meeting, actions, annexes. The theme's
//! `print.html` lays it out and `page-rules.css` names each paper's pages.
//!
//! Page numbers are the theme's `<span class="page-ref" data-ref="ANCHOR">`
//! markers, filled in by `briefing pdf` (see `pdf::book`); `anchors` lists
//! every anchor the book holds, so that the theme refers only to those.

use serde::Serialize;

use super::{
    ActionView, AskView, Builder, ChangeGroupView, ChangeView, CoverView, Dashboard, GroupView, Localized,
    MeetingView, PageView,
};
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
    /// The action log: overdue actions first, then the others in id order.
    pub actions: Vec<BookAction>,
    /// The pages annexed: those in the navigation.
    pub pages: Vec<PageView>,
    /// "The other 4,994 pages are on the site …", or "" when all are annexed.
    pub other_pages: String,
    /// The list of all pages on the site, relative to the book.
    pub pages_url: String,
    /// Table of contents: label and in-document anchor.
    pub toc: Vec<BookTocEntry>,
    /// Every ask of the committee, with the anchor of its group's paper.
    pub decisions: Vec<BookAsk>,
    /// What changed, worse first.
    pub key_changes: KeyChanges,
    /// The book's sections after the key changes, in order: the agenda's
    /// papers, the other groups, the meeting, the previous record, annexes
    /// (the action log is between the record and the annexes).
    pub sections: Vec<BookSection>,
    /// The sections that come after the action log (the annexes).
    pub annexes: Vec<BookSection>,
    /// Whether the book follows an agenda (else the summary order).
    pub has_agenda: bool,
}

/// An entry of the book's contents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookTocEntry {
    pub label: Localized,
    pub url: String,
    /// The anchor `url` names, without `#`, for its page number.
    pub anchor: String,
    /// An annexed page (the theme says "Annex — " before its title).
    pub annex: bool,
    /// The agenda item whose paper it is ("" when none): "2".
    pub item: String,
}

/// An ask of the committee in the book.
#[derive(Debug, Clone, Serialize)]
pub struct BookAsk {
    pub ask: AskView,
    /// The anchor of its group's section ("" when the book has none).
    pub anchor: String,
}

/// An action in the log, with the anchor of the meeting it came from when
/// that meeting's record is in the book.
#[derive(Debug, Clone, Serialize)]
pub struct BookAction {
    pub action: ActionView,
    pub meeting_anchor: String,
}

/// The book's key changes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KeyChanges {
    /// Changes for the worse, the gravest first: now blocked, now at risk,
    /// high risks new or raised, then the rest.
    pub worse: Vec<ChangeView>,
    /// Overdue actions.
    pub overdue: Vec<BookAction>,
    /// Changes for the better, by group (each group named once).
    pub better: Vec<ChangeGroupView>,
    /// New activities and changes that are neither, by group.
    pub other: Vec<ChangeGroupView>,
}

/// A section of the book after its summary: a group's report, a meeting or
/// a page, which may be an agenda item's paper.
#[derive(Debug, Clone, Serialize)]
pub struct BookSection {
    /// Its id in the book, without `#`: `_group-health`.
    pub anchor: String,
    /// The same without its leading `_` (the theme writes `_{{ id }}`, so
    /// that every id of the layout visibly starts with `_`).
    pub id: String,
    /// `group`, `meeting` or `page`: which of the three below is set.
    pub kind: &'static str,
    pub group: Option<GroupView>,
    pub meeting: Option<MeetingView>,
    pub page: Option<PageView>,
    /// The number of the agenda item it is the paper of (0 when none): its
    /// pages are the named page `paper-N`, headed by `header`.
    pub item: usize,
    /// The running header of its pages: "Item 2 — Law enforcement …".
    pub header: String,
    /// The previous meeting's record, for approval.
    pub for_approval: bool,
    /// How the previous meeting's record is headed: "Record of the previous
    /// meeting, for approval", or without "for approval" once approved; ""
    /// for any other section.
    pub title: String,
    /// An annex (a page in the navigation that no agenda item names).
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
        let groups = self.state.groups().iter().map(|g| self.group_in_book(g)).collect::<Vec<_>>();
        let meeting = self.state.book().map(|m| self.meeting(m));
        let previous = self.state.previous().map(|m| self.meeting(m));
        let pages = self.state.featured_pages().iter().map(|p| self.page(p)).collect::<Vec<_>>();
        let others = self.state.pages_count() - self.state.featured_pages().len();
        let other_pages = if others > 0 {
            l.fill("book_other_pages", &[("count", &l.locale.number(others as f64, 0))])
        } else {
            String::new()
        };
        let section = |anchor: String, kind| BookSection {
            id: anchor.trim_start_matches('_').to_string(),
            anchor,
            kind,
            group: None,
            meeting: None,
            page: None,
            item: 0,
            header: String::new(),
            for_approval: false,
            title: String::new(),
            annex: false,
        };
        let group_section = |g: &GroupView| BookSection {
            group: Some(g.clone()),
            ..section(format!("_group-{}", g.id), "group")
        };
        let meeting_section = |m: &MeetingView| BookSection {
            meeting: Some(m.clone()),
            ..section(format!("_meeting-{}", m.slug), "meeting")
        };
        let page_section = |p: &PageView| BookSection {
            page: Some(p.clone()),
            ..section(format!("_page-{}", p.slug), "page")
        };
        // The agenda's papers, in its order (an item's lead's own report
        // first); a paper named twice is printed once, under the first item
        // that names it.
        let mut sections: Vec<BookSection> = Vec::new();
        let agenda = meeting.as_ref().map(|m| m.agenda.as_slice()).unwrap_or_default();
        for item in agenda {
            let anchors = std::iter::once(item.lead_anchor.as_str())
                .chain(item.papers.iter().map(|p| p.anchor.as_str()));
            for anchor in anchors.filter(|a| !a.is_empty()) {
                if sections.iter().any(|s| s.anchor == anchor) {
                    continue;
                }
                let found = if let Some(id) = anchor.strip_prefix("_group-") {
                    groups.iter().find(|g| g.id == id).map(group_section)
                } else if let Some(slug) = anchor.strip_prefix("_page-") {
                    self.state.page(slug).map(|p| page_section(&self.page(p)))
                } else if let Some(slug) = anchor.strip_prefix("_meeting-") {
                    self.state.meeting(slug).map(|m| meeting_section(&self.meeting(m)))
                } else {
                    None
                };
                if let Some(mut s) = found {
                    s.item = item.number;
                    s.header = format!(
                        "{} — {}",
                        l.fill("book_item", &[("number", &item.number.to_string())]),
                        item.title.text
                    );
                    sections.push(s);
                }
            }
        }
        let has_agenda = !sections.is_empty();
        let placed = |sections: &[BookSection], anchor: &str| sections.iter().any(|s| s.anchor == anchor);
        for g in &groups {
            if !placed(&sections, &format!("_group-{}", g.id)) {
                sections.push(group_section(g));
            }
        }
        // The meeting the book is for: its record once held; a meeting to come
        // shows its agenda at the front, and its notes here only if it has some.
        if let Some(m) = meeting.as_ref().filter(|m| !m.upcoming || !m.body_html.trim().is_empty())
            && !placed(&sections, &format!("_meeting-{}", m.slug))
        {
            sections.push(meeting_section(m));
        }
        if let Some(m) = &previous {
            // An approved record is the previous record, no longer for approval.
            let key = if m.record_state == "approved" {
                "heading_previous_meeting_approved"
            } else {
                "heading_previous_meeting"
            };
            let title = l.s(key);
            match sections.iter_mut().find(|s| s.anchor == format!("_meeting-{}", m.slug)) {
                Some(s) => (s.for_approval, s.title) = (true, title),
                None => sections.push(BookSection { for_approval: true, title, ..meeting_section(m) }),
            }
        }
        let annexes: Vec<BookSection> = pages
            .iter()
            .filter(|p| !placed(&sections, &format!("_page-{}", p.slug)))
            .map(|p| BookSection { annex: true, ..page_section(p) })
            .collect();
        let in_book = |anchor: &str| placed(&sections, anchor) || placed(&annexes, anchor);
        let anchor_of =
            |url: &str| url.strip_prefix('#').filter(|a| in_book(a)).unwrap_or_default().to_string();
        let book_action = |a: ActionView| BookAction { meeting_anchor: anchor_of(&a.meeting_url), action: a };
        let mut actions: Vec<BookAction> =
            self.state.actions().iter().map(|a| book_action(self.action(a))).collect();
        actions.sort_by_key(|a| !a.action.overdue);
        let decisions = dashboard
            .asks
            .iter()
            .map(|a| BookAsk { anchor: anchor_of(&a.group_url), ask: a.clone() })
            .collect();
        let mut key_changes = KeyChanges {
            overdue: dashboard.overdue_actions.iter().cloned().map(book_action).collect(),
            ..KeyChanges::default()
        };
        let (mut better, mut other) = (Vec::new(), Vec::new());
        for c in &dashboard.changes {
            match c.direction.as_str() {
                "worse" => key_changes.worse.push(c.clone()),
                "better" => better.push(c.clone()),
                _ => other.push(c.clone()),
            }
        }
        // What got worse is ranked by how much it matters, each line naming
        // its group; the rest is told group by group.
        key_changes.worse.sort_by_key(|c| std::cmp::Reverse(c.concern));
        key_changes.better = ChangeGroupView::gather(better);
        key_changes.other = ChangeGroupView::gather(other);

        let entry = |label: Localized, url: String, annex: bool, item: usize| BookTocEntry {
            label,
            anchor: url.trim_start_matches('#').to_string(),
            url,
            annex,
            item: if item > 0 { item.to_string() } else { String::new() },
        };
        let own = |key: &str| Localized::own(l.s(key));
        let mut toc = Vec::new();
        if meeting.as_ref().is_some_and(|m| !m.agenda.is_empty()) {
            toc.push(entry(own("heading_agenda"), "#_agenda".into(), false, 0));
        }
        toc.push(entry(own("book_decisions_sought"), "#_decisions".into(), false, 0));
        if dashboard.since.is_some() {
            toc.push(entry(own("heading_since"), "#_since".into(), false, 0));
        }
        toc.push(entry(own("book_key_changes"), "#_key-changes".into(), false, 0));
        for s in &sections {
            let label = match (&s.group, &s.meeting, &s.page) {
                (Some(g), _, _) => g.name.clone(),
                (_, Some(m), _) if s.for_approval => {
                    Localized { text: format!("{} — {}", s.title, m.title.text), ..m.title.clone() }
                }
                (_, Some(m), _) => m.title.clone(),
                (_, _, Some(p)) => p.title.clone(),
                _ => continue,
            };
            toc.push(entry(label, format!("#{}", s.anchor), false, s.item));
        }
        toc.push(entry(own("nav_actions"), "#_actions".into(), false, 0));
        toc.extend(
            annexes.iter().filter_map(|s| {
                Some(entry(s.page.as_ref()?.title.clone(), format!("#{}", s.anchor), true, 0))
            }),
        );
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
            decisions,
            key_changes,
            sections,
            annexes,
            has_agenda,
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
            let toc: Vec<(&str, Option<&str>, &str, bool, &str)> = book
                .toc
                .iter()
                .map(|e| {
                    (e.label.text.as_str(), e.label.lang.as_deref(), e.url.as_str(), e.annex, e.item.as_str())
                })
                .collect();
            // The agenda's papers (a group and a page) come first, numbered by
            // their item; the page is a paper, so no longer an annex.
            assert_eq!(
                toc,
                [
                    ("Agenda", None, "#_agenda", false, ""),
                    ("Decisions sought", None, "#_decisions", false, ""),
                    ("Key changes", None, "#_key-changes", false, ""),
                    ("Port Operations", Some("en"), "#_group-ports", false, "1"),
                    ("Mandat", None, "#_page-terms", false, "1"),
                    ("Spring meeting", Some("en"), "#_meeting-2021-05-26", false, ""),
                    ("Actions", None, "#_actions", false, ""),
                ]
            );
            assert!(book.toc.iter().all(|e| e.url == format!("#{}", e.anchor)));
            assert!(book.has_agenda);
            let sections: Vec<(&str, &str, usize)> =
                book.sections.iter().map(|s| (s.anchor.as_str(), s.kind, s.item)).collect();
            assert_eq!(
                sections,
                [
                    ("_group-ports", "group", 1),
                    ("_page-terms", "page", 1),
                    ("_meeting-2021-05-26", "meeting", 0)
                ]
            );
            assert_eq!(book.sections[0].header, "Item 1 — Rapport des ports");
            assert!(book.annexes.is_empty(), "the only annexed page is a paper");
            // Asks and the actions' meetings refer to their sections in the book.
            assert_eq!(book.decisions.len(), 1);
            assert_eq!(book.decisions[0].anchor, "_group-ports");
            assert_eq!(book.actions[0].meeting_anchor, "_meeting-2021-05-26");
            assert_eq!(book.key_changes.overdue.len(), 1);
            let kc = &book.key_changes;
            let kinds = |v: &[crate::render::view::ChangeView]| {
                v.iter().map(|c| (c.kind.clone(), c.direction.clone(), c.concern)).collect::<Vec<_>>()
            };
            // A high risk raised is worse; a status that moved up is better; a
            // new activity is neither.
            assert_eq!(kinds(&kc.worse), [("risk-raised".to_string(), "worse".to_string(), 2)]);
            assert_eq!(kc.better.len(), 1, "one group");
            assert_eq!(kc.better[0].id, "ports");
            assert_eq!(kinds(&kc.better[0].changes), [("status".to_string(), "better".to_string(), 0)]);
            assert_eq!(kinds(&kc.other[0].changes), [("new".to_string(), "neutral".to_string(), 0)]);
            assert_eq!(book.groups[0].url, "#_group-ports");
            assert!(book.groups[0].history.is_empty());
            assert_eq!(book.actions[0].action.meeting_url, "#_meeting-2021-05-26");
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
            // The previous record is the first item's paper, for approval.
            let record = &book.sections[0];
            assert_eq!(
                (record.anchor.as_str(), record.item, record.for_approval),
                ("_meeting-2021-05-26", 1, true)
            );
            assert_eq!(
                book.sections.iter().filter(|s| s.kind == "meeting").count(),
                1,
                "the meeting to come has no record"
            );
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
