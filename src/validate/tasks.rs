//! The task list (`tasks.toml`): units with unique ids and names and a parent chain
//! without a loop; tasks with unique ids, a `for` that names units, one schedule that
//! makes sense inside the campaign, and links to materials, plans and quizzes there are.

use std::collections::{BTreeMap, HashMap};

use super::{Validator, list};
use crate::diag::{Diagnostic, FileId, did_you_mean};
use crate::model::tasks::{Task, TaskList};
use crate::model::{Catalogue, Date, Slug, Spanned};

impl Validator {
    pub(super) fn tasks(
        &mut self,
        file: FileId,
        t: &TaskList,
        catalogue: Option<&Catalogue>,
        quiz_ids: &[&str],
    ) {
        self.unique(file, &m!("noun.unit"), t.units.iter().map(|u| &u.id));
        self.unique(file, &m!("noun.task"), t.tasks.iter().map(|t| &t.id));
        self.unit_names(file, t);
        let ids: Vec<&str> = t.units.iter().map(|u| u.id.get_ref().as_str()).collect();
        for u in &t.units {
            if let Some(p) = &u.parent {
                self.resolve(file, &m!("noun.unit"), p, &ids);
            }
            if let Some(n) = &u.members
                && *n.get_ref() < 0
            {
                self.push(
                    Diagnostic::error(file, n.span(), m!("unit.members", n = n.get_ref()))
                        .label(m!("unit.members.label")),
                );
            }
        }
        self.parent_loops(file, t);
        // A unit's name or alias written where its id belongs: named with its id.
        let by_name: Vec<(&str, &str, &str)> = t
            .units
            .iter()
            .flat_map(|u| {
                let id = u.id.get_ref().as_str();
                let name = u.name.get_ref().as_str();
                std::iter::once((name, id, name)).chain(
                    u.aliases
                        .iter()
                        .map(move |a| (a.get_ref().as_str(), id, name)),
                )
            })
            .collect();
        let mut kinds: Vec<&str> = t
            .units
            .iter()
            .filter_map(|u| u.kind.as_ref().map(|k| k.get_ref().as_str()))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        for task in &t.tasks {
            self.not_empty(file, &m!("noun.task-title"), &task.title);
            self.task_units(file, task, &ids, &kinds, &by_name);
            self.task_schedule(file, task, catalogue);
            if let Some(c) = catalogue {
                let materials: Vec<&str> = c
                    .materials
                    .iter()
                    .map(|m| m.id.get_ref().as_str())
                    .collect();
                let plans: Vec<&str> = c.plans.iter().map(|p| p.id.get_ref().as_str()).collect();
                if let Some(m) = &task.material {
                    self.resolve(file, &m!("noun.material"), m, &materials);
                }
                if let Some(p) = &task.plan {
                    self.resolve(file, &m!("noun.plan"), p, &plans);
                }
            }
            if let Some(q) = &task.quiz {
                self.resolve(file, &m!("noun.quiz"), q, quiz_ids);
            }
        }
    }

    /// No two units share a name or an alias: a member's 支部 must name one unit.
    fn unit_names(&mut self, file: FileId, t: &TaskList) {
        let mut seen: HashMap<&str, (std::ops::Range<usize>, &str)> = HashMap::new();
        for u in &t.units {
            self.not_empty(file, &m!("noun.unit-name"), &u.name);
            let unit = u.id.get_ref().as_str();
            for name in std::iter::once(&u.name).chain(&u.aliases) {
                let key = name.get_ref().trim();
                if key.is_empty() {
                    continue;
                }
                match seen.get(key) {
                    Some((first, owner)) if *owner != unit => self.push(
                        Diagnostic::error(file, name.span(), m!("unit.name-twice", name = key))
                            .label(m!("dup.again"))
                            .also(file, first.clone(), m!("dup.first"))
                            .note(m!("unit.name-twice.note")),
                    ),
                    Some(_) => {}
                    None => {
                        seen.insert(key, (name.span(), unit));
                    }
                }
            }
        }
    }

    /// A unit above itself (`a` under `b` under `a`): reported once per loop, at the
    /// unit of the loop that comes first in the file.
    fn parent_loops(&mut self, file: FileId, t: &TaskList) {
        let parent: BTreeMap<&str, &Spanned<Slug>> = t
            .units
            .iter()
            .filter_map(|u| u.parent.as_ref().map(|p| (u.id.get_ref().as_str(), p)))
            .collect();
        let mut reported: Vec<&str> = Vec::new();
        for u in &t.units {
            let start = u.id.get_ref().as_str();
            if reported.contains(&start) {
                continue;
            }
            let mut path = vec![start];
            let mut at = start;
            while let Some(p) = parent.get(at) {
                let next = p.get_ref().as_str();
                if next == start {
                    let chain = path
                        .iter()
                        .chain(std::iter::once(&start))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" → ");
                    reported.extend(path.iter().copied());
                    let p = parent[start];
                    self.push(
                        Diagnostic::error(file, p.span(), m!("unit.loop", chain = chain))
                            .label(m!("unit.loop.label"))
                            .note(m!("unit.loop.note")),
                    );
                    break;
                }
                if path.contains(&next) {
                    break;
                }
                path.push(next);
                at = next;
            }
        }
    }

    /// Every entry of `for` is a unit id or a unit kind.
    fn task_units(
        &mut self,
        file: FileId,
        task: &Task,
        ids: &[&str],
        kinds: &[&str],
        by_name: &[(&str, &str, &str)],
    ) {
        if task.units.get_ref().is_empty() {
            self.push(
                Diagnostic::error(file, task.units.span(), m!("task.for-empty"))
                    .label(m!("task.for-empty.label")),
            );
        }
        for who in task.units.get_ref() {
            let name = who.get_ref().as_str();
            if ids.contains(&name) || kinds.contains(&name) {
                continue;
            }
            let mut d = Diagnostic::error(file, who.span(), m!("task.for-unknown", name = name))
                .label(m!("task.for-unknown.label"));
            let named = by_name.iter().find(|(n, ..)| n.trim() == name.trim());
            d = match did_you_mean(name, ids.iter().chain(kinds).copied()) {
                _ if named.is_some() => {
                    let (_, id, unit) = named.copied().unwrap_or_default();
                    d.note(m!("task.for-name", unit = unit, id = id))
                }
                Some(hint) => d.note(hint),
                None if ids.is_empty() => d.note(m!("unknown.none", what = m!("noun.unit"))),
                None => d.note(m!(
                    "task.for-known",
                    ids = list(ids),
                    kinds = if kinds.is_empty() {
                        m!("task.for-no-kinds")
                    } else {
                        list(kinds)
                    }
                )),
            };
            self.push(d);
        }
    }

    /// One of `due`, `times`, `weekday`, with the fields it needs and no others, inside
    /// the campaign.
    fn task_schedule(&mut self, file: FileId, task: &Task, catalogue: Option<&Catalogue>) {
        let given: Vec<(&str, std::ops::Range<usize>)> = [
            task.due.as_ref().map(|d| ("due", d.span())),
            task.times.as_ref().map(|d| ("times", d.span())),
            task.weekday.as_ref().map(|d| ("weekday", d.span())),
        ]
        .into_iter()
        .flatten()
        .collect();
        match given.as_slice() {
            [] => {
                self.push(
                    Diagnostic::error(file, task.id.span(), m!("task.when-none"))
                        .label(m!("task.when-none.label"))
                        .note(m!("task.when-none.note")),
                );
                return;
            }
            [_] => {}
            [(a, first), (b, second), ..] => {
                self.push(
                    Diagnostic::error(file, second.clone(), m!("task.when-two", a = a, b = b))
                        .label(m!("task.when-two.label"))
                        .also(file, first.clone(), *a),
                );
                return;
            }
        }
        if let Some(t) = &task.times {
            if *t.get_ref() < 1 || *t.get_ref() > 366 {
                self.push(
                    Diagnostic::error(file, t.span(), m!("task.times-bad", n = t.get_ref()))
                        .label(m!("task.times-bad.label")),
                );
            }
            if task.from.is_none() || task.until.is_none() {
                let missing = match (&task.from, &task.until) {
                    (None, None) => "`from`、`until`",
                    (None, _) => "`from`",
                    _ => "`until`",
                };
                self.push(
                    Diagnostic::error(file, t.span(), m!("task.times-period", missing = missing))
                        .label(m!("task.times-period.label"))
                        .note(m!("task.times-period.note")),
                );
            }
        }
        if task.due.is_some() {
            for (name, d) in [("from", &task.from), ("until", &task.until)] {
                if let Some(d) = d {
                    self.push(
                        Diagnostic::error(file, d.span(), m!("task.period-unused", name = name))
                            .label(m!("task.period-unused.label")),
                    );
                }
            }
        }
        self.period(file, task.from.as_ref(), task.until.as_ref());
        match &task.weekday {
            Some(w) => self.skips(file, *w.get_ref(), &task.skip),
            None => {
                if let Some(s) = task.skip.first() {
                    self.push(
                        Diagnostic::error(file, s.span(), m!("task.skip-unused"))
                            .label(m!("task.skip-unused.label")),
                    );
                }
            }
        }
        let Some(c) = catalogue else { return };
        let dates: [(&str, Option<&Spanned<Date>>); 3] = [
            ("due", task.due.as_ref()),
            ("from", task.from.as_ref()),
            ("until", task.until.as_ref()),
        ];
        let (start, end) = (c.campaign.start.get_ref(), c.campaign.end.get_ref());
        for (name, d) in dates {
            if let Some(d) = d
                && (d.get_ref() < start || d.get_ref() > end)
            {
                self.push(
                    Diagnostic::error(
                        file,
                        d.span(),
                        m!(
                            "task.outside",
                            name = name,
                            d = d.get_ref(),
                            start = start,
                            end = end
                        ),
                    )
                    .label(m!("task.outside.label"))
                    .note(m!("task.outside.note")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Severity;
    use crate::validate::tests::{CATALOGUE, QUIZ};

    const TASKS: &str = r#"
[[unit]]
id = "quwei"
name = "区委"

[[unit]]
id = "zuzhibu"
name = "区委组织部"
kind = "党委（党组）"
parent = "quwei"
aliases = ["组织部"]

[[unit]]
id = "zhibu-1"
name = "第一党支部"
kind = "党支部"
parent = "zuzhibu"
members = 30

[[task]]
id = "dushuban"
title = "举办专题读书班"
for = ["zuzhibu"]
due = 2021-04-30
material = "jianshi"

[[task]]
id = "zhongxinzu"
title = "中心组学习"
for = ["党委（党组）"]
times = 4
from = 2021-04-08
until = 2021-12-31

[[task]]
id = "wuyi"
title = "红色星期五"
for = ["党支部"]
weekday = "friday"
skip = [2021-10-01]
plan = "plan"
quiz = "quiz"
"#;

    /// (severity, message, line:col) of every diagnostic of the project with `tasks`.
    fn run(tasks: &str) -> Vec<(Severity, String, String)> {
        let _zh = crate::i18n::chinese();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("catalogue.toml"), CATALOGUE).unwrap();
        std::fs::create_dir(dir.path().join("quizzes")).unwrap();
        std::fs::write(dir.path().join("quizzes/quiz.toml"), QUIZ).unwrap();
        std::fs::write(dir.path().join("tasks.toml"), tasks).unwrap();
        let checked = crate::check(dir.path());
        checked
            .diagnostics
            .iter()
            .map(|d| {
                let at = match &d.place {
                    crate::diag::Place::Span(f, s) => {
                        let before = &checked.files.source(*f)[..s.start];
                        let line = before.matches('\n').count() + 1;
                        let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
                        format!("{line}:{col}")
                    }
                    _ => String::new(),
                };
                (d.severity, d.message.clone(), at)
            })
            .collect()
    }

    fn errors(tasks: &str) -> Vec<String> {
        run(tasks)
            .into_iter()
            .filter(|(s, ..)| *s == Severity::Error)
            .map(|(_, m, at)| format!("{at} {m}"))
            .collect()
    }

    fn edit(pairs: &[(&str, &str)]) -> String {
        pairs.iter().fold(TASKS.to_string(), |t, (from, to)| {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        })
    }

    #[test]
    fn the_base_list_is_clean() {
        assert_eq!(run(TASKS), vec![]);
    }

    #[test]
    fn every_mistake_of_a_kind_is_reported_in_one_run() {
        let by_alias = edit(&[("for = [\"zuzhibu\"]", "for = [\"组织部\"]")]);
        let d = run(&by_alias);
        assert_eq!(d.len(), 1);
        let _zh = crate::i18n::chinese();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("catalogue.toml"), CATALOGUE).unwrap();
        std::fs::create_dir(dir.path().join("quizzes")).unwrap();
        std::fs::write(dir.path().join("quizzes/quiz.toml"), QUIZ).unwrap();
        std::fs::write(dir.path().join("tasks.toml"), &by_alias).unwrap();
        let checked = crate::check(dir.path());
        assert_eq!(
            checked.diagnostics[0].notes,
            ["这是单位「区委组织部」的名称或别名；`for` 里写单位编号 `zuzhibu`（或单位类型）"]
        );
        let t = edit(&[
            ("id = \"zhongxinzu\"", "id = \"dushuban\""),
            ("for = [\"zuzhibu\"]", "for = [\"zuzhbu\", \"宣传部门\"]"),
            ("due = 2021-04-30", "due = 2022-04-30"),
            ("material = \"jianshi\"", "material = \"jianshu\""),
            ("from = 2021-04-08\nuntil = 2021-12-31\n", ""),
        ]);
        assert_eq!(
            errors(&t),
            vec![
                "23:8 `for` 里的 `zuzhbu` 既不是单位编号，也不是单位类型",
                "23:18 `for` 里的 `宣传部门` 既不是单位编号，也不是单位类型",
                "24:7 `due` 的日期 2022-04-30 不在学习活动期间（2021-04-08 至 2021-12-31）",
                "25:12 没有编号为 `jianshu` 的学习材料",
                "28:6 任务编号 `dushuban` 重复了",
                "31:9 写了 `times`，没有写 `from`、`until`",
            ]
        );
    }

    #[test]
    fn units_named_twice_or_in_a_circle() {
        let t = edit(&[
            ("aliases = [\"组织部\"]", "aliases = [\"区委\"]"),
            ("name = \"区委\"", "name = \"区委\"\nparent = \"zhibu-1\""),
            ("members = 30", "members = -3"),
        ]);
        assert_eq!(
            errors(&t),
            vec![
                "5:10 上级单位绕成了一个圈：quwei → zhibu-1 → zuzhibu → quwei",
                "12:12 单位名称「区委」用了两次",
                "19:11 党员人数是 -3",
            ]
        );
    }

    #[test]
    fn a_schedule_is_one_of_three_and_whole() {
        let t = edit(&[
            ("due = 2021-04-30", "due = 2021-04-30\nweekday = \"friday\""),
            ("times = 4", "times = 0"),
        ]);
        assert_eq!(
            errors(&t),
            vec!["25:11 `due` 和 `weekday` 只能写一个", "32:9 `times` 是 0",]
        );
        // A value of the wrong form is the parser's to tell, as in the catalogue.
        let chinese = edit(&[("weekday = \"friday\"\nskip", "weekday = \"星期五\"\nskip")]);
        assert_eq!(
            errors(&chinese),
            vec![
                "39:11 不认识的值 `星期五`，可以写：`monday`、`tuesday`、`wednesday`、`thursday`、`friday`、`saturday`、`sunday`"
            ]
        );
        let none = edit(&[("due = 2021-04-30\n", "")]);
        assert_eq!(errors(&none), vec!["21:6 这项任务没有写什么时候完成"]);
        let both = edit(&[("due = 2021-04-30", "due = 2021-04-30\nfrom = 2021-04-08")]);
        assert_eq!(errors(&both), vec!["25:8 截止日期任务不用写 `from`"]);
    }
}
