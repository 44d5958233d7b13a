//! The members' roster (花名册): who should report, to name who has not.
//!
//! In: a spreadsheet's sheets as text (`import::read`). Out: its rows (row, 姓名,
//! 单位/支部) from the first sheet with a 姓名 column and a 单位 or 支部 column, below
//! any title rows; or why there are none. `tally` and `supervise` both read it.

use crate::import::read::Sheet;

/// A member on the roster: the row (from 1), 姓名 and 单位 as written.
pub type RosterRow = (usize, String, String);

/// The roster: its file's name and its rows.
pub type Roster<'a> = (&'a str, &'a [RosterRow]);

/// The roster's rows: (姓名, 单位), from the first sheet with both columns; why not
/// when there is none.
pub fn rows(sheets: &[Sheet]) -> Result<Vec<RosterRow>, String> {
    let names = ["姓名"];
    let units = [
        "单位",
        "支部",
        "单位/支部",
        "所在支部",
        "所在单位",
        "党支部",
    ];
    for s in sheets {
        for (h, row) in s.rows.iter().enumerate() {
            let at = |want: &[&str]| row.iter().position(|c| want.contains(&c.trim()));
            if let (Some(n), Some(u)) = (at(&names), at(&units)) {
                return Ok(s.rows[h + 1..]
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        let name = r.get(n).map_or("", |c| c.trim()).to_string();
                        let unit = r.get(u).map_or("", |c| c.trim()).to_string();
                        (!name.is_empty()).then_some((h + i + 2, name, unit))
                    })
                    .collect());
            }
        }
    }
    Err(m!("supervise.roster.no-head"))
}
