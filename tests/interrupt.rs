//! kill -9 at random moments of `xuexi generate`: the content is always the complete
//! old or the complete new one (or a commit the next run finishes), and the next run
//! recovers by itself.
//!
//! `XUEXI_KILL_TRIALS` sets the number of kills (default 150, enough to catch a
//! 1-in-50 case with 95% probability); the long run is `XUEXI_KILL_TRIALS=2000`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

type Snapshot = Vec<(PathBuf, Vec<u8>)>;

/// The two versions of the input: the sample, and an edit of it that changes titles,
/// removes a bank (its pages become stale) and changes every quiz page.
fn inputs(version: usize) -> (String, Vec<(String, Option<String>)>) {
    let catalogue = std::fs::read_to_string(repo().join("catalogue.toml")).unwrap();
    let mut banks: Vec<(String, Option<String>)> = std::fs::read_dir(repo().join("quizzes"))
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, Some(std::fs::read_to_string(e.path()).unwrap()))
        })
        .collect();
    banks.sort();
    if version == 0 {
        return (catalogue, banks);
    }
    let catalogue = catalogue
        .replace("中国共产党简史", "中国共产党简史（第二版）")
        .replace("quiz = \"dangshi-jiaoyu\"\n", "");
    for (name, text) in &mut banks {
        if name == "dangshi-jiaoyu.toml" {
            *text = None;
        } else if let Some(t) = text {
            *t = t.replacen("title = \"", "title = \"修订：", 1);
        }
    }
    (catalogue, banks)
}

fn put_inputs(root: &Path, version: usize) {
    let (catalogue, banks) = inputs(version);
    std::fs::write(root.join("catalogue.toml"), catalogue).unwrap();
    for (name, text) in banks {
        let path = root.join("quizzes").join(name);
        match text {
            Some(t) => std::fs::write(path, t).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

fn content(root: &Path) -> Snapshot {
    snapshot(&root.join("site/content"))
}

/// Removes everything xuexi wrote, as in a project that was never generated.
fn wipe(root: &Path) {
    for dir in xuexi::emit::zola::OWNED {
        let _ = std::fs::remove_dir_all(root.join("site/content").join(dir));
    }
    let _ = std::fs::remove_dir_all(root.join("site").join(xuexi::write::STATE));
}

fn pending(root: &Path) -> bool {
    root.join("site/.xuexi/commit").exists()
}

fn describe(s: &Snapshot, a: &Snapshot, b: &Snapshot) -> String {
    let names = |x: &Snapshot| -> std::collections::BTreeSet<PathBuf> {
        x.iter().map(|(p, _)| p.clone()).collect()
    };
    let (n, na, nb) = (names(s), names(a), names(b));
    format!(
        "{} files; vs old: {} missing, {} extra, {} differ; vs new: {} missing, {} extra, {} differ",
        s.len(),
        na.difference(&n).count(),
        n.difference(&na).count(),
        s.iter()
            .filter(|f| a.iter().any(|g| g.0 == f.0 && g.1 != f.1))
            .count(),
        nb.difference(&n).count(),
        n.difference(&nb).count(),
        s.iter()
            .filter(|f| b.iter().any(|g| g.0 == f.0 && g.1 != f.1))
            .count(),
    )
}

#[test]
fn kill_9_at_any_moment_leaves_old_or_new_content_and_the_next_run_recovers() {
    let trials: u64 = std::env::var("XUEXI_KILL_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let seed: u64 = std::env::var("XUEXI_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2021);
    let zola = zola();
    // What each version generates, and an empty project.
    let p = sample_project();
    let root = p.path();
    let about = content(root);
    let mut expected: Vec<Snapshot> = Vec::new();
    let mut took = Duration::ZERO;
    for version in 0..2 {
        wipe(root);
        put_inputs(root, version);
        let start = Instant::now();
        assert!(xuexi(root, &["generate"]).status.success());
        took = took.max(start.elapsed());
        expected.push(content(root));
    }
    assert_ne!(expected[0], expected[1]);

    let mut rng = Rng(seed);
    let mut state = expected[1].clone();
    let (mut killed_pending, mut killed_old, mut killed_new) = (0, 0, 0);
    for trial in 0..trials {
        if rng.below(4) == 0 {
            wipe(root);
            state = about.clone();
        }
        let target = (trial % 2) as usize;
        put_inputs(root, target);
        // Most kills land while files are written, the later part of a run.
        let max = took.as_micros() as u64 * 11 / 10;
        let wait = if rng.below(2) == 0 {
            rng.below(max as usize) as u64
        } else {
            max / 2 + rng.below((max / 2 + 1) as usize) as u64
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_xuexi"))
            .args(["generate", "--root"])
            .arg(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let staging = root.join("site/.xuexi/staging");
        match rng.below(3) {
            // Any moment of the run.
            0 => std::thread::sleep(Duration::from_micros(wait)),
            // While the new files are staged.
            1 => {
                while !staging.exists() && !pending(root) && start.elapsed() < took * 3 {
                    std::hint::spin_loop();
                }
                std::thread::sleep(Duration::from_micros(
                    rng.below((max / 8 + 1) as usize) as u64
                ));
            }
            // While the commit is carried out.
            _ => {
                while !pending(root) && start.elapsed() < took * 3 {
                    std::hint::spin_loop();
                }
                std::thread::sleep(Duration::from_micros(rng.below(1000) as u64));
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        let now = content(root);
        if pending(root) {
            killed_pending += 1;
            if killed_pending % 2 == 1 {
                // The next run finishes the commit first, even when the input it was
                // given has an error (and then stops without writing anything else).
                let catalogue = root.join("catalogue.toml");
                let good = std::fs::read_to_string(&catalogue).unwrap();
                std::fs::write(&catalogue, format!("{good}\nbroken = \n")).unwrap();
                let out = xuexi(root, &["generate"]);
                std::fs::write(&catalogue, good).unwrap();
                assert_eq!(out.status.code(), Some(1));
                assert!(!pending(root), "trial {trial}: the commit is still pending");
                assert!(
                    content(root) == expected[target],
                    "trial {trial} (seed {seed}): after recovery with a broken input: {}",
                    describe(&content(root), &state, &expected[target])
                );
            }
        } else if now == state {
            killed_old += 1;
        } else if now == expected[target] {
            killed_new += 1;
        } else {
            panic!(
                "trial {trial} (seed {seed}, kill after {wait} µs): mixed content: {}",
                describe(&now, &state, &expected[target])
            );
        }
        // The next run, with this input or the other one, finishes or throws away what
        // was left and writes its own content in full.
        let next = if rng.below(2) == 0 {
            target
        } else {
            1 - target
        };
        put_inputs(root, next);
        let with_zola = zola.is_some() && (trial % 50 == 7);
        if with_zola {
            // `build` recovers too, and Zola builds what it leaves (with the offline
            // copies, which `generate` below takes away again).
            let z = zola.as_ref().unwrap().to_str().unwrap().to_string();
            let out = xuexi(root, &["build", "--zola", &z]);
            assert!(
                out.status.success(),
                "trial {trial} (seed {seed}): build after the kill failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let out = xuexi(root, &["generate"]);
        assert!(
            out.status.success(),
            "trial {trial} (seed {seed}): the next run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        state = content(root);
        assert!(
            state == expected[next],
            "trial {trial} (seed {seed}): after recovery: {}",
            describe(&state, &expected[next], &expected[1 - next])
        );
        assert!(!pending(root) && !root.join("site/.xuexi/staging").exists());
    }
    eprintln!(
        "{trials} kills: {killed_old} left the old content, {killed_new} the new, {killed_pending} a commit the next run finished"
    );
    // The kills must have hit every phase, or the test proves little.
    if trials >= 100 {
        assert!(killed_old > 0 && killed_new > 0 && killed_pending > 0);
    }
}
