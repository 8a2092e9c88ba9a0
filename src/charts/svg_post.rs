//! Post-processing of plotters' SVG output: the accessible root element
//! (`role`, `aria-labelledby`, `<title>`, `<desc>`), the recorded
//! per-element attributes, and the font stack.

use super::canvas::{Edits, Tag};
use super::font::{CSS_STACK, FAMILY};

/// What the finished document says about itself.
pub struct Document<'a> {
    pub id_base: &'a str,
    pub title: &'a str,
    /// The title's language when all of it is in one language other than the
    /// chart's, else empty: `<title>` holds text only, so a title that mixes
    /// languages is left in the chart's.
    pub title_lang: &'a str,
    /// Plain text, names in other languages unmarked: `<title>` and `<desc>`
    /// give the chart its accessible name and description (`aria-labelledby`),
    /// which are computed as flat strings, so a `lang` on an element inside
    /// would reach no one; viewers of the `.svg` file read them as text too.
    /// [`super::Chart::description_html`] has the description with its marks.
    pub desc: &'a str,
    /// Extra class naming the chart kind, e.g. `chart-line`.
    pub class: &'a str,
    pub width: u32,
    pub height: u32,
}

/// An id prefix derived from the slug: `chart-<slug>` with anything but
/// ASCII letters, digits, `-` and `_` replaced by `-`.
pub fn id_base(slug: &str) -> String {
    let slug: String = slug
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    if slug.is_empty() { "chart-untitled".to_string() } else { format!("chart-{slug}") }
}

/// XML-escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Turns plotters' raw output into the final standalone SVG document.
pub fn finish(raw: &str, edits: &Edits, doc: &Document) -> String {
    let mut out = String::with_capacity(raw.len() + 1024);
    let id = doc.id_base;
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         class=\"chart {class}\">\n<title id=\"{id}-title\"{title_lang}>{title}</title>\n\
         <desc id=\"{id}-desc\">{desc}</desc>\n",
        w = doc.width,
        h = doc.height,
        class = escape(doc.class),
        title = escape(doc.title),
        title_lang = lang_attr(doc.title_lang),
        desc = escape(doc.desc),
    ));
    let family_attr = format!("font-family=\"{FAMILY}\"");
    let stack_attr = format!("font-family=\"{}\"", escape(CSS_STACK));
    let mut counts = [0usize; 5];
    // The content to write instead of the next line, plotters' plain text
    // of the `<text>` just opened (it writes the text on a line of its own).
    let mut content: Option<&String> = None;
    for line in raw.lines() {
        if line.starts_with("<svg ") {
            continue;
        }
        if let Some(markup) = content.take() {
            out.push_str(markup);
            out.push('\n');
            continue;
        }
        let mut line = line.replace(" opacity=\"1\"", "");
        if let Some(tag) = Tag::ALL
            .into_iter()
            .find(|t| line.strip_prefix('<').is_some_and(|l| l.starts_with(&format!("{} ", t.name()))))
        {
            let index = counts[tag as usize];
            counts[tag as usize] += 1;
            if tag == Tag::Text {
                line = line.replace(&family_attr, &stack_attr);
                line = round_font_size(&line);
                content = edits.contents.get(&index);
            }
            if let Some(attrs) = edits.attrs.get(&(tag, index)) {
                for (name, value) in attrs {
                    line = set_attr(&line, name, value);
                }
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// ` lang="…"`, or nothing for an empty language.
fn lang_attr(lang: &str) -> String {
    if lang.is_empty() { String::new() } else { format!(" lang=\"{}\"", escape(lang)) }
}

/// Sets `name="value"` on the element that opens `line`.
fn set_attr(line: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    if let Some(start) = line.find(&key) {
        let value_start = start + key.len();
        if let Some(len) = line[value_start..].find('"') {
            return format!("{}{}{}", &line[..value_start], escape(value), &line[value_start + len..]);
        }
    }
    let close = if line.ends_with("/>") { line.len() - 2 } else { line.rfind('>').unwrap_or(line.len()) };
    format!("{}{key}{}\"{}", &line[..close], escape(value), &line[close..])
}

/// plotters writes sizes like `14.000000000000002`; keep two decimals at most.
fn round_font_size(line: &str) -> String {
    const KEY: &str = " font-size=\"";
    let Some(start) = line.find(KEY).map(|s| s + KEY.len()) else {
        return line.to_string();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_string();
    };
    let Ok(size) = line[start..start + len].parse::<f64>() else {
        return line.to_string();
    };
    let rounded = (size * 100.0).round() / 100.0;
    format!("{}{}{}", &line[..start], rounded, &line[start + len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_derived_from_the_slug() {
        assert_eq!(id_base("border-security"), "chart-border-security");
        assert_eq!(id_base("a b/é"), "chart-a-b--");
        assert_eq!(id_base(""), "chart-untitled");
    }

    #[test]
    fn attributes_are_replaced_or_added() {
        let line = "<polyline fill=\"none\" stroke=\"#000000\"/>";
        assert_eq!(
            set_attr(line, "stroke-dasharray", "8 4"),
            "<polyline fill=\"none\" stroke=\"#000000\" stroke-dasharray=\"8 4\"/>"
        );
        assert_eq!(set_attr(line, "fill", "url(#p)"), "<polyline fill=\"url(#p)\" stroke=\"#000000\"/>");
        assert_eq!(
            round_font_size("<text font-size=\"14.000000000000002\" x=\"1\">"),
            "<text font-size=\"14\" x=\"1\">"
        );
    }

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(escape("a<b & \"c\"\u{7}"), "a&lt;b &amp; &quot;c&quot; ");
    }
}
