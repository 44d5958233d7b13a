//! `xuexi serve`'s side of Zola's live preview: one edit, one quick update.
//!
//! `zola serve` rebuilds the whole site (a second or more at national size) for every
//! file of `content/` that is not a page, one file after another, and waits a second
//! of quiet before it starts. A question edited at national size changes its quiz's
//! page and a hundred-odd shards of the search index (`search/b*.json`): minutes of
//! rebuilds. So `xuexi serve` runs Zola
//! - with a config of its own ([`CONFIG`], the author's `config.toml` plus
//!   `ignored_content` for the generated files Zola would only copy, [`PASSED`]):
//!   xuexi puts those into the folder Zola serves from ([`sync`]), which `zola serve`
//!   never empties while it runs;
//! - with `--fast` (a changed page or section is rendered alone) and a short
//!   `--debounce`, unless the author gave either;
//! - and when a section (`_index.md`: the lists, the home page, the campaign's data
//!   every page reads) changed, it has Zola rebuild everything ([`rebuild_all`]).

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

/// xuexi's Zola config for `serve`, in `site/.xuexi/`.
pub const CONFIG: &str = "serve.toml";

/// Generated files that Zola only copies, by folder of `content/` and extension: the
/// search index and the plans' calendars.
pub const PASSED: [(&str, &str); 2] = [("search", "json"), ("plans", "ics")];

/// How long Zola waits for quiet after a change, in milliseconds (its default: 1000).
/// xuexi writes the content of an edit within a few milliseconds.
pub const DEBOUNCE: &str = "50";

/// Writes [`CONFIG`] from the site's `config.toml`; returns its path relative to the
/// site, or `None` when `config.toml` cannot be read as TOML (Zola then says what is
/// wrong with it, when run on it as it is).
pub fn write_config(site: &Path) -> io::Result<Option<PathBuf>> {
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
    for (dir, ext) in PASSED {
        ignored.push(format!("**/content/{dir}/*.{ext}").into());
    }
    config.insert("ignored_content".into(), ignored.into());
    let rel = Path::new(crate::write::STATE).join(CONFIG);
    std::fs::create_dir_all(site.join(crate::write::STATE))?;
    let head = format!("# {}\n", m!("serve.config-comment"));
    crate::write::file(
        &site.join(&rel),
        (head + &toml::to_string(&config).map_err(io::Error::other)?).as_bytes(),
    )?;
    Ok(Some(rel))
}

/// The arguments for Zola: `-c <config> serve`, `--fast` and `--debounce` unless the
/// author gave them, then the author's.
pub fn zola_args(config: Option<&Path>, author: &[OsString]) -> Vec<OsString> {
    let gave = |long: &str, short: &str| {
        author.iter().any(|a| {
            let a = a.to_string_lossy();
            a == long || a == short || a.starts_with(&format!("{long}="))
        })
    };
    let mut args: Vec<OsString> = Vec::new();
    if let Some(config) = config {
        args.extend(["-c".into(), config.as_os_str().to_owned()]);
    }
    args.push("serve".into());
    if config.is_some() {
        if !gave("--fast", "-f") {
            args.push("--fast".into());
        }
        if !gave("--debounce", "-d") {
            args.extend(["--debounce".into(), DEBOUNCE.into()]);
        }
    }
    args.extend(author.iter().cloned());
    args
}

/// The folder `zola serve` serves files from: `--output-dir`/`-o` among the author's
/// arguments (relative to the current folder, as Zola reads it), else `site/public`.
pub fn output_dir(site: &Path, author: &[OsString]) -> PathBuf {
    let mut given = None;
    let mut args = author.iter().map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--output-dir" || a == "-o" {
            given = args.next().map(|v| PathBuf::from(v.as_ref()));
        } else if let Some(v) = a.strip_prefix("--output-dir=") {
            given = Some(PathBuf::from(v));
        }
    }
    given.unwrap_or_else(|| site.join("public"))
}

/// Puts the [`PASSED`] files of `site/content/` into `output` where they would be
/// published (a hard link, else a copy), and removes there the ones the content no
/// longer has. Returns how many changed.
pub fn sync(site: &Path, output: &Path) -> io::Result<usize> {
    let mut changed = 0;
    for (dir, ext) in PASSED {
        let (from, to) = (site.join("content").join(dir), output.join(dir));
        let names = |d: &Path| -> Vec<OsString> {
            std::fs::read_dir(d)
                .map(|entries| {
                    entries
                        .flatten()
                        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                        .map(|e| e.file_name())
                        .filter(|n| Path::new(n).extension().is_some_and(|x| x == ext))
                        .collect()
                })
                .unwrap_or_default()
        };
        let wanted = names(&from);
        if !wanted.is_empty() {
            std::fs::create_dir_all(&to)?;
        }
        for name in &wanted {
            let (src, dst) = (from.join(name), to.join(name));
            if !same(&src, &dst) {
                crate::write::link_or_copy(&src, &dst)?;
                changed += 1;
            }
        }
        for name in names(&to) {
            if !wanted.contains(&name) {
                std::fs::remove_file(to.join(name))?;
                changed += 1;
            }
        }
    }
    Ok(changed)
}

/// Whether `b` is `a` (the same file, or the same bytes).
fn same(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b))
            && x.dev() == y.dev()
            && x.ino() == y.ino()
        {
            return true;
        }
    }
    match (std::fs::read(a), std::fs::read(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// What the sections of `site/content/` are now (each `_index.md`'s size and time): a
/// change means a full rebuild.
pub fn sections(site: &Path) -> String {
    let content = site.join("content");
    let mut text = crate::stamp::file_line(&content.join("_index.md"));
    for dir in crate::emit::zola::OWNED {
        text.push_str(&crate::stamp::file_line(
            &content.join(dir).join("_index.md"),
        ));
        text.push('\n');
    }
    text
}

/// Has `zola serve` rebuild the whole site: its theme's `theme.toml` is written again
/// (the same bytes, a new file), which Zola takes as a change of theme.
pub fn rebuild_all(site: &Path) -> io::Result<()> {
    let path = site.join("themes/xuexi/theme.toml");
    let bytes = std::fs::read(&path)?;
    crate::write::file(&path, &bytes)
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
        let rel = write_config(site).unwrap().unwrap();
        assert_eq!(rel, Path::new(".xuexi/serve.toml"));
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
                "**/content/plans/*.ics"
            ]
        );
        // A config Zola would refuse is left to Zola.
        std::fs::write(site.join("config.toml"), "base_url = ").unwrap();
        assert_eq!(write_config(site).unwrap(), None);
        std::fs::write(site.join("config.toml"), "ignored_content = 1").unwrap();
        assert_eq!(write_config(site).unwrap(), None);
    }

    #[test]
    fn arguments_keep_the_authors() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let c = Path::new(".xuexi/serve.toml");
        assert_eq!(
            zola_args(Some(c), &os(&["--port", "8000"])),
            os(&[
                "-c",
                ".xuexi/serve.toml",
                "serve",
                "--fast",
                "--debounce",
                "50",
                "--port",
                "8000"
            ])
        );
        assert_eq!(
            zola_args(Some(c), &os(&["-f", "--debounce=300"])),
            os(&["-c", ".xuexi/serve.toml", "serve", "-f", "--debounce=300"])
        );
        assert_eq!(
            zola_args(None, &os(&["-p", "1"])),
            os(&["serve", "-p", "1"])
        );
        let site = Path::new("/s");
        assert_eq!(output_dir(site, &os(&["--port", "1"])), site.join("public"));
        assert_eq!(output_dir(site, &os(&["-o", "out"])), Path::new("out"));
        assert_eq!(output_dir(site, &os(&["--output-dir=o2"])), Path::new("o2"));
    }

    #[test]
    fn sync_follows_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let (site, out) = (dir.path().join("site"), dir.path().join("out"));
        let search = site.join("content/search");
        std::fs::create_dir_all(&search).unwrap();
        std::fs::write(search.join("b1.json"), "{\"a\":1}").unwrap();
        std::fs::write(search.join("_index.md"), "+++\n+++\n").unwrap();
        assert_eq!(sync(&site, &out).unwrap(), 1);
        assert_eq!(
            std::fs::read_to_string(out.join("search/b1.json")).unwrap(),
            "{\"a\":1}"
        );
        assert!(!out.join("search/_index.md").exists());
        assert_eq!(sync(&site, &out).unwrap(), 0, "nothing changed");
        // Replaced (as xuexi writes: a new file), added, removed.
        crate::write::file(&search.join("b1.json"), b"{\"a\":2}").unwrap();
        std::fs::write(search.join("b2.json"), "{}").unwrap();
        std::fs::create_dir_all(out.join("plans")).unwrap();
        std::fs::write(out.join("plans/old.ics"), "x").unwrap();
        assert_eq!(sync(&site, &out).unwrap(), 3);
        assert_eq!(
            std::fs::read_to_string(out.join("search/b1.json")).unwrap(),
            "{\"a\":2}"
        );
        assert!(out.join("search/b2.json").exists());
        assert!(!out.join("plans/old.ics").exists());
    }
}
