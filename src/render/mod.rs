//! The render stage: Markdown, charts and theme templates into pages.
//!
//! Must not import `load`, `yaml`, `validate`, `site`, `cli`, `serve`, `pdf`:
//! render shows the derived state: it reads no file and runs no loader.

pub mod charts;
pub mod localize;
pub mod markdown;
pub mod memo;
pub mod pages;
pub mod urls;
pub mod view;
