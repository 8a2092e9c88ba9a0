//! `briefing`: a static report generator for steering-committee briefings.

pub mod charts;
pub mod locale;
