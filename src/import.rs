//! `xuexi import` and `xuexi export`: question banks to and from spreadsheets (题库).
//!
//! In (import): an `.xlsx`, `.xls`, `.ods` or `.csv` (UTF-8 or GB18030) file in the
//! layout Chinese question banks use: columns 题型 (单选/多选/判断/填空), 题干,
//! 选项A … 选项H (or one 选项 column, one option a line), 答案, 解析, 出处, and an
//! optional 编号; header names matched loosely (题目 = 题干, 正确答案 = 答案, …).
//! Out: a readable `quizzes/<id>.toml`, or every problem with its sheet, row and column.
//! Export writes the same layout, so a bank can go to colleagues and come back.

use std::fmt::Write as _;
use std::path::Path;

use crate::model::{Kind, Quiz, Slug, blank_runs, letter};

/// A problem with one cell or row: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub sheet: String,
    /// 1-based, as the spreadsheet shows it.
    pub row: usize,
    /// The column's header, e.g. 答案.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, row {}, column {}: {}",
            self.sheet, self.row, self.column, self.message
        )
    }
}

/// One imported question, ready to be written as TOML.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub id: String,
    pub kind: &'static str,
    pub prompt: String,
    pub options: Vec<String>,
    /// As written in TOML: `"B"`, `"ACD"`, `true`, `["1921", "7|七"]`.
    pub answer: toml::Value,
    pub explanation: String,
    pub source: String,
}

/// The columns a bank may have, with the header names that mean them.
const COLUMNS: &[(&str, &[&str])] = &[
    ("编号", &["编号", "题号", "ID"]),
    ("题型", &["题型", "类型", "题目类型", "试题类型"]),
    (
        "题干",
        &["题干", "题目", "问题", "试题", "题目内容", "试题内容"],
    ),
    ("选项", &["选项", "备选项", "选项内容"]),
    ("答案", &["答案", "正确答案", "参考答案", "标准答案"]),
    ("解析", &["解析", "答案解析", "试题解析", "解释", "说明"]),
    ("出处", &["出处", "来源", "章节", "知识点"]),
];

/// Folds a header for loose matching: no spaces, full-width made half-width, upper case.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_uppercase()
}

/// What each column of the header row is: a known name, or `选项X` for option X.
fn header_roles(header: &[String]) -> Vec<Option<String>> {
    header
        .iter()
        .map(|h| {
            let f = fold(h);
            for (role, names) in COLUMNS {
                if names.iter().any(|n| fold(n) == f) {
                    return Some(role.to_string());
                }
            }
            // 选项A, A, A选项, 选项 A
            let letter = f
                .strip_prefix("选项")
                .or_else(|| f.strip_suffix("选项"))
                .unwrap_or(&f);
            match letter.chars().collect::<Vec<_>>()[..] {
                [c] if ('A'..='H').contains(&c) => Some(format!("选项{c}")),
                _ => None,
            }
        })
        .collect()
}

/// Reads the rows of the first sheet of a spreadsheet, or of a CSV file.
pub fn read_rows(path: &Path) -> Result<(String, Vec<Vec<String>>), String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "csv" {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        // UTF-8 when it is valid UTF-8; otherwise GB18030 (what WPS and Excel save in China).
        let text = match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records() {
            let record =
                record.map_err(|e| format!("`{}` is not valid CSV: {e}", path.display()))?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        let sheet = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok((sheet, rows));
    }
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| format!("cannot open `{}` as a spreadsheet: {e}", path.display()))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| format!("`{}` has no sheet", path.display()))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| format!("cannot read sheet `{sheet}` of `{}`: {e}", path.display()))?;
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    Ok((sheet, rows))
}

fn kind_of(s: &str) -> Option<&'static str> {
    match fold(s).trim_end_matches('题').to_lowercase().as_str() {
        "单选" | "单项选择" | "单选择" | "SINGLE" | "single" => Some("single"),
        "多选" | "多项选择" | "多选择" | "MULTIPLE" | "multiple" => Some("multiple"),
        "判断" | "是非" | "TRUEFALSE" | "truefalse" => Some("truefalse"),
        "填空" | "FILL" | "fill" => Some("fill"),
        _ => None,
    }
}

/// Turns the rows of a sheet into questions, or says what is wrong with each bad row.
/// The first row is the header.
pub fn questions(sheet: &str, rows: &[Vec<String>]) -> (Vec<Imported>, Vec<RowError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let Some(header) = rows.first() else {
        errors.push(RowError {
            sheet: sheet.into(),
            row: 1,
            column: String::new(),
            message: "the sheet is empty: expected a header row (题型, 题干, 选项A…, 答案, 解析)"
                .into(),
        });
        return (out, errors);
    };
    let roles = header_roles(header);
    for needed in ["题型", "题干", "答案"] {
        if !roles.iter().any(|r| r.as_deref() == Some(needed)) {
            errors.push(RowError {
                sheet: sheet.into(),
                row: 1,
                column: needed.into(),
                message: format!("no `{needed}` column in the header row"),
            });
        }
    }
    if !errors.is_empty() {
        return (out, errors);
    }
    let col = |role: &str| roles.iter().position(|r| r.as_deref() == Some(role));
    for (n, row) in rows.iter().enumerate().skip(1) {
        let cell = |role: &str| {
            col(role)
                .and_then(|i| row.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = n + 1;
        let err = |column: &str, message: String| RowError {
            sheet: sheet.into(),
            row: line,
            column: column.into(),
            message,
        };
        let Some(kind) = kind_of(&cell("题型")) else {
            errors.push(err(
                "题型",
                format!(
                    "unknown question type `{}`: expected 单选, 多选, 判断 or 填空",
                    cell("题型")
                ),
            ));
            continue;
        };
        let mut prompt = cell("题干");
        if kind == "fill" && blank_runs(&prompt).is_empty() {
            // Many banks mark a blank as empty brackets: （ ） or ( ).
            prompt = blanks_from_brackets(&prompt);
        }
        if prompt.is_empty() {
            errors.push(err("题干", "the question is empty".into()));
            continue;
        }
        let mut options: Vec<String> = (0..8)
            .map(|i| cell(&format!("选项{}", letter(i))))
            .collect();
        while options.last().is_some_and(|o| o.is_empty()) {
            options.pop();
        }
        if options.is_empty() {
            options = cell("选项")
                .lines()
                .map(|l| {
                    // "A. 北京", "A、北京", "A 北京" -> "北京"
                    let l = l.trim();
                    let mut chars = l.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), Some(sep))
                            if ('A'..='H').contains(&c) && ".、．:： )".contains(sep) =>
                        {
                            chars.as_str().trim().to_string()
                        }
                        _ => l.to_string(),
                    }
                })
                .filter(|l| !l.is_empty())
                .collect();
        }
        let raw = cell("答案");
        let answer = match kind {
            "single" | "multiple" => {
                if options.len() < 2 {
                    errors.push(err(
                        "选项",
                        format!(
                            "a {} question needs 2 to 8 options, found {}",
                            if kind == "single" { "单选" } else { "多选" },
                            options.len()
                        ),
                    ));
                    continue;
                }
                let letters: String = fold(&raw)
                    .chars()
                    .filter(|c| c.is_ascii_alphabetic())
                    .collect();
                if letters.is_empty() || (kind == "single" && letters.len() != 1) {
                    errors.push(err(
                        "答案",
                        format!(
                            "`{raw}` is not an answer: expected {}",
                            if kind == "single" {
                                "one letter, e.g. B"
                            } else {
                                "letters, e.g. ACD"
                            }
                        ),
                    ));
                    continue;
                }
                if let Some(twice) = letters.chars().find(|c| letters.matches(*c).count() > 1) {
                    errors.push(err("答案", format!("answer `{raw}` names `{twice}` twice")));
                    continue;
                }
                if let Some(bad) = letters
                    .chars()
                    .find(|c| (*c as u8 - b'A') as usize >= options.len())
                {
                    errors.push(err(
                        "答案",
                        format!(
                            "answer `{bad}` has no option: the options are A to {}",
                            letter(options.len() - 1)
                        ),
                    ));
                    continue;
                }
                toml::Value::String(letters)
            }
            "truefalse" => {
                match fold(&raw).as_str() {
                    "对" | "√" | "✓" | "正确" | "是" | "T" | "TRUE" | "Y" => {
                        toml::Value::Boolean(true)
                    }
                    "错" | "×" | "✗" | "X" | "错误" | "否" | "F" | "FALSE" | "N" => {
                        toml::Value::Boolean(false)
                    }
                    _ => {
                        errors.push(err("答案", format!("`{raw}` is not a true/false answer: expected 对 or 错 (√/×, 正确/错误)")));
                        continue;
                    }
                }
            }
            _ => {
                let answers: Vec<String> = raw
                    .split(['；', ';'])
                    .map(|a| {
                        a.split(['|', '｜'])
                            .map(str::trim)
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .filter(|a| !a.is_empty())
                    .collect();
                let blanks = blank_runs(&prompt).len();
                if answers.is_empty() || blanks != answers.len() {
                    errors.push(err(
                        "答案",
                        format!("the question has {blanks} blank(s) (__) but the answer gives {}; separate blanks with ；", answers.len()),
                    ));
                    continue;
                }
                toml::Value::Array(answers.into_iter().map(toml::Value::String).collect())
            }
        };
        let id = match cell("编号") {
            s if s.is_empty() => format!("q{:03}", out.len() + 1),
            s => match Slug::try_from(s.clone()) {
                Ok(_) => s,
                Err(why) => {
                    errors.push(err("编号", why));
                    continue;
                }
            },
        };
        let mut explanation = cell("解析");
        let mut source = cell("出处");
        if !source.is_empty() && crate::model::ChapterRef::try_from(source.clone()).is_err() {
            // Free text such as 简史第一章 is kept, in the explanation.
            explanation = if explanation.is_empty() {
                format!("出处：{source}")
            } else {
                format!("{explanation}（出处：{source}）")
            };
            source.clear();
        }
        out.push(Imported {
            id,
            kind,
            prompt,
            options: if matches!(kind, "single" | "multiple") {
                options
            } else {
                Vec::new()
            },
            answer,
            explanation,
            source,
        });
    }
    (out, errors)
}

/// Turns empty brackets (`（）`, `（ ）`, `( )`, full-width spaces too) into `____`.
fn blanks_from_brackets(prompt: &str) -> String {
    let mut out = String::with_capacity(prompt.len());
    let mut rest = prompt;
    while let Some(start) = rest.find(['（', '(']) {
        let open_len = rest[start..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[start + open_len..];
        let inner_len = after.len() - after.trim_start_matches([' ', '　']).len();
        let close = after[inner_len..].chars().next();
        out.push_str(&rest[..start]);
        if matches!(close, Some('）' | ')')) {
            out.push_str("____");
            rest = &after[inner_len + close.map_or(0, char::len_utf8)..];
        } else {
            out.push_str(&rest[start..start + open_len]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The bank as readable TOML.
pub fn to_toml(title: &str, questions: &[Imported]) -> String {
    let mut t = String::from("#:schema ../schemas/quiz.schema.json\n");
    let _ = writeln!(t, "title = {}", quoted(title));
    for q in questions {
        let _ = writeln!(
            t,
            "\n[[question]]\nid = {}\ntype = {}",
            quoted(&q.id),
            quoted(q.kind)
        );
        let _ = writeln!(t, "prompt = {}", quoted(&q.prompt));
        if !q.options.is_empty() {
            let opts: Vec<String> = q.options.iter().map(|o| quoted(o)).collect();
            let _ = writeln!(t, "options = [{}]", opts.join(", "));
        }
        let _ = writeln!(t, "answer = {}", q.answer);
        if !q.explanation.is_empty() {
            let _ = writeln!(t, "explanation = {}", quoted(&q.explanation));
        }
        if !q.source.is_empty() {
            let _ = writeln!(t, "source = {}", quoted(&q.source));
        }
    }
    t
}

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
    let mut header: Vec<String> = ["编号", "题型", "题干"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend((0..n_options).map(|i| format!("选项{}", letter(i))));
    header.extend(["答案", "解析", "出处"].iter().map(|s| s.to_string()));
    let mut rows = vec![header];
    for q in &quiz.questions {
        let (kind, options, answer) = match &q.kind {
            Kind::Single { options, answer } => (
                "单选",
                options.get_ref().clone(),
                letter(*answer.get_ref()).to_string(),
            ),
            Kind::Multiple { options, answer } => {
                let mut l: Vec<char> = answer.get_ref().iter().map(|&i| letter(i)).collect();
                l.sort_unstable();
                ("多选", options.get_ref().clone(), l.into_iter().collect())
            }
            Kind::Truefalse { answer } => (
                "判断",
                Vec::new(),
                if *answer { "对" } else { "错" }.to_string(),
            ),
            Kind::Fill { answer } => (
                "填空",
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
            kind.to_string(),
            q.prompt.get_ref().0.clone(),
        ];
        row.extend((0..n_options).map(|i| {
            options
                .get(i)
                .map(|o| o.get_ref().clone())
                .unwrap_or_default()
        }));
        row.push(answer);
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

/// Writes the export as `.csv` (UTF-8 with BOM, so Excel and WPS read it) or `.xlsx`.
pub fn export(quiz: &Quiz, path: &Path) -> Result<(), String> {
    let rows = export_rows(quiz);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => {
            let mut w = csv::Writer::from_writer(Vec::from(&b"\xEF\xBB\xBF"[..]));
            for r in &rows {
                w.write_record(r).map_err(|e| e.to_string())?;
            }
            let bytes = w.into_inner().map_err(|e| e.to_string())?;
            std::fs::write(path, bytes)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
        }
        "xlsx" => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("题库").map_err(|e| e.to_string())?;
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    sheet
                        .write_string(r as u32, c as u16, cell)
                        .map_err(|e| e.to_string())?;
                }
            }
            book.save(path)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
        }
        _ => Err(format!(
            "`{}`: expected a .csv or .xlsx file name",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(csv: &str) -> Vec<Vec<String>> {
        csv.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn loose_headers_and_every_type() {
        let (qs, errs) = questions(
            "Sheet1",
            &rows(
                "题目类型,题目,A,B,C,D,正确答案,答案解析\n单选,一大在哪里开幕？,北京,上海,广州,嘉兴,b,在上海\n多选题,南陈北李？,陈独秀,李大钊,李达,,A、B,\n判断,遵义会议在1935年召开。,,,,,√,\n填空,成立于____年，代表____人。,,,,,1921；13|十三,",
            ),
        );
        assert_eq!(errs, vec![]);
        assert_eq!(qs.len(), 4);
        assert_eq!(qs[0].answer, toml::Value::String("B".into()));
        assert_eq!(qs[0].options.len(), 4);
        assert_eq!(qs[1].answer, toml::Value::String("AB".into()));
        assert_eq!(qs[1].options, vec!["陈独秀", "李大钊", "李达"]);
        assert_eq!(qs[2].answer, toml::Value::Boolean(true));
        assert_eq!(qs[3].answer.to_string(), r#"["1921", "13|十三"]"#);
    }

    #[test]
    fn empty_brackets_are_blanks_and_repeated_letters_are_errors() {
        assert_eq!(
            blanks_from_brackets("成立于（　　）年，在( )召开（上海）"),
            "成立于____年，在____召开（上海）"
        );
        let (qs, errs) = questions(
            "S",
            &rows("题型,题干,A,B,答案\n填空,成立于（ ）年,,,1921\n多选,哪些？,a,b,AA"),
        );
        assert_eq!(qs[0].prompt, "成立于____年");
        assert_eq!(
            errs[0].to_string(),
            "S, row 3, column 答案: answer `AA` names `A` twice"
        );
    }

    #[test]
    fn bad_rows_are_reported_with_their_place() {
        let (qs, errs) = questions(
            "Sheet1",
            &rows(
                "题型,题干,选项A,选项B,答案\n问答,什么？,,,x\n单选,,a,b,A\n单选,哪个？,a,b,C\n填空,成立于____年,,,1921；7\n单选,好的？,a,b,A",
            ),
        );
        assert_eq!(qs.len(), 1);
        let got: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            got,
            [
                "Sheet1, row 2, column 题型: unknown question type `问答`: expected 单选, 多选, 判断 or 填空",
                "Sheet1, row 3, column 题干: the question is empty",
                "Sheet1, row 4, column 答案: answer `C` has no option: the options are A to B",
                "Sheet1, row 5, column 答案: the question has 1 blank(s) (__) but the answer gives 2; separate blanks with ；",
            ]
        );
    }
}
