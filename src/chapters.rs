//! Chapters by reference: what a `material/chapter` reference names, how long a chapter
//! takes to read, and a reading's chapters as schedules, calendars and ledgers name them.
//!
//! In: the checked catalogue. Out: lookups by [`ChapterRef`]. The views
//! (`emit::view`) and the reports (`stats`, `tally`) all use these, so a chapter is
//! named and timed the same way on the site, in `xuexi stats` and in the 台账.

use std::collections::BTreeMap;

use crate::model::{Catalogue, Chapter, ChapterRef, Material, Reading};

/// Minutes to read one page of a Chinese book (about 900 characters at 300 a minute).
pub const MINUTES_PER_PAGE: i64 = 3;

/// Reading time of a chapter in minutes, when its `pages` are given.
pub fn minutes(chapter: &Chapter) -> Option<i64> {
    chapter
        .pages
        .as_ref()
        .map(|p| p.get_ref() * MINUTES_PER_PAGE)
}

/// How long some chapters take to read: the minutes of those whose `pages` are given,
/// and how many have none. The one rule for the site's pages, the offline copies and
/// `xuexi stats`: what is known is counted, and a time with chapters not counted is
/// told as at least that long (至少约 N 分钟).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadingTime {
    /// Minutes of the chapters with `pages`.
    pub minutes: i64,
    /// Chapters without `pages`, not in `minutes`.
    pub unknown: usize,
}

impl ReadingTime {
    /// The time of chapters whose minutes are `each` (`None`: no `pages`).
    pub fn of(each: impl IntoIterator<Item = Option<i64>>) -> Self {
        each.into_iter().fold(Self::default(), |t, m| match m {
            Some(m) => ReadingTime {
                minutes: t.minutes + m,
                ..t
            },
            None => ReadingTime {
                unknown: t.unknown + 1,
                ..t
            },
        })
    }

    /// The time of chapters whose times are `parts`.
    pub fn sum(parts: impl IntoIterator<Item = Self>) -> Self {
        parts.into_iter().fold(Self::default(), |a, b| ReadingTime {
            minutes: a.minutes + b.minutes,
            unknown: a.unknown + b.unknown,
        })
    }

    /// The minutes to show: `None` when no chapter's time is known.
    pub fn shown(&self) -> Option<i64> {
        (self.minutes > 0).then_some(self.minutes)
    }

    /// Whether chapters without `pages` are left out of the minutes (then "at least").
    pub fn partly(&self) -> bool {
        self.unknown > 0
    }
}

/// The materials of a catalogue by id, to look chapters up by reference.
pub struct Chapters<'a> {
    materials: BTreeMap<&'a str, &'a Material>,
}

impl<'a> Chapters<'a> {
    pub fn new(catalogue: &'a Catalogue) -> Self {
        Chapters {
            materials: catalogue
                .materials
                .iter()
                .map(|m| (m.id.get_ref().as_str(), m))
                .collect(),
        }
    }

    /// The material with this id.
    pub fn material(&self, id: &str) -> Option<&'a Material> {
        self.materials.get(id).copied()
    }

    /// The chapter a reference names.
    pub fn chapter(&self, r: &ChapterRef) -> Option<&'a Chapter> {
        self.material(r.material.as_str())?
            .chapters
            .iter()
            .find(|c| c.id.get_ref() == &r.chapter)
    }

    /// Reading time of the chapter a reference names, when its `pages` are given.
    pub fn minutes(&self, r: &ChapterRef) -> Option<i64> {
        minutes(self.chapter(r)?)
    }

    /// Reading time of the chapters references name.
    pub fn time<'r>(&self, refs: impl IntoIterator<Item = &'r ChapterRef>) -> ReadingTime {
        ReadingTime::of(refs.into_iter().map(|r| self.minutes(r)))
    }

    /// "书名 · 章名" of each chapter of a reading (a title not found is left empty).
    pub fn reading_titles(&self, r: &Reading) -> Vec<String> {
        r.chapters
            .get_ref()
            .iter()
            .map(|c| {
                let c = c.get_ref();
                let material = self
                    .material(c.material.as_str())
                    .map(|m| m.title.get_ref().as_str());
                let chapter = self.chapter(c).map(|ch| ch.title.get_ref().as_str());
                format!(
                    "{} · {}",
                    material.unwrap_or_default(),
                    chapter.unwrap_or_default()
                )
            })
            .collect()
    }
}
