//! The render stage: Markdown, charts and theme templates into pages.
//!
//! Must not import `load`, `yaml`, `schema`, `validate`, `write`, `site`,
//! `cli`, `serve`, `pdf`: render shows the derived state: it reads no file,
//! runs no loader and writes nothing. Of `write` it names two types alone,
//! the file it hands over (`write::OutFile`) and a sink's failure
//! (`write::WriteError`); the sink that stages files for the output folder
//! is given by `site`.

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
