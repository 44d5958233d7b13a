//! The views of the task list (`tasks.toml`): the 任务清单 page, every task by the month
//! of its last day, and the unit's page (本单位任务填报), which `tasks.js` fills from the
//! list of units and tasks it carries as JSON.
//!
//! In: the checked project with its task list. Out: [`TaskListView`] and [`UnitView`].
//! Neither grows with the number of units but by the unit list itself (on the unit's
//! page): a task names the units or kinds its `for` gives, a kind with its count.

use serde::Serialize;

use super::index::md_block;
use super::{Index, Link, OfflineLink};
use crate::model::Date;
use crate::model::tasks::{Task, TaskList, When};
use crate::schedule::when;

/// The 任务清单 page.
#[derive(Serialize)]
pub struct TaskListView {
    /// The id of the page's article in an offline copy (none on the site).
    pub anchor: String,
    /// The unit's page.
    pub unit_url: String,
    /// 规定动作 N 项 · 自选动作 M 项.
    pub counts: String,
    pub months: Vec<TaskMonth>,
    /// The list's offline copy (on the site, when copies are made).
    pub offline: Option<OfflineLink>,
}

/// The tasks whose last day falls in one month.
#[derive(Serialize)]
pub struct TaskMonth {
    /// `2021年4月`.
    pub label: String,
    /// `2021-04`, for the heading's id.
    pub id: String,
    pub tasks: Vec<TaskItem>,
}

/// One task as the list shows it.
#[derive(Serialize)]
pub struct TaskItem {
    pub id: String,
    /// The id of its place in the page.
    pub anchor: String,
    pub title: String,
    pub required: bool,
    /// The units and kinds of units that must do it, as words.
    pub whom: Vec<String>,
    pub lead: String,
    pub evidence: Vec<String>,
    /// The schedule in words: 截止 4月30日, 期间至少4次（…）, 每周五（…）.
    pub schedule: String,
    /// The last day it can be done on time, `2021-04-30` (the script counts the days to it).
    pub last: String,
    pub intro: String,
    /// The material, plan and quiz it links to.
    pub links: Vec<Link>,
}

/// The unit's page.
#[derive(Serialize)]
pub struct UnitView {
    /// The id of the page's article in an offline copy (none on the site).
    pub anchor: String,
    /// The task list.
    pub list_url: String,
    /// The campaign's id, as receipt codes carry it.
    pub campaign: String,
    /// `[[id, name, kind], …]`: every unit, as JSON for the script.
    pub units: String,
    /// Every task as the script needs it ([`ScriptTask`]), as JSON.
    pub tasks: String,
    /// The calendar of every task (`crate::emit::ics::tasks_calendar`), LF line ends:
    /// the script keeps the unit's events.
    pub ics: String,
}

/// A task as `tasks.js` reads it.
#[derive(Serialize)]
struct ScriptTask<'a> {
    id: &'a str,
    title: &'a str,
    required: bool,
    #[serde(rename = "for")]
    units: Vec<&'a str>,
    /// Its schedule (`kind`: due, times, weekly), as [`when`] gives it.
    when: &'a When,
    last: String,
    schedule: String,
    evidence: &'a [String],
}

impl Index<'_> {
    /// The task list, `None` without one.
    fn task_list_of(&self) -> Option<&TaskList> {
        self.project.tasks.as_ref()
    }

    fn s(&self, key: &str) -> String {
        self.project.strings.text(key)
    }

    /// `4月30日`, or `2022年1月5日` outside the campaign's first year.
    fn day_words(&self, d: Date) -> String {
        let year = self.project.catalogue.campaign.start.get_ref().0.year();
        let key = if d.0.year() == year {
            "task_date"
        } else {
            "task_date_year"
        };
        self.s(key)
            .replace("{y}", &d.0.year().to_string())
            .replace("{m}", &d.0.month().to_string())
            .replace("{d}", &d.0.day().to_string())
    }

    /// The schedule in words.
    fn schedule_words(&self, w: &When) -> String {
        match w {
            When::Due { due } => self.s("task_due").replace("{d}", &self.day_words(*due)),
            When::Times { times, from, until } => self
                .s("task_times")
                .replace("{n}", &times.to_string())
                .replace("{a}", &self.day_words(*from))
                .replace("{b}", &self.day_words(*until)),
            When::Weekly { weekday, days } => {
                let day = self.s(&format!("weekday_{}", weekday.key()));
                let mut text = self.s("task_weekly").replace("{w}", &day);
                if let (Some(a), Some(b)) = (days.first(), days.last()) {
                    text.push_str(
                        &self
                            .s("task_weekly_period")
                            .replace("{a}", &self.day_words(*a))
                            .replace("{b}", &self.day_words(*b))
                            .replace("{n}", &days.len().to_string()),
                    );
                }
                text
            }
        }
    }

    /// The tasks with a schedule, each with it, by their last day (then in the order of
    /// the file). A task without one is left out: `check` refuses it.
    fn scheduled(&self) -> Vec<(&Task, When, Date)> {
        let camp = &self.project.catalogue.campaign;
        let mut out: Vec<(&Task, When, Date)> = self
            .task_list_of()
            .map(|l| l.tasks.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|t| {
                let w = when(t, camp)?;
                let last = w.last()?;
                Some((t, w, last))
            })
            .collect();
        out.sort_by_key(|(_, _, last)| *last);
        out
    }

    /// Who must do a task, in words: unit names, and kinds with their count.
    fn whom(&self, task: &Task) -> Vec<String> {
        let Some(list) = self.task_list_of() else {
            return Vec::new();
        };
        task.units
            .get_ref()
            .iter()
            .map(|f| {
                let f = f.get_ref().as_str();
                if let Some(u) = list.units.iter().find(|u| u.id.get_ref().as_str() == f) {
                    return u.name.get_ref().clone();
                }
                let n = list
                    .units
                    .iter()
                    .filter(|u| u.kind.as_ref().is_some_and(|k| k.get_ref() == f))
                    .count();
                self.s("task_kind_units")
                    .replace("{k}", f)
                    .replace("{n}", &n.to_string())
            })
            .collect()
    }

    fn task_links(&self, task: &Task) -> Vec<Link> {
        let c = self.catalogue();
        let mut links = Vec::new();
        if let Some(m) = &task.material
            && let Some(m) = c.materials.iter().find(|x| x.id.get_ref() == m.get_ref())
        {
            links.push(Link {
                title: m.title.get_ref().clone(),
                url: self.links.page("materials", m.id.get_ref().as_str()),
            });
        }
        if let Some(p) = &task.plan
            && let Some(p) = c.plans.iter().find(|x| x.id.get_ref() == p.get_ref())
        {
            links.push(Link {
                title: p.title.get_ref().clone(),
                url: self.links.page("plans", p.id.get_ref().as_str()),
            });
        }
        if let Some(q) = &task.quiz
            && let Some(q) = self.quizzes.get(q.get_ref().as_str())
        {
            links.push(Link {
                title: q.title.get_ref().clone(),
                url: self.links.page("quizzes", q.id.as_str()),
            });
        }
        links
    }

    /// The 任务清单 page.
    pub fn task_list(&self) -> TaskListView {
        let mut months: Vec<TaskMonth> = Vec::new();
        let (mut required, mut optional) = (0, 0);
        for (task, w, last) in self.scheduled() {
            if task.required {
                required += 1;
            } else {
                optional += 1;
            }
            let id = format!("{:04}-{:02}", last.0.year(), last.0.month());
            if months.last().is_none_or(|m| m.id != id) {
                months.push(TaskMonth {
                    label: self
                        .s("task_month")
                        .replace("{y}", &last.0.year().to_string())
                        .replace("{m}", &last.0.month().to_string()),
                    id,
                    tasks: Vec::new(),
                });
            }
            let tid = task.id.get_ref().as_str();
            let item = TaskItem {
                id: tid.to_string(),
                anchor: self.links.inner_anchor("tasks", &format!("task-{tid}")),
                title: task.title.get_ref().clone(),
                required: task.required,
                whom: self.whom(task),
                lead: task.lead.clone().unwrap_or_default(),
                evidence: task.evidence.clone(),
                schedule: self.schedule_words(&w),
                last: last.to_string(),
                intro: md_block(&task.intro),
                links: self.task_links(task),
            };
            months.last_mut().expect("pushed above").tasks.push(item);
        }
        TaskListView {
            anchor: list_anchor(self.links),
            unit_url: self.links.page("tasks", "unit"),
            counts: self
                .s("tasks_count")
                .replace("{r}", &required.to_string())
                .replace("{o}", &optional.to_string()),
            months,
            offline: None,
        }
    }

    /// The unit's page; `ics` is the calendar of every task.
    pub fn task_unit(&self, ics: &str) -> UnitView {
        let units: Vec<[&str; 3]> = self
            .task_list_of()
            .map(|l| l.units.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|u| {
                [
                    u.id.get_ref().as_str(),
                    u.name.get_ref().as_str(),
                    u.kind.as_ref().map(|k| k.get_ref().as_str()).unwrap_or(""),
                ]
            })
            .collect();
        let scheduled = self.scheduled();
        let tasks: Vec<ScriptTask> = scheduled
            .iter()
            .map(|(t, w, last)| ScriptTask {
                id: t.id.get_ref().as_str(),
                title: t.title.get_ref(),
                required: t.required,
                units: t
                    .units
                    .get_ref()
                    .iter()
                    .map(|f| f.get_ref().as_str())
                    .collect(),
                when: w,
                last: last.to_string(),
                schedule: self.schedule_words(w),
                evidence: &t.evidence,
            })
            .collect();
        UnitView {
            anchor: self.links.page_anchor("tasks", "unit"),
            list_url: self.links.section("tasks"),
            campaign: crate::record_shape::campaign_id(&self.catalogue().campaign),
            units: serde_json::to_string(&units).expect("units serialize as JSON"),
            tasks: serde_json::to_string(&tasks).expect("tasks serialize as JSON"),
            ics: ics.replace("\r\n", "\n"),
        }
    }
}

/// The id of the list's article: none on the site, `tasks` in an offline copy (where
/// `Links::section` points).
fn list_anchor(links: super::Links) -> String {
    let url = links.section("tasks");
    url.strip_prefix('#').unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Index, Links};

    fn sample() -> crate::model::Project {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root);
        assert!(!checked.has_errors());
        checked.project.unwrap()
    }

    #[test]
    fn the_sample_list_by_month_with_schedules_and_units_in_words() {
        let project = sample();
        let list = Index::new(&project, Links::Site).task_list();
        assert_eq!(list.counts, "规定动作 11 项 · 自选动作 4 项");
        assert_eq!(list.unit_url, "tasks/unit/");
        assert_eq!(list.anchor, "");
        let months: Vec<(&str, Vec<&str>)> = list
            .months
            .iter()
            .map(|m| {
                let ids = m.tasks.iter().map(|t| t.id.as_str()).collect();
                (m.label.as_str(), ids)
            })
            .collect();
        assert_eq!(
            months,
            [
                ("2021年4月", vec!["dushuban"]),
                ("2021年5月", vec!["banshishi-tuijinhui"]),
                ("2021年6月", vec!["chuntian-songge", "dangxiao-peixun"]),
                ("2021年7月", vec!["quji-xuanjiang", "wangluo-peixun"]),
                ("2021年8月", vec!["zhongxiaoxue-xuanjiang"]),
                (
                    "2021年12月",
                    vec![
                        "zhongxinzu",
                        "hongse-wuyi",
                        "sishi-xuanjiao",
                        "zizhu-peixun",
                        "jingpin-luxian",
                        "wei-dangke",
                        "tuwenji",
                        "liangxin-xuanjiang"
                    ]
                ),
            ]
        );
        let task = |id: &str| {
            list.months
                .iter()
                .flat_map(|m| &m.tasks)
                .find(|t| t.id == id)
                .unwrap()
        };
        let d = task("dushuban");
        assert_eq!(d.schedule, "截止 4月30日");
        assert_eq!(d.last, "2021-04-30");
        assert_eq!(d.whom, ["区委组织部"]);
        assert_eq!(d.lead, "区委组织部");
        assert_eq!(d.evidence, ["读书班方案", "签到表", "研讨交流材料", "照片"]);
        assert_eq!(d.anchor, "task-dushuban");
        assert_eq!(d.links[0].url, "materials/lun-dangshi/");
        let z = task("zhongxinzu");
        assert_eq!(z.schedule, "期间至少4次（4月8日至12月31日）");
        assert_eq!(z.whom, ["党委（党组） 9 个"]);
        let w = task("hongse-wuyi");
        assert_eq!(w.schedule, "每周五（4月9日至12月31日，共 38 次）");
        assert_eq!(w.whom, ["党支部 3 个"]);
        assert!(!task("wei-dangke").required);
    }

    #[test]
    fn the_unit_page_carries_units_and_tasks_once_and_an_offline_copy_links_inside() {
        let project = sample();
        let unit = Index::new(&project, Links::Site).task_unit("A\r\nB\r\n");
        assert_eq!(unit.ics, "A\nB\n");
        // As record codes name it: the sample gives no id, so one made from its title and start.
        assert_eq!(unit.campaign, "0499ec7a");
        let units: Vec<[String; 3]> = serde_json::from_str(&unit.units).unwrap();
        assert_eq!(units.len(), 13);
        assert_eq!(units[1], ["zuzhibu", "区委组织部", "党委（党组）"]);
        let tasks: serde_json::Value = serde_json::from_str(&unit.tasks).unwrap();
        assert_eq!(tasks.as_array().unwrap().len(), 15);
        let wuyi = tasks
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "hongse-wuyi")
            .unwrap();
        assert_eq!(wuyi["when"]["kind"], "weekly");
        assert_eq!(wuyi["when"]["days"].as_array().unwrap().len(), 38);
        assert_eq!(wuyi["for"], serde_json::json!(["党支部"]));
        assert_eq!(wuyi["last"], "2021-12-31");
        let offline = Index::new(&project, Links::Offline);
        assert_eq!(offline.task_unit("").list_url, "#tasks");
        assert_eq!(offline.task_unit("").anchor, "tasks-unit");
        let list = offline.task_list();
        assert_eq!(
            (list.anchor.as_str(), list.unit_url.as_str()),
            ("tasks", "#tasks-unit")
        );
    }
}
