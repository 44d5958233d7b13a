//! Benchmark at national scale: `cargo bench --bench scale`.
//!
//! Writes a synthetic project (200 materials x 10 chapters, 400 banks x 50 questions =
//! 20,000 questions, 50 plans x 40 readings) into `target/bench-scale/`, then times the
//! release `xuexi check` and `xuexi generate` on it (median and fastest of several runs)
//! and reports each command's peak memory (its own max RSS). `generate` is timed twice:
//! into empty content folders (a first run: every file is created) and again with the
//! content in place (what an author's next run and `xuexi serve` do). With a Zola
//! available ($ZOLA or tools/zola/bin/zola) it also times `zola build` of the same site,
//! for comparison. Targets on the 2-core machine: check + generate under 0.3 s and
//! 200 MB, and at most a third of Zola's build time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
mod common;
use common::copy;
use xuexi::emit::zola::OWNED;

const MATERIALS: usize = 200;
const CHAPTERS: usize = 10;
const BANKS: usize = 400;
const QUESTIONS: usize = 50;
const PLANS: usize = 50;
const READINGS: usize = 40;
const RUNS: usize = 9;
fn main() {
    // `cargo test --all-targets` runs this file too, without `--bench`: stay quick then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("scale: run with `cargo bench --bench scale`");
        return;
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = repo.join("target/bench-scale");
    let _ = std::fs::remove_dir_all(&dir);
    write_project(&dir, &repo);
    let xuexi = |command: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xuexi"));
        cmd.arg(command).arg("--root").arg(&dir);
        cmd
    };

    let check = measure(
        RUNS,
        || (),
        || {
            run(&mut xuexi("check"));
        },
    );
    let content = dir.join("site/content");
    let mut phases: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    // Fresh: no earlier content. The folders are removed (and the removal flushed to
    // disk, so its cost is not billed to the next run) before the clock starts.
    let fresh = || {
        for owned in OWNED {
            let _ = std::fs::remove_dir_all(content.join(owned));
        }
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
    };
    let generate = measure(RUNS, fresh, || {
        let stderr = run(xuexi("generate").env("XUEXI_TIMINGS", "1"));
        for line in stderr.lines() {
            if let Some(rest) = line.strip_prefix("timing: ")
                && let Some((stage, ms)) = rest.trim_end_matches(" ms").split_once(' ')
            {
                phases
                    .entry(stage.to_string())
                    .or_default()
                    .push(ms.parse().unwrap());
            }
        }
    });
    let unchanged = measure(
        RUNS,
        || (),
        || {
            run(&mut xuexi("generate"));
        },
    );
    let pages: usize = OWNED
        .iter()
        .map(|d| std::fs::read_dir(content.join(d)).unwrap().count())
        .sum();
    let bytes: u64 = OWNED
        .iter()
        .flat_map(|d| std::fs::read_dir(content.join(d)).unwrap().flatten())
        .map(|e| e.metadata().unwrap().len())
        .sum();

    println!(
        "synthetic project: {MATERIALS} materials x {CHAPTERS} chapters, {BANKS} banks x {QUESTIONS} questions, {PLANS} plans x {READINGS} readings"
    );
    println!(
        "generated: {pages} files, {:.1} MB of Zola content",
        bytes as f64 / 1e6
    );
    println!("(wall time over {RUNS} runs: median and fastest; peak resident memory)");
    println!("xuexi check:    {}", report(&check));
    println!(
        "xuexi generate: {}   (includes check; into empty folders)",
        report(&generate)
    );
    let medians: Vec<String> = phases
        .iter_mut()
        .map(|(stage, v)| {
            v.sort_by(f64::total_cmp);
            format!("{stage} {:.1}", v[v.len() / 2])
        })
        .collect();
    println!("  its stages, median ms: {}", medians.join(", "));
    println!(
        "xuexi generate: {}   (again: content exists, nothing changed)",
        report(&unchanged)
    );

    let zola = std::env::var_os("ZOLA")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(|| Some(repo.join("tools/zola/bin/zola")).filter(|p| p.is_file()));
    match zola {
        Some(zola) => {
            let build_site = || {
                run(Command::new(&zola)
                    .arg("--root")
                    .arg(dir.join("site"))
                    .arg("build"));
            };
            let build = measure(RUNS, || (), build_site);
            println!("zola build:     {}", report(&build));
            let ratio = |a: &Measured| a.median.as_secs_f64() / build.median.as_secs_f64();
            println!(
                "xuexi generate / zola build (medians) = {:.2} into empty folders, {:.2} again",
                ratio(&generate),
                ratio(&unchanged)
            );
            // This machine's speed drifts over a run; timing the two back to back, pair by
            // pair, gives a ratio that drift does not move.
            let mut ratios: Vec<f64> = (0..RUNS)
                .map(|_| {
                    fresh();
                    let ours = timed(|| {
                        run(&mut xuexi("generate"));
                    });
                    ours.as_secs_f64() / timed(build_site).as_secs_f64()
                })
                .collect();
            ratios.sort_by(f64::total_cmp);
            println!(
                "xuexi generate / zola build, run back to back (into empty folders): median {:.2}, range {:.2}-{:.2}",
                ratios[RUNS / 2],
                ratios[0],
                ratios[RUNS - 1]
            );
        }
        None => println!("zola build: skipped (no Zola; run scripts/install-zola)"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(m: &Measured) -> String {
    format!(
        "median {:>7.1} ms   fastest {:>7.1} ms   peak {:>6.1} MB",
        ms(m.median),
        ms(m.min),
        m.peak_kib as f64 / 1024.0
    )
}

/// Runs a command that must succeed; returns its stderr. Records the child's own peak
/// RSS in `PEAK`.
#[expect(clippy::zombie_processes, reason = "the child is reaped by wait4")]
fn run(cmd: &mut Command) -> String {
    use std::io::Read as _;
    use std::os::unix::process::ExitStatusExt as _;
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    // wait4 instead of `child.wait()`: it also gives this child's own resource usage.
    let mut status = 0;
    // SAFETY: wait4 only writes into the two values we pass.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
        usage
    };
    let status = std::process::ExitStatus::from_raw(status);
    assert!(status.success(), "{cmd:?} failed:\n{stderr}");
    PEAK.with(|p| p.set(p.get().max(usage.ru_maxrss)));
    stderr
}

thread_local! {
    /// Largest peak RSS (KiB) of the commands run since `measure` last reset it.
    static PEAK: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// How long `f` took.
fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// What `measure` found: the fastest and the median wall time, and the peak RSS (KiB).
struct Measured {
    min: Duration,
    median: Duration,
    peak_kib: i64,
}

/// Runs `prepare` (not timed) then `f`, `n` times; times `f` and notes the peak RSS of
/// the commands it ran.
fn measure(n: usize, mut prepare: impl FnMut(), mut f: impl FnMut()) -> Measured {
    let mut times = Vec::with_capacity(n);
    PEAK.with(|p| p.set(0));
    for _ in 0..n {
        prepare();
        times.push(timed(&mut f));
    }
    times.sort();
    Measured {
        min: times[0],
        median: times[n / 2],
        peak_kib: PEAK.with(std::cell::Cell::get),
    }
}

/// Writes the synthetic project: a catalogue, the banks, and the sample's Zola site.
fn write_project(dir: &Path, repo: &Path) {
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    let mut c = String::new();
    c.push_str("[campaign]\ntitle = \"全国党史学习教育（规模测试）\"\nstart = 2021-02-20\nend = 2021-12-31\nintro = \"**学史明理、学史增信、学史崇德、学史力行。**\"\n\n");
    for k in 0..5 {
        writeln!(
            c,
            "[[category]]\nid = \"cat-{k}\"\nname = \"第{k}类学习材料\"\n"
        )
        .unwrap();
    }
    for m in 0..MATERIALS {
        writeln!(
            c,
            "[[material]]\nid = \"m{m}\"\ntitle = \"学习材料第{m}册\"\ncategory = \"cat-{}\"\nauthor = \"编写组\"\nsummary = \"本册共{CHAPTERS}章，**重点**学习第一章。\"\n",
            m % 5
        )
        .unwrap();
        for ch in 0..CHAPTERS {
            writeln!(
                c,
                "[[material.chapter]]\nid = \"ch{ch:02}\"\ntitle = \"第{ch}章　历史进程\"\npages = {}\npoints = [\"要点一：**坚持党的领导**。\", \"要点二：学习*历史经验*。\"]\n",
                20 + ch
            )
            .unwrap();
        }
    }
    for p in 0..PLANS {
        writeln!(
            c,
            "[[plan]]\nid = \"plan-{p}\"\ntitle = \"第{p}个学习计划\"\naudience = [\"全体党员\"]\n"
        )
        .unwrap();
        for r in 0..READINGS {
            let day = jiff::civil::date(2021, 3, 1)
                .checked_add(jiff::Span::new().days(r as i64 * 7))
                .unwrap();
            let m = (p * 4 + r) % MATERIALS;
            writeln!(
                c,
                "[[plan.reading]]\ndue = {day}\nchapters = [\"m{m}/ch{:02}\", \"m{m}/ch{:02}\"]\nquiz = \"bank-{}\"\n",
                r % CHAPTERS,
                (r + 1) % CHAPTERS,
                (p * READINGS + r) % BANKS
            )
            .unwrap();
        }
        writeln!(
            c,
            "[[plan.milestone]]\ndue = 2021-06-30\ntitle = \"完成专题培训\"\nowner = \"组织部门\"\n"
        )
        .unwrap();
        writeln!(
            c,
            "[[plan.recurring]]\ntitle = \"主题党日\"\nweekday = \"friday\"\nskip = [2021-10-01]\n"
        )
        .unwrap();
    }
    std::fs::write(dir.join("catalogue.toml"), c).unwrap();

    for b in 0..BANKS {
        let m = b % MATERIALS;
        let mut q =
            format!("title = \"第{b}套自测题\"\nmaterial = \"m{m}\"\ndraw = 10\npass = 80\n\n");
        for i in 0..QUESTIONS {
            let source = format!("m{m}/ch{:02}", i % CHAPTERS);
            let body = match i % 4 {
                0 => format!(
                    "type = \"single\"\nprompt = \"（第{i}题）中国共产党第一次全国代表大会在哪里开幕？\"\noptions = [\"北京\", \"上海\", \"广州\", \"嘉兴\"]\nanswer = \"B\""
                ),
                1 => format!(
                    "type = \"multiple\"\nprompt = \"（第{i}题）下列说法**正确**的有哪些？\"\noptions = [\"选项甲\", \"选项乙\", \"选项丙\", \"选项丁\"]\nanswer = \"ACD\""
                ),
                2 => format!(
                    "type = \"truefalse\"\nprompt = \"（第{i}题）党的根本宗旨是全心全意为人民服务。\"\nanswer = true"
                ),
                _ => format!(
                    "type = \"fill\"\nprompt = \"（第{i}题）中国共产党成立于____年，一大代表共____人。\"\nanswer = [\"1921\", \"13|十三\"]"
                ),
            };
            writeln!(
                q,
                "[[question]]\nid = \"q{i}\"\n{body}\nexplanation = \"见教材第{}章。\"\nsource = \"{source}\"\n",
                i % CHAPTERS
            )
            .unwrap();
        }
        std::fs::write(dir.join(format!("quizzes/bank-{b}.toml")), q).unwrap();
    }
    for part in ["config.toml", "templates", "static", "content/about.md"] {
        copy(&repo.join("site").join(part), &dir.join("site").join(part));
    }
}
