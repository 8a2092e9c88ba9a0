//! Escaping text into HTML, and marking text in another language than the
//! page's: shared by the pages, the charts and the preview's error page.
//!
//! Imports only `core` (and itself): escaping is a leaf every stage may use.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as escaped HTML; in `<span lang="…">` when `lang` is not empty
/// (text in another language than the page's).
pub fn marked(text: &str, lang: &str) -> String {
    if lang.is_empty() {
        escape_html(text)
    } else {
        format!("<span lang=\"{}\">{}</span>", escape_html(lang), escape_html(text))
    }
}
