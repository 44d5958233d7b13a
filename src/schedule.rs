//! Schedules: the dates a recurring session falls on, and when a task is due.
//!
//! In: a recurring session (or a task of `tasks.toml`) and the campaign. Out: every date
//! from `from` (default: the campaign's start) to `until` (default: its end) that is on
//! the session's weekday and not in `skip`, in order; a task's [`When`].

use crate::model::tasks::{Task, When};
use crate::model::{Campaign, Date, Recurring, Weekday};

/// The first and last day a recurring session may fall on.
pub fn bounds(rec: &Recurring, campaign: &Campaign) -> (Date, Date) {
    let from = rec.from.as_ref().unwrap_or(&campaign.start);
    let until = rec.until.as_ref().unwrap_or(&campaign.end);
    (*from.get_ref(), *until.get_ref())
}

/// Every date of the session, skips left out.
pub fn sessions(rec: &Recurring, campaign: &Campaign) -> Vec<Date> {
    let (from, until) = bounds(rec, campaign);
    let skip: Vec<Date> = rec.skip.iter().map(|d| *d.get_ref()).collect();
    weekly(*rec.weekday.get_ref(), from, until, &skip)
}

/// Every `weekday` from `from` to `until`, those in `skip` left out.
pub fn weekly(weekday: Weekday, from: Date, until: Date, skip: &[Date]) -> Vec<Date> {
    let mut out = Vec::new();
    let mut day = from.0;
    // Walk to the first matching weekday, then a week at a time.
    while day <= until.0 && Date(day).weekday() != weekday {
        match day.tomorrow() {
            Ok(d) => day = d,
            Err(_) => return out,
        }
    }
    while day <= until.0 {
        if !skip.contains(&Date(day)) {
            out.push(Date(day));
        }
        match day.checked_add(jiff::Span::new().days(7)) {
            Ok(d) => day = d,
            Err(_) => break,
        }
    }
    out
}

/// A task's schedule, with the campaign's start and end for a weekly task's missing
/// period; `None` when its fields do not make one (the validator says why: none or
/// several of `due`, `times`, `weekday`; `times` without a period or not above 0).
pub fn when(task: &Task, campaign: &Campaign) -> Option<When> {
    let from = task.from.as_ref().map(|d| *d.get_ref());
    let until = task.until.as_ref().map(|d| *d.get_ref());
    match (&task.due, &task.times, &task.weekday) {
        (Some(due), None, None) => Some(When::Due {
            due: *due.get_ref(),
        }),
        (None, Some(times), None) => {
            let times = u32::try_from(*times.get_ref()).ok().filter(|t| *t > 0)?;
            let (from, until) = (from?, until?);
            (from <= until).then_some(When::Times { times, from, until })
        }
        (None, None, Some(weekday)) => {
            let weekday = *weekday.get_ref();
            let from = from.unwrap_or(*campaign.start.get_ref());
            let until = until.unwrap_or(*campaign.end.get_ref());
            let skip: Vec<Date> = task.skip.iter().map(|d| *d.get_ref()).collect();
            let days = weekly(weekday, from, until, &skip);
            Some(When::Weekly { weekday, days })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(recurring: &str) -> crate::model::Catalogue {
        let text = format!(
            "[campaign]\ntitle = \"t\"\nstart = 2021-04-08\nend = 2021-12-31\n[[plan]]\nid = \"p\"\ntitle = \"p\"\n[[plan.recurring]]\ntitle = \"红色星期五\"\n{recurring}\n"
        );
        toml::from_str(&text).unwrap()
    }

    fn dates(recurring: &str) -> Vec<String> {
        let c = catalogue(recurring);
        sessions(&c.plans[0].recurring[0], &c.campaign)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn every_friday_of_the_campaign() {
        let d = dates("weekday = \"friday\"");
        assert_eq!(d.first().unwrap(), "2021-04-09");
        assert_eq!(d.last().unwrap(), "2021-12-31");
        assert_eq!(d.len(), 39);
    }

    #[test]
    fn skips_and_bounds() {
        let d = dates(
            "weekday = \"friday\"\nfrom = 2021-09-20\nuntil = 2021-10-15\nskip = [2021-10-01]",
        );
        assert_eq!(d, ["2021-09-24", "2021-10-08", "2021-10-15"]);
        // `from` on the weekday itself counts; `until` is inclusive.
        let d = dates("weekday = \"thursday\"\nfrom = 2021-04-08\nuntil = 2021-04-22");
        assert_eq!(d, ["2021-04-08", "2021-04-15", "2021-04-22"]);
        // A skip on another weekday changes nothing.
        let d = dates(
            "weekday = \"monday\"\nfrom = 2021-05-01\nuntil = 2021-05-10\nskip = [2021-05-05]",
        );
        assert_eq!(d, ["2021-05-03", "2021-05-10"]);
    }

    #[test]
    fn empty_when_the_range_has_no_such_day() {
        assert!(dates("weekday = \"sunday\"\nfrom = 2021-05-03\nuntil = 2021-05-08").is_empty());
    }
}
