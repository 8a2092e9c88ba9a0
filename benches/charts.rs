//! Renders N metric charts from a generated corpus and prints charts/second.
//! Run with `cargo bench --bench charts` (optionally `-- 500` for another N).

use briefing::charts::{ChartKind, MetricChart, Series, metric_chart};
use briefing::core::locale::Locale;
use std::hint::black_box;
use std::time::Instant;

/// A small deterministic generator (64-bit LCG), so every run renders the same corpus.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn corpus(n: usize) -> Vec<MetricChart> {
    const PARTIES: [(&str, &str); 5] = [
        ("CA", "Canada"),
        ("US", "United States"),
        ("MX", "Mexico"),
        ("EU", "European Union"),
        ("UK", "United Kingdom"),
    ];
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| {
            let locale = if i % 2 == 0 { Locale::En } else { Locale::Fr };
            let kind = [ChartKind::Line, ChartKind::Bar, ChartKind::Stacked][i % 3];
            let periods = 1 + rng.below(24) as usize;
            let scale = 10f64.powi(rng.below(8) as i32);
            let series = (0..1 + rng.below(5) as usize)
                .map(|s| Series {
                    key: PARTIES[s].0.into(),
                    label: PARTIES[s].1.into(),
                    lang: String::new(),
                    values: (0..periods)
                        .map(|_| (rng.below(10) > 0).then(|| rng.below(1000) as f64 / 10.0 * scale))
                        .collect(),
                })
                .collect();
            MetricChart {
                slug: format!("metric-{i}"),
                title: format!("Metric number {i} reported by the working group"),
                title_lang: String::new(),
                unit: if i % 4 == 0 { String::new() } else { "kg".into() },
                unit_lang: String::new(),
                kind,
                periods: (0..periods)
                    .map(|p| locale.month_short(2020 + (p / 12) as i16, (p % 12 + 1) as i8))
                    .collect(),
                series,
                avoid: Vec::new(),
                locale,
            }
        })
        .collect()
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2000);
    let inputs = corpus(n);
    // Warm up: font registration and page faults out of the measurement.
    black_box(metric_chart(&inputs[0]));
    let start = Instant::now();
    let mut bytes = 0;
    for input in &inputs {
        bytes += black_box(metric_chart(input)).svg.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "charts: rendered {n} metric charts in {secs:.3} s: {:.0} charts/second, {:.1} KiB SVG on average (one thread)",
        n as f64 / secs,
        bytes as f64 / n as f64 / 1024.0
    );
}
