//! Diagnostics: every mistake found in content, with its file, place, code,
//! message and hint. Stages push diagnostics here; the command line prints
//! them all at one exit point (`report`).
//!
//! Imports only `core` (and itself): diagnostics are made by every stage.

pub mod codes;
pub mod report;
pub mod suggest;

use std::path::PathBuf;

use serde::Serialize;

use crate::core::Loc;

/// How bad a diagnostic is. Warnings do not fail a build unless `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// File relative to the content folder, with `/` separators.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The cell of a spreadsheet the diagnostic is about (`Sheet1!C7` in a
    /// workbook, `C7` in a CSV file): `line` and `column` are then its row
    /// and column numbers, and the file is not quoted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Box<str>>,
    /// `file` is a path as the command line gave it (a `--theme` folder
    /// that is not there), shown as it is, not within the content folder.
    #[serde(skip)]
    pub as_given: bool,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: &str, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line: loc.line,
            column: loc.col,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            cell: None,
            as_given: false,
        }
    }

    pub fn warning(code: &'static str, file: &str, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, loc, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// The same diagnostic about a spreadsheet's cell.
    pub fn in_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into().into_boxed_str());
        self
    }

    /// Where it is, as people read it: `file:line:column`, or for a
    /// spreadsheet's cell `data/x.xlsx: Sheet1!C7` (`data/x.csv:7:3 (C7)`).
    pub fn place(&self) -> String {
        self.place_in(&self.file)
    }

    /// As [`Diagnostic::place`], with the file shown as `file`.
    pub fn place_in(&self, file: &str) -> String {
        match &self.cell {
            Some(cell) if cell.contains('!') => format!("{file}: {cell}"),
            Some(cell) => format!("{file}:{}:{} ({cell})", self.line, self.column),
            None => format!("{file}:{}:{}", self.line, self.column),
        }
    }

    pub fn loc(&self) -> Loc {
        Loc::new(self.line, self.column)
    }
}

/// The diagnostics of a run, in the order they were found until `sorted`.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// True when the run must fail: any error, or any warning when strict.
    pub fn fails(&self, strict: bool) -> bool {
        self.error_count() > 0 || (strict && self.warning_count() > 0)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, place, then code; exact duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Where the text of each file came from, so reports can quote it.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: std::collections::BTreeMap<String, std::sync::Arc<str>>,
    pub root: PathBuf,
}

impl Sources {
    pub fn new(root: PathBuf) -> Self {
        Sources { files: Default::default(), root }
    }

    pub fn insert(&mut self, file: String, text: impl Into<std::sync::Arc<str>>) {
        self.files.insert(file, text.into());
    }

    pub fn get(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(|t| &**t)
    }

    /// Keeps the text of the files `diags` quote and drops the rest: once the
    /// content is checked, no other file is quoted, and a large committee's
    /// text need not be held twice while pages are rendered.
    pub fn keep_quoted(&mut self, diags: &Diagnostics) {
        let quoted: std::collections::BTreeSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
        self.files.retain(|f, _| quoted.contains(f.as_str()));
    }
}
