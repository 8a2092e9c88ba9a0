//! Chart furniture shared by every kind: sizes, the drawn title, legends,
//! value axes, period labels, footnotes and the "No data yet" panel.

use super::Part;
use super::canvas::{Canvas, TextStyle};
use super::font::text_width;
use super::numbers::Scale;
use super::palette::{AXIS, Fill, GRID, MUTED, PANEL, Rgb, TEXT, dash, marker};
use super::phrase::Phrase;
use super::text::{shorten, wrap};
use plotters::style::text_anchor::{HPos, VPos};

/// The wide drawing, for screens where the chart gets about 660 CSS pixels
/// or more (its smallest text then renders at 11 px or more).
pub const WIDTH: f64 = 720.0;
/// The narrow drawing, for phones: at 294 CSS pixels or more its smallest
/// text renders at 11 px or more.
pub const NARROW: f64 = 320.0;
/// The height of a metric plot's drawing area, wide and narrow.
pub const PLOT_HEIGHT: f64 = 230.0;
pub const PLOT_HEIGHT_NARROW: f64 = 210.0;
/// The height of each panel's plot when series get panels of their own.
pub const PANEL_HEIGHT: f64 = 150.0;
/// Height of the "no data yet" panel.
pub const EMPTY_PANEL: f64 = 120.0;
pub const PAD: f64 = 16.0;
pub const LABEL_PX: f64 = 14.0;
pub const SMALL_PX: f64 = 12.0;
const TITLE_PX: f64 = 16.0;
const TITLE_LINE: f64 = 22.0;
pub const LEGEND_ROW: f64 = 22.0;
/// Longest a period or category label may be before it is shortened.
pub const MAX_LABEL: f64 = 120.0;

/// A rectangle in canvas pixels.
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        (self.right - self.left).max(0.0)
    }

    pub fn height(&self) -> f64 {
        (self.bottom - self.top).max(0.0)
    }

    /// The y of `value` on `scale` drawn over this rectangle's height.
    pub fn y(&self, scale: &Scale, value: f64) -> f64 {
        self.bottom - scale.fraction(value) * self.height()
    }

    /// The x of `value` on `scale` drawn across this rectangle's width.
    pub fn x(&self, scale: &Scale, value: f64) -> f64 {
        self.left + scale.fraction(value) * self.width()
    }
}

/// The drawn title: wrapped to the canvas width (shortened only past eight
/// lines); each line as parts in their languages.
pub fn title_lines(title: &Phrase, width: f64) -> Vec<Vec<Part>> {
    title.lines(&wrap(&title.text(), width - 2.0 * PAD, TITLE_PX, true, 8))
}

/// The y below the title lines drawn by [`draw_title`].
pub fn title_bottom(lines: &[Vec<Part>]) -> f64 {
    PAD + lines.len() as f64 * TITLE_LINE + 4.0
}

/// Draws the title lines from the top; returns the y below them.
pub fn draw_title(c: &mut Canvas, lines: &[Vec<Part>]) -> f64 {
    let style = TextStyle::new(TITLE_PX, TEXT).bold().anchor(HPos::Left, VPos::Top);
    let mut y = PAD;
    for line in lines {
        c.text_parts(line, (PAD, y), style);
        y += TITLE_LINE;
    }
    y + 4.0
}

/// A legend entry placed by [`legend_layout`].
pub struct LegendItem {
    pub label: String,
    /// The label's language when it is not the chart's, else empty.
    pub lang: String,
    pub key: Key,
    pub x: f64,
    pub row: usize,
}

/// What a legend entry shows beside its label.
#[derive(Debug, Clone, Copy)]
pub enum Key {
    /// A swatch of a bar's fill.
    Fill(Fill),
    /// A short stretch of a series' line (its colour and style index) with its marker.
    Line(Rgb, usize),
}

impl Key {
    fn width(self) -> f64 {
        match self {
            Key::Fill(_) => 12.0,
            Key::Line(..) => 26.0,
        }
    }
}

/// Draws a legend key centred vertically on `mid` from `x`.
pub fn draw_key(c: &mut Canvas, key: Key, x: f64, mid: f64) {
    match key {
        Key::Fill(fill) => c.rect_fill((x, mid - 6.0), (x + 12.0, mid + 6.0), fill),
        Key::Line(color, style) => {
            c.polyline(&[(x, mid), (x + 26.0, mid)], color, 2, dash(style));
            c.marker(marker(style), (x + 13.0, mid), color);
        }
    }
}

/// Lays legend entries (label, its language or "", key) out left to right,
/// wrapping rows at the canvas width; a label too long for a row is
/// shortened only when it cannot fit the whole width.
pub fn legend_layout(entries: &[(String, String, Key)], width: f64) -> (Vec<LegendItem>, f64) {
    let mut items = Vec::new();
    let (mut x, mut row) = (PAD, 0);
    for (label, lang, key) in entries {
        let label = shorten(label, width - 2.0 * PAD - key.width() - 6.0, LABEL_PX, false);
        let item_width = key.width() + 6.0 + text_width(&label, LABEL_PX, false);
        if x > PAD && x + item_width > width - PAD {
            x = PAD;
            row += 1;
        }
        items.push(LegendItem { label, lang: lang.clone(), key: *key, x, row });
        x += item_width + 20.0;
    }
    let height = if items.is_empty() { 0.0 } else { (row + 1) as f64 * LEGEND_ROW + 4.0 };
    (items, height)
}

/// Draws a legend laid out by [`legend_layout`] with its first row at `top`.
pub fn draw_legend(c: &mut Canvas, items: &[LegendItem], top: f64) {
    for item in items {
        let mid = top + item.row as f64 * LEGEND_ROW + LEGEND_ROW / 2.0;
        draw_key(c, item.key, item.x, mid);
        let x = item.x + item.key.width() + 6.0;
        c.text_in(&item.label, (x, mid), TextStyle::new(LABEL_PX, TEXT), &item.lang);
    }
}

/// Draws the unit (in `lang` when not empty) above the value axis; returns
/// the y below it.
pub fn draw_unit(c: &mut Canvas, unit: &str, lang: &str, top: f64) -> f64 {
    if unit.is_empty() {
        return top;
    }
    let unit = shorten(unit, c.width() - 2.0 * PAD, LABEL_PX, false);
    c.text_in(&unit, (PAD, top), TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Left, VPos::Top), lang);
    top + 20.0
}

/// Width the labels of a vertical value axis need.
pub fn value_labels_width(labels: &[String]) -> f64 {
    labels.iter().map(|l| text_width(l, LABEL_PX, false)).fold(0.0, f64::max)
}

/// Horizontal grid lines and right-aligned value labels left of `plot`.
pub fn draw_value_axis(c: &mut Canvas, plot: Rect, scale: &Scale, ticks: &[(f64, String)]) {
    let style = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Right, VPos::Center);
    for (value, label) in ticks {
        let y = plot.y(scale, *value);
        if *value != 0.0 {
            c.line((plot.left, y), (plot.right, y), GRID);
        }
        c.text(label, (plot.left - 8.0, y), style);
    }
}

/// The darker zero line, drawn last so it sits over bars' edges.
pub fn draw_baseline(c: &mut Canvas, plot: Rect, scale: &Scale) {
    let y = plot.y(scale, 0.0);
    c.line((plot.left, y), (plot.right, y), AXIS);
}

/// Height of a line of period labels.
pub const PERIOD_LINE: f64 = 18.0;

/// A period label's lines: wrapped to `width` (at least [`MAX_LABEL`]) over
/// three lines (shortened only past that), with the widest line's width.
fn period_label_lines(label: &str, width: f64) -> (Vec<String>, f64) {
    let lines = wrap(label, width.max(MAX_LABEL), LABEL_PX, false, 3);
    let widest = lines.iter().map(|l| text_width(l, LABEL_PX, false)).fold(0.0, f64::max);
    (lines, widest)
}

/// How many lines the period labels take at most (1 to 3).
pub fn period_label_rows(labels: &[String]) -> usize {
    labels.iter().map(|l| period_label_lines(l, MAX_LABEL).0.len()).max().unwrap_or(1).max(1)
}

/// Period labels under the plot, centred on `centers`, `slot` pixels apart;
/// wrapped over two lines when long, and thinned (always keeping the latest
/// period) so they never overlap, and kept inside the canvas.
pub fn draw_period_labels(c: &mut Canvas, labels: &[String], centers: &[f64], slot: f64, y: f64) {
    // Few periods leave room for wider labels, up to 240 px.
    let width = (slot - 12.0).min(240.0);
    let wrapped: Vec<(Vec<String>, f64)> = labels.iter().map(|l| period_label_lines(l, width)).collect();
    let widest = wrapped.iter().map(|(_, w)| *w).fold(0.0, f64::max);
    let n = labels.len().min(centers.len());
    let every = if slot > 0.0 { ((widest + 12.0) / slot).ceil().max(1.0) as usize } else { n.max(1) };
    let style = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Center, VPos::Top);
    for i in (0..n).filter(|i| (n - 1 - i).is_multiple_of(every)) {
        let (lines, w) = &wrapped[i];
        let x = centers[i].clamp(PAD + w / 2.0, (c.width() - PAD - w / 2.0).max(PAD + w / 2.0));
        c.line((centers[i], y - 6.0), (centers[i], y - 2.0), AXIS);
        for (k, line) in lines.iter().enumerate() {
            c.text(line, (x, y + k as f64 * PERIOD_LINE), style);
        }
    }
}

/// Height of a line of a footnote.
pub const NOTE_LINE: f64 = 16.0;

/// A footnote's lines at `width` (e.g. series without data): wrapped,
/// shortened only past three lines; each as parts in their languages.
pub fn note_lines(note: &Phrase, width: f64) -> Vec<Vec<Part>> {
    if note.is_empty() {
        return Vec::new();
    }
    note.lines(&wrap(&note.text(), width - 2.0 * PAD, SMALL_PX, false, 3))
}

/// Draws a footnote's lines from `top` at the left.
pub fn draw_note(c: &mut Canvas, lines: &[Vec<Part>], top: f64) {
    let style = TextStyle::new(SMALL_PX, MUTED).anchor(HPos::Left, VPos::Top);
    for (i, line) in lines.iter().enumerate() {
        c.text_parts(line, (PAD, top + i as f64 * NOTE_LINE), style);
    }
}

/// The panel shown instead of axes when there is nothing to plot.
pub fn draw_no_data(c: &mut Canvas, area: Rect, message: &str) {
    c.rect((area.left, area.top), (area.right, area.bottom), PANEL);
    let message = shorten(message, area.width() - 16.0, TITLE_PX, false);
    c.text(
        &message,
        ((area.left + area.right) / 2.0, (area.top + area.bottom) / 2.0),
        TextStyle::new(TITLE_PX, TEXT).anchor(HPos::Center, VPos::Center),
    );
}

/// Spreads label positions (sorted targets) at least `gap` apart within
/// `lo..=hi`, moving each as little as possible.
pub fn spread(targets: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let n = targets.len();
    if n == 0 {
        return Vec::new();
    }
    let gap = if n > 1 { gap.min((hi - lo).max(0.0) / (n - 1) as f64) } else { gap };
    let mut pos: Vec<f64> = targets.iter().map(|t| t.clamp(lo, hi.max(lo))).collect();
    for i in 1..n {
        pos[i] = pos[i].max(pos[i - 1] + gap);
    }
    if pos[n - 1] > hi {
        pos[n - 1] = hi;
        for i in (0..n - 1).rev() {
            pos[i] = pos[i].min(pos[i + 1] - gap);
        }
    }
    pos.into_iter().map(|p| p.clamp(lo, hi.max(lo))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_labels_apart_and_inside() {
        assert_eq!(spread(&[10.0, 12.0], 16.0, 0.0, 100.0), vec![10.0, 26.0]);
        assert_eq!(spread(&[95.0, 99.0], 16.0, 0.0, 100.0), vec![84.0, 100.0]);
        let many = spread(&[50.0; 20], 16.0, 0.0, 100.0);
        assert!(many.iter().all(|y| (0.0..=100.0).contains(y)));
        assert!(spread(&[], 16.0, 0.0, 1.0).is_empty());
    }
}
