//! The views of the materials: the catalogue, a material with its chapters, and the
//! search page (whose fallback is the catalogue).

use serde::Serialize;

use super::index::md_block;
use super::{Index, Link, QuizLink};
use crate::chapters::ReadingTime;
use crate::markdown;

/// The catalogue page: materials by category.
#[derive(Serialize)]
pub struct CatalogueView {
    pub categories: Vec<CategoryView>,
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
    /// Minutes of reading, when any is known, and whether some is not (至少约).
    pub minutes: Option<i64>,
    pub partly: bool,
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

impl Index<'_> {
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
        let time = ReadingTime::of(chapters.iter().map(|c| c.minutes));
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
            minutes: time.shown(),
            partly: time.partly(),
            chapters,
            quizzes,
        }
    }

    /// The catalogue of materials.
    pub fn materials_url(&self) -> String {
        self.links.section("materials")
    }
}
