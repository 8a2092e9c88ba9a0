//! Writes a synthetic, valid committee content folder for benchmarks.
//!
//! ```sh
//! cargo run --release --example corpus -- --groups 50 --updates 24 --notes 10000 \
//!     --out /dev/shm/corpus/content [--hugo /dev/shm/corpus/hugo] [--seed 1] [--languages en,fr]
//! ```
//!
//! - `--groups G`: G working groups, each with 3-6 activities and 2 metrics
//!   (line, bar or stacked).
//! - `--updates U`: U updates per group, dated monthly (the 28th), each
//!   reporting every activity, metric observations for the two parties,
//!   risks and asks.
//! - `--notes N`: N Markdown notes, half meetings (front matter with
//!   attendees, decisions and actions that name groups) and half pages; each
//!   about 600 words with headings, lists, a table, and internal links to
//!   other notes (some with a heading anchor) and to groups.
//! - `--hugo DIR`: also writes the same N notes as a minimal Hugo site
//!   (config, one single-page layout rendering title, table of contents and
//!   content, one list layout), links rewritten to Hugo's page addresses.
//! - `--languages en,fr`: every text field of the YAML files in each language
//!   (note bodies stay in the first language). Default: `en`.
//!
//! The output depends only on the arguments: the pseudo-random numbers come
//! from a SplitMix64 generator seeded by `--seed` (default 1).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// SplitMix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// A generator for one named thing, independent of the order things are made in.
    fn fork(seed: u64, a: u64, b: u64) -> Rng {
        let mut r = Rng::new(seed.wrapping_mul(0x100_0000_01B3) ^ a.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ b);
        r.next();
        r
    }
}

const NOUNS: &[&str] = &[
    "agency",
    "analysis",
    "approach",
    "assessment",
    "border",
    "capacity",
    "channel",
    "checkpoint",
    "coordination",
    "data",
    "deadline",
    "delegation",
    "evidence",
    "exchange",
    "framework",
    "guidance",
    "indicator",
    "information",
    "inspection",
    "intelligence",
    "investigation",
    "laboratory",
    "mandate",
    "measure",
    "network",
    "officer",
    "operation",
    "outreach",
    "package",
    "partner",
    "pilot",
    "plan",
    "policy",
    "port",
    "practice",
    "priority",
    "procedure",
    "program",
    "protocol",
    "report",
    "request",
    "research",
    "resource",
    "review",
    "risk",
    "roadmap",
    "sample",
    "schedule",
    "screening",
    "shipment",
    "strategy",
    "surveillance",
    "survey",
    "system",
    "team",
    "tool",
    "training",
    "treatment",
    "trend",
    "workshop",
    "workplan",
    "region",
    "province",
    "state",
    "service",
    "course",
    "module",
    "budget",
];
const VERBS: &[&str] = &[
    "agreed",
    "assessed",
    "circulated",
    "completed",
    "confirmed",
    "coordinated",
    "delivered",
    "discussed",
    "drafted",
    "endorsed",
    "established",
    "examined",
    "expanded",
    "finalized",
    "identified",
    "improved",
    "launched",
    "mapped",
    "noted",
    "prepared",
    "presented",
    "prioritized",
    "proposed",
    "published",
    "reviewed",
    "scheduled",
    "shared",
    "strengthened",
    "supported",
    "tested",
    "updated",
    "validated",
];
const ADJECTIVES: &[&str] = &[
    "bilateral",
    "common",
    "cross-border",
    "current",
    "detailed",
    "early",
    "effective",
    "federal",
    "final",
    "formal",
    "initial",
    "joint",
    "key",
    "local",
    "main",
    "national",
    "new",
    "operational",
    "pending",
    "practical",
    "preliminary",
    "public",
    "quarterly",
    "regional",
    "regular",
    "revised",
    "secure",
    "shared",
    "short",
    "technical",
    "timely",
    "updated",
];
const CONNECTORS: &[&str] =
    &["and", "while", "because", "so that", "although", "as", "after", "before", "since", "whereas"];
const SUBJECTS: &[&str] = &[
    "The committee",
    "Both parties",
    "The working group",
    "The secretariat",
    "Canadian officials",
    "U.S. officials",
    "The co-chairs",
    "Members",
    "The task team",
    "Participants",
];
const HEADINGS_EXTRA: &[&str] =
    &["Background", "Findings", "Options", "Implementation", "Resources", "Timeline", "Evaluation"];
const STATUSES: &[&str] = &["planned", "in-progress", "at-risk", "blocked", "done"];
const PARTIES: &[&str] = &["CA", "US"];

struct Args {
    groups: usize,
    updates: usize,
    notes: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    seed: u64,
    languages: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut groups = 50;
    let mut updates = 24;
    let mut notes = 1000;
    let mut out = None;
    let mut hugo = None;
    let mut seed = 1;
    let mut languages = vec!["en".to_string()];
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        let num =
            |s: String, name: &str| s.parse::<usize>().map_err(|_| format!("{name}: `{s}` is not a number"));
        match a.as_str() {
            "--groups" => groups = num(value("--groups")?, "--groups")?,
            "--updates" => updates = num(value("--updates")?, "--updates")?,
            "--notes" => notes = num(value("--notes")?, "--notes")?,
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "--seed" => seed = num(value("--seed")?, "--seed")? as u64,
            "--languages" => {
                languages = value("--languages")?.split(',').map(|s| s.trim().to_string()).collect();
                if languages
                    .iter()
                    .any(|l| !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()))
                {
                    return Err("--languages: codes of 2-3 lowercase letters, e.g. en,fr".into());
                }
            }
            "-h" | "--help" => {
                return Err("usage: corpus --groups G --updates U --notes N --out DIR [--hugo DIR] [--seed S] [--languages en,fr]".into());
            }
            other => return Err(format!("unknown argument `{other}` (see --help)")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    if groups == 0 {
        return Err("--groups must be at least 1".into());
    }
    Ok(Args { groups, updates, notes, out, hugo, seed, languages })
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Text field: a plain string with one language, a language map otherwise.
fn text(langs: &[String], s: &str) -> String {
    if langs.len() == 1 {
        return q(s);
    }
    let parts: Vec<String> = langs
        .iter()
        .enumerate()
        .map(
            |(i, l)| {
                if i == 0 { format!("{l}: {}", q(s)) } else { format!("{l}: {}", q(&format!("{s} ({l})"))) }
            },
        )
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn words(r: &mut Rng, n: usize) -> String {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(match i % 3 {
            0 => r.pick(ADJECTIVES),
            1 => r.pick(NOUNS),
            _ => r.pick(VERBS),
        });
    }
    out.join(" ")
}

/// A sentence of about `n` words.
fn sentence(r: &mut Rng, n: usize) -> String {
    let mut s =
        format!("{} {} the {} {}", r.pick(SUBJECTS), r.pick(VERBS), r.pick(ADJECTIVES), r.pick(NOUNS));
    let mut count = 6;
    while count + 5 <= n {
        let _ = write!(
            s,
            " {} the {} {} was {}",
            r.pick(CONNECTORS),
            r.pick(ADJECTIVES),
            r.pick(NOUNS),
            r.pick(VERBS)
        );
        count += 5;
    }
    if r.chance(15) {
        let _ = write!(s, " for the **{}**", r.pick(NOUNS));
    } else if r.chance(10) {
        let _ = write!(s, " under the *{} {}*", r.pick(ADJECTIVES), r.pick(NOUNS));
    }
    s.push('.');
    s
}

fn paragraph(r: &mut Rng, target_words: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    while count < target_words {
        let n = r.range(9, 18);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&sentence(r, n));
        count += n;
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

struct Group {
    id: String,
    name: String,
    activities: Vec<Activity>,
    metrics: Vec<(String, String, &'static str, &'static str)>,
}

struct Activity {
    id: String,
    title: String,
    lead: Vec<&'static str>,
    /// Month index (0-based) where work starts, and how many months it takes.
    start: usize,
    months: usize,
}

/// Reporting date of update `m`: the 28th of month `m` from January 2019.
fn month_date(m: usize) -> (i32, u32, u32) {
    (2019 + (m / 12) as i32, (m % 12) as u32 + 1, 28)
}

fn fmt_date((y, mo, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{mo:02}-{d:02}")
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The date `days` days after 2019-01-01.
fn day_date(mut days: usize) -> (i32, u32, u32) {
    let mut y = 2019;
    loop {
        let len = if is_leap(y) { 366 } else { 365 };
        if days < len {
            break;
        }
        days -= len;
        y += 1;
    }
    let lens = [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while days >= lens[m] {
        days -= lens[m];
        m += 1;
    }
    (y, m as u32 + 1, days as u32 + 1)
}

/// Days from 2019-01-01 to the reporting date of update `m`.
fn days_of_month(m: usize) -> usize {
    let (y, mo, d) = month_date(m);
    let mut days = 0;
    for yy in 2019..y {
        days += if is_leap(yy) { 366 } else { 365 };
    }
    let lens = [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    days + lens[..(mo as usize - 1)].iter().sum::<usize>() + d as usize - 1
}

fn make_groups(seed: u64, n: usize, months: usize) -> Vec<Group> {
    (0..n)
        .map(|g| {
            let mut r = Rng::fork(seed, 1, g as u64);
            let id = format!("wg-{:02}-{}", g + 1, r.pick(NOUNS));
            let name = format!(
                "{} {} Working Group {}",
                capitalize(r.pick(ADJECTIVES)),
                capitalize(r.pick(NOUNS)),
                g + 1
            );
            let activities = (0..r.range(3, 6))
                .map(|a| Activity {
                    id: format!("a{}-{}", a + 1, r.pick(NOUNS)),
                    title: capitalize(&words(&mut r, r_len(a))),
                    lead: match r.below(3) {
                        0 => vec!["CA"],
                        1 => vec!["US"],
                        _ => vec!["CA", "US"],
                    },
                    start: r.below(months.max(1)),
                    months: r.range(3, 18),
                })
                .collect();
            let kinds = ["line", "bar", "stacked"];
            let metrics = (0..2)
                .map(|k| {
                    let mid = format!("m{}-{}", k + 1, r.pick(NOUNS));
                    let title = format!("{} {} reported", capitalize(r.pick(NOUNS)), r.pick(NOUNS));
                    (mid, title, kinds[(g + k) % 3], if k == 0 { "kg" } else { "reports" })
                })
                .collect();
            Group { id, name, activities, metrics }
        })
        .collect()
}

fn r_len(a: usize) -> usize {
    4 + a % 3
}

fn write_file(path: &Path, body: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, body).map_err(|e| format!("{}: {e}", path.display()))
}

fn site_yaml(langs: &[String]) -> String {
    format!(
        "title: {}\nsubtitle: {}\ndescription: {}\nlanguages: [{}]\nclassification: UNCLASSIFIED\nparties:\n  CA: {}\n  US: {}\nprint: {{paper: letter}}\n",
        text(langs, "Synthetic Joint Steering Committee"),
        text(langs, "Benchmark Briefing"),
        text(
            langs,
            "A generated committee used to measure build speed. Every figure is illustrative sample data."
        ),
        langs.join(", "),
        text(langs, "Canada"),
        text(langs, "United States"),
    )
}

fn group_yaml(g: &Group, order: usize, langs: &[String], r: &mut Rng) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "name: {}", text(langs, &g.name));
    let _ = writeln!(s, "order: {order}");
    let _ = writeln!(s, "mandate: {}", text(langs, &paragraph(r, 40)));
    s.push_str("chairs:\n");
    let _ = writeln!(
        s,
        "  - {{party: CA, name: {}, organization: {}}}",
        q(&format!("Chair {}", order)),
        text(langs, "Public Safety Canada")
    );
    let _ = writeln!(
        s,
        "  - {{party: US, organization: {}}}",
        text(langs, "Office of National Drug Control Policy")
    );
    s.push_str("activities:\n");
    for a in &g.activities {
        let _ = writeln!(s, "  - id: {}", a.id);
        let _ = writeln!(s, "    title: {}", text(langs, &a.title));
        let _ = writeln!(s, "    lead: [{}]", a.lead.join(", "));
        let _ = writeln!(s, "    due: {}", fmt_date(month_date(a.start + a.months)));
        if r.chance(50) {
            let _ = writeln!(s, "    description: {}", text(langs, &paragraph(r, 25)));
        }
    }
    s.push_str("metrics:\n");
    for (id, title, kind, unit) in &g.metrics {
        let _ = writeln!(s, "  - id: {id}");
        let _ = writeln!(s, "    title: {}", text(langs, title));
        let _ = writeln!(s, "    unit: {}", text(langs, unit));
        let _ = writeln!(s, "    chart: {kind}");
    }
    s
}

fn update_yaml(g: &Group, gi: usize, m: usize, seed: u64, langs: &[String]) -> String {
    let mut r = Rng::fork(seed, 2, (gi as u64) << 20 | m as u64);
    let mut s = String::new();
    let _ = writeln!(s, "illustrative: true");
    let _ = writeln!(
        s,
        "summary: {}",
        text(langs, &format!("{} Overall: **{}**.", sentence(&mut r, 12), r.pick(VERBS)))
    );
    s.push_str("activities:\n");
    for a in &g.activities {
        let progress = if m < a.start { 0 } else { ((m - a.start + 1) * 100 / a.months).min(100) };
        let mut status = match progress {
            0 => "planned",
            100 => "done",
            _ => "in-progress",
        };
        if status == "in-progress" && r.chance(12) {
            status = STATUSES[2 + r.below(2)];
        }
        let _ = write!(s, "  {}: {{status: {status}, progress: {progress}", a.id);
        if r.chance(60) {
            let _ = write!(s, ", note: {}", text(langs, &sentence(&mut r, 10)));
        }
        s.push_str("}\n");
    }
    s.push_str("metrics:\n");
    for (k, (id, ..)) in g.metrics.iter().enumerate() {
        let _ = writeln!(s, "  {id}:");
        // A series per party: a seeded random walk, so that each period's
        // value is the same whichever update reports it.
        let value = |p: usize, month: usize| -> f64 {
            let mut w = Rng::fork(
                seed,
                3,
                ((gi as u64) << 24) | ((k as u64) << 16) | ((p as u64) << 12) | month as u64,
            );
            let base = 20.0 + 10.0 * (gi % 7) as f64 + 30.0 * p as f64;
            (base + month as f64 * 1.5 + w.f64() * 12.0).round()
        };
        let periods: Vec<usize> = if m > 0 && r.chance(25) { vec![m - 1, m] } else { vec![m] };
        for month in periods {
            let (y, mo, _) = month_date(month);
            let _ = write!(s, "    - {{period: {y:04}-{mo:02}");
            for (p, party) in PARTIES.iter().enumerate() {
                // Now and then a party does not report a period: a gap.
                if (month + p + gi).is_multiple_of(11) {
                    continue;
                }
                let _ = write!(s, ", {party}: {}", value(p, month));
            }
            s.push_str("}\n");
        }
    }
    s.push_str("risks:\n");
    let levels = ["low", "medium", "high"];
    for k in 0..4 {
        // Risk k is open during some months; its level drifts.
        let open = (m + k * 5 + gi) % 12 < 7;
        if !open && k > 0 {
            continue;
        }
        let level = levels[(m / 3 + k + gi) % 3];
        let mut rr = Rng::fork(seed, 4, ((gi as u64) << 8) | k as u64);
        let title = capitalize(&words(&mut rr, 5));
        let _ = writeln!(
            s,
            "  - {{id: r{}, title: {}, level: {level}, mitigation: {}}}",
            k + 1,
            text(langs, &title),
            text(langs, &sentence(&mut r, 9))
        );
    }
    let asks = r.below(3);
    if asks > 0 {
        s.push_str("asks:\n");
        for _ in 0..asks {
            let _ = writeln!(
                s,
                "  - {}",
                text(langs, &format!("Endorse the {} {}.", r.pick(ADJECTIVES), r.pick(NOUNS)))
            );
        }
    }
    s
}

/// A note: a meeting (`meetings/<date>-<slug>.md`) or a page (`pages/<slug>.md`).
struct Note {
    /// Path under content/.
    path: String,
    /// Hugo section and slug.
    section: &'static str,
    slug: String,
    title: String,
    date: String,
}

fn make_notes(n: usize, months: usize, seed: u64) -> Vec<Note> {
    let meetings = n.div_ceil(2);
    let span = days_of_month(months.max(1) - 1).max(1);
    (0..n)
        .map(|i| {
            let mut r = Rng::fork(seed, 5, i as u64);
            if i < meetings {
                let date = fmt_date(day_date(i * span / meetings.max(1)));
                let slug = format!("{date}-m{:05}", i + 1);
                Note {
                    path: format!("meetings/{slug}.md"),
                    section: "meetings",
                    title: format!("Steering Committee meeting {} on {}", i + 1, r.pick(NOUNS)),
                    slug,
                    date,
                }
            } else {
                let k = i - meetings;
                let slug = format!("p{:05}-{}", k + 1, r.pick(NOUNS));
                Note {
                    path: format!("pages/{slug}.md"),
                    section: "pages",
                    title: format!("{} {} {}", capitalize(r.pick(ADJECTIVES)), r.pick(NOUNS), k + 1),
                    slug,
                    date: fmt_date(day_date(k % 700)),
                }
            }
        })
        .collect()
}

/// A link in a note body, kept abstract so that each tool gets its own address.
enum Target<'a> {
    Note(&'a Note, Option<&'static str>),
    Group(&'a Group),
}

/// The body of note `i`: ~600 words, with headings, lists, a table and links.
/// `link` writes a link's address for the tool at hand.
fn note_body(
    i: usize,
    notes: &[Note],
    groups: &[Group],
    seed: u64,
    link: &dyn Fn(&Note, &Target) -> String,
) -> String {
    let mut r = Rng::fork(seed, 6, i as u64);
    let me = &notes[i];
    let other = |r: &mut Rng| -> &Note {
        let j = r.below(notes.len());
        if j == i && notes.len() > 1 { &notes[(j + 1) % notes.len()] } else { &notes[j] }
    };
    let mut s = String::new();
    s.push_str(&paragraph(&mut r, 40));
    s.push_str("\n\n## Context\n\n");
    let g = &groups[r.below(groups.len())];
    let o = other(&mut r);
    let _ = write!(
        s,
        "{} The [{}]({}) group {} the {} {}; see also [{}]({}).\n\n",
        paragraph(&mut r, 70),
        g.name,
        link(me, &Target::Group(g)),
        r.pick(VERBS),
        r.pick(ADJECTIVES),
        r.pick(NOUNS),
        o.title,
        link(me, &Target::Note(o, None)),
    );
    s.push_str("## Discussion\n\n");
    for _ in 0..5 {
        let _ = writeln!(s, "- **{}:** {}", capitalize(r.pick(NOUNS)), sentence(&mut r, 10));
    }
    s.push('\n');
    s.push_str(&paragraph(&mut r, 70));
    s.push_str("\n\n### ");
    s.push_str(r.pick(HEADINGS_EXTRA));
    s.push_str("\n\n");
    s.push_str(&paragraph(&mut r, 60));
    s.push_str("\n\n## Figures\n\n| Working group | Measure | Canada | United States |\n| --- | --- | ---: | ---: |\n");
    for _ in 0..5 {
        let g = &groups[r.below(groups.len())];
        let _ = writeln!(
            s,
            "| {} | {} {} | {} | {} |",
            g.name,
            r.pick(ADJECTIVES),
            r.pick(NOUNS),
            r.range(1, 500),
            r.range(1, 900)
        );
    }
    s.push('\n');
    s.push_str(&paragraph(&mut r, 50));
    s.push_str("\n\n## Next steps\n\n");
    for k in 0..4 {
        let _ = writeln!(s, "{}. {}", k + 1, sentence(&mut r, 11));
    }
    s.push('\n');
    let o1 = other(&mut r);
    let o2 = other(&mut r);
    let _ = writeln!(
        s,
        "{} Follow-up is recorded in [{}]({}) and in [the next steps of {}]({}).",
        paragraph(&mut r, 40),
        o1.title,
        link(me, &Target::Note(o1, None)),
        o2.title,
        link(me, &Target::Note(o2, Some("next-steps"))),
    );
    // Top up to about 600 words.
    while word_count(&s) < 590 {
        s.push('\n');
        s.push_str(&paragraph(&mut r, 30));
        s.push('\n');
    }
    s
}

/// Address of a link target for briefing: the content file, relative to the note.
fn briefing_link(from: &Note, t: &Target) -> String {
    let (path, frag) = match t {
        Target::Note(n, f) => (n.path.clone(), *f),
        Target::Group(g) => (format!("groups/{}.yaml", g.id), None),
    };
    let from_dir = from.path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let rel = match path.split_once('/') {
        Some((dir, file)) if dir == from_dir => file.to_string(),
        _ => format!("../{path}"),
    };
    match frag {
        Some(f) => format!("{rel}#{f}"),
        None => rel,
    }
}

/// Address of a link target in the Hugo site: the page's pretty URL,
/// relative to the note's page (`/meetings/<slug>/`).
fn hugo_link(_from: &Note, t: &Target) -> String {
    match t {
        Target::Note(n, f) => {
            format!("../../{}/{}/{}", n.section, n.slug, f.map(|f| format!("#{f}")).unwrap_or_default())
        }
        Target::Group(g) => format!("../../groups/{}/", g.id),
    }
}

fn meeting_front_matter(
    i: usize,
    note: &Note,
    groups: &[Group],
    seed: u64,
    langs: &[String],
    overdue_every: usize,
    as_of_days: usize,
) -> String {
    let mut r = Rng::fork(seed, 7, i as u64);
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", text(langs, &note.title));
    let _ = writeln!(s, "date: {}", note.date);
    let _ = writeln!(s, "format: {}", ["virtual", "in-person", "hybrid"][r.below(3)]);
    s.push_str("attendees:\n");
    let _ = writeln!(s, "  - {{party: CA, organization: {}}}", text(langs, "Public Safety Canada"));
    let _ = writeln!(
        s,
        "  - {{party: US, organization: {}, role: {}}}",
        text(langs, "Office of National Drug Control Policy"),
        text(langs, "Co-chair")
    );
    s.push_str("decisions:\n");
    for _ in 0..r.range(1, 3) {
        let g = &groups[r.below(groups.len())];
        let _ = writeln!(s, "  - {{group: {}, text: {}}}", g.id, text(langs, &sentence(&mut r, 12)));
    }
    s.push_str("actions:\n");
    // The meeting's day, from 2019-01-01.
    let (y, mo, d) = {
        let p: Vec<u32> = note.date.split('-').map(|x| x.parse().unwrap()).collect();
        (p[0] as i32, p[1], p[2])
    };
    let mut day = 0;
    for yy in 2019..y {
        day += if is_leap(yy) { 366 } else { 365 };
    }
    let lens = [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    day += lens[..(mo as usize - 1)].iter().sum::<usize>() + d as usize - 1;
    for k in 0..r.range(1, 3) {
        let g = &groups[r.below(groups.len())];
        let due_day = day + r.range(30, 180);
        // Past-due actions are closed, except a few that stay open (overdue).
        let status = if due_day < as_of_days {
            if k == 0 && i.is_multiple_of(overdue_every) {
                "open"
            } else if r.chance(85) {
                "done"
            } else {
                "cancelled"
            }
        } else {
            ["open", "in-progress", "done"][r.below(3)]
        };
        let _ = writeln!(
            s,
            "  - {{id: A-{:05}-{}, owner: {}, group: {}, due: {}, status: {status}, text: {}}}",
            i + 1,
            k + 1,
            ["CBSA", "CBP", "PS", "ONDCP", "PHAC", "CDC"][r.below(6)],
            g.id,
            fmt_date(day_date(due_day)),
            text(langs, &sentence(&mut r, 10))
        );
    }
    s.push_str("---\n");
    s
}

fn run(a: &Args) -> Result<(), String> {
    let langs = &a.languages;
    let months = a.updates.max(1);
    let groups = make_groups(a.seed, a.groups, months);
    let notes = make_notes(a.notes, months, a.seed);
    if a.out.exists() {
        fs::remove_dir_all(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    }
    let out = &a.out;
    write_file(&out.join("site.yaml"), &site_yaml(langs))?;
    for (gi, g) in groups.iter().enumerate() {
        let mut r = Rng::fork(a.seed, 8, gi as u64);
        write_file(&out.join(format!("groups/{}.yaml", g.id)), &group_yaml(g, gi + 1, langs, &mut r))?;
        for m in 0..a.updates {
            let dir = fmt_date(month_date(m));
            write_file(
                &out.join(format!("updates/{dir}/{}.yaml", g.id)),
                &update_yaml(g, gi, m, a.seed, langs),
            )?;
        }
    }
    // The briefing date is the newest update or meeting date.
    let last_meeting_day =
        notes.iter().filter(|n| n.section == "meetings").map(|n| n.date.clone()).max().unwrap_or_default();
    let as_of = fmt_date(month_date(months - 1)).max(last_meeting_day);
    let as_of_days = {
        let p: Vec<usize> = as_of.split('-').map(|x| x.parse().unwrap()).collect();
        let mut day = 0;
        for yy in 2019..p[0] as i32 {
            day += if is_leap(yy) { 366 } else { 365 };
        }
        let y = p[0] as i32;
        let lens = [31, if is_leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        day + lens[..p[1] - 1].iter().sum::<usize>() + p[2] - 1
    };
    let meetings = notes.iter().filter(|n| n.section == "meetings").count();
    let overdue_every = (meetings / 5).max(1);
    for (i, note) in notes.iter().enumerate() {
        let front = match note.section {
            "meetings" => meeting_front_matter(i, note, &groups, a.seed, langs, overdue_every, as_of_days),
            _ => format!("---\ntitle: {}\n---\n", text(langs, &note.title)),
        };
        let body = note_body(i, &notes, &groups, a.seed, &briefing_link);
        write_file(&out.join(&note.path), &format!("{front}{body}"))?;
    }
    if let Some(h) = &a.hugo {
        if h.exists() {
            fs::remove_dir_all(h).map_err(|e| format!("{}: {e}", h.display()))?;
        }
        write_hugo(h, &notes, &groups, a.seed)?;
    }
    eprintln!(
        "wrote {} groups, {} updates, {} notes ({} meetings, {} pages) to {}{}",
        groups.len(),
        groups.len() * a.updates,
        notes.len(),
        meetings,
        notes.len() - meetings,
        out.display(),
        a.hugo.as_ref().map(|h| format!(" and a Hugo site to {}", h.display())).unwrap_or_default()
    );
    Ok(())
}

const HUGO_CONFIG: &str = r#"baseURL = "http://localhost/"
title = "Synthetic Joint Steering Committee"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"#;

/// One template for every note: a page with header, title, table of contents and content.
const HUGO_SINGLE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body>
<header><p><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></p></header>
<main>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "January 2, 2006" }}</p>
{{ .TableOfContents }}
{{ .Content }}
</main>
</body>
</html>
"#;

/// One list template (home and sections): the title and a link to each page.
const HUGO_LIST: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{- end }}
</ul>
</main>
</body>
</html>
"#;

fn write_hugo(dir: &Path, notes: &[Note], groups: &[Group], seed: u64) -> Result<(), String> {
    write_file(&dir.join("hugo.toml"), HUGO_CONFIG)?;
    write_file(&dir.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write_file(&dir.join("layouts/_default/list.html"), HUGO_LIST)?;
    for (i, note) in notes.iter().enumerate() {
        let body = note_body(i, notes, groups, seed, &hugo_link);
        let front = format!("---\ntitle: {}\ndate: {}\n---\n", q(&note.title), note.date);
        write_file(
            &dir.join(format!("content/{}/{}.md", note.section, note.slug)),
            &format!("{front}{body}"),
        )?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::from(2)
        }
    }
}
