//! `xuexi stats`: what the campaign holds and where it is thin.
//!
//! In: the checked project. Out: a plain-text report: questions by material and by
//! type, each plan's readings and total reading time, the chapters no question covers,
//! and the questions without an explanation.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::chapters::Chapters;
use crate::model::Project;
use crate::schedule;

/// The report as text.
pub fn report(project: &Project) -> String {
    let c = &project.catalogue;
    let mut out = String::new();
    let total: usize = project.quizzes.iter().map(|q| q.questions.len()).sum();
    let _ = writeln!(
        out,
        "{}",
        m!(
            "stats.total",
            materials = c.materials.len(),
            chapters = c.materials.iter().map(|m| m.chapters.len()).sum::<usize>(),
            plans = c.plans.len(),
            quizzes = project.quizzes.len(),
            questions = total
        )
    );

    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_material: BTreeMap<&str, usize> = BTreeMap::new();
    let mut covered: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for q in &project.quizzes {
        for x in &q.questions {
            *by_type.entry(x.kind.name()).or_default() += 1;
            let material = x
                .source
                .as_ref()
                .map(|s| s.get_ref().material.as_str())
                .or(q.material.as_ref().map(|m| m.get_ref().as_str()));
            if let Some(m) = material {
                *by_material.entry(m).or_default() += 1;
            }
            if let Some(s) = &x.source {
                let r = s.get_ref();
                *covered
                    .entry((r.material.as_str(), r.chapter.as_str()))
                    .or_default() += 1;
            }
            if x.explanation.as_ref().is_none_or(|e| e.0.trim().is_empty()) {
                unexplained.push(format!("{}/{}", q.id, x.id.get_ref()));
            }
        }
    }

    let _ = writeln!(out, "\n{}", m!("stats.by-type"));
    for (kind, name) in [
        ("single", m!("qtype.single")),
        ("multiple", m!("qtype.multiple")),
        ("truefalse", m!("qtype.truefalse")),
        ("fill", m!("qtype.fill")),
    ] {
        let n = by_type.get(kind).copied().unwrap_or(0);
        let _ = writeln!(out, "  {kind:<10} {n:>5}  {name}");
    }

    let _ = writeln!(out, "\n{}", m!("stats.by-material"));
    for m in &c.materials {
        let id = m.id.get_ref().as_str();
        let n = by_material.get(id).copied().unwrap_or(0);
        let _ = writeln!(out, "  {id:<20} {n:>5}  {}", m.title.get_ref());
    }

    let _ = writeln!(out, "\n{}", m!("stats.plans"));
    let chapters = Chapters::new(c);
    for p in &c.plans {
        let mut minutes = 0;
        let mut unknown = 0;
        for r in &p.readings {
            for ch in r.chapters.get_ref() {
                match chapters.minutes(ch.get_ref()) {
                    Some(n) => minutes += n,
                    None => unknown += 1,
                }
            }
        }
        let sessions: usize = p
            .recurring
            .iter()
            .map(|r| schedule::sessions(r, &c.campaign).len())
            .sum();
        let (h, min) = (minutes / 60, minutes % 60);
        let time = if unknown == 0 {
            m!("stats.time", h = h, min = min)
        } else {
            m!("stats.time.partly", h = h, min = min, unknown = unknown)
        };
        let line = m!(
            "stats.plan",
            id = p.id.get_ref(),
            readings = p.readings.len(),
            milestones = p.milestones.len(),
            sessions = sessions,
            time = time
        );
        let _ = writeln!(out, "  {line}");
    }

    let uncovered: Vec<String> = c
        .materials
        .iter()
        .flat_map(|m| {
            m.chapters
                .iter()
                .filter(|ch| {
                    !covered.contains_key(&(m.id.get_ref().as_str(), ch.id.get_ref().as_str()))
                })
                .map(|ch| format!("{}/{}", m.id.get_ref(), ch.id.get_ref()))
                .collect::<Vec<_>>()
        })
        .collect();
    let _ = writeln!(out, "\n{}", m!("stats.uncovered", n = uncovered.len()));
    for u in &uncovered {
        let _ = writeln!(out, "  {u}");
    }
    let _ = writeln!(out, "\n{}", m!("stats.unexplained", n = unexplained.len()));
    for u in &unexplained {
        let _ = writeln!(out, "  {u}");
    }
    out
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
