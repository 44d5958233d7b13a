//! Where each unit stands on each task as of a day: the rule the ledger, the 通报 and
//! the checklists share.
//!
//! In: a task's schedule ([`When`]), what the unit reported of it (if anything) and
//! the day. Out: a [`State`] (按时完成, 逾期完成, 逾期未完成, 未到期, 进行中 k/N, 未报送, 待核实),
//! and whether it is done and whether it is overdue.

use jiff::civil::Date;

use super::receipt::Report;
use crate::model::tasks::When;

/// One unit's standing on one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Done by its last day.
    OnTime,
    /// Done, after its last day.
    Late,
    /// Its last day has passed and it is not done: `done` of `of` times.
    Overdue { done: usize, of: usize },
    /// Not done, and its first day is still ahead or it is a deadline still to come.
    NotYet,
    /// Under way: `done` times of the `of` due so far (weekly) or in all (times).
    InProgress { done: usize, of: usize },
    /// The unit's receipt says nothing of it (or the unit sent none); `past`: its last
    /// day has passed, so it counts as overdue.
    NotSent { past: bool },
    /// The unit's form has a row for it that could not be read: someone must look (the
    /// problems say what was written); neither done nor counted against the unit.
    Unclear,
}

impl State {
    pub fn is_done(&self) -> bool {
        matches!(self, State::OnTime | State::Late)
    }

    /// Whether it counts against the unit as of the day: past due and not done,
    /// reported or not.
    pub fn is_overdue(&self) -> bool {
        matches!(self, State::Overdue { .. } | State::NotSent { past: true })
    }

    /// The words of the cell, from the message catalogue.
    pub fn words(&self) -> String {
        match self {
            State::OnTime => m!("supervise.state.on-time"),
            State::Late => m!("supervise.state.late"),
            State::Overdue { done, of } if *of > 1 => {
                m!("supervise.state.overdue-count", done = done, of = of)
            }
            State::Overdue { .. } => m!("supervise.state.overdue"),
            State::NotYet => m!("supervise.state.not-yet"),
            State::InProgress { done, of } => {
                m!("supervise.state.in-progress", done = done, of = of)
            }
            State::NotSent { .. } => m!("supervise.state.not-sent"),
            State::Unclear => m!("supervise.state.unclear"),
        }
    }
}

/// How many times a report says the task was done by `as_of`: its dates inside the
/// period (`from`..=`until`) up to then, or its count when it gives no dates.
fn times_done(r: &Report, from: Date, until: Date, as_of: Date) -> usize {
    if r.dates.is_empty() {
        r.count as usize
    } else {
        let mut days: Vec<Date> = r
            .dates
            .iter()
            .filter_map(|d| d.parse::<Date>().ok())
            .filter(|d| *d >= from && *d <= until && *d <= as_of)
            .collect();
        days.sort();
        days.dedup();
        days.len()
    }
}

/// The day the `n`th time was done, when the report dates its times.
fn nth_day(r: &Report, n: usize) -> Option<Date> {
    let mut days: Vec<Date> = r.dates.iter().filter_map(|d| d.parse().ok()).collect();
    days.sort();
    days.get(n.checked_sub(1)?).copied()
}

/// A unit's standing on a task due as `when`, given its report (`None`: it reported
/// nothing of the task), as of `as_of`.
pub fn state(when: &When, report: Option<&Report>, as_of: Date) -> State {
    let past = when.is_past(as_of);
    let Some(r) = report else {
        return State::NotSent { past };
    };
    match when {
        When::Due { due } => {
            let on: Option<Date> = r.on.parse().ok();
            match (r.done, on) {
                (true, Some(d)) if d <= due.0 => State::OnTime,
                (true, Some(_)) => State::Late,
                // A form never gives this (a done task needs its day); a code may.
                (true, None) => State::OnTime,
                (false, _) if past => State::Overdue { done: 0, of: 1 },
                (false, _) => State::NotYet,
            }
        }
        When::Times { times, from, until } => {
            let need = *times as usize;
            let done = times_done(r, from.0, until.0, as_of);
            if done >= need {
                match nth_day(r, need) {
                    Some(d) if d > until.0 => State::Late,
                    _ => State::OnTime,
                }
            } else if past {
                State::Overdue { done, of: need }
            } else if as_of < from.0 && done == 0 {
                State::NotYet
            } else {
                State::InProgress { done, of: need }
            }
        }
        When::Weekly { days, .. } => {
            let (first, last) = (
                days.first().map_or(as_of, |d| d.0),
                days.last().map_or(as_of, |d| d.0),
            );
            let done = times_done(r, first, last, as_of);
            let all = days.len();
            let so_far = days.iter().filter(|d| d.0 <= as_of).count();
            if past {
                if done >= all {
                    State::OnTime
                } else {
                    State::Overdue { done, of: all }
                }
            } else if so_far == 0 {
                State::NotYet
            } else {
                State::InProgress { done, of: so_far }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date as D;
    use jiff::civil::date;

    fn report(done: bool, on: &str, count: u64, dates: &[&str]) -> Report {
        Report {
            task: "t".into(),
            done,
            on: on.into(),
            count,
            dates: dates.iter().map(|d| d.to_string()).collect(),
            evidence: vec![],
            note: String::new(),
        }
    }

    #[test]
    fn a_deadline_inside_and_after_the_campaign() {
        let due = When::Due {
            due: D(date(2021, 4, 30)),
        };
        let before = date(2021, 4, 20);
        let after = date(2021, 5, 6);
        let on_time = report(true, "2021-04-28", 0, &[]);
        let late = report(true, "2021-05-02", 0, &[]);
        let not = report(false, "", 0, &[]);
        assert_eq!(state(&due, Some(&on_time), after), State::OnTime);
        assert_eq!(state(&due, Some(&late), after), State::Late);
        assert_eq!(state(&due, Some(&not), before), State::NotYet);
        assert_eq!(
            state(&due, Some(&not), after),
            State::Overdue { done: 0, of: 1 }
        );
        assert_eq!(state(&due, None, before), State::NotSent { past: false });
        assert_eq!(state(&due, None, after), State::NotSent { past: true });
        assert!(state(&due, None, after).is_overdue());
        assert!(!state(&due, None, before).is_overdue());
        // The last day itself is still on time.
        assert_eq!(state(&due, Some(&not), date(2021, 4, 30)), State::NotYet);
    }

    #[test]
    fn at_least_four_times_in_the_year() {
        let when = When::Times {
            times: 4,
            from: D(date(2021, 4, 8)),
            until: D(date(2021, 12, 31)),
        };
        let mid = date(2021, 8, 1);
        let after = date(2022, 1, 10);
        assert_eq!(
            state(&when, Some(&report(false, "", 2, &[])), mid),
            State::InProgress { done: 2, of: 4 }
        );
        assert_eq!(
            state(&when, Some(&report(false, "", 4, &[])), mid),
            State::OnTime
        );
        assert_eq!(
            state(&when, Some(&report(false, "", 3, &[])), after),
            State::Overdue { done: 3, of: 4 }
        );
        // Dates after the day of the ledger are not counted yet, nor dates outside the
        // period, nor a day given twice.
        let dated = report(
            false,
            "",
            3,
            &[
                "2021-05-01",
                "2021-06-01",
                "2021-09-01",
                "2020-01-01",
                "2021-05-01",
            ],
        );
        assert_eq!(
            state(&when, Some(&dated), mid),
            State::InProgress { done: 2, of: 4 }
        );
    }

    #[test]
    fn every_friday_counts_the_fridays_so_far() {
        let days: Vec<D> = crate::schedule::weekly(
            crate::model::Weekday::Friday,
            D(date(2021, 4, 8)),
            D(date(2021, 5, 31)),
            &[],
        );
        assert_eq!(days.len(), 8);
        let when = When::Weekly {
            weekday: crate::model::Weekday::Friday,
            days,
        };
        let three = report(false, "", 0, &["2021-04-09", "2021-04-16", "2021-04-23"]);
        assert_eq!(
            state(&when, Some(&three), date(2021, 4, 24)),
            State::InProgress { done: 3, of: 3 }
        );
        assert_eq!(
            state(&when, Some(&three), date(2021, 6, 5)),
            State::Overdue { done: 3, of: 8 }
        );
        assert_eq!(state(&when, Some(&three), date(2021, 4, 8)), State::NotYet);
        let _zh = crate::i18n::chinese();
        assert_eq!(State::InProgress { done: 3, of: 8 }.words(), "进行中 3/8");
        assert_eq!(State::Overdue { done: 3, of: 8 }.words(), "逾期未完成 3/8");
    }
}
