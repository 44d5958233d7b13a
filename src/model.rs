//! The plain data model: what `catalogue.toml` and `quizzes/*.toml` say, after loading.
//!
//! In: nothing (types only). Out: serde types that the loader fills, the validator checks
//! and the emitters read. Values that can be checked on their own (ids, chapter
//! references, dates, weekdays) are newtypes checked while parsing, so the TOML parser
//! reports their line and column. Positions are kept as [`Spanned`] for the validator.

use std::fmt;

use serde::{Deserialize, Serialize};
pub use toml::Spanned;

pub mod tasks;

/// Byte range in a loaded source file.
pub type Span = std::ops::Range<usize>;

/// Text that xuexi renders as Markdown (Chinese-friendly emphasis, raw HTML escaped).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Markdown(pub String);

/// Why a value the model checks on its own (an id, a chapter reference, a date,
/// points) is not one: data. Authors read it in the catalogue's words (`id.*`,
/// `chapter-ref.*`, `date.*`, `points.bad`), given by its `Display` in `load::invalid`,
/// the stage that reads values from files.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    /// An empty id.
    IdEmpty,
    /// An id with other characters than a-z, 0-9 and `-`, or `-` at an end.
    IdChars(String),
    /// An id that cannot be a file or page name.
    IdReserved { id: String, why: Reserved },
    /// An id longer than [`Slug::MAX_LEN`].
    IdLong(String),
    /// A chapter reference without `/`.
    RefNoSlash(String),
    /// A chapter reference whose material or chapter is not an id.
    RefPart {
        reference: String,
        part: Box<Invalid>,
    },
    /// A date with a time of day (as written).
    DateTime(String),
    /// Text that is not a date `YYYY-MM-DD` (as written), or no text (`None`).
    NotADate(Option<String>),
    /// A date written right that is not in the calendar (`2021-02-30`).
    NoSuchDay(String),
    /// Points not above 0, above 1000, or with more than two decimals.
    Points(f64),
}

/// Why a well-formed id still cannot be a page or a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    /// `index`, Zola's own page.
    Index,
    /// `con`, `nul`, `com1`…: names Windows does not allow.
    Windows,
}

impl std::error::Error for Invalid {}

/// An id: lowercase ASCII letters, digits and `-`, at most 64 characters, not starting
/// or ending with `-`. Safe as a folder or file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(try_from = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 64;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = Invalid;

    fn try_from(s: String) -> Result<Self, Invalid> {
        let ok_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if s.is_empty() {
            Err(Invalid::IdEmpty)
        } else if !ok_chars || s.starts_with('-') || s.ends_with('-') {
            Err(Invalid::IdChars(s))
        } else if let Some(why) = reserved(&s) {
            Err(Invalid::IdReserved { id: s, why })
        } else if s.len() > Self::MAX_LEN {
            Err(Invalid::IdLong(s))
        } else {
            Ok(Slug(s))
        }
    }
}

/// Why a name cannot be a page or a file, if it cannot: ids become file and folder
/// names (`materials/<id>.md`, `quizzes/<id>.toml`).
fn reserved(s: &str) -> Option<Reserved> {
    const WINDOWS: [&str; 4] = ["con", "nul", "aux", "prn"];
    let numbered = |prefix: &str| {
        s.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    };
    if s == "index" {
        Some(Reserved::Index)
    } else if WINDOWS.contains(&s) || numbered("com") || numbered("lpt") {
        Some(Reserved::Windows)
    } else {
        None
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A reference to a chapter, written `material-id/chapter-id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct ChapterRef {
    pub material: Slug,
    pub chapter: Slug,
}

impl TryFrom<String> for ChapterRef {
    type Error = Invalid;

    fn try_from(s: String) -> Result<Self, Invalid> {
        let Some((m, c)) = s.split_once('/') else {
            return Err(Invalid::RefNoSlash(s));
        };
        let part = |why: Invalid| Invalid::RefPart {
            reference: s.clone(),
            part: Box::new(why),
        };
        let material = Slug::try_from(m.to_string()).map_err(part)?;
        let chapter = Slug::try_from(c.to_string()).map_err(part)?;
        Ok(ChapterRef { material, chapter })
    }
}

impl Serialize for ChapterRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for ChapterRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.material, self.chapter)
    }
}

/// A calendar date. Written as a TOML date (`2021-04-30`); a quoted date is accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "toml::Value")]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// The weekday of the date.
    pub fn weekday(self) -> Weekday {
        use jiff::civil::Weekday as W;
        match self.0.weekday() {
            W::Monday => Weekday::Monday,
            W::Tuesday => Weekday::Tuesday,
            W::Wednesday => Weekday::Wednesday,
            W::Thursday => Weekday::Thursday,
            W::Friday => Weekday::Friday,
            W::Saturday => Weekday::Saturday,
            W::Sunday => Weekday::Sunday,
        }
    }
}

impl TryFrom<toml::Value> for Date {
    type Error = Invalid;

    fn try_from(v: toml::Value) -> Result<Self, Invalid> {
        let text = match v {
            toml::Value::Datetime(dt) => {
                if dt.time.is_some() || dt.offset.is_some() {
                    return Err(Invalid::DateTime(dt.to_string()));
                }
                dt.to_string()
            }
            toml::Value::String(s) => s,
            // Not reached from a file: the loader reports a value of another kind
            // from the schema, with what it found.
            _ => return Err(Invalid::NotADate(None)),
        };
        let shaped = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        match text.parse::<jiff::civil::Date>() {
            Ok(d) if shaped => Ok(Date(d)),
            _ if shaped => Err(Invalid::NoSuchDay(text)),
            _ => Err(Invalid::NotADate(Some(text))),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl schemars::JsonSchema for Slug {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$",
            "description": "编号：小写英文字母、数字和 -（不在首尾），最多 64 个字符 / Id: lowercase ASCII letters, digits and - (not first or last), at most 64 characters"
        })
    }
}

impl schemars::JsonSchema for ChapterRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ChapterRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$",
            "description": "章节：材料编号/章节编号，如 jianshi/ch01 / A chapter: material-id/chapter-id"
        })
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "日期，如 2021-04-08 / A date like 2021-04-08"
        })
    }
}

/// Points a question is worth on a paper (分值): a number above 0, at most 1000, with
/// at most two decimals (2, 0.5, 1.25).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Deserialize, Serialize)]
#[serde(try_from = "f64")]
pub struct Points(pub f64);

impl TryFrom<f64> for Points {
    type Error = Invalid;

    fn try_from(x: f64) -> Result<Self, Invalid> {
        if x > 0.0 && x <= 1000.0 && (x * 100.0).fract() == 0.0 {
            Ok(Points(x))
        } else {
            Err(Invalid::Points(x))
        }
    }
}

impl fmt::Display for Points {
    /// `2`, `0.5`, `1.25`: no trailing `.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl schemars::JsonSchema for Points {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 1000,
            "description": "分值，如 2 或 0.5 / Points on a paper, e.g. 2 or 0.5"
        })
    }
}

/// A day of the week, written in English lowercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Every weekday, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The name files write (`monday`); the key of its name in every catalogue
    /// (`weekday_monday` in the site's text, `weekday.monday` in the messages).
    pub fn key(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }
}

/// 学习活动目录 catalogue.toml：活动、材料分类、学习材料和学习计划 / `catalogue.toml`: the
/// campaign, its categories, materials and plans.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// 学习活动 / The study campaign.
    pub campaign: Campaign,
    /// 材料分类，每个写一段 [[category]] / Categories of materials, one [[category]] each.
    #[serde(default, rename = "category")]
    pub categories: Vec<Category>,
    /// 学习材料，每本写一段 [[material]] / Study materials, one [[material]] each.
    #[serde(default, rename = "material")]
    pub materials: Vec<Material>,
    /// 学习计划，每个写一段 [[plan]] / Reading plans, one [[plan]] each.
    #[serde(default, rename = "plan")]
    pub plans: Vec<Plan>,
}

/// The study campaign the site is about.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// 活动编号（可选），写进成员导出的学习记录码，`xuexi tally` 用它认出本活动的记录；
    /// 不写时由活动名称和开始日期算出 / Id (optional) carried by members' record codes;
    /// default: derived from the title and the start date.
    #[schemars(with = "Option<Slug>")]
    pub id: Option<Spanned<Slug>>,
    /// 活动名称（必填），如 "广安区党史学习教育" / The campaign title (required).
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 主办单位（可选）/ Who runs it (optional).
    pub organizer: Option<String>,
    /// 开始日期（必填），如 2021-04-08 / First day (required).
    #[schemars(with = "Date")]
    pub start: Spanned<Date>,
    /// 结束日期（必填），不早于开始日期 / Last day (required), not before the first.
    #[schemars(with = "Date")]
    pub end: Spanned<Date>,
    /// 首页介绍（可选，Markdown）/ Home page text (optional, Markdown).
    pub intro: Option<Markdown>,
    /// 网站简介（可选）：一句话，搜索结果和转发时显示；不写时用“活动名称：学习材料、学习计划和自测题”
    /// / One-line description for search results and shares (optional).
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// 简称（可选）：手机桌面图标下的名字，最好不超过 8 个字；不写时用活动名称
    /// / Short name under the home-screen icon (optional; best at most 8 characters).
    #[schemars(with = "Option<String>")]
    pub short_name: Option<Spanned<String>>,
    /// 主题色（可选）：页头、底栏和按钮的颜色，如 "#a8071a"；要够深，白字在上面看得清
    /// / Theme colour of the header, tab bar and buttons, e.g. "#a8071a"; dark enough for
    /// white text.
    #[schemars(with = "Option<String>", regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub theme_color: Option<Spanned<String>>,
    /// 标志（可选）：放在 site/static/ 里的图片（.png、.svg、.jpg、.webp）文件名，如 "logo.png"；显示在页头，
    /// 也是手机桌面图标（最好是正方形，至少 192×192）/ Logo file in site/static/ (.png or
    /// .svg), shown in the header and used as the home-screen icon (optional).
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// 页脚（可选）：每页底部的一行字，如 "中共某某区委党史学习教育领导小组办公室 主办"；
    /// 不写时用主办单位 / The footer line of every page (optional; default: the organizer).
    #[schemars(with = "Option<String>")]
    pub footer: Option<Spanned<String>>,
}

/// A group of materials, e.g. 指定学习材料.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// 编号：小写字母、数字和 -，如 designated / Id: lowercase letters, digits and -.
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// 名称，如 "指定学习材料" / Name.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// 说明（可选，Markdown）/ Text above its materials (optional, Markdown).
    pub intro: Option<Markdown>,
}

/// A book or document to study.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// 编号，如 jianshi / Id, e.g. jianshi.
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// 书名或标题 / Title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 所属分类的编号 / The id of its category.
    #[schemars(with = "Slug")]
    pub category: Spanned<Slug>,
    /// 作者（可选）/ Author (optional).
    pub author: Option<String>,
    /// 出版单位（可选）/ Publisher (optional).
    pub publisher: Option<String>,
    /// 出版年份（可选），如 2021 / Year of publication (optional).
    #[schemars(with = "Option<i64>")]
    pub year: Option<Spanned<i64>>,
    /// 内容简介（可选，Markdown）/ Summary (optional, Markdown).
    pub summary: Option<Markdown>,
    /// 章节，每章写一段 [[material.chapter]] / Chapters, one [[material.chapter]] each.
    #[serde(default, rename = "chapter")]
    pub chapters: Vec<Chapter>,
}

/// A chapter of a material; referenced elsewhere as `material-id/chapter-id`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// 章节编号，本书内不重复，如 ch01；别处写作 "jianshi/ch01" / Chapter id, unique in the material; referred to as "material/chapter".
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// 章节标题 / Chapter title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 页数（可选），用来估算阅读时间 / Number of pages (optional), for reading time.
    #[schemars(with = "Option<i64>")]
    pub pages: Option<Spanned<i64>>,
    /// 学习要点（可选，每条 Markdown）/ Key points (optional, Markdown each).
    #[serde(default)]
    pub points: Vec<Markdown>,
}

/// A reading plan with a schedule.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// 计划编号，如 guangan-2021 / Plan id.
    #[schemars(with = "Slug")]
    pub id: Spanned<Slug>,
    /// 计划名称 / Plan title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 适用对象（可选），如 ["全区党员"] / Who it is for (optional).
    #[serde(default)]
    pub audience: Vec<String>,
    /// 计划说明（可选，Markdown）/ Text at the top of the plan (optional, Markdown).
    pub intro: Option<Markdown>,
    /// 阅读安排，按日期先后写 [[plan.reading]] / Readings, in date order.
    #[serde(default, rename = "reading")]
    pub readings: Vec<Reading>,
    /// 时间节点 [[plan.milestone]] / Dated events and deadlines.
    #[serde(default, rename = "milestone")]
    pub milestones: Vec<Milestone>,
    /// 固定学习活动 [[plan.recurring]]，如每周五主题党日 / Regular sessions, e.g. every Friday.
    #[serde(default)]
    pub recurring: Vec<Recurring>,
}

/// One scheduled reading.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// 完成日期 / Due date.
    #[schemars(with = "Date")]
    pub due: Spanned<Date>,
    /// 要读的章节，至少一个，如 ["jianshi/ch01"] / Chapters to read, at least one.
    #[schemars(with = "Vec<ChapterRef>")]
    pub chapters: Spanned<Vec<Spanned<ChapterRef>>>,
    /// 读后自测的题库编号（可选）/ The quiz to take after reading (optional).
    #[schemars(with = "Option<Slug>")]
    pub quiz: Option<Spanned<Slug>>,
    /// 说明（可选，Markdown）/ Note (optional, Markdown).
    pub note: Option<Markdown>,
}

/// A dated event or deadline.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// 日期 / Date.
    #[schemars(with = "Date")]
    pub due: Spanned<Date>,
    /// 事项 / What happens.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 责任单位（可选）/ Who is responsible (optional).
    pub owner: Option<String>,
    /// 说明（可选，Markdown）/ Note (optional, Markdown).
    pub note: Option<Markdown>,
}

/// A regular session on one weekday.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recurring {
    /// 活动名称 / Title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 星期几：monday … sunday / Weekday: monday .. sunday.
    #[schemars(with = "Weekday")]
    pub weekday: Spanned<Weekday>,
    /// 从哪天起（可选，默认活动开始日期）/ First day (optional; default: the campaign start).
    #[schemars(with = "Option<Date>")]
    pub from: Option<Spanned<Date>>,
    /// 到哪天止（可选，默认活动结束日期）/ Last day (optional; default: the campaign end).
    #[schemars(with = "Option<Date>")]
    pub until: Option<Spanned<Date>>,
    /// 不安排的日期（可选）/ Dates without a session (optional).
    #[serde(default)]
    #[schemars(with = "Vec<Date>")]
    pub skip: Vec<Spanned<Date>>,
    /// 说明（可选，Markdown）/ Note (optional, Markdown).
    pub note: Option<Markdown>,
}

/// A question bank: one `quizzes/<id>.toml` file.
#[derive(Debug, Clone, Serialize)]
pub struct Quiz {
    /// The file stem.
    pub id: Slug,
    /// Path of the file relative to the project root, e.g. `quizzes/jianshi-ch01.toml`.
    pub file: String,
    pub title: Spanned<String>,
    pub material: Option<Spanned<Slug>>,
    pub draw: Option<Spanned<i64>>,
    pub pass: Option<Spanned<i64>>,
    pub questions: Vec<Question>,
}

/// One question of a bank.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: Spanned<Slug>,
    pub prompt: Spanned<Markdown>,
    pub explanation: Option<Markdown>,
    pub source: Option<Spanned<ChapterRef>>,
    /// Points on a paper (分值), when the bank gives them.
    pub points: Option<Points>,
    #[serde(flatten)]
    pub kind: Kind,
}

/// What kind of question it is, with its options and answer.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Kind {
    /// One right option; `answer` is its index (0 = A).
    Single {
        options: Spanned<Vec<Spanned<String>>>,
        answer: Spanned<usize>,
    },
    /// One or more right options; `answer` holds their indexes in the order written.
    Multiple {
        options: Spanned<Vec<Spanned<String>>>,
        answer: Spanned<Vec<usize>>,
    },
    /// A statement that is true or false.
    Truefalse { answer: bool },
    /// Blanks in the prompt; one entry per blank, each with its accepted alternatives.
    Fill { answer: Spanned<Vec<Vec<String>>> },
}

impl Kind {
    /// Its type.
    pub fn question_type(&self) -> crate::rules::QuestionType {
        use crate::rules::QuestionType;
        match self {
            Kind::Single { .. } => QuestionType::Single,
            Kind::Multiple { .. } => QuestionType::Multiple,
            Kind::Truefalse { .. } => QuestionType::Truefalse,
            Kind::Fill { .. } => QuestionType::Fill,
        }
    }

    /// Its type's name: `single`, `multiple`, `truefalse`, `fill`.
    pub fn name(&self) -> &'static str {
        self.question_type().name()
    }
}

/// Everything loaded from one project.
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    pub catalogue: Catalogue,
    /// Sorted by id.
    pub quizzes: Vec<Quiz>,
    /// The text readers see: built in, with the author's `strings.toml` over it.
    pub strings: crate::ui::Strings,
    /// The office's task list (`tasks.toml`), when the project has one and it loaded.
    pub tasks: Option<tasks::TaskList>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::try_from("jianshi-ch01".to_string()).is_ok());
        assert_eq!(
            Slug::try_from("Jianshi".to_string()),
            Err(Invalid::IdChars("Jianshi".into()))
        );
        assert_eq!(
            Slug::try_from("com1".to_string()),
            Err(Invalid::IdReserved {
                id: "com1".into(),
                why: Reserved::Windows
            })
        );
        assert_eq!(Slug::try_from(String::new()), Err(Invalid::IdEmpty));
        assert!(Slug::try_from("../etc".to_string()).is_err());
        assert!(Slug::try_from("-a".to_string()).is_err());
        assert!(Slug::try_from("简史".to_string()).is_err());
        assert!(Slug::try_from("a".repeat(65)).is_err());
    }

    #[test]
    fn dates() {
        let d = |s: &str| Date::try_from(toml::Value::String(s.into()));
        assert!(d("2021-04-08").is_ok());
        assert_eq!(
            d("2021-02-30"),
            Err(Invalid::NoSuchDay("2021-02-30".into()))
        );
        assert_eq!(
            d("2021-4-8"),
            Err(Invalid::NotADate(Some("2021-4-8".into())))
        );
        assert_eq!(
            d("+2021-4-08"),
            Err(Invalid::NotADate(Some("+2021-4-08".into())))
        );
    }

    #[test]
    fn points() {
        assert_eq!(Points::try_from(2.0).unwrap().to_string(), "2");
        assert_eq!(Points::try_from(0.5).unwrap().to_string(), "0.5");
        assert_eq!(Points::try_from(0.0), Err(Invalid::Points(0.0)));
        assert!(Points::try_from(1.234).is_err());
        assert!(Points::try_from(1001.0).is_err());
    }

    #[test]
    fn chapter_refs() {
        let r = ChapterRef::try_from("jianshi/ch01".to_string()).unwrap();
        assert_eq!(r.to_string(), "jianshi/ch01");
        assert_eq!(
            ChapterRef::try_from("jianshi".to_string()),
            Err(Invalid::RefNoSlash("jianshi".into()))
        );
        assert_eq!(
            ChapterRef::try_from("jianshi/Ch1".to_string()),
            Err(Invalid::RefPart {
                reference: "jianshi/Ch1".into(),
                part: Box::new(Invalid::IdChars("Ch1".into()))
            })
        );
    }
}
