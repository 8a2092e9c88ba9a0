//! The architecture's import rules, read from the source: every module's
//! `use crate::…` lines and `crate::x::` paths in code (and `super::` paths
//! that climb out of a module) are checked against what each module may
//! import, every top-level module included; only the command line and the
//! preview print (a macro or a write to standard output or error); render
//! touches no file. Every module's top doc comment says what it owns and
//! what it must not import.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The crate's top-level modules (a test checks that `src/` has no other),
/// and `schema::model`, the field lists the loaders and the schema
/// generator share, which is a stage of its own: the loaders import it, and
/// the generator (the rest of `schema`) imports the loaders.
const MODULES: &[&str] = &[
    "charts",
    "cli",
    "core",
    "derive",
    "diag",
    "html",
    "links",
    "load",
    "model",
    "pdf",
    "render",
    "scaffold",
    "schema",
    "schema::model",
    "serve",
    "signals",
    "site",
    "theme",
    "validate",
    "write",
    "yaml",
];

/// What each module must not import, and why (`*`: anything but `core`). A module not listed may
/// import any other (`site` runs the stages, `cli` and `serve` drive it).
const RULES: &[(&str, &[&str], &str)] = &[
    ("core", &["*"], "the shared vocabulary every stage imports imports nothing itself"),
    ("html", &["*"], "escaping is a leaf every stage may use"),
    ("diag", &["*"], "diagnostics are made by every stage: they import only the core"),
    ("model", &["*"], "the typed content is data: it imports only the core"),
    ("links", &["*"], "link paths are shared by load, validate and render: they import only the core"),
    ("signals", &["*"], "the process's stop signals import nothing of the crate"),
    (
        "schema::model",
        &[
            "yaml", "load", "schema", "render", "theme", "charts", "derive", "validate", "write", "site",
            "cli", "serve", "pdf",
        ],
        "the content's field lists are data the loaders read: they import only the model",
    ),
    (
        "schema",
        &["render", "theme", "charts", "derive", "validate", "write", "site", "cli", "serve", "pdf"],
        "the JSON Schemas are made from the field lists and the loaders' rules: nothing after loading",
    ),
    (
        "yaml",
        &["load", "render", "theme", "charts", "derive", "validate", "write", "site", "cli", "serve", "pdf"],
        "the YAML reader serves the loaders: neither them nor anything after loading",
    ),
    (
        "load",
        &[
            "schema", "render", "theme", "charts", "derive", "validate", "write", "site", "cli", "serve",
            "pdf",
        ],
        "load reads content: nothing of the later stages (of `schema`, only the field lists)",
    ),
    (
        "validate",
        &["load", "yaml", "render", "theme", "charts", "derive", "write", "site", "cli", "serve", "pdf"],
        "validate checks the typed model: nothing of loading nor of the later stages",
    ),
    (
        "derive",
        &["load", "yaml", "validate", "render", "theme", "charts", "write", "site", "cli", "serve", "pdf"],
        "derive computes the state from the typed model alone",
    ),
    (
        "charts",
        &["load", "yaml", "validate", "derive", "render", "theme", "write", "site", "cli", "serve", "pdf"],
        "the charts library draws what it is given",
    ),
    ("theme", &["load", "render", "site", "cli", "serve", "pdf"], "the theme is read by its own loader"),
    (
        "render",
        &["load", "yaml", "schema", "validate", "write", "site", "cli", "serve", "pdf"],
        "render shows the derived state: it reads no file, runs no loader and writes nothing",
    ),
    (
        "write",
        &["load", "yaml", "validate", "derive", "render", "theme", "charts", "site", "cli", "serve", "pdf"],
        "write puts bytes in the output folder: it knows nothing of what they are",
    ),
];

/// Imports of a module the rules forbid, allowed where the importing line
/// names only the items given, each with why.
const IMPORTS_ALLOWED: &[(&str, &str, &[&str], &str)] = &[(
    "render",
    "write",
    &["write::OutFile", "write::WriteError"],
    "a rendered file is the type the write stage takes, and a sink's failure is a write's: render names \
     these two types and calls nothing of write",
)];

/// The stage a file belongs to: its top-level module, or `schema::model`.
fn stage(path: &[String]) -> Option<String> {
    match path {
        [schema, model, ..] if schema == "schema" && model == "model" => Some("schema::model".to_string()),
        [top, ..] => Some(top.clone()),
        [] => None,
    }
}

#[test]
fn every_top_level_module_has_rules_or_drives_the_others() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unknown = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".rs");
        let skip = ["lib", "main", "scaffold_files"].contains(&stem);
        if !skip && !MODULES.contains(&stem) {
            unknown.push(name);
        }
    }
    assert!(unknown.is_empty(), "modules the import rules do not know: {unknown:?}");
}

/// The modules that talk to the user on standard output and error.
const PRINTERS: &[&str] = &["cli", "serve"];

/// Printing elsewhere, each with why.
const PRINTS_ALLOWED: &[(&str, &str, &str)] = &[(
    "src/write.rs",
    "waiting for another build",
    "a build blocked on another's lock says so while it waits, before any result can be returned",
)];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a source file: `src/render/view/group.rs` ->
/// `["render", "view", "group"]`, `src/theme/mod.rs` -> `["theme"]`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().skip(1).map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a line without its comment (a `//` outside a string).
fn code(line: &str) -> &str {
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '/' if !in_str && prev == '/' => return &line[..i - 1],
            _ => {}
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    line
}

/// The top-level modules a file's code names, with the line of each: from
/// `crate::x`, `crate::{x, y::z}` and `super::…::x` climbing to the root.
fn imports(text: &str, path: &[String]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    // Join the lines of code (comments dropped), keeping line numbers.
    let lines: Vec<&str> = text.lines().map(code).collect();
    let joined = lines.join("\n");
    let line_of = |at: usize| joined[..at].matches('\n').count() + 1;
    let bytes = joined.as_bytes();
    // A module's name; `schema::model` is a stage of its own.
    let ident_at = |at: usize| -> String {
        let name: String =
            joined[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name == "schema" && joined[at + name.len()..].starts_with("::model") {
            return "schema::model".to_string();
        }
        name
    };
    let skip_ws = |mut at: usize| {
        while at < bytes.len() && (bytes[at] as char).is_whitespace() {
            at += 1;
        }
        at
    };
    // `crate::`
    let mut from = 0;
    while let Some(i) = joined[from..].find("crate::") {
        let at = from + i;
        from = at + 7;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b'$')
        {
            continue;
        }
        let after = skip_ws(at + 7);
        if bytes.get(after) == Some(&b'{') {
            // A group: each item's first name, at depth one.
            let mut depth = 0;
            let mut item_start = true;
            let mut k = after;
            while k < bytes.len() {
                match bytes[k] {
                    b'{' => {
                        depth += 1;
                        if depth == 1 {
                            item_start = true;
                        }
                    }
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b',' if depth == 1 => item_start = true,
                    c if depth == 1 && item_start && (c.is_ascii_alphabetic() || c == b'_') => {
                        out.push((ident_at(k), line_of(k)));
                        item_start = false;
                    }
                    _ => {}
                }
                k += 1;
            }
        } else {
            out.push((ident_at(after), line_of(at)));
        }
    }
    // `super::super::x` that climbs to the crate's root.
    let mut from = 0;
    while let Some(i) = joined[from..].find("super::") {
        let at = from + i;
        from = at + 7;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':')
        {
            continue;
        }
        let mut k = at;
        let mut ups = 0;
        while joined[k..].starts_with("super::") {
            ups += 1;
            k += 7;
        }
        from = k;
        if ups >= path.len() {
            out.push((ident_at(k), line_of(at)));
        }
    }
    out.retain(|(m, _)| MODULES.contains(&m.as_str()));
    out
}

fn sources() -> Vec<(String, Vec<String>, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    all.into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            let text = std::fs::read_to_string(&p).unwrap();
            (rel.to_string_lossy().replace('\\', "/"), module_path(&rel), text)
        })
        .collect()
}

#[test]
fn modules_import_only_what_the_architecture_allows() {
    let rules: BTreeMap<&str, (&[&str], &str)> = RULES.iter().map(|(m, f, why)| (*m, (*f, *why))).collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (file, path, text) in sources() {
        let Some(top) = stage(&path) else { continue };
        let Some((forbidden, why)) = rules.get(top.as_str()) else { continue };
        let lines: Vec<&str> = text.lines().collect();
        for (m, line) in imports(&text, &path) {
            checked += 1;
            let all_but_core = forbidden.contains(&"*") && m != "core";
            let allowed = IMPORTS_ALLOWED.iter().any(|(from, to, items, _)| {
                let said = code(lines.get(line - 1).copied().unwrap_or(""));
                *from == top
                    && *to == m
                    && said.matches(&format!("{to}::")).count()
                        == items.iter().map(|i| said.matches(i).count()).sum::<usize>()
            });
            if m != top && (all_but_core || forbidden.contains(&m.as_str())) && !allowed {
                broken.push(format!("{file}:{line}: `{top}` imports `{m}`: {why}"));
            }
        }
    }
    assert!(checked > 100, "the imports were read ({checked})");
    assert!(broken.is_empty(), "imports the architecture forbids:\n{}", broken.join("\n"));
}

#[test]
fn only_the_command_line_and_the_preview_print() {
    let mut broken = Vec::new();
    for (file, path, text) in sources() {
        let top = path.first().map(String::as_str).unwrap_or("main");
        if PRINTERS.contains(&top) || file == "src/main.rs" {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let c = code(line);
            let prints =
                ["println!", "eprintln!", "print!", "eprint!", "dbg!", "say!", "tell!", "stderr(", "stdout("]
                    .iter()
                    .any(|m| {
                        // `Command::stderr(…)` sets a child's stream: not a print.
                        c.match_indices(m).any(|(i, _)| {
                            i == 0 || !is_ident(c.as_bytes()[i - 1]) && c.as_bytes()[i - 1] != b'.'
                        })
                    });
            let allowed = PRINTS_ALLOWED.iter().any(|(f, says, _)| *f == file && c.contains(says));
            if prints && !allowed {
                broken.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "only cli and serve print, to standard output or error (report through diagnostics instead):\n{}",
        broken.join("\n")
    );
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[test]
fn the_print_reader_finds_writes_to_standard_error() {
    for line in ["let _ = writeln!(std::io::stderr(), \"x\");", "let mut err = io::stdout().lock();"] {
        assert!(["stderr(", "stdout("].iter().any(|m| code(line).contains(m)), "{line}");
    }
    assert!(
        !code("e.use_stderr()").match_indices("stderr(").any(|(i, _)| !is_ident(b"e.use_stderr()"[i - 1]))
    );
}

/// Render touches no file: it is handed what it shows and hands over what
/// it makes (its tests may read the theme's files).
#[test]
fn render_touches_no_file() {
    let mut broken = Vec::new();
    for (file, _, text) in sources() {
        if !file.starts_with("src/render/") {
            continue;
        }
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let c = code(line);
            let touches = ["std::fs", "fs::", "File::", "OpenOptions", "std::{"].iter().any(|m| {
                c.match_indices(m).any(|(i, _)| {
                    (i == 0 || !is_ident(c.as_bytes()[i - 1]))
                        && (*m != "std::{" || c[i..].split('}').next().is_some_and(|g| g.contains("fs")))
                })
            });
            if touches {
                broken.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(broken.is_empty(), "render reads or writes a file:\n{}", broken.join("\n"));
}

#[test]
fn every_module_says_what_it_owns_and_must_not_import() {
    let rules: BTreeMap<&str, &[&str]> = RULES.iter().map(|(m, f, _)| (*m, *f)).collect();
    let mut wrong = Vec::new();
    let mut read = 0;
    for (file, path, text) in sources() {
        if path.len() != 1 || file.ends_with("main.rs") {
            continue;
        }
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| l.trim_start_matches("//!").trim())
            .collect::<Vec<_>>()
            .join(" ");
        if doc.is_empty() {
            wrong.push(format!("{file}: no top doc comment"));
            continue;
        }
        read += 1;
        match rules.get(path[0].as_str()) {
            Some(forbidden) if forbidden.contains(&"*") && !doc.contains("Imports only `core`") => {
                wrong.push(format!("{file}: the doc comment must say \"Imports only `core`\""));
            }
            Some(forbidden) if forbidden.contains(&"*") => {}
            Some(forbidden) => {
                let said = doc.split("Must not import").nth(1).unwrap_or("");
                let missing: Vec<_> =
                    forbidden.iter().filter(|m| !said.contains(&format!("`{m}`"))).collect();
                if !missing.is_empty() {
                    wrong.push(format!("{file}: \"Must not import\" does not name {missing:?}"));
                }
            }
            None => {}
        }
    }
    assert!(read > 10, "the modules were read ({read})");
    assert!(wrong.is_empty(), "module doc comments out of step with the rules:\n{}", wrong.join("\n"));
}

#[test]
fn the_reader_finds_what_it_must() {
    let path = vec!["render".to_string(), "view".to_string(), "group".to_string()];
    let text = "use crate::{core::Loc, load::text, yaml};\nuse crate::model::Site; // crate::serve\nfn f() { crate::links::x(); super::super::super::cli::run(); super::Builder; }\n";
    let found: Vec<(String, usize)> = imports(text, &path);
    let names: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(names, ["core", "load", "yaml", "model", "links", "cli"]);
    assert_eq!(found[3].1, 2);
    let found = imports("use crate::schema::model::PAGE;\nuse crate::{schema::to_json, signals};\n", &path);
    let names: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(names, ["schema::model", "schema", "signals"]);
}

/// The interface-string keys the code asks for by name (`l.s("key")`,
/// `l.fill("key", …)`, `own("key")`, a chart title's key), from its text.
fn asked_keys(text: &str) -> Vec<String> {
    let code: String = text.lines().map(code).collect::<Vec<_>>().join("\n");
    let mut keys = Vec::new();
    for call in [".s(", ".fill(", "own(", "group_title(l, g, "] {
        for (at, _) in code.match_indices(call) {
            let rest = code[at + call.len()..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else { continue };
            let key: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !key.is_empty() && rest[key.len()..].starts_with('"') {
                keys.push(key);
            }
        }
    }
    keys
}

#[test]
fn every_interface_text_the_code_asks_for_is_in_the_built_in_theme() {
    use briefing::model::{ActionStatus, RiskLevel, Status};
    let mut keys: Vec<String> = Vec::new();
    for (file, _, text) in sources() {
        if file.starts_with("src/render/") {
            let test_at = text.find("#[cfg(test)]").unwrap_or(text.len());
            keys.extend(asked_keys(&text[..test_at]));
        }
    }
    assert!(keys.len() > 20, "the keys were read: {keys:?}");
    // Keys made from the model's words.
    keys.extend(Status::KEYS.iter().map(|k| format!("status_{}", k.replace('-', "_"))));
    keys.extend(ActionStatus::KEYS.iter().map(|k| format!("action_{}", k.replace('-', "_"))));
    keys.extend(RiskLevel::KEYS.iter().map(|k| format!("risk_{k}")));
    keys.extend(briefing::schema::model::FORMATS.iter().map(|k| format!("format_{}", k.replace('-', "_"))));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for lang in ["en", "fr"] {
        let yaml = std::fs::read_to_string(root.join(format!("themes/default/i18n/{lang}.yaml"))).unwrap();
        let defined: Vec<&str> = yaml.lines().filter_map(|l| l.split_once(':').map(|(k, _)| k)).collect();
        let missing: Vec<&String> = keys.iter().filter(|k| !defined.contains(&k.as_str())).collect();
        assert!(missing.is_empty(), "themes/default/i18n/{lang}.yaml lacks {missing:?}");
    }
}

#[test]
fn the_key_reader_finds_keys_across_lines() {
    let text = "l.s(\"nav_book\"); l.fill(\n    \"change_from_to\",\n &[]); own(\"book_title\"); l.s(&key); x.fill(\"a\" // l.s(\"commented\")";
    assert_eq!(asked_keys(text), ["nav_book", "change_from_to", "a", "book_title"], "not a commented call");
}

/// Where rendering may read a Markdown body (the `body` field of a meeting,
/// a page or a translation): only where `view::RecordBuilder::body` renders
/// it (which records the read) and where a record's own view hands it its
/// record's, and where `view::Lookups` finds a body again to check a read.
/// A page of the whole site is kept by the preview while the parts of the
/// state it read are unchanged, keyed without their bodies
/// (`render/memo/content.rs`), so a body read anywhere else would leave
/// that page stale.
const BODY_READS: &[(&str, &str)] = &[
    ("src/render/view/mod.rs", "Some(t) => (&t.body, t.file.as_str()"),
    ("src/render/view/mod.rs", "(&m.file, &m.body, &m.translations)"),
    ("src/render/view/mod.rs", "(&p.file, &p.body, &p.translations)"),
    ("src/render/view/mod.rs", "(t.file.as_str(), &t.body)"),
    ("src/render/view/meeting.rs", "self.body(&m.file, &m.body, &m.translations)"),
    ("src/render/view/page.rs", "self.body(&p.file, &p.body, &p.translations)"),
];

#[test]
fn rendering_reads_a_body_only_where_the_read_is_recorded() {
    let mut found = Vec::new();
    let mut broken = Vec::new();
    for (file, _, text) in sources() {
        // The records' keys leave the bodies out, field by field.
        if !file.starts_with("src/render/") || file == "src/render/memo/content.rs" {
            continue;
        }
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let c = code(line);
            let reads = c.match_indices(".body").filter(|(i, m)| {
                let next = c[i + m.len()..].chars().next();
                !next.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == '(')
            });
            for _ in reads {
                match BODY_READS.iter().find(|(f, needle)| *f == file && c.contains(needle)) {
                    Some(allowed) => found.push(*allowed),
                    None => broken.push(format!("{file}:{}: {}", n + 1, line.trim())),
                }
            }
        }
    }
    assert!(broken.is_empty(), "a body read where the preview cannot see it:\n{}", broken.join("\n"));
    for allowed in BODY_READS {
        assert!(found.contains(allowed), "the allowed read {allowed:?} is no longer there: update the list");
    }
}
