//! A bank as written (`RawBank`, whose schema editors read) -> the model's [`Quiz`]:
//! each question typed by its `type`, by the rules of `crate::rules`.

use serde::Deserialize;

use super::parse::describe;
use crate::diag::{Diagnostic, FileId};
use crate::model::{ChapterRef, Markdown, Points, Question, Quiz, Slug, Spanned};
use crate::rules::{FormProblem, LettersError, QuestionType};

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
    pub(super) fn into_quiz(
        self,
        id: Slug,
        rel: String,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Quiz {
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
}
