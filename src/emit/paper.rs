//! Printable quiz papers (试卷) as offices print them: A4 HTML, a candidate's copy and
//! an answer key per variant.
//!
//! In: a checked bank, how many questions (in all, or per type), how many variants, a
//! seed, the points per type (else the bank's `points`), the time allowed. Out: for each
//! variant, a paper (title; 姓名/单位/得分; a score table; the questions grouped by type
//! under numbered headings 一、单选题 … with points per question, per section and in
//! all) and its key (answers by section and number, explanations if asked, and the seed
//! to print the same paper again). Every variant has as many questions of each type as
//! the others. The questions are drawn and ordered with a ChaCha generator, options
//! shuffled too: the same seed gives the same bytes. No script; the style is inline
//! under a hash-based Content-Security-Policy.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::view::{answer_text, document_env, prompt_with_blanks};
use crate::markdown;
use crate::model::{Kind, Points, Quiz};
use crate::rules::{QuestionType, blank_runs, blanks_from_brackets, letter};
use crate::ui::Strings;

/// The seed when none is given (printed on the key all the same).
pub const DEFAULT_SEED: u64 = 2021;

/// Section numbers.
const NUMBERS: [&str; 4] = ["一", "二", "三", "四"];

const PAPER: &str = include_str!("views/paper.html");
const KEY: &str = include_str!("views/paper-key.html");
const STYLE: &str = include_str!("views/paper.css");

/// Why `xuexi paper` printed nothing.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// No bank has the id asked for; `hint` names the likely one or those there are.
    #[error("{}", m!("paper.no-quiz", id = .id, hint = .hint))]
    NoQuiz { id: String, hint: String },
    /// `--count` asks for no question at all.
    #[error("{}", m!("paper.count-zero"))]
    CountZero,
    /// `--count` or `--points` is not a number nor `type=value,...` with known types.
    #[error("{}", m!("paper.bad-per-kind", s = .given))]
    BadPerKind {
        /// The value as given.
        given: String,
    },
    /// `--count` asks for more questions than the bank has.
    #[error("{}", m!("paper.too-many", k = .asked, n = .have))]
    TooMany { asked: usize, have: usize },
    /// `--count` asks for more questions of one type than the bank has.
    #[error("{}", m!("paper.too-many-of", kind = .kind.label(), k = .asked, n = .have))]
    TooManyOf {
        kind: QuestionType,
        asked: usize,
        have: usize,
    },
    /// Some questions drawn have points and some have none, so the total would be wrong.
    #[error("{}", msg::points_missing(*.count, .first, .kinds))]
    PointsMissing {
        /// How many questions drawn have none.
        count: usize,
        /// The id of the first of them.
        first: String,
        /// Their types, in the order of [`QuestionType::ALL`].
        kinds: Vec<QuestionType>,
    },
    /// A paper's or a key's layout did not render (a fault in xuexi itself).
    #[error("{source:#}")]
    Layout {
        /// `paper.html` or `paper-key.html`.
        name: &'static str,
        #[source]
        source: minijinja::Error,
    },
    /// The papers could not be written into `path`.
    #[error("{}", m!("write.io", path = .path.display(), e = crate::i18n::Io(.source)))]
    CannotWrite {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// How many questions a paper has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    /// Every question of the bank.
    All,
    /// This many, shared among the types as the bank's questions are.
    Total(usize),
    /// This many of each type (in the order of [`QuestionType::ALL`]).
    PerKind([usize; 4]),
}

/// Reads `--count`: `20`, or `single=10,multiple=5,truefalse=5` (单选=10 works too).
pub fn parse_count(s: &str) -> Result<Count, PaperError> {
    if let Ok(n) = s.trim().parse::<usize>() {
        return if n == 0 {
            Err(PaperError::CountZero)
        } else {
            Ok(Count::Total(n))
        };
    }
    let mut per = [0usize; 4];
    for (k, v) in per_kind(s)? {
        per[k] = v.parse().map_err(|_| bad_per_kind(s))?;
    }
    Ok(Count::PerKind(per))
}

/// Reads `--points`: `single=2,multiple=3,truefalse=1,fill=2` (单选=2 works too).
pub fn parse_points(s: &str) -> Result<[Option<Points>; 4], PaperError> {
    let mut per = [None; 4];
    for (k, v) in per_kind(s)? {
        let p = v
            .parse::<f64>()
            .ok()
            .and_then(|x| Points::try_from(x).ok())
            .ok_or_else(|| bad_per_kind(s))?;
        per[k] = Some(p);
    }
    Ok(per)
}

/// `a=1,b=2` with each key a type -> (index in [`QuestionType::ALL`], value).
fn per_kind(s: &str) -> Result<Vec<(usize, String)>, PaperError> {
    s.split([',', '，'])
        .filter(|p| !p.trim().is_empty())
        .map(|part| {
            let (k, v) = part
                .split_once(['=', '：', ':'])
                .ok_or_else(|| bad_per_kind(s))?;
            let kind = crate::rules::type_named(k)
                .and_then(crate::rules::TypeName::question_type)
                .ok_or_else(|| bad_per_kind(s))?;
            Ok((kind.index(), v.trim().to_string()))
        })
        .collect()
}

fn bad_per_kind(given: &str) -> PaperError {
    PaperError::BadPerKind {
        given: given.to_string(),
    }
}

fn kind_index(k: &Kind) -> usize {
    k.question_type().index()
}

/// How many questions of each type a paper draws.
pub fn counts(quiz: &Quiz, count: &Count) -> Result<[usize; 4], PaperError> {
    let mut have = [0usize; 4];
    for q in &quiz.questions {
        have[kind_index(&q.kind)] += 1;
    }
    let total: usize = have.iter().sum();
    match count {
        Count::All => Ok(have),
        Count::Total(k) if *k > total => Err(PaperError::TooMany {
            asked: *k,
            have: total,
        }),
        Count::Total(k) => {
            // Every type the bank has gets one question when there are enough to go
            // round (a paper is not silently without its 判断题); the rest are shared as
            // the bank's questions are (largest remainders; ties by type order).
            let present = have.iter().filter(|&&n| n > 0).count();
            let first = usize::from(*k >= present);
            let mut out = have.map(|n| first.min(n));
            let left: [usize; 4] = std::array::from_fn(|i| have[i] - out[i]);
            let want = *k;
            let (k, total) = (want - out.iter().sum::<usize>(), left.iter().sum::<usize>());
            let mut rest: Vec<(usize, usize)> = Vec::new();
            for i in 0..4 {
                if let Some(share) = (left[i] * k).checked_div(total) {
                    out[i] += share;
                    rest.push((left[i] * k % total, i));
                }
            }
            rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let short = want - out.iter().sum::<usize>();
            for &(_, i) in rest.iter().take(short) {
                out[i] += 1;
            }
            Ok(out)
        }
        Count::PerKind(per) => {
            for i in 0..4 {
                if per[i] > have[i] {
                    return Err(PaperError::TooManyOf {
                        kind: QuestionType::ALL[i],
                        asked: per[i],
                        have: have[i],
                    });
                }
            }
            if per.iter().sum::<usize>() == 0 {
                return Err(PaperError::CountZero);
            }
            Ok(*per)
        }
    }
}

/// Each question's points in hundredths: from `given` for its type, else its own
/// `points`; `None` when no question drawn has any. Some with and some without is an
/// error: a paper's total would be wrong.
pub fn points(
    quiz: &Quiz,
    counts: &[usize; 4],
    given: &[Option<Points>; 4],
) -> Result<Option<Vec<u64>>, PaperError> {
    let each: Vec<Option<u64>> = quiz
        .questions
        .iter()
        .map(|q| {
            given[kind_index(&q.kind)]
                .or(q.points)
                .map(|p| (p.0 * 100.0).round() as u64)
        })
        .collect();
    let drawn = |i: usize| counts[kind_index(&quiz.questions[i].kind)] > 0;
    let missing: Vec<usize> = (0..each.len())
        .filter(|&i| drawn(i) && each[i].is_none())
        .collect();
    if missing.len() == (0..each.len()).filter(|&i| drawn(i)).count() {
        return Ok(None);
    }
    if let Some(&first) = missing.first() {
        let kinds: Vec<QuestionType> = QuestionType::ALL
            .into_iter()
            .filter(|&k| {
                missing
                    .iter()
                    .any(|&i| quiz.questions[i].kind.question_type() == k)
            })
            .collect();
        return Err(PaperError::PointsMissing {
            count: missing.len(),
            first: quiz.questions[first].id.get_ref().to_string(),
            kinds,
        });
    }
    Ok(Some(
        each.into_iter().map(Option::unwrap_or_default).collect(),
    ))
}

/// `2`, `0.5`, `20.5` from hundredths.
fn shown(hundredths: u64) -> String {
    let whole = hundredths / 100;
    match hundredths % 100 {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// One question as it appears on a paper.
#[derive(Debug, Clone, Serialize)]
pub struct PaperQuestion {
    /// Index of the question in the bank.
    pub index: usize,
    /// Its number on the paper, from 1, running through the sections.
    pub number: usize,
    pub kind: QuestionType,
    pub prompt: String,
    /// Option texts in the order printed (A, B, ...).
    pub options: Vec<String>,
    /// For each printed option, its index in the bank.
    pub order: Vec<usize>,
    /// `four`, `two` or `one` option a line, by the options' length.
    pub layout: &'static str,
    /// The answer as printed in the key: letters of the printed options, 正确/错误, or
    /// the fill answers.
    pub key: String,
    /// Its points, printed beside it when its section's questions differ.
    pub points: Option<String>,
    /// Its explanation as HTML ("" without one).
    pub explanation: String,
}

/// One numbered section: the questions of one type.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: QuestionType,
    /// `一、单选题（共 10 题，每题 2 分，共 20 分）`
    pub heading: String,
    /// `一`
    pub number: &'static str,
    pub questions: Vec<PaperQuestion>,
}

/// One variant: its sections and total.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// A, B, C, ...
    pub name: char,
    pub sections: Vec<Section>,
    pub count: usize,
    /// The total points, when the questions have points.
    pub total: Option<String>,
}

impl Variant {
    /// Every question, section by section.
    pub fn questions(&self) -> impl Iterator<Item = &PaperQuestion> {
        self.sections.iter().flat_map(|s| &s.questions)
    }
}

/// Draws `counts` questions of each type for each of `variants` variants.
pub fn variants(
    quiz: &Quiz,
    counts: &[usize; 4],
    points: Option<&[u64]>,
    variants: usize,
    seed: u64,
    strings: &Strings,
) -> Vec<Variant> {
    let s = |k: &str| strings.text(k);
    (0..variants)
        .map(|v| {
            let mut rng = generator(seed);
            rng.set_stream(v as u64);
            let mut number = 0;
            let mut sections = Vec::new();
            let mut total = 0;
            for (k, kind) in QuestionType::ALL.into_iter().enumerate() {
                let mut picked: Vec<usize> = (0..quiz.questions.len())
                    .filter(|&i| quiz.questions[i].kind.question_type() == kind)
                    .collect();
                shuffle(&mut picked, &mut rng);
                picked.truncate(counts[k]);
                if picked.is_empty() {
                    continue;
                }
                let questions: Vec<PaperQuestion> = picked
                    .into_iter()
                    .map(|index| {
                        number += 1;
                        question(quiz, index, number, points, &mut rng, strings)
                    })
                    .collect();
                let pts: Vec<u64> = points
                    .map(|p| questions.iter().map(|q| p[q.index]).collect())
                    .unwrap_or_default();
                let sum: u64 = pts.iter().sum();
                total += sum;
                let uniform = pts.windows(2).all(|w| w[0] == w[1]);
                let count = format!(
                    "{} {} {}",
                    s("question_count"),
                    questions.len(),
                    s("questions")
                );
                let detail = match (pts.first(), uniform) {
                    (None, _) => count,
                    (Some(&each), true) => format!(
                        "{count}，{} {} {}，{} {} {}",
                        s("paper_each"),
                        shown(each),
                        s("points"),
                        s("question_count"),
                        shown(sum),
                        s("points")
                    ),
                    (Some(_), false) => format!(
                        "{count}，{} {} {}",
                        s("question_count"),
                        shown(sum),
                        s("points")
                    ),
                };
                let questions = questions
                    .into_iter()
                    .map(|mut q| {
                        if uniform {
                            q.points = None;
                        }
                        q
                    })
                    .collect();
                sections.push(Section {
                    kind,
                    heading: format!(
                        "{}、{}（{detail}）",
                        NUMBERS[sections.len()],
                        s(&format!("kind_{}", kind.name()))
                    ),
                    number: NUMBERS[sections.len()],
                    questions,
                });
            }
            Variant {
                name: letter(v),
                sections,
                count: number,
                total: points.map(|_| shown(total)),
            }
        })
        .collect()
}

/// The generator of a seed: ChaCha8 keyed with the seed's bytes (little-endian, then
/// zeros), so a paper depends on the ChaCha stream alone, which its specification
/// fixes, and not on how a library version expands a seed.
fn generator(seed: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    ChaCha8Rng::from_seed(key)
}

/// Fisher-Yates on the generator: written here, so that a new `rand` cannot change
/// the order of every printed paper (golden files in `tests/golden/` pin some).
fn shuffle<T>(items: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        let n = i as u64 + 1;
        // Rejection keeps every position equally likely.
        let limit = u64::MAX - u64::MAX % n;
        let j = loop {
            let x = rng.next_u64();
            if x < limit {
                break x % n;
            }
        };
        items.swap(i, j as usize);
    }
}

fn question(
    quiz: &Quiz,
    index: usize,
    number: usize,
    points: Option<&[u64]>,
    rng: &mut ChaCha8Rng,
    strings: &Strings,
) -> PaperQuestion {
    let q = &quiz.questions[index];
    let bank_options = match &q.kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => {
            options.get_ref().iter().map(|o| o.get_ref()).collect()
        }
        _ => Vec::new(),
    };
    let mut order: Vec<usize> = (0..bank_options.len()).collect();
    shuffle(&mut order, rng);
    let shown_letter = |i: usize| letter(order.iter().position(|&o| o == i).unwrap_or(0));
    let options: Vec<String> = order.iter().map(|&i| bank_options[i].clone()).collect();
    let key = answer_text(&q.kind, shown_letter, strings);
    let widest = options.iter().map(|o| o.chars().count()).max().unwrap_or(0);
    let layout = match widest {
        0..=8 if options.len() <= 4 => "four",
        0..=18 => "two",
        _ => "one",
    };
    PaperQuestion {
        index,
        number,
        kind: q.kind.question_type(),
        prompt: prompt_html(&q.prompt.get_ref().0, matches!(q.kind, Kind::Fill { .. })),
        options,
        order,
        layout,
        key,
        points: points.map(|p| shown(p[index])),
        explanation: q
            .explanation
            .as_ref()
            .map(|e| markdown::block(&e.0))
            .unwrap_or_default(),
    }
}

/// The prompt as HTML. A fill blank is a line to write on; any other question gets one
/// answer bracket （　　）: where the prompt has one (`（ ）`, `__`), else at its end.
fn prompt_html(src: &str, fill: bool) -> String {
    if fill {
        return prompt_with_blanks(src, "<span class=\"line\"></span>");
    }
    let mut text = blanks_from_brackets(src);
    if blank_runs(&text).is_empty() {
        let end = text.trim_end().len();
        text.insert_str(end, "__");
    }
    prompt_with_blanks(&text, "<span class=\"bracket\">（　　）</span>")
}

#[derive(Serialize)]
struct Doc<'a> {
    title: &'a str,
    campaign: &'a str,
    csp: String,
    style: &'static str,
    v: &'a Variant,
    seed: u64,
    minutes: Option<u32>,
    explain: bool,
}

/// The candidate's copy of a variant, and its answer key.
pub fn render(
    campaign: &str,
    quiz: &Quiz,
    variant: &Variant,
    seed: u64,
    minutes: Option<u32>,
    explain: bool,
    strings: &Strings,
) -> Result<(String, String), PaperError> {
    let csp = crate::csp::self_contained(&[STYLE], &[], false);
    let doc = Doc {
        title: quiz.title.get_ref(),
        campaign,
        csp,
        style: STYLE,
        v: variant,
        seed,
        minutes,
        explain,
    };
    let one = |name: &'static str, src: &'static str| {
        document_env(name, src, strings)
            .get_template(name)
            .and_then(|t| t.render(minijinja::value::Serde(&doc)))
            .map_err(|source| PaperError::Layout { name, source })
    };
    Ok((one("paper.html", PAPER)?, one("paper-key.html", KEY)?))
}

/// The file names of a variant's paper and key: `jianshi-ch01-A.html`,
/// `jianshi-ch01-A-key.html`.
pub fn file_names(quiz: &str, variant: char) -> (String, String) {
    (
        format!("{quiz}-{variant}.html"),
        format!("{quiz}-{variant}-key.html"),
    )
}

/// What `xuexi paper` reports when it is done (its failures are [`PaperError`]); the
/// words are in the message catalogue (`src/i18n/`), keys `paper.*`.
pub mod msg {
    use crate::rules::QuestionType;

    pub(super) fn points_missing(n: usize, first: &str, kinds: &[QuestionType]) -> String {
        let kinds: Vec<String> = kinds.iter().map(|k| k.label()).collect();
        m!(
            "paper.points-missing",
            n = n,
            first = first,
            kinds = kinds.join(&m!("list.sep"))
        )
    }

    pub fn written(paper: &str, key: &str) -> String {
        m!("paper.written", paper = paper, key = key)
    }

    pub fn summary(variants: usize, count: usize, total: Option<&str>, seed: u64) -> String {
        let total = total.map(|t| m!("paper.total", t = t)).unwrap_or_default();
        m!(
            "paper.summary",
            variants = variants,
            count = count,
            total = total,
            seed = seed
        )
    }
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

    const POINTS: &str = "single=2,multiple=3,truefalse=1,fill=2";

    /// The paper and the key of variant `v` of `q`, in the built-in words.
    fn printed(
        q: &Quiz,
        v: &Variant,
        seed: u64,
        minutes: Option<u32>,
        explain: bool,
    ) -> (String, String) {
        let strings = crate::ui::Strings::builtin();
        render("c", q, v, seed, minutes, explain, strings).unwrap()
    }

    fn drawn(q: &Quiz, count: Count, points: Option<&str>, n: usize, seed: u64) -> Vec<Variant> {
        let counts = counts(q, &count).unwrap();
        let given = points.map_or([None; 4], |p| parse_points(p).unwrap());
        let pts = super::points(q, &counts, &given).unwrap();
        variants(
            q,
            &counts,
            pts.as_deref(),
            n,
            seed,
            crate::ui::Strings::builtin(),
        )
    }

    #[test]
    fn same_seed_same_paper_other_variants_differ_and_the_seed_is_on_the_key_only() {
        let q = bank();
        let page = |seed| {
            let v = drawn(&q, Count::Total(10), None, 3, seed);
            v.iter()
                .map(|x| printed(&q, x, seed, None, false))
                .collect::<Vec<_>>()
        };
        assert_eq!(page(7), page(7));
        assert_ne!(page(7), page(8));
        let v = drawn(&q, Count::Total(10), None, 3, 7);
        let ids = |x: &Variant| x.questions().map(|q| q.index).collect::<Vec<_>>();
        assert_ne!(ids(&v[0]), ids(&v[1]));
        assert_ne!(ids(&v[1]), ids(&v[2]));
        let (paper, key) = &page(7)[0];
        assert!(!paper.contains("种子"), "the candidates' copy has no seed");
        assert!(key.contains("种子 7（用同一种子可以再次打印出完全相同的试卷。）"));
    }

    #[test]
    fn sections_by_type_with_points_and_a_total_the_same_in_every_variant() {
        let q = bank();
        let v = drawn(&q, Count::Total(12), Some(POINTS), 3, 7);
        for x in &v {
            let headings: Vec<&str> = x.sections.iter().map(|s| s.heading.as_str()).collect();
            assert_eq!(
                headings,
                [
                    "一、单选题（共 5 题，每题 2 分，共 10 分）",
                    "二、多选题（共 1 题，每题 3 分，共 3 分）",
                    "三、判断题（共 3 题，每题 1 分，共 3 分）",
                    "四、填空题（共 3 题，每题 2 分，共 6 分）",
                ]
            );
            assert_eq!(x.total.as_deref(), Some("22"));
            let numbers: Vec<usize> = x.questions().map(|q| q.number).collect();
            assert_eq!(numbers, (1..=12).collect::<Vec<_>>());
        }
        let (paper, key) = printed(&q, &v[0], 7, Some(60), false);
        assert!(paper.contains("<p class=\"sub\">共 12 题 · 满分 22 分 · 考试时间 60 分钟</p>"));
        assert!(paper.contains(
            "<h2>二、多选题（共 1 题，每题 3 分，共 3 分）</h2>\n<ol class=\"qs\" start=\"6\">"
        ));
        assert!(paper.contains("<span>姓名<span class=\"line\"></span></span><span>单位<span class=\"line long\"></span></span><span>得分<span class=\"line short\"></span></span>"));
        assert!(key.contains("<h2>三、判断题（共 3 题，每题 1 分，共 3 分）</h2>"));
        assert!(key.contains("<span>7. <b>"), "{key}");
    }

    #[test]
    fn points_from_the_bank_shown_beside_questions_when_they_differ() {
        let _zh = crate::i18n::chinese();
        let mut q = bank();
        let mut k = 0;
        for x in q.questions.iter_mut() {
            if x.kind.question_type() == QuestionType::Single {
                x.points = Some(Points(if k % 2 == 0 { 1.0 } else { 1.5 }));
                k += 1;
            }
        }
        let c = counts(&q, &Count::PerKind([7, 0, 0, 0])).unwrap();
        let pts = points(&q, &c, &[None; 4]).unwrap();
        let v = variants(&q, &c, pts.as_deref(), 1, 3, crate::ui::Strings::builtin());
        assert_eq!(v[0].sections.len(), 1);
        let s = &v[0].sections[0];
        assert_eq!(s.heading, "一、单选题（共 7 题，共 8.5 分）");
        assert_eq!(v[0].total.as_deref(), Some("8.5"));
        let mut each: Vec<&str> = s
            .questions
            .iter()
            .filter_map(|x| x.points.as_deref())
            .collect();
        each.sort_unstable();
        assert_eq!(each, ["1", "1", "1", "1", "1.5", "1.5", "1.5"]);
        let (paper, _) = printed(&q, &v[0], 3, None, false);
        assert_eq!(
            paper
                .matches("<span class=\"pts\">（1.5 分）</span>")
                .count(),
            3
        );
        // Some questions with points and some without: no paper with a wrong total.
        let c = counts(&q, &Count::All).unwrap();
        assert_eq!(
            points(&q, &c, &[None; 4]).unwrap_err().to_string(),
            "10 道题没有分值（如 `yida-year`，多选题、判断题、填空题）：在题库里给每题写 points，或用 --points 给出各题型的分值，如 --points single=2,multiple=3,truefalse=1,fill=2"
        );
        let given = parse_points("多选=2,判断=1,填空=2").unwrap();
        assert!(points(&q, &c, &given).is_ok());
    }

    #[test]
    fn counts_per_type_and_shared() {
        let _zh = crate::i18n::chinese();
        let q = bank();
        assert_eq!(counts(&q, &Count::All).unwrap(), [7, 2, 4, 4]);
        assert_eq!(counts(&q, &Count::Total(12)).unwrap(), [5, 1, 3, 3]);
        // Shared by size alone, 5 of [7, 2, 4, 4] would leave out the 多选题.
        assert_eq!(counts(&q, &Count::Total(5)).unwrap(), [2, 1, 1, 1]);
        assert_eq!(counts(&q, &Count::Total(4)).unwrap(), [1, 1, 1, 1]);
        // Fewer questions than types: the largest types.
        assert_eq!(counts(&q, &Count::Total(2)).unwrap(), [1, 0, 1, 0]);
        assert_eq!(
            counts(&q, &parse_count("单选=3,fill=1").unwrap()).unwrap(),
            [3, 0, 0, 1]
        );
        assert_eq!(
            counts(&q, &parse_count("multiple=5").unwrap())
                .unwrap_err()
                .to_string(),
            "多选题 5 道比题库里的 2 道还多"
        );
        assert_eq!(
            parse_count("single:x").unwrap_err().to_string(),
            "`single:x` 看不懂：按题型写，如 single=10,multiple=5,truefalse=5,fill=2（也可以写 单选=10,多选=5）"
        );
        assert_eq!(
            parse_count("0").unwrap_err().to_string(),
            "--count 至少要 1 题"
        );
    }

    #[test]
    fn every_key_matches_its_paper() {
        let q = bank();
        for v in drawn(&q, Count::All, None, 4, DEFAULT_SEED) {
            for pq in v.questions() {
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
    fn one_answer_bracket_and_lines_for_blanks() {
        let b = "<span class=\"bracket\">（　　）</span>";
        assert_eq!(
            prompt_html("一大在（ ）召开。", false),
            format!("<p>一大在{b}召开。</p>\n")
        );
        assert_eq!(
            prompt_html("一大在（　　）召开。", false),
            format!("<p>一大在{b}召开。</p>\n")
        );
        assert_eq!(
            prompt_html("一大在____召开。", false),
            format!("<p>一大在{b}召开。</p>\n")
        );
        assert_eq!(
            prompt_html("一大在哪里召开？", false),
            format!("<p>一大在哪里召开？{b}</p>\n")
        );
        assert_eq!(
            prompt_html("成立于____年。", true),
            "<p>成立于<span class=\"line\"></span>年。</p>\n"
        );
        let v = drawn(&bank(), Count::All, None, 1, 1);
        let (paper, _) = printed(&bank(), &v[0], 1, None, false);
        assert!(!paper.contains("）<span class=\"bracket\">"));
    }

    #[test]
    fn short_options_four_a_line_long_ones_one() {
        let v = drawn(&bank(), Count::All, None, 1, 1);
        let layouts: Vec<(&str, usize)> = v[0]
            .questions()
            .filter(|q| !q.options.is_empty())
            .map(|q| {
                let widest = q.options.iter().map(|o| o.chars().count()).max().unwrap();
                (q.layout, widest)
            })
            .collect();
        for (layout, widest) in &layouts {
            match *layout {
                "four" => assert!(*widest <= 8),
                "two" => assert!((9..=18).contains(widest) || *widest <= 8),
                _ => assert!(*widest > 18),
            }
        }
        assert!(layouts.iter().any(|(l, _)| *l == "four"));
    }

    #[test]
    fn explanations_in_the_key_when_asked() {
        let q = bank();
        let v = drawn(&q, Count::All, None, 1, 1);
        let (_, plain) = printed(&q, &v[0], 1, None, false);
        let (_, explained) = printed(&q, &v[0], 1, None, true);
        assert!(!plain.contains("class=\"why\""));
        assert_eq!(
            explained
                .matches("<span class=\"label\">解析：</span>")
                .count(),
            q.questions
                .iter()
                .filter(|x| x.explanation.is_some())
                .count()
        );
        assert_eq!(
            file_names("jianshi-ch01", 'B'),
            (
                "jianshi-ch01-B.html".into(),
                "jianshi-ch01-B-key.html".into()
            )
        );
    }
}
