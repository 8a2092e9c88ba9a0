//! Writes the example committee's spreadsheet, `content/data/seizures.xlsx`:
//! the Border Security group's seizure figures of the 2021-05-26 update, as a
//! working group would keep them in Excel (a title row, then the table).
//!
//! ```sh
//! cargo run --example make-data      # writes content/data/seizures.xlsx
//! ```
//!
//! The file is committed; `tests/data.rs` checks that this program still
//! writes the same bytes, so the binary file is reviewed here, as text.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The workbook's bytes: sheet `Seizures`, a title in A1, the table in
/// A3:C5 (`period`, `CA`, `US`), kilograms, illustrative sample data.
pub fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title("Fentanyl seized at ports of entry")
            .set_author("Border Security working group")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2021, 5, 26)?),
    );
    let ws = book.add_worksheet();
    ws.set_name("Seizures")?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(
        0,
        0,
        "Fentanyl seized at ports of entry, kg (illustrative sample data)",
        &bold,
    )?;
    ws.write_string_with_format(2, 0, "period", &bold)?;
    ws.write_string_with_format(2, 1, "CA", &bold)?;
    ws.write_string_with_format(2, 2, "US", &bold)?;
    let rows = [("2021-03", 11.0, 290.5), ("2021-04", 12.5, 310.0)];
    for (i, (period, ca, us)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *period)?;
        ws.write_number(r, 1, *ca)?;
        ws.write_number(r, 2, *us)?;
    }
    ws.set_column_width(0, 12)?;
    book.save_to_buffer()
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data");
    std::fs::create_dir_all(&root)?;
    std::fs::write(root.join("seizures.xlsx"), workbook()?)?;
    println!("wrote {}", root.join("seizures.xlsx").display());
    Ok(())
}
