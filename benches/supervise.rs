//! `xuexi supervise` at national size: 2,000 units, 40 tasks (deadlines, counts and a
//! weekly one), 2,000 receipt codes in one chat export, 200 filled forms and 100,000
//! members' record codes (50 per unit, in chat exports of 10,000 each).
//!
//! `cargo bench --bench supervise` writes the project into a temporary folder, runs the
//! release binary three times and prints the wall time and the peak memory of each run
//! (the goal: a few seconds, under 500 MB).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use xuexi::supervise::receipt::{Receipt, Report, encode};

const UNITS: usize = 2_000;
const TASKS: usize = 40;
const FORMS: usize = 200;
const MEMBERS: usize = 100_000;

fn tasks_toml() -> String {
    let mut t = String::new();
    for u in 0..UNITS {
        let kind = if u % 10 == 0 {
            "党委（党组）"
        } else {
            "党支部"
        };
        t.push_str(&format!(
            "[[unit]]\nid = \"u{u:04}\"\nname = \"第{u:04}单位\"\nkind = \"{kind}\"\ngroup = \"第{}巡回指导组\"\nmembers = 30\n\n",
            u % 7 + 1
        ));
    }
    for k in 0..TASKS {
        let for_ = if k % 2 == 0 {
            "党委（党组）"
        } else {
            "党支部"
        };
        let when = match k % 4 {
            0 | 1 => format!("due = 2021-{:02}-28", 4 + k % 8),
            2 => "times = 4\nfrom = 2021-04-08\nuntil = 2021-12-31".to_string(),
            _ => "weekday = \"friday\"".to_string(),
        };
        t.push_str(&format!(
            "[[task]]\nid = \"t{k:02}\"\ntitle = \"第{k}项任务\"\nrequired = {}\nfor = [\"{for_}\"]\n{when}\nevidence = [\"方案\", \"签到表\"]\ncheck = [\"查阅资料：方案\", \"走访座谈：党员\"]\n\n",
            k < 31
        ));
    }
    t
}

fn chat(campaign: &str) -> String {
    let mut text = String::from("联络员群 的聊天记录\n");
    for u in 0..UNITS {
        let kind_even = u % 10 == 0;
        let tasks = (0..TASKS)
            .filter(|k| (k % 2 == 0) == kind_even)
            .map(|k| Report {
                task: format!("t{k:02}"),
                done: u % 3 != 0,
                on: format!("2021-{:02}-2{}", 4 + k % 8, u % 9),
                count: (u % 5) as u64,
                dates: Vec::new(),
                evidence: vec!["方案".into()],
                note: String::new(),
            })
            .collect();
        let code = encode(&Receipt {
            campaign: campaign.to_string(),
            unit: format!("u{u:04}"),
            unit_name: format!("第{u:04}单位"),
            sent: format!("2021-11-{:02}T10:{:02}", u % 28 + 1, u % 60),
            by: "联络员".into(),
            tasks,
        })
        .unwrap();
        text.push_str(&format!(
            "2021-11-01 10:00 联络员{u}\n【任务回执】第{u:04}单位\n{code}\n"
        ));
    }
    text
}

/// Runs `cmd` to its end; its peak memory (kB) as the kernel counted it.
// The child is waited for with wait4, which std does not know of.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut Command) -> (bool, i64) {
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 fills the status and the struct it is given, for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid);
    (
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    )
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("national");
    std::fs::create_dir_all(root.join("quizzes")).unwrap();
    std::fs::copy(repo.join("catalogue.toml"), root.join("catalogue.toml")).unwrap();
    for e in std::fs::read_dir(repo.join("quizzes")).unwrap().flatten() {
        std::fs::copy(e.path(), root.join("quizzes").join(e.file_name())).unwrap();
    }
    std::fs::write(root.join("tasks.toml"), tasks_toml()).unwrap();
    let bin = repo.join("target/release/xuexi");
    let built = Command::new("cargo")
        .args(["build", "--release", "--quiet"])
        .current_dir(repo)
        .status()
        .unwrap();
    assert!(built.success());
    let inbox = root.join("inbox");
    let forms = root.join("forms");
    let run = |args: &[&str]| {
        let out = Command::new(&bin)
            .arg("--root")
            .arg(&root)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["supervise", "--forms", forms.to_str().unwrap()]);
    std::fs::create_dir_all(&inbox).unwrap();
    let campaign = xuexi::tally::code::derived_id("广安区党史学习教育", "2021-04-08");
    std::fs::write(inbox.join("chat.txt"), chat(&campaign)).unwrap();
    // Members' records: unit by unit, each member having read a few of the readings.
    for part in 0..MEMBERS / 10_000 {
        let mut text = String::from("学习群 的聊天记录\n");
        for i in part * 10_000..(part + 1) * 10_000 {
            let u = i % UNITS;
            let mut readings = vec![String::new(); 17];
            for r in readings.iter_mut().take(i % 6) {
                *r = "2021-05-10".into();
            }
            let code = xuexi::tally::code::encode(&xuexi::tally::code::Record {
                campaign: campaign.clone(),
                plan: "guangan-2021".into(),
                name: format!("党员{i:06}"),
                branch: format!("第{u:04}单位"),
                exported: "2021-11-20T20:00".into(),
                readings,
                quizzes: Vec::new(),
                wrong: 0,
                daily: Vec::new(),
            })
            .unwrap();
            text.push_str(&format!("党员{i:06}\n{code}\n"));
        }
        std::fs::write(inbox.join(format!("学习群-{part}.txt")), text).unwrap();
    }
    // Blank forms as they come back (nothing filled: every row read and counted).
    let mut names: Vec<_> = std::fs::read_dir(&forms)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names.iter().take(FORMS) {
        std::fs::copy(p, inbox.join(p.file_name().unwrap())).unwrap();
    }
    println!(
        "supervise: {UNITS} units, {TASKS} tasks, {UNITS} receipt codes, {FORMS} forms, {MEMBERS} members' record codes"
    );
    for i in 1..=3 {
        let t = Instant::now();
        let (ok, peak) = run_measured(
            Command::new(&bin)
                .arg("--root")
                .arg(&root)
                .args([
                    "supervise",
                    inbox.to_str().unwrap(),
                    "--date",
                    "2021-12-01",
                    "-o",
                ])
                .arg(root.join("ledger.xlsx"))
                .args(["--csv", "--print"])
                .stderr(std::process::Stdio::null()),
        );
        assert!(ok);
        println!(
            "run {i}: {:.2} s, peak memory {} MB",
            t.elapsed().as_secs_f64(),
            peak / 1024
        );
    }
}
