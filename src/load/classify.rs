//! Where a content file belongs in the content model, judged by its path.

use jiff::civil::Date;

use crate::core::date::{nearest_date, parse_date};
use crate::core::lang::is_lang_code;
use crate::yaml::read::{ID_LENGTH_HINT, id_too_long, is_kebab, kebab};

/// What a path in `content/` holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Site,
    Group {
        id: String,
    },
    Update {
        date: Date,
        group: String,
    },
    Meeting {
        slug: String,
        date: Date,
        lang: Option<String>,
        /// `meetings/<slug>.yaml`: the meeting's fields, beside its record
        /// `meetings/<slug>.md` (which then has no front matter).
        fields: bool,
    },
    Page {
        slug: String,
        lang: Option<String>,
    },
    Asset,
    /// A spreadsheet under `data/` that updates take metric figures from
    /// (CSV, XLSX, XLS or ODS): read, never published.
    Data,
    /// Not a place in the content model: the message and hint to report,
    /// and the path the hint suggests renaming the file to, if any.
    Unexpected {
        code: &'static str,
        message: String,
        hint: String,
        rename: Option<String>,
    },
    /// Hidden files and editor leftovers, passed over silently.
    Ignored,
}

/// Classifies a path relative to the content folder (`/` separators).
pub fn classify(path: &str) -> Kind {
    let kind = by_path(path);
    let (what, id) = match &kind {
        Kind::Group { id } => ("group id", id.as_str()),
        Kind::Page { slug, .. } => ("page slug", slug.as_str()),
        // A meeting's own name is what follows its date.
        Kind::Meeting { slug, .. } => ("meeting slug", slug.get(11..).unwrap_or("")),
        _ => return kind,
    };
    match id_too_long(id) {
        Some(why) => bad_name(format!("the {what} {why}"), ID_LENGTH_HINT.into()),
        None => kind,
    }
}

fn by_path(path: &str) -> Kind {
    let parts: Vec<&str> = path.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    if crate::links::is_passed_over(name) {
        return Kind::Ignored;
    }
    match parts.as_slice() {
        ["site.yaml"] => Kind::Site,
        ["assets", ..] => Kind::Asset,
        ["data", .., file] => match file.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()) {
            Some(ext) if crate::load::sheets::EXTENSIONS.contains(&ext.as_str()) => Kind::Data,
            _ => Kind::Unexpected {
                code: crate::diag::codes::UNEXPECTED_FILE,
                message: format!("`{path}` is not a spreadsheet"),
                hint: "data/ holds the spreadsheets updates take figures from: .csv, .xlsx, .xls or .ods files; put other files in assets/".into(),
                rename: None,
            },
        },
        ["groups", file] => match file.strip_suffix(".yaml") {
            Some(id) if is_kebab(id) => Kind::Group { id: id.to_string() },
            Some(id) => bad_name(format!("`{file}` is not a valid group file name"), format!("rename it `{}.yaml`", kebab(id)))
                .renamed(format!("groups/{}.yaml", kebab(id))),
            None => wrong_extension(path, file, ".yaml"),
        },
        ["updates", folder, file] => {
            let date = match parse_date(folder) {
                Ok(d) => d,
                Err(why) => {
                    return Kind::Unexpected {
                        code: crate::diag::codes::BAD_UPDATE_FOLDER,
                        message: format!("update folder `{folder}` is not a date: {why}"),
                        hint: match nearest_date(folder) {
                            Some(d) => format!("did you mean updates/{d}/? Name update folders by their reporting date"),
                            None => "name update folders by their reporting date, e.g. updates/2021-05-26/".into(),
                        },
                        rename: None,
                    };
                }
            };
            match file.strip_suffix(".yaml") {
                Some(group) => Kind::Update { date, group: group.to_string() },
                None => wrong_extension(path, file, ".yaml"),
            }
        }
        ["meetings", file] => match (file.strip_suffix(".md"), file.strip_suffix(".yaml")) {
            (Some(stem), _) => meeting(stem, ".md"),
            (None, Some(stem)) => match meeting(stem, ".yaml") {
                Kind::Meeting { lang: Some(_), .. } => Kind::Unexpected {
                    code: crate::diag::codes::UNEXPECTED_FILE,
                    message: format!("`{path}` gives a meeting's fields in one language"),
                    hint: format!(
                        "a meeting's fields are written once, in `meetings/{}.yaml`, with texts per language; a translation `{stem}.md` holds only the record's body",
                        split_lang(stem).0
                    ),
                    rename: None,
                },
                Kind::Meeting { slug, date, .. } => Kind::Meeting { slug, date, lang: None, fields: true },
                other => other,
            },
            (None, None) => wrong_extension(path, file, ".md"),
        },
        ["pages", file] => match file.strip_suffix(".md") {
            Some(stem) => {
                let (slug, lang) = split_lang(stem);
                if is_kebab(slug) {
                    Kind::Page { slug: slug.to_string(), lang }
                } else {
                    bad_name(format!("`{file}` is not a valid page file name"), format!("rename it `{}.md`", kebab(slug)))
                        .renamed(format!("pages/{}.md", kebab(slug)))
                }
            }
            None => wrong_extension(path, file, ".md"),
        },
        _ => Kind::Unexpected {
            code: crate::diag::codes::UNEXPECTED_FILE,
            message: format!("`{path}` is not a place in the content model"),
            hint: "content holds site.yaml, groups/<group>.yaml, updates/<YYYY-MM-DD>/<group>.yaml, meetings/<YYYY-MM-DD>[-<slug>].md (and its fields in .yaml beside it), pages/<slug>.md, data/ (spreadsheets) and assets/".into(),
            rename: None,
        },
    }
}

fn meeting(stem: &str, ext: &str) -> Kind {
    let (base, lang) = split_lang(stem);
    // The date is the first ten characters (not bytes: a name may hold any
    // character, `2021–05–26` with en dashes among them).
    let cut = base.char_indices().nth(10).map_or(base.len(), |(i, _)| i);
    let (date_part, slug_part) = base.split_at(cut);
    let date = match parse_date(date_part) {
        Ok(d) => d,
        Err(why) => {
            return bad_name(
                format!("meeting file `{stem}{ext}` does not start with a real date: {why}"),
                format!("name meeting notes YYYY-MM-DD{ext} or YYYY-MM-DD-<slug>{ext}"),
            );
        }
    };
    let slug_ok = slug_part.is_empty() || slug_part.strip_prefix('-').is_some_and(is_kebab);
    if !slug_ok {
        return bad_name(
            format!("meeting file `{stem}{ext}` has a bad suffix `{slug_part}`"),
            format!("use lowercase words with hyphens: `{date_part}-{}{ext}`", kebab(slug_part)),
        );
    }
    Kind::Meeting { slug: base.to_string(), date, lang, fields: false }
}

/// `background.fr` -> (`background`, Some(`fr`)).
fn split_lang(stem: &str) -> (&str, Option<String>) {
    match stem.rsplit_once('.') {
        Some((base, lang)) if is_lang_code(lang) => (base, Some(lang.to_string())),
        _ => (stem, None),
    }
}

fn bad_name(message: String, hint: String) -> Kind {
    Kind::Unexpected { code: crate::diag::codes::BAD_FILE_NAME, message, hint, rename: None }
}

impl Kind {
    /// This refusal, with the path its hint suggests.
    fn renamed(self, to: String) -> Kind {
        match self {
            Kind::Unexpected { code, message, hint, .. } => {
                Kind::Unexpected { code, message, hint, rename: Some(to) }
            }
            other => other,
        }
    }
}

fn wrong_extension(path: &str, file: &str, ext: &str) -> Kind {
    let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
    Kind::Unexpected {
        code: crate::diag::codes::UNEXPECTED_FILE,
        message: format!("`{path}` is not a {ext} file"),
        hint: format!("rename it `{stem}{ext}`"),
        rename: Some(match path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{stem}{ext}"),
            None => format!("{stem}{ext}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_the_content_model() {
        assert_eq!(classify("site.yaml"), Kind::Site);
        assert_eq!(classify("groups/health.yaml"), Kind::Group { id: "health".into() });
        assert!(matches!(classify("updates/2021-05-26/health.yaml"), Kind::Update { .. }));
        assert!(matches!(
            classify("updates/2021-02-30/health.yaml"),
            Kind::Unexpected { code: "bad-update-folder", .. }
        ));
        assert!(matches!(classify("meetings/2021-05-26-roadmap.fr.md"), Kind::Meeting { lang: Some(_), .. }));
        assert!(matches!(classify("groups/health.yml"), Kind::Unexpected { code: "unexpected-file", .. }));
        assert!(matches!(classify("notes.txt"), Kind::Unexpected { .. }));
        assert_eq!(classify("pages/.DS_Store"), Kind::Ignored);
        assert_eq!(classify("data/seizures.xlsx"), Kind::Data);
        assert_eq!(classify("data/2021/seizures.CSV"), Kind::Data);
        assert!(matches!(classify("data/notes.txt"), Kind::Unexpected { code: "unexpected-file", .. }));
    }

    #[test]
    fn meeting_names_with_any_characters_are_bad_names_not_panics() {
        for name in [
            "2021\u{2013}05\u{2013}26",
            "\u{ff12}\u{ff10}\u{ff12}\u{ff11}-05-26",
            "2021-05-2\u{e9}",
            "2021-05-2\u{e9}-roadmap",
            "2021-05-26\u{e9}",
            "2021-05-26-r\u{e9}union",
            "\u{e9}",
            "2021-05-\u{1f600}",
            "2021-05-26.\u{e9}\u{e9}",
        ] {
            let kind = classify(&format!("meetings/{name}.md"));
            assert!(matches!(&kind, Kind::Unexpected { code: "bad-file-name", .. }), "{name}: {kind:?}");
        }
        let Kind::Unexpected { message, .. } = classify("meetings/2021\u{2013}05\u{2013}26-x.md") else {
            panic!("an en dash is not a hyphen");
        };
        assert!(message.contains("`2021\u{2013}05\u{2013}26` is not in the form YYYY-MM-DD"), "{message}");
        assert!(matches!(classify("meetings/2021-05-26-roadmap.md"), Kind::Meeting { .. }));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any path, in any folder of the content model, is classified
        /// without a panic; a meeting is only ever named by a real date.
        #[test]
        fn any_unicode_path_is_classified(
            folder in proptest::sample::select(vec!["", "meetings/", "pages/", "groups/", "updates/2021-05-26/", "updates/", "assets/"]),
            stem in "(2021-05-2|[0-9-]{0,4})?\\PC{0,14}",
            ext in proptest::sample::select(vec![".md", ".yaml", "", ".fr.md", ".\u{e9}\u{e9}.md"]),
        ) {
            let path = format!("{folder}{stem}{ext}");
            if let Kind::Meeting { slug, .. } = classify(&path) {
                proptest::prop_assert!(slug.is_ascii() && parse_date(&slug[..10]).is_ok(), "{path}: {slug}");
            }
        }
    }
}
