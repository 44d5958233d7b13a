//! Calendars: one `.ics` file (RFC 5545) per plan, and the task list's, written with the
//! `ics` crate.
//!
//! In: the checked project and a plan. Out: a VCALENDAR with an all-day event per
//! reading (reminder at 9:00 the day before) and per milestone (reminder at 9:00 a week
//! before), and one event per recurring session with a weekly RRULE and an EXDATE per
//! skipped date. Only standard properties. UIDs come from the plan, the dates and the
//! chapters, so re-importing an edited calendar updates events instead of doubling
//! them; DTSTAMP is the campaign's start, so the same input gives the same bytes.

use ics::parameters::Value;
use ics::properties::{
    CalScale, Description, DtEnd, DtStart, ExDate, Method, RRule, Summary, Trigger,
};
use ics::{Alarm, Event, ICalendar, escape_text};

use super::view::Index;
use crate::model::tasks::When;
use crate::model::{Date, Plan, Project, Weekday};

/// The reminder before a reading: 9:00 the day before (the event starts at 0:00).
pub const READING_ALARM: &str = "-PT15H";
/// The reminder before a milestone: 9:00 a week before.
pub const MILESTONE_ALARM: &str = "-P6DT15H";

fn ical_date(d: Date) -> String {
    d.0.strftime("%Y%m%d").to_string()
}

fn next_day(d: Date) -> Date {
    d.0.tomorrow().map(Date).unwrap_or(d)
}

fn all_day<'a>(uid: String, stamp: &str, date: Date, summary: &str) -> Event<'a> {
    let mut e = Event::new(uid, stamp.to_string());
    let mut start = DtStart::new(ical_date(date));
    start.add(Value::DATE);
    let mut end = DtEnd::new(ical_date(next_day(date)));
    end.add(Value::DATE);
    e.push(start);
    e.push(end);
    e.push(Summary::new(escape_text(summary.to_string())));
    e
}

fn byday(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

/// The calendar of `plan`, as text with CRLF line ends (`index` names the chapters).
pub fn plan_calendar(project: &Project, index: &Index, plan: &Plan) -> String {
    let camp = &project.catalogue.campaign;
    let s = |k: &str| project.strings.text(k);
    let stamp = format!("{}T000000Z", ical_date(*camp.start.get_ref()));
    let id = plan.id.get_ref().as_str();
    let mut cal = ICalendar::new("2.0", "-//xuexi//xuexi//ZH");
    cal.push(CalScale::new("GREGORIAN"));
    cal.push(Method::new("PUBLISH"));

    for r in &plan.readings {
        let due = *r.due.get_ref();
        let refs: Vec<String> = r
            .chapters
            .get_ref()
            .iter()
            .map(|c| c.get_ref().to_string())
            .collect();
        let uid = format!("{id}.{}.{}@xuexi", due, refs.join("+").replace('/', "-"));
        let titles = index.reading_titles(r);
        let summary = format!("{}：{}", s("reading_of"), titles.join("；"));
        let mut e = all_day(uid, &stamp, due, &summary);
        let mut text = format!("{}：{}", plan.title.get_ref(), titles.join("\n"));
        if let Some(q) = &r.quiz
            && let Some(quiz) = project.quizzes.iter().find(|x| &x.id == q.get_ref())
        {
            text.push_str(&format!("\n{}：{}", s("self_check"), quiz.title.get_ref()));
        }
        e.push(Description::new(escape_text(text)));
        e.add_alarm(Alarm::display(
            Trigger::new(READING_ALARM),
            Description::new(escape_text(summary.clone())),
        ));
        cal.add_event(e);
    }
    let mut same_day = std::collections::HashMap::<Date, usize>::new();
    for m in &plan.milestones {
        let due = *m.due.get_ref();
        let n = same_day.entry(due).or_default();
        *n += 1;
        let uid = format!("{id}.milestone.{due}.{n}@xuexi");
        let mut e = all_day(uid, &stamp, due, m.title.get_ref());
        if let Some(owner) = &m.owner {
            e.push(Description::new(escape_text(format!(
                "{}：{owner}",
                s("owner")
            ))));
        }
        e.add_alarm(Alarm::display(
            Trigger::new(MILESTONE_ALARM),
            Description::new(escape_text(m.title.get_ref().clone())),
        ));
        cal.add_event(e);
    }
    for rec in &plan.recurring {
        let dates = crate::schedule::sessions(rec, camp);
        let Some(first) = dates.first() else { continue };
        let (_, until) = crate::schedule::bounds(rec, camp);
        let weekday = *rec.weekday.get_ref();
        let uid = format!(
            "{id}.recurring.{}.{}@xuexi",
            byday(weekday).to_lowercase(),
            first
        );
        let mut e = all_day(uid, &stamp, *first, rec.title.get_ref());
        e.push(RRule::new(format!(
            "FREQ=WEEKLY;BYDAY={};UNTIL={}",
            byday(weekday),
            ical_date(until)
        )));
        let mut skips: Vec<Date> = rec.skip.iter().map(|d| *d.get_ref()).collect();
        skips.sort();
        for skip in skips {
            let mut ex = ExDate::new(ical_date(skip));
            ex.add(Value::DATE);
            e.push(ex);
        }
        cal.add_event(e);
    }
    fold(&cal.to_string())
}

/// The calendar of every task of the task list: an all-day event on each deadline (a
/// task's `due`, the last day of a `times` task) with a reminder at 9:00 a week before,
/// and each weekly task as one event with a weekly rule, its weeks without a session as
/// EXDATEs. Every UID is `task.<id>.…@xuexi`, so the unit's page keeps the events of
/// the unit's tasks by their id. Empty without a task list.
pub fn tasks_calendar(project: &Project) -> String {
    let Some(list) = &project.tasks else {
        return String::new();
    };
    let camp = &project.catalogue.campaign;
    let s = |k: &str| project.strings.text(k);
    let stamp = format!("{}T000000Z", ical_date(*camp.start.get_ref()));
    let mut cal = ICalendar::new("2.0", "-//xuexi//xuexi//ZH");
    cal.push(CalScale::new("GREGORIAN"));
    cal.push(Method::new("PUBLISH"));
    for task in &list.tasks {
        let Some(when) = crate::schedule::when(task, camp) else {
            continue;
        };
        let id = task.id.get_ref().as_str();
        let title = task.title.get_ref();
        let mut text = Vec::new();
        if !task.evidence.is_empty() {
            text.push(format!(
                "{}：{}",
                s("task_evidence"),
                task.evidence.join("、")
            ));
        }
        if let Some(lead) = &task.lead {
            text.push(format!("{}：{lead}", s("task_lead")));
        }
        let (mut e, alarm) = match &when {
            When::Due { due } => {
                let summary = s("task_ics_due").replace("{t}", title);
                (
                    all_day(format!("task.{id}.{due}@xuexi"), &stamp, *due, &summary),
                    true,
                )
            }
            When::Times { times, until, .. } => {
                let summary = s("task_ics_times")
                    .replace("{t}", title)
                    .replace("{n}", &times.to_string());
                (
                    all_day(format!("task.{id}.{until}@xuexi"), &stamp, *until, &summary),
                    true,
                )
            }
            When::Weekly { weekday, days } => {
                let (Some(first), Some(last)) = (days.first(), days.last()) else {
                    continue;
                };
                let mut e = all_day(
                    format!("task.{id}.weekly.{first}@xuexi"),
                    &stamp,
                    *first,
                    title,
                );
                e.push(RRule::new(format!(
                    "FREQ=WEEKLY;BYDAY={};UNTIL={}",
                    byday(*weekday),
                    ical_date(*last)
                )));
                // The weeks from the first to the last session that have none.
                let mut day = *first;
                while day < *last {
                    if !days.contains(&day) {
                        let mut ex = ExDate::new(ical_date(day));
                        ex.add(Value::DATE);
                        e.push(ex);
                    }
                    match day.0.checked_add(jiff::Span::new().days(7)) {
                        Ok(d) => day = Date(d),
                        Err(_) => break,
                    }
                }
                (e, false)
            }
        };
        if !text.is_empty() {
            e.push(Description::new(escape_text(text.join("\n"))));
        }
        if alarm {
            e.add_alarm(Alarm::display(
                Trigger::new(MILESTONE_ALARM),
                Description::new(escape_text(title.clone())),
            ));
        }
        cal.add_event(e);
    }
    fold(&cal.to_string())
}

/// Lines of at most 75 octets, the leading space of a continuation line included
/// (RFC 5545, 3.1), split between characters: the `ics` crate counts 75 after the space.
fn fold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 40);
    for line in unfolded.split_terminator("\r\n") {
        let mut room = 75;
        for c in line.chars() {
            if c.len_utf8() > room {
                out.push_str("\r\n ");
                room = 74;
            }
            out.push(c);
            room -= c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    //! Parses the calendar back with an independent parser (the `ical` crate) and
    //! compares events, alarms and rules with the plan.

    use ical::parser::ical::component::IcalEvent;

    fn sample() -> crate::model::Project {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::check(root);
        assert!(!checked.has_errors());
        checked.project.unwrap()
    }

    fn prop<'a>(e: &'a IcalEvent, name: &str) -> Vec<&'a ical::property::Property> {
        e.properties.iter().filter(|p| p.name == name).collect()
    }

    fn value(e: &IcalEvent, name: &str) -> String {
        prop(e, name)[0].value.clone().unwrap_or_default()
    }

    #[test]
    fn the_sample_plan_reads_back() {
        let project = sample();
        let plan = &project.catalogue.plans[0];
        let index = super::Index::new(&project, super::super::view::Links::Site);
        let text = super::plan_calendar(&project, &index, plan);
        let long: Vec<&str> = text.split("\r\n").filter(|l| l.len() > 75).collect();
        assert!(long.is_empty(), "lines over 75 octets: {long:?}");
        assert!(text.contains("\r\n"));
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = parser.next().expect("one calendar").expect("it parses");
        assert!(parser.next().is_none());
        let props: Vec<(String, String)> = cal
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
            .collect();
        assert!(props.contains(&("VERSION".into(), "2.0".into())));
        assert_eq!(
            cal.events.len(),
            plan.readings.len() + plan.milestones.len() + plan.recurring.len()
        );

        // Readings: all-day, the right date, a reminder at 9:00 the day before.
        let first = &cal.events[0];
        assert_eq!(value(first, "DTSTART"), "20210416");
        assert_eq!(
            prop(first, "DTSTART")[0].params.as_ref().unwrap()[0],
            ("VALUE".into(), vec!["DATE".into()])
        );
        assert_eq!(value(first, "DTEND"), "20210417");
        assert_eq!(
            value(first, "SUMMARY"),
            "阅读：中国共产党简史 · 第一章　中国共产党的创立和投身大革命的洪流"
        );
        assert_eq!(
            value(first, "UID"),
            "guangan-2021.2021-04-16.jianshi-ch01@xuexi"
        );
        assert_eq!(value(first, "DTSTAMP"), "20210408T000000Z");
        assert_eq!(first.alarms.len(), 1);
        let alarm = &first.alarms[0];
        let a = |n: &str| {
            alarm
                .properties
                .iter()
                .find(|p| p.name == n)
                .and_then(|p| p.value.clone())
        };
        assert_eq!(a("ACTION").as_deref(), Some("DISPLAY"));
        assert_eq!(a("TRIGGER").as_deref(), Some("-PT15H"));
        // Escaped text comes back as written.
        let last_reading = &cal.events[plan.readings.len() - 1];
        assert!(value(last_reading, "DESCRIPTION").contains("自测：党史学习教育应知应会"));

        // Milestones: a reminder a week before.
        let m = &cal.events[plan.readings.len()];
        assert_eq!(value(m, "SUMMARY"), "举办专题读书班");
        assert_eq!(value(m, "DTSTART"), "20210430");
        assert_eq!(
            m.alarms[0]
                .properties
                .iter()
                .find(|p| p.name == "TRIGGER")
                .unwrap()
                .value
                .as_deref(),
            Some("-P6DT15H")
        );
        // Two milestones on one day get different UIDs.
        let uids: std::collections::BTreeSet<String> =
            cal.events.iter().map(|e| value(e, "UID")).collect();
        assert_eq!(uids.len(), cal.events.len());

        // The weekly session: one event, a rule and the skipped date.
        let r = cal.events.last().unwrap();
        assert_eq!(value(r, "DTSTART"), "20210409");
        assert_eq!(value(r, "RRULE"), "FREQ=WEEKLY;BYDAY=FR;UNTIL=20211231");
        assert_eq!(value(r, "EXDATE"), "20211001");
        assert!(r.alarms.is_empty());

        // Only standard properties.
        let standard = [
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "RRULE",
            "EXDATE",
        ];
        for e in &cal.events {
            for p in &e.properties {
                assert!(standard.contains(&p.name.as_str()), "{}", p.name);
            }
        }
    }

    #[test]
    fn the_task_calendar_reads_back_with_deadlines_a_week_ahead_and_weekly_rules() {
        let project = sample();
        let text = super::tasks_calendar(&project);
        assert_eq!(text, super::tasks_calendar(&project));
        assert!(text.split("\r\n").all(|l| l.len() <= 75));
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = parser.next().expect("one calendar").expect("it parses");
        assert_eq!(cal.events.len(), 15);
        let event = |uid: &str| {
            cal.events
                .iter()
                .find(|e| value(e, "UID") == uid)
                .unwrap_or_else(|| panic!("{uid}"))
        };
        let trigger = |e: &IcalEvent| {
            e.alarms
                .iter()
                .flat_map(|a| &a.properties)
                .find(|p| p.name == "TRIGGER")
                .and_then(|p| p.value.clone())
        };
        let d = event("task.dushuban.2021-04-30@xuexi");
        assert_eq!(value(d, "SUMMARY"), "任务截止：举办党史学习教育专题读书班");
        assert_eq!(value(d, "DTSTART"), "20210430");
        assert_eq!(trigger(d).as_deref(), Some("-P6DT15H"));
        assert_eq!(
            value(d, "DESCRIPTION"),
            "佐证材料：读书班方案、签到表、研讨交流材料、照片\\n牵头单位：区委组织部"
        );
        let z = event("task.zhongxinzu.2021-12-31@xuexi");
        assert_eq!(
            value(z, "SUMMARY"),
            "任务截止：理论学习中心组开展党史专题学习（至少 4 次）"
        );
        assert_eq!(trigger(z).as_deref(), Some("-P6DT15H"));
        let w = event("task.hongse-wuyi.weekly.2021-04-09@xuexi");
        assert_eq!(value(w, "RRULE"), "FREQ=WEEKLY;BYDAY=FR;UNTIL=20211231");
        assert_eq!(value(w, "EXDATE"), "20211001");
        assert!(w.alarms.is_empty());
        // Without a task list, none.
        let mut bare = project.clone();
        bare.tasks = None;
        assert_eq!(super::tasks_calendar(&bare), "");
    }

    #[test]
    fn same_input_same_bytes() {
        let project = sample();
        let plan = &project.catalogue.plans[0];
        let index = super::Index::new(&project, super::super::view::Links::Site);
        assert_eq!(
            super::plan_calendar(&project, &index, plan),
            super::plan_calendar(&project, &index, plan)
        );
    }
}
