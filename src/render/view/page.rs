//! A free page: its own page, an annex of the book, an entry of the list of
//! pages.

use serde::Serialize;

use super::{Builder, Link, Localized, RecordBuilder, TocEntry};
use crate::model::Page;
use crate::render::urls;

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub slug: String,
    pub title: Localized,
    pub url: String,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// The language of the body when it fell back to another language.
    pub body_lang: Option<String>,
}

/// `pages/<slug>/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PagePage {
    pub page: PageView,
}

/// `pages/index.html`: every page, when the navigation cannot hold them all.
#[derive(Debug, Clone, Serialize)]
pub struct PagesPage {
    pub pages: Vec<PageLink>,
}

/// An entry of the list of pages.
pub type PageLink = Link;

impl RecordBuilder<'_> {
    /// A page's title in this language: its translation's own, else the
    /// text field's.
    pub fn page_title(&self, p: &Page) -> Localized {
        self.title(&p.title, &p.translations)
    }

    pub fn page(&self, p: &Page) -> PageView {
        let (body, body_lang, title) = self.body(&p.file, &p.body, &p.translations);
        PageView {
            slug: p.slug.clone(),
            title: title.map(Localized::own).unwrap_or_else(|| self.l.text_lang(&p.title)),
            url: self.page_url(&p.slug),
            body_html: body.html,
            toc: body.toc,
            body_lang,
        }
    }
}

impl Builder<'_> {
    /// `pages/index.html`'s view.
    pub fn pages_page(&self) -> PagesPage {
        let pages = self
            .state
            .pages()
            .iter()
            .map(|p| Link { label: self.page_title(p), url: self.url(&urls::page(&p.slug)), current: false })
            .collect();
        PagesPage { pages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::fixture::with_builder;

    #[test]
    fn a_page_shows_its_translation_when_there_is_one() {
        with_builder("fr", false, |b, state| {
            let p = b.page(state.pages[0]);
            assert_eq!(p.title, Localized::own("Mandat"));
            assert_eq!(p.body_lang, None);
            assert_eq!(p.toc.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Portée"]);
            assert_eq!(p.url, "../../pages/terms/index.html");
            let list = b.pages_page();
            assert_eq!(list.pages[0].label, Localized::own("Mandat"));
            assert_eq!(list.pages[0].url, "../../pages/terms/index.html");
        });
        with_builder("en", true, |b, state| {
            let p = b.page(state.pages[0]);
            assert_eq!(p.title, Localized::own("Terms of reference"));
            assert_eq!(p.url, "#_page-terms");
            assert_eq!(
                p.toc.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
                ["page-terms_terms", "page-terms_scope"]
            );
        });
    }
}
