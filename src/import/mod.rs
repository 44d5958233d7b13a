//! `xuexi import` and `xuexi export`: question banks to and from spreadsheets (题库).
//!
//! In (import): an `.xlsx`, `.xls`, `.ods` or `.csv` (UTF-8 or GB18030) file laid out
//! the way Chinese offices keep banks: columns 题型 (单选/多选/不定项/判断/填空), 题干,
//! 选项A … 选项H (or one 选项 column), 答案, 解析, 出处, 分值, 编号/题号/序号, in one
//! sheet or one sheet per type (单选题, 多选题, …), the header below a title row or not,
//! merged cells read as the clerk sees them. Out: `quizzes/<id>.toml` (updated in place
//! when it exists: its settings and unchanged questions' ids kept), and a report of every
//! sheet read or skipped, every column ignored and every bad row.
//! Export writes the layout import reads, so a bank can go to colleagues and come back.
//!
//! The stages: [`read`] (file -> sheets of text) -> [`sheet`] (sheet -> rows, each
//! checked by the rules of `crate::rules`) -> [`ids`] (rows -> questions with ids) ->
//! [`to_toml`] -> `load` and `validate`, as `check` reads and checks a bank, before it is
//! written. The catalogue and the bank being updated are read through `load` too. Every
//! line shown is in [`msg`]; why a run stopped without writing is an [`ImportError`].

mod error;
mod export;
pub mod ids;
pub mod msg;
mod ods;
pub mod read;
pub mod sheet;
pub mod units;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use error::{ExportFailure, ImportError};
pub use export::{export, export_rows};
pub use ids::{Existing, ExistingError};
pub use ods::OdsError;
pub use read::Sheet;

use crate::model::{Catalogue, Points, Slug};
use crate::rules::{QuestionType, TypeName, type_named};
use crate::validate::Unresolved;

/// A problem with one cell, row or sheet: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub sheet: String,
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    /// The column's name, e.g. 答案 ("" for the whole row).
    pub column: String,
    pub message: String,
}

impl RowError {
    pub fn new(sheet: &str, row: usize, column: &str, message: String) -> Self {
        RowError {
            sheet: sheet.into(),
            row,
            column: column.into(),
            message,
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&m!(
            "import.row-error",
            at = msg::at(&self.sheet, self.row, &self.column),
            message = self.message
        ))
    }
}

/// One imported question, ready to be written as TOML.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub id: String,
    /// Its type.
    pub kind: QuestionType,
    pub prompt: String,
    pub options: Vec<String>,
    /// As written in TOML: `"B"`, `"ACD"`, `true`, `["1921", "7|七"]`.
    pub answer: toml::Value,
    pub points: Option<Points>,
    pub explanation: String,
    pub source: String,
}

/// What the sheets gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// What was read, skipped and ignored, one line each, for the author.
    pub notes: Vec<String>,
    pub errors: Vec<RowError>,
    /// The questions of the good rows, with their ids.
    pub questions: Vec<Imported>,
    /// Where each of `questions` was read: its sheet's name and its row (1-based).
    pub origins: Vec<(String, usize)>,
    /// The text above the header of the first sheet read (a title row), if any.
    pub title: Option<String>,
}

/// The chapter ids of each material of the catalogue, to check a 出处 against.
pub use crate::validate::Chapters;

/// Reads the questions of every sheet; `existing` is the bank being updated, `chapters`
/// the catalogue's (when there is one), which every 出处 must name.
pub fn import(
    sheets: &[Sheet],
    existing: Option<&Existing>,
    chapters: Option<&Chapters<'_>>,
) -> Report {
    let mut report = Report::default();
    let mut rows = Vec::new();
    let mut ignored: Vec<String> = Vec::new();
    let mut kinds_read = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        let before = rows.len();
        let errors_before = report.errors.len();
        let outcome = sheet::parse(i, s, &mut rows, &mut report.errors);
        if let Some(known) = chapters {
            // What `check` would refuse, refused here: a 出处 the catalogue does not have.
            let mut kept = rows.split_off(before);
            kept.retain(|r| match unknown_source(&r.question.source, known) {
                Some(message) => {
                    let column = sheet::Role::Source.name();
                    let e = RowError::new(&s.name, r.row, &column, message);
                    report.errors.push(e);
                    false
                }
                None => true,
            });
            rows.append(&mut kept);
        }
        match outcome {
            sheet::Outcome::Read {
                header_row,
                kind_from_name,
                title,
                ignored: cols,
                ..
            } => {
                let count = rows.len() - before;
                // The rows with a problem, each once however many of its cells have one.
                let mut bad: Vec<usize> = report.errors[errors_before..]
                    .iter()
                    .map(|e| e.row)
                    .collect();
                bad.sort_unstable();
                bad.dedup();
                report.notes.push(msg::sheet_read(
                    &s.name,
                    count,
                    bad.len(),
                    header_row,
                    kind_from_name,
                ));
                if !s.merged.is_empty() {
                    report.notes.push(msg::merged(&s.name, &s.merged));
                }
                for c in cols {
                    if !ignored.contains(&c) {
                        ignored.push(c);
                    }
                }
                if report.title.is_none() {
                    report.title = title;
                }
                kinds_read.push(type_named(&s.name));
            }
            sheet::Outcome::Skipped(why) => {
                report.notes.push(msg::sheet_skipped(&s.name, &why));
            }
            sheet::Outcome::Refused => {}
        }
    }
    if !ignored.is_empty() {
        report.notes.push(msg::ignored_columns(&ignored));
    }
    let prefixes = id_prefixes(sheets, &kinds_read);
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let rows = ids::assign(rows, &names, &prefixes, existing, &mut report.errors);
    (report.questions, report.origins) = rows
        .into_iter()
        .map(|r| (r.question, (names[r.sheet].clone(), r.row)))
        .unzip();
    report
}

/// Why a 出处 (`jianshi/ch01`) names nothing in the catalogue, if it does not (as
/// `check` finds it: [`crate::validate::unresolved`]).
fn unknown_source(source: &str, known: &Chapters) -> Option<String> {
    let r = crate::model::ChapterRef::try_from(source.to_string()).ok()?;
    Some(match crate::validate::unresolved(&r, known)? {
        Unresolved::Material => m!(
            "import.source.material",
            r = source,
            m = r.material,
            list = crate::diag::ticked(known.keys())
        ),
        Unresolved::Chapter(chapters) => m!(
            "import.source.chapter",
            r = source,
            m = r.material,
            c = r.chapter,
            list = crate::diag::ticked(chapters)
        ),
    })
}

/// What goes before a number in 题号/序号 for each sheet: `q` (q<n>); with several
/// sheets read, each numbered from 1, the sheet's type (single-<n>) or, when two read
/// sheets have one type, its place (s2-<n>), keeps them apart.
fn id_prefixes(sheets: &[Sheet], kinds_read: &[Option<TypeName>]) -> Vec<String> {
    let several = kinds_read.len() > 1;
    sheets
        .iter()
        .enumerate()
        .map(|(i, s)| match type_named(&s.name) {
            _ if !several => "q".to_string(),
            Some(k) if kinds_read.iter().filter(|x| **x == Some(k)).count() == 1 => {
                format!("{}-", k.name())
            }
            _ => format!("s{}-", i + 1),
        })
        .collect()
}

/// A bank as written to `quizzes/<id>.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub title: String,
    pub material: Option<String>,
    pub draw: Option<i64>,
    pub pass: Option<i64>,
    pub questions: Vec<Imported>,
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The bank as readable TOML.
pub fn to_toml(bank: &Bank) -> String {
    let mut t = String::from("#:schema ../schemas/quiz.schema.json\n");
    let _ = writeln!(t, "title = {}", quoted(&bank.title));
    if let Some(m) = &bank.material {
        let _ = writeln!(t, "material = {}", quoted(m));
    }
    if let Some(d) = bank.draw {
        let _ = writeln!(t, "draw = {d}");
    }
    if let Some(p) = bank.pass {
        let _ = writeln!(t, "pass = {p}");
    }
    for q in &bank.questions {
        let _ = writeln!(
            t,
            "\n[[question]]\nid = {}\ntype = {}",
            quoted(&q.id),
            quoted(q.kind.name())
        );
        let _ = writeln!(t, "prompt = {}", quoted(&q.prompt));
        if !q.options.is_empty() {
            let opts: Vec<String> = q.options.iter().map(|o| quoted(o)).collect();
            let _ = writeln!(t, "options = [{}]", opts.join(", "));
        }
        let _ = writeln!(t, "answer = {}", q.answer);
        if let Some(p) = q.points {
            let _ = writeln!(t, "points = {p}");
        }
        if !q.explanation.is_empty() {
            let _ = writeln!(t, "explanation = {}", quoted(&q.explanation));
        }
        if !q.source.is_empty() {
            let _ = writeln!(t, "source = {}", quoted(&q.source));
        }
    }
    t
}

/// What `xuexi import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Args {
    pub file: PathBuf,
    pub quiz: String,
    pub title: Option<String>,
    pub material: Option<String>,
    pub draw: Option<i64>,
    pub pass: Option<i64>,
    /// Import the good rows, report the bad ones.
    pub skip_bad: bool,
    /// Ignore the bank at the target: new ids, settings only from the arguments.
    pub force: bool,
}

/// Imports `args.file` into `root/quizzes/<quiz>.toml`, telling `say` each line of the
/// report as it goes. An error means nothing was written.
pub fn run(root: &Path, args: &Args, say: &mut dyn FnMut(String)) -> Result<(), ImportError> {
    let quiz = Slug::try_from(args.quiz.clone()).map_err(ImportError::BadQuizId)?;
    let project = root.join(crate::load::CATALOGUE).is_file();
    let target = root
        .join(crate::load::QUIZZES)
        .join(format!("{}.toml", args.quiz));
    let old_text = crate::write::read_regular_text(&target).ok();
    let existing = match &old_text {
        Some(text) if !args.force => {
            Some(
                ids::existing(&quiz, text).map_err(|source| ImportError::ExistingBroken {
                    path: target.clone(),
                    source,
                })?,
            )
        }
        _ => None,
    };
    let sheets = read::read(&args.file)?;
    // The catalogue as `check` reads it (none when it does not read: `check` says why).
    let catalogue = crate::load::catalogue(root);
    let chapters = catalogue
        .as_ref()
        .map(crate::validate::chapters_by_material);
    let report = import(&sheets, existing.as_ref(), chapters.as_ref());
    for n in &report.notes {
        say(n.clone());
    }
    for e in &report.errors {
        say(if args.skip_bad {
            msg::skipped_line(e)
        } else {
            msg::error_line(e)
        });
    }
    if !report.errors.is_empty() && !args.skip_bad {
        return Err(ImportError::BadRows(report.errors.len()));
    }
    let n = report.questions.len();
    if n == 0 {
        return Err(ImportError::NothingToImport);
    }
    let old = existing.clone().unwrap_or_default();
    let title = title(args, &old, &report, say);
    let material = args.material.clone().or(old.material);
    if project && let Some(m) = &material {
        check_material(m, chapters.as_ref())?;
    }
    let draw = args.draw.or(old.draw);
    if let Some(d) = draw
        && !crate::validate::draws(n).contains(&d)
    {
        return Err(ImportError::DrawTooBig {
            draw: d,
            questions: n,
        });
    }
    let bank = Bank {
        title,
        material,
        draw,
        pass: args.pass.or(old.pass),
        questions: report.questions,
    };
    let text = to_toml(&bank);
    let warnings = checked(&quiz, &text, catalogue.as_ref())?;
    // A bank written by hand (comments, its own layout) or replaced with --force is
    // kept beside the new one, so nothing the author wrote is lost.
    if let Some(old_text) = &old_text
        && *old_text != text
        && (args.force || !written_by_import(&quiz, old_text))
    {
        let backup = target.with_extension("toml.bak");
        write(&backup, old_text.as_bytes())?;
        say(msg::backed_up(&target, &backup, args.force));
    }
    write(&target, text.as_bytes())?;
    let changes = existing.map(|old| ids::changes(&old.questions, &bank.questions));
    say(msg::imported(n, &target, changes));
    for w in warnings {
        say(msg::warning(
            &w,
            &rows_of(&w, &text, &bank.questions, &report.origins),
        ));
    }
    if !project {
        say(msg::no_project(&target));
    }
    Ok(())
}

/// The sheet rows a warning about the written bank `text` is about: the question at
/// its place and the questions it names (`place`、`year`), by sheet, each sheet's rows
/// in order.
fn rows_of(
    d: &crate::diag::Diagnostic,
    text: &str,
    questions: &[Imported],
    origins: &[(String, usize)],
) -> Vec<(String, Vec<usize>)> {
    let mut about: Vec<usize> = Vec::new();
    if let crate::diag::Place::Span(_, span) = &d.place {
        // The questions' tables in the order written, one `[[question]]` each.
        let at = text[..span.start.min(text.len())]
            .matches("\n[[question]]")
            .count();
        if let Some(i) = at.checked_sub(1) {
            about.push(i);
        }
    }
    for (i, q) in questions.iter().enumerate() {
        if d.message.contains(&format!("`{}`", q.id)) && !about.contains(&i) {
            about.push(i);
        }
    }
    let mut by_sheet: Vec<(String, Vec<usize>)> = Vec::new();
    for (sheet, row) in about.iter().filter_map(|&i| origins.get(i)) {
        match by_sheet.iter_mut().find(|(s, _)| s == sheet) {
            Some((_, rows)) => rows.push(*row),
            None => by_sheet.push((sheet.clone(), vec![*row])),
        }
    }
    for (_, rows) in &mut by_sheet {
        rows.sort_unstable();
        rows.dedup();
    }
    by_sheet
}

/// The bank's title: `--title`, else the bank's own, else the sheet's title row (said),
/// else the file's name.
fn title(args: &Args, old: &Existing, report: &Report, say: &mut dyn FnMut(String)) -> String {
    match (&args.title, &old.title, &report.title) {
        (Some(t), _, _) | (None, Some(t), _) => t.clone(),
        (None, None, Some(t)) => {
            say(msg::title_from_sheet(t));
            t.clone()
        }
        (None, None, None) => args
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| args.quiz.clone()),
    }
}

/// A material id the catalogue has (when the catalogue parses).
fn check_material(m: &str, chapters: Option<&Chapters>) -> Result<(), ImportError> {
    let unknown = || ImportError::UnknownMaterial(m.to_string());
    crate::model::Slug::try_from(m.to_string()).map_err(|_| unknown())?;
    match chapters {
        Some(known) if !known.contains_key(m) => Err(unknown()),
        _ => Ok(()),
    }
}

/// Whether a bank's text is exactly what import writes for its content (then
/// rewriting it loses nothing but what the new sheet changes).
fn written_by_import(id: &Slug, text: &str) -> bool {
    let Ok(old) = ids::existing(id, text) else {
        return false;
    };
    let Some(title) = old.title.clone() else {
        return false;
    };
    let bank = Bank {
        title,
        material: old.material,
        draw: old.draw,
        pass: old.pass,
        questions: old.questions,
    };
    to_toml(&bank) == text
}

/// The bank as written, loaded and checked as `check` loads and checks a bank: import
/// writes no bank `check` refuses. The rows were checked one by one and the material
/// and `draw` with their own words, so what is left to find is in the bank's other
/// settings (a `pass` out of range, kept from the bank it updates). Its warnings (a
/// question without 解析, say) are given back, to be told by the rows they are about.
fn checked(
    id: &Slug,
    text: &str,
    catalogue: Option<&Catalogue>,
) -> Result<Vec<crate::diag::Diagnostic>, ImportError> {
    let mut loaded = crate::load::bank_text(id.clone(), text);
    for (file, quiz) in &loaded.quizzes {
        let found = crate::validate::bank(*file, quiz, catalogue);
        loaded.diagnostics.extend(found);
    }
    let (errors, warnings): (Vec<_>, Vec<_>) =
        loaded.diagnostics.drain(..).partition(|d| d.is_error());
    loaded.diagnostics = errors;
    if loaded.diagnostics.is_empty() {
        return Ok(warnings);
    }
    Err(ImportError::NotChecked(crate::diag::render(
        &loaded.files,
        &loaded.diagnostics,
    )))
}

/// Writes beside the target, then renames: a killed run leaves the old bank whole.
fn write(target: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let written = match target.parent() {
        Some(dir) => std::fs::create_dir_all(dir),
        None => Ok(()),
    };
    written
        .and_then(|()| crate::write::file(target, bytes))
        .map_err(|source| ImportError::CannotWrite {
            path: target.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::sheet::tests::sheet;

    fn ids_of(r: &Report) -> Vec<&str> {
        r.questions.iter().map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn a_reworded_prompt_keeps_its_id_by_its_options() {
        let before = import(
            &[sheet(
                "S",
                "题型,题干,A,B,答案\n单选,一大在哪开幕？,北京,上海,B\n判断,对吗？,,,对",
            )],
            None,
            None,
        );
        let old = Existing {
            questions: before.questions.clone(),
            ..Existing::default()
        };
        let after = import(
            &[sheet(
                "S",
                "题型,题干,A,B,答案\n单选,中共一大在哪里开幕？,北京,上海,B\n判断,错吗？,,,对",
            )],
            Some(&old),
            None,
        );
        assert_eq!(ids_of(&after)[0], ids_of(&before)[0]);
        // No options to go by: a reworded 判断 is a new question.
        assert_ne!(ids_of(&after)[1], ids_of(&before)[1]);
        assert_eq!(ids::changes(&old.questions, &after.questions), [1, 1, 1, 0]);
    }

    #[test]
    fn ids_as_written_numbers_per_sheet_and_repeats() {
        let _zh = crate::i18n::chinese();
        let r = import(
            &[
                sheet(
                    "单选题",
                    "题号,题干,A,B,答案\n1,甲？,一,二,A\n2,乙？,一,二,B",
                ),
                sheet("判断题", "序号,题干,答案\n1,丙。,对"),
                sheet(
                    "Sheet3",
                    "编号,题型,题干,答案\nQ-01,判断,丁。,错\nq-01,判断,戊。,错",
                ),
            ],
            None,
            None,
        );
        assert_eq!(ids_of(&r), ["single-1", "single-2", "truefalse-1", "q-01"]);
        assert_eq!(
            r.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            [
                "工作表「Sheet3」第 3 行「编号」列：编号 `q-01` 重复：工作表「Sheet3」第 2 行也是这个编号"
            ]
        );
        let one = import(
            &[sheet("单选题", "序号,题干,A,B,答案\n7,甲？,一,二,A")],
            None,
            None,
        );
        assert_eq!(ids_of(&one), ["q7"]);
    }

    #[test]
    fn a_source_the_catalogue_lacks_and_a_ninth_option_are_refused() {
        let _zh = crate::i18n::chinese();
        let chapters: Chapters = [("jianshi", vec!["ch01"])].into();
        let r = import(
            &[sheet(
                "S",
                "题型,题干,答案,出处\n判断,甲。,对,jianshi/ch01\n判断,乙。,对,jianshi/ch99\n判断,丙。,对,nope/ch01",
            )],
            None,
            Some(&chapters),
        );
        assert_eq!(r.questions.len(), 1);
        assert_eq!(
            r.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
            [
                "工作表「S」第 3 行「出处」列：出处 `jianshi/ch99`：学习材料 `jianshi` 没有章节 `ch99`（有：`ch01`）",
                "工作表「S」第 4 行「出处」列：出处 `nope/ch01` 的学习材料 `nope` 不在 catalogue.toml 里（有：`jianshi`）"
            ]
        );
        let nine = import(
            &[sheet(
                "S",
                "题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,选项G,选项H,选项I,答案\n单选,甲？,1,2,3,4,5,6,7,8,9,I",
            )],
            None,
            None,
        );
        assert!(nine.questions.is_empty());
        assert_eq!(
            nine.errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>(),
            ["工作表「S」第 2 行「选项I」列：单选题要有 2 到 8 个选项，这里有 9 个"]
        );
    }

    #[test]
    fn five_hundred_rows_get_five_hundred_ids() {
        let mut csv = String::from("题型,题干,A,B,答案");
        for n in 0..500 {
            csv.push_str(&format!("\n单选,第{n}题？,对,错,A"));
        }
        let r = import(&[sheet("S", &csv)], None, None);
        let mut ids = ids_of(&r);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 500);
    }
}
