//! Spreadsheet cells that stay what they say: the one rule for every CSV xuexi writes.
//!
//! In: rows of [`Cell`]s (text, or a number xuexi wrote as a number). Out: a CSV file,
//! UTF-8 with a BOM (so Excel and WPS read the Chinese), in which no text cell can be
//! taken for a formula ([`csv`]); and, for `import`, the text such a cell came from
//! ([`revert`]).
//!
//! The rule (OWASP, "CSV Injection"): a text cell that begins with `=`, `+`, `-`, `@`, a
//! tab or a carriage return gets a `'` in front, which Excel, WPS and LibreOffice take
//! as "this is text". A member named `=HYPERLINK("http://evil.example/","点我")` or a
//! branch `@SUM(1+1)` is so shown as typed, never run. Text that begins with `'`s and
//! then one of those characters gets one more `'` too, so that [`revert`] (take one `'`
//! off such a cell) gives back exactly the text written: `export` then `import` keeps a
//! prompt `'=x` as `'=x`.
//!
//! Numbers stay numbers: a [`Cell::Number`] is a value xuexi itself counted or read as
//! a number (a member's readings, a question's points), written in Rust's shortest form
//! (`-3`, `85`, `0.5`), never prefixed, so a spreadsheet still sums it. Text that
//! looks like a number (a member's name `-1`, an answer `+86`) is text, and is
//! prefixed: whether a cell is a number is the writer's to say, never guessed from
//! its characters. The cases are in `tests/csv-cells.json`, which the browser's CSV
//! writer is checked against too.

use std::borrow::Cow;

/// One cell of a CSV row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written inert ([`cell`]).
    Text(String),
    /// A number xuexi wrote as a number: never prefixed. A number that is not finite
    /// (never written by xuexi) is written as the text of its value, inert.
    Number(f64),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Cell::Number(n as f64)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

impl Cell {
    /// What the cell holds in the file (before the CSV's quotes): text made inert, a
    /// number as Rust writes it (`2`, `0.5`, `-3`).
    pub fn written(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => cell(s),
            Cell::Number(n) if n.is_finite() => Cow::Owned(n.to_string()),
            Cell::Number(n) => Cow::Owned(cell(&n.to_string()).into_owned()),
        }
    }
}

/// The first characters that make a spreadsheet read a cell as a formula.
const ACTIVE: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` gets a `'` in front: it begins, after any `'`s, with one of
/// [`ACTIVE`].
fn needs_quote(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(ACTIVE)
}

/// A text cell made inert: `'` in front when it begins (after any `'`s) with `=`, `+`,
/// `-`, `@`, a tab or a carriage return; otherwise the text as it is.
pub fn cell(text: &str) -> Cow<'_, str> {
    if needs_quote(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a cell written by [`cell`] came from: one `'` taken off a cell that is
/// `'` followed by what [`cell`] quotes; any other cell as it is. `import` reads CSV
/// cells through it.
pub fn revert(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// The rows as a CSV file: UTF-8 with a BOM, fields quoted where CSV needs it, lines
/// ended by `\n`, every cell as [`Cell::written`] gives it. Rows may differ in length.
/// The same rows give the same bytes.
pub fn csv<R: IntoIterator<Item = Cell>>(rows: impl IntoIterator<Item = R>) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::from(&b"\xEF\xBB\xBF"[..]));
    for row in rows {
        let cells: Vec<Cell> = row.into_iter().collect();
        w.write_record(cells.iter().map(|c| c.written().into_owned()))
            .expect("a CSV written into memory with rows of any length does not fail");
    }
    w.into_inner()
        .expect("flushing a CSV into memory does not fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_a_csv_with_a_bom_and_inert_text() {
        let bytes = csv([
            vec![Cell::from("姓名"), Cell::from("分数")],
            vec![Cell::from("=1+1"), Cell::from(85u64), Cell::from(-3.0)],
            vec![Cell::from("a,\"b\"")],
        ]);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}姓名,分数\n'=1+1,85,-3\n\"a,\"\"b\"\"\"\n"
        );
        assert_eq!(Cell::Number(f64::NEG_INFINITY).written(), "'-inf");
        assert_eq!(Cell::Number(0.5).written(), "0.5");
    }
}
