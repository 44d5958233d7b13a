//! Views: the reader-facing markup of every page, written once.
//!
//! In: the checked model. Out: HTML fragments (home, catalogue, material, plan, quiz and
//! the lists) rendered with minijinja from the templates in `views/`. The Zola site
//! puts them inside its layout; the offline copies put them inside theirs. Markdown
//! fields are rendered to HTML here, once.

use std::collections::BTreeMap;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::markdown;
use crate::model::{Catalogue, Kind, Plan, Project, Quiz, Spanned};
use crate::rules::{blank_runs, letter};
use crate::ui::Strings;

pub use crate::chapters::MINUTES_PER_PAGE;

/// The view templates, embedded in the binary.
/// Small pieces shared by the views and the document layouts.
const MACROS: &str = include_str!("views/macros.html");

const TEMPLATES: &[(&str, &str)] = &[
    ("macros.html", MACROS),
    ("home.html", include_str!("views/home.html")),
    ("catalogue.html", include_str!("views/catalogue.html")),
    ("material.html", include_str!("views/material.html")),
    ("plans.html", include_str!("views/plans.html")),
    ("plan.html", include_str!("views/plan.html")),
    ("quizzes.html", include_str!("views/quizzes.html")),
    ("quiz.html", include_str!("views/quiz.html")),
    ("questions.html", include_str!("views/questions.html")),
    ("practice.html", include_str!("views/practice.html")),
    ("wrong.html", include_str!("views/wrong.html")),
    ("daily.html", include_str!("views/daily.html")),
    ("search.html", include_str!("views/search.html")),
    ("record.html", include_str!("views/record.html")),
    ("saved.html", include_str!("views/saved.html")),
    ("header.html", include_str!("views/header.html")),
    ("footer.html", include_str!("views/footer.html")),
];

/// Where links point. Views write `{{ root }}{{ x.url }}`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Pages of the Zola site; URLs relative to the site root, `root` leads there.
    Site,
    /// One self-contained file: every link is an anchor in it.
    Offline,
}

impl Links {
    pub fn section(self, kind: &str) -> String {
        match self {
            Links::Site => format!("{kind}/"),
            Links::Offline => format!("#{kind}"),
        }
    }

    pub fn page(self, kind: &str, id: &str) -> String {
        match self {
            Links::Site => format!("{kind}/{id}/"),
            Links::Offline => format!("#{}", self.page_anchor(kind, id)),
        }
    }

    pub fn anchor(self, kind: &str, id: &str, anchor: &str) -> String {
        match self {
            Links::Site if id.is_empty() => format!("{kind}/#{anchor}"),
            Links::Site => format!("{kind}/{id}/#{anchor}"),
            Links::Offline if id.is_empty() => format!("#{anchor}"),
            Links::Offline => format!("#{}", self.inner_anchor(id, anchor)),
        }
    }

    /// The id of a whole page's article: none on the site (it has a page of its own),
    /// `materials-jianshi` in an offline copy.
    pub fn page_anchor(self, kind: &str, id: &str) -> String {
        match self {
            Links::Site => String::new(),
            Links::Offline => format!("{kind}-{id}"),
        }
    }

    /// The id of a place in a page (a chapter, a question): `ch01` on the site,
    /// `jianshi-ch01` in an offline copy, where several pages share one document.
    pub fn inner_anchor(self, page: &str, anchor: &str) -> String {
        match self {
            Links::Site => anchor.to_string(),
            Links::Offline => format!("{page}-{anchor}"),
        }
    }
}

/// What the page header and footer show (`header.html`, `footer.html`), on the site
/// and in the offline copies alike.
#[derive(Serialize)]
pub struct Chrome<'a> {
    /// The campaign's title.
    pub title: &'a str,
    /// The logo's URL; empty: none.
    pub logo: &'a str,
    /// The link to the home page; empty in a copy, whose title is no link.
    pub home: &'a str,
    /// The footer line (may be empty).
    pub footer: &'a str,
    /// The link to 关于本站; empty in a copy, which says 离线版 instead.
    pub about: &'a str,
}

impl Chrome<'_> {
    /// The header's and the footer's markup.
    pub fn render(&self, views: &Views) -> Result<(String, String), ViewError> {
        let header = views.render("header.html", "", self)?;
        let footer = views.render("footer.html", "", self)?;
        Ok((header.trim_end().to_string(), footer.trim_end().to_string()))
    }
}

/// A link to an offline copy, with its size for the reader (e.g. `86 KB`).
#[derive(Serialize, Clone)]
pub struct OfflineLink {
    pub url: String,
    pub size: String,
}

/// A titled link.
#[derive(Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The view templates, ready to render.
pub struct Views {
    env: Environment<'static>,
}

impl Views {
    /// The views for the site (`Links::Site`: pages load `quiz.js`) or for offline
    /// copies (`Links::Offline`: scripts are inlined by the copy itself).
    pub fn new(links: Links, strings: &Strings) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .expect("valid syntax config"),
        );
        for (name, src) in TEMPLATES {
            env.add_template_owned(*name, fold_strings(src, strings))
                .expect("built-in view templates parse");
        }
        env.add_global("t", Value::from(Serde(strings.map())));
        env.add_global("site", links == Links::Site);
        // HTML escaping of `&<>"'` only: minijinja's default also escapes `/`, which
        // bloats every URL. Safe values (Markdown output) pass through as they are.
        env.set_formatter(|out, _state, value| {
            if let Some(s) = value.as_str() {
                if value.is_safe() {
                    out.write_str(s)
                } else {
                    markdown::escape_into(out, s)
                }
                .map_err(minijinja::Error::from)
            } else if value.is_safe() || value.is_number() {
                write!(out, "{value}").map_err(minijinja::Error::from)
            } else if value.is_undefined() || value.is_none() {
                Ok(())
            } else {
                markdown::escape_into(out, &value.to_string()).map_err(minijinja::Error::from)
            }
        });
        Views { env }
    }

    /// Renders view `name` with `ctx`; `root` is the way back to the site root.
    pub fn render<S: Serialize>(
        &self,
        name: &'static str,
        root: &str,
        ctx: S,
    ) -> Result<String, ViewError> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|source| ViewError::Unknown { name, source })?;
        #[derive(Serialize)]
        struct WithRoot<'a, S> {
            root: &'a str,
            #[serde(flatten)]
            view: S,
        }
        tmpl.render(Serde(WithRoot { root, view: ctx }))
            .map_err(|source| ViewError::Render { name, source })
    }
}

/// Why a view gave no markup. The views are built in, so either means a fault in
/// xuexi itself; the message is minijinja's, which names the template and line.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// No view has this name.
    #[error("{source}")]
    Unknown {
        name: &'static str,
        #[source]
        source: minijinja::Error,
    },
    /// The view stopped while rendering (a value it reads is missing, a filter failed).
    #[error("{source:#}")]
    Render {
        name: &'static str,
        #[source]
        source: minijinja::Error,
    },
}

/// The environment for the layout of a self-contained document (an offline copy, a
/// paper): strict, the UI text as `t`, the shared macros, and the layout `name`.
pub fn document_env(
    name: &'static str,
    src: &'static str,
    strings: &Strings,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, src) in [("macros.html", MACROS), (name, src)] {
        env.add_template(name, src)
            .expect("built-in layout templates parse");
    }
    env.add_global("t", Value::from(Serde(strings.map())));
    env.add_global("letters", crate::rules::LETTERS);
    env
}

/// Writes each `{{ t.key }}` of a template as the key's text, and `{{ js_strings }}` and
/// `{{ sw_strings }}` as the scripts' UI text (`js_` and `sw_` keys), so fixed UI text costs nothing at render time. Keys not in
/// `strings` are left for minijinja to report.
fn fold_strings(src: &str, strings: &Strings) -> String {
    // Raw, so braces in the JSON are never read as template syntax.
    let js = format!(
        "{{% raw %}}{}{{% endraw %}}",
        markdown::escape(&strings.js_json())
    );
    let sw = format!(
        "{{% raw %}}{}{{% endraw %}}",
        markdown::escape(&strings.prefixed_json("sw_"))
    );
    let src = src
        .replace("{{ js_strings }}", &js)
        .replace("{{ sw_strings }}", &sw);
    let mut rest = src.as_str();
    let mut out = String::with_capacity(src.len());
    while let Some(at) = rest.find("{{ t.") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        let key_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let key = &after[..key_len];
        match (strings.get(key), after[key_len..].strip_prefix(" }}")) {
            (Some(text), Some(tail)) if !text.contains('{') => {
                out.push_str(&markdown::escape(text));
                rest = tail;
            }
            _ => {
                out.push_str("{{ t.");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A link to a quiz, as listed on other pages.
#[derive(Serialize)]
pub struct QuizLink {
    pub id: String,
    pub url: String,
    pub title: String,
    pub questions: usize,
}

/// The catalogue page: materials by category.
#[derive(Serialize)]
pub struct CatalogueView {
    pub categories: Vec<CategoryView>,
}

/// The list of plans.
#[derive(Serialize)]
pub struct PlansView {
    pub plans: Vec<PlanSummary>,
}

/// The list of quizzes.
#[derive(Serialize)]
pub struct QuizzesView {
    pub quizzes: Vec<QuizLink>,
}

/// The daily practice page: the pool the script draws each day's set from.
#[derive(Serialize)]
pub struct DailyView {
    /// JSON: `[[quiz page url, [question anchor, ...]], ...]`, every question once, in
    /// bank order (the order [`super::daily::pool`] gives).
    pub pool: String,
    pub per_day: usize,
    pub seed: u32,
    /// Without scripts: the quizzes, whose answers are in their pages.
    pub quizzes: Vec<QuizLink>,
}

/// The search page.
#[derive(Serialize)]
pub struct SearchView {
    /// The index's folder, relative to the site root.
    pub index_url: String,
    /// How many shards (`b<k>.json`) and entries per chunk (`d<n>.json`) it has.
    pub shards: usize,
    pub chunk: usize,
    /// The catalogue, for readers without scripts.
    pub catalogue_url: String,
}

/// The notebook page and the practice section.
#[derive(Serialize)]
pub struct PracticeView {
    pub wrong_url: String,
    pub daily_url: String,
    /// 我的学习记录.
    pub record_url: String,
    /// 离线阅读: what is saved on the device; offline, where an unsaved page leads.
    pub saved_url: String,
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
pub struct CategoryView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub intro: String,
    pub materials: Vec<MaterialSummary>,
}

#[derive(Serialize)]
pub struct MaterialSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub author: Option<String>,
    pub chapters: usize,
}

#[derive(Serialize)]
pub struct MaterialView {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub category: Link,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i64>,
    pub summary: String,
    pub chapters: Vec<ChapterView>,
    pub pages: i64,
    pub minutes: i64,
    pub quizzes: Vec<QuizLink>,
}

#[derive(Serialize)]
pub struct ChapterView {
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub pages: Option<i64>,
    pub minutes: Option<i64>,
    pub points: Vec<String>,
    pub quizzes: Vec<QuizLink>,
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
    pub minutes: i64,
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
    pub minutes: Option<i64>,
}

#[derive(Serialize)]
pub struct ChapterLink {
    pub url: String,
    pub material: String,
    pub material_title: String,
    pub chapter: String,
    pub title: String,
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

#[derive(Serialize)]
pub struct QuizView {
    /// The offline copy to download, on the site.
    pub offline: Option<OfflineLink>,
    pub id: String,
    pub anchor: String,
    pub title: String,
    pub material: Option<Link>,
    pub draw: Option<i64>,
    pub pass: Option<i64>,
    pub questions: Vec<QuestionView>,
}

#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    pub anchor: String,
    /// The bank it comes from (questions of several banks share the practice pages).
    pub quiz: String,
    pub quiz_title: String,
    pub kind: &'static str,
    /// The answer for the quiz script: option indexes (`1`, `0,2,3`), `true`/`false`,
    /// or, for `fill`, a JSON list of the accepted answers of each blank.
    pub key: String,
    /// 单选题, 多选题, ...
    pub kind_label: String,
    pub prompt: String,
    /// For `fill`: a JSON list of the unit the prompt puts after each blank (`年`,
    /// or empty), for the answer rule ([`crate::answer`]); empty for other kinds.
    pub after: String,
    /// (letter, text) of each option.
    pub options: Vec<(char, String)>,
    pub answer: String,
    pub explanation: String,
    pub source: Option<ChapterLink>,
}

fn md_block(m: &Option<crate::model::Markdown>) -> String {
    m.as_ref()
        .map(|m| markdown::block(&m.0))
        .unwrap_or_default()
}

/// Lookups shared by the views of one project.
pub struct Index<'a> {
    project: &'a Project,
    links: Links,
    chapters: crate::chapters::Chapters<'a>,
    quizzes: BTreeMap<&'a str, &'a Quiz>,
    /// (material, chapter) -> indexes of the quizzes with a question from that chapter.
    by_chapter: BTreeMap<(&'a str, &'a str), Vec<usize>>,
    /// material -> indexes of the quizzes about it (by `material` or by a question's source).
    by_material: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub fn new(project: &'a Project, links: Links) -> Self {
        let c = &project.catalogue;
        let mut by_chapter: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        let mut by_material: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let add = |list: &mut Vec<usize>, i: usize| {
            if list.last() != Some(&i) {
                list.push(i);
            }
        };
        for (i, q) in project.quizzes.iter().enumerate() {
            if let Some(m) = &q.material {
                add(by_material.entry(m.get_ref().as_str()).or_default(), i);
            }
            for x in &q.questions {
                if let Some(s) = &x.source {
                    let r = s.get_ref();
                    add(by_material.entry(r.material.as_str()).or_default(), i);
                    add(
                        by_chapter
                            .entry((r.material.as_str(), r.chapter.as_str()))
                            .or_default(),
                        i,
                    );
                }
            }
        }
        Index {
            project,
            links,
            chapters: crate::chapters::Chapters::new(c),
            quizzes: project.quizzes.iter().map(|q| (q.id.as_str(), q)).collect(),
            by_chapter,
            by_material,
        }
    }

    fn quiz_links_at(&self, indexes: Option<&Vec<usize>>) -> Vec<QuizLink> {
        indexes
            .into_iter()
            .flatten()
            .map(|&i| self.quiz_link(&self.project.quizzes[i]))
            .collect()
    }

    fn catalogue(&self) -> &'a Catalogue {
        &self.project.catalogue
    }

    fn quiz_link(&self, q: &Quiz) -> QuizLink {
        QuizLink {
            id: q.id.to_string(),
            url: self.links.page("quizzes", q.id.as_str()),
            title: q.title.get_ref().clone(),
            questions: q.questions.len(),
        }
    }

    /// "书名 · 章名" of each chapter of a reading, as schedules and calendars name them.
    pub fn reading_titles(&self, r: &crate::model::Reading) -> Vec<String> {
        self.chapters.reading_titles(r)
    }

    fn chapter_link(&self, r: &crate::model::ChapterRef) -> ChapterLink {
        let m = self.chapters.material(r.material.as_str());
        let title = self
            .chapters
            .chapter(r)
            .map(|c| c.title.get_ref().clone())
            .unwrap_or_default();
        ChapterLink {
            url: self
                .links
                .anchor("materials", r.material.as_str(), r.chapter.as_str()),
            material: r.material.to_string(),
            material_title: m.map(|m| m.title.get_ref().clone()).unwrap_or_default(),
            chapter: r.chapter.to_string(),
            title,
        }
    }

    /// Reading time of a chapter in minutes, when its `pages` are given.
    pub fn chapter_minutes(&self, r: &crate::model::ChapterRef) -> Option<i64> {
        self.chapters.minutes(r)
    }

    pub fn categories(&self) -> Vec<CategoryView> {
        let c = self.catalogue();
        c.categories
            .iter()
            .map(|cat| CategoryView {
                id: cat.id.get_ref().to_string(),
                url: self
                    .links
                    .anchor("materials", "", cat.id.get_ref().as_str()),
                name: cat.name.get_ref().clone(),
                intro: md_block(&cat.intro),
                materials: c
                    .materials
                    .iter()
                    .filter(|m| m.category.get_ref() == cat.id.get_ref())
                    .map(|m| MaterialSummary {
                        id: m.id.get_ref().to_string(),
                        url: self.links.page("materials", m.id.get_ref().as_str()),
                        title: m.title.get_ref().clone(),
                        author: m.author.clone(),
                        chapters: m.chapters.len(),
                    })
                    .collect(),
            })
            .collect()
    }

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

    pub fn quiz_links(&self) -> Vec<QuizLink> {
        self.project
            .quizzes
            .iter()
            .map(|q| self.quiz_link(q))
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

    pub fn material(&self, m: &crate::model::Material) -> MaterialView {
        let c = self.catalogue();
        let category = c
            .categories
            .iter()
            .find(|cat| cat.id.get_ref() == m.category.get_ref())
            .map(|cat| Link {
                title: cat.name.get_ref().clone(),
                url: self
                    .links
                    .anchor("materials", "", cat.id.get_ref().as_str()),
            })
            .unwrap_or(Link {
                title: String::new(),
                url: String::new(),
            });
        let id = m.id.get_ref().as_str();
        let quizzes = self.quiz_links_at(self.by_material.get(id));
        let chapters: Vec<ChapterView> = m
            .chapters
            .iter()
            .map(|ch| ChapterView {
                id: ch.id.get_ref().to_string(),
                anchor: self.links.inner_anchor(id, ch.id.get_ref().as_str()),
                title: ch.title.get_ref().clone(),
                pages: ch.pages.as_ref().map(|p| *p.get_ref()),
                minutes: crate::chapters::minutes(ch),
                points: ch.points.iter().map(|p| markdown::inline(&p.0)).collect(),
                quizzes: self.quiz_links_at(self.by_chapter.get(&(id, ch.id.get_ref().as_str()))),
            })
            .collect();
        let pages = chapters.iter().filter_map(|c| c.pages).sum();
        MaterialView {
            id: m.id.get_ref().to_string(),
            anchor: self.links.page_anchor("materials", id),
            title: m.title.get_ref().clone(),
            category,
            author: m.author.clone(),
            publisher: m.publisher.clone(),
            year: m.year.as_ref().map(|y| *y.get_ref()),
            summary: md_block(&m.summary),
            pages,
            minutes: pages * MINUTES_PER_PAGE,
            chapters,
            quizzes,
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
                let minutes: Option<i64> =
                    refs.iter().map(|c| self.chapter_minutes(c.get_ref())).sum();
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
                    minutes,
                }
            })
            .collect();
        let minutes = readings.iter().filter_map(|r| r.minutes).sum();
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
            minutes,
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

    /// The catalogue of materials.
    pub fn materials_url(&self) -> String {
        self.links.section("materials")
    }

    /// The URL of a page in the practice section (`wrong`, `daily`, `day-2021-04-08`).
    pub fn practice_url(&self, page: &str) -> String {
        self.links.page("practice", page)
    }

    pub fn practice(&self) -> PracticeView {
        PracticeView {
            wrong_url: self.practice_url("wrong"),
            daily_url: self.practice_url("daily"),
            record_url: self.practice_url("record"),
            saved_url: self.practice_url("saved"),
        }
    }

    pub fn daily(&self) -> DailyView {
        let pool: Vec<(String, Vec<String>)> = self
            .project
            .quizzes
            .iter()
            .map(|q| {
                let anchors = q
                    .questions
                    .iter()
                    .map(|x| question_anchor(self.links, q, x))
                    .collect();
                (self.links.page("quizzes", q.id.as_str()), anchors)
            })
            .collect();
        DailyView {
            pool: serde_json::to_string(&pool).expect("strings serialize as JSON"),
            per_day: super::daily::PER_DAY,
            seed: super::daily::SEED,
            quizzes: self.quiz_links(),
        }
    }

    pub fn quiz(&self, q: &Quiz) -> QuizView {
        QuizView {
            offline: None,
            anchor: self.links.page_anchor("quizzes", q.id.as_str()),
            id: q.id.to_string(),
            title: q.title.get_ref().clone(),
            material: q
                .material
                .as_ref()
                .and_then(|m| self.chapters.material(m.get_ref().as_str()))
                .map(|m| Link {
                    title: m.title.get_ref().clone(),
                    url: self.links.page("materials", m.id.get_ref().as_str()),
                }),
            draw: q.draw.as_ref().map(|d| *d.get_ref()),
            pass: q.pass.as_ref().map(|p| *p.get_ref()),
            questions: q
                .questions
                .iter()
                .map(|x| question_view(q, x, self))
                .collect(),
        }
    }
}

/// The id of a question in its quiz's page: `q-<id>` (prefixed in offline copies).
fn question_anchor(links: Links, quiz: &Quiz, x: &crate::model::Question) -> String {
    links.inner_anchor(quiz.id.as_str(), &format!("q-{}", x.id.get_ref()))
}

/// Placeholder for a blank while the prompt goes through Markdown (a private-use
/// character, so `__` is not read as emphasis).
const BLANK: char = '\u{E000}';

/// A fill prompt as HTML, each blank (`__`, `＿＿`) written as `blank_html`.
pub fn prompt_with_blanks(src: &str, blank_html: &str) -> String {
    let mut text = String::with_capacity(src.len());
    let mut last = 0;
    for run in blank_runs(src) {
        text.push_str(&src[last..run.start].replace(BLANK, ""));
        text.push(BLANK);
        last = run.end;
    }
    text.push_str(&src[last..].replace(BLANK, ""));
    markdown::block(&text).replace(BLANK, blank_html)
}

/// The answer as readers see it: the letters of the right options (`shown` gives the
/// letter of an option by its index in the bank), 正确/错误, or the fill answers with
/// their alternatives.
pub fn answer_text(kind: &Kind, shown: impl Fn(usize) -> char, strings: &Strings) -> String {
    let s = |k: &str| strings.text(k);
    match kind {
        Kind::Single { answer, .. } => shown(*answer.get_ref()).to_string(),
        Kind::Multiple { answer, .. } => {
            let mut letters: Vec<char> = answer.get_ref().iter().map(|&i| shown(i)).collect();
            letters.sort_unstable();
            letters.into_iter().collect()
        }
        Kind::Truefalse { answer } => s(if *answer { "true" } else { "false" }),
        Kind::Fill { answer } => answer
            .get_ref()
            .iter()
            .map(|alts| alts.join(&s("or")))
            .collect::<Vec<_>>()
            .join(&s("blank_separator")),
    }
}

fn question_view(quiz: &Quiz, x: &crate::model::Question, index: &Index) -> QuestionView {
    let strings = &index.project.strings;
    let s = |k: &str| strings.text(k);
    let lettered = |options: &Spanned<Vec<Spanned<String>>>| -> Vec<(char, String)> {
        options
            .get_ref()
            .iter()
            .enumerate()
            .map(|(i, o)| (letter(i), o.get_ref().clone()))
            .collect()
    };
    let key = match &x.kind {
        Kind::Single { answer, .. } => answer.get_ref().to_string(),
        Kind::Multiple { answer, .. } => {
            let mut idx = answer.get_ref().clone();
            idx.sort_unstable();
            idx.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }
        Kind::Truefalse { answer } => answer.to_string(),
        Kind::Fill { answer } => {
            serde_json::to_string(answer.get_ref()).expect("strings serialize as JSON")
        }
    };
    let options: Vec<(char, String)> = match &x.kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => lettered(options),
        _ => Vec::new(),
    };
    let answer = answer_text(&x.kind, letter, strings);
    let (prompt, after) = if matches!(x.kind, Kind::Fill { .. }) {
        // A gap in the sentence, named for those who do not see it.
        let gap = format!(
            "<span class=\"gap\"><span class=\"vh\">{}</span></span>",
            s("gap")
        );
        let src = &x.prompt.get_ref().0;
        // What follows each blank, for the unit a reader may write with a number.
        let after: Vec<String> = blank_runs(src)
            .iter()
            .map(|run| crate::answer::unit_after(&src[run.end..]))
            .collect();
        let after = serde_json::to_string(&after).expect("strings serialize as JSON");
        (prompt_with_blanks(src, &gap), after)
    } else {
        (markdown::block(&x.prompt.get_ref().0), String::new())
    };
    QuestionView {
        anchor: question_anchor(index.links, quiz, x),
        id: x.id.get_ref().to_string(),
        quiz: quiz.id.to_string(),
        quiz_title: quiz.title.get_ref().clone(),
        key,
        kind: x.kind.name(),
        kind_label: s(&format!("kind_{}", x.kind.name())),
        prompt,
        after,
        options,
        answer,
        explanation: md_block(&x.explanation),
        source: x.source.as_ref().map(|r| index.chapter_link(r.get_ref())),
    }
}
