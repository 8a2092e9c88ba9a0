//! Status charts: one horizontal bar per group, split into segments by
//! activity status (fixed colours, problem statuses hatched), each segment
//! labelled with its count when wide enough, with a legend and totals.

use super::canvas::{Canvas, TextStyle};
use super::describe;
use super::font::text_width;
use super::frame::{self, LABEL_PX, PAD, Rect, WIDTH, draw_legend, draw_title, legend_layout, title_lines};
use super::numbers::Scale;
use super::palette::{AXIS, Fill, GRID, Hatch, TEXT, status_fill, text_on};
use super::phrase::{self, Phrase};
use super::text::{clean, shorten};
use super::words::words;
use super::{Chart, Part, StatusChart, Title, assemble, table};
use plotters::style::text_anchor::{HPos, VPos};

const ROW: f64 = 44.0;
const BAR: f64 = 26.0;
const MAX_CATEGORY: f64 = 200.0;
const EMPTY_PANEL: f64 = 120.0;

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
    let table = table::status(locale, &given.parts, &categories, &category_langs, &columns);

    let lines = title_lines(&title, WIDTH);
    let title_bottom = PAD + lines.len() as f64 * 22.0 + 4.0;
    let entries: Vec<(String, String, Fill)> =
        columns.iter().zip(&fills).map(|((label, _), fill)| (label.clone(), String::new(), *fill)).collect();
    let (legend, legend_height) = if empty { (Vec::new(), 0.0) } else { legend_layout(&entries, WIDTH) };
    let top = title_bottom + legend_height + 4.0;
    let body = if empty { EMPTY_PANEL } else { categories.len() as f64 * ROW + 30.0 };
    let height = (top + body + PAD).ceil();
    let class = if empty { "chart-status chart-empty" } else { "chart-status" };
    let w = words(locale);
    let svg = assemble(&input.slug, &given.text, &given.lang, &description, class, WIDTH, height, |c| {
        draw_title(c, &lines);
        if empty {
            let area = Rect { left: PAD, top, right: WIDTH - PAD, bottom: top + EMPTY_PANEL };
            frame::draw_no_data(c, area, w.no_data_yet);
            return;
        }
        draw_legend(c, &legend, title_bottom);
        let bars = Bars {
            locale,
            categories: &categories,
            category_langs: &category_langs,
            columns: &columns,
            fills: &fills,
            totals: &totals,
        };
        bars.draw(c, top);
    });
    given.chart(&input.slug, &sentence, svg, table)
}

struct Bars<'a> {
    locale: crate::core::locale::Locale,
    categories: &'a [String],
    category_langs: &'a [String],
    columns: &'a [(String, Vec<u32>)],
    fills: &'a [Fill],
    totals: &'a [u64],
}

impl Bars<'_> {
    fn draw(&self, c: &mut Canvas, top: f64) {
        let locale = self.locale;
        let names: Vec<String> =
            self.categories.iter().map(|n| shorten(n, MAX_CATEGORY, LABEL_PX, false)).collect();
        let name_width = names.iter().map(|n| text_width(n, LABEL_PX, false)).fold(0.0, f64::max);
        let total_labels: Vec<String> = self.totals.iter().map(|t| locale.number(*t as f64, 0)).collect();
        let total_width = total_labels.iter().map(|t| text_width(t, LABEL_PX, true)).fold(0.0, f64::max);
        let max_total = self.totals.iter().copied().max().unwrap_or(0) as f64;
        let mut scale = Scale::covering(0.0, max_total);
        if scale.step < 1.0 {
            scale = Scale::with_step(0.0, max_total, 1.0);
        }
        let area = Rect {
            left: PAD + name_width + 12.0,
            top,
            right: WIDTH - PAD - total_width - 10.0,
            bottom: top + self.categories.len() as f64 * ROW,
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
        for (i, name) in names.iter().enumerate() {
            let mid = top + (i as f64 + 0.5) * ROW;
            c.text_in(name, (area.left - 12.0, mid), name_style, &self.category_langs[i]);
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
