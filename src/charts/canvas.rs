//! A drawing surface over plotters' `SVGBackend`, in CSS pixels. Each call
//! emits exactly one SVG element; the canvas counts them per tag so it can
//! record the attributes plotters cannot express (dash patterns, pattern
//! fills) for `svg_post` to apply to the right element afterwards.

use super::Part;
use super::font::{self, FAMILY};
use super::palette::{Fill, Hatch, Marker, Rgb, text_on};
use super::phrase;
use plotters::coord::Shift;
use plotters::prelude::{
    Circle, DrawingArea, IntoDrawingArea, PathElement, Polygon, Rectangle, SVGBackend, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, FontTransform, ShapeStyle};
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

/// Attributes to set on the n-th element of a tag, `<defs>` content, and
/// the content to put in the n-th `<text>` instead of plotters' plain text.
#[derive(Debug, Default)]
pub struct Edits {
    pub attrs: BTreeMap<(Tag, usize), Vec<(&'static str, String)>>,
    pub defs: BTreeMap<String, String>,
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
    /// Reads bottom to top.
    pub vertical: bool,
}

impl TextStyle {
    pub fn new(px: f64, color: Rgb) -> TextStyle {
        TextStyle { px, bold: false, color, h: HPos::Left, v: VPos::Center, vertical: false }
    }

    pub fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    pub fn anchor(self, h: HPos, v: VPos) -> TextStyle {
        TextStyle { h, v, ..self }
    }

    pub fn vertical(self) -> TextStyle {
        TextStyle { vertical: true, ..self }
    }
}

pub struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    counts: [usize; 5],
    edits: Edits,
    id_base: String,
}

/// Renders with `draw` onto a `width`×`height` SVG; returns plotters' output
/// and the edits still to apply to it.
pub fn render(width: u32, height: u32, id_base: &str, draw: impl FnOnce(&mut Canvas)) -> (String, Edits) {
    font::ensure();
    let mut raw = String::new();
    let edits = {
        let area = SVGBackend::with_string(&mut raw, (width, height)).into_drawing_area();
        let mut canvas =
            Canvas { area, counts: [0; 5], edits: Edits::default(), id_base: id_base.to_string() };
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

    /// A rectangle filled with a colour and, unless solid, a hatch pattern.
    pub fn rect_fill(&mut self, from: (f64, f64), to: (f64, f64), fill: Fill) {
        self.rect(from, to, fill.color);
        if fill.hatch != Hatch::Solid {
            let id = self.pattern(fill);
            let index = self.counts[Tag::Rect as usize] - 1;
            self.edit(Tag::Rect, index, vec![("fill", format!("url(#{id})"))]);
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
        let transform = if style.vertical { FontTransform::Rotate270 } else { FontTransform::None };
        let color = style.color.plotters();
        let text_style = FontDesc::new(FontFamily::Name(FAMILY), style.px * PLOTTERS_FONT_SCALE, weight)
            .transform(transform)
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

    /// The id of the `<pattern>` for `fill`, defining it on first use.
    fn pattern(&mut self, fill: Fill) -> String {
        let id = format!("{}-{}-{}", self.id_base, hatch_name(fill.hatch), &fill.color.hex()[1..]);
        if !self.edits.defs.contains_key(&id) {
            let def = pattern_def(&id, fill);
            self.edits.defs.insert(id.clone(), def);
        }
        id
    }
}

fn hatch_name(hatch: Hatch) -> &'static str {
    match hatch {
        Hatch::Solid => "solid",
        Hatch::Diagonal => "diagonal",
        Hatch::Dots => "dots",
        Hatch::Cross => "cross",
        Hatch::Horizontal => "horizontal",
        Hatch::BackDiagonal => "backdiagonal",
    }
}

/// A user-space `<pattern>`: the fill colour with light or dark ink on top.
fn pattern_def(id: &str, fill: Fill) -> String {
    let ink = text_on(fill.color);
    let ink = format!("fill=\"{}\" fill-opacity=\"0.6\"", ink.hex());
    let (transform, marks) = match fill.hatch {
        Hatch::Solid => ("", String::new()),
        Hatch::Diagonal => {
            (" patternTransform=\"rotate(45)\"", format!("<rect width=\"3\" height=\"8\" {ink}/>"))
        }
        Hatch::BackDiagonal => {
            (" patternTransform=\"rotate(-45)\"", format!("<rect width=\"3\" height=\"8\" {ink}/>"))
        }
        Hatch::Horizontal => ("", format!("<rect width=\"8\" height=\"3\" {ink}/>")),
        Hatch::Cross => (
            " patternTransform=\"rotate(45)\"",
            format!("<rect width=\"2\" height=\"8\" {ink}/><rect x=\"2\" width=\"6\" height=\"2\" {ink}/>"),
        ),
        Hatch::Dots => ("", format!("<circle cx=\"4\" cy=\"4\" r=\"1.8\" {ink}/>")),
    };
    format!(
        "<pattern id=\"{id}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"{transform}>\
         <rect width=\"8\" height=\"8\" fill=\"{}\"/>{marks}</pattern>",
        fill.color.hex()
    )
}
