//! A file's text -> its TOML tree -> the model; when the model does not come, why, in
//! the author's words: a syntax mistake (`syntax.rs`), a clerk's slip (`clerk.rs`), a
//! value that does not fit the model's schema (`shape.rs`).

use serde::Deserialize;

use super::{clerk, resync, shape, syntax::syntax};
use crate::diag::{Diagnostic, FileId, did_you_mean};
use crate::model::Span;

/// Why a file's TOML did not give the model.
pub(super) enum ParseError {
    /// The text is not TOML: every mistake the parser found in it (see [`resync`]),
    /// each with its description and place.
    Syntax(Vec<resync::Mistake>),
    /// The TOML does not fit the model: what does not fit (`None`: one of the model's
    /// own checks said no, in `message`, which is then ours) and where.
    Shape {
        misfit: Option<shape::Misfit>,
        message: String,
        span: Span,
    },
}

impl ParseError {
    /// The text's mistakes in the author's words: one for a value that does not fit,
    /// every syntax mistake (at most a screenful) for a text that is not TOML.
    pub(super) fn into_diagnostics(self, file: FileId, source: &str) -> Vec<Diagnostic> {
        match self {
            ParseError::Syntax(mistakes) => {
                let mut out: Vec<Diagnostic> = Vec::new();
                for m in mistakes {
                    let seen = m.seen.as_deref().unwrap_or(source);
                    let d = syntax_diagnostic(file, seen, &m.description, m.span);
                    if !out
                        .iter()
                        .any(|o| o.place == d.place && o.message == d.message)
                    {
                        out.push(d);
                    }
                }
                out
            }
            shape => vec![shape.shape_diagnostic(file, source)],
        }
    }

    fn shape_diagnostic(self, file: FileId, source: &str) -> Diagnostic {
        let ParseError::Shape {
            misfit,
            message,
            span,
        } = self
        else {
            unreachable!("a syntax mistake is told by syntax_diagnostic")
        };
        if let Some((span, message, label)) = clerk::mistake(source, span.start, false) {
            return Diagnostic::error(file, span, message).label(label);
        }
        let Some(misfit) = misfit else {
            return Diagnostic::error(file, span, message);
        };
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
}

/// A syntax mistake (`description` at `span`, in the text `source` the parser saw) in
/// the author's words: a text of several lines left open above, a clerk's slip, or the
/// parser's own description put in ours.
fn syntax_diagnostic(file: FileId, source: &str, description: &str, span: Span) -> Diagnostic {
    match resync::told(source, &span) {
        Some((at, None)) => Diagnostic::error(file, at, m!("toml.unclosed-lines"))
            .label(m!("toml.unclosed-lines.label")),
        Some((at, Some((message, label)))) => Diagnostic::error(file, at, message).label(label),
        None => syntax(file, span, description),
    }
}

/// Parses `text` into its tree (every key and value with its place), then the model
/// from the tree. When the model does not come, the tree and the model's `schema` tell
/// why (see [`shape`]). The tree is given to the model whole, so on that path only it
/// is parsed again (a clone would cost every clean file a sixth more memory).
pub(super) fn parse<T: for<'de> Deserialize<'de>>(
    text: &str,
    schema: fn() -> serde_json::Value,
) -> Result<T, ParseError> {
    let tree = toml::de::DeTable::parse(text).map_err(|e| syntax_error(text, &e))?;
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

/// Every syntax mistake of `text`, which the parser found not to be TOML (`e`: the
/// mistake it tells first, when [`resync`] finds none).
pub(super) fn syntax_error(text: &str, e: &toml::de::Error) -> ParseError {
    let mut mistakes = resync::mistakes(text);
    if mistakes.is_empty() {
        mistakes.push(resync::Mistake {
            description: e.message().trim().to_string(),
            span: e.span().unwrap_or(0..0),
            seen: None,
        });
    }
    ParseError::Syntax(mistakes)
}

/// The schema of `T`, for [`parse`].
pub(super) fn schema_of<T: schemars::JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
}

/// The schema of `strings.toml`: any key, a text each.
pub(super) fn strings_schema() -> serde_json::Value {
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
pub(super) fn describe(v: &toml::Value) -> String {
    found_name(&shape::Found::of(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::RawBank;

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
            let d = e.into_diagnostics(file, files.source(file)).remove(0);
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
}
