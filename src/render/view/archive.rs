//! The links to the briefing books: each meeting's book in the archive
//! (`print/<meeting>/`, always written) and its PDF with its size (only when
//! `briefing pdf --all` printed it into the output), and the current book's
//! PDF (when `briefing pdf` printed it). Reads what was printed from
//! [`super::Around`], never the output folder.
//!
//! Must not import `load`, `validate`, `pdf`, `site`, `serve`, `write`.

use serde::Serialize;

use super::RecordBuilder;
use crate::render::urls;

/// A printed book: its address from the page and "PDF, 1.2 MB".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PdfLink {
    pub url: String,
    pub label: String,
}

impl RecordBuilder<'_> {
    /// The archive's book of the meeting `slug`, from this page ("" when
    /// the archive is not written: the preview).
    pub fn archived_book_url(&self, slug: &str) -> String {
        if !self.around.archive {
            return String::new();
        }
        format!("{}{}", self.root, urls::archived_book(slug))
    }

    /// The meeting's printed book in this page's language, when printed:
    /// for the meeting the current book is for, the current one
    /// (`briefing.pdf`), else its own (`books/<meeting>.pdf`).
    pub fn meeting_pdf(&self, slug: &str) -> Option<PdfLink> {
        let current = (self.around.book == Some(slug)).then(|| self.current_pdf()).flatten();
        current.or_else(|| self.printed(&urls::archived_pdf(slug, &self.l.lang, &self.l.default_lang)))
    }

    /// The current book in this page's language, when printed.
    pub fn current_pdf(&self) -> Option<PdfLink> {
        self.printed(&urls::current_pdf(&self.l.lang, &self.l.default_lang))
    }

    fn printed(&self, path: &str) -> Option<PdfLink> {
        let (_, size) = self.around.printed.iter().find(|(p, _)| p == path)?;
        let size = size_label(self.l, *size);
        Some(PdfLink {
            url: format!("{}{path}", self.site_root),
            label: self.l.fill("book_pdf_size", &[("size", &size)]),
        })
    }
}

/// A file's size as a reader reads it: "840 KB", "1.2 MB" ("1,2 Mo").
fn size_label(l: &crate::render::localize::Localizer, bytes: u64) -> String {
    let kb = bytes as f64 / 1000.0;
    if kb < 1000.0 {
        l.fill("size_kb", &[("n", &l.locale.number(kb.max(1.0).round(), 0))])
    } else {
        l.fill("size_mb", &[("n", &l.locale.number(kb / 1000.0, 1))])
    }
}
