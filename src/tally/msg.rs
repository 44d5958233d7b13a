//! The lines `xuexi tally` shows to a branch secretary: the problems found in the
//! records and what was read and written (words in the message catalogue, keys
//! `tally.*`; why a tally stopped is a [`TallyError`](super::TallyError)), and the
//! ledger's own words (the ledger is a Chinese document for the branch, whatever the
//! language of messages).

use std::path::Path;

use super::code::{CodeError, Malformed};

/// The name of standard input in messages.
pub fn stdin() -> String {
    m!("tally.stdin")
}

// Problems with one code: what went wrong, then what to do.

pub fn code_error(e: &CodeError) -> String {
    match e {
        CodeError::Version(v) => m!("tally.code.version", v = v, ours = super::code::VERSION),
        CodeError::Damaged => m!("tally.code.damaged"),
        CodeError::Malformed(why) => m!("tally.code.malformed", why = malformed(*why)),
    }
}

/// What in a code is not a record, in the secretary's words.
fn malformed(why: Malformed) -> String {
    match why {
        Malformed::Short => m!("tally.malformed.short"),
        Malformed::Trailing => m!("tally.malformed.trailing"),
        Malformed::LongNumber => m!("tally.malformed.long-number"),
        Malformed::NotUtf8 => m!("tally.malformed.not-utf8"),
        Malformed::DateOutOfRange => m!("tally.malformed.date"),
        Malformed::ExportTime => m!("tally.malformed.export-time"),
        Malformed::DailyCount => m!("tally.malformed.daily-count"),
    }
}

pub fn other_campaign(found: &str, ours: &str) -> String {
    m!("tally.other-campaign", found = found, ours = ours)
}

pub fn unknown_plan(plan: &str) -> String {
    m!("tally.unknown-plan", plan = plan)
}

pub fn other_plan(plan: &str) -> String {
    m!("tally.other-plan", plan = plan)
}

pub fn readings_differ(theirs: usize, ours: usize) -> String {
    m!("tally.readings-differ", theirs = theirs, ours = ours)
}

pub fn no_name() -> String {
    m!("tally.no-name")
}

pub fn duplicate(first_line: usize) -> String {
    m!("tally.duplicate", line = first_line)
}

pub fn older(kept: &str) -> String {
    m!("tally.older", kept = kept)
}

pub fn unknown_quiz(id: &str) -> String {
    m!("tally.unknown-quiz", id = id)
}

// What was done.

/// `读取 群聊.txt：23 条记录码`
pub fn read_summary(source: &str, codes: usize) -> String {
    m!("tally.read", source = source, n = codes)
}

/// One line a problem: `群聊.txt:15: 记录码不完整…`
pub fn problem_line(source: &str, line: usize, who: &str, what: &str) -> String {
    if who.is_empty() {
        format!("{source}:{line}: {what}")
    } else {
        m!(
            "tally.problem-who",
            source = source,
            line = line,
            who = who,
            what = what
        )
    }
}

pub fn written(path: &Path) -> String {
    m!("tally.written", path = path.display())
}

pub fn counted(plan: &str, members: usize, problems: usize, as_of: &str) -> String {
    m!(
        "tally.counted",
        plan = plan,
        members = members,
        problems = problems,
        as_of = as_of
    )
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
