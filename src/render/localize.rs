//! One language's view of the content: texts picked from language maps,
//! dates and numbers in the locale, statuses with their label and icon.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::view::StatusView;
use crate::html::marked;
use crate::locale::Locale;
use crate::model::{ActionStatus, RiskLevel, Status, Text};

pub struct Localizer {
    pub lang: String,
    pub default_lang: String,
    pub locale: Locale,
    pub t: BTreeMap<String, String>,
}

impl Localizer {
    pub fn new(lang: &str, default_lang: &str, t: BTreeMap<String, String>) -> Self {
        Localizer {
            lang: lang.to_string(),
            default_lang: default_lang.to_string(),
            locale: Locale::for_lang(lang),
            t,
        }
    }

    /// The text in this language (falling back to the default language).
    pub fn text(&self, t: &Text) -> String {
        t.get(&self.lang, &self.default_lang).to_string()
    }

    /// The text and, when it fell back to another language, that language.
    pub fn text_lang(&self, t: &Text) -> (String, String) {
        let (s, lang) = t.resolve(&self.lang, &self.default_lang);
        let fell_back = lang.filter(|l| *l != self.lang).map(str::to_string).unwrap_or_default();
        (s.to_string(), fell_back)
    }

    /// As [`Localizer::text_lang`], for an optional text ("" and "" without one).
    pub fn opt_lang(&self, t: &Option<Text>) -> (String, String) {
        t.as_ref().map(|t| self.text_lang(t)).unwrap_or_default()
    }

    /// Markdown text in this language as safe HTML, with each link or image
    /// target passed through `rewrite` (see [`super::markdown::render`]) and
    /// its anchors starting with `prefix`; fallback text is wrapped in an
    /// element carrying its own `lang`.
    pub fn markdown(&self, t: &Text, rewrite: &dyn Fn(&str) -> Option<String>, prefix: &str) -> String {
        let (s, fell_back) = self.text_lang(t);
        let html = if s.is_empty() {
            String::new()
        } else {
            super::markdown::render_with_prefix(&s, rewrite, prefix).html
        };
        if fell_back.is_empty() { html } else { format!("<div lang=\"{fell_back}\">{html}</div>") }
    }

    /// A plain text field as escaped HTML, wrapped in a `<span>` carrying its
    /// own `lang` when it fell back (for sentences and lists built in Rust).
    pub fn html(&self, t: &Text) -> String {
        let (s, fell_back) = self.text_lang(t);
        marked(&s, &fell_back)
    }

    /// An interface string.
    pub fn s(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// An interface string with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.s(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    pub fn date(&self, d: Date) -> String {
        self.locale.date(d)
    }

    pub fn opt_date(&self, d: Option<Date>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }

    pub fn percent(&self, p: u8) -> String {
        self.locale.percent(f64::from(p))
    }

    pub fn status(&self, s: Status) -> StatusView {
        let icon = match s {
            Status::Planned => "○",
            Status::InProgress => "▶",
            Status::AtRisk => "⚠",
            Status::Blocked => "■",
            Status::Done => "✓",
        };
        StatusView {
            key: s.key().to_string(),
            label: self.s(&format!("status_{}", s.key().replace('-', "_"))),
            icon: icon.to_string(),
        }
    }

    pub fn action_status(&self, s: ActionStatus, overdue: bool) -> StatusView {
        if overdue {
            return StatusView { key: "overdue".into(), label: self.s("action_overdue"), icon: "!".into() };
        }
        let icon = match s {
            ActionStatus::Open => "○",
            ActionStatus::InProgress => "▶",
            ActionStatus::Done => "✓",
            ActionStatus::Cancelled => "✕",
        };
        StatusView {
            key: s.key().to_string(),
            label: self.s(&format!("action_{}", s.key().replace('-', "_"))),
            icon: icon.to_string(),
        }
    }

    pub fn risk(&self, l: RiskLevel) -> String {
        self.s(&format!("risk_{}", l.key()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Translation;
    use crate::yaml::Loc;

    fn en_only(s: &str) -> Text {
        Text {
            loc: Loc::default(),
            plain: None,
            langs: vec![Translation { lang: "en".into(), text: s.into(), loc: Loc::default() }],
            markdown: None,
        }
    }

    #[test]
    fn fallback_html_is_escaped_and_marked() {
        let fr = Localizer::new("fr", "en", BTreeMap::new());
        let t = en_only("Scanner <script>alert(\"x\")</script> & co");
        assert_eq!(
            fr.html(&t),
            "<span lang=\"en\">Scanner &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</span>"
        );
        let en = Localizer::new("en", "en", BTreeMap::new());
        assert_eq!(en.html(&t), "Scanner &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
        assert_eq!(fr.html(&Text::plain("O'Brien")), "O&#39;Brien", "a plain string is in every language");
    }
}
