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
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
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
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
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
        "读取 工作表「题库」：5 行，1 道题可以导入，4 行有问题
错误：工作表「题库」第 2 行「题型」列：题型 `问答题` 认不出：要写 单选、多选、不定项、判断 或 填空
错误：工作表「题库」第 3 行「答案」列：答案 D 没有对应的选项：选项只有 A 到 B
错误：工作表「题库」第 4 行「题干」列：题干是空的
错误：工作表「题库」第 5 行「答案」列：题干里有 1 个空（__ 或空括号），答案却给了 2 个：几个空的答案之间用 ； 隔开
错误：4 处有问题，什么也没写：改好后再导入，或加 --skip-bad 只导入没有问题的行

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

/// A cell of a test workbook: text, a number (as Excel keeps 序号 and 分值), or the
/// covered part of a merged region.
#[derive(Clone, Copy)]
enum C<'a> {
    T(&'a str),
    N(f64),
    E,
}
use C::{E, N, T};

/// A sheet: its name, its rows, and its merged regions (first row, first column, last
/// row, last column; 0-based) whose value is the first cell's.
type SheetSpec<'a> = (&'a str, Vec<Vec<C<'a>>>, Vec<(u32, u16, u32, u16)>);

/// Writes an .xlsx with rust_xlsxwriter, the way Excel and WPS save one.
fn book(path: &Path, sheets: &[SheetSpec]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let plain = rust_xlsxwriter::Format::new();
    for (name, rows, merges) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    T(s) if !s.is_empty() => {
                        ws.write_string(r as u32, c as u16, *s).unwrap();
                    }
                    N(x) => {
                        ws.write_number(r as u32, c as u16, *x).unwrap();
                    }
                    _ => {}
                }
            }
        }
        for &(r0, c0, r1, c1) in merges {
            let T(value) = rows[r0 as usize][c0 as usize] else {
                panic!("merge a text cell")
            };
            ws.merge_range(r0, c0, r1, c1, value, &plain).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn stderr_with(root: &Path, err: &str) -> String {
    err.replace(&root.display().to_string(), "<root>")
}

/// The bank of an office: one sheet per type, no 题型 column, a title row above the
/// header, 序号/分值/难度 columns, options written with their letters, 判断 answered
/// A/B with the options 正确/错误, a sheet of instructions.
fn office_bank(path: &Path) {
    book(
        path,
        &[
            (
                "说明",
                vec![vec![T("本题库共四类题型，请勿修改表头。")]],
                vec![],
            ),
            (
                "单选题",
                vec![
                    vec![T("2021年党史学习教育知识测试题库"), E, E, E],
                    vec![
                        T("序号"),
                        T("题干（必填）"),
                        T("选项A"),
                        T("选项B"),
                        T("选项C"),
                        T("选项D"),
                        T("答案"),
                        T("解析"),
                        T("分值"),
                        T("难度"),
                    ],
                    vec![
                        N(1.0),
                        T("中国共产党第一次全国代表大会在哪里开幕？"),
                        T("A. 北京"),
                        T("B. 上海"),
                        T("C. 广州"),
                        T("D. 嘉兴"),
                        T("B"),
                        T("中共一大在上海开幕。"),
                        N(2.0),
                        T("易"),
                    ],
                    vec![
                        N(2.0),
                        T("遵义会议在哪一年召开？"),
                        T("A、1934年"),
                        T("B、1935年"),
                        T("C、1936年"),
                        T("D、1937年"),
                        T("b"),
                        T(""),
                        N(2.0),
                        T("中"),
                    ],
                ],
                vec![(0, 0, 0, 3)],
            ),
            (
                "多选题",
                vec![
                    vec![
                        T("序号"),
                        T("题干"),
                        T("选项A"),
                        T("选项B"),
                        T("选项C"),
                        T("答案"),
                        T("分值"),
                    ],
                    vec![
                        N(1.0),
                        T("“南陈北李”指的是哪两位？"),
                        T("（A）陈独秀"),
                        T("（B）李大钊"),
                        T("（C）李达"),
                        T("A,B"),
                        N(3.0),
                    ],
                ],
                vec![],
            ),
            (
                "判断题",
                vec![
                    vec![
                        T("序号"),
                        T("题干"),
                        T("选项A"),
                        T("选项B"),
                        T("答案"),
                        T("分值"),
                    ],
                    vec![
                        N(1.0),
                        T("遵义会议于1935年1月召开。"),
                        T("正确"),
                        T("错误"),
                        T("A"),
                        N(1.0),
                    ],
                    vec![
                        N(2.0),
                        T("中共一大在北京闭幕。"),
                        T("正确"),
                        T("错误"),
                        T("B"),
                        N(0.5),
                    ],
                ],
                vec![],
            ),
            (
                "填空题",
                vec![
                    vec![T("序号"), T("题干"), T("答案"), T("分值")],
                    vec![N(1.0), T("中国共产党成立于（ ）年。"), T("1921"), N(2.0)],
                ],
                vec![],
            ),
        ],
    );
}

const OFFICE_TOML: &str = r#"#:schema ../schemas/quiz.schema.json
title = "2021年党史学习教育知识测试题库"

[[question]]
id = "single-1"
type = "single"
prompt = "中国共产党第一次全国代表大会在哪里开幕？"
options = ["北京", "上海", "广州", "嘉兴"]
answer = "B"
points = 2
explanation = "中共一大在上海开幕。"

[[question]]
id = "single-2"
type = "single"
prompt = "遵义会议在哪一年召开？"
options = ["1934年", "1935年", "1936年", "1937年"]
answer = "B"
points = 2

[[question]]
id = "multiple-1"
type = "multiple"
prompt = "“南陈北李”指的是哪两位？"
options = ["陈独秀", "李大钊", "李达"]
answer = "AB"
points = 3

[[question]]
id = "truefalse-1"
type = "truefalse"
prompt = "遵义会议于1935年1月召开。"
answer = true
points = 1

[[question]]
id = "truefalse-2"
type = "truefalse"
prompt = "中共一大在北京闭幕。"
answer = false
points = 0.5

[[question]]
id = "fill-1"
type = "fill"
prompt = "中国共产党成立于____年。"
answer = ["1921"]
points = 2
"#;

#[test]
fn an_office_workbook_imports_every_sheet_and_says_what_it_left_out() {
    let dir = project();
    let root = dir.path().join("p");
    let file = dir.path().join("题库.xlsx");
    office_bank(&file);
    let (code, err) = run(
        &root,
        &["import", file.to_str().unwrap(), "--quiz", "dangshi"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        stderr_with(&root, &err),
        "跳过 工作表「说明」：前 10 行里没有表头：表头要有“题干”和“答案”两列（如 题型、题干、选项A、选项B、答案、解析）
读取 工作表「单选题」：2 道题（表头在第 2 行，上面 1 行当作标题；题型按工作表名称：单选题）
读取 工作表「多选题」：1 道题（题型按工作表名称：多选题）
读取 工作表「判断题」：2 道题（题型按工作表名称：判断题）
读取 工作表「填空题」：1 道题（题型按工作表名称：填空题）
忽略的列：难度
题库名称取自表格标题：2021年党史学习教育知识测试题库
导入：6 道题写入 <root>/quizzes/dangshi.toml
警告：工作表「单选题」第 4 行；工作表「多选题」第 2 行；工作表「判断题」第 2、3 行；工作表「填空题」第 2 行：有 5 道题没有解析：`single-2`、`multiple-1`、`truefalse-1`、`truefalse-2`、`fill-1`
"
    );
    let toml = std::fs::read_to_string(root.join("quizzes/dangshi.toml")).unwrap();
    assert_eq!(toml, OFFICE_TOML);
    // What import writes, `xuexi check` accepts.
    let checked = xuexi::check(&root);
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let bank = checked
        .project
        .unwrap()
        .quizzes
        .into_iter()
        .find(|q| q.id.as_str() == "dangshi")
        .unwrap();
    assert_eq!(bank.questions[4].points.map(|p| p.0), Some(0.5));
}

#[test]
fn merged_cells_count_for_every_row_they_cover() {
    let dir = project();
    let root = dir.path().join("p");
    let file = dir.path().join("merged.xlsx");
    let header = vec![
        T("题型"),
        T("题干"),
        T("选项A"),
        T("选项B"),
        T("答案"),
        T("解析"),
    ];
    book(
        &file,
        &[(
            "题库",
            vec![
                header,
                vec![
                    T("单选"),
                    T("甲？"),
                    T("一"),
                    T("二"),
                    T("A"),
                    T("同一段解析"),
                ],
                vec![E, T("乙？"), T("一"), T("二"), T("B"), E],
                vec![E, T("丙？"), T("一"), T("二"), T("A"), T("另一段")],
            ],
            vec![(1, 0, 3, 0), (1, 5, 2, 5)],
        )],
    );
    let (code, err) = run(&root, &["import", file.to_str().unwrap(), "--quiz", "m"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with(
            "读取 工作表「题库」：3 道题\n工作表「题库」的合并单元格 A2:A4、F2:F3 已按所覆盖的每一行读取\n"
        ),
        "{err}"
    );
    let toml = std::fs::read_to_string(root.join("quizzes/m.toml")).unwrap();
    assert_eq!(toml.matches("type = \"single\"").count(), 3, "{toml}");
    assert_eq!(
        toml.matches("explanation = \"同一段解析\"").count(),
        2,
        "{toml}"
    );
    // An .xls (Excel 97-2003) and an .ods (LibreOffice, WPS) with the same merges give
    // the same bank.
    for ext in ["xls", "ods"] {
        let (code, err) = run(
            &root,
            &[
                "import",
                fixture(&format!("merged.{ext}")).to_str().unwrap(),
                "--quiz",
                "m",
                "--force",
            ],
        );
        assert_eq!(code, 0, "{ext}: {err}");
        assert!(
            err.contains("的合并单元格 A2:A4、F2:F3 已按所覆盖的每一行读取\n"),
            "{ext}: {err}"
        );
        let other = std::fs::read_to_string(root.join("quizzes/m.toml")).unwrap();
        assert_eq!(other, toml, "{ext}");
    }
}

#[test]
fn a_header_nowhere_near_the_top_is_one_message() {
    let dir = project();
    let root = dir.path().join("p");
    let file = dir.path().join("x.xlsx");
    book(
        &file,
        &[(
            "Sheet1",
            vec![vec![T("题目")], vec![T("一大在哪里开幕？")]],
            vec![],
        )],
    );
    let (code, err) = run(&root, &["import", file.to_str().unwrap(), "--quiz", "x"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "跳过 工作表「Sheet1」：前 10 行里没有表头：表头要有“题干”和“答案”两列（如 题型、题干、选项A、选项B、答案、解析）
错误：没有可导入的题目，什么也没写

"
    );
}

#[test]
fn without_a_project_import_says_where_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(
        dir.path(),
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "x",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        stderr_with(dir.path(), &err),
        "读取 工作表「题库」：4 道题
导入：4 道题写入 <root>/quizzes/x.toml
注意：这里没有找到项目（没有 catalogue.toml），题库写到了 <root>/quizzes/x.toml；用 --root 指定项目文件夹
"
    );
}

/// The questions' ids, in order.
fn ids(toml: &str) -> Vec<String> {
    toml.lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect()
}

fn plain_bank(path: &Path, rows: &[[&str; 5]], seq: bool) {
    let mut out = vec![{
        let mut h = vec![T("题型"), T("题干"), T("选项A"), T("选项B"), T("答案")];
        if seq {
            h.insert(0, T("序号"));
        }
        h
    }];
    for (n, r) in rows.iter().enumerate() {
        let mut row: Vec<C> = r.iter().map(|s| T(s)).collect();
        if seq {
            row.insert(0, N(n as f64 + 1.0));
        }
        out.push(row);
    }
    book(path, &[("题库", out, vec![])]);
}

const FOUR: [[&str; 5]; 4] = [
    ["单选", "一大在哪里开幕？", "北京", "上海", "B"],
    ["判断", "遵义会议于1935年召开。", "", "", "对"],
    ["单选", "南昌起义在哪一年？", "1927年", "1928年", "A"],
    ["填空", "党成立于____年。", "", "", "1921"],
];

#[test]
fn ids_survive_an_inserted_row_and_a_reimport() {
    let dir = project();
    let root = dir.path().join("p");
    for seq in [false, true] {
        let quiz = if seq { "seq" } else { "plain" };
        let before = dir.path().join(format!("{quiz}-1.xlsx"));
        plain_bank(&before, &FOUR, seq);
        let (code, err) = run(&root, &["import", before.to_str().unwrap(), "--quiz", quiz]);
        assert_eq!(code, 0, "{err}");
        let first =
            ids(&std::fs::read_to_string(root.join(format!("quizzes/{quiz}.toml"))).unwrap());
        if seq {
            assert_eq!(first, ["q1", "q2", "q3", "q4"]);
        }
        // A row inserted second (序号 renumbered), the third row moved to the end.
        let after = dir.path().join(format!("{quiz}-2.xlsx"));
        let new = ["多选", "哪些是一大代表？", "毛泽东", "董必武", "AB"];
        plain_bank(&after, &[FOUR[0], new, FOUR[1], FOUR[3], FOUR[2]], seq);
        let (code, err) = run(&root, &["import", after.to_str().unwrap(), "--quiz", quiz]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.lines()
                .any(|l| l.ends_with("（新增 1 道，修改 0 道，删除 0 道，未变 4 道）")),
            "{err}"
        );
        let again =
            ids(&std::fs::read_to_string(root.join(format!("quizzes/{quiz}.toml"))).unwrap());
        assert_eq!(
            [&again[0], &again[2], &again[3], &again[4]],
            [&first[0], &first[1], &first[3], &first[2]],
            "{quiz}"
        );
        assert!(!first.contains(&again[1]));
    }
    // Without a bank to keep them, ids come from the content: the same question gets
    // the same id wherever its row is.
    let a = dir.path().join("a.xlsx");
    plain_bank(&a, &FOUR, false);
    let b = dir.path().join("b.xlsx");
    plain_bank(&b, &[FOUR[3], FOUR[2], FOUR[1], FOUR[0]], false);
    run(&root, &["import", a.to_str().unwrap(), "--quiz", "a"]);
    run(&root, &["import", b.to_str().unwrap(), "--quiz", "b"]);
    let mut ia = ids(&std::fs::read_to_string(root.join("quizzes/a.toml")).unwrap());
    let ib = ids(&std::fs::read_to_string(root.join("quizzes/b.toml")).unwrap());
    ia.reverse();
    assert_eq!(ia, ib);
    // The hash of type and prompt: readers' records depend on it staying the same.
    let toml = std::fs::read_to_string(root.join("quizzes/g.toml")).unwrap_or_default();
    assert_eq!(toml, "");
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "g",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        ids(&std::fs::read_to_string(root.join("quizzes/g.toml")).unwrap()),
        ["q7ed74818", "qac0109f5", "q84107978", "qb9bbc919"]
    );
}

#[test]
fn export_review_import_keeps_settings_and_changes_only_the_edited_question() {
    let dir = project();
    let root = dir.path().join("p");
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "rt",
            "--title",
            "党史自测",
            "--material",
            "jianshi",
            "--draw",
            "3",
            "--pass",
            "60",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_to_string(root.join("quizzes/rt.toml")).unwrap();
    assert!(first.starts_with(
        "#:schema ../schemas/quiz.schema.json\ntitle = \"党史自测\"\nmaterial = \"jianshi\"\ndraw = 3\npass = 60\n"
    ));
    for ext in ["xlsx", "csv"] {
        let file = dir.path().join(format!("rt.{ext}"));
        let (code, err) = run(&root, &["export", "--quiz", "rt", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let (code, err) = run(&root, &["import", file.to_str().unwrap(), "--quiz", "rt"]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.ends_with("（新增 0 道，修改 0 道，删除 0 道，未变 4 道）\n"),
            "{err}"
        );
        let again = std::fs::read_to_string(root.join("quizzes/rt.toml")).unwrap();
        assert_eq!(again, first, "{ext}");
    }
    // A colleague fixes one explanation in the sheet.
    let csv = dir.path().join("rt.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.matches("见第一章。").count(), 1);
    std::fs::write(&csv, text.replace("见第一章。", "见《简史》第一章。")).unwrap();
    let (code, err) = run(&root, &["import", csv.to_str().unwrap(), "--quiz", "rt"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with("（新增 0 道，修改 1 道，删除 0 道，未变 3 道）\n"),
        "{err}"
    );
    let edited = std::fs::read_to_string(root.join("quizzes/rt.toml")).unwrap();
    assert_eq!(edited, first.replace("见第一章。", "见《简史》第一章。"));
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn points_survive_export_and_import() {
    let dir = project();
    let root = dir.path().join("p");
    let file = dir.path().join("题库.xlsx");
    office_bank(&file);
    run(&root, &["import", file.to_str().unwrap(), "--quiz", "o"]);
    let out = dir.path().join("o.xlsx");
    let (code, err) = run(&root, &["export", "--quiz", "o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(&root, &["import", out.to_str().unwrap(), "--quiz", "o"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("quizzes/o.toml")).unwrap(),
        OFFICE_TOML
    );
}

/// An export that cannot be written (its path is a folder, or goes through a file) stops
/// with status 1 in the catalogue's words, naming the path: no English from the system,
/// and no temporary file left behind.
#[test]
fn an_export_that_cannot_be_written_says_why_in_chinese_and_names_the_path() {
    let dir = project();
    let root = dir.path().join("p");
    let (code, err) = import(&root, &fixture("good.xlsx"), "first", "t");
    assert_eq!(code, 0, "{err}");
    let folder = dir.path().join("审阅.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let file = dir.path().join("一个文件");
    std::fs::write(&file, "x").unwrap();
    let cases = [
        (folder, "这是一个文件夹，不是文件"),
        (file.join("审阅.csv"), "路径中有一段不是文件夹"),
    ];
    for (path, why) in cases {
        let (code, err) = run(
            &root,
            &["export", "--quiz", "first", path.to_str().unwrap()],
        );
        assert_eq!(code, 1, "{err}");
        let said = format!("无法写入 `{}`：{why}\n", path.display());
        assert!(err.contains(&said), "{err}");
        assert!(!err.contains("写不了"), "{err}");
        for english in ["directory", "os error"] {
            assert!(!err.to_lowercase().contains(english), "{err}");
        }
    }
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xuexi.tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_hand_written_bank_is_kept_beside_the_one_import_writes() {
    let dir = project();
    let root = dir.path().join("p");
    let target = root.join("quizzes/hand.toml");
    let backup = root.join("quizzes/hand.toml.bak");
    let hand = "# 王老师整理，2021年4月\ntitle = \"手写的题库\"\n\n[[question]]\nid = \"a\"\ntype = \"truefalse\"\n# 来自第一章\nprompt = \"遵义会议于1935年1月召开。\"\nanswer = true\n";
    std::fs::write(&target, hand).unwrap();
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "hand",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("quizzes/hand.toml` 它有手写的注释或排版，导入后不保留：原文件已另存为 `")
            && err.contains("quizzes/hand.toml.bak`\n"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), hand);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("title = \"手写的题库\""), "{written}");
    // The bank is now as import writes it: a second import keeps no copy.
    std::fs::remove_file(&backup).unwrap();
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "hand",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains(".bak"), "{err}");
    assert!(!backup.exists());
    // --force replaces the whole bank: the old one is kept.
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("gb18030.csv").to_str().unwrap(),
            "--quiz",
            "hand",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("--force 会整个替换它"), "{err}");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), written);
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "a backup is not a bank: {err}");
}

/// Import refuses the fill-in answers `check` refuses (an empty alternative, one that is
/// only punctuation), so it never writes a bank that does not check; with `--skip-bad`
/// what it writes checks clean.
#[test]
fn fill_answers_check_refuses_are_refused() {
    let dir = project();
    let root = dir.path().join("p");
    let csv = dir.path().join("q.csv");
    std::fs::write(
        &csv,
        "题型,题干,答案,解析\n填空,成立于____年,1921|,x\n填空,在____召开,上海||嘉兴,x\n填空,成立于____年,……,x\n填空,在____召开,上海|嘉兴,x\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let (code, err) = run(
        &root,
        &["import", path, "--quiz", "imported", "--title", "t"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("第 2 行「答案」列：第 1 个空的答案（`1921|`）里有空的备选"),
        "{err}"
    );
    assert!(
        err.contains("第 3 行「答案」列：第 1 个空的答案（`上海||嘉兴`）里有空的备选"),
        "{err}"
    );
    assert!(
        err.contains("第 4 行「答案」列：第 1 个空的答案 `……` 只有空格和标点"),
        "{err}"
    );
    assert!(!root.join("quizzes/imported.toml").exists());
    let args = [
        "import",
        path,
        "--quiz",
        "imported",
        "--title",
        "t",
        "--skip-bad",
    ];
    let (code, err) = run(&root, &args);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
}

/// A file that is not what its name says (a CSV renamed `.xlsx`, an empty `.xls`, a
/// web page saved as `.ods`) is told in the author's words, with what to do; nothing
/// of the spreadsheet library's English (zip archives, OLE signatures) shows.
#[test]
fn a_file_that_is_not_a_workbook_is_told_in_words() {
    let dir = project();
    let root = dir.path().join("p");
    for (name, bytes) in [
        (
            "renamed.xlsx",
            &b"\xe9\xa2\x98\xe5\xb9\xb2,\xe7\xad\x94\xe6\xa1\x88\n"[..],
        ),
        ("empty.xls", &b""[..]),
        ("page.ods", &b"<html><body>x</body></html>"[..]),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let (code, err) = import(&root, &file, "bank", "题库");
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains("文件内容不是表格"), "{name}: {err}");
        for english in ["Zip", "EOCD", "Cfb", "OLE", "error", "Error"] {
            assert!(!err.contains(english), "{name}: {english} in {err}");
        }
        assert!(!root.join("quizzes/bank.toml").exists());
    }
}

/// Columns separated by tabs or semicolons (a sheet saved as text, or in a European
/// locale) read as well as commas.
#[test]
fn tab_and_semicolon_separated_files_read_as_csv() {
    let dir = project();
    let root = dir.path().join("p");
    for (name, sep) in [("tabs.csv", "\t"), ("semicolons.csv", ";")] {
        let file = dir.path().join(name);
        let rows = ["题型,题干,答案", "判断,遵义会议在1935年召开。,对"];
        std::fs::write(&file, rows.join("\n").replace(',', sep)).unwrap();
        let id = name.trim_end_matches(".csv");
        let (code, err) = import(&root, &file, id, "题库");
        assert_eq!(code, 0, "{name}: {err}");
        let toml = std::fs::read_to_string(root.join(format!("quizzes/{id}.toml"))).unwrap();
        assert!(toml.contains("answer = true"), "{name}: {toml}");
    }
}

/// What `check` warns of in the questions imported (no 解析, two questions with the
/// same prompt) is told right after the import by the sheet rows it is about, where
/// the clerk mends it, and not only by the TOML file's lines. A row deleted from the
/// sheet moves nothing: the rows are the sheet's own numbers.
#[test]
fn warnings_about_imported_questions_name_their_rows() {
    let dir = project();
    let root = dir.path().join("p");
    let file = dir.path().join("题库.csv");
    let rows = [
        "题型,题干,选项A,选项B,选项C,答案,解析",
        "单选,中共一大在哪里开幕？,北京,上海,广州,B,一大在上海开幕。",
        "单选,党的一大最后一天在哪里举行？,嘉兴南湖,上海,杭州,A,",
        "",
        "判断,遵义会议在1935年召开。,,,,对,",
        "单选,党的一大最后一天在哪里举行？,嘉兴南湖,上海,杭州,A,在嘉兴南湖的游船上。",
    ];
    std::fs::write(&file, rows.join("\n")).unwrap();
    let (code, err) = import(&root, &file, "yida", "一大");
    assert_eq!(code, 0, "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("警告")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(
        warnings[0].starts_with("警告：工作表「题库」第 3、5 行：有 2 道题没有解析"),
        "{err}"
    );
    assert!(
        warnings[1].starts_with("警告：工作表「题库」第 3、6 行：")
            && warnings[1].contains("题干相同"),
        "{err}"
    );
    // `check` still tells them by the file's lines, for whoever edits the TOML.
    let (code, check) = run(&root, &["check"]);
    assert_eq!(code, 0, "{check}");
    assert!(check.contains("quizzes/yida.toml:"), "{check}");
}

/// What import writes goes through `check`'s loader and checks first: a bank whose
/// `pass` is out of range (kept from the bank it updates; `--pass` itself is refused
/// as a usage error) is what `check` says of it, and nothing is written.
#[test]
fn a_bank_that_check_would_refuse_is_not_written() {
    let dir = project();
    let root = dir.path().join("p");
    let (code, err) = import(&root, &fixture("good.xlsx"), "gp", "党史自测");
    assert_eq!(code, 0, "{err}");
    let path = root.join("quizzes/gp.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "title = \"党史自测\"\n",
        "title = \"党史自测\"\npass = 0\n",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let (code, err) = run(
        &root,
        &[
            "import",
            fixture("good.xlsx").to_str().unwrap(),
            "--quiz",
            "gp",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("导入后的题库过不了 xuexi check，所以没有写入："),
        "{err}"
    );
    assert!(err.contains("quizzes/gp.toml:"), "{err}");
    assert!(err.contains("`pass`"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Prompts, options and explanations that a spreadsheet would run as formulas: inert in
/// the exported CSV, text (never a formula) in the exported `.xlsx`, and read back by
/// `import` as they were, so the bank is unchanged.
#[test]
fn hostile_cells_are_inert_in_an_export_and_read_back_as_they_were() {
    let dir = project();
    let root = dir.path().join("p");
    let link = r#"=HYPERLINK("http://evil.example/","点我")"#;
    std::fs::write(
        root.join("quizzes/evil.toml"),
        format!(
            r#"title = "危险的单元格"

[[question]]
id = "q1"
type = "single"
prompt = '{link}'
options = ["@SUM(1+1)", "+第一党支部", "-1", "'=1+1"]
answer = "B"
explanation = "@书记 见第一章。"

[[question]]
id = "q2"
type = "fill"
prompt = "-1 加 __ 等于 0"
answer = ["1"]

[[question]]
id = "q3"
type = "truefalse"
prompt = "+党章是党的根本大法"
answer = true
"#
        ),
    )
    .unwrap();
    let (code, err) = run(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
    // Once through a workbook, so the bank is in the form import writes.
    let xlsx = dir.path().join("evil.xlsx");
    let (code, err) = run(&root, &["export", "--quiz", "evil", xlsx.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(&root, &["import", xlsx.to_str().unwrap(), "--quiz", "evil"]);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_to_string(root.join("quizzes/evil.toml")).unwrap();
    assert!(first.contains(link) && first.contains("'=1+1"), "{first}");
    // The workbook: every cell text, no formula.
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("题库").unwrap();
    let row: Vec<Data> = range.rows().nth(1).unwrap().to_vec();
    assert_eq!(
        row[..7],
        [
            Data::String("q1".into()),
            Data::String("单选".into()),
            Data::String(link.into()),
            Data::String("@SUM(1+1)".into()),
            Data::String("+第一党支部".into()),
            Data::String("-1".into()),
            Data::String("'=1+1".into()),
        ]
    );
    let formulas = book.worksheet_formula("题库").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    // The CSV: a `'` before each cell that would run.
    let csv = dir.path().join("evil.csv");
    let (code, err) = run(&root, &["export", "--quiz", "evil", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "\u{feff}编号,题型,题干,选项A,选项B,选项C,选项D,答案,解析,出处",
            r#"q1,单选,"'=HYPERLINK(""http://evil.example/"",""点我"")",'@SUM(1+1),'+第一党支部,'-1,''=1+1,B,'@书记 见第一章。,"#,
            "q2,填空,'-1 加 __ 等于 0,,,,,1,,",
            "q3,判断,'+党章是党的根本大法,,,,,对,,",
        ],
        "{text}"
    );
    let (code, err) = run(&root, &["import", csv.to_str().unwrap(), "--quiz", "evil"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.lines()
            .any(|l| l.ends_with("（新增 0 道，修改 0 道，删除 0 道，未变 3 道）")),
        "{err}"
    );
    let again = std::fs::read_to_string(root.join("quizzes/evil.toml")).unwrap();
    assert_eq!(again, first);
}
