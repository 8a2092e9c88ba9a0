//! The shared vocabulary every stage speaks: source files as text and the
//! places in them, dates as content writes them, language codes and how
//! each language writes numbers and dates, the Markdown dialect and the ids
//! its headings get.
//!
//! Owns nothing of the pipeline. Imports only `core` (and itself): the
//! stages import `core`, never the other way round.

pub mod date;
pub mod lang;
pub mod locale;
pub mod markdown;
pub mod source;
pub mod span;

pub use span::Loc;
