//! Charts as PNG images (twice the SVG's size) for slides and e-mail,
//! rasterised in pure Rust by resvg with the embedded font: no system
//! library, no system fonts.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::font;

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(font::REGULAR.to_vec());
        db.load_font_data(font::BOLD.to_vec());
        db.set_sans_serif_family(font::FAMILY);
        usvg::Options { fontdb: Arc::new(db), ..usvg::Options::default() }
    })
}

/// The chart's SVG drawn at `scale` times its size on white, as PNG bytes;
/// `None` if the SVG cannot be read.
pub fn to_png(svg: &str, scale: f32) -> Option<Vec<u8>> {
    let tree = usvg::Tree::from_str(svg, options()).ok()?;
    let size = tree.size().to_int_size().scale_by(scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{ChartKind, MetricChart, Series, metric_chart};
    use crate::core::locale::Locale;

    #[test]
    fn a_chart_becomes_a_png_twice_its_size_the_same_every_time() {
        let chart = metric_chart(&MetricChart {
            slug: "g-m".into(),
            title: "Seizures".into(),
            title_lang: String::new(),
            unit: "kg".into(),
            unit_lang: String::new(),
            kind: ChartKind::Line,
            periods: vec!["Mar 2021".into(), "Apr 2021".into()],
            series: vec![Series {
                key: "CA".into(),
                label: "Canada".into(),
                lang: String::new(),
                values: vec![Some(11.0), Some(12.5)],
            }],
            avoid: Vec::new(),
            locale: Locale::En,
        });
        let png = to_png(&chart.svg, 2.0).expect("a PNG");
        assert_eq!(&png[1..4], b"PNG");
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(width, 1440, "720 px drawn at 2x");
        assert_eq!(to_png(&chart.svg, 2.0).unwrap(), png, "deterministic");
        assert!(to_png("<not svg", 2.0).is_none());
    }
}
