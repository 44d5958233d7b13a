//! What a member's study record is kept against: the campaign's id and each plan's
//! shape (its readings by position, the quizzes they name with their pass marks).
//!
//! In: the checked project. Out: [`campaign_id`] and [`plan_shapes`]. The record page
//! (`emit::record`) hands both to `record.js`, which writes them into a record code;
//! `xuexi tally` (`tally`) reads codes back against the same ones. It sits below both,
//! so the emitter does not depend on the tally command and the two cannot drift apart.

use crate::model::{Campaign, Project};

/// A plan as the record page and the ledger see it: its readings by position and the
/// quizzes they name, in order of first use.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanShape {
    pub id: String,
    pub title: String,
    pub readings: Vec<ReadingShape>,
    pub quizzes: Vec<QuizShape>,
}

/// A reading of a plan: when it is due, what it reads, the quiz after it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReadingShape {
    pub due: String,
    /// The chapters, `材料 · 章`, joined with `；`.
    pub title: String,
    pub quiz: Option<String>,
}

/// A quiz a plan's readings name, with its pass mark.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuizShape {
    pub id: String,
    pub title: String,
    pub pass: Option<u64>,
}

/// The shape of every plan of the project.
pub fn plan_shapes(project: &Project) -> Vec<PlanShape> {
    let chapters = crate::chapters::Chapters::new(&project.catalogue);
    project
        .catalogue
        .plans
        .iter()
        .map(|p| {
            let mut quizzes: Vec<QuizShape> = Vec::new();
            let readings = p
                .readings
                .iter()
                .map(|r| {
                    let quiz = r.quiz.as_ref().map(|q| q.get_ref().to_string());
                    if let Some(id) = &quiz
                        && !quizzes.iter().any(|q| &q.id == id)
                        && let Some(bank) = project.quizzes.iter().find(|b| b.id.as_str() == id)
                    {
                        quizzes.push(QuizShape {
                            id: id.clone(),
                            title: bank.title.get_ref().clone(),
                            pass: bank.pass.as_ref().map(|p| *p.get_ref() as u64),
                        });
                    }
                    ReadingShape {
                        due: r.due.get_ref().to_string(),
                        title: chapters.reading_titles(r).join("；"),
                        quiz,
                    }
                })
                .collect();
            PlanShape {
                id: p.id.get_ref().to_string(),
                title: p.title.get_ref().clone(),
                readings,
                quizzes,
            }
        })
        .collect()
}

/// The id of a campaign: its `id` key, else the first 8 hex digits of the SHA-256 of
/// its title, a newline and its start date (`2021-04-08`).
pub fn campaign_id(c: &Campaign) -> String {
    if let Some(id) = &c.id {
        return id.get_ref().as_str().to_string();
    }
    derived_id(c.title.get_ref(), &c.start.get_ref().to_string())
}

/// The derived campaign id of a title and a start date.
pub fn derived_id(title: &str, start: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{title}\n{start}").as_bytes());
    crate::stamp::hex(&digest[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_campaign_id() {
        assert_eq!(derived_id("广安区党史学习教育", "2021-04-08").len(), 8);
        assert_ne!(
            derived_id("广安区党史学习教育", "2021-04-08"),
            derived_id("广安区党史学习教育", "2021-04-09")
        );
    }
}
