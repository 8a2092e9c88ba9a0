//! `briefing init` and `briefing new`: files that validate from the start.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::core::placeholder;

use crate::yaml::read::{is_kebab, kebab};

/// What `briefing new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Group,
    Update,
    Meeting,
    Page,
}

fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days as i64))
        .unwrap_or(Date::constant(2000, 1, 1))
}

/// Creates a committee repository in `dir`, ready to push: the content, a
/// README for its staff, `.gitignore`, the publish workflow, the JSON
/// Schemas and the editor settings that use them. Returns how many files
/// were written.
pub fn init(dir: &Path) -> Result<usize, String> {
    if dir.exists() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false) {
        return Err(format!("`{}` is not empty; choose a new folder", dir.display()));
    }
    let date = today();
    let content = dir.join("content");
    let mut files: Vec<(PathBuf, String)> = vec![
        (content.join("site.yaml"), SITE.to_string()),
        (
            content.join("groups/working-group.yaml"),
            group_text("Working Group", INIT_MANDATE, &["A".to_string()]),
        ),
        (content.join(format!("updates/{date}/working-group.yaml")), UPDATE.to_string()),
        (content.join(format!("meetings/{date}.yaml")), init_meeting(date)),
        (content.join(format!("meetings/{date}.md")), format!("{INIT_MEETING_BODY}\n")),
        (content.join("pages/about.md"), page_text("About the committee", INIT_PAGE_BODY)),
        (dir.join(".gitignore"), "output/\n".to_string()),
        (dir.join("README.md"), committee_readme(date)),
        (dir.join(".github/workflows/publish.yml"), publish_workflow()),
        (dir.join(".vscode/settings.json"), vscode_settings()),
        (
            dir.join(".vscode/extensions.json"),
            "{\n  \"recommendations\": [\"redhat.vscode-yaml\"]\n}\n".to_string(),
        ),
    ];
    for (name, text) in crate::schema::all() {
        files.push((dir.join(SCHEMAS).join(name), text));
    }
    for (path, text) in &files {
        write_new(path, text)?;
    }
    Ok(files.len())
}

/// Where `init` puts the schemas, relative to the repository.
pub const SCHEMAS: &str = "schemas";

/// The repository that publishes briefing's releases, as `owner/name`: the
/// release build records its own (`BRIEFING_RELEASE_REPO`), else the
/// package's `repository` when it is on GitHub. A development build knows
/// neither: `init` then writes a workflow that says how to set it.
pub fn release_repo() -> Option<&'static str> {
    const FROM_RELEASE: Option<&str> = option_env!("BRIEFING_RELEASE_REPO");
    const FROM_PACKAGE: &str = env!("CARGO_PKG_REPOSITORY");
    match FROM_RELEASE.filter(|r| !r.is_empty()) {
        Some(r) => Some(r),
        None => FROM_PACKAGE
            .strip_prefix("https://github.com/")
            .map(|r| r.trim_end_matches('/'))
            .filter(|r| r.contains('/')),
    }
}

/// The release `init`'s workflow installs: the one running.
pub fn release_version() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

/// The publish workflow a committee repository runs.
pub fn publish_workflow() -> String {
    filled(include_str!("scaffold_files/publish.yml"))
}

/// A template with the release's version and repository filled in.
fn filled(template: &str) -> String {
    let (briefing, releases, guide) = match release_repo() {
        Some(repo) => (
            format!("[briefing](https://github.com/{repo})"),
            format!("its [releases page](https://github.com/{repo}/releases)"),
            format!("[the secretariat's guide](https://github.com/{repo}/blob/{}/docs/guide.md)", release_version()),
        ),
        None => (
            "briefing".to_string(),
            "the releases page of the repository briefing is published from (this repository was made by a development build of briefing, which does not know it: ask whoever gave you briefing)".to_string(),
            "the secretariat's guide (`docs/guide.md` in briefing's own repository)".to_string(),
        ),
    };
    template
        .replace("{{version}}", &release_version())
        .replace("{{repo}}", release_repo().unwrap_or(""))
        .replace("{{briefing}}", &briefing)
        .replace("{{releases}}", &releases)
        .replace("{{guide}}", &guide)
        .replace("{{title}}", "Joint Steering Committee")
}

/// The committee's README, its examples dated after the content `init`
/// wrote on `date`.
fn committee_readme(date: Date) -> String {
    let next = date.checked_add(jiff::Span::new().months(1)).unwrap_or(date);
    filled(include_str!("scaffold_files/README.md"))
        .replace("{{date}}", &date.to_string())
        .replace("{{next}}", &next.to_string())
}

/// `.vscode/settings.json`: each YAML file kind tied to its schema.
fn vscode_settings() -> String {
    let mut schemas = serde_json::Map::new();
    for (name, globs) in crate::schema::FILES {
        // The YAML extension reads .yaml files only (a meeting's fields
        // among them); Markdown front matter is checked by `briefing check`.
        let yaml: Vec<&str> = globs.iter().copied().filter(|g| g.ends_with(".yaml")).collect();
        if !yaml.is_empty() {
            let file = format!("./{SCHEMAS}/{}", crate::schema::file_name(name));
            schemas.insert(file, serde_json::json!(yaml));
        }
    }
    let settings = serde_json::json!({
        "yaml.schemas": schemas,
        "yaml.validate": true,
        "yaml.completion": true,
        "files.exclude": {"output": true},
    });
    serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n"
}

/// Creates one content file (for a meeting, its fields and its record);
/// returns the paths written.
pub fn new_file(
    content: &Path,
    kind: NewKind,
    name: &str,
    date: Option<Date>,
) -> Result<Vec<PathBuf>, String> {
    if !content.join("site.yaml").exists() {
        return Err(format!(
            "`{}` has no site.yaml; run `briefing init DIR` first or pass --content",
            content.display()
        ));
    }
    let date = date.unwrap_or_else(today);
    let slug = kebab(name);
    if slug.is_empty() || (!is_kebab(name) && kind != NewKind::Meeting && kind != NewKind::Page) {
        return Err(format!(
            "`{name}` is not a valid id: use lowercase letters, digits and hyphens, e.g. `{}`",
            if slug.is_empty() { "border-security" } else { &slug }
        ));
    }
    let rel = match kind {
        NewKind::Group => format!("groups/{slug}.yaml"),
        NewKind::Page => format!("pages/{slug}.md"),
        NewKind::Meeting => format!("meetings/{date}-{slug}.yaml"),
        NewKind::Update => format!("updates/{date}/{slug}.yaml"),
    };
    // What `check` would refuse is not written.
    if let Some(why) = crate::load::refused(&rel) {
        return Err(format!("cannot create `{rel}`: {why}"));
    }
    let (path, text) = match kind {
        NewKind::Group => {
            let parties: Vec<String> = crate::load::load(content)
                .content
                .site
                .map(|s| s.parties.into_iter().map(|(code, _, _)| code).collect())
                .unwrap_or_default();
            (
                content.join(format!("groups/{slug}.yaml")),
                group_text(&title_case(&slug), placeholder::MANDATE, &parties),
            )
        }
        NewKind::Page => {
            (content.join(format!("pages/{slug}.md")), page_text(&title_case(&slug), placeholder::PAGE_BODY))
        }
        NewKind::Meeting => {
            // The fields in YAML, which an editor validates; the record beside.
            let record = content.join(format!("meetings/{date}-{slug}.md"));
            if record.exists() {
                return Err(format!("`{}` already exists", record.display()));
            }
            let fields = content.join(format!("meetings/{date}-{slug}.yaml"));
            write_new(&fields, &meeting_fields(date, &title_case(&slug)))?;
            write_new(&record, &format!("{}\n", placeholder::MEETING_BODY))?;
            return Ok(vec![fields, record]);
        }
        NewKind::Update => {
            (content.join(format!("updates/{date}/{slug}.yaml")), update_text(content, &slug)?)
        }
    };
    write_new(&path, &text)?;
    Ok(vec![path])
}

/// An update pre-filled with every activity of the group, at its last
/// reported status and progress (its last note as a comment to edit), and
/// every risk still open, carried forward as last reported. Its summary is
/// the placeholder that `check --strict` refuses until it is written.
fn update_text(content: &Path, group: &str) -> Result<String, String> {
    let loaded = crate::load::load(content);
    let Some(g) = loaded.content.groups.iter().find(|g| g.id == group) else {
        let known: Vec<&str> = loaded.content.groups.iter().map(|g| g.id.as_str()).collect();
        return Err(format!(
            "there is no group `{group}` ({})",
            crate::diag::suggest::did_you_mean(group, &known)
        ));
    };
    let mut updates: Vec<_> = loaded.content.updates.iter().filter(|u| u.group.value == group).collect();
    updates.sort_by_key(|u| u.date);
    // The placeholder in each of the site's languages, for staff to replace.
    let languages: Vec<String> =
        loaded.content.site.as_ref().map(|s| s.languages.clone()).unwrap_or_else(|| vec!["en".into()]);
    let summary: Vec<String> =
        languages.iter().map(|l| format!("{l}: {}", yaml_string(placeholder::SUMMARY))).collect();
    let mut out = format!("summary: {{{}}}\n", summary.join(", "));
    out.push_str(if g.activities.is_empty() { "activities: {}\n" } else { "activities:\n" });
    for a in &g.activities {
        let last = updates.iter().rev().find_map(|u| u.activities.iter().find(|r| r.id.value == a.id.value));
        let status = last.map(|r| r.status.key()).unwrap_or("planned");
        let progress = last.and_then(|r| r.progress).unwrap_or(0);
        if let Some(note) = last.and_then(|r| r.note.as_ref()) {
            out.push_str(&format!("  # last note: {}\n", yaml_comment(&yaml_text(note))));
        }
        out.push_str(&format!("  {}: {{status: {status}, progress: {progress}}}\n", a.id.value));
    }
    // Every risk still open at its last report, whichever update that was.
    let open: Vec<&crate::model::Risk> = match updates.split_last() {
        Some((latest, earlier)) => latest
            .risks
            .iter()
            .filter(|r| r.status == crate::model::RiskStatus::Open)
            .chain(crate::model::unreported_risks(earlier, latest).into_iter().map(|u| u.risk))
            .collect(),
        None => Vec::new(),
    };
    if open.is_empty() {
        out.push_str("risks: []\n");
    } else {
        out.push_str("# Every risk still open, as last reported: update each, or close it with `status: closed`.\nrisks:\n");
        for r in open {
            out.push_str("  - ");
            if let Some(id) = &r.id {
                out.push_str(&format!("id: {id}\n    "));
            }
            out.push_str(&format!(
                "title: {}\n    level: {}\n    status: open\n",
                yaml_text(&r.title),
                r.level.key()
            ));
            if let Some(m) = &r.mitigation {
                out.push_str(&format!("    mitigation: {}\n", yaml_text(m)));
            }
        }
    }
    out.push_str("asks: []\n");
    Ok(out)
}

/// A text as YAML in flow style: `"words"` or `{en: "words", fr: "mots"}`.
fn yaml_text(t: &crate::model::Text) -> String {
    match &t.plain {
        Some(p) => yaml_string(p),
        None => {
            let parts: Vec<String> =
                t.langs.iter().map(|l| format!("{}: {}", l.lang, yaml_string(&l.text))).collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// A double-quoted YAML string (JSON's escapes are YAML's).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A comment's text on one line.
fn yaml_comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() {
        return Err(format!("`{}` already exists", path.display()));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn title_case(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const SITE: &str = "title: {en: Joint Steering Committee}
subtitle: {en: Steering Committee Briefing}
languages: [en]
# Printed at the top and bottom of every page and printed page.
classification: UNCLASSIFIED
parties:
  A: {en: Party A}
  B: {en: Party B}
# Named on the briefing book's cover.
secretariat: {en: Secretariat of the Joint Steering Committee}
distribution: {en: Members of the Joint Steering Committee}
# `private`: the publish workflow builds the site and its PDFs and keeps them
# as a workflow artifact, published nowhere. Write `publish: public` only once
# the committee has agreed that everything in it may be on a public website
# (GitHub Pages).
publish: private
";

/// A group chaired and led by the site's first party.
fn group_text(name: &str, mandate: &str, parties: &[String]) -> String {
    let (chairs, lead) = match parties.first() {
        Some(p) => (format!("\n  - {{party: {p}}}"), format!("[{p}]")),
        None => (" []".to_string(), "[]".to_string()),
    };
    format!(
        "name: {{en: {name}}}
mandate: {{en: {mandate}}}
chairs:{chairs}
activities:
  - id: first-activity
    title: {{en: First activity}}
    lead: {lead}
metrics: []
",
        mandate = yaml_string(mandate)
    )
}

/// What `init` writes where `new` writes a placeholder: a first committee
/// that passes `check --strict` as it is.
const INIT_MANDATE: &str = "Coordinate the committee's first activities.";
const INIT_MEETING_BODY: &str = "The committee met virtually and agreed its terms of reference.";
const INIT_PAGE_BODY: &str = "The committee's terms of reference, members and secretariat.";

const UPDATE: &str = "summary: {en: \"Work has started.\"}
activities:
  first-activity: {status: in-progress, progress: 10}
risks: []
asks: []
";

/// A meeting's fields, as `briefing new meeting` writes them beside the
/// record: everything empty, to fill in.
fn meeting_fields(date: Date, title: &str) -> String {
    format!(
        "title: {{en: {title}}}
date: {date}
format: virtual
agenda: []
attendees: []
decisions: []
actions: []
"
    )
}

/// The first meeting `init` writes: an agenda, a decision and an action,
/// as examples to follow.
fn init_meeting(date: Date) -> String {
    let due = date.checked_add(jiff::Span::new().months(1)).unwrap_or(date);
    format!(
        "# The fields of the meeting of {date}; its record is in {date}.md beside this file.
title: {{en: Steering Committee meeting}}
date: {date}
format: virtual
time: \"14:00-15:30\"
agenda:
  - title: {{en: Terms of reference}}
    lead: {{en: Co-chairs}}
    purpose: decision
    papers: [../pages/about.md]
  - title: {{en: The working group's first activities}}
    lead: working-group
    purpose: discussion
    papers: [../groups/working-group.yaml]
attendees:
  - {{party: A}}
  - {{party: B}}
decisions:
  - {{group: working-group, text: {{en: Agreed the terms of reference.}}}}
actions:
  - id: A-1
    owner: {{en: Secretariat}}
    group: working-group
    due: {due}
    status: open
    text: {{en: Circulate the record of this meeting.}}
"
    )
}

fn page_text(title: &str, body: &str) -> String {
    format!("---\ntitle: {{en: {title}}}\n---\n{body}\n")
}
