//! Bar plots of a metric: grouped bars (one per series in each period, each
//! with its value) or stacked bars (segments labelled when they fit, a total
//! above each bar). Fills are colour plus hatching, explained by a legend.

use super::canvas::{Canvas, TextStyle};
use super::font::text_width;
use super::frame::{
    PAD, Rect, SMALL_PX, draw_baseline, draw_period_labels, draw_value_axis, value_labels_width,
};
use super::numbers::{Scale, short_value};
use super::palette::{Hatch, MUTED, TEXT, text_on};
use super::prepare::Prepared;
use crate::core::locale::Locale;
use plotters::style::text_anchor::{HPos, VPos};

/// Everything a bar plot needs besides the data.
pub struct BarPlot<'a> {
    pub scale: Scale,
    pub ticks: &'a [(f64, String)],
    pub stacked: bool,
    pub locale: Locale,
}

/// Room above the tallest bar for its value label.
pub const VALUE_ROOM: f64 = 22.0;

/// The value range the bars of the series `shown` span: per value when
/// grouped, per stack when stacked.
pub fn extent(data: &Prepared, shown: &[usize], stacked: bool) -> (f64, f64) {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 0.0;
    for p in 0..data.periods.len() {
        let (mut pos, mut neg) = (0.0, 0.0);
        for &s in shown {
            let Some(v) = data.values[s][p] else { continue };
            if stacked {
                if v >= 0.0 {
                    pos += v;
                } else {
                    neg += v;
                }
            } else {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        lo = lo.min(neg);
        hi = hi.max(pos);
    }
    (lo, hi)
}

/// Draws the series `shown` as bars in a plot from `top` to `bottom`;
/// period labels go below `bottom`.
pub fn draw(c: &mut Canvas, data: &Prepared, shown: &[usize], plot: &BarPlot, top: f64, bottom: f64) {
    let tick_labels: Vec<String> = plot.ticks.iter().map(|(_, l)| l.clone()).collect();
    let area =
        Rect { left: PAD + value_labels_width(&tick_labels) + 8.0, top, right: c.width() - PAD, bottom };
    let n = data.periods.len().max(1);
    let band = area.width() / n as f64;
    let centers: Vec<f64> = (0..data.periods.len()).map(|p| area.left + (p as f64 + 0.5) * band).collect();

    draw_value_axis(c, area, &plot.scale, plot.ticks);
    let labelled = all_labels_fit(data, plot, shown, band);
    for (p, &center) in centers.iter().enumerate() {
        if plot.stacked {
            stack(c, data, plot, area, shown, p, center, band);
        } else {
            group(c, data, plot, area, shown, p, center, band, labelled);
        }
    }
    draw_baseline(c, area, &plot.scale);
    draw_period_labels(c, &data.periods, &centers, band, area.bottom + 8.0);
}

fn small(color: super::palette::Rgb, h: HPos, v: VPos) -> TextStyle {
    TextStyle::new(SMALL_PX, color).anchor(h, v)
}

#[allow(clippy::too_many_arguments)]
fn group(
    c: &mut Canvas,
    data: &Prepared,
    plot: &BarPlot,
    area: Rect,
    shown: &[usize],
    p: usize,
    center: f64,
    band: f64,
    labelled: bool,
) {
    let width = band * 0.8;
    let slot = width / shown.len().max(1) as f64;
    let gap = if slot > 8.0 { 2.0 } else { 0.0 };
    let zero = area.y(&plot.scale, 0.0);
    for (j, &s) in shown.iter().enumerate() {
        let x0 = center - width / 2.0 + j as f64 * slot;
        let x1 = x0 + slot - gap;
        let cx = (x0 + x1) / 2.0;
        let Some(v) = data.values[s][p] else {
            let dash = "—";
            if text_width(dash, SMALL_PX, false) <= slot {
                c.text(dash, (cx, zero - 3.0), small(MUTED, HPos::Center, VPos::Bottom));
            }
            continue;
        };
        let y = area.y(&plot.scale, v);
        let fill = data.fill(s);
        c.rect_fill((x0, y), (x1, zero), fill);
        let label = short_value(plot.locale, v);
        let w = text_width(&label, SMALL_PX, false);
        if !labelled {
            continue;
        }
        if w + 2.0 <= slot {
            if v >= 0.0 {
                c.text(&label, (cx, y - 3.0), small(TEXT, HPos::Center, VPos::Bottom));
            } else if y + 18.0 <= area.bottom + 4.0 {
                c.text(&label, (cx, y + 3.0), small(TEXT, HPos::Center, VPos::Top));
            } else if y - zero >= 20.0 {
                // No room under the plot's lowest bar: label it inside, at its foot.
                if fill.hatch != Hatch::Solid {
                    c.rect((cx - w / 2.0 - 3.0, y - 19.0), (cx + w / 2.0 + 3.0, y - 3.0), fill.color);
                }
                c.text(&label, (cx, y - 5.0), small(text_on(fill.color), HPos::Center, VPos::Bottom));
            }
        }
    }
}

/// Whether every bar's value fits above it: bars are labelled all or none
/// (the data table holds every value), never some of them.
fn all_labels_fit(data: &Prepared, plot: &BarPlot, shown: &[usize], band: f64) -> bool {
    let slot = band * 0.8 / shown.len().max(1) as f64;
    shown
        .iter()
        .flat_map(|&s| data.values[s].iter().flatten())
        .all(|v| text_width(&short_value(plot.locale, *v), SMALL_PX, false) + 2.0 <= slot)
}

#[allow(clippy::too_many_arguments)]
fn stack(
    c: &mut Canvas,
    data: &Prepared,
    plot: &BarPlot,
    area: Rect,
    shown: &[usize],
    p: usize,
    center: f64,
    band: f64,
) {
    let width = (band * 0.6).min(72.0);
    let (x0, x1) = (center - width / 2.0, center + width / 2.0);
    let (mut pos, mut neg) = (0.0, 0.0);
    let mut observed = false;
    for &s in shown {
        let Some(v) = data.values[s][p] else { continue };
        observed = true;
        let (from, to) = if v >= 0.0 {
            pos += v;
            (pos - v, pos)
        } else {
            neg += v;
            (neg - v, neg)
        };
        let (y_from, y_to) = (area.y(&plot.scale, from), area.y(&plot.scale, to));
        let fill = data.fill(s);
        c.rect_fill((x0, y_to), (x1, y_from), fill);
        let label = short_value(plot.locale, v);
        let w = text_width(&label, SMALL_PX, false);
        if (y_from - y_to).abs() >= 18.0 && w + 4.0 <= width {
            let mid = (y_from + y_to) / 2.0;
            if fill.hatch != Hatch::Solid {
                c.rect((center - w / 2.0 - 3.0, mid - 8.0), (center + w / 2.0 + 3.0, mid + 8.0), fill.color);
            }
            c.text(&label, (center, mid), small(text_on(fill.color), HPos::Center, VPos::Center));
        }
    }
    let zero = area.y(&plot.scale, 0.0);
    if !observed {
        let dash = "—";
        if text_width(dash, SMALL_PX, false) <= band {
            c.text(dash, (center, zero - 3.0), small(MUTED, HPos::Center, VPos::Bottom));
        }
        return;
    }
    let total = short_value(plot.locale, pos + neg);
    if text_width(&total, SMALL_PX, true) + 4.0 <= band {
        let style = small(TEXT, HPos::Center, VPos::Bottom).bold();
        if pos > 0.0 || neg == 0.0 {
            c.text(&total, (center, area.y(&plot.scale, pos) - 3.0), style);
        } else if area.y(&plot.scale, neg) + 18.0 <= area.bottom + 4.0 {
            let style = small(TEXT, HPos::Center, VPos::Top).bold();
            c.text(&total, (center, area.y(&plot.scale, neg) + 3.0), style);
        }
    }
}
