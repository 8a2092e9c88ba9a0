//! The embedded chart font: Noto Sans (SIL OFL 1.1) compiled into the binary,
//! registered once with plotters' `ab_glyph` backend, and text measurement in
//! CSS pixels so layouts can fit labels without fontconfig or FreeType.

use plotters::style::{FontDesc, FontFamily, FontStyle, register_font};
use std::sync::OnceLock;

/// The family name plotters knows the font by, and the first name in [`CSS_STACK`].
pub const FAMILY: &str = "Noto Sans";
/// The `font-family` value written on every SVG text element.
pub const CSS_STACK: &str = "'Noto Sans', sans-serif";

pub(crate) static REGULAR: &[u8] = include_bytes!("../../themes/default/static/fonts/NotoSans-Regular.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../themes/default/static/fonts/NotoSans-Bold.ttf");

/// Ratio of ab_glyph's pixel scale (ascent − descent) to the em size that SVG
/// `font-size` means; computed once, when the fonts are registered.
static LINE_EM: OnceLock<f64> = OnceLock::new();

/// Registers both weights with plotters (first call only) and returns the
/// ascent-to-descent height of the font in ems.
pub fn ensure() -> f64 {
    *LINE_EM.get_or_init(|| {
        let regular = register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok();
        let bold = register_font(FAMILY, FontStyle::Bold, BOLD).is_ok();
        debug_assert!(regular && bold, "embedded fonts must parse");
        line_height_em(REGULAR).unwrap_or(1.362)
    })
}

/// Width in CSS pixels of `text` drawn at `px` pixels, regular or bold.
pub fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let line_em = ensure();
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    FontDesc::new(FontFamily::Name(FAMILY), px * line_em, style)
        .box_size(text)
        .map(|(w, _)| f64::from(w))
        .unwrap_or_else(|_| text.chars().count() as f64 * px * 0.6)
}

/// (ascender − descender) / unitsPerEm, read the way ab_glyph reads it
/// (OS/2 typographic metrics when USE_TYPO_METRICS is set, else `hhea`).
fn line_height_em(font: &[u8]) -> Option<f64> {
    let u16_at =
        |at: usize| -> Option<u16> { font.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]])) };
    let i16_at = |at: usize| u16_at(at).map(|v| v as i16);
    let u32_at = |at: usize| -> Option<usize> {
        font.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let table = |tag: &[u8; 4]| -> Option<usize> {
        let count = usize::from(u16_at(4)?);
        (0..count).find_map(|i| {
            let record = 12 + 16 * i;
            (font.get(record..record + 4)? == tag).then(|| u32_at(record + 8)).flatten()
        })
    };
    let units = f64::from(u16_at(table(b"head")? + 18)?);
    let hhea = table(b"hhea")?;
    let (mut ascent, mut descent) = (i16_at(hhea + 4)?, i16_at(hhea + 6)?);
    if let Some(os2) = table(b"OS/2")
        && u16_at(os2 + 62).is_some_and(|flags| flags & 0x80 != 0)
    {
        ascent = i16_at(os2 + 68)?;
        descent = i16_at(os2 + 70)?;
    }
    let em = (f64::from(ascent) - f64::from(descent)) / units;
    (em.is_finite() && em > 0.5).then_some(em)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noto_sans_metrics_are_read_from_the_file() {
        let em = line_height_em(REGULAR).unwrap();
        assert!((em - 1.362).abs() < 1e-9, "{em}");
        assert_eq!(line_height_em(&[]), None);
    }

    #[test]
    fn measures_text_in_css_pixels() {
        let w = text_width("Canada", 14.0, false);
        assert!(w > 35.0 && w < 60.0, "{w}");
        assert!(text_width("Canada", 14.0, true) > w);
        assert_eq!(text_width("", 14.0, false), 0.0);
    }
}
