//! Metric observations kept in spreadsheets (`data/*.csv`, `*.xlsx`, `*.xls`,
//! `*.ods`): an update names the file (`from:`), and optionally the sheet and
//! the range of cells. The first row of the table names the columns:
//! `period`, then one party code per column, as the YAML form has.
//!
//! The same rules hold as for observations written in YAML (periods, known
//! parties, numbers, one row per period, an empty cell is a gap and never a
//! zero); each mistake is reported at its cell: `data/seizures.xlsx:
//! Sheet1!C7`, or `data/seizures.csv:7:3` (line 7, third field).

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, DataRef, Reader};

use super::sheet_size::{self, Format};

use crate::diag::{Diagnostic, Diagnostics, codes, suggest};
use crate::model::{At, Content, MetricImport, Observation};
use crate::yaml::Loc;

/// The extensions a file in `data/` may have.
pub const EXTENSIONS: &[&str] = &["csv", "xlsx", "xlsm", "xls", "ods"];

/// A rectangle of cells, zero-based and inclusive: `A1:C13`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    pub first: (u32, u32),
    pub last: (u32, u32),
}

impl CellRange {
    /// `A1:C13` (or one cell, `B2`); `None` for anything else.
    pub fn parse(text: &str) -> Option<CellRange> {
        let (a, b) = text.trim().split_once(':').unwrap_or((text.trim(), text.trim()));
        let (first, last) = (cell(a)?, cell(b)?);
        (first.0 <= last.0 && first.1 <= last.1).then_some(CellRange { first, last })
    }

    fn contains(&self, (row, col): (u32, u32)) -> bool {
        (self.first.0..=self.last.0).contains(&row) && (self.first.1..=self.last.1).contains(&col)
    }
}

/// `C7` -> (6, 2), zero-based row and column.
fn cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.chars().fold(0u32, |n, c| n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1));
    let row: u32 = digits.parse().ok().filter(|r| (1..=1_048_576).contains(r))?;
    (col <= 16_384).then_some((row - 1, col - 1))
}

/// The letters of a zero-based column: 0 -> `A`, 27 -> `AB`.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// One cell's value as read.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A date stored as a date: `YYYY-MM-DD`.
    Date(String),
    /// Anything else a sheet can hold (an error such as `#DIV/0!`, true/false).
    Other(String),
}

/// A table read from a spreadsheet: cells by (row, column), zero-based, with
/// the place each is reported at.
struct Table {
    /// The data file, relative to the content folder.
    file: String,
    /// The sheet's name in a workbook; `None` for CSV.
    sheet: Option<String>,
    /// Rows of (column, value), in order; a CSV row also has its line.
    rows: BTreeMap<u32, (u32, BTreeMap<u32, Value>)>,
}

impl Table {
    /// The place of the cell (row, col): its row and column numbers in a
    /// workbook, its line and field number in a CSV file.
    fn loc(&self, (row, col): (u32, u32)) -> Loc {
        match &self.sheet {
            Some(_) => Loc::new(row + 1, col + 1),
            None => Loc::new(self.rows.get(&row).map_or(row + 1, |r| r.0), col + 1),
        }
    }

    /// A diagnostic at the cell (row, col).
    fn at(&self, code: &'static str, (row, col): (u32, u32), message: String) -> Diagnostic {
        let name = format!("{}{}", column_name(col), row + 1);
        match &self.sheet {
            Some(sheet) => {
                let sheet = if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    sheet.clone()
                } else {
                    format!("'{}'", sheet.replace('\'', "''"))
                };
                Diagnostic::error(code, &self.file, self.loc((row, col)), message)
                    .in_cell(format!("{sheet}!{name}"))
            }
            None => Diagnostic::error(code, &self.file, self.loc((row, col)), message).in_cell(name),
        }
    }
}

/// Reads every update's imports from the spreadsheets in `data` (path ->
/// bytes) into its metrics, reporting each mistake at its cell. `parties`
/// are the site's party codes (`None` without a readable site.yaml: then any
/// column heading is taken).
pub fn import_all(
    content: &mut Content,
    data: &HashMap<String, Arc<[u8]>>,
    parties: Option<&[String]>,
    diags: &mut Diagnostics,
) {
    let mut known: Vec<&str> = data.keys().map(String::as_str).collect();
    known.sort_unstable();
    for u in &mut content.updates {
        for import in std::mem::take(&mut u.imports) {
            let observations = match data.get(&import.file.value) {
                Some(bytes) => import_one(&u.file, &import, bytes, parties, diags),
                None => {
                    let hint = match suggest::closest(&import.file.value, known.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`? Name the file relative to this update"),
                        None if known.is_empty() => {
                            "put the spreadsheet in the content folder's data/ (CSV, XLSX, XLS or ODS)".into()
                        }
                        None => format!("spreadsheets in data/: {}", suggest::list(&known)),
                    };
                    diags.push(
                        Diagnostic::error(
                            codes::DATA_FILE,
                            &u.file,
                            import.file.loc,
                            format!("there is no spreadsheet `{}`", import.file.value),
                        )
                        .with_hint(hint),
                    );
                    Vec::new()
                }
            };
            u.metrics.push((import.metric.clone(), observations));
            u.imports.push(import);
        }
    }
}

fn import_one(
    update: &str,
    import: &MetricImport,
    bytes: &[u8],
    parties: Option<&[String]>,
    diags: &mut Diagnostics,
) -> Vec<Observation> {
    let file = &import.file.value;
    let is_csv = file.to_ascii_lowercase().ends_with(".csv");
    let range = import.range.as_ref().and_then(|r| CellRange::parse(&r.value));
    let table = if is_csv {
        if let Some(sheet) = &import.sheet {
            diags.push(
                Diagnostic::error(
                    codes::DATA_FILE,
                    update,
                    sheet.loc,
                    format!("`{file}` is a CSV file, which has no sheets"),
                )
                .with_hint("leave `sheet` out for a CSV file"),
            );
        }
        read_csv(file, bytes, range)
    } else {
        read_workbook(file, bytes, import.sheet.as_ref().map(|s| s.value.as_str()), range)
    };
    let table = match table {
        Ok(t) => t,
        Err(Problem::InUpdate { message, hint, at_sheet }) => {
            let loc = match (&import.sheet, at_sheet) {
                (Some(s), true) => s.loc,
                _ => import.file.loc,
            };
            diags.push(Diagnostic::error(codes::DATA_FILE, update, loc, message).with_hint(hint));
            return Vec::new();
        }
        Err(Problem::InFile(d)) => {
            diags.push(*d);
            return Vec::new();
        }
    };
    observations(&table, import, parties, diags)
}

enum Problem {
    /// Reported at the update's `from` (or `sheet`).
    InUpdate { message: String, hint: String, at_sheet: bool },
    /// Reported in the data file itself.
    InFile(Box<Diagnostic>),
}

fn read_csv(file: &str, bytes: &[u8], range: Option<CellRange>) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(Cursor::new(bytes));
    let mut table = Table { file: file.to_string(), sheet: None, rows: BTreeMap::new() };
    let mut record = csv::ByteRecord::new();
    let mut row = 0u32;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(row + 1, |p| p.line() as u32);
                return Err(Problem::InFile(Box::new(
                    Diagnostic::error(
                        codes::DATA_FILE,
                        file,
                        Loc::new(line, 1),
                        format!("this CSV file cannot be read: {e}"),
                    )
                    .with_hint("save it again as CSV (comma-separated, UTF-8) from the spreadsheet"),
                )));
            }
        }
        let line = record.position().map_or(row + 1, |p| p.line() as u32);
        let mut cells = BTreeMap::new();
        for (col, field) in record.iter().enumerate() {
            let col = col as u32;
            if range.is_some_and(|r| !r.contains((row, col))) {
                continue;
            }
            let Ok(text) = std::str::from_utf8(field) else {
                return Err(Problem::InFile(Box::new(
                    Diagnostic::error(
                        codes::NOT_UTF8,
                        file,
                        Loc::new(line, col + 1),
                        "this CSV file is not UTF-8 text",
                    )
                    .in_cell(format!("{}{}", column_name(col), row + 1))
                    .with_hint("save it as CSV UTF-8 (in Excel: Save As > CSV UTF-8)"),
                )));
            };
            let text = text.trim();
            cells.insert(col, if text.is_empty() { Value::Empty } else { Value::Text(text.to_string()) });
        }
        if !cells.is_empty() {
            table.rows.insert(row, (line, cells));
        }
        row += 1;
    }
    Ok(table)
}

/// The most a workbook may hold once unzipped: far more than any table of
/// figures, far less than a zip bomb.
pub const MAX_UNZIPPED: u64 = 128 * 1024 * 1024;

/// A zipped workbook (XLSX, ODS) whose entries would unzip past
/// [`MAX_UNZIPPED`], by what their headers say.
fn unzips_too_far(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let mut total = 0u64;
    for i in 0..zip.len() {
        match zip.by_index_raw(i) {
            Ok(entry) => total = total.saturating_add(entry.size()),
            Err(_) => return false,
        }
    }
    total > MAX_UNZIPPED
}

fn read_workbook(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    range: Option<CellRange>,
) -> Result<Table, Problem> {
    if unzips_too_far(bytes) {
        return Err(Problem::InFile(Box::new(
            Diagnostic::error(
                codes::TOO_LARGE,
                file,
                Loc::new(1, 1),
                format!("`{file}` would unzip to more than {} MiB", MAX_UNZIPPED / (1024 * 1024)),
            )
            .with_hint("keep in it only the tables the updates take figures from"),
        )));
    }
    let cannot = |detail: String| Problem::InUpdate {
        message: format!("`{file}` cannot be read as a spreadsheet{detail}"),
        hint: "save it again from the spreadsheet as .xlsx, or as CSV UTF-8".into(),
        at_sheet: false,
    };
    let format = sheet_size::format(bytes);
    // The XLS and ODS readers hold every sheet's used range whole once the
    // workbook is open: its size is counted first (see `sheet_size`).
    let cost = match format {
        Format::Xls => Some(sheet_size::xls_cells(bytes)),
        Format::Ods => Some(sheet_size::ods_cells(bytes)),
        Format::Xlsx => sheet_size::xlsx_strings(bytes, MAX_UNZIPPED).err().map(Err),
        Format::Xlsb => None,
        Format::Unknown => return Err(cannot(": it is not an XLSX, XLS or ODS workbook".into())),
    };
    match cost {
        Some(Err(sheet_size::Malformed(why))) => return Err(cannot(format!(": it holds {why}"))),
        Some(Ok(cells)) if cells > MAX_CELLS => return Err(too_many_cells(file)),
        _ => {}
    }
    // A reader of untrusted files: whatever happens inside it is a
    // diagnostic, never a crash of the build.
    let read = std::panic::catch_unwind(|| -> Result<Table, Problem> {
        let opened = |e: &dyn std::fmt::Display| cannot(format!(": {e}"));
        match format {
            Format::Xlsx => {
                let mut book: calamine::Xlsx<_> =
                    calamine::Reader::new(Cursor::new(bytes)).map_err(|e| opened(&e))?;
                let name = pick_sheet(file, book.sheet_names(), sheet)?;
                let mut cells = book
                    .worksheet_cells_reader(&name)
                    .map_err(|e| unreadable_sheet(file, &name, &e, sheet))?;
                cell_by_cell(file, name.clone(), range, || {
                    let cell = cells.next_cell().map_err(|e| unreadable_sheet(file, &name, &e, sheet))?;
                    Ok(cell.map(|c| (c.get_position(), owned(c.get_value()))))
                })
            }
            Format::Xlsb => {
                let mut book: calamine::Xlsb<_> =
                    calamine::Reader::new(Cursor::new(bytes)).map_err(|e| opened(&e))?;
                let name = pick_sheet(file, book.sheet_names(), sheet)?;
                let mut cells = book
                    .worksheet_cells_reader(&name)
                    .map_err(|e| unreadable_sheet(file, &name, &e, sheet))?;
                cell_by_cell(file, name.clone(), range, || {
                    let cell = cells.next_cell().map_err(|e| unreadable_sheet(file, &name, &e, sheet))?;
                    Ok(cell.map(|c| (c.get_position(), owned(c.get_value()))))
                })
            }
            _ => {
                let mut book = if format == Format::Xls {
                    calamine::Sheets::Xls(calamine::Reader::new(Cursor::new(bytes)).map_err(|e| opened(&e))?)
                } else {
                    calamine::Sheets::Ods(calamine::Reader::new(Cursor::new(bytes)).map_err(|e| opened(&e))?)
                };
                let name = pick_sheet(file, book.sheet_names(), sheet)?;
                let grid =
                    book.worksheet_range(&name).map_err(|e| unreadable_sheet(file, &name, &e, sheet))?;
                let (row0, col0) = grid.start().unwrap_or((0, 0));
                let mut used = grid
                    .used_cells()
                    .map(|(r, c, data)| Ok(Some(((row0 + r as u32, col0 + c as u32), data.clone()))));
                cell_by_cell(file, name, range, || used.next().unwrap_or(Ok(None)))
            }
        }
    });
    match read {
        Ok(r) => r,
        Err(_) => Err(cannot(String::new())),
    }
}

/// The most cells a workbook's sheets may cost to read: rows by columns of
/// the used range for an XLS or ODS workbook (its reader holds every sheet
/// whole), the cells read for an XLSX one (read cell by cell). Far more than
/// any table of figures, far less than the memory of a laptop.
pub const MAX_CELLS: u64 = 1_000_000;

fn too_many_cells(file: &str) -> Problem {
    Problem::InFile(Box::new(
        Diagnostic::error(
            codes::TOO_LARGE,
            file,
            Loc::new(1, 1),
            format!(
                "`{file}` holds more than {} cells to read (rows by columns of the used range)",
                grouped(MAX_CELLS)
            ),
        )
        .with_hint(
            "keep in it only the tables the updates take figures from, and clear the cells far beyond them (select the rows and columns past the table, then Delete)",
        ),
    ))
}

/// `1000000` -> `1,000,000`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn unreadable_sheet(file: &str, name: &str, e: &dyn std::fmt::Display, sheet: Option<&str>) -> Problem {
    Problem::InUpdate {
        message: format!("sheet `{name}` of `{file}` cannot be read: {e}"),
        hint: "save it again from the spreadsheet as .xlsx, or as CSV UTF-8".into(),
        at_sheet: sheet.is_some(),
    }
}

/// The sheet the update names, or the workbook's first.
fn pick_sheet(file: &str, names: Vec<String>, sheet: Option<&str>) -> Result<String, Problem> {
    match sheet {
        Some(s) if names.iter().any(|n| n == s) => Ok(s.to_string()),
        Some(s) => {
            let hint = match suggest::closest(s, names.iter().map(String::as_str)) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "its sheets: {}",
                    suggest::list(&names.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            };
            Err(Problem::InUpdate { message: format!("`{file}` has no sheet `{s}`"), hint, at_sheet: true })
        }
        None => names.first().cloned().ok_or_else(|| Problem::InUpdate {
            message: format!("`{file}` has no sheets"),
            hint: "save it again from the spreadsheet with the figures on its first sheet".into(),
            at_sheet: false,
        }),
    }
}

/// A cell read in place, as a value of its own.
fn owned(value: &DataRef<'_>) -> Data {
    Data::from(value.clone())
}

/// A table of the cells `next` gives, one at a time, keeping those in
/// `range`: at most [`MAX_CELLS`] of them.
fn cell_by_cell(
    file: &str,
    sheet: String,
    range: Option<CellRange>,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Data)>, Problem>,
) -> Result<Table, Problem> {
    let mut table = Table { file: file.to_string(), sheet: Some(sheet), rows: BTreeMap::new() };
    let mut kept = 0u64;
    while let Some((at, data)) = next()? {
        if range.is_some_and(|x| !x.contains(at)) {
            continue;
        }
        let value = match &data {
            Data::Empty => continue,
            Data::String(s) if s.trim().is_empty() => Value::Empty,
            Data::String(s) => Value::Text(s.trim().to_string()),
            Data::Int(i) => Value::Number(*i as f64),
            Data::Float(f) => Value::Number(*f),
            Data::DateTime(d) if d.is_datetime() => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                Value::Date(format!("{y:04}-{m:02}-{day:02}"))
            }
            Data::DateTimeIso(s) if s.len() >= 10 && crate::core::date::parse_date(&s[..10]).is_ok() => {
                Value::Date(s[..10].to_string())
            }
            Data::Error(e) => Value::Other(e.to_string()),
            Data::Bool(b) => Value::Other(if *b { "TRUE" } else { "FALSE" }.to_string()),
            other => Value::Other(other.to_string()),
        };
        kept += 1;
        if kept > MAX_CELLS {
            return Err(too_many_cells(file));
        }
        table.rows.entry(at.0).or_insert_with(|| (at.0 + 1, BTreeMap::new())).1.insert(at.1, value);
    }
    Ok(table)
}

/// The observations of a table whose first row names the columns.
fn observations(
    table: &Table,
    import: &MetricImport,
    parties: Option<&[String]>,
    diags: &mut Diagnostics,
) -> Vec<Observation> {
    let mut rows = table.rows.iter().filter(|(_, (_, cells))| cells.values().any(|v| *v != Value::Empty));
    let Some((&head_row, (_, head))) = rows.next() else {
        diags.push(
            Diagnostic::error(
                codes::DATA_FILE,
                &table.file,
                Loc::new(1, 1),
                format!("`{}` holds no figures for metric `{}`", table.file, import.metric.value),
            )
            .with_hint(
                "the first row names the columns (`period`, then party codes), one row per period below it",
            ),
        );
        return Vec::new();
    };
    let mut period_col = None;
    let mut columns: Vec<(u32, String)> = Vec::new();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let party_list: Vec<&str> = parties.unwrap_or_default().iter().map(String::as_str).collect();
    for (&col, value) in head {
        let heading = match value {
            Value::Empty => continue,
            Value::Text(t) => t.clone(),
            Value::Number(n) => crate::yaml::read::show_number(*n),
            Value::Date(d) | Value::Other(d) => d.clone(),
        };
        if heading.eq_ignore_ascii_case("period") {
            period_col = Some(col);
            continue;
        }
        if parties.is_some() && !party_list.contains(&heading.as_str()) {
            let hint = match suggest::closest(&heading, party_list.iter().copied()) {
                Some(c) => {
                    format!("did you mean `{c}`? Column headings are `period` and party codes from site.yaml")
                }
                None => format!(
                    "column headings are `period` and party codes from site.yaml: {}",
                    suggest::list(&party_list)
                ),
            };
            diags.push(
                table
                    .at(codes::UNKNOWN_PARTY, (head_row, col), format!("unknown party `{heading}`"))
                    .with_hint(hint),
            );
            continue;
        }
        if let Some(first) = seen.insert(heading.clone(), col) {
            diags.push(
                table
                    .at(codes::DUPLICATE_ID, (head_row, col), format!("column `{heading}` appears twice"))
                    .with_hint(format!("column {} already holds `{heading}`", column_name(first))),
            );
            continue;
        }
        columns.push((col, heading));
    }
    let Some(period_col) = period_col else {
        let first_col = head.keys().next().copied().unwrap_or(0);
        diags.push(
            table
                .at(codes::MISSING_FIELD, (head_row, first_col), "the table has no `period` column".into())
                .with_hint(
                    "name the first column `period`, and the others by party code (e.g. `period, CA, US`)",
                ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut periods: BTreeMap<String, u32> = BTreeMap::new();
    for (&row, (_, cells)) in rows {
        if cells.values().all(|v| *v == Value::Empty) {
            continue;
        }
        let period = match cells.get(&period_col).unwrap_or(&Value::Empty) {
            Value::Empty => {
                diags.push(
                    table
                        .at(
                            codes::MISSING_FIELD,
                            (row, period_col),
                            "this row has figures but no period".into(),
                        )
                        .with_hint(
                            "write the period (YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD), or delete the row",
                        ),
                );
                continue;
            }
            Value::Date(d) => Some(d.clone()),
            Value::Text(t) if crate::load::update::is_period(t) => Some(t.clone()),
            // A year typed into a cell is stored as a number.
            Value::Number(n) if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) => Some(format!("{n:.0}")),
            _ => None,
        };
        let Some(period) = period else {
            let shown = show(cells.get(&period_col).unwrap_or(&Value::Empty));
            diags.push(
                table
                    .at(codes::BAD_PERIOD, (row, period_col), format!("`{shown}` is not a period"))
                    .with_hint("write periods as YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD (as text, e.g. 2021-03), or store a day as a date"),
            );
            continue;
        };
        if let Some(first) = periods.get(&period) {
            diags.push(
                table
                    .at(
                        codes::DUPLICATE_ID,
                        (row, period_col),
                        format!("period {period} appears twice for `{}`", import.metric.value),
                    )
                    .with_hint(format!("row {} already holds {period}: keep one row per period", first + 1)),
            );
            continue;
        }
        periods.insert(period.clone(), row);
        let loc = |col: u32| table.loc((row, col));
        let mut values = Vec::new();
        for (col, party) in &columns {
            let number = match cells.get(col).unwrap_or(&Value::Empty) {
                // An empty cell is a gap: not reported, never a zero.
                Value::Empty => continue,
                // A cell may hold `NaN` or `inf`, which no chart can draw.
                Value::Number(n) => Some(*n).filter(|n| n.is_finite()),
                Value::Text(t) => {
                    t.parse::<f64>().ok().filter(|n| n.is_finite() && !t.contains(['i', 'I', 'n', 'N']))
                }
                Value::Date(_) | Value::Other(_) => None,
            };
            match number {
                Some(n) => values.push((At::new(party.clone(), loc(*col)), n)),
                None => {
                    let shown = show(cells.get(col).unwrap_or(&Value::Empty));
                    diags.push(
                        table
                            .at(codes::WRONG_TYPE, (row, *col), format!("`{shown}` for {party} in {period} is not a number"))
                            .with_hint("write a number such as 35 or 12.5 (a point for decimals, no units or thousands separators), or leave the cell empty for a gap"),
                    );
                }
            }
        }
        out.push(Observation { period: At::new(period, loc(period_col)), values });
    }
    out
}

fn show(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Text(t) | Value::Date(t) | Value::Other(t) => crate::yaml::read::abridged(t),
        Value::Number(n) => crate::yaml::read::show_number(*n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Imports `bytes` as `data/x.<ext>` for metric `m`: the diagnostics.
    fn import(ext: &str, bytes: &[u8], range: Option<&str>) -> (Vec<Observation>, Vec<Diagnostic>) {
        let import = MetricImport {
            metric: At::new("m".into(), Loc::new(5, 3)),
            file: At::new(format!("data/x.{ext}"), Loc::new(5, 10)),
            sheet: None,
            range: range.map(|r| At::new(r.to_string(), Loc::new(5, 30))),
        };
        let mut diags = Diagnostics::new();
        let parties = ["CA".to_string(), "US".to_string()];
        let obs = import_one("updates/2021-05-26/g.yaml", &import, bytes, Some(&parties), &mut diags);
        (obs, diags.into_iter().collect())
    }

    #[test]
    fn a_csv_table_reads_as_yaml_observations_would() {
        let (obs, diags) = import(
            "csv",
            "\u{feff}Period,CA,US\r\n2021-03, 11.0 ,290.5\r\n\r\n2021-Q2,,-3e2\r\n".as_bytes(),
            None,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let got: Vec<(&str, Vec<(&str, f64)>)> = obs
            .iter()
            .map(|o| {
                (o.period.value.as_str(), o.values.iter().map(|(p, v)| (p.value.as_str(), *v)).collect())
            })
            .collect();
        assert_eq!(got, [("2021-03", vec![("CA", 11.0), ("US", 290.5)]), ("2021-Q2", vec![("US", -300.0)])]);
        // A range keeps to its cells: here the CA column alone.
        let (obs, _) = import("csv", b"period,CA,US\n2021-03,1,2\n", Some("A1:B2"));
        assert_eq!(obs[0].values.len(), 1);
        // Not a number, whatever Rust's parser would take.
        for bad in ["inf", "NaN", "\"1,5\"", "1 000", "12kg"] {
            let (_, diags) = import("csv", format!("period,CA\n2021-03,{bad}\n").as_bytes(), None);
            assert_eq!(diags.len(), 1, "{bad}: {diags:?}");
            assert_eq!((diags[0].code, diags[0].line, diags[0].column), ("wrong-type", 2, 2), "{bad}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        #[test]
        fn the_importer_never_panics_on_random_csv(text in "[a-zA-Z0-9,;\"\n\r .:QU-]{0,200}") {
            let (_, diags) = import("csv", text.as_bytes(), None);
            for d in diags {
                prop_assert!(d.line >= 1 && d.column >= 1, "{d:?}");
            }
        }

        #[test]
        fn the_importer_never_panics_on_random_workbooks(bytes in proptest::collection::vec(any::<u8>(), 0..400), zip in any::<bool>()) {
            let mut data = if zip { b"PK\x03\x04".to_vec() } else { Vec::new() };
            data.extend(bytes);
            let (obs, diags) = import("xlsx", &data, None);
            prop_assert!(obs.is_empty());
            prop_assert!(!diags.is_empty());
        }
    }

    /// A zip of `entries` (name, text).
    fn zipped(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in entries {
            zip.start_file(*name, opts).unwrap();
            std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// An XLSX workbook of one sheet whose `<sheetData>` is `cells` (`<c>`
    /// elements, each with its `r`).
    fn xlsx(dimension: &str, cells: &str) -> Vec<u8> {
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
        );
        zipped(&[
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", &sheet),
        ])
    }

    /// The header and one row of figures, then `more` cells.
    fn xlsx_table(more: &str) -> Vec<u8> {
        xlsx(
            "A1:XFD1048576",
            &format!(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>period</t></is></c><c r="B1" t="inlineStr"><is><t>CA</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2021-03</t></is></c><c r="B2"><v>4.5</v></c></row>{more}"#
            ),
        )
    }

    /// An ODS workbook whose one table's rows are `rows`.
    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zipped(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
            ),
            ("content.xml", &content),
        ])
    }

    const ODS_HEAD: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>period</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>CA</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>2021-03</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="4.5"><text:p>4.5</text:p></table:table-cell></table:table-row>"#;

    fn codes(diags: &[Diagnostic]) -> Vec<(&str, &str, u32, u32)> {
        diags.iter().map(|d| (d.code, d.file.as_str(), d.line, d.column)).collect()
    }

    #[test]
    fn an_xlsx_costs_its_real_cells_however_far_apart() {
        // A1 and XFD1048576 (the last cell a sheet has), or Z1000000 alone:
        // read cell by cell, each is one cell, reported where it is.
        for (far, row, col) in [("XFD1048576", 1_048_576, 16_384), ("Z1000000", 1_000_000, 26)] {
            let book = xlsx_table(&format!(r#"<row r="{row}"><c r="{far}"><v>5</v></c></row>"#));
            let (obs, diags) = import("xlsx", &book, None);
            assert_eq!(obs.len(), 1, "{far}: {diags:?}");
            assert_eq!(codes(&diags), [("missing-field", "data/x.xlsx", row, 1)], "{far}");
            let (_, alone) = import(
                "xlsx",
                &xlsx(&format!("{far}:{far}"), &format!(r#"<row r="{row}"><c r="{far}"><v>5</v></c></row>"#)),
                None,
            );
            // Alone, the cell is the heading row: a number, not a party.
            assert_eq!(codes(&alone)[0], ("unknown-party", "data/x.xlsx", row, col), "{far} alone");
        }
        // Within a range, the cells beyond it are not kept.
        let book = xlsx_table(r#"<row r="1048576"><c r="XFD1048576"><v>5</v></c></row>"#);
        let (obs, diags) = import("xlsx", &book, Some("A1:B2"));
        assert!(diags.is_empty() && obs.len() == 1, "{diags:?}");
    }

    #[test]
    fn an_xlsx_whose_strings_table_declares_more_than_it_could_hold_is_refused() {
        let with_strings = |count: &str| {
            let book = xlsx_table("");
            let mut zip = zip::ZipArchive::new(Cursor::new(book)).unwrap();
            let mut entries: Vec<(String, String)> = (0..zip.len())
                .map(|i| {
                    let mut e = zip.by_index(i).unwrap();
                    let mut text = String::new();
                    std::io::Read::read_to_string(&mut e, &mut text).unwrap();
                    (e.name().unwrap().to_string(), text)
                })
                .collect();
            entries.push((
                "xl/sharedStrings.xml".into(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="{count}"><si><t>x</t></si></sst>"#),
            ));
            let refs: Vec<(&str, &str)> = entries.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
            zipped(&refs)
        };
        // A count that would end the program (it asks for exabytes) is
        // refused; a plain one, or one no number holds, reads as before.
        for (count, refused) in [
            ("99999999999999999", true),
            ("30000000", true),
            ("1", false),
            ("25000", false),
            ("999999999999999999999999", false),
        ] {
            let (obs, diags) = import("xlsx", &with_strings(count), None);
            let unreadable = diags.iter().any(|d| d.code == "data-file" && d.message.contains("strings"));
            assert_eq!(unreadable, refused, "{count}: {diags:?}");
            assert_eq!(obs.len(), usize::from(!refused), "{count}: {diags:?}");
        }
    }

    #[test]
    fn an_xlsx_cell_of_nan_or_infinity_is_not_a_number() {
        for v in ["NaN", "nan", "inf", "-inf", "Infinity", "-Infinity"] {
            let book = xlsx_table(&format!(
                r#"<row r="3"><c r="A3" t="inlineStr"><is><t>2021-04</t></is></c><c r="B3"><v>{v}</v></c></row>"#
            ));
            let (obs, diags) = import("xlsx", &book, None);
            assert_eq!(codes(&diags), [("wrong-type", "data/x.xlsx", 3, 2)], "{v}");
            assert_eq!(diags[0].cell.as_deref(), Some("Sheet1!B3"), "{v}");
            assert_eq!(obs.len(), 2, "{v}: the period stays, without a figure");
            assert!(obs[1].values.is_empty(), "{v}");
        }
    }

    #[test]
    fn an_ods_or_xls_whose_used_range_is_too_large_is_refused_before_it_is_read() {
        // What their readers would hold (values and formulas), counted first.
        let wide_cell = r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16000"/>"#;
        let far = [
            // 16,000 columns of one cell, in one row (32,000 cells: read).
            (format!("<table:table-row>{wide_cell}</table:table-row>"), false),
            // ... repeated in 1,000 rows.
            (
                format!(
                    r#"<table:table-row table:number-rows-repeated="1000">{wide_cell}</table:table-row>"#
                ),
                true,
            ),
            // A cell far to the right of the table, past empty columns.
            (
                r#"<table:table-row><table:table-cell table:number-columns-repeated="16380"/><table:table-cell office:value="1" office:value-type="float"/></table:table-row><table:table-row table:number-rows-repeated="100"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value="1" office:value-type="float"/></table:table-row>"#.to_string(),
                true,
            ),
            // A cell a million rows down.
            (
                r#"<table:table-row table:number-rows-repeated="999999"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#.to_string(),
                true,
            ),
        ];
        for (i, (rows, refused)) in far.iter().enumerate() {
            let (_, diags) = import("ods", &ods(&format!("{ODS_HEAD}{rows}")), None);
            let too_large = codes(&diags).contains(&("too-large", "data/x.ods", 1, 1));
            assert_eq!(too_large, *refused, "ODS case {i}: {diags:?}");
        }
        let (obs, diags) = import("ods", &ods(ODS_HEAD), None);
        assert!(diags.is_empty() && obs.len() == 1, "{diags:?}");
        assert_eq!(
            (grouped(MAX_CELLS), grouped(999), grouped(1_000)),
            ("1,000,000".into(), "999".into(), "1,000".into())
        );

        use super::super::sheet_size::tests::xls;
        for (cells, refused) in [
            (vec![(0, 0, 1.0), (1, 1, 2.0)], false),
            (vec![(0, 0, 1.0), (65_535, 255, 2.0)], true),
            (vec![(0, 0, 1.0), (9, 65_535, 2.0)], true),
            (vec![(0, 0, 1.0), (999, 100, 2.0)], false),
        ] {
            let (_, diags) = import("xls", &xls(&cells), None);
            let too_large = codes(&diags).contains(&("too-large", "data/x.xls", 1, 1));
            assert_eq!(too_large, refused, "XLS {cells:?}: {diags:?}");
            if !refused {
                // Read: its heading row of numbers names no party.
                assert_eq!(diags[0].code, "unknown-party", "read: {diags:?}");
            }
        }
    }

    #[test]
    fn xls_and_ods_workbooks_of_real_writers_read_after_their_size_is_counted() {
        // Written by xlwt and odfpy: the XLS in its compound file's mini stream.
        for ext in ["xls", "ods"] {
            let path = format!("{}/tests/fixtures/sheets/seizures.{ext}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&path).unwrap();
            let cost = match ext {
                "xls" => sheet_size::xls_cells(&bytes),
                _ => sheet_size::ods_cells(&bytes),
            };
            assert!(matches!(cost, Ok(1..=40)), "{ext}: {cost:?}");
            let (obs, diags) = import(ext, &bytes, None);
            assert!(diags.is_empty(), "{ext}: {diags:?}");
            let got: Vec<(&str, Vec<(&str, f64)>)> = obs
                .iter()
                .map(|o| {
                    (o.period.value.as_str(), o.values.iter().map(|(p, v)| (p.value.as_str(), *v)).collect())
                })
                .collect();
            let last = match ext {
                "xls" => ("2021", vec![("CA", 3.0)]),
                _ => ("2021-04", vec![("US", 3.0)]),
            };
            assert_eq!(got, [("2021-03", vec![("CA", 11.5), ("US", 290.0)]), last], "{ext}");
        }
    }

    #[test]
    fn ranges_and_cell_names_read_as_spreadsheets_write_them() {
        assert_eq!(CellRange::parse("A1:C13"), Some(CellRange { first: (0, 0), last: (12, 2) }));
        assert_eq!(CellRange::parse("$B$2:$AA$3"), Some(CellRange { first: (1, 1), last: (2, 26) }));
        assert_eq!(CellRange::parse("B2"), Some(CellRange { first: (1, 1), last: (1, 1) }));
        for bad in ["", "A0:B2", "C3:A1", "1A:B2", "A1:", "ZZZZ1:A2", "A1:B2:C3"] {
            assert_eq!(CellRange::parse(bad), None, "{bad}");
        }
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(16_383), "XFD");
    }
}
