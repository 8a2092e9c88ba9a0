//! Tests of the public chart functions: every kind, the edge cases of
//! issue 3, determinism, French output, and SVG snapshots (insta).

use super::*;

fn s(key: &str, label: &str, values: &[Option<f64>]) -> Series {
    Series { key: key.into(), label: label.into(), lang: String::new(), values: values.to_vec() }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|p| p.to_string()).collect()
}

fn fentanyl(kind: ChartKind, locale: Locale) -> MetricChart {
    let periods = match locale {
        Locale::En => strings(&["March 2021", "April 2021"]),
        Locale::Fr => strings(&["mars 2021", "avril 2021"]),
    };
    MetricChart {
        slug: "border-security-seizures".into(),
        title: "Fentanyl seized at ports of entry".into(),
        title_lang: String::new(),
        unit: "kg".into(),
        unit_lang: String::new(),
        kind,
        periods,
        series: vec![
            s("CA", "Canada", &[Some(11.0), Some(12.5)]),
            s("US", "United States", &[Some(290.5), Some(310.0)]),
        ],
        avoid: Vec::new(),
        locale,
    }
}

fn quarterly(kind: ChartKind) -> MetricChart {
    MetricChart {
        slug: "joint-operations".into(),
        title: "Joint operations conducted".into(),
        title_lang: String::new(),
        unit: "operations".into(),
        unit_lang: String::new(),
        kind,
        periods: strings(&["Q1 2021", "Q2 2021", "Q3 2021", "Q4 2021", "Q1 2022", "Q2 2022"]),
        series: vec![
            s("CA", "Canada", &[Some(12.0), Some(15.0), Some(14.0), Some(18.0), Some(21.0), Some(19.0)]),
            s(
                "US",
                "United States",
                &[Some(20.0), Some(22.0), Some(25.0), Some(24.0), Some(27.0), Some(30.0)],
            ),
            s("MX", "Mexico", &[Some(5.0), Some(7.0), Some(6.0), Some(9.0), Some(8.0), Some(11.0)]),
        ],
        avoid: Vec::new(),
        locale: Locale::En,
    }
}

fn status_input(locale: Locale) -> StatusChart {
    let labels = match locale {
        Locale::En => ["Done", "In progress", "Planned", "At risk", "Blocked"],
        Locale::Fr => ["Terminé", "En cours", "Prévu", "À risque", "Bloqué"],
    };
    let keys = ["done", "in-progress", "planned", "at-risk", "blocked"];
    let counts = [[4, 1, 0], [3, 2, 1], [2, 0, 3], [1, 1, 0], [0, 1, 1]];
    StatusChart {
        slug: "activity-status".into(),
        title: "Activity status by working group".into(),
        title_lang: String::new(),
        title_parts: Vec::new(),
        categories: strings(&["Border security", "Fentanyl", "Trade facilitation"]),
        category_heading: String::new(),
        category_langs: Vec::new(),
        statuses: keys
            .iter()
            .zip(labels)
            .zip(counts)
            .map(|((key, label), counts)| StatusCount {
                key: key.to_string(),
                label: label.to_string(),
                counts: counts.to_vec(),
                color: None,
            })
            .collect(),
        locale,
    }
}

fn progress_input() -> ProgressChart {
    ProgressChart {
        slug: "activity-progress".into(),
        title: "Progress of priority activities".into(),
        title_lang: String::new(),
        title_parts: Vec::new(),
        periods: strings(&["May 26, 2021", "Jun 9, 2021", "Jun 23, 2021", "Jul 7, 2021"]),
        activities: vec![
            s("a1", "Joint risk assessment", &[Some(20.0), Some(35.0), Some(45.0), Some(60.0)]),
            s("a2", "Data-sharing agreement", &[Some(0.0), Some(10.0), None, Some(30.0)]),
            s("a3", "Port scanner pilot", &[Some(100.0), Some(100.0), Some(100.0), Some(100.0)]),
        ],
        locale: Locale::En,
    }
}

/// Snapshot named without the module path, so the files read well.
fn snapshot(name: &str, svg: &str) {
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, svg);
    });
}

/// Both drawings are each one well-formed `<svg>` root with the
/// accessibility hooks, and ids of their own.
fn assert_accessible(chart: &Chart) {
    let wide = svg_post::id_base(&chart.slug);
    let narrow = svg_post::id_base(&narrow_slug(&chart.slug));
    assert_ne!(wide, narrow);
    for (svg, id, width) in [(&chart.svg, wide, 720), (&chart.svg_narrow, narrow, 320)] {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
        assert!(svg.contains(&format!(" width=\"{width}\" ")), "{}", &svg[..200.min(svg.len())]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
        assert!(svg.contains(&format!("<title id=\"{id}-title\"")));
        assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")));
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(!svg.contains("font-family=\"Noto Sans\""));
        if svg.contains("<text") {
            assert!(svg.contains("font-family=\"&apos;Noto Sans&apos;, sans-serif\""));
        }
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(!svg.contains("<pattern"), "textures are drawn as vector marks");
        // No text smaller than 12 px: at the narrow drawing's 320 px shown in
        // 294 CSS px or more, that is 11 CSS px or more.
        for size in svg.split(" font-size=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
            let size: f64 = size.parse().expect("a number");
            assert!(size >= 12.0, "font-size {size}");
        }
    }
}

fn polylines_with_stroke<'a>(svg: &'a str, color: &str) -> Vec<&'a str> {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains(&format!("stroke=\"{color}\"")))
        .filter(|l| l.contains("stroke-width=\"2\""))
        .collect()
}

#[test]
fn line_chart_describes_and_tabulates() {
    let chart = metric_chart(&fentanyl(ChartKind::Line, Locale::En));
    assert_accessible(&chart);
    assert_eq!(
        chart.description,
        "Fentanyl seized at ports of entry, kg, March 2021 to April 2021: \
         Canada rose from 11 to 12.5, United States rose from 290.5 to 310."
    );
    assert_eq!(chart.table.caption, "Fentanyl seized at ports of entry (kg)");
    assert_eq!(chart.table.headers, strings(&["Period", "Canada", "United States"]));
    assert_eq!(chart.table.rows[1], strings(&["April 2021", "12.5", "310"]), "no padded decimals");
    assert!(chart.svg.contains("width=\"720\""));
    // Canada (~12) and the United States (~300) are more than 10× apart:
    // each gets a panel headed by its name, on an axis of its own.
    assert!(chart.svg.contains(">\nCanada\n</text>"), "panel heading");
    assert!(chart.svg.contains(">\nUnited States\n</text>"), "panel heading");
    assert!(chart.svg.contains(">\n12.5\n</text>"), "Canada's own axis reaches 12.5");
    assert!(chart.svg.contains(">\n400\n</text>"), "the United States' axis reaches 400");
    assert!(chart.svg.contains("stroke-dasharray=\"8 4\""), "second series dashed");
    assert_eq!(polylines_with_stroke(&chart.svg, "#332288").len(), 2, "Canada's line and its key");
    assert_eq!(chart.svg.matches("<circle").count(), 3, "2 points + key");
    let panels = |input: &MetricChart, kind| {
        super::metric::panels(&super::prepare::Prepared::new(&input.periods, &input.series), kind).len()
    };
    let fentanyl = fentanyl(ChartKind::Line, Locale::En);
    assert_eq!(panels(&fentanyl, ChartKind::Line), 2);
    assert_eq!(panels(&fentanyl, ChartKind::Bar), 2);
    assert_eq!(panels(&fentanyl, ChartKind::Stacked), 1, "a stack is a sum: one axis");
    assert_eq!(panels(&quarterly(ChartKind::Line), ChartKind::Line), 1, "within 10×: one axis");
    let mut zeros = fentanyl.clone();
    zeros.series[0].values = vec![Some(0.0), Some(0.0)];
    assert_eq!(panels(&zeros, ChartKind::Line), 1, "zeros are true on a shared axis");
    snapshot("line", &chart.svg);
    snapshot("line_narrow", &chart.svg_narrow);
}

#[test]
fn french_description_and_table() {
    let chart = metric_chart(&fentanyl(ChartKind::Line, Locale::Fr));
    assert_eq!(
        chart.description,
        "Fentanyl seized at ports of entry, kg, de mars 2021 à avril 2021\u{a0}: \
         Canada a augmenté de 11 à 12,5, United States a augmenté de 290,5 à 310."
    );
    assert_eq!(chart.table.headers[0], "Période");
    assert_eq!(chart.table.rows[0], strings(&["mars 2021", "11", "290,5"]));
    snapshot("line_fr", &chart.svg);
}

#[test]
fn bar_chart_labels_every_bar() {
    let chart = metric_chart(&quarterly(ChartKind::Bar));
    assert_accessible(&chart);
    for value in ["12", "30", "11"] {
        assert!(chart.svg.contains(&format!(">\n{value}\n</text>")), "{value}");
    }
    // Textures are vector marks, never a `<pattern>` fill (which prints
    // rasterised): the second party's bars are dotted in a lighter ink.
    assert!(!chart.svg.contains("<pattern"), "no pattern fills");
    assert!(chart.svg.contains("fill=\"#AA3377\""), "second party's colour");
    assert!(chart.svg.contains("<circle cx="), "dots drawn as circles");
    // No party is drawn in a status colour.
    for (_, status) in palette::STATUS {
        assert!(!chart.svg.contains(&status.hex()), "{}", status.hex());
    }
    assert!(chart.svg.contains(">\nMexico\n</text>"), "legend");
    snapshot("bar", &chart.svg);
    snapshot("bar_narrow", &chart.svg_narrow);
}

#[test]
fn stacked_chart_has_legend_and_totals() {
    let chart = metric_chart(&quarterly(ChartKind::Stacked));
    assert_accessible(&chart);
    assert!(chart.svg.contains(">\nUnited States\n</text>"));
    assert!(chart.svg.contains(">\n60\n</text>"), "total of Q2 2022");
    snapshot("stacked", &chart.svg);
}

#[test]
fn status_chart_counts_by_group() {
    let chart = status_chart(&status_input(Locale::En));
    assert_accessible(&chart);
    assert_eq!(
        chart.description,
        "Activity status by working group: Border security — done: 4, in progress: 3, \
         planned: 2, at risk: 1; Fentanyl — done: 1, in progress: 2, at risk: 1, blocked: 1; \
         Trade facilitation — in progress: 1, planned: 3, blocked: 1."
    );
    assert_eq!(
        chart.table.headers,
        strings(&["Group", "Done", "In progress", "Planned", "At risk", "Blocked"])
    );
    assert_eq!(chart.table.rows[2], strings(&["Trade facilitation", "0", "1", "3", "0", "1"]));
    let height = 16.0 + 22.0 + 4.0 + 26.0 + 4.0 + 3.0 * 44.0 + 30.0 + 16.0;
    assert!(chart.svg.contains(&format!("height=\"{height}\"")), "{}", &chart.svg[..200]);
    assert!(chart.svg.contains("fill=\"#009E73\""), "done is green");
    assert!(chart.svg.contains("fill=\"#767676\""), "planned is grey");
    assert!(!chart.svg.contains("<pattern"), "textures are vector lines");
    assert!(chart.svg.contains("stroke=\"#E1BD99\""), "at risk's diagonal lines");
    assert!(chart.svg.contains(">\nAt risk\n</text>"), "legend");
    snapshot("status", &chart.svg);
    snapshot("status_narrow", &chart.svg_narrow);
}

#[test]
fn status_chart_in_french() {
    let chart = status_chart(&status_input(Locale::Fr));
    assert!(chart.description.starts_with(
        "Activity status by working group\u{a0}: Border security — terminé\u{a0}: 4, en cours\u{a0}: 3"
    ));
    assert!(chart.description.contains("\u{202f}; Fentanyl — "));
    assert_eq!(chart.table.headers[0], "Groupe");
}

#[test]
fn progress_chart_uses_percentages() {
    let chart = progress_chart(&progress_input());
    assert_accessible(&chart);
    assert_eq!(
        chart.description,
        "Progress of priority activities, May 26, 2021 to Jul 7, 2021: Joint risk assessment \
         rose from 20% to 60%, Data-sharing agreement rose from 0% to 30%, Port scanner pilot \
         held steady at 100%."
    );
    assert_eq!(
        chart.table.headers,
        strings(&["Activity", "May 26, 2021", "Jun 9, 2021", "Jun 23, 2021", "Jul 7, 2021"])
    );
    assert_eq!(chart.table.rows[1], strings(&["Data-sharing agreement", "0%", "10%", "—", "30%"]));
    // Each activity's latest value, and the one before it, written out.
    for text in ["0%", "50%", "100%", "60%", "30%", "was 10%", "Latest update", "Previous update"] {
        assert!(chart.svg.contains(&format!(">\n{text}\n</text>")), "{text}");
    }
    for title in ["Joint risk assessment", "Data-sharing agreement", "Port scanner pilot"] {
        assert!(chart.svg.contains(&format!(">\n{title}\n</text>")), "{title} in full");
        assert!(chart.svg_narrow.contains(&format!(">\n{title}\n</text>")), "{title} in full");
    }
    assert!(chart.svg.contains("width=\"720\""));
    assert!(chart.svg_narrow.contains("width=\"320\""));
    snapshot("progress", &chart.svg);
    snapshot("progress_narrow", &chart.svg_narrow);
}

#[test]
fn one_data_point() {
    let mut input = fentanyl(ChartKind::Line, Locale::En);
    input.periods.truncate(1);
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    assert_eq!(
        chart.description,
        "Fentanyl seized at ports of entry, kg, March 2021: Canada was 11 in March 2021, \
         United States was 290.5 in March 2021."
    );
    assert_eq!(polylines_with_stroke(&chart.svg, "#332288").len(), 1, "one point: only the key's line");
    assert_eq!(chart.table.rows.len(), 1);
    snapshot("one_point", &chart.svg);
    for kind in [ChartKind::Bar, ChartKind::Stacked] {
        input.kind = kind;
        assert_accessible(&metric_chart(&input));
    }
}

#[test]
fn a_missing_period_is_a_gap_not_a_zero() {
    let mut input = quarterly(ChartKind::Line);
    input.series[0].values[2] = None;
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    // Canada's line is split in two around Q3 2021.
    assert_eq!(polylines_with_stroke(&chart.svg, "#332288").len(), 2);
    // 5 observed points plus the marker beside the direct label.
    assert_eq!(chart.svg.matches("<circle").count(), 6);
    assert_eq!(chart.table.rows[2][1], "—");
    snapshot("gap", &chart.svg);

    input.kind = ChartKind::Bar;
    let bars = metric_chart(&input);
    assert!(bars.svg.contains(">\n—\n</text>"), "missing bar marked, not drawn as 0");
}

#[test]
fn zero_and_negative_values() {
    let input = MetricChart {
        slug: "net-balance".into(),
        title: "Net balance".into(),
        title_lang: String::new(),
        unit: "CAD millions".into(),
        unit_lang: String::new(),
        kind: ChartKind::Bar,
        periods: strings(&["2019", "2020", "2021", "2022"]),
        series: vec![
            s("a", "Exports", &[Some(0.0), Some(-12.5), Some(8.0), Some(-3.0)]),
            s("b", "Imports", &[Some(4.0), Some(0.0), Some(-6.5), Some(2.0)]),
        ],
        avoid: Vec::new(),
        locale: Locale::En,
    };
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    assert!(chart.svg.contains(">\n\u{2212}15\n</text>"), "axis goes below zero");
    assert!(chart.svg.contains(">\n0\n</text>"), "zero bar labelled");
    assert!(chart.svg.contains(">\n\u{2212}12.5\n</text>"), "negative bar labelled");
    assert!(chart.description.contains("Exports fell from 0 to \u{2212}3"), "{}", chart.description);
    snapshot("negative_bar", &chart.svg);
    let line = metric_chart(&MetricChart { kind: ChartKind::Line, ..input.clone() });
    assert_accessible(&line);
    snapshot("negative_line", &line.svg);
    let stacked = metric_chart(&MetricChart { kind: ChartKind::Stacked, ..input });
    assert_accessible(&stacked);
}

#[test]
fn very_large_numbers() {
    let input = MetricChart {
        slug: "trade-value".into(),
        title: "Value of cross-border trade".into(),
        title_lang: String::new(),
        unit: "USD".into(),
        unit_lang: String::new(),
        kind: ChartKind::Bar,
        periods: strings(&["2020", "2021"]),
        series: vec![s("t", "Trade", &[Some(1_234_567_890.0), Some(2_500_000_000.0)])],
        avoid: Vec::new(),
        locale: Locale::En,
    };
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    assert!(chart.svg.contains(">\n2.5\u{a0}B\n</text>"), "short-scale bar label");
    assert!(chart.svg.contains(">\n0.5\u{a0}B\n</text>"), "short-scale axis label");
    assert_eq!(chart.table.rows[0][1], "1,234,567,890");
    snapshot("large_numbers", &chart.svg);

    let millions = metric_chart(&MetricChart {
        kind: ChartKind::Line,
        avoid: Vec::new(),
        locale: Locale::Fr,
        series: vec![s("t", "Trade", &[Some(1_200_000.0), Some(1_650_000.0)])],
        ..input.clone()
    });
    assert!(millions.svg.contains(">\n1,5\u{a0}M\n</text>"), "{}", millions.svg);

    let extreme = metric_chart(&MetricChart {
        series: vec![s("t", "Trade", &[Some(f64::MAX), Some(-f64::MAX)])],
        ..input
    });
    assert_accessible(&extreme);
}

#[test]
fn long_titles_are_wrapped_but_kept_whole_in_title() {
    let title = "Fentanyl, precursor chemicals and related synthetic drug materials seized at \
                 land, air and marine ports of entry by the border services of each party, \
                 including joint operations and referrals from postal and courier streams";
    assert!(title.len() >= 200);
    let mut input = fentanyl(ChartKind::Line, Locale::En);
    input.title = title.into();
    input.periods = strings(&[
        "Reporting period ending March 31, 2021 (provisional)",
        "Reporting period ending April 30, 2021 (provisional)",
    ]);
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    assert!(chart.svg.contains(&format!(">{title}</title>")));
    // Nothing is cut: the title and the period labels wrap over lines, in
    // both drawings.
    for svg in [&chart.svg, &chart.svg_narrow] {
        let cut: Vec<&str> = svg.lines().filter(|l| l.contains('…')).collect();
        assert!(cut.is_empty(), "shortened: {cut:?}");
        assert!(
            svg.contains(">\nreferrals from postal and courier streams\n</text>")
                || svg.contains("streams\n</text>")
        );
        assert!(svg.contains("(provisional)\n</text>"), "period labels whole");
    }
    snapshot("long_title", &chart.svg);
}

#[test]
fn a_party_with_no_data() {
    let mut input = quarterly(ChartKind::Line);
    input.series[2].values = vec![None; 6];
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    assert!(chart.description.ends_with(", no data for Mexico."));
    assert!(chart.svg.contains(">\nNo data: Mexico\n</text>"));
    assert!(chart.table.rows.iter().all(|row| row[3] == "—"));
    snapshot("party_without_data", &chart.svg);
    input.kind = ChartKind::Stacked;
    assert!(!metric_chart(&input).svg.contains(">\nMexico\n</text>"), "not in legend");
}

#[test]
fn no_observations_show_a_no_data_panel() {
    let mut input = fentanyl(ChartKind::Line, Locale::En);
    for series in &mut input.series {
        series.values = vec![None, Some(f64::NAN)];
    }
    let chart = metric_chart(&input);
    assert_accessible(&chart);
    assert!(chart.svg.contains(">\nNo data yet\n</text>"));
    assert!(!chart.svg.contains("<polyline"), "no axes");
    assert_eq!(
        chart.description,
        "Fentanyl seized at ports of entry, kg, March 2021 to April 2021: no data yet."
    );
    snapshot("no_data", &chart.svg);

    input.locale = Locale::Fr;
    input.kind = ChartKind::Bar;
    let chart = metric_chart(&input);
    assert!(chart.svg.contains(">\nAucune donnée pour l’instant\n</text>"));

    let empty = metric_chart(&MetricChart { periods: vec![], series: vec![], ..input });
    assert_accessible(&empty);
    assert!(empty.table.rows.is_empty());

    let status = status_chart(&StatusChart { categories: vec![], ..status_input(Locale::En) });
    assert_accessible(&status);
    assert!(status.svg.contains(">\nNo data yet\n</text>"));
    assert_eq!(status.description, "Activity status by working group: no data yet.");

    let progress = progress_chart(&ProgressChart { activities: vec![], ..progress_input() });
    assert_accessible(&progress);
    assert!(progress.svg.contains(">\nNo data yet\n</text>"));
}

#[test]
fn rendering_is_deterministic() {
    for kind in [ChartKind::Line, ChartKind::Bar, ChartKind::Stacked] {
        let a = metric_chart(&quarterly(kind));
        let b = metric_chart(&quarterly(kind));
        assert_eq!(a.svg, b.svg);
    }
    assert_eq!(status_chart(&status_input(Locale::En)).svg, status_chart(&status_input(Locale::En)).svg);
    assert_eq!(progress_chart(&progress_input()).svg, progress_chart(&progress_input()).svg);
}

#[test]
fn hostile_input_never_panics() {
    let markup = "<script>&\"'\u{0}\u{1b}";
    let many: Vec<String> = (0..200).map(|i| format!("P{i}")).collect();
    let values: Vec<Option<f64>> = (0..200)
        .map(|i| match i % 7 {
            0 => None,
            1 => Some(f64::NAN),
            2 => Some(f64::NEG_INFINITY),
            _ => Some(i as f64 * 1e6 - 5e7),
        })
        .collect();
    let series: Vec<Series> = (0..12).map(|i| s(&format!("k{}", i % 9), markup, &values)).collect();
    for kind in [ChartKind::Line, ChartKind::Bar, ChartKind::Stacked] {
        let chart = metric_chart(&MetricChart {
            slug: "a b/<c>".into(),
            title: markup.repeat(30),
            title_lang: String::new(),
            unit: markup.into(),
            unit_lang: String::new(),
            kind,
            periods: many.clone(),
            series: series.clone(),
            avoid: Vec::new(),
            locale: Locale::Fr,
        });
        assert_accessible(&chart);
        assert!(!chart.svg.contains("<script"));
        assert!(!chart.svg.contains('\u{0}'));
    }
    let status = status_chart(&StatusChart {
        slug: String::new(),
        title: String::new(),
        title_lang: String::new(),
        title_parts: Vec::new(),
        categories: vec![markup.into(); 3],
        category_heading: String::new(),
        category_langs: Vec::new(),
        statuses: vec![StatusCount {
            key: "unknown".into(),
            label: String::new(),
            counts: vec![u32::MAX, 1],
            color: None,
        }],
        locale: Locale::En,
    });
    assert_accessible(&status);
    let progress = progress_chart(&ProgressChart {
        slug: "p".into(),
        title: "p".into(),
        title_lang: String::new(),
        title_parts: Vec::new(),
        periods: vec!["only".into()],
        activities: vec![s("a", "A", &[Some(250.0), Some(-10.0)])],
        locale: Locale::En,
    });
    assert_accessible(&progress);
}

/// The `<text>` element that draws `label`, opening tag and text.
fn text_element<'a>(svg: &'a str, label: &str) -> &'a str {
    let end = svg.find(&format!(">\n{label}\n</text>")).expect("the label is drawn");
    &svg[svg[..end].rfind("<text ").expect("a text element")..end + 1]
}

#[test]
fn labels_in_another_language_carry_their_lang() {
    let mut input = fentanyl(ChartKind::Bar, Locale::Fr);
    input.title_lang = "en".into();
    input.series[1].lang = "en".into();
    let chart = metric_chart(&input);
    assert!(
        chart.svg.contains("-title\" lang=\"en\">Fentanyl seized at ports of entry</title>"),
        "{}",
        chart.svg
    );
    assert!(
        text_element(&chart.svg, "Fentanyl seized at ports of entry").contains(" lang=\"en\""),
        "drawn title"
    );
    let (canada, us) = (&input.series[0].label, &input.series[1].label);
    assert!(text_element(&chart.svg, us).contains(" lang=\"en\""), "legend: {}", chart.svg);
    assert!(!text_element(&chart.svg, canada).contains(" lang="), "a label in the chart's language");
    assert_eq!(chart.title_lang, "en");
    assert_eq!(chart.table.header_langs, vec!["", "", "en"]);
    assert_eq!(
        chart.table.caption_lang, "",
        "title in English, unit in the chart's language: no one language"
    );
    let line = metric_chart(&MetricChart { kind: ChartKind::Line, ..input.clone() });
    assert!(text_element(&line.svg, us).contains(" lang=\"en\""), "direct label: {}", line.svg);

    let mut status = status_input(Locale::Fr);
    status.category_langs = strings(&["", "en"]);
    let chart = status_chart(&status);
    assert!(text_element(&chart.svg, "Fentanyl").contains(" lang=\"en\""), "{}", chart.svg);
    assert!(!text_element(&chart.svg, "Border security").contains(" lang="));
    assert_eq!(chart.table.row_langs, vec!["", "en", ""], "a missing entry is the chart's language");

    let untouched = metric_chart(&fentanyl(ChartKind::Bar, Locale::Fr));
    assert!(!untouched.svg.contains(" lang="), "no lang without a fallback");
}

#[test]
fn a_title_that_mixes_languages_marks_its_parts() {
    let mut input = progress_input();
    input.title_parts = vec![Part::new("Port <b>Operations</b>", "en"), Part::new(" — Avancement", "")];
    input.activities[1].lang = "en".into();
    input.activities[1].values = vec![None; 4];
    let chart = progress_chart(&input);
    assert!(
        chart.svg.contains(
            ">\n<tspan lang=\"en\">Port &lt;b&gt;Operations&lt;/b&gt;</tspan> — Avancement\n</text>"
        ),
        "{}",
        chart.svg
    );
    assert!(chart.svg.contains("-title\">Port &lt;b&gt;Operations&lt;/b&gt; — Avancement</title>"));
    let label = &input.activities[1].label;
    assert!(chart.svg.contains(&format!(" lang=\"en\">\n{label}\n</text>")), "{}", chart.svg);
    assert!(chart.svg.contains(&format!("No data: <tspan lang=\"en\">{label}</tspan>\n")), "{}", chart.svg);
    assert_eq!(chart.title, "Port <b>Operations</b> — Avancement");
    assert_eq!(chart.title_lang, "");
    assert_eq!(chart.title_html, "<span lang=\"en\">Port &lt;b&gt;Operations&lt;/b&gt;</span> — Avancement");
    assert_eq!(chart.table.caption_html, chart.title_html);
    assert!(chart.description_html.contains(&format!("no data for <span lang=\"en\">{label}</span>")));
    assert!(!chart.description.contains("<span"), "the plain sentence: {}", chart.description);
}

#[test]
fn hostile_progress_never_panics_and_keeps_titles_whole() {
    let long = "Share best practices and approaches in surveillance of drug markets ".repeat(3);
    let activities: Vec<Series> = (0..30)
        .map(|i| {
            let values = vec![
                Some(-50.0),
                Some(f64::NAN),
                Some(i as f64 * 40.0),
                if i % 3 == 0 { None } else { Some(1e300) },
            ];
            s(&format!("a{i}"), &format!("{long}<&> {i}"), &values)
        })
        .collect();
    let chart = progress_chart(&ProgressChart { activities, ..progress_input() });
    assert_accessible(&chart);
    assert!(chart.svg.contains("<text"));
    // A title is wrapped over lines, not cut after its first words.
    assert!(
        chart.svg.contains(">\nShare best practices and approaches in surveillance of drug markets Share")
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            (-1e4f64..1e4).prop_map(Some),
            (0u32..20).prop_map(|v| Some(f64::from(v))),
            Just(Some(0.0)),
            Just(Some(1e12)),
            Just(Some(f64::NAN)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn any_series_draws_two_well_formed_drawings(
            rows in proptest::collection::vec(proptest::collection::vec(value(), 0..6), 0..5),
            kind in prop_oneof![Just(ChartKind::Line), Just(ChartKind::Bar), Just(ChartKind::Stacked)],
        ) {
            let periods: Vec<String> = (0..5).map(|p| format!("Q{p} 2021")).collect();
            let series: Vec<Series> =
                rows.iter().enumerate().map(|(i, v)| s(&format!("P{i}"), &format!("Party {i}"), v)).collect();
            let input = MetricChart {
                slug: "m".into(),
                title: "Metric".into(),
                title_lang: String::new(),
                unit: "kg".into(),
                unit_lang: String::new(),
                kind,
                periods: periods.clone(),
                series: series.clone(),
                avoid: Vec::new(),
                locale: Locale::En,
            };
            let chart = metric_chart(&input);
            assert_accessible(&chart);
            prop_assert_eq!(&chart.svg, &metric_chart(&input).svg);
            let progress = progress_chart(&ProgressChart { periods, activities: series, ..progress_input() });
            assert_accessible(&progress);
            // Counts get whole-number ticks, values no padded decimals.
            for row in &chart.table.rows {
                for cell in &row[1..] {
                    prop_assert!(!cell.ends_with(".00") && !cell.ends_with(".0"), "{}", cell);
                }
            }
        }
    }
}
