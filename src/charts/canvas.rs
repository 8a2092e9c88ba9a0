//! A drawing surface over plotters' `SVGBackend`, in CSS pixels. Each call
//! emits exactly one SVG element; the canvas counts them per tag so it can
//! record the attributes plotters cannot express (dash patterns, languages)
//! for `svg_post` to apply to the right element afterwards. Textures are
//! drawn as plain vector lines and dots clipped to their rectangle, never as
//! `<pattern>` fills, which PDF printers rasterise.

use super::Part;
use super::font::{self, FAMILY};
use super::palette::{Fill, Hatch, Marker, Rgb, text_on};
use super::phrase;
use plotters::coord::Shift;
use plotters::prelude::{
    Circle, DrawingArea, IntoDrawingArea, PathElement, Polygon, Rectangle, SVGBackend, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, ShapeStyle};
use std::collections::BTreeMap;

/// plotters writes `font-size` as the requested size divided by this.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// SVG element kinds the canvas emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tag {
    Rect,
    Polyline,
    Polygon,
    Circle,
    Text,
}

impl Tag {
    pub const ALL: [Tag; 5] = [Tag::Rect, Tag::Polyline, Tag::Polygon, Tag::Circle, Tag::Text];

    pub fn name(self) -> &'static str {
        match self {
            Tag::Rect => "rect",
            Tag::Polyline => "polyline",
            Tag::Polygon => "polygon",
            Tag::Circle => "circle",
            Tag::Text => "text",
        }
    }
}

/// Attributes to set on the n-th element of a tag, and the content to put
/// in the n-th `<text>` instead of plotters' plain text.
#[derive(Debug, Default)]
pub struct Edits {
    pub attrs: BTreeMap<(Tag, usize), Vec<(&'static str, String)>>,
    /// SVG markup (escaped text and `<tspan lang>`) by `<text>` index.
    pub contents: BTreeMap<usize, String>,
}

/// How a piece of text is drawn.
#[derive(Clone, Copy)]
pub struct TextStyle {
    pub px: f64,
    pub bold: bool,
    pub color: Rgb,
    pub h: HPos,
    pub v: VPos,
}

impl TextStyle {
    pub fn new(px: f64, color: Rgb) -> TextStyle {
        TextStyle { px, bold: false, color, h: HPos::Left, v: VPos::Center }
    }

    pub fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    pub fn anchor(self, h: HPos, v: VPos) -> TextStyle {
        TextStyle { h, v, ..self }
    }
}

pub struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    counts: [usize; 5],
    edits: Edits,
    width: f64,
}

/// Renders with `draw` onto a `width`×`height` SVG; returns plotters' output
/// and the edits still to apply to it.
pub fn render(width: u32, height: u32, draw: impl FnOnce(&mut Canvas)) -> (String, Edits) {
    font::ensure();
    let mut raw = String::new();
    let edits = {
        let area = SVGBackend::with_string(&mut raw, (width, height)).into_drawing_area();
        let mut canvas = Canvas { area, counts: [0; 5], edits: Edits::default(), width: f64::from(width) };
        draw(&mut canvas);
        let _ = canvas.area.present();
        canvas.edits
    };
    (raw, edits)
}

fn px(v: f64) -> i32 {
    // `as` saturates and maps NaN to 0, so this never panics.
    v.round() as i32
}

impl Canvas<'_> {
    /// The canvas width in CSS pixels.
    pub fn width(&self) -> f64 {
        self.width
    }

    fn emitted(&mut self, tag: Tag) -> usize {
        let slot = &mut self.counts[tag as usize];
        *slot += 1;
        *slot - 1
    }

    fn edit(&mut self, tag: Tag, index: usize, attrs: Vec<(&'static str, String)>) {
        self.edits.attrs.entry((tag, index)).or_default().extend(attrs);
    }

    /// A filled rectangle between two corners (in any order).
    pub fn rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), color: Rgb) {
        let style = color.plotters().filled();
        let _ = self.area.draw(&Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], style));
        self.emitted(Tag::Rect);
    }

    /// A rectangle filled with a colour and, unless solid, a texture of
    /// lines or dots inside it (anchored to the canvas, so that neighbouring
    /// rectangles' textures line up).
    pub fn rect_fill(&mut self, from: (f64, f64), to: (f64, f64), fill: Fill) {
        self.rect(from, to, fill.color);
        let ink = hatch_ink(fill.color);
        let rect = Clip {
            left: px(from.0.min(to.0)) as f64,
            right: px(from.0.max(to.0)) as f64,
            top: px(from.1.min(to.1)) as f64,
            bottom: px(from.1.max(to.1)) as f64,
        };
        // Lines end a pixel inside, so their square ends never poke out of the rectangle.
        let inside = Clip {
            left: rect.left + 1.0,
            top: rect.top + 1.0,
            right: rect.right - 1.0,
            bottom: rect.bottom - 1.0,
        };
        for (a, b, width) in hatch_lines(fill.hatch, inside) {
            self.polyline(&[a, b], ink, width, None);
        }
        if fill.hatch == Hatch::Dots {
            for centre in dot_grid(rect) {
                self.circle(centre, 2, ink);
            }
        }
    }

    /// An open line through `points`, solid or dashed.
    pub fn polyline(&mut self, points: &[(f64, f64)], color: Rgb, width: u32, dash: Option<&str>) {
        if points.is_empty() {
            return;
        }
        let style = ShapeStyle { color: color.plotters().to_rgba(), filled: false, stroke_width: width };
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        let _ = self.area.draw(&PathElement::new(points, style));
        let index = self.emitted(Tag::Polyline);
        if width > 1 {
            let mut attrs = vec![("stroke-linejoin", "round".to_string())];
            if let Some(dash) = dash {
                attrs.push(("stroke-dasharray", dash.to_string()));
            }
            self.edit(Tag::Polyline, index, attrs);
        }
    }

    /// A straight line segment.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), color: Rgb) {
        self.polyline(&[from, to], color, 1, None);
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], color: Rgb) {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        let _ = self.area.draw(&Polygon::new(points, color.plotters().filled()));
        self.emitted(Tag::Polygon);
    }

    pub fn circle(&mut self, (x, y): (f64, f64), radius: u32, color: Rgb) {
        let _ = self.area.draw(&Circle::new((px(x), px(y)), radius, color.plotters().filled()));
        self.emitted(Tag::Circle);
    }

    /// A point marker of about 9 px centred on `(x, y)`.
    pub fn marker(&mut self, marker: Marker, (x, y): (f64, f64), color: Rgb) {
        match marker {
            Marker::Circle => self.circle((x, y), 4, color),
            Marker::Square => self.rect((x - 4.0, y - 4.0), (x + 4.0, y + 4.0), color),
            Marker::Triangle => self.polygon(&[(x, y - 5.0), (x + 5.0, y + 4.0), (x - 5.0, y + 4.0)], color),
            Marker::Diamond => self.polygon(&[(x, y - 5.0), (x + 5.0, y), (x, y + 5.0), (x - 5.0, y)], color),
            Marker::TriangleDown => {
                self.polygon(&[(x - 5.0, y - 4.0), (x + 5.0, y - 4.0), (x, y + 5.0)], color)
            }
        }
    }

    /// One line of text (the caller cleans it of control characters).
    pub fn text(&mut self, text: &str, (x, y): (f64, f64), style: TextStyle) {
        if text.is_empty() {
            return;
        }
        let weight = if style.bold { FontStyle::Bold } else { FontStyle::Normal };
        let color = style.color.plotters();
        let text_style = FontDesc::new(FontFamily::Name(FAMILY), style.px * PLOTTERS_FONT_SCALE, weight)
            .color(&color)
            .pos(Pos::new(style.h, style.v));
        let _ = self.area.draw(&Text::new(text, (px(x), px(y)), text_style));
        self.emitted(Tag::Text);
    }

    /// One line of text in `lang` (set as its `lang` attribute) when that is
    /// not empty: a label in another language than the chart's.
    pub fn text_in(&mut self, text: &str, at: (f64, f64), style: TextStyle, lang: &str) {
        self.text(text, at, style);
        if !text.is_empty() && !lang.is_empty() {
            let index = self.counts[Tag::Text as usize] - 1;
            self.edit(Tag::Text, index, vec![("lang", lang.to_string())]);
        }
    }

    /// One line of text made of parts in different languages: drawn (and
    /// measured) by plotters as one text, then each part in another language
    /// than the chart's put in a `<tspan lang>`. Parts all in one language
    /// make one `<text>` in that language, as [`Canvas::text_in`] does.
    pub fn text_parts(&mut self, parts: &[Part], at: (f64, f64), style: TextStyle) {
        let text = phrase::plain(parts);
        match phrase::uniform(parts) {
            Some(lang) => self.text_in(&text, at, style, lang),
            None => {
                self.text(&text, at, style);
                if !text.is_empty() {
                    let index = self.counts[Tag::Text as usize] - 1;
                    self.edits.contents.insert(index, phrase::svg(parts));
                }
            }
        }
    }
}

/// A rectangle that textures are clipped to.
#[derive(Debug, Clone, Copy)]
pub struct Clip {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The colour of a texture on `color`: light or dark ink, 60 % of the way
/// from the fill to it (opaque, so printers draw it as one flat colour).
fn hatch_ink(color: Rgb) -> Rgb {
    let ink = text_on(color);
    let mix = |a: u8, b: u8| (f64::from(a) * 0.4 + f64::from(b) * 0.6).round() as u8;
    Rgb(mix(color.0, ink.0), mix(color.1, ink.1), mix(color.2, ink.2))
}

/// Distance between the lines of a texture, along an axis.
const HATCH_STEP: f64 = 8.0;

/// A line segment of a texture: from, to, stroke width.
pub type Stroke = ((f64, f64), (f64, f64), u32);

/// The line segments of `hatch` inside `rect`.
pub fn hatch_lines(hatch: Hatch, rect: Clip) -> Vec<Stroke> {
    let Clip { left, top, right, bottom } = rect;
    if !(right - left >= 1.0 && bottom - top >= 1.0) || (right - left) * (bottom - top) > 1e8 {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Lines x + y = k·step ("/"), clipped to the rectangle.
    let mut rising = |width: u32| {
        let mut k = ((left + top) / HATCH_STEP).ceil();
        while k * HATCH_STEP <= right + bottom {
            let c = k * HATCH_STEP;
            let (x0, x1) = ((c - bottom).max(left), (c - top).min(right));
            if x1 - x0 >= 1.0 {
                out.push(((x0, c - x0), (x1, c - x1), width));
            }
            k += 1.0;
        }
    };
    match hatch {
        Hatch::Solid | Hatch::Dots => {}
        Hatch::Diagonal => rising(2),
        Hatch::Cross => rising(1),
        Hatch::Horizontal => {
            let mut y = (top / HATCH_STEP).ceil() * HATCH_STEP;
            while y <= bottom {
                out.push(((left, y), (right, y), 2));
                y += HATCH_STEP;
            }
        }
        Hatch::Vertical => {
            let mut x = (left / HATCH_STEP).ceil() * HATCH_STEP;
            while x <= right {
                out.push(((x, top), (x, bottom), 2));
                x += HATCH_STEP;
            }
        }
    }
    if hatch == Hatch::Cross {
        let width = 1;
        // Lines y − x = k·step ("\").
        let mut k = ((top - right) / HATCH_STEP).ceil();
        while k * HATCH_STEP <= bottom - left {
            let c = k * HATCH_STEP;
            let (x0, x1) = ((top - c).max(left), (bottom - c).min(right));
            if x1 - x0 >= 1.0 {
                out.push(((x0, x0 + c), (x1, x1 + c), width));
            }
            k += 1.0;
        }
    }
    out
}

/// Dot centres on a grid anchored to the canvas, each dot wholly inside `rect`.
pub fn dot_grid(rect: Clip) -> Vec<(f64, f64)> {
    let Clip { left, top, right, bottom } = rect;
    if !(right - left >= 1.0 && bottom - top >= 1.0) || (right - left) * (bottom - top) > 1e8 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut y = ((top - 4.0) / HATCH_STEP).ceil() * HATCH_STEP + 4.0;
    while y + 2.0 <= bottom {
        if y - 2.0 >= top {
            let mut x = ((left - 4.0) / HATCH_STEP).ceil() * HATCH_STEP + 4.0;
            while x + 2.0 <= right {
                if x - 2.0 >= left {
                    out.push((x, y));
                }
                x += HATCH_STEP;
            }
        }
        y += HATCH_STEP;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatch_lines_stay_inside_their_rectangle() {
        let rect = Clip { left: 13.0, top: 7.0, right: 61.0, bottom: 33.0 };
        for hatch in [Hatch::Diagonal, Hatch::Cross, Hatch::Horizontal, Hatch::Vertical] {
            let lines = hatch_lines(hatch, rect);
            assert!(lines.len() >= 3, "{hatch:?}: {}", lines.len());
            for (a, b, _) in lines {
                for (x, y) in [a, b] {
                    assert!((13.0..=61.0).contains(&x) && (7.0..=33.0).contains(&y), "{hatch:?} {x},{y}");
                }
            }
        }
        assert!(hatch_lines(Hatch::Solid, rect).is_empty());
        let dots = dot_grid(rect);
        assert!(dots.len() >= 10);
        assert!(
            dots.iter()
                .all(|(x, y)| *x - 2.0 >= 13.0 && *x + 2.0 <= 61.0 && *y - 2.0 >= 7.0 && *y + 2.0 <= 33.0)
        );
        // Degenerate and enormous rectangles draw nothing rather than loop.
        assert!(hatch_lines(Hatch::Cross, Clip { left: 5.0, top: 5.0, right: 5.0, bottom: 9.0 }).is_empty());
        assert!(dot_grid(Clip { left: 0.0, top: 0.0, right: 1e9, bottom: 1e9 }).is_empty());
        assert!(
            hatch_lines(Hatch::Diagonal, Clip { left: f64::NAN, top: 0.0, right: 9.0, bottom: 9.0 })
                .is_empty()
        );
    }

    #[test]
    fn texture_ink_is_opaque_and_between_fill_and_ink() {
        assert_eq!(hatch_ink(Rgb(0xB3, 0x59, 0x00)), Rgb(0xE1, 0xBD, 0x99));
        assert_eq!(hatch_ink(Rgb(0xFF, 0xFF, 0xFF)), Rgb(0x7A, 0x7A, 0x7A));
    }
}
