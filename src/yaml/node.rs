//! A YAML document as a tree of nodes that remember where they stand in the
//! source (line and column, 1-based), parsed with serde-saphyr (plain
//! documents straight from its parser's events: see `super::fast`). The
//! loaders read typed content out of this tree so that every mistake can
//! point at its place, and so that one file can report many mistakes at once.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

pub use crate::core::Loc;

/// One YAML value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub loc: Loc,
}

/// What a YAML value is.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub loc: Loc,
}

impl Node {
    /// The name of this node's type as staff would say it, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "nothing",
            NodeKind::Bool(_) => "a true/false value",
            NodeKind::Int(_) => "a whole number",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// Every node shifted down by `lines`.
    pub fn shift(&mut self, lines: u32) {
        self.loc = self.loc.shifted(lines);
        match &mut self.kind {
            NodeKind::Seq(items) => items.iter_mut().for_each(|n| n.shift(lines)),
            NodeKind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.loc = k.loc.shifted(lines);
                v.shift(lines);
            }),
            _ => {}
        }
    }
}

/// Why a YAML document could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub loc: Loc,
}

/// Limits that keep hostile documents (alias bombs, deep nesting) cheap.
/// `super::fast` reads documents exactly as these options do: change both
/// together (its tests compare the two).
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    // Comments are never read: not keeping their text saves time on every file.
    options.emit_comments = false;
    options
}

/// Parses one non-empty YAML document with serde-saphyr: the reference for
/// what every document means, and the only source of error messages.
pub fn parse_with_serde(text: &str) -> Result<Node, SyntaxError> {
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(raw) => Ok(raw.into_node()),
        Err(err) => {
            let loc = err
                .location()
                .map(|l| Loc::new(l.line() as u32, l.column() as u32))
                .unwrap_or(Loc::new(1, 1));
            Err(SyntaxError { message: clean_message(&err.without_snippet().to_string()), loc })
        }
    }
}

/// serde-saphyr's message without its own "at line X column Y" suffix: the
/// diagnostic prints the place itself.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    // serde-saphyr names its own option here; staff need the plain fact.
    if let Some(key) = first.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return format!("`{key}` appears twice in this mapping; keep one");
    }
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let first = first.trim_end_matches(':').trim();
    if first.is_empty() { "this is not valid YAML".to_string() } else { first.to_string() }
}

/// The tree as serde hands it over, before locations are folded in.
#[derive(Debug)]
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<RawKey>, Spanned<Raw>)>),
}

#[derive(Debug)]
struct RawKey(String);

trait IntoNode {
    fn into_node(self) -> Node;
}

impl IntoNode for Spanned<Raw> {
    fn into_node(self) -> Node {
        let loc = Loc::new(self.referenced.line() as u32, self.referenced.column() as u32);
        let kind = match self.value {
            Raw::Null => NodeKind::Null,
            Raw::Bool(b) => NodeKind::Bool(b),
            Raw::Int(i) => NodeKind::Int(i),
            Raw::Float(f) => NodeKind::Float(f),
            Raw::Str(s) => NodeKind::Str(s),
            Raw::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| n.into_node()).collect()),
            Raw::Map(entries) => NodeKind::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let key = Key {
                            name: k.value.0,
                            loc: Loc::new(k.referenced.line() as u32, k.referenced.column() as u32),
                        };
                        (key, v.into_node())
                    })
                    .collect(),
            ),
        };
        Node { kind, loc }
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawKey>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = RawKey;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plain key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawKey, E> {
        Ok(RawKey(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawKey, E> {
        Ok(RawKey(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawKey, E> {
        Ok(RawKey(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawKey, E> {
        Ok(RawKey(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawKey, E> {
        Ok(RawKey(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawKey, E> {
        Ok(RawKey(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawKey, E> {
        Ok(RawKey(String::new()))
    }
}

impl<'de> Deserialize<'de> for RawKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawKey, D::Error> {
        d.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn nodes_remember_their_place() {
        let doc =
            parse("name: {en: Border, fr: Frontière}\nitems:\n  - id: a\n    due: 2021-12-31\n    n: 35\n")
                .unwrap();
        let NodeKind::Map(entries) = &doc.kind else { panic!("not a map") };
        assert_eq!(entries[0].0.name, "name");
        assert_eq!(entries[0].0.loc, Loc::new(1, 1));
        let NodeKind::Map(inner) = &entries[0].1.kind else { panic!() };
        assert_eq!(inner[1].1.kind, NodeKind::Str("Frontière".into()));
        assert_eq!(inner[1].1.loc, Loc::new(1, 24));
        let NodeKind::Seq(items) = &entries[1].1.kind else { panic!() };
        let NodeKind::Map(item) = &items[0].kind else { panic!() };
        assert_eq!(item[1].1.kind, NodeKind::Str("2021-12-31".into()));
        assert_eq!(item[1].1.loc, Loc::new(4, 10));
        assert_eq!(item[2].1.kind, NodeKind::Int(35));
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.loc.line >= 1, "{err:?}");
        assert!(!err.message.contains("line"), "{}", err.message);
    }
}
