//! `xuexi init`: a new project with a small example campaign and the Zola site.
//!
//! In: a folder that is empty or does not exist. Out: `catalogue.toml` (one material,
//! one plan), `quizzes/example.toml` (one question of each type), the Zola site (the
//! same templates, styles and scripts as the sample), and the Zola installer, so the
//! new project can be built on its own, and the JSON Schemas its files point at (the
//! `#:schema` line) for editor completion. A folder with anything in it is refused.

use std::path::{Path, PathBuf};

/// The sample's title, replaced by the example's in the copied site files.
const SAMPLE_TITLE: &str = "广安区党史学习教育";
const EXAMPLE_TITLE: &str = "示例学习活动";

macro_rules! files {
    ($($path:literal => $src:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $src)) as &[u8])),*]
    };
}

/// Every file `init` writes: path in the new project -> bytes (from this repository).
const FILES: &[(&str, &[u8])] = files! {
    "catalogue.toml" => "src/init/catalogue.toml",
    "quizzes/example.toml" => "src/init/example.toml",
    ".gitignore" => "src/init/gitignore",
    "site/content/about.md" => "src/init/about.md",
    "schemas/catalogue.schema.json" => "schemas/catalogue.schema.json",
    "schemas/quiz.schema.json" => "schemas/quiz.schema.json",
    "site/config.toml" => "site/config.toml",
    "site/templates/404.html" => "site/templates/404.html",
    "site/templates/base.html" => "site/templates/base.html",
    "site/templates/index.html" => "site/templates/index.html",
    "site/templates/page.html" => "site/templates/page.html",
    "site/templates/section.html" => "site/templates/section.html",
    "site/templates/robots.txt" => "site/templates/robots.txt",
    "site/templates/xuexi/breadcrumbs.html" => "site/templates/xuexi/breadcrumbs.html",
    "site/templates/xuexi/page.html" => "site/templates/xuexi/page.html",
    "site/templates/xuexi/section.html" => "site/templates/xuexi/section.html",
    "site/static/xuexi.css" => "site/static/xuexi.css",
    "site/static/xuexi.js" => "site/static/xuexi.js",
    "site/static/quiz.js" => "site/static/quiz.js",
    "site/static/sw.js" => "site/static/sw.js",
    "site/static/save.js" => "site/static/save.js",
    "site/static/search.js" => "site/static/search.js",
    "site/static/manifest.webmanifest" => "site/static/manifest.webmanifest",
    "site/static/icon.svg" => "site/static/icon.svg",
    "site/static/icon-192.png" => "site/static/icon-192.png",
    "site/static/icon-512.png" => "site/static/icon-512.png",
    "scripts/install-zola" => "scripts/install-zola",
    "scripts/install-zola.mjs" => "scripts/install-zola.mjs",
    "tools/zola/package.json" => "tools/zola/package.json",
    "tools/zola/package-lock.json" => "tools/zola/package-lock.json",
};

/// Why a project could not be made.
#[derive(Debug)]
pub enum InitError {
    NotEmpty(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::NotEmpty(p) => f.write_str(&m!("init.not-empty", path = p.display())),
            InitError::Io(p, e) => f.write_str(&m!("write.io", path = p.display(), e = e)),
        }
    }
}

/// Writes a new project into `dir`. Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<&'static str>, InitError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    for (rel, bytes) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let bytes: Vec<u8> = if rel.starts_with("site/") && !rel.ends_with(".png") {
            String::from_utf8_lossy(bytes)
                .replace(SAMPLE_TITLE, EXAMPLE_TITLE)
                .replace("\"党史学习\"", "\"学习\"")
                .into_bytes()
        } else {
            bytes.to_vec()
        };
        std::fs::write(&path, bytes).map_err(io(&path))?;
        #[cfg(unix)]
        if rel.starts_with("scripts/") {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(io(&path))?;
        }
    }
    Ok(FILES.iter().map(|(p, _)| *p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_project_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("new");
        init(&root).unwrap();
        let checked = crate::check(&root);
        assert_eq!(checked.diagnostics, vec![]);
        let project = checked.project.unwrap();
        let kinds: Vec<&str> = project.quizzes[0]
            .questions
            .iter()
            .map(|q| q.kind.name())
            .collect();
        assert_eq!(kinds, ["single", "multiple", "truefalse", "fill"]);
        let config = std::fs::read_to_string(root.join("site/config.toml")).unwrap();
        assert!(config.contains("title = \"示例学习活动\""));
    }

    /// One list of what xuexi writes: every owned folder and the bookkeeping folder are
    /// ignored by git, in this repository and in a new project.
    #[test]
    fn git_ignores_every_folder_xuexi_owns() {
        let ours =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.gitignore")).unwrap();
        let new = String::from_utf8_lossy(FILES.iter().find(|f| f.0 == ".gitignore").unwrap().1)
            .into_owned();
        let mut wanted: Vec<String> = crate::emit::zola::OWNED
            .iter()
            .map(|d| format!("site/content/{d}/"))
            .collect();
        wanted.push(format!("site/{}/", crate::write::STATE));
        for w in &wanted {
            assert!(ours.lines().any(|l| l == w), "{w} in .gitignore");
            assert!(new.lines().any(|l| l == w), "{w} in src/init/gitignore");
        }
    }

    #[test]
    fn a_folder_with_anything_in_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = init(dir.path()).unwrap_err();
        assert!(err.to_string().ends_with("is not empty, so nothing was written; give a new or empty folder, e.g. `xuexi init my-campaign`"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
