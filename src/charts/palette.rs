//! Colours, markers, dash patterns and fills. Series colours follow the
//! Okabe-Ito palette (safe for colour-blind readers); markers, dashes and
//! hatching keep series apart in black-and-white print too.

use plotters::style::RGBColor;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (either case), as a theme's palette writes colours.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// `#RRGGBB`, as plotters writes colours.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    pub fn plotters(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

pub const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
pub const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);
pub const GRID: Rgb = Rgb(0xDD, 0xDD, 0xDD);
pub const AXIS: Rgb = Rgb(0x88, 0x88, 0x88);
pub const PANEL: Rgb = Rgb(0xF4, 0xF4, 0xF4);
pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

/// Okabe-Ito, in the order series are given their colour.
pub const SERIES: [Rgb; 8] = [
    Rgb(0x00, 0x72, 0xB2),
    Rgb(0xE6, 0x9F, 0x00),
    Rgb(0x00, 0x9E, 0x73),
    Rgb(0xCC, 0x79, 0xA7),
    Rgb(0x56, 0xB4, 0xE9),
    Rgb(0xD5, 0x5E, 0x00),
    Rgb(0xF0, 0xE4, 0x42),
    Rgb(0x00, 0x00, 0x00),
];

pub fn series_color(index: usize) -> Rgb {
    SERIES[index % SERIES.len()]
}

/// Dark grey or white, whichever reads better on `background`.
pub fn text_on(background: Rgb) -> Rgb {
    if WHITE.contrast(background) > TEXT.contrast(background) { WHITE } else { TEXT }
}

/// The point marker of a line series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
}

pub fn marker(index: usize) -> Marker {
    const MARKERS: [Marker; 5] =
        [Marker::Circle, Marker::Square, Marker::Triangle, Marker::Diamond, Marker::TriangleDown];
    MARKERS[index % MARKERS.len()]
}

/// The `stroke-dasharray` of a line series (`None` = solid).
pub fn dash(index: usize) -> Option<&'static str> {
    const DASHES: [Option<&str>; 5] = [None, Some("8 4"), Some("2 3"), Some("10 3 2 3"), Some("4 2")];
    DASHES[index % DASHES.len()]
}

/// The texture laid over a bar's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hatch {
    Solid,
    Diagonal,
    Dots,
    Cross,
    Horizontal,
    BackDiagonal,
}

/// How a bar or swatch is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fill {
    pub color: Rgb,
    pub hatch: Hatch,
}

impl Fill {
    pub fn solid(color: Rgb) -> Fill {
        Fill { color, hatch: Hatch::Solid }
    }
}

/// Bar fill of the series at `index`: its colour plus a hatch that differs
/// from its neighbours'.
pub fn series_fill(index: usize) -> Fill {
    const HATCHES: [Hatch; 6] =
        [Hatch::Solid, Hatch::Diagonal, Hatch::Dots, Hatch::Cross, Hatch::Horizontal, Hatch::BackDiagonal];
    Fill { color: series_color(index), hatch: HATCHES[index % HATCHES.len()] }
}

/// Fixed fill of an activity status; problem statuses are hatched.
pub fn status_fill(key: &str, index: usize) -> Fill {
    match key {
        "done" => Fill::solid(Rgb(0x00, 0x9E, 0x73)),
        "in-progress" => Fill::solid(Rgb(0x00, 0x72, 0xB2)),
        "planned" => Fill::solid(Rgb(0xBB, 0xBB, 0xBB)),
        "at-risk" => Fill { color: Rgb(0xE6, 0x9F, 0x00), hatch: Hatch::Diagonal },
        "blocked" => Fill { color: Rgb(0xD5, 0x5E, 0x00), hatch: Hatch::Cross },
        _ => Fill {
            color: [Rgb(0xCC, 0x79, 0xA7), Rgb(0x56, 0xB4, 0xE9), Rgb(0x00, 0x00, 0x00)][index % 3],
            hatch: Hatch::Dots,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_series_differ_in_colour_marker_dash_and_fill() {
        for i in 0..4 {
            assert_ne!(series_color(i), series_color(i + 1));
            assert_ne!(marker(i), marker(i + 1));
            assert_ne!(dash(i), dash(i + 1));
            assert_ne!(series_fill(i).hatch, series_fill(i + 1).hatch);
        }
        assert_eq!(series_color(0).hex(), "#0072B2");
    }

    #[test]
    fn colours_are_read_as_themes_write_them() {
        assert_eq!(Rgb::parse("#009e73"), Some(Rgb(0x00, 0x9E, 0x73)));
        assert_eq!(Rgb::parse("#B35900"), Some(Rgb(0xB3, 0x59, 0x00)));
        for bad in ["009e73", "#09e73", "#009e7g", "#009e730", "#é09e7", "red", ""] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn label_colour_contrasts_with_its_background() {
        assert_eq!(text_on(Rgb(0xBB, 0xBB, 0xBB)), TEXT);
        assert_eq!(text_on(Rgb(0, 0, 0)), WHITE);
        assert_eq!(text_on(Rgb(0xF0, 0xE4, 0x42)), TEXT);
    }
}
