//! Languages of text fields: only the site's languages, and (as warnings)
//! every one of them.

use crate::diag::{Diagnostic, Diagnostics, codes, suggest};
use crate::model::{Content, Site, Text};

pub fn check(content: &Content, site: &Site, diags: &mut Diagnostics) {
    let langs: Vec<&str> = site.languages.iter().map(String::as_str).collect();
    let mut check = |file: &str, text: &Text| {
        for t in &text.langs {
            if !langs.contains(&t.lang.as_str()) {
                let hint = match suggest::closest(&t.lang, langs.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`? site.yaml lists {}", suggest::list(&langs)),
                    None => format!("add `{}` to `languages` in site.yaml, or remove this text", t.lang),
                };
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_LANGUAGE,
                        file,
                        t.loc,
                        format!("`{}` is not one of the site's languages", t.lang),
                    )
                    .with_hint(hint),
                );
            }
        }
        if text.plain.is_none() {
            for lang in &langs {
                if !text.has(lang) {
                    diags.push(
                        Diagnostic::warning(
                            codes::MISSING_TRANSLATION,
                            file,
                            text.loc,
                            format!("this text has no `{lang}` version"),
                        )
                        .with_hint(format!(
                            "add `{lang}: …`; until then the page shows the {} text",
                            site.default_lang()
                        )),
                    );
                }
            }
        }
    };
    visit_texts(content, site, &mut check);
}

/// Calls `f` with every text field of the content and the file it is in.
fn visit_texts(content: &Content, site: &Site, check: &mut dyn FnMut(&str, &Text)) {
    check(&site.file, &site.title);
    check(&site.file, &site.classification);
    for t in [&site.short_name, &site.subtitle, &site.description].into_iter().flatten() {
        check(&site.file, t);
    }
    for (_, t, _) in &site.parties {
        check(&site.file, t);
    }
    for t in [&site.secretariat, &site.distribution].into_iter().flatten() {
        check(&site.file, t);
    }
    for m in &site.members {
        if let Some(o) = &m.organization {
            check(&site.file, o);
        }
    }
    for g in &content.groups {
        check(&g.file, &g.name);
        check(&g.file, &g.mandate);
        for c in &g.chairs {
            if let Some(o) = &c.organization {
                check(&g.file, o);
            }
        }
        for a in &g.activities {
            check(&g.file, &a.title);
            if let Some(d) = &a.description {
                check(&g.file, d);
            }
        }
        for m in &g.metrics {
            check(&g.file, &m.title);
            for t in [&m.unit, &m.description].into_iter().flatten() {
                check(&g.file, t);
            }
        }
    }
    for u in &content.updates {
        for t in u.summary.iter().chain(u.asks.iter().map(|a| &a.text)) {
            check(&u.file, t);
        }
        for a in &u.activities {
            if let Some(n) = &a.note {
                check(&u.file, n);
            }
        }
        for r in &u.risks {
            check(&u.file, &r.title);
            if let Some(m) = &r.mitigation {
                check(&u.file, m);
            }
        }
    }
    for m in &content.meetings {
        check(&m.fields, &m.title);
        if let Some(l) = &m.location {
            check(&m.fields, l);
        }
        for a in &m.attendees {
            for t in [&a.organization, &a.role].into_iter().flatten() {
                check(&m.fields, t);
            }
        }
        if let Some(a) = &m.attendance {
            for t in a.observers.iter().chain(&a.secretariat) {
                check(&m.fields, t);
            }
        }
        for i in &m.agenda {
            check(&m.fields, &i.title);
            if let crate::model::Lead::Text(t) = &i.lead {
                check(&m.fields, t);
            }
            if let Some(n) = &i.note {
                check(&m.fields, n);
            }
        }
        for d in &m.decisions {
            check(&m.fields, &d.text);
        }
        for a in &m.actions {
            check(&m.fields, &a.text);
            check(&m.fields, &a.owner);
        }
    }
    for p in &content.pages {
        check(&p.file, &p.title);
    }
}

/// Markdown bodies without a translation into one of the site's languages.
pub fn check_bodies(content: &Content, site: &Site, diags: &mut Diagnostics) {
    let others: Vec<&str> = site.languages.iter().skip(1).map(String::as_str).collect();
    let bodies = content
        .meetings
        .iter()
        .map(|m| (&m.file, &m.translations))
        .chain(content.pages.iter().map(|p| (&p.file, &p.translations)));
    for (file, translations) in bodies {
        for lang in &others {
            if !translations.iter().any(|t| t.lang == *lang) {
                let stem = file.trim_end_matches(".md");
                diags.push(
                    Diagnostic::warning(codes::MISSING_TRANSLATION, file, crate::core::Loc::new(1, 1), format!("this record has no `{lang}` translation"))
                        .with_hint(format!("add {stem}.{lang}.md with the translated text; until then the {lang} page shows this text")),
                );
            }
        }
    }
}

/// How much of the content exists in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    pub lang: String,
    /// Text fields with this language (plain strings count for every language).
    pub texts: usize,
    pub texts_total: usize,
    /// Meeting records and pages with a body in this language.
    pub bodies: usize,
    pub bodies_total: usize,
}

/// Completeness of every language of the site, in site order.
pub fn completeness(content: &Content, site: &Site) -> Vec<Completeness> {
    let mut counts: Vec<Completeness> = site
        .languages
        .iter()
        .map(|l| Completeness { lang: l.clone(), texts: 0, texts_total: 0, bodies: 0, bodies_total: 0 })
        .collect();
    visit_texts(content, site, &mut |_, text| {
        for c in counts.iter_mut() {
            c.texts_total += 1;
            if text.has(&c.lang) {
                c.texts += 1;
            }
        }
    });
    let bodies =
        content.meetings.iter().map(|m| &m.translations).chain(content.pages.iter().map(|p| &p.translations));
    for translations in bodies {
        for (i, c) in counts.iter_mut().enumerate() {
            c.bodies_total += 1;
            if i == 0 || translations.iter().any(|t| t.lang == c.lang) {
                c.bodies += 1;
            }
        }
    }
    counts
}
