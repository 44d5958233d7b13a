//! `import` and `export`: question banks in and out of spreadsheets.

use std::path::Path;

use xuexi::diag::Diagnostic;
use xuexi::import::msg;
use xuexi::model::Project;

/// Imports a spreadsheet into `quizzes/<id>.toml` (runs without a checked project: the
/// bank may be the first one, or the project may not exist yet).
pub fn import(root: &Path, args: &xuexi::import::Args) -> Result<(), Diagnostic> {
    xuexi::import::run(root, args, &mut |line| eprintln!("{line}"))
        .map_err(|e| Diagnostic::plain(e.to_string()))
}

/// Imports the office's list of units into `tasks.toml`.
pub fn units(root: &Path, file: &Path) -> Result<(), Diagnostic> {
    xuexi::import::units::run(root, file, &mut |line| eprintln!("{line}"))
        .map_err(|e| Diagnostic::plain(e.to_string()))
}

/// Exports one bank to `.xlsx` or `.csv`.
pub fn export(project: &Project, quiz: &str, file: &Path) -> Result<(), Diagnostic> {
    let bank = project
        .quizzes
        .iter()
        .find(|q| q.id.as_str() == quiz)
        .ok_or_else(|| Diagnostic::plain(msg::no_quiz(quiz)))?;
    xuexi::import::export(bank, file).map_err(|e| Diagnostic::plain(e.to_string()))?;
    eprintln!("{}", msg::exported(file, bank.questions.len()));
    Ok(())
}
