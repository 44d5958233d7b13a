//! Validate: checks across values and files, on the loaded model.
//!
//! In: the catalogue (when it loaded) and every loaded bank, with their file ids.
//! Out: diagnostics (errors and warnings), all of them, in file order. Nothing stops at
//! the first problem. Uses the spans kept while parsing; never parses again.
//!
//! One file per seam: the catalogue's own values (`catalogue.rs`) and the campaign's
//! look (`brand.rs`), the study plans (`plans.rs`), the question banks (`banks.rs`), the
//! author's UI text (`strings.rs`), the office's task list (`tasks.rs`) and the files the catalogue names on disk
//! (`disk.rs`); here, what they share (ids unique and known, chapter references).

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

use crate::diag::{Diagnostic, FileId, closest, did_you_mean};
use crate::model::{Catalogue, ChapterRef, Quiz, Slug, Spanned};

mod banks;
mod brand;
mod catalogue;
mod disk;
mod plans;
mod strings;
mod tasks;

pub use banks::PASS_MARKS;
pub(crate) use banks::draws;
pub use disk::{default_icons, logo, site_assets};
pub use strings::strings;

/// The longest campaign, in years; and in days (leap days included).
pub const MAX_CAMPAIGN_YEARS: i64 = 5;
pub const MAX_CAMPAIGN_DAYS: i64 = MAX_CAMPAIGN_YEARS * 365 + 2;

/// The longest short name that fits under a home-screen icon, in characters.
pub const SHORT_NAME_CHARS: usize = 8;

/// Runs every check and returns what it found.
/// `quiz_ids` names every bank file found, including those that did not load, so a
/// broken bank is reported once and not again as an unknown quiz.
pub fn validate(
    catalogue: Option<(FileId, &Catalogue)>,
    quizzes: &[(FileId, &Quiz)],
    quiz_ids: &[&str],
) -> Vec<Diagnostic> {
    let materials = catalogue.map(|(_, c)| chapters_by_material(c));
    // The catalogue and each bank are checked on their own, on every core; their
    // problems are joined in a fixed order.
    let (mut diags, banks) = rayon::join(
        || {
            let mut v = Validator { diags: Vec::new() };
            if let (Some((file, c)), Some(materials)) = (catalogue, &materials) {
                v.catalogue(file, c);
                v.plans(file, c, materials, quiz_ids);
            }
            v.diags
        },
        || {
            quizzes
                .par_iter()
                .map(|(file, quiz)| {
                    let mut v = Validator { diags: Vec::new() };
                    v.quiz(*file, quiz, materials.as_ref());
                    v.diags
                })
                .collect::<Vec<_>>()
        },
    );
    diags.extend(banks.into_iter().flatten());
    diags
}

/// The checks of the task list (`tasks.toml`), with the catalogue (when it loaded) for
/// the campaign's dates and the materials and plans tasks link to.
pub fn tasks(
    file: FileId,
    list: &crate::model::tasks::TaskList,
    catalogue: Option<&Catalogue>,
    quiz_ids: &[&str],
) -> Vec<Diagnostic> {
    let mut v = Validator { diags: Vec::new() };
    v.tasks(file, list, catalogue, quiz_ids);
    v.diags
}

/// The checks of one bank, as [`validate`] checks each (with the catalogue, when there
/// is one, for its material and its questions' sources). For `import`, which checks
/// the bank it writes.
pub fn bank(file: FileId, quiz: &Quiz, catalogue: Option<&Catalogue>) -> Vec<Diagnostic> {
    let materials = catalogue.map(chapters_by_material);
    let mut v = Validator { diags: Vec::new() };
    v.quiz(file, quiz, materials.as_ref());
    v.diags
}

/// Material id -> its chapter ids. A duplicate material id keeps its first definition.
pub type Chapters<'a> = BTreeMap<&'a str, Vec<&'a str>>;

/// Why a chapter reference names nothing in the catalogue.
pub(crate) enum Unresolved<'m> {
    /// No material has its material id.
    Material,
    /// The material is there, without the chapter: the chapters it has.
    Chapter(&'m [&'m str]),
}

/// Whether a chapter reference (`jianshi/ch01`) names a chapter of `materials`.
pub(crate) fn unresolved<'m>(r: &ChapterRef, materials: &'m Chapters) -> Option<Unresolved<'m>> {
    match materials.get(r.material.as_str()) {
        None => Some(Unresolved::Material),
        Some(chapters) if !chapters.contains(&r.chapter.as_str()) => {
            Some(Unresolved::Chapter(chapters))
        }
        Some(_) => None,
    }
}

/// The chapters of each material of a catalogue.
pub fn chapters_by_material(c: &Catalogue) -> Chapters<'_> {
    let mut map = BTreeMap::new();
    for m in &c.materials {
        map.entry(m.id.get_ref().as_str()).or_insert_with(|| {
            m.chapters
                .iter()
                .map(|ch| ch.id.get_ref().as_str())
                .collect()
        });
    }
    map
}

struct Validator {
    diags: Vec<Diagnostic>,
}

impl Validator {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports every id in `ids` seen before, pointing at both places.
    fn unique<'a>(
        &mut self,
        file: FileId,
        what: &str,
        ids: impl IntoIterator<Item = &'a Spanned<Slug>>,
    ) {
        let ids = ids.into_iter();
        let mut seen: HashMap<&str, std::ops::Range<usize>> =
            HashMap::with_capacity(ids.size_hint().0);
        for id in ids {
            let name = id.get_ref().as_str();
            if let Some(first) = seen.get(name) {
                self.push(
                    Diagnostic::error(file, id.span(), m!("dup.id", what = what, name = name))
                        .label(m!("dup.again"))
                        .also(file, first.clone(), m!("dup.first"))
                        .note(m!("dup.note", what = what)),
                );
            } else {
                seen.insert(name, id.span());
            }
        }
    }

    fn not_empty(&mut self, file: FileId, what: &str, text: &Spanned<String>) {
        if text.get_ref().trim().is_empty() {
            self.push(
                Diagnostic::error(file, text.span(), m!("empty.text", what = what))
                    .label(m!("empty.text.label")),
            );
        }
    }

    /// Reports `id` when it is not one of `known`, with a "did you mean".
    fn resolve(&mut self, file: FileId, what: &str, id: &Spanned<Slug>, known: &[&str]) -> bool {
        let name = id.get_ref().as_str();
        if known.contains(&name) {
            return true;
        }
        let mut d = Diagnostic::error(file, id.span(), m!("unknown.id", what = what, name = name))
            .label(m!("unknown.id.label", what = what));
        d = match did_you_mean(name, known.iter().copied()) {
            Some(hint) => d.note(hint),
            None if known.is_empty() => d.note(m!("unknown.none", what = what)),
            None => d.note(m!("unknown.known", what = what, ids = list(known))),
        };
        self.push(d);
        false
    }

    fn chapter_ref(&mut self, file: FileId, r: &Spanned<ChapterRef>, materials: &Chapters) {
        let ChapterRef { material, chapter } = r.get_ref();
        match unresolved(r.get_ref(), materials) {
            Some(Unresolved::Material) => {
                let known: Vec<&str> = materials.keys().copied().collect();
                let mut d = Diagnostic::error(
                    file,
                    r.span(),
                    m!(
                        "chapter.unknown-material",
                        material = material,
                        r = r.get_ref()
                    ),
                )
                .label(m!("chapter.unknown-material.label"));
                d = match did_you_mean(material.as_str(), known.iter().copied()) {
                    Some(h) => d.note(h),
                    None => d.note(m!(
                        "unknown.known",
                        what = m!("noun.material"),
                        ids = list(&known)
                    )),
                };
                self.push(d);
            }
            Some(Unresolved::Chapter(chapters)) => {
                let mut d = Diagnostic::error(
                    file,
                    r.span(),
                    m!("chapter.unknown", material = material, chapter = chapter),
                )
                .label(m!("chapter.unknown.label"));
                d = match closest(chapter.as_str(), chapters.iter().copied()) {
                    Some(c) => d.note(m!("did-you-mean", x = format!("{material}/{c}"))),
                    None => d.note(m!(
                        "chapter.list",
                        material = material,
                        ids = list(chapters)
                    )),
                };
                self.push(d);
            }
            None => {}
        }
    }
}

fn list(items: &[&str]) -> String {
    const MAX: usize = 8;
    let mut s = crate::diag::ticked(items.iter().take(MAX));
    if items.len() > MAX {
        s.push_str(&m!("list.more", n = items.len() - MAX));
    }
    s
}

#[cfg(test)]
mod tests {
    //! One test per rule, each asserting the exact message, beside the rule (in each
    //! seam's file); here the project they start from. Projects are written to a
    //! temporary folder and loaded like any other.

    use crate::diag::Severity;

    pub(super) const CATALOGUE: &str = r#"
[campaign]
title = "广安区党史学习教育"
start = 2021-04-08
end = 2021-12-31

[[category]]
id = "designated"
name = "指定学习材料"

[[material]]
id = "jianshi"
title = "中国共产党简史"
category = "designated"
[[material.chapter]]
id = "ch01"
title = "第一章"
pages = 40

[[plan]]
id = "plan"
title = "学习计划"
[[plan.reading]]
due = 2021-04-30
chapters = ["jianshi/ch01"]
quiz = "quiz"
[[plan.milestone]]
due = 2021-06-30
title = "专题培训"
[[plan.recurring]]
title = "红色星期五"
weekday = "friday"
skip = [2021-10-01]
"#;

    pub(super) const QUIZ: &str = r#"
title = "自测"
material = "jianshi"
[[question]]
id = "q1"
type = "single"
prompt = "一大在哪里开幕？"
options = ["北京", "上海"]
answer = "B"
source = "jianshi/ch01"
explanation = "在上海开幕。"
[[question]]
id = "q2"
type = "fill"
prompt = "成立于____年"
answer = ["1921"]
explanation = "1921年。"
"#;

    /// Checks the project made of `catalogue` and `quizzes/quiz.toml` = `quiz`;
    /// returns (severity, message) of every diagnostic.
    pub(super) fn run(catalogue: &str, quiz: &str) -> Vec<(Severity, String)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("catalogue.toml"), catalogue).unwrap();
        std::fs::create_dir(dir.path().join("quizzes")).unwrap();
        std::fs::write(dir.path().join("quizzes/quiz.toml"), quiz).unwrap();
        crate::check(dir.path())
            .diagnostics
            .into_iter()
            .map(|d| (d.severity, d.message))
            .collect()
    }

    /// The messages of the diagnostics of one severity.
    fn of(severity: Severity, catalogue: &str, quiz: &str) -> Vec<String> {
        run(catalogue, quiz)
            .into_iter()
            .filter(|(s, _)| *s == severity)
            .map(|(_, m)| m)
            .collect()
    }

    pub(super) fn errors(catalogue: &str, quiz: &str) -> Vec<String> {
        of(Severity::Error, catalogue, quiz)
    }

    pub(super) fn warnings(catalogue: &str, quiz: &str) -> Vec<String> {
        of(Severity::Warning, catalogue, quiz)
    }

    pub(super) fn cat(from: &str, to: &str) -> String {
        assert!(CATALOGUE.contains(from), "{from}");
        CATALOGUE.replacen(from, to, 1)
    }

    pub(super) fn quiz(from: &str, to: &str) -> String {
        assert!(QUIZ.contains(from), "{from}");
        QUIZ.replacen(from, to, 1)
    }

    #[test]
    fn base_project_is_clean() {
        assert_eq!(run(CATALOGUE, QUIZ), vec![]);
    }
}
