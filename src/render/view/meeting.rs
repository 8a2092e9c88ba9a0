//! A meeting: a row of the meetings list, its own page, the latest one on
//! the dashboard and in the book.

use serde::Serialize;

use super::{ActionView, Builder, Localized, Lookups, RecordBuilder, TocEntry};
use crate::model::{AgendaItem, Attendance, Lead, Meeting, MemberRole, QuorumMiss, RecordState};
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
    /// Its reference: `2021-05-26/3`, or its `id`.
    pub reference: String,
    /// The group the decision concerns, if any.
    pub group: Option<Localized>,
    pub group_url: String,
    pub html: String,
    /// "Answers the decision sought endorse-plan" or "".
    pub answers: String,
}

/// A member as the attendance lists them: "Name (Co-chair), Organization",
/// with their party; for one represented, who stood in.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub name: String,
    pub role: String,
    pub party: Localized,
    pub organization: Option<Localized>,
    /// "represented by …" or "".
    pub represented_by: String,
}

/// A meeting's attendance as a record gives it.
#[derive(Debug, Clone, Serialize)]
pub struct AttendanceView {
    pub present: Vec<MemberView>,
    pub represented: Vec<MemberView>,
    pub regrets: Vec<MemberView>,
    pub observers: Vec<Localized>,
    pub secretariat: Vec<Localized>,
    /// "Quorum: met." / "No quorum: …" ("" without a quorum rule, or for a
    /// meeting yet to come).
    pub quorum: String,
    pub quorum_met: bool,
}

/// An item of a meeting's agenda, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaItemView {
    /// Its number on the agenda, from 1.
    pub number: usize,
    pub title: Localized,
    /// `14:00` or `14:00–14:30`, or "".
    pub time: String,
    /// The group or person who leads it.
    pub lead: Localized,
    /// The group's page (its section in the book); "" for a lead in words.
    pub lead_url: String,
    /// In the book, the section of the lead's own report when it is a paper
    /// of the item (then not listed among `papers`, which would name the
    /// group a second time): the theme asks for its page number by the lead.
    pub lead_anchor: String,
    /// `decision`, `discussion` or `information` (for CSS), and its word.
    pub purpose: String,
    pub purpose_label: String,
    /// Its papers, but the lead's own report (see `lead_anchor`).
    pub papers: Vec<PaperView>,
    pub note_html: String,
}

/// A paper of an agenda item.
#[derive(Debug, Clone, Serialize)]
pub struct PaperView {
    pub title: Localized,
    pub url: String,
    /// In the book, the id of the paper's section (`_group-health`), whose
    /// page number the theme asks for; "" when the paper is not in the book
    /// (an asset, a page not annexed) or outside the book.
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub slug: String,
    pub title: Localized,
    pub url: String,
    /// The date, and the time when it is known.
    pub date: String,
    /// The meeting's year, `2024` (the search filters by it).
    pub year: String,
    /// The date alone, and the time alone ("" when not given).
    pub day: String,
    /// With its zone when the meeting has one: `13:00–15:00 EDT`.
    pub time: String,
    /// The address members join at (https), or "".
    pub join: String,
    /// Dated after the briefing date: it has an agenda, not yet a record.
    pub upcoming: bool,
    pub agenda: Vec<AgendaItemView>,
    /// Some agenda item has a time (else the theme leaves the column out).
    pub agenda_timed: bool,
    pub format: String,
    pub location: Option<Localized>,
    pub illustrative: bool,
    /// draft | circulated | approved | "" (not said).
    pub record_state: String,
    /// "Draft record", "Approved at the meeting of 29 September 2021", ….
    pub record_status: String,
    /// Its record is not approved: what it holds is marked "draft record".
    pub draft_record: bool,
    pub attendees: Vec<AttendeeView>,
    pub attendance: Option<AttendanceView>,
    pub decisions: Vec<DecisionView>,
    pub actions: Vec<ActionView>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// The language of the body when it fell back to another language.
    pub body_lang: Option<String>,
    /// Its briefing book in the archive, as of the meeting.
    pub book_url: String,
    /// Its book as PDF, when printed into the output.
    pub book_pdf: Option<super::archive::PdfLink>,
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
    /// `meetings/index.html`'s view.
    pub fn meetings_page(&self) -> MeetingsPage {
        MeetingsPage { meetings: self.state.meetings().iter().map(|m| self.meeting_summary(m)).collect() }
    }

    /// A meeting for lists: everything but the record's body.
    pub fn meeting_summary(&self, m: &Meeting) -> MeetingView {
        self.rec.meeting_view(m, false, self.lookups)
    }

    pub fn meeting(&self, m: &Meeting) -> MeetingView {
        self.rec.meeting_view(m, true, self.lookups)
    }
}

impl RecordBuilder<'_> {
    /// A meeting's title in this language: its translation's own, else the
    /// text field's.
    pub fn meeting_title(&self, m: &Meeting) -> Localized {
        self.title(&m.title, &m.translations)
    }

    /// A meeting with its record (`with_body`) or without (for lists); the
    /// lookups of its papers are looked up in `lookups`.
    pub fn meeting_view(&self, m: &Meeting, with_body: bool, lookups: &Lookups) -> MeetingView {
        let l = self.l;
        let (body, body_lang, title) = if with_body {
            self.body(&m.file, &m.body, &m.translations)
        } else {
            (markdown::Rendered::default(), None, None)
        };
        let actions = crate::derive::meeting_actions(m, self.around.as_of);
        MeetingView {
            slug: m.slug.clone(),
            title: title.map(Localized::own).unwrap_or_else(|| self.meeting_title(m)),
            url: self.meeting_url(&m.slug),
            date: match m.time {
                Some(t) => {
                    format!("{}, {}", l.date(m.date), l.meeting_time(m.date, t, m.zone(self.around.site)))
                }
                None => l.date(m.date),
            },
            year: m.date.year().to_string(),
            day: l.date(m.date),
            time: m.time.map(|t| l.meeting_time(m.date, t, m.zone(self.around.site))).unwrap_or_default(),
            join: m.join.clone().unwrap_or_default(),
            upcoming: m.date > self.around.as_of,
            agenda: m
                .agenda
                .iter()
                .enumerate()
                .map(|(i, item)| self.agenda_item(m, i + 1, item, lookups))
                .collect(),
            agenda_timed: m.agenda.iter().any(|i| i.time.is_some()),
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
            record_state: m.record.as_ref().map(|r| r.state.key().to_string()).unwrap_or_default(),
            record_status: self.record_status(m),
            draft_record: super::decision::draft_record(m.record.as_ref().map(|r| r.state)),
            attendance: m.attendance.as_ref().map(|a| self.attendance(m, a)),
            decisions: m
                .decisions
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let (group, group_url) = self.group_link(d.group.as_ref()).unzip();
                    DecisionView {
                        reference: m.decision_ref(i),
                        answers: super::decision::answers(l, &d.answers),
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
            book_url: self.archived_book_url(&m.slug),
            book_pdf: self.meeting_pdf(&m.slug),
        }
    }
}

impl RecordBuilder<'_> {
    /// Where the meeting's record stands, in words.
    fn record_status(&self, m: &Meeting) -> String {
        let l = self.l;
        let Some(r) = &m.record else { return String::new() };
        match (r.state, &r.approved_at) {
            (RecordState::Approved, Some(at)) => match Meeting::date_of_slug(&at.value) {
                Some(d) => l.fill("record_approved_at", &[("date", &l.date(d))]),
                None => l.s("record_approved"),
            },
            (state, _) => l.s(&format!("record_{}", state.key())),
        }
    }

    fn attendance(&self, m: &Meeting, a: &Attendance) -> AttendanceView {
        let l = self.l;
        let site = self.around.site;
        let role = |r: MemberRole| l.s(&format!("role_{}", r.key().replace('-', "_")));
        let member = |id: &str, by: Option<&str>| -> Option<MemberView> {
            let mem = site.member(id)?;
            // One who stood in is named by name, else by seat (organization
            // and role), as a roster kept by office calls them.
            let by = by.map(|b| match site.member(b) {
                Some(x) => match (&x.name, &x.organization) {
                    (Some(name), _) => name.clone(),
                    (None, Some(o)) => format!("{} ({})", l.text_lang(o).text, role(x.role)),
                    (None, None) => role(x.role),
                },
                None => b.to_string(),
            });
            Some(MemberView {
                name: mem.name.clone().unwrap_or_default(),
                role: role(mem.role),
                party: self.party(&mem.party.value),
                organization: mem.organization.as_ref().map(|o| l.text_lang(o)),
                represented_by: by.map(|b| l.fill("represented_by", &[("name", &b)])).unwrap_or_default(),
            })
        };
        let held = !m.draft && m.date <= self.around.as_of;
        let missed = site.quorum_missed(a);
        let quorum = match (&site.quorum, held, &missed) {
            (Some(_), true, None) => l.s("quorum_met"),
            (Some(_), true, Some(QuorumMiss::Parties(p))) => {
                let names: Vec<String> = p.iter().map(|c| self.party(c).text).collect();
                l.fill("quorum_missed_parties", &[("parties", &names.join(", "))])
            }
            (Some(_), true, Some(QuorumMiss::Members { counted, needed })) => l.fill(
                "quorum_missed_members",
                &[("counted", &counted.to_string()), ("needed", &needed.to_string())],
            ),
            _ => String::new(),
        };
        AttendanceView {
            present: a.present.iter().filter_map(|id| member(&id.value, None)).collect(),
            represented: a.represented.iter().filter_map(|r| member(&r.member.value, Some(&r.by))).collect(),
            regrets: a.regrets.iter().filter_map(|id| member(&id.value, None)).collect(),
            observers: a.observers.iter().map(|t| l.text_lang(t)).collect(),
            secretariat: a.secretariat.iter().map(|t| l.text_lang(t)).collect(),
            quorum,
            quorum_met: missed.is_none(),
        }
    }

    fn agenda_item(
        &self,
        m: &Meeting,
        number: usize,
        item: &AgendaItem,
        lookups: &Lookups,
    ) -> AgendaItemView {
        let l = self.l;
        let (lead, lead_url) = match &item.lead {
            Lead::Group(id) => {
                self.group_link(Some(id)).unwrap_or_else(|| (Localized::own(id.value.clone()), String::new()))
            }
            Lead::Text(t) => (l.text_lang(t), String::new()),
        };
        let (own, papers): (Vec<PaperView>, Vec<PaperView>) = item
            .papers
            .iter()
            .filter_map(|p| self.paper(&m.file, &p.target, lookups))
            .partition(|p| !lead_url.is_empty() && p.url == lead_url);
        AgendaItemView {
            number,
            title: l.text_lang(&item.title),
            time: item.time.map(|t| l.time(t)).unwrap_or_default(),
            lead,
            lead_anchor: own.into_iter().map(|p| p.anchor).next().unwrap_or_default(),
            lead_url,
            purpose: item.purpose.key().to_string(),
            purpose_label: l.s(&format!("purpose_{}", item.purpose.key())),
            papers,
            note_html: self.opt_markdown(&item.note),
        }
    }

    /// A paper written in `file`: its title (the group's, page's or
    /// meeting's, else the file's name), its address on this page, and its
    /// anchor in the book.
    fn paper(&self, file: &str, target: &str, lookups: &Lookups) -> Option<PaperView> {
        let resolved = crate::links::resolve(file, target).ok()?;
        let path = resolved.path.as_str();
        let title = if let Some((_, _, name)) = self.around.groups.iter().find(|(_, f, _)| *f == path) {
            self.l.text_lang(name)
        } else if let Some(t) = lookups.paper_title(self, path) {
            t
        } else {
            Localized::own(path.rsplit('/').next().unwrap_or(path))
        };
        let url = self.rewrite(file, file, target, false)?;
        let anchor = match url.strip_prefix('#') {
            Some(id) if self.in_book => id.to_string(),
            _ => String::new(),
        };
        Some(PaperView { title, url, anchor })
    }
}

impl Lookups<'_> {
    /// The title of the page or meeting at `path` (a content file) as a
    /// paper shows it in `b`'s language (a meeting's with its date); the
    /// lookup is recorded in `b`.
    pub fn paper_title(&self, b: &RecordBuilder, path: &str) -> Option<Localized> {
        let title = self.files.get(path).map(|t| match t {
            super::Looked::Page(p) => b.title(&p.title, &p.translations),
            super::Looked::Meeting(m) => {
                let t = b.meeting_title(m);
                Localized { text: format!("{} ({})", t.text, b.l.date(m.date)), lang: t.lang }
            }
        });
        let key = crate::render::memo::key_of(&title);
        b.reads.borrow_mut().push((format!("title:{path}"), key));
        title
    }
}

#[cfg(test)]
mod tests {
    use crate::render::view::fixture::{content_with_upcoming, with_builder, with_content};

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
            assert_eq!(m.toc[0].id, "meeting-2021-05-26_context");
            assert!(
                m.body_html.contains("href=\"#_page-terms\""),
                "an annexed page is a section: {}",
                m.body_html
            );
        });
    }

    #[test]
    fn an_agenda_item_shows_its_time_lead_purpose_and_papers() {
        with_builder("fr", false, |b, state| {
            let m = b.meeting(state.meetings[0]);
            assert!(!m.upcoming, "held on the briefing date");
            let it = &m.agenda[0];
            assert_eq!((it.number, it.time.as_str()), (1, "10:00–10:30"));
            assert_eq!((it.lead.text.as_str(), it.lead.lang.as_deref()), ("Port Operations", Some("en")));
            assert_eq!(it.lead_url, "../../groups/ports/index.html");
            assert_eq!((it.purpose.as_str(), it.purpose_label.as_str()), ("decision", "Pour décision"));
            let papers: Vec<(&str, &str, &str)> = it
                .papers
                .iter()
                .map(|p| (p.title.text.as_str(), p.url.as_str(), p.anchor.as_str()))
                .collect();
            assert_eq!(
                papers,
                [("Mandat", "../../pages/terms/index.html", "")],
                "the lead's own report is not named a second time as a paper"
            );
            assert_eq!(it.lead_anchor, "", "outside the book");
        });
        with_builder("en", true, |b, state| {
            let it = &b.meeting(state.meetings[0]).agenda[0];
            assert_eq!(it.lead_url, "#_group-ports");
            assert_eq!(
                it.lead_anchor, "_group-ports",
                "the lead's report is in the book: its page by the lead"
            );
            assert_eq!(it.papers.len(), 1, "{:?}", it.papers);
            assert_eq!(it.papers[0].anchor, "_page-terms", "an annexed page is in the book too");
        });
    }

    #[test]
    fn a_meeting_after_the_briefing_date_is_upcoming_and_the_dashboard_names_it() {
        with_content(content_with_upcoming(), "en", false, |b, state| {
            assert_eq!(state.upcoming.map(|m| m.slug.as_str()), Some("2021-06-30"));
            let m = b.meeting(state.meetings[0]);
            assert!(m.upcoming && m.decisions.is_empty());
            assert_eq!(m.agenda[0].lead.text, "Chair");
            assert_eq!(m.agenda[0].lead_url, "");
            let d = b.dashboard();
            let next = d.upcoming_meeting.expect("the upcoming meeting");
            assert_eq!(next.slug, "2021-06-30");
            assert_eq!(next.date, "June 30, 2021, 14:00–16:00");
            assert_eq!(d.latest_meeting.map(|m| m.slug), Some("2021-05-26".to_string()), "the latest held");
        });
    }
}
