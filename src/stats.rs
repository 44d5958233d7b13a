//! `xuexi stats`: what the campaign holds and where it is thin.
//!
//! In: the checked project. Out: a plain-text report: questions by material and by
//! type, each plan's readings and total reading time, the chapters no question covers,
//! and the questions without an explanation.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::chapters::Chapters;
use crate::model::{Plan, Project};
use crate::schedule;

/// The report as text.
pub fn report(project: &Project) -> String {
    let counts = Counts::of(project);
    let mut out = String::new();
    let _ = writeln!(out, "{}", total(project));
    by_type(&mut out, &counts);
    by_material(&mut out, project, &counts);
    plans(&mut out, project);
    let uncovered = uncovered(project, &counts);
    list(
        &mut out,
        &m!("stats.uncovered", n = uncovered.len()),
        &uncovered,
    );
    list(
        &mut out,
        &m!("stats.unexplained", n = counts.unexplained.len()),
        &counts.unexplained,
    );
    out
}

/// The first line: how many materials, chapters, plans, banks and questions.
fn total(project: &Project) -> String {
    let c = &project.catalogue;
    let questions: usize = project.quizzes.iter().map(|q| q.questions.len()).sum();
    m!(
        "stats.total",
        materials = c.materials.len(),
        chapters = c.materials.iter().map(|m| m.chapters.len()).sum::<usize>(),
        plans = c.plans.len(),
        quizzes = project.quizzes.len(),
        questions = questions
    )
}

/// What the questions of every bank add up to.
struct Counts<'a> {
    by_type: BTreeMap<crate::rules::QuestionType, usize>,
    /// By the question's source, else its bank's material.
    by_material: BTreeMap<&'a str, usize>,
    /// (material, chapter) -> questions with that source.
    covered: BTreeMap<(&'a str, &'a str), usize>,
    /// `bank/question` of each question without an explanation.
    unexplained: Vec<String>,
}

impl<'a> Counts<'a> {
    fn of(project: &'a Project) -> Self {
        let mut counts = Counts {
            by_type: BTreeMap::new(),
            by_material: BTreeMap::new(),
            covered: BTreeMap::new(),
            unexplained: Vec::new(),
        };
        for q in &project.quizzes {
            for x in &q.questions {
                *counts.by_type.entry(x.kind.question_type()).or_default() += 1;
                let material = x
                    .source
                    .as_ref()
                    .map(|s| s.get_ref().material.as_str())
                    .or(q.material.as_ref().map(|m| m.get_ref().as_str()));
                if let Some(m) = material {
                    *counts.by_material.entry(m).or_default() += 1;
                }
                if let Some(s) = &x.source {
                    let r = s.get_ref();
                    *counts
                        .covered
                        .entry((r.material.as_str(), r.chapter.as_str()))
                        .or_default() += 1;
                }
                if x.explanation.as_ref().is_none_or(|e| e.0.trim().is_empty()) {
                    counts
                        .unexplained
                        .push(format!("{}/{}", q.id, x.id.get_ref()));
                }
            }
        }
        counts
    }
}

fn by_type(out: &mut String, counts: &Counts) {
    let _ = writeln!(out, "\n{}", m!("stats.by-type"));
    for ty in crate::rules::QuestionType::ALL {
        let n = counts.by_type.get(&ty).copied().unwrap_or(0);
        let (kind, name) = (ty.name(), ty.counted());
        let _ = writeln!(out, "  {kind:<10} {n:>5}  {name}");
    }
}

fn by_material(out: &mut String, project: &Project, counts: &Counts) {
    let _ = writeln!(out, "\n{}", m!("stats.by-material"));
    for m in &project.catalogue.materials {
        let id = m.id.get_ref().as_str();
        let n = counts.by_material.get(id).copied().unwrap_or(0);
        let _ = writeln!(out, "  {id:<20} {n:>5}  {}", m.title.get_ref());
    }
}

/// Each plan: its readings, milestones, sessions and reading time.
fn plans(out: &mut String, project: &Project) {
    let c = &project.catalogue;
    let _ = writeln!(out, "\n{}", m!("stats.plans"));
    let chapters = Chapters::new(c);
    for p in &c.plans {
        let line = m!(
            "stats.plan",
            id = p.id.get_ref(),
            readings = p.readings.len(),
            milestones = p.milestones.len(),
            sessions = p
                .recurring
                .iter()
                .map(|r| schedule::sessions(r, &c.campaign).len())
                .sum::<usize>(),
            time = reading_time(&chapters, p)
        );
        let _ = writeln!(out, "  {line}");
    }
}

/// `12 小时 30 分钟`, and how many chapters have no `pages` to count by.
fn reading_time(chapters: &Chapters, plan: &Plan) -> String {
    let time = chapters.time(
        plan.readings
            .iter()
            .flat_map(|r| r.chapters.get_ref().iter().map(|c| c.get_ref())),
    );
    let (h, min) = (time.minutes / 60, time.minutes % 60);
    if time.shown().is_none() && time.partly() {
        m!("stats.time.unknown", unknown = time.unknown)
    } else if time.partly() {
        m!(
            "stats.time.partly",
            h = h,
            min = min,
            unknown = time.unknown
        )
    } else {
        m!("stats.time", h = h, min = min)
    }
}

/// `material/chapter` of each chapter no question has as its source.
fn uncovered(project: &Project, counts: &Counts) -> Vec<String> {
    project
        .catalogue
        .materials
        .iter()
        .flat_map(|m| {
            m.chapters
                .iter()
                .filter(|ch| {
                    !counts
                        .covered
                        .contains_key(&(m.id.get_ref().as_str(), ch.id.get_ref().as_str()))
                })
                .map(|ch| format!("{}/{}", m.id.get_ref(), ch.id.get_ref()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A heading, then one line an item.
fn list(out: &mut String, heading: &str, items: &[String]) {
    let _ = writeln!(out, "\n{heading}");
    for u in items {
        let _ = writeln!(out, "  {u}");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sample_report() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::check(root).project.unwrap();
        let r = super::report(&project);
        assert!(
            r.starts_with("7 materials (19 chapters), 1 plans, 4 quizzes, 67 questions\n"),
            "{r}"
        );
        assert!(r.contains("\n  single     "));
        assert!(r.contains("\n  guangan-2021: 17 readings, 9 milestones, 38 sessions; "));
        assert!(
            r.contains("\n  jianshi/ch08\n"),
            "chapter 8 has no question"
        );
        assert!(r.contains("\nquestions without an explanation: 16\n"));
        assert!(r.contains("\n  jianshi-ch01/yida-members\n"));
    }
}
