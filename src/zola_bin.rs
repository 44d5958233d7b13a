//! Finding and running Zola.
//!
//! In: `--zola PATH`, `$ZOLA`, the project's own copy (`tools/zola/bin/zola`, written by
//! `scripts/install-zola`), then `zola` on `PATH`, in that order. Out: a checked Zola
//! 0.22 ready to run, or a diagnostic that says how to get one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diag::Diagnostic;

/// The Zola minor version the site templates target.
pub const WANTED: &str = "0.22";

/// Where the installer puts the project's own Zola.
pub const PROJECT_COPY: &str = "tools/zola/bin/zola";

/// How to get Zola, in the language in use.
fn how_to_get() -> String {
    m!("zola.how", wanted = WANTED)
}

/// A Zola that answered `--version` with the wanted version.
#[derive(Debug, Clone)]
pub struct Zola {
    pub path: PathBuf,
    pub version: String,
}

/// Finds Zola for the project at `root`.
pub fn find(root: &Path, flag: Option<&Path>) -> Result<Zola, Diagnostic> {
    let (path, from) = if let Some(p) = flag {
        (p.to_path_buf(), "--zola".to_string())
    } else if let Some(p) = std::env::var_os("ZOLA").filter(|p| !p.is_empty()) {
        (PathBuf::from(p), "$ZOLA".to_string())
    } else if root.join(PROJECT_COPY).is_file() {
        (root.join(PROJECT_COPY), m!("zola.from.project"))
    } else if let Some(p) = on_path("zola") {
        (p, "PATH".to_string())
    } else {
        return Err(Diagnostic::plain(m!("zola.missing")).note(how_to_get()));
    };
    let out = Command::new(&path).arg("--version").output().map_err(|e| {
        Diagnostic::plain(m!(
            "zola.cannot-run",
            path = path.display(),
            from = from,
            e = crate::i18n::Io(&e)
        ))
        .note(how_to_get())
    })?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let number = version.strip_prefix("zola ").unwrap_or("");
    if !out.status.success() || !number.starts_with(&format!("{WANTED}.")) {
        let says = if version.is_empty() {
            String::from_utf8_lossy(&out.stderr).trim().to_string()
        } else {
            version
        };
        return Err(Diagnostic::plain(m!(
            "zola.version",
            path = path.display(),
            from = from,
            says = says,
            wanted = WANTED
        ))
        .note(how_to_get()));
    }
    Ok(Zola { path, version })
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

impl Zola {
    /// Starts `zola --root SITE <args>`; its output goes straight to the terminal. On
    /// Linux the child is told to stop when xuexi ends, however it ends (even by
    /// kill -9), so no Zola is left behind holding a port.
    pub fn spawn(&self, site: &Path, args: &[OsString]) -> Result<std::process::Child, Diagnostic> {
        self.spawn_with(site, args, false)
    }

    /// [`Zola::spawn`], with its standard error piped to xuexi when `piped`.
    fn spawn_with(
        &self,
        site: &Path,
        args: &[OsString],
        piped: bool,
    ) -> Result<std::process::Child, Diagnostic> {
        let mut cmd = Command::new(&self.path);
        cmd.arg("--root").arg(site).args(args);
        if piped {
            cmd.stderr(std::process::Stdio::piped());
        }
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        cmd.spawn().map_err(|e| {
            Diagnostic::plain(m!(
                "zola.spawn",
                path = self.path.display(),
                e = crate::i18n::Io(&e)
            ))
        })
    }

    /// Runs `zola --root SITE <args>` to the end; its output goes to the terminal, its
    /// errors with any operating system error in the catalogue's words
    /// ([`crate::i18n::os_words_in`]: Zola says a full disk in the system's English).
    pub fn run(&self, site: &Path, args: &[OsString]) -> Result<(), Diagnostic> {
        let mut child = self.spawn_with(site, args, true)?;
        if let Some(stderr) = child.stderr.take() {
            use std::io::{BufRead, Write};
            let mut out = std::io::stderr().lock();
            for line in std::io::BufReader::new(stderr)
                .split(b'\n')
                .map_while(Result::ok)
            {
                let line = String::from_utf8_lossy(&line);
                let _ = writeln!(out, "{}", crate::i18n::os_words_in(&line));
            }
        }
        let status = child.wait().map_err(|e| {
            Diagnostic::plain(m!(
                "zola.spawn",
                path = self.path.display(),
                e = crate::i18n::Io(&e)
            ))
        })?;
        if status.success() {
            Ok(())
        } else {
            // The command, after global options such as `-c <config>`.
            let cmd = args
                .iter()
                .map(|a| a.to_string_lossy())
                .find(|a| ["build", "serve", "check"].contains(&a.as_ref()))
                .map(|a| a.into_owned())
                .unwrap_or_default();
            Err(Diagnostic::plain(m!(
                "zola.failed",
                cmd = cmd,
                status = status
            )))
        }
    }
}
