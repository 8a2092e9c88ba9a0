//! What reading a workbook would cost, known before it is read.
//!
//! An XLSX (or XLSB) sheet is read cell by cell, so its cost is its real
//! cells. The XLS and ODS readers, though, read every sheet of the workbook
//! when it is opened, into a dense grid over each sheet's used range: two
//! cells `A1` and one far away, or a cell repeated 16,000 columns wide, would
//! take gigabytes from a file of a few hundred bytes. So before such a
//! workbook is opened, its sheets are walked here the way that reader walks
//! them (the XLS compound file, its record stream and sheet offsets; the ODS
//! `content.xml`, its repeated rows and columns), and the cells of the grids
//! it would build are counted. A file whose structure the reader would follow
//! in a loop (a sector chain that comes back on itself) or beyond its bytes
//! is refused too: legitimate files never do either. So is an XLSX whose
//! table of strings declares more strings than its bytes could hold: its
//! reader sets room aside for them first.
//!
//! Imports only `std`, `zip` and `quick_xml`.

use std::io::{BufReader, Cursor};

/// What a workbook is, by its bytes rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xls,
    Xlsx,
    Xlsb,
    Ods,
    Unknown,
}

/// The format of a workbook, from its first bytes and, for a zip, its entries.
pub fn format(bytes: &[u8]) -> Format {
    if bytes.starts_with(CFB_SIGNATURE) {
        return Format::Xls;
    }
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Format::Unknown };
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("xl/workbook.bin") {
        Format::Xlsb
    } else if has("content.xml") {
        Format::Ods
    } else {
        Format::Unknown
    }
}

/// Why a workbook's cost could not be known.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

// ---------------------------------------------------------------------------
// ODS

const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// The cells the ODS reader would hold for every table of `bytes`: the cells
/// of each XML row as written, plus the grid over each table's used range
/// with its repeated rows and columns spread out.
pub fn ods_cells(bytes: &[u8]) -> Result<u64, Malformed> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Malformed("not a zip file"))?;
    let entry = zip.by_name("content.xml").map_err(|_| Malformed("no content.xml"))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
    // Configured as the ODS reader configures its own.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut total = 0u64;
    // One table's counts while inside it.
    let mut table: Option<OdsTable> = None;
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            // The reader stops where the XML breaks, and so does the count.
            Err(_) => break,
        };
        match event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "table:table" && table.is_none() => {
                table = Some(OdsTable::default());
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    total = total.saturating_add(t.cost());
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let Some(t) = table.as_mut() else { continue };
                let repeats = repeat(&e, "table:number-rows-repeated");
                let repeats = repeats.min(ODS_MAX_ROWS.saturating_sub(t.rows));
                let row = ods_row(&mut reader)?;
                t.written = t.written.saturating_add(row.len);
                if let Some((first, last)) = row.used {
                    t.row_min = t.row_min.min(t.rows);
                    t.row_max = t.row_max.max(t.rows + repeats.max(1) - 1);
                    t.col_min = t.col_min.min(first);
                    t.col_max = t.col_max.max(last);
                    t.any = true;
                }
                t.rows = t.rows.saturating_add(repeats);
            }
            _ => {}
        }
    }
    if let Some(t) = table {
        total = total.saturating_add(t.cost());
    }
    Ok(total)
}

#[derive(Default)]
struct OdsTable {
    /// Rows so far, repeats spread out.
    rows: u64,
    /// Cells of the rows as written (each row's cells up to its last used one).
    written: u64,
    any: bool,
    row_min: u64,
    row_max: u64,
    col_min: u64,
    col_max: u64,
}

impl OdsTable {
    fn cost(&self) -> u64 {
        let grid = if self.any {
            let rows = self.row_max.saturating_sub(self.row_min) + 1;
            let cols = self.col_max.saturating_sub(self.col_min) + 1;
            rows.saturating_mul(cols)
        } else {
            0
        };
        // The values and the formulas each get both.
        self.written.saturating_add(grid).saturating_mul(2)
    }
}

struct OdsRow {
    /// The cells the reader keeps for the row: up to its last used one.
    len: u64,
    /// The first and last used columns.
    used: Option<(u64, u64)>,
}

fn repeat(e: &quick_xml::events::BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

/// Reads one `table:table-row` up to its end, as the ODS reader spreads it
/// out: an empty cell counts only when a used one follows it.
fn ods_row<R: std::io::BufRead>(reader: &mut quick_xml::Reader<R>) -> Result<OdsRow, Malformed> {
    use quick_xml::events::Event;
    let mut buf = Vec::new();
    let (mut cursor, mut pending_empty) = (0u64, 0u64);
    let mut used: Option<(u64, u64)> = None;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e))
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let repeats = repeat(&e, "table:number-columns-repeated");
                let mut filled = e.attributes().with_checks(false).flatten().any(|a| {
                    let key = a.key.as_ref();
                    key.starts_with("office:") || key == "table:formula"
                });
                // Any content (a paragraph of text) makes the cell a value.
                let mut depth = 0usize;
                let mut inner = Vec::new();
                loop {
                    inner.clear();
                    match reader.read_event_into(&mut inner) {
                        Ok(Event::Start(_)) => {
                            filled = true;
                            depth += 1;
                        }
                        Ok(Event::End(_)) if depth == 0 => break,
                        Ok(Event::End(_)) => depth -= 1,
                        Ok(Event::Text(t)) if !t.as_ref().trim().is_empty() => filled = true,
                        Ok(Event::Eof) | Err(_) => return Err(Malformed("a cell that does not end")),
                        Ok(_) => {}
                    }
                }
                cursor += pending_empty.min(ODS_MAX_COLUMNS.saturating_sub(cursor));
                pending_empty = 0;
                let repeats = repeats.min(ODS_MAX_COLUMNS.saturating_sub(cursor));
                if filled && repeats > 0 {
                    let (first, last) = (cursor, cursor + repeats - 1);
                    used = Some(used.map_or((first, last), |(f, _)| (f, last)));
                    cursor += repeats;
                } else {
                    pending_empty = repeats;
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => break,
            Ok(Event::Eof) | Err(_) => return Err(Malformed("a row that does not end")),
            // Anything else in a row: the reader refuses the file.
            Ok(Event::Start(_)) => return Err(Malformed("a row holding something other than cells")),
            Ok(_) => {}
        }
    }
    Ok(OdsRow { len: cursor, used })
}

// ---------------------------------------------------------------------------
// XLSX

/// Checks what an XLSX workbook's shared string tables declare: the reader
/// sets room aside for every string a table says it holds (`<sst
/// uniqueCount="…">`) before it reads one, and a count of 10^17 makes it
/// ask for more memory than there is, which ends the program. A table holds
/// at most one string for every 5 bytes (`<si/>`) of a workbook that
/// unzips to at most `max_unzipped` bytes.
pub fn xlsx_strings(bytes: &[u8], max_unzipped: u64) -> Result<(), Malformed> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Malformed("not a zip file"))?;
    let most = max_unzipped / 5;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let name = entry.name().map(|n| n.to_ascii_lowercase().replace('\\', "/")).unwrap_or_default();
        if !name.ends_with("sharedstrings.xml") {
            continue;
        }
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(entry));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    let count = e
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .find(|a| a.key.as_ref() == "uniqueCount")
                        .map(|a| a.value.trim().to_string());
                    // A count no number type holds is not read as one.
                    if count.and_then(|c| c.parse::<u64>().ok()).is_some_and(|n| n > most) {
                        return Err(Malformed("a table of strings that declares more than it could hold"));
                    }
                    break;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// XLS

const CFB_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// A compound file's sectors, as the XLS reader reads them.
struct Sectors<'a> {
    /// The bytes after the header.
    data: &'a [u8],
    size: usize,
    maxid: usize,
}

impl<'a> Sectors<'a> {
    /// Sector `id`: short or empty past the end of the file, as read.
    fn get(&self, id: u32) -> Result<&'a [u8], Malformed> {
        let id = id as usize;
        if id > self.maxid {
            return Err(Malformed("a sector beyond the file"));
        }
        let start = (id * self.size).min(self.data.len());
        Ok(&self.data[start..(start + self.size).min(self.data.len())])
    }

    /// The chain of sectors from `start`, up to `len` bytes; a chain that
    /// comes back to a sector it has passed is refused (the reader would
    /// follow it until its memory runs out).
    fn chain(&self, mut id: u32, fat: &[u32], len: usize) -> Result<Vec<u8>, Malformed> {
        let mut seen = vec![false; self.maxid + 1];
        let mut out = Vec::new();
        while id != ENDOFCHAIN {
            let sector = self.get(id)?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(Malformed("a sector chain that loops"));
            }
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            id = *fat.get(id as usize).ok_or(Malformed("a sector outside the allocation table"))?;
        }
        Ok(out)
    }
}

/// The workbook stream of an XLS compound file.
fn xls_stream(bytes: &[u8]) -> Result<Vec<u8>, Malformed> {
    if bytes.len() < 512 || !bytes.starts_with(CFB_SIGNATURE) {
        return Err(Malformed("not a compound file"));
    }
    let version = u16_at(bytes, 26).unwrap_or(0);
    let size = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err(Malformed("an unknown sector size")),
    };
    if bytes.len() < size {
        return Err(Malformed("a header cut short"));
    }
    let header = &bytes[..512];
    let sectors = Sectors { data: &bytes[size..], size, maxid: bytes.len() / size };
    let dir_start = u32_at(header, 48).unwrap_or(ENDOFCHAIN);
    let mini_fat_start = u32_at(header, 60).unwrap_or(ENDOFCHAIN);
    let mini_fat_len = u32_at(header, 64).unwrap_or(0) as usize;
    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut id = u32_at(header, 68).unwrap_or(ENDOFCHAIN);
    let mut hops = 0usize;
    while id < RESERVED_SECTORS {
        hops += 1;
        if hops > sectors.maxid + 1 {
            return Err(Malformed("an allocation table that loops"));
        }
        difat.extend(u32s(sectors.get(id)?));
        id = difat.pop().ok_or(Malformed("an allocation table cut short"))?;
    }
    // Each sector of the allocation table is a sector of the file, listed
    // once: a list that names one twice (or names more than the file has)
    // would have the reader build a table many times the file's size.
    let mut fat = Vec::new();
    let mut listed = vec![false; sectors.maxid + 1];
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        if listed.get(id as usize).is_none_or(|seen| *seen) {
            return Err(Malformed("an allocation table that names a sector twice"));
        }
        listed[id as usize] = true;
        fat.extend(u32s(sectors.get(id)?));
    }
    let dirs = sectors.chain(dir_start, &fat, usize::MAX)?;
    let dirs: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> = d[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(nul) = name.find('\0') {
                name.truncate(nul);
            }
            let start = u32_at(d, 116).unwrap_or(ENDOFCHAIN);
            let len = if size == 512 {
                u32_at(d, 120).unwrap_or(0) as usize
            } else {
                u64::from_le_bytes(d[120..128].try_into().unwrap_or([0; 8])) as usize
            };
            (name, start, len)
        })
        .collect();
    if dirs.is_empty() || (version != 3 && dirs[0].1 == ENDOFCHAIN) {
        return Err(Malformed("no root directory"));
    }
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let stream = sectors.chain(dirs[0].1, &fat, dirs[0].2)?;
        let mini_fat = sectors.chain(mini_fat_start, &fat, mini_fat_len.saturating_mul(size))?;
        (u32s(&mini_fat).collect::<Vec<_>>(), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let stream = |name: &str| -> Result<Vec<u8>, Malformed> {
        let (_, start, len) = dirs
            .iter()
            .find(|d| d.0.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
            .ok_or(Malformed("no workbook stream"))?;
        if *len < 4096 {
            // Mini sectors past the mini stream would be read from wherever
            // the file was last read: refused.
            let minis = Sectors { data: &mini_stream, size: 64, maxid: sectors.maxid * 8 };
            let mut seen = vec![false; minis.maxid + 1];
            let (mut id, mut out) = (*start, Vec::new());
            while id != ENDOFCHAIN {
                let s = minis.get(id)?;
                if s.len() < 64 || std::mem::replace(&mut seen[id as usize], true) {
                    return Err(Malformed("a mini sector chain that loops or leaves its stream"));
                }
                out.extend_from_slice(&s[..s.len().min(len - out.len())]);
                if out.len() >= *len {
                    break;
                }
                id = *mini_fat.get(id as usize).ok_or(Malformed("a mini sector outside its table"))?;
            }
            Ok(out)
        } else {
            sectors.chain(*start, &fat, *len)
        }
    };
    stream("Workbook").or_else(|e| stream("Book").map_err(|_| e))
}

/// The records of a BIFF stream as the XLS reader splits them: (type, data),
/// `Continue` records folded into the one before them.
fn records(mut s: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let t = u16_at(s, 0)?;
        let len = u16_at(s, 2)? as usize;
        let data = s.get(4..4 + len)?;
        s = &s[4 + len..];
        while s.len() > 4 && u16_at(s, 0) == Some(0x003C) {
            let len = u16_at(s, 2)? as usize;
            s.get(4..4 + len)?;
            s = &s[4 + len..];
        }
        Some((t, data))
    })
}

/// The cells the XLS reader would hold for every sheet of `bytes`: the grid
/// over each sheet's used range (values and formulas), and the room a
/// sheet's `Dimensions` record has it set aside.
pub fn xls_cells(bytes: &[u8]) -> Result<u64, Malformed> {
    let stream = xls_stream(bytes)?;
    let mut sheets = Vec::new();
    for (typ, data) in records(&stream) {
        match typ {
            0x0085 => sheets.push(u32_at(data, 0).ok_or(Malformed("a sheet record cut short"))? as usize),
            0x000A => break,
            _ => {}
        }
    }
    let mut total = 0u64;
    for pos in sheets {
        let sheet = stream.get(pos..).ok_or(Malformed("a sheet beyond the workbook"))?;
        let mut bounds: Option<(u32, u32, u32, u32)> = None;
        let mut set_aside = 0u64;
        let mut add = |row: u32, col: u32| {
            let b = bounds.get_or_insert((row, row, col, col));
            *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
        };
        let (mut formula_at, mut seen_bof, mut depth) = ((0, 0), false, 0usize);
        for (typ, data) in records(sheet) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let at = || Some((u16_at(data, 0)? as u32, u16_at(data, 2)? as u32));
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    // As the reader takes the record, wrapping and all.
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (
                            u16_at(data, 0).unwrap_or(0) as u32,
                            u16_at(data, 2).unwrap_or(0) as u32,
                            u16_at(data, 4).unwrap_or(0) as u32,
                            u16_at(data, 6).unwrap_or(0) as u32,
                        ),
                        14 | 16 => (
                            u32_at(data, 0).unwrap_or(0),
                            u32_at(data, 4).unwrap_or(0),
                            u16_at(data, 8).unwrap_or(0) as u32,
                            u16_at(data, 10).unwrap_or(0) as u32,
                        ),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    let end = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
                    let rows = end.0.wrapping_sub(rf).wrapping_add(1) as u64;
                    let cols = end.1.wrapping_sub(cf).wrapping_add(1) as u64;
                    set_aside = set_aside.max(rows.saturating_mul(cols));
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((r, c)) = at() {
                        add(r, c);
                    }
                }
                0x0207 => add(formula_at.0, formula_at.1),
                0x0006 => {
                    if let Some((r, c)) = at() {
                        formula_at = (r, c);
                        add(r, c);
                    }
                }
                0x00BD => {
                    if let (Some((r, first)), Some(last)) = (at(), u16_at(data, data.len().saturating_sub(2)))
                    {
                        let spread = (data.len().saturating_sub(6) / 6) as u32;
                        add(r, first);
                        add(r, (last as u32).max(first + spread));
                    }
                }
                _ => {}
            }
        }
        let grid = bounds.map_or(0, |(r0, r1, c0, c1)| (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64);
        // The values and the formulas each get a grid.
        total = total.saturating_add(grid.saturating_mul(2)).saturating_add(set_aside);
    }
    Ok(total)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A compound file holding one stream `Workbook` of `stream` (padded to
    /// 4096 bytes, so it lives in the main sectors).
    pub(crate) fn compound_file(stream: &[u8]) -> Vec<u8> {
        let mut stream = stream.to_vec();
        if stream.len() < 4096 {
            // An unknown record after the last sheet pads the stream.
            let pad = 4096 - stream.len() - 4;
            stream.extend(record(0x0001, &vec![0; pad]));
        }
        let n = stream.len().div_ceil(512);
        stream.resize(n * 512, 0);
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(CFB_SIGNATURE);
        header[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[44..48].copy_from_slice(&1u32.to_le_bytes());
        header[48..52].copy_from_slice(&1u32.to_le_bytes());
        header[56..60].copy_from_slice(&4096u32.to_le_bytes());
        header[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        header[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            header[76 + i * 4..80 + i * 4].copy_from_slice(&v.to_le_bytes());
        }
        // Sector 0: the allocation table; 1: the directory; 2..: the stream.
        let mut fat = vec![0xFFFF_FFFFu32; 128];
        fat[0] = 0xFFFF_FFFD;
        fat[1] = ENDOFCHAIN;
        for i in 0..n {
            fat[2 + i] = if i + 1 == n { ENDOFCHAIN } else { (3 + i) as u32 };
        }
        let mut dir = vec![0u8; 512];
        let entry = |dir: &mut Vec<u8>, at: usize, name: &str, typ: u8, start: u32, len: u32| {
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                dir[at + i * 2..at + i * 2 + 2].copy_from_slice(&u.to_le_bytes());
            }
            dir[at + 64..at + 66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
            dir[at + 66] = typ;
            for sib in [68, 72, 76] {
                dir[at + sib..at + sib + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
            }
            dir[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
            dir[at + 120..at + 124].copy_from_slice(&len.to_le_bytes());
        };
        entry(&mut dir, 0, "Root Entry", 5, ENDOFCHAIN, 0);
        dir[76..80].copy_from_slice(&1u32.to_le_bytes());
        entry(&mut dir, 128, "Workbook", 2, 2, stream.len() as u32);
        let mut out = header;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        out.extend(dir);
        out.extend(stream);
        out
    }

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// An XLS workbook of one sheet `Sheet1` whose number cells are `cells`
    /// (row, column, value).
    pub(crate) fn xls(cells: &[(u16, u16, f64)]) -> Vec<u8> {
        let bof = record(0x0809, &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let mut sheet_rec = vec![0u8; 6];
        sheet_rec.extend([6u8, 0]); // a short name, 8-bit
        sheet_rec.extend(b"Sheet1");
        let globals_len = bof.len() + 4 + sheet_rec.len() + 4;
        sheet_rec[..4].copy_from_slice(&(globals_len as u32).to_le_bytes());
        let mut s = bof.clone();
        s.extend(record(0x0085, &sheet_rec));
        s.extend(record(0x000A, &[]));
        assert_eq!(s.len(), globals_len);
        s.extend(record(0x0809, &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        for &(row, col, v) in cells {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            d.extend(v.to_le_bytes());
            s.extend(record(0x0203, &d));
        }
        s.extend(record(0x000A, &[]));
        compound_file(&s)
    }

    #[test]
    fn an_xls_costs_the_grid_over_its_used_range() {
        let book = xls(&[(0, 0, 1.0), (0, 1, 2.0), (1, 0, 3.0)]);
        assert_eq!(format(&book), Format::Xls);
        assert_eq!(xls_cells(&book), Ok(8));
        // Two cells far apart: a grid of 65,536 by 256.
        let far = xls(&[(0, 0, 1.0), (65_535, 255, 2.0)]);
        assert_eq!(xls_cells(&far), Ok(2 * 65_536 * 256));
        // The reader itself reads the small one as the grid said.
        let mut read: calamine::Xls<_> = calamine::Reader::new(Cursor::new(book)).unwrap();
        let range = calamine::Reader::worksheet_range(&mut read, "Sheet1").unwrap();
        assert_eq!(range.get_size(), (2, 2));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Counting never panics, whatever bytes of a workbook are changed
        /// (it runs before the reader, outside its guard).
        #[test]
        fn counting_a_damaged_workbook_never_panics(
            changes in proptest::collection::vec((proptest::prelude::any::<usize>(), proptest::prelude::any::<u8>()), 1..12),
            which in 0usize..3,
        ) {
            let fixture = |name: &str| std::fs::read(format!("{}/tests/fixtures/sheets/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let mut bytes = match which {
                0 => fixture("seizures.xls"),
                1 => xls(&[(0, 0, 1.0), (3, 2, 2.0)]),
                _ => fixture("seizures.ods"),
            };
            for (at, b) in changes {
                let n = bytes.len();
                bytes[at % n] = b;
            }
            let _ = format(&bytes);
            let _ = xls_cells(&bytes);
            let _ = ods_cells(&bytes);
        }
    }

    #[test]
    fn a_compound_file_whose_chain_loops_is_refused() {
        let mut book = xls(&[(0, 0, 1.0)]);
        // The stream's last sector points back at its first.
        let fat = 512;
        let n = (book.len() - 512 * 3) / 512;
        let last = fat + (2 + n - 1) * 4;
        book[last..last + 4].copy_from_slice(&2u32.to_le_bytes());
        // Its length says far more than the file holds.
        let dir_len = 512 * 2 + 128 + 120;
        book[dir_len..dir_len + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(xls_cells(&book), Err(Malformed("a sector chain that loops")));
        // The header lists the one allocation sector 109 times: each would
        // add its 128 entries to the table again.
        let mut book = xls(&[(0, 0, 1.0)]);
        for i in 0..109 {
            book[76 + i * 4..80 + i * 4].copy_from_slice(&0u32.to_le_bytes());
        }
        assert_eq!(xls_cells(&book), Err(Malformed("an allocation table that names a sector twice")));
    }
}
