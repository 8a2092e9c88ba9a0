//! `briefing`: a static report generator for steering-committee briefings.

pub mod charts;
pub mod cli;
pub mod core;
pub mod derive;
pub mod diag;
pub mod html;
pub mod links;
pub mod load;
pub mod model;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod signals;
pub mod site;
pub mod theme;
pub mod validate;
pub mod write;
pub mod yaml;
