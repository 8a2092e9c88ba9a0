//! The render stage: Markdown, charts and theme templates into pages.

pub mod book;
pub mod build;
pub mod calendar;
pub mod charts;
pub mod data;
pub mod feed;
pub mod localize;
pub mod markdown;
pub mod nesting;
pub mod pages;
pub mod theme;
pub mod urls;
pub mod view;
