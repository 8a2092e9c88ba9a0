//! The content model as data: every record's keys, which are required, what
//! each holds and what it means. The loader reads its known keys from here
//! (`Record::keys`), and the JSON Schemas that editors use are generated from
//! here (`super::json`): one definition, no second copy to drift.

use crate::model::{ActionStatus, MemberRole, Purpose, RecordState, RiskLevel, RiskStatus, Status};

/// A mapping with fixed keys (unknown keys are errors).
#[derive(Debug)]
pub struct Record {
    /// What the record is called in messages and schema titles.
    pub what: &'static str,
    pub fields: &'static [Field],
}

/// One key of a record.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub required: bool,
    pub value: Value,
    /// The meaning, as the field tables of docs/content.md give it.
    pub doc: &'static str,
}

/// What a field holds.
#[derive(Debug)]
pub enum Value {
    /// A string the same in every language, or a map of language code to
    /// string (numbers are read as their text).
    Text,
    /// A plain string (a number is read as its text).
    Plain,
    /// A whole number.
    Int,
    /// A whole number within a range.
    IntIn(i64, i64),
    /// `true` or `false`.
    Bool,
    /// A real date written `YYYY-MM-DD`.
    Date,
    /// A time of day, or a span: `14:00`, `14:00-16:00`.
    Time,
    /// An id: lowercase letters, digits and hyphens.
    Id,
    /// An action's id: letters of either case, digits and hyphens.
    ActionId,
    /// A party code: uppercase letters, digits and hyphens.
    Party,
    /// A language code: two or three lowercase letters.
    Language,
    /// An absolute http(s) address.
    Url,
    /// An IANA time zone name: `America/Toronto`.
    TimeZone,
    /// An https:// address to join a meeting at.
    JoinUrl,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// A list of values.
    List(&'static Value),
    /// A nested record.
    Record(&'static Record),
    /// A mapping whose keys are of `key` (an id or a party code) and whose
    /// values are all `value`.
    Map { key: &'static Value, value: &'static Value },
    /// A metric observation: `{period, <PARTY>: number, …}`.
    Observation,
    /// Any one of these values.
    OneOf(&'static [Value]),
}

impl Record {
    /// The keys the record allows, in table order.
    pub fn keys(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.key).collect()
    }
}

const fn field(key: &'static str, required: bool, value: Value, doc: &'static str) -> Field {
    Field { key, required, value, doc }
}

/// How a metric is drawn.
pub const CHART_KINDS: &[&str] = &["line", "bar", "stacked"];

/// How a meeting was held.
pub const FORMATS: &[&str] = &["virtual", "in-person", "hybrid"];

/// The paper of the briefing book.
pub const PAPERS: &[&str] = &["letter", "a4"];
/// `publish: public` or `publish: private` in site.yaml.
pub const PUBLISH: &[&str] = &["private", "public"];

pub static PRINT: Record = Record {
    what: "print",
    fields: &[field(
        "paper",
        false,
        Value::Choice(PAPERS),
        "paper size of the briefing book: `letter` (default) or `a4`",
    )],
};

pub static SITE: Record = Record {
    what: "site.yaml",
    fields: &[
        field("title", true, Value::Text, "the committee"),
        field(
            "short_name",
            false,
            Value::Text,
            "a shorter form of `title`, shown whole in a phone's header instead of the title cut to two lines",
        ),
        field("subtitle", false, Value::Text, "e.g. \"Steering Committee Briefing\""),
        field("description", false, Value::Text, "a paragraph under the dashboard title"),
        field(
            "languages",
            false,
            Value::List(&Value::Language),
            "the first is the default language; others are published under `/<code>/` (default `[en]`)",
        ),
        field(
            "classification",
            false,
            Value::Text,
            "printed at the top and bottom of every page and printed page (default `UNCLASSIFIED`)",
        ),
        field(
            "parties",
            true,
            Value::Map { key: &Value::Party, value: &Value::Text },
            "party code (uppercase, e.g. `CA`) to the party's name",
        ),
        field(
            "base_url",
            false,
            Value::Url,
            "the absolute address the site is published at, as `--base-url`",
        ),
        field(
            "publish",
            false,
            Value::Choice(PUBLISH),
            "`public` lets the publish workflow `briefing init` writes deploy the site to GitHub Pages; `private` (the default) builds it as a workflow artifact only",
        ),
        field(
            "time_zone",
            false,
            Value::TimeZone,
            "the committee's time zone, an IANA name (`America/Toronto`): meeting times are given in it; without it they are floating local times",
        ),
        field("print", false, Value::Record(&PRINT), "briefing book settings"),
        field(
            "secretariat",
            false,
            Value::Text,
            "who issues the briefing book, named on its cover, e.g. \"Secretariat, Joint Action Plan\"",
        ),
        field(
            "distribution",
            false,
            Value::Text,
            "to whom the briefing book goes, named on its cover, e.g. \"Steering committee members\"",
        ),
        field(
            "members",
            false,
            Value::List(&Value::Record(&MEMBER)),
            "the committee's roster, each `{id, name, party, organization?, role?}`: meetings' attendance names them by id",
        ),
        field(
            "quorum",
            false,
            Value::Record(&QUORUM),
            "what a held meeting needs present to decide: `{parties: all}` (every party present or represented) and/or `{members: N}` (at least N members)",
        ),
    ],
};

pub static MEMBER: Record = Record {
    what: "a member",
    fields: &[
        field("id", true, Value::Id, "the member's id, which a meeting's attendance names"),
        field(
            "name",
            false,
            Value::Plain,
            "the member's name (a roster kept by office, a seat per organization and role, leaves it out)",
        ),
        field("party", true, Value::Party, "party code"),
        field("organization", false, Value::Text, "the member's organization"),
        field(
            "role",
            false,
            Value::Choice(&MemberRole::KEYS),
            "`co-chair`, `member` (default) or `alternate`; alternates do not count towards the quorum unless they represent a member",
        ),
    ],
};

/// `parties: all`.
pub const QUORUM_PARTIES: &[&str] = &["all"];

pub static QUORUM: Record = Record {
    what: "a quorum rule",
    fields: &[
        field(
            "parties",
            false,
            Value::Choice(QUORUM_PARTIES),
            "`all`: every party has a member present or represented",
        ),
        field("members", false, Value::Int, "at least this many members present or represented"),
    ],
};

pub static CHAIR: Record = Record {
    what: "a chair",
    fields: &[
        field("party", true, Value::Party, "party code"),
        field("name", false, Value::Plain, "a person's name"),
        field("organization", false, Value::Text, "the chair's organization"),
    ],
};

pub static ACTIVITY: Record = Record {
    what: "an activity",
    fields: &[
        field("id", true, Value::Id, "the activity's id, which updates report against"),
        field("title", true, Value::Text, "the activity"),
        field("lead", false, Value::List(&Value::Party), "the party codes that lead it"),
        field("due", false, Value::Date, "when it is due (YYYY-MM-DD)"),
        field("description", false, Value::Text, "what it is (Markdown)"),
    ],
};

pub static METRIC: Record = Record {
    what: "a metric",
    fields: &[
        field("id", true, Value::Id, "the metric's id, which updates report observations against"),
        field("title", true, Value::Text, "the metric"),
        field("unit", false, Value::Text, "the unit of its values, e.g. `kg`"),
        field(
            "chart",
            false,
            Value::Choice(CHART_KINDS),
            "how it is drawn: `line` (default), `bar` or `stacked`",
        ),
        field("description", false, Value::Text, "what it measures (Markdown)"),
    ],
};

pub static GROUP: Record = Record {
    what: "a group",
    fields: &[
        field("name", true, Value::Text, "the working group"),
        field("order", false, Value::Int, "position in menus and the book (then by id)"),
        field("mandate", true, Value::Text, "the group's mandate (Markdown)"),
        field("chairs", false, Value::List(&Value::Record(&CHAIR)), "each `{party, name?, organization?}`"),
        field(
            "activities",
            false,
            Value::List(&Value::Record(&ACTIVITY)),
            "each `{id, title, lead?, due?, description?}`",
        ),
        field(
            "metrics",
            false,
            Value::List(&Value::Record(&METRIC)),
            "each `{id, title, unit?, chart?, description?}`",
        ),
    ],
};

pub static REPORT: Record = Record {
    what: "an activity report",
    fields: &[
        field(
            "status",
            true,
            Value::Choice(&Status::KEYS),
            "`planned`, `in-progress`, `at-risk`, `blocked` or `done`",
        ),
        field("progress", false, Value::IntIn(0, 100), "a whole number from 0 to 100"),
        field("note", false, Value::Text, "a note on where it stands (Markdown)"),
    ],
};

pub static RISK: Record = Record {
    what: "a risk",
    fields: &[
        field("id", false, Value::Id, "matches the risk across updates (else its title does)"),
        field("title", true, Value::Text, "the risk"),
        field("level", true, Value::Choice(&RiskLevel::KEYS), "`low`, `medium` or `high`"),
        field(
            "status",
            false,
            Value::Choice(&RiskStatus::KEYS),
            "`open` (default) or `closed`: a risk is open until an update closes it; one left out of an update is not reported, never closed",
        ),
        field("mitigation", false, Value::Text, "how it is mitigated"),
    ],
};

/// A metric's observations taken from a spreadsheet in `data/`.
pub static IMPORT: Record = Record {
    what: "a spreadsheet import",
    fields: &[
        field(
            "from",
            true,
            Value::Plain,
            "the spreadsheet (CSV, XLSX, XLS or ODS) in data/, named relative to the update: `../../data/seizures.xlsx`",
        ),
        field("sheet", false, Value::Plain, "the sheet of a workbook (default: the first)"),
        field(
            "range",
            false,
            Value::Plain,
            "the cells of the table, e.g. `A3:C15` (default: every cell used); its first row names the columns: `period`, then party codes",
        ),
    ],
};

pub static UPDATE: Record = Record {
    what: "an update",
    fields: &[
        field("summary", false, Value::Text, "the update in a few lines (Markdown)"),
        field("illustrative", false, Value::Bool, "the figures are sample data: pages say so"),
        field(
            "activities",
            false,
            Value::Map { key: &Value::Id, value: &Value::Record(&REPORT) },
            "activity id to its report `{status, progress?, note?}`; an activity of the group left out is an `omitted-activity` warning",
        ),
        field(
            "metrics",
            false,
            Value::Map {
                key: &Value::Id,
                value: &Value::OneOf(&[Value::List(&Value::Observation), Value::Record(&IMPORT)]),
            },
            "metric id to its observations `{period, <PARTY>: number, …}`, or to the spreadsheet that holds them `{from, sheet?, range?}`",
        ),
        field(
            "risks",
            false,
            Value::List(&Value::Record(&RISK)),
            "each `{id?, title, level, status?, mitigation?}`; a risk open in an earlier update and left out here is a `risk-not-reported` warning",
        ),
        field(
            "asks",
            false,
            Value::List(&Value::OneOf(&[Value::Text, Value::Record(&ASK)])),
            "decisions requested of the committee: a Text, or `{id, text}` to follow the ask until a decision `answers` it",
        ),
    ],
};

pub static ATTENDEE: Record = Record {
    what: "an attendee",
    fields: &[
        field("party", true, Value::Party, "party code"),
        field("organization", false, Value::Text, "the attendee's organization"),
        field("name", false, Value::Plain, "a person's name"),
        field("role", false, Value::Text, "the attendee's role"),
    ],
};

pub static ASK: Record = Record {
    what: "an ask",
    fields: &[
        field(
            "id",
            false,
            Value::Id,
            "the ask's id, which a decision `answers`; the same id in a later update is the same ask",
        ),
        field("text", true, Value::Text, "what the committee is asked to decide (Markdown)"),
    ],
};

pub static DECISION: Record = Record {
    what: "a decision",
    fields: &[
        field(
            "id",
            false,
            Value::Id,
            "its reference (default: the meeting's file name and its place, `2021-05-26/3`)",
        ),
        field("group", false, Value::Id, "the id of the group it concerns"),
        field("text", true, Value::Text, "the decision (Markdown)"),
        field("supersedes", false, Value::Plain, "the reference of an earlier decision it replaces"),
        field("rescinds", false, Value::Plain, "the reference of an earlier decision it withdraws"),
        field("answers", false, Value::List(&Value::Id), "the ids of the asks it answers"),
    ],
};

pub static REPRESENTED: Record = Record {
    what: "a represented member",
    fields: &[
        field("member", true, Value::Id, "the member's id"),
        field("by", true, Value::Plain, "who stood in: an alternate's id on the roster, or a name"),
    ],
};

pub static ATTENDANCE: Record = Record {
    what: "attendance",
    fields: &[
        field("present", false, Value::List(&Value::Id), "the ids of the members present"),
        field("regrets", false, Value::List(&Value::Id), "the ids of the members who sent regrets"),
        field(
            "represented",
            false,
            Value::List(&Value::Record(&REPRESENTED)),
            "each `{member, by}`: a member represented by an alternate",
        ),
        field("observers", false, Value::List(&Value::Text), "others in attendance"),
        field("secretariat", false, Value::List(&Value::Text), "the secretariat in attendance"),
    ],
};

pub static ACTION: Record = Record {
    what: "an action",
    fields: &[
        field("id", true, Value::ActionId, "unique across all meetings, e.g. `A-2021-05-01`"),
        field("owner", true, Value::Text, "who owns it: `CBSA` or `{en: CBSA, fr: ASFC}`"),
        field("group", false, Value::Id, "the id of the group it concerns"),
        field(
            "due",
            false,
            Value::Date,
            "when it is due (YYYY-MM-DD); an open action past the briefing date is overdue",
        ),
        field(
            "status",
            false,
            Value::Choice(&ActionStatus::KEYS),
            "`open` (default), `in-progress`, `done` or `cancelled`",
        ),
        field("text", true, Value::Text, "the action (Markdown)"),
    ],
};

pub static AGENDA_ITEM: Record = Record {
    what: "an agenda item",
    fields: &[
        field("title", true, Value::Text, "the item"),
        field(
            "time",
            false,
            Value::Time,
            "when it is taken up: `\"14:00\"` or `\"14:00-14:30\"` (24-hour clock)",
        ),
        field(
            "lead",
            true,
            Value::Text,
            "who leads it: a group's id (`health`), or a name in words (`Co-chairs`, `{en: Secretariat, fr: Secrétariat}`)",
        ),
        field(
            "purpose",
            true,
            Value::Choice(&Purpose::KEYS),
            "what the committee is asked to do: `decision`, `discussion` or `information`",
        ),
        field(
            "papers",
            false,
            Value::List(&Value::Plain),
            "links to its papers, relative to the meeting's file as Markdown links are: `../groups/health.yaml`, `../pages/roadmap.md`, `2021-02-23.md`, `../assets/plan.pdf`",
        ),
        field("note", false, Value::Text, "a note on the item (Markdown)"),
    ],
};

pub static MEETING: Record = Record {
    what: "a meeting",
    fields: &[
        field("title", true, Value::Text, "the meeting"),
        field("date", true, Value::Date, "must equal the file name's date (YYYY-MM-DD)"),
        field("format", false, Value::Choice(FORMATS), "`virtual`, `in-person` or `hybrid`"),
        field(
            "time",
            false,
            Value::Time,
            "when it starts, or starts and ends, in its local time: `\"14:00\"` or `\"14:00-16:00\"` (24-hour clock)",
        ),
        field("location", false, Value::Text, "where it is held"),
        field(
            "time_zone",
            false,
            Value::TimeZone,
            "the time zone of its times when not the committee's, an IANA name (`Europe/Paris`)",
        ),
        field(
            "join",
            false,
            Value::JoinUrl,
            "the https:// address members join a virtual or hybrid meeting at (no passcode in it)",
        ),
        field("illustrative", false, Value::Bool, "the record is sample data: pages say so"),
        field("draft", false, Value::Bool, "built only with `--drafts`"),
        field(
            "agenda",
            false,
            Value::List(&Value::Record(&AGENDA_ITEM)),
            "each `{title, time?, lead, purpose, papers?, note?}`, in order",
        ),
        field(
            "record",
            false,
            Value::Choice(&RecordState::KEYS),
            "where the record stands: `draft`, `circulated` (for comment) or `approved`",
        ),
        field(
            "approved_at",
            false,
            Value::Plain,
            "the meeting that approved the record (its file name without `.md`, e.g. `2021-09-29`), with `record: approved`",
        ),
        field(
            "attendees",
            false,
            Value::List(&Value::Record(&ATTENDEE)),
            "each `{party, organization?, name?, role?}`",
        ),
        field(
            "attendance",
            false,
            Value::Record(&ATTENDANCE),
            "`{present?, regrets?, represented?, observers?, secretariat?}` by the members of site.yaml",
        ),
        field(
            "decisions",
            false,
            Value::List(&Value::Record(&DECISION)),
            "each `{id?, group?, text, supersedes?, rescinds?, answers?}`",
        ),
        field(
            "actions",
            false,
            Value::List(&Value::Record(&ACTION)),
            "each `{id, owner, group?, due?, status?, text}`",
        ),
    ],
};

pub static PAGE: Record = Record {
    what: "a page",
    fields: &[
        field("title", true, Value::Text, "the page"),
        field("order", false, Value::Int, "position in menus and the book (then by slug)"),
        field("draft", false, Value::Bool, "built only with `--drafts`"),
    ],
};

/// The front matter of a translation `x.fr.md`: its title only.
pub static TRANSLATION: Record = Record {
    what: "a translation's front matter",
    fields: &[field(
        "title",
        false,
        Value::Plain,
        "the title in this file's language (default: the original's)",
    )],
};

/// Every top-level record, by the name of its schema file.
pub static ALL: &[(&str, &Record)] = &[
    ("site", &SITE),
    ("group", &GROUP),
    ("update", &UPDATE),
    ("meeting", &MEETING),
    ("page", &PAGE),
    ("translation", &TRANSLATION),
];
