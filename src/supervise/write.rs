//! The 督导台账 as files: `.xlsx` (任务完成情况, 通报, one sheet per inspection group,
//! 问题), `.csv` (任务完成情况, UTF-8 with a BOM), a printable A4 通报 with a page per
//! group, and the printable inspection checklists (检查表), one per unit.
//!
//! In: a [`Ledger`] (and the task list, for the checklists). Out: bytes; the same
//! ledger gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

use super::receipt::ReceiptError;
use super::{Ledger, Problem, UnitRow};
use crate::markdown::escape;
use crate::model::Project;
use crate::model::tasks::TaskList;
use crate::tally::write::{Cell, PRINT_CSS, Table, html_table, print_page, sheet_of, table_csv};

/// How many problems are printed on the command line (all are in the 问题 sheet).
pub const SHOWN_PROBLEMS: usize = 20;

/// Why a receipt code was not read, in the clerk's words.
pub fn receipt_error(e: &ReceiptError) -> String {
    use crate::codebytes::ByteError as B;
    match e {
        ReceiptError::Version(v) => m!(
            "supervise.code.version",
            v = v,
            ours = super::receipt::VERSION
        ),
        ReceiptError::Damaged => m!("supervise.code.damaged"),
        ReceiptError::Malformed(b) => m!(
            "supervise.code.malformed",
            why = match b {
                B::Short => m!("tally.malformed.short"),
                B::LongNumber => m!("tally.malformed.long-number"),
                B::NotUtf8 => m!("tally.malformed.not-utf8"),
                B::DateOutOfRange => m!("tally.malformed.date"),
            }
        ),
        ReceiptError::Trailing => m!(
            "supervise.code.malformed",
            why = m!("tally.malformed.trailing")
        ),
        ReceiptError::SentTime => {
            m!(
                "supervise.code.malformed",
                why = m!("tally.malformed.export-time")
            )
        }
    }
}

/// A problem as one line of the command's output.
pub fn problem_line(p: &Problem) -> String {
    let place = if p.place.is_empty() {
        p.source.clone()
    } else {
        format!("{} {}", p.source, p.place)
    };
    if p.unit.is_empty() {
        m!("supervise.problem", place = place, what = p.what)
    } else {
        m!(
            "supervise.problem-unit",
            place = place,
            unit = p.unit,
            what = p.what
        )
    }
}

fn title(l: &Ledger) -> String {
    m!("supervise.title", campaign = l.campaign, date = l.as_of)
}

/// The matrix of `units`: a row per unit, a column per task that is one of theirs, then
/// their totals (numbers, so a spreadsheet adds them up and never reads them as dates).
fn matrix(l: &Ledger, units: &[&UnitRow], name: String) -> Table {
    let mut head = vec![
        m!("supervise.col.n"),
        m!("supervise.col.unit"),
        m!("supervise.col.group"),
        m!("supervise.col.sent"),
    ];
    let mut widths = vec![4.5, 14.0, 10.0, 12.0];
    let columns: Vec<usize> = (0..l.tasks.len())
        .filter(|&i| units.iter().any(|u| u.states[i].is_some()))
        .collect();
    for &i in &columns {
        let t = &l.tasks[i];
        let kind = if t.required {
            m!("supervise.required")
        } else {
            m!("supervise.optional")
        };
        head.push(format!("{}\n（{kind}）", t.title));
        widths.push(11.0);
    }
    head.push(m!("supervise.col.done"));
    head.push(m!("supervise.col.due"));
    head.push(m!("supervise.col.overdue"));
    widths.extend([7.0, 7.0, 8.0]);
    let mut rows: Vec<Vec<Cell>> = units
        .iter()
        .enumerate()
        .map(|(n, u)| {
            let mut row = vec![
                Cell::Int(n as u64 + 1),
                Cell::Text(u.name.clone()),
                Cell::Text(u.group.clone()),
                Cell::Text(
                    u.sent
                        .as_ref()
                        .map_or_else(|| m!("supervise.state.not-sent"), |(s, _)| s.clone()),
                ),
            ];
            row.extend(columns.iter().map(|&i| match &u.states[i] {
                Some(s) => Cell::Text(s.words()),
                None => Cell::Text("—".into()),
            }));
            row.push(Cell::Int(u.done as u64));
            row.push(Cell::Int(u.due as u64));
            row.push(Cell::Int(u.overdue.len() as u64));
            row
        })
        .collect();
    // The share of the units that did each task.
    let mut last = vec![
        Cell::Empty,
        Cell::Text(m!("supervise.col.share")),
        Cell::Empty,
        Cell::Empty,
    ];
    for &i in &columns {
        let (of, done) = units
            .iter()
            .fold((0, 0), |(of, done), u| match &u.states[i] {
                Some(s) => (of + 1, done + usize::from(s.is_done())),
                None => (of, done),
            });
        last.push(Cell::Text(match (done * 100).checked_div(of) {
            Some(pct) => format!("{done}/{of}（{pct}%）"),
            None => "—".into(),
        }));
    }
    last.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
    rows.push(last);
    Table {
        name,
        head,
        widths,
        rows,
    }
}

/// The units with overdue required tasks (most first), those that sent nothing, and
/// those with every due required task done on time.
fn notice(l: &Ledger, units: &[&UnitRow], name: String) -> Table {
    let head = vec![
        m!("supervise.col.kind"),
        m!("supervise.col.unit"),
        m!("supervise.col.group"),
        m!("supervise.col.overdue"),
        m!("supervise.col.which"),
    ];
    let mut rows = Vec::new();
    let mut lagging: Vec<&&UnitRow> = units
        .iter()
        .filter(|u| u.sent.is_some() && !u.overdue.is_empty())
        .collect();
    lagging.sort_by_key(|u| std::cmp::Reverse(u.overdue.len()));
    for u in lagging {
        let which: Vec<&str> = u
            .overdue
            .iter()
            .map(|&i| l.tasks[i].title.as_str())
            .collect();
        rows.push(vec![
            Cell::Text(m!("supervise.notice.lagging")),
            Cell::Text(u.name.clone()),
            Cell::Text(u.group.clone()),
            Cell::Int(u.overdue.len() as u64),
            Cell::Text(which.join("；")),
        ]);
    }
    for u in units.iter().filter(|u| u.sent.is_none()) {
        rows.push(vec![
            Cell::Text(m!("supervise.notice.silent")),
            Cell::Text(u.name.clone()),
            Cell::Text(u.group.clone()),
            Cell::Int(u.overdue.len() as u64),
            Cell::Text(m!("supervise.notice.silent-what")),
        ]);
    }
    for u in units.iter().filter(|u| praised(l, u)) {
        rows.push(vec![
            Cell::Text(m!("supervise.notice.praised")),
            Cell::Text(u.name.clone()),
            Cell::Text(u.group.clone()),
            Cell::Int(0),
            Cell::Text(m!("supervise.notice.praised-what")),
        ]);
    }
    Table {
        name,
        head,
        widths: vec![12.0, 16.0, 12.0, 8.0, 60.0],
        rows,
    }
}

/// Every required task due by the day is done on time (and there is one).
fn praised(l: &Ledger, u: &UnitRow) -> bool {
    let mut any = false;
    for (i, s) in u.states.iter().enumerate() {
        let (Some(s), t) = (s, &l.tasks[i]) else {
            continue;
        };
        let due = t.when.as_ref().is_some_and(|w| w.is_past(l.as_of));
        if t.required && due {
            if *s != super::State::OnTime {
                return false;
            }
            any = true;
        }
    }
    any && u.sent.is_some()
}

fn problems(l: &Ledger) -> Table {
    Table {
        name: m!("supervise.sheet.problems"),
        head: vec![
            m!("supervise.col.source"),
            m!("supervise.col.place"),
            m!("supervise.col.unit"),
            m!("supervise.col.problem"),
        ],
        widths: vec![28.0, 24.0, 14.0, 60.0],
        rows: l
            .problems
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(p.source.clone()),
                    Cell::Text(p.place.clone()),
                    Cell::Text(p.unit.clone()),
                    Cell::Text(p.what.clone()),
                ]
            })
            .collect(),
    }
}

/// Members' coverage: a row per unit.
fn coverage(l: &Ledger) -> Table {
    let mut head = vec![
        m!("supervise.col.n"),
        m!("supervise.col.unit"),
        m!("supervise.col.group"),
        m!("supervise.col.expected"),
        m!("supervise.col.reported"),
        m!("supervise.col.covered"),
        m!("supervise.col.read"),
        m!("supervise.col.passed"),
    ];
    let mut widths = vec![4.5, 16.0, 12.0, 9.0, 9.0, 8.0, 9.0, 9.0];
    if l.roster {
        head.push(m!("supervise.col.missing"));
        widths.push(40.0);
    }
    let pct = |part: usize, whole: u64| match (part as u64 * 100).checked_div(whole) {
        Some(p) => Cell::Text(format!("{p}%")),
        None => Cell::Text("—".into()),
    };
    let rows = l
        .units
        .iter()
        .enumerate()
        .map(|(n, u)| {
            let c = l.coverage.get(&u.id).cloned().unwrap_or_default();
            let mut row = vec![
                Cell::Int(n as u64 + 1),
                Cell::Text(u.name.clone()),
                Cell::Text(u.group.clone()),
                c.expected.map_or(Cell::Empty, Cell::Int),
                Cell::Int(c.reported as u64),
                c.expected
                    .map_or(Cell::Text("—".into()), |e| pct(c.reported, e)),
                pct(c.read, c.due as u64),
                Cell::Int(c.passed as u64),
            ];
            if l.roster {
                row.push(Cell::Text(c.missing.unwrap_or_default().join("、")));
            }
            row
        })
        .collect();
    Table {
        name: m!("supervise.sheet.coverage"),
        head,
        widths,
        rows,
    }
}

/// The inspection groups, in the order their first unit comes; units without one last.
fn groups(l: &Ledger) -> Vec<(String, Vec<&UnitRow>)> {
    let mut out: Vec<(String, Vec<&UnitRow>)> = Vec::new();
    for u in &l.units {
        let g = if u.group.is_empty() {
            m!("supervise.no-group")
        } else {
            u.group.clone()
        };
        match out.iter_mut().find(|(name, _)| *name == g) {
            Some((_, v)) => v.push(u),
            None => out.push((g, vec![u])),
        }
    }
    if let Some(i) = out.iter().position(|(n, _)| *n == m!("supervise.no-group")) {
        let none = out.remove(i);
        out.push(none);
    }
    out
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(name: &str, taken: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let mut candidate = clean.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{clean}{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// Every table of the ledger, in sheet order.
fn tables(l: &Ledger) -> Vec<Table> {
    let all: Vec<&UnitRow> = l.units.iter().collect();
    let mut taken = vec![
        m!("supervise.sheet.matrix"),
        m!("supervise.sheet.notice"),
        m!("supervise.sheet.coverage"),
        m!("supervise.sheet.problems"),
    ];
    let mut out = vec![
        matrix(l, &all, m!("supervise.sheet.matrix")),
        notice(l, &all, m!("supervise.sheet.notice")),
    ];
    for (g, units) in groups(l) {
        out.push(matrix(l, &units, sheet_name(&g, &mut taken)));
    }
    out.push(coverage(l));
    out.push(problems(l));
    out
}

/// The ledger as an Excel workbook. Every text is written as text, never as a formula.
pub fn xlsx(l: &Ledger) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let title = title(l);
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    for t in tables(l) {
        let sheet = book.add_worksheet();
        sheet_of(sheet, &t, &title, &[]).map_err(|e| match e {
            crate::tally::TallyError::Xlsx(e) => e,
            other => rust_xlsxwriter::XlsxError::ParameterError(other.to_string()),
        })?;
    }
    book.save_to_buffer()
}

/// The 任务完成情况 sheet as CSV (UTF-8 with a BOM, so Excel and WPS read it; text a
/// spreadsheet would run is made inert).
pub fn csv(l: &Ledger) -> Vec<u8> {
    let all: Vec<&UnitRow> = l.units.iter().collect();
    table_csv(&matrix(l, &all, String::new()))
}

const BREAK_CSS: &str = ".group{break-before:page}";

/// The printable 通报 (A4): the notice for all units, then a page per group with its
/// units' notice and their tasks.
pub fn html(l: &Ledger) -> String {
    let title = title(l);
    let all: Vec<&UnitRow> = l.units.iter().collect();
    let mut body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(&title),
        escape(&m!(
            "supervise.print.note",
            units = l.units.len(),
            read = l.read,
            date = l.as_of
        ))
    );
    let n = notice(l, &all, String::new());
    if n.rows.is_empty() {
        body.push_str(&format!(
            "<p>{}</p>\n",
            escape(&m!("supervise.print.all-well"))
        ));
    } else {
        body.push_str(&html_table(&n));
    }
    for (g, units) in groups(l) {
        body.push_str(&format!(
            "<section class=\"group\">\n<h2>{}</h2>\n",
            escape(&g)
        ));
        let n = notice(l, &units, String::new());
        if !n.rows.is_empty() {
            body.push_str(&html_table(&n));
        }
        body.push_str(&html_table(&matrix(l, &units, String::new())));
        body.push_str("</section>\n");
    }
    let css = format!("{PRINT_CSS}{BREAK_CSS}");
    print_page(&title, &css, &body)
}

/// How an inspection group looks at a task: the methods the report names.
const METHODS: [&str; 3] = ["现场查看", "走访座谈", "查阅资料"];

const CHECKLIST_CSS: &str = "@page{size:A4;margin:14mm}\
body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;font-size:10.5pt;color:#000;margin:0}\
h1{font-size:15pt;text-align:center;margin:0 0 6pt}h2{font-size:12pt;margin:10pt 0 3pt;break-after:avoid}\
p{margin:2pt 0}.unit{break-after:page}.unit:last-child{break-after:auto}\
.task{border:0.5pt solid #000;padding:4pt 6pt;margin:0 0 6pt;break-inside:avoid}\
.task h3{font-size:10.5pt;margin:0 0 2pt}ul{margin:2pt 0 2pt 14pt;padding:0}\
.line{border-bottom:0.5pt solid #000;height:16pt}.sign{display:flex;justify-content:space-between;margin-top:14pt}";

/// The inspection checklists: per group, one page per unit with its tasks, their
/// status from the latest receipts, what to check by method, the evidence to ask for,
/// lines for findings and the signatures. File name -> page.
pub fn checklists(l: &Ledger, list: &TaskList, project: &Project) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (g, units) in groups(l) {
        let mut body = String::new();
        for u in &units {
            let Some(unit) = list.units.iter().find(|x| x.id.get_ref().as_str() == u.id) else {
                continue;
            };
            body.push_str(&format!(
                "<section class=\"unit\">\n<h1>{}</h1>\n<p>{}</p>\n",
                escape(&m!("supervise.check.title", unit = u.name)),
                escape(&m!(
                    "supervise.check.note",
                    campaign = project.catalogue.campaign.title.get_ref(),
                    group = g,
                    date = l.as_of
                ))
            ));
            for t in super::form::tasks_of(list, unit) {
                let i = l.tasks.iter().position(|c| c.id == t.id.get_ref().as_str());
                let state = i
                    .and_then(|i| u.states[i].as_ref())
                    .map(super::State::words)
                    .unwrap_or_default();
                let when = i
                    .and_then(|i| l.tasks[i].when.as_ref())
                    .map(super::form::when_words)
                    .unwrap_or_default();
                let kind = if t.required {
                    m!("supervise.required")
                } else {
                    m!("supervise.optional")
                };
                body.push_str(&format!(
                    "<div class=\"task\">\n<h3>{}（{}）</h3>\n<p>{}</p>\n",
                    escape(t.title.get_ref()),
                    escape(&kind),
                    escape(&m!("supervise.check.status", when = when, state = state))
                ));
                let mut by_method: Vec<(String, Vec<String>)> = Vec::new();
                for c in &t.check {
                    let text = c.get_ref().trim();
                    let (method, what) = METHODS
                        .iter()
                        .find_map(|m| {
                            text.strip_prefix(m).map(|rest| {
                                (
                                    m.to_string(),
                                    rest.trim_start_matches(['：', ':', ' ']).to_string(),
                                )
                            })
                        })
                        .unwrap_or_else(|| (m!("supervise.check.other"), text.to_string()));
                    match by_method.iter_mut().find(|(m, _)| *m == method) {
                        Some((_, v)) => v.push(what),
                        None => by_method.push((method, vec![what])),
                    }
                }
                by_method.sort_by_key(|(m, _)| METHODS.iter().position(|x| x == m).unwrap_or(9));
                for (method, items) in by_method {
                    body.push_str(&format!("<p><b>{}</b></p>\n<ul>", escape(&method)));
                    for it in items {
                        body.push_str(&format!("<li>{}</li>", escape(&it)));
                    }
                    body.push_str("</ul>\n");
                }
                if !t.evidence.is_empty() {
                    body.push_str(&format!(
                        "<p>{}</p>\n",
                        escape(&m!(
                            "supervise.check.evidence",
                            list = t.evidence.join("、")
                        ))
                    ));
                }
                body.push_str(&format!(
                    "<p>{}</p>\n<div class=\"line\"></div><div class=\"line\"></div>\n</div>\n",
                    escape(&m!("supervise.check.findings"))
                ));
            }
            body.push_str(&format!(
                "<div class=\"sign\"><span>{}</span><span>{}</span><span>{}</span></div>\n</section>\n",
                escape(&m!("supervise.check.inspector")),
                escape(&m!("supervise.check.head")),
                escape(&m!("supervise.check.date"))
            ));
        }
        let title = m!("supervise.check.file-title", group = g);
        out.push((
            m!("supervise.check.file", group = super::form::file_safe(&g)),
            print_page(&title, CHECKLIST_CSS, &body),
        ));
    }
    out
}
