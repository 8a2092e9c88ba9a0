//! Metric charts: a line, grouped-bar or stacked-bar chart of one metric's
//! series over reporting periods, with its sentence and data table.

use super::bar::{self, BarPlot};
use super::describe::{self, PeriodKind};
use super::frame::{self, HEIGHT, WIDTH, title_lines};
use super::line::{self, LinePlot};
use super::numbers::{AxisFormat, Scale, chart_decimals};
use super::palette::series_fill;
use super::phrase::{self, Phrase};
use super::prepare::Prepared;
use super::text::clean;
use super::words::words;
use super::{Chart, ChartKind, MetricChart, Part, Title, assemble, table};

pub fn render(input: &MetricChart) -> Chart {
    let locale = input.locale;
    let data = Prepared::new(&input.periods, &input.series);
    let given = Title::new(&input.title, &input.title_lang, &[]);
    let title = Phrase::cleaned(&given.parts);
    let unit = clean(&input.unit);
    let decimals = chart_decimals(data.observed());
    let format = |v: f64| locale.number(v, decimals);
    let unit_part = Part::new(unit.clone(), input.unit_lang.clone());
    let sentence = describe::trend(locale, &title.parts(), &unit_part, &data, PeriodKind::Span, &format);
    let description = phrase::plain(&sentence);
    // The caption "title (unit)" carries a language only when all of it is in that language.
    let table = table::by_period(locale, &given.parts, &unit_part, &data, &format);
    let lines = title_lines(&title, WIDTH);
    let w = words(locale);
    let class = match (input.kind, data.any_data()) {
        (_, false) => "chart-metric chart-empty",
        (ChartKind::Line, true) => "chart-metric chart-line",
        (ChartKind::Bar, true) => "chart-metric chart-bar",
        (ChartKind::Stacked, true) => "chart-metric chart-stacked",
    };
    let svg = assemble(&input.slug, &given.text, &given.lang, &description, class, WIDTH, HEIGHT, |c| {
        if !data.any_data() {
            line::draw_empty(c, &lines, w.no_data_yet);
            return;
        }
        let note = data.without_data_note(w.no_data_for);
        let stacked = input.kind == ChartKind::Stacked;
        let (lo, hi) = match input.kind {
            ChartKind::Line => data
                .observed()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(*v), hi.max(*v))),
            _ => bar::extent(&data, stacked),
        };
        let scale = Scale::covering(lo, hi);
        let axis = AxisFormat::new(locale, &scale);
        let ticks = scale.ticks().into_iter().map(|t| (t, axis.label(t))).collect();
        if input.kind == ChartKind::Line {
            let plot = LinePlot {
                title_lines: &lines,
                unit: &unit,
                unit_lang: &input.unit_lang,
                scale,
                ticks,
                note,
            };
            line::draw(c, &data, &plot);
        } else {
            let entries: Vec<(String, String, _)> = (0..data.labels.len())
                .filter(|&s| data.has_data(s))
                .map(|s| (data.labels[s].clone(), data.langs[s].clone(), series_fill(data.styles[s])))
                .collect();
            let (legend, legend_height) = frame::legend_layout(&entries, WIDTH);
            let plot = BarPlot {
                title_lines: &lines,
                unit: &unit,
                unit_lang: &input.unit_lang,
                legend: &legend,
                legend_height,
                scale,
                ticks,
                note,
                stacked,
                locale,
                decimals,
            };
            bar::draw(c, &data, &plot);
        }
    });
    given.chart(&input.slug, &sentence, svg, table)
}
