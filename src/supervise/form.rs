//! The receipt form (回执表): a unit's tasks as an Excel sheet to fill in, and a filled
//! one read back.
//!
//! In: the task list and a unit (to write), or a workbook's sheets as text
//! (`import::read`) and the task list (to read). Out: the `.xlsx` bytes of the blank
//! form (the same list, the same bytes); or the [`Receipt`] a filled form says, with a
//! [`FormProblem`] (file, sheet, row, column, what was found and what is expected) for
//! each cell that cannot be read. Filled values are read as people write them, and
//! never guessed: 已完成/完成/是/√/✓ or 未完成/否/×/empty; dates as Excel dates,
//! 2021-04-28, 2021/4/28, 2021.4.28, 2021年4月28日 or 4月28日 (in the campaign's year);
//! counts as 4 or 4次.

use jiff::civil::Date;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, XlsxError,
};

use super::receipt::{Receipt, Report};
use crate::import::read::{Sheet, column_name};
use crate::model::Campaign;
use crate::model::tasks::{Task, TaskList, Unit, When};

/// The row of the column headers (from 1), below the title and the unit's lines.
const HEAD_ROW: u32 = 6;

/// The column headers, in order: what the form has and what reading looks for.
fn headers() -> [String; 9] {
    [
        m!("supervise.form.col.id"),
        m!("supervise.form.col.task"),
        m!("supervise.form.col.kind"),
        m!("supervise.form.col.due"),
        m!("supervise.form.col.status"),
        m!("supervise.form.col.on"),
        m!("supervise.form.col.count"),
        m!("supervise.form.col.evidence"),
        m!("supervise.form.col.note"),
    ]
}

/// The tasks of `unit`: those whose `for` names its id or its kind, in the list's order.
pub fn tasks_of<'a>(list: &'a TaskList, unit: &Unit) -> Vec<&'a Task> {
    let id = unit.id.get_ref().as_str();
    let kind = unit.kind.as_ref().map(|k| k.get_ref().as_str());
    list.tasks
        .iter()
        .filter(|t| {
            t.units
                .get_ref()
                .iter()
                .any(|w| w.get_ref() == id || Some(w.get_ref().as_str()) == kind)
        })
        .collect()
}

/// A task's schedule in a clerk's words: `2021-04-30`, `2021-04-08 至 2021-12-31 至少 4 次`,
/// `每周五（2021-04-09 至 2021-12-31）`.
pub fn when_words(when: &When) -> String {
    match when {
        When::Due { due } => due.to_string(),
        When::Times { times, from, until } => {
            m!(
                "supervise.when.times",
                from = from,
                until = until,
                n = times
            )
        }
        When::Weekly { weekday, days } => m!(
            "supervise.when.weekly",
            day = crate::i18n::tr(&format!("weekday.{}", weekday.key()), &[]),
            first = days.first().map(ToString::to_string).unwrap_or_default(),
            last = days.last().map(ToString::to_string).unwrap_or_default(),
            n = days.len()
        ),
    }
}

/// The file name of a unit's form: `回执表-区委组织部.xlsx` (characters no file name may
/// hold become `_`).
pub fn file_name(unit: &Unit) -> String {
    m!(
        "supervise.form.file",
        unit = file_safe(unit.name.get_ref().trim())
    )
}

/// `name` with the characters no file name may hold (on Windows too) as `_`.
pub fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

fn xl_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The blank form of `unit`.
pub fn write(campaign: &Campaign, list: &TaskList, unit: &Unit) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = m!(
        "supervise.form.title",
        campaign = campaign.title.get_ref(),
        unit = unit.name.get_ref()
    );
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(m!("supervise.form.sheet"))?;
    let bold = Format::new().set_bold();
    let big = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#F2F2F2");
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let fill = cell.clone().set_background_color("#FFF9E6");
    let date = fill.clone().set_num_format("yyyy-mm-dd");
    let due_date = cell.clone().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 8, &title, &big)?;
    sheet.write_string_with_format(1, 0, m!("supervise.form.unit"), &bold)?;
    sheet.merge_range(1, 1, 1, 3, unit.name.get_ref(), &Format::new())?;
    sheet.write_string_with_format(1, 5, m!("supervise.form.unit-id"), &bold)?;
    sheet.write_string(1, 6, unit.id.get_ref().as_str())?;
    sheet.write_string_with_format(2, 0, m!("supervise.form.by"), &bold)?;
    sheet.merge_range(2, 1, 2, 3, "", &fill)?;
    sheet.write_string_with_format(2, 5, m!("supervise.form.sent"), &bold)?;
    sheet.write_blank(2, 6, &date)?;
    sheet.merge_range(
        3,
        0,
        3,
        8,
        &m!("supervise.form.how"),
        &Format::new().set_text_wrap(),
    )?;
    sheet.set_row_height(3, 45)?;
    let widths = [12.0, 30.0, 7.0, 16.0, 10.0, 12.0, 6.0, 22.0, 20.0];
    for (c, (h, w)) in headers().iter().zip(widths).enumerate() {
        sheet.set_column_width(c as u16, w)?;
        sheet.write_string_with_format(HEAD_ROW - 1, c as u16, h, &head)?;
    }
    let tasks = tasks_of(list, unit);
    for (i, t) in tasks.iter().enumerate() {
        let r = HEAD_ROW + i as u32;
        sheet.write_string_with_format(r, 0, t.id.get_ref().as_str(), &cell)?;
        sheet.write_string_with_format(r, 1, t.title.get_ref(), &cell)?;
        let kind = if t.required {
            m!("supervise.required")
        } else {
            m!("supervise.optional")
        };
        sheet.write_string_with_format(r, 2, kind, &cell)?;
        match crate::schedule::when(t, campaign) {
            Some(When::Due { due }) => {
                sheet.write_datetime_with_format(r, 3, xl_date(due.0)?, &due_date)?;
            }
            Some(w) => {
                sheet.write_string_with_format(r, 3, when_words(&w), &cell)?;
            }
            None => {
                sheet.write_blank(r, 3, &cell)?;
            }
        }
        sheet.write_blank(r, 4, &fill)?;
        sheet.write_blank(r, 5, &date)?;
        sheet.write_blank(r, 6, &fill)?;
        sheet.write_blank(r, 7, &fill)?;
        sheet.write_blank(r, 8, &fill)?;
        if !t.evidence.is_empty() {
            let wanted: String = t.evidence.join("、").chars().take(200).collect();
            let dv = DataValidation::new()
                .allow_any_value()
                .set_input_title(m!("supervise.form.evidence-title"))?
                .set_input_message(wanted)?;
            sheet.add_data_validation(r, 7, r, 7, &dv)?;
        }
    }
    if !tasks.is_empty() {
        let last = HEAD_ROW + tasks.len() as u32 - 1;
        // Information, not stop: 完成, √ and ✓ are welcome too.
        let status = DataValidation::new()
            .allow_list_strings(&[m!("supervise.form.done"), m!("supervise.form.not-done")])?
            .set_error_style(DataValidationErrorStyle::Information)
            .set_error_title(m!("supervise.form.col.status"))?
            .set_error_message(m!("supervise.form.status-hint"))?;
        sheet.add_data_validation(HEAD_ROW, 4, last, 4, &status)?;
    }
    sheet.set_freeze_panes(HEAD_ROW, 0)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEAD_ROW - 1, HEAD_ROW - 1)?;
    book.save_to_buffer()
}

/// A cell of a filled form that cannot be read: where, what was found, what is expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    pub sheet: String,
    /// From 1, as the sheet shows it; 0 for the whole form.
    pub row: usize,
    /// `A`, `B` … ; empty for a whole row or form.
    pub column: String,
    pub what: String,
}

/// What reading a filled form gave.
#[derive(Debug, Default)]
pub struct Filled {
    /// The receipt, when the form names a unit of the list.
    pub receipt: Option<Receipt>,
    /// The rows counted, and the rows that were not, with why.
    pub rows: usize,
    pub problems: Vec<FormProblem>,
    /// The tasks whose row could not be read (shown as 待核实, never as not reported).
    pub unclear: Vec<String>,
}

/// The words of `done`: `Some(true)` done, `Some(false)` not done (an empty cell too),
/// `None` anything else.
pub fn status_of(text: &str) -> Option<bool> {
    match text.trim().trim_end_matches(['。', '.', '！', '!']) {
        "完成" | "已完成" | "是" | "√" | "✓" | "✔" => Some(true),
        "未完成" | "否" | "×" | "✗" | "" => Some(false),
        // The drop-down's words in the language the form was written in.
        t if t == m!("supervise.form.done") => Some(true),
        t if t == m!("supervise.form.not-done") => Some(false),
        _ => None,
    }
}

/// Full-width digits and punctuation as ASCII (what Chinese input methods type).
fn narrow(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '／' => '/',
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// A cell's text that is not the kind of value its column wants (the caller says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// A day as people write it (see the module), with the campaign's bounds for a day
/// without its year; `Ok(None)` for an empty cell.
pub fn date_of(text: &str, start: Date, end: Date) -> Result<Option<Date>, Unreadable> {
    let t = narrow(text);
    // A time of day after the date (`2021/04/28 10:30`, a date cell with a time) says
    // nothing more about the day.
    let t = t.split(['T', ' ']).next().unwrap_or("");
    if t.is_empty() {
        return Ok(None);
    }
    // 号 is 日 as people say it; a month and day may leave the 日 off (4月28).
    let owned;
    let t = if let Some(rest) = t.strip_suffix('号') {
        owned = format!("{rest}日");
        owned.as_str()
    } else if t.contains('月') && !t.ends_with('日') {
        owned = format!("{t}日");
        owned.as_str()
    } else {
        t
    };
    let num = |s: &str| -> Result<i16, Unreadable> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().map_err(|_| Unreadable))
            .ok_or(Unreadable)?
    };
    let ymd = |y: i16, m: i16, d: i16| -> Result<Date, Unreadable> {
        if !(1900..=2200).contains(&y) {
            return Err(Unreadable);
        }
        Date::new(
            y,
            i8::try_from(m).map_err(|_| Unreadable)?,
            i8::try_from(d).map_err(|_| Unreadable)?,
        )
        .map_err(|_| Unreadable)
    };
    if let Some(rest) = t.strip_suffix('日') {
        // 2021年4月28日, 4月28日
        let (year, md) = match rest.split_once('年') {
            Some((y, md)) => (Some(num(y)?), md),
            None => (None, rest),
        };
        let (m, d) = md.split_once('月').ok_or(Unreadable)?;
        let (m, d) = (num(m)?, num(d)?);
        return match year {
            Some(y) => ymd(y, m, d).map(Some),
            None => {
                // The campaign's year; of a campaign over two years, the one that puts
                // the day inside it, when exactly one does.
                let fits: Vec<Date> = (start.year()..=end.year())
                    .filter_map(|y| ymd(y, m, d).ok())
                    .filter(|day| start.year() == end.year() || (*day >= start && *day <= end))
                    .collect();
                match fits.as_slice() {
                    [one] => Ok(Some(*one)),
                    _ => Err(Unreadable),
                }
            }
        };
    }
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = t.split(sep).collect();
        if let [y, m, d] = parts.as_slice()
            && y.len() == 4
        {
            return ymd(num(y)?, num(m)?, num(d)?).map(Some);
        }
    }
    Err(Unreadable)
}

/// A count as people write it: `4`, `4次`, `4 次`; `Ok(None)` for an empty cell.
pub fn count_of(text: &str) -> Result<Option<u64>, Unreadable> {
    let t = narrow(text);
    let t = t.strip_suffix('次').unwrap_or(&t).trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 4 {
        t.parse().map(Some).map_err(|_| Unreadable)
    } else {
        Err(Unreadable)
    }
}

/// The text after the first cell equal to `label` (with or without a colon) in the rows
/// above the headers.
fn labelled<'a>(rows: &'a [Vec<String>], label: &str) -> Option<&'a str> {
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            let c = c.trim().trim_end_matches(['：', ':']);
            if c == label {
                return row[i + 1..]
                    .iter()
                    .map(|s| s.trim())
                    .find(|s| !s.is_empty());
            }
        }
    }
    None
}

/// Reads the filled forms in `sheets` (a workbook; the first sheet with the form's
/// headers is read): the unit, and a report for each task row. `campaign` is the
/// project's id, carried into the receipt.
pub fn read(sheets: &[Sheet], list: &TaskList, campaign: &Campaign, id: &str) -> Filled {
    let mut out = Filled::default();
    let cols = headers();
    let Some((sheet, head)) = sheets.iter().find_map(|s| {
        s.rows
            .iter()
            .position(|r| {
                r.iter().any(|c| c.trim() == cols[1]) && r.iter().any(|c| c.trim() == cols[4])
            })
            .map(|h| (s, h))
    }) else {
        out.problems.push(FormProblem {
            sheet: String::new(),
            row: 0,
            column: String::new(),
            what: m!("supervise.form.no-head", task = cols[1], status = cols[4]),
        });
        return out;
    };
    let problem = |row: usize, col: Option<usize>, what: String| FormProblem {
        sheet: sheet.name.clone(),
        row,
        column: col.map(column_name).unwrap_or_default(),
        what,
    };
    let above = &sheet.rows[..head];
    let by_id = labelled(above, &m!("supervise.form.unit-id"));
    let by_name = labelled(above, &m!("supervise.form.unit"));
    let unit = list.units.iter().find(|u| {
        by_id == Some(u.id.get_ref().as_str())
            || by_name.is_some_and(|n| {
                u.name.get_ref().trim() == n || u.aliases.iter().any(|a| a.get_ref().trim() == n)
            })
    });
    let Some(unit) = unit else {
        let named = by_name.or(by_id).unwrap_or_default();
        out.problems.push(problem(
            0,
            None,
            m!("supervise.form.unknown-unit", unit = named),
        ));
        return out;
    };
    let (start, end) = (campaign.start.get_ref().0, campaign.end.get_ref().0);
    let sent_text = labelled(above, &m!("supervise.form.sent")).unwrap_or("");
    let sent = match date_of(sent_text, start, end) {
        // A day without a time: it sorts before any code sent that day.
        Ok(Some(d)) => d.to_string(),
        Ok(None) => String::new(),
        Err(Unreadable) => {
            out.problems.push(problem(
                0,
                None,
                m!("supervise.form.bad-sent", found = sent_text),
            ));
            String::new()
        }
    };
    let head_row = &sheet.rows[head];
    let col = |name: &str| head_row.iter().position(|c| c.trim() == name);
    let (c_id, c_task, c_status, c_on, c_count, c_evidence, c_note) = (
        col(&cols[0]),
        col(&cols[1]),
        col(&cols[4]),
        col(&cols[5]),
        col(&cols[6]),
        col(&cols[7]),
        col(&cols[8]),
    );
    let mine = tasks_of(list, unit);
    let mut reports: Vec<Report> = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(head + 1) {
        let n = i + 1;
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |s| s.trim());
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (id_text, title) = (get(c_id), get(c_task));
        let task = list.tasks.iter().find(|t| {
            (!id_text.is_empty() && t.id.get_ref().as_str() == id_text)
                || (id_text.is_empty() && t.title.get_ref().trim() == title)
        });
        let Some(task) = task else {
            let named = if title.is_empty() { id_text } else { title };
            out.problems.push(problem(
                n,
                None,
                m!("supervise.form.unknown-task", task = named),
            ));
            continue;
        };
        if !mine.iter().any(|t| t.id == task.id) {
            out.problems.push(problem(
                n,
                None,
                m!(
                    "supervise.form.not-its-task",
                    task = task.title.get_ref(),
                    unit = unit.name.get_ref()
                ),
            ));
            continue;
        }
        if reports.iter().any(|r| r.task == task.id.get_ref().as_str()) {
            out.problems.push(problem(
                n,
                None,
                m!("supervise.form.task-twice", task = task.title.get_ref()),
            ));
            continue;
        }
        let mut bad = false;
        let status_text = get(c_status);
        let done = status_of(status_text).unwrap_or_else(|| {
            bad = true;
            out.problems.push(problem(
                n,
                c_status,
                m!("supervise.form.bad-status", found = status_text),
            ));
            false
        });
        let on_text = get(c_on);
        let on = date_of(on_text, start, end).unwrap_or_else(|Unreadable| {
            bad = true;
            out.problems.push(problem(
                n,
                c_on,
                m!("supervise.form.bad-date", found = on_text),
            ));
            None
        });
        let count_text = get(c_count);
        let count = count_of(count_text).unwrap_or_else(|Unreadable| {
            bad = true;
            out.problems.push(problem(
                n,
                c_count,
                m!("supervise.form.bad-count", found = count_text),
            ));
            None
        });
        if bad {
            out.unclear.push(task.id.get_ref().to_string());
            continue;
        }
        let once = task.due.is_some();
        // What the row says must hang together: nothing is guessed.
        let clash = if once && done && on.is_none() {
            Some((c_on, m!("supervise.form.done-no-date")))
        } else if once && !done && on.is_some() {
            Some((c_status, m!("supervise.form.date-not-done")))
        } else if !once && done && count.is_none() {
            Some((c_count, m!("supervise.form.done-no-count")))
        } else {
            None
        };
        if let Some((c, what)) = clash {
            out.problems.push(problem(n, c, what));
            out.unclear.push(task.id.get_ref().to_string());
            continue;
        }
        let evidence = get(c_evidence)
            .split(['、', ',', '，', ';', '；', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        reports.push(Report {
            task: task.id.get_ref().to_string(),
            done,
            on: on.map(|d| d.to_string()).unwrap_or_default(),
            count: count.unwrap_or(0),
            dates: Vec::new(),
            evidence,
            note: get(c_note).to_string(),
        });
        out.rows += 1;
    }
    let by = labelled(above, &m!("supervise.form.by")).unwrap_or("");
    let filled_in = !by.is_empty()
        || !sent.is_empty()
        || !out.unclear.is_empty()
        || reports.iter().any(|r| {
            r.done
                || !r.on.is_empty()
                || r.count > 0
                || !r.evidence.is_empty()
                || !r.note.is_empty()
        });
    if !filled_in {
        // A blank form sent back (or a copy of one) is no report.
        out.problems
            .push(problem(0, None, m!("supervise.form.blank")));
        out.rows = 0;
        return out;
    }
    out.receipt = Some(Receipt {
        campaign: id.to_string(),
        unit: unit.id.get_ref().to_string(),
        unit_name: unit.name.get_ref().clone(),
        sent,
        by: by.to_string(),
        tasks: reports,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_as_people_write_them() {
        let (s, e) = (date(2021, 4, 8), date(2021, 12, 31));
        let d = |t: &str| date_of(t, s, e);
        for t in [
            "2021-04-28",
            "2021-4-28",
            "2021/4/28",
            "2021.4.28",
            "2021年4月28日",
            "4月28日",
            "２０２１年４月２８日",
            "2021-04-28T00:00:00",
            "2021/04/28 10:30",
            "2021年4月28号",
            "4月28",
            "4月28号",
        ] {
            assert_eq!(d(t), Ok(Some(date(2021, 4, 28))), "{t}");
        }
        assert_eq!(d(""), Ok(None));
        for t in [
            "4.28",
            "2021-02-30",
            "28/4/2021",
            "四月二十八日",
            "44314",
            "明天",
        ] {
            assert_eq!(d(t), Err(Unreadable), "{t}");
        }
        // A campaign over two years: the day without a year is the one inside it.
        let (s, e) = (date(2021, 10, 1), date(2022, 3, 31));
        assert_eq!(date_of("1月5日", s, e), Ok(Some(date(2022, 1, 5))));
        assert_eq!(date_of("11月5日", s, e), Ok(Some(date(2021, 11, 5))));
        assert_eq!(date_of("6月5日", s, e), Err(Unreadable));
    }

    #[test]
    fn marks_and_counts() {
        for t in ["完成", "已完成", "是", "√", "✓", " 已完成 ", "已完成。"] {
            assert_eq!(status_of(t), Some(true), "{t}");
        }
        for t in ["未完成", "否", "×", ""] {
            assert_eq!(status_of(t), Some(false), "{t}");
        }
        for t in ["基本完成", "x", "ok", "进行中"] {
            assert_eq!(status_of(t), None, "{t}");
        }
        assert_eq!(count_of("4"), Ok(Some(4)));
        assert_eq!(count_of("4次"), Ok(Some(4)));
        assert_eq!(count_of("４ 次"), Ok(Some(4)));
        assert_eq!(count_of(""), Ok(None));
        assert_eq!(count_of("四次"), Err(Unreadable));
        assert_eq!(count_of("2.5"), Err(Unreadable));
        assert_eq!(count_of("-1"), Err(Unreadable));
    }
}
