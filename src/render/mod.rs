//! The render stage: Markdown, charts and theme templates into pages.
//!
//! Must not import `load`, `yaml`, `validate`, `site`, `cli`, `serve`, `pdf`:
//! render shows the derived state: it reads no file and runs no loader.

pub mod calendar;
pub mod charts;
pub mod data;
pub mod feed;
pub mod localize;
pub mod markdown;
pub mod memo;
pub mod notice;
pub mod pages;
pub mod search;
pub mod urls;
pub mod view;
