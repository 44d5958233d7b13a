//! `xuexi supervise`: units' receipts (codes and filled forms) -> the office's 督导台账.
//!
//! In: the checked project with its task list, and files or folders holding receipt
//! codes (`XUEXIR1:` in chats, files units sent, standard input) or filled receipt
//! forms (`.xlsx`, `.xls`, `.ods`). Out: a [`Ledger`] of units × tasks as of a day
//! (each unit's latest receipt; the problems found, by source and place), written by
//! [`write`](mod@write) as `.xlsx` (任务完成情况, 通报, a sheet per inspection group,
//! 问题), `.csv` and a printable 通报; the blank forms (`--forms`) and the inspection
//! checklists (`--checklists`). Nothing is counted from a code that is damaged, of
//! another campaign, of a unit not in the list, sent after the day, or a duplicate.

pub mod coverage;
pub mod form;
pub mod receipt;
pub mod status;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::model::Project;
use crate::model::tasks::{TaskList, When};
use receipt::{Receipt, Report};
use status::State;

/// What `xuexi supervise` was asked for.
#[derive(Debug, Default)]
pub struct Args {
    /// Files or folders to read; empty or `-`: standard input.
    pub files: Vec<PathBuf>,
    /// The ledger as of this day (default: today on this computer).
    pub date: Option<String>,
    /// The .xlsx to write; default `督导台账-<date>.xlsx` in the project.
    pub out: Option<PathBuf>,
    pub csv: bool,
    pub print: bool,
    /// Write a blank receipt form per unit into this folder (and read nothing).
    pub forms: Option<PathBuf>,
    /// Write the inspection checklists into this folder.
    pub checklists: Option<PathBuf>,
    /// The members' roster (花名册: 姓名, 单位/支部), to name who has not reported.
    pub roster: Option<PathBuf>,
}

/// Why `supervise` could not run.
#[derive(Debug, thiserror::Error)]
pub enum SuperviseError {
    #[error("{}", m!("supervise.no-tasks", file = crate::load::TASKS))]
    NoTasks,
    #[error("{}", m!("supervise.bad-date", date = .0))]
    BadDate(String),
    #[error("{}", m!("supervise.cannot-read", path = .path.display(), e = crate::i18n::Io(.source)))]
    CannotRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", m!("write.io", path = .path.display(), e = crate::i18n::Io(.source)))]
    CannotWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", m!("supervise.xlsx", e = .0))]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{}", m!("supervise.nothing"))]
    NothingFound,
    #[error("{}", m!("supervise.roster.bad", path = .0.display(), why = .1))]
    Roster(PathBuf, String),
}

/// One problem with one receipt: where, for which unit, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub source: String,
    /// `第 3 行`, `工作表「任务回执」第 7 行 E 列`; empty for the whole file.
    pub place: String,
    pub unit: String,
    pub what: String,
}

/// A unit's row of the ledger.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub id: String,
    pub name: String,
    pub group: String,
    /// When and where its counted receipt came from, if it sent one.
    pub sent: Option<(String, String)>,
    /// By task of the list: `None` when the task is not the unit's.
    pub states: Vec<Option<State>>,
    /// Its tasks done, and its tasks whose last day has passed (or that are done).
    pub done: usize,
    pub due: usize,
    /// The required tasks that are overdue, as indexes into the task list.
    pub overdue: Vec<usize>,
}

/// A task's column.
#[derive(Debug, Clone)]
pub struct TaskCol {
    pub id: String,
    pub title: String,
    pub required: bool,
    pub when: Option<When>,
}

/// The 督导台账 as of a day.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub campaign: String,
    pub as_of: Date,
    pub tasks: Vec<TaskCol>,
    /// In the task list's order.
    pub units: Vec<UnitRow>,
    pub problems: Vec<Problem>,
    /// Receipts read and counted.
    pub read: usize,
    /// Members' coverage by unit id (from members' record codes in the same inputs).
    pub coverage: BTreeMap<String, coverage::Coverage>,
    /// Whether a roster was given (the coverage names who has not reported).
    pub roster: bool,
}

/// A receipt read, where it came from.
struct Got {
    receipt: Receipt,
    source: String,
    /// Its line in the source (a code), or empty (a form).
    place: String,
    /// Tasks whose row in a form could not be read (the problems say why).
    unclear: Vec<String>,
    /// Its order among everything read, for ties of the send time.
    order: usize,
}

/// The texts and forms of the inputs: each file, each file of each folder (sorted by
/// name), standard input when there is none.
fn inputs(files: &[PathBuf]) -> Result<Vec<PathBuf>, SuperviseError> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(f)
                .map_err(|source| SuperviseError::CannotRead {
                    path: f.clone(),
                    source,
                })?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    // Office's lock files (~$回执表.xlsx) and hidden files are not receipts.
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !n.starts_with("~$") && !n.starts_with('.'))
                })
                .collect();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

fn is_book(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xls" | "ods"))
}

/// A form saved as CSV (WPS's 另存为 CSV): a `.csv` whose rows hold the form's headers.
fn csv_form(path: &Path) -> Option<Vec<crate::import::read::Sheet>> {
    if !crate::write::is_csv(path) {
        return None;
    }
    let sheets = crate::import::read::read(path).ok()?;
    let head = m!("supervise.form.col.status");
    sheets
        .iter()
        .any(|s| s.rows.iter().any(|r| r.iter().any(|c| c.trim() == head)))
        .then_some(sheets)
}

/// Reads every receipt of `files` (`-` or none: standard input): the receipts, and a
/// problem for each that cannot be counted or each cell of a form that cannot be read.
fn read_all(
    project: &Project,
    list: &TaskList,
    files: &[PathBuf],
    say: &mut dyn FnMut(&str),
) -> Result<ReadAll, SuperviseError> {
    let campaign = crate::record_shape::campaign_id(&project.catalogue.campaign);
    let mut got = Vec::new();
    let mut problems = Vec::new();
    let mut found = 0;
    let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut texts = Vec::new();
    let paths = if files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        inputs(files)?
    };
    for path in &paths {
        let name = if path.as_os_str() == "-" {
            m!("tally.stdin")
        } else {
            path.display().to_string()
        };
        let as_csv = csv_form(path);
        if is_book(path) || as_csv.is_some() {
            let read = match as_csv {
                Some(sheets) => Ok(sheets),
                None => crate::import::read::read(path),
            };
            let sheets = match read {
                Ok(s) => s,
                Err(e) => {
                    problems.push(Problem {
                        source: name.clone(),
                        place: String::new(),
                        unit: String::new(),
                        what: e.to_string(),
                    });
                    continue;
                }
            };
            let filled = form::read(&sheets, list, &project.catalogue.campaign, &campaign);
            found += 1;
            let unit = filled
                .receipt
                .as_ref()
                .map(|r| r.unit_name.clone())
                .unwrap_or_default();
            for p in filled.problems {
                let place = match (p.row, p.column.is_empty()) {
                    (0, _) => String::new(),
                    (r, true) => m!("supervise.place.row", sheet = p.sheet, row = r),
                    (r, false) => {
                        m!(
                            "supervise.place.cell",
                            sheet = p.sheet,
                            row = r,
                            col = p.column
                        )
                    }
                };
                problems.push(Problem {
                    source: name.clone(),
                    place,
                    unit: unit.clone(),
                    what: p.what,
                });
            }
            say(&m!("supervise.read-form", file = name, rows = filled.rows));
            if let Some(receipt) = filled.receipt {
                let order = got.len();
                got.push(Got {
                    receipt,
                    source: name.clone(),
                    place: String::new(),
                    unclear: filled.unclear,
                    order,
                });
            }
            continue;
        }
        let text = if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|source| {
                SuperviseError::CannotRead {
                    path: path.clone(),
                    source,
                }
            })?;
            crate::tally::decode_text(&bytes)
        } else {
            let bytes = std::fs::read(path).map_err(|source| SuperviseError::CannotRead {
                path: path.clone(),
                source,
            })?;
            // A PDF, a Word file, a picture: not something receipts are read from.
            if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF") || bytes.contains(&0)
            {
                problems.push(Problem {
                    source: name.clone(),
                    place: String::new(),
                    unit: String::new(),
                    what: m!("supervise.not-a-receipt"),
                });
                continue;
            }
            crate::tally::decode_text(&bytes)
        };
        let codes = receipt::find(&text);
        let records = crate::tally::code::find(&text).len();
        found += records;
        say(&m!(
            "supervise.read-text",
            file = name,
            n = codes.len(),
            records = records
        ));
        for f in codes {
            found += 1;
            let full = format!("{}{}:{}", receipt::PREFIX, f.version, f.body);
            let place = m!("supervise.place.line", line = f.line);
            let mut problem = |unit: String, what: String| {
                problems.push(Problem {
                    source: name.clone(),
                    place: place.clone(),
                    unit,
                    what,
                })
            };
            let r = match receipt::decode(f.version, f.body) {
                Ok(r) => r,
                Err(e) => {
                    problem(String::new(), write::receipt_error(&e));
                    continue;
                }
            };
            if let Some((src, line)) = seen.get(&full) {
                problem(
                    r.unit_name.clone(),
                    m!("supervise.duplicate", source = src, line = line),
                );
                continue;
            }
            seen.insert(full, (name.clone(), f.line));
            if r.campaign != campaign {
                problem(
                    r.unit_name.clone(),
                    m!(
                        "supervise.other-campaign",
                        found = r.campaign,
                        ours = campaign
                    ),
                );
                continue;
            }
            if !list.units.iter().any(|u| u.id.get_ref().as_str() == r.unit) {
                problem(
                    r.unit_name.clone(),
                    m!("supervise.unknown-unit", unit = r.unit_name, id = r.unit),
                );
                continue;
            }
            let order = got.len();
            got.push(Got {
                receipt: r,
                source: name.clone(),
                place,
                unclear: Vec::new(),
                order,
            });
        }
        texts.push(crate::tally::Source { name, text });
    }
    Ok(ReadAll {
        got,
        problems,
        found,
        texts,
    })
}

/// What reading the inputs gave: the receipts, the problems, how many codes and forms
/// were found, and the texts (for the members' record codes in them).
struct ReadAll {
    got: Vec<Got>,
    problems: Vec<Problem>,
    found: usize,
    texts: Vec<crate::tally::Source>,
}

/// The ledger of the receipts in `files` as of `as_of`, with the members' coverage
/// from the record codes among them (and the roster's rows, when given: its name and
/// rows).
pub fn supervise(
    project: &Project,
    list: &TaskList,
    files: &[PathBuf],
    roster: Option<coverage::Roster>,
    as_of: Date,
    say: &mut dyn FnMut(&str),
) -> Result<Ledger, SuperviseError> {
    let ReadAll {
        got,
        problems,
        found,
        texts,
    } = read_all(project, list, files, say)?;
    if found == 0 {
        return Err(SuperviseError::NothingFound);
    }
    // Members' records, read as `xuexi tally` reads them.
    let tallied = crate::tally::tally(project, &texts, None, as_of).unwrap_or_default();
    Ok(ledger_of(
        project, list, &got, problems, &tallied, roster, as_of,
    ))
}

/// The ledger of the receipts `got` as of `as_of`, with the problems found reading them,
/// and the members' coverage from the tally's ledgers `tallied` (whose problems are
/// the ledger's too) and the roster.
fn ledger_of(
    project: &Project,
    list: &TaskList,
    got: &[Got],
    mut problems: Vec<Problem>,
    tallied: &[crate::tally::Ledger],
    roster: Option<coverage::Roster>,
    as_of: Date,
) -> Ledger {
    let campaign = &project.catalogue.campaign;
    // Receipts sent after the ledger's day are not counted; of the rest, each unit's
    // latest (by send time, then by place in the input).
    let mut latest: BTreeMap<&str, &Got> = BTreeMap::new();
    let day_of = |sent: &str| sent.get(..10).and_then(|d| d.parse::<Date>().ok());
    for g in got {
        if day_of(&g.receipt.sent).is_some_and(|d| d > as_of) {
            problems.push(Problem {
                source: g.source.clone(),
                place: g.place.clone(),
                unit: g.receipt.unit_name.clone(),
                what: m!(
                    "supervise.after",
                    sent = g.receipt.sent.replace('T', " "),
                    date = as_of
                ),
            });
            continue;
        }
        match latest.get(g.receipt.unit.as_str()) {
            Some(k) if (k.receipt.sent.as_str(), k.order) > (g.receipt.sent.as_str(), g.order) => {
                problems.push(older(g, k));
            }
            Some(k) => {
                problems.push(older(k, g));
                latest.insert(&g.receipt.unit, g);
            }
            None => {
                latest.insert(&g.receipt.unit, g);
            }
        }
    }
    let tasks: Vec<TaskCol> = list
        .tasks
        .iter()
        .map(|t| TaskCol {
            id: t.id.get_ref().to_string(),
            title: t.title.get_ref().clone(),
            required: t.required,
            when: crate::schedule::when(t, campaign),
        })
        .collect();
    let mut units = Vec::with_capacity(list.units.len());
    for u in &list.units {
        let kept = latest.get(u.id.get_ref().as_str()).copied();
        let mine = form::tasks_of(list, u);
        let mut reports: BTreeMap<String, Report> = BTreeMap::new();
        if let Some(g) = kept {
            for r in &g.receipt.tasks {
                let known = mine.iter().any(|t| t.id.get_ref().as_str() == r.task);
                let late_day = r.on.parse::<Date>().ok().filter(|d| *d > as_of);
                if !known {
                    problems.push(Problem {
                        source: g.source.clone(),
                        place: String::new(),
                        unit: u.name.get_ref().clone(),
                        what: m!("supervise.unknown-task", task = r.task),
                    });
                } else if let Some(d) = late_day {
                    // Done after the ledger's day: as of that day, not done yet.
                    problems.push(Problem {
                        source: g.source.clone(),
                        place: String::new(),
                        unit: u.name.get_ref().clone(),
                        what: m!("supervise.done-after", task = r.task, on = d, date = as_of),
                    });
                    let mut r = r.clone();
                    r.done = false;
                    r.on.clear();
                    reports.insert(r.task.clone(), r);
                } else {
                    reports.insert(r.task.clone(), r.clone());
                }
            }
        }
        let mut row = UnitRow {
            id: u.id.get_ref().to_string(),
            name: u.name.get_ref().clone(),
            // A stray space must not make a second group.
            group: u.group.as_deref().unwrap_or_default().trim().to_string(),
            sent: kept.map(|g| (g.receipt.sent.replace('T', " "), g.source.clone())),
            states: vec![None; list.tasks.len()],
            done: 0,
            due: 0,
            overdue: Vec::new(),
        };
        for (i, t) in list.tasks.iter().enumerate() {
            if !mine.iter().any(|m| m.id == t.id) {
                continue;
            }
            let Some(when) = &tasks[i].when else { continue };
            let id = t.id.get_ref().as_str();
            let unclear = kept.is_some_and(|g| g.unclear.iter().any(|u| u == id));
            let s = match reports.get(id) {
                None if unclear => State::Unclear,
                r => status::state(when, r, as_of),
            };
            if s.is_done() {
                row.done += 1;
            }
            if s.is_done() || when.is_past(as_of) {
                row.due += 1;
            }
            if t.required && s.is_overdue() {
                row.overdue.push(i);
            }
            row.states[i] = Some(s);
        }
        units.push(row);
    }
    Ledger {
        campaign: campaign.title.get_ref().clone(),
        as_of,
        tasks,
        units,
        problems,
        read: latest.len(),
        coverage: Default::default(),
        roster: roster.is_some(),
    }
    .with_members(list, tallied, roster)
}

impl Ledger {
    /// The ledger with the members' coverage (and the tally's problems, each once).
    fn with_members(
        mut self,
        list: &TaskList,
        tallied: &[crate::tally::Ledger],
        roster: Option<coverage::Roster>,
    ) -> Ledger {
        for l in tallied {
            for p in &l.problems {
                let p = Problem {
                    source: p.source.clone(),
                    place: m!("supervise.place.line", line = p.line),
                    unit: p.who.clone(),
                    what: p.what.clone(),
                };
                if !self.problems.contains(&p) {
                    self.problems.push(p);
                }
            }
        }
        self.coverage = coverage::coverage(list, tallied, roster, self.as_of, &mut self.problems);
        self
    }
}

/// The problem of a receipt `old` that a later one, `new`, of the same unit replaces.
fn older(old: &Got, new: &Got) -> Problem {
    let when = |g: &Got| match g.receipt.sent.as_str() {
        "" => m!("supervise.no-sent"),
        s => s.replace('T', " "),
    };
    Problem {
        source: old.source.clone(),
        place: old.place.clone(),
        unit: old.receipt.unit_name.clone(),
        what: m!(
            "supervise.older",
            sent = when(old),
            newer = when(new),
            source = new.source
        ),
    }
}

/// Runs `xuexi supervise`; reports through `say`. Returns the paths written.
pub fn run(
    root: &Path,
    project: &Project,
    args: &Args,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, SuperviseError> {
    let list = project.tasks.as_ref().ok_or(SuperviseError::NoTasks)?;
    let as_of = match &args.date {
        Some(d) => d
            .trim()
            .parse::<Date>()
            .map_err(|_| SuperviseError::BadDate(d.clone()))?,
        None => crate::clock::today(),
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(dir) = &args.forms {
        let mut kept = 0;
        for u in &list.units {
            let path = dir.join(form::file_name(u));
            // A form already there may be a unit's filled one: never written over.
            if path.exists() {
                kept += 1;
                continue;
            }
            let bytes = form::write(&project.catalogue.campaign, list, u)?;
            outputs.push((path, bytes));
        }
        let written = put(outputs, say)?;
        if kept > 0 {
            say(&m!("supervise.forms-kept", n = kept, dir = dir.display()));
        }
        return Ok(written);
    }
    let roster = match &args.roster {
        Some(path) => {
            let sheets = crate::import::read::read(path)
                .map_err(|e| SuperviseError::Roster(path.clone(), e.to_string()))?;
            let rows = coverage::roster_rows(&sheets)
                .map_err(|why| SuperviseError::Roster(path.clone(), why))?;
            Some((path.display().to_string(), rows))
        }
        None => None,
    };
    let roster = roster.as_ref().map(|(n, r)| (n.as_str(), r.as_slice()));
    let ledger = if args.files.is_empty() && args.checklists.is_some() {
        // Checklists before any receipt came in: every task as the list has it.
        ledger_of(project, list, &[], Vec::new(), &[], None, as_of)
    } else {
        supervise(project, list, &args.files, roster, as_of, say)?
    };
    if let Some(dir) = &args.checklists {
        for (name, page) in write::checklists(&ledger, list, project) {
            outputs.push((dir.join(name), page.into_bytes()));
        }
        return put(outputs, say);
    }
    for p in ledger.problems.iter().take(write::SHOWN_PROBLEMS) {
        say(&write::problem_line(p));
    }
    if ledger.problems.len() > write::SHOWN_PROBLEMS {
        say(&m!(
            "supervise.more-problems",
            n = ledger.problems.len() - write::SHOWN_PROBLEMS
        ));
    }
    let xlsx = args
        .out
        .clone()
        .unwrap_or_else(|| root.join(m!("supervise.file", date = as_of)));
    // `-o 台账.csv` asks for the CSV alone (not a workbook under a .csv name).
    let csv_only = crate::write::is_csv(&xlsx);
    if !csv_only {
        outputs.push((xlsx.clone(), write::xlsx(&ledger)?));
    }
    if args.csv || csv_only {
        outputs.push((xlsx.with_extension("csv"), write::csv(&ledger)));
    }
    if args.print {
        outputs.push((
            xlsx.with_extension("html"),
            write::html(&ledger).into_bytes(),
        ));
    }
    let written = put(outputs, say)?;
    let overdue = ledger
        .units
        .iter()
        .filter(|u| !u.overdue.is_empty())
        .count();
    let silent = ledger.units.iter().filter(|u| u.sent.is_none()).count();
    say(&m!(
        "supervise.counted",
        units = ledger.units.len(),
        read = ledger.read,
        overdue = overdue,
        silent = silent,
        problems = ledger.problems.len(),
        date = as_of
    ));
    Ok(written)
}

/// Writes each output whole (never half a file), saying so.
fn put(
    outputs: Vec<(PathBuf, Vec<u8>)>,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, SuperviseError> {
    let mut written = Vec::new();
    for (path, bytes) in outputs {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| SuperviseError::CannotWrite {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        crate::write::file(&path, &bytes).map_err(|source| SuperviseError::CannotWrite {
            path: path.clone(),
            source,
        })?;
        say(&m!("tally.written", path = path.display()));
        written.push(path);
    }
    Ok(written)
}
