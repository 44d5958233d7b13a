//! Zola content: the checked model as `.md` files under `site/content/`.
//!
//! In: a checked project. Out: the sections `campaign/`, `materials/`, `plans/`,
//! `quizzes/` (and a calendar per plan, `plans/<id>.ics`), `practice/` (错题本, 每日一练, the
//! record and offline pages), `search/` (the search page and its index, split into
//! `search/d<n>.json` and `search/b<k>.json`) and, with a task list, `tasks/` (任务清单,
//! the unit's page, its script and the list's offline copy), each with `_index.md` and one page per item; the data in typed front
//! matter (`[extra]`) and the reader markup from the views in `extra.html`. The
//! generator owns only these folders, marks each in its `_index.md`, refuses to touch
//! a folder it did not make, and changes files only after all of them were written.

use std::path::{Path, PathBuf};

use serde::Serialize;

use rayon::prelude::*;

use super::offline::OfflineError;
use super::view::{
    CatalogueView, Index, Links, PlansView, QuizzesView, SearchView, ViewError, Views,
};
use crate::model::Project;

/// The folders under `site/content/` that the generator owns.
pub const OWNED: [&str; 7] = [
    "campaign",
    "materials",
    "plans",
    "quizzes",
    "practice",
    "search",
    super::tasks::DIR,
];

/// First line of the front matter of every `_index.md` the generator writes.
pub const MARKER: &str = "# xuexi: generated from catalogue.toml and quizzes/; edits here are overwritten by `xuexi generate`.";

/// Why the Zola content could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ZolaError {
    /// A page's markup did not render.
    #[error(transparent)]
    View(#[from] ViewError),
    /// The TOML serializer refused a page's front matter.
    #[error("{}", m!("render.front-matter", e = .0))]
    FrontMatter(#[source] toml::ser::Error),
    /// An offline copy did not render.
    #[error(transparent)]
    Offline(#[from] OfflineError),
}

/// Front matter of a section (`_index.md`). Zola rejects unknown keys here, so only
/// keys Zola knows appear.
#[derive(Serialize)]
struct SectionFront<E: Serialize> {
    title: String,
    description: String,
    template: &'static str,
    page_template: &'static str,
    sort_by: &'static str,
    weight: usize,
    render: bool,
    extra: E,
}

impl<E: Serialize> SectionFront<E> {
    /// A section shown with xuexi's templates, its pages sorted by weight; `render`
    /// false gives it no page of its own.
    fn new(title: String, description: String, weight: usize, render: bool, extra: E) -> Self {
        SectionFront {
            title,
            description,
            template: "xuexi/section.html",
            page_template: "xuexi/page.html",
            sort_by: "weight",
            weight,
            render,
            extra,
        }
    }
}

/// Front matter of a page.
#[derive(Serialize)]
struct PageFront<E: Serialize> {
    title: String,
    description: String,
    weight: usize,
    extra: E,
}

#[derive(Serialize)]
struct Extra<D: Serialize> {
    /// What the page shows: campaign, catalogue, material, plans, plan, quizzes, quiz.
    xuexi: &'static str,
    #[serde(flatten)]
    data: D,
    /// The reader markup, rendered by the views. `None` only while [`front`] writes it
    /// by itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<String>,
}

/// Front matter that carries reader markup in `extra.html`.
trait WithHtml: Serialize {
    fn html(&mut self) -> &mut Option<String>;
}

impl<E: Serialize> WithHtml for PageFront<Extra<E>> {
    fn html(&mut self) -> &mut Option<String> {
        &mut self.extra.html
    }
}

impl<E: Serialize> WithHtml for SectionFront<Extra<E>> {
    fn html(&mut self) -> &mut Option<String> {
        &mut self.extra.html
    }
}

#[derive(Serialize)]
struct CampaignData<'a> {
    organizer: String,
    start: String,
    end: String,
    /// The UI strings, for the Zola templates' own text (navigation, footer).
    t: &'a std::collections::BTreeMap<String, String>,
    /// Description, home-screen name, colour, logo and footer of every page.
    brand: super::brand::Brand,
    /// Every page's header and footer markup (`header.html`, `footer.html`), the same
    /// as the offline copies'. Its links start with [`ROOT`], which the layout replaces
    /// with the site's root (Zola knows it; it differs between `build` and `serve`).
    header: String,
    footer: String,
    /// Every page's Content-Security-Policy ([`crate::csp::SITE`]).
    csp: &'static str,
}

/// Where the site's root goes in [`CampaignData`]'s header and footer.
pub const ROOT: &str = "@ROOT@/";

#[derive(Serialize)]
struct NoData {}

#[derive(Serialize)]
struct MaterialData<'a> {
    id: &'a str,
    category: &'a str,
    chapters: usize,
    pages: i64,
}

#[derive(Serialize)]
struct PlanData<'a> {
    id: &'a str,
    readings: usize,
    milestones: usize,
    recurring: usize,
}

#[derive(Serialize)]
struct QuizData<'a> {
    id: &'a str,
    questions: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    material: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    draw: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pass: Option<i64>,
}

/// Writes front matter as TOML between `+++` lines; sections get the marker line.
///
/// The markup in `extra.html` is most of the bytes. When it can be a TOML multi-line
/// literal string (no `'''`, no ASCII control character but newline and tab) and `[extra]` is
/// the last table, it is written as one, as is; otherwise the TOML serializer writes
/// it. Both give the same TOML value (a test parses both back).
fn front<T: WithHtml>(mut front: T, section: bool) -> Result<String, ZolaError> {
    let err = ZolaError::FrontMatter;
    let marker = if section { MARKER } else { "" };
    let mut html = front.html().take().unwrap_or_default();
    // Zola ends the front matter at the first `+++` followed by a line break, even
    // inside a string: in markup, `&#43;` shows the same `+`.
    if html.contains("+++") {
        html = html.replace('+', "&#43;");
    }
    let bytes = html.as_bytes();
    let has_triple_quote = bytes.contains(&b'\'') && html.contains("'''");
    let literal_ok = !has_triple_quote && !has_control(bytes);
    if literal_ok {
        let toml = toml::to_string(&front).map_err(err)?;
        let last_table = toml.lines().rev().find(|l| l.starts_with('['));
        if last_table == Some("[extra]") {
            let nl = if section { "\n" } else { "" };
            // Around the markup in its own buffer: a page's bytes are not copied again.
            let mut text = html;
            text.insert_str(0, &format!("+++\n{marker}{nl}{toml}html = \'\'\'\n"));
            text.push_str("\'\'\'\n+++\n");
            return Ok(text);
        }
    }
    *front.html() = Some(html);
    let toml = toml::to_string(&front).map_err(err)?;
    let nl = if section { "\n" } else { "" };
    Ok(format!("+++\n{marker}{nl}{toml}+++\n"))
}

/// True when `bytes` has an ASCII control character other than newline and tab.
/// Scans in blocks without early exit so the compiler can vectorize it.
fn has_control(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| {
        block.iter().fold(false, |found, &b| {
            found | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f)
        })
    })
}

/// One page file: `DIR/ID.md`, the `i`th of its section.
fn page_file<D: Serialize>(
    dir: &str,
    id: &str,
    title: &str,
    i: usize,
    xuexi: &'static str,
    data: D,
    html: String,
) -> Result<(PathBuf, String), ZolaError> {
    let page = PageFront {
        title: line_breaks_to_spaces(title),
        description: description(title),
        weight: i + 1,
        extra: Extra {
            xuexi,
            data,
            html: Some(html),
        },
    };
    Ok((PathBuf::from(format!("{dir}/{id}.md")), front(page, false)?))
}

/// A page's description: the start of its title, on one line.
fn description(text: &str) -> String {
    line_breaks_to_spaces(&text.chars().take(120).collect::<String>())
}

/// A text for a one-line front matter value: each line break becomes a space (as the
/// page shows them anyway); other blanks stay as they are. A multi-line TOML string
/// could hold a line that ends in `+++`, which Zola takes for the end of the front
/// matter.
fn line_breaks_to_spaces(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.replace("\r\n", " ").replace(['\n', '\r'], " ")
    } else {
        text.to_string()
    }
}

/// Renders every file the generator owns: path relative to `site/content/` -> text,
/// sorted by path.
///
/// With `offline` (the assets the copies inline), the offline copy of every plan and
/// quiz is rendered too, placed beside its page (`plans/<id>.offline.html`) and linked
/// from the page with its size.
pub fn render(
    project: &Project,
    offline: Option<&super::offline::Assets>,
) -> Result<Vec<(PathBuf, String)>, ZolaError> {
    let files = std::sync::Mutex::new(Vec::new());
    render_reusing(project, offline, &|_, _| None, &|path, text| {
        files.lock().unwrap().push((path, text));
        Ok::<(), ZolaError>(())
    })?;
    let mut files = files.into_inner().unwrap();
    files.sort();
    Ok(files)
}

/// [`render`], giving each file to `put` as soon as it is made (from any thread, in no
/// fixed order) instead of returning them all, so the whole content is never held in
/// memory; an error from `put` stops rendering. The offline copies that `reuse` says
/// are on disk already are not rendered again: given a copy's path and its key
/// ([`super::offline::keys`]), `reuse` answers the size of the copy made from that key
/// when it is still there. Those come back in [`Rendered::kept`] instead.
pub fn render_reusing<E: From<ZolaError> + Send>(
    project: &Project,
    offline: Option<&super::offline::Assets>,
    reuse: &(dyn Fn(&Path, &str) -> Option<usize> + Sync),
    put: Put<E>,
) -> Result<Rendered, E> {
    let content = Content {
        project,
        views: Views::new(Links::Site, &project.strings),
        index: Index::new(project, Links::Site),
        offline,
    };
    let count = std::sync::atomic::AtomicUsize::new(0);
    let put = &|path: PathBuf, text: String| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        put(path, text)
    };
    // The copies first: the pages link to them with their sizes. Then the sections, the
    // practice pages, the search index and the calendars are made while the pages
    // render, so both sides of the join keep every core busy (and the search index,
    // the biggest buffer, is never made while copies, the biggest files, are in hand).
    let copies = Copies::render(project, offline, reuse, put)?;
    let (fixed, pages) = rayon::join(
        || content.fixed_files(put),
        || content.item_pages(&copies, put),
    );
    fixed?;
    pages?;
    let keys = copies
        .placed
        .iter()
        .map(|c| (c.path.clone(), c.key.clone()))
        .collect();
    let kept = copies
        .placed
        .into_iter()
        .filter(|c| c.kept)
        .map(|c| c.path)
        .collect();
    Ok(Rendered {
        files: count.into_inner(),
        kept,
        keys,
    })
}

/// Where [`render_reusing`] gives each file it made: path relative to `site/content/`,
/// text.
type Put<'a, E> = &'a (dyn Fn(PathBuf, String) -> Result<(), E> + Sync);

/// What [`render_reusing`] made, besides the files it gave away.
pub struct Rendered {
    /// How many files were rendered.
    pub files: usize,
    /// The offline copies left as they are on disk.
    pub kept: Vec<PathBuf>,
    /// Every offline copy's path and key.
    pub keys: Vec<(PathBuf, String)>,
}

/// What the content is made from: the project, and the views and index for the site;
/// the assets of the offline copies, when they are made.
struct Content<'a> {
    project: &'a Project,
    views: Views,
    index: Index<'a>,
    offline: Option<&'a super::offline::Assets>,
}

impl Content<'_> {
    /// The UI text `key`.
    fn text(&self, key: &str) -> String {
        self.project.strings.text(key)
    }

    /// Every file but the material, plan and quiz pages and the offline copies, given
    /// to `put`: the campaign section, the three list sections, the search page and
    /// index, the practice pages, the plans' calendars.
    fn fixed_files<E: From<ZolaError> + Send>(&self, put: Put<E>) -> Result<(), E> {
        let put_all = |files: Vec<(PathBuf, String)>| {
            files
                .into_iter()
                .try_for_each(|(path, text)| put(path, text))
        };
        put_all(self.campaign_files()?)?;
        put_all(self.list_sections()?)?;
        // The search index and the calendars are the biggest of these: on every core.
        // The index is made whole (its shards depend on one another), then given away
        // shard by shard.
        let (search, calendars) = rayon::join(
            || {
                let start = std::time::Instant::now();
                let index = super::search::index(self.project, Links::Site);
                crate::timing("search-index", start);
                index
            },
            || self.calendars(put),
        );
        calendars?;
        self.search_files(search, put)?;
        put_all(self.practice_files()?)?;
        put_all(self.task_files()?)
    }

    /// With a task list: the 任务清单 section, the unit's page, their script and, with
    /// the offline assets, the list's offline copy (linked from the list with its
    /// size). Without one, nothing.
    fn task_files(&self) -> Result<Vec<(PathBuf, String)>, ZolaError> {
        if self.project.tasks.is_none() {
            return Ok(Vec::new());
        }
        let dir = super::tasks::DIR;
        let mut files = Vec::new();
        let mut list = self.index.task_list();
        if let Some(assets) = self.offline {
            let copy = super::offline::Renderer::new(self.project, assets).tasks()?;
            let path = PathBuf::from(format!("{dir}/{dir}{OFFLINE_COPY}"));
            list.offline = Some(super::view::OfflineLink {
                url: path.to_string_lossy().replace('\\', "/"),
                size: super::offline::human_size(copy.html.len()),
            });
            files.push((path, copy.html));
        }
        let html = self.views.render("tasks.html", "../", &list)?;
        files.push(section_file(dir, self.text("tasks"), "tasks", 6, html)?);
        let ics = super::ics::tasks_calendar(self.project);
        let unit = self.index.task_unit(&ics);
        let html = self.views.render("tasks-unit.html", "../../", &unit)?;
        let title = self.text("tasks_unit");
        files.push(page_file(
            dir,
            "unit",
            &title,
            0,
            "tasks-unit",
            NoData {},
            html,
        )?);
        files.push((
            PathBuf::from(super::tasks::SCRIPT_PATH),
            super::tasks::SCRIPT.to_string(),
        ));
        Ok(files)
    }

    /// The material, plan and quiz pages, given to `put`; a plan's or a quiz's page
    /// links to its offline copy when there is one. The pages are independent: they
    /// render on every core.
    fn item_pages<E: From<ZolaError> + Send>(&self, copies: &Copies, put: Put<E>) -> Result<(), E> {
        let (views, index) = (&self.views, &self.index);
        let catalogue = &self.project.catalogue;
        let materials = catalogue.materials.par_iter().enumerate().map(|(i, m)| {
            let id = m.id.get_ref().as_str();
            let view = index.material(m);
            let data = MaterialData {
                id,
                category: m.category.get_ref().as_str(),
                chapters: m.chapters.len(),
                pages: view.pages,
            };
            MATERIAL_PAGES.page(views, i, id, m.title.get_ref(), data, &view)
        });
        let plans = catalogue.plans.par_iter().enumerate().map(|(i, p)| {
            let id = p.id.get_ref().as_str();
            let data = PlanData {
                id,
                readings: p.readings.len(),
                milestones: p.milestones.len(),
                recurring: p.recurring.len(),
            };
            let mut view = index.plan(p);
            view.offline = copies.link("plan", id);
            PLAN_PAGES.page(views, i, id, p.title.get_ref(), data, &view)
        });
        let quizzes = self.project.quizzes.par_iter().enumerate().map(|(i, q)| {
            let id = q.id.as_str();
            let data = QuizData {
                id,
                questions: q.questions.len(),
                material: q.material.as_ref().map(|m| m.get_ref().as_str()),
                draw: q.draw.as_ref().map(|d| *d.get_ref()),
                pass: q.pass.as_ref().map(|p| *p.get_ref()),
            };
            let mut view = index.quiz(q);
            view.offline = copies.link("quiz", id);
            QUIZ_PAGES.page(views, i, id, q.title.get_ref(), data, &view)
        });
        materials.chain(plans).chain(quizzes).try_for_each(|page| {
            let (path, text) = page?;
            put(path, text)
        })
    }

    /// The campaign section: the home page (`campaign/_index.md`, which also carries
    /// the campaign's data, brand and UI text for the Zola templates), the web-app
    /// manifest and, with a theme colour, the brand style sheet.
    fn campaign_files(&self) -> Result<Vec<(PathBuf, String)>, ZolaError> {
        let camp = &self.project.catalogue.campaign;
        let home = self.views.render("home.html", "", self.index.home())?;
        let brand = super::brand::Brand::of(camp, &self.project.strings);
        let manifest = super::brand::manifest(camp, &brand);
        let description = description(&brand.description);
        let logo = brand.logo.as_ref().map(|l| format!("{ROOT}{l}"));
        let (header, footer) = super::view::Chrome {
            title: camp.title.get_ref(),
            logo: logo.as_deref().unwrap_or(""),
            home: ROOT,
            footer: &brand.footer,
            about: &format!("{ROOT}about/"),
        }
        .render(&self.views)?;
        let extra = Extra {
            xuexi: "campaign",
            data: CampaignData {
                organizer: line_breaks_to_spaces(camp.organizer.as_deref().unwrap_or("")),
                start: camp.start.get_ref().to_string(),
                end: camp.end.get_ref().to_string(),
                t: self.project.strings.map(),
                brand,
                header,
                footer,
                csp: crate::csp::SITE,
            },
            html: Some(home),
        };
        let title = line_breaks_to_spaces(camp.title.get_ref());
        let campaign = SectionFront::new(title, description, 0, false, extra);
        let mut files = vec![
            (PathBuf::from("campaign/_index.md"), front(campaign, true)?),
            (PathBuf::from(super::brand::MANIFEST), manifest),
        ];
        if let Some(css) = super::brand::css(camp) {
            files.push((PathBuf::from(super::brand::CSS), css));
        }
        Ok(files)
    }

    /// The sections that list the materials (by category), the plans and the quizzes.
    fn list_sections(&self) -> Result<Vec<(PathBuf, String)>, ZolaError> {
        let (views, index) = (&self.views, &self.index);
        let categories = index.categories();
        let catalogue = views.render("catalogue.html", "../", CatalogueView { categories })?;
        let plans = index.plan_summaries();
        let plans = views.render("plans.html", "../", PlansView { plans })?;
        let quizzes = index.quiz_links();
        let quizzes = views.render("quizzes.html", "../", QuizzesView { quizzes })?;
        let s = |k: &str| self.text(k);
        Ok(vec![
            section_file("materials", s("materials"), "catalogue", 1, catalogue)?,
            section_file("plans", s("plans"), "plans", 2, plans)?,
            section_file("quizzes", s("quizzes"), "quizzes", 3, quizzes)?,
        ])
    }

    /// The search page (`search/_index.md`) and the index it loads, in shards, given to
    /// `put`.
    fn search_files<E: From<ZolaError> + Send>(
        &self,
        search: super::search::Index,
        put: Put<E>,
    ) -> Result<(), E> {
        let view = SearchView {
            index_url: "search/".into(),
            shards: search.shards,
            chunk: super::search::CHUNK,
            catalogue_url: self.index.materials_url(),
        };
        let html = self
            .views
            .render("search.html", "../", &view)
            .map_err(ZolaError::from)?;
        let (path, text) = section_file("search", self.text("search"), "search", 5, html)?;
        put(path, text)?;
        search
            .files
            .into_iter()
            .try_for_each(|(name, text)| put(PathBuf::from("search").join(name), text))
    }

    /// The practice section and its pages: the wrong-answer book, the daily practice,
    /// the study record, the saved copies and the branch's ledger; then the record
    /// page's and the ledger page's scripts.
    fn practice_files(&self) -> Result<Vec<(PathBuf, String)>, ZolaError> {
        let (views, s) = (&self.views, |k: &str| self.text(k));
        let practice = self.index.practice();
        let record = super::record::view(self.project, None, String::new());
        let html = views.render("practice.html", "../", &practice)?;
        let mut files = vec![section_file(
            "practice",
            s("practice"),
            "practice",
            4,
            html,
        )?];
        // Each page shows what its id says (`extra.xuexi`), in this order.
        let pages = [
            (
                "wrong",
                s("wrong_book"),
                views.render("wrong.html", "../../", &practice)?,
            ),
            (
                "daily",
                s("daily"),
                views.render("daily.html", "../../", self.index.daily())?,
            ),
            (
                "record",
                s("record"),
                views.render("record.html", "../../", &record)?,
            ),
            (
                "saved",
                s("saved"),
                views.render("saved.html", "../../", NoData {})?,
            ),
            (
                "tally",
                s("tally"),
                views.render("tally.html", "../../", super::tally::view(self.project))?,
            ),
        ];
        for (i, (id, title, html)) in pages.into_iter().enumerate() {
            files.push(page_file("practice", id, &title, i, id, NoData {}, html)?);
        }
        files.push((
            PathBuf::from(super::record::SCRIPT_PATH),
            super::record::SCRIPT.to_string(),
        ));
        files.push((
            PathBuf::from(super::tally::SCRIPT_PATH),
            super::tally::SCRIPT.to_string(),
        ));
        Ok(files)
    }

    /// Each plan's calendar, `plans/<id>.ics`, made on every core and given to `put`.
    fn calendars<E: From<ZolaError> + Send>(&self, put: Put<E>) -> Result<(), E> {
        let plans = self.project.catalogue.plans.par_iter();
        plans.try_for_each(|p| {
            let path = PathBuf::from(format!("plans/{}.ics", p.id.get_ref()));
            put(
                path,
                super::ics::plan_calendar(self.project, &self.index, p),
            )
        })
    }
}

/// How the name of an offline copy ends. A copy is self-contained (its styles,
/// scripts and pictures inline, no link into the site): publishing copies it as it is,
/// never rewriting its links nor listing it for the service worker's shell.
pub const OFFLINE_COPY: &str = ".offline.html";

/// The offline copies of the plans and quizzes, each placed beside its page:
/// `plans/<id>.offline.html`, `quizzes/<id>.offline.html`.
struct Copies {
    placed: Vec<Placed>,
}

/// One offline copy: where it goes, its key and size, and whether the one on disk is
/// kept.
struct Placed {
    path: PathBuf,
    key: String,
    size: usize,
    kept: bool,
}

impl Copies {
    /// Every copy, with the assets they inline (none without), given to `put`, but
    /// those `reuse` says are on disk already.
    fn render<E: From<ZolaError> + Send>(
        project: &Project,
        assets: Option<&super::offline::Assets>,
        reuse: &(dyn Fn(&Path, &str) -> Option<usize> + Sync),
        put: Put<E>,
    ) -> Result<Self, E> {
        let Some(assets) = assets else {
            return Ok(Copies { placed: Vec::new() });
        };
        let renderer = super::offline::Renderer::new(project, assets);
        let plans = &project.catalogue.plans;
        // In the order of `keys`: the plans, then the quizzes.
        let placed = super::offline::keys(project, assets)
            .into_par_iter()
            .enumerate()
            .map(|(i, (file, key))| {
                let path = Copies::place(&file);
                if let Some(size) = reuse(&path, &key) {
                    return Ok(Placed {
                        path,
                        key,
                        size,
                        kept: true,
                    });
                }
                let copy = match plans.get(i) {
                    Some(p) => renderer.plan(p).map_err(ZolaError::from)?,
                    None => renderer
                        .quiz(&project.quizzes[i - plans.len()])
                        .map_err(ZolaError::from)?,
                };
                debug_assert_eq!(copy.file, file);
                let size = copy.html.len();
                put(path.clone(), copy.html)?;
                Ok(Placed {
                    path,
                    key,
                    size,
                    kept: false,
                })
            })
            .collect::<Result<_, E>>()?;
        Ok(Copies { placed })
    }

    /// `plan-<id>.html` -> `plans/<id>.offline.html`, `quiz-<id>.html` ->
    /// `quizzes/<id>.offline.html`.
    fn place(file: &str) -> PathBuf {
        let (kind, id) = file
            .trim_end_matches(".html")
            .split_once('-')
            .unwrap_or(("", file));
        let dir = if kind == "plan" { "plans" } else { "quizzes" };
        PathBuf::from(format!("{dir}/{id}{OFFLINE_COPY}"))
    }

    /// The link from the page of plan or quiz (`kind`) `id` to its copy, with the
    /// copy's size; `None` when it has none.
    fn link(&self, kind: &str, id: &str) -> Option<super::view::OfflineLink> {
        let path = Copies::place(&format!("{kind}-{id}.html"));
        self.placed
            .iter()
            .find(|c| c.path == path)
            .map(|c| super::view::OfflineLink {
                url: c.path.to_string_lossy().replace('\\', "/"),
                size: super::offline::human_size(c.size),
            })
    }
}

/// A section with a page per item of the model: its folder, what its pages show
/// (`extra.xuexi`) and their view.
struct ItemPages {
    dir: &'static str,
    xuexi: &'static str,
    view: &'static str,
}

const MATERIAL_PAGES: ItemPages = ItemPages {
    dir: "materials",
    xuexi: "material",
    view: "material.html",
};

const PLAN_PAGES: ItemPages = ItemPages {
    dir: "plans",
    xuexi: "plan",
    view: "plan.html",
};

const QUIZ_PAGES: ItemPages = ItemPages {
    dir: "quizzes",
    xuexi: "quiz",
    view: "quiz.html",
};

impl ItemPages {
    /// The page of item `id`, the `i`th of the section: `data` in its front matter,
    /// the section's view of `view` as its markup.
    fn page<D: Serialize, V: Serialize>(
        &self,
        views: &Views,
        i: usize,
        id: &str,
        title: &str,
        data: D,
        view: V,
    ) -> Result<(PathBuf, String), ZolaError> {
        let html = views.render(self.view, "../../", view)?;
        page_file(self.dir, id, title, i, self.xuexi, data, html)
    }
}

/// A section's `_index.md`: its title, its weight among the sections, its markup.
fn section_file(
    dir: &str,
    title: String,
    xuexi: &'static str,
    weight: usize,
    html: String,
) -> Result<(PathBuf, String), ZolaError> {
    let extra = Extra {
        xuexi,
        data: NoData {},
        html: Some(html),
    };
    let section = SectionFront::new(
        line_breaks_to_spaces(&title),
        description(&title),
        weight,
        true,
        extra,
    );
    front(section, true).map(|text| (PathBuf::from(dir).join("_index.md"), text))
}

/// The generated part of the Zola site at `site`: its owned folders under `content/`,
/// written through the staging area in `site/.xuexi/` (see [`crate::write`]).
pub fn tree(site: &Path) -> crate::write::Tree<'static> {
    crate::write::Tree {
        content: site.join("content"),
        state: site.join(crate::write::STATE),
        owned: &OWNED,
        marker: MARKER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> PageFront<Extra<NoData>> {
        PageFront {
            title: "标题".into(),
            description: String::new(),
            weight: 1,
            extra: Extra {
                xuexi: "quiz",
                data: NoData {},
                html: Some(html.into()),
            },
        }
    }

    /// Parses the front matter back and returns `extra.html`.
    fn html_of(text: &str) -> String {
        let toml = text
            .strip_prefix("+++\n")
            .unwrap()
            .strip_suffix("+++\n")
            .unwrap();
        let value: toml::Table = toml::from_str(toml).unwrap();
        value["extra"]["html"].as_str().unwrap().to_string()
    }

    #[test]
    fn html_round_trips_in_both_forms() {
        let plain = "<article>\n<p>“引号” 'a' \\ \"b\" {{ x }}</p>\n</article>\n";
        let text = front(page(plain), false).unwrap();
        assert!(text.contains("html = '''\n<article>"), "{text}");
        assert_eq!(html_of(&text), plain);

        // TOML allows one or two quotes just before the closing delimiter.
        let text = front(page("ends with '"), false).unwrap();
        assert!(text.contains("html = '''\nends with ''''\n"), "{text}");
        assert_eq!(html_of(&text), "ends with '");

        for awkward in ["<p>'''</p>\n", "<p>\u{1}</p>\n", "<p>a\rb</p>\n"] {
            let text = front(page(awkward), false).unwrap();
            assert!(!text.contains("html = '''"), "{text}");
            assert_eq!(html_of(&text), awkward);
        }
    }

    #[test]
    fn a_nested_table_after_extra_falls_back() {
        let t = crate::ui::Strings::builtin().map();
        let extra = Extra {
            xuexi: "campaign",
            data: CampaignData {
                organizer: String::new(),
                start: "2021-04-08".into(),
                end: "2021-12-31".into(),
                t,
                brand: super::super::brand::Brand {
                    description: "d".into(),
                    short_name: "s".into(),
                    theme_color: "#a8071a".into(),
                    logo: None,
                    footer: String::new(),
                    css: false,
                },
                header: "<header></header>".into(),
                footer: "<footer></footer>".into(),
                csp: crate::csp::SITE,
            },
            html: Some("<p>home</p>\n".into()),
        };
        let section = SectionFront::new("t".into(), String::new(), 0, false, extra);
        let text = front(section, true).unwrap();
        assert!(text.starts_with(&format!("+++\n{MARKER}\n")));
        let toml = text
            .split_once('\n')
            .unwrap()
            .1
            .strip_suffix("+++\n")
            .unwrap();
        let value: toml::Table = toml::from_str(toml).unwrap();
        assert_eq!(value["extra"]["html"].as_str(), Some("<p>home</p>\n"));
        assert_eq!(value["extra"]["t"]["nav_home"].as_str(), Some("首页"));
    }

    #[test]
    fn front_matter_the_serializer_refuses_is_told_from_the_catalogue() {
        struct Refuses;
        impl Serialize for Refuses {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no such value"))
            }
        }
        let page = PageFront {
            title: "t".into(),
            description: String::new(),
            weight: 1,
            extra: Extra {
                xuexi: "quiz",
                data: Refuses,
                html: Some("<p></p>\n".into()),
            },
        };
        let err = front(page, false).unwrap_err();
        assert!(matches!(err, ZolaError::FrontMatter(_)));
        assert_eq!(err.to_string(), "cannot write front matter: no such value");
    }

    #[test]
    fn control_scan() {
        assert!(!has_control("a\tb\nc 中文".as_bytes()));
        assert!(has_control(b"x\x7f"));
        assert!(has_control(
            &[b'a'; 200].iter().copied().chain([0u8]).collect::<Vec<_>>()
        ));
    }
}
