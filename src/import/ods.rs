//! Merged cells of an `.ods` workbook, which calamine reads but does not report.
//!
//! In: the `.ods` file (a zip with `content.xml`). Out: for each sheet, by name, its
//! merged regions as calamine `Dimensions` (0-based, absolute), the same shape the
//! `.xlsx` and `.xls` readers give, so `read` fills them the same way; or an
//! [`OdsError`] when the zip or its XML cannot be read.
//!
//! A merge is a `table:table-cell` with `table:number-rows-spanned` or
//! `table:number-columns-spanned` above 1; the cells it covers are
//! `table:covered-table-cell`. Rows and cells may carry `number-rows-repeated` /
//! `number-columns-repeated` (LibreOffice writes the empty rest of a sheet as one row
//! repeated a million times): positions count them, nothing is allocated per repeat.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// Why the merged cells of an `.ods` file could not be read (rare: calamine has read
/// the same file already). Shown as the system or the library says it.
#[derive(Debug, thiserror::Error)]
pub enum OdsError {
    /// Opening the file.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Not a zip, or no `content.xml` in it.
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    /// `content.xml` is not well-formed XML.
    #[error(transparent)]
    Xml(#[from] quick_xml::Error),
}

/// Merged regions per sheet name.
pub fn merges(path: &Path) -> Result<BTreeMap<String, Vec<Dimensions>>, OdsError> {
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(file)?;
    let content = zip.by_name("content.xml")?;
    parse(BufReader::new(content))
}

fn parse(input: impl BufRead) -> Result<BTreeMap<String, Vec<Dimensions>>, OdsError> {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut out: BTreeMap<String, Vec<Dimensions>> = BTreeMap::new();
    let mut sheet: Option<String> = None;
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    // Depth inside a cell: nested tables (in a cell's text) are not sheets.
    let mut in_cell = 0u32;
    loop {
        let event = reader.read_event_into(&mut buf)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.name();
                let local = name.as_ref();
                if in_cell > 0 {
                    if !empty {
                        in_cell += 1;
                    }
                } else {
                    match local {
                        b"table:table" => {
                            sheet = attr(e, b"table:name");
                            if let Some(s) = &sheet {
                                out.entry(s.clone()).or_default();
                            }
                            row = 0;
                        }
                        b"table:table-row" => {
                            col = 0;
                            row_repeat = num(e, b"table:number-rows-repeated");
                            if empty {
                                row += row_repeat;
                            }
                        }
                        b"table:table-cell" | b"table:covered-table-cell" => {
                            let repeat = num(e, b"table:number-columns-repeated");
                            if local == b"table:table-cell" {
                                let rows = num(e, b"table:number-rows-spanned");
                                let cols = num(e, b"table:number-columns-spanned");
                                if (rows > 1 || cols > 1)
                                    && let Some(s) = &sheet
                                    && let Some(d) = region(row, col, rows, cols)
                                {
                                    out.get_mut(s).expect("entered above").push(d);
                                }
                            }
                            col += repeat;
                            if !empty {
                                in_cell = 1;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::End(e) => {
                if in_cell > 0 {
                    in_cell -= 1;
                } else {
                    match e.name().as_ref() {
                        b"table:table-row" => row += row_repeat,
                        b"table:table" => sheet = None,
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A region within the sheet sizes calamine can address, or `None`.
fn region(row: u64, col: u64, rows: u64, cols: u64) -> Option<Dimensions> {
    let r0 = u32::try_from(row).ok()?;
    let c0 = u32::try_from(col).ok()?;
    let r1 = u32::try_from(row + rows - 1).ok()?;
    let c1 = u32::try_from(col + cols - 1).ok()?;
    Some(Dimensions::new((r0, c0), (r1, c1)))
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.decode_and_unescape_value(e.decoder())
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A count attribute, 1 when absent, unreadable or 0; at most a million rows' worth.
fn num(e: &BytesStart, key: &[u8]) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
        .map_or(1, |n| n.min(1 << 20))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Corners = ((u32, u32), (u32, u32));

    fn regions(xml: &str) -> BTreeMap<String, Vec<Corners>> {
        parse(xml.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k, v.iter().map(|d| (d.start, d.end)).collect()))
            .collect()
    }

    const NS: &str = r#"xmlns:table="t" xmlns:text="x""#;

    #[test]
    fn spans_are_found_at_their_place_counting_repeats() {
        let xml = format!(
            r#"<r {NS}><table:table table:name="甲">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/>
<table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"><text:p>合并</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="1048572"/>
</table:table><table:table table:name="乙"><table:table-row>
<table:table-cell table:number-rows-spanned="1"/><table:table-cell table:number-rows-spanned="4"/></table:table-row></table:table></r>"#
        );
        let got = regions(&xml);
        assert_eq!(got["甲"], vec![((2, 3), (3, 4))]);
        assert_eq!(got["乙"], vec![((0, 1), (3, 1))]);
    }

    #[test]
    fn a_table_inside_a_cell_is_not_a_sheet() {
        let xml = format!(
            r#"<r {NS}><table:table table:name="甲"><table:table-row>
<table:table-cell><table:table table:name="内"><table:table-row><table:table-cell table:number-rows-spanned="9"/></table:table-row></table:table></table:table-cell>
<table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table></r>"#
        );
        let got = regions(&xml);
        assert_eq!(got.len(), 1);
        assert_eq!(got["甲"], vec![((0, 1), (1, 1))]);
    }
}
