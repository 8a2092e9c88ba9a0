//! Status charts: one horizontal bar per group, split into segments by
//! activity status (fixed colours, problem statuses hatched), each segment
//! labelled with its count when wide enough, with a legend and totals.

use super::canvas::{Canvas, TextStyle};
use super::describe;
use super::font::text_width;
use super::frame::{
    self, EMPTY_PANEL, Key, LABEL_PX, NARROW, PAD, Rect, WIDTH, draw_legend, draw_title, legend_layout,
    title_lines,
};
use super::numbers::Scale;
use super::palette::{AXIS, Fill, GRID, Hatch, TEXT, status_fill, text_on};
use super::phrase::{self, Phrase};
use super::text::{clean, wrap};
use super::words::words;
use super::{Chart, Part, StatusChart, Title, assemble, table};
use plotters::style::text_anchor::{HPos, VPos};

const ROW: f64 = 44.0;
const BAR: f64 = 26.0;
const MAX_CATEGORY: f64 = 200.0;

pub fn render(input: &StatusChart) -> Chart {
    let locale = input.locale;
    let given = Title::new(&input.title, &input.title_lang, &input.title_parts);
    let title = Phrase::cleaned(&given.parts);
    let categories: Vec<String> = input.categories.iter().map(|c| clean(c)).collect();
    let category_langs: Vec<String> =
        (0..categories.len()).map(|i| input.category_langs.get(i).cloned().unwrap_or_default()).collect();
    let columns: Vec<(String, Vec<u32>)> = input
        .statuses
        .iter()
        .map(|s| {
            let label =
                [clean(&s.label), clean(&s.key)].into_iter().find(|l| !l.is_empty()).unwrap_or_default();
            let counts = (0..categories.len()).map(|c| s.counts.get(c).copied().unwrap_or(0)).collect();
            (label, counts)
        })
        .collect();
    let fills: Vec<Fill> = input
        .statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let fill = status_fill(&s.key, i);
            Fill { color: s.color.unwrap_or(fill.color), ..fill }
        })
        .collect();
    let totals: Vec<u64> =
        (0..categories.len()).map(|c| columns.iter().map(|(_, counts)| u64::from(counts[c])).sum()).collect();
    let empty = totals.iter().all(|t| *t == 0);

    let sentence = if empty {
        describe::no_data(locale, &title.parts())
    } else {
        let named: Vec<Part> = categories
            .iter()
            .zip(&category_langs)
            .map(|(c, lang)| Part::new(c.clone(), lang.clone()))
            .collect();
        describe::status(locale, &title.parts(), &named, &columns)
    };
    let description = phrase::plain(&sentence);
    let heading = clean(&input.category_heading);
    let table = table::status(locale, &given.parts, &heading, &categories, &category_langs, &columns);

    let entries: Vec<(String, String, Key)> = columns
        .iter()
        .zip(&fills)
        .map(|((label, _), fill)| (label.clone(), String::new(), Key::Fill(*fill)))
        .collect();
    let w = words(locale);
    let class = if empty { "chart-status chart-empty" } else { "chart-status" };
    let draw = |slug: &str, width: f64| {
        let lines = title_lines(&title, width);
        let title_bottom = frame::title_bottom(&lines);
        let (legend, legend_height) = if empty { (Vec::new(), 0.0) } else { legend_layout(&entries, width) };
        let top = title_bottom + legend_height + 4.0;
        let bars = Bars {
            locale,
            names: names(&categories, width),
            category_langs: &category_langs,
            columns: &columns,
            fills: &fills,
            totals: &totals,
        };
        let body = if empty { EMPTY_PANEL } else { bars.height() + 30.0 };
        let height = (top + body + PAD).ceil();
        assemble(slug, &given.text, &given.lang, &description, class, width, height, |c| {
            draw_title(c, &lines);
            if empty {
                let area = Rect { left: PAD, top, right: c.width() - PAD, bottom: top + EMPTY_PANEL };
                frame::draw_no_data(c, area, w.no_data_yet);
                return;
            }
            draw_legend(c, &legend, title_bottom);
            bars.draw(c, top);
        })
    };
    let svg = draw(&input.slug, WIDTH);
    let narrow = draw(&super::narrow_slug(&input.slug), NARROW);
    given.chart(&input.slug, &sentence, svg, narrow, table)
}

/// Where the category names go: in a column left of the bars when the
/// drawing is wide and every name fits it whole, else each above its bar,
/// wrapped to the drawing's width.
enum Names {
    Left(Vec<String>),
    Above(Vec<Vec<String>>),
}

fn names(categories: &[String], width: f64) -> Names {
    let fits = categories.iter().all(|n| text_width(n, LABEL_PX, false) <= MAX_CATEGORY);
    if width >= WIDTH && fits {
        Names::Left(categories.to_vec())
    } else {
        Names::Above(categories.iter().map(|n| wrap(n, width - 2.0 * PAD, LABEL_PX, false, 3)).collect())
    }
}

struct Bars<'a> {
    locale: crate::core::locale::Locale,
    names: Names,
    category_langs: &'a [String],
    columns: &'a [(String, Vec<u32>)],
    fills: &'a [Fill],
    totals: &'a [u64],
}

const NAME_LINE: f64 = 18.0;

impl Bars<'_> {
    /// Each category's (top of its name, middle of its bar), from `top`.
    fn rows(&self, top: f64) -> Vec<(f64, f64)> {
        match &self.names {
            Names::Left(names) => (0..names.len()).map(|i| (0.0, top + (i as f64 + 0.5) * ROW)).collect(),
            Names::Above(names) => {
                let mut y = top;
                names
                    .iter()
                    .map(|lines| {
                        let name_top = y + 6.0;
                        let mid = name_top + lines.len() as f64 * NAME_LINE + 4.0 + BAR / 2.0;
                        y = mid + BAR / 2.0 + 6.0;
                        (name_top, mid)
                    })
                    .collect()
            }
        }
    }

    fn height(&self) -> f64 {
        match &self.names {
            Names::Left(names) => names.len() as f64 * ROW,
            Names::Above(_) => self.rows(0.0).last().map(|(_, mid)| mid + BAR / 2.0 + 6.0).unwrap_or(0.0),
        }
    }

    fn draw(&self, c: &mut Canvas, top: f64) {
        let locale = self.locale;
        let name_width = match &self.names {
            Names::Left(names) => {
                names.iter().map(|n| text_width(n, LABEL_PX, false) + 12.0).fold(0.0, f64::max)
            }
            Names::Above(_) => 0.0,
        };
        let total_labels: Vec<String> = self.totals.iter().map(|t| locale.number(*t as f64, 0)).collect();
        let total_width = total_labels.iter().map(|t| text_width(t, LABEL_PX, true)).fold(0.0, f64::max);
        let max_total = self.totals.iter().copied().max().unwrap_or(0) as f64;
        let scale = Scale::covering_values(0.0, max_total, true);
        let area = Rect {
            left: PAD + name_width,
            top,
            right: c.width() - PAD - total_width - 10.0,
            bottom: top + self.height(),
        };

        let tick_style = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Center, VPos::Top);
        for tick in scale.ticks() {
            let x = area.x(&scale, tick);
            if tick != 0.0 {
                c.line((x, area.top), (x, area.bottom), GRID);
            }
            c.text(&locale.number(tick, 0), (x, area.bottom + 8.0), tick_style);
        }

        let name_style = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Right, VPos::Center);
        let total_style = TextStyle::new(LABEL_PX, TEXT).bold().anchor(HPos::Left, VPos::Center);
        let above = TextStyle::new(LABEL_PX, TEXT).anchor(HPos::Left, VPos::Top);
        for (i, (name_top, mid)) in self.rows(top).into_iter().enumerate() {
            match &self.names {
                Names::Left(names) => {
                    c.text_in(&names[i], (area.left - 12.0, mid), name_style, &self.category_langs[i])
                }
                Names::Above(names) => {
                    for (k, line) in names[i].iter().enumerate() {
                        let at = (PAD, name_top + k as f64 * NAME_LINE);
                        c.text_in(line, at, above, &self.category_langs[i]);
                    }
                }
            }
            let mut acc = 0.0;
            for ((_, counts), fill) in self.columns.iter().zip(self.fills) {
                let n = counts[i];
                if n == 0 {
                    continue;
                }
                let (x0, x1) = (area.x(&scale, acc), area.x(&scale, acc + f64::from(n)));
                acc += f64::from(n);
                c.rect_fill((x0, mid - BAR / 2.0), (x1, mid + BAR / 2.0), *fill);
                let label = locale.number(f64::from(n), 0);
                let w = text_width(&label, LABEL_PX, true);
                if w + 8.0 <= x1 - x0 {
                    let cx = (x0 + x1) / 2.0;
                    if fill.hatch != Hatch::Solid {
                        c.rect((cx - w / 2.0 - 3.0, mid - 9.0), (cx + w / 2.0 + 3.0, mid + 9.0), fill.color);
                    }
                    let style = TextStyle::new(LABEL_PX, text_on(fill.color))
                        .bold()
                        .anchor(HPos::Center, VPos::Center);
                    c.text(&label, (cx, mid), style);
                }
            }
            c.text(&total_labels[i], (area.x(&scale, acc) + 6.0, mid), total_style);
        }
        c.line((area.left, area.top), (area.left, area.bottom), AXIS);
    }
}
