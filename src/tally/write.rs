//! The ledger as files: `.xlsx` (three sheets: members, readings, problems; A4
//! landscape, one page wide, headers repeated; text always written as text, never as a
//! formula), `.csv` (the members' sheet, UTF-8 with a BOM for Excel and WPS, its text
//! made inert by [`crate::inert`]) and printable HTML (the same tables, for the 台账 folder).
//!
//! In: a [`Ledger`]. Out: bytes; the same ledger gives the same bytes.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::msg;
use super::{Done, Ledger, Progress, TallyError};
use crate::markdown::escape;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u64),
    /// A reading's completion day.
    Date(jiff::civil::Date),
    /// A quiz's best score, with the quiz's pass mark.
    Score {
        score: u64,
        pass: Option<u64>,
    },
    Empty,
}

impl Cell {
    /// The cell as text (CSV, HTML).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Score { score, pass } => msg::score(*score, *pass),
            Cell::Empty => String::new(),
        }
    }
}

/// A table: its headers and rows, and each column's width in characters (for A4).
pub struct Table {
    pub name: String,
    pub head: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

/// The members' table: one row a member.
pub fn members(l: &Ledger) -> Table {
    let p = &l.plan;
    let mut head = vec![
        msg::NUMBER.to_string(),
        msg::BRANCH.into(),
        msg::NAME.into(),
    ];
    let mut widths = vec![4.5, 12.0, 8.0];
    for (i, r) in p.readings.iter().enumerate() {
        head.push(msg::reading_head(i + 1, r.due.get(5..).unwrap_or(&r.due)));
        widths.push(6.5);
    }
    head.push(msg::read_total(p.readings.len()));
    widths.push(7.0);
    for q in &p.quizzes {
        head.push(q.title.clone());
        widths.push(11.0);
    }
    head.push(msg::taken_total(p.quizzes.len()));
    let with_pass = p.quizzes.iter().filter(|q| q.pass.is_some()).count();
    head.push(msg::passed_total(with_pass));
    head.extend([msg::DAILY.into(), msg::WRONG.into(), msg::PROGRESS.into()]);
    head.push(msg::EXPORTED.into());
    widths.extend([7.0, 7.0, 7.0, 7.0, 8.0, 15.0]);
    let rows = l
        .members
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let mut row = vec![
                Cell::Int(n as u64 + 1),
                Cell::Text(m.branch.clone()),
                Cell::Text(m.name.clone()),
            ];
            row.extend(m.done.iter().map(|d| match d {
                Some(Done::On(d)) => Cell::Date(*d),
                Some(Done::Undated) => Cell::Text(msg::READ_UNDATED.into()),
                None => Cell::Empty,
            }));
            row.push(Cell::Int(m.read as u64));
            row.extend(p.quizzes.iter().zip(&m.best).map(|(q, b)| match b {
                Some(score) => Cell::Score {
                    score: *score,
                    pass: q.pass,
                },
                None => Cell::Empty,
            }));
            row.push(Cell::Int(m.taken as u64));
            row.push(Cell::Int(m.passed as u64));
            row.push(Cell::Int(m.daily as u64));
            row.push(Cell::Int(m.wrong));
            row.push(Cell::Text(match m.progress {
                Progress::AllDone => msg::PROGRESS_DONE.into(),
                Progress::OnTrack => msg::PROGRESS_OK.into(),
                Progress::Behind(n) => msg::progress_behind(n),
            }));
            row.push(Cell::Text(m.exported.clone()));
            row
        })
        .collect();
    Table {
        name: msg::SHEET_MEMBERS.to_string(),
        head,
        widths,
        rows,
    }
}

/// The readings' table: one row a reading of the plan, with how many finished it.
pub fn readings(l: &Ledger) -> Table {
    let head = vec![
        msg::NUMBER.to_string(),
        msg::DUE.into(),
        msg::READING.into(),
        msg::members_read(l.members.len()),
        msg::ON_TIME.into(),
        msg::RATE.into(),
        msg::QUIZ.into(),
        msg::TAKEN.into(),
        msg::PASSED_COUNT.into(),
    ];
    let widths = vec![4.5, 11.0, 44.0, 9.0, 9.0, 7.0, 24.0, 7.0, 7.0];
    let rows = l
        .plan
        .readings
        .iter()
        .zip(&l.readings)
        .enumerate()
        .map(|(i, (r, c))| {
            let quiz = r
                .quiz
                .as_ref()
                .and_then(|id| l.plan.quizzes.iter().find(|q| &q.id == id));
            let rate = if l.members.is_empty() {
                String::new()
            } else {
                format!(
                    "{}%",
                    (c.read * 100 + l.members.len() / 2) / l.members.len()
                )
            };
            vec![
                Cell::Int(i as u64 + 1),
                Cell::Text(r.due.clone()),
                Cell::Text(r.title.clone()),
                Cell::Int(c.read as u64),
                Cell::Int(c.on_time as u64),
                Cell::Text(rate),
                quiz.map_or(Cell::Empty, |q| Cell::Text(q.title.clone())),
                quiz.map_or(Cell::Empty, |_| Cell::Int(c.taken as u64)),
                match quiz {
                    Some(q) if q.pass.is_some() => Cell::Int(c.passed as u64),
                    _ => Cell::Empty,
                },
            ]
        })
        .collect();
    Table {
        name: msg::SHEET_READINGS.to_string(),
        head,
        widths,
        rows,
    }
}

/// The problems' table: one row a code not counted (or counted in part).
pub fn problems(l: &Ledger) -> Table {
    let head = vec![
        msg::SOURCE.to_string(),
        msg::LINE.into(),
        msg::BRANCH.to_string() + " " + msg::NAME,
        msg::PROBLEM.into(),
        msg::CODE.into(),
    ];
    let widths = vec![18.0, 5.0, 16.0, 60.0, 28.0];
    let rows = l
        .problems
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.source.clone()),
                Cell::Int(p.line as u64),
                Cell::Text(p.who.clone()),
                Cell::Text(p.what.clone()),
                Cell::Text(p.code.clone()),
            ]
        })
        .collect();
    Table {
        name: msg::SHEET_PROBLEMS.to_string(),
        head,
        widths,
        rows,
    }
}

/// The subtotals: a row per branch, then the total.
pub fn branches(l: &Ledger) -> Table {
    let mut head = vec![m!("tally.col.branch"), m!("tally.col.reported")];
    let mut widths = vec![16.0, 8.0];
    if l.roster {
        head.extend([m!("tally.col.on-roster"), m!("tally.col.not-reported")]);
        widths.extend([8.0, 8.0]);
    }
    head.extend([
        msg::PROGRESS_DONE.to_string(),
        msg::PROGRESS_OK.to_string(),
        m!("tally.col.behind"),
        m!("tally.col.passed"),
    ]);
    widths.extend([8.0, 8.0, 8.0, 9.0]);
    if l.roster {
        head.push(m!("tally.col.missing"));
        widths.push(40.0);
    }
    let mut total = super::BranchTotal {
        branch: m!("tally.total"),
        on_roster: l.roster.then_some(0),
        ..Default::default()
    };
    let row = |b: &super::BranchTotal| {
        let mut r = vec![Cell::Text(b.branch.clone()), Cell::Int(b.reported as u64)];
        if l.roster {
            r.push(Cell::Int(b.on_roster.unwrap_or(0) as u64));
            r.push(Cell::Int(b.missing.len() as u64));
        }
        r.extend([
            Cell::Int(b.all_done as u64),
            Cell::Int(b.on_track as u64),
            Cell::Int(b.behind as u64),
            Cell::Int(b.passed as u64),
        ]);
        if l.roster {
            r.push(Cell::Text(b.missing.join("、")));
        }
        r
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for b in &l.branches {
        rows.push(row(b));
        total.reported += b.reported;
        total.on_roster = total.on_roster.map(|t| t + b.on_roster.unwrap_or(0));
        total.missing.extend(b.missing.iter().cloned());
        total.all_done += b.all_done;
        total.on_track += b.on_track;
        total.behind += b.behind;
        total.passed += b.passed;
    }
    let mut last = row(&total);
    // The total counts who has not reported; their names stand in their branches' rows.
    if l.roster
        && let Some(c) = last.last_mut()
    {
        *c = Cell::Empty;
    }
    rows.push(last);
    Table {
        name: m!("tally.sheet.branches"),
        head,
        widths,
        rows,
    }
}

/// The ledger as an Excel workbook.
pub fn xlsx(l: &Ledger) -> Result<Vec<u8>, TallyError> {
    let mut book = Workbook::new();
    // A fixed creation time: the same ledger, the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(msg::title(&l.plan.title, &l.as_of.to_string()))
            .set_creation_datetime(&created),
    );
    let title = msg::title(&l.plan.title, &l.as_of.to_string());
    for table in [members(l), branches(l), readings(l), problems(l)] {
        let sheet = book.add_worksheet();
        sheet_of(sheet, &table, &title, &l.plan.quizzes)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Writes `t` into `sheet` as the ledgers lay out a table: bold wrapped headers, thin
/// borders, dates as `mm-dd`, scores with their pass marks; A4 landscape, one page
/// wide, the header row repeated, `title` at the top of each page.
pub(crate) fn sheet_of(
    sheet: &mut Worksheet,
    t: &Table,
    title: &str,
    quizzes: &[crate::record_shape::QuizShape],
) -> Result<(), TallyError> {
    sheet.set_name(&t.name)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let date = cell
        .clone()
        .set_num_format("mm-dd")
        .set_align(FormatAlign::Center);
    for (c, (h, w)) in t.head.iter().zip(&t.widths).enumerate() {
        sheet.set_column_width(c as u16, *w)?;
        sheet.write_string_with_format(0, c as u16, h, &head)?;
    }
    sheet.set_row_height(0, 42)?;
    // A score shows whether it passed, and stays a number to sort and add up.
    let score_format = |pass: Option<u64>| match pass {
        Some(p) => cell.clone().set_num_format(format!(
            "[>={p}]0\"（{}）\";0\"（{}）\"",
            msg::PASSED,
            msg::FAILED
        )),
        None => cell.clone(),
    };
    let scores: Vec<Format> = quizzes.iter().map(|q| score_format(q.pass)).collect();
    for (r, row) in t.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Cell::Text(s) => sheet.write_string_with_format(r, c, s, &cell),
                Cell::Int(n) => sheet.write_number_with_format(r, c, *n as f64, &cell),
                Cell::Date(d) => {
                    let x =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &x, &date)
                }
                Cell::Score { score, pass } => {
                    let f = quizzes
                        .iter()
                        .position(|q| q.pass == *pass)
                        .map_or(&cell, |i| &scores[i]);
                    sheet.write_number_with_format(r, c, *score as f64, f)
                }
                Cell::Empty => sheet.write_blank(r, c, &cell),
            }?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_margins(0.4, 0.4, 0.6, 0.5, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_header(format!("&C{}", title.replace('&', "&&")));
    sheet.set_footer("&C&P / &N");
    Ok(())
}

/// The members' table as CSV (UTF-8 with a BOM, so Excel and WPS read it), every text
/// cell inert and every count a number ([`crate::inert`]).
pub fn csv(l: &Ledger) -> Vec<u8> {
    table_csv(&members(l))
}

/// A table as CSV: UTF-8 with a BOM, counts as numbers, every text cell inert
/// ([`crate::inert`]) so a spreadsheet never runs it.
pub(crate) fn table_csv(t: &Table) -> Vec<u8> {
    let head = t.head.iter().map(|h| h.replace('\n', " ").into());
    let rows = t.rows.iter().map(|row| {
        row.iter()
            .map(|c| match c {
                Cell::Int(n) => crate::inert::Cell::from(*n),
                c => crate::inert::Cell::Text(c.text()),
            })
            .collect::<Vec<_>>()
    });
    crate::inert::csv(std::iter::once(head.collect()).chain(rows))
}

pub(crate) const PRINT_CSS: &str = "@page{size:A4 landscape;margin:10mm}\
body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;font-size:9pt;color:#000;margin:0}\
h1{font-size:14pt;margin:0 0 4pt}h2{font-size:11pt;margin:12pt 0 4pt;break-after:avoid}\
p{margin:2pt 0}table{border-collapse:collapse;width:100%;margin-bottom:6pt}\
th,td{border:0.5pt solid #000;padding:1pt 2pt;text-align:center;vertical-align:middle}\
th{white-space:pre-line;font-weight:bold}td.l{text-align:left}thead{display:table-header-group}\
tr{break-inside:avoid}.sign{margin-top:16pt}";

/// The ledger as a printable HTML page (A4 landscape).
pub fn html(l: &Ledger) -> String {
    let title = msg::title(&l.plan.title, &l.as_of.to_string());
    let mut out = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(&title),
        escape(&msg::print_note(l.members.len(), &l.as_of.to_string()))
    );
    for (i, t) in [members(l), branches(l), readings(l), problems(l)]
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push_str(&format!("<h2>{}</h2>\n", escape(&t.name)));
        }
        if t.rows.is_empty() && i == 3 {
            out.push_str(&format!("<p>{}</p>\n", msg::NO_PROBLEMS));
            continue;
        }
        out.push_str(&html_table(t));
        if i == 0 {
            out.push_str(&format!("<p class=\"sign\">{}</p>\n", msg::SIGN));
        }
    }
    print_page(&title, PRINT_CSS, &out)
}

/// A self-contained printable page (no script; its style allowed by its own CSP).
pub(crate) fn print_page(title: &str, css: &str, body: &str) -> String {
    let csp = crate::csp::self_contained(&[css], &[], false);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<title>{}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// A table as HTML, for the printable pages: headers in `<thead>` (repeated on every
/// printed page), dates as `mm-dd`, long texts aligned left.
pub(crate) fn html_table(t: &Table) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in &t.head {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            let text = match c {
                Cell::Date(d) => d.to_string().get(5..).unwrap_or_default().to_string(),
                c => c.text(),
            };
            let class = if matches!(c, Cell::Text(s) if s.chars().count() > 8) {
                " class=\"l\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{}</td>", escape(&text)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
