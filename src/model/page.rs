//! `pages/<slug>.md`: a free page such as background or terms of reference.

use super::{Markdown, Text, TranslatedBody};

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Page {
    pub slug: String,
    pub file: String,
    pub title: Text,
    pub order: Option<i64>,
    pub draft: bool,
    pub body: Markdown,
    /// Bodies in other languages (`x.fr.md`).
    pub translations: Vec<TranslatedBody>,
}
