//! Progress charts: each activity's percentage complete at successive
//! updates, drawn as lines on a 0–100 % axis.

use super::describe::{self, PeriodKind};
use super::frame::{HEIGHT, WIDTH, title_lines};
use super::line::{self, LinePlot};
use super::numbers::Scale;
use super::phrase::{self, Phrase};
use super::prepare::Prepared;
use super::words::words;
use super::{Chart, Part, ProgressChart, Title, assemble, table};

pub fn render(input: &ProgressChart) -> Chart {
    let locale = input.locale;
    let data = Prepared::new(&input.periods, &input.activities);
    let given = Title::new(&input.title, &input.title_lang, &input.title_parts);
    let title = Phrase::cleaned(&given.parts);
    let format = |v: f64| locale.percent(v);
    let sentence = describe::trend(locale, &title.parts(), &Part::default(), &data, PeriodKind::Day, &format);
    let description = phrase::plain(&sentence);
    let table = table::by_series(locale, &given.parts, &Part::default(), &data, &format);
    let lines = title_lines(&title, WIDTH);
    let w = words(locale);
    let class = if data.any_data() { "chart-progress chart-line" } else { "chart-progress chart-empty" };
    let svg = assemble(&input.slug, &given.text, &given.lang, &description, class, WIDTH, HEIGHT, |c| {
        if !data.any_data() {
            line::draw_empty(c, &lines, w.no_data_yet);
            return;
        }
        let (lo, hi) = data.observed().fold((0.0f64, 100.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let scale = if lo >= 0.0 && hi <= 100.0 {
            Scale::with_step(0.0, 100.0, 25.0)
        } else {
            Scale::covering(lo, hi)
        };
        let ticks = scale.ticks().into_iter().map(|t| (t, locale.percent(t))).collect();
        let note = data.without_data_note(w.no_data_for);
        let plot = LinePlot { title_lines: &lines, unit: "", unit_lang: "", scale, ticks, note };
        line::draw(c, &data, &plot);
    });
    given.chart(&input.slug, &sentence, svg, table)
}
