//! What every page shares: the site's title, the navigation, the language
//! switch, the page's own title.

use serde::Serialize;

use super::Localized;
use crate::derive::State;
use crate::model::{Site, Text};
use crate::render::localize::Localizer;
use crate::render::urls::{self, PagePath};

/// Shared by every page.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    /// `en`, `fr`.
    pub lang: String,
    /// Relative prefix from this page to the site root of this language, e.g. `../../`
    /// (`""` at the root). Assets shared by all languages are under `asset_root`.
    pub root: String,
    pub asset_root: String,
    pub site_title: Localized,
    /// The title's shorter form for a phone's header, when the committee writes one.
    pub site_short_title: Option<Localized>,
    pub site_subtitle: Option<Localized>,
    pub classification: String,
    /// "Briefing as of May 26, 2021".
    pub as_of: String,
    /// This page's title (for `<title>` and `<h1>`).
    pub title: Localized,
    /// The language of the whole `<title>` ("page title — site title"), which
    /// holds text only: the language both fell back to, else none.
    pub head_title_lang: Option<String>,
    /// Main navigation, `current` set on the section this page belongs to.
    pub nav: Vec<Link>,
    /// Links to this page in the other languages (empty with one language).
    pub alternates: Vec<Alternate>,
    /// Absolute URL of this page when `--base-url` is given (for `<link rel=canonical>`).
    pub canonical: Option<String>,
    // `frame.t`, the theme strings in this language (`i18n/<lang>.yaml`), is
    // added by `Theme::render` from one value per language.
    /// The stylesheet and favicon paths, relative.
    pub stylesheet: String,
    /// True when some data on the page is illustrative sample data.
    pub illustrative: bool,
    /// The tables, calendar and feed in this language, relative to the page.
    pub downloads: Downloads,
    /// The book as PDF in this language, relative to the page, when
    /// `briefing pdf` prints it beside the site.
    pub book_pdf: Option<String>,
}

/// Where this language's tables, calendar and feed are, from a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Downloads {
    pub actions: Download,
    pub activities: Download,
    pub risks: Download,
    pub metrics: Download,
    pub decisions: Download,
    /// `calendar.ics`: meetings and open actions' due dates.
    pub calendar: String,
    /// `feed.xml`: updates and meeting records (Atom).
    pub feed: String,
}

/// One table as an Excel workbook and as CSV.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Download {
    pub xlsx: String,
    pub csv: String,
}

impl Downloads {
    /// From a page whose way up to its language root is `root`.
    pub fn new(root: &str) -> Self {
        let table = |name: &str| Download {
            xlsx: format!("{root}data/{name}.xlsx"),
            csv: format!("{root}data/{name}.csv"),
        };
        Downloads {
            actions: table("actions"),
            activities: table("activities"),
            risks: table("risks"),
            metrics: table("metrics"),
            decisions: table("decisions"),
            calendar: format!("{root}calendar.ics"),
            feed: format!("{root}feed.xml"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub label: Localized,
    pub url: String,
    pub current: bool,
}

impl Link {
    /// A link whose label is in the page's language.
    pub fn new(label: String, url: String, current: bool) -> Link {
        Link { label: Localized::own(label), url, current }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The language's own name: "Français" (the theme's `language_name`).
    pub label: String,
    pub url: String,
    /// Absolute URL for hreflang when a base URL is known, else the relative one.
    pub href: String,
}

/// What a page says of itself to the frame.
#[derive(Hash)]
pub struct PageHead {
    pub title: Localized,
    /// The navigation section this page belongs to: `dashboard`, `groups`,
    /// …, a featured page's slug, or "".
    pub section: String,
    pub illustrative: bool,
}

/// What a frame shows of the site, the same on every page: made once a
/// render, and hashed whole into the key of every page's frame (the
/// preview keeps a frame's key while it is unchanged, with the strings,
/// the page's place and head).
#[derive(Hash)]
pub struct FrameSite<'a> {
    pub site: &'a Site,
    pub as_of: jiff::civil::Date,
    /// `as_of` is the content's briefing date (else none is shown).
    pub dated: bool,
    /// The pages in the navigation.
    pub nav_pages: Vec<NavPage<'a>>,
    /// Some page is not in the navigation: the list of every page is.
    pub more_pages: bool,
}

/// A page in the navigation: slug, title, and each translation's language
/// and own title.
pub type NavPage<'a> = (&'a str, &'a Text, Vec<(&'a str, Option<&'a str>)>);

impl<'a> FrameSite<'a> {
    pub fn of(site: &'a Site, state: &State<'a>) -> FrameSite<'a> {
        let titles = |p: &'a crate::model::Page| {
            p.translations.iter().map(|t| (t.lang.as_str(), t.title.as_deref())).collect()
        };
        FrameSite {
            site,
            as_of: state.as_of,
            dated: state.dated,
            nav_pages: state.featured_pages.iter().map(|p| (p.slug.as_str(), &p.title, titles(p))).collect(),
            more_pages: state.featured_pages.len() < state.pages.len(),
        }
    }
}

/// The frame of the page at `path`, in `l`'s language.
pub fn frame(
    fs: &FrameSite,
    l: &Localizer,
    base_url: Option<&str>,
    path: &PagePath,
    head: PageHead,
) -> Frame {
    let site = fs.site;
    let root = path.root();
    let site_root = urls::site_root(path, &l.lang, &l.default_lang);
    let section = head.section.as_str();
    let mut nav = vec![
        Link::new(l.s("nav_dashboard"), format!("{root}index.html"), section == "dashboard"),
        Link::new(l.s("nav_groups"), format!("{root}groups/index.html"), section == "groups"),
        Link::new(l.s("nav_meetings"), format!("{root}meetings/index.html"), section == "meetings"),
        Link::new(l.s("nav_actions"), format!("{root}actions/index.html"), section == "actions"),
        Link::new(l.s("nav_decisions"), format!("{root}decisions/index.html"), section == "decisions"),
    ];
    // A few pages stand in the navigation; with many, those with an `order`
    // do, and a list of all pages holds the rest (the navigation of every
    // page must not grow with the number of pages).
    for (slug, title, translations) in &fs.nav_pages {
        let translated = translations.iter().find(|(lang, _)| *lang == l.lang).and_then(|(_, t)| *t);
        let label = translated.map(Localized::own).unwrap_or_else(|| l.text_lang(title));
        nav.push(Link { label, url: format!("{root}{}", urls::page(slug)), current: section == *slug });
    }
    if fs.more_pages {
        nav.push(Link::new(l.s("nav_pages"), format!("{root}pages/index.html"), section == "pages"));
    }
    nav.push(Link::new(l.s("nav_book"), format!("{root}print/index.html"), section == "book"));
    let default_lang = site.default_lang();
    let alternates = if site.languages.len() > 1 {
        site.languages
            .iter()
            .map(|lang| {
                let url = format!("{site_root}{}{}", urls::lang_prefix(lang, default_lang), path.file);
                let href = match base_url {
                    Some(base) => format!("{base}{}{}", urls::lang_prefix(lang, default_lang), path.file),
                    None => url.clone(),
                };
                Alternate { lang: lang.clone(), label: l.language_name(lang), url, href }
            })
            .collect()
    } else {
        Vec::new()
    };
    let site_title = l.text_lang(&site.title);
    // `<title>` holds text only: it carries a lang when all of it fell back.
    let head_title_lang = if head.title.lang == site_title.lang { head.title.lang.clone() } else { None };
    Frame {
        lang: l.lang.clone(),
        root: root.clone(),
        asset_root: site_root.clone(),
        site_title,
        site_short_title: l.opt_lang(&site.short_name),
        site_subtitle: l.opt_lang(&site.subtitle),
        classification: l.text(&site.classification),
        as_of: if fs.dated { l.fill("as_of", &[("date", &l.date(fs.as_of))]) } else { l.s("as_of_none") },
        title: head.title,
        head_title_lang,
        nav,
        alternates,
        canonical: base_url.map(|b| format!("{b}{}{}", urls::lang_prefix(&l.lang, default_lang), path.file)),
        stylesheet: "static/style.css".into(),
        illustrative: head.illustrative,
        downloads: Downloads::new(&root),
        book_pdf: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::fixture;

    #[test]
    fn the_frame_marks_what_fell_back_and_links_the_other_languages() {
        let content = fixture::content();
        let site = content.site.clone().unwrap();
        let state = crate::derive::derive(&content, jiff::civil::date(2021, 5, 26), false);
        let mut l = fixture::localizer("fr");
        l.language_names = [("en", "English"), ("fr", "Français")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let path = PagePath::new("groups/ports/index.html");
        let head = PageHead {
            title: l.text_lang(&content.groups[0].name),
            section: "groups".into(),
            illustrative: false,
        };
        let f = frame(&FrameSite::of(&site, &state), &l, Some("https://example.org/"), &path, head);
        assert_eq!(f.title, Localized { text: "Port Operations".into(), lang: Some("en".into()) });
        assert_eq!(f.site_title, Localized::own("Comité frontalier"));
        assert_eq!(f.site_subtitle, Some(Localized { text: "Joint work".into(), lang: Some("en".into()) }));
        assert_eq!(f.head_title_lang, None, "the site's title is French: the whole <title> is not English");
        assert_eq!((f.root.as_str(), f.asset_root.as_str()), ("../../", "../../../"));
        let current: Vec<&str> = f.nav.iter().filter(|n| n.current).map(|n| n.url.as_str()).collect();
        assert_eq!(current, ["../../groups/index.html"]);
        let terms = f.nav.iter().find(|n| n.url.ends_with("pages/terms/index.html")).unwrap();
        assert_eq!(terms.label, Localized::own("Mandat"), "a translation's own title");
        let names: Vec<(&str, &str, &str)> =
            f.alternates.iter().map(|a| (a.lang.as_str(), a.label.as_str(), a.href.as_str())).collect();
        assert_eq!(
            names,
            [
                ("en", "English", "https://example.org/groups/ports/index.html"),
                ("fr", "Français", "https://example.org/fr/groups/ports/index.html")
            ]
        );
        assert_eq!(f.canonical.as_deref(), Some("https://example.org/fr/groups/ports/index.html"));
        assert_eq!(f.downloads.actions.csv, "../../data/actions.csv", "the tables of this language");
        assert_eq!(
            (f.downloads.calendar.as_str(), f.downloads.feed.as_str()),
            ("../../calendar.ics", "../../feed.xml")
        );
    }
}
