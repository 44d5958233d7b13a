//! One xuexi at a time per project (`src/lock.rs`): a second run waits and says so, or
//! with `--no-wait` stops at once; two builds started together both succeed, one after
//! the other; a holder killed with SIGKILL leaves nothing stuck.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WAITING: &str = "另一个 xuexi 正在处理这个项目，等待它完成…";

/// The binary with Chinese messages, its standard error piped.
fn xuexi(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xuexi"));
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args)
        .arg("--root")
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn finish(child: Child) -> (i32, String) {
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The project's lock file, held by this test process.
fn hold(root: &Path) -> std::fs::File {
    let state = root.join("site/.xuexi");
    std::fs::create_dir_all(&state).unwrap();
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(state.join("lock"))
        .unwrap();
    file.lock().unwrap();
    file
}

#[test]
fn two_builds_at_once_both_succeed_one_after_the_other() {
    let Some(zola) = common::zola() else { return };
    let zola = zola.to_str().unwrap();
    let p = common::sample_project();
    let root = p.path();
    // Held here first, so both certainly meet a lock held by another.
    let lock = hold(root);
    let a = xuexi(root, &["build", "--zola", zola]).spawn().unwrap();
    let b = xuexi(root, &["build", "--zola", zola]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert!(
        !root.join("site/public").exists(),
        "nothing is built while another holds the lock"
    );
    drop(lock);
    for (code, err) in [finish(a), finish(b)] {
        assert_eq!(code, 0, "{err}");
        assert_eq!(err.matches(WAITING).count(), 1, "{err}");
        assert!(err.starts_with(&format!("{WAITING}\n")), "{err}");
    }
    let built = common::snapshot(&root.join("site/public"));
    // Started together with no lock held: one builds, the other waits for it and then
    // finds the site built.
    std::fs::write(
        root.join("site/static/extra.txt"),
        "a change, so that the first builds again",
    )
    .unwrap();
    let a = xuexi(root, &["build", "--zola", zola]).spawn().unwrap();
    let b = xuexi(root, &["build", "--zola", zola]).spawn().unwrap();
    let ((ca, ea), (cb, eb)) = (finish(a), finish(b));
    assert_eq!((ca, cb), (0, 0), "{ea}\n{eb}");
    assert!(!(ea.contains("错误") || eb.contains("错误")), "{ea}\n{eb}");
    // What they published is what one build alone publishes.
    let alone = common::sample_project();
    common::copy(
        &root.join("site/static/extra.txt"),
        &alone.path().join("site/static/extra.txt"),
    );
    let (code, err) = finish(
        xuexi(alone.path(), &["build", "--zola", zola])
            .spawn()
            .unwrap(),
    );
    assert_eq!(code, 0, "{err}");
    let now = common::snapshot(&root.join("site/public"));
    assert_ne!(now, built);
    assert!(now == common::snapshot(&alone.path().join("site/public")));
}

#[test]
fn no_wait_stops_at_once_with_the_reason() {
    let p = common::sample_project();
    let root = p.path();
    let lock = hold(root);
    let start = Instant::now();
    for args in [&["generate", "--no-wait"][..], &["--no-wait", "offline"]] {
        let (code, err) = finish(xuexi(root, args).spawn().unwrap());
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(
            err,
            format!(
                "错误：另一个 xuexi 正在处理这个项目（`{}`），这次没有运行：等它完成后再运行，或者不加 --no-wait，让这次等它完成\n\n",
                root.join("site/.xuexi/lock").display()
            ),
            "{args:?}"
        );
    }
    assert!(start.elapsed() < Duration::from_secs(20));
    assert!(!root.join("site/content/campaign").exists());
    // `check` and `stats` only read: no lock.
    let (code, err) = finish(xuexi(root, &["check", "--no-wait"]).spawn().unwrap());
    assert_eq!(code, 0, "{err}");
    drop(lock);
    let (code, err) = finish(xuexi(root, &["generate", "--no-wait"]).spawn().unwrap());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_holder_killed_with_sigkill_leaves_nothing_stuck() {
    let p = common::sample_project();
    let root = p.path();
    // A Zola that says its version and then takes its time: the build holds the lock
    // while it runs.
    let fake = root.join("slow-zola");
    std::fs::write(
        &fake,
        "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo 'zola 0.22.1'; exit 0; fi\nexec sleep 60\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut holder = xuexi(root, &["build", "--zola", fake.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Until the holder has the lock (this process cannot take it).
    let lock = root.join("site/.xuexi/lock");
    let start = Instant::now();
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the build never took the lock"
        );
        if let Ok(f) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&lock)
            && f.try_lock().is_err()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let (code, _) = finish(xuexi(root, &["generate", "--no-wait"]).spawn().unwrap());
    assert_eq!(code, 1, "held");
    holder.kill().unwrap();
    holder.wait().unwrap();
    let (code, err) = finish(xuexi(root, &["generate", "--no-wait"]).spawn().unwrap());
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains(WAITING), "{err}");
}
