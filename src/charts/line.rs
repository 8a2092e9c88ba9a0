//! Line plots of a metric: one polyline per run of consecutive observations
//! (a missing period leaves a gap), a marker shape and dash pattern per
//! series, and either a direct label at each line's end (wide drawings whose
//! labels fit whole) or a legend above the plot.

use super::canvas::{Canvas, TextStyle};
use super::font::text_width;
use super::frame::{
    LABEL_PX, PAD, Rect, draw_baseline, draw_period_labels, draw_value_axis, spread, value_labels_width,
};
use super::numbers::Scale;
use super::palette::{TEXT, dash, marker};
use super::prepare::Prepared;
use plotters::style::text_anchor::{HPos, VPos};

/// Space between the plot and the start of a direct label's text.
const LABEL_GAP: f64 = 18.0;
/// Widest the direct-label column may get.
const MAX_LABEL_COLUMN: f64 = 200.0;
/// Inset of the first and last period from the plot's edges.
const INSET: f64 = 14.0;

/// Whether the series `shown` can be labelled at their lines' ends on a
/// drawing `width` wide: every label whole within the column.
pub fn direct_labels_fit(data: &Prepared, shown: &[usize], width: f64) -> bool {
    width >= 600.0
        && shown.iter().all(|&s| text_width(&data.labels[s], LABEL_PX, false) + LABEL_GAP <= MAX_LABEL_COLUMN)
}

/// Draws the series `shown` on `scale` with the plot area's top at `top`
/// and its bottom at `bottom`; period labels go below `bottom`. With
/// `direct`, each line is labelled at its end.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    c: &mut Canvas,
    data: &Prepared,
    shown: &[usize],
    scale: &Scale,
    ticks: &[(f64, String)],
    top: f64,
    bottom: f64,
    direct: bool,
) {
    let column = if direct {
        shown.iter().map(|&s| LABEL_GAP + text_width(&data.labels[s], LABEL_PX, false)).fold(0.0, f64::max)
    } else {
        0.0
    };
    let tick_labels: Vec<String> = ticks.iter().map(|(_, l)| l.clone()).collect();
    let area = Rect {
        left: PAD + value_labels_width(&tick_labels) + 8.0,
        top,
        right: c.width() - PAD - column - if direct { 4.0 } else { 0.0 },
        bottom,
    };

    let n = data.periods.len();
    let (xs, slot) = if n <= 1 {
        (vec![(area.left + area.right) / 2.0], area.width())
    } else {
        let slot = (area.width() - 2.0 * INSET) / (n - 1) as f64;
        ((0..n).map(|i| area.left + INSET + i as f64 * slot).collect(), slot)
    };

    draw_value_axis(c, area, scale, ticks);
    draw_baseline(c, area, scale);
    draw_period_labels(c, &data.periods, &xs, slot, area.bottom + 8.0);

    let mut ends: Vec<(f64, usize, (f64, f64))> = Vec::new();
    for &s in shown {
        let row = &data.values[s];
        let style = data.styles[s];
        let color = data.color(s);
        let points: Vec<Option<(f64, f64)>> =
            row.iter().zip(&xs).map(|(v, &x)| v.map(|v| (x, area.y(scale, v)))).collect();
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
    if !direct {
        return;
    }

    // Direct labels in the right-hand column, nudged apart when lines end close together.
    ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let targets: Vec<f64> = ends.iter().map(|e| e.0).collect();
    let placed = spread(&targets, 17.0, area.top, area.bottom);
    let text = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Left, VPos::Center);
    for ((_, s, (x, y)), label_y) in ends.iter().zip(placed) {
        let style = data.styles[*s];
        let color = data.color(*s);
        let last_x = xs.last().copied().unwrap_or(area.right);
        if (label_y - y).abs() > 1.0 || *x < last_x - 1.0 {
            c.polyline(&[(x + 6.0, *y), (area.right + 2.0, label_y)], color, 1, None);
        }
        c.marker(marker(style), (area.right + 9.0, label_y), color);
        c.text_in(&data.labels[*s], (area.right + LABEL_GAP, label_y), text, &data.langs[*s]);
    }
}
