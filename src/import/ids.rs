//! Question ids that stay put, and the bank being updated.
//!
//! In: the good rows of a sheet (with what their 编号/题号/序号 cell gives) and the bank
//! already in `quizzes/<id>.toml`, if any. Out: every row with an id. In order:
//! an id written in 编号 is kept as written; a question of the existing bank whose
//! prompt (or, failing that, whose options) did not change keeps its id; a number in
//! 题号/序号 gives `q<number>`; anything else gets `q` and 8 hex digits of a hash of its
//! type and prompt, so inserting or reordering rows moves no id. The bank being updated
//! is read through `load`, as `check` reads it.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::sheet::{GivenId, Row};
use super::{Imported, RowError, msg};
use crate::model::{Kind, Question, Slug, Spanned};
use crate::rules::{QuestionType, letter};

/// The bank already at the import's target: its settings and questions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Existing {
    pub title: Option<String>,
    pub material: Option<String>,
    pub draw: Option<i64>,
    pub pass: Option<i64>,
    pub questions: Vec<Imported>,
}

/// Why the bank at the import's target does not read as a bank: what `check`'s loader
/// says of it, as `check` shows it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ExistingError(String);

/// Reads the bank `quizzes/<id>.toml` (its text) as `xuexi check` loads it: its
/// settings and questions, or what is wrong with it.
pub fn existing(id: &Slug, text: &str) -> Result<Existing, ExistingError> {
    let mut loaded = crate::load::bank_text(id.clone(), text);
    loaded.diagnostics.retain(|d| d.is_error());
    let quiz = match loaded.quizzes.pop() {
        Some((_, quiz)) if loaded.diagnostics.is_empty() => quiz,
        _ => {
            let shown = crate::diag::render(&loaded.files, &loaded.diagnostics);
            return Err(ExistingError(shown.trim_end().to_string()));
        }
    };
    Ok(Existing {
        title: Some(quiz.title.into_inner()),
        material: quiz.material.map(|m| m.into_inner().to_string()),
        draw: quiz.draw.map(|d| *d.get_ref()),
        pass: quiz.pass.map(|p| *p.get_ref()),
        questions: quiz.questions.into_iter().map(imported).collect(),
    })
}

/// A question of a loaded bank as import writes it.
fn imported(q: Question) -> Imported {
    let letters =
        |answer: &[usize]| toml::Value::String(answer.iter().map(|&i| letter(i)).collect());
    let texts = |options: Spanned<Vec<Spanned<String>>>| {
        options
            .into_inner()
            .into_iter()
            .map(Spanned::into_inner)
            .collect()
    };
    let kind = q.kind.question_type();
    let (options, answer) = match q.kind {
        Kind::Single { options, answer } => (texts(options), letters(&[*answer.get_ref()])),
        Kind::Multiple { options, answer } => (texts(options), letters(answer.get_ref())),
        Kind::Truefalse { answer } => (Vec::new(), toml::Value::Boolean(answer)),
        Kind::Fill { answer } => (
            Vec::new(),
            toml::Value::Array(
                answer
                    .into_inner()
                    .into_iter()
                    .map(|alts| toml::Value::String(alts.join("|")))
                    .collect(),
            ),
        ),
    };
    Imported {
        id: q.id.into_inner().to_string(),
        kind,
        prompt: q.prompt.into_inner().0,
        options,
        answer,
        points: q.points,
        explanation: q.explanation.map(|e| e.0).unwrap_or_default(),
        source: q
            .source
            .map(|s| s.get_ref().to_string())
            .unwrap_or_default(),
    }
}

/// A prompt compared without its spacing.
fn key(kind: QuestionType, prompt: &str) -> String {
    let mut k = String::from(kind.name());
    k.push('\n');
    k.extend(prompt.chars().filter(|c| !c.is_whitespace()));
    k
}

/// The id a question's content gives: `q` and 8 hex digits.
pub fn content_id(q: &Imported) -> String {
    let digest = Sha256::digest(key(q.kind, &q.prompt).as_bytes());
    format!("q{}", crate::stamp::hex(&digest[..4]))
}

/// Gives every row an id (see the module's comment). `prefixes[sheet]` goes before a
/// number from that sheet's 题号/序号 (`q`, or `single-` when several sheets are read).
/// A row whose 编号 repeats an earlier one is an error and is left out.
pub fn assign(
    rows: Vec<Row>,
    sheet_names: &[String],
    prefixes: &[String],
    existing: Option<&Existing>,
    errors: &mut Vec<RowError>,
) -> Vec<Row> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut first_at: HashMap<String, String> = HashMap::new();
    let mut ids: Vec<Option<String>> = vec![None; rows.len()];
    let mut keep = vec![true; rows.len()];
    // 1. Ids as written.
    for (n, r) in rows.iter().enumerate() {
        if let GivenId::Text(id) = &r.given {
            let here = msg::at(&sheet_names[r.sheet], r.row, "");
            if let Some(first) = first_at.get(id) {
                errors.push(RowError::new(
                    &sheet_names[r.sheet],
                    r.row,
                    "编号",
                    msg::duplicate_id(id, first),
                ));
                keep[n] = false;
            } else {
                first_at.insert(id.clone(), here);
                taken.insert(id.clone());
                ids[n] = Some(id.clone());
            }
        }
    }
    // 2. The existing bank's ids, for the same prompt, then for the same options.
    if let Some(old) = existing {
        let mut free: Vec<&Imported> = old
            .questions
            .iter()
            .filter(|q| !taken.contains(&q.id))
            .collect();
        let open = |ids: &[Option<String>], n: usize| keep[n] && ids[n].is_none();
        for (n, r) in rows.iter().enumerate() {
            if !open(&ids, n) {
                continue;
            }
            let k = key(r.question.kind, &r.question.prompt);
            if let Some(i) = free.iter().position(|q| key(q.kind, &q.prompt) == k) {
                let q = free.remove(i);
                taken.insert(q.id.clone());
                ids[n] = Some(q.id.clone());
            }
        }
        for (n, r) in rows.iter().enumerate() {
            let o = &r.question.options;
            if !open(&ids, n) || o.is_empty() {
                continue;
            }
            let same = |q: &&Imported| q.kind == r.question.kind && &q.options == o;
            let others = rows
                .iter()
                .enumerate()
                .filter(|&(m, x)| m != n && open(&ids, m) && x.question.options == *o)
                .count();
            if free.iter().filter(|q| same(q)).count() == 1 && others == 0 {
                let i = free.iter().position(same).unwrap_or(0);
                let q = free.remove(i);
                taken.insert(q.id.clone());
                ids[n] = Some(q.id.clone());
            }
        }
    }
    // 3. Numbers from 题号 or 序号.
    for (n, r) in rows.iter().enumerate() {
        if let (true, None, GivenId::Number(num)) = (keep[n], &ids[n], &r.given) {
            let id = format!("{}{num}", prefixes[r.sheet]);
            if taken.insert(id.clone()) {
                ids[n] = Some(id);
            }
        }
    }
    // 4. The content's hash.
    for (n, r) in rows.iter().enumerate() {
        if keep[n] && ids[n].is_none() {
            let base = content_id(&r.question);
            let mut id = base.clone();
            let mut k = 1;
            while !taken.insert(id.clone()) {
                k += 1;
                id = format!("{base}-{k}");
            }
            ids[n] = Some(id);
        }
    }
    rows.into_iter()
        .zip(ids)
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|((r, id), _)| Row {
            question: Imported {
                id: id.unwrap_or_default(),
                ..r.question
            },
            ..r
        })
        .collect()
}

/// How the new questions differ from the old: added, changed, removed, unchanged.
pub fn changes(old: &[Imported], new: &[Imported]) -> [usize; 4] {
    let old_by_id: HashMap<&str, &Imported> = old.iter().map(|q| (q.id.as_str(), q)).collect();
    let new_ids: HashSet<&str> = new.iter().map(|q| q.id.as_str()).collect();
    let (mut added, mut changed, mut same) = (0, 0, 0);
    for q in new {
        match old_by_id.get(q.id.as_str()) {
            None => added += 1,
            Some(o) if *o == q => same += 1,
            Some(_) => changed += 1,
        }
    }
    let removed = old
        .iter()
        .filter(|q| !new_ids.contains(q.id.as_str()))
        .count();
    [added, changed, removed, same]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A broken bank is told in `check`'s words, at its line.
    #[test]
    fn a_broken_bank_says_what_is_wrong() {
        let _zh = crate::i18n::chinese();
        let id = Slug::try_from("q".to_string()).unwrap();
        let err = |question: &str| {
            existing(&id, &format!("title = \"x\"\n[[question]]\n{question}"))
                .unwrap_err()
                .to_string()
        };
        let first = |s: String| s.lines().next().unwrap_or("").to_string();
        let q = "id = \"q\"\nprompt = \"p\"\nanswer = 1\n";
        assert_eq!(
            first(err(&format!("type = \"essay\"\n{q}"))),
            "错误：不认识的值 `essay`，可以写：`single`、`multiple`、`truefalse`、`fill`"
        );
        assert_eq!(
            first(err(q)),
            "错误：缺少 `type`：这一节要有一行 `type = ...`"
        );
        assert_eq!(
            err("type = \"single\"\nid = \"q\"\n")
                .lines()
                .take(2)
                .collect::<Vec<_>>(),
            [
                "错误：缺少 `prompt`：这一节要有一行 `prompt = ...`",
                "  ┌─ quizzes/q.toml:2:1"
            ]
        );
        assert_eq!(
            first(existing(&id, "title = ").unwrap_err().to_string()),
            "错误：等号后面要写值：文字放在半角引号里，如 title = \"中国共产党简史\"；数字、日期、true/false 不加引号"
        );
    }

    #[test]
    fn a_bank_reads_as_import_writes_it() {
        let id = Slug::try_from("q".to_string()).unwrap();
        let text = "title = \"t\"\ndraw = 1\n[[question]]\nid = \"a\"\ntype = \"multiple\"\nprompt = \"p\"\noptions = [\"x\", \"y\"]\nanswer = \"ba\"\nsource = \"m/c\"\n[[question]]\nid = \"b\"\ntype = \"fill\"\nprompt = \"__\"\nanswer = \"7 | 七\"\n";
        let e = existing(&id, text).unwrap();
        assert_eq!(
            (e.title.as_deref(), e.draw, e.pass),
            (Some("t"), Some(1), None)
        );
        assert_eq!(e.questions[0].answer, toml::Value::String("BA".into()));
        assert_eq!(e.questions[0].options, ["x", "y"]);
        assert_eq!(e.questions[0].source, "m/c");
        assert_eq!(e.questions[1].answer.to_string(), r#"["7|七"]"#);
    }
}
