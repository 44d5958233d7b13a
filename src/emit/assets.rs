//! The reader's stylesheet and scripts: part of xuexi, like its markup, its search
//! index and its answer matcher, which they read.
//!
//! In: nothing but the files embedded here (`src/emit/assets/`). Out: a Zola theme,
//! `site/themes/xuexi/` (`theme.toml`, an empty `templates/`, `static/` with the files),
//! written by every `generate` and named by `theme = "xuexi"` in `site/config.toml`.
//! Zola serves a theme's static files at the site root, and a file of the same name in
//! the site's own `static/` replaces one: `site/static/` holds only an author's
//! deliberate overrides. Each file's first line carries [`MARK`] and [`VERSION`]; an
//! override without the current mark is a copy from an older xuexi (today's pages and
//! index may not work with it), which `check` says.

use std::path::{Path, PathBuf};

/// The theme's name, as `site/config.toml` must give it.
pub const THEME: &str = "xuexi";

/// What the first line of each file says, before [`VERSION`].
pub const MARK: &str = "xuexi-assets ";

/// The version of the contract between these files and what xuexi writes (markup, data
/// attributes, the search index, the save lists): raised whenever it changes, so that
/// an override copied from an earlier version is told apart. 1 is every copy made
/// before the files were xuexi's own (they carry no mark).
pub const VERSION: u32 = 2;

/// The files, by name.
pub const FILES: [(&str, &str); 7] = [
    ("xuexi.css", include_str!("assets/xuexi.css")),
    ("xuexi.js", include_str!("assets/xuexi.js")),
    ("quiz.js", include_str!("assets/quiz.js")),
    ("plan.js", include_str!("assets/plan.js")),
    ("search.js", include_str!("assets/search.js")),
    ("save.js", include_str!("assets/save.js")),
    ("sw.js", include_str!("assets/sw.js")),
];

/// The built-in file `name`.
pub fn builtin(name: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The file `name` as the site at `site` serves it: the author's override in
/// `static/`, else the built-in one.
pub fn read(site: &Path, name: &str) -> std::io::Result<String> {
    match std::fs::read_to_string(site.join("static").join(name)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            builtin(name).map(str::to_string).ok_or(e)
        }
        other => other,
    }
}

/// The theme's folder in the site at `site`.
fn theme_dir(site: &Path) -> PathBuf {
    site.join("themes").join(THEME)
}

/// Writes the theme into the site at `site`, each file only when its bytes differ
/// (each through [`crate::write::file`]: beside its target, then renamed). What a run
/// killed while writing left beside a file goes first: Zola would publish it.
pub fn write_theme(site: &Path) -> Result<(), crate::write::WriteError> {
    let dir = theme_dir(site);
    let mut files: Vec<(PathBuf, &str)> = vec![(dir.join("theme.toml"), THEME_TOML)];
    files.extend(FILES.iter().map(|(n, t)| (dir.join("static").join(n), *t)));
    for (path, text) in files {
        let tmp = crate::write::tmp_of(&path);
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(crate::write::WriteError::Io(tmp, e));
            }
            _ => {}
        }
        if std::fs::read(&path).is_ok_and(|b| b == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| crate::write::WriteError::Io(parent.to_path_buf(), e))?;
        }
        crate::write::file(&path, text.as_bytes())
            .map_err(|e| crate::write::WriteError::Io(path.clone(), e))?;
    }
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates)
        .map_err(|e| crate::write::WriteError::Io(templates.clone(), e))
}

const THEME_TOML: &str = "# Written by xuexi on every run: its reader's stylesheet and scripts. Do not edit:\n# a file of the same name in site/static/ replaces one of static/ here.\nname = \"xuexi\"\ndescription = \"xuexi\"\n";

/// The version an override's first line carries: 1 without a mark.
pub fn version_of(text: &str) -> u32 {
    let first = text.lines().next().unwrap_or("");
    first
        .find(MARK)
        .and_then(|at| {
            first[at + MARK.len()..]
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(1)
}

/// The names of the overrides in the site at `site` not made for this version.
pub fn old_overrides(site: &Path) -> Vec<&'static str> {
    FILES
        .iter()
        .filter_map(|(name, _)| {
            let text = std::fs::read_to_string(site.join("static").join(name)).ok()?;
            (version_of(&text) < VERSION).then_some(*name)
        })
        .collect()
}

/// The theme the Zola configuration `config` names at its top level: `Ok(None)` for
/// none, `Err(())` when it is not TOML (Zola says why).
#[allow(clippy::result_unit_err)]
pub fn configured_theme(config: &str) -> Result<Option<String>, ()> {
    let table = config.parse::<toml::Table>().map_err(|_| ())?;
    Ok(table
        .get("theme")
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_carries_the_current_mark() {
        for (name, text) in FILES {
            assert_eq!(version_of(text), VERSION, "{name}");
        }
        assert_eq!(version_of("// quiz.js: the interactive quiz"), 1);
        assert_eq!(version_of("/* xuexi-assets 7: later */"), 7);
    }

    /// The worker and the pages keep one cache and one mark of an opened page: sw.js's
    /// `CACHE` and `OPENED` are xuexi.js's `keys.cache` and `keys.opened`.
    #[test]
    fn the_worker_and_the_pages_name_one_cache() {
        let quoted = |text: &str, after: &str| {
            let at = text.find(after).unwrap() + after.len();
            text[at..].split('"').nth(1).unwrap().to_string()
        };
        let pages = quoted(builtin("xuexi.js").unwrap(), "    cache: ");
        assert_eq!(quoted(builtin("sw.js").unwrap(), "const CACHE = "), pages);
        assert_eq!(pages, "xuexi-site");
        let opened = quoted(builtin("xuexi.js").unwrap(), "    opened: ");
        assert_eq!(quoted(builtin("sw.js").unwrap(), "const OPENED = "), opened);
    }

    #[test]
    fn the_theme_is_found_only_at_the_top_level() {
        let theme = |config: &str| configured_theme(config);
        assert_eq!(
            theme("theme = \"xuexi\"\nbase_url = \"/\"\n"),
            Ok(Some(THEME.to_string()))
        );
        assert_eq!(
            theme("base_url = \"/\"\n[extra]\ntheme = \"xuexi\"\n"),
            Ok(None)
        );
        assert_eq!(theme("theme = \"other\"\n"), Ok(Some("other".to_string())));
        assert_eq!(theme("not toml ["), Err(()));
    }

    #[test]
    fn an_override_replaces_the_builtin_and_an_old_one_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        assert_eq!(read(site, "quiz.js").unwrap(), builtin("quiz.js").unwrap());
        std::fs::create_dir_all(site.join("static")).unwrap();
        std::fs::write(site.join("static/quiz.js"), "// quiz.js: old\n").unwrap();
        std::fs::write(site.join("static/xuexi.css"), builtin("xuexi.css").unwrap()).unwrap();
        assert_eq!(read(site, "quiz.js").unwrap(), "// quiz.js: old\n");
        assert_eq!(old_overrides(site), ["quiz.js"]);
        // A run killed while writing left half a file beside its target: the next run
        // removes it (Zola would publish it).
        let tmp = crate::write::tmp_of(&theme_dir(site).join("static/quiz.js"));
        std::fs::create_dir_all(tmp.parent().unwrap()).unwrap();
        std::fs::write(&tmp, "// half").unwrap();
        write_theme(site).unwrap();
        assert!(!tmp.exists());
        for (name, text) in FILES {
            assert_eq!(
                std::fs::read_to_string(theme_dir(site).join("static").join(name)).unwrap(),
                text
            );
        }
        assert!(theme_dir(site).join("templates").is_dir());
    }
}
