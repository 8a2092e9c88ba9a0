//! Decoding `meetings/<date>[-<slug>].md`: front matter and record.

use jiff::civil::Date;

use super::text::{markdown_text, text};
use crate::diag::codes;
use crate::model::{
    Action, ActionStatus, AgendaItem, At, Attendance, Attendee, Decision, Lead, LinkRef, Markdown, Meeting,
    MeetingTime, Purpose, RecordState, RecordStatus, Representation, Text,
};
use crate::yaml::{Node, NodeKind, Reader};

use crate::schema::model::{
    ACTION, AGENDA_ITEM, ATTENDANCE, ATTENDEE, DECISION, FORMATS, MEETING, REPRESENTED, TRANSLATION,
};

pub fn meeting(r: &mut Reader, node: &Node, slug: &str, file_date: Date, body: Markdown) -> Option<Meeting> {
    let what = format!("meeting `{slug}`");
    let f = r.fields(node, &what, &MEETING.keys())?;
    let title = r.required(&f, "title", &what).and_then(|n| text(r, n, "title"));
    let date = r.required(&f, "date", &what).and_then(|n| {
        let d = r.date(n, "date")?;
        if d != file_date {
            r.error(
                codes::DATE_MISMATCH,
                n.loc,
                format!("the meeting date {d} differs from the file name's {file_date}"),
            )
            .hint = Some("make the front-matter `date` and the file name agree".into());
        }
        Some(d)
    });
    let format = f.get("format").and_then(|n| r.choice(n, "meeting format", FORMATS, codes::INVALID_VALUE));
    let time = f.get("time").and_then(|n| time(r, n, "time"));
    let location = f.get("location").and_then(|n| text(r, n, "location"));
    let time_zone = f.get("time_zone").and_then(|n| super::site::time_zone(r, n));
    let join = f.get("join").and_then(|n| {
        let url = r.string(n, "join")?;
        if let Some(why) = join_problem(&url) {
            let e = r.error(codes::BAD_JOIN_LINK, n.loc, format!("the join link {why}"));
            e.hint = Some(if why.contains("passcode") {
                "remove the passcode from the link and send it to members apart: the link is published with the site"
                    .into()
            } else {
                "write the https:// address members join at, e.g. `https://meet.example.org/j/123456`".into()
            });
            return None;
        }
        Some(url.trim().to_string())
    });
    let illustrative = f.get("illustrative").and_then(|n| r.bool(n, "illustrative")).unwrap_or(false);
    let draft = f.get("draft").and_then(|n| r.bool(n, "draft")).unwrap_or(false);
    let mut attendees = Vec::new();
    if let Some(n) = f.get("attendees") {
        for item in r.list(n, "attendees") {
            let Some(af) = r.fields(item, ATTENDEE.what, &ATTENDEE.keys()) else { continue };
            let party = r
                .required(&af, "party", "an attendee")
                .and_then(|n| Some(At::new(r.string(n, "party")?, n.loc)));
            let organization = af.get("organization").and_then(|n| text(r, n, "organization"));
            let name = af.get("name").and_then(|n| r.string(n, "name"));
            let role = af.get("role").and_then(|n| text(r, n, "role"));
            if let Some(party) = party {
                attendees.push(Attendee { party, organization, name, role });
            }
        }
    }
    let agenda = f.get("agenda").map(|n| agenda(r, n)).unwrap_or_default();
    let record = f.get("record").and_then(|n| {
        let state = r.choice(n, "record status", &RecordState::KEYS, codes::INVALID_VALUE)?;
        Some(RecordStatus { state: RecordState::from_key(state)?, approved_at: None, loc: n.loc })
    });
    let approved_at = f.get("approved_at").and_then(|n| Some(At::new(r.string(n, "approved_at")?, n.loc)));
    let record = match (record, approved_at) {
        (Some(mut rec), Some(at)) if rec.state == RecordState::Approved => {
            rec.approved_at = Some(at);
            Some(rec)
        }
        (rec, Some(at)) => {
            r.error(
                codes::INVALID_VALUE,
                at.loc,
                "`approved_at` is given, but the record is not `approved`",
            )
            .hint = Some("write `record: approved` with it, or remove `approved_at`".into());
            rec
        }
        (rec, None) => rec,
    };
    let attendance = f.get("attendance").and_then(|n| attendance(r, n));
    let mut decisions = Vec::new();
    if let Some(n) = f.get("decisions") {
        for item in r.list(n, "decisions") {
            let Some(df) = r.fields(item, DECISION.what, &DECISION.keys()) else { continue };
            let id = df.get("id").and_then(|n| Some(At::new(r.id(n, "decision id")?, n.loc)));
            let group = df.get("group").and_then(|n| Some(At::new(r.string(n, "group")?, n.loc)));
            let reference = |r: &mut Reader, key: &str| {
                df.get(key).and_then(|n| Some(At::new(r.string(n, "decision reference")?, n.loc)))
            };
            let supersedes = reference(r, "supersedes");
            let rescinds = reference(r, "rescinds");
            let mut answers = Vec::new();
            if let Some(n) = df.get("answers") {
                for a in r.list(n, "answers") {
                    answers.extend(r.id(a, "ask id").map(|id| At::new(id, a.loc)));
                }
            }
            if let Some(text) =
                r.required(&df, "text", "a decision").and_then(|n| markdown_text(r, n, "text"))
            {
                decisions.push(Decision { id, group, text, supersedes, rescinds, answers, loc: item.loc });
            }
        }
    }
    let mut actions = Vec::new();
    if let Some(n) = f.get("actions") {
        for item in r.list(n, "actions") {
            let Some(af) = r.fields(item, ACTION.what, &ACTION.keys()) else { continue };
            let id = r.required(&af, "id", "an action").and_then(|n| Some(At::new(r.action_id(n)?, n.loc)));
            // An owner may be named per language: {en: CBSA, fr: ASFC}.
            let owner = r.required(&af, "owner", "an action").and_then(|n| super::text::text(r, n, "owner"));
            let group = af.get("group").and_then(|n| Some(At::new(r.string(n, "group")?, n.loc)));
            let due = af.get("due").and_then(|n| r.date(n, "due"));
            let status = match af.get("status") {
                None => Some(ActionStatus::Open),
                Some(n) => r.choice(n, "action status", &ActionStatus::KEYS, codes::UNKNOWN_STATUS).map(
                    |k| match k {
                        "in-progress" => ActionStatus::InProgress,
                        "done" => ActionStatus::Done,
                        "cancelled" => ActionStatus::Cancelled,
                        _ => ActionStatus::Open,
                    },
                ),
            };
            let text = r.required(&af, "text", "an action").and_then(|n| markdown_text(r, n, "text"));
            if let (Some(id), Some(owner), Some(status), Some(text)) = (id, owner, status, text) {
                actions.push(Action { id, owner, group, due, status, text });
            }
        }
    }
    Some(Meeting {
        slug: slug.to_string(),
        file: r.file.to_string(),
        fields: r.file.to_string(),
        title: title?,
        date: date?,
        format,
        time,
        location,
        time_zone,
        join,
        illustrative,
        draft,
        record,
        attendees,
        attendance,
        agenda,
        decisions,
        actions,
        body,
        translations: Vec::new(),
    })
}

/// Why `url` cannot be a meeting's join link, if it cannot: only an
/// `https://` address with a host, with no user name or password before
/// `@`, no passcode in its query (`pwd=`, `passcode=`, `password=`: the
/// link is published on the site and in the calendar) and nothing an
/// address cannot hold.
pub fn join_problem(url: &str) -> Option<String> {
    let shown = crate::yaml::read::abridged(url);
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://") else {
        return Some(if lower.starts_with("http://") {
            format!("`{shown}` is not https: a join link must be encrypted")
        } else {
            format!("`{shown}` is not an https:// address")
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Some(format!("`{shown}` holds a user name or password (before `@`)"));
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    if host.is_empty() {
        return Some(format!("`{shown}` has no host name"));
    }
    if let Some(c) =
        url.chars().find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Some(format!("`{shown}` holds {c:?}, which an address may not hold"));
    }
    if let Some((_, query)) = lower.split_once('?') {
        let query = query.split('#').next().unwrap_or("");
        for pair in query.split('&') {
            let key = pair.split('=').next().unwrap_or("");
            if matches!(key, "pwd" | "passwd" | "password" | "passcode" | "pass" | "pin") {
                return Some(format!("`{shown}` holds a passcode (`{key}=`)"));
            }
        }
    }
    None
}

/// `attendance: {present?, regrets?, represented?, observers?, secretariat?}`.
fn attendance(r: &mut Reader, n: &Node) -> Option<Attendance> {
    let af = r.fields(n, ATTENDANCE.what, &ATTENDANCE.keys())?;
    let ids = |r: &mut Reader, key: &str| -> Vec<At<String>> {
        let Some(list) = af.get(key) else { return Vec::new() };
        let mut out = Vec::new();
        for item in r.list(list, key) {
            out.extend(r.id(item, "member id").map(|id| At::new(id, item.loc)));
        }
        out
    };
    let texts = |r: &mut Reader, key: &str| -> Vec<Text> {
        let Some(list) = af.get(key) else { return Vec::new() };
        let mut out = Vec::new();
        for item in r.list(list, key) {
            out.extend(text(r, item, key));
        }
        out
    };
    let present = ids(r, "present");
    let regrets = ids(r, "regrets");
    let mut represented = Vec::new();
    if let Some(list) = af.get("represented") {
        for item in r.list(list, "represented") {
            let Some(rf) = r.fields(item, REPRESENTED.what, &REPRESENTED.keys()) else { continue };
            let member = r
                .required(&rf, "member", "a represented member")
                .and_then(|n| Some(At::new(r.id(n, "member id")?, n.loc)));
            let by = r.required(&rf, "by", "a represented member").and_then(|n| r.string(n, "by"));
            if let (Some(member), Some(by)) = (member, by) {
                represented.push(Representation { member, by });
            }
        }
    }
    let observers = texts(r, "observers");
    let secretariat = texts(r, "secretariat");
    Some(Attendance { present, regrets, represented, observers, secretariat, loc: n.loc })
}

/// `14:00` or `14:00-16:00`; anything else is invalid-value at its place.
fn time(r: &mut Reader, n: &Node, what: &str) -> Option<MeetingTime> {
    let t = r.string(n, what)?;
    match MeetingTime::read(&t) {
        Ok(time) => Some(time),
        Err(Some((start, end))) => {
            let clock = |(h, m): (u8, u8)| format!("{h:02}:{m:02}");
            let (s, e) = (clock(start), clock(end));
            let message = if start == end {
                format!("`{t}` ends when it starts, at {s}")
            } else {
                format!("`{t}` ends at {e}, before it starts at {s}")
            };
            r.error(codes::INVALID_VALUE, n.loc, message).hint = Some(format!(
                "write the start, then a later end on the same day (\"{s}-{}\"), or the start alone (\"{s}\")",
                clock(((start.0 + 1).min(23), if start.0 >= 23 { 59 } else { start.1 }))
            ));
            None
        }
        Err(None) => {
            r.error(codes::INVALID_VALUE, n.loc, format!("`{t}` is not a time of day")).hint = Some(
                "write the local time as HH:MM on a 24-hour clock, or a span: \"14:00\" or \"14:00-16:00\""
                    .into(),
            );
            None
        }
    }
}

/// The `agenda:` list: each item `{title, time?, lead, purpose, papers?, note?}`.
fn agenda(r: &mut Reader, node: &Node) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for item in r.list(node, "agenda") {
        let Some(af) = r.fields(item, AGENDA_ITEM.what, &AGENDA_ITEM.keys()) else { continue };
        let what = "an agenda item";
        let title = r.required(&af, "title", what).and_then(|n| text(r, n, "title"));
        let time = af.get("time").and_then(|n| time(r, n, "time"));
        let lead = r.required(&af, "lead", what).and_then(|n| lead(r, n));
        let purpose = r
            .required(&af, "purpose", what)
            .and_then(|n| r.choice(n, "agenda purpose", &Purpose::KEYS, codes::INVALID_VALUE))
            .and_then(Purpose::from_key);
        let mut papers = Vec::new();
        if let Some(n) = af.get("papers") {
            for p in r.list(n, "papers") {
                if let Some(target) = paper(r, p) {
                    papers.push(LinkRef {
                        target,
                        loc: p.loc,
                        is_image: false,
                        removed_scheme: None,
                        in_html: false,
                    });
                }
            }
        }
        let note = af.get("note").and_then(|n| markdown_text(r, n, "note"));
        // An item with a bad title or purpose is kept (that error already
        // fails the build) so that its lead is checked in the same run.
        if let Some(lead) = lead {
            let title = title.unwrap_or_else(|| crate::model::Text::plain(""));
            let purpose = purpose.unwrap_or(Purpose::Information);
            items.push(AgendaItem { title, time, lead, purpose, papers, note });
        }
    }
    items
}

/// An agenda item's lead: a string written as an id (`health`: lowercase
/// letters, digits and hyphens) names a working group; anything else
/// (`Co-chairs`, `{en: Secretariat, fr: Secrétariat}`) is a name in words.
fn lead(r: &mut Reader, n: &Node) -> Option<Lead> {
    if let NodeKind::Str(s) = &n.kind
        && crate::core::words::is_kebab(s.trim())
    {
        return Some(Lead::Group(At::new(s.trim().to_string(), n.loc)));
    }
    text(r, n, "lead").map(Lead::Text)
}

/// A paper: a link to a content file (checked with the Markdown links), not
/// an address on another site, which the book cannot hold.
fn paper(r: &mut Reader, n: &Node) -> Option<String> {
    let target = r.string(n, "paper")?;
    if target.trim().is_empty() {
        r.error(codes::MISSING_FIELD, n.loc, "this paper is empty").hint = Some(PAPER_HINT.into());
        return None;
    }
    if crate::links::is_external(&target) {
        r.error(
            codes::INVALID_VALUE,
            n.loc,
            format!("`{}` is not a file of the content folder", crate::yaml::read::abridged(&target)),
        )
        .hint = Some(format!(
            "a paper is printed in the briefing book, so it must be a file of the content folder: {PAPER_HINT}; link to other sites from the item's `note`"
        ));
        return None;
    }
    Some(target)
}

const PAPER_HINT: &str = "link to a group, page, meeting or asset by its path relative to this meeting's file, e.g. `../groups/health.yaml` or `../pages/roadmap.md`";

/// Reads a translation's front matter: only `title` (a string) is allowed.
pub fn translation_title(r: &mut Reader, node: &Node) -> Option<String> {
    let f = r.fields(node, TRANSLATION.what, &TRANSLATION.keys())?;
    let title = f.get("title").and_then(|n| Some((r.string(n, "title")?, n.loc)))?;
    if title.0.trim().is_empty() {
        r.error(codes::MISSING_FIELD, title.1, "`title` is empty").hint = Some(
            "write the title in this file's language, or leave `title` out to keep the original's".into(),
        );
        return None;
    }
    Some(title.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(source: &str) -> (Vec<AgendaItem>, Vec<crate::diag::Diagnostic>) {
        let node = crate::yaml::parse(source).unwrap();
        let mut r = Reader::with_source("meetings/2021-05-26.md", source);
        let NodeKind::Map(entries) = &node.kind else { panic!("a mapping") };
        let list = &entries.iter().find(|(k, _)| k.name == "agenda").unwrap().1;
        let items = agenda(&mut r, list);
        (items, r.diags)
    }

    #[test]
    fn an_agenda_item_reads_its_lead_as_a_group_id_or_as_words() {
        let (items, diags) = items(
            "agenda:\n  - {title: A, lead: health, purpose: decision, time: \"09:00-09:30\", papers: [../groups/health.yaml]}\n  - {title: B, lead: Co-chairs, purpose: discussion}\n  - {title: C, lead: {en: Chair, fr: Présidence}, purpose: information, note: \"See [x](../pages/x.md).\"}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[0].lead, Lead::Group(g) if g.value == "health" && g.loc.line == 2));
        assert_eq!(items[0].time.map(|t| t.to_string()).as_deref(), Some("09:00–09:30"));
        assert_eq!(items[0].papers[0].target, "../groups/health.yaml");
        assert_eq!((items[0].papers[0].loc.line, items[0].papers[0].loc.col), (2, 79));
        assert!(matches!(&items[1].lead, Lead::Text(t) if t.plain.as_deref() == Some("Co-chairs")));
        assert!(matches!(&items[2].lead, Lead::Text(t) if t.get("fr", "en") == "Présidence"));
        assert_eq!(items[2].purpose, Purpose::Information);
        let note = items[2].note.as_ref().and_then(|n| n.markdown.as_ref()).expect("a Markdown note");
        assert_eq!(note.links[0].target, "../pages/x.md", "its links are checked as a body's");
    }

    #[test]
    fn a_bad_purpose_time_paper_or_key_is_an_error_at_its_place() {
        let (items, diags) = items(
            "agenda:\n  - {title: A, lead: health, purpose: decison, time: \"9h\", papers: [\"https://x.org/a.pdf\", \" \"], when: 1}\n",
        );
        let got: Vec<(&str, u32)> = diags.iter().map(|d| (d.code, d.column)).collect();
        assert_eq!(
            got,
            [
                ("unknown-key", 98),
                ("invalid-value", 54),
                ("invalid-value", 39),
                ("invalid-value", 69),
                ("missing-field", 92)
            ]
        );
        assert_eq!(diags[2].hint.as_deref(), Some("did you mean `decision`?"));
        assert_eq!(items.len(), 1, "kept, so that its lead is checked too");
        assert!(items[0].papers.is_empty());
    }
}
