//! Offline copies: one self-contained `.html` file per plan and per quiz, and one of the
//! task list when the project has one.
//!
//! In: the checked project and the site's stylesheet and scripts (xuexi's own, or the
//! author's overrides in `site/static/`, [`super::assets::read`]:
//! `xuexi.css`, `xuexi.js`, `quiz.js`, in a plan's copy `plan.js`; the same files the
//! site serves; and in a plan's copy the record script, `views/record.js`, built in). Out: documents
//! made of the same views as the site (`Links::Offline`: every link an anchor in the
//! file), with the CSS and JS inlined and a Content-Security-Policy of
//! `default-src 'none'` plus the hashes of that style and those scripts. A copy makes
//! no request at all, reads without JavaScript and is interactive with it.
//! A plan's copy holds its schedule, the chapters it covers (summaries, key points) and
//! its quizzes and the reader's record for it (我的学习记录); a quiz's copy holds the quiz;
//! the task list's copy (`tasks.html`) the 任务清单 and the unit's page, with `record.js`
//! (its QR code and byte rules) and `tasks.js`.

use std::path::{Path, PathBuf};

use base64::Engine;
use minijinja::Environment;
use rayon::prelude::*;
use serde::Serialize;

use super::view::{Index, Links, ViewError, Views, document_env};
use crate::model::{Plan, Project, Quiz};

const LAYOUT: &str = include_str!("views/offline.html");

/// Why the offline copies could not be made.
#[derive(Debug, thiserror::Error)]
pub enum OfflineError {
    /// A file a copy inlines (the site's stylesheet or a script, the logo) is unreadable.
    #[error("{}", m!("offline.cannot-read", path = .path.display(), e = crate::i18n::Io(.source)))]
    CannotRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A script or the stylesheet holds the tag that would end it early once inlined.
    #[error("{}", m!("offline.not-inlinable", name = .name, tag = .tag))]
    NotInlinable {
        /// `xuexi.js`, `quiz.js`, `plan.js`, `record.js`, `tasks.js` or `xuexi.css`.
        name: &'static str,
        /// `</script` or `</style`.
        tag: &'static str,
    },
    /// The plan asked for is not in the catalogue; `known` are the ones there are.
    #[error("{}", m!("offline.unknown", what = m!("noun.plan"), id = .id, hint = hint(.id, .known)))]
    UnknownPlan { id: String, known: Vec<String> },
    /// The quiz asked for is not among the banks; `known` are the ones there are.
    #[error("{}", m!("offline.unknown", what = m!("noun.quiz"), id = .id, hint = hint(.id, .known)))]
    UnknownQuiz { id: String, known: Vec<String> },
    /// The copy's markup did not render.
    #[error(transparent)]
    View(#[from] ViewError),
    /// The layout around the markup did not render.
    #[error("{source:#}")]
    Layout {
        #[source]
        source: minijinja::Error,
    },
}

/// What a copy inlines: the site's stylesheet and scripts (overrides first), its logo.
pub struct Assets {
    pub css: String,
    pub site_js: String,
    pub quiz_js: String,
    pub plan_js: String,
    pub record_js: String,
    /// The task pages' script (built in), in the task list's copy.
    pub tasks_js: String,
    /// The campaign's logo as a `data:` URL (a copy has no other file to point at).
    pub logo: Option<String>,
}

impl Assets {
    /// What the copies of the project at `root` inline: its site's files and logo.
    pub fn of(root: &Path, project: &Project) -> Result<Self, OfflineError> {
        let logo = project.catalogue.campaign.logo.as_ref();
        Assets::load(&root.join(crate::SITE), logo.map(|l| l.get_ref().as_str()))
    }

    /// Reads the stylesheet and scripts the site serves, and the logo `logo` names in
    /// `static/`.
    pub fn load(site: &Path, logo: Option<&str>) -> Result<Self, OfflineError> {
        let read = |name: &str| {
            super::assets::read(site, name).map_err(|source| OfflineError::CannotRead {
                path: site.join("static").join(name),
                source,
            })
        };
        let logo = match logo {
            Some(name) => {
                let path = site.join("static").join(name);
                let bytes = crate::write::read_regular(&path)
                    .map_err(|source| OfflineError::CannotRead { path, source })?;
                let lower = name.to_ascii_lowercase();
                let mime = match lower.rsplit('.').next() {
                    Some("svg") => "image/svg+xml",
                    Some("jpg" | "jpeg") => "image/jpeg",
                    Some("webp") => "image/webp",
                    _ => "image/png",
                };
                Some(format!(
                    "data:{mime};base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(bytes)
                ))
            }
            None => None,
        };
        let assets = Assets {
            css: read("xuexi.css")?,
            site_js: read("xuexi.js")?,
            quiz_js: read("quiz.js")?,
            plan_js: read("plan.js")?,
            record_js: super::record::SCRIPT.to_string(),
            tasks_js: super::tasks::SCRIPT.to_string(),
            logo,
        };
        for (name, text) in [
            ("xuexi.js", &assets.site_js),
            ("quiz.js", &assets.quiz_js),
            ("plan.js", &assets.plan_js),
            ("record.js", &assets.record_js),
            ("tasks.js", &assets.tasks_js),
        ] {
            if text.contains("</script") {
                return Err(OfflineError::NotInlinable {
                    name,
                    tag: "</script",
                });
            }
        }
        if assets.css.contains("</style") {
            return Err(OfflineError::NotInlinable {
                name: "xuexi.css",
                tag: "</style",
            });
        }
        Ok(assets)
    }
}

/// One finished copy: its file name (`plan-<id>.html`, `quiz-<id>.html`) and text.
pub struct Copy {
    pub file: String,
    pub html: String,
}

#[derive(Serialize)]
struct Page<'a> {
    title: &'a str,
    theme_color: &'a str,
    /// The header's and footer's markup, as the site's pages have them.
    header: String,
    footer: String,
    csp: String,
    css: &'a str,
    /// The scripts, inlined in this order.
    scripts: Vec<&'a str>,
    body: String,
}

/// What a copy holds besides its markup, and so which scripts it inlines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A quiz: `xuexi.js`, `quiz.js`.
    Quiz,
    /// A plan, with its quizzes and the record: also `plan.js`, `record.js`.
    Plan,
    /// The task list and the unit's page: `xuexi.js`, `record.js`, `tasks.js`.
    Tasks,
}

/// Renders offline copies.
pub struct Renderer<'a> {
    project: &'a Project,
    assets: &'a Assets,
    views: Views,
    index: Index<'a>,
    layout: Environment<'static>,
    /// `xuexi.css`, then the campaign's theme colour when it has one.
    css: String,
    /// The campaign's footer and colour, the same in every copy.
    brand: super::brand::Brand,
}

impl<'a> Renderer<'a> {
    pub fn new(project: &'a Project, assets: &'a Assets) -> Self {
        let layout = document_env("offline.html", LAYOUT, &project.strings);
        let mut css = assets.css.clone();
        if let Some(brand) = super::brand::css(&project.catalogue.campaign) {
            css.push_str(&brand);
        }
        Renderer {
            css,
            brand: super::brand::Brand::of(&project.catalogue.campaign, &project.strings),
            project,
            assets,
            views: Views::new(Links::Offline, &project.strings),
            index: Index::new(project, Links::Offline),
            layout,
        }
    }

    fn page(&self, title: &str, body: String, kind: Kind) -> Result<String, OfflineError> {
        let body = unlink_missing(&body);
        let a = self.assets;
        let scripts: Vec<&str> = match kind {
            Kind::Quiz => vec![&a.site_js, &a.quiz_js],
            Kind::Plan => vec![&a.site_js, &a.quiz_js, &a.plan_js, &a.record_js],
            Kind::Tasks => vec![&a.site_js, &a.record_js, &a.tasks_js],
        };
        let csp = crate::csp::self_contained(&[&self.css], &scripts, true);
        let (header, footer) = super::view::Chrome {
            title: self.project.catalogue.campaign.title.get_ref(),
            logo: a.logo.as_deref().unwrap_or(""),
            home: "",
            footer: &self.brand.footer,
            about: "",
        }
        .render(&self.views)?;
        let page = Page {
            title,
            theme_color: &self.brand.theme_color,
            header,
            footer,
            csp,
            css: &self.css,
            scripts,
            body,
        };
        self.layout
            .get_template("offline.html")
            .and_then(|t| t.render(minijinja::value::Serde(&page)))
            .map_err(|source| OfflineError::Layout { source })
    }

    /// The copy of one quiz.
    pub fn quiz(&self, q: &Quiz) -> Result<Copy, OfflineError> {
        let body = self.views.render("quiz.html", "", self.index.quiz(q))?;
        Ok(Copy {
            file: format!("quiz-{}.html", q.id),
            html: self.page(q.title.get_ref(), body, Kind::Quiz)?,
        })
    }

    /// The copy of one plan: the schedule, the chapters it covers, its quizzes.
    pub fn plan(&self, p: &Plan) -> Result<Copy, OfflineError> {
        let mut body = self.views.render("plan.html", "", self.index.plan(p))?;
        // The materials the plan reads, in catalogue order, with only the chapters read.
        let read: Vec<&crate::model::ChapterRef> = p
            .readings
            .iter()
            .flat_map(|r| r.chapters.get_ref().iter().map(|c| c.get_ref()))
            .collect();
        for m in &self.project.catalogue.materials {
            let mut view = self.index.material(m);
            view.chapters.retain(|ch| {
                read.iter()
                    .any(|r| r.material == *m.id.get_ref() && r.chapter.as_str() == ch.id)
            });
            if view.chapters.is_empty() {
                continue;
            }
            body.push_str(&self.views.render("material.html", "", &view)?);
        }
        let mut quizzes: Vec<&Quiz> = Vec::new();
        for r in &p.readings {
            if let Some(q) = &r.quiz
                && let Some(quiz) = self.project.quizzes.iter().find(|x| &x.id == q.get_ref())
                && !quizzes.iter().any(|x| x.id == quiz.id)
            {
                quizzes.push(quiz);
            }
        }
        for q in quizzes {
            body.push_str(&self.views.render("quiz.html", "", self.index.quiz(q))?);
        }
        let anchor = Links::Offline.page_anchor("practice", "record");
        let record = super::record::view(self.project, Some(p), anchor);
        body.push_str(&self.views.render("record.html", "", &record)?);
        Ok(Copy {
            file: format!("plan-{}.html", p.id.get_ref()),
            html: self.page(p.title.get_ref(), body, Kind::Plan)?,
        })
    }

    /// The copy of the task list (`tasks.html`): the list and the unit's page, where a
    /// unit ticks its tasks and sends its receipt without a network.
    pub fn tasks(&self) -> Result<Copy, OfflineError> {
        let mut body = self
            .views
            .render("tasks.html", "", self.index.task_list())?;
        let ics = super::ics::tasks_calendar(self.project);
        body.push_str(
            &self
                .views
                .render("tasks-unit.html", "", self.index.task_unit(&ics))?,
        );
        Ok(Copy {
            file: "tasks.html".into(),
            html: self.page(&self.project.strings.text("tasks"), body, Kind::Tasks)?,
        })
    }

    /// Every copy, or only the plan and quiz picked (`None`: all).
    pub fn all(&self, plan: Option<&str>, quiz: Option<&str>) -> Result<Vec<Copy>, OfflineError> {
        let everything = plan.is_none() && quiz.is_none();
        let plans: Vec<&Plan> = self
            .project
            .catalogue
            .plans
            .iter()
            .filter(|p| everything || plan == Some(p.id.get_ref().as_str()))
            .collect();
        let quizzes: Vec<&Quiz> = self
            .project
            .quizzes
            .iter()
            .filter(|q| everything || quiz == Some(q.id.as_str()))
            .collect();
        if let Some(id) = plan
            && plans.is_empty()
        {
            return Err(OfflineError::UnknownPlan {
                id: id.to_string(),
                known: self
                    .project
                    .catalogue
                    .plans
                    .iter()
                    .map(|p| p.id.get_ref().to_string())
                    .collect(),
            });
        }
        if let Some(id) = quiz
            && quizzes.is_empty()
        {
            return Err(OfflineError::UnknownQuiz {
                id: id.to_string(),
                known: self
                    .project
                    .quizzes
                    .iter()
                    .map(|q| q.id.to_string())
                    .collect(),
            });
        }
        let mut copies: Vec<Copy> = plans
            .par_iter()
            .map(|p| self.plan(p))
            .collect::<Result<_, _>>()?;
        copies.extend(
            quizzes
                .par_iter()
                .map(|q| self.quiz(q))
                .collect::<Result<Vec<_>, _>>()?,
        );
        if everything && self.project.tasks.is_some() {
            copies.push(self.tasks()?);
        }
        Ok(copies)
    }
}

/// What every copy of `project` is made from besides its own plan or quiz: the assets
/// it inlines, the reader's text, the catalogue and what each bank is about (its id,
/// title, material and the chapters its questions come from: what the material views
/// in a plan's copy link to).
fn common_key(project: &Project, assets: &Assets) -> crate::stamp::Key {
    #[derive(Serialize)]
    struct About<'a> {
        id: &'a str,
        title: &'a str,
        material: Option<&'a str>,
        sources: Vec<Option<&'a crate::model::ChapterRef>>,
    }
    let about: Vec<About> = project
        .quizzes
        .iter()
        .map(|q| About {
            id: q.id.as_str(),
            title: q.title.get_ref(),
            material: q.material.as_ref().map(|m| m.get_ref().as_str()),
            sources: q
                .questions
                .iter()
                .map(|x| x.source.as_ref().map(|s| s.get_ref()))
                .collect(),
        })
        .collect();
    let mut key = crate::stamp::Key::new();
    key.part("css", assets.css.as_bytes())
        .part("xuexi.js", assets.site_js.as_bytes())
        .part("quiz.js", assets.quiz_js.as_bytes())
        .part("plan.js", assets.plan_js.as_bytes())
        .part("record.js", assets.record_js.as_bytes())
        .part("logo", assets.logo.as_deref().unwrap_or("").as_bytes())
        .json("strings", &project.strings)
        .json("catalogue", &project.catalogue)
        .json("banks", &about);
    key
}

/// The key of every copy [`Renderer::all`] makes, by its file name (`plan-<id>.html`,
/// `quiz-<id>.html`): the same key, the same copy. A quiz's copy is made from the common
/// parts and its bank; a plan's from the common parts and the banks it reads.
pub fn keys(project: &Project, assets: &Assets) -> Vec<(String, String)> {
    let common = common_key(project, assets).finish();
    let banks: std::collections::BTreeMap<&str, String> = project
        .quizzes
        .par_iter()
        .map(|q| {
            (
                q.id.as_str(),
                crate::stamp::Key::new().json("bank", q).finish(),
            )
        })
        .collect();
    let plans = project.catalogue.plans.par_iter().map(|p| {
        let mut key = crate::stamp::Key::new();
        key.part("common", common.as_bytes())
            .part("plan", p.id.get_ref().as_str().as_bytes());
        for r in &p.readings {
            if let Some(bank) = r
                .quiz
                .as_ref()
                .and_then(|q| banks.get(q.get_ref().as_str()))
            {
                key.part("bank", bank.as_bytes());
            }
        }
        (format!("plan-{}.html", p.id.get_ref()), key.finish())
    });
    let quizzes = project.quizzes.par_iter().map(|q| {
        let key = crate::stamp::Key::new()
            .part("common", common.as_bytes())
            .part("bank", banks[q.id.as_str()].as_bytes())
            .finish();
        (format!("quiz-{}.html", q.id), key)
    });
    plans.chain(quizzes).collect()
}

/// What to say after an unknown id: the one it is probably a misspelling of, else the
/// ids there are.
fn hint(id: &str, known: &[String]) -> String {
    crate::diag::did_you_mean(id, known.iter().map(String::as_str))
        .unwrap_or_else(|| m!("offline.known", list = known.join(&m!("list.sep"))))
}

/// A size for readers: `86 KB`, `1.2 MB`.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

/// Writes `copies` into `dir` (made if missing): each file first as a temporary file,
/// then renamed, so a reader never gets half a copy. Returns the paths written.
pub fn write(dir: &Path, copies: &[Copy]) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for c in copies {
        let path = dir.join(&c.file);
        crate::write::file(&path, c.html.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
/// A copy holds only part of the site: a link to a place it does not have (a chapter
/// from a quiz's copy, a category from a plan's) would lead nowhere, so it becomes its
/// text. Links are `<a href="#id"...>text</a>`, never nested.
fn unlink_missing(html: &str) -> String {
    let mut ids = std::collections::HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        let after = &rest[at + 5..];
        let end = after.find('"').unwrap_or(after.len());
        ids.insert(&after[..end]);
        rest = &after[end..];
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<a href=\"#") {
        let after = &rest[at + 10..];
        let (Some(end), Some(open_end)) = (after.find('"'), after.find('>')) else {
            break;
        };
        out.push_str(&rest[..at]);
        let target = &after[..end];
        let inner = &after[open_end + 1..];
        match inner.find("</a>") {
            Some(close) if !ids.contains(target) => {
                out.push_str(&inner[..close]);
                rest = &inner[close + 4..];
            }
            _ => {
                out.push_str(&rest[at..at + 10]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{OfflineError, unlink_missing};

    #[test]
    fn an_unknown_id_is_told_with_the_likely_one_or_those_there_are() {
        let known = vec!["guangan-2021".to_string()];
        let plan = OfflineError::UnknownPlan {
            id: "guangan-2012".into(),
            known: known.clone(),
        };
        assert_eq!(
            plan.to_string(),
            "there is no plan `guangan-2012`: did you mean `guangan-2021`?"
        );
        let quiz = OfflineError::UnknownQuiz {
            id: "x".into(),
            known,
        };
        assert_eq!(
            quiz.to_string(),
            "there is no quiz `x`: there are: guangan-2021"
        );
    }

    #[test]
    fn links_to_missing_places_become_text() {
        let html = r##"<h2 id="a">A</h2><a href="#a">to a</a> <a href="#b" class="x">to b</a> <a href="#a">again</a>"##;
        assert_eq!(
            unlink_missing(html),
            r##"<h2 id="a">A</h2><a href="#a">to a</a> to b <a href="#a">again</a>"##
        );
        assert_eq!(unlink_missing("<a href=\"#"), "<a href=\"#");
    }
}
