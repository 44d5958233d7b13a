//! The task list (`tasks.toml`): the units that must act and the tasks they must do.
//!
//! In: nothing (types only). Out: serde types that the loader fills from `tasks.toml`,
//! the validator checks and `supervise` and the site read. A task's schedule (a
//! deadline, a number of times in a period, or every week) is [`When`], read from its
//! fields by [`crate::schedule::when`] once for all of them.

use serde::{Deserialize, Serialize};

use super::{Date, Markdown, Slug, Spanned, Weekday};

/// 任务清单 tasks.toml：要落实任务的单位和任务 / `tasks.toml`: the units that must act and
/// the tasks they must do.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskList {
    /// 单位，每个写一段 [[unit]] / Units, one [[unit]] each.
    #[serde(default, rename = "unit")]
    pub units: Vec<Unit>,
    /// 任务，每项写一段 [[task]] / Tasks, one [[task]] each.
    #[serde(default, rename = "task")]
    pub tasks: Vec<Task>,
}

/// A unit that must act: 党委（党组）、部门、乡镇（街道）、学校、党支部…
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 单位编号：小写字母、数字和 -，如 zuzhibu / Id: lowercase letters, digits and -.
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// 单位名称，如 "区委组织部"；不能与别的单位重名 / Name; no two units share one.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// 类型（可选），如 "部门"、"党支部"；任务的 for 可以写类型 / Kind (optional), e.g.
    /// "部门"; a task's `for` may name kinds.
    #[schemars(with = "Option<String>")]
    pub kind: Option<Spanned<String>>,
    /// 上级单位的编号（可选）/ The id of the unit above it (optional).
    #[schemars(with = "Option<Slug>")]
    pub parent: Option<Spanned<Slug>>,
    /// 负责督导它的巡回指导组（可选），如 "第一巡回指导组" / The inspection group that
    /// covers it (optional).
    pub group: Option<String>,
    /// 应参加学习的党员人数（可选），用来算覆盖率 / Members expected (optional), for coverage.
    #[schemars(with = "Option<i64>")]
    pub members: Option<Spanned<i64>>,
    /// 别名（可选）：党员在学习记录里可能填的其他写法，如 ["组织部"] / Other names members
    /// type as their 支部 (optional).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
}

/// One task of the list: a 规定动作 (required) or a 自选动作.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// 任务编号，如 dushuban / Id.
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// 任务名称，如 "举办专题读书班" / Title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 是否规定动作（可选，默认 true）；false 是自选动作 / Required (a 规定动作; default
    /// true); false: a 自选动作.
    #[serde(default = "yes")]
    pub required: bool,
    /// 要落实的单位：单位编号或单位类型，如 ["zuzhibu"]、["党支部"] / Who must do it: unit
    /// ids and/or unit kinds.
    #[serde(rename = "for")]
    #[schemars(with = "Vec<String>")]
    pub units: Spanned<Vec<Spanned<String>>>,
    /// 牵头单位（可选）/ The lead unit (optional).
    pub lead: Option<String>,
    /// 截止日期（三选一）/ A deadline (one of due, times, weekday).
    #[schemars(with = "Option<Date>")]
    pub due: Option<Spanned<Date>>,
    /// 期间内至少几次（三选一，要写 from 和 until），如 4 / At least this many times in
    /// from..until (one of due, times, weekday).
    #[schemars(with = "Option<i64>")]
    pub times: Option<Spanned<i64>>,
    /// 每周星期几（三选一）：monday … sunday / Every week on this day (one of due, times,
    /// weekday).
    #[schemars(with = "Option<Weekday>")]
    pub weekday: Option<Spanned<Weekday>>,
    /// 期间的第一天（times 必填；weekday 可选，默认活动开始日期）/ First day of the period.
    #[schemars(with = "Option<Date>")]
    pub from: Option<Spanned<Date>>,
    /// 期间的最后一天（times 必填；weekday 可选，默认活动结束日期）/ Last day of the period.
    #[schemars(with = "Option<Date>")]
    pub until: Option<Spanned<Date>>,
    /// weekday 任务不安排的日期（可选）/ Weeks without a session (weekday tasks).
    #[serde(default)]
    #[schemars(with = "Vec<Date>")]
    pub skip: Vec<Spanned<Date>>,
    /// 佐证材料，如 ["方案", "签到表", "照片"] / What proves it.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// 督导时查什么，每条以方法开头，如 "查阅资料：读书班方案和签到表" / What an inspection
    /// group looks at, each starting with its method (现场查看、走访座谈、查阅资料).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub check: Vec<Spanned<String>>,
    /// 说明（可选，Markdown）/ Note (optional, Markdown).
    pub intro: Option<Markdown>,
    /// 相关的学习材料编号（可选）/ A related material (optional).
    #[schemars(with = "Option<Slug>")]
    pub material: Option<Spanned<Slug>>,
    /// 相关的学习计划编号（可选）/ A related plan (optional).
    #[schemars(with = "Option<Slug>")]
    pub plan: Option<Spanned<Slug>>,
    /// 相关的题库编号（可选）/ A related quiz (optional).
    #[schemars(with = "Option<Slug>")]
    pub quiz: Option<Spanned<Slug>>,
}

fn yes() -> bool {
    true
}

/// When a task is due, read from its fields: the one rule every reader of a task uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum When {
    /// Done once, by this day.
    Due { due: Date },
    /// At least `times` times from `from` to `until`.
    Times { times: u32, from: Date, until: Date },
    /// Every week on `weekday`, from `from` to `until`, but on the days skipped: the
    /// days themselves.
    Weekly { weekday: Weekday, days: Vec<Date> },
}

impl When {
    /// The last day the task can be done on time.
    pub fn last(&self) -> Option<Date> {
        match self {
            When::Due { due } => Some(*due),
            When::Times { until, .. } => Some(*until),
            When::Weekly { days, .. } => days.last().copied(),
        }
    }

    /// Whether its last day is before `day` (so what is not done by now is overdue).
    pub fn is_past(&self, day: jiff::civil::Date) -> bool {
        self.last().is_some_and(|l| l.0 < day)
    }

    /// How many times it must be done in all (1 for a deadline).
    pub fn required(&self) -> usize {
        match self {
            When::Due { .. } => 1,
            When::Times { times, .. } => *times as usize,
            When::Weekly { days, .. } => days.len(),
        }
    }
}
