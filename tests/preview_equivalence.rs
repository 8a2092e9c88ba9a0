//! Random sequences of edits to a copy of the example committee: after each,
//! the preview session's files and diagnostics are byte for byte those of a
//! full build of the same folder (or both fail alike), and once the search
//! index is made again, the output folder the preview writes (changed files
//! only, as `serve` does once the saves stop) is byte for byte the folder
//! `briefing build` writes.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use briefing::serve::{Content, Disk, OnDisk};
use briefing::site::{self, Options, Session};
use proptest::prelude::*;

type Files = BTreeMap<String, Vec<u8>>;

/// The example's files, relative to the content folder, sorted.
fn example_files(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// One save (or deletion) in the content folder.
#[derive(Debug, Clone)]
enum Edit {
    /// A paragraph at the end of a Markdown body.
    Paragraph(usize, u8),
    /// A heading at the end of a body.
    Heading(usize, u8),
    /// A link from one body to a heading of another (broken while it has none).
    LinkToHeading(usize, usize, u8),
    /// A link to a file that does not exist.
    BrokenLink(usize),
    /// The first English text of a file changed (a title, a name).
    English(usize, u8),
    /// An activity's progress in an update.
    Progress(usize, u8),
    /// An activity's status flipped between done and in progress.
    Status(usize),
    /// YAML that does not parse, at the end of a file.
    BrokenYaml(usize),
    /// A meeting or page made a draft.
    Draft(usize),
    /// A new page (with an `order`, in the navigation, or without).
    AddPage(u8, bool),
    /// A page added before removed again.
    RemovePage(u8),
    /// A new update for a group, later than all others (a new briefing date).
    AddUpdate(usize, u8),
    RemoveUpdate(usize),
    /// A file put back as it was (mends what broke it).
    Restore(usize),
    /// A file saved again unchanged.
    Touch(usize),
    /// The site's title and languages' texts.
    SiteTitle(u8),
    /// A meeting's `k`th action's status moved on (open, in progress,
    /// done, cancelled).
    ActionStatus(usize, u8),
    /// A meeting's `k`th decision or action given to another group.
    GroupOf(usize, u8, u8),
    /// A meeting moved to another date (which meeting is the latest, the
    /// upcoming one, the book's).
    MeetingDate(usize, u8),
    /// A meeting's record set to draft, circulated or approved.
    RecordStatus(usize, u8),
    /// An update's first risk closed, or opened again.
    RiskClosed(usize),
    /// A meeting's first decision made to supersede an earlier one (or a
    /// reference that does not exist).
    Supersede(usize, u8),
}

/// `text` with the word after its `k`th `key` (counted from 0, wrapping
/// round) replaced by `f` of it.
fn nth_value(text: &str, key: &str, k: u8, f: impl Fn(&str) -> String) -> String {
    let at: Vec<usize> = text.match_indices(key).map(|(i, _)| i + key.len()).collect();
    let Some(&start) = at.get(k as usize % at.len().max(1)) else { return text.to_string() };
    let len =
        text[start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(text.len() - start);
    format!("{}{}{}", &text[..start], f(&text[start..start + len]), &text[start + len..])
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..64;
    prop_oneof![
        (i.clone(), any::<u8>()).prop_map(|(a, n)| Edit::Paragraph(a, n)),
        (i.clone(), 0u8..3).prop_map(|(a, n)| Edit::Heading(a, n)),
        (i.clone(), i.clone(), 0u8..3).prop_map(|(a, b, n)| Edit::LinkToHeading(a, b, n)),
        i.clone().prop_map(Edit::BrokenLink),
        (i.clone(), any::<u8>()).prop_map(|(a, n)| Edit::English(a, n)),
        (i.clone(), 0u8..=100).prop_map(|(a, n)| Edit::Progress(a, n)),
        i.clone().prop_map(Edit::Status),
        i.clone().prop_map(Edit::BrokenYaml),
        i.clone().prop_map(Edit::Draft),
        (0u8..3, any::<bool>()).prop_map(|(n, o)| Edit::AddPage(n, o)),
        (0u8..3).prop_map(Edit::RemovePage),
        (i.clone(), 0u8..3).prop_map(|(a, n)| Edit::AddUpdate(a, n)),
        i.clone().prop_map(Edit::RemoveUpdate),
        i.clone().prop_map(Edit::Restore),
        i.clone().prop_map(Edit::Restore),
        i.clone().prop_map(Edit::Touch),
        any::<u8>().prop_map(Edit::SiteTitle),
        (i.clone(), 0u8..6).prop_map(|(a, k)| Edit::ActionStatus(a, k)),
        (i.clone(), 0u8..8, 0u8..4).prop_map(|(a, k, g)| Edit::GroupOf(a, k, g)),
        (i.clone(), 0u8..4).prop_map(|(a, d)| Edit::MeetingDate(a, d)),
        (i.clone(), 0u8..3).prop_map(|(a, k)| Edit::RecordStatus(a, k)),
        i.clone().prop_map(Edit::RiskClosed),
        (i.clone(), 0u8..3).prop_map(|(a, k)| Edit::Supersede(a, k)),
    ]
}

struct Folder {
    content: PathBuf,
    /// The example's files and their original texts.
    originals: Vec<(String, String)>,
}

const GROUPS: [&str; 4] = ["border-security", "health", "law-enforcement", "postal-security"];

impl Folder {
    fn pick(&self, i: usize, f: impl Fn(&str) -> bool) -> Option<String> {
        let list: Vec<&String> = self.originals.iter().map(|(p, _)| p).filter(|p| f(p)).collect();
        (!list.is_empty()).then(|| list[i % list.len()].clone())
    }

    fn read(&self, file: &str) -> Option<String> {
        fs::read_to_string(self.content.join(file)).ok()
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.content.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Changes `file` (when it is there) with `f`.
    fn change(&self, file: Option<String>, f: impl Fn(&str) -> String) -> Vec<String> {
        let Some(file) = file else { return Vec::new() };
        let Some(text) = self.read(&file) else { return Vec::new() };
        self.write(&file, &f(&text));
        vec![file]
    }

    /// Applies `edit`; returns the paths it touched.
    fn apply(&self, edit: &Edit) -> Vec<String> {
        let md = |p: &str| p.ends_with(".md");
        let update = |p: &str| p.starts_with("updates/");
        let meeting = |p: &str| p.starts_with("meetings/") && md(p) && !p.contains(".fr.");
        match edit {
            Edit::Paragraph(i, n) => self.change(self.pick(*i, md), |t| format!("{t}\nParagraph {n}.\n")),
            Edit::Heading(i, n) => self.change(self.pick(*i, md), |t| format!("{t}\n## Part {n}\n\nText.\n")),
            Edit::LinkToHeading(i, j, n) => {
                let to = self.pick(*j, md).unwrap();
                let target = format!("../{to}#part-{n}");
                self.change(self.pick(*i, md), |t| format!("{t}\nSee [part {n}]({target}).\n"))
            }
            Edit::BrokenLink(i) => self.change(self.pick(*i, md), |t| format!("{t}\n[gone](missing.md)\n")),
            Edit::English(i, n) => {
                self.change(self.pick(*i, |_| true), |t| t.replacen("en: ", &format!("en: Edit {n} "), 1))
            }
            Edit::Progress(i, n) => self.change(self.pick(*i, update), |t| match t.find("progress: ") {
                Some(at) => {
                    let end = t[at + 10..].find('\n').map_or(t.len(), |e| at + 10 + e);
                    format!("{}progress: {n}{}", &t[..at], &t[end..])
                }
                None => t.to_string(),
            }),
            Edit::ActionStatus(i, k) => self.change(self.pick(*i, meeting), |t| {
                let next = |s: &str| {
                    let all = ["open", "in-progress", "done", "cancelled"];
                    let at = all.iter().position(|a| *a == s).map_or(0, |a| a + 1);
                    all[at % all.len()].to_string()
                };
                nth_value(t, "status: ", *k, next)
            }),
            Edit::GroupOf(i, k, g) => self.change(self.pick(*i, meeting), |t| {
                nth_value(t, "group: ", *k, |_| GROUPS[*g as usize].into())
            }),
            Edit::MeetingDate(i, d) => self.change(self.pick(*i, meeting), |t| {
                let dates = ["2021-02-23", "2021-05-26", "2021-06-30", "2021-11-15"];
                t.replacen("\ndate: 20", &format!("\ndate: {}\n_was: 20", dates[*d as usize]), 1)
                    .replacen("\n_was: ", "\n# was ", 1)
            }),
            Edit::RecordStatus(i, k) => self.change(self.pick(*i, meeting), |t| {
                let state = ["draft", "circulated", "approved"][*k as usize];
                match t.contains("\nrecord: ") {
                    true => nth_value(t, "\nrecord: ", 0, |_| state.into()),
                    false => t.replacen("\ndate: ", &format!("\nrecord: {state}\ndate: "), 1),
                }
            }),
            Edit::RiskClosed(i) => self.change(self.pick(*i, update), |t| {
                if t.contains("    status: closed\n") {
                    t.replacen("    status: closed\n", "", 1)
                } else {
                    t.replacen("\n    level: ", "\n    status: closed\n    level: ", 1)
                }
            }),
            Edit::Supersede(i, k) => self.change(self.pick(*i, meeting), |t| {
                let target = ["2021-02-23-roadmap/1", "2021-05-26/2", "no-such-decision"][*k as usize];
                t.replacen("\n  - group: ", &format!("\n  - supersedes: {target}\n    group: "), 1)
            }),
            Edit::Status(i) => self.change(self.pick(*i, update), |t| {
                if t.contains("status: done") {
                    t.replacen("status: done", "status: in-progress", 1)
                } else {
                    t.replacen("status: in-progress", "status: done", 1)
                }
            }),
            Edit::BrokenYaml(i) => {
                self.change(self.pick(*i, |p| p.ends_with(".yaml")), |t| format!("{t}\nbroken: [unclosed\n"))
            }
            Edit::Draft(i) => self.change(self.pick(*i, |p| md(p) && !p.contains(".fr.")), |t| {
                t.replacen("---\n", "---\ndraft: true\n", 1)
            }),
            Edit::AddPage(n, order) => {
                let file = format!("pages/extra-{n}.md");
                let order = if *order { format!("order: {n}\n") } else { String::new() };
                self.write(
                    &file,
                    &format!("---\ntitle: Extra {n}\n{order}---\nAn extra page, [back](background.md).\n"),
                );
                vec![file]
            }
            Edit::RemovePage(n) => {
                let file = format!("pages/extra-{n}.md");
                let _ = fs::remove_file(self.content.join(&file));
                vec![file]
            }
            Edit::AddUpdate(g, n) => {
                let group = GROUPS[g % GROUPS.len()];
                let from = self.read(&format!("updates/2021-05-26/{group}.yaml")).unwrap_or_default();
                let file = format!("updates/2021-06-3{n}/{group}.yaml");
                let text = from.replacen("progress: 20", "progress: 40", 1);
                self.write(&file, &text);
                vec![file]
            }
            Edit::RemoveUpdate(g) => {
                let group = GROUPS[g % GROUPS.len()];
                let mut gone = Vec::new();
                for n in 0..3 {
                    let file = format!("updates/2021-06-3{n}/{group}.yaml");
                    if fs::remove_file(self.content.join(&file)).is_ok() {
                        gone.push(file);
                    }
                }
                gone
            }
            Edit::Restore(i) => {
                let (file, text) = &self.originals[i % self.originals.len()];
                self.write(file, text);
                vec![file.clone()]
            }
            Edit::Touch(i) => self.change(self.pick(*i, |_| true), str::to_string),
            Edit::SiteTitle(n) => self.change(Some("site.yaml".to_string()), |t| {
                t.replacen("  en: Canada-U.S.", &format!("  en: Edit {n} Canada-U.S."), 1)
            }),
        }
    }
}

/// A full build of the folder, in memory, assets read.
fn full_build(opts: &Options) -> (site::Built, Option<Files>) {
    let (built, rendered) = site::render(opts);
    let files = rendered.map(|(files, assets)| {
        let mut all: Files = files.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect();
        for a in assets {
            all.insert(a.clone(), fs::read(opts.content.join(&a)).unwrap());
        }
        all
    });
    (built, files)
}

/// Every file under `root`, by relative path.
fn folder(root: &Path) -> Files {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The output folders: the preview's (written as `serve` writes it) and a
/// full build's.
struct Outputs {
    disk: Disk,
    preview: PathBuf,
    built: PathBuf,
    /// The last rebuild was good (and so written).
    good: bool,
}

/// Once the saves stop, the preview's output folder is the folder a full
/// build writes, byte for byte.
fn check_output(opts: &Options, outputs: &Outputs) -> Result<(), TestCaseError> {
    if !outputs.good {
        return Ok(());
    }
    let built = site::build(&Options::new(opts.content.clone(), outputs.built.clone()));
    prop_assert!(!built.failed(), "the full build to disk failed");
    let (preview, full) = (folder(&outputs.preview), folder(&outputs.built));
    let d: std::collections::BTreeSet<&String> =
        preview.keys().chain(full.keys()).filter(|k| preview.get(*k) != full.get(*k)).collect();
    prop_assert!(d.is_empty(), "the output folders differ: {:?}", d);
    Ok(())
}

fn check_equal(
    session: &mut Session,
    opts: &Options,
    outputs: &mut Outputs,
    after: &str,
) -> Result<(), TestCaseError> {
    let rebuilt = session.rebuild();
    // What the preview serves, as the server holds it (assets on disk).
    let mut served: Option<briefing::serve::Files> = rebuilt.files.as_ref().map(|f| {
        let mut all: briefing::serve::Files =
            f.iter().map(|f| (f.path.clone(), Content::Bytes(f.bytes.clone()))).collect();
        all.extend(
            rebuilt
                .assets
                .iter()
                .map(|a| (a.path.clone(), Content::File(OnDisk { path: a.file.clone(), stamp: a.stamp }))),
        );
        all
    });
    let (full, files) = full_build(opts);
    prop_assert_eq!(&rebuilt.report.diags, &full.report.diags, "diagnostics after {}", after);
    for d in &rebuilt.report.diags {
        prop_assert_eq!(rebuilt.report.sources.get(&d.file), full.report.sources.get(&d.file), "{}", d.file);
    }
    let mut shown: Option<Files> = rebuilt.files.map(|f| {
        let mut all: Files = f.into_iter().map(|f| (f.path, f.bytes.to_vec())).collect();
        all.extend(rebuilt.assets.iter().map(|a| (a.path.clone(), fs::read(&a.file).unwrap())));
        all
    });
    let differ = |shown: &Files, files: &Files, index_too: bool| -> std::collections::BTreeSet<String> {
        files
            .keys()
            .chain(shown.keys())
            .filter(|k| index_too || !k.starts_with("pagefind/"))
            .filter(|k| shown.get(*k) != files.get(*k))
            .cloned()
            .collect()
    };
    match (&mut shown, &files) {
        (Some(shown), Some(files)) => {
            // A rebuild serves the search index made last, at once ...
            let d = differ(shown, files, false);
            prop_assert!(d.is_empty(), "after {}: files differ: {:?}", after, d);
            prop_assert!(
                shown.keys().any(|k| k.starts_with("pagefind/")),
                "after {}: no index served",
                after
            );
            // ... and, made again off the rebuild's thread, it is a build's.
            if let Some(index) = session.settle_search() {
                let index = index.expect("the index is made");
                shown.retain(|k, _| !k.starts_with("pagefind/"));
                shown.extend(index.iter().map(|f| (f.path.clone(), f.bytes.to_vec())));
                if let Some(served) = &mut served {
                    served.retain(|k, _| !k.starts_with("pagefind/"));
                    served.extend(index.into_iter().map(|f| (f.path, Content::Bytes(f.bytes))));
                }
            }
            let d = differ(shown, files, true);
            prop_assert!(d.is_empty(), "after {} and the index: files differ: {:?}", after, d);
            prop_assert!(session.settle_search().is_none(), "after {}: the index is settled", after);
            // The preview writes what it serves (changed files only).
            let served = std::sync::Arc::new(served.expect("a good build is served"));
            outputs.disk.sync(&served).expect("the preview writes its output");
            outputs.good = true;
        }
        (None, None) => outputs.good = false,
        (a, b) => {
            prop_assert!(false, "after {}: preview built {}, full build {}", after, a.is_some(), b.is_some())
        }
    }
    Ok(())
}

proptest! {
    // 8 cases in CI; more with PROPTEST_CASES (256 locally, before a change
    // to the preview is merged).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(8),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_preview_after_any_edits_is_a_full_build(
        edits in proptest::collection::vec((edit(), any::<bool>()), 1..=6)
    ) {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content);
        // The edits are to text files: a workbook (`data/*.xlsx`) is not one.
        let originals = example_files(&content)
            .into_iter()
            .filter_map(|p| {
                let text = fs::read_to_string(content.join(&p)).ok()?;
                Some((p, text))
            })
            .collect();
        let folder = Folder { content: content.clone(), originals };
        let opts = Options::new(content.clone(), tmp.path().join("output"));
        let mut session = Session::new(opts.clone());
        let mut outputs = Outputs {
            disk: Disk::new(opts.out.clone(), content),
            preview: opts.out.clone(),
            built: tmp.path().join("built"),
            good: false,
        };
        check_equal(&mut session, &opts, &mut outputs, "the first build")?;
        for (edit, listed) in &edits {
            let touched = folder.apply(edit);
            // As the watcher tells it (the files saved), or as a rescan.
            session.saw(listed.then_some(touched));
            check_equal(&mut session, &opts, &mut outputs, &format!("{edit:?}"))?;
        }
        check_output(&opts, &outputs)?;
    }
}
