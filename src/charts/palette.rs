//! Colours, markers, dash patterns and fills. One meaning per colour: the
//! activity statuses have their colours ([`STATUS`], which the theme's
//! `palette.yaml` repeats and may override) and the parties or other series
//! have theirs ([`SERIES`]), far from every status colour, so that no series
//! ever looks like "At risk". Markers, dashes and textures keep series apart
//! in black-and-white print too, and series textures are never the ones that
//! mark problem statuses.

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

    pub fn contrast(self, other: Rgb) -> f64 {
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

/// The built-in status colours, as `themes/default/palette.yaml` writes
/// them (a test keeps the two in step): done, in progress, planned, at risk,
/// blocked.
pub const STATUS: [(&str, Rgb); 5] = [
    ("done", Rgb(0x00, 0x9E, 0x73)),
    ("in-progress", Rgb(0x00, 0x72, 0xB2)),
    ("planned", Rgb(0x76, 0x76, 0x76)),
    ("at-risk", Rgb(0xB3, 0x59, 0x00)),
    ("blocked", Rgb(0xA3, 0x3A, 0x00)),
];

/// Series (party) colours, in the order series are given them: hues that no
/// status uses (indigo, magenta, olive, teal, black, rose), each at least
/// 3:1 against white so lines and markers stand out.
pub const SERIES: [Rgb; 6] = [
    Rgb(0x33, 0x22, 0x88),
    Rgb(0xAA, 0x33, 0x77),
    Rgb(0x6E, 0x6E, 0x1E),
    Rgb(0x1B, 0x8F, 0xA6),
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xCC, 0x66, 0x77),
];

pub fn series_color(index: usize) -> Rgb {
    SERIES[index % SERIES.len()]
}

/// The series colours a chart may use when `avoid` (a theme's status
/// colours) must not be mistaken for a series: [`SERIES`] without those
/// within ΔE 25 of any of them (all of [`SERIES`] if none is left).
pub fn series_colors(avoid: &[Rgb]) -> Vec<Rgb> {
    let kept: Vec<Rgb> =
        SERIES.iter().copied().filter(|c| avoid.iter().all(|a| delta_e(*c, *a) >= 25.0)).collect();
    if kept.is_empty() { SERIES.to_vec() } else { kept }
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
    Vertical,
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

/// Bar fill of the series at `index`: its colour plus a texture that differs
/// from its neighbours' and is never one that marks a problem status
/// (diagonal, cross).
pub fn series_fill(index: usize) -> Fill {
    const HATCHES: [Hatch; 4] = [Hatch::Solid, Hatch::Dots, Hatch::Horizontal, Hatch::Vertical];
    // Six colours and four textures: the seventh series differs from the
    // first in texture (6 is not a multiple of 4).
    Fill { color: series_color(index), hatch: HATCHES[index % HATCHES.len()] }
}

/// The built-in colour of a status key, if it is one.
pub fn status_color(key: &str) -> Option<Rgb> {
    STATUS.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
}

/// Fixed fill of an activity status; problem statuses are hatched. An
/// unknown key gets a grey with dots (never a series colour).
pub fn status_fill(key: &str, index: usize) -> Fill {
    match (key, status_color(key)) {
        ("at-risk", Some(color)) => Fill { color, hatch: Hatch::Diagonal },
        ("blocked", Some(color)) => Fill { color, hatch: Hatch::Cross },
        (_, Some(color)) => Fill::solid(color),
        _ => Fill { color: [Rgb(0x99, 0x99, 0x99), Rgb(0x44, 0x44, 0x44)][index % 2], hatch: Hatch::Dots },
    }
}

/// CIE76 colour difference (ΔE*ab) between two sRGB colours: about 2.3 is
/// just noticeable; under 20 two colours read as "the same colour" on a chart.
pub fn delta_e(a: Rgb, b: Rgb) -> f64 {
    let (l1, a1, b1) = lab(a);
    let (l2, a2, b2) = lab(b);
    ((l1 - l2).powi(2) + (a1 - a2).powi(2) + (b1 - b2).powi(2)).sqrt()
}

fn lab(c: Rgb) -> (f64, f64, f64) {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f64| if t > 0.008_856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    (116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
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
        assert_eq!(series_color(0).hex(), "#332288");
    }

    #[test]
    fn no_status_colour_is_a_series_colour_nor_close_to_one() {
        for (key, status) in STATUS {
            for (i, series) in SERIES.iter().enumerate() {
                assert_ne!(*series, status, "series {i} is the colour of {key}");
                let d = delta_e(*series, status);
                assert!(
                    d >= 25.0,
                    "series {i} {} is close to {key} {} (ΔE {d:.1})",
                    series.hex(),
                    status.hex()
                );
            }
        }
        for i in 0..24 {
            let fill = series_fill(i);
            assert!(!STATUS.iter().any(|(_, c)| *c == fill.color), "series {i}");
            assert!(
                !matches!(fill.hatch, Hatch::Diagonal | Hatch::Cross),
                "series {i} has a problem texture"
            );
        }
        for (i, a) in SERIES.iter().enumerate() {
            for b in &SERIES[i + 1..] {
                assert!(delta_e(*a, *b) >= 25.0, "{} and {} look alike", a.hex(), b.hex());
            }
        }
        // Series colours stand out against the white background.
        for series in SERIES {
            assert!(series.contrast(WHITE) >= 3.0, "{}", series.hex());
        }
        // Every (colour, texture) pair of the first 24 series differs from the previous 6.
        for i in 6..24 {
            for j in i - 6..i {
                assert_ne!(series_fill(i), series_fill(j), "series {i} and {j}");
            }
        }
    }

    #[test]
    fn a_themes_status_colours_are_kept_off_the_series() {
        assert_eq!(series_colors(&[]), SERIES.to_vec());
        // A theme that makes "at risk" indigo and "blocked" near-black.
        let avoid = [Rgb(0x35, 0x25, 0x8A), Rgb(0x10, 0x10, 0x10)];
        let kept = series_colors(&avoid);
        assert_eq!(kept.len(), SERIES.len() - 2);
        assert!(!kept.contains(&SERIES[0]) && !kept.contains(&Rgb(0, 0, 0)));
        // Nothing left: every colour rather than none.
        let all: Vec<Rgb> = SERIES.to_vec();
        assert_eq!(series_colors(&all), SERIES.to_vec());
    }

    #[test]
    fn built_in_status_colours_are_the_default_themes() {
        let yaml = include_str!("../../themes/default/palette.yaml");
        for (key, color) in STATUS {
            let line = yaml.lines().find(|l| l.starts_with(&format!("{key}:"))).expect(key);
            let hex = line.split('"').nth(1).expect(key);
            assert_eq!(Rgb::parse(hex), Some(color), "{key}");
            assert_eq!(status_fill(key, 0).color, color);
        }
        assert_eq!(status_fill("at-risk", 3).hatch, Hatch::Diagonal);
        assert_eq!(status_fill("done", 0).hatch, Hatch::Solid);
        assert!(delta_e(Rgb(0, 0, 0), Rgb(255, 255, 255)) > 99.0);
        assert!(delta_e(Rgb(0xB3, 0x59, 0x00), Rgb(0xB3, 0x59, 0x01)) < 1.0);
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
