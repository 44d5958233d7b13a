//! One sheet -> questions: find the header row, know what each column is, read each row.
//!
//! In: a [`Sheet`]. Out: the questions of its good rows (without ids yet, see `ids`),
//! a [`RowError`] for each bad row, and what was read, skipped or ignored.

use super::read::{Sheet, column_name};
use super::{Imported, RowError, msg};
use crate::model::{ChapterRef, Points};
use crate::rules::{
    AltProblem, LETTERS, LettersError, OptionProblem, QuestionType, TypeName, blank_runs,
    blanks_from_brackets, blanks_problem, fold, letter, letter_index, option_problems,
    past_options, strip_letter, truth, type_named,
};

/// The header row is looked for among this many rows at the top of a sheet.
pub const HEADER_ROWS: usize = 10;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 编号, 题号: the question's id.
    Id,
    /// 序号: a running number, the id when there is no 编号.
    Seq,
    Kind,
    Prompt,
    /// One column with every option, one a line (or `A.… B.…` on one line).
    Options,
    /// Option A (0) to H (7).
    Option(usize),
    Answer,
    Explanation,
    Source,
    Points,
}

impl Role {
    /// The column's name in messages.
    pub fn name(self) -> String {
        match self {
            Role::Id => "编号".into(),
            Role::Seq => "序号".into(),
            Role::Kind => "题型".into(),
            Role::Prompt => "题干".into(),
            Role::Options => "选项".into(),
            // Past H too (选项I), for the error that says there are too many.
            Role::Option(i) => format!("选项{}", char::from(b'A' + (i % 26) as u8)),
            Role::Answer => "答案".into(),
            Role::Explanation => "解析".into(),
            Role::Source => "出处".into(),
            Role::Points => "分值".into(),
        }
    }
}

/// The header names of each column, matched after [`fold`].
const COLUMNS: &[(Role, &[&str])] = &[
    (Role::Id, &["编号", "题号", "ID", "试题编号", "题目编号"]),
    (Role::Seq, &["序号", "序", "NO", "NO."]),
    (
        Role::Kind,
        &["题型", "类型", "题目类型", "试题类型", "题型名称"],
    ),
    (
        Role::Prompt,
        &[
            "题干",
            "题目",
            "问题",
            "试题",
            "题目内容",
            "试题内容",
            "题干内容",
        ],
    ),
    (Role::Options, &["选项", "备选项", "选项内容", "答案选项"]),
    (Role::Answer, &["答案", "正确答案", "参考答案", "标准答案"]),
    (
        Role::Explanation,
        &["解析", "答案解析", "试题解析", "解释", "说明", "题目解析"],
    ),
    (Role::Source, &["出处", "来源", "章节", "知识点"]),
    (
        Role::Points,
        &["分值", "分数", "每题分值", "题目分值", "试题分值"],
    ),
];

/// What a header cell names.
pub fn role_of(header: &str) -> Option<Role> {
    let f = fold(header);
    if f.is_empty() {
        return None;
    }
    for (role, names) in COLUMNS {
        if names.iter().any(|n| fold(n) == f) {
            return Some(*role);
        }
    }
    // 选项A, A, A选项, 选项 A; 选项I and on too, so that a ninth option is not lost
    // unseen but refused.
    let named = f.strip_prefix("选项").or_else(|| f.strip_suffix("选项"));
    match named.unwrap_or(&f).chars().collect::<Vec<_>>()[..] {
        [c] if named.is_some() && c.is_ascii_uppercase() => {
            Some(Role::Option(usize::from(c as u8 - b'A')))
        }
        [c] => letter_index(c).map(Role::Option),
        _ => None,
    }
}

/// What reading one sheet gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Read {
        /// 1-based.
        header_row: usize,
        /// The type the sheet's name gives, used for rows without a 题型.
        kind_from_name: Option<TypeName>,
        /// The text above the header (a title row), if any.
        title: Option<String>,
        /// Header names of the columns not used, in column order.
        ignored: Vec<String>,
        /// Whether the sheet has a 编号/题号 column (ids as written) or only 序号.
        has_id_column: bool,
    },
    /// Not read, and why (a note: nothing in it was lost).
    Skipped(String),
    /// Not read, and the reason is an error already told: not noted again.
    Refused,
}

/// The id a row's 编号, 题号 or 序号 cell gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GivenId {
    None,
    /// An id as written in 编号 (lower-cased): kept as it is.
    Text(String),
    /// A number (序号, or a numeric 题号): made into an id by `ids`.
    Number(String),
}

/// One good row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub sheet: usize,
    /// 1-based.
    pub row: usize,
    pub given: GivenId,
    /// The question, its `id` still empty.
    pub question: Imported,
}

/// Reads sheet number `index`: its good rows into `rows`, its bad ones into `errors`.
pub fn parse(
    index: usize,
    sheet: &Sheet,
    rows: &mut Vec<Row>,
    errors: &mut Vec<RowError>,
) -> Outcome {
    let name = sheet.name.as_str();
    if sheet.rows.iter().all(|r| blank(r)) {
        return Outcome::Skipped(msg::empty_sheet());
    }
    let kind_from_name = type_named(name);
    let Some(h) = header_row(&sheet.rows) else {
        let why = msg::no_header(HEADER_ROWS);
        if kind_from_name.is_some() {
            // A sheet named 单选题 holds questions: not reading it loses them.
            errors.push(RowError::new(name, 1, "", why));
            return Outcome::Refused;
        }
        return Outcome::Skipped(why);
    };
    let columns = Columns::of_header(&sheet.rows[h]);
    if !columns.has(Role::Kind) && kind_from_name.is_none() {
        errors.push(RowError::new(name, h + 1, "题型", msg::no_kind_column()));
        return Outcome::Refused;
    }
    let body = &sheet.rows[h + 1..];
    for (n, cells) in sheet.rows.iter().enumerate().skip(h + 1) {
        if columns.only_numbering(cells) {
            continue;
        }
        match row(&columns, cells, kind_from_name) {
            Ok((given, question)) => rows.push(Row {
                sheet: index,
                row: n + 1,
                given,
                question,
            }),
            Err(Bad { role, message }) => {
                errors.push(RowError::new(name, n + 1, &role.name(), message));
            }
        }
    }
    Outcome::Read {
        header_row: h + 1,
        kind_from_name: kind_from_name.filter(|_| {
            // Said only when it decided the type of some row.
            !columns.has(Role::Kind)
                || body
                    .iter()
                    .any(|r| columns.get(r, Role::Kind).is_empty() && !blank(r))
        }),
        title: title_above(&sheet.rows[..h]),
        ignored: ignored_columns(&sheet.rows[h], body, &columns),
        has_id_column: columns.has(Role::Id),
    }
}

fn blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// The header: the first of the top [`HEADER_ROWS`] rows with a 题干 and an 答案 column.
fn header_row(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter().take(HEADER_ROWS).position(|r| {
        let roles: Vec<Role> = r.iter().filter_map(|c| role_of(c)).collect();
        roles.contains(&Role::Prompt) && roles.contains(&Role::Answer)
    })
}

/// The first text above the header (a title row), if any.
fn title_above(rows: &[Vec<String>]) -> Option<String> {
    rows.iter()
        .find_map(|r| r.iter().map(|c| c.trim()).find(|c| !c.is_empty()))
        .map(str::to_string)
}

/// The columns not used, by header name, or by letter when they have no header but
/// hold something below it.
fn ignored_columns(header: &[String], body: &[Vec<String>], columns: &Columns) -> Vec<String> {
    let width = body
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let mut ignored = Vec::new();
    for c in 0..width {
        if columns.role(c).is_some() {
            continue;
        }
        let head = header.get(c).map_or("", |s| s.trim());
        if !head.is_empty() {
            ignored.push(head.to_string());
        } else if body
            .iter()
            .any(|r| r.get(c).is_some_and(|v| !v.trim().is_empty()))
        {
            ignored.push(msg::unnamed_column(&column_name(c)));
        }
    }
    ignored
}

/// What each column of a sheet holds, from its header.
struct Columns {
    roles: Vec<Option<Role>>,
}

impl Columns {
    /// The first column of each role counts (a second one is ignored like any other);
    /// with a 编号 column, 序号 is only a running number.
    fn of_header(header: &[String]) -> Self {
        let mut roles: Vec<Option<Role>> = Vec::with_capacity(header.len());
        for cell in header {
            let role = role_of(cell).filter(|r| !roles.contains(&Some(*r)));
            roles.push(role);
        }
        if roles.contains(&Some(Role::Id))
            && let Some(seq) = roles.iter_mut().find(|r| **r == Some(Role::Seq))
        {
            *seq = None;
        }
        Columns { roles }
    }

    fn role(&self, column: usize) -> Option<Role> {
        self.roles.get(column).copied().flatten()
    }

    /// The trimmed text of a row's cell in the column of `role` ("" without one).
    fn get<'r>(&self, row: &'r [String], role: Role) -> &'r str {
        self.roles
            .iter()
            .position(|r| *r == Some(role))
            .and_then(|i| row.get(i))
            .map_or("", |s| s.trim())
    }

    fn has(&self, role: Role) -> bool {
        self.roles.contains(&Some(role))
    }

    /// Whether a row has nothing but a number, a type or a score: templates number
    /// rows ahead of the questions, and such a row is not a question.
    fn only_numbering(&self, row: &[String]) -> bool {
        row.iter().enumerate().all(|(c, v)| {
            v.trim().is_empty()
                || matches!(
                    self.role(c),
                    Some(Role::Id | Role::Seq | Role::Kind | Role::Points)
                )
        })
    }
}

/// A bad cell of a row: its column and what is wrong with it.
struct Bad {
    role: Role,
    message: String,
}

type Parsed<T> = Result<T, Bad>;

fn bad<T>(role: Role, message: String) -> Parsed<T> {
    Err(Bad { role, message })
}

/// Reads one row into a question: its type, prompt and options, the answer as its type
/// wants it, then its id, points, explanation and source. The first bad cell, in that
/// order, is the row's error.
fn row(
    cols: &Columns,
    cells: &[String],
    kind_from_name: Option<TypeName>,
) -> Parsed<(GivenId, Imported)> {
    let cell = |role| cols.get(cells, role);
    let named = kind(cell(Role::Kind), kind_from_name)?;
    let prompt = prompt(named, cell(Role::Prompt))?;
    let (options, options_role) = options(cols, cells)?;
    let raw = cell(Role::Answer);
    let (kind, answer) = match named {
        TypeName::Is(t @ QuestionType::Truefalse) => (t, truefalse_answer(raw, &options)?),
        TypeName::Is(t @ QuestionType::Fill) => (t, fill_answer(raw, &prompt)?),
        _ => choice_answer(named, raw, &options, options_role)?,
    };
    let given = given_id(cols, cells)?;
    let points = points(cell(Role::Points))?;
    let (explanation, source) = explanation_and_source(cell(Role::Explanation), cell(Role::Source));
    Ok((
        given,
        Imported {
            id: String::new(),
            kind,
            prompt,
            options: if kind.has_options() {
                options
            } else {
                Vec::new()
            },
            answer,
            points,
            explanation,
            source,
        },
    ))
}

/// The row's type: its 题型 cell, else the sheet's name.
fn kind(cell: &str, kind_from_name: Option<TypeName>) -> Parsed<TypeName> {
    match (cell.is_empty(), kind_from_name) {
        (false, _) => match type_named(cell) {
            Some(k) => Ok(k),
            None => bad(Role::Kind, msg::unknown_kind(cell)),
        },
        (true, Some(k)) => Ok(k),
        (true, None) => bad(Role::Kind, msg::empty_kind()),
    }
}

/// The prompt; in a fill-in question without `__`, empty brackets are the blanks.
fn prompt(kind: TypeName, cell: &str) -> Parsed<String> {
    let mut prompt = cell.to_string();
    if kind == TypeName::Is(QuestionType::Fill) && blank_runs(&prompt).is_empty() {
        // Many banks mark a blank as empty brackets: （ ） or ( ).
        prompt = blanks_from_brackets(&prompt);
    }
    if prompt.is_empty() {
        return bad(Role::Prompt, msg::empty_prompt());
    }
    Ok(prompt)
}

/// The options, from the 选项A … 选项H columns (their letters taken off) or else from
/// one 选项 column, and the column an error about them names.
fn options(cols: &Columns, cells: &[String]) -> Parsed<(Vec<String>, Role)> {
    let cell = |role| cols.get(cells, role);
    let columns = cols
        .roles
        .iter()
        .filter_map(|r| match r {
            Some(Role::Option(i)) => Some(i + 1),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut options: Vec<String> = (0..columns)
        .map(|i| strip_letter(cell(Role::Option(i)), Some(letter(i))).to_string())
        .collect();
    while options.last().is_some_and(String::is_empty) {
        options.pop();
    }
    if let Some(i) = options.iter().position(String::is_empty) {
        return bad(Role::Option(i), msg::empty_option(&Role::Option(i).name()));
    }
    if options.is_empty() && cols.has(Role::Options) {
        options = split_options(cell(Role::Options));
    }
    let role = if cols.has(Role::Option(0)) {
        Role::Option(0)
    } else {
        Role::Options
    };
    Ok((options, role))
}

/// A choice question's answer letters (`B`, `ACD`), checked against its options; a
/// 选择题 is single or multiple by how many letters its answer has.
fn choice_answer(
    named: TypeName,
    raw: &str,
    options: &[String],
    options_role: Role,
) -> Parsed<(QuestionType, toml::Value)> {
    let letters: String = fold(raw)
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let kind = match named {
        TypeName::Is(t) => t,
        TypeName::Choice if letters.len() > 1 => QuestionType::Multiple,
        TypeName::Choice => QuestionType::Single,
    };
    let texts: Vec<&str> = options.iter().map(String::as_str).collect();
    // An error about one option names its own column when each has one.
    let column = |i: usize| match options_role {
        Role::Option(_) => Role::Option(i),
        r => r,
    };
    match option_problems(&texts).first() {
        // Too many: the first column past the last letter there is.
        Some(&OptionProblem::Count(n)) if n > LETTERS.len() => {
            return bad(column(LETTERS.len()), msg::option_count(kind, n));
        }
        Some(OptionProblem::Count(n)) => return bad(options_role, msg::option_count(kind, *n)),
        Some(&OptionProblem::Empty(i)) => {
            return bad(column(i), msg::empty_option(&Role::Option(i).name()));
        }
        Some(&OptionProblem::Same { first, again }) => {
            return bad(
                column(again),
                msg::same_options(letter(first), letter(again), &options[first]),
            );
        }
        None => {}
    }
    let last = letter(options.len() - 1);
    match crate::rules::answer_letters(&letters, kind == QuestionType::Single) {
        Err(LettersError::Count) => return bad(Role::Answer, msg::bad_letters(raw, kind)),
        Err(LettersError::Twice(c)) => return bad(Role::Answer, msg::letter_twice(raw, c)),
        Err(LettersError::NotALetter(c)) => {
            return bad(Role::Answer, msg::no_such_option(c, last));
        }
        Ok(answer) => {
            if let Some(&i) = past_options(&answer, options.len()).first() {
                return bad(Role::Answer, msg::no_such_option(letter(i), last));
            }
        }
    }
    Ok((kind, toml::Value::String(letters)))
}

/// A true/false answer: 对/错 and the like, or the letter of an option that says so.
fn truefalse_answer(raw: &str, options: &[String]) -> Parsed<toml::Value> {
    if let Some(b) = truth(raw) {
        return Ok(toml::Value::Boolean(b));
    }
    // A/B naming the option 正确 or 错误, as exam systems export them.
    let f = fold(raw);
    let mut chars = f.chars();
    let (Some(i), None) = (chars.next().and_then(letter_index), chars.next()) else {
        return bad(Role::Answer, msg::bad_truefalse(raw));
    };
    let (c, Some(text)) = (letter(i), options.get(i)) else {
        return bad(Role::Answer, msg::bad_truefalse(raw));
    };
    let Some(b) = truth(text) else {
        return bad(Role::Answer, msg::truefalse_option(c, text));
    };
    // The letter means 对 or 错 only when the options are exactly one of each.
    let words: Vec<Option<bool>> = options.iter().map(|o| truth(o)).collect();
    if words.len() != 2 || words[0].is_none() || words[0] == words[1] {
        return bad(
            Role::Answer,
            m!("import.truefalse-options", n = options.len()),
        );
    }
    Ok(toml::Value::Boolean(b))
}

/// A fill-in answer: one per blank, separated by `；`, each with its alternatives
/// separated by `|`.
fn fill_answer(raw: &str, prompt: &str) -> Parsed<toml::Value> {
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
    if answers.is_empty() || blanks_problem(prompt, answers.len()).is_some() {
        let blanks = blank_runs(prompt).len();
        return bad(Role::Answer, msg::fill_mismatch(blanks, answers.len()));
    }
    // What `check` refuses is refused here: an empty alternative (`1921|`), and one the
    // matcher reduces to nothing (`……`), which would accept an empty answer.
    for (n, a) in answers.iter().enumerate() {
        let Some(alts) = crate::rules::alternatives(a) else {
            return bad(Role::Answer, m!("fill.alt-empty", n = n + 1, s = a));
        };
        let nothing = crate::rules::alternative_problems(&alts)
            .into_iter()
            .find_map(|p| match p {
                AltProblem::Nothing(i) => Some(i),
                AltProblem::Same { .. } => None,
            });
        if let Some(i) = nothing {
            return bad(
                Role::Answer,
                m!("fill.alt-nothing", n = n + 1, alt = alts[i]),
            );
        }
    }
    Ok(toml::Value::Array(
        answers.into_iter().map(toml::Value::String).collect(),
    ))
}

/// What the 编号 (or, without one, the 序号) cell gives.
fn given_id(cols: &Columns, cells: &[String]) -> Parsed<GivenId> {
    let role = if cols.has(Role::Id) {
        Role::Id
    } else {
        Role::Seq
    };
    let cell = cols.get(cells, role);
    if cell.is_empty() {
        Ok(GivenId::None)
    } else if cell.bytes().all(|b| b.is_ascii_digit()) {
        Ok(GivenId::Number(cell.to_string()))
    } else {
        let lower = cell.to_ascii_lowercase();
        match crate::model::Slug::try_from(lower.clone()) {
            Ok(_) => Ok(GivenId::Text(lower)),
            Err(_) => bad(role, msg::bad_id(cell)),
        }
    }
}

/// 分值: `2`, `0.5` or `2分`.
fn points(cell: &str) -> Parsed<Option<Points>> {
    if cell.is_empty() {
        return Ok(None);
    }
    let number = cell.trim_end_matches('分').trim();
    match number.parse::<f64>().ok().map(Points::try_from) {
        Some(Ok(p)) => Ok(Some(p)),
        _ => bad(Role::Points, msg::bad_points(cell)),
    }
}

/// The explanation and the source; a source that is not a chapter reference
/// (`jianshi/ch01`), such as 简史第一章, is kept as text in the explanation.
fn explanation_and_source(explanation: &str, source: &str) -> (String, String) {
    if source.is_empty() || ChapterRef::try_from(source.to_string()).is_ok() {
        return (explanation.to_string(), source.to_string());
    }
    let explanation = if explanation.is_empty() {
        format!("出处：{source}")
    } else {
        format!("{explanation}（出处：{source}）")
    };
    (explanation, String::new())
}

/// The options of one 选项 cell: one a line, or `A.北京 B.上海 C.广州` on one line.
pub fn split_options(cell: &str) -> Vec<String> {
    let lines: Vec<&str> = cell
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if let [line] = lines[..]
        && let Some(parts) = split_inline(line)
    {
        return parts;
    }
    lines
        .into_iter()
        .map(|l| strip_letter(l, None).to_string())
        .collect()
}

/// `A.北京 B.上海 C.广州` -> 北京, 上海, 广州, when the line starts with A and each
/// next letter follows a space (or its separator is `.`, `、` or `．`).
fn split_inline(line: &str) -> Option<Vec<String>> {
    let mut starts = Vec::new();
    let mut next = 0usize;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let want = letter(next);
        let after_space = k == 0 || chars[k - 1].1.is_whitespace();
        let sep = chars.get(k + 1).map(|x| x.1);
        let bracketed = matches!(c, '(' | '（')
            && chars.get(k + 1).is_some_and(|x| x.1 == want)
            && chars.get(k + 2).is_some_and(|x| matches!(x.1, ')' | '）'));
        let marked = c == want
            && sep.is_some_and(|s| ".、．:：)）".contains(s) || (after_space && s.is_whitespace()))
            && (after_space || sep.is_some_and(|s| ".、．".contains(s)));
        if (bracketed && (after_space || k == 0)) || marked {
            if next == 0 && k != 0 {
                return None;
            }
            starts.push(i);
            next += 1;
            if next == LETTERS.len() {
                break;
            }
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let mut parts = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(line.len());
        parts.push(strip_letter(&line[s..end], Some(letter(n))).to_string());
    }
    Some(parts)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A sheet from comma-separated lines, for tests.
    pub(in crate::import) fn sheet(name: &str, csv: &str) -> Sheet {
        Sheet {
            name: name.into(),
            rows: csv
                .lines()
                .map(|l| l.split(',').map(str::to_string).collect())
                .collect(),
            merged: Vec::new(),
        }
    }

    fn parse_all(s: &Sheet) -> (Vec<Imported>, Vec<String>, Outcome) {
        let (mut rows, mut errors) = (Vec::new(), Vec::new());
        let outcome = parse(0, s, &mut rows, &mut errors);
        (
            rows.into_iter().map(|r| r.question).collect(),
            errors.iter().map(|e| e.to_string()).collect(),
            outcome,
        )
    }

    #[test]
    fn loose_headers_and_every_type() {
        let (qs, errs, _) = parse_all(&sheet(
            "Sheet1",
            "题目类型,题目,A,B,C,D,正确答案,答案解析\n单选,一大在哪里开幕？,北京,上海,广州,嘉兴,b,在上海\n多选题,南陈北李？,陈独秀,李大钊,李达,,A、B,\n判断,遵义会议在1935年召开。,,,,,√,\n填空,成立于____年，代表____人。,,,,,1921；13|十三,\n不定项选择题,哪些？,甲,乙,,,A,",
        ));
        assert_eq!(errs, Vec::<String>::new());
        assert_eq!(qs.len(), 5);
        assert_eq!(qs[0].answer, toml::Value::String("B".into()));
        assert_eq!(qs[0].options.len(), 4);
        assert_eq!(qs[1].answer, toml::Value::String("AB".into()));
        assert_eq!(qs[1].options, vec!["陈独秀", "李大钊", "李达"]);
        assert_eq!(qs[2].answer, toml::Value::Boolean(true));
        assert_eq!(qs[3].answer.to_string(), r#"["1921", "13|十三"]"#);
        assert_eq!(
            (qs[4].kind.name(), qs[4].answer.as_str()),
            ("multiple", Some("A"))
        );
    }

    #[test]
    fn headers_with_notes_and_types_in_many_spellings() {
        assert_eq!(role_of("题型（必填）"), Some(Role::Kind));
        assert_eq!(role_of("*题干"), Some(Role::Prompt));
        assert_eq!(role_of("正确答案(必填)"), Some(Role::Answer));
        assert_eq!(role_of("选项 Ａ"), Some(Role::Option(0)));
        assert_eq!(role_of("分值【选填】"), Some(Role::Points));
        assert_eq!(role_of("难度"), None);
        for (s, k) in [
            ("单选题", "single"),
            ("一、单项选择题", "single"),
            ("多选题（30题）", "multiple"),
            ("不定项选择题", "multiple"),
            ("判断题", "truefalse"),
            ("填空题", "fill"),
            ("选择题", "choice"),
        ] {
            assert_eq!(type_named(s).map(TypeName::name), Some(k), "{s}");
        }
        assert_eq!(type_named("Sheet1"), None);
        assert_eq!(type_named("说明"), None);
    }

    #[test]
    fn option_letters_come_off() {
        for (cell, want) in [
            ("A. 北京", "北京"),
            ("A、北京", "北京"),
            ("A．北京", "北京"),
            ("（A）北京", "北京"),
            ("(A)北京", "北京"),
            ("A 北京", "北京"),
            ("A：北京", "北京"),
            ("Ａ．北京", "北京"),
            ("a.北京", "北京"),
            ("A股市场", "A股市场"),
            ("B. 北京", "B. 北京"),
            ("A", "A"),
        ] {
            assert_eq!(strip_letter(cell, Some('A')), want, "{cell}");
        }
        assert_eq!(
            split_options("A.北京 B.上海 C、广州 （D）嘉兴"),
            ["北京", "上海", "广州", "嘉兴"]
        );
        assert_eq!(split_options("A. 北京\nB. 上海"), ["北京", "上海"]);
        assert_eq!(split_options("仅此一项"), ["仅此一项"]);
        let (qs, errs, _) = parse_all(&sheet(
            "S",
            "题型,题干,选项A,选项B,选项C,答案\n单选,哪里？,A. 北京,B、上海,（C）广州,B",
        ));
        assert_eq!(errs, Vec::<String>::new());
        assert_eq!(qs[0].options, ["北京", "上海", "广州"]);
    }

    #[test]
    fn truefalse_answered_by_letter_of_its_option() {
        let _zh = crate::i18n::chinese();
        let (qs, errs, _) = parse_all(&sheet(
            "S",
            "题型,题干,选项A,选项B,选项C,答案\n判断,甲。,正确,错误,,B\n判断,乙。,对,错,,A\n判断,丙。,,,,A\n判断,丁。,北京,上海,,A\n判断,戊。,正确,错误,不知道,A\n判断,己。,对,正确,,A",
        ));
        assert_eq!(
            qs.iter().map(|q| q.answer.clone()).collect::<Vec<_>>(),
            [toml::Value::Boolean(false), toml::Value::Boolean(true)]
        );
        assert!(qs.iter().all(|q| q.options.is_empty()));
        assert_eq!(
            errs,
            [
                "工作表「S」第 4 行「答案」列：判断题的答案 `A` 认不出：要写 对 或 错（√/×、正确/错误；有“正确/错误”两个选项时也可以写 A/B）",
                "工作表「S」第 5 行「答案」列：判断题的答案 A 对应的选项“北京”看不出对错：选项要写 正确/错误 或 对/错",
                "工作表「S」第 6 行「答案」列：判断题用字母作答时，选项要正好两个，一个对、一个错（正确/错误 或 对/错），这里有 3 个",
                "工作表「S」第 7 行「答案」列：判断题用字母作答时，选项要正好两个，一个对、一个错（正确/错误 或 对/错），这里有 2 个",
            ]
        );
    }

    #[test]
    fn header_below_a_title_row_and_type_from_the_sheet_name() {
        let (qs, errs, outcome) = parse_all(&sheet(
            "多选题",
            "2021年党史知识题库,,,,\n序号,题干（必填）,选项A,选项B,答案,难度\n1,哪些？,甲,乙,AB,易",
        ));
        assert_eq!(errs, Vec::<String>::new());
        assert_eq!(qs[0].kind, QuestionType::Multiple);
        assert_eq!(
            outcome,
            Outcome::Read {
                header_row: 2,
                kind_from_name: Some(TypeName::Is(QuestionType::Multiple)),
                title: Some("2021年党史知识题库".into()),
                ignored: vec!["难度".into()],
                has_id_column: false,
            }
        );
    }

    #[test]
    fn a_sheet_without_header_or_type_says_so_once() {
        let _zh = crate::i18n::chinese();
        let (_, errs, outcome) = parse_all(&sheet("Sheet1", "说明,\n请按模板填写,"));
        assert_eq!(errs, Vec::<String>::new());
        assert_eq!(
            outcome,
            Outcome::Skipped("前 10 行里没有表头：表头要有“题干”和“答案”两列（如 题型、题干、选项A、选项B、答案、解析）".into())
        );
        let (_, errs, _) = parse_all(&sheet("单选题", "题目一,北京"));
        assert_eq!(
            errs.len(),
            1,
            "a sheet named for a type is not skipped quietly"
        );
        let (_, errs, outcome) = parse_all(&sheet("Sheet1", "题干,答案\n哪里？,A"));
        assert_eq!(
            outcome,
            Outcome::Refused,
            "told as an error, not noted again"
        );
        assert_eq!(
            errs,
            [
                "工作表「Sheet1」第 1 行「题型」列：没有“题型”列，工作表名称也看不出题型：加一列“题型”（单选、多选、判断、填空），或把工作表改名为“单选题”这样的名称"
            ]
        );
    }

    #[test]
    fn empty_brackets_are_blanks_and_repeated_letters_are_errors() {
        let _zh = crate::i18n::chinese();
        let (qs, errs, _) = parse_all(&sheet(
            "S",
            "题型,题干,A,B,答案,分值\n填空,成立于（ ）年,,,1921,2分\n多选,哪些？,a,b,AA,\n单选,哪个？,a,a,A,\n单选,几分？,a,b,A,零",
        ));
        assert_eq!(qs[0].prompt, "成立于____年");
        assert_eq!(qs[0].points, Some(Points(2.0)));
        assert_eq!(
            errs,
            [
                "工作表「S」第 3 行「答案」列：答案 `AA` 把 A 写了两次",
                "工作表「S」第 4 行「选项B」列：选项A和选项B一样：`a`",
                "工作表「S」第 5 行「分值」列：分值 `零` 不对：要写大于 0、不超过 1000 的数，如 2 或 0.5",
            ]
        );
    }

    #[test]
    fn rows_numbered_ahead_of_their_questions_are_not_questions() {
        let _zh = crate::i18n::chinese();
        let (qs, errs, _) = parse_all(&sheet(
            "单选题",
            "序号,题型,题干,A,B,答案,分值\n1,单选,哪个？,甲,乙,A,2\n2,单选,,,,,2\n3,,,,,,\n4,,,,,B,",
        ));
        assert_eq!(qs.len(), 1);
        assert_eq!(errs, ["工作表「单选题」第 5 行「题干」列：题干是空的"]);
    }

    #[test]
    fn bad_rows_are_reported_with_their_place() {
        let _zh = crate::i18n::chinese();
        let (qs, errs, _) = parse_all(&sheet(
            "Sheet1",
            "题型,题干,选项A,选项B,选项C,答案\n问答,什么？,,,,x\n单选,,a,b,,A\n单选,哪个？,a,b,,C\n填空,成立于____年,,,,1921；7\n单选,哪个？,a,,c,A\n,空题型？,a,b,,A\n单选,好的？,a,b,,A",
        ));
        assert_eq!(qs.len(), 1);
        assert_eq!(
            errs,
            [
                "工作表「Sheet1」第 2 行「题型」列：题型 `问答` 认不出：要写 单选、多选、不定项、判断 或 填空",
                "工作表「Sheet1」第 3 行「题干」列：题干是空的",
                "工作表「Sheet1」第 4 行「答案」列：答案 C 没有对应的选项：选项只有 A 到 B",
                "工作表「Sheet1」第 5 行「答案」列：题干里有 1 个空（__ 或空括号），答案却给了 2 个：几个空的答案之间用 ； 隔开",
                "工作表「Sheet1」第 6 行「选项B」列：选项B是空的，后面却还有选项：把选项依次写在前面几列",
                "工作表「Sheet1」第 7 行「题型」列：题型是空的：要写 单选、多选、不定项、判断 或 填空",
            ]
        );
    }
}
