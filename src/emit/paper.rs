//! Printable quiz papers (试卷) for meetings: A4 HTML with an answer key per variant.
//!
//! In: a checked bank, how many questions, how many variants and a seed. Out: one HTML
//! document: for each variant a paper (header with name, branch, date and score fields;
//! the questions drawn and ordered with a ChaCha generator, options shuffled too) and
//! its answer key on a page of its own. The same seed gives the same bytes; the seed is
//! printed on the paper so it can be printed again. No script; the style is inline
//! under a hash-based Content-Security-Policy.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::view::{answer_text, document_env, prompt_with_blanks};
use crate::markdown;
use crate::model::{Kind, Quiz, letter};

/// The seed when none is given (printed on the paper all the same).
pub const DEFAULT_SEED: u64 = 2021;

/// Options at most this long (in characters) are set in two columns.
const SHORT_OPTION: usize = 14;

const TEMPLATE: &str = include_str!("views/paper.html");
const STYLE: &str = include_str!("views/paper.css");

/// One question as it appears on a paper.
#[derive(Debug, Clone, Serialize)]
pub struct PaperQuestion {
    /// Index of the question in the bank.
    pub index: usize,
    pub kind: &'static str,
    pub kind_label: String,
    pub prompt: String,
    /// Option texts in the order printed (A, B, ...).
    pub options: Vec<String>,
    /// For each printed option, its index in the bank.
    pub order: Vec<usize>,
    pub two_columns: bool,
    /// The answer as printed in the key: letters of the printed options, 正确/错误, or
    /// the fill answers.
    pub key: String,
    pub source: String,
}

/// One variant: a paper and its key.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// A, B, C, ...
    pub name: char,
    pub questions: Vec<PaperQuestion>,
}

/// Draws `count` questions for each of `variants` variants.
pub fn variants(quiz: &Quiz, count: usize, variants: usize, seed: u64) -> Vec<Variant> {
    let s = super::view::text;
    let count = count.min(quiz.questions.len());
    (0..variants)
        .map(|v| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(v as u64);
            let mut picked: Vec<usize> = (0..quiz.questions.len()).collect();
            picked.shuffle(&mut rng);
            picked.truncate(count);
            let questions = picked
                .into_iter()
                .map(|index| {
                    let q = &quiz.questions[index];
                    let mut order: Vec<usize> = match &q.kind {
                        Kind::Single { options, .. } | Kind::Multiple { options, .. } => {
                            (0..options.get_ref().len()).collect()
                        }
                        _ => Vec::new(),
                    };
                    order.shuffle(&mut rng);
                    let shown = |i: usize| letter(order.iter().position(|&o| o == i).unwrap_or(0));
                    let options: Vec<String> = match &q.kind {
                        Kind::Single { options, .. } | Kind::Multiple { options, .. } => order
                            .iter()
                            .map(|&i| options.get_ref()[i].get_ref().clone())
                            .collect(),
                        _ => Vec::new(),
                    };
                    let key = answer_text(&q.kind, shown);
                    let two_columns = !options.is_empty()
                        && options.iter().all(|o| o.chars().count() <= SHORT_OPTION);
                    PaperQuestion {
                        index,
                        kind: q.kind.name(),
                        kind_label: s(&format!("kind_{}", q.kind.name())),
                        prompt: prompt_html(
                            &q.prompt.get_ref().0,
                            matches!(q.kind, Kind::Fill { .. }),
                        ),
                        options,
                        order,
                        two_columns,
                        key,
                        source: q
                            .source
                            .as_ref()
                            .map(|r| r.get_ref().to_string())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            Variant {
                name: letter(v),
                questions,
            }
        })
        .collect()
}

/// The prompt as HTML; on paper a blank is a line to write on.
fn prompt_html(src: &str, fill: bool) -> String {
    if fill {
        prompt_with_blanks(src, "<span class=\"line\"></span>")
    } else {
        markdown::block(src)
    }
}

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    campaign: &'a str,
    csp: String,
    style: &'static str,
    seed: u64,
    count: usize,
    variants: &'a [Variant],
}

/// The HTML document with every variant and its key.
pub fn render(
    campaign: &str,
    quiz: &Quiz,
    variants: &[Variant],
    seed: u64,
) -> Result<String, String> {
    let env = document_env("paper.html", TEMPLATE);
    let csp = format!(
        "default-src 'none'; style-src {}; base-uri 'none'; form-action 'none'",
        super::offline::csp_hash(STYLE)
    );
    let doc = Doc {
        title: quiz.title.get_ref(),
        campaign,
        csp,
        style: STYLE,
        seed,
        count: variants.first().map_or(0, |v| v.questions.len()),
        variants,
    };
    env.get_template("paper.html")
        .and_then(|t| t.render(minijinja::value::Serde(&doc)))
        .map_err(|e| format!("{e:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> Quiz {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root);
        let project = checked.project.unwrap();
        project
            .quizzes
            .into_iter()
            .find(|q| q.id.as_str() == "jianshi-ch01")
            .unwrap()
    }

    #[test]
    fn same_seed_same_paper_other_variants_differ() {
        let q = bank();
        let a = render("c", &q, &variants(&q, 10, 3, 7), 7).unwrap();
        let b = render("c", &q, &variants(&q, 10, 3, 7), 7).unwrap();
        assert_eq!(a, b);
        let c = render("c", &q, &variants(&q, 10, 3, 8), 8).unwrap();
        assert_ne!(a, c);
        let v = variants(&q, 10, 3, 7);
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|x| x.questions.len() == 10));
        let ids = |x: &Variant| x.questions.iter().map(|q| q.index).collect::<Vec<_>>();
        assert_ne!(ids(&v[0]), ids(&v[1]));
        assert_ne!(ids(&v[1]), ids(&v[2]));
        assert!(a.contains("种子 7"), "the seed is printed");
    }

    #[test]
    fn every_key_matches_its_paper() {
        let q = bank();
        for v in variants(&q, 17, 4, DEFAULT_SEED) {
            for pq in &v.questions {
                let original = &q.questions[pq.index];
                match &original.kind {
                    Kind::Single { options, answer } => {
                        let shown = (pq.key.as_bytes()[0] - b'A') as usize;
                        assert_eq!(
                            &pq.options[shown],
                            options.get_ref()[*answer.get_ref()].get_ref()
                        );
                    }
                    Kind::Multiple { options, answer } => {
                        let mut want: Vec<&String> = answer
                            .get_ref()
                            .iter()
                            .map(|&i| options.get_ref()[i].get_ref())
                            .collect();
                        let mut got: Vec<&String> = pq
                            .key
                            .bytes()
                            .map(|b| &pq.options[(b - b'A') as usize])
                            .collect();
                        want.sort();
                        got.sort();
                        assert_eq!(got, want);
                    }
                    Kind::Truefalse { answer } => {
                        assert_eq!(pq.key, if *answer { "正确" } else { "错误" })
                    }
                    Kind::Fill { answer } => assert!(pq.key.starts_with(&answer.get_ref()[0][0])),
                }
            }
        }
    }

    #[test]
    fn count_is_capped_and_blanks_are_lines() {
        let q = bank();
        let v = variants(&q, 100, 1, 1);
        assert_eq!(v[0].questions.len(), q.questions.len());
        let fill = v[0].questions.iter().find(|x| x.kind == "fill").unwrap();
        assert!(fill.prompt.contains("<span class=\"line\"></span>"));
    }
}
