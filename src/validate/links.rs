//! Links and images in Markdown (bodies, and Markdown fields of YAML such as
//! a mandate or a summary): each must lead to a content file that becomes a
//! page or an asset, and to a heading that exists, and must not lead to a
//! draft left out of the build; a link whose scheme the site removes is
//! reported.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, codes, suggest};
use crate::links::{SCHEMES, Unsafe, output_path, resolve};
use crate::model::{Content, LinkRef, MarkdownField, Text};

pub fn check(content: &Content, only: Option<&BTreeSet<String>>, drafts: bool, diags: &mut Diagnostics) {
    // Bodies: (file, links), and each body's anchors.
    let mut bodies: Vec<(&str, &[LinkRef])> = Vec::new();
    let mut anchors: Vec<(&str, &BTreeSet<String>)> = Vec::new();
    // Files left out of this build: drafts, without --drafts.
    let mut left_out: HashSet<&str> = HashSet::new();
    for m in &content.meetings {
        bodies.push((&m.file, &m.body.links));
        // An agenda item's papers are links from the meeting's fields (the
        // record's front matter or the YAML file beside it: one folder).
        bodies.extend(m.agenda.iter().map(|i| (m.fields.as_str(), i.papers.as_slice())));
        bodies.extend(m.translations.iter().map(|t| (t.file.as_str(), t.body.links.as_slice())));
        anchors.push((&m.file, &m.body.anchors));
        anchors.extend(m.translations.iter().map(|t| (t.file.as_str(), &t.body.anchors)));
        if m.draft && !drafts {
            left_out.insert(&m.file);
            left_out.extend(m.translations.iter().map(|t| t.file.as_str()));
        }
    }
    for p in &content.pages {
        bodies.push((&p.file, &p.body.links));
        bodies.extend(p.translations.iter().map(|t| (t.file.as_str(), t.body.links.as_slice())));
        anchors.push((&p.file, &p.body.anchors));
        anchors.extend(p.translations.iter().map(|t| (t.file.as_str(), &t.body.anchors)));
        if p.draft && !drafts {
            left_out.insert(&p.file);
            left_out.extend(p.translations.iter().map(|t| t.file.as_str()));
        }
    }
    // Markdown fields of YAML, checked as bodies of the file they are in.
    bodies.extend(markdown_fields(content).into_iter().map(|f| (f.file.as_str(), f.links.as_slice())));
    let checked: Vec<(&str, &[LinkRef])> = bodies
        .iter()
        .copied()
        .filter(|(file, links)| !links.is_empty() && only.is_none_or(|o| o.contains(*file)))
        .collect();
    // The files the checked links lead to (every file for a full check): a
    // few bodies' links need not index the whole committee.
    let wanted: Option<Vec<String>> = only.map(|_| {
        let mut targets: Vec<String> = checked
            .iter()
            .flat_map(|(file, links)| links.iter().map(move |l| (file, l)))
            .filter_map(|(file, l)| resolve(file, &l.target).ok())
            .map(|r| r.path)
            .chain(checked.iter().map(|(file, _)| file.to_string()))
            .collect();
        targets.sort();
        targets.dedup();
        targets
    });
    let wants = |f: &str| wanted.as_ref().is_none_or(|w| w.binary_search_by(|x| x.as_str().cmp(f)).is_ok());
    let files: HashSet<&str> = content.files.iter().map(String::as_str).filter(|f| wants(f)).collect();
    let anchors: HashMap<&str, &BTreeSet<String>> = anchors.into_iter().filter(|(f, _)| wants(f)).collect();
    let index = Index { files, anchors, left_out };
    let found: Vec<Vec<Diagnostic>> =
        checked.par_iter().map(|(file, links)| check_body(content, file, links, &index)).collect();
    diags.extend(found.into_iter().flatten());
}

/// The headings of a page that has none of its own (a group's).
static NO_HEADINGS: BTreeSet<String> = BTreeSet::new();

/// What links are checked against.
struct Index<'c> {
    files: HashSet<&'c str>,
    anchors: HashMap<&'c str, &'c BTreeSet<String>>,
    left_out: HashSet<&'c str>,
}

/// Every Markdown field of the content's YAML (groups, updates, meetings'
/// front matter) that holds links.
fn markdown_fields(content: &Content) -> Vec<&MarkdownField> {
    let mut texts: Vec<&Text> = Vec::new();
    for g in &content.groups {
        texts.push(&g.mandate);
        texts.extend(g.activities.iter().filter_map(|a| a.description.as_ref()));
    }
    for u in &content.updates {
        texts.extend(&u.summary);
        texts.extend(u.activities.iter().filter_map(|a| a.note.as_ref()));
        texts.extend(u.risks.iter().filter_map(|r| r.mitigation.as_ref()));
        texts.extend(u.asks.iter().map(|a| &a.text));
    }
    for m in &content.meetings {
        texts.extend(m.agenda.iter().filter_map(|i| i.note.as_ref()));
        texts.extend(m.decisions.iter().map(|d| &d.text));
        texts.extend(m.actions.iter().map(|a| &a.text));
    }
    texts.into_iter().filter_map(|t| t.markdown.as_deref()).collect()
}

fn check_body(content: &Content, file: &str, links: &[LinkRef], index: &Index) -> Vec<Diagnostic> {
    let Index { files, anchors, left_out } = index;
    let mut diags = Vec::new();
    for link in links {
        if let Some(scheme) = &link.removed_scheme {
            diags.push(removed(file, link, scheme));
            continue;
        }
        let resolved = match resolve(file, &link.target) {
            Ok(r) => r,
            Err(why) => {
                let msg = match why {
                    Unsafe::Absolute => format!("`{}` is an absolute path", link.target),
                    Unsafe::Escapes => format!("`{}` leads outside the content folder", link.target),
                };
                diags.push(Diagnostic::error(codes::UNSAFE_PATH, file, link.loc, msg).with_hint(
                    "link to content files by their path relative to this file, e.g. ../assets/map.png",
                ));
                continue;
            }
        };
        // Raw HTML is published as written: it must not leave the content
        // folder, and that is all that can be said of it.
        if link.in_html {
            continue;
        }
        let target_file = if resolved.path.is_empty() { file.to_string() } else { resolved.path.clone() };
        let is_asset = link.is_image || target_file.starts_with("assets/");
        let code = if is_asset { codes::MISSING_ASSET } else { codes::BROKEN_LINK };
        // `assets/.hidden.png`, `assets/.thumbs/a.png`, `plan.pdf~`: there
        // may well be such a file, but the build passes over it.
        if !resolved.path.is_empty()
            && let Some(name) = target_file.split('/').find(|n| crate::links::is_passed_over(n))
        {
            diags.push(
                Diagnostic::error(
                    code,
                    file,
                    link.loc,
                    format!(
                        "`{}` points to `{target_file}`, which is not published: `{name}` is a hidden file or folder, or an editor's leftover, which the build passes over",
                        link.target
                    ),
                )
                .with_hint("rename it without the leading `.` (or the trailing `~`), and link to the new name"),
            );
            continue;
        }
        if !resolved.path.is_empty() && !files.contains(target_file.as_str()) {
            let what = if is_asset { "asset" } else { "content file" };
            let candidates: Vec<&str> =
                content.files.iter().map(String::as_str).filter(|f| output_path(f).is_some()).collect();
            let hint = match suggest::closest(&target_file, candidates.iter().copied()) {
                _ if looks_like_email(&link.target) => {
                    format!("for an e-mail address, write `mailto:{}` or `<{}>`", link.target, link.target)
                }
                Some(c) => format!("did you mean `{}`?", relative(file, c)),
                None if is_asset => format!("put the file at content/{target_file}"),
                None => {
                    "link to a group (.yaml), meeting or page (.md) by its path relative to this file".into()
                }
            };
            diags.push(
                Diagnostic::error(
                    code,
                    file,
                    link.loc,
                    format!("`{}` points to {what} `{target_file}`, which does not exist", link.target),
                )
                .with_hint(hint),
            );
            continue;
        }
        if !resolved.path.is_empty() && output_path(&target_file).is_none() {
            diags.push(
                Diagnostic::error(
                    codes::BROKEN_LINK,
                    file,
                    link.loc,
                    format!("`{}` is not a page of the site", link.target),
                )
                .with_hint("link to a group (groups/<id>.yaml), a meeting, a page, or a file under assets/"),
            );
            continue;
        }
        if !resolved.path.is_empty() && left_out.contains(target_file.as_str()) && !left_out.contains(file) {
            diags.push(
                Diagnostic::error(
                    codes::BROKEN_LINK,
                    file,
                    link.loc,
                    format!("`{}` points to `{target_file}`, a draft left out of this build", link.target),
                )
                .with_hint(format!(
                    "a draft is published only with --drafts: build with --drafts, or remove `draft: true` from `{target_file}` when it is ready"
                )),
            );
            continue;
        }
        let sections = crate::links::page_sections(&target_file);
        let ids = anchors
            .get(target_file.as_str())
            .copied()
            .or_else(|| (!sections.is_empty()).then_some(&NO_HEADINGS));
        if let (Some(fragment), Some(ids)) = (&resolved.fragment, ids)
            && !fragment.is_empty()
            && !ids.contains(fragment)
            && !sections.iter().any(|(name, _)| name == fragment)
        {
            let known: Vec<&str> =
                sections.iter().map(|(name, _)| *name).chain(ids.iter().map(String::as_str)).collect();
            let hint = if known.is_empty() {
                format!(
                    "its notes have no headings to link to: link to the page itself (without `#{fragment}`), or add a heading such as `## Decisions` to it"
                )
            } else {
                crate::diag::suggest::did_you_mean(fragment, &known)
            };
            diags.push(
                Diagnostic::error(
                    codes::BROKEN_LINK,
                    file,
                    link.loc,
                    format!("`{target_file}` has no heading `#{fragment}`"),
                )
                .with_hint(hint),
            );
        }
    }
    diags
}

/// A link or image whose scheme the site removes: never silently.
fn removed(file: &str, link: &LinkRef, scheme: &str) -> Diagnostic {
    let what = if link.is_image { "an image" } else { "a link" };
    let message = if scheme.is_empty() {
        format!("{what} to `{}` is removed: its address has control characters", link.target.escape_debug())
    } else {
        format!(
            "{what} with the scheme `{scheme}:` is removed from the page (`{}`)",
            link.target.escape_debug()
        )
    };
    Diagnostic::warning(codes::UNSUPPORTED_LINK, file, link.loc, message).with_hint(format!(
        "links may use {}; write the address as text, or in `code`, to show it",
        SCHEMES.map(|s| format!("{s}:")).join(", ")
    ))
}

/// `secretariat@example.org`: an address written as a link target without
/// `mailto:`, which is read as a path.
fn looks_like_email(target: &str) -> bool {
    target.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !target.contains(['/', '\\', '#', '?', ' '])
    })
}

/// `to` written relative to the folder of `from`.
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>()[..from.matches('/').count()].to_vec();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}
