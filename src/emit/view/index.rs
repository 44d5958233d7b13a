//! The lookups the views of one project share (`Index`: quizzes by chapter and by
//! material, chapter titles and reading time) and the links every view writes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Links;
use crate::markdown;
use crate::model::{Catalogue, Project, Quiz};

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

/// A link to a quiz, as listed on other pages.
#[derive(Serialize)]
pub struct QuizLink {
    pub id: String,
    pub url: String,
    pub title: String,
    pub questions: usize,
}

#[derive(Serialize)]
pub struct ChapterLink {
    pub url: String,
    pub material: String,
    pub material_title: String,
    pub chapter: String,
    pub title: String,
}

pub(super) fn md_block(m: &Option<crate::model::Markdown>) -> String {
    m.as_ref()
        .map(|m| markdown::block(&m.0))
        .unwrap_or_default()
}

/// Lookups shared by the views of one project.
pub struct Index<'a> {
    pub(super) project: &'a Project,
    pub(super) links: Links,
    pub(super) chapters: crate::chapters::Chapters<'a>,
    pub(super) quizzes: BTreeMap<&'a str, &'a Quiz>,
    /// (material, chapter) -> indexes of the quizzes with a question from that chapter.
    pub(super) by_chapter: BTreeMap<(&'a str, &'a str), Vec<usize>>,
    /// material -> indexes of the quizzes about it (by `material` or by a question's source).
    pub(super) by_material: BTreeMap<&'a str, Vec<usize>>,
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

    pub(super) fn quiz_links_at(&self, indexes: Option<&Vec<usize>>) -> Vec<QuizLink> {
        indexes
            .into_iter()
            .flatten()
            .map(|&i| self.quiz_link(&self.project.quizzes[i]))
            .collect()
    }

    pub(super) fn catalogue(&self) -> &'a Catalogue {
        &self.project.catalogue
    }

    pub(super) fn quiz_link(&self, q: &Quiz) -> QuizLink {
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

    pub(super) fn chapter_link(&self, r: &crate::model::ChapterRef) -> ChapterLink {
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

    /// Reading time of the chapters references name.
    pub fn reading_time<'r>(
        &self,
        refs: impl IntoIterator<Item = &'r crate::model::ChapterRef>,
    ) -> crate::chapters::ReadingTime {
        self.chapters.time(refs)
    }
}
