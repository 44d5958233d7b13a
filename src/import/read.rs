//! Reading a 题库 file: every sheet of an `.xlsx`, `.xls` or `.ods` workbook, or one
//! `.csv` file (UTF-8 or GB18030), as the clerk sees it.
//!
//! In: a path. Out: one [`Sheet`] per worksheet, each cell as text at its place in the
//! sheet (row 1 is `rows[0]`, even when the sheet starts lower down), with the value of
//! each merged cell filled into every row it covers (and a CSV cell that xuexi made
//! inert, `'=1+1`, as the text it came from: [`crate::inert::revert`]); or an
//! [`ImportError`] saying why the file cannot be read.

use std::path::Path;

use super::ImportError;

/// One worksheet as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (for a CSV file, the file name without `.csv`).
    pub name: String,
    /// Every row from row 1; a cell is its text, `""` when empty.
    pub rows: Vec<Vec<String>>,
    /// Merged regions spanning rows whose value was filled down, as A1 ranges (`B3:B5`).
    pub merged: Vec<String>,
}

/// Reads every sheet of a spreadsheet, or the one "sheet" of a CSV file.
pub fn read(path: &Path) -> Result<Vec<Sheet>, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => read_csv(path).map(|s| vec![s]),
        "xlsx" | "xlsm" | "xls" | "ods" => read_book(path),
        _ => Err(ImportError::BadExtension(path.to_path_buf())),
    }
}

fn read_csv(path: &Path) -> Result<Sheet, ImportError> {
    let bytes = crate::write::read_regular(path).map_err(|source| ImportError::CannotRead {
        path: path.to_path_buf(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // UTF-8 when it is valid UTF-8; otherwise GB18030 (what WPS and Excel save in China).
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut record = csv::StringRecord::new();
    // An empty line between records is an empty row, as a spreadsheet opening the file
    // shows it, so that rows keep the numbers the clerk sees.
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|source| ImportError::NotCsv {
                path: path.to_path_buf(),
                source,
            })?;
        if !more {
            break;
        }
        // The record's position is where the reader started looking: before the empty
        // lines it skipped.
        let skipped = record.position().map_or(0, |p| {
            let from = usize::try_from(p.byte()).unwrap_or(usize::MAX);
            text.get(from..).map_or(0, |rest| {
                rest.bytes()
                    .take_while(|b| matches!(b, b'\n' | b'\r'))
                    .filter(|&b| b == b'\n')
                    .count()
            })
        });
        for _ in 0..skipped {
            rows.push(Vec::new());
        }
        // A cell xuexi made inert (`'=1+1`) is the text it was made from.
        rows.push(
            record
                .iter()
                .map(|c| crate::inert::revert(c).to_string())
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Sheet {
        name,
        rows,
        merged: Vec::new(),
    })
}

/// What separates the columns: a comma, or a tab or semicolon when the first line has
/// one of those and no comma (a sheet saved as "text" or in a European locale).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains('\t') {
        b'\t'
    } else if first.contains(';') {
        b';'
    } else {
        b','
    }
}

fn read_book(path: &Path) -> Result<Vec<Sheet>, ImportError> {
    use calamine::{Reader, Sheets};
    let path_buf = || path.to_path_buf();
    let not_regular =
        crate::write::not_regular(path).map_err(|source| ImportError::CannotRead {
            path: path_buf(),
            source,
        })?;
    if let Some(what) = not_regular {
        return Err(ImportError::NotAFile {
            path: path_buf(),
            what,
        });
    }
    let mut book = calamine::open_workbook_auto(path).map_err(|source| ImportError::NotABook {
        path: path_buf(),
        source,
    })?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ImportError::NoSheet(path_buf()));
    }
    let mut ods_merges = match &book {
        Sheets::Ods(_) => super::ods::merges(path).map_err(|source| ImportError::OdsMerges {
            path: path_buf(),
            source,
        })?,
        _ => Default::default(),
    };
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|source| ImportError::CannotReadSheet {
                sheet: name.clone(),
                source,
            })?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        if let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) {
            let width = c1 as usize + 1;
            rows = vec![vec![String::new(); width]; r1 as usize + 1];
            for (r, c, cell) in range.used_cells() {
                rows[r0 as usize + r][c0 as usize + c] = cell_text(cell);
            }
        }
        // Merged regions: calamine reports them for .xlsx and .xls; for .ods they are
        // read from its content.xml.
        let regions: Vec<calamine::Dimensions> = match &mut book {
            Sheets::Xlsx(x) => x
                .worksheet_merge_cells(&name)
                .and_then(Result::ok)
                .unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => ods_merges.remove(&name).unwrap_or_default(),
        };
        let merged = fill_merged(&mut rows, &regions);
        sheets.push(Sheet { name, rows, merged });
    }
    Ok(sheets)
}

/// A cell's text: whole numbers without `.0` (题号 1, 分值 2), a date cell as its day
/// `2021-04-28` (with its time, `2021-04-28 09:30`, when it has one), others as calamine
/// shows them.
fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
            }
        }
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            format!("{}", *f as i64)
        }
        other => other.to_string(),
    }
}

/// Copies the value of each merged region down the rows it covers, in its first column
/// (what the clerk sees beside each of those rows). Returns the regions filled, in A1
/// notation, in sheet order.
fn fill_merged(rows: &mut [Vec<String>], regions: &[calamine::Dimensions]) -> Vec<String> {
    let mut sorted: Vec<&calamine::Dimensions> = regions.iter().collect();
    sorted.sort_by_key(|d| (d.start.1, d.start.0));
    let mut filled = Vec::new();
    for d in sorted {
        let (r0, c0) = (d.start.0 as usize, d.start.1 as usize);
        let r1 = d.end.0 as usize;
        let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
            continue;
        };
        if r1 <= r0 || value.is_empty() {
            continue;
        }
        for row in rows.iter_mut().take(r1 + 1).skip(r0 + 1) {
            if let Some(cell) = row.get_mut(c0)
                && cell.is_empty()
            {
                *cell = value.clone();
            }
        }
        filled.push(format!(
            "{}{}:{}{}",
            column_name(c0),
            r0 + 1,
            column_name(d.end.1 as usize),
            r1 + 1
        ));
    }
    filled
}

/// `0` -> `A`, `25` -> `Z`, `26` -> `AA`.
pub fn column_name(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_values_fill_their_rows_in_the_first_column() {
        let s = |x: &str| x.to_string();
        let mut rows = vec![
            vec![s("题型"), s("题干"), s("解析")],
            vec![s("单选"), s("甲"), s("同一解析")],
            vec![s(""), s("乙"), s("")],
            vec![s(""), s("丙"), s("")],
        ];
        let d = |r0, c0, r1, c1| calamine::Dimensions::new((r0, c0), (r1, c1));
        // 题型 A2:A4, 解析 C2:C3, and a merge across columns only (nothing to fill).
        let filled = fill_merged(&mut rows, &[d(1, 2, 2, 2), d(1, 0, 3, 0), d(0, 0, 0, 1)]);
        assert_eq!(filled, ["A2:A4", "C2:C3"]);
        assert_eq!(rows[3], [s("单选"), s("丙"), s("")]);
        assert_eq!(rows[2], [s("单选"), s("乙"), s("同一解析")]);
    }

    #[test]
    fn a_file_that_cannot_be_read_says_which_and_keeps_why() {
        let _zh = crate::i18n::chinese();
        let e = read(Path::new("/nonexistent/题库.csv")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "无法读取 `/nonexistent/题库.csv`：找不到这个文件或文件夹：请检查路径是否写对"
        );
        let source = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
        assert_eq!(
            source.map(std::io::Error::kind),
            Some(std::io::ErrorKind::NotFound)
        );
        assert_eq!(
            read(Path::new("题库.docx")).unwrap_err().to_string(),
            "`题库.docx`：要 .xlsx、.xls、.ods 或 .csv 文件"
        );
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
