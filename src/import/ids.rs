//! Question ids that stay put, and the bank being updated.
//!
//! In: the good rows of a sheet (with what their 编号/题号/序号 cell gives) and the bank
//! already in `quizzes/<id>.toml`, if any. Out: every row with an id. In order:
//! an id written in 编号 is kept as written; a question of the existing bank whose
//! prompt (or, failing that, whose options) did not change keeps its id; a number in
//! 题号/序号 gives `q<number>`; anything else gets `q` and 8 hex digits of a hash of its
//! type and prompt, so inserting or reordering rows moves no id.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::sheet::{GivenId, Row};
use super::{Imported, RowError, msg};
use crate::model::Points;
use crate::rules::QuestionType;

/// The bank already at the import's target: its settings and questions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Existing {
    pub title: Option<String>,
    pub material: Option<String>,
    pub draw: Option<i64>,
    pub pass: Option<i64>,
    pub questions: Vec<Imported>,
}

/// Why the bank at the import's target does not read as a bank.
#[derive(Debug, thiserror::Error)]
pub enum ExistingError {
    /// Not TOML (the parser's own words).
    #[error("{}", .0.message())]
    Toml(#[source] toml::de::Error),
    /// A `question` that is not a `[[question]]` table.
    #[error("{}", m!("import.existing.not-a-table"))]
    NotATable,
    /// A `type` that is not one of the four, or none.
    #[error("{}", m!("import.existing.type", v = .0))]
    UnknownType(String),
    #[error("{}", m!("import.existing.no-type"))]
    NoType,
    /// A question without `id`, `prompt` or `answer`.
    #[error("{}", m!("import.existing.missing"))]
    Missing,
    /// `points` that are not a number above 0 and at most 1000.
    #[error("{}", m!("import.existing.points", v = .0))]
    Points(toml::Value),
}

/// Reads a bank file's settings and questions (as `xuexi check` accepts them).
pub fn existing(text: &str) -> Result<Existing, ExistingError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = toml::from_str(text).map_err(ExistingError::Toml)?;
    let str_of = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let mut questions = Vec::new();
    for q in table
        .get("question")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let Some(q) = q.as_table() else {
            return Err(ExistingError::NotATable);
        };
        let kind = match q.get("type").and_then(|v| v.as_str()) {
            Some(name) => QuestionType::from_name(name)
                .ok_or_else(|| ExistingError::UnknownType(name.to_string()))?,
            None => return Err(ExistingError::NoType),
        };
        let (Some(id), Some(prompt), Some(answer)) =
            (str_of(q, "id"), str_of(q, "prompt"), q.get("answer"))
        else {
            return Err(ExistingError::Missing);
        };
        let points = match q.get("points") {
            None => None,
            Some(v) => Some(
                v.as_float()
                    .or_else(|| v.as_integer().map(|i| i as f64))
                    .and_then(|x| Points::try_from(x).ok())
                    .ok_or_else(|| ExistingError::Points(v.clone()))?,
            ),
        };
        questions.push(Imported {
            id,
            kind,
            prompt,
            options: q
                .get("options")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|o| o.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            answer: answer.clone(),
            points,
            explanation: str_of(q, "explanation").unwrap_or_default(),
            source: str_of(q, "source").unwrap_or_default(),
        });
    }
    Ok(Existing {
        title: str_of(&table, "title"),
        material: str_of(&table, "material"),
        draw: table.get("draw").and_then(|v| v.as_integer()),
        pass: table.get("pass").and_then(|v| v.as_integer()),
        questions,
    })
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
    let mut id = String::from("q");
    for b in &digest[..4] {
        id.push_str(&format!("{b:02x}"));
    }
    id
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
) -> Vec<Imported> {
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
        .map(|((r, id), _)| Imported {
            id: id.unwrap_or_default(),
            ..r.question
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

    #[test]
    fn a_broken_bank_says_what_is_wrong() {
        let _zh = crate::i18n::chinese();
        let err = |question: &str| {
            existing(&format!("title = \"x\"\n[[question]]\n{question}"))
                .unwrap_err()
                .to_string()
        };
        let q = "id = \"q\"\nprompt = \"p\"\nanswer = 1\n";
        assert_eq!(
            err(&format!("type = \"essay\"\n{q}")),
            "题型 `type = \"essay\"` 认不出：要写 single、multiple、truefalse 或 fill"
        );
        assert_eq!(
            err(q),
            "有一道 [[question]] 没写题型：要写 type = \"single\"、\"multiple\"、\"truefalse\" 或 \"fill\""
        );
        assert_eq!(
            err("type = \"single\"\nid = \"q\"\n"),
            "有一道 [[question]] 缺少 id、prompt 或 answer：每道题这三项都要写"
        );
        assert_eq!(
            err(&format!("type = \"single\"\npoints = -1\n{q}")),
            "分值 `points = -1` 不对：要写大于 0、不超过 1000 的数"
        );
        assert_eq!(
            existing("question = [1]").unwrap_err().to_string(),
            "`question` 要写成一段段 [[question]]（每段写 id、type、prompt、answer）"
        );
        assert!(matches!(existing("title = "), Err(ExistingError::Toml(_))));
    }
}
