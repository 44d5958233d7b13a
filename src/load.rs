//! Load: read `catalogue.toml` and `quizzes/*.toml` into the model.
//!
//! In: a project folder. Out: the loaded source files (for diagnostics), the model of
//! every file that parsed, and a diagnostic for every file that did not. Files may be
//! UTF-8 with or without a BOM and with CRLF line endings. Checks that need only one
//! value (ids, dates, answer forms) happen here; checks across values are in `validate`.

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, Files, did_you_mean};
use crate::model::{
    Catalogue, ChapterRef, Kind, Markdown, Points, Question, Quiz, Slug, Span, Spanned, describe,
};

/// The catalogue's file name at the project root.
pub const CATALOGUE: &str = "catalogue.toml";
/// The folder of question banks at the project root.
pub const QUIZZES: &str = "quizzes";

/// What loading a project gave.
#[derive(Default)]
pub struct Loaded {
    pub files: Files,
    /// The catalogue and its file, when it parsed.
    pub catalogue: Option<(FileId, Catalogue)>,
    /// Every bank that parsed, sorted by id, with its file.
    pub quizzes: Vec<(FileId, Quiz)>,
    /// The id of every bank file found, whether it parsed or not.
    pub quiz_ids: Vec<String>,
    /// The author's UI text (`strings.toml`), when the file exists and parsed.
    pub strings: Option<(FileId, Overrides)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every input file of the project at `root`.
pub fn load(root: &Path) -> Loaded {
    let mut out = Loaded::default();
    let problem = match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some(m!("root.file", root = root.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Some(m!("root.missing", root = root.display()))
        }
        Err(_) => Some(m!("root.unreadable", root = root.display())),
    };
    if let Some(problem) = problem {
        out.diagnostics
            .push(Diagnostic::plain(problem).note(m!("root.note", catalogue = CATALOGUE)));
        return out;
    }
    let dir = root.join(QUIZZES);
    let mut names = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                // Whatever its kind: a folder, link or pipe named `*.toml` is reported.
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".toml") {
                    names.push(name);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => out.diagnostics.push(Diagnostic::file_error(
            QUIZZES,
            m!("quizzes.unreadable", dir = QUIZZES, e = crate::i18n::Io(&e)),
        )),
    }
    names.sort();
    // Reading and parsing is most of the work: the catalogue and the banks are parsed
    // on every core, then registered in a fixed order, so nothing depends on timing.
    let ((catalogue, parsed), banks) = rayon::join(
        || {
            let source = read_source(root, CATALOGUE);
            let parsed = match &source {
                Source::Text(text) => Some(parse::<Catalogue>(text)),
                _ => None,
            };
            (source, parsed)
        },
        || {
            names
                .par_iter()
                .map(|name| read_bank(root, name))
                .collect::<Vec<Bank>>()
        },
    );
    if let Some((file, _)) = register(CATALOGUE, catalogue, &mut out) {
        match parsed {
            Some(Ok(c)) => out.catalogue = Some((file, c)),
            Some(Err(e)) => {
                let d = e.into_diagnostic(file, out.files.source(file));
                out.diagnostics.push(d);
            }
            None => {}
        }
    }
    for bank in banks {
        let (id, rel, source, parsed) = match bank {
            Bank::BadName(d) => {
                out.diagnostics.push(d);
                continue;
            }
            Bank::Read {
                id,
                rel,
                source,
                parsed,
            } => (id, rel, source, parsed),
        };
        out.quiz_ids.push(id.to_string());
        let Some((file, _)) = register(&rel, source, &mut out) else {
            continue;
        };
        match parsed {
            Some(Ok(raw)) => {
                let quiz = raw.into_quiz(id, rel, file, &mut out.diagnostics);
                out.quizzes.push((file, quiz));
            }
            Some(Err(e)) => {
                let d = e.into_diagnostic(file, out.files.source(file));
                out.diagnostics.push(d);
            }
            None => {}
        }
    }
    // The author's wording for the pages, when there is a file of it.
    let strings = read_source(root, crate::ui::FILE);
    let absent =
        matches!(&strings, Source::Unreadable(e) if e.kind() == std::io::ErrorKind::NotFound);
    if !absent && let Some((file, text)) = register(crate::ui::FILE, strings, &mut out) {
        match parse::<Overrides>(text) {
            Ok(o) => out.strings = Some((file, o)),
            Err(e) => {
                let d = e.into_diagnostic(file, out.files.source(file));
                out.diagnostics.push(d);
            }
        }
    }
    out
}

/// The author's UI text: key -> text, both with their place in `strings.toml`.
pub type Overrides = std::collections::BTreeMap<Spanned<String>, Spanned<String>>;

/// A bank file, read and parsed on a worker thread.
enum Bank {
    BadName(Diagnostic),
    Read {
        id: Slug,
        rel: String,
        source: Source,
        /// `None` when the file could not be read as text.
        parsed: Option<Result<RawBank, ParseError>>,
    },
}

fn read_bank(root: &Path, name: &str) -> Bank {
    let rel = format!("{QUIZZES}/{name}");
    let stem = name.strip_suffix(".toml").unwrap_or(name).to_string();
    let id = match Slug::try_from(stem) {
        Ok(id) => id,
        Err(why) => {
            return Bank::BadName(
                Diagnostic::file_error(&rel, m!("bank.name", why = why)).note(m!("bank.name.note")),
            );
        }
    };
    let source = read_source(root, &rel);
    let parsed = match &source {
        Source::Text(text) => Some(parse::<RawBank>(text)),
        _ => None,
    };
    Bank::Read {
        id,
        rel,
        source,
        parsed,
    }
}

/// A file as read from disk.
enum Source {
    /// The text, without BOM, with LF line endings.
    Text(String),
    /// Not UTF-8: the text shown in the message and where the bad bytes start.
    NotUtf8 { shown: String, at: usize },
    /// Could not be read at all.
    Unreadable(std::io::Error),
    /// Not an ordinary file: what it is instead.
    NotAFile(String),
}

/// Reads a file as text: strips a UTF-8 BOM and turns CRLF into LF.
fn read_source(root: &Path, rel: &str) -> Source {
    let mut bytes = match crate::write::read_if_regular(&root.join(rel)) {
        Ok(Ok(b)) => b,
        Ok(Err(what)) => return Source::NotAFile(what),
        Err(e) => return Source::Unreadable(e),
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) if s.contains('\r') => Source::Text(s.replace("\r\n", "\n")),
        Ok(s) => Source::Text(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = String::from_utf8_lossy(&bytes[..valid]).replace("\r\n", "\n");
            let shown = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
            Source::NotUtf8 {
                shown,
                at: good.len(),
            }
        }
    }
}

/// Adds a read file to `out.files`; reports a file that could not be read or is not
/// UTF-8 (at its line and column). Returns the file id and text when it is text.
fn register<'a>(rel: &str, source: Source, out: &'a mut Loaded) -> Option<(FileId, &'a str)> {
    match source {
        Source::Text(text) => {
            let file = out.files.add(rel, text);
            Some((file, out.files.source(file)))
        }
        Source::NotUtf8 { shown, at } => {
            let file = out.files.add(rel, shown);
            out.diagnostics.push(
                Diagnostic::error(file, at..at + 1, m!("utf8"))
                    .label(m!("utf8.label"))
                    .note(m!("utf8.note")),
            );
            None
        }
        Source::NotAFile(what) => {
            out.diagnostics.push(
                Diagnostic::file_error(rel, m!("notafile", rel = rel, what = what))
                    .note(m!("notafile.note")),
            );
            None
        }
        Source::Unreadable(e) => {
            let mut d =
                Diagnostic::file_error(rel, m!("unreadable", rel = rel, e = crate::i18n::Io(&e)));
            if rel == CATALOGUE && e.kind() == std::io::ErrorKind::NotFound {
                d = d.note(m!("catalogue.missing.note", catalogue = CATALOGUE));
            }
            out.diagnostics.push(d);
            None
        }
    }
}

/// A TOML error with its span.
struct ParseError {
    message: String,
    span: Option<Span>,
}

impl ParseError {
    fn into_diagnostic(self, file: FileId, source: &str) -> Diagnostic {
        let span = self.span.unwrap_or(0..0);
        if let Some((span, message, label)) = clerk_mistake(source, span.start) {
            return Diagnostic::error(file, span, message).label(label);
        }
        let (message, notes) = explain(&self.message);
        let mut d = Diagnostic::error(file, span, message);
        for n in notes {
            d = d.note(n);
        }
        d
    }
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ParseError> {
    toml::from_str(text).map_err(|e| ParseError {
        message: e.message().trim().to_string(),
        span: e.span(),
    })
}

/// Turns a TOML or serde message into ours: adds "did you mean" for misspelt keys and
/// names, and says what to do about a missing key.
fn explain(msg: &str) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    for prefix in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = msg.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once('`')
        {
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            if let Some(hint) = did_you_mean(found, known.iter().copied()) {
                notes.push(hint);
            } else if let Some(day) = chinese_weekday(found)
                && known.contains(&day)
            {
                notes.push(m!("did-you-mean", x = day));
            }
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(&m!("list.sep"));
            let message = if prefix.contains("field") {
                m!("toml.unknown-key", found = found, list = list)
            } else {
                m!("toml.unknown-value", found = found, list = list)
            };
            return (message, notes);
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field `")
        && let Some((field, _)) = rest.split_once('`')
    {
        return (m!("toml.missing", field = field), notes);
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return (
            m!(
                "toml.type",
                expected = plain_type(expected),
                found = plain_value(found)
            ),
            notes,
        );
    }
    // The TOML parser's messages for the mistakes clerks make, in their words.
    for (english, key) in [
        ("duplicate key", "toml.duplicate"),
        ("invalid basic string", "toml.unclosed"),
        ("invalid literal string", "toml.unclosed"),
        ("invalid date", "toml.bad-date"),
        ("invalid time", "toml.bad-date"),
        ("invalid unquoted key", "toml.bad-key"),
        ("missing comma between array elements", "toml.array-comma"),
        ("invalid table header", "toml.header"),
    ] {
        if msg.starts_with(english) {
            return (
                crate::i18n::tr(key, &[]),
                vec![m!("toml.detail", detail = msg)],
            );
        }
    }
    // Our own messages (from the ids' and dates' checks) are in the language in use;
    // the TOML parser's are English, shown as the detail of a plain one.
    if !msg.is_ascii() {
        return (msg.to_string(), notes);
    }
    (m!("toml.syntax", detail = msg), notes)
}

/// The mistakes a clerk makes when typing TOML in a Chinese input method, found on the
/// line where the parser stopped: where it is, what it is, and what to type instead.
fn clerk_mistake(source: &str, at: usize) -> Option<(Span, String, String)> {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let line = &source[start..end];
    let find = |c: char| line.find(c).map(|i| start + i..start + i + c.len_utf8());
    if let Some(span) = find('\u{201c}').or_else(|| find('\u{201d}')) {
        return Some((span, m!("clerk.quotes"), m!("clerk.quotes.label")));
    }
    if let Some(span) = find('\u{ff1d}') {
        return Some((span, m!("clerk.equals"), m!("clerk.equals.label")));
    }
    if line.starts_with('\u{3000}') {
        return Some((start..start + 3, m!("clerk.space"), m!("clerk.space.label")));
    }
    if let Some(i) = line.find('\u{ff1a}')
        && !line[..i].contains('=')
        && !line[..i].contains('"')
    {
        return Some((
            start + i..start + i + 3,
            m!("clerk.colon"),
            m!("clerk.equals.label"),
        ));
    }
    if let Some(span) = find('\u{ff0c}')
        && line.contains('[')
    {
        return Some((span, m!("clerk.comma"), m!("clerk.comma.label")));
    }
    if let Some(span) = find('【').or_else(|| find('】')) {
        return Some((span, m!("clerk.brackets"), m!("clerk.brackets.label")));
    }
    // 、 between the items of a list: `["北京"、"上海"]`.
    if let Some(i) = line.find("\"、") {
        let at = start + i + 1;
        return Some((
            at..at + '、'.len_utf8(),
            m!("clerk.dunhao"),
            m!("clerk.comma.label"),
        ));
    }
    // A value after `=`: a bare word, or a date written another way.
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    let vstart = start
        + line.find('=')?
        + 1
        + (line.split_once('=')?.1.len() - line.split_once('=')?.1.trim_start().len());
    let vspan = vstart..vstart + value.len();
    let unquoted = value.trim_matches('"');
    let date_like = {
        let digits: Vec<&str> = unquoted
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        digits.len() == 3
            && digits[0].len() == 4
            && (unquoted.contains('/')
                || unquoted.contains('年')
                || unquoted.contains('.')
                || digits[1].len() == 1
                || digits[2].len() == 1)
    };
    if date_like {
        return Some((
            vspan,
            m!("clerk.date", v = unquoted),
            m!("clerk.date.label"),
        ));
    }
    let bare = !value.is_empty()
        && !value.starts_with(['"', '\'', '[', '{'])
        && !value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && !matches!(value, "true" | "false");
    if bare
        && key == "answer"
        && ["对", "正确", "错", "错误", "是", "否", "√", "×"].contains(&value)
    {
        return Some((
            vspan,
            m!("clerk.truefalse", v = value),
            m!("clerk.truefalse.label"),
        ));
    }
    if bare && matches!(value.to_ascii_lowercase().as_str(), "true" | "false") {
        return Some((
            vspan,
            m!("clerk.case", v = value),
            m!("clerk.case.label", v = value.to_ascii_lowercase()),
        ));
    }
    // A number with its unit: `pass = 60分`, `year = 2021年`, `pages = 40页`.
    let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0
        && digits < value.len()
        && !value[digits..].starts_with(['.', '-', ':', '_', 'e', 'E'])
    {
        return Some((
            vspan,
            m!("clerk.unit", v = value),
            m!("clerk.unit.label", n = &value[..digits]),
        ));
    }
    if bare {
        return Some((
            vspan,
            m!("clerk.bare", v = value),
            m!("clerk.bare.label", v = value),
        ));
    }
    None
}

/// `周五`, `星期五`, `礼拜五` -> `friday`.
fn chinese_weekday(s: &str) -> Option<&'static str> {
    let day = s
        .trim()
        .strip_prefix("星期")
        .or_else(|| s.trim().strip_prefix("周"))
        .or_else(|| s.trim().strip_prefix("礼拜"))?;
    Some(match day {
        "一" => "monday",
        "二" => "tuesday",
        "三" => "wednesday",
        "四" => "thursday",
        "五" => "friday",
        "六" => "saturday",
        "日" | "天" => "sunday",
        _ => return None,
    })
}

/// Serde's name of an expected type, in an author's words.
fn plain_type(t: &str) -> String {
    match t {
        "i64" | "u64" | "i32" | "u32" | "usize" | "an integer" => m!("type.integer"),
        "a string" => m!("type.string"),
        "a boolean" => m!("type.boolean"),
        "a sequence" => m!("type.list"),
        "a map" | "struct" => m!("value.table"),
        other => other.to_string(),
    }
}

/// Serde's description of a found value (`string "x"`, `integer `3``), in an author's words.
fn plain_value(v: &str) -> String {
    if let Some(s) = v.strip_prefix("string ") {
        m!("value.text", v = s.trim_matches('"'))
    } else if let Some(n) = v
        .strip_prefix("integer ")
        .or_else(|| v.strip_prefix("floating point "))
    {
        m!("value.number", v = n)
    } else if let Some(b) = v.strip_prefix("boolean ") {
        b.to_string()
    } else if v == "sequence" {
        m!("value.list")
    } else if v == "map" {
        m!("value.table")
    } else {
        v.to_string()
    }
}

/// 题库文件 quizzes/<编号>.toml：一个文件一套题，文件名就是题库编号 / A question bank,
/// `quizzes/<id>.toml`; the file name is its id. (As written, before questions are typed.)
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "QuestionBank")]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBank {
    /// 题库名称（必填）/ Bank title (required).
    #[schemars(with = "String")]
    title: Spanned<String>,
    /// 对应的学习材料编号（可选）/ The material it is about (optional).
    #[schemars(with = "Option<Slug>")]
    material: Option<Spanned<Slug>>,
    /// 每次随机抽取的题数（可选，1 到题目总数）/ Questions drawn per attempt (optional).
    #[schemars(with = "Option<i64>")]
    draw: Option<Spanned<i64>>,
    /// 及格线，百分制（可选，1 到 100）/ Pass mark in percent (optional).
    #[schemars(with = "Option<i64>")]
    pass: Option<Spanned<i64>>,
    /// 题目，每题写一段 [[question]] / Questions, one [[question]] each.
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum QuestionType {
    Single,
    Multiple,
    Truefalse,
    Fill,
}

/// 一道题 / One question. (As written: its `answer` is typed once `type` is known.)
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "Question")]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    /// 题目编号，本题库内不重复，发布后不要改 / Question id, unique in the bank; keep it stable.
    #[schemars(with = "Slug")]
    id: Spanned<Slug>,
    /// 题型：single 单选 / multiple 多选 / truefalse 判断 / fill 填空 / Question type.
    #[serde(rename = "type")]
    #[schemars(with = "QuestionType")]
    kind: Spanned<QuestionType>,
    /// 题干（Markdown）；填空题用 __ 或 ＿＿ 表示空 / The question (Markdown); blanks as __ in fill questions.
    #[schemars(with = "Markdown")]
    prompt: Spanned<Markdown>,
    /// 选项，单选、多选必填，2 到 8 个 / Options: single and multiple, 2 to 8.
    #[schemars(with = "Option<Vec<String>>")]
    options: Option<Spanned<Vec<Spanned<String>>>>,
    /// 答案：单选 "B"；多选 "ACD"；判断 true/false；填空 ["1921", "7|七"] / Answer: "B"; "ACD"; true/false; one text per blank, alternatives split by |.
    #[schemars(with = "serde_json::Value")]
    answer: Spanned<toml::Value>,
    /// 解析（可选，建议填写，Markdown）/ Explanation (optional but advised, Markdown).
    explanation: Option<Markdown>,
    /// 出处章节（可选），如 "jianshi/ch01" / Source chapter (optional).
    #[schemars(with = "Option<ChapterRef>")]
    source: Option<Spanned<ChapterRef>>,
    /// 分值（可选），纸质试卷上每题几分，如 2 或 0.5 / Points on a paper (optional).
    points: Option<Points>,
}

impl RawBank {
    fn into_quiz(self, id: Slug, rel: String, file: FileId, diags: &mut Vec<Diagnostic>) -> Quiz {
        let questions = self
            .question
            .into_iter()
            .filter_map(|q| q.into_question(file, diags))
            .collect();
        Quiz {
            id,
            file: rel,
            title: self.title,
            material: self.material,
            draw: self.draw,
            pass: self.pass,
            questions,
        }
    }
}

impl RawQuestion {
    fn into_question(self, file: FileId, diags: &mut Vec<Diagnostic>) -> Option<Question> {
        let ty = *self.kind.get_ref();
        let type_span = self.kind.span();
        let answer_span = self.answer.span();
        let err = |span: Span, msg: String| Diagnostic::error(file, span, msg);
        let kind = match ty {
            QuestionType::Single | QuestionType::Multiple => {
                let name = if ty == QuestionType::Single {
                    "single"
                } else {
                    "multiple"
                };
                let Some(options) = self.options else {
                    diags.push(
                        err(type_span, m!("q.needs-options", name = name))
                            .label(m!("q.needs-options.label")),
                    );
                    return None;
                };
                let letters = match letters(self.answer.get_ref(), ty == QuestionType::Single) {
                    Ok(l) => l,
                    Err(why) => {
                        diags.push(err(answer_span, why).label(m!("q.this-answer")));
                        return None;
                    }
                };
                if ty == QuestionType::Single {
                    Kind::Single {
                        options,
                        answer: Spanned::new(answer_span, letters[0]),
                    }
                } else {
                    Kind::Multiple {
                        options,
                        answer: Spanned::new(answer_span, letters),
                    }
                }
            }
            QuestionType::Truefalse | QuestionType::Fill => {
                let name = if ty == QuestionType::Truefalse {
                    "truefalse"
                } else {
                    "fill"
                };
                if let Some(o) = &self.options {
                    diags.push(
                        err(o.span(), m!("q.no-options", name = name))
                            .label(m!("q.no-options.label")),
                    );
                    return None;
                }
                if ty == QuestionType::Truefalse {
                    match self.answer.get_ref() {
                        toml::Value::Boolean(b) => Kind::Truefalse { answer: *b },
                        other => {
                            diags.push(
                                err(answer_span, m!("q.truefalse", found = describe(other)))
                                    .label(m!("q.truefalse.label")),
                            );
                            return None;
                        }
                    }
                } else {
                    match fill_answers(self.answer.get_ref()) {
                        Ok(a) => Kind::Fill {
                            answer: Spanned::new(answer_span, a),
                        },
                        Err(why) => {
                            diags.push(err(answer_span, why).label(m!("q.this-answer")));
                            return None;
                        }
                    }
                }
            }
        };
        Some(Question {
            id: self.id,
            prompt: self.prompt,
            explanation: self.explanation,
            source: self.source,
            points: self.points,
            kind,
        })
    }
}

/// Reads option letters (`"B"`, `"ACD"`) into indexes; lower case is accepted.
fn letters(v: &toml::Value, single: bool) -> Result<Vec<usize>, String> {
    let expected = if single {
        m!("letters.one")
    } else {
        m!("letters.many")
    };
    let toml::Value::String(s) = v else {
        return Err(m!("toml.type", expected = expected, found = describe(v)));
    };
    let s = s.trim();
    let mut out = Vec::new();
    for c in s.chars() {
        let u = c.to_ascii_uppercase();
        if !('A'..='H').contains(&u) {
            return Err(m!("letters.bad", s = s, expected = expected));
        }
        let i = (u as u8 - b'A') as usize;
        if out.contains(&i) {
            return Err(m!("letters.twice", s = s, u = u));
        }
        out.push(i);
    }
    if out.is_empty() || (single && out.len() > 1) {
        let what = if single { "single" } else { "multiple" };
        return Err(m!("letters.kind", s = s, what = what, expected = expected));
    }
    Ok(out)
}

/// Reads fill answers: a list with one string per blank (a single string for one
/// blank is accepted), alternatives separated by `|`.
fn fill_answers(v: &toml::Value) -> Result<Vec<Vec<String>>, String> {
    let expected = m!("fill.expected");
    let items: Vec<&toml::Value> = match v {
        toml::Value::Array(a) => a.iter().collect(),
        toml::Value::String(_) => vec![v],
        other => {
            return Err(m!(
                "found-expected",
                found = describe(other),
                expected = expected
            ));
        }
    };
    if items.is_empty() {
        return Err(m!("fill.empty", expected = expected));
    }
    let mut out = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let toml::Value::String(s) = item else {
            return Err(m!(
                "fill.item",
                n = n + 1,
                found = describe(item),
                expected = expected
            ));
        };
        let alts: Vec<String> = s.split('|').map(|a| a.trim().to_string()).collect();
        if alts.iter().any(|a| a.is_empty()) {
            return Err(m!("fill.alt-empty", n = n + 1, s = s));
        }
        out.push(alts);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_read() {
        let s = |x: &str| toml::Value::String(x.into());
        assert_eq!(letters(&s("b"), true).unwrap(), vec![1]);
        assert_eq!(letters(&s("ACD"), false).unwrap(), vec![0, 2, 3]);
        assert_eq!(
            letters(&s("AB"), true).unwrap_err(),
            "`AB` is not an answer for a `single` question: expected one letter, e.g. \"B\""
        );
        assert_eq!(
            letters(&s("AA"), false).unwrap_err(),
            "answer `AA` names `A` twice"
        );
        assert_eq!(
            letters(&s("Z"), true).unwrap_err(),
            "`Z` is not an answer: expected one letter, e.g. \"B\", with letters A to H"
        );
        assert_eq!(
            letters(&toml::Value::Integer(2), true).unwrap_err(),
            "expected one letter, e.g. \"B\", found the number `2`"
        );
    }

    #[test]
    fn fill_read() {
        let v: toml::Value =
            toml::from_str::<toml::Table>("a = ['1921', ' 7 | 七 ']").unwrap()["a"].clone();
        assert_eq!(
            fill_answers(&v).unwrap(),
            vec![
                vec!["1921".to_string()],
                vec!["7".to_string(), "七".to_string()]
            ]
        );
        let bad = toml::Value::String("a||b".into());
        assert!(
            fill_answers(&bad)
                .unwrap_err()
                .contains("empty alternative")
        );
    }

    #[test]
    fn explain_adds_did_you_mean() {
        let (m, n) = explain("unknown field `titel`, expected one of `title`, `organizer`");
        assert_eq!(
            m,
            "unknown key `titel`, expected one of `title`, `organizer`"
        );
        assert_eq!(n, vec!["did you mean `title`?".to_string()]);
    }
}
