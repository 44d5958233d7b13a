//! The views of the plans: the home page with its agenda, the list of plans and a plan
//! with its readings by month, milestones and recurring sessions.

use serde::Serialize;

use super::index::md_block;
use super::{CategoryView, ChapterLink, Index, Link, OfflineLink, QuizLink};
use crate::model::Plan;

/// The list of plans.
#[derive(Serialize)]
pub struct PlansView {
    pub plans: Vec<PlanSummary>,
}

/// A dated item on the home page's agenda: a reading or a milestone of any plan.
#[derive(Serialize)]
pub struct AgendaItem {
    pub date: String,
    pub plan_id: String,
    /// For a reading: its position in the plan (progress is kept by position).
    pub i: usize,
    /// `reading` or `milestone`.
    pub kind: &'static str,
    /// A milestone's title.
    pub title: String,
    /// The plan's page.
    pub url: String,
    pub plan: String,
    /// A reading's chapters, each linked to itself.
    pub chapters: Vec<Link>,
}

/// The home page.
#[derive(Serialize)]
pub struct HomeView {
    /// The readings and milestones of the campaign's plan, when it has only one.
    pub agenda: Vec<AgendaItem>,
    /// 我的学习记录.
    pub record_url: String,
    /// 任务清单; empty without a task list.
    pub tasks_url: String,
    pub title: String,
    pub materials_url: String,
    pub quizzes_url: String,
    pub organizer: Option<String>,
    pub start: String,
    pub end: String,
    pub intro: String,
    pub plans: Vec<PlanSummary>,
    pub categories: Vec<CategoryView>,
    pub quizzes: usize,
}

#[derive(Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub audience: Vec<String>,
    pub readings: usize,
    pub first: Option<String>,
    pub last: Option<String>,
}

#[derive(Serialize)]
pub struct PlanView {
    /// The offline copy to download, on the site.
    pub offline: Option<OfflineLink>,
    pub id: String,
    pub anchor: String,
    /// The campaign's first and last day: the script's catch-up keeps to them.
    pub start: String,
    pub end: String,
    /// The plan's calendar file, relative to the site root.
    pub ics_url: String,
    /// 我的学习记录 (in an offline copy: its section in the copy).
    pub record_url: String,
    pub title: String,
    pub audience: Vec<String>,
    pub intro: String,
    /// The readings, grouped by the month they are due in.
    pub months: Vec<MonthView>,
    pub readings: usize,
    pub milestones: Vec<MilestoneView>,
    pub recurring: Vec<RecurringView>,
    /// Minutes of reading in all, when any is known, and whether some is not.
    pub minutes: Option<i64>,
    pub partly: bool,
}

/// The readings due in one month.
#[derive(Serialize)]
pub struct MonthView {
    /// e.g. 2021年4月
    pub label: String,
    pub readings: Vec<ReadingView>,
}

#[derive(Serialize)]
pub struct ReadingView {
    /// Position in the plan, from 0.
    pub i: usize,
    pub due: String,
    pub chapters: Vec<ChapterLink>,
    pub quiz: Option<QuizLink>,
    pub note: String,
    /// Minutes of reading, when any is known, and whether some is not (至少约).
    pub minutes: Option<i64>,
    pub partly: bool,
}

#[derive(Serialize)]
pub struct MilestoneView {
    pub due: String,
    pub title: String,
    pub owner: Option<String>,
    pub note: String,
}

#[derive(Serialize)]
pub struct RecurringView {
    pub title: String,
    pub weekday: String,
    /// Every date of the session, skips left out.
    pub dates: Vec<String>,
    pub from: String,
    pub until: String,
    pub skip: Vec<String>,
    pub note: String,
}

impl Index<'_> {
    pub fn plan_summaries(&self) -> Vec<PlanSummary> {
        self.catalogue()
            .plans
            .iter()
            .map(|p| PlanSummary {
                id: p.id.get_ref().to_string(),
                url: self.links.page("plans", p.id.get_ref().as_str()),
                title: p.title.get_ref().clone(),
                audience: p.audience.clone(),
                readings: p.readings.len(),
                // A plan runs from the campaign's first day to its last reading.
                first: (!p.readings.is_empty())
                    .then(|| self.project.catalogue.campaign.start.get_ref().to_string()),
                last: p
                    .readings
                    .iter()
                    .map(|r| *r.due.get_ref())
                    .max()
                    .map(|d| d.to_string()),
            })
            .collect()
    }

    pub fn home(&self) -> HomeView {
        let camp = &self.catalogue().campaign;
        let mut agenda = Vec::new();
        // With one plan its agenda is on the home page (all a reader without JavaScript
        // needs); with several, the reader chooses one and the script reads its page, so
        // that the home page does not grow with the plans.
        let plans = &self.catalogue().plans;
        for p in plans.iter().filter(|_| plans.len() == 1) {
            let plan = p.title.get_ref().clone();
            let url = self.links.page("plans", p.id.get_ref().as_str());
            for (i, r) in p.readings.iter().enumerate() {
                let chapters = r
                    .chapters
                    .get_ref()
                    .iter()
                    .map(|c| {
                        let l = self.chapter_link(c.get_ref());
                        Link {
                            title: format!("{} · {}", l.material_title, l.title),
                            url: l.url,
                        }
                    })
                    .collect();
                agenda.push(AgendaItem {
                    date: r.due.get_ref().to_string(),
                    plan_id: p.id.get_ref().to_string(),
                    i,
                    kind: "reading",
                    title: String::new(),
                    url: url.clone(),
                    plan: plan.clone(),
                    chapters,
                });
            }
            for m in &p.milestones {
                agenda.push(AgendaItem {
                    date: m.due.get_ref().to_string(),
                    plan_id: p.id.get_ref().to_string(),
                    i: 0,
                    kind: "milestone",
                    title: m.title.get_ref().clone(),
                    url: url.clone(),
                    plan: plan.clone(),
                    chapters: Vec::new(),
                });
            }
        }
        agenda.sort_by(|a, b| a.date.cmp(&b.date));
        HomeView {
            agenda,
            record_url: self.practice_url("record"),
            tasks_url: match self.project.tasks {
                Some(_) => self.links.section("tasks"),
                None => String::new(),
            },
            title: camp.title.get_ref().clone(),
            materials_url: self.links.section("materials"),
            quizzes_url: self.links.section("quizzes"),
            organizer: camp.organizer.clone(),
            start: camp.start.get_ref().to_string(),
            end: camp.end.get_ref().to_string(),
            intro: md_block(&camp.intro),
            plans: self.plan_summaries(),
            categories: self.categories(),
            quizzes: self.project.quizzes.len(),
        }
    }

    pub fn plan(&self, p: &Plan) -> PlanView {
        let camp = &self.catalogue().campaign;
        let readings: Vec<ReadingView> = p
            .readings
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let refs = r.chapters.get_ref();
                let time = self.reading_time(refs.iter().map(|c| c.get_ref()));
                ReadingView {
                    i,
                    due: r.due.get_ref().to_string(),
                    chapters: refs
                        .iter()
                        .map(|c| self.chapter_link(c.get_ref()))
                        .collect(),
                    quiz: r
                        .quiz
                        .as_ref()
                        .and_then(|q| self.quizzes.get(q.get_ref().as_str()))
                        .map(|q| self.quiz_link(q)),
                    note: md_block(&r.note),
                    minutes: time.shown(),
                    partly: time.partly(),
                }
            })
            .collect();
        let time = self.reading_time(
            p.readings
                .iter()
                .flat_map(|r| r.chapters.get_ref().iter().map(|c| c.get_ref())),
        );
        let count = readings.len();
        let mut months: Vec<MonthView> = Vec::new();
        for (r, date) in readings
            .into_iter()
            .zip(p.readings.iter().map(|r| r.due.get_ref().0))
        {
            // The same words as the plan script's, which regroups moved readings.
            let label = self
                .project
                .strings
                .text("js_month")
                .replace("{y}", &date.year().to_string())
                .replace("{m}", &date.month().to_string());
            match months.last_mut() {
                Some(m) if m.label == label => m.readings.push(r),
                _ => months.push(MonthView {
                    label,
                    readings: vec![r],
                }),
            }
        }
        PlanView {
            offline: None,
            id: p.id.get_ref().to_string(),
            anchor: self.links.page_anchor("plans", p.id.get_ref().as_str()),
            start: camp.start.get_ref().to_string(),
            end: camp.end.get_ref().to_string(),
            ics_url: format!("plans/{}.ics", p.id.get_ref()),
            record_url: self.practice_url("record"),
            title: p.title.get_ref().clone(),
            audience: p.audience.clone(),
            intro: md_block(&p.intro),
            minutes: time.shown(),
            partly: time.partly(),
            months,
            readings: count,
            milestones: p
                .milestones
                .iter()
                .map(|m| MilestoneView {
                    due: m.due.get_ref().to_string(),
                    title: m.title.get_ref().clone(),
                    owner: m.owner.clone(),
                    note: md_block(&m.note),
                })
                .collect(),
            recurring: p
                .recurring
                .iter()
                .map(|r| RecurringView {
                    title: r.title.get_ref().clone(),
                    weekday: self
                        .project
                        .strings
                        .text(&format!("weekday_{}", r.weekday.get_ref().key())),
                    dates: crate::schedule::sessions(r, camp)
                        .iter()
                        .map(|d| d.to_string())
                        .collect(),
                    from: r.from.as_ref().unwrap_or(&camp.start).get_ref().to_string(),
                    until: r.until.as_ref().unwrap_or(&camp.end).get_ref().to_string(),
                    skip: r.skip.iter().map(|d| d.get_ref().to_string()).collect(),
                    note: md_block(&r.note),
                })
                .collect(),
        }
    }
}
