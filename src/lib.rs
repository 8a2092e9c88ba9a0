//! `briefing`: a static report generator for steering-committee briefings.

pub mod charts;
pub mod locale;
pub mod yaml;
pub mod diag;
pub mod model;
pub mod load;
pub mod render;
pub mod links;
pub mod validate;
pub mod derive;
pub mod site;
pub mod write;
pub mod cli;
pub mod scaffold;
