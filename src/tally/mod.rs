//! `xuexi tally`: members' record codes -> the branch's 学习台账.
//!
//! In: texts holding record codes (chat exports, files members sent, standard input)
//! and the checked project. Out: a [`Ledger`] per plan (one row per member, their
//! latest record; counts per reading; the problems found, by source and line), written
//! as `.xlsx`, `.csv` or printable HTML by [`write`](mod@write); or a [`TallyError`]
//! when nothing can be tallied. Nothing is counted from a code that is damaged, of
//! another campaign or plan, or a duplicate.

pub mod code;
mod error;
pub mod msg;
pub mod roster;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::model::Project;
use crate::record_shape::{PlanShape, campaign_id, plan_shapes};
use code::Record;
pub use error::TallyError;

/// What `xuexi tally` was asked for.
pub struct Args {
    /// Texts to read; empty or `-`: standard input.
    pub files: Vec<PathBuf>,
    pub plan: Option<String>,
    /// Progress as of this day (default: today on this computer).
    pub date: Option<String>,
    /// The .xlsx to write (one plan only); default `台账-<plan>-<date>.xlsx` in the project.
    pub out: Option<PathBuf>,
    pub csv: bool,
    pub print: bool,
    /// The members' roster (花名册: 姓名, 支部), to name who has not reported.
    pub roster: Option<PathBuf>,
}

/// One problem with one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub source: String,
    pub line: usize,
    /// `支部 姓名` when the code could be read.
    pub who: String,
    pub what: String,
    /// The start of the code, to find it in the chat.
    pub code: String,
}

/// Where a member's record reading stands as of the ledger's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Ticked on this day.
    On(Date),
    /// Ticked before the site kept dates.
    Undated,
}

/// How far along a member is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    AllDone,
    OnTrack,
    Behind(usize),
}

/// One member's row.
#[derive(Debug, Clone)]
pub struct Member {
    pub branch: String,
    pub name: String,
    /// By reading.
    pub done: Vec<Option<Done>>,
    /// By quiz of the plan: the best score.
    pub best: Vec<Option<u64>>,
    pub read: usize,
    pub taken: usize,
    pub passed: usize,
    pub daily: usize,
    pub wrong: u64,
    pub progress: Progress,
    /// `2021-05-20 18:30`
    pub exported: String,
}

/// Counts for one reading of the plan.
#[derive(Debug, Clone, Default)]
pub struct ReadingCount {
    pub read: usize,
    pub on_time: usize,
    pub taken: usize,
    pub passed: usize,
}

/// The ledger of one plan.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub campaign: String,
    pub plan: PlanShape,
    pub as_of: Date,
    /// Sorted by branch, then name.
    pub members: Vec<Member>,
    pub readings: Vec<ReadingCount>,
    pub problems: Vec<Problem>,
    /// A subtotal per branch (see [`subtotals`]).
    pub branches: Vec<BranchTotal>,
    /// Whether a roster was given (the subtotals name who has not reported).
    pub roster: bool,
}

/// One branch's subtotal: who reported, how far they are, and with a roster who did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BranchTotal {
    pub branch: String,
    pub reported: usize,
    /// With a roster: its members of this branch, and those of them who sent nothing.
    pub on_roster: Option<usize>,
    pub missing: Vec<String>,
    pub all_done: usize,
    pub on_track: usize,
    pub behind: usize,
    pub passed: usize,
}

/// A branch's name as members and rosters are matched: without any spaces.
fn branch_key(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The ledger's members per branch (in the members' order, then the roster's branches
/// no member reported from), with the roster's members who sent nothing.
pub fn subtotals(l: &Ledger, roster: Option<&[roster::RosterRow]>) -> Vec<BranchTotal> {
    let mut out: Vec<BranchTotal> = Vec::new();
    let find = |out: &mut Vec<BranchTotal>, branch: &str| -> usize {
        let key = branch_key(branch);
        match out.iter().position(|b| branch_key(&b.branch) == key) {
            Some(i) => i,
            None => {
                out.push(BranchTotal {
                    branch: branch.trim().to_string(),
                    on_roster: roster.map(|_| 0),
                    ..BranchTotal::default()
                });
                out.len() - 1
            }
        }
    };
    for m in &l.members {
        let i = find(&mut out, &m.branch);
        let b = &mut out[i];
        b.reported += 1;
        match m.progress {
            Progress::AllDone => b.all_done += 1,
            Progress::OnTrack => b.on_track += 1,
            Progress::Behind(_) => b.behind += 1,
        }
        b.passed += m.passed;
    }
    for (_, name, branch) in roster.unwrap_or_default() {
        let i = find(&mut out, branch);
        let reported = l
            .members
            .iter()
            .any(|m| branch_key(&m.branch) == branch_key(branch) && m.name == *name);
        let b = &mut out[i];
        b.on_roster = Some(b.on_roster.unwrap_or(0) + 1);
        if !reported {
            b.missing.push(name.clone());
        }
    }
    out
}

/// A text to read and its name in messages.
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Reads the sources: each file (`-`: standard input), or standard input if none.
pub fn read_sources(files: &[PathBuf]) -> Result<Vec<Source>, TallyError> {
    let stdin = |()| -> Result<Source, TallyError> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(TallyError::CannotReadStdin)?;
        Ok(Source {
            name: msg::stdin(),
            text: decode_text(&bytes),
        })
    };
    if files.is_empty() {
        return Ok(vec![stdin(())?]);
    }
    files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                return stdin(());
            }
            let bytes = std::fs::read(f).map_err(|source| TallyError::CannotRead {
                path: f.clone(),
                source,
            })?;
            if bytes.starts_with(b"PK\x03\x04") || bytes.contains(&0) {
                return Err(TallyError::NotText(f.clone()));
            }
            Ok(Source {
                name: f.display().to_string(),
                text: decode_text(&bytes),
            })
        })
        .collect()
}

/// UTF-8 (with or without a BOM), else GB18030 as Windows chat exports may be.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// A code that was read, where it was.
struct Read {
    source: usize,
    line: usize,
    code: String,
    record: Record,
}

impl Read {
    /// A problem with this code: `what`, for the member it names (`支部 姓名`, each trimmed).
    fn problem(&self, sources: &[Source], what: String) -> Problem {
        Problem {
            source: sources[self.source].name.clone(),
            line: self.line,
            who: who(&self.record),
            what,
            code: clip(&self.code),
        }
    }
}

/// Who a record is of, as problems name them: `支部 姓名`, each trimmed, and only the
/// one there is when the other is empty.
fn who(r: &Record) -> String {
    [r.branch.trim(), r.name.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Who a record is of, as the ledger keeps members apart: its plan, 支部 and 姓名 (trimmed).
type MemberKey = (String, String, String);

fn member_key(r: &Record) -> MemberKey {
    (
        r.plan.clone(),
        r.branch.trim().to_string(),
        r.name.trim().to_string(),
    )
}

fn clip(code: &str) -> String {
    let s: String = code.chars().take(24).collect();
    if s.len() < code.len() { s + "…" } else { s }
}

/// The ledgers of the records in `sources`: one per plan found (or only `plan`), with
/// every problem; progress as of `as_of`.
pub fn tally(
    project: &Project,
    sources: &[Source],
    plan: Option<&str>,
    as_of: Date,
) -> Result<Vec<Ledger>, TallyError> {
    let campaign = campaign_id(&project.catalogue.campaign);
    let shapes = plan_shapes(project);
    if let Some(id) = plan
        && !shapes.iter().any(|s| s.id == id)
    {
        return Err(TallyError::NoPlan {
            id: id.to_string(),
            known: shapes.iter().map(|s| s.id.clone()).collect(),
        });
    }
    let (good, mut problems) = read_codes(sources, &campaign, &shapes, plan);
    let latest = latest_of_each_member(&good);
    problems.extend(older_records(&good, &latest, sources));
    // What is counted: each member's latest, by plan, 支部 and 姓名.
    let kept: Vec<&Read> = latest.values().map(|&i| &good[i]).collect();
    let mut ledgers = plan_ledgers(&campaign, &shapes, plan, as_of, &kept, sources);
    // Problems not tied to a plan go with every ledger written (usually one).
    for l in &mut ledgers {
        add_shared_problems(l, &problems, sources);
    }
    if ledgers.is_empty() && !problems.is_empty() {
        // Nothing counted: one empty ledger of the first plan, to show the problems.
        if let Some(shape) = shapes.first() {
            ledgers.push(ledger(&campaign, shape, as_of, Vec::new(), problems));
        }
    }
    Ok(ledgers)
}

/// Every code in `sources`, in order: the records that may be counted, and a problem
/// for each code that may not (damaged, a duplicate, or refused by [`refusal`]).
fn read_codes(
    sources: &[Source],
    campaign: &str,
    shapes: &[PlanShape],
    plan: Option<&str>,
) -> (Vec<Read>, Vec<Problem>) {
    let mut problems: Vec<Problem> = Vec::new();
    let mut good: Vec<Read> = Vec::new();
    // Each code read, with the line it was first on.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (si, s) in sources.iter().enumerate() {
        for f in code::find(&s.text) {
            let full = format!("{}{}:{}", code::PREFIX, f.version, f.body);
            let problem = |who: String, what: String| Problem {
                source: s.name.clone(),
                line: f.line,
                who,
                what,
                code: clip(&full),
            };
            let record = match code::decode(f.version, f.body) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(problem(String::new(), msg::code_error(&e)));
                    continue;
                }
            };
            let who = who(&record);
            if let Some(&first) = seen.get(&full) {
                problems.push(problem(who, msg::duplicate(first)));
                continue;
            }
            seen.insert(full.clone(), f.line);
            match refusal(&record, campaign, shapes, plan) {
                Some(what) => problems.push(problem(who, what)),
                None => good.push(Read {
                    source: si,
                    line: f.line,
                    code: full,
                    record,
                }),
            }
        }
    }
    (good, problems)
}

/// Why a record read whole is not counted, if it is not: of another campaign, of a plan
/// the campaign does not have or `--plan` did not choose, with another number of
/// readings than its plan (the plan was changed), or without a name.
fn refusal(
    record: &Record,
    campaign: &str,
    shapes: &[PlanShape],
    plan: Option<&str>,
) -> Option<String> {
    if record.campaign != campaign {
        return Some(msg::other_campaign(&record.campaign, campaign));
    }
    let Some(shape) = shapes.iter().find(|p| p.id == record.plan) else {
        return Some(msg::unknown_plan(&record.plan));
    };
    if plan.is_some_and(|p| p != record.plan) {
        Some(msg::other_plan(&record.plan))
    } else if record.readings.len() != shape.readings.len() {
        Some(msg::readings_differ(
            record.readings.len(),
            shape.readings.len(),
        ))
    } else if record.name.trim().is_empty() {
        Some(msg::no_name())
    } else {
        None
    }
}

/// Each member's latest record, as an index into `good`: by export time, then by place
/// in the input (of two exported at the same minute, the later one).
fn latest_of_each_member(good: &[Read]) -> BTreeMap<MemberKey, usize> {
    let mut latest: BTreeMap<MemberKey, usize> = BTreeMap::new();
    for (i, r) in good.iter().enumerate() {
        let key = member_key(&r.record);
        match latest.get(&key) {
            Some(&j) if good[j].record.exported > r.record.exported => {}
            _ => {
                latest.insert(key, i);
            }
        }
    }
    latest
}

/// A problem for each record that is not its member's latest, saying when the latest
/// was exported.
fn older_records(
    good: &[Read],
    latest: &BTreeMap<MemberKey, usize>,
    sources: &[Source],
) -> Vec<Problem> {
    good.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let newest = latest[&member_key(&r.record)];
            let newer = &good[newest].record.exported;
            (newest != i).then(|| r.problem(sources, msg::older(&newer.replace('T', " "))))
        })
        .collect()
}

/// A ledger for each plan that has members in `kept` (and for `plan`, even with none),
/// with the problems of that plan alone: quizzes a member took that it does not have.
fn plan_ledgers(
    campaign: &str,
    shapes: &[PlanShape],
    plan: Option<&str>,
    as_of: Date,
    kept: &[&Read],
    sources: &[Source],
) -> Vec<Ledger> {
    let mut ledgers = Vec::new();
    for shape in shapes {
        let mine: Vec<&Read> = kept
            .iter()
            .copied()
            .filter(|r| r.record.plan == shape.id)
            .collect();
        if mine.is_empty() && plan != Some(shape.id.as_str()) {
            continue;
        }
        let problems = mine
            .iter()
            .flat_map(|r| {
                r.record
                    .quizzes
                    .iter()
                    .filter(|q| !shape.quizzes.iter().any(|s| s.id == q.id))
                    .map(|q| r.problem(sources, msg::unknown_quiz(&q.id)))
            })
            .collect();
        let members = mine
            .iter()
            .map(|r| member(shape, &r.record, as_of))
            .collect();
        ledgers.push(ledger(campaign, shape, as_of, members, problems));
    }
    ledgers
}

/// Puts `shared` with the ledger's own problems, in the order of the input: by source,
/// then by line.
fn add_shared_problems(ledger: &mut Ledger, shared: &[Problem], sources: &[Source]) {
    let mut all = shared.to_vec();
    all.append(&mut ledger.problems);
    all.sort_by_key(|p| (sources.iter().position(|s| s.name == p.source), p.line));
    ledger.problems = all;
}

fn member(shape: &PlanShape, r: &Record, as_of: Date) -> Member {
    let done: Vec<Option<Done>> = r
        .readings
        .iter()
        .map(|x| match x.as_str() {
            "" => None,
            "?" => Some(Done::Undated),
            d => match d.parse::<Date>() {
                Ok(d) if d <= as_of => Some(Done::On(d)),
                _ => None,
            },
        })
        .collect();
    let best: Vec<Option<u64>> = shape
        .quizzes
        .iter()
        .map(|s| r.quizzes.iter().find(|q| q.id == s.id).map(|q| q.best))
        .collect();
    let passed = shape
        .quizzes
        .iter()
        .zip(&best)
        .filter(|(s, b)| matches!((s.pass, b), (Some(p), Some(b)) if *b >= p))
        .count();
    let read = done.iter().filter(|d| d.is_some()).count();
    let behind = shape
        .readings
        .iter()
        .zip(&done)
        .filter(|(s, d)| d.is_none() && s.due.parse::<Date>().is_ok_and(|due| due <= as_of))
        .count();
    let progress = if read == shape.readings.len() {
        Progress::AllDone
    } else if behind > 0 {
        Progress::Behind(behind)
    } else {
        Progress::OnTrack
    };
    Member {
        branch: r.branch.trim().to_string(),
        name: r.name.trim().to_string(),
        read,
        taken: best.iter().filter(|b| b.is_some()).count(),
        passed,
        done,
        best,
        daily: r.daily.len(),
        wrong: r.wrong,
        progress,
        exported: r.exported.replace('T', " "),
    }
}

fn ledger(
    campaign: &str,
    shape: &PlanShape,
    as_of: Date,
    mut members: Vec<Member>,
    problems: Vec<Problem>,
) -> Ledger {
    members.sort_by(|a, b| (&a.branch, &a.name).cmp(&(&b.branch, &b.name)));
    let readings = shape
        .readings
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let due = s.due.parse::<Date>().ok();
            let quiz = s
                .quiz
                .as_ref()
                .and_then(|q| shape.quizzes.iter().position(|x| &x.id == q));
            let mut c = ReadingCount::default();
            for m in &members {
                match &m.done[i] {
                    Some(Done::On(d)) => {
                        c.read += 1;
                        if due.is_some_and(|due| *d <= due) {
                            c.on_time += 1;
                        }
                    }
                    Some(Done::Undated) => c.read += 1,
                    None => {}
                }
                if let Some(q) = quiz
                    && let Some(best) = m.best[q]
                {
                    c.taken += 1;
                    if shape.quizzes[q].pass.is_some_and(|p| best >= p) {
                        c.passed += 1;
                    }
                }
            }
            c
        })
        .collect();
    Ledger {
        campaign: campaign.to_string(),
        plan: shape.clone(),
        as_of,
        members,
        readings,
        problems,
        branches: Vec::new(),
        roster: false,
    }
}

/// Runs `xuexi tally`: reads, tallies, writes; reports through `say`. Returns the
/// paths written.
pub fn run(
    root: &Path,
    project: &Project,
    args: &Args,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, TallyError> {
    let as_of = match &args.date {
        Some(d) => d
            .trim()
            .parse::<Date>()
            .map_err(|_| TallyError::BadDate(d.clone()))?,
        None => crate::clock::today(),
    };
    let sources = read_sources(&args.files)?;
    for s in &sources {
        say(&msg::read_summary(&s.name, code::find(&s.text).len()));
    }
    if sources.iter().all(|s| code::find(&s.text).is_empty()) {
        return Err(TallyError::NothingFound);
    }
    let roster = match &args.roster {
        Some(path) => {
            let sheets = crate::import::read::read(path)
                .map_err(|e| TallyError::Roster(path.clone(), e.to_string()))?;
            Some(roster::rows(&sheets).map_err(|why| TallyError::Roster(path.clone(), why))?)
        }
        None => None,
    };
    let mut ledgers = tally(project, &sources, args.plan.as_deref(), as_of)?;
    for l in &mut ledgers {
        l.branches = subtotals(l, roster.as_deref());
        l.roster = roster.is_some();
    }
    if args.out.is_some() && ledgers.len() > 1 {
        let ids = ledgers.iter().map(|l| l.plan.id.clone()).collect();
        return Err(TallyError::SeveralPlans(ids));
    }
    let mut written = Vec::new();
    for (i, l) in ledgers.iter().enumerate() {
        if i == 0 {
            for p in &l.problems {
                say(&msg::problem_line(&p.source, p.line, &p.who, &p.what));
            }
        }
        let xlsx = args
            .out
            .clone()
            .unwrap_or_else(|| root.join(format!("台账-{}-{}.xlsx", l.plan.id, l.as_of)));
        // `-o 台账.csv` asks for the CSV alone (not a workbook under a .csv name).
        let csv_only = crate::write::is_csv(&xlsx);
        let mut outputs = Vec::new();
        if !csv_only {
            outputs.push((xlsx.clone(), write::xlsx(l)?));
        }
        if args.csv || csv_only {
            outputs.push((xlsx.with_extension("csv"), write::csv(l)));
        }
        if args.print {
            outputs.push((xlsx.with_extension("html"), write::html(l).into_bytes()));
        }
        for (path, bytes) in outputs {
            crate::write::file(&path, &bytes).map_err(|source| TallyError::CannotWrite {
                path: path.clone(),
                source,
            })?;
            say(&msg::written(&path));
            written.push(path);
        }
        say(&msg::counted(
            &l.plan.id,
            l.members.len(),
            l.problems.len(),
            &l.as_of.to_string(),
        ));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_named_by_branch_and_name_without_stray_spaces() {
        let r = |branch: &str, name: &str| Record {
            campaign: String::new(),
            plan: String::new(),
            name: name.into(),
            branch: branch.into(),
            exported: String::new(),
            readings: Vec::new(),
            quizzes: Vec::new(),
            wrong: 0,
            daily: Vec::new(),
        };
        assert_eq!(who(&r(" 第一支部 ", " 张三 ")), "第一支部 张三");
        assert_eq!(who(&r("", "张三")), "张三");
        assert_eq!(who(&r(" ", "")), "");
    }

    #[test]
    fn what_stops_a_tally_is_said_in_words_and_keeps_its_cause() {
        let _zh = crate::i18n::chinese();
        let e = read_sources(&[PathBuf::from("/nonexistent/群聊.txt")])
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "无法读取 `/nonexistent/群聊.txt`：找不到这个文件或文件夹：请检查路径是否写对"
        );
        assert!(std::error::Error::source(&e).is_some());
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::check(root).project.unwrap();
        let e = tally(&project, &[], Some("nope"), crate::clock::today())
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "没有编号为 `nope` 的学习计划；本活动的计划：guangan-2021"
        );
    }
}
