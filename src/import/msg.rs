//! The lines `import` and `export` show to authors: what was read and what was not, the
//! problems of single rows, and the command's own lines (why a run stopped is an
//! [`ImportError`](super::ImportError)). The words are in the message catalogue
//! (`src/i18n/`), keys `import.*`.

use std::fmt::Display;
use std::path::Path;

use crate::rules::{QuestionType, TypeName};

// What was read and what was not.

/// `读取 工作表「单选题」：50 道题（表头在第 2 行，上面 1 行当作标题；题型按工作表名称：单选题）`;
/// with `bad` rows: `读取 工作表「题库」：6 行，5 道题可以导入，1 行有问题`.
pub fn sheet_read(
    sheet: &str,
    count: usize,
    bad: usize,
    header_row: usize,
    kind: Option<TypeName>,
) -> String {
    let mut notes = Vec::new();
    if header_row > 1 {
        notes.push(m!(
            "import.header-row",
            row = header_row,
            above = header_row - 1
        ));
    }
    if let Some(kind) = kind {
        notes.push(m!("import.kind-from-name", kind = kind.label()));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        m!("import.notes", notes = notes.join(&m!("import.notes.sep")))
    };
    if bad == 0 {
        m!("import.sheet-read", sheet = sheet, n = count, notes = notes)
    } else {
        m!(
            "import.sheet-read-bad",
            sheet = sheet,
            rows = count + bad,
            n = count,
            bad = bad,
            notes = notes
        )
    }
}

pub fn sheet_skipped(sheet: &str, why: &str) -> String {
    m!("import.sheet-skipped", sheet = sheet, why = why)
}

pub fn empty_sheet() -> String {
    m!("import.empty-sheet")
}

pub fn no_header(rows: usize) -> String {
    m!("import.no-header", rows = rows)
}

pub fn no_kind_column() -> String {
    m!("import.no-kind-column")
}

pub fn ignored_columns(names: &[String]) -> String {
    m!(
        "import.ignored-columns",
        names = names.join(&m!("list.sep"))
    )
}

/// An ignored column without a header: `第 J 列（没有表头）`.
pub fn unnamed_column(letter: &str) -> String {
    m!("import.unnamed-column", letter = letter)
}

pub fn merged(sheet: &str, ranges: &[String]) -> String {
    m!(
        "import.merged",
        sheet = sheet,
        ranges = ranges.join(&m!("list.sep"))
    )
}

pub fn title_from_sheet(title: &str) -> String {
    m!("import.title-from-sheet", title = title)
}

// Problems with one row (or one sheet).

pub fn at(sheet: &str, row: usize, column: &str) -> String {
    if column.is_empty() {
        m!("import.at-row", sheet = sheet, row = row)
    } else {
        m!("import.at-cell", sheet = sheet, row = row, column = column)
    }
}

pub fn unknown_kind(v: &str) -> String {
    m!("import.unknown-kind", v = v)
}

pub fn empty_kind() -> String {
    m!("import.empty-kind")
}

pub fn empty_prompt() -> String {
    m!("import.empty-prompt")
}

pub fn option_count(kind: QuestionType, n: usize) -> String {
    m!("import.option-count", kind = kind.label(), n = n)
}

pub fn empty_option(column: &str) -> String {
    m!("import.empty-option", x = column)
}

pub fn same_options(a: char, b: char, text: &str) -> String {
    m!("import.same-options", a = a, b = b, text = text)
}

pub fn bad_letters(raw: &str, kind: QuestionType) -> String {
    if kind == QuestionType::Single {
        m!("import.bad-letters.single", raw = raw)
    } else {
        m!("import.bad-letters.multiple", raw = raw)
    }
}

pub fn letter_twice(raw: &str, c: char) -> String {
    m!("import.letter-twice", raw = raw, x = c)
}

pub fn no_such_option(c: char, last: char) -> String {
    m!("import.no-such-option", x = c, last = last)
}

pub fn bad_truefalse(raw: &str) -> String {
    m!("import.bad-truefalse", raw = raw)
}

pub fn truefalse_option(c: char, text: &str) -> String {
    m!("import.truefalse-option", x = c, text = text)
}

pub fn fill_mismatch(blanks: usize, answers: usize) -> String {
    m!("import.fill-mismatch", blanks = blanks, answers = answers)
}

pub fn bad_id(v: &str) -> String {
    m!("import.bad-id", v = v)
}

pub fn duplicate_id(v: &str, first: &str) -> String {
    m!("import.duplicate-id", v = v, first = first)
}

pub fn bad_points(v: &str) -> String {
    m!("points.bad", v = v)
}

// The command's own lines.

pub fn error_line(e: &dyn Display) -> String {
    m!("import.error-line", e = e)
}

pub fn skipped_line(e: &dyn Display) -> String {
    m!("import.skipped-line", e = e)
}

/// `警告：工作表「题库」第 3、5 行：有 2 道题没有解析：…`: a warning `check` has about
/// the written bank, told by the sheet rows it is about (`rows`: by sheet).
pub fn warning(d: &crate::diag::Diagnostic, rows: &[(String, Vec<usize>)]) -> String {
    if rows.is_empty() {
        return m!("import.warning.bank", message = d.message);
    }
    let at: Vec<String> = rows
        .iter()
        .map(|(sheet, rows)| {
            let rows: Vec<String> = rows.iter().map(usize::to_string).collect();
            m!(
                "import.warning.rows",
                sheet = sheet,
                rows = rows.join(&m!("list.sep"))
            )
        })
        .collect();
    m!(
        "import.warning",
        at = at.join(&m!("list.sep.sheets")),
        message = d.message
    )
}

pub fn no_project(path: &Path) -> String {
    m!("import.no-project", path = path.display())
}

/// `导入：50 道题写入 quizzes/x.toml（新增 2 道，修改 1 道，删除 0 道，未变 47 道）`
pub fn imported(n: usize, path: &Path, changes: Option<[usize; 4]>) -> String {
    let changes = match changes {
        Some([added, changed, removed, same]) => m!(
            "import.changes",
            added = added,
            changed = changed,
            removed = removed,
            same = same
        ),
        None => String::new(),
    };
    m!(
        "import.imported",
        n = n,
        path = path.display(),
        changes = changes
    )
}

pub fn no_quiz(id: &str) -> String {
    m!("import.no-quiz", id = id)
}

pub fn exported(path: &Path, n: usize) -> String {
    m!("import.exported", path = path.display(), n = n)
}

/// A bank that import rewrites was kept as it was.
pub fn backed_up(target: &Path, backup: &Path, forced: bool) -> String {
    if forced {
        m!(
            "import.backed-up.forced",
            path = target.display(),
            backup = backup.display()
        )
    } else {
        m!(
            "import.backed-up.hand",
            path = target.display(),
            backup = backup.display()
        )
    }
}
