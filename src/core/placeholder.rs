//! The placeholder texts `briefing new` writes into a new file, which
//! validation flags until staff replace them: one list, read by both.
//!
//! Imports nothing.

/// An update's summary.
pub const SUMMARY: &str = "What happened since the last update.";
/// A group's mandate.
pub const MANDATE: &str = "What this working group works on.";
/// A meeting's record (its body).
pub const MEETING_BODY: &str = "The record of the meeting.";
/// A page's body.
pub const PAGE_BODY: &str = "Write the page here.";

const ALL: [&str; 4] = [SUMMARY, MANDATE, MEETING_BODY, PAGE_BODY];

/// True when `text` is one of the placeholders, as written.
pub fn is_placeholder(text: &str) -> bool {
    ALL.contains(&text.trim())
}
