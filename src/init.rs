//! `xuexi init`: a new project with a small example campaign and the Zola site.
//!
//! In: a folder that is empty or does not exist, and the first day of the campaign
//! (by default the first Monday after today). Out: `catalogue.toml` (one material, one
//! plan, dated from that day, with Chinese comments), `quizzes/example.toml` (one
//! question of each type), `tasks.toml` (three units and four tasks for the office), the Zola site (the same templates, styles and scripts as
//! the sample), the Zola installer, the authoring guide (`docs/`), and the JSON Schemas
//! its files point at (the `#:schema` line) for editor completion, so the new project
//! can be built and written on its own. A folder with anything in it is refused.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

macro_rules! files {
    ($($path:literal => $src:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $src)) as &[u8])),*]
    };
}

/// Every file `init` writes: path in the new project -> bytes (from this repository).
const FILES: &[(&str, &[u8])] = files! {
    "catalogue.toml" => "src/init/catalogue.toml",
    "docs/authoring.zh-CN.md" => "docs/authoring.zh-CN.md",
    "docs/authoring.en.md" => "docs/authoring.en.md",
    "docs/record-code.zh-CN.md" => "docs/record-code.zh-CN.md",
    "quizzes/example.toml" => "src/init/example.toml",
    "tasks.toml" => "src/init/tasks.toml",
    "schemas/tasks.schema.json" => "schemas/tasks.schema.json",
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
    "site/static/icon.svg" => "site/static/icon.svg",
    "site/static/icon-192.png" => "site/static/icon-192.png",
    "site/static/icon-512.png" => "site/static/icon-512.png",
    "docs/deploy.zh-CN.md" => "docs/deploy.zh-CN.md",
    "docs/deploy.en.md" => "docs/deploy.en.md",
    "scripts/install-zola" => "scripts/install-zola",
    "scripts/install-zola.mjs" => "scripts/install-zola.mjs",
    "tools/zola/package.json" => "tools/zola/package.json",
    "tools/zola/package-lock.json" => "tools/zola/package-lock.json",
};

/// Why a project could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder holds something already (other than `.git`).
    #[error("{}", m!("init.not-empty", path = .0.display()))]
    NotEmpty(PathBuf),
    #[error("{}", m!("write.io", path = .0.display(), e = crate::i18n::Io(.1)))]
    Io(PathBuf, #[source] std::io::Error),
}

/// The first day of a new campaign when none is given: the first Monday after `today`,
/// so the example starts soon and at the start of a week.
pub fn default_start(today: Date) -> Date {
    let mut d = today.tomorrow().unwrap_or(today);
    while d.weekday() != jiff::civil::Weekday::Monday {
        d = d.tomorrow().unwrap_or(d);
    }
    d
}

/// The example catalogue (or task list), dated from `start`: two readings due at the end of the
/// second and fourth weeks, a milestone at the end of the sixth, twelve weeks in all.
pub(crate) fn catalogue(template: &str, start: Date) -> String {
    let day = |n: i64| {
        start
            .checked_add(jiff::Span::new().days(n))
            .unwrap_or(start)
            .to_string()
    };
    template
        .replace("@START@", &start.to_string())
        .replace("@DUE1@", &day(13))
        .replace("@DUE2@", &day(27))
        .replace("@MILESTONE@", &day(41))
        .replace("@SKIP@", &day(4))
        .replace("@END@", &day(83))
}

/// Writes a new project into `dir`, its campaign starting on `start`. Returns the
/// files written, relative to `dir`.
pub fn init(dir: &Path, start: Date) -> Result<Vec<&'static str>, InitError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    if dir.exists() {
        // A new git repository (only `.git`) counts as empty.
        let mut entries = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .filter(|e| e.as_ref().map_or(true, |e| e.file_name() != ".git"));
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    for (rel, bytes) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        if *rel == "catalogue.toml" || *rel == "tasks.toml" {
            let text = catalogue(&String::from_utf8_lossy(bytes), start);
            crate::write::file(&path, text.as_bytes()).map_err(io(&path))?;
        } else {
            crate::write::file(&path, bytes).map_err(io(&path))?;
        }
        #[cfg(unix)]
        if rel.starts_with("scripts/") {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(io(&path))?;
        }
    }
    // Every reader-facing string, commented out, for the author to change.
    let strings = dir.join(crate::ui::FILE);
    crate::write::file(&strings, crate::ui::template().as_bytes()).map_err(io(&strings))?;
    let mut written: Vec<&'static str> = FILES.iter().map(|(p, _)| *p).collect();
    written.push(crate::ui::FILE);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_project_checks_clean() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("new");
        let start = jiff::civil::date(2027, 3, 1);
        init(&root, start).unwrap();
        let checked = crate::check(&root);
        assert_eq!(checked.diagnostics, vec![]);
        let project = checked.project.unwrap();
        let kinds: Vec<&str> = project.quizzes[0]
            .questions
            .iter()
            .map(|q| q.kind.name())
            .collect();
        assert_eq!(kinds, ["single", "multiple", "truefalse", "fill"]);
        let camp = &project.catalogue.campaign;
        assert_eq!(camp.start.get_ref().to_string(), "2027-03-01");
        assert_eq!(camp.end.get_ref().to_string(), "2027-05-23");
        let plan = &project.catalogue.plans[0];
        let dues: Vec<String> = plan
            .readings
            .iter()
            .map(|r| r.due.get_ref().to_string())
            .collect();
        assert_eq!(dues, ["2027-03-14", "2027-03-28"]);
        let tasks = project.tasks.expect("the example task list");
        assert_eq!((tasks.units.len(), tasks.tasks.len()), (3, 4));
        // Comments are for the author, in Chinese; the guide they point at is there.
        let text = std::fs::read_to_string(root.join("catalogue.toml")).unwrap();
        for file in [
            "catalogue.toml",
            "quizzes/example.toml",
            "tasks.toml",
            ".gitignore",
            "site/config.toml",
        ] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            for line in text
                .lines()
                .filter(|l| l.starts_with('#') && !l.starts_with("#:"))
            {
                assert!(
                    line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{file}: a comment not in Chinese: {line}"
                );
            }
        }
        assert!(text.contains("docs/authoring.zh-CN.md"));
        assert!(root.join("docs/authoring.zh-CN.md").is_file());
        assert!(!text.contains('@'), "a date left unfilled:\n{text}");
    }

    #[test]
    fn a_new_campaign_starts_on_the_next_monday() {
        let d = jiff::civil::date;
        assert_eq!(default_start(d(2026, 11, 28)), d(2026, 11, 30)); // a Saturday
        assert_eq!(default_start(d(2026, 11, 30)), d(2026, 12, 7)); // a Monday
        assert_eq!(default_start(d(2026, 12, 31)), d(2027, 1, 4));
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
        wanted.push(format!("site/{}", crate::publish::NGINX));
        for w in &wanted {
            assert!(ours.lines().any(|l| l == w), "{w} in .gitignore");
            assert!(new.lines().any(|l| l == w), "{w} in src/init/gitignore");
        }
    }

    #[test]
    fn a_folder_with_anything_in_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = init(dir.path(), jiff::civil::date(2027, 3, 1)).unwrap_err();
        assert!(err.to_string().ends_with("is not empty, so nothing was written; give a new or empty folder, e.g. `xuexi init my-campaign`"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
