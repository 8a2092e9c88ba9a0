//! The shared vocabulary every stage speaks: places in source files, dates
//! as content writes them, language codes and how each language writes
//! numbers and dates, the Markdown dialect and its heading ids.
//!
//! Owns: nothing of the pipeline. Must not import any other module of the
//! crate: the stages import `core`, never the other way round.

pub mod date;
pub mod lang;
pub mod locale;
pub mod markdown;
pub mod span;

pub use span::Loc;
