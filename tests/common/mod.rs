//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the sample project).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the sample project (catalogue, quizzes, Zola site without generated or built
/// files) into a new temporary folder.
pub fn sample_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(
        &repo().join("catalogue.toml"),
        &dir.path().join("catalogue.toml"),
    );
    copy(&repo().join("quizzes"), &dir.path().join("quizzes"));
    for part in ["config.toml", "templates", "static", "content/about.md"] {
        copy(
            &repo().join("site").join(part),
            &dir.path().join("site").join(part),
        );
    }
    dir
}

pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

/// Runs the xuexi binary, with English messages (the Chinese ones are checked by the
/// fixtures of tests/cli.rs).
pub fn xuexi(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// Runs the xuexi binary with files limited to `bytes` (a quota that fills up, as
/// `ulimit -f` sets it): xuexi must make the write fail with an error instead of being
/// ended by SIGXFSZ.
pub fn xuexi_limited(root: &Path, args: &[&str], bytes: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xuexi"));
    cmd.env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .arg("--root")
        .arg(root);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

/// Every file under `dir`, relative path -> bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push((
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The Zola to test with: `$ZOLA`, else the project's copy. `None` (test skipped) only
/// when neither exists and `CI` is not set; in CI a missing Zola fails the test.
pub fn zola() -> Option<PathBuf> {
    let found = std::env::var_os("ZOLA")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| Some(repo().join("tools/zola/bin/zola")).filter(|p| p.is_file()));
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("Zola is missing and CI is set: run scripts/install-zola (scripts/test does)");
        }
        eprintln!("SKIPPED: no Zola; run scripts/install-zola to run this test");
    }
    found
}

/// A small deterministic generator (xorshift), so a failing case can be replayed from
/// its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
