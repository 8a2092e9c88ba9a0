//! A small committee built in memory for the views' unit tests: a site in
//! English and French, one group (its name in English only) with two
//! updates, one meeting with a decision and an action, one page.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::{Date, date};

use super::{Builder, Charts};
use crate::core::Loc;
use crate::derive::State;
use crate::model::*;
use crate::render::localize::Localizer;

pub fn text(langs: &[(&str, &str)]) -> Text {
    Text {
        loc: Loc::default(),
        plain: None,
        langs: langs
            .iter()
            .map(|(l, t)| Translation { lang: l.to_string(), text: t.to_string(), loc: Loc::default() })
            .collect(),
        markdown: None,
    }
}

fn paper(target: &str) -> LinkRef {
    LinkRef {
        target: target.into(),
        loc: Loc::default(),
        is_image: false,
        removed_scheme: None,
        in_html: false,
    }
}

pub fn at(s: &str) -> At<String> {
    At::new(s.to_string(), Loc::default())
}

fn update(d: Date, reports: &[(&str, Status, Option<u8>)], risk: RiskLevel) -> Update {
    Update {
        group: at("ports"),
        date: d,
        file: format!("updates/{d}/ports.yaml"),
        summary: Some(text(&[("en", "All *well*."), ("fr", "Tout va *bien*.")])),
        illustrative: false,
        activities: reports
            .iter()
            .map(|(id, s, p)| ActivityReport { id: at(id), status: *s, progress: *p, note: None })
            .collect(),
        mentioned: Vec::new(),
        metrics: Vec::new(),
        risks: vec![Risk {
            id: None,
            title: text(&[("en", "Winter <closures>")]),
            level: risk,
            status: crate::model::RiskStatus::Open,
            mitigation: None,
            loc: Loc::default(),
        }],
        risks_loc: Loc::default(),
        asks: vec![crate::model::Ask { id: None, text: Text::plain("Approve the budget.") }],
        imports: Vec::new(),
    }
}

pub fn content() -> Content {
    let site = Site {
        file: "site.yaml".into(),
        title: text(&[("en", "Border Committee"), ("fr", "Comité frontalier")]),
        short_name: None,
        subtitle: Some(text(&[("en", "Joint work")])),
        description: None,
        languages: vec!["en".into(), "fr".into()],
        languages_loc: Loc::default(),
        classification: Text::plain("UNCLASSIFIED"),
        parties: vec![
            ("ca".into(), text(&[("en", "Canada"), ("fr", "Canada")]), Loc::default()),
            ("us".into(), text(&[("en", "United States")]), Loc::default()),
        ],
        base_url: None,
        time_zone: None,
        paper: Paper::A4,
        secretariat: Some(text(&[("en", "Border Secretariat"), ("fr", "Secrétariat frontalier")])),
        distribution: None,
        members: Vec::new(),
        quorum: None,
    };
    let group = Group {
        id: "ports".into(),
        file: "groups/ports.yaml".into(),
        name: text(&[("en", "Port Operations")]),
        order: None,
        mandate: text(&[("en", "Run the ports."), ("fr", "Gérer les ports.")]),
        chairs: vec![Chair { party: at("us"), name: Some("Jane Roe".into()), organization: None }],
        activities: vec![
            Activity {
                id: at("scan"),
                title: text(&[("en", "Scanners"), ("fr", "Scanneurs")]),
                lead: vec![at("ca"), at("us")],
                due: Some(date(2021, 1, 1)),
                description: None,
            },
            Activity {
                id: at("train"),
                title: text(&[("en", "Training")]),
                lead: Vec::new(),
                due: None,
                description: None,
            },
        ],
        metrics: Vec::new(),
    };
    let meeting = Meeting {
        slug: "2021-05-26".into(),
        file: "meetings/2021-05-26.md".into(),
        fields: "meetings/2021-05-26.md".into(),
        title: text(&[("en", "Spring meeting")]),
        date: date(2021, 5, 26),
        format: Some("in-person"),
        time: None,
        location: Some(text(&[("en", "Harbour Room")])),
        time_zone: None,
        join: None,
        illustrative: false,
        draft: false,
        record: None,
        attendance: None,
        attendees: vec![Attendee {
            party: at("us"),
            organization: Some(text(&[("en", "Customs")])),
            name: Some("John Doe".into()),
            role: Some(text(&[("en", "Director"), ("fr", "Directeur")])),
        }],
        agenda: vec![AgendaItem {
            title: text(&[("en", "Port report"), ("fr", "Rapport des ports")]),
            time: MeetingTime::parse("10:00-10:30"),
            lead: Lead::Group(at("ports")),
            purpose: Purpose::Decision,
            papers: vec![paper("../groups/ports.yaml"), paper("../pages/terms.md")],
            note: None,
        }],
        decisions: vec![Decision {
            id: None,
            group: Some(at("ports")),
            text: Text::plain("Go ahead."),
            supersedes: None,
            rescinds: None,
            answers: Vec::new(),
            loc: Loc::default(),
        }],
        actions: vec![Action {
            id: at("a1"),
            owner: text(&[("en", "Secretariat"), ("fr", "Secrétariat")]),
            group: Some(at("ports")),
            due: Some(date(2021, 5, 1)),
            status: ActionStatus::Open,
            text: Text::plain("Send the minutes."),
        }],
        body: Markdown {
            source: "## Context\n\nSee [the terms](../pages/terms.md).\n".into(),
            ..Default::default()
        },
        translations: Vec::new(),
    };
    let page = Page {
        slug: "terms".into(),
        file: "pages/terms.md".into(),
        title: text(&[("en", "Terms of reference")]),
        order: None,
        draft: false,
        body: Markdown { source: "# Terms\n\n## Scope\n".into(), ..Default::default() },
        translations: vec![TranslatedBody {
            lang: "fr".into(),
            file: "pages/terms.fr.md".into(),
            title: Some("Mandat".into()),
            body: Markdown { source: "## Portée\n".into(), ..Default::default() },
        }],
    };
    Content {
        site: Some(site),
        groups: vec![group],
        updates: vec![
            update(date(2021, 3, 1), &[("scan", Status::Planned, Some(15))], RiskLevel::Low),
            update(
                date(2021, 5, 20),
                &[("scan", Status::InProgress, Some(35)), ("train", Status::Planned, None)],
                RiskLevel::High,
            ),
        ],
        meetings: vec![Arc::new(meeting)],
        pages: vec![Arc::new(page)],
        assets: Vec::new(),
        files: Vec::new(),
    }
}

/// English interface strings enough for the views' sentences.
pub fn strings(lang: &str) -> BTreeMap<String, String> {
    let en = [
        ("change_new", "new"),
        ("change_was", "was {status}"),
        ("change_points", "{delta} pts"),
        ("change_from_to", "{from} → {to}"),
        ("change_and_points", "{change} · {points}"),
        ("change_status_progress", "{status} ({progress})"),
        ("separator_colon", ": "),
        ("risk_new", "{level} (new risk)"),
        ("risk_closed", "closed (was {level})"),
        ("risk_level_was", "{level} (was {was})"),
        ("change_worse", "Worse"),
        ("change_better", "Better"),
        ("risk_low", "Low"),
        ("risk_high", "High"),
        ("status_planned", "Planned"),
        ("status_in_progress", "In progress"),
        ("days_overdue", "{n} days overdue"),
        ("action_overdue", "Overdue"),
        ("caption_activities", "Activities"),
        ("book_annex", "Annex"),
        ("book_summary", "Summary"),
        ("nav_actions", "Actions"),
        ("heading_agenda", "Agenda"),
        ("heading_previous_meeting", "Previous record"),
        ("book_decisions_sought", "Decisions sought"),
        ("book_key_changes", "Key changes"),
        ("book_item", "Item {number}"),
        ("purpose_decision", "For decision"),
        ("format_in_person", "In person"),
        ("time_clock", "{hh}:{mm}"),
        ("time_clock_hour", "{hh}:{mm}"),
        ("time_span", "{start}–{end}"),
        ("time_zoned", "{time} {zone}"),
    ];
    let fr = [
        ("purpose_decision", "Pour décision"),
        ("change_new", "nouveau"),
        ("status_planned", "Prévue"),
        ("status_in_progress", "En cours"),
    ];
    let mut out: BTreeMap<String, String> = en.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    if lang == "fr" {
        out.extend(fr.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    }
    out
}

pub fn localizer(lang: &str) -> Localizer {
    Localizer::new(lang, "en", strings(lang))
}

/// The committee with a second meeting, on June 30, 2021: after the
/// briefing date, so upcoming, with an agenda and no record.
pub fn content_with_upcoming() -> Content {
    let mut c = content();
    let past = c.meetings[0].as_ref().clone();
    let upcoming = Meeting {
        slug: "2021-06-30".into(),
        file: "meetings/2021-06-30.md".into(),
        fields: "meetings/2021-06-30.md".into(),
        title: text(&[("en", "Summer meeting"), ("fr", "Réunion d’été")]),
        date: date(2021, 6, 30),
        time: MeetingTime::parse("14:00-16:00"),
        format: Some("hybrid"),
        attendees: Vec::new(),
        decisions: Vec::new(),
        actions: Vec::new(),
        agenda: vec![AgendaItem {
            title: text(&[("en", "Approval of the record"), ("fr", "Approbation du compte rendu")]),
            time: None,
            lead: Lead::Text(text(&[("en", "Chair"), ("fr", "Présidence")])),
            purpose: Purpose::Decision,
            papers: vec![paper("2021-05-26.md")],
            note: None,
        }],
        body: Markdown::default(),
        ..past
    };
    c.meetings.push(Arc::new(upcoming));
    c
}

/// Runs `f` with a builder for a page `root` deep in `lang`.
pub fn with_builder<R>(lang: &str, in_book: bool, f: impl FnOnce(&Builder, &State) -> R) -> R {
    with_content(content(), lang, in_book, f)
}

/// As [`with_builder`], over `content`.
pub fn with_content<R>(
    content: Content,
    lang: &str,
    in_book: bool,
    f: impl FnOnce(&Builder, &State) -> R,
) -> R {
    let site = content.site.clone().unwrap();
    let state = crate::derive::derive(&content, date(2021, 5, 26), false);
    let l = localizer(lang);
    let charts = Charts::default();
    let memo = crate::render::memo::Memo::off();
    let opts = crate::render::pages::RenderOptions::default();
    let around = super::Around::of(&site, &content, &state, &opts);
    let lookups = super::Lookups::of(&content);
    let site_root = if lang == "en" { "../../" } else { "../../../" };
    let rec = super::RecordBuilder {
        in_book,
        ..super::RecordBuilder::new(&l, &around, (0, 0), &memo, "../../".into(), site_root.into())
    };
    let b = Builder {
        rec,
        lookups: &lookups,
        site: &site,
        state: super::parts::Tracked::new(&state, &charts, None),
    };
    f(&b, &state)
}
