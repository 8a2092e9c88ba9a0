//! Each meeting's invitation and notice, in every language's folder:
//! `meetings/<meeting>/invite.ics` (the meeting as one calendar event, in
//! the folder's language) and `meetings/<meeting>/notice.eml`, the e-mail
//! draft the secretariat opens in Outlook or Thunderbird (`X-Unsent: 1`)
//! and sends: one message in every language of the site (the first one
//! first, as bilingual governments write), a plain-text and an HTML part.
//!
//! The words are the theme's (`notice.txt`, `notice.html` and the i18n
//! strings); this module gathers what they show, with every link absolute
//! under the base URL (a notice is read outside the site), and assembles
//! the MIME message (`mime`). Made afresh at every build: it is small.
//!
//! Must not import `load`, `yaml`, `validate`, `site`, `cli`, `serve`, `pdf`.

pub mod mime;

use serde::Serialize;

use super::localize::Localizer;
use super::memo::Memo;
use super::urls;
use super::view::{Around, Lookups, RecordBuilder};
use crate::derive::State;
use crate::diag::Diagnostic;
use crate::model::{Meeting, Site};
use crate::theme::Theme;

/// What the notice's templates show, every language in the site's order.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    pub languages: Vec<NoticeLang>,
}

/// The notice in one language: its interface strings (`t`) and the
/// meeting as that language shows it.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeLang {
    pub lang: String,
    pub t: std::collections::BTreeMap<String, String>,
    /// "(English follows)" for each language after this one, in its own
    /// words; empty but for the first language.
    pub follows: Vec<String>,
    pub marking: String,
    pub committee: String,
    pub title: String,
    pub date: String,
    /// `13:00–15:00 EDT`, or "".
    pub time: String,
    pub format: String,
    pub location: String,
    pub join: String,
    pub agenda: Vec<NoticeItem>,
    /// The book's PDF, the meeting's page and its invitation on the
    /// published site; "" without a base URL.
    pub book_url: String,
    pub meeting_url: String,
    pub invite_url: String,
    /// The site was built without a base URL: the notice says so.
    pub no_base_url: bool,
    pub secretariat: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeItem {
    pub number: usize,
    pub time: String,
    pub title: String,
    pub lead: String,
    /// The leading group's page (its report), absolute, or "" (a lead in
    /// words, or no base URL); its papers then leave that report out.
    pub lead_url: String,
    pub purpose: String,
    pub papers: Vec<NoticePaper>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticePaper {
    pub title: String,
    /// Its absolute address, or "" without a base URL.
    pub url: String,
}

/// What the notices and invitations are made from.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub state: &'a State<'a>,
    pub around: &'a Around<'a>,
    pub lookups: &'a Lookups<'a>,
    pub theme: &'a Theme,
    /// One localizer per language of the site, in its order.
    pub langs: &'a [Localizer],
    /// The base URL, ending in `/`.
    pub base: Option<&'a str>,
}

/// Every meeting's `invite.ics` and `notice.eml`, in every language's
/// folder (paths from the output root).
pub fn files(i: &Inputs) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut out = Vec::new();
    let default_lang = i.site.default_lang();
    for m in &i.state.meetings {
        let views: Vec<NoticeLang> = i.langs.iter().map(|l| lang_view(i, l, m)).collect();
        let notice = notice(i, m, NoticeView { languages: views.clone() })?;
        for (l, v) in i.langs.iter().zip(&views) {
            let prefix = urls::lang_prefix(&l.lang, default_lang);
            let folder = format!("{prefix}meetings/{}/", m.slug);
            let agenda = agenda_lines(l, v);
            out.push((
                format!("{folder}invite.ics"),
                super::calendar::invite(l, i.site, i.state.as_of, i.base, m, &agenda),
            ));
            out.push((format!("{folder}notice.eml"), notice.clone()));
        }
    }
    Ok(out)
}

/// The agenda in an invitation's description: one item a line.
fn agenda_lines(l: &Localizer, v: &NoticeLang) -> String {
    let mut lines = Vec::new();
    if !v.agenda.is_empty() {
        lines.push(format!("{}:", l.s("heading_agenda")));
    }
    for it in &v.agenda {
        let time = if it.time.is_empty() { String::new() } else { format!("{} ", it.time) };
        lines.push(format!("{}. {time}{} ({}, {})", it.number, it.title, it.lead, it.purpose));
    }
    lines.join("\n")
}

fn lang_view(i: &Inputs, l: &Localizer, m: &Meeting) -> NoticeLang {
    let off = Memo::off();
    let page = urls::PagePath::new(urls::meeting(&m.slug));
    let site_root = urls::site_root(&page, &l.lang, &l.default_lang);
    let rec = RecordBuilder::new(l, i.around, (0, 0), &off, page.root(), site_root);
    let view = rec.meeting_view(m, false, i.lookups);
    let prefix = urls::lang_prefix(&l.lang, &l.default_lang);
    // The folder of the meeting's page on the published site.
    let folder = i.base.map(|b| format!("{b}{prefix}meetings/{}/", m.slug));
    let absolute = |rel: &str| folder.as_deref().map(|f| resolve(f, rel)).unwrap_or_default();
    // The current book is `briefing.pdf`; another meeting's is archived as
    // `books/<meeting>.pdf` (each with `.<lang>` for the other languages).
    let lang_part = if l.lang == l.default_lang { String::new() } else { format!(".{}", l.lang) };
    let book = if i.state.book.is_some_and(|b| b.slug == m.slug) {
        format!("briefing{lang_part}.pdf")
    } else {
        format!("books/{}{lang_part}.pdf", m.slug)
    };
    let position = i.langs.iter().position(|x| x.lang == l.lang).unwrap_or(0);
    let follows =
        if position == 0 { i.langs[1..].iter().map(|o| o.s("notice_follows")).collect() } else { Vec::new() };
    NoticeLang {
        lang: l.lang.clone(),
        t: l.t.clone(),
        follows,
        marking: l.text(&i.site.classification),
        committee: l.text(&i.site.title),
        title: view.title.text.clone(),
        date: view.day.clone(),
        time: view.time.clone(),
        format: view.format.clone(),
        location: view.location.as_ref().map(|x| x.text.clone()).unwrap_or_default(),
        join: view.join.clone(),
        agenda: m
            .agenda
            .iter()
            .zip(&view.agenda)
            .map(|(item, v)| NoticeItem {
                number: v.number,
                time: v.time.clone(),
                title: v.title.text.clone(),
                lead: v.lead.text.clone(),
                lead_url: if v.lead_url.is_empty() { String::new() } else { absolute(&v.lead_url) },
                purpose: v.purpose_label.clone(),
                papers: v
                    .papers
                    .iter()
                    .map(|p| NoticePaper { title: p.title.text.clone(), url: absolute(&p.url) })
                    .collect(),
                note: item.note.as_ref().map(|n| super::data::plain(&l.text(n))).unwrap_or_default(),
            })
            .collect(),
        book_url: i.base.map(|b| format!("{b}{book}")).unwrap_or_default(),
        meeting_url: folder.clone().unwrap_or_default(),
        invite_url: folder.as_deref().map(|f| format!("{f}invite.ics")).unwrap_or_default(),
        no_base_url: i.base.is_none(),
        secretariat: i.site.secretariat.as_ref().map(|s| l.text(s)).unwrap_or_default(),
    }
}

/// The message: its headers from the meeting, its two parts from the
/// theme's templates.
fn notice(i: &Inputs, m: &Meeting, view: NoticeView) -> Result<Vec<u8>, Diagnostic> {
    #[derive(Serialize)]
    struct Ctx<'a> {
        notice: &'a NoticeView,
    }
    let ctx = Ctx { notice: &view };
    let none = tera::Value::from(false);
    let text = i.theme.render("notice.txt", &ctx, &none)?;
    let html = i.theme.render("notice.html", &ctx, &none)?;
    let mut markings: Vec<&str> = Vec::new();
    for v in &view.languages {
        if !markings.contains(&v.marking.as_str()) {
            markings.push(&v.marking);
        }
    }
    let subjects: Vec<String> = i
        .langs
        .iter()
        .zip(&view.languages)
        .map(|(l, v)| l.fill("notice_subject", &[("committee", &v.committee), ("date", &v.date)]))
        .collect();
    let subject = format!("[{}] {}", markings.join(" / "), subjects.join(" / "));
    let languages: Vec<&str> = view.languages.iter().map(|v| v.lang.as_str()).collect();
    let host = host(i.site, i.base);
    // Dated by the content, never the clock: the briefing date, or the
    // meeting's own date for a meeting before it.
    let date = rfc5322_date(i.state.as_of.min(m.date));
    let id = format!("<notice-{}@{host}>", m.slug);
    let headers = [
        ("Date", date.as_str()),
        ("Subject", subject.as_str()),
        ("Message-ID", id.as_str()),
        ("Content-Language", &languages.join(", ")),
        // Outlook opens a message with this header as a draft to send.
        ("X-Unsent", "1"),
    ];
    let parts = [
        mime::Part { content_type: "text/plain", text: &text },
        mime::Part { content_type: "text/html", text: &html },
    ];
    Ok(mime::message(&headers, &parts))
}

/// The domain of the Message-ID: the base URL's host, else one made from
/// the committee's title (as the calendar's UIDs).
fn host(site: &Site, base: Option<&str>) -> String {
    if let Some(host) = base.and_then(|b| b.split("://").nth(1)).and_then(|r| r.split(['/', ':']).next()) {
        return host.to_ascii_lowercase();
    }
    let slug = crate::core::words::kebab(site.title.get(site.default_lang(), site.default_lang()));
    let slug: String =
        if slug.is_empty() { "committee".to_string() } else { slug.chars().take(60).collect() };
    format!("{slug}.briefing.invalid")
}

/// `Tue, 25 May 2021 00:00:00 +0000`: midnight UTC of `d` (RFC 5322 3.3).
fn rfc5322_date(d: jiff::civil::Date) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let day = DAYS[d.weekday().to_monday_zero_offset() as usize];
    format!("{day}, {:02} {} {:04} 00:00:00 +0000", d.day(), MONTHS[(d.month() - 1) as usize], d.year())
}

/// `rel` (a link relative to a page, as views write them) resolved against
/// the absolute `folder` the page is in (ending in `/`).
fn resolve(folder: &str, rel: &str) -> String {
    if rel.contains("://") {
        return rel.to_string();
    }
    let (scheme_host, path) =
        match folder.find("://").and_then(|at| folder[at + 3..].find('/').map(|p| at + 3 + p)) {
            Some(p) => (&folder[..p], &folder[p..]),
            None => (folder, "/"),
        };
    let mut parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (rel_path, fragment) = match rel.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (rel, None),
    };
    let mut trailing = folder.ends_with('/') && rel_path.is_empty();
    for seg in rel_path.split('/') {
        match seg {
            ".." => {
                parts.pop();
                trailing = true;
            }
            "." | "" => trailing = true,
            s => {
                parts.push(s);
                trailing = false;
            }
        }
    }
    // A page's `index.html` is linked as its folder, as the site's own
    // canonical addresses are.
    if parts.last() == Some(&"index.html") {
        parts.pop();
        trailing = true;
    }
    let mut out = format!("{scheme_host}/{}", parts.join("/"));
    if trailing && !parts.is_empty() && !out.ends_with('/') {
        out.push('/');
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_meeting_folder() {
        let f = "https://example.org/b/fr/meetings/2021-05-26/";
        assert_eq!(resolve(f, "../../groups/health/index.html"), "https://example.org/b/fr/groups/health/");
        assert_eq!(resolve(f, "../../../assets/plan.pdf"), "https://example.org/b/assets/plan.pdf");
        assert_eq!(
            resolve(f, "../2021-02-23/index.html#_decision-1"),
            "https://example.org/b/fr/meetings/2021-02-23/#_decision-1"
        );
        assert_eq!(resolve(f, "https://other.org/x"), "https://other.org/x");
    }

    #[test]
    fn the_date_header_is_rfc_5322() {
        assert_eq!(rfc5322_date(jiff::civil::date(2021, 5, 26)), "Wed, 26 May 2021 00:00:00 +0000");
    }
}
