//! One language's view of the content: texts picked from language maps,
//! dates and numbers in the locale, statuses with their label and icon.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::view::{Localized, StatusView};
use crate::charts::Rgb;
use crate::core::locale::Locale;
use crate::model::{ActionStatus, MeetingTime, RiskLevel, Status, Text};

pub struct Localizer {
    pub lang: String,
    pub default_lang: String,
    pub locale: Locale,
    pub t: BTreeMap<String, String>,
    /// Each language's own name (the theme's `language_name` in that
    /// language), for the language switch.
    pub language_names: BTreeMap<String, String>,
    /// The theme's colour of each activity status (`done` …), for charts.
    pub status_colors: BTreeMap<String, Rgb>,
}

impl Localizer {
    pub fn new(lang: &str, default_lang: &str, t: BTreeMap<String, String>) -> Self {
        Localizer {
            lang: lang.to_string(),
            default_lang: default_lang.to_string(),
            locale: Locale::for_lang(lang),
            t,
            language_names: BTreeMap::new(),
            status_colors: BTreeMap::new(),
        }
    }

    /// The text in this language (falling back to the default language).
    pub fn text(&self, t: &Text) -> String {
        t.get(&self.lang, &self.default_lang).to_string()
    }

    /// The text and, when it fell back to another language, that language.
    pub fn text_lang(&self, t: &Text) -> Localized {
        let (s, lang) = t.resolve(&self.lang, &self.default_lang);
        Localized { text: s.to_string(), lang: lang.filter(|l| *l != self.lang).map(str::to_string) }
    }

    /// As [`Localizer::text_lang`], for an optional text.
    pub fn opt_lang(&self, t: &Option<Text>) -> Option<Localized> {
        t.as_ref().map(|t| self.text_lang(t))
    }

    /// A language's own name ("Français"), else its code.
    pub fn language_name(&self, lang: &str) -> String {
        self.language_names.get(lang).cloned().unwrap_or_else(|| lang.to_string())
    }

    /// Markdown text in this language as safe HTML, with each link or image
    /// target passed through `rewrite` (see [`super::markdown::render`]) and
    /// its anchors starting with `prefix`; fallback text is wrapped in an
    /// element carrying its own `lang`.
    pub fn markdown(&self, t: &Text, rewrite: &dyn Fn(&str) -> Option<String>, prefix: &str) -> String {
        let Localized { text, lang } = self.text_lang(t);
        let html = if text.is_empty() {
            String::new()
        } else {
            super::markdown::render_with_prefix(&text, rewrite, prefix).html
        };
        match lang {
            Some(lang) => format!("<div lang=\"{lang}\">{html}</div>"),
            None => html,
        }
    }

    /// An interface string.
    /// Every key asked for here is in the built-in English strings, which
    /// every language falls back to (a test reads the code for them): a
    /// missing one would show nothing, never the key itself.
    pub fn s(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_default()
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

    /// A time of day as the theme writes it: `09:30` / `9 h 30`, `14 h`.
    pub fn clock(&self, (h, m): (u8, u8)) -> String {
        let key = if m == 0 { "time_clock_hour" } else { "time_clock" };
        let (hh, mm, h) = (format!("{h:02}"), format!("{m:02}"), h.to_string());
        self.fill(key, &[("hh", &hh), ("mm", &mm), ("h", &h)])
    }

    /// A time or a span: `14:00–16:00` / `14 h – 16 h`.
    pub fn time(&self, t: MeetingTime) -> String {
        match t.end {
            Some(end) => {
                self.fill("time_span", &[("start", &self.clock(t.start)), ("end", &self.clock(end))])
            }
            None => self.clock(t.start),
        }
    }

    /// The abbreviation of `zone` (an IANA name) as this language writes
    /// it: the theme's `tz_<area>_<abbreviation>` (`tz_America_EDT`: `HAE`
    /// in French), else the tz database's (`EDT`, `CEST`).
    pub fn zone_abbreviation(&self, zone: &str, abbreviation: &str) -> String {
        let area = zone.split('/').next().unwrap_or(zone);
        match self.t.get(&format!("tz_{area}_{abbreviation}")) {
            Some(own) if !own.is_empty() => own.clone(),
            _ => abbreviation.to_string(),
        }
    }

    /// A meeting's time with its zone, when it has one: `13:00–15:00 EDT`
    /// / `13 h – 15 h (HAE)`; the time alone when floating.
    pub fn meeting_time(&self, date: Date, t: MeetingTime, zone: Option<&str>) -> String {
        let time = self.time(t);
        let Some(name) = zone else { return time };
        let Some(tz) = crate::core::zone::get(name) else { return time };
        let abbreviation = crate::core::zone::abbreviation(&tz, date, t.start);
        if abbreviation.is_empty() {
            return time;
        }
        let zone = self.zone_abbreviation(name, &abbreviation);
        self.fill("time_zoned", &[("time", &time), ("zone", &zone)])
    }

    /// How long from `from` to `to`, in the largest whole unit: "12 days",
    /// "1 month", "5 months" (at least a day).
    pub fn duration(&self, from: Date, to: Date) -> String {
        let days = (to - from).get_days().max(0);
        let months = (to.year() as i32 - from.year() as i32) * 12 + (to.month() as i32 - from.month() as i32)
            - i32::from(to.day() < from.day());
        match (months, days) {
            (m, _) if m >= 2 => self.fill("duration_months", &[("n", &m.to_string())]),
            (1, _) => self.s("duration_one_month"),
            (_, d) if d <= 1 => self.s("duration_one_day"),
            (_, d) => self.fill("duration_days", &[("n", &d.to_string())]),
        }
    }

    pub fn opt_date(&self, d: Option<Date>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }

    /// A date in a printed table: `31 Dec 2021` / `31 déc. 2021`.
    pub fn opt_date_compact(&self, d: Option<Date>) -> String {
        d.map(|d| self.locale.date_compact(d)).unwrap_or_default()
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
    use crate::core::Loc;
    use crate::model::Translation;

    fn en_only(s: &str) -> Text {
        Text {
            loc: Loc::default(),
            plain: None,
            langs: vec![Translation { lang: "en".into(), text: s.into(), loc: Loc::default() }],
            markdown: None,
        }
    }

    #[test]
    fn a_text_says_the_language_it_fell_back_to() {
        let fr = Localizer::new("fr", "en", BTreeMap::new());
        let t = en_only("Scanner <script>");
        assert_eq!(fr.text_lang(&t), Localized { text: "Scanner <script>".into(), lang: Some("en".into()) });
        let en = Localizer::new("en", "en", BTreeMap::new());
        assert_eq!(en.text_lang(&t), Localized::own("Scanner <script>"));
        assert_eq!(fr.text_lang(&Text::plain("O'Brien")).lang, None, "a plain string is in every language");
    }
}
