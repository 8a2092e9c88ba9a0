//! The render stage: Markdown, charts and theme templates into pages.

pub mod markdown;
pub mod view;
pub mod theme;
pub mod localize;
pub mod urls;
pub mod charts;
pub mod build;
pub mod pages;
