//! The generated files that reach the published folder without Zola.
//!
//! Zola only copies some of what xuexi generates into `content/`: the offline copies,
//! the search index and the plans' calendars ([`PASSED`]), 200 MB at national size.
//! Copying them costs Zola more than its pages do; `zola serve` even rebuilds the whole
//! site for each one that changes. So xuexi runs Zola with a config of its own
//! ([`write_config`]: the author's `config.toml` plus `ignored_content` for these
//! files) and puts them where Zola would have ([`place`]). After `zola build` they are
//! hard links, so the published file is the generated one, which [`super::compress`]
//! need not read again when its copies are made already ([`super::Warm`]); for `zola
//! serve`, which may write into its folder, copies ([`crate::serve`]).

use std::io;
use std::path::{Path, PathBuf};

/// The generated files Zola only copies: folder of `content/` and how a name ends.
pub const PASSED: [(&str, &str); 4] = [
    ("search", ".json"),
    ("plans", ".ics"),
    ("plans", crate::emit::zola::OFFLINE_COPY),
    ("quizzes", crate::emit::zola::OFFLINE_COPY),
];

/// Writes `site/.xuexi/<name>` (a Zola config) from the site's `config.toml` with
/// [`PASSED`] added to its `ignored_content`; returns its path relative to the site, or
/// `None` when `config.toml` cannot be read as TOML or its `ignored_content` is not a
/// list (then Zola is run on the author's config as it is, and says what is wrong).
pub fn write_config(site: &Path, name: &str) -> io::Result<Option<PathBuf>> {
    let Ok(text) = std::fs::read_to_string(site.join("config.toml")) else {
        return Ok(None);
    };
    let Ok(mut config) = text.parse::<toml::Table>() else {
        return Ok(None);
    };
    let mut ignored = match config.remove("ignored_content") {
        Some(toml::Value::Array(a)) => a,
        Some(_) => return Ok(None),
        None => Vec::new(),
    };
    for (dir, end) in PASSED {
        ignored.push(format!("**/content/{dir}/*{end}").into());
    }
    config.insert("ignored_content".into(), ignored.into());
    let rel = Path::new(crate::write::STATE).join(name);
    let text = format!(
        "# {}\n{}",
        m!("zola.config-comment"),
        toml::to_string(&config).map_err(io::Error::other)?
    );
    if std::fs::read_to_string(site.join(&rel)).is_ok_and(|old| old == text) {
        return Ok(Some(rel));
    }
    std::fs::create_dir_all(site.join(crate::write::STATE))?;
    crate::write::file(&site.join(&rel), text.as_bytes())?;
    Ok(Some(rel))
}

/// The [`PASSED`] files in `site/content/`, as paths relative to it.
pub fn files(site: &Path) -> Vec<PathBuf> {
    let content = site.join("content");
    let mut out = Vec::new();
    for (dir, end) in PASSED {
        let Ok(entries) = std::fs::read_dir(content.join(dir)) else {
            continue;
        };
        out.extend(
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name())
                .filter(|n| passed(&n.to_string_lossy(), end))
                .map(|n| Path::new(dir).join(n)),
        );
    }
    // Sorted: `place` looks names up in it.
    out.sort();
    out
}

/// Whether a file named `name` in a folder of [`PASSED`] with ending `end` is one.
fn passed(name: &str, end: &str) -> bool {
    name.len() > end.len() && name.ends_with(end)
}

/// Puts the [`PASSED`] files of `site/content/` into `output` where Zola would have,
/// unless the same bytes are there already, and removes the
/// ones of `before` (what an earlier call placed: `serve`'s folder lives on) that the
/// content no longer has; nothing else is removed (a file of the same kind there may be
/// the author's, from `static/`). Returns how many changed, and what was placed.
/// With `link`, a file is put as a hard link (else a copy): only where nothing writes
/// into `output` any more, as after `zola build`; `zola serve` copies a changed static
/// file into its folder in place, which would write through a link into `content/`.
pub fn place(
    site: &Path,
    output: &Path,
    before: &[PathBuf],
    link: bool,
) -> io::Result<(usize, Vec<PathBuf>)> {
    let content = site.join("content");
    let wanted = files(site);
    let mut changed = 0;
    for rel in &wanted {
        let (src, dst) = (content.join(rel), output.join(rel));
        if same(&src, &dst) {
            continue;
        }
        if let Some(dir) = dst.parent() {
            std::fs::create_dir_all(dir).map_err(crate::i18n::at(dir))?;
        }
        if link {
            crate::write::link_or_copy(&src, &dst).map_err(crate::i18n::at(&dst))?;
        } else {
            let bytes = std::fs::read(&src).map_err(crate::i18n::at(&src))?;
            crate::write::file(&dst, &bytes).map_err(crate::i18n::at(&dst))?;
        }
        changed += 1;
    }
    for rel in before {
        if wanted.binary_search(rel).is_err()
            && std::fs::symlink_metadata(output.join(rel)).is_ok_and(|m| m.is_file())
        {
            std::fs::remove_file(output.join(rel))?;
            changed += 1;
        }
    }
    Ok((changed, wanted))
}

/// Whether `b` is the file `a` (a hard link to it), or holds the same bytes.
fn same(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) if x.len() == y.len() => {}
        _ => return false,
    }
    if same_file(a, b) {
        return true;
    }
    match (std::fs::read(a), std::fs::read(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Whether `a` and `b` are the same file (one inode), not only the same bytes.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    #[cfg(not(unix))]
    let _ = (a, b);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_ignores_what_xuexi_passes() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::write(
            site.join("config.toml"),
            "base_url = \"/djxx/\"\nignored_content = [\"*.xlsx\"]\n[extra]\na = 1\n",
        )
        .unwrap();
        let rel = write_config(site, "build.toml").unwrap().unwrap();
        assert_eq!(rel, Path::new(".xuexi/build.toml"));
        let text = std::fs::read_to_string(site.join(&rel)).unwrap();
        assert!(text.starts_with("# "), "{text}");
        let t: toml::Table = text.parse().unwrap();
        assert_eq!(t["base_url"].as_str(), Some("/djxx/"));
        assert_eq!(t["extra"]["a"].as_integer(), Some(1));
        let ignored: Vec<&str> = t["ignored_content"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            ignored,
            [
                "*.xlsx",
                "**/content/search/*.json",
                "**/content/plans/*.ics",
                "**/content/plans/*.offline.html",
                "**/content/quizzes/*.offline.html"
            ]
        );
        // A config Zola would refuse is left to Zola.
        std::fs::write(site.join("config.toml"), "base_url = ").unwrap();
        assert_eq!(write_config(site, "build.toml").unwrap(), None);
        std::fs::write(site.join("config.toml"), "ignored_content = 1").unwrap();
        assert_eq!(write_config(site, "build.toml").unwrap(), None);
    }

    #[test]
    fn placed_as_the_content_has_them() {
        let dir = tempfile::tempdir().unwrap();
        let (site, out) = (dir.path().join("site"), dir.path().join("out"));
        let (search, plans) = (site.join("content/search"), site.join("content/plans"));
        for d in [&search, &plans] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(search.join("b1.json"), "{\"a\":1}").unwrap();
        std::fs::write(search.join("_index.md"), "+++\n+++\n").unwrap();
        std::fs::write(plans.join("p.ics"), "BEGIN:VCALENDAR").unwrap();
        std::fs::write(plans.join("p.offline.html"), "<p>").unwrap();
        std::fs::write(plans.join("p.md"), "+++\n+++\n").unwrap();
        let (n, placed) = place(&site, &out, &[], true).unwrap();
        assert_eq!(n, 3);
        assert!(same_file(
            &search.join("b1.json"),
            &out.join("search/b1.json")
        ));
        assert!(same_file(&plans.join("p.ics"), &out.join("plans/p.ics")));
        assert!(out.join("plans/p.offline.html").exists());
        assert!(!out.join("search/_index.md").exists());
        assert!(!out.join("plans/p.md").exists());
        assert_eq!(
            place(&site, &out, &placed, true).unwrap().0,
            0,
            "nothing changed"
        );
        // Replaced (as xuexi writes: a new file), added, removed: only what was placed
        // before is removed (not the author's own file from static/).
        std::fs::write(out.join("search/mine.json"), "{}").unwrap();
        crate::write::file(&search.join("b1.json"), b"{\"a\":2}").unwrap();
        std::fs::write(search.join("b2.json"), "{}").unwrap();
        std::fs::remove_file(plans.join("p.ics")).unwrap();
        assert_eq!(place(&site, &out, &[], true).unwrap().0, 2);
        assert!(out.join("plans/p.ics").exists());
        assert_eq!(place(&site, &out, &placed, true).unwrap().0, 1);
        assert!(out.join("search/mine.json").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("search/b1.json")).unwrap(),
            "{\"a\":2}"
        );
        assert!(out.join("search/b2.json").exists());
        assert!(!out.join("plans/p.ics").exists());
    }
}
