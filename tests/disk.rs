//! What the disk can do to a run, told in Chinese with the path and what to do: a
//! missing folder, no permission, a read-only disk, a full disk; a full disk in each
//! phase of `build` (generate, Zola's output, links, the service worker's lists, the
//! compressed copies) leaves the published site as it was, and once space is freed the
//! next build publishes exactly what a clean build does; kill -9 at any moment of a
//! build leaves `public/` the old site or the new one, whole.
//!
//! The disks are real: small tmpfs mounts, which need root (CI runs as root). Without
//! root these cases are skipped, except under `CI`, where they fail. A full disk at an
//! exact phase is made by `XUEXI_TEST_FULL_DISK=<phase>` (`xuexi::publish::test_full_disk`:
//! the run fills the tmpfs just before that phase).

mod common;

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

type Snapshot = Vec<(PathBuf, Vec<u8>)>;

/// The binary in Chinese (the default), with `env` set.
fn xuexi(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xuexi"));
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .envs(env.iter().copied())
        .args(args)
        .arg("--root")
        .arg(root);
    cmd.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn is_root() -> bool {
    // SAFETY: no arguments, no memory.
    unsafe { libc::geteuid() == 0 }
}

/// Whether the cases that mount a tmpfs can run: as root. Without root, skipped (said
/// so), except under CI, where it is a failure.
fn can_mount(what: &str) -> bool {
    if is_root() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{what}: needs root to mount a tmpfs, and CI is set"
    );
    eprintln!("SKIPPED: {what} needs root (to mount a small tmpfs)");
    false
}

/// A tmpfs mounted on a new folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(options: &str, read_only: bool) -> Tmpfs {
        let dir = tempfile::tempdir().unwrap();
        let c = |s: &str| CString::new(s).unwrap();
        let target = c(dir.path().to_str().unwrap());
        let flags = if read_only { libc::MS_RDONLY } else { 0 };
        // SAFETY: valid C strings; the kernel only reads them.
        let r = unsafe {
            libc::mount(
                c("tmpfs").as_ptr(),
                target.as_ptr(),
                c("tmpfs").as_ptr(),
                flags,
                c(options).as_ptr().cast(),
            )
        };
        assert_eq!(r, 0, "mount: {}", std::io::Error::last_os_error());
        Tmpfs { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let target = CString::new(self.dir.path().to_str().unwrap()).unwrap();
        // SAFETY: a valid C string.
        unsafe {
            libc::umount2(target.as_ptr(), libc::MNT_DETACH);
        }
    }
}

/// Fills the disk holding `dir` with the file `dir/filler`.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let mut chunk = 1 << 16;
    let zeros = vec![0u8; chunk];
    while chunk > 0 {
        match f.write(&zeros[..chunk]) {
            Ok(n) if n > 0 => {}
            _ => chunk /= 2,
        }
    }
    path
}

/// `export` of a bank, the simplest write: to a folder that is missing, read-only, not
/// writable by the user, or on a full disk.
#[test]
fn an_export_that_cannot_be_written_says_why_with_the_path() {
    let p = common::sample_project();
    let root = p.path();
    let export = |target: &Path, env: &[(&str, &str)]| {
        xuexi(
            root,
            &["export", "--quiz", "jianshi-ch01", target.to_str().unwrap()],
            env,
        )
    };
    // The sample's own warnings are counted first, as by every command.
    let said = |target: &Path, words: &str| {
        format!(
            "有 4 个警告：用 `xuexi check` 查看\n错误：无法写入 `{}`：{words}\n\n",
            target.display()
        )
    };
    // A folder that does not exist.
    let missing = root.join("没有的文件夹/题库.csv");
    let out = export(&missing, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        said(&missing, "找不到这个文件或文件夹：请检查路径是否写对")
    );
    // A folder the user may not write: as root, the run is made as `nobody` (root's
    // own writes ignore permission bits).
    let locked = tempfile::tempdir().unwrap();
    use std::os::unix::fs::PermissionsExt;
    let target = locked.path().join("题库.csv");
    let out = if is_root() {
        for dir in [root, locked.path()] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        // The binary where `nobody` may run it: a clean clone may sit in a folder only
        // root can enter (mktemp -d makes it 0700).
        let bin_dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let bin = bin_dir.path().join("xuexi");
        std::fs::copy(env!("CARGO_BIN_EXE_xuexi"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = Command::new(&bin);
        cmd.env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args([
                "export",
                "--quiz",
                "jianshi-ch01",
                target.to_str().unwrap(),
                "--root",
            ])
            .arg(root);
        use std::os::unix::process::CommandExt;
        cmd.uid(65534).gid(65534);
        cmd.output().unwrap()
    } else {
        std::fs::set_permissions(locked.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        export(&target, &[])
    };
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        said(
            &target,
            "没有权限：当前用户不能读写这个文件或文件夹，请换一个文件夹，或请管理员给予权限"
        )
    );
    if !can_mount("a read-only disk and a full disk") {
        return;
    }
    let ro = Tmpfs::mount("size=1m", true);
    let target = ro.path().join("题库.csv");
    let out = export(&target, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        said(
            &target,
            "磁盘是只读的：请换一个可以写入的文件夹，或取消只读后再运行"
        )
    );
    let full = Tmpfs::mount("size=256k", false);
    fill(full.path());
    let target = full.path().join("题库.xlsx");
    let out = export(&target, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), said(&target, "磁盘满了：清理出空间后再运行"));
    assert_eq!(
        std::fs::read_dir(full.path()).unwrap().count(),
        1,
        "only the filler: no temporary file left"
    );
}

/// `public/` and the nginx settings.
fn published(root: &Path) -> Snapshot {
    let mut all = common::snapshot(&root.join("site/public"));
    all.push((
        "nginx-xuexi.conf".into(),
        std::fs::read(root.join("site/nginx-xuexi.conf")).unwrap(),
    ));
    all
}

/// The sample with its first quiz's first prompt marked by `edit`.
fn put_edit(root: &Path, edit: &str) {
    let bank = common::repo().join("quizzes/jianshi-ch01.toml");
    let text = std::fs::read_to_string(bank).unwrap();
    std::fs::write(
        root.join("quizzes/jianshi-ch01.toml"),
        text.replacen("prompt = \"", &format!("prompt = \"{edit}"), 1),
    )
    .unwrap();
}

/// What a build from nothing publishes for the sample with `edit`.
fn clean_build(zola: &str, edit: &str) -> Snapshot {
    let p = common::sample_project();
    put_edit(p.path(), edit);
    let out = xuexi(p.path(), &["build", "--zola", zola], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    published(p.path())
}

#[test]
fn a_full_disk_in_any_phase_of_a_build_leaves_the_last_good_site() {
    let Some(zola) = common::zola() else { return };
    let zola = zola.to_str().unwrap();
    if !can_mount("a full disk while building") {
        return;
    }
    let disk = Tmpfs::mount("size=64m", false);
    let root = disk.path().join("p");
    let sample = common::sample_project();
    common::copy(sample.path(), &root);
    let out = xuexi(&root, &["build", "--zola", zola], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = root.join("site/public");
    let state = root.join("site/.xuexi");
    for (n, phase) in ["generate", "zola", "links", "precache", "compress"]
        .into_iter()
        .enumerate()
    {
        let good = published(&root);
        let edit = format!("（修订{n}）");
        put_edit(&root, &edit);
        let out = xuexi(
            &root,
            &["build", "--zola", zola],
            &[("XUEXI_TEST_FULL_DISK", phase)],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{phase}: {err}");
        assert_eq!(published(&root), good, "{phase}: public/ as it was");
        let line = err
            .lines()
            .find(|l| l.starts_with("错误："))
            .unwrap_or_else(|| panic!("{phase}: {err}"));
        match phase {
            "generate" => {
                let (path, words) = line
                    .strip_prefix("错误：无法写入 `")
                    .and_then(|r| r.split_once('`'))
                    .unwrap_or_else(|| panic!("{phase}: {err}"));
                assert!(
                    path.starts_with(state.join("staging").to_str().unwrap()),
                    "{err}"
                );
                assert_eq!(words, "：磁盘满了：清理出空间后再运行", "{err}");
            }
            "zola" => {
                assert_eq!(
                    line, "错误：`zola build` 失败了（exit status: 1）；原因见上面 Zola 的输出",
                    "{err}"
                );
                // Zola's own words for the full disk (`ERROR No space left on device (os
                // error 28)`, or `ERROR Reason: ...` after the file it was copying), in ours.
                assert!(
                    err.lines()
                        .any(|l| l.starts_with("ERROR ")
                            && l.ends_with("磁盘满了：清理出空间后再运行")),
                    "{err}"
                );
                for note in [
                    format!(
                        "`{}` 所在的磁盘满了：清理出空间后再运行",
                        root.join("site").display()
                    ),
                    format!(
                        "`{}` 仍是上一次完整的网站，没有改动；问题解决后再运行 xuexi build，就会完成这次更新",
                        public.display()
                    ),
                ] {
                    assert!(err.contains(&note), "{phase}: {note}\n{err}");
                }
            }
            _ => {
                let (path, words) = line
                    .strip_prefix("错误：网站没有更新：`")
                    .and_then(|r| r.split_once('`'))
                    .unwrap_or_else(|| panic!("{phase}: {err}"));
                assert!(path.starts_with(state.to_str().unwrap()), "{phase}: {err}");
                assert_eq!(
                    words,
                    format!(
                        "：磁盘满了：清理出空间后再运行。`{}` 仍是上一次完整的网站，没有改动；问题解决后再运行 xuexi build，就会完成这次更新",
                        public.display()
                    ),
                    "{phase}: {err}"
                );
            }
        }
        assert!(!err.contains("os error"), "{phase}: {err}");
        // Space freed: the next build publishes what a clean build does.
        std::fs::remove_file(state.join("test-full-disk")).unwrap();
        let out = xuexi(&root, &["build", "--zola", zola], &[]);
        assert!(out.status.success(), "{phase}: {}", stderr(&out));
        assert!(
            published(&root) == clean_build(zola, &edit),
            "{phase}: the build after it differs from a clean build"
        );
        assert!(!state.join("publish").exists());
    }
}

/// kill -9 at random moments of a build that changes the site: `public/` is always the
/// whole old site or the whole new one, and the next build finishes the job.
#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let Some(zola) = common::zola() else { return };
    let zola = zola.to_str().unwrap();
    let versions = ["（甲）", "（乙）"];
    let expected: Vec<Snapshot> = versions.iter().map(|v| clean_build(zola, v)).collect();
    let p = common::sample_project();
    let root = p.path();
    put_edit(root, versions[0]);
    let start = Instant::now();
    let out = xuexi(root, &["build", "--zola", zola], &[]);
    let took = start.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(published(root) == expected[0]);
    let mut rng = common::Rng(0x9e37_79b9_7f4a_7c15);
    // The version published, the one the input has, and how the kills ended.
    let (mut now, mut input) = (0, 0);
    let mut kept = [0, 0];
    let trials: usize = std::env::var("XUEXI_KILL_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .map_or(12, |n: usize| n / 10);
    for trial in 0..trials.max(1) {
        let next = 1 - now;
        put_edit(root, versions[next]);
        input = next;
        let mut child = Command::new(env!("CARGO_BIN_EXE_xuexi"))
            .args(["build", "--zola", zola, "--root"])
            .arg(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let at = Duration::from_millis(rng.below(took.as_millis() as usize * 12 / 10 + 1) as u64);
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();
        // Zola is told to stop when xuexi dies; it may take a moment.
        std::thread::sleep(Duration::from_millis(200));
        let site = published(root);
        if site == expected[next] {
            now = next;
            kept[1] += 1;
        } else {
            kept[0] += 1;
            assert!(
                site == expected[now],
                "trial {trial} (killed after {at:?}): public/ is neither the old site nor the new one"
            );
        }
    }
    eprintln!(
        "killed builds: {} left the old site, {} the new one",
        kept[0], kept[1]
    );
    let out = xuexi(root, &["build", "--zola", zola], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(published(root) == expected[input]);
    assert!(!root.join("site/.xuexi/publish").exists());
}
