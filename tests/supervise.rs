//! `xuexi supervise` on the sample campaign's task list (13 units, 15 tasks), as an
//! office meets it: blank forms sent out; forms filled the way people fill them (√,
//! 已完成, 2021年4月28日, an Excel date, 4次, rows reordered, a row deleted, a mark
//! nobody can read); receipt codes pasted from a chat (one damaged, one repeated, one
//! of another campaign, one superseded by a later one); a unit that sends nothing; the
//! clock inside the campaign and after it. Cells, the 通报 and the messages are checked
//! exactly.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use xuexi::supervise::receipt::{Receipt, Report, encode};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn xuexi(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .arg("--root")
        .arg(repo())
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The sheets of a workbook as text rows.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                            c => c.to_string(),
                        })
                        .collect()
                })
                .collect();
            (n, rows)
        })
        .collect()
}

/// A filled form as a clerk leaves it: the header block of the blank form, the rows in
/// another order, one row gone. `rows`: (编号, 完成情况, 完成日期, 次数, 佐证材料); a date
/// given as `Excel:2021-07-03` is an Excel date cell.
fn filled(path: &Path, unit: &str, id: &str, sent: &str, rows: &[[&str; 5]]) {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("任务回执").unwrap();
    s.write_string(0, 0, "广安区党史学习教育任务回执表")
        .unwrap();
    s.write_string(1, 0, "单位").unwrap();
    s.write_string(1, 1, unit).unwrap();
    s.write_string(1, 5, "单位编号").unwrap();
    s.write_string(1, 6, id).unwrap();
    s.write_string(2, 0, "填报人").unwrap();
    s.write_string(2, 1, "王五").unwrap();
    s.write_string(2, 5, "填报日期").unwrap();
    s.write_string(2, 6, sent).unwrap();
    let head = [
        "编号",
        "任务",
        "规定/自选",
        "截止日期",
        "完成情况",
        "完成日期",
        "次数",
        "佐证材料",
        "备注",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(5, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, [task, status, on, count, evidence]) in rows.iter().enumerate() {
        let r = 6 + i as u32;
        s.write_string(r, 0, *task).unwrap();
        s.write_string(r, 4, *status).unwrap();
        if let Some(d) = on.strip_prefix("Excel:") {
            let d: jiff::civil::Date = d.parse().unwrap();
            let x =
                ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
            s.write_datetime_with_format(r, 5, &x, &date).unwrap();
        } else {
            s.write_string(r, 5, *on).unwrap();
        }
        if let Ok(n) = count.parse::<f64>() {
            s.write_number(r, 6, n).unwrap();
        } else {
            s.write_string(r, 6, *count).unwrap();
        }
        s.write_string(r, 7, *evidence).unwrap();
    }
    book.save(path).unwrap();
}

fn campaign() -> String {
    xuexi::tally::code::derived_id("广安区党史学习教育", "2021-04-08")
}

fn report(task: &str, done: bool, on: &str, count: u64, dates: &[&str]) -> Report {
    Report {
        task: task.into(),
        done,
        on: on.into(),
        count,
        dates: dates.iter().map(|d| d.to_string()).collect(),
        evidence: vec!["签到表".into()],
        note: String::new(),
    }
}

fn code(unit: &str, name: &str, sent: &str, tasks: Vec<Report>) -> String {
    encode(&Receipt {
        campaign: campaign(),
        unit: unit.into(),
        unit_name: name.into(),
        sent: sent.into(),
        by: "赵六".into(),
        tasks,
    })
    .unwrap()
}

/// Everything the office receives by 8 May 2021: three forms and a chat of codes.
fn inbox(dir: &Path) -> PathBuf {
    let inbox = dir.join("收到的回执");
    std::fs::create_dir_all(&inbox).unwrap();
    // 区委组织部: rows reordered, 网络培训 deleted, a date in Chinese, a tick.
    filled(
        &inbox.join("回执表-区委组织部.xlsx"),
        "区委组织部",
        "zuzhibu",
        "2021年5月6日",
        &[
            ["zhongxinzu", "", "", "1次", ""],
            ["dushuban", "√", "2021年4月28日", "", "读书班方案、签到表"],
            ["zizhu-peixun", "未完成", "", "", ""],
        ],
    );
    // 区委党校: done late (an Excel date), and a mark nobody can read.
    filled(
        &inbox.join("回执表-区委党校.xlsx"),
        "区委党校",
        "dangxiao",
        "2021-05-07",
        &[
            ["dangxiao-peixun", "已完成", "Excel:2021-05-03", "", ""],
            ["zhongxinzu", "基本完成", "", "2", ""],
        ],
    );
    // 区委: found by its name's alias-free form; 推进会 after its deadline (due 5-20, so
    // still on time), 宣讲 not yet.
    filled(
        &inbox.join("回执表-区委.xlsx"),
        "区委",
        "",
        "2021.5.8",
        &[
            ["banshishi-tuijinhui", "是", "5月8日", "", ""],
            ["quji-xuanjiang", "否", "", "", ""],
        ],
    );
    let good = code(
        "zhongqiao-jiguan",
        "中桥街道机关党支部",
        "2021-05-07T20:15",
        vec![report(
            "hongse-wuyi",
            false,
            "",
            4,
            &["2021-04-09", "2021-04-16", "2021-04-23", "2021-05-07"],
        )],
    );
    let older = code(
        "zhongqiao-jiguan",
        "中桥街道机关党支部",
        "2021-04-20T08:00",
        vec![report("hongse-wuyi", false, "", 1, &["2021-04-09"])],
    );
    let xuanchuan = code(
        "xuanchuanbu",
        "区委宣传部",
        "2021-05-08T10:00",
        vec![report("sishi-xuanjiao", false, "", 0, &[])],
    );
    let mut damaged = xuanchuan.clone();
    damaged.truncate(damaged.len() - 4);
    let other = encode(&Receipt {
        campaign: "other-2021".into(),
        unit: "baima".into(),
        unit_name: "白马乡".into(),
        sent: "2021-05-08T10:00".into(),
        by: String::new(),
        tasks: Vec::new(),
    })
    .unwrap();
    let chat = format!(
        "党史学习教育联络员群 的聊天记录\n\
         2021-04-20 08:00 李支书\n【任务回执】中桥街道机关党支部\n{older}\n\
         2021-05-07 20:15 李支书\n【任务回执】中桥街道机关党支部 · 完成 0/1\n{good}\n\
         2021-05-08 10:00 宣传部小陈\n{damaged}\n\
         2021-05-08 10:01 宣传部小陈\n不好意思，重发：{xuanchuan}\n\
         2021-05-08 10:02 宣传部小陈\n{xuanchuan}\n\
         2021-05-08 11:00 某人\n{other}\n"
    );
    std::fs::write(inbox.join("联络员群.txt"), chat).unwrap();
    inbox
}

fn cell<'a>(rows: &'a [Vec<String>], unit: &str, head: &str) -> &'a str {
    let col = rows[0]
        .iter()
        .position(|h| h.starts_with(head))
        .unwrap_or_else(|| panic!("no column {head}"));
    let row = rows
        .iter()
        .find(|r| r[1] == unit)
        .unwrap_or_else(|| panic!("no row {unit}"));
    &row[col]
}

#[test]
fn blank_forms_name_the_unit_and_list_only_its_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("回执表");
    let (ok, err) = xuexi(&["supervise", "--forms", forms.to_str().unwrap()]);
    assert!(ok, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&forms)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 13);
    assert!(names.contains(&"回执表-区委组织部.xlsx".to_string()));
    let s = sheets(&forms.join("回执表-区委组织部.xlsx"));
    assert_eq!(s[0].0, "任务回执");
    let rows = &s[0].1;
    assert_eq!(rows[0][0], "广安区党史学习教育任务回执表（区委组织部）");
    assert_eq!(
        (rows[1][0].as_str(), rows[1][1].as_str()),
        ("单位", "区委组织部")
    );
    assert_eq!(rows[1][6], "zuzhibu");
    assert_eq!(
        rows[5],
        [
            "编号",
            "任务",
            "规定/自选",
            "截止日期",
            "完成情况",
            "完成日期",
            "次数",
            "佐证材料",
            "备注"
        ]
    );
    let ids: Vec<&str> = rows[6..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["dushuban", "zhongxinzu", "wangluo-peixun", "zizhu-peixun"]
    );
    assert_eq!(rows[7][3], "2021-04-08 至 2021-12-31 至少 4 次");
    // The same list gives the same bytes.
    let again = dir.path().join("again");
    xuexi(&["supervise", "--forms", again.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(forms.join("回执表-区委组织部.xlsx")).unwrap(),
        std::fs::read(again.join("回执表-区委组织部.xlsx")).unwrap()
    );
}

#[test]
fn a_blank_form_filled_and_read_back_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("forms");
    xuexi(&["supervise", "--forms", forms.to_str().unwrap()]);
    // A blank form sent back is no report.
    let out = dir.path().join("台账.xlsx");
    let (ok, err) = xuexi(&[
        "supervise",
        forms.join("回执表-区委党校.xlsx").to_str().unwrap(),
        "--date",
        "2021-07-10",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("回执表，3 项任务"), "{err}");
    let s = sheets(&out);
    let m = &s[0].1;
    assert_eq!(
        cell(m, "区委党校", "完成党史学习教育专题培训班培训"),
        "逾期未完成"
    );
    assert_eq!(cell(m, "区委党校", "理论学习中心组"), "进行中 0/4");
    assert_eq!(cell(m, "区委党校", "报送时间"), "");
}

#[test]
fn the_ledger_as_an_office_receives_it() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox(dir.path());
    let out = dir.path().join("督导台账.xlsx");
    let (ok, err) = xuexi(&[
        "supervise",
        inbox.to_str().unwrap(),
        "--date",
        "2021-05-08",
        "-o",
        out.to_str().unwrap(),
        "--csv",
        "--print",
    ]);
    assert!(ok, "{err}");
    let s = sheets(&out);
    let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "任务完成情况",
            "通报",
            "第一巡回指导组",
            "第二巡回指导组",
            "第三巡回指导组",
            "第四巡回指导组",
            "未分组",
            "党员覆盖",
            "问题"
        ]
    );
    let m = &s[0].1;
    assert_eq!(
        cell(m, "区委组织部", "举办党史学习教育专题读书班"),
        "按时完成"
    );
    assert_eq!(cell(m, "区委组织部", "理论学习中心组"), "进行中 1/4");
    // The deleted row: not reported.
    assert_eq!(cell(m, "区委组织部", "举办网络专题培训班"), "未报送");
    assert_eq!(cell(m, "区委组织部", "报送时间"), "2021-05-06");
    assert_eq!(
        cell(m, "区委党校", "完成党史学习教育专题培训班培训"),
        "按时完成"
    );
    // The unreadable mark: the row is not counted, and someone must look.
    assert_eq!(cell(m, "区委党校", "理论学习中心组"), "待核实");
    assert_eq!(cell(m, "区委", "召开“我为群众办实事”"), "按时完成");
    assert_eq!(cell(m, "区委", "区级领导"), "未到期");
    // Four Fridays of five so far, from the latest of two codes.
    assert_eq!(cell(m, "中桥街道机关党支部", "“红色星期五”"), "进行中 4/5");
    assert_eq!(cell(m, "区委宣传部", "组织开展以党史为重点"), "未到期");
    assert_eq!(cell(m, "白马乡", "报送时间"), "未报送");
    // 读书班 was due on 30 April: 区委组织部 did it; it is the only unit that must.
    let share = m.iter().find(|r| r[1] == "完成率").unwrap();
    assert_eq!(share[4], "1/1（100%）");
    let problems: Vec<String> = s[8].1[1..]
        .iter()
        .map(|r| {
            let file = Path::new(&r[0]).file_name().unwrap().to_string_lossy();
            format!("{file} {} {}：{}", r[1], r[2], r[3])
        })
        .collect();
    assert_eq!(
        problems,
        [
            "回执表-区委党校.xlsx 工作表「任务回执」第 8 行 E 列 区委党校：完成情况写的是「基本完成」；应写“已完成”或“未完成”（√、✓、是 算已完成，×、否、空着算未完成）",
            "联络员群.txt 第 9 行 ：回执码不完整或抄错了（校验不符），没有计入：请该单位重新复制发送",
            format!("联络员群.txt 第 13 行 区委宣传部：和 {} 第 11 行的回执码完全相同，只计一次", inbox.join("联络员群.txt").display()).as_str(),
            "联络员群.txt 第 15 行 白马乡：这是别的学习活动的回执（活动编号 other-2021，本活动是 0499ec7a），没有计入",
            format!("联络员群.txt 第 4 行 中桥街道机关党支部：同一单位有更新的回执（2021-05-07 20:15，{}），这份较早的（2021-04-20 08:00）没有计入", inbox.join("联络员群.txt").display()).as_str(),
        ]
    );
    // The CSV is the first sheet; the print is a page with the notice.
    let csv = std::fs::read_to_string(out.with_extension("csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\n2,区委组织部,第一巡回指导组,2021-05-06,按时完成,进行中 1/4,"));
    let html = std::fs::read_to_string(out.with_extension("html")).unwrap();
    assert!(html.contains("<h1>广安区党史学习教育督导台账（截至 2021-05-08）</h1>"));
    assert!(!html.contains("<script"));
    assert!(err.contains("13 个单位，收到 5 个单位的回执；0 个单位有逾期未完成的规定动作，8 个单位没有报送；5 条问题；截至 2021-05-08"), "{err}");
}

#[test]
fn after_the_campaign_lagging_units_are_named_most_first() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox(dir.path());
    let out = dir.path().join("督导台账.xlsx");
    let (ok, err) = xuexi(&[
        "supervise",
        inbox.to_str().unwrap(),
        "--date",
        "2022-01-10",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let s = sheets(&out);
    let m = &s[0].1;
    assert_eq!(cell(m, "区委组织部", "理论学习中心组"), "逾期未完成 1/4");
    assert_eq!(
        cell(m, "中桥街道机关党支部", "“红色星期五”"),
        "逾期未完成 4/38"
    );
    let notice: Vec<String> = s[1].1[1..]
        .iter()
        .map(|r| format!("{} {} {} {}", r[0], r[1], r[3], r[4]))
        .collect();
    // Most overdue first: 区委宣传部 reported one task and left three out.
    assert_eq!(
        notice[0],
        "工作滞后 区委宣传部 4 理论学习中心组开展党史专题学习；组织开展以党史为重点的“四史”宣传教育；举办大型交响乐组歌《春天颂歌》首演；自主开展专题培训，实现党员干部全覆盖"
    );
    assert!(notice.contains(&"工作滞后 区委组织部 3 理论学习中心组开展党史专题学习；举办网络专题培训班，完成全区科级领导干部网络培训；自主开展专题培训，实现党员干部全覆盖".to_string()), "{notice:?}");
    assert!(
        notice.iter().any(|l| l.starts_with("未报送 白马乡 2 ")),
        "{notice:?}"
    );
    assert!(!notice.iter().any(|l| l.starts_with("表扬")), "{notice:?}");
    // Inside the campaign, 区委 had every required task due done on time.
    let early = dir.path().join("early.xlsx");
    xuexi(&[
        "supervise",
        inbox.to_str().unwrap(),
        "--date",
        "2021-05-21",
        "-o",
        early.to_str().unwrap(),
    ]);
    let s = sheets(&early);
    assert!(
        s[1].1.iter().any(|r| r[0] == "表扬" && r[1] == "区委"),
        "{:?}",
        s[1].1
    );
}

#[test]
fn receipts_sent_after_the_day_are_not_counted_and_nothing_found_says_what_to_send() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox(dir.path());
    let out = dir.path().join("t.xlsx");
    let (ok, err) = xuexi(&[
        "supervise",
        inbox.to_str().unwrap(),
        "--date",
        "2021-05-06",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("回执表-区委党校.xlsx：区委党校：回执的填报时间 2021-05-07 在台账日期 2021-05-06 之后，没有计入"),
        "{err}"
    );
    // A day done after the ledger's day: as of that day the task is not done yet.
    let early = dir.path().join("early");
    std::fs::create_dir(&early).unwrap();
    let c = code(
        "quwei",
        "区委",
        "2021-05-09T09:00",
        vec![report("banshishi-tuijinhui", true, "2021-05-18", 0, &[])],
    );
    std::fs::write(early.join("群.txt"), c).unwrap();
    let (ok, err) = xuexi(&[
        "supervise",
        early.to_str().unwrap(),
        "--date",
        "2021-05-10",
        "--csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("区委：任务 `banshishi-tuijinhui` 的完成日期 2021-05-18 在台账日期 2021-05-10 之后，按截至 2021-05-10 还没有完成计"),
        "{err}"
    );
    let m = &sheets(&out)[0].1;
    assert_eq!(cell(m, "区委", "召开“我为群众办实事”"), "未到期");
    // Done and due are numbers: a spreadsheet never reads them as dates.
    let csv = std::fs::read_to_string(out.with_extension("csv")).unwrap();
    let line = csv.lines().find(|l| l.starts_with("1,区委,")).unwrap();
    assert!(line.ends_with(",0,0,0"), "{line}");
    let empty = dir.path().join("空.txt");
    std::fs::write(&empty, "收到，谢谢。\n").unwrap();
    let (ok, err) = xuexi(&["supervise", empty.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("错误：没有找到任务回执：回执码是以 XUEXIR1: 开头的一串字符"),
        "{err}"
    );
}

#[test]
fn checklists_give_each_unit_a_page_with_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox(dir.path());
    let lists = dir.path().join("检查表");
    let (ok, err) = xuexi(&[
        "supervise",
        inbox.to_str().unwrap(),
        "--date",
        "2021-05-08",
        "--checklists",
        lists.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(lists.join("检查表-第一巡回指导组.html")).unwrap();
    assert_eq!(page.matches("<section class=\"unit\">").count(), 2);
    assert!(page.contains("<h1>党史学习教育督导检查表：区委组织部</h1>"));
    assert!(page.contains("<h3>举办党史学习教育专题读书班（规定动作）</h3>\n<p>完成时间：2021-04-30；报送情况：按时完成</p>"));
    assert!(page.contains("<p><b>走访座谈</b></p>\n<ul><li>参训党员干部</li></ul>"));
    assert!(page.contains("应查看的佐证材料：读书班方案、签到表、研讨交流材料、照片"));
    assert!(page.contains("被检查单位负责人："));
    // Before any receipt: the checklists still come, every task not reported.
    let before = dir.path().join("before");
    let (ok, err) = xuexi(&[
        "supervise",
        "--checklists",
        before.to_str().unwrap(),
        "--date",
        "2021-04-10",
    ]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(before.join("检查表-第一巡回指导组.html")).unwrap();
    assert!(page.contains("报送情况：未报送"));
}

#[test]
fn a_project_without_a_task_list_is_told_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    xuexi::init::init(&root, jiff::civil::date(2027, 3, 1)).unwrap();
    std::fs::remove_file(root.join("tasks.toml")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .arg("--root")
        .arg(&root)
        .args(["supervise", "--forms", "x"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("错误：这个项目没有任务清单（tasks.toml）：先写好 tasks.toml"),
        "{err}"
    );
}

/// A member's record code: `read` of the plan's 17 readings ticked in April, the first
/// quiz passed when `passed`.
fn member(name: &str, branch: &str, read: usize, passed: bool) -> String {
    let mut readings = vec![String::new(); 17];
    for r in readings.iter_mut().take(read) {
        *r = "2021-04-15".into();
    }
    xuexi::tally::code::encode(&xuexi::tally::code::Record {
        campaign: campaign(),
        plan: "guangan-2021".into(),
        name: name.into(),
        branch: branch.into(),
        exported: "2021-05-01T20:00".into(),
        readings,
        quizzes: if passed {
            vec![xuexi::tally::code::QuizScore {
                id: "jianshi-ch01".into(),
                attempts: 1,
                best: 90,
                best_on: "2021-04-16".into(),
                latest: 90,
                latest_on: "2021-04-16".into(),
            }]
        } else {
            Vec::new()
        },
        wrong: 0,
        daily: Vec::new(),
    })
    .unwrap()
}

#[test]
fn members_records_and_the_roster_give_each_units_coverage() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let chat = [
        member("张三", "中桥街道机关党支部", 2, true),
        member("李四", "中桥街道机关党支部", 1, false),
        member("王五", "组织部", 2, true),
        member("赵六", "第九党支部", 2, true),
    ]
    .join("\n");
    std::fs::write(inbox.join("学习群.txt"), chat).unwrap();
    let roster = dir.path().join("花名册.csv");
    std::fs::write(
        &roster,
        "姓名,单位\n张三,中桥街道机关党支部\n李四,中桥街道机关党支部\n孙七,中桥街道机关党支部\n周八,中桥街道机关党支部\n吴九,某某局\n",
    )
    .unwrap();
    let out = dir.path().join("t.xlsx");
    let (ok, err) = xuexi(&[
        "supervise",
        inbox.to_str().unwrap(),
        "--date",
        "2021-05-01",
        "--roster",
        roster.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("0 条回执码，4 条学习记录码"), "{err}");
    let s = sheets(&out);
    let (name, rows) = s.iter().find(|(n, _)| n == "党员覆盖").unwrap();
    assert_eq!(name, "党员覆盖");
    assert_eq!(
        rows[0],
        [
            "序号",
            "单位",
            "巡回指导组",
            "应参加党员",
            "已报送学习记录",
            "覆盖率",
            "到期阅读完成率",
            "自测及格（人次）",
            "未报送的党员"
        ]
    );
    // Readings due by 1 May: the first two (16 and 30 April).
    let zq = rows.iter().find(|r| r[1] == "中桥街道机关党支部").unwrap();
    assert_eq!(zq[3..], ["28", "2", "7%", "75%", "1", "孙七、周八"]);
    let zz = rows.iter().find(|r| r[1] == "区委组织部").unwrap();
    assert_eq!(zz[3..], ["", "1", "—", "100%", "1", ""]);
    let problems = &s.iter().find(|(n, _)| n == "问题").unwrap().1;
    let whats: Vec<&str> = problems[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        whats,
        [
            "党员学习记录里的支部「第九党支部」（赵六 等）不是任务清单里任何单位的名称或别名，这些记录没有计入党员覆盖：在 tasks.toml 里给那个单位加上 aliases = [\"第九党支部\"]",
            "花名册里 吴九 的单位「某某局」不在任务清单里（单位名称或别名）",
        ]
    );
}

#[test]
fn the_offices_list_of_units_comes_in_from_a_spreadsheet_keeping_ids() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    std::fs::create_dir_all(root.join("quizzes")).unwrap();
    for f in ["catalogue.toml", "tasks.toml"] {
        std::fs::copy(repo().join(f), root.join(f)).unwrap();
    }
    for e in std::fs::read_dir(repo().join("quizzes")).unwrap().flatten() {
        std::fs::copy(e.path(), root.join("quizzes").join(e.file_name())).unwrap();
    }
    // As WPS saves a CSV on a Chinese Windows: GB18030, a title row above the header.
    let mut csv = String::from(
        "广安区党史学习教育单位名单,,,,\n单位名称,类型,上级单位,指导组,党员数\n区委,区委,,,\n",
    );
    for name in [
        "区委组织部",
        "区委宣传部",
        "区委党校",
        "区教科体局",
        "临港经开区",
        "中桥街道",
        "白马乡",
        "区人大机关",
        "区政协机关",
    ] {
        csv.push_str(&format!("{name},党委（党组）,区委,第一巡回指导组,\n"));
    }
    csv.push_str("中桥街道机关党支部,党支部,中桥街道,第三巡回指导组,30人\n");
    csv.push_str("白马乡机关党支部,党支部,白马乡,第四巡回指导组,22\n");
    csv.push_str("区教科体局机关党支部,党支部,区教科体局,第二巡回指导组,35\n");
    csv.push_str("协兴镇机关党支部,党支部,区委,第五巡回指导组,18\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&csv);
    let file = dir.path().join("单位名单.csv");
    std::fs::write(&file, &bytes).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
            .arg("--root")
            .arg(&root)
            .args(args)
            .env("LANG", "zh_CN.UTF-8")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["import", file.to_str().unwrap(), "--units"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("14 行：14 个单位写进 tasks.toml（13 个保留原来的编号，1 个是新的）"),
        "{err}"
    );
    let text = std::fs::read_to_string(root.join("tasks.toml")).unwrap();
    assert!(text.contains("[[unit]]\nid = \"zhongqiao-jiguan\"\nname = \"中桥街道机关党支部\"\nkind = \"党支部\"\nparent = \"zhongqiao\"\ngroup = \"第三巡回指导组\"\nmembers = 30\n"), "{text}");
    // The tasks and the file's own comments are as they were.
    let old = std::fs::read_to_string(repo().join("tasks.toml")).unwrap();
    let tail = |t: &str| t[t.find("# ── 规定动作").unwrap()..].to_string();
    assert_eq!(tail(&text), tail(&old));
    assert!(
        text.starts_with(
            "#:schema ./schemas/tasks.schema.json\n# 广安区党史学习教育任务清单（样例）"
        )
    );
    let (code, err) = run(&["check"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("14 个单位"), "{err}");
    // A sheet with a mistake changes nothing and names the cell.
    let bad = dir.path().join("坏.csv");
    std::fs::write(&bad, "单位名称,党员数\n区委组织部,三十五\n").unwrap();
    let before = std::fs::read(root.join("tasks.toml")).unwrap();
    let (code, err) = run(&["import", bad.to_str().unwrap(), "--units"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "工作表「坏」第 2 行「党员数」列：党员数写的是「三十五」；应写阿拉伯数字，如 35"
        ),
        "{err}"
    );
    assert!(err.contains("有 1 处读不了，tasks.toml 没有改动"), "{err}");
    assert_eq!(std::fs::read(root.join("tasks.toml")).unwrap(), before);
}

#[test]
fn a_name_a_spreadsheet_would_run_is_inert_in_the_csv_and_text_in_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    std::fs::create_dir_all(root.join("quizzes")).unwrap();
    std::fs::copy(repo().join("catalogue.toml"), root.join("catalogue.toml")).unwrap();
    for e in std::fs::read_dir(repo().join("quizzes")).unwrap().flatten() {
        std::fs::copy(e.path(), root.join("quizzes").join(e.file_name())).unwrap();
    }
    let tasks = std::fs::read_to_string(repo().join("tasks.toml"))
        .unwrap()
        .replace(
            "name = \"白马乡\"",
            "name = \"=HYPERLINK(\\\"http://evil.example/\\\",\\\"点我\\\")\"",
        )
        .replace(
            "group = \"第四巡回指导组\"        # 示例\naliases = [\"白马乡党委\"]",
            "group = \"@SUM(1+1)\"\naliases = [\"白马乡党委\"]",
        );
    std::fs::write(root.join("tasks.toml"), tasks).unwrap();
    let inbox = inbox(dir.path());
    let out = dir.path().join("t.xlsx");
    let status = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .arg("--root")
        .arg(&root)
        .args([
            "supervise",
            inbox.to_str().unwrap(),
            "--date",
            "2021-05-08",
            "--csv",
            "-o",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read_to_string(out.with_extension("csv")).unwrap();
    assert!(
        csv.contains(
            "\n8,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点我\"\")\",'@SUM(1+1),未报送,"
        ),
        "{csv}"
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = book.worksheet_range("任务完成情况").unwrap();
    assert_eq!(
        range.get_value((8, 1)),
        Some(&Data::String(
            "=HYPERLINK(\"http://evil.example/\",\"点我\")".into()
        ))
    );
    let formulas = book.worksheet_formula("任务完成情况").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}
