//! The page the preview shows instead of the site while the content does
//! not build: every diagnostic with its place, message, hint and snippet,
//! as the terminal shows it. It reloads by itself once a save fixes it.

use crate::core::words::count;
use crate::diag::report;
use crate::diag::{Diagnostic, Severity, Sources};
use crate::html::escape_html;

/// The error page for a failed build: its diagnostics (quoting `sources`)
/// and the failure that is not about content, if any.
pub fn page(diags: &[Diagnostic], sources: &Sources, fatal: Option<&str>) -> String {
    // A failure that is not about content counts as an error too.
    let warnings = diags.iter().filter(|d| d.severity == Severity::Warning).count();
    let errors = diags.len() - warnings + usize::from(fatal.is_some());
    let mut body = String::new();
    if let Some(f) = fatal {
        body.push_str(&format!("<section class=\"error\"><h2>{}</h2></section>\n", escape_html(f)));
    }
    // Errors in full: they are what stops the build; warnings folded.
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        body.push_str(&section(d, &report::human(d, sources, false)));
    }
    if warnings > 0 {
        body.push_str(&format!("<details>\n<summary>{}</summary>\n", count(warnings, "warning", "warnings")));
        for d in diags.iter().filter(|d| d.severity == Severity::Warning) {
            body.push_str(&section(d, &report::human(d, sources, false)));
        }
        body.push_str("</details>\n");
    }
    let count = match (errors, warnings) {
        (e, 0) => count(e, "error", "errors"),
        (e, w) => format!("{}, {}", count(e, "error", "errors"), count(w, "warning", "warnings")),
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: {count} | briefing preview</title>
<style>
body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fff; color: #1a1a1a; }}
main {{ max-width: 64rem; margin: 0 auto; padding: 1.5rem; }}
h1 {{ font-size: 1.5rem; color: #8a1c1c; margin: 0 0 .25rem; }}
h2 {{ font-size: 1rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }}
section {{ border-left: .35rem solid #8a1c1c; padding: .5rem 1rem; margin: 1rem 0; background: #fdf3f3; }}
section.warning {{ border-color: #7a5b00; background: #fdf9ec; }}
summary {{ cursor: pointer; font-weight: bold; }}
pre {{ margin: 0; overflow-x: auto; font: 14px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre; }}
</style>
</head>
<body>
<main>
<h1>The site did not build</h1>
<p>{count}. Fix the file and save: this page reloads by itself. The output folder still holds the last good build.</p>
{body}</main>
</body>
</html>
"#
    )
}

fn section(d: &Diagnostic, report: &str) -> String {
    let class = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut head = format!("{}: {}", d.place(), d.message);
    if let Some(h) = &d.hint {
        head.push_str(&format!(" ({h})"));
    }
    format!(
        "<section class=\"{class}\">\n<h2>{}</h2>\n<pre>{}</pre>\n</section>\n",
        escape_html(&head),
        escape_html(report.trim_end())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Loc;

    #[test]
    fn the_page_shows_place_message_hint_and_snippet_escaped() {
        let mut sources = Sources::default();
        sources.insert("meetings/2021-05-26.md".into(), "---\ntitle: <script>x</script>\nstatus: opn\n---\n");
        let d = Diagnostic::error(
            "unknown-status",
            "meetings/2021-05-26.md",
            Loc::new(3, 9),
            "unknown status `opn`",
        )
        .with_hint("did you mean `open`?");
        let w =
            Diagnostic::warning("missing-translation", "meetings/2021-05-26.md", Loc::new(2, 1), "no `fr`");
        let html = page(&[w, d], &sources, None);
        assert!(
            html.contains("meetings/2021-05-26.md:3:9: unknown status `opn` (did you mean `open`?)"),
            "{html}"
        );
        assert!(html.contains("<pre>"), "{html}");
        assert!(html.contains("status: opn"), "the snippet is quoted: {html}");
        assert!(!html.contains("<script>"), "source text is escaped: {html}");
        assert!(html.contains("1 error, 1 warning"));
        let internal = page(&[], &Sources::default(), Some("internal error while rebuilding: x"));
        assert!(internal.contains("<title>Build failed: 1 error |"), "{internal}");
        assert!(internal.contains("internal error while rebuilding: x"), "{internal}");
        let (error_at, warning_at) = (html.find("unknown status").unwrap(), html.find("no `fr`").unwrap());
        assert!(
            error_at < warning_at && html[error_at..warning_at].contains("<details>"),
            "errors lead: {html}"
        );
    }
}
