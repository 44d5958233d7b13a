//! `offline`: the single-file copies, written where the author asks.

use std::path::{Path, PathBuf};

use xuexi::diag::Diagnostic;
use xuexi::m;
use xuexi::model::Project;

use super::plain;

/// Writes the offline copies asked for into `out` (default `root/offline`).
pub fn offline(
    root: &Path,
    project: &Project,
    plan: &Option<String>,
    quiz: &Option<String>,
    out: &Option<PathBuf>,
) -> Result<(), Diagnostic> {
    use xuexi::emit::offline::{Assets, Renderer, human_size, write};
    let assets = Assets::of(root, project).map_err(plain)?;
    let copies = Renderer::new(project, &assets)
        .all(plan.as_deref(), quiz.as_deref())
        .map_err(plain)?;
    let dir = out.clone().unwrap_or_else(|| root.join("offline"));
    let paths = write(&dir, &copies).map_err(|e| {
        Diagnostic::plain(m!(
            "offline.error",
            dir = dir.display(),
            e = xuexi::i18n::Io(&e)
        ))
    })?;
    for (path, c) in paths.iter().zip(&copies) {
        eprintln!(
            "{}",
            m!(
                "offline.wrote",
                path = path.display(),
                size = human_size(c.html.len())
            )
        );
    }
    Ok(())
}
