//! The rule that keeps CSV cells inert (`src/inert.rs`) against the shared cases in
//! `tests/csv-cells.json`: what each text or number is written as, and that reading the
//! cell back gives the text again.

use serde::Deserialize;
use xuexi::inert::{Cell, cell, csv, revert};

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: Option<String>,
    number: Option<f64>,
    cell: String,
}

fn cases() -> Vec<Case> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/csv-cells.json"))
            .unwrap();
    let cases: Cases = serde_json::from_str(&text).unwrap();
    assert!(cases.cases.len() >= 25);
    cases.cases
}

#[test]
fn every_shared_case() {
    let mut wrong = Vec::new();
    for c in cases() {
        match (&c.text, c.number) {
            (Some(text), None) => {
                if cell(text) != c.cell {
                    wrong.push(format!(
                        "{text:?} written as {:?}, expected {:?}",
                        cell(text),
                        c.cell
                    ));
                }
                if Cell::from(text.as_str()).written() != c.cell {
                    wrong.push(format!("Cell::Text({text:?}) differs from cell()"));
                }
                if revert(&c.cell) != text {
                    wrong.push(format!(
                        "{:?} read back as {:?}, expected {text:?}",
                        c.cell,
                        revert(&c.cell)
                    ));
                }
            }
            (None, Some(n)) => {
                if Cell::Number(n).written() != c.cell {
                    wrong.push(format!(
                        "{n} written as {:?}, expected {:?}",
                        Cell::Number(n).written(),
                        c.cell
                    ));
                }
            }
            _ => panic!("a case has either text or a number: {:?}", c.cell),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The whole file read back by a CSV reader gives the cells of the table.
#[test]
fn a_csv_of_every_case_reads_back_cell_by_cell() {
    let cases = cases();
    let row: Vec<Cell> = cases
        .iter()
        .map(|c| match (&c.text, c.number) {
            (Some(t), _) => Cell::Text(t.clone()),
            (_, Some(n)) => Cell::Number(n),
            _ => unreachable!(),
        })
        .collect();
    let bytes = csv([row.clone(), row]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let expected: Vec<String> = cases.iter().map(|c| c.cell.clone()).collect();
    assert_eq!(records, [expected.clone(), expected]);
}
