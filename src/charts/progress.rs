//! Progress charts: each activity's percentage complete at successive
//! updates, drawn as lines on a 0–100 % axis.

use super::describe::{self, PeriodKind};
use super::frame::{HEIGHT, WIDTH, title_lines};
use super::line::{self, LinePlot};
use super::numbers::Scale;
use super::prepare::Prepared;
use super::text::clean;
use super::words::words;
use super::{Chart, ProgressChart, assemble, table};

pub fn render(input: &ProgressChart) -> Chart {
    let locale = input.locale;
    let data = Prepared::new(&input.periods, &input.activities);
    let title = clean(&input.title);
    let format = |v: f64| locale.percent(v);
    let description = describe::trend(locale, &title, "", &data, PeriodKind::Day, &format);
    let mut table = table::by_series(locale, table::caption(&title, ""), &data, &format);
    table.caption_lang = input.title_lang.clone();
    let lines = title_lines(&title, WIDTH);
    let w = words(locale);
    let class = if data.any_data() { "chart-progress chart-line" } else { "chart-progress chart-empty" };
    let svg =
        assemble(&input.slug, &input.title, &input.title_lang, &description, class, WIDTH, HEIGHT, |c| {
            if !data.any_data() {
                line::draw_empty(c, &lines, &input.title_lang, w.no_data_yet);
                return;
            }
            let (lo, hi) = data.observed().fold((0.0f64, 100.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
            let scale = if lo >= 0.0 && hi <= 100.0 {
                Scale::with_step(0.0, 100.0, 25.0)
            } else {
                Scale::covering(lo, hi)
            };
            let ticks = scale.ticks().into_iter().map(|t| (t, locale.percent(t))).collect();
            let without = data.without_data();
            let note = if without.is_empty() {
                String::new()
            } else {
                format!("{}{}", w.no_data_for, without.join(", "))
            };
            let plot = LinePlot {
                title_lines: &lines,
                title_lang: &input.title_lang,
                unit: "",
                unit_lang: "",
                scale,
                ticks,
                note,
            };
            line::draw(c, &data, &plot);
        });
    Chart {
        slug: input.slug.clone(),
        title: input.title.clone(),
        title_lang: input.title_lang.clone(),
        description,
        svg,
        table,
    }
}
