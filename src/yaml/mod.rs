//! YAML with source places: the spanned node tree and typed reading out of it.
//!
//! Must not import `load`, `render`, `theme`, `charts`, `derive`,
//! `validate`, `write`, `site`, `cli`, `serve`, `pdf`: the YAML reader
//! serves the loaders: neither them nor anything after loading.

mod fast;
pub mod node;
pub mod read;

pub use node::{Key, Loc, Node, NodeKind, SyntaxError};
pub use read::{Fields, Reader};

/// Parses one YAML document. An empty document is an empty mapping.
///
/// Plain documents are built straight from the parser's events
/// (`fast`); serde-saphyr reads all the others and words every error.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node { kind: NodeKind::Map(Vec::new()), loc: Loc::new(1, 1) });
    }
    if let Some(node) = fast::try_parse(text) {
        return Ok(node);
    }
    node::parse_with_serde(text)
}
