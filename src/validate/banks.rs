//! The question banks: draw and pass in range, question ids unique, the options and
//! answer of each question (by the rules of `crate::rules`), fill-in blanks and their
//! alternatives, and the warnings (no explanation, the same prompt twice).

use std::collections::HashMap;

use super::{Chapters, Validator, list};
use crate::diag::{Diagnostic, FileId};
use crate::model::{Kind, Quiz, Slug, Spanned};
use crate::rules::{
    AltProblem, BlanksProblem, OPTIONS, OptionProblem, QuestionType, alternative_problems,
    blanks_problem, letter, lettered, option_problems, past_options,
};

/// How many questions an attempt may draw from a bank of `n` (`draw`).
pub(crate) fn draws(n: usize) -> std::ops::RangeInclusive<i64> {
    1..=n as i64
}

/// The pass marks there are (`pass`, `--pass`), in percent.
pub const PASS_MARKS: std::ops::RangeInclusive<i64> = 1..=100;

impl Validator {
    pub(super) fn quiz(&mut self, file: FileId, q: &Quiz, materials: Option<&Chapters>) {
        self.not_empty(file, &m!("noun.quiz-title"), &q.title);
        let n = q.questions.len();
        if n == 0 {
            self.push(
                Diagnostic::error(file, q.title.span(), m!("bank.empty"))
                    .label(m!("bank.empty.label")),
            );
        }
        if let Some(d) = &q.draw
            && !draws(n).contains(d.get_ref())
        {
            self.push(
                Diagnostic::error(file, d.span(), m!("draw.bad", draw = d.get_ref(), n = n))
                    .label(m!("draw.bad.label", n = n)),
            );
        }
        if let Some(p) = &q.pass
            && !PASS_MARKS.contains(p.get_ref())
        {
            self.push(
                Diagnostic::error(file, p.span(), m!("pass.bad", pass = p.get_ref()))
                    .label(m!("pass.bad.label")),
            );
        }
        self.unique(
            file,
            &m!("noun.question"),
            q.questions.iter().map(|x| &x.id),
        );
        if let Some(materials) = materials {
            if let Some(m) = &q.material {
                let known: Vec<&str> = materials.keys().copied().collect();
                self.resolve(file, &m!("noun.material"), m, &known);
            }
            for question in &q.questions {
                if let Some(s) = &question.source {
                    self.chapter_ref(file, s, materials);
                }
            }
        }
        for question in &q.questions {
            self.question(file, question);
        }
        self.explanations(file, q);
        self.same_prompts(file, q);
    }

    /// One warning per bank naming the questions without an explanation.
    fn explanations(&mut self, file: FileId, q: &Quiz) {
        let missing: Vec<&Spanned<Slug>> = q
            .questions
            .iter()
            .filter(|x| x.explanation.as_ref().is_none_or(|e| e.0.trim().is_empty()))
            .map(|x| &x.id)
            .collect();
        if let Some(first) = missing.first() {
            let n = missing.len();
            let ids: Vec<&str> = missing.iter().map(|id| id.get_ref().as_str()).collect();
            self.push(
                Diagnostic::warning(
                    file,
                    first.span(),
                    m!("explanation.missing", n = n, ids = list(&ids)),
                )
                .label(m!("explanation.missing.label"))
                .note(m!("explanation.missing.note")),
            );
        }
    }

    /// Warns about two questions of one bank with the same prompt.
    fn same_prompts(&mut self, file: FileId, q: &Quiz) {
        let mut seen: HashMap<String, &crate::model::Question> =
            HashMap::with_capacity(q.questions.len());
        for x in &q.questions {
            let text: String = x.prompt.get_ref().0.split_whitespace().collect();
            if text.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(&text) {
                self.push(
                    Diagnostic::warning(
                        file,
                        x.prompt.span(),
                        m!("prompt.same", a = first.id.get_ref(), b = x.id.get_ref()),
                    )
                    .label(m!("prompt.same.label"))
                    .also(file, first.prompt.span(), m!("dup.first")),
                );
            } else {
                seen.insert(text, x);
            }
        }
    }

    fn question(&mut self, file: FileId, q: &crate::model::Question) {
        let prompt = &q.prompt;
        if prompt.get_ref().0.trim().is_empty() {
            self.push(
                Diagnostic::error(file, prompt.span(), m!("prompt.empty"))
                    .label(m!("prompt.empty.label")),
            );
        }
        match &q.kind {
            Kind::Single { options, answer } => {
                self.options(file, q.kind.question_type(), options);
                self.letters_in_range(
                    file,
                    options.get_ref().len(),
                    answer.span(),
                    &[*answer.get_ref()],
                );
            }
            Kind::Multiple { options, answer } => {
                self.options(file, q.kind.question_type(), options);
                self.letters_in_range(
                    file,
                    options.get_ref().len(),
                    answer.span(),
                    answer.get_ref(),
                );
            }
            Kind::Truefalse { .. } => {}
            Kind::Fill { answer } => {
                match blanks_problem(&prompt.get_ref().0, answer.get_ref().len()) {
                    Some(BlanksProblem::NoBlank) => self.push(
                        Diagnostic::error(file, prompt.span(), m!("fill.noblank"))
                            .label(m!("fill.noblank.label")),
                    ),
                    Some(BlanksProblem::Count { blanks, answers }) => self.push(
                        Diagnostic::error(
                            file,
                            answer.span(),
                            m!("fill.count", blanks = blanks, answers = answers),
                        )
                        .label(m!("fill.count.label", blanks = blanks))
                        .also(file, prompt.span(), m!("fill.count.prompt")),
                    ),
                    None => {}
                }
                self.fill_alternatives(file, answer.span(), answer.get_ref());
            }
        }
    }

    /// Each accepted answer as the reader's answer is compared with it (see
    /// [`alternative_problems`]): one that is only spaces and punctuation would accept an
    /// empty answer; two alternatives that compare the same are one.
    fn fill_alternatives(
        &mut self,
        file: FileId,
        span: crate::model::Span,
        answers: &[Vec<String>],
    ) {
        for (n, alts) in answers.iter().enumerate() {
            for problem in alternative_problems(alts) {
                self.push(match problem {
                    AltProblem::Nothing(i) => Diagnostic::error(
                        file,
                        span.clone(),
                        m!("fill.alt-nothing", n = n + 1, alt = alts[i]),
                    )
                    .label(m!("fill.alt-nothing.label")),
                    AltProblem::Same { first, again } => Diagnostic::warning(
                        file,
                        span.clone(),
                        m!("fill.alt-same", n = n + 1, a = alts[first], b = alts[again]),
                    )
                    .label(m!("fill.alt-same.label")),
                });
            }
        }
    }

    fn options(
        &mut self,
        file: FileId,
        kind: QuestionType,
        options: &Spanned<Vec<Spanned<String>>>,
    ) {
        let texts: Vec<&str> = options
            .get_ref()
            .iter()
            .map(|o| o.get_ref().as_str())
            .collect();
        let span = |i: usize| options.get_ref()[i].span();
        let diagnostic = |problem| match problem {
            OptionProblem::Count(n) => Diagnostic::error(
                file,
                options.span(),
                m!("options.count", kind = kind.name(), n = n),
            )
            .label(m!(
                "options.count.label",
                min = OPTIONS.start(),
                max = OPTIONS.end()
            )),
            OptionProblem::Empty(i) => {
                Diagnostic::error(file, span(i), m!("option.empty", x = option_name(i)))
                    .label(m!("option.empty.label"))
            }
            OptionProblem::Same { first, again } => Diagnostic::error(
                file,
                span(again),
                m!(
                    "option.same",
                    a = option_name(first),
                    b = option_name(again),
                    text = texts[again].trim()
                ),
            )
            .label(m!("option.same.label")),
        };
        let (count, each): (Vec<_>, Vec<_>) = option_problems(&texts)
            .into_iter()
            .partition(|p| matches!(p, OptionProblem::Count(_)));
        for p in count {
            self.push(diagnostic(p));
        }
        // Options written with their letters (`"A. 北京"`, `"B、上海"`) would show as
        // "A. B、上海" once shuffled: when every option starts with its own letter, the
        // first is reported (stripped, it is the text the author meant).
        if lettered(&texts)
            && let Some(first) = options.get_ref().first()
        {
            self.push(
                Diagnostic::error(
                    file,
                    first.span(),
                    m!("options.lettered", text = first.get_ref().trim()),
                )
                .label(m!(
                    "options.lettered.label",
                    fixed = crate::rules::strip_letter(first.get_ref(), Some('A'))
                ))
                .note(m!("options.lettered.note")),
            );
        }
        for p in each {
            self.push(diagnostic(p));
        }
    }

    fn letters_in_range(
        &mut self,
        file: FileId,
        n: usize,
        span: std::ops::Range<usize>,
        answer: &[usize],
    ) {
        for i in past_options(answer, n) {
            self.push(
                Diagnostic::error(file, span.clone(), m!("answer.range", x = option_name(i)))
                    .label(m!("answer.range.label", n = n, last = option_name(n - 1))),
            );
        }
    }
}

/// An option by its letter, or by its number past the last letter there is.
fn option_name(i: usize) -> String {
    if i < *OPTIONS.end() {
        letter(i).to_string()
    } else {
        m!("option.number", n = i + 1)
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::{CATALOGUE, QUIZ, errors, quiz, warnings};

    #[test]
    fn missing_explanations_warn_once_per_bank() {
        let q = QUIZ
            .replace("explanation = \"在上海开幕。\"\n", "")
            .replace("explanation = \"1921年。\"\n", "");
        assert_eq!(errors(CATALOGUE, &q), Vec::<String>::new());
        assert_eq!(
            warnings(CATALOGUE, &q),
            ["2 questions without an explanation: `q1`, `q2`"]
        );
    }

    #[test]
    fn same_prompt_warns() {
        let q = quiz(
            "prompt = \"成立于____年\"",
            "prompt = \" 一大在哪里开幕？ \"",
        );
        let q = q.replacen(
            "type = \"fill\"",
            "type = \"single\"\noptions = [\"a\", \"b\"]",
            1,
        );
        let q = q.replacen("answer = [\"1921\"]", "answer = \"A\"", 1);
        assert_eq!(errors(CATALOGUE, &q), Vec::<String>::new());
        assert!(
            warnings(CATALOGUE, &q)
                .contains(&"questions `q1` and `q2` have the same prompt".to_string())
        );
    }

    #[test]
    fn duplicate_question() {
        assert_eq!(
            errors(CATALOGUE, &quiz("id = \"q2\"", "id = \"q1\"")),
            ["duplicate question id `q1`"]
        );
    }

    #[test]
    fn unknown_quiz_material_and_source() {
        let q = quiz("material = \"jianshi\"", "material = \"jianshu\"");
        assert_eq!(errors(CATALOGUE, &q), ["unknown material `jianshu`"]);
        let q = quiz("source = \"jianshi/ch01\"", "source = \"jianshi/ch09\"");
        assert_eq!(
            errors(CATALOGUE, &q),
            ["material `jianshi` has no chapter `ch09`"]
        );
    }

    #[test]
    fn single_answer_out_of_range() {
        assert_eq!(
            errors(CATALOGUE, &quiz("answer = \"B\"", "answer = \"C\"")),
            ["answer `C` is not one of the options"]
        );
    }

    #[test]
    fn multiple_answer_out_of_range() {
        let q = quiz("type = \"single\"", "type = \"multiple\"");
        let q = q.replacen("answer = \"B\"", "answer = \"ABD\"", 1);
        assert_eq!(
            errors(CATALOGUE, &q),
            ["answer `D` is not one of the options"]
        );
    }

    #[test]
    fn too_few_options() {
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("options = [\"北京\", \"上海\"]", "options = [\"上海\"]")
            ),
            [
                "a `single` question has 1 option",
                "answer `B` is not one of the options"
            ]
        );
    }

    #[test]
    fn too_many_options() {
        let nine = "options = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]";
        assert_eq!(
            errors(CATALOGUE, &quiz("options = [\"北京\", \"上海\"]", nine)),
            ["a `single` question has 9 options"]
        );
    }

    #[test]
    fn empty_and_duplicate_options() {
        let q = quiz(
            "options = [\"北京\", \"上海\"]",
            "options = [\"北京\", \" \", \"北京\"]",
        );
        assert_eq!(
            errors(CATALOGUE, &q),
            [
                "option `B` is empty",
                "options `A` and `C` are the same: `北京`"
            ]
        );
    }

    #[test]
    fn fill_blanks_must_match_answers() {
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("answer = [\"1921\"]", "answer = [\"1921\", \"7\"]")
            ),
            ["the prompt has 1 blank but the answer gives 2"]
        );
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("prompt = \"成立于____年\"", "prompt = \"成立于哪一年\"")
            ),
            ["a `fill` prompt has no blank"]
        );
    }

    /// An accepted answer that the matcher reduces to nothing is refused; two that it
    /// reduces to the same thing are one, with a warning.
    #[test]
    fn fill_alternatives_as_the_matcher_sees_them() {
        assert_eq!(
            errors(CATALOGUE, &quiz("answer = [\"1921\"]", "answer = [\"……\"]")),
            [
                "blank 1's accepted answer `……` is only spaces and punctuation: answers are compared without them, so it would accept an empty answer"
            ]
        );
        assert_eq!(
            warnings(
                CATALOGUE,
                &quiz("answer = [\"1921\"]", "answer = [\"1921|１９２１|1921。\"]")
            ),
            [
                "blank 1's answers `1921` and `１９２１` are the same to the matcher: it ignores full and half width, case, spaces and punctuation",
                "blank 1's answers `1921` and `1921。` are the same to the matcher: it ignores full and half width, case, spaces and punctuation"
            ]
        );
    }

    #[test]
    fn draw_and_pass_in_range() {
        let q = quiz(
            "material = \"jianshi\"",
            "material = \"jianshi\"\ndraw = 3\npass = 0",
        );
        assert_eq!(
            errors(CATALOGUE, &q),
            ["`draw` is 3, but the bank has 2 questions", "`pass` is 0"]
        );
        let q = quiz(
            "material = \"jianshi\"",
            "material = \"jianshi\"\ndraw = 2\npass = 100",
        );
        assert_eq!(errors(CATALOGUE, &q), Vec::<String>::new());
    }

    #[test]
    fn empty_bank() {
        assert_eq!(
            errors(CATALOGUE, "title = \"空\"\n"),
            ["this bank has no questions"]
        );
    }

    #[test]
    fn empty_prompt() {
        assert_eq!(
            errors(
                CATALOGUE,
                &quiz("prompt = \"一大在哪里开幕？\"", "prompt = \"\"")
            ),
            ["the prompt is empty"]
        );
    }
}
