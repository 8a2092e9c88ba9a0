//! The fast path for reading YAML: the node tree built straight from
//! granit-parser's events (the parser under serde-saphyr), for the plain
//! documents that make up nearly all content. It owns no semantics of its
//! own: whatever it is not certain to read exactly as serde-saphyr would
//! (errors, anchors, aliases, tags, odd scalars, duplicate or typed keys,
//! deep nesting) makes it give up, and `parse` asks serde-saphyr instead.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::node::{Key, Loc, Node, NodeKind};

/// serde-saphyr refuses more than 64 nested collections; stay within that.
const MAX_DEPTH: usize = 64;
/// Far below serde-saphyr's budget (250,000 nodes, 64 MiB of scalar text),
/// so a document near those limits is always left to serde-saphyr.
const MAX_NODES: usize = 100_000;
const MAX_SCALAR_BYTES: usize = 16 * 1024 * 1024;

/// The tree of a one-document YAML text, or `None` for "not sure: let
/// serde-saphyr read it". When it returns a tree, the tree is exactly what
/// serde-saphyr's path in `parse` returns, locations included.
pub fn try_parse(text: &str) -> Option<Node> {
    // The parser options serde-saphyr uses with our `Options`: defaults, with
    // comments not emitted.
    let options = granit_parser::options! { emit_comments: false };
    let parser = Parser::new_from_str_with_options(text, options);

    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut scalar_bytes = 0usize;

    for item in parser {
        let (event, span) = item.ok()?;
        match event {
            Event::StreamStart | Event::DocumentEnd | Event::StreamEnd => {}
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                nodes += 1;
                scalar_bytes += value.len();
                if nodes > MAX_NODES || scalar_bytes > MAX_SCALAR_BYTES {
                    return None;
                }
                let loc = loc(&span);
                if let Some(Frame::Map { key: key @ None, .. }) = stack.last_mut() {
                    *key = Some(Key { name: key_name(value, style)?, loc });
                } else {
                    let kind = scalar(value, style)?;
                    attach(&mut stack, &mut root, Node { kind, loc })?;
                }
            }
            Event::SequenceStart(_, anchor, tag) => {
                let frame = Frame::Seq { loc: loc(&span), items: Vec::new() };
                open(&mut stack, &mut nodes, anchor != 0 || tag.is_some(), frame)?;
            }
            Event::MappingStart(_, anchor, tag) => {
                let frame = Frame::Map { loc: loc(&span), entries: Vec::new(), key: None };
                open(&mut stack, &mut nodes, anchor != 0 || tag.is_some(), frame)?;
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq { loc, items }) = stack.pop() else { return None };
                attach(&mut stack, &mut root, Node { kind: NodeKind::Seq(items), loc })?;
            }
            Event::MappingEnd => {
                let Some(Frame::Map { loc, entries, key: None }) = stack.pop() else { return None };
                if has_duplicate_key(&entries) {
                    return None;
                }
                attach(&mut stack, &mut root, Node { kind: NodeKind::Map(entries), loc })?;
            }
            // Aliases, and anything else the parser may report.
            _ => return None,
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// An open collection.
enum Frame {
    Seq {
        loc: Loc,
        items: Vec<Node>,
    },
    /// `key` holds a read key until its value arrives.
    Map {
        loc: Loc,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
    },
}

/// Opens a collection, unless it has properties (an anchor or a tag), is a
/// mapping key, or goes too deep.
fn open(stack: &mut Vec<Frame>, nodes: &mut usize, properties: bool, frame: Frame) -> Option<()> {
    *nodes += 1;
    let as_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
    if properties || as_key || stack.len() >= MAX_DEPTH || *nodes > MAX_NODES {
        return None;
    }
    stack.push(frame);
    Some(())
}

/// Puts a finished node in its parent, or makes it the root.
fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) -> Option<()> {
    match stack.last_mut() {
        None if root.is_none() => *root = Some(node),
        None => return None,
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map { entries, key, .. }) => entries.push((key.take()?, node)),
    }
    Some(())
}

/// serde-saphyr's place for a node: the parser's 1-based line and its
/// 0-based column in characters, plus one.
fn loc(span: &Span) -> Loc {
    Loc::new(span.start.line() as u32, span.start.col() as u32 + 1)
}

/// A key's text, when serde-saphyr would read it as that very text: quoted
/// and block keys, and plain keys that are text (not `<<`, which merges).
fn key_name(value: Cow<'_, str>, style: ScalarStyle) -> Option<String> {
    if style == ScalarStyle::Plain && (value == "<<" || !matches!(plain(&value)?, Plain::Str)) {
        return None;
    }
    Some(value.into_owned())
}

/// A value scalar's node kind, as serde-saphyr types it.
fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> Option<NodeKind> {
    if style != ScalarStyle::Plain {
        return Some(NodeKind::Str(value.into_owned()));
    }
    Some(match plain(&value)? {
        Plain::Null => NodeKind::Null,
        Plain::Bool(b) => NodeKind::Bool(b),
        Plain::Int(i) => NodeKind::Int(i),
        Plain::Float(f) => NodeKind::Float(f),
        Plain::Str => NodeKind::Str(value.into_owned()),
    })
}

/// What a plain scalar means.
#[derive(Debug, PartialEq)]
enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

/// Types a plain scalar as serde-saphyr does with `strict_booleans` (its
/// `deserialize_any`: null words, the six YAML 1.2 booleans, then integers,
/// then floats, else text), for the forms known to come out the same;
/// `None` for the rest (`007`, `+5`, `1_000`, `0x1F`, `1e3`, `.5`, `.inf`,
/// integers beyond i64, ...).
fn plain(s: &str) -> Option<Plain> {
    let bytes = s.as_bytes();
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Plain::Null),
        "true" | "True" | "TRUE" => return Some(Plain::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Plain::Bool(false)),
        _ => {}
    }
    // serde-saphyr trims these before typing; the parser should never leave
    // them at either end, but if it did, typing could differ.
    let padding = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    if bytes.first().is_some_and(padding) || bytes.last().is_some_and(padding) {
        return None;
    }
    match bytes[0] {
        b'0'..=b'9' => {
            if let Some(number) = number(s) {
                return Some(number);
            }
            // Once it starts with a digit, an integer holds only digits of
            // some radix, `_` and a `0x`/`0o`/`0b` prefix, and a float only
            // digits, `.` and an exponent `e±`: with any other character, or
            // a sign not after `e`, it is text (`2021-12-31`, `10:30`).
            let text = bytes.iter().enumerate().any(|(i, b)| match b {
                b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F' | b'x' | b'X' | b'o' | b'O' | b'.' | b'_' => false,
                b'+' | b'-' => !matches!(bytes[i - 1], b'e' | b'E'),
                _ => true,
            });
            text.then_some(Plain::Str)
        }
        b'-' => number(s),
        // `+5`, `.5`, `.inf`, `+.nan`: rare, left to serde-saphyr.
        b'+' | b'.' => None,
        // Neither an integer nor a float starts with anything else: no
        // digit, sign or point (`inf`, `nan`, `yes`, `on`, `y` and so on are
        // text in serde-saphyr's strict mode).
        _ => Some(Plain::Str),
    }
}

/// `-?digits` without a redundant leading zero, within i64; or
/// `-?digits.digits`, finite.
fn number(s: &str) -> Option<Plain> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if all_digits(unsigned) {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return None;
        }
        return s.parse::<i64>().ok().map(Plain::Int);
    }
    let (whole, fraction) = unsigned.split_once('.')?;
    if !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite()).map(Plain::Float)
}

/// Whether two entries share a key name (serde-saphyr refuses some such
/// pairs; which ones is its business).
fn has_duplicate_key(entries: &[(Key, Node)]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (k, _))| entries[..i].iter().any(|(p, _)| p.name == k.name));
    }
    let mut names: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_str()).collect();
    names.sort_unstable();
    names.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::yaml::node::parse_with_serde;

    /// The fast path either gives up or agrees with serde-saphyr exactly,
    /// every location included. Returns whether it took the document.
    fn agrees(doc: &str) -> bool {
        match try_parse(doc) {
            None => false,
            Some(fast) => {
                assert_eq!(Ok(&fast), parse_with_serde(doc).as_ref(), "fast path differs on {doc:?}");
                true
            }
        }
    }

    /// Every YAML file and every Markdown front matter under `dir`, with
    /// its path.
    fn documents(dir: &str) -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut docs = Vec::new();
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let Ok(text) = String::from_utf8(std::fs::read(path).unwrap_or_default()) else { continue };
            let yaml = match ext {
                "yaml" | "yml" => text,
                "md" => match crate::core::front_matter::split(&text) {
                    Ok(split) if split.has_front_matter => split.yaml.to_string(),
                    _ => continue,
                },
                _ => continue,
            };
            docs.push((path.display().to_string(), yaml));
        }
        docs
    }

    #[test]
    fn agrees_with_serde_saphyr_on_every_content_and_fixture_file() {
        let mut taken = 0;
        let mut all = 0;
        for dir in ["content", "tests/fixtures"] {
            for (_, doc) in documents(dir) {
                all += 1;
                taken += usize::from(agrees(&doc));
            }
        }
        assert!(all > 100, "only {all} documents found");
        assert!(taken > 0);
    }

    #[test]
    fn takes_the_example_content() {
        let docs = documents("content");
        let left: Vec<&str> =
            docs.iter().filter(|(_, doc)| try_parse(doc).is_none()).map(|(p, _)| p.as_str()).collect();
        assert!(docs.len() >= 15, "only {} documents found", docs.len());
        assert!(
            left.len() * 20 <= docs.len(),
            "the fast path leaves too many files to serde-saphyr: {left:?}"
        );
    }

    /// Scalars that sit on the edges of YAML's typing.
    const SCALARS: &[&str] = &[
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nULL",
        "nul",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "False",
        "FALSE",
        "fAlse",
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "y",
        "Y",
        "n",
        "N",
        "nan",
        "NaN",
        "NAN",
        "inf",
        "Inf",
        "INF",
        "infinity",
        "Infinity",
        "-inf",
        "-nan",
        ".nan",
        ".NaN",
        ".NAN",
        ".inf",
        ".Inf",
        ".INF",
        "-.inf",
        "-.Inf",
        "+.inf",
        "+.nan",
        "-.nan",
        "0",
        "1",
        "-1",
        "-0",
        "+0",
        "+5",
        "007",
        "-007",
        "0.5",
        "00.5",
        "1.",
        ".5",
        "-.5",
        "1.0",
        "-1.5",
        "3.25",
        "1e3",
        "1E3",
        "1e-3",
        "1.5e+3",
        "1e999",
        "-1e999",
        "1_000",
        "1__0",
        "_1",
        "1_",
        "0x1F",
        "0X1F",
        "0xff",
        "0o17",
        "0O17",
        "0b101",
        "0B101",
        "-0x1F",
        "+0x1F",
        "0x",
        "08",
        "09.5",
        "10:30",
        "1:20:30",
        "2021-12-31",
        "2021-12-31T10:00:00Z",
        "2021-12-31 10:00:00",
        "2021-1-1",
        "12-31",
        "1-2",
        "1+2",
        "1e+",
        "1e",
        "1.2.3",
        "1,000",
        "3 apples",
        "4k",
        "1st",
        "2nd",
        "12h",
        "1d",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "123456789012345678901234567890",
        "99999999999999999999999999999999999999999.5",
        "0.1234567890123456789",
        "-",
        "--",
        "-a",
        "-1a",
        "<<",
        "=",
        "a b",
        "a: b",
        "CBSA",
        "border-security",
        "Frontière",
        "États-Unis",
        "日本",
        "€5",
        "5€",
        "~foo",
        "null ",
        "true ",
        "@",
        "%",
    ];

    /// Scalars written in ways that are never typed.
    const QUOTED: &[&str] = &[
        "\"quoted\"",
        "'single'",
        "\"1\"",
        "'1.0'",
        "\"true\"",
        "''",
        "\"\"",
        "\"null\"",
        "'~'",
        "\"a\\tb\"",
        "\"\\u00e9\"",
        "'it''s'",
        "\"line\\nbreak\"",
        "\"<<\"",
    ];

    /// Whole documents: structure, styles, comments, line endings.
    const DOCUMENTS: &[&str] = &[
        "a: 1\n",
        "a: 1",
        "---\na: 1\n",
        "---\na: 1\n...\n",
        "---\na: 1\n---\nb: 2\n",
        "a: 1\n---\n",
        "a: 1\n...\n",
        "a: 1\n...\n---\nb: 2\n",
        "---\n",
        "--- \n# nothing\n",
        "# only a comment\n",
        "---\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "%YAML 1.1\n---\na: yes\n",
        "\u{feff}a: 1\nb: Frontière\n",
        "\u{feff}---\na: 1\n",
        "a: 1\r\nb: [x, y]\r\nc:\r\n  - d: 2\r\n    e: \"q\"\r\n",
        "a: |\r\n  one\r\n  two\r\nb: 1\r\n",
        "a:\tb\n",
        "a: b\t\n",
        "a:\t1\n",
        "a: 1 # one\nb: 2 # two\n# three\n",
        "# head\na: # after key\n  # above value\n  b: 1 # after\n# tail\n",
        "- a\n- b # c\n- [1, 2] # d\n",
        "a:\n",
        "a:\nb:\n",
        "a: ~\nb: null\nc:\n",
        "[]",
        "{}",
        "a: []\nb: {}\n",
        "[1, 2.5, x, true, ~, \"s\", 'q']\n",
        "{a: 1, b: [2, 3], c: {d: e}}\n",
        "{a: 1,\n  b: 2,\n  c: [x,\n    y]}\n",
        "[a, b,]\n",
        "{a, b: c}\n",
        "[a: b, c]\n",
        "items:\n  - id: a\n    due: 2021-12-31\n    n: 35\n  - id: b\n    tags: [x, y]\n",
        "items:\n- id: a\n  list:\n  - 1\n  - 2\n- id: b\n",
        "- - - a\n    - b\n  - c\n- d\n",
        "- a: 1\n  b:\n    - c: 2\n      d: [3, {e: f}]\n",
        "name: {en: Border, fr: Frontière}\nitems:\n  - id: a\n    due: 2021-12-31\n    n: 35\n",
        "title:\n  en: Canada-U.S. Joint Action Plan\n  fr: Plan d'action conjoint Canada-États-Unis\n",
        "a: >\n  folded\n  text\n\n  more\nb: |-\n  kept\n  lines\nc: |+\n  keep\n\nd: >2\n   indented\n",
        "a: |\n  text",
        "a: plain\n  continued\n  lines\n",
        "a: 'single\n  folded'\nb: \"double\n  folded\"\n",
        "\"quoted key\": 1\n'single key': 2\n",
        "? a\n: 1\n",
        "? [a, b]\n: 1\n",
        "? {a: b}\n: 1\n",
        "[a, b]: 1\n",
        "1: a\n",
        "1.0: a\n",
        "-1: a\n",
        "true: a\n",
        "~: a\n",
        "null: a\n",
        ": a\n",
        "\"1.0\": a\n",
        "'true': a\n",
        "<<: {a: 1}\nb: 2\n",
        "'<<': 1\n",
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\n",
        "1: a\n\"1\": b\n",
        "a: {b: 1, b: 2}\n",
        "a: &x 1\nb: *x\n",
        "a: &x\n  c: 1\nb: *x\n",
        "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",
        "a: !!str 1\n",
        "a: !!int \"1\"\n",
        "a: !custom x\n",
        "!!map {a: 1}\n",
        "a: [1, 2\nb: 3\n",
        "a: b: c\n",
        "a:\n  - b\n  c: d\n",
        "\ta: 1\n",
        "a: 'unterminated\n",
        "a: \"bad \\q escape\"\n",
        "a: @x\n",
        "a: `x`\n",
        "- a\nb: c\n",
        "key with spaces: value with spaces\n",
        "url: https://example.org/a?b=c#d\n",
        "time: 10:30\nratio: 3:2\n",
        "Frontière: États-Unis\n  # commentaire\nÉté: 2021-06-21\n",
        "emoji: \"🙂\"\nafter: x\n",
        "🙂: x\ny: 🙂 z\n",
        "a:     spaced\nb:   [  1  ,  2  ]\n",
        "  a: 1\n  b: 2\n",
        "a:\n    b: 1\n    c:\n          - d\n",
        "empty: ''\nalso: \"\"\n",
        "multi: [\n  a,\n  b\n]\n",
        "a: -\n",
        "a: - b\n",
        "- -1\n- - 1\n",
        "a: 1\n\n\n\nb: 2\n\n",
        "a: 1\n   \n",
        "x: 1 #comment\ny: a#b\nz: a #b\n",
    ];

    #[test]
    fn agrees_with_serde_saphyr_on_tricky_documents() {
        let mut docs: Vec<String> = DOCUMENTS.iter().map(|d| d.to_string()).collect();
        for s in SCALARS.iter().chain(QUOTED) {
            docs.push(format!("v: {s}\n"));
            docs.push(format!("- {s}\n"));
            docs.push(format!("[{s}]\n"));
            docs.push(format!("{{k: {s}}}\n"));
            docs.push(format!("{s}\n"));
            docs.push(format!("{s}: v\n"));
            docs.push(format!("{{{s}: v}}\n"));
            docs.push(format!("a:\n  - b: {s}\n    c: {s}\n"));
        }
        for depth in [62, 63, 64, 65, 66] {
            docs.push(format!("{}x{}", "[".repeat(depth), "]".repeat(depth)));
            let mut block = String::new();
            for level in 0..depth {
                block.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
            }
            block.push_str(&format!("{}leaf: 1\n", "  ".repeat(depth)));
            docs.push(block);
        }
        // serde-saphyr recurses once per level: deep documents need more
        // than a test thread's stack in a debug build.
        let taken = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || docs.iter().filter(|d| agrees(d)).count() * 1000 / docs.len())
            .unwrap()
            .join()
            .unwrap();
        assert!(taken > 500, "the fast path took only {taken}‰ of the documents");
    }

    #[test]
    fn takes_the_plain_forms_and_leaves_the_rest() {
        let node = |doc: &str| try_parse(doc).map(|n| n.kind);
        let entry = |doc: &str| match node(doc) {
            Some(NodeKind::Map(mut entries)) if entries.len() == 1 => Some(entries.remove(0).1.kind),
            _ => None,
        };
        assert_eq!(entry("a: 35"), Some(NodeKind::Int(35)));
        assert_eq!(entry("a: -0"), Some(NodeKind::Int(0)));
        assert_eq!(entry("a: -9223372036854775808"), Some(NodeKind::Int(i64::MIN)));
        assert_eq!(entry("a: 12.5"), Some(NodeKind::Float(12.5)));
        assert_eq!(entry("a: True"), Some(NodeKind::Bool(true)));
        assert_eq!(entry("a: yes"), Some(NodeKind::Str("yes".into())));
        assert_eq!(entry("a: ~"), Some(NodeKind::Null));
        assert_eq!(entry("a:"), Some(NodeKind::Null));
        assert_eq!(entry("a: 2021-12-31"), Some(NodeKind::Str("2021-12-31".into())));
        assert_eq!(entry("a: \"1\""), Some(NodeKind::Str("1".into())));
        assert_eq!(entry("a: |\n  x\n"), Some(NodeKind::Str("x\n".into())));
        for left in [
            "a: 007",
            "a: +5",
            "a: 1_000",
            "a: 0x1F",
            "a: 1e3",
            "a: .5",
            "a: .inf",
            "a: 9223372036854775808",
            "1: a",
            "1.0: a",
            "true: a",
            "~: a",
            "<<: {a: 1}",
            "[a]: 1",
            "a: 1\na: 2",
            "a: &x 1",
            "a: !!str 1",
            "a: [1",
            "a: 1\n---\nb: 2",
            "# nothing",
        ] {
            assert_eq!(node(left), None, "{left:?}");
        }
    }

    /// A scalar from the edges of YAML's typing, or a word.
    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(SCALARS.iter().chain(QUOTED).map(|s| s.to_string()).collect::<Vec<_>>()),
            "[a-zA-Zé0-9 .:_-]{0,12}",
            (any::<i64>()).prop_map(|i| i.to_string()),
            (any::<f64>()).prop_map(|f| f.to_string()),
        ]
    }

    /// A random document: nested block and flow collections of such scalars.
    fn document() -> impl Strategy<Value = String> {
        let leaf = scalar().prop_map(|s| (s.clone(), s));
        // (block form at indentation 0, flow form)
        let tree = leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|items| {
                    let block = items.iter().map(|(b, _)| format!("- {}\n", indent(b))).collect::<String>();
                    let flow =
                        format!("[{}]", items.iter().map(|(_, f)| f.as_str()).collect::<Vec<_>>().join(", "));
                    (if items.is_empty() { "[]".to_string() } else { block }, flow)
                }),
                prop::collection::vec(("[a-z]{1,3}|\"[a-z ]{0,3}\"|[0-9]{1,2}|true|~", inner), 0..4)
                    .prop_map(|entries| {
                        let block = entries
                            .iter()
                            .map(|(k, (b, _))| format!("{k}:\n  {}\n", indent(b)))
                            .collect::<String>();
                        let flow = format!(
                            "{{{}}}",
                            entries
                                .iter()
                                .map(|(k, (_, f))| format!("{k}: {f}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                        (if entries.is_empty() { "{}".to_string() } else { block }, flow)
                    }),
            ]
        });
        (tree, any::<bool>(), any::<bool>()).prop_map(|((block, flow), use_flow, crlf)| {
            let doc = if use_flow { flow } else { block };
            if crlf { doc.replace('\n', "\r\n") } else { doc }
        })
    }

    /// A block written at indentation 0, moved in by two spaces after its
    /// first line.
    fn indent(block: &str) -> String {
        block.trim_end_matches('\n').replace('\n', "\n  ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn agrees_with_serde_saphyr_on_random_documents(doc in document()) {
            agrees(&doc);
        }
    }
}
