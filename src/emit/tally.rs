//! The 支部台账 page: `xuexi tally` in the browser, for a branch secretary with only the
//! published site (a phone, an office PC with WPS).
//!
//! In: the checked project. Out: the view of `views/tally.html`: the campaign id and the
//! plans' shapes (from `crate::record_shape`, as the record page and `xuexi tally` have
//! them) and the ledger's words (from the CLI's own: the message catalogue's `tally.*`
//! keys in Chinese and `crate::tally::msg`, so the page and the CLI say the same), as
//! JSON for `views/tally.js` (built in, published as `practice/tally.js`), which reads
//! the codes with `views/record.js`'s byte rules and tallies them as `crate::tally` does.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Project;
use crate::record_shape::{campaign_id, plan_shapes};
use crate::tally::msg;

/// The ledger page's script: xuexi's own, so projects made before it have it too.
pub const SCRIPT: &str = include_str!("views/tally.js");

/// Where the site publishes [`SCRIPT`], under `site/content/`.
pub const SCRIPT_PATH: &str = "practice/tally.js";

/// The ledger page.
#[derive(Serialize)]
pub struct TallyView {
    pub campaign: String,
    /// The plans, as JSON for the script.
    pub plans: String,
    /// The ledger's words, as JSON for the script ([`words`]).
    pub words: String,
}

pub fn view(project: &Project) -> TallyView {
    TallyView {
        campaign: campaign_id(&project.catalogue.campaign),
        plans: serde_json::to_string(&plan_shapes(project)).expect("plans serialize as JSON"),
        words: serde_json::to_string(&words()).expect("words serialize as JSON"),
    }
}

/// A number no ledger word holds, standing for a placeholder while a word is made.
const HOLE: usize = 987_654_321;

/// `f`'s words with [`HOLE`] written as `{n}`: a template of the words `f` makes of a
/// number.
fn hole(f: impl Fn(usize) -> String) -> String {
    f(HOLE).replace(&HOLE.to_string(), "{n}")
}

/// Every word the page's ledger uses, by the name `tally.js` gives it: the catalogue's
/// `tally.*` messages in Chinese (the ledger is a Chinese document for the branch,
/// whatever the language of the CLI's messages), as templates with the CLI's
/// placeholders; then the ledger's own words of [`msg`], with `{n}`, `{due}`, `{plan}`
/// and `{as_of}` where they take a value.
pub fn words() -> BTreeMap<&'static str, String> {
    let zh = crate::i18n::parse(crate::i18n::ZH_CN);
    let catalogue = [
        ("version", "tally.code.version"),
        ("damaged", "tally.code.damaged"),
        ("malformed", "tally.code.malformed"),
        ("why.short", "tally.malformed.short"),
        ("why.trailing", "tally.malformed.trailing"),
        ("why.long-number", "tally.malformed.long-number"),
        ("why.not-utf8", "tally.malformed.not-utf8"),
        ("why.date", "tally.malformed.date"),
        ("why.export-time", "tally.malformed.export-time"),
        ("why.daily-count", "tally.malformed.daily-count"),
        ("other_campaign", "tally.other-campaign"),
        ("unknown_plan", "tally.unknown-plan"),
        ("readings_differ", "tally.readings-differ"),
        ("no_name", "tally.no-name"),
        ("duplicate", "tally.duplicate"),
        ("older", "tally.older"),
        ("unknown_quiz", "tally.unknown-quiz"),
        ("read", "tally.read"),
        ("not_text", "tally.not-text"),
        ("branches", "tally.sheet.branches"),
        ("col_branch", "tally.col.branch"),
        ("col_reported", "tally.col.reported"),
        ("col_behind", "tally.col.behind"),
        ("col_passed", "tally.col.passed"),
        ("total", "tally.total"),
    ];
    let mut w: BTreeMap<&'static str, String> = catalogue
        .into_iter()
        .map(|(name, key)| {
            let text = zh
                .get(key)
                .expect("the ledger's words are in the catalogue");
            (name, text.clone())
        })
        .collect();
    let fixed = [
        ("members", msg::SHEET_MEMBERS),
        ("readings", msg::SHEET_READINGS),
        ("problems", msg::SHEET_PROBLEMS),
        ("number", msg::NUMBER),
        ("branch", msg::BRANCH),
        ("name", msg::NAME),
        ("undated", msg::READ_UNDATED),
        ("progress", msg::PROGRESS),
        ("exported", msg::EXPORTED),
        ("daily", msg::DAILY),
        ("wrong", msg::WRONG),
        ("due", msg::DUE),
        ("reading", msg::READING),
        ("quiz", msg::QUIZ),
        ("source", msg::SOURCE),
        ("line", msg::LINE),
        ("problem", msg::PROBLEM),
        ("code", msg::CODE),
        ("no_problems", msg::NO_PROBLEMS),
        ("sign", msg::SIGN),
        ("on_time", msg::ON_TIME),
        ("rate", msg::RATE),
        ("taken", msg::TAKEN),
        ("passed_count", msg::PASSED_COUNT),
        ("ok", msg::PROGRESS_OK),
        ("done", msg::PROGRESS_DONE),
    ];
    w.extend(fixed.into_iter().map(|(k, v)| (k, v.to_string())));
    let n = HOLE as u64;
    w.extend([
        ("reading_head", hole(|n| msg::reading_head(n, "{due}"))),
        ("read_total", hole(msg::read_total)),
        ("taken_total", hole(msg::taken_total)),
        ("passed_total", hole(msg::passed_total)),
        ("members_read", hole(msg::members_read)),
        ("behind", hole(msg::progress_behind)),
        ("title", msg::title("{plan}", "{as_of}")),
        ("note", hole(|n| msg::print_note(n, "{as_of}"))),
        ("score_passed", hole(|_| msg::score(n, Some(0)))),
        ("score_failed", hole(|_| msg::score(n, Some(u64::MAX)))),
    ]);
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's words are the CLI's: a few, made back into the CLI's lines.
    #[test]
    fn the_words_are_the_clis() {
        let w = words();
        assert_eq!(w["reading_head"], "第{n}次\n{due}");
        assert_eq!(w["behind"], "落后 {n} 次");
        assert_eq!(w["score_passed"], "{n}（及格）");
        assert_eq!(w["score_failed"], "{n}（未及格）");
        assert_eq!(w["title"], "学习台账：{plan}（进度截至 {as_of}）");
        assert_eq!(
            w["note"]
                .replace("{n}", "3")
                .replace("{as_of}", "2021-06-30"),
            msg::print_note(3, "2021-06-30")
        );
        let _zh = crate::i18n::chinese();
        assert_eq!(w["duplicate"].replace("{line}", "7"), msg::duplicate(7));
        assert_eq!(w["total"], m!("tally.total"));
        assert!(w.values().all(|v| !v.contains(&HOLE.to_string())));
    }
}
