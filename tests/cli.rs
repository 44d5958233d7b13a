//! CLI fixture cases: each folder under `tests/cases/` is a project (its input files),
//! plus `expected.stderr` and `expected.status` for `xuexi check` run on it (or for the
//! command line in `args`, one argument per line, when that file exists).
//!
//! Messages are Chinese, or in the language named in the case's `lang` file.
//!
//! `XUEXI_BLESS=1 cargo test --test cli` writes the expected files from the actual run,
//! to be read and reviewed before committing.

use std::path::Path;
use std::process::Command;

fn run_case(dir: &Path) -> Result<(), String> {
    let args: Vec<String> = match std::fs::read_to_string(dir.join("args")) {
        Ok(s) => s.lines().map(str::to_string).collect(),
        Err(_) => vec!["check".to_string()],
    };
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(&args)
        .arg("--root")
        .arg(dir)
        .env_remove("ZOLA")
        // Chinese unless the case has a `lang` file (e.g. `en`); the machine's locale
        // does not matter.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(
            std::fs::read_to_string(dir.join("lang"))
                .map(|l| vec!["--lang".to_string(), l.trim().to_string()])
                .unwrap_or_default(),
        )
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let status = out.status.code().unwrap_or(-1).to_string();
    if std::env::var_os("XUEXI_BLESS").is_some() {
        std::fs::write(dir.join("expected.stderr"), &stderr).unwrap();
        std::fs::write(dir.join("expected.status"), format!("{status}\n")).unwrap();
        return Ok(());
    }
    let want_stderr = std::fs::read_to_string(dir.join("expected.stderr"))
        .map_err(|e| format!("expected.stderr: {e}"))?;
    let want_status = std::fs::read_to_string(dir.join("expected.status"))
        .map_err(|e| format!("expected.status: {e}"))?;
    let mut problems = String::new();
    if status != want_status.trim() {
        problems.push_str(&format!(
            "exit status {status}, expected {}\n",
            want_status.trim()
        ));
    }
    if stderr != want_stderr {
        problems.push_str(&format!(
            "stderr differs\n--- expected\n{want_stderr}\n--- actual\n{stderr}\n"
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[test]
fn cli_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 15,
        "expected the fixture cases in {}",
        root.display()
    );
    let mut failed = Vec::new();
    for dir in &dirs {
        if let Err(e) = run_case(dir) {
            failed.push(format!(
                "case {}:\n{e}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        dirs.len(),
        failed.join("\n")
    );
}
