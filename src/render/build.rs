//! Builders of the records templates see (`view`), for one language and one
//! page depth (`root` is the relative prefix from the page to its language
//! root, so every URL in a view is relative to the page that shows it).

use std::cell::Cell;
use std::collections::BTreeMap;

use super::localize::Localizer;
use super::markdown;
use super::urls;
use super::view::*;
use crate::charts::Chart;
use crate::derive::{ActionState, ActivityState, Change, GroupState, RiskChange, State, StatusCounts};
use crate::html::{escape_html, marked};
use crate::links;
use crate::model::{Content, Markdown, Meeting, Page, Site, Status, TranslatedBody};

/// Charts of one language, rendered once and shared by every page.
#[derive(Default)]
pub struct Charts {
    pub committee: Option<Chart>,
    pub groups: BTreeMap<String, GroupCharts>,
}

/// A group's charts: one per metric, its status bar, its progress chart.
#[derive(Debug, Clone, Default)]
pub struct GroupCharts {
    pub metrics: Vec<Chart>,
    pub status: Option<Chart>,
    pub progress: Option<Chart>,
}

pub struct Builder<'a> {
    pub l: &'a Localizer,
    pub site: &'a Site,
    pub content: &'a Content,
    pub state: &'a State<'a>,
    pub charts: &'a Charts,
    /// Markdown bodies rendered by the previous build (`serve`).
    pub memo: &'a super::memo::Memo<'a>,
    /// Prefix from the page to its language root.
    pub root: String,
    /// Prefix from the page to the output root (shared assets).
    pub site_root: String,
    /// In the briefing book, groups, meetings and pages are sections of one
    /// document: links to them become in-document anchors.
    pub in_book: bool,
    /// Markdown fields of YAML rendered on this page so far: each gets its
    /// own anchor prefix (`md1--`, `md2--`…).
    pub fields: Cell<u32>,
}

impl Builder<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    fn group_url(&self, id: &str) -> String {
        if self.in_book { format!("#_group-{id}") } else { self.url(&urls::group(id)) }
    }

    fn meeting_url(&self, slug: &str) -> String {
        if self.in_book { format!("#_meeting-{slug}") } else { self.url(&urls::meeting(slug)) }
    }

    fn page_url(&self, slug: &str) -> String {
        if self.in_book { format!("#_page-{slug}") } else { self.url(&urls::page(slug)) }
    }

    fn chart_view(&self, c: &Chart) -> ChartView {
        ChartView { chart: c.clone(), file_url: self.url(&urls::chart(&c.slug)) }
    }

    pub fn counts(&self, c: &StatusCounts) -> Vec<CountView> {
        Status::ALL.iter().map(|s| CountView { status: self.l.status(*s), count: c.0[*s as usize] }).collect()
    }

    fn activity(&self, a: &ActivityState) -> ActivityView {
        let l = self.l;
        let (change, change_kind) = match a.change {
            Change::New => (l.s("change_new"), "new"),
            Change::Status { from } => {
                let mut s = l.fill("change_was", &[("status", &l.status(from).label)]);
                if let (Some(p), Some(b)) = (a.progress, a.previous_progress)
                    && p != b
                {
                    s.push_str(&format!(" · {}", points(l, i32::from(p) - i32::from(b))));
                }
                (s, "status")
            }
            Change::Progress { from } => {
                (points(l, i32::from(a.progress.unwrap_or(from)) - i32::from(from)), "progress")
            }
            Change::Unchanged => (String::new(), "unchanged"),
            Change::Unknown => (String::new(), "unchanged"),
        };
        let (title, title_lang) = l.text_lang(&a.activity.title);
        ActivityView {
            id: a.activity.id.value.clone(),
            title,
            title_lang,
            lead: a.activity.lead.iter().map(|p| self.party(&p.value)).collect(),
            lead_html: a
                .activity
                .lead
                .iter()
                .map(|p| {
                    let (name, lang) = self.party_text(&p.value);
                    marked(&name, &lang)
                })
                .collect::<Vec<_>>()
                .join(", "),
            due: l.opt_date(a.activity.due),
            overdue: a.overdue,
            status: a.status.map(|s| l.status(s)),
            progress: a.progress,
            progress_label: a.progress.map(|p| l.percent(p)).unwrap_or_default(),
            change,
            change_kind: change_kind.to_string(),
            note_html: a.note.map(|n| self.markdown(n)).unwrap_or_default(),
            description_html: self.opt_markdown(&a.activity.description),
        }
    }

    fn party(&self, code: &str) -> String {
        self.party_text(code).0
    }

    /// A group's name, its language when it fell back, and its page's
    /// address; all "" when there is no group (or no such group).
    fn group_link(&self, id: Option<&crate::model::At<String>>) -> (String, String, String) {
        let group = id.and_then(|id| self.content.groups.iter().find(|g| g.id == id.value));
        match group {
            Some(g) => {
                let (name, lang) = self.l.text_lang(&g.name);
                (name, lang, self.group_url(&g.id))
            }
            None => Default::default(),
        }
    }

    /// A party's name and, when it fell back to another language, that language.
    fn party_text(&self, code: &str) -> (String, String) {
        self.site
            .party(code)
            .map(|t| self.l.text_lang(t))
            .unwrap_or_else(|| (code.to_string(), String::new()))
    }

    /// Sentences for what changed in a group since its previous update, as
    /// text and as HTML (escaped, a fallback title in its own `lang`).
    fn changes(&self, g: &GroupState) -> Vec<ChangeView> {
        let l = self.l;
        let (name, name_lang) = l.text_lang(&g.group.name);
        let url = self.group_url(&g.group.id);
        let colon = l.locale.colon();
        let mut out = Vec::new();
        let mut push = |title: &crate::model::Text, rest: String, kind: &str| {
            let (title_text, title_lang) = l.text_lang(title);
            out.push(ChangeView {
                group: name.clone(),
                group_lang: name_lang.clone(),
                group_url: url.clone(),
                text: format!("{title_text}{rest}"),
                html: format!("{}{}", marked(&title_text, &title_lang), escape_html(&rest)),
                kind: kind.into(),
            });
        };
        for a in &g.activities {
            let (rest, kind) = match a.change {
                Change::Status { from } => {
                    let now = a.status.map(|s| l.status(s).label).unwrap_or_default();
                    let mut t = format!("{colon}{} → {now}", l.status(from).label);
                    if let (Some(p), Some(b)) = (a.progress, a.previous_progress)
                        && p != b
                    {
                        t.push_str(&format!(" ({} → {})", l.percent(b), l.percent(p)));
                    }
                    (t, "status")
                }
                Change::Progress { from } => (
                    format!("{colon}{} → {}", l.percent(from), l.percent(a.progress.unwrap_or(from))),
                    "progress",
                ),
                Change::New => (format!("{colon}{}", l.s("change_new")), "new"),
                _ => continue,
            };
            push(&a.activity.title, rest, kind);
        }
        for r in &g.risks {
            let (label, kind) = match r.change {
                RiskChange::New => (l.s("risk_new"), "risk-new"),
                RiskChange::Closed => (l.s("risk_closed"), "risk-closed"),
                RiskChange::Raised { from } => {
                    (l.fill("risk_raised", &[("level", &l.risk(from))]), "risk-raised")
                }
                RiskChange::Lowered { from } => {
                    (l.fill("risk_lowered", &[("level", &l.risk(from))]), "risk-lowered")
                }
                _ => continue,
            };
            push(&r.risk.title, format!("{colon}{label}"), kind);
        }
        out
    }

    /// A group's own page: everything.
    pub fn group(&self, g: &GroupState) -> GroupView {
        self.group_view(g, true, true)
    }

    /// A group in the book: its charts, not the history of its updates.
    pub fn group_in_book(&self, g: &GroupState) -> GroupView {
        self.group_view(g, false, true)
    }

    /// A group for lists (the dashboard's and the groups page's cards):
    /// neither charts nor the history of its updates.
    pub fn group_summary(&self, g: &GroupState) -> GroupView {
        self.group_view(g, false, false)
    }

    fn group_view(&self, g: &GroupState, with_history: bool, with_charts: bool) -> GroupView {
        let l = self.l;
        let url = self.group_url(&g.group.id);
        let (name, name_lang) = l.text_lang(&g.group.name);
        let no_charts = GroupCharts::default();
        let charts = self.charts.groups.get(&g.group.id).unwrap_or(&no_charts);
        let (chairs, chairs_html) = g
            .group
            .chairs
            .iter()
            .map(|c| {
                let mut parts = vec![self.party_text(&c.party.value)];
                parts.extend(c.name.iter().map(|n| (n.clone(), String::new())));
                parts.extend(c.organization.as_ref().map(|o| l.text_lang(o)));
                join_parts(&parts, " — ")
            })
            .unzip();
        let book_caption =
            |key: &str| join_parts(&[(l.s(key), String::new()), (name.clone(), name_lang.clone())], " — ");
        let (book_activities_caption, book_activities_caption_html) = book_caption("caption_activities");
        let (book_risks_caption, book_risks_caption_html) = book_caption("caption_risks");
        GroupView {
            book_activities_caption,
            book_activities_caption_html,
            book_risks_caption,
            book_risks_caption_html,
            id: g.group.id.clone(),
            name: name.clone(),
            name_lang: name_lang.clone(),
            url: url.clone(),
            mandate_html: self.markdown(&g.group.mandate),
            chairs,
            chairs_html,
            counts: self.counts(&g.counts),
            total: g.counts.total(),
            progress_label: g.progress.map(|p| l.percent(p)).unwrap_or_default(),
            latest_date: g.latest.map(|u| l.date(u.date)).unwrap_or_default(),
            previous_date: g.previous.map(|u| l.date(u.date)).unwrap_or_default(),
            summary_html: g.latest.map(|u| self.opt_markdown(&u.summary)).unwrap_or_default(),
            illustrative: g.updates.iter().any(|u| u.illustrative),
            activities: g.activities.iter().map(|a| self.activity(a)).collect(),
            changes: self.changes(g),
            risks: g
                .risks
                .iter()
                .map(|r| {
                    let (change, kind) = match r.change {
                        RiskChange::New => (l.s("risk_new"), "new"),
                        RiskChange::Closed => (l.s("risk_closed"), "closed"),
                        RiskChange::Raised { from } => {
                            (l.fill("risk_raised", &[("level", &l.risk(from))]), "raised")
                        }
                        RiskChange::Lowered { from } => {
                            (l.fill("risk_lowered", &[("level", &l.risk(from))]), "lowered")
                        }
                        RiskChange::Unchanged | RiskChange::Unknown => (String::new(), "unchanged"),
                    };
                    RiskView {
                        title: l.text(&r.risk.title),
                        title_lang: l.text_lang(&r.risk.title).1,
                        level: r.risk.level.key().to_string(),
                        level_label: l.risk(r.risk.level),
                        mitigation_html: self.opt_markdown(&r.risk.mitigation),
                        change_kind: kind.to_string(),
                        change,
                    }
                })
                .collect(),
            asks: g
                .asks
                .iter()
                .map(|a| AskView {
                    group: name.clone(),
                    group_lang: name_lang.clone(),
                    group_url: url.clone(),
                    html: self.markdown(a),
                })
                .collect(),
            history: g
                .updates
                .iter()
                .rev()
                .filter(|_| with_history)
                .map(|u| UpdateSummaryView {
                    date: l.date(u.date),
                    summary_html: self.opt_markdown(&u.summary),
                    illustrative: u.illustrative,
                    activities: u
                        .activities
                        .iter()
                        .filter_map(|r| {
                            let a = g.group.activity(&r.id.value)?;
                            Some(ActivityView {
                                id: r.id.value.clone(),
                                title: l.text(&a.title),
                                title_lang: l.text_lang(&a.title).1,
                                lead: Vec::new(),
                                lead_html: String::new(),
                                due: l.opt_date(a.due),
                                overdue: false,
                                status: Some(l.status(r.status)),
                                progress: r.progress,
                                progress_label: r.progress.map(|p| l.percent(p)).unwrap_or_default(),
                                change: String::new(),
                                change_kind: "unchanged".into(),
                                note_html: self.opt_markdown(&r.note),
                                description_html: String::new(),
                            })
                        })
                        .collect(),
                })
                .collect(),
            charts: charts.metrics.iter().filter(|_| with_charts).map(|c| self.chart_view(c)).collect(),
            status_chart: charts.status.as_ref().filter(|_| with_charts).map(|c| self.chart_view(c)),
            progress_chart: charts.progress.as_ref().filter(|_| with_charts).map(|c| self.chart_view(c)),
        }
    }

    pub fn action(&self, a: &ActionState) -> ActionView {
        let l = self.l;
        let due_note = match a.days_late {
            _ if a.action.status.is_closed() => String::new(),
            Some(1) => l.s("one_day_overdue"),
            Some(n) if n > 1 => l.fill("days_overdue", &[("n", &n.to_string())]),
            Some(0) => l.s("due_today"),
            Some(n) => l.fill("due_in_days", &[("n", &(-n).to_string())]),
            None => String::new(),
        };
        let (group, group_lang, group_url) = self.group_link(a.action.group.as_ref());
        let (owner, owner_lang) = l.text_lang(&a.action.owner);
        ActionView {
            id: a.action.id.value.clone(),
            owner,
            owner_lang,
            group,
            group_lang,
            group_url,
            due: l.opt_date(a.action.due),
            overdue: a.overdue,
            due_note,
            status: l.action_status(a.action.status, a.overdue),
            html: self.markdown(&a.action.text),
            // A translation's own title, like the meeting's page shows.
            meeting: self.meeting_title(a.meeting),
            meeting_lang: self.meeting_title_lang(a.meeting),
            meeting_url: self.meeting_url(&a.meeting.slug),
        }
    }

    /// A Markdown body in this language (its translation if there is one),
    /// with links rewritten relative to this page.
    fn body(
        &self,
        file: &str,
        own: &Markdown,
        translations: &[TranslatedBody],
    ) -> (markdown::Rendered, String, Option<String>) {
        let translated = translations.iter().find(|t| t.lang == self.l.lang);
        let (md, src_file, lang, title) = match translated {
            Some(t) => (&t.body, t.file.as_str(), String::new(), t.title.clone()),
            None if self.l.lang != self.l.default_lang => (own, file, self.l.default_lang.clone(), None),
            None => (own, file, String::new(), None),
        };
        let own_prefix = self.anchor_prefix(file);
        let rewrite = |target: &str| self.rewrite(src_file, file, target, true);
        let rendered = self.memo.body(&md.source, &own_prefix, &rewrite, |resolve| {
            markdown::render_with_prefix(&md.source, resolve, &own_prefix)
        });
        (rendered, lang, title)
    }

    /// A Markdown field of YAML (a mandate, a summary, a note) in this
    /// language, with its links rewritten relative to this page as a body's
    /// are (relative to the file it is written in; a text without links
    /// has nothing to rewrite). A page shows many such fields (the book every
    /// group's), so each one's own heading and footnote anchors carry a
    /// prefix of their own on this page (`md3--scope`), which no body's
    /// anchor can take: bodies' anchors are slugs, and a slug never holds `--`.
    fn markdown(&self, t: &crate::model::Text) -> String {
        let n = self.fields.get() + 1;
        self.fields.set(n);
        let prefix = format!("md{n}--");
        match t.markdown.as_deref() {
            // `#x` in a field is a heading of its file's page, wherever the
            // field is shown (a decision's on the dashboard, an action's in
            // the tracker).
            Some(field) => {
                self.l.markdown(t, &|target| self.rewrite(&field.file, &field.file, target, false), &prefix)
            }
            None => self.l.markdown(t, &|_| None, &prefix),
        }
    }

    fn opt_markdown(&self, t: &Option<crate::model::Text>) -> String {
        t.as_ref().map(|t| self.markdown(t)).unwrap_or_default()
    }

    /// The address on this page of a link or image `target` written in
    /// `src_file` (a body, its translation, or a YAML file) and shown as part
    /// of `file`'s page or section (`here`: a bare `#x` is on this page, else
    /// on `file`'s); `None` leaves it as written (a link that leaves the site).
    fn rewrite(&self, src_file: &str, file: &str, target: &str, here: bool) -> Option<String> {
        if crate::load::text::is_external(target) {
            return None;
        }
        let mut r = links::resolve(src_file, target).ok()?;
        if r.path.is_empty() && !here {
            r.path = file.to_string();
        }
        let out = if r.path.is_empty() { None } else { Some(links::output_path(&r.path)?) };
        let target_file = if r.path.is_empty() { file } else { r.path.as_str() };
        // A section of the book carries its prefix; a page outside the
        // book keeps its own anchors.
        let in_book = r.path.is_empty() || self.is_book_section(target_file);
        let prefix = if in_book { self.anchor_prefix(target_file) } else { String::new() };
        let frag = r.fragment.map(|f| format!("#{prefix}{f}"));
        match out {
            None => frag,
            Some(out) if out.starts_with("assets/") => {
                Some(format!("{}{out}{}", self.site_root, frag.unwrap_or_default()))
            }
            Some(_) if self.in_book && self.is_book_section(&r.path) => {
                Some(frag.unwrap_or_else(|| section_anchor(&r.path)))
            }
            Some(out) => Some(format!("{}{}{}", self.root, urls::with_index(&out), frag.unwrap_or_default())),
        }
    }

    /// True for a content file that has a section in the book: a group, the
    /// latest meeting, a featured page. Links to others lead to their pages.
    fn is_book_section(&self, content_file: &str) -> bool {
        content_file.starts_with("groups/")
            || self.state.meetings.first().is_some_and(|m| m.file == content_file)
            || self.state.featured_pages.iter().any(|p| p.file == content_file)
    }

    /// In the book, heading anchors of different bodies share one document:
    /// each body's anchors carry its section's prefix.
    fn anchor_prefix(&self, content_file: &str) -> String {
        if self.in_book {
            format!("{}-", section_anchor(content_file).trim_start_matches("#_"))
        } else {
            String::new()
        }
    }

    /// A title in this language: a translation's own title, else the text field.
    fn title(&self, own: &crate::model::Text, translations: &[TranslatedBody]) -> String {
        translations
            .iter()
            .find(|t| t.lang == self.l.lang)
            .and_then(|t| t.title.clone())
            .unwrap_or_else(|| self.l.text(own))
    }

    /// The language a title is shown in when it fell back, else "".
    fn title_lang(&self, own: &crate::model::Text, translations: &[TranslatedBody]) -> String {
        if translations.iter().any(|t| t.lang == self.l.lang && t.title.is_some()) {
            String::new()
        } else {
            self.l.text_lang(own).1
        }
    }

    pub fn meeting_title(&self, m: &Meeting) -> String {
        self.title(&m.title, &m.translations)
    }

    /// The language of a meeting's title when it fell back, else "".
    pub fn meeting_title_lang(&self, m: &Meeting) -> String {
        self.title_lang(&m.title, &m.translations)
    }

    pub fn page_title(&self, p: &Page) -> String {
        self.title(&p.title, &p.translations)
    }

    /// The language of a page's title when it fell back, else "".
    pub fn page_title_lang(&self, p: &Page) -> String {
        self.title_lang(&p.title, &p.translations)
    }

    /// A meeting for lists: everything but the record's body.
    pub fn meeting_summary(&self, m: &Meeting) -> MeetingView {
        self.meeting_view(m, false)
    }

    pub fn meeting(&self, m: &Meeting) -> MeetingView {
        self.meeting_view(m, true)
    }

    fn meeting_view(&self, m: &Meeting, with_body: bool) -> MeetingView {
        let l = self.l;
        let (body, body_lang, title) = if with_body {
            self.body(&m.file, &m.body, &m.translations)
        } else {
            (markdown::Rendered::default(), String::new(), None)
        };
        let actions =
            self.state.actions_by_meeting.get(m.slug.as_str()).map(Vec::as_slice).unwrap_or_default();
        let (location, location_lang) = l.opt_lang(&m.location);
        MeetingView {
            slug: m.slug.clone(),
            title_lang: self.title_lang(&m.title, &m.translations),
            title: title.unwrap_or_else(|| self.meeting_title(m)),
            url: self.meeting_url(&m.slug),
            date: l.date(m.date),
            format: m.format.map(|f| l.s(&format!("format_{}", f.replace('-', "_")))).unwrap_or_default(),
            location,
            location_lang,
            illustrative: m.illustrative,
            attendees: m
                .attendees
                .iter()
                .map(|a| {
                    let mut parts: Vec<(String, String)> = Vec::new();
                    parts.extend(a.name.iter().map(|n| (n.clone(), String::new())));
                    parts.extend(a.role.as_ref().map(|r| l.text_lang(r)));
                    parts.extend(a.organization.as_ref().map(|o| l.text_lang(o)));
                    let (text, text_html) = join_parts(&parts, ", ");
                    let (party, party_lang) = self.party_text(&a.party.value);
                    AttendeeView { party, party_lang, text, text_html }
                })
                .collect(),
            decisions: m
                .decisions
                .iter()
                .map(|d| {
                    let (group, group_lang, group_url) = self.group_link(d.group.as_ref());
                    DecisionView { group, group_lang, group_url, html: self.markdown(&d.text) }
                })
                .collect(),
            actions: actions.iter().map(|a| self.action(a)).collect(),
            body_html: body.html,
            toc: body.toc,
            body_lang,
        }
    }

    pub fn page(&self, p: &Page) -> PageView {
        let (body, body_lang, title) = self.body(&p.file, &p.body, &p.translations);
        PageView {
            slug: p.slug.clone(),
            title_lang: self.title_lang(&p.title, &p.translations),
            title: title.unwrap_or_else(|| self.l.text(&p.title)),
            url: self.page_url(&p.slug),
            body_html: body.html,
            toc: body.toc,
            body_lang,
        }
    }

    pub fn dashboard(&self, frame: Frame) -> Dashboard {
        let groups: Vec<GroupView> = self.state.groups.iter().map(|g| self.group_summary(g)).collect();
        let changes = self.state.groups.iter().flat_map(|g| self.changes(g)).collect();
        let asks = groups.iter().flat_map(|g| g.asks.clone()).collect();
        let (description, description_lang) = self.l.opt_lang(&self.site.description);
        let overdue_actions =
            self.state.actions.iter().filter(|a| a.overdue).map(|a| self.action(a)).collect();
        let upcoming_actions = self
            .state
            .actions
            .iter()
            .filter(|a| !a.overdue && !a.action.status.is_closed())
            .map(|a| self.action(a))
            .collect();
        Dashboard {
            frame,
            description,
            description_lang,
            counts: self.counts(&self.state.totals),
            total: self.state.totals.total(),
            groups,
            changes,
            overdue_actions,
            upcoming_actions,
            latest_meeting: self.state.meetings.first().map(|m| self.meeting(m)),
            asks,
            status_chart: self.charts.committee.as_ref().map(|c| self.chart_view(c)),
        }
    }
}

/// The book anchor of the section a content file becomes: `#_group-health`
/// (the layout's ids start with `_`, which content ids never do).
fn section_anchor(content_file: &str) -> String {
    let out = links::output_path(content_file).unwrap_or_default();
    let mut parts = out.trim_end_matches('/').splitn(2, '/');
    match (parts.next(), parts.next()) {
        (Some("groups"), Some(id)) => format!("#_group-{id}"),
        (Some("meetings"), Some(slug)) => format!("#_meeting-{slug}"),
        (Some("pages"), Some(slug)) => format!("#_page-{slug}"),
        _ => String::new(),
    }
}

/// Parts of a composite text (each text with the language it fell back to,
/// or "") joined by `sep`: as text, and as HTML with each part that fell
/// back in a `<span lang>` of its own.
fn join_parts(parts: &[(String, String)], sep: &str) -> (String, String) {
    let text = parts.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(sep);
    let html = parts.iter().map(|(t, lang)| marked(t, lang)).collect::<Vec<_>>().join(&escape_html(sep));
    (text, html)
}

fn points(l: &Localizer, delta: i32) -> String {
    let d = if delta > 0 { format!("+{delta}") } else { format!("\u{2212}{}", delta.abs()) };
    l.fill("change_points", &[("delta", &d)])
}
