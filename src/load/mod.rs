//! Load: read `catalogue.toml` and `quizzes/*.toml` into the model.
//!
//! In: a project folder. Out: the loaded source files (for diagnostics), the model of
//! every file that parsed, and a diagnostic for every file that did not. Files may be
//! UTF-8 with or without a BOM and with CRLF (or lone CR) line endings. Checks that need only one
//! value (ids, dates, answer forms) happen here; checks across values are in `validate`.

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, Files, did_you_mean};

mod clerk;
mod invalid;
mod shape;
use crate::model::{Catalogue, ChapterRef, Markdown, Points, Question, Quiz, Slug, Span, Spanned};
use crate::rules::{FormProblem, LettersError, QuestionType};

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
                Source::Text(text) => Some(parse::<Catalogue>(text, schema_of::<Catalogue>)),
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
        match parse::<Overrides>(text, strings_schema) {
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
        Source::Text(text) => Some(parse::<RawBank>(text, schema_of::<RawBank>)),
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
    NotAFile(crate::write::NotRegular),
}

/// Windows' CRLF and old Macs' lone CR as LF, the line break TOML reads.
fn line_breaks(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Reads a file as text: strips a UTF-8 BOM and turns CRLF (and a lone CR) into LF.
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
        Ok(s) if s.contains('\r') => Source::Text(line_breaks(&s)),
        Ok(s) => Source::Text(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = line_breaks(&String::from_utf8_lossy(&bytes[..valid]));
            let shown = line_breaks(&String::from_utf8_lossy(&bytes));
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

/// Why a file's TOML did not give the model.
enum ParseError {
    /// The text is not TOML: the parser's description of the mistake, and its place.
    Syntax { description: String, span: Span },
    /// The TOML does not fit the model: what does not fit (`None`: one of the model's
    /// own checks said no, in `message`, which is then ours) and where.
    Shape {
        misfit: Option<shape::Misfit>,
        message: String,
        span: Span,
    },
}

impl ParseError {
    fn into_diagnostic(self, file: FileId, source: &str) -> Diagnostic {
        let span = match &self {
            ParseError::Syntax { span, .. } | ParseError::Shape { span, .. } => span.clone(),
        };
        let not_toml = matches!(self, ParseError::Syntax { .. });
        // A text of several lines never closed: told where it opens, when that is above
        // where the parser stopped.
        if not_toml
            && let Some(at) = clerk::open_text(source)
            && at <= span.start
        {
            return Diagnostic::error(file, at..at + 3, m!("toml.unclosed-lines"))
                .label(m!("toml.unclosed-lines.label"));
        }
        if let Some((span, message, label)) = clerk::mistake(source, span.start, not_toml) {
            return Diagnostic::error(file, span, message).label(label);
        }
        match self {
            ParseError::Syntax { description, .. } => syntax(file, span, &description),
            ParseError::Shape {
                misfit: Some(misfit),
                ..
            } => {
                let at = source.get(span.clone()).unwrap_or("");
                let hint = clerk::shape_hint(&misfit, at);
                // A section header with the wrong brackets (`[plan]` for `[[plan]]`,
                // `[[title]]` for `title = ...`): the hint is the whole story.
                if let (
                    shape::Misfit::WrongKind {
                        found: shape::Found::Table | shape::Found::List,
                        ..
                    },
                    Some(h),
                ) = (&misfit, &hint)
                    && at.starts_with('[')
                {
                    return Diagnostic::error(file, span, h.clone());
                }
                let (message, mut notes) = explain(misfit);
                notes.extend(hint);
                notes
                    .into_iter()
                    .fold(Diagnostic::error(file, span, message), Diagnostic::note)
            }
            ParseError::Shape { message, .. } => Diagnostic::error(file, span, message),
        }
    }
}

/// Parses `text` into its tree (every key and value with its place), then the model
/// from the tree. When the model does not come, the tree and the model's `schema` tell
/// why (see [`shape`]). The tree is given to the model whole, so on that path only it
/// is parsed again (a clone would cost every clean file a sixth more memory).
fn parse<T: for<'de> Deserialize<'de>>(
    text: &str,
    schema: fn() -> serde_json::Value,
) -> Result<T, ParseError> {
    let tree = toml::de::DeTable::parse(text).map_err(|e| ParseError::Syntax {
        description: e.message().trim().to_string(),
        span: e.span().unwrap_or(0..0),
    })?;
    let root = tree.span();
    T::deserialize(toml::de::Deserializer::from(tree)).map_err(|e| {
        let span = e.span().unwrap_or(root);
        ParseError::Shape {
            misfit: toml::de::DeTable::parse(text)
                .ok()
                .and_then(|tree| shape::misfit(&schema(), &tree, &span)),
            message: e.message().trim().to_string(),
            span,
        }
    })
}

/// The schema of `T`, for [`parse`].
fn schema_of<T: schemars::JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
}

/// The schema of `strings.toml`: any key, a text each.
fn strings_schema() -> serde_json::Value {
    serde_json::json!({"type": "object", "additionalProperties": {"type": "string"}})
}

/// A misfit in the author's words, with "did you mean" for a misspelt key or value.
fn explain(misfit: shape::Misfit) -> (String, Vec<String>) {
    use shape::Misfit;
    let hint = |found: &str, known: &[String]| {
        did_you_mean(found, known.iter().map(String::as_str)).or_else(|| {
            clerk::chinese_weekday(found)
                .or_else(|| crate::rules::type_named(found).map(crate::rules::TypeName::name))
                .filter(|word| known.iter().any(|k| k == word))
                .map(|word| m!("did-you-mean", x = word))
        })
    };
    match misfit {
        Misfit::UnknownKey { found, known } => (
            m!(
                "toml.unknown-key",
                found = found,
                list = crate::diag::ticked(&known)
            ),
            hint(&found, &known).into_iter().collect(),
        ),
        Misfit::UnknownValue { found, known } => (
            m!(
                "toml.unknown-value",
                found = found,
                list = crate::diag::ticked(&known)
            ),
            hint(&found, &known).into_iter().collect(),
        ),
        Misfit::Missing { key } => (m!("toml.missing", field = key), Vec::new()),
        Misfit::TooLarge { found } => (m!("toml.too-large", v = found), Vec::new()),
        Misfit::WrongKind { expected, found } => (
            m!(
                "toml.type",
                expected = kind_name(expected),
                found = found_name(&found)
            ),
            Vec::new(),
        ),
    }
}

/// The kinds of value, in an author's words.
fn kind_name(k: shape::Kind) -> String {
    use shape::Kind;
    match k {
        Kind::Integer => m!("type.integer"),
        Kind::Number => m!("type.number"),
        Kind::Text => m!("type.string"),
        Kind::Date => m!("type.date"),
        Kind::Boolean => m!("type.boolean"),
        Kind::List => m!("type.list"),
        Kind::Table => m!("value.table"),
    }
}

/// A value as the file has it, in an author's words.
fn found_name(f: &shape::Found) -> String {
    use shape::Found;
    match f {
        Found::Text(s) => m!("value.text", v = s),
        Found::Number(n) => m!("value.number", v = n),
        Found::Date(d) => m!("value.date", v = d),
        Found::Boolean(b) => m!("value.boolean", v = b),
        Found::List => m!("value.list"),
        Found::Table => m!("value.table"),
    }
}

/// A value of the model (an answer, kept as TOML until its type is known), in an
/// author's words.
fn describe(v: &toml::Value) -> String {
    found_name(&shape::Found::of(v))
}

/// The TOML parser's descriptions of syntax mistakes, and our message for each. The
/// parser has no codes for its mistakes, only these words (and, after them, what it
/// expected, which is not shown): a test (`tests::the_parser_still_says_these_words`)
/// makes each one happen and checks the message it gets, so a new parser that words
/// them otherwise fails it instead of silently showing its English. Looked up by
/// prefix, in order: a longer description before one it starts with.
const SYNTAX: [(&str, &str); 56] = [
    ("duplicate key", "toml.duplicate"),
    ("cannot extend value of type", "toml.duplicate"),
    ("invalid basic string", "toml.unclosed"),
    ("invalid literal string", "toml.unclosed"),
    ("invalid multi-line basic string", "toml.unclosed"),
    ("invalid multi-line literal string", "toml.unclosed"),
    ("missing opening quote", "toml.unclosed"),
    ("missing escaped value", "toml.escape"),
    ("too few unicode value digits", "toml.escape"),
    ("invalid datetime", "toml.bad-date"),
    ("invalid date", "toml.bad-date"),
    ("invalid time", "toml.bad-time"),
    ("unexpected leading zero", "toml.bad-number"),
    ("`_` may only go between digits", "toml.bad-number"),
    ("redundant numeric sign", "toml.bad-number"),
    ("integers with a radix cannot be signed", "toml.bad-number"),
    ("radix must be lowercase", "toml.bad-number"),
    ("invalid fraction", "toml.bad-number"),
    ("invalid exponent", "toml.bad-number"),
    ("invalid float", "toml.bad-number"),
    ("invalid binary number", "toml.bad-number"),
    ("invalid octal number", "toml.bad-number"),
    ("invalid boolean", "toml.boolean"),
    ("string values must be quoted", "toml.quote"),
    ("unexpected key or value", "toml.one-value"),
    ("extra `=`", "toml.equals-twice"),
    ("key with no value", "toml.no-value"),
    ("invalid key-value pair", "toml.no-value"),
    ("invalid unquoted key", "toml.bad-key"),
    ("unquoted keys cannot be empty", "toml.bad-key"),
    ("keys cannot be multi-line", "toml.bad-key"),
    ("missing comma between array elements", "toml.array-comma"),
    ("extra comma in array", "toml.array"),
    ("unclosed array table", "toml.header"),
    ("unclosed array", "toml.array"),
    ("unexpected `=` in array", "toml.array"),
    ("unclosed inline table", "toml.inline-table"),
    ("extra comma in inline table", "toml.inline-table"),
    ("unclosed table", "toml.header"),
    ("missing table open", "toml.header"),
    ("invalid comment character", "toml.control"),
    (
        "carriage return must be followed by newline",
        "toml.control",
    ),
    ("invalid hexadecimal number", "toml.bad-number"),
    ("invalid mantissa", "toml.bad-number"),
    ("unexpected sign", "toml.bad-number"),
    ("missing array opening", "toml.array"),
    ("missing value for key", "toml.no-value"),
    ("invalid inline table element", "toml.inline-table"),
    (
        "missing assignment between key-value pairs",
        "toml.inline-table",
    ),
    (
        "extra assignment between key-value pairs",
        "toml.inline-table",
    ),
    ("missing comma between key-value pairs", "toml.inline-table"),
    ("missing key for inline table element", "toml.inline-table"),
    ("missing inline table opening", "toml.inline-table"),
    ("invalid value", "toml.escape"),
    ("redundant integer number prefix", "toml.bad-number"),
    ("cannot recurse further", "toml.too-deep"),
];

/// Our message for a syntax mistake the parser describes so, if it is one we know.
fn syntax_key(description: &str) -> Option<&'static str> {
    SYNTAX
        .iter()
        .find(|(words, _)| description.starts_with(words))
        .map(|(_, key)| *key)
}

/// A syntax mistake in the author's words. One the parser has learnt since (not in
/// [`SYNTAX`]) gets a plain message of ours, with the parser's words as a note.
fn syntax(file: FileId, span: Span, description: &str) -> Diagnostic {
    match syntax_key(description) {
        Some(key) => Diagnostic::error(file, span, crate::i18n::tr(key, &[])),
        None => Diagnostic::error(file, span, m!("toml.syntax"))
            .note(m!("toml.detail", detail = description)),
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
        let options_span = self.options.as_ref().map(|o| o.span());
        match crate::rules::question_kind(ty, self.options, &self.answer) {
            Ok(kind) => Some(Question {
                id: self.id,
                prompt: self.prompt,
                explanation: self.explanation,
                source: self.source,
                points: self.points,
                kind,
            }),
            Err(problem) => {
                let span = match &problem {
                    FormProblem::NeedsOptions => self.kind.span(),
                    FormProblem::NoOptions => options_span.unwrap_or_else(|| self.kind.span()),
                    _ => self.answer.span(),
                };
                let (message, label) = form_message(ty, self.answer.get_ref(), problem);
                diags.push(Diagnostic::error(file, span, message).label(label));
                None
            }
        }
    }
}

/// A question whose options or answer do not take its type's form (see
/// [`crate::rules::question_kind`]), in the author's words: the message and its label.
fn form_message(ty: QuestionType, answer: &toml::Value, problem: FormProblem) -> (String, String) {
    let name = ty.name();
    let expected = || {
        if ty == QuestionType::Single {
            m!("letters.one")
        } else {
            m!("letters.many")
        }
    };
    let message = match problem {
        FormProblem::NeedsOptions => {
            return (
                m!("q.needs-options", name = name),
                m!("q.needs-options.label"),
            );
        }
        FormProblem::NoOptions => {
            return (m!("q.no-options", name = name), m!("q.no-options.label"));
        }
        FormProblem::NotBoolean => {
            return (
                m!("q.truefalse", found = describe(answer)),
                m!("q.truefalse.label"),
            );
        }
        FormProblem::LettersNotText => {
            m!("toml.type", expected = expected(), found = describe(answer))
        }
        FormProblem::LettersEmpty => m!("letters.empty", expected = expected()),
        FormProblem::Letters(s, LettersError::NotALetter(_)) => {
            m!("letters.bad", s = s, expected = expected())
        }
        FormProblem::Letters(s, LettersError::Twice(u)) => m!("letters.twice", s = s, u = u),
        FormProblem::Letters(s, LettersError::Count) => {
            m!("letters.kind", s = s, what = name, expected = expected())
        }
        FormProblem::FillNotList => m!(
            "found-expected",
            found = describe(answer),
            expected = m!("fill.expected")
        ),
        FormProblem::FillEmpty => m!("fill.empty", expected = m!("fill.expected")),
        FormProblem::FillItem(n, item) => m!(
            "fill.item",
            n = n,
            found = describe(&item),
            expected = m!("fill.expected")
        ),
        FormProblem::FillAltEmpty(n, s) => m!("fill.alt-empty", n = n, s = s),
    };
    (message, m!("q.this-answer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message of an answer that does not take its type's form.
    fn answer_message(ty: QuestionType, text: &str) -> String {
        let t: toml::Table = toml::from_str(&format!("a = {text}")).unwrap();
        let answer = Spanned::new(0..1, t["a"].clone());
        let options = ty
            .has_options()
            .then(|| Spanned::new(0..1, vec![Spanned::new(0..1, "甲".to_string())]));
        let problem = crate::rules::question_kind(ty, options, &answer).unwrap_err();
        form_message(ty, answer.get_ref(), problem).0
    }

    #[test]
    fn letters_read() {
        let single = |s| answer_message(QuestionType::Single, s);
        assert_eq!(
            single("'AB'"),
            "`AB` is not an answer for a `single` question: expected one letter, e.g. \"B\""
        );
        assert_eq!(
            answer_message(QuestionType::Multiple, "'AA'"),
            "answer `AA` names `A` twice"
        );
        assert_eq!(
            single("'Z'"),
            "`Z` is not an answer: expected one letter, e.g. \"B\", with letters A to H"
        );
        assert_eq!(
            single("2"),
            "expected one letter, e.g. \"B\", found the number `2`"
        );
    }

    #[test]
    fn fill_read() {
        assert!(
            answer_message(QuestionType::Fill, "'a||b'").contains("empty alternative"),
            "{}",
            answer_message(QuestionType::Fill, "'a||b'")
        );
    }

    #[test]
    fn explain_adds_did_you_mean() {
        let (m, n) = explain(shape::Misfit::UnknownKey {
            found: "titel".into(),
            known: vec!["title".into(), "organizer".into()],
        });
        assert_eq!(
            m,
            "unknown key `titel`, expected one of `title`, `organizer`"
        );
        assert_eq!(n, vec!["did you mean `title`?".to_string()]);
        let (_, n) = explain(shape::Misfit::UnknownValue {
            found: "周五".into(),
            known: vec!["monday".into(), "friday".into()],
        });
        assert_eq!(n, vec!["did you mean `friday`?".to_string()]);
    }

    /// A clerk's slip is told where TOML reads it, and only there: full-width quotes,
    /// commas, colons and brackets inside a text or a comment are the author's own.
    #[test]
    fn slips_are_told_where_toml_reads_them() {
        let _zh = crate::i18n::chinese();
        let message = |text: &str| -> (String, String) {
            let e = match parse::<RawBank>(text, schema_of::<RawBank>) {
                Err(e) => e,
                Ok(_) => panic!("{text:?} loaded"),
            };
            let mut files = crate::diag::Files::default();
            let file = files.add("q.toml", text);
            let d = e.into_diagnostic(file, files.source(file));
            let at = match &d.place {
                crate::diag::Place::Span(_, s) => {
                    (text[..s.start].matches('\n').count() + 1).to_string()
                }
                _ => String::new(),
            };
            (d.message, at)
        };
        let head = "title = \"自测\"\n";
        let cases: [(&str, &str, &str); 16] = [
            (
                "tilte = \"召开“我为群众办实事”推进会（5月中旬）\"\n",
                "不认识的键 `tilte`",
                "2",
            ),
            (
                "pass = 80 # “区委”：及格线，【注】\npas = 1\n",
                "不认识的键 `pas`",
                "3",
            ),
            ("title2 = \"“红色星期五”\"\n", "不认识的键 `title2`", "2"),
            ("pass = “80”\n", "这里用了全角引号", "2"),
            ("prompt = \"“南陈北李\n", "引号没有配对", "2"),
            (
                "pass = 80\nx = \"中共一大选举\n谁为书记？\"\n",
                "引号没有配对",
                "3",
            ),
            (
                "pass = 80\nx = [\n  \"北京\",\n  \"上海\"\npass = 1\n",
                "这个列表没有以 ] 结尾",
                "3",
            ),
            ("pass　= 80\n", "这里有一个全角空格", "2"),
            ("pass = 80\u{200b}\n", "这里有一个看不见的控制字符", "2"),
            ("x = \"a\u{7}b\"\n", "这里有一个看不见的控制字符", "2"),
            ("pass = ８０\n", "`８０` 里有全角数字", "2"),
            ("pass == 60\n", "多了一个等号", "2"),
            ("x = \"红岩\"（小说）\"\n", "文字里有一个半角引号", "2"),
            ("x = \"红岩\"。\n", "引号后面多了 `。`", "2"),
            ("pass = 60 // 及格线\n", "注释要以 # 开头", "2"),
            ("x = (\"甲\", \"乙\")\n", "列表要用半角方括号 [ ]", "2"),
        ];
        for (text, want, line) in cases {
            let text = format!("{head}{text}");
            let (got, at) = message(&text);
            assert!(got.starts_with(want), "{text:?}: {got}");
            assert_eq!(at, line, "{text:?}: {got}");
        }
    }

    /// Each of the parser's descriptions that [`SYNTAX`] explains is still what the
    /// parser says for the mistake it stands for.
    #[test]
    fn the_parser_still_says_these_words() {
        let deep = format!("a = {}1{}\n", "[".repeat(200), "]".repeat(200));
        let mut cases = vec![
            ("a = 1\na = 2\n", "duplicate key"),
            ("a = [1]\na.b = 1\n", "cannot extend value of type"),
            ("a = \"x\n", "invalid basic string"),
            ("a = 'x\n", "invalid literal string"),
            ("a = \"\"\"x\n", "invalid multi-line basic string"),
            ("a = '''x\n", "invalid multi-line literal string"),
            ("a = [\"x\", b\"y\"]\n", "missing opening quote"),
            ("a = \"\\q\"\n", "missing escaped value"),
            ("a = \"\\u12\"\n", "too few unicode value digits"),
            ("a = 1e5\nb = 0x1f\nc = -3:\n", "invalid datetime"),
            ("a = 2021-02-30\n", "invalid date"),
            ("a = 2021-02-03T25:00:00\n", "invalid time"),
            ("a = 01\n", "unexpected leading zero"),
            ("a = 1_\n", "`_` may only go between digits"),
            ("a = ++1\n", "redundant numeric sign"),
            ("a = -0x1\n", "integers with a radix cannot be signed"),
            ("a = 0X1F\n", "radix must be lowercase"),
            ("a = 1.\n", "invalid fraction"),
            ("a = 1e\n", "invalid exponent"),
            ("a = 1.2.3\n", "invalid float"),
            ("a = 0b2\n", "invalid binary number"),
            ("a = 0o9\n", "invalid octal number"),
            ("a = True\n", "invalid boolean"),
            ("pass =\n", "string values must be quoted"),
            ("answer = \"B\" \"C\"\n", "unexpected key or value"),
            ("a == 1\n", "extra `=`"),
            ("a\n", "key with no value"),
            ("}\n", "invalid key-value pair"),
            ("中文 = 1\n", "invalid unquoted key"),
            ("= 1\n", "unquoted keys cannot be empty"),
            ("\"\"\"k\"\"\" = 1\n", "keys cannot be multi-line"),
            (
                "a = [\"x\" \"y\"]\n",
                "missing comma between array elements",
            ),
            ("a = [1,,2]\n", "extra comma in array"),
            ("[[material]\n", "unclosed array table"),
            ("a = [1, 2\n", "unclosed array"),
            ("a = [=]\n", "unexpected `=` in array"),
            ("a = {b = 1\n", "unclosed inline table"),
            ("a = {b = 1,, c = 2}\n", "extra comma in inline table"),
            ("[campaign\nb = 1\n", "unclosed table"),
            ("]\n", "missing table open"),
            ("a = 1 # x\u{7}\n", "invalid comment character"),
            (
                "a = 1\rb = 2\n",
                "carriage return must be followed by newline",
            ),
            ("b = 0x1.f\n", "invalid hexadecimal number"),
            ("[t]\na = .x\"# c\nb = 1\n", "invalid mantissa"),
            ("b = 0x-f\n", "unexpected sign"),
            ("c = ]-3\n", "missing array opening"),
            (".b T= 'x'\n[[t]\n", "missing value for key"),
            ("0ba = [1\", {b = 2]\n", "invalid inline table element"),
            ("a = {b 1}\n", "missing assignment between key-value pairs"),
            (
                "a = {b = 1 c = 2}\n",
                "extra assignment between key-value pairs",
            ),
            (
                "a = {b = 1, c = [1, _2]+}\n",
                "missing comma between key-value pairs",
            ),
            ("a = {[1]}\n", "missing key for inline table element"),
            ("a = }\n", "missing inline table opening"),
            ("a = \"\\uD800\"\n", "invalid value"),
            ("a = 0d80\n", "redundant integer number prefix"),
        ];
        cases.push((deep.as_str(), "cannot recurse further"));
        assert_eq!(cases.len(), SYNTAX.len());
        for ((text, words), (listed, key)) in cases.iter().zip(SYNTAX) {
            assert_eq!(*words, listed);
            let Err(ParseError::Syntax { description, .. }) =
                parse::<toml::Table>(text, strings_schema)
            else {
                panic!("{text:?} parsed");
            };
            assert!(
                description.starts_with(words),
                "{text:?}: the parser now says {description:?}, not {words:?}"
            );
            assert_eq!(
                syntax_key(&description),
                Some(key),
                "{text:?}: {description}"
            );
        }
    }
}
