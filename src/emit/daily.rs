//! Daily practice (每日一练): which questions make the set of a day.
//!
//! In: the checked project (for the pool) and a day. Out: the positions in the pool of
//! that day's questions. The site does not write a page per day: the daily page carries
//! the pool (each question once, as a reference: its quiz's page and its anchor) and
//! the reader's script (`src/emit/assets/quiz.js`, `dailySet`) draws the set of any date,
//! during the campaign and after it, with the same generator as [`set_for`], then takes
//! the questions' markup from their quiz pages. So every reader gets the same set on
//! the same day, the same input gives the same sets, and the output grows with the
//! number of questions, not with the length of the campaign.
//!
//! The draw: days are grouped in rounds of `pool / PER_DAY` days; each round is one
//! shuffle of the whole pool (Fisher-Yates driven by mulberry32, seeded with
//! `SEED ^ round`), and day `j` of a round takes its `j`th run of `PER_DAY` questions,
//! so a question comes back only after the rest of its round. Both sides share the
//! cases in `tests/daily.json`.

use crate::model::Project;

/// Questions in one day's set (fewer if the project has fewer).
pub const PER_DAY: usize = 5;

/// The seed of the draw. Changing it changes every day's set.
pub const SEED: u32 = 0x7875_6578;

/// A question by position: (index of the bank, index of the question in it).
pub type QuestionRef = (usize, usize);

/// Every question of the project, in bank order: the pool days draw from.
pub fn pool(project: &Project) -> Vec<QuestionRef> {
    project
        .quizzes
        .iter()
        .enumerate()
        .flat_map(|(b, q)| (0..q.questions.len()).map(move |i| (b, i)))
        .collect()
}

/// The generator: mulberry32, as the script computes it with 32-bit integers.
struct Mulberry32(u32);

impl Mulberry32 {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let a = self.0;
        let mut t = (a ^ (a >> 15)).wrapping_mul(1 | a);
        t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
        t ^ (t >> 14)
    }
}

/// The set of `day` (days since 1970-01-01) from a pool of `n` questions: positions in
/// the pool, in the order drawn. Empty if the pool is.
pub fn set_for(day: u32, n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let per_day = PER_DAY.min(n);
    let days_per_round = (n / per_day).max(1) as u32;
    let (round, j) = (day / days_per_round, (day % days_per_round) as usize);
    let mut rng = Mulberry32(SEED ^ round);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let k = ((u64::from(rng.next()) * (i as u64 + 1)) >> 32) as usize;
        order.swap(i, k);
    }
    order[j * per_day..(j + 1) * per_day].to_vec()
}

/// Days since 1970-01-01 of a date (0 before it).
pub fn day_number(date: crate::model::Date) -> u32 {
    let epoch = jiff::civil::date(1970, 1, 1);
    let days = (date.0 - epoch).get_days();
    u32::try_from(days).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_have_no_repeats_and_a_round_covers_the_pool() {
        let n = 12;
        let mut seen = Vec::new();
        // Two days per round for 12 questions: the first two days are 10 different ones.
        for day in 0..2 {
            let set = set_for(day, n);
            assert_eq!(set.len(), PER_DAY);
            seen.extend(set);
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for day in 18_000..18_400 {
            let mut set = set_for(day, 67);
            set.sort();
            set.dedup();
            assert_eq!(set.len(), PER_DAY, "day {day} repeats a question");
        }
    }

    #[test]
    fn small_and_empty_pools() {
        assert_eq!(set_for(5, 2).len(), 2);
        assert!(set_for(5, 0).is_empty());
    }

    #[test]
    fn days_since_1970() {
        let d = crate::model::Date(jiff::civil::date(2021, 5, 1));
        assert_eq!(day_number(d), 18_748);
    }
}
