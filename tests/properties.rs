//! Property tests: the loaders and the Markdown stage never panic, whatever
//! the input (random text, random YAML-like structure, random Markdown).

use briefing::load::diagnose_text;
use briefing::render::markdown;
use proptest::prelude::*;

const PATHS: &[&str] = &[
    "site.yaml",
    "groups/health.yaml",
    "updates/2021-05-26/health.yaml",
    "meetings/2021-05-26.md",
    "meetings/2021-05-26.fr.md",
    "pages/about.md",
];

/// Text made of YAML's own punctuation and keywords, to reach deep into the parser.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("  ".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(", ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("---\n".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("#".to_string()),
        Just("|\n".to_string()),
        prop::sample::select(vec![
            "name",
            "mandate",
            "title",
            "date",
            "status",
            "progress",
            "activities",
            "metrics",
            "en",
            "fr",
            "id",
            "due",
            "2021-02-30",
            "2021-05-26",
            "in-progress",
            "140",
            "-1",
            "1e400",
            "~",
            "null",
            "true",
            "CA",
            "US",
            "period",
            "actions",
            "decisions",
        ])
        .prop_map(str::to_string),
        "[a-zé0-9 ]{0,8}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn loaders_never_panic_on_random_text(text in any::<String>(), which in 0..PATHS.len()) {
        let _ = diagnose_text(PATHS[which], &text);
    }

    #[test]
    fn loaders_never_panic_on_yaml_like_text(text in yamlish(), which in 0..PATHS.len()) {
        let diags = diagnose_text(PATHS[which], &text);
        for d in diags {
            prop_assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        }
    }

    #[test]
    fn front_matter_files_never_panic(yaml in yamlish(), body in any::<String>(), which in 3..PATHS.len()) {
        let text = format!("---\n{yaml}\n---\n{body}");
        let _ = diagnose_text(PATHS[which], &text);
    }

    #[test]
    fn markdown_never_panics_and_never_lets_a_script_through(body in "(\\PC|<script>|</script>|<img onerror=x>|\\[a\\]\\(javascript:x\\)|#|\\||-|\\n){0,200}") {
        let r = markdown::render(&body, &|_| None);
        let lower = r.html.to_lowercase();
        // Inside tags only: escaped text may say anything.
        for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
            prop_assert!(!tag.starts_with("script"), "<{tag}>");
            prop_assert!(!tag.contains("javascript:"), "<{tag}>");
            prop_assert!(!tag.contains(" onerror="), "<{tag}>");
        }
    }
}

/// The harness the properties above run through does report mistakes: a
/// file of each kind with an unclosed bracket gets a placed diagnostic, so
/// "no panic" above is about a loader that really read the text.
#[test]
fn the_property_harness_reports_mistakes_in_every_kind_of_file() {
    for path in PATHS {
        let text = if path.ends_with(".md") { "---\ntitle: [\n---\nbody\n" } else { "title: [\n" };
        let diags = diagnose_text(path, text);
        assert!(!diags.is_empty(), "{path}: an unclosed bracket is reported");
        assert!(diags.iter().all(|d| d.line >= 1 && d.column >= 1), "{path}: {diags:?}");
    }
}
