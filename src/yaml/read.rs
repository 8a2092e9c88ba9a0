//! Typed reading out of a spanned YAML tree. Every mistake becomes a
//! diagnostic at the node's place; reading goes on so that one run reports
//! all of a file's mistakes.

use jiff::civil::Date;

use super::{Key, Loc, Node, NodeKind};
use crate::core::date::{nearest_date, parse_date};
pub use crate::core::words::{MAX_ID_LEN, action_id_like, is_action_id, is_kebab, kebab, show_number};
use crate::diag::{Diagnostic, codes, suggest};

/// Reads one file's nodes and collects its diagnostics.
pub struct Reader<'f> {
    pub file: &'f str,
    pub diags: Vec<Diagnostic>,
    /// The file's text, when known: Markdown fields place their links in it.
    pub source: &'f str,
    /// The last place looked up in `source` and its byte offset (places are
    /// mostly looked up in file order: each lookup goes on from the last).
    pub seek: (Loc, usize),
}

/// The entries of one mapping, with unknown keys already reported.
pub struct Fields<'n> {
    entries: &'n [(Key, Node)],
    pub loc: Loc,
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v).filter(|v| v.kind != NodeKind::Null)
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &'n [(Key, Node)] {
        self.entries
    }
}

impl<'f> Reader<'f> {
    pub fn new(file: &'f str) -> Self {
        Reader::with_source(file, "")
    }

    /// A reader of `file`, whose text is `source`.
    pub fn with_source(file: &'f str, source: &'f str) -> Self {
        Reader { file, diags: Vec::new(), source, seek: (Loc::new(1, 1), 0) }
    }

    pub fn error(&mut self, code: &'static str, loc: Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, self.file, loc, message));
        self.diags.last_mut().expect("just pushed")
    }

    pub fn warning(&mut self, code: &'static str, loc: Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(code, self.file, loc, message));
        self.diags.last_mut().expect("just pushed")
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        // A decimal number is quoted: "a whole number, not 50.5".
        let found = match node.kind {
            NodeKind::Float(f) => show_number(f),
            _ => node.type_name().to_string(),
        };
        let msg = format!("`{what}` must be {expected}, not {found}");
        let hint = if expected.starts_with("a list") {
            "write a list as lines starting with `- `, or as `[a, b]`".to_string()
        } else if expected.starts_with("a mapping") {
            "write `key: value` lines indented under it, or `{key: value, …}`".to_string()
        } else if expected.starts_with("text") {
            "put the text in quotes: \"…\"".to_string()
        } else if expected.contains("true") {
            "write `true` or `false` without quotes".to_string()
        } else if expected.contains("whole number") {
            "write a whole number without quotes or units, e.g. `35`".to_string()
        } else if expected.contains("number") {
            "write the number without quotes or units, e.g. `35` or `12.5`".to_string()
        } else {
            format!("write {expected}")
        };
        self.error(codes::WRONG_TYPE, node.loc, msg).hint = Some(hint);
    }

    /// A mapping with exactly the `allowed` keys; unknown keys are reported
    /// with the nearest allowed one.
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            let expected = format!("a mapping with keys {}", suggest::list(allowed));
            self.wrong_type(node, what, &expected);
            return None;
        };
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                let hint = suggest::did_you_mean(&key.name, allowed);
                let msg = format!("unknown key `{}` in {what}", key.name);
                self.error(codes::UNKNOWN_KEY, key.loc, msg).hint = Some(hint);
            }
        }
        Some(Fields { entries, loc: node.loc })
    }

    /// A mapping with free keys (ids), returned in file order.
    pub fn map<'n>(&mut self, node: &'n Node, what: &str) -> &'n [(Key, Node)] {
        match &node.kind {
            NodeKind::Map(entries) => entries,
            _ => {
                self.wrong_type(node, what, "a mapping");
                &[]
            }
        }
    }

    /// The required field `key`, reported as missing if absent.
    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            self.error(codes::MISSING_FIELD, fields.loc, format!("{what} has no `{key}`")).hint =
                Some(format!("add `{key}:` to {what}"));
        }
        node
    }

    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.kind {
            NodeKind::Seq(items) => items,
            _ => {
                self.wrong_type(node, what, "a list");
                &[]
            }
        }
    }

    pub fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(i) => Some(i.to_string()),
            NodeKind::Float(f) => Some(f.to_string()),
            _ => {
                self.wrong_type(node, what, "text");
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, what, "`true` or `false`");
                None
            }
        }
    }

    pub fn int(&mut self, node: &Node, what: &str) -> Option<i64> {
        match node.kind {
            NodeKind::Int(i) => Some(i),
            NodeKind::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(f as i64),
            _ => {
                self.wrong_type(node, what, "a whole number");
                None
            }
        }
    }

    pub fn number(&mut self, node: &Node, what: &str) -> Option<f64> {
        match node.kind {
            NodeKind::Int(i) => Some(i as f64),
            NodeKind::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.wrong_type(node, what, "a number");
                None
            }
        }
    }

    /// A whole number within `min..=max`.
    pub fn int_in(&mut self, node: &Node, what: &str, min: i64, max: i64) -> Option<i64> {
        let range = format!("a whole number from {min} to {max}");
        let value = match node.kind {
            NodeKind::Int(i) => i as f64,
            NodeKind::Float(f) if f.is_finite() => f,
            _ => {
                self.wrong_type(node, what, &range);
                return None;
            }
        };
        if value < min as f64 || value > max as f64 {
            let shown = show_number(value);
            self.error(codes::OUT_OF_RANGE, node.loc, format!("`{what}` is {shown}, outside {min}-{max}"))
                .hint = Some(format!("use {range}"));
            return None;
        }
        if value.fract() != 0.0 {
            let msg = format!("`{what}` must be {range}, not {}", show_number(value));
            self.error(codes::WRONG_TYPE, node.loc, msg).hint =
                Some(format!("round it to a whole number, e.g. `{}`", value.round()));
            return None;
        }
        Some(value as i64)
    }

    /// A real calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, what: &str) -> Option<Date> {
        let text = match &node.kind {
            NodeKind::Str(s) => s.clone(),
            _ => {
                self.wrong_type(node, what, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(why) => {
                let hint = match nearest_date(&text) {
                    Some(d) => format!("did you mean {d}? Write dates as YYYY-MM-DD"),
                    None => "write dates as YYYY-MM-DD, e.g. 2021-05-26".into(),
                };
                self.error(codes::INVALID_DATE, node.loc, format!("`{what}` is not a real date: {why}"))
                    .hint = Some(hint);
                None
            }
        }
    }

    /// One of `allowed`, with a did-you-mean hint otherwise.
    pub fn choice(
        &mut self,
        node: &Node,
        what: &str,
        allowed: &[&'static str],
        code: &'static str,
    ) -> Option<&'static str> {
        let text = self.string(node, what)?;
        if let Some(found) = allowed.iter().find(|a| **a == text) {
            return Some(found);
        }
        let hint = suggest::did_you_mean(&text, allowed);
        self.error(code, node.loc, format!("unknown {what} `{text}`")).hint = Some(hint);
        None
    }

    /// An id: lowercase letters, digits and hyphens, at most
    /// [`MAX_ID_LEN`] characters.
    pub fn id(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = self.string(node, what)?;
        if is_kebab(&text) {
            if let Some(why) = id_too_long(&text) {
                self.error(codes::INVALID_ID, node.loc, format!("{what} {why}")).hint =
                    Some(ID_LENGTH_HINT.into());
                return None;
            }
            Some(text)
        } else {
            let hint = format!("use lowercase letters, digits and hyphens, e.g. `{}`", kebab(&text));
            self.error(codes::INVALID_ID, node.loc, format!("`{text}` is not a valid {what}")).hint =
                Some(hint);
            None
        }
    }

    /// An action's id: ASCII letters of either case, digits and hyphens
    /// (`A-2021-05-01`), at most [`MAX_ID_LEN`] characters.
    pub fn action_id(&mut self, node: &Node) -> Option<String> {
        let what = "action id";
        let text = self.string(node, what)?;
        if !is_action_id(&text) {
            let shown = if text.is_empty() { "an empty text".to_string() } else { format!("`{text}`") };
            let hint = format!(
                "use letters, digits and hyphens, e.g. `{}`: the id names the action's anchor",
                action_id_like(&text)
            );
            self.error(codes::INVALID_ID, node.loc, format!("{shown} is not a valid {what}")).hint =
                Some(hint);
            return None;
        }
        if let Some(why) = id_too_long(&text) {
            self.error(codes::INVALID_ID, node.loc, format!("{what} {why}")).hint =
                Some(ID_LENGTH_HINT.into());
            return None;
        }
        Some(text)
    }
}

/// The hint for an id over [`MAX_ID_LEN`].
pub const ID_LENGTH_HINT: &str =
    "shorten it to at most 100 characters: ids name the folders and files of the built site";

/// Why an id is too long to name a file, if it is: `` `abc…` is 246 characters long``.
pub fn id_too_long(id: &str) -> Option<String> {
    let n = id.chars().count();
    (n > MAX_ID_LEN).then(|| format!("`{}` is {n} characters long (at most {MAX_ID_LEN})", abridged(id)))
}

/// A long text cut to its first 40 characters, for messages.
pub fn abridged(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn reports_unknown_keys_and_keeps_going() {
        let doc = parse("name: A\nmandat: x\nchairs: 3\n").unwrap();
        let mut r = Reader::new("groups/a.yaml");
        let f = r.fields(&doc, "a group", &["name", "mandate", "chairs"]).unwrap();
        assert!(r.required(&f, "mandate", "group `a`").is_none());
        r.list(f.get("chairs").unwrap(), "chairs");
        let codes: Vec<_> = r.diags.iter().map(|d| (d.code, d.line, d.hint.clone())).collect();
        assert_eq!(codes[0], ("unknown-key", 2, Some("did you mean `mandate`?".into())));
        assert_eq!(codes[1].0, "missing-field");
        assert_eq!(codes[2].0, "wrong-type");
        assert!(codes[2].2.as_deref().unwrap().contains("- "));
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_kebab("border-security") && !is_kebab("Border") && !is_kebab("a_b"));
        assert_eq!(kebab("Border Security!"), "border-security");
        assert_eq!(kebab("Réunion spéciale"), "reunion-speciale");
        assert_eq!(kebab("Œuvre à Łódź, Straße ÉTÉ"), "oeuvre-a-lodz-strasse-ete");
        assert_eq!(kebab("会议 2021"), "2021");
        assert_eq!(kebab(&"abc ".repeat(60)).len(), 99, "at most 100 characters, no trailing hyphen");
        assert!(is_kebab(&kebab(&"é-".repeat(200))));
    }
}
