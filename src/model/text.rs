//! Text fields: a plain string, or a map of language to string.

use crate::core::Loc;

/// A text field as staff wrote it.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Text {
    pub loc: Loc,
    /// A plain string: the same in every language.
    pub plain: Option<String>,
    /// Language entries in file order, each with its place.
    pub langs: Vec<Translation>,
    /// For a Markdown field with links or images to check and rewrite: its
    /// file and those links (`None` for other texts).
    pub markdown: Option<Box<MarkdownField>>,
}

/// A Markdown text field's file and the links and images it holds in all its
/// languages: they are checked, and rewritten relative to that file, as a
/// body's are.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct MarkdownField {
    pub file: String,
    pub links: Vec<super::LinkRef>,
}

/// One language's version of a text.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Translation {
    pub lang: String,
    pub text: String,
    pub loc: Loc,
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Text {
        Text { loc: Loc::default(), plain: Some(text.into()), langs: Vec::new(), markdown: None }
    }

    /// The text in `lang`, else in `fallback`, else any; with the language
    /// it is actually in (`None` for a plain string).
    pub fn resolve<'a>(&'a self, lang: &str, fallback: &str) -> (&'a str, Option<&'a str>) {
        if let Some(p) = &self.plain {
            return (p, None);
        }
        let find = |l: &str| self.langs.iter().find(|t| t.lang == l);
        match find(lang).or_else(|| find(fallback)).or_else(|| self.langs.first()) {
            Some(t) => (&t.text, Some(&t.lang)),
            None => ("", None),
        }
    }

    /// The text in `lang` (falling back as `resolve` does).
    pub fn get(&self, lang: &str, fallback: &str) -> &str {
        self.resolve(lang, fallback).0
    }

    /// True when both say the same thing in the same languages, wherever
    /// they were written (places are ignored).
    pub fn same_words(&self, other: &Text) -> bool {
        self.plain == other.plain
            && self.langs.len() == other.langs.len()
            && self.langs.iter().all(|t| other.langs.iter().any(|o| o.lang == t.lang && o.text == t.text))
    }

    pub fn has(&self, lang: &str) -> bool {
        self.plain.is_some() || self.langs.iter().any(|t| t.lang == lang)
    }
}
