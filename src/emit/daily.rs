//! Daily practice (每日一练): a small set of questions for each day of the campaign.
//!
//! In: the checked project. Out: for every date from the campaign's start to its end,
//! the questions of that day's set, drawn with a ChaCha generator from a fixed seed, so
//! every reader gets the same set on the same day and rebuilding gives the same sets.
//! Days walk through a shuffled list of all questions; when it runs out, it is shuffled
//! again (with the next seed), so a question comes back only after all others did.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::model::{Date, Project};

/// Questions in one day's set (fewer if the project has fewer).
pub const PER_DAY: usize = 5;

/// The seed of the draw. Changing it changes every day's set.
pub const SEED: u64 = 0x7875_6578_6921_2021;

/// A question by position: (index of the bank, index of the question in it).
pub type QuestionRef = (usize, usize);

/// One day's set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    pub questions: Vec<QuestionRef>,
}

/// The sets for every day of the campaign, in date order. Empty if there are no
/// questions.
pub fn sets(project: &Project) -> Vec<Day> {
    let pool: Vec<QuestionRef> = project
        .quizzes
        .iter()
        .enumerate()
        .flat_map(|(b, q)| (0..q.questions.len()).map(move |i| (b, i)))
        .collect();
    if pool.is_empty() {
        return Vec::new();
    }
    let per_day = PER_DAY.min(pool.len());
    let camp = &project.catalogue.campaign;
    let (start, end) = (camp.start.get_ref().0, camp.end.get_ref().0);
    let mut round = 0u64;
    let mut order = shuffled(&pool, round);
    let mut next = 0;
    let mut days = Vec::new();
    let mut date = start;
    while date <= end {
        let mut questions = Vec::with_capacity(per_day);
        while questions.len() < per_day {
            if next == order.len() {
                round += 1;
                order = shuffled(&pool, round);
                next = 0;
            }
            let q = order[next];
            next += 1;
            if !questions.contains(&q) {
                questions.push(q);
            }
        }
        days.push(Day {
            date: Date(date),
            questions,
        });
        match date.tomorrow() {
            Ok(d) => date = d,
            Err(_) => break,
        }
    }
    days
}

fn shuffled(pool: &[QuestionRef], round: u64) -> Vec<QuestionRef> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED.wrapping_add(round));
    let mut order = pool.to_vec();
    order.shuffle(&mut rng);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(days: &str, questions: usize) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("catalogue.toml"),
            format!("[campaign]\ntitle = \"t\"\n{days}\n"),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("quizzes")).unwrap();
        let mut bank = String::from("title = \"b\"\n");
        for i in 0..questions {
            bank.push_str(&format!(
                "[[question]]\nid = \"q{i}\"\ntype = \"truefalse\"\nprompt = \"p{i}\"\nanswer = true\n"
            ));
        }
        if questions > 0 {
            std::fs::write(dir.path().join("quizzes/b.toml"), bank).unwrap();
        }
        let checked = crate::check(dir.path());
        assert!(!checked.has_errors());
        checked.project.unwrap()
    }

    #[test]
    fn one_set_per_day_no_repeats_within_a_round() {
        let p = project("start = 2021-04-08\nend = 2021-04-17", 12);
        let days = sets(&p);
        assert_eq!(days.len(), 10);
        assert_eq!(days[0].date.to_string(), "2021-04-08");
        assert_eq!(days[9].date.to_string(), "2021-04-17");
        for d in &days {
            assert_eq!(d.questions.len(), PER_DAY);
            let mut q = d.questions.clone();
            q.sort();
            q.dedup();
            assert_eq!(q.len(), PER_DAY, "a set repeats a question");
        }
        // The first 12 questions drawn are all different: a round covers the pool.
        let first: Vec<_> = days
            .iter()
            .flat_map(|d| d.questions.clone())
            .take(10)
            .collect();
        let mut unique = first.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
    }

    #[test]
    fn same_input_same_sets() {
        let a = sets(&project("start = 2021-04-08\nend = 2021-12-31", 67));
        let b = sets(&project("start = 2021-04-08\nend = 2021-12-31", 67));
        assert_eq!(a, b);
        assert_eq!(a.len(), 268);
        assert_ne!(a[0].questions, a[1].questions);
    }

    #[test]
    fn small_pools() {
        assert_eq!(
            sets(&project("start = 2021-04-08\nend = 2021-04-09", 2))[1]
                .questions
                .len(),
            2
        );
        assert!(sets(&project("start = 2021-04-08\nend = 2021-04-09", 0)).is_empty());
    }
}
