//! Every text `xuexi tally` shows to a branch secretary (zh-CN), in one place: the
//! problems found in the records, what was read and written, and the ledger's headers.

use std::fmt::Display;
use std::path::Path;

use super::code::CodeError;

/// The name of standard input in messages.
pub const STDIN: &str = "（标准输入）";

pub fn cannot_read(path: &Path, e: &dyn Display) -> String {
    format!("读不了 `{}`：{e}", path.display())
}

pub fn not_text(path: &Path) -> String {
    format!(
        "`{}` 不是文本文件：请把聊天记录或成员发来的学习记录另存为 .txt 文件",
        path.display()
    )
}

pub fn cannot_write(path: &Path, e: &dyn Display) -> String {
    format!("写不了 `{}`：{e}", path.display())
}

pub fn bad_date(text: &str) -> String {
    format!("`--date {text}` 不是日期：请写成 2021-05-20 这样")
}

pub fn no_plan(id: &str, known: &str) -> String {
    format!("没有编号为 `{id}` 的学习计划；本活动的计划：{known}")
}

pub fn several_plans_one_file(plans: &str) -> String {
    format!(
        "记录来自几个学习计划（{plans}），每个计划一份台账：请去掉 `-o`，或用 `--plan` 选一个计划"
    )
}

// Problems with one code: what went wrong, then what to do.

pub fn code_error(e: &CodeError) -> String {
    match e {
        CodeError::Version(v) => format!(
            "这条记录的格式版本是 {v}，这个 xuexi 只认识版本 {}：请升级 xuexi",
            super::code::VERSION
        ),
        CodeError::Damaged => {
            "记录码不完整或抄错了（校验不符），没有计入：请本人重新复制发送".into()
        }
        CodeError::Malformed(why) => {
            format!("记录码校验相符，但内容不是学习记录（{why}），没有计入")
        }
    }
}

pub fn other_campaign(found: &str, ours: &str) -> String {
    format!("这是别的学习活动的记录（活动编号 {found}，本活动是 {ours}），没有计入")
}

pub fn unknown_plan(plan: &str) -> String {
    format!("本活动没有学习计划 `{plan}`，没有计入")
}

pub fn other_plan(plan: &str) -> String {
    format!("是学习计划 `{plan}` 的记录，这份台账只统计 `--plan` 选的计划")
}

pub fn readings_differ(theirs: usize, ours: usize) -> String {
    format!(
        "记录里的计划有 {theirs} 次阅读，现在的计划有 {ours} 次（计划改过），没有计入：请本人打开最新的网站重新导出"
    )
}

pub fn no_name() -> String {
    "记录里没有姓名，没有计入：请本人在“我的学习记录”里填上姓名和支部后重新导出".into()
}

pub fn duplicate(first_line: usize) -> String {
    format!("和第 {first_line} 行的记录完全相同，只计一次")
}

pub fn older(kept: &str) -> String {
    format!("同一人有更新的记录（{kept} 导出），这条较早的没有计入")
}

pub fn unknown_quiz(id: &str) -> String {
    format!("记录里的自测 `{id}` 不在这个计划里，这项没有计入")
}

// What was done.

/// `读取 群聊.txt：23 条记录码`
pub fn read_summary(source: &str, codes: usize) -> String {
    format!("读取 {source}：{codes} 条记录码")
}

/// One line a problem: `群聊.txt:15: 记录码不完整…`
pub fn problem_line(source: &str, line: usize, who: &str, what: &str) -> String {
    if who.is_empty() {
        format!("{source}:{line}: {what}")
    } else {
        format!("{source}:{line}: {who}：{what}")
    }
}

pub fn written(path: &Path) -> String {
    format!("已写出 {}", path.display())
}

pub fn counted(plan: &str, members: usize, problems: usize, as_of: &str) -> String {
    format!("学习计划 `{plan}`：{members} 人计入台账，{problems} 条问题；进度截至 {as_of}")
}

pub fn nothing_found() -> String {
    "没有找到学习记录码（以 XUEXI1: 开头的一串字符）：请把成员发来的记录粘贴进文本文件，再运行 `xuexi tally 文件名`".into()
}

// The ledger's words.

pub const SHEET_MEMBERS: &str = "学习台账";
pub const SHEET_READINGS: &str = "阅读完成情况";
pub const SHEET_PROBLEMS: &str = "问题记录";
pub const NUMBER: &str = "序号";
pub const BRANCH: &str = "支部";
pub const NAME: &str = "姓名";
pub const READ_UNDATED: &str = "已读";
pub const PROGRESS: &str = "进度";
pub const EXPORTED: &str = "记录导出时间";
pub const DAILY: &str = "每日一练（天）";
pub const WRONG: &str = "错题本（题）";
pub const DUE: &str = "应完成日期";
pub const READING: &str = "阅读内容";
pub const QUIZ: &str = "自测";
pub const SOURCE: &str = "来源";
pub const LINE: &str = "行";
pub const PROBLEM: &str = "问题";
pub const CODE: &str = "记录码（开头）";
pub const PASSED: &str = "及格";
pub const FAILED: &str = "未及格";
pub const NO_PROBLEMS: &str = "没有问题。";
pub const SIGN: &str = "支部书记（签名）：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿";

pub fn reading_head(n: usize, due: &str) -> String {
    format!("第{n}次\n{due}")
}

pub fn read_total(n: usize) -> String {
    format!("已读（共{n}次）")
}

pub fn taken_total(n: usize) -> String {
    format!("已自测（共{n}套）")
}

pub fn passed_total(n: usize) -> String {
    format!("及格（共{n}套）")
}

pub fn members_read(n: usize) -> String {
    format!("已读人数（共{n}人）")
}

pub const ON_TIME: &str = "按期读完人数";
pub const RATE: &str = "完成率";
pub const TAKEN: &str = "自测人数";
pub const PASSED_COUNT: &str = "及格人数";

pub fn progress_behind(n: usize) -> String {
    format!("落后 {n} 次")
}

pub const PROGRESS_OK: &str = "进度正常";
pub const PROGRESS_DONE: &str = "全部完成";

pub fn title(plan: &str, as_of: &str) -> String {
    format!("学习台账：{plan}（进度截至 {as_of}）")
}

pub fn score(score: u64, pass: Option<u64>) -> String {
    match pass {
        Some(p) if score >= p => format!("{score}（{PASSED}）"),
        Some(_) => format!("{score}（{FAILED}）"),
        None => score.to_string(),
    }
}

pub fn print_note(members: usize, as_of: &str) -> String {
    format!(
        "共 {members} 人。日期是成员在手机上勾选“已读”的日期；自测是最好成绩。进度按计划的完成日期计算，截至 {as_of}。"
    )
}
