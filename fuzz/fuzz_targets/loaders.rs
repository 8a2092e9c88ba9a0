//! Fuzzes the YAML and front-matter loaders: any bytes, read as each kind of
//! content file, must give diagnostics, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &[
    "site.yaml",
    "groups/health.yaml",
    "updates/2021-05-26/health.yaml",
    "meetings/2021-05-26.md",
    "pages/about.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    if let Ok(text) = std::str::from_utf8(rest) {
        let _ = briefing::load::diagnose_text(PATHS[which as usize % PATHS.len()], text);
    }
});
