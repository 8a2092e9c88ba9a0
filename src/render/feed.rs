//! `feed.xml`: an Atom feed (RFC 4287) of group updates and meeting records,
//! newest first, in each language.
//!
//! Written by hand: an Atom document is a dozen elements, and the one thing
//! that matters, escaping every text and attribute, is done by one function
//! here (tests read the feed back with an XML parser). Links are absolute
//! with a base URL; without one they are relative to the feed, which sits
//! at the root of its language's site, and entries get `urn:` ids that stay
//! the same from one build to the next.

use jiff::civil::Date;

use super::data::plain;
use super::localize::Localizer;
use super::urls;
use super::view::parts::Tracked;
use crate::model::Site;

struct Entry {
    date: Date,
    /// Sorts entries of one date: kind, then id.
    key: String,
    id: String,
    title: String,
    link: String,
    summary: String,
}

/// The feed of one language.
pub fn feed(l: &Localizer, site: &Site, state: &Tracked, base: Option<&str>) -> String {
    let as_of = state.as_of();
    let prefix = urls::lang_prefix(&l.lang, site.default_lang());
    let link = |page: &str| {
        let page = page.strip_suffix("index.html").unwrap_or(page);
        match base {
            Some(b) => format!("{b}{prefix}{page}"),
            None if page.is_empty() => "./".to_string(),
            None => page.to_string(),
        }
    };
    let id = |kind: &str, key: &str, page: &str| match base {
        Some(_) => format!("{}#{kind}-{key}", link(page)),
        None => format!("urn:briefing:{}:{kind}:{key}", l.lang),
    };
    let mut entries = Vec::new();
    for g in state.groups() {
        let name = l.text(&g.group.name);
        for u in &g.updates {
            let page = urls::group(&g.group.id);
            let key = format!("{}-{}", g.group.id, u.date);
            entries.push(Entry {
                date: u.date,
                key: format!("update {key}"),
                id: id("update", &key, &page),
                title: l.fill("feed_update_title", &[("group", &name), ("date", &l.date(u.date))]),
                link: link(&page),
                summary: u.summary.as_ref().map(|s| plain(&l.text(s))).unwrap_or_default(),
            });
        }
    }
    // A meeting to come has no record yet, and an entry is dated when it
    // was written: the feed holds the meetings held.
    for m in state.meetings().iter().filter(|m| m.date <= as_of) {
        let page = urls::meeting(&m.slug);
        let mut summary = vec![l.fill(
            "feed_meeting_counts",
            &[("decisions", &m.decisions.len().to_string()), ("actions", &m.actions.len().to_string())],
        )];
        summary.extend(m.decisions.iter().map(|d| format!("• {}", plain(&l.text(&d.text)))));
        entries.push(Entry {
            date: m.date,
            key: format!("meeting {}", m.slug),
            id: id("meeting", &m.slug, &page),
            title: l.text(&m.title),
            link: link(&page),
            summary: summary.join("\n"),
        });
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.key.cmp(&b.key)));
    let updated = entries.first().map_or(as_of, |e| e.date);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", esc(&l.lang)));
    let title = match &site.subtitle {
        Some(s) => format!("{} — {}", l.text(&site.title), l.text(s)),
        None => l.text(&site.title),
    };
    x.push_str(&format!("  <title>{}</title>\n", esc(&title)));
    x.push_str(&format!("  <id>{}</id>\n", esc(&id("feed", "all", "feed.xml"))));
    x.push_str(&format!("  <updated>{}</updated>\n", stamp(updated)));
    x.push_str(&format!("  <author><name>{}</name></author>\n", esc(&l.text(&site.title))));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        esc(&link("feed.xml"))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&link("index.html"))
    ));
    x.push_str("  <generator>briefing</generator>\n");
    for e in &entries {
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(&e.title)));
        x.push_str(&format!("    <id>{}</id>\n", esc(&e.id)));
        x.push_str(&format!("    <updated>{}</updated>\n", stamp(e.date)));
        x.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", esc(&e.link)));
        if !e.summary.is_empty() {
            x.push_str(&format!("    <summary type=\"text\">{}</summary>\n", esc(&e.summary)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn stamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// Text and attribute values escaped for XML; characters XML 1.0 does not
/// allow (most control characters) dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_and_control_characters_never_reach_the_feed() {
        assert_eq!(super::esc("<b>&\"x'\u{1}"), "&lt;b&gt;&amp;&quot;x&apos;");
    }
}
