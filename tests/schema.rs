//! The JSON Schemas that `briefing schema` writes for editors: valid
//! draft-07, met by every file of the example and the valid fixtures, and
//! failed by the invalid fixtures whose mistake a schema can express.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;
use serde_json::{Value, json};

/// Every schema, compiled, by name (`group`).
fn validators() -> BTreeMap<String, jsonschema::Validator> {
    briefing::schema::all()
        .into_iter()
        .map(|(file, text)| {
            let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
            jsonschema::draft7::meta::validate(&schema)
                .unwrap_or_else(|e| panic!("{file}: not draft-07: {e}"));
            let name = file.trim_end_matches(".schema.json").to_string();
            (name, jsonschema::draft7::new(&schema).expect("schema compiles"))
        })
        .collect()
}

/// Every file of a content folder that a schema is for: (path, schema
/// name, errors from the schema).
fn validate_folder(content: &Path) -> Vec<(String, &'static str, Vec<String>)> {
    let validators = validators();
    let mut out = Vec::new();
    for entry in walkdir(content) {
        let rel = entry.strip_prefix(content).unwrap().to_string_lossy().replace('\\', "/");
        let Ok(text) = fs::read_to_string(&entry) else { continue };
        let Some((name, instance)) = briefing::schema::instance(&rel, &text) else { continue };
        let errors = validators[name]
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        out.push((rel, name, errors));
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("readable folder").flatten() {
            let p = e.path();
            if p.is_dir() { stack.push(p) } else { files.push(p) }
        }
    }
    files.sort();
    files
}

#[test]
fn every_schema_is_draft_07_with_titles_enums_and_patterns() {
    let all = briefing::schema::all();
    let names: Vec<&str> = all.iter().map(|(f, _)| f.as_str()).collect();
    for want in ["site", "group", "update", "meeting", "page"] {
        assert!(names.contains(&format!("{want}.schema.json").as_str()), "{names:?}");
    }
    assert_eq!(validators().len(), all.len());
    let update: Value =
        serde_json::from_str(&all.iter().find(|(f, _)| f == "update.schema.json").unwrap().1).unwrap();
    assert_eq!(update["$schema"], "http://json-schema.org/draft-07/schema#");
    let report = &update["properties"]["activities"]["additionalProperties"];
    assert_eq!(
        report["properties"]["status"]["enum"],
        json!(["planned", "in-progress", "at-risk", "blocked", "done"])
    );
    assert_eq!(report["required"], json!(["status"]));
    assert_eq!(report["properties"]["progress"]["maximum"], 100);
    assert!(report["properties"]["note"]["description"].as_str().unwrap().contains("Markdown"));
    let group: Value =
        serde_json::from_str(&all.iter().find(|(f, _)| f == "group.schema.json").unwrap().1).unwrap();
    let metric = &group["properties"]["metrics"]["items"];
    assert_eq!(metric["properties"]["chart"]["enum"], json!(["line", "bar", "stacked"]));
    assert_eq!(metric["additionalProperties"], false);
    assert!(group["properties"]["activities"]["items"]["properties"]["id"]["pattern"].is_string());
    assert_eq!(group["properties"]["name"]["title"], "name");
}

#[test]
fn every_file_of_the_example_and_the_valid_fixtures_meets_its_schema() {
    let mut kinds = std::collections::BTreeSet::new();
    let folders = [
        example_content(),
        fixture_content("reference"),
        fixture_content("minimal"),
        fixture_content("fallback"),
    ];
    for content in &folders {
        let results = validate_folder(content);
        let least = if *content == example_content() { 15 } else { 1 };
        assert!(results.len() >= least, "{}: too few files checked: {results:?}", content.display());
        for (file, name, errors) in &results {
            assert!(
                errors.is_empty(),
                "{}/{file} fails the {name} schema:\n{}",
                content.display(),
                errors.join("\n")
            );
            kinds.insert(*name);
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["group", "meeting", "page", "site", "translation", "update"],
        "every schema met by some file"
    );
}

#[test]
fn the_invalid_fixtures_a_schema_can_express_fail_it_in_the_file_check_names() {
    // The other cases are mistakes no schema sees: references between files,
    // real calendar dates, the site's languages, the file's name.
    for case in [
        "wrong-type",
        "unknown-key",
        "missing-field",
        "unknown-status",
        "invalid-value",
        "invalid-id",
        "bad-period",
        "out-of-range",
    ] {
        let content = invalid_content(case);
        let named: Vec<String> =
            parse_diags(&stdout(&check_json(&content, &[]))).into_iter().map(|d| d.file).collect();
        assert!(!named.is_empty(), "{case}: check reports nothing");
        let failing: Vec<_> =
            validate_folder(&content).into_iter().filter(|(_, _, e)| !e.is_empty()).collect();
        assert!(!failing.is_empty(), "{case}: every file meets its schema");
        for (file, _, errors) in &failing {
            assert!(
                named.contains(file),
                "{case}: the schema fails {file} ({errors:?}), check names {named:?}"
            );
        }
    }
}

/// Variants beyond the fixtures: one mistake at a time in the reference
/// fixture's files, at the top and in nested records, each failing.
#[test]
fn each_kind_of_mistake_anywhere_in_a_file_fails_its_schema() {
    let validators = validators();
    let group = fs::read_to_string(fixture_content("reference").join("groups/border-security.yaml")).unwrap();
    let cases: &[(&str, &str)] = &[
        ("site", "title: T\nparties: {CA: Canada}\ntitel: x\n"),
        ("site", "title: T\nparties: {ca: Canada}\n"),
        ("site", "title: T\nparties: {CA: Canada}\nlanguages: [EN]\n"),
        ("site", "title: T\nparties: {CA: Canada}\nprint: {paper: a5}\n"),
        ("site", "title: T\nparties: {CA: Canada}\nbase_url: javascript:alert(1)\n"),
        ("site", "title: {en: T, English: U}\nparties: {CA: Canada}\n"),
        ("site", "title: \"  \"\nparties: {CA: Canada}\n"),
        ("site", "parties: {CA: Canada}\n"),
        ("group", "name: N\nmandate: M\nchairs: [{party: CA, org: x}]\n"),
        ("group", "name: N\nmandate: M\nchairs: [{party: Canada}]\n"),
        ("group", "name: N\nmandate: M\nactivities: [{id: a, title: A, due: 31/12/2021}]\n"),
        ("group", "name: N\nmandate: M\nactivities: [{id: a, title: A, lead: CA}]\n"),
        ("group", "name: N\nmandate: M\nactivities: [{title: A}]\n"),
        ("group", "name: N\nmandate: M\nmetrics: [{id: m_1, title: M}]\n"),
        ("group", "name: N\nmandate: M\norder: first\n"),
        ("update", "activities: {a: {status: done, progress: 50.5}}\n"),
        ("update", "activities: {a: {progress: 50}}\n"),
        ("update", "activities: {A: {status: done}}\n"),
        ("update", "illustrative: yes please\n"),
        ("update", "metrics: {m: [{CA: 1}]}\n"),
        ("update", "metrics: {m: [{period: 2021-13, CA: 1}]}\n"),
        ("update", "metrics: {m: [{period: 2021-Q5, CA: 1}]}\n"),
        ("update", "metrics: {m: [{period: 2021-03, CA: lots}]}\n"),
        ("update", "risks: [{title: R, level: severe}]\n"),
        ("update", "risks: [{title: R}]\n"),
        ("update", "asks: {en: A}\n"),
        ("meeting", "title: T\ndate: 2021-05-26\nformat: in person\n"),
        ("meeting", "title: T\ndate: 26 May 2021\n"),
        ("meeting", "title: T\n"),
        ("meeting", "title: T\ndate: 2021-05-26\nactions: [{id: A1, owner: X, text: T, status: closed}]\n"),
        ("meeting", "title: T\ndate: 2021-05-26\nactions: [{id: A1, text: T}]\n"),
        ("meeting", "title: T\ndate: 2021-05-26\ndecisions: [{text: T, group: Border Security}]\n"),
        ("meeting", "title: T\ndate: 2021-05-26\nattendees: [{organization: X}]\n"),
        ("page", "title: T\ndraft: maybe\n"),
        ("page", "title: T\nslug: x\n"),
        ("translation", "title: T\ndate: 2021-05-26\n"),
    ];
    for (name, yaml) in cases {
        let node = briefing::yaml::parse(yaml).unwrap_or_else(|e| panic!("{yaml}: {e:?}"));
        let instance = briefing::schema::to_json(&node);
        assert!(!validators[*name].is_valid(&instance), "the {name} schema accepts:\n{yaml}");
    }
    // The same files written right pass, so each case fails for its mistake.
    for (name, yaml) in [
        (
            "site",
            "title: T\nparties: {CA: Canada, US-2: {en: U, fr: É}}\nlanguages: [en, fr]\nprint: {paper: a4}\nbase_url: https://example.org/b/\n",
        ),
        ("group", group.as_str()),
        (
            "update",
            "activities: {a: {status: done, progress: 50.0}}\nmetrics: {m: [{period: 2021, CA: 1}, {period: 2021-Q2, US: 2.5}, {period: 2021-03-01, CA: -1}]}\nrisks: [{title: R, level: high}]\nasks: [{en: A}]\n",
        ),
        (
            "meeting",
            "title: T\ndate: 2021-05-26\nformat: in-person\nactions: [{id: A1, owner: {en: X}, text: T, status: done, group: g-1}]\n",
        ),
        ("page", "title: 2021\norder: 3\ndraft: true\n"),
    ] {
        let instance = briefing::schema::to_json(&briefing::yaml::parse(yaml).unwrap());
        let errors: Vec<String> = validators[name].iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "the {name} schema refuses:\n{yaml}\n{errors:?}");
    }
}

#[test]
fn the_schema_command_writes_every_schema() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("editor/schemas");
    let o = run(&["schema", "--out", arg(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for (file, text) in briefing::schema::all() {
        assert_eq!(fs::read_to_string(dir.join(&file)).unwrap(), text, "{file}");
        assert!(stdout(&o).contains(&file), "{}", stdout(&o));
    }
    let blocked = tmp.path().join("file");
    fs::write(&blocked, "x").unwrap();
    let o = run(&["schema", "--out", arg(&blocked)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("cannot write the schemas"), "{}", stderr(&o));
}

/// A value of each kind, as the loader accepts it.
fn sample(v: &briefing::schema::model::Value) -> Value {
    use briefing::schema::model::Value as V;
    match v {
        V::Text => json!({"en": "Some text"}),
        V::Plain => json!("Some text"),
        V::Int => json!(3),
        V::IntIn(min, _) => json!(min),
        V::Bool => json!(true),
        V::Date => json!("2021-05-26"),
        V::Time => json!("14:00-16:00"),
        V::Id => json!("a-1"),
        V::ActionId => json!("A-2021-05-01"),
        V::Party => json!("CA"),
        V::Language => json!("en"),
        V::Url => json!("https://example.org/b/"),
        V::TimeZone => json!("America/Toronto"),
        V::JoinUrl => json!("https://meet.example.org/j/1"),
        V::Choice(words) => json!(words[words.len() - 1]),
        V::List(item) => json!([sample(item)]),
        V::Record(r) => record_sample(r),
        V::Map { key, value } => {
            let key = sample(key).as_str().unwrap().to_string();
            json!({ key: sample(value) })
        }
        V::Observation => json!({"period": "2021-03", "CA": 1.5}),
        // The first form (observations in YAML) needs no other file.
        V::OneOf(values) => sample(&values[0]),
    }
}

fn record_sample(r: &briefing::schema::model::Record) -> Value {
    Value::Object(r.fields.iter().map(|f| (f.key.to_string(), sample(&f.value))).collect())
}

/// Every field's place in a sample document, with whether it is required:
/// `["activities", 0, "id"]`.
fn field_paths(
    r: &briefing::schema::model::Record,
    doc: &Value,
    prefix: Vec<Value>,
    out: &mut Vec<(Vec<Value>, bool)>,
) {
    use briefing::schema::model::Value as V;
    for f in r.fields {
        let mut path = prefix.clone();
        path.push(json!(f.key));
        out.push((path.clone(), f.required));
        let inner = |v: &V| match v {
            V::Record(r) => Some(*r),
            _ => None,
        };
        let (nested, step) = match &f.value {
            V::Record(r) => (Some(*r), None),
            V::List(item) => (inner(item), Some(json!(0))),
            V::Map { value, .. } => {
                (inner(value), doc_at(doc, &path).as_object().and_then(|m| m.keys().next()).map(|k| json!(k)))
            }
            _ => (None, None),
        };
        if let Some(nested) = nested {
            let mut path = path.clone();
            path.extend(step);
            field_paths(nested, doc, path, out);
        }
    }
}

fn doc_at<'a>(doc: &'a Value, path: &[Value]) -> &'a Value {
    path.iter().fold(doc, |d, step| match step {
        Value::String(k) => &d[k.as_str()],
        Value::Number(i) => &d[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

fn doc_at_mut<'a>(doc: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(doc, |d, step| match step {
        Value::String(k) => &mut d[k.as_str()],
        Value::Number(i) => &mut d[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

/// The loader's diagnostics for `doc` written as a content file of `kind`,
/// beside a small site.yaml (JSON is YAML).
fn load_diags(kind: &str, doc: &Value) -> Vec<(String, String)> {
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path();
    let site = json!({"title": "T", "parties": {"CA": "Canada"}});
    let (path, text) = match kind {
        "site" => ("site.yaml", doc.to_string()),
        "group" => ("groups/g.yaml", doc.to_string()),
        "update" => ("updates/2021-05-26/g.yaml", doc.to_string()),
        "meeting" => ("meetings/2021-05-26.md", format!("---\n{doc}\n---\nThe record.\n")),
        "page" => ("pages/p.md", format!("---\n{doc}\n---\nThe page.\n")),
        _ => unreachable!(),
    };
    if kind != "site" {
        fs::write(root.join("site.yaml"), site.to_string()).unwrap();
    }
    fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
    fs::write(root.join(path), text).unwrap();
    let loaded = briefing::load::load(root);
    loaded
        .diags
        .iter()
        .filter(|d| d.severity == briefing::diag::Severity::Error && d.file == path)
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect()
}

/// The loader and the schemas come from one table: for every field of
/// every record, nested ones too, the loader and the schema agree that a
/// full sample is right, that leaving the field out is wrong exactly when it
/// is required, and that a value of the wrong shape is wrong.
#[test]
fn the_loader_and_the_schemas_agree_on_every_field() {
    let validators = validators();
    let mut checked = 0;
    for (kind, record) in briefing::schema::model::ALL.iter().filter(|(k, _)| *k != "translation") {
        let full = record_sample(record);
        assert_eq!(load_diags(kind, &full), vec![], "{kind}: the loader refuses the full sample {full}");
        assert!(validators[*kind].is_valid(&full), "{kind}: the schema refuses the full sample {full}");
        let mut paths = Vec::new();
        field_paths(record, &full, Vec::new(), &mut paths);
        for (path, required) in paths {
            let (parent, last) = path.split_at(path.len() - 1);
            let mut without = full.clone();
            doc_at_mut(&mut without, parent).as_object_mut().unwrap().remove(last[0].as_str().unwrap());
            let diags = load_diags(kind, &without);
            let missing = diags.iter().any(|(c, _)| c == "missing-field");
            assert_eq!(missing, required, "{kind} {path:?}: without it the loader says {diags:?}");
            assert_eq!(
                validators[*kind].is_valid(&without),
                !required,
                "{kind} {path:?}: the schema disagrees"
            );
            let mut wrong = full.clone();
            *doc_at_mut(&mut wrong, &path) = json!([[1]]);
            assert!(!load_diags(kind, &wrong).is_empty(), "{kind} {path:?}: the loader takes [[1]]");
            assert!(!validators[*kind].is_valid(&wrong), "{kind} {path:?}: the schema takes [[1]]");
            let mut unknown = full.clone();
            doc_at_mut(&mut unknown, parent).as_object_mut().unwrap().insert("zzz".into(), json!(1));
            let diags = load_diags(kind, &unknown);
            assert!(diags.iter().any(|(c, _)| c == "unknown-key"), "{kind} {parent:?}: {diags:?}");
            assert!(
                !validators[*kind].is_valid(&unknown),
                "{kind} {parent:?}: the schema takes an unknown key"
            );
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} fields checked");
}

/// The keys of the content reference's field table under `heading`.
fn doc_keys(doc: &str, heading: &str) -> Vec<(String, bool)> {
    let section = doc.split(heading).nth(1).unwrap_or_else(|| panic!("docs/content.md has no {heading}"));
    section
        .lines()
        .skip_while(|l| !l.starts_with("| key |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[3].starts_with("yes"))
        })
        .collect()
}

/// The content reference's field tables (docs/content.md) and the content
/// model name the same keys,
/// required the same, in the same order.
#[test]
fn the_content_reference_field_tables_list_the_keys_of_the_content_model() {
    use briefing::schema::model::{GROUP, MEETING, Record, SITE, UPDATE};
    let doc = read(&repo().join("docs/content.md"));
    let cases: [(&str, &Record); 4] = [
        ("## `site.yaml`", &SITE),
        ("## `groups/<group>.yaml`", &GROUP),
        ("## `updates/<YYYY-MM-DD>/<group>.yaml`", &UPDATE),
        ("## `meetings/<YYYY-MM-DD>[-<slug>].md`", &MEETING),
    ];
    for (heading, record) in cases {
        let model: Vec<(String, bool)> =
            record.fields.iter().map(|f| (f.key.to_string(), f.required)).collect();
        assert_eq!(doc_keys(&doc, heading), model, "{heading}");
    }
}
