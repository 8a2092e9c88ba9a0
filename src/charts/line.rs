//! Line plots (metric line charts and activity progress): one polyline per
//! run of consecutive observations (a missing period leaves a gap), a marker
//! shape and dash pattern per series, and a direct label at each line's end.

use super::Part;
use super::canvas::{Canvas, TextStyle};
use super::font::text_width;
use super::frame::{
    self, HEIGHT, LABEL_PX, PAD, Rect, WIDTH, draw_baseline, draw_note, draw_period_labels, draw_title,
    draw_unit, draw_value_axis, spread, value_labels_width,
};
use super::numbers::Scale;
use super::palette::{TEXT, dash, marker, series_color};
use super::phrase::Phrase;
use super::prepare::Prepared;
use super::text::shorten;
use plotters::style::text_anchor::{HPos, VPos};

/// Everything a line plot needs besides the data.
pub struct LinePlot<'a> {
    /// Each line as parts in their languages.
    pub title_lines: &'a [Vec<Part>],
    pub unit: &'a str,
    /// The unit's language when it is not the chart's, else empty.
    pub unit_lang: &'a str,
    pub scale: Scale,
    /// Tick values and their labels.
    pub ticks: Vec<(f64, String)>,
    /// "No data: …" footnote, empty when every series has data.
    pub note: Phrase,
}

/// Space between the plot and the start of a direct label's text.
const LABEL_GAP: f64 = 18.0;
/// Widest the direct-label column may get.
const MAX_LABEL_COLUMN: f64 = 200.0;
/// Inset of the first and last period from the plot's edges.
const INSET: f64 = 14.0;

pub fn draw(c: &mut Canvas, data: &Prepared, plot: &LinePlot) {
    let top = draw_title(c, plot.title_lines);
    let top = draw_unit(c, plot.unit, plot.unit_lang, top) + 8.0;
    let mut bottom = HEIGHT - PAD - 24.0;
    if !plot.note.is_empty() {
        draw_note(c, &plot.note, HEIGHT - PAD + 4.0);
        bottom -= 16.0;
    }

    let labels: Vec<String> =
        data.labels.iter().map(|l| shorten(l, MAX_LABEL_COLUMN - LABEL_GAP, LABEL_PX, false)).collect();
    let column = (0..labels.len())
        .filter(|&s| data.has_data(s))
        .map(|s| LABEL_GAP + text_width(&labels[s], LABEL_PX, false))
        .fold(0.0, f64::max);
    let tick_labels: Vec<String> = plot.ticks.iter().map(|(_, l)| l.clone()).collect();
    let area = Rect {
        left: PAD + value_labels_width(&tick_labels) + 8.0,
        top,
        right: WIDTH - PAD - column - 4.0,
        bottom,
    };

    let n = data.periods.len();
    let (xs, slot) = if n <= 1 {
        (vec![(area.left + area.right) / 2.0], area.width())
    } else {
        let slot = (area.width() - 2.0 * INSET) / (n - 1) as f64;
        ((0..n).map(|i| area.left + INSET + i as f64 * slot).collect(), slot)
    };

    draw_value_axis(c, area, &plot.scale, &plot.ticks);
    draw_baseline(c, area, &plot.scale);
    draw_period_labels(c, &data.periods, &xs, slot, area.bottom + 8.0);

    let mut ends: Vec<(f64, usize, (f64, f64))> = Vec::new();
    for (s, row) in data.values.iter().enumerate() {
        let style = data.styles[s];
        let color = series_color(style);
        let points: Vec<Option<(f64, f64)>> =
            row.iter().zip(&xs).map(|(v, &x)| v.map(|v| (x, area.y(&plot.scale, v)))).collect();
        for run in points.split(Option::is_none) {
            let run: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
            if run.len() > 1 {
                c.polyline(&run, color, 2, dash(style));
            }
        }
        for point in points.iter().flatten() {
            c.marker(marker(style), *point, color);
        }
        if let Some(last) = points.iter().flatten().last() {
            ends.push((last.1, s, *last));
        }
    }

    // Direct labels in the right-hand column, nudged apart when lines end close together.
    ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let targets: Vec<f64> = ends.iter().map(|e| e.0).collect();
    let placed = spread(&targets, 17.0, area.top, area.bottom);
    let text = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Left, VPos::Center);
    for ((_, s, (x, y)), label_y) in ends.iter().zip(placed) {
        let style = data.styles[*s];
        let color = series_color(style);
        let last_x = xs.last().copied().unwrap_or(area.right);
        if (label_y - y).abs() > 1.0 || *x < last_x - 1.0 {
            c.polyline(&[(x + 6.0, *y), (area.right + 2.0, label_y)], color, 1, None);
        }
        c.marker(marker(style), (area.right + 9.0, label_y), color);
        c.text_in(&labels[*s], (area.right + LABEL_GAP, label_y), text, &data.langs[*s]);
    }
}

/// The panel drawn instead of a plot when no series has any observation.
pub fn draw_empty(c: &mut Canvas, title_lines: &[Vec<Part>], message: &str) {
    let top = draw_title(c, title_lines) + 4.0;
    frame::draw_no_data(c, Rect { left: PAD, top, right: WIDTH - PAD, bottom: HEIGHT - PAD }, message);
}
