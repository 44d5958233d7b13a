//! The views of the quizzes and the practice section: the list of quizzes, a quiz with
//! its questions, daily practice and the practice pages; a question's prompt and answer
//! as readers see them (shared with the papers).

use serde::Serialize;

use super::index::md_block;
use super::{ChapterLink, Index, Link, Links, OfflineLink, QuizLink};
use crate::markdown;
use crate::model::{Kind, Quiz, Spanned};
use crate::rules::{blank_runs, letter};
use crate::ui::Strings;

/// The list of quizzes.
#[derive(Serialize)]
pub struct QuizzesView {
    pub quizzes: Vec<QuizLink>,
}

/// The daily practice page: the pool the script draws each day's set from.
#[derive(Serialize)]
pub struct DailyView {
    /// JSON: `[[quiz page url, [question anchor, ...]], ...]`, every question once, in
    /// bank order (the order [`crate::emit::daily::pool`] gives).
    pub pool: String,
    pub per_day: usize,
    pub seed: u32,
    /// Without scripts: the quizzes, whose answers are in their pages.
    pub quizzes: Vec<QuizLink>,
}

/// The notebook page and the practice section.
#[derive(Serialize)]
pub struct PracticeView {
    pub wrong_url: String,
    pub daily_url: String,
    /// 我的学习记录.
    pub record_url: String,
    /// 离线阅读: what is saved on the device; offline, where an unsaved page leads.
    pub saved_url: String,
    /// 支部台账: a branch secretary tallies the members' record codes.
    pub tally_url: String,
}

#[derive(Serialize)]
pub struct QuizView {
    /// The offline copy to download, on the site.
    pub offline: Option<OfflineLink>,
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub material: Option<Link>,
    pub draw: Option<i64>,
    pub pass: Option<i64>,
    pub questions: Vec<QuestionView>,
}

#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    pub anchor: String,
    /// The bank it comes from (questions of several banks share the practice pages).
    pub quiz: String,
    pub quiz_title: String,
    pub kind: &'static str,
    /// The answer for the quiz script: option indexes (`1`, `0,2,3`), `true`/`false`,
    /// or, for `fill`, a JSON list of the accepted answers of each blank.
    pub key: String,
    /// 单选题, 多选题, ...
    pub kind_label: String,
    pub prompt: String,
    /// For `fill`: a JSON list of the unit the prompt puts after each blank (`年`,
    /// or empty), for the answer rule ([`crate::answer`]); empty for other kinds.
    pub after: String,
    /// (letter, text) of each option.
    pub options: Vec<(char, String)>,
    pub answer: String,
    pub explanation: String,
    pub source: Option<ChapterLink>,
}

impl Index<'_> {
    pub fn quiz_links(&self) -> Vec<QuizLink> {
        self.project
            .quizzes
            .iter()
            .map(|q| self.quiz_link(q))
            .collect()
    }

    /// The URL of a page in the practice section (`wrong`, `daily`, `day-2021-04-08`).
    pub fn practice_url(&self, page: &str) -> String {
        self.links.page("practice", page)
    }

    pub fn practice(&self) -> PracticeView {
        PracticeView {
            wrong_url: self.practice_url("wrong"),
            daily_url: self.practice_url("daily"),
            record_url: self.practice_url("record"),
            tally_url: self.practice_url("tally"),
            saved_url: self.practice_url("saved"),
        }
    }

    pub fn daily(&self) -> DailyView {
        let pool: Vec<(String, Vec<String>)> = self
            .project
            .quizzes
            .iter()
            .map(|q| {
                let anchors = q
                    .questions
                    .iter()
                    .map(|x| question_anchor(self.links, q, x))
                    .collect();
                (self.links.page("quizzes", q.id.as_str()), anchors)
            })
            .collect();
        DailyView {
            pool: serde_json::to_string(&pool).expect("strings serialize as JSON"),
            per_day: crate::emit::daily::PER_DAY,
            seed: crate::emit::daily::SEED,
            quizzes: self.quiz_links(),
        }
    }

    pub fn quiz(&self, q: &Quiz) -> QuizView {
        QuizView {
            offline: None,
            anchor: self.links.page_anchor("quizzes", q.id.as_str()),
            id: q.id.to_string(),
            title: q.title.get_ref().clone(),
            material: q
                .material
                .as_ref()
                .and_then(|m| self.chapters.material(m.get_ref().as_str()))
                .map(|m| Link {
                    title: m.title.get_ref().clone(),
                    url: self.links.page("materials", m.id.get_ref().as_str()),
                }),
            draw: q.draw.as_ref().map(|d| *d.get_ref()),
            pass: q.pass.as_ref().map(|p| *p.get_ref()),
            questions: q
                .questions
                .iter()
                .map(|x| question_view(q, x, self))
                .collect(),
        }
    }
}

/// The id of a question in its quiz's page: `q-<id>` (prefixed in offline copies).
fn question_anchor(links: Links, quiz: &Quiz, x: &crate::model::Question) -> String {
    links.inner_anchor(quiz.id.as_str(), &format!("q-{}", x.id.get_ref()))
}

/// Placeholder for a blank while the prompt goes through Markdown (a private-use
/// character, so `__` is not read as emphasis).
const BLANK: char = '\u{E000}';

/// A fill prompt as HTML, each blank (`__`, `＿＿`) written as `blank_html`.
pub fn prompt_with_blanks(src: &str, blank_html: &str) -> String {
    let mut text = String::with_capacity(src.len());
    let mut last = 0;
    for run in blank_runs(src) {
        text.push_str(&src[last..run.start].replace(BLANK, ""));
        text.push(BLANK);
        last = run.end;
    }
    text.push_str(&src[last..].replace(BLANK, ""));
    markdown::block(&text).replace(BLANK, blank_html)
}

/// The answer as readers see it: the letters of the right options (`shown` gives the
/// letter of an option by its index in the bank), 正确/错误, or the fill answers with
/// their alternatives.
pub fn answer_text(kind: &Kind, shown: impl Fn(usize) -> char, strings: &Strings) -> String {
    let s = |k: &str| strings.text(k);
    match kind {
        Kind::Single { answer, .. } => shown(*answer.get_ref()).to_string(),
        Kind::Multiple { answer, .. } => {
            let mut letters: Vec<char> = answer.get_ref().iter().map(|&i| shown(i)).collect();
            letters.sort_unstable();
            letters.into_iter().collect()
        }
        Kind::Truefalse { answer } => s(if *answer { "true" } else { "false" }),
        Kind::Fill { answer } => answer
            .get_ref()
            .iter()
            .map(|alts| alts.join(&s("or")))
            .collect::<Vec<_>>()
            .join(&s("blank_separator")),
    }
}

fn question_view(quiz: &Quiz, x: &crate::model::Question, index: &Index) -> QuestionView {
    let strings = &index.project.strings;
    let s = |k: &str| strings.text(k);
    let lettered = |options: &Spanned<Vec<Spanned<String>>>| -> Vec<(char, String)> {
        options
            .get_ref()
            .iter()
            .enumerate()
            .map(|(i, o)| (letter(i), o.get_ref().clone()))
            .collect()
    };
    let key = match &x.kind {
        Kind::Single { answer, .. } => answer.get_ref().to_string(),
        Kind::Multiple { answer, .. } => {
            let mut idx = answer.get_ref().clone();
            idx.sort_unstable();
            idx.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }
        Kind::Truefalse { answer } => answer.to_string(),
        Kind::Fill { answer } => {
            serde_json::to_string(answer.get_ref()).expect("strings serialize as JSON")
        }
    };
    let options: Vec<(char, String)> = match &x.kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => lettered(options),
        _ => Vec::new(),
    };
    let answer = answer_text(&x.kind, letter, strings);
    let (prompt, after) = if matches!(x.kind, Kind::Fill { .. }) {
        // A gap in the sentence, named for those who do not see it.
        let gap = format!(
            "<span class=\"gap\"><span class=\"vh\">{}</span></span>",
            s("gap")
        );
        let src = &x.prompt.get_ref().0;
        // What follows each blank, for the unit a reader may write with a number.
        let after: Vec<String> = blank_runs(src)
            .iter()
            .map(|run| crate::answer::unit_after(&src[run.end..]))
            .collect();
        let after = serde_json::to_string(&after).expect("strings serialize as JSON");
        (prompt_with_blanks(src, &gap), after)
    } else {
        (markdown::block(&x.prompt.get_ref().0), String::new())
    };
    QuestionView {
        anchor: question_anchor(index.links, quiz, x),
        id: x.id.get_ref().to_string(),
        quiz: quiz.id.to_string(),
        quiz_title: quiz.title.get_ref().clone(),
        key,
        kind: x.kind.name(),
        kind_label: s(&format!("kind_{}", x.kind.name())),
        prompt,
        after,
        options,
        answer,
        explanation: md_block(&x.explanation),
        source: x.source.as_ref().map(|r| index.chapter_link(r.get_ref())),
    }
}
