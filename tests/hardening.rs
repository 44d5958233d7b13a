//! Inputs that used to pass `check` and then broke the build or the machine, and
//! files that are not what they seem (links, pipes, folders).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `xuexi check` on a pipe named catalogue.toml answers at once instead of waiting.
#[test]
fn a_catalogue_that_is_a_pipe_does_not_hang() {
    let p = sample_project();
    let root = p.path();
    std::fs::remove_file(root.join("catalogue.toml")).unwrap();
    mkfifo(&root.join("catalogue.toml"));
    let out = within_10s(root, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "error: `catalogue.toml` is not an ordinary file (a pipe, socket or device), not a file xuexi can read\n  --> catalogue.toml\n"
        ),
        "{}",
        stderr(&out)
    );
}

/// A bank that is a link is not read (its target's text never shows in a message); a
/// folder named like a bank is reported, not skipped in silence.
#[test]
fn links_and_folders_among_the_banks_are_reported() {
    let p = sample_project();
    let root = p.path();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.txt"), "password = hunter2\n").unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret.txt"),
        root.join("quizzes/linked.toml"),
    )
    .unwrap();
    std::fs::create_dir(root.join("quizzes/folder.toml")).unwrap();
    let out = xuexi(root, &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(!err.contains("hunter2"), "{err}");
    assert!(
        err.contains("error: `quizzes/linked.toml` is a symbolic link, not a file xuexi can read\n  --> quizzes/linked.toml\n"),
        "{err}"
    );
    assert!(
        err.contains("error: `quizzes/folder.toml` is a folder, not a file xuexi can read\n  --> quizzes/folder.toml\n"),
        "{err}"
    );
}

#[test]
fn a_root_that_is_a_file_is_named() {
    let p = sample_project();
    let file = p.path().join("catalogue.toml");
    let out = xuexi(&file, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: the project folder `{}` is a file, not a folder\n  = give the folder that has `catalogue.toml` with `--root DIR`\n\n1 error\n",
            file.display()
        )
    );
}

/// Text with a line that ends in `+++`, and titles with line breaks, go through Zola
/// unchanged (Zola used to take them for the end of the front matter).
#[test]
fn plus_signs_and_line_breaks_in_any_field_survive_zola() {
    let Some(zola) = zola() else { return };
    let p = sample_project();
    let root = p.path();
    let bank = root.join("quizzes/jianshi-ch01.toml");
    let text = std::fs::read_to_string(&bank).unwrap();
    let text = text.replacen("title = \"", "title = \"第一行 +++\\n第二行 +++ ", 1);
    let text = text.replacen(
        "explanation = \"",
        "explanation = \"注意 +++\\n+++\\n++++\\n下一行。",
        1,
    );
    std::fs::write(&bank, text).unwrap();
    let out = xuexi(root, &["build", "--zola", zola.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        std::fs::read_to_string(root.join("site/public/quizzes/jianshi-ch01/index.html")).unwrap();
    assert!(page.contains("第一行 +++ 第二行 +++"), "the title");
    assert!(
        page.contains("注意 &#43;&#43;&#43;") || page.contains("注意 +++"),
        "the explanation"
    );
}

#[test]
fn a_campaign_of_centuries_is_refused_by_check() {
    let p = sample_project();
    let root = p.path();
    let catalogue = root.join("catalogue.toml");
    let c = std::fs::read_to_string(&catalogue).unwrap();
    std::fs::write(
        &catalogue,
        c.replacen("start = 2021-04-08", "start = 0001-01-01", 1)
            .replacen("end = 2021-12-31", "end = 9999-12-31", 1),
    )
    .unwrap();
    let out = xuexi(root, &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "error: the campaign lasts 3652059 days, from 0001-01-01 to 9999-12-31: more than 5 years"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!root.join("site/content/practice").exists());
}

/// Output grows with the input by a small factor: one huge prompt is not copied into
/// every day's page.
#[test]
fn output_is_linear_in_input() {
    let p = sample_project();
    let root = p.path();
    for f in std::fs::read_dir(root.join("quizzes")).unwrap().flatten() {
        std::fs::remove_file(f.path()).unwrap();
    }
    let catalogue = root.join("catalogue.toml");
    let c = std::fs::read_to_string(&catalogue).unwrap();
    let c: String = c
        .lines()
        .filter(|l| !l.starts_with("quiz = "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&catalogue, c).unwrap();
    let prompt = "很长的题目。".repeat(200_000); // 3.6 MB
    std::fs::write(
        root.join("quizzes/big.toml"),
        format!(
            "title = \"大题\"\n[[question]]\nid = \"a\"\ntype = \"truefalse\"\nprompt = \"{prompt}\"\nanswer = true\n[[question]]\nid = \"b\"\ntype = \"truefalse\"\nprompt = \"短\"\nanswer = false\n"
        ),
    )
    .unwrap();
    let out = xuexi(root, &["generate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written: usize = snapshot(&root.join("site/content"))
        .iter()
        .map(|(_, b)| b.len())
        .sum();
    let input = prompt.len();
    assert!(
        written < 8 * input,
        "{written} bytes written for a {input}-byte prompt"
    );
}

fn case(root: &Path, catalogue_edit: impl Fn(String) -> String, banks: &[(&str, &str)]) -> String {
    let catalogue = root.join("catalogue.toml");
    let c = std::fs::read_to_string(&catalogue).unwrap();
    std::fs::write(&catalogue, catalogue_edit(c)).unwrap();
    for (name, text) in banks {
        std::fs::write(root.join("quizzes").join(name), text).unwrap();
    }
    stderr(&xuexi(root, &["check"]))
}

#[test]
fn names_that_cannot_be_pages_or_files_are_refused() {
    let p = sample_project();
    let err = case(
        p.path(),
        |c| c.replacen("id = \"jianshi\"", "id = \"index\"", 1),
        &[
            (
                "index.toml",
                "title = \"x\"\n[[question]]\nid = \"a\"\ntype = \"truefalse\"\nprompt = \"p\"\nanswer = true\n",
            ),
            (
                "com1.toml",
                "title = \"x\"\n[[question]]\nid = \"a\"\ntype = \"truefalse\"\nprompt = \"p\"\nanswer = true\n",
            ),
            ("x.toml.toml", "title = \"x\"\n"),
        ],
    );
    for want in [
        "error: `index` cannot be an id: Zola keeps the name `index` for its own pages; choose another, e.g. `index-1`\n   ┌─ catalogue.toml:",
        "error: bad file name: `index` cannot be an id: Zola keeps the name `index` for its own pages; choose another, e.g. `index-1`\n  --> quizzes/index.toml\n",
        "error: bad file name: `com1` cannot be an id: Windows cannot have a file of that name; choose another, e.g. `com1-1`\n  --> quizzes/com1.toml\n",
        "error: bad file name: `x.toml` is not a valid id",
    ] {
        assert!(err.contains(want), "{want}\n---\n{err}");
    }
}

/// Thousands of repeated problems give a few lines each, and no option letter that
/// does not exist.
#[test]
fn repeated_problems_are_grouped() {
    let p = sample_project();
    let skips: Vec<String> = (0..3000)
        .map(|i| format!("2021-06-{:02}", i % 28 + 1))
        .collect();
    let options: Vec<&str> = vec!["\"同\""; 3000];
    let err = case(
        p.path(),
        |c| c.replacen("skip = [", &format!("skip = [{}, ", skips.join(", ")), 1),
        &[(
            "many.toml",
            &format!(
                "title = \"x\"\n[[question]]\nid = \"a\"\ntype = \"single\"\nprompt = \"p\"\noptions = [{}]\nanswer = \"A\"\n",
                options.join(", ")
            ),
        )],
    );
    assert!(err.len() < 200_000, "{} bytes", err.len());
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n'),
        "a control character"
    );
    assert!(
        err.contains("error: options `A` and `B` are the same: `同`"),
        "{err}"
    );
    assert!(err.contains("error: 2996 more like \"options `A` and `E` are the same: `同`\" in quizzes/many.toml\n  = at 6:"), "{err}");
    assert!(err.contains("more like \"2021-06-"), "{err}");
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a plain libc call with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// Runs xuexi with a time limit: a hang fails the test instead of stalling it.
fn within_10s(root: &Path, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .arg("--root")
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("`xuexi {args:?}` hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// Pipes where xuexi reads its own bookkeeping or a spreadsheet: a message, no hang.
#[test]
fn pipes_among_the_files_xuexi_reads_never_hang() {
    let p = sample_project();
    let root = p.path();
    assert!(xuexi(root, &["generate"]).status.success());
    let manifest = root.join("site/.xuexi/manifest");
    std::fs::remove_file(&manifest).unwrap();
    mkfifo(&manifest);
    let out = within_10s(root, &["generate"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("manifest"), "{}", stderr(&out));

    let csv = root.join("bank.csv");
    mkfifo(&csv);
    let out = within_10s(root, &["import", csv.to_str().unwrap(), "--quiz", "pipe"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}
