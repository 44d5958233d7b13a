//! `xuexi import 单位.xlsx --units`: the office's list of units, kept in Excel, into
//! `tasks.toml`.
//!
//! In: a spreadsheet or CSV (every sheet; the header row found below any title rows;
//! merged cells and GB18030 as `import` reads them) with the columns 单位名称 and,
//! optionally, 类型, 上级单位, 指导组, 党员数, 别名, 编号; and the project's `tasks.toml`,
//! if any. Out: `tasks.toml` with its `[[unit]]` tables replaced by the sheet's units and
//! everything else (tasks, comments) as it was; a unit already there keeps its id (found
//! by its name or an alias); a new one takes its 编号, else `u` and 8 hex digits of a
//! hash of its name, so a re-import gives the same ids. Each row that cannot be read is
//! reported by sheet, row and column, and then nothing is written.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::read::{Sheet, column_name, read};
use crate::model::Slug;
use crate::model::tasks::TaskList;

/// Why the units were not imported.
#[derive(Debug, thiserror::Error)]
pub enum UnitsError {
    #[error(transparent)]
    Read(#[from] super::ImportError),
    #[error("{}", m!("units.no-head"))]
    NoHeader,
    #[error("{}", m!("units.bad-rows", n = .0))]
    BadRows(usize),
    #[error("{}", m!("units.tasks-broken", file = crate::load::TASKS))]
    TasksBroken,
    #[error("{}", m!("write.io", path = .0.display(), e = crate::i18n::Io(.1)))]
    Write(PathBuf, #[source] std::io::Error),
}

/// A unit read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowUnit {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent: String,
    pub group: String,
    pub members: Option<u64>,
    pub aliases: Vec<String>,
}

/// Which column holds what; `None` when the sheet has no such column.
struct Columns {
    name: usize,
    kind: Option<usize>,
    parent: Option<usize>,
    group: Option<usize>,
    members: Option<usize>,
    aliases: Option<usize>,
    id: Option<usize>,
}

fn columns(row: &[String]) -> Option<Columns> {
    let at = |names: &[&str]| row.iter().position(|c| names.contains(&c.trim()));
    Some(Columns {
        name: at(&["单位名称", "单位", "名称"])?,
        kind: at(&["类型", "单位类型"]),
        parent: at(&["上级单位", "上级"]),
        group: at(&["指导组", "巡回指导组"]),
        members: at(&["党员数", "党员人数", "人数"]),
        aliases: at(&["别名", "简称"]),
        id: at(&["编号", "单位编号"]),
    })
}

/// The units of `sheets`, with a message per cell that cannot be read (`工作表「…」第 N 行
/// X 列：…`). `known`: (id, name, aliases) of the units already in tasks.toml.
pub fn units(
    sheets: &[Sheet],
    known: &[(String, String, Vec<String>)],
) -> (Vec<RowUnit>, Vec<String>) {
    let mut out: Vec<RowUnit> = Vec::new();
    let mut errors = Vec::new();
    // (parent as written, row, where: the sheet and column header)
    let mut parents: Vec<(String, usize, String, String)> = Vec::new();
    // Units whose row has a mistake: named as parents, they are not a second mistake.
    let mut unread: Vec<String> = Vec::new();
    for s in sheets {
        let Some((h, cols)) = s
            .rows
            .iter()
            .enumerate()
            .find_map(|(i, r)| columns(r).map(|c| (i, c)))
        else {
            continue;
        };
        for (i, row) in s.rows.iter().enumerate().skip(h + 1) {
            let n = i + 1;
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |v| v.trim());
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let head = &s.rows[h];
            let at = |c: usize| {
                let column = head
                    .get(c)
                    .map_or_else(|| column_name(c), |t| t.trim().to_string());
                m!("import.at-cell", sheet = s.name, row = n, column = column)
            };
            let name = get(Some(cols.name));
            if name.is_empty() {
                errors.push(m!(
                    "units.row",
                    at = at(cols.name),
                    what = m!("units.no-name")
                ));
                continue;
            }
            if out.iter().any(|u| u.name == name) {
                errors.push(m!(
                    "units.row",
                    at = at(cols.name),
                    what = m!("units.twice", name = name)
                ));
                continue;
            }
            let members_text = get(cols.members);
            let members = match members_text.trim_end_matches('人').trim() {
                "" => None,
                t => match t.parse::<u64>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        errors.push(m!(
                            "units.row",
                            at = at(cols.members.unwrap_or(0)),
                            what = m!("units.bad-members", found = members_text)
                        ));
                        unread.push(name.to_string());
                        continue;
                    }
                },
            };
            let mut aliases: Vec<String> = get(cols.aliases)
                .split(['、', ',', '，', ';', '；'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let known_unit = known
                .iter()
                .find(|(_, k, a)| k == name || a.iter().any(|x| x == name));
            if let Some((_, old_name, old_aliases)) = known_unit {
                // Nothing members or forms name a unit by is lost: without a 别名 column
                // its aliases stay, and a renamed unit keeps its old name as one.
                if cols.aliases.is_none() {
                    aliases.extend(old_aliases.iter().cloned());
                }
                if old_name != name {
                    aliases.push(old_name.clone());
                }
                aliases.retain(|a| a != name);
                let mut seen = Vec::new();
                aliases.retain(|a| {
                    let new = !seen.contains(a);
                    seen.push(a.clone());
                    new
                });
            }
            let given = get(cols.id);
            let kept = known_unit.map(|(id, ..)| id.clone());
            let id = match (kept, given) {
                (Some(id), _) => id,
                (None, g) if !g.is_empty() => match Slug::try_from(g.to_string()) {
                    Ok(s) => s.to_string(),
                    Err(why) => {
                        errors.push(m!(
                            "units.row",
                            at = at(cols.id.unwrap_or(0)),
                            what = m!("units.bad-id", found = g, why = why)
                        ));
                        unread.push(name.to_string());
                        continue;
                    }
                },
                (None, _) => {
                    let digest = Sha256::digest(name.as_bytes());
                    format!("u{}", &crate::stamp::hex(&digest)[..8])
                }
            };
            let parent = get(cols.parent).to_string();
            if !parent.is_empty() {
                let column = cols
                    .parent
                    .and_then(|c| head.get(c))
                    .map_or("", |t| t.trim());
                parents.push((parent.clone(), n, s.name.clone(), column.to_string()));
            }
            out.push(RowUnit {
                id,
                name: name.to_string(),
                kind: get(cols.kind).to_string(),
                parent,
                group: get(cols.group).to_string(),
                members,
                aliases,
            });
        }
    }
    // A parent is named by its name (or alias, or id): it must be one of the units.
    for (parent, n, sheet, column) in parents {
        if !unread.contains(&parent)
            && !out
                .iter()
                .any(|u| u.name == parent || u.id == parent || u.aliases.contains(&parent))
        {
            let at = m!("import.at-cell", sheet = sheet, row = n, column = column);
            errors.push(m!(
                "units.row",
                at = at,
                what = m!("units.no-parent", name = parent)
            ));
        }
    }
    (out, errors)
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The `[[unit]]` tables of `units`, as tasks.toml writes them.
pub fn unit_tables(units: &[RowUnit]) -> String {
    let mut t = String::new();
    for u in units {
        t.push_str(&format!(
            "[[unit]]\nid = {}\nname = {}\n",
            quoted(&u.id),
            quoted(&u.name)
        ));
        if !u.kind.is_empty() {
            t.push_str(&format!("kind = {}\n", quoted(&u.kind)));
        }
        if !u.parent.is_empty() {
            let id = units
                .iter()
                .find(|p| p.name == u.parent || p.id == u.parent || p.aliases.contains(&u.parent))
                .map_or(u.parent.as_str(), |p| p.id.as_str());
            t.push_str(&format!("parent = {}\n", quoted(id)));
        }
        if !u.group.is_empty() {
            t.push_str(&format!("group = {}\n", quoted(&u.group)));
        }
        if let Some(m) = u.members {
            t.push_str(&format!("members = {m}\n"));
        }
        if !u.aliases.is_empty() {
            let list: Vec<String> = u.aliases.iter().map(|a| quoted(a)).collect();
            t.push_str(&format!("aliases = [{}]\n", list.join(", ")));
        }
        t.push('\n');
    }
    t
}

/// `text` (a tasks.toml) with its `[[unit]]` tables, each up to the next table or the
/// comments just above it, replaced by `tables`, where the first of them was (or at the
/// top, after the leading comments, when there was none).
pub fn replace_units(text: &str, tables: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let header = |l: &str| l.trim_start().starts_with('[');
    let mut keep = vec![true; lines.len()];
    let mut first: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "[[unit]]" {
            first.get_or_insert(i);
            let mut end = i + 1;
            while end < lines.len() && !header(lines[end]) {
                end += 1;
            }
            // The comments right above the next table are that table's.
            let mut stop = end;
            while stop > i + 1 && {
                let l = lines[stop - 1].trim();
                l.starts_with('#') || l.is_empty()
            } {
                stop -= 1;
            }
            // Blank lines right after the table go with it.
            while stop < end && lines[stop].trim().is_empty() {
                stop += 1;
            }
            if end == lines.len() {
                stop = end;
            }
            for k in keep.iter_mut().take(stop).skip(i) {
                *k = false;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    let at = first.unwrap_or_else(|| {
        lines
            .iter()
            .position(|l| {
                let l = l.trim();
                !(l.is_empty() || l.starts_with('#'))
            })
            .unwrap_or(lines.len())
    });
    let mut out = String::new();
    for (k, l) in lines.iter().enumerate() {
        if k == at {
            out.push_str(tables);
        }
        if keep[k] {
            out.push_str(l);
        }
    }
    if at >= lines.len() {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(tables);
    }
    out
}

/// Runs the import into `root/tasks.toml`, telling `say` what it did.
pub fn run(root: &Path, file: &Path, say: &mut dyn FnMut(String)) -> Result<(), UnitsError> {
    let sheets = read(file)?;
    let path = root.join(crate::load::TASKS);
    let old = crate::write::read_regular_text(&path).ok();
    let known: Vec<(String, String, Vec<String>)> = match &old {
        Some(text) => {
            let list: TaskList = toml::from_str(text).map_err(|_| UnitsError::TasksBroken)?;
            list.units
                .iter()
                .map(|u| {
                    (
                        u.id.get_ref().to_string(),
                        u.name.get_ref().clone(),
                        u.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                    )
                })
                .collect()
        }
        None => Vec::new(),
    };
    if !sheets
        .iter()
        .any(|s| s.rows.iter().any(|r| columns(r).is_some()))
    {
        return Err(UnitsError::NoHeader);
    }
    let (units, errors) = units(&sheets, &known);
    let rows = units.len() + errors.len();
    for e in &errors {
        say(e.clone());
    }
    if !errors.is_empty() {
        return Err(UnitsError::BadRows(errors.len()));
    }
    let tables = unit_tables(&units);
    let text = match &old {
        Some(text) => replace_units(text, &tables),
        None => format!("{}\n{tables}", m!("units.new-file")),
    };
    let kept = units
        .iter()
        .filter(|u| known.iter().any(|(id, ..)| *id == u.id))
        .count();
    let gone: Vec<&str> = known
        .iter()
        .filter(|(id, ..)| !units.iter().any(|u| u.id == *id))
        .map(|(_, name, _)| name.as_str())
        .collect();
    if let Some(old) = &old {
        let bak = root.join(format!("{}.bak", crate::load::TASKS));
        crate::write::file(&bak, old.as_bytes()).map_err(|e| UnitsError::Write(bak, e))?;
    }
    crate::write::file(&path, text.as_bytes()).map_err(|e| UnitsError::Write(path.clone(), e))?;
    say(m!(
        "units.done",
        rows = rows,
        units = units.len(),
        kept = kept,
        new = units.len() - kept,
        file = crate::load::TASKS
    ));
    if !gone.is_empty() {
        say(m!("units.gone", names = gone.join("、")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "单位".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            merged: Vec::new(),
        }
    }

    #[test]
    fn a_sheet_below_its_title_keeps_known_ids_and_names_bad_cells() {
        let _zh = crate::i18n::chinese();
        let s = sheet(&[
            &["广安区党史学习教育单位名单", "", "", "", ""],
            &["单位名称", "类型", "上级单位", "指导组", "党员数"],
            &["区委组织部", "党委（党组）", "", "第一巡回指导组", "35人"],
            &[
                "组织部机关党支部",
                "党支部",
                "区委组织部",
                "第一巡回指导组",
                "20",
            ],
            &["", "", "", "", ""],
            &["某某局", "党委（党组）", "区委", "", "三十"],
            &["某某局支部", "党支部", "某某厅", "", ""],
        ]);
        let known = vec![(
            "zuzhibu".to_string(),
            "区委组织部".to_string(),
            vec!["组织部".to_string()],
        )];
        let (read, errors) = units(&[s], &known);
        let again = units(&[sheet(&[&["单位名称"], &["组织部机关党支部"]])], &[]).0;
        let units = read;
        assert_eq!(units.len(), 3);
        assert_eq!(units[0].id, "zuzhibu");
        assert_eq!(units[0].members, Some(35));
        // No 别名 column: the unit's aliases stay.
        assert_eq!(units[0].aliases, ["组织部"]);
        // Renamed (found by its alias): the old name becomes an alias.
        let renamed = super::units(
            &[sheet(&[&["单位名称"], &["组织部"]])],
            &[("zuzhibu".into(), "区委组织部".into(), vec!["组织部".into()])],
        )
        .0;
        assert_eq!(
            (renamed[0].id.as_str(), renamed[0].aliases.clone()),
            ("zuzhibu", vec!["区委组织部".to_string()])
        );
        // A new unit's id comes from its name alone.
        assert_eq!(units[1].id, again[0].id);
        assert_eq!(
            errors,
            [
                "工作表「单位」第 6 行「党员数」列：党员数写的是「三十」；应写阿拉伯数字，如 35",
                "工作表「单位」第 7 行「上级单位」列：上级单位「某某厅」不在这张表里",
            ]
        );
        let t = unit_tables(&units[..2]);
        assert!(t.contains("[[unit]]\nid = \"zuzhibu\"\nname = \"区委组织部\"\nkind = \"党委（党组）\"\ngroup = \"第一巡回指导组\"\nmembers = 35\n"));
        assert!(t.contains("parent = \"zuzhibu\"\n"));
    }

    #[test]
    fn units_are_replaced_and_tasks_and_comments_kept() {
        let text = "#:schema x\n# 任务清单\n\n[[unit]]\nid = \"a\"\nname = \"甲\"\n\n# 任务\n[[task]]\nid = \"t\"\n\n[[unit]]\nid = \"b\"\nname = \"乙\"\n";
        let out = replace_units(text, "[[unit]]\nid = \"c\"\nname = \"丙\"\n\n");
        assert_eq!(
            out,
            "#:schema x\n# 任务清单\n\n[[unit]]\nid = \"c\"\nname = \"丙\"\n\n# 任务\n[[task]]\nid = \"t\"\n\n"
        );
        let none = replace_units(
            "# 只有注释\n[[task]]\nid = \"t\"\n",
            "[[unit]]\nid = \"c\"\n\n",
        );
        assert_eq!(
            none,
            "# 只有注释\n[[unit]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\n"
        );
    }
}
