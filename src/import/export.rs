//! `xuexi export`: a checked bank -> the sheet `import` reads back to the same bank.
//!
//! In: a [`Quiz`]. Out: rows (编号, 题型, 题干, 选项A…, 答案, 分值 when any question has
//! points, 解析, 出处) as `.xlsx` (every cell written as text, never as a formula) or
//! `.csv` (UTF-8 with a BOM, so Excel and WPS read it; text made inert by
//! [`crate::inert`], which `import` undoes). The bank's title, material, draw and pass stay in its TOML: importing the sheet
//! into the same bank keeps them.

use std::path::Path;

use super::{ExportFailure, ImportError};
use crate::model::{Kind, Quiz};
use crate::rules::letter;

/// The rows of the export sheet: header, then one row a question.
pub fn export_rows(quiz: &Quiz) -> Vec<Vec<String>> {
    let n_options = quiz
        .questions
        .iter()
        .map(|q| match &q.kind {
            Kind::Single { options, .. } | Kind::Multiple { options, .. } => {
                options.get_ref().len()
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(2);
    let points = quiz.questions.iter().any(|q| q.points.is_some());
    let mut header: Vec<String> = ["编号", "题型", "题干"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend((0..n_options).map(|i| format!("选项{}", letter(i))));
    header.push("答案".into());
    if points {
        header.push("分值".into());
    }
    header.extend(["解析", "出处"].iter().map(|s| s.to_string()));
    let mut rows = vec![header];
    for q in &quiz.questions {
        let (options, answer) = match &q.kind {
            Kind::Single { options, answer } => (
                options.get_ref().clone(),
                letter(*answer.get_ref()).to_string(),
            ),
            Kind::Multiple { options, answer } => {
                let mut l: Vec<char> = answer.get_ref().iter().map(|&i| letter(i)).collect();
                l.sort_unstable();
                (options.get_ref().clone(), l.into_iter().collect())
            }
            Kind::Truefalse { answer } => {
                (Vec::new(), if *answer { "对" } else { "错" }.to_string())
            }
            Kind::Fill { answer } => (
                Vec::new(),
                answer
                    .get_ref()
                    .iter()
                    .map(|a| a.join("|"))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        };
        let mut row = vec![
            q.id.get_ref().to_string(),
            q.kind.question_type().sheet_name().to_string(),
            q.prompt.get_ref().0.clone(),
        ];
        row.extend((0..n_options).map(|i| {
            options
                .get(i)
                .map(|o| o.get_ref().clone())
                .unwrap_or_default()
        }));
        row.push(answer);
        if points {
            row.push(q.points.map(|p| p.to_string()).unwrap_or_default());
        }
        row.push(
            q.explanation
                .as_ref()
                .map(|e| e.0.clone())
                .unwrap_or_default(),
        );
        row.push(
            q.source
                .as_ref()
                .map(|s| s.get_ref().to_string())
                .unwrap_or_default(),
        );
        rows.push(row);
    }
    rows
}

/// Writes the export as `.csv` or `.xlsx`.
pub fn export(quiz: &Quiz, path: &Path) -> Result<(), ImportError> {
    let rows = export_rows(quiz);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "csv" => Ok(csv_bytes(&rows)),
        "xlsx" => xlsx_bytes(&rows),
        _ => return Err(ImportError::ExportExtension(path.to_path_buf())),
    };
    let bytes = bytes.map_err(|source| ImportError::CannotExport {
        path: path.to_path_buf(),
        source,
    })?;
    crate::write::file(path, &bytes).map_err(|source| ImportError::CannotWrite {
        path: path.to_path_buf(),
        source,
    })
}

/// The rows as CSV, UTF-8 with a BOM ([`crate::inert::csv`]): every text cell inert
/// (a prompt `=1+1` is `'=1+1` in the file, and `import` reads it back as `=1+1`), the
/// points (分值) numbers.
fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let points = rows[0].iter().position(|h| h == "分值");
    crate::inert::csv(rows.iter().enumerate().map(|(r, row)| {
        row.iter()
            .enumerate()
            .map(|(c, cell)| match cell.parse::<f64>() {
                Ok(n) if r > 0 && Some(c) == points => crate::inert::Cell::Number(n),
                _ => crate::inert::Cell::Text(cell.clone()),
            })
            .collect::<Vec<_>>()
    }))
}

/// The rows as one sheet, 题库: the header bold and frozen, each column wide enough.
fn xlsx_bytes(rows: &[Vec<String>]) -> Result<Vec<u8>, ExportFailure> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("题库")?;
    let wrap = rust_xlsxwriter::Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, head) in rows[0].iter().enumerate() {
        // Room to read: the question and the explanation wide, letters narrow.
        let width = match head.as_str() {
            "题干" => 48.0,
            "解析" => 36.0,
            "编号" | "出处" => 14.0,
            "题型" | "答案" | "分值" => 8.0,
            _ => 18.0,
        };
        sheet.set_column_width(c as u16, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let format = if r == 0 { &bold } else { &wrap };
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string_with_format(r as u32, c as u16, cell, format)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(book.save_to_buffer()?)
}
