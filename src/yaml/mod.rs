//! YAML with source places: the spanned node tree and typed reading out of it.

mod fast;
pub mod node;
pub mod read;

pub use node::{Key, Loc, Node, NodeKind, SyntaxError, parse};
pub use read::{Fields, Reader};
