//! The render stage: Markdown, charts and theme templates into pages.

pub mod book;
pub mod build;
pub mod charts;
pub mod localize;
pub mod markdown;
pub mod memo;
pub mod nesting;
pub mod pages;
pub mod theme;
pub mod urls;
pub mod view;
