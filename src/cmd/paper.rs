//! `paper`: printable A4 papers and their keys.

use std::path::{Path, PathBuf};

use xuexi::diag::{self, Diagnostic};
use xuexi::m;
use xuexi::model::Project;

use super::plain;

/// What `xuexi paper` was asked for.
pub struct PaperArgs<'a> {
    pub quiz: &'a str,
    pub count: Option<&'a str>,
    pub variants: usize,
    pub seed: u64,
    pub points: Option<&'a str>,
    pub minutes: Option<u32>,
    pub explain: bool,
    pub out: &'a Option<PathBuf>,
}

/// Writes each variant's paper and key into `out` (default `root/papers`).
pub fn paper(root: &Path, project: &Project, a: &PaperArgs) -> Result<(), Diagnostic> {
    use xuexi::emit::paper::{self, Count, PaperError, msg};
    let Some(bank) = project.quizzes.iter().find(|q| q.id.as_str() == a.quiz) else {
        let known: Vec<&str> = project.quizzes.iter().map(|q| q.id.as_str()).collect();
        let hint = diag::did_you_mean(a.quiz, known.iter().copied())
            .unwrap_or_else(|| m!("paper.known", ids = diag::ticked(&known)));
        return Err(plain(PaperError::NoQuiz {
            id: a.quiz.to_string(),
            hint,
        }));
    };
    let count = match a.count {
        Some(c) => paper::parse_count(c).map_err(plain)?,
        None => bank
            .draw
            .as_ref()
            .map_or(Count::All, |d| Count::Total(*d.get_ref() as usize)),
    };
    let counts = paper::counts(bank, &count).map_err(plain)?;
    let given = match a.points {
        Some(p) => paper::parse_points(p).map_err(plain)?,
        None => [None; 4],
    };
    let points = paper::points(bank, &counts, &given).map_err(plain)?;
    let drawn = paper::variants(
        bank,
        &counts,
        points.as_deref(),
        a.variants,
        a.seed,
        &project.strings,
    );
    let campaign = project.catalogue.campaign.title.get_ref();
    let mut copies = Vec::new();
    for v in &drawn {
        let (html, key) = paper::render(
            campaign,
            bank,
            v,
            a.seed,
            a.minutes,
            a.explain,
            &project.strings,
        )
        .map_err(plain)?;
        let (paper_file, key_file) = paper::file_names(a.quiz, v.name);
        copies.push(xuexi::emit::offline::Copy {
            file: paper_file,
            html,
        });
        copies.push(xuexi::emit::offline::Copy {
            file: key_file,
            html: key,
        });
    }
    let dir = a.out.clone().unwrap_or_else(|| root.join("papers"));
    let paths = xuexi::emit::offline::write(&dir, &copies).map_err(|source| {
        plain(PaperError::CannotWrite {
            path: dir.clone(),
            source,
        })
    })?;
    for pair in paths.chunks(2) {
        eprintln!(
            "{}",
            msg::written(
                &pair[0].display().to_string(),
                &pair[1].display().to_string()
            )
        );
    }
    let first = &drawn[0];
    eprintln!(
        "{}",
        msg::summary(drawn.len(), first.count, first.total.as_deref(), a.seed)
    );
    Ok(())
}
