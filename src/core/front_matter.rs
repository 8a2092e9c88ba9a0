//! Splitting a Markdown file into its YAML front matter and its body.

use super::Loc;

/// A Markdown file cut in two.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (empty when there is none).
    pub yaml: &'a str,
    /// How many lines precede the YAML (1 when it follows `---`).
    pub yaml_line_offset: u32,
    pub body: &'a str,
    /// 1-based line on which the body starts.
    pub body_line: u32,
    pub has_front_matter: bool,
}

/// Cuts `text`; an opened but never closed front matter is an error at its
/// opening line.
pub fn split(text: &str) -> Result<Split<'_>, Loc> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        return Ok(Split {
            yaml: "",
            yaml_line_offset: 0,
            body: text,
            body_line: 1,
            has_front_matter: false,
        });
    };
    let mut offset = 0usize;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line_offset: 1,
                body,
                body_line: i as u32 + 3,
                has_front_matter: true,
            });
        }
        offset += line.len();
    }
    Err(Loc::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split("---\ntitle: x\ndate: 2021-05-26\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: x\ndate: 2021-05-26\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        assert!(split("---\ntitle: x\n").is_err());
        assert!(!split("# Just text\n").unwrap().has_front_matter);
    }
}
