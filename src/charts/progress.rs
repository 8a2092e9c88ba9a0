//! Progress charts: each activity's percentage complete as a bar on a
//! 0–100 % track under its full title, with a mark at its previous update's
//! value and both values written out ("35%", "was 15%"). This reads with a
//! single update or two as well as with many; the full history is in the
//! data table.

use super::canvas::{Canvas, TextStyle};
use super::describe::{self, PeriodKind};
use super::font::text_width;
use super::frame::{
    self, EMPTY_PANEL, LABEL_PX, LEGEND_ROW, NARROW, PAD, Rect, SMALL_PX, WIDTH, draw_title, title_bottom,
    title_lines,
};
use super::palette::{GRID, MUTED, PANEL, Rgb, TEXT};
use super::phrase::{self, Phrase};
use super::prepare::Prepared;
use super::text::wrap;
use super::words::words;
use super::{Chart, Part, ProgressChart, Title, assemble, table};
use crate::core::locale::Locale;
use plotters::style::text_anchor::{HPos, VPos};

/// The bar's ink: a neutral near-black that no status or party uses.
const INK: Rgb = Rgb(0x33, 0x33, 0x33);
const LINE: f64 = 18.0;
const TRACK: f64 = 14.0;
const ROW_GAP: f64 = 14.0;
/// Between a title and its track: room for the previous update's mark.
const MARK_ROOM: f64 = 10.0;
/// An activity title wraps to at most this many lines before it is shortened.
const MAX_LINES: usize = 4;

pub fn render(input: &ProgressChart) -> Chart {
    let locale = input.locale;
    let data = Prepared::new(&input.periods, &input.activities);
    let given = Title::new(&input.title, &input.title_lang, &input.title_parts);
    let title = Phrase::cleaned(&given.parts);
    let format = |v: f64| locale.percent(v);
    let sentence = describe::trend(locale, &title.parts(), &Part::default(), &data, PeriodKind::Day, &format);
    let description = phrase::plain(&sentence);
    let table = table::by_series(locale, &given.parts, &Part::default(), &data, &format);
    let class = if data.any_data() { "chart-progress" } else { "chart-progress chart-empty" };
    let draw = |slug: &str, width: f64| {
        let (height, rows) = layout(&data, &title, locale, width);
        assemble(slug, &given.text, &given.lang, &description, class, width, height, |c| {
            paint(c, &rows, locale)
        })
    };
    let svg = draw(&input.slug, WIDTH);
    let narrow = draw(&super::narrow_slug(&input.slug), NARROW);
    given.chart(&input.slug, &sentence, svg, narrow, table)
}

/// One activity's row.
struct Row {
    lines: Vec<String>,
    lang: String,
    latest: Option<f64>,
    previous: Option<f64>,
}

struct Layout {
    title: Vec<Vec<Part>>,
    rows: Vec<Row>,
    /// Whether any activity has a previous value (the legend names its mark).
    any_previous: bool,
    /// Whether the legend's second entry goes on a row of its own.
    legend_wraps: bool,
    value_column: f64,
    /// "No data: …" naming the activities without any value, in lines.
    note: Vec<Vec<Part>>,
}

/// The latest observed value of a row and the one observed before it.
fn latest_two(row: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
    let mut observed = row.iter().rev().flatten();
    (observed.next().copied(), observed.next().copied())
}

fn layout(data: &Prepared, title: &Phrase, locale: Locale, width: f64) -> (f64, Layout) {
    let w = words(locale);
    let value_column = [
        text_width(&locale.percent(100.0), LABEL_PX, true),
        text_width(&format!("{} {}", w.was, locale.percent(100.0)), SMALL_PX, false),
    ]
    .into_iter()
    .fold(0.0, f64::max)
        + 10.0;
    let rows: Vec<Row> = (0..data.labels.len())
        .map(|s| {
            let (latest, previous) = latest_two(&data.values[s]);
            Row {
                lines: wrap(&data.labels[s], width - 2.0 * PAD, LABEL_PX, false, MAX_LINES),
                lang: data.langs[s].clone(),
                latest,
                previous,
            }
        })
        .collect();
    let lines = title_lines(title, width);
    let mut height = title_bottom(&lines);
    let any_previous = rows.iter().any(|r| r.previous.is_some());
    let legend_wraps = any_previous
        && PAD
            + 24.0
            + text_width(w.latest_update, LABEL_PX, false)
            + 36.0
            + text_width(w.previous_update, LABEL_PX, false)
            > width - PAD;
    if !data.any_data() {
        height += 4.0 + EMPTY_PANEL;
    } else {
        height += if legend_wraps { 2.0 } else { 1.0 } * LEGEND_ROW + 4.0 + 20.0;
        height += rows.iter().map(row_height).sum::<f64>();
    }
    let note = if data.any_data() {
        frame::note_lines(&data.without_data_note(w.no_data_for), width)
    } else {
        Vec::new()
    };
    height += note.len() as f64 * frame::NOTE_LINE;
    let layout = Layout { title: lines, rows, any_previous, legend_wraps, value_column, note };
    ((height + PAD).ceil(), layout)
}

fn row_height(row: &Row) -> f64 {
    row.lines.len().max(1) as f64 * LINE + MARK_ROOM + TRACK + 4.0 + SMALL_PX + ROW_GAP
}

fn paint(c: &mut Canvas, layout: &Layout, locale: Locale) {
    let w = words(locale);
    let mut y = draw_title(c, &layout.title);
    if layout.rows.iter().all(|r| r.latest.is_none()) {
        let area = Rect { left: PAD, top: y + 4.0, right: c.width() - PAD, bottom: y + 4.0 + EMPTY_PANEL };
        frame::draw_no_data(c, area, w.no_data_yet);
        return;
    }
    let (left, right) = (PAD, c.width() - PAD - layout.value_column);
    let x = |v: f64| left + (v.clamp(0.0, 100.0) / 100.0) * (right - left);
    // Legend: the bar is the latest update, the mark above the track the one before.
    let mid = y + LEGEND_ROW / 2.0;
    c.rect((PAD, mid - 6.0), (PAD + 18.0, mid + 6.0), INK);
    let text = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Left, VPos::Center);
    c.text(w.latest_update, (PAD + 24.0, mid), text);
    if layout.any_previous {
        let (after, mid) = if layout.legend_wraps {
            (PAD + 3.0, mid + LEGEND_ROW)
        } else {
            (PAD + 24.0 + text_width(w.latest_update, LABEL_PX, false) + 20.0, mid)
        };
        previous_mark(c, after + 6.0, mid + 4.0);
        c.text(w.previous_update, (after + 21.0, mid), text);
        if layout.legend_wraps {
            y += LEGEND_ROW;
        }
    }
    y += LEGEND_ROW + 4.0;
    // Scale: 0 %, 50 %, 100 % above the first track.
    let scale = TextStyle::new(SMALL_PX, MUTED).anchor(HPos::Center, VPos::Top);
    for (v, h) in [(0.0, HPos::Left), (50.0, HPos::Center), (100.0, HPos::Right)] {
        c.text(&locale.percent(v), (x(v), y), TextStyle { h, ..scale });
    }
    y += 20.0;
    let label = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Left, VPos::Top);
    let value = TextStyle::new(LABEL_PX, TEXT).bold().anchor(HPos::Left, VPos::Center);
    let was = TextStyle::new(SMALL_PX, MUTED).anchor(HPos::Left, VPos::Top);
    for row in &layout.rows {
        for (i, line) in row.lines.iter().enumerate() {
            c.text_in(line, (PAD, y + i as f64 * LINE), label, &row.lang);
        }
        let top = y + row.lines.len().max(1) as f64 * LINE + MARK_ROOM;
        let mid = top + TRACK / 2.0;
        c.rect((left, top), (right, top + TRACK), PANEL);
        for v in [25.0, 50.0, 75.0] {
            c.line((x(v), top), (x(v), top + TRACK), GRID);
        }
        match row.latest {
            Some(v) => {
                if v > 0.0 {
                    c.rect((left, top), (x(v).max(left + 2.0), top + TRACK), INK);
                }
                c.text(&locale.percent(v), (right + 8.0, mid), value);
            }
            None => c.text(w.missing, (right + 8.0, mid), value),
        }
        if let Some(p) = row.previous {
            previous_mark(c, x(p), top);
            c.text(&format!("{} {}", w.was, locale.percent(p)), (right + 8.0, top + TRACK + 4.0), was);
        }
        y += row_height(row);
    }
    frame::draw_note(c, &layout.note, y);
}

/// The mark of the previous update's value: a small triangle pointing down
/// at `(x, y)`, the top of the track.
fn previous_mark(c: &mut Canvas, x: f64, y: f64) {
    c.polygon(&[(x - 5.0, y - 8.0), (x + 5.0, y - 8.0), (x, y)], TEXT);
}
