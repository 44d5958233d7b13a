//! `check`'s summary, `stats`, `tally` and `supervise`: what the project holds, the
//! branch's ledger from members' record codes, the office's from units' receipts.

use std::path::Path;

use xuexi::diag::Diagnostic;
use xuexi::m;
use xuexi::model::Project;

/// The line `check` ends with when there is no error.
pub fn checked(project: &Project) {
    eprintln!(
        "{}",
        m!(
            "checked",
            materials = project.catalogue.materials.len(),
            plans = project.catalogue.plans.len(),
            quizzes = project.quizzes.len(),
            questions = project
                .quizzes
                .iter()
                .map(|q| q.questions.len())
                .sum::<usize>()
        )
    );
    if let Some(t) = &project.tasks {
        let required = t.tasks.iter().filter(|t| t.required).count();
        eprintln!(
            "{}",
            m!(
                "checked.tasks",
                tasks = t.tasks.len(),
                required = required,
                optional = t.tasks.len() - required,
                units = t.units.len()
            )
        );
    }
}

pub fn stats(project: &Project) {
    print!("{}", xuexi::stats::report(project));
}

pub fn tally(root: &Path, project: &Project, args: &xuexi::tally::Args) -> Result<(), Diagnostic> {
    xuexi::tally::run(root, project, args, &mut |line| eprintln!("{line}"))
        .map(|_| ())
        .map_err(|e| Diagnostic::plain(e.to_string()))
}

pub fn supervise(
    root: &Path,
    project: &Project,
    args: &xuexi::supervise::Args,
) -> Result<(), Diagnostic> {
    xuexi::supervise::run(root, project, args, &mut |line| eprintln!("{line}"))
        .map(|_| ())
        .map_err(|e| Diagnostic::plain(e.to_string()))
}
