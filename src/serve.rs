//! `xuexi serve`'s side of Zola's live preview: one edit, one quick update.
//!
//! `zola serve` rebuilds the whole site (a second or more at national size) for every
//! file of `content/` that is not a page, one file after another, and waits a second
//! of quiet before it starts. A question edited at national size changes its quiz's
//! page and a hundred-odd shards of the search index (`search/b*.json`): minutes of
//! rebuilds. So `xuexi serve` runs Zola
//! - with a config of its own ([`CONFIG`], see [`crate::publish::passed`]): the
//!   generated files Zola would only copy are xuexi's to put into the folder Zola
//!   serves from, which `zola serve` never empties while it runs;
//! - into a folder of its own, `site/.xuexi/serve/` ([`with_own_output`]), unless
//!   the author names one: `public/` stays the last site `build` published;
//! - with `--fast` (a changed page or section is rendered alone) and a short
//!   `--debounce`, unless the author gave either;
//! - and when a section (`_index.md`: the lists, the home page, the campaign's data
//!   every page reads) changed, it has Zola rebuild everything ([`rebuild_all`]).

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

/// xuexi's Zola config for `serve`, in `site/.xuexi/`.
pub const CONFIG: &str = "serve.toml";

/// How long Zola waits for quiet after a change, in milliseconds (its default: 1000).
/// xuexi writes the content of an edit within a few milliseconds.
pub const DEBOUNCE: &str = "50";

/// The arguments for Zola: `-c <config> serve`, `--fast` and `--debounce` unless the
/// author gave them, then the author's. `again`: Zola is started again, and must
/// `--force` its way into the folder the last one left when it was given (`-o`).
pub fn zola_args(config: Option<&Path>, author: &[OsString], again: bool) -> Vec<OsString> {
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
    if again
        && (gave("--output-dir", "-o") || gave_prefix(author, "-o"))
        && !gave("--force", "--force")
    {
        args.push("--force".into());
    }
    args.extend(author.iter().cloned());
    args
}

/// Whether one of the author's arguments is `-o` with its value joined (`-o/tmp/x`).
fn gave_prefix(author: &[OsString], short: &str) -> bool {
    author
        .iter()
        .any(|a| a.to_string_lossy().starts_with(short) && a.len() > short.len())
}

/// The folder `zola serve` serves files from: `--output-dir`/`-o` among the author's
/// arguments (relative to the current folder, as Zola reads it), else [`OWN_OUTPUT`] in
/// `site/.xuexi/` ([`with_own_output`]).
pub fn output_dir(site: &Path, author: &[OsString]) -> PathBuf {
    given_output(author).unwrap_or_else(|| site.join(crate::write::STATE).join(OWN_OUTPUT))
}

/// The folder of `site/.xuexi/` that `zola serve` writes into unless the author names
/// one: never `public/`, which is `build`'s (the last good site), so that a `build` in
/// another window and the preview never write into each other's folder.
pub const OWN_OUTPUT: &str = "serve";

/// The author's arguments for `zola serve`, with `-o site/.xuexi/serve --force` in front when
/// they name no folder; a folder an earlier `serve` left there is removed first (Zola
/// wants a new one).
pub fn with_own_output(site: &Path, author: &[OsString]) -> io::Result<Vec<OsString>> {
    if given_output(author).is_some() {
        return Ok(author.to_vec());
    }
    let own = output_dir(site, author);
    if std::fs::symlink_metadata(&own).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(&own)?;
    }
    // `--force`: a full rebuild (a changed theme) has Zola check the folder again.
    let mut args: Vec<OsString> = vec!["-o".into(), own.into_os_string(), "--force".into()];
    args.extend(author.iter().cloned());
    Ok(args)
}

fn given_output(author: &[OsString]) -> Option<PathBuf> {
    let mut given = None;
    let mut args = author.iter().map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--output-dir" || a == "-o" {
            given = args.next().map(|v| PathBuf::from(v.as_ref()));
        } else if let Some(v) = a.strip_prefix("--output-dir=") {
            given = Some(PathBuf::from(v));
        } else if let Some(v) = a.strip_prefix("-o").filter(|v| !v.is_empty()) {
            given = Some(PathBuf::from(v));
        }
    }
    given
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
    fn arguments_keep_the_authors() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let c = Path::new(".xuexi/serve.toml");
        assert_eq!(
            zola_args(Some(c), &os(&["--port", "8000"]), false),
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
            zola_args(Some(c), &os(&["-f", "--debounce=300"]), true),
            os(&["-c", ".xuexi/serve.toml", "serve", "-f", "--debounce=300"])
        );
        assert_eq!(
            zola_args(None, &os(&["-p", "1"]), false),
            os(&["serve", "-p", "1"])
        );
        // Started again in the folder the last Zola left.
        assert_eq!(
            zola_args(None, &os(&["-o", "out"]), true),
            os(&["serve", "--force", "-o", "out"])
        );
        assert_eq!(
            zola_args(None, &os(&["-o", "out", "--force"]), true),
            os(&["serve", "-o", "out", "--force"])
        );
        let site = Path::new("/s");
        assert_eq!(
            output_dir(site, &os(&["--port", "1"])),
            site.join(".xuexi/serve")
        );
        assert_eq!(output_dir(site, &os(&["-o", "out"])), Path::new("out"));
        assert_eq!(output_dir(site, &os(&["--output-dir=o2"])), Path::new("o2"));
        assert_eq!(output_dir(site, &os(&["-oo3"])), Path::new("o3"));
    }

    #[test]
    fn without_a_folder_of_the_authors_zola_serves_from_xuexis_own() {
        let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let own = site.join(".xuexi/serve");
        std::fs::create_dir_all(own.join("old")).unwrap();
        assert_eq!(
            with_own_output(site, &os(&["--port", "1"])).unwrap(),
            [
                OsString::from("-o"),
                own.clone().into(),
                "--force".into(),
                "--port".into(),
                "1".into()
            ]
        );
        assert!(!own.exists(), "the folder an earlier serve left is removed");
        assert_eq!(
            with_own_output(site, &os(&["-o", "mine"])).unwrap(),
            os(&["-o", "mine"])
        );
    }
}
