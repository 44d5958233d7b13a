//! `xuexi tally` on the sample campaign: a chat export with 200 members' record codes
//! among other messages, and codes that are damaged, cut short, of another campaign,
//! duplicated or older than the member's latest. The ledger's cells and the messages
//! are checked exactly; the tally takes well under a second.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use xuexi::tally::code::{QuizScore, Record, derived_id, encode};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const BRANCHES: [&str; 4] = ["第一党支部", "第二党支部", "机关党支部", "离退休党支部"];

/// Member `i`: reads the first `i % 6` readings, takes the first quiz if `i` is even.
fn record(i: usize, exported: &str) -> Record {
    let days = [
        "2021-04-15",
        "2021-04-29",
        "2021-05-13",
        "2021-05-27",
        "2021-06-10",
    ];
    let mut readings = vec![String::new(); 17];
    for (k, r) in readings.iter_mut().enumerate().take(i % 6) {
        *r = days.get(k).copied().unwrap_or("?").to_string();
    }
    let quizzes = if i.is_multiple_of(2) {
        vec![QuizScore {
            id: "jianshi-ch01".into(),
            attempts: 2,
            best: (60 + i % 41) as u64,
            best_on: "2021-04-16".into(),
            latest: 60,
            latest_on: "2021-04-20".into(),
        }]
    } else {
        Vec::new()
    };
    Record {
        campaign: derived_id("广安区党史学习教育", "2021-04-08"),
        plan: "guangan-2021".into(),
        name: format!("党员{i:03}"),
        branch: BRANCHES[i % 4].into(),
        exported: exported.into(),
        readings,
        quizzes,
        wrong: (i % 7) as u64,
        daily: (0..i % 3).map(|d| format!("2021-05-0{}", d + 1)).collect(),
    }
}

/// A chat: each member's message with a human line and the code, and small talk.
fn chat(n: usize) -> String {
    let mut text = String::from("第一党支部学习群 的聊天记录\n");
    for i in 0..n {
        let code = encode(&record(i, "2021-06-01T09:00")).unwrap();
        text.push_str(&format!(
            "2021-06-01 09:{:02} 党员{i:03}\n【学习记录】党员{i:03} · {} · 已读 {}/17，自测 {}/4\n{code}\n",
            i % 60,
            BRANCHES[i % 4],
            i % 6,
            usize::from(i % 2 == 0)
        ));
        if i % 10 == 0 {
            text.push_str("书记：收到，请大家按时学习。[玫瑰]\n");
        }
    }
    text
}

fn sample() -> xuexi::model::Project {
    let checked = xuexi::check(repo());
    assert!(!checked.has_errors());
    checked.project.unwrap()
}

fn date(s: &str) -> jiff::civil::Date {
    s.parse().unwrap()
}

#[test]
fn two_hundred_members_in_a_chat_tally_into_one_ledger() {
    let project = sample();
    let sources = vec![xuexi::tally::Source {
        name: "群聊.txt".into(),
        text: chat(200),
    }];
    let start = std::time::Instant::now();
    let ledgers = xuexi::tally::tally(&project, &sources, None, date("2021-05-31")).unwrap();
    let bytes = xuexi::tally::write::xlsx(&ledgers[0]).unwrap();
    let took = start.elapsed();
    // Timed for the record only: how fast is the bench's business (about 25 ms in a
    // release build); a generous bound catches only a blow-up, never a busy machine.
    eprintln!("tally of 200 members with the .xlsx: {took:?}");
    assert!(took.as_secs() < 30, "{took:?}");
    assert_eq!(ledgers.len(), 1);
    let l = &ledgers[0];
    assert_eq!(l.members.len(), 200);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    // Sorted by branch (character order), then name.
    assert_eq!(
        (l.members[0].branch.as_str(), l.members[0].name.as_str()),
        ("机关党支部", "党员002")
    );
    // The whole command: load the project, read the chat, write the .xlsx.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("群聊.txt"), &sources[0].text).unwrap();
    let start = std::time::Instant::now();
    let run = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args([
            "tally",
            "群聊.txt",
            "--date",
            "2021-05-31",
            "-o",
            "台账.xlsx",
            "--root",
        ])
        .arg(repo())
        .current_dir(dir.path())
        .output()
        .unwrap();
    let took = start.elapsed();
    eprintln!("xuexi tally of 200 members, the whole command: {took:?}");
    assert_eq!(run.status.code(), Some(0));
    assert!(took.as_secs() < 30, "{took:?}");
    // Same input, same bytes.
    assert_eq!(
        xuexi::tally::write::xlsx(
            &xuexi::tally::tally(&project, &sources, None, date("2021-05-31")).unwrap()[0]
        )
        .unwrap(),
        bytes
    );
}

fn cells(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::DateTime(d) => jiff::civil::date(1899, 12, 30)
                        .checked_add(jiff::SignedDuration::from_hours(d.as_f64() as i64 * 24))
                        .unwrap()
                        .to_string(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_command_reports_bad_codes_by_line_and_writes_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let good = encode(&record(2, "2021-06-01T09:00")).unwrap();
    let newer = encode(&record(2, "2021-06-02T20:00")).unwrap();
    let mut other = record(5, "2021-06-01T09:00");
    other.campaign = "other-campaign".into();
    let mut unknown_plan = record(7, "2021-06-01T09:00");
    unknown_plan.plan = "no-such-plan".into();
    let mut short_plan = record(9, "2021-06-01T09:00");
    short_plan.readings.truncate(16);
    let mut mistyped = good.clone();
    let at = mistyped.len() - 10;
    let c = if &mistyped[at..=at] == "A" { "B" } else { "A" };
    mistyped.replace_range(at..=at, c);
    let text = [
        "聊天记录".to_string(),
        good.clone(),
        format!("又发一次：{good}"),
        good[..good.len() - 5].to_string(),
        mistyped,
        encode(&other).unwrap(),
        encode(&unknown_plan).unwrap(),
        encode(&short_plan).unwrap(),
        "XUEXI2:AAAA".into(),
        newer,
        encode(&record(1, "2021-06-01T09:00")).unwrap(),
    ]
    .join("\n");
    std::fs::write(dir.path().join("群聊.txt"), text).unwrap();
    let out = dir.path().join("台账.xlsx");
    let run = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(["tally", "群聊.txt", "--date", "2021-05-31", "--print", "-o"])
        .arg(&out)
        .arg("--root")
        .arg(repo())
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    // The sample project's own warnings are counted first, as by every command.
    let (project_line, stderr) = stderr.split_once('\n').unwrap();
    assert!(project_line.contains("`xuexi check`"), "{project_line}");
    let html = out.with_extension("html");
    assert_eq!(
        stderr,
        format!(
            "读取 群聊.txt：10 条记录码\n\
             群聊.txt:2: 机关党支部 党员002：同一人有更新的记录（2021-06-02 20:00 导出），这条较早的没有计入\n\
             群聊.txt:3: 机关党支部 党员002：和第 2 行的记录完全相同，只计一次\n\
             群聊.txt:4: 记录码不完整或抄错了（校验不符），没有计入：请本人重新复制发送\n\
             群聊.txt:5: 记录码不完整或抄错了（校验不符），没有计入：请本人重新复制发送\n\
             群聊.txt:6: 第二党支部 党员005：这是别的学习活动的记录（活动编号 other-campaign，本活动是 0499ec7a），没有计入\n\
             群聊.txt:7: 离退休党支部 党员007：本活动没有学习计划 `no-such-plan`，没有计入\n\
             群聊.txt:8: 第二党支部 党员009：记录里的计划有 16 次阅读，现在的计划有 17 次（计划改过），没有计入：请本人打开最新的网站重新导出\n\
             群聊.txt:9: 这条记录的格式版本是 2，这个 xuexi 只认识版本 1：请升级 xuexi\n\
             已写出 {}\n\
             已写出 {}\n\
             学习计划 `guangan-2021`：2 人计入台账，8 条问题；进度截至 2021-05-31\n",
            out.display(),
            html.display()
        )
    );
    let members = cells(&out, "学习台账");
    assert_eq!(
        members[0][..6],
        [
            "序号",
            "支部",
            "姓名",
            "第1次\n04-16",
            "第2次\n04-30",
            "第3次\n05-14"
        ]
    );
    let head = &members[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    assert_eq!(members.len(), 3);
    // 机关党支部 before 第二党支部 (character order: 机 U+673A, 第 U+7B2C).
    let row1 = &members[1];
    assert_eq!(
        row1[..6],
        ["1", "机关党支部", "党员002", "2021-04-15", "2021-04-29", ""]
    );
    assert_eq!(row1[col("《中国共产党简史》第一章自测")], "62");
    assert_eq!(row1[col("已自测（共4套）")], "1");
    assert_eq!(row1[col("及格（共4套）")], "0");
    assert_eq!(row1[col("每日一练（天）")], "2");
    assert_eq!(row1[col("错题本（题）")], "2");
    assert_eq!(row1[col("进度")], "落后 2 次");
    assert_eq!(row1[col("记录导出时间")], "2021-06-02 20:00");
    let row2 = &members[2];
    assert_eq!(row2[..5], ["2", "第二党支部", "党员001", "2021-04-15", ""]);
    assert_eq!(row2[col("已读（共17次）")], "1");
    assert_eq!(row2[col("《中国共产党简史》第一章自测")], "");
    assert_eq!(row2[col("进度")], "落后 3 次");
    assert_eq!(row2[col("记录导出时间")], "2021-06-01 09:00");

    let readings = cells(&out, "阅读完成情况");
    assert_eq!(
        readings[0],
        [
            "序号",
            "应完成日期",
            "阅读内容",
            "已读人数（共2人）",
            "按期读完人数",
            "完成率",
            "自测",
            "自测人数",
            "及格人数"
        ]
    );
    assert_eq!(readings[1][..2], ["1", "2021-04-16"]);
    assert_eq!(readings[1][3..6], ["2", "2", "100%"]);
    assert_eq!(readings[1][6..], ["《中国共产党简史》第一章自测", "1", "0"]);
    assert_eq!(readings[2][3..6], ["1", "1", "50%"]);
    assert_eq!(readings.len(), 18);

    let problems = cells(&out, "问题记录");
    assert_eq!(
        problems[0],
        ["来源", "行", "支部 姓名", "问题", "记录码（开头）"]
    );
    assert_eq!(problems.len(), 9);
    assert_eq!(problems[3][..2], ["群聊.txt", "4"]);

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains(
            "<h1>学习台账：广安区党员干部党史学习计划（2021年）（进度截至 2021-05-31）</h1>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<td>机关党支部</td><td>党员002</td><td>04-15</td><td>04-29</td><td></td>"),
        "{page}"
    );
    assert!(page.contains("支部书记（签名）"));
}

#[test]
fn nothing_to_tally_says_what_to_paste() {
    let run = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(["tally", "--root"])
        .arg(repo())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("没有找到学习记录码（以 XUEXI1: 开头的一串字符）"),
        "{stderr}"
    );
}

/// Members' own words that a spreadsheet would run (a name that is a formula, a branch
/// that starts with `@`, `+` or `-`): inert in the CSV (a `'` in front, which Excel,
/// WPS and LibreOffice show as text), plain text in the `.xlsx`, never a formula.
#[test]
fn hostile_names_and_branches_are_inert_in_the_csv_and_text_in_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let link = r#"=HYPERLINK("http://evil.example/","点我")"#;
    let mut a = record(2, "2021-06-01T09:00");
    (a.name, a.branch) = (link.into(), "@SUM(1+1)".into());
    let mut b = record(1, "2021-06-01T09:00");
    (b.name, b.branch) = ("-1".into(), "+第一党支部".into());
    let text = format!("{}\n{}\n", encode(&a).unwrap(), encode(&b).unwrap());
    std::fs::write(dir.path().join("codes.txt"), text).unwrap();
    let out = dir.path().join("台账.xlsx");
    let run = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(["tally", "codes.txt", "--date", "2021-05-31", "--csv", "-o"])
        .arg(&out)
        .arg("--root")
        .arg(repo())
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let csv = std::fs::read_to_string(out.with_extension("csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0].starts_with("\u{feff}序号,支部,姓名,第1次 04-16,"),
        "{csv}"
    );
    // Sorted by branch: `+` before `@`. The counts stay numbers.
    assert!(
        lines[1].starts_with("1,'+第一党支部,'-1,2021-04-15,,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(
            r#"2,'@SUM(1+1),"'=HYPERLINK(""http://evil.example/"",""点我"")",2021-04-15,2021-04-29,"#
        ),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].ends_with(",,2,62（未及格）,,,,1,0,2,2,落后 2 次,2021-06-01 09:00"),
        "{}",
        lines[2]
    );
    // The workbook holds the words as text, with no formula in any sheet.
    let members = cells(&out, "学习台账");
    assert_eq!(members[1][..3], ["1", "+第一党支部", "-1"]);
    assert_eq!(members[2][..3], ["2", "@SUM(1+1)", link]);
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in {sheet}"
        );
    }
}

#[test]
fn a_roster_names_who_has_not_reported_in_each_branchs_subtotal() {
    let dir = tempfile::tempdir().unwrap();
    // Members 0..8: branches by i % 4, reading i % 6 readings.
    let text: Vec<String> = (0..8)
        .map(|i| encode(&record(i, "2021-06-01T09:00")).unwrap())
        .collect();
    std::fs::write(dir.path().join("群聊.txt"), text.join("\n")).unwrap();
    std::fs::write(
        dir.path().join("花名册.csv"),
        "姓名,支部\n党员000,第一党支部\n党员004,第一党支部\n张三,第一党支部\n李四,第 二 党支部\n王五,新党支部\n",
    )
    .unwrap();
    let out = dir.path().join("台账.xlsx");
    let run = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args([
            "tally",
            "群聊.txt",
            "--date",
            "2021-05-31",
            "--roster",
            "花名册.csv",
            "-o",
        ])
        .arg(&out)
        .arg("--root")
        .arg(repo())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["学习台账", "支部小计", "阅读完成情况", "问题记录"]
    );
    let rows = cells(&out, "支部小计");
    assert_eq!(
        rows[0],
        [
            "支部",
            "报送人数",
            "花名册人数",
            "未报送人数",
            "全部完成",
            "进度正常",
            "进度落后",
            "自测及格（人次）",
            "未报送的党员"
        ]
    );
    let line = |r: &Vec<String>| r.join("|");
    let lines: Vec<String> = rows[1..].iter().map(line).collect();
    // A roster's branch is matched whatever spaces it was typed with.
    // Four readings due by 31 May: members 4 and 5 read four or more, the rest are behind.
    assert_eq!(
        lines,
        [
            "机关党支部|2|0|0|0|0|2|0|",
            "离退休党支部|2|0|0|0|0|2|0|",
            "第一党支部|2|3|1|0|1|1|0|张三",
            "第二党支部|2|1|1|0|1|1|0|李四",
            "新党支部|0|1|1|0|0|0|0|王五",
            "合计|8|5|3|0|2|6|0|",
        ]
    );
}

#[test]
fn o_with_a_csv_name_writes_the_csv_once_and_no_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let code = encode(&record(1, "2021-06-01T09:00")).unwrap();
    std::fs::write(dir.path().join("群聊.txt"), code).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(["tally", "群聊.txt", "--csv", "-o", "台账.csv", "--root"])
        .arg(repo())
        .env("LANG", "zh_CN.UTF-8")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert_eq!(err.matches("已写出").count(), 1, "{err}");
    let csv = std::fs::read(dir.path().join("台账.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
}
