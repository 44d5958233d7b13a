//! Members' coverage per unit: who of a unit sent a study record (`XUEXI1:` codes, as
//! `xuexi tally` reads them), how far they read, how many quizzes they passed, and,
//! with a roster (花名册), who has not reported.
//!
//! In: the tally's ledgers of the same inputs, the task list, and the roster's rows
//! (`姓名`, `单位`/`支部`), as of the ledger's day. Out: a [`Coverage`] row per unit, and a
//! problem for each member whose 支部 names no unit (by name or alias) and each roster
//! row whose unit is not in the list.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::Problem;
use crate::model::tasks::TaskList;
use crate::tally::{Done, Ledger};

/// One unit's members.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Members expected (`members` in tasks.toml), if given.
    pub expected: Option<u64>,
    /// Distinct members who sent a record.
    pub reported: usize,
    /// Readings due by the day, and of those, done (over all its members).
    pub due: usize,
    pub read: usize,
    /// Quizzes passed, over all its members.
    pub passed: usize,
    /// With a roster: the members on it who sent nothing, in roster order.
    pub missing: Option<Vec<String>>,
}

/// The unit a member's 支部 names: its name or an alias, spaces ignored.
fn unit_of<'a>(list: &'a TaskList, branch: &str) -> Option<&'a str> {
    let b: String = branch.split_whitespace().collect();
    list.units
        .iter()
        .find(|u| {
            std::iter::once(u.name.get_ref())
                .chain(u.aliases.iter().map(|a| a.get_ref()))
                .any(|n| n.split_whitespace().collect::<String>() == b)
        })
        .map(|u| u.id.get_ref().as_str())
}

pub use crate::tally::roster::{Roster, RosterRow, rows as roster_rows};

/// The coverage of every unit of `list` (by id), from the tally's `ledgers` and the
/// roster's rows, as of `as_of`; the problems found on the way go into `problems`.
pub fn coverage(
    list: &TaskList,
    ledgers: &[Ledger],
    roster: Option<Roster>,
    as_of: Date,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Coverage> {
    let mut out: BTreeMap<String, Coverage> = list
        .units
        .iter()
        .map(|u| {
            (
                u.id.get_ref().to_string(),
                Coverage {
                    expected: u
                        .members
                        .as_ref()
                        .and_then(|m| u64::try_from(*m.get_ref()).ok()),
                    missing: roster.map(|_| Vec::new()),
                    ..Coverage::default()
                },
            )
        })
        .collect();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut unmatched: BTreeSet<String> = BTreeSet::new();
    for l in ledgers {
        let due: Vec<bool> = l
            .plan
            .readings
            .iter()
            .map(|r| r.due.parse::<Date>().is_ok_and(|d| d <= as_of))
            .collect();
        for m in &l.members {
            let Some(unit) = unit_of(list, &m.branch) else {
                if unmatched.insert(m.branch.clone()) {
                    problems.push(Problem {
                        source: String::new(),
                        place: String::new(),
                        unit: m.branch.clone(),
                        what: m!("supervise.member-unit", branch = m.branch, name = m.name),
                    });
                }
                continue;
            };
            let c = out.get_mut(unit).expect("every unit has a row");
            if seen.insert((unit.to_string(), m.name.clone())) {
                c.reported += 1;
            }
            for (i, d) in m.done.iter().enumerate() {
                if due[i] {
                    c.due += 1;
                    c.read += usize::from(matches!(d, Some(Done::On(_)) | Some(Done::Undated)));
                }
            }
            c.passed += m.passed;
        }
    }
    if let Some((source, rows)) = roster {
        for (line, name, unit_name) in rows {
            let Some(unit) = unit_of(list, unit_name) else {
                problems.push(Problem {
                    source: source.to_string(),
                    place: m!("supervise.place.line", line = line),
                    unit: unit_name.clone(),
                    what: m!(
                        "supervise.roster.unknown-unit",
                        unit = unit_name,
                        name = name
                    ),
                });
                continue;
            };
            if !seen.contains(&(unit.to_string(), name.clone()))
                && let Some(missing) = out.get_mut(unit).and_then(|c| c.missing.as_mut())
            {
                missing.push(name.clone());
            }
        }
    }
    out
}
