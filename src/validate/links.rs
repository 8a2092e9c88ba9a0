//! Links and images in Markdown bodies: each must lead to a content file
//! that becomes a page or an asset, and to a heading that exists.

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, codes, suggest};
use crate::links::{Unsafe, output_path, resolve};
use crate::model::{Content, Markdown};

pub fn check(content: &Content, only: Option<&BTreeSet<String>>, diags: &mut Diagnostics) {
    let mut bodies: Vec<(&str, &Markdown)> = Vec::new();
    for m in &content.meetings {
        bodies.push((&m.file, &m.body));
        bodies.extend(m.translations.iter().map(|t| (t.file.as_str(), &t.body)));
    }
    for p in &content.pages {
        bodies.push((&p.file, &p.body));
        bodies.extend(p.translations.iter().map(|t| (t.file.as_str(), &t.body)));
    }
    let checked: Vec<(&str, &Markdown)> =
        bodies.iter().copied().filter(|(file, _)| only.is_none_or(|o| o.contains(*file))).collect();
    // The files the checked links lead to (every file for a full check): a
    // few bodies' links need not index the whole committee.
    let wanted: Option<Vec<String>> = only.map(|_| {
        let mut targets: Vec<String> = checked
            .iter()
            .flat_map(|(file, md)| md.links.iter().map(move |l| (file, l)))
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
    let anchors: HashMap<&str, &BTreeSet<String>> =
        bodies.iter().filter(|(f, _)| wants(f)).map(|(f, md)| (*f, &md.anchors)).collect();
    let found: Vec<Vec<Diagnostic>> =
        checked.par_iter().map(|(file, md)| check_body(content, file, md, &files, &anchors)).collect();
    diags.extend(found.into_iter().flatten());
}

fn check_body(
    content: &Content,
    file: &str,
    md: &Markdown,
    files: &HashSet<&str>,
    anchors: &HashMap<&str, &BTreeSet<String>>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for link in &md.links {
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
        let target_file = if resolved.path.is_empty() { file.to_string() } else { resolved.path.clone() };
        if !resolved.path.is_empty() && !files.contains(target_file.as_str()) {
            let is_asset = link.is_image || target_file.starts_with("assets/");
            let code = if is_asset { codes::MISSING_ASSET } else { codes::BROKEN_LINK };
            let what = if is_asset { "asset" } else { "content file" };
            let candidates: Vec<&str> =
                content.files.iter().map(String::as_str).filter(|f| output_path(f).is_some()).collect();
            let hint = match suggest::closest(&target_file, candidates.iter().copied()) {
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
        if let (Some(fragment), Some(ids)) = (&resolved.fragment, anchors.get(target_file.as_str()))
            && !fragment.is_empty()
            && !ids.contains(fragment)
        {
            let known: Vec<&str> = ids.iter().map(String::as_str).collect();
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

/// `to` written relative to the folder of `from`.
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>()[..from.matches('/').count()].to_vec();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}
