//! `xuexi import` and `export`: on fixtures written by other spreadsheet libraries
//! (tests/import/make_fixtures.py: openpyxl, xlwt, odfpy) and a GB18030 CSV, and on
//! workbooks laid out as offices keep them (several sheets, merged cells, a title row,
//! lettered options, extra columns), written here with rust_xlsxwriter.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/import").join(name)
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .arg("init")
        .arg(dir.path().join("p"))
        .output()
        .unwrap();
    assert!(out.status.success());
    dir
}

/// `xuexi import FILE --quiz ID --title TITLE` in `root`.
fn import(root: &Path, file: &Path, id: &str, title: &str) -> (i32, String) {
    run(
        root,
        &[
            "import",
            file.to_str().unwrap(),
            "--quiz",
            id,
            "--title",
            title,
        ],
    )
}

fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_good_bank_of_every_type_imports_and_checks() {
    let dir = project();
    let root = dir.path().join("p");
    let (code, err) = import(&root, &fixture("good.xlsx"), "imported", "导入的题库");
    assert_eq!(code, 0, "{err}");
    let toml = std::fs::read_to_string(root.join("quizzes/imported.toml")).unwrap();
    assert!(toml.starts_with("#:schema ../schemas/quiz.schema.json\ntitle = \"导入的题库\"\n"));
    for line in [
        "type = \"single\"\nprompt = \"中国共产党第一次全国代表大会在哪里开幕？\"\noptions = [\"北京\", \"上海\", \"广州\", \"嘉兴\"]\nanswer = \"B\"",
        "options = [\"陈独秀\", \"李大钊\", \"李达\"]\nanswer = \"AB\"",
        "type = \"truefalse\"\nprompt = \"遵义会议于1935年1月召开。\"\nanswer = true\nexplanation = \"出处：简史第二章\"",
        "answer = [\"1921\", \"13|十三\"]",
        "source = \"jianshi/ch01\"",
    ] {
        assert!(toml.contains(line), "{line}\n---\n{toml}");
    }
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
    // Again over the same bank: updated in place, nothing changed.
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "imported",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with("（新增 0 道，修改 0 道，删除 0 道，未变 4 道）\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("quizzes/imported.toml")).unwrap(),
        toml
    );
}

#[test]
fn xls_and_ods_files_give_the_same_bank() {
    let dir = project();
    let root = dir.path().join("p");
    import(&root, &fixture("good.xlsx"), "a", "t");
    let a = std::fs::read_to_string(root.join("quizzes/a.toml")).unwrap();
    for ext in ["xls", "ods"] {
        let (code, err) = import(&root, &fixture(&format!("good.{ext}")), ext, "t");
        assert_eq!(code, 0, "{ext}: {err}");
        let b = std::fs::read_to_string(root.join(format!("quizzes/{ext}.toml"))).unwrap();
        assert_eq!(a, b, "{ext}");
    }
}

#[test]
fn a_gb18030_csv_gives_the_same_bank() {
    let dir = project();
    let root = dir.path().join("p");
    import(&root, &fixture("good.xlsx"), "a", "t");
    let (code, err) = import(&root, &fixture("gb18030.csv"), "b", "t");
    assert_eq!(code, 0, "{err}");
    let a = std::fs::read_to_string(root.join("quizzes/a.toml")).unwrap();
    let b = std::fs::read_to_string(root.join("quizzes/b.toml")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn bad_rows_are_reported_by_place_and_nothing_is_written() {
    let dir = project();
    let root = dir.path().join("p");
    let bad = fixture("bad.xlsx");
    let (code, err) = run(&root, &["import", bad.to_str().unwrap(), "--quiz", "bad"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "读取 工作表「题库」：1 道题
错误：工作表「题库」第 2 行「题型」列：题型 `问答题` 认不出：要写 单选、多选、不定项、判断 或 填空
错误：工作表「题库」第 3 行「答案」列：答案 D 没有对应的选项：选项只有 A 到 B
错误：工作表「题库」第 4 行「题干」列：题干是空的
错误：工作表「题库」第 5 行「答案」列：题干里有 1 个空（__ 或空括号），答案却给了 2 个：几个空的答案之间用 ； 隔开
error: 4 处有问题，什么也没写：改好后再导入，或加 --skip-bad 只导入没有问题的行

1 error
"
    );
    assert!(!root.join("quizzes/bad.toml").exists());
    let (code, err) = run(
        &root,
        &[
            "import",
            bad.to_str().unwrap(),
            "--quiz",
            "bad",
            "--skip-bad",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("已跳过：工作表「题库」第 "))
            .count(),
        4
    );
    let toml = std::fs::read_to_string(root.join("quizzes/bad.toml")).unwrap();
    assert_eq!(toml.matches("[[question]]").count(), 1);
    assert!(toml.contains("prompt = \"五四运动发生在1919年。\"\nanswer = true"));
}

#[test]
fn export_then_import_gives_the_same_toml() {
    let dir = project();
    let root = dir.path().join("p");
    import(&root, &fixture("good.xlsx"), "first", "t");
    let first = std::fs::read_to_string(root.join("quizzes/first.toml")).unwrap();
    for ext in ["xlsx", "csv"] {
        let file = dir.path().join(format!("out.{ext}"));
        let (code, err) = run(
            &root,
            &["export", "--quiz", "first", file.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{err}");
        let id = format!("again-{ext}");
        let (code, err) = import(&root, &file, &id, "t");
        assert_eq!(code, 0, "{err}");
        let again = std::fs::read_to_string(root.join(format!("quizzes/{id}.toml"))).unwrap();
        assert_eq!(again, first, "{ext}");
    }
    // The sample's banks survive the trip too (ids kept in the 编号 column).
    let sample = common::sample_project();
    let file = dir.path().join("sample.xlsx");
    let (code, err) = run(
        sample.path(),
        &[
            "export",
            "--quiz",
            "jianshi-ch02-04",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(
        sample.path(),
        &[
            "import",
            file.to_str().unwrap(),
            "--quiz",
            "copy",
            "--title",
            "x",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(sample.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
    let copy = std::fs::read_to_string(sample.path().join("quizzes/copy.toml")).unwrap();
    assert_eq!(copy.matches("[[question]]").count(), 20);
    assert!(copy.contains("id = \"nanchang\""));
}
