//! The shared vocabulary every stage speaks: source files as text (a
//! Markdown file's front matter and body) and the places in them, dates as
//! content writes them, language codes and how each language writes numbers
//! and dates, the Markdown dialect (how deep it nests, which links it may
//! hold, the ids its headings get), URL schemes, the words ids and numbers
//! are written in, and text made safe for a terminal.
//!
//! Owns nothing of the pipeline. Imports only `core` (and itself): the
//! stages import `core`, never the other way round.

pub mod date;
pub mod front_matter;
pub mod lang;
pub mod locale;
pub mod markdown;
pub mod nesting;
pub mod placeholder;
pub mod source;
pub mod span;
pub mod terminal;
pub mod typography;
pub mod url;
pub mod words;
pub mod zone;

pub use span::Loc;
