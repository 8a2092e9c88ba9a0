//! Where pages go and how pages link to each other: every link is relative
//! so the site works from `file://` and from any sub-path.

/// A page's place in one language's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePath {
    /// Relative to the language root: `index.html`, `groups/health/index.html`.
    pub file: String,
}

impl PagePath {
    pub fn new(file: impl Into<String>) -> Self {
        PagePath { file: file.into() }
    }

    /// How many folders deep the page is in its language tree.
    pub fn depth(&self) -> usize {
        self.file.matches('/').count()
    }

    /// From this page up to its language root.
    pub fn root(&self) -> String {
        "../".repeat(self.depth())
    }
}

/// The language root of `lang` inside the output: `` or `fr/`.
pub fn lang_prefix(lang: &str, default_lang: &str) -> String {
    if lang == default_lang { String::new() } else { format!("{lang}/") }
}

/// From a page in language `from_lang` to the top of the output folder.
pub fn site_root(page: &PagePath, from_lang: &str, default_lang: &str) -> String {
    let mut r = page.root();
    if from_lang != default_lang {
        r.push_str("../");
    }
    r
}

pub fn group(id: &str) -> String {
    format!("groups/{id}/index.html")
}

pub fn meeting(slug: &str) -> String {
    format!("meetings/{slug}/index.html")
}

pub fn page(slug: &str) -> String {
    format!("pages/{slug}/index.html")
}

/// The archive's book of a meeting: `print/<meeting>/index.html`.
pub fn archived_book(slug: &str) -> String {
    format!("print/{slug}/index.html")
}

/// The archive's printed book of a meeting in a language, from the output's
/// root: `books/<meeting>.pdf`, `books/<meeting>.<lang>.pdf` for the other
/// languages.
pub fn archived_pdf(slug: &str, lang: &str, default_lang: &str) -> String {
    if lang == default_lang { format!("books/{slug}.pdf") } else { format!("books/{slug}.{lang}.pdf") }
}

/// The current printed book in a language, from the output's root:
/// `briefing.pdf`, `briefing.<lang>.pdf` for the other languages.
pub fn current_pdf(lang: &str, default_lang: &str) -> String {
    if lang == default_lang { "briefing.pdf".to_string() } else { format!("briefing.{lang}.pdf") }
}

pub fn chart(slug: &str) -> String {
    format!("charts/{slug}.svg")
}

/// A content-relative output path (`groups/x/`) as a link file.
pub fn with_index(output_path: &str) -> String {
    if output_path.ends_with('/') { format!("{output_path}index.html") } else { output_path.to_string() }
}
