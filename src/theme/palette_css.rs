//! `static/palette.css`: the stylesheet's status colours, written from the
//! theme's `palette.yaml` (the one place the charts take them from too).
//! Each status gets its hue (`--done`), a light background (`--done-bg`) and
//! a text colour on that background (`--done-ink`) dark enough to read
//! (contrast 4.5:1 or more, WCAG AA), so that a palette change recolours the
//! badges, bars and totals without a CSS edit. `blocked` is drawn solid: its
//! background is its hue and its text white or black, whichever reads.

use std::collections::BTreeMap;

/// The custom property each status key of `palette.yaml` sets.
pub const PROPERTIES: [(&str, &str); 5] = [
    ("done", "done"),
    ("in-progress", "progress"),
    ("planned", "planned"),
    ("at-risk", "risk"),
    ("blocked", "blocked"),
];

/// The stylesheet for `palette` (status key → `#rrggbb`); a status the
/// palette does not colour (or colours with a value that is not a colour)
/// is left to `variables.css`.
pub fn palette_css(palette: &BTreeMap<String, String>) -> String {
    let mut css = String::from(
        "/* Written by briefing from the theme's palette.yaml: edit that file, not this one. */\n:root {\n",
    );
    for (key, name) in PROPERTIES {
        let Some(hue) = palette.get(key).and_then(|v| parse(v)) else { continue };
        let (bg, ink) = if key == "blocked" {
            let ink = if contrast(hue, WHITE) >= contrast(hue, BLACK) { WHITE } else { BLACK };
            (hue, ink)
        } else {
            let bg = mix(hue, WHITE, 0.12);
            (bg, readable_on(hue, bg))
        };
        css.push_str(&format!(
            "  --{name}: {}; --{name}-ink: {}; --{name}-bg: {};\n",
            hex(hue),
            hex(ink),
            hex(bg)
        ));
    }
    css.push_str("}\n");
    css
}

type Rgb = [u8; 3];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

fn parse(text: &str) -> Option<Rgb> {
    let h = text.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// `share` of `a`, the rest `b`.
fn mix(a: Rgb, b: Rgb, share: f64) -> Rgb {
    let m = |x: u8, y: u8| (f64::from(x) * share + f64::from(y) * (1.0 - share)).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

fn luminance(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// The WCAG contrast ratio of two colours.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `hue` darkened toward black until it reads on `bg` with room to spare
/// (4.8:1, above AA's 4.5:1, whatever rounding the browser does).
fn readable_on(hue: Rgb, bg: Rgb) -> Rgb {
    (0..=20)
        .map(|k| mix(hue, BLACK, 1.0 - f64::from(k) * 0.05))
        .find(|c| contrast(*c, bg) >= 4.8)
        .unwrap_or(BLACK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn palette(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn each_status_gets_its_hue_background_and_ink() {
        let css = palette_css(&palette(&[("done", "#009e73"), ("blocked", "#a33a00"), ("bogus", "#000000")]));
        assert!(css.contains("--done: #009e73; --done-ink: "), "{css}");
        assert!(css.contains("--blocked: #a33a00; --blocked-ink: #ffffff; --blocked-bg: #a33a00;"), "{css}");
        assert!(!css.contains("--progress"), "a status the palette leaves out is the stylesheet's: {css}");
        assert!(!css.contains("bogus"));
    }

    #[test]
    fn the_built_in_palette_is_the_one_the_stylesheet_gets() {
        let text = include_str!("../../themes/default/palette.yaml");
        let css = palette_css(&super::super::parse_palette(text, "palette.yaml", &mut Vec::new()));
        for (key, name) in PROPERTIES {
            let line = text.lines().find(|l| l.starts_with(&format!("{key}:"))).expect("every status");
            let hue = line.split('"').nth(1).unwrap();
            assert!(css.contains(&format!("--{name}: {hue};")), "{key}: {css}");
        }
    }

    proptest! {
        /// Whatever the hue, the text of a badge reads on its background.
        #[test]
        fn ink_reads_on_background(r in 0u8.., g in 0u8.., b in 0u8..) {
            let hue = [r, g, b];
            let bg = mix(hue, WHITE, 0.12);
            prop_assert!(contrast(readable_on(hue, bg), bg) >= 4.5);
            prop_assert!(contrast(hue, WHITE).max(contrast(hue, BLACK)) >= 4.5);
        }
    }
}
