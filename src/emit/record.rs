//! The record page (我的学习记录): what a member's device holds about the campaign, to
//! read and to send to the branch as a record code.
//!
//! In: the checked project. Out: the view of `views/record.html`: the campaign id and
//! the plans' shapes (readings by position, their quizzes with pass marks; from
//! `crate::record_shape`, which `xuexi tally` reads the codes against) as JSON for
//! `views/record.js` (built in, published as `practice/record.js`), which reads the
//! device's storage, shows the record and writes the code (the format `crate::tally::code`
//! reads), its text block, QR code and file. The site has it as a page; a plan's offline
//! copy has it for that plan.

use serde::Serialize;

use crate::model::{Plan, Project};
use crate::record_shape::{PlanShape, campaign_id, plan_shapes};

/// The record page's script: xuexi's own, so projects made before it have it too.
pub const SCRIPT: &str = include_str!("views/record.js");

/// Where the site publishes [`SCRIPT`], under `site/content/`.
pub const SCRIPT_PATH: &str = "practice/record.js";

/// The record page.
#[derive(Serialize)]
pub struct RecordView {
    /// The id of the page's article in an offline copy (none on the site).
    pub anchor: String,
    pub campaign: String,
    /// The plans, as JSON for the script.
    pub plans: String,
    /// How many plans (the plan picker shows with more than one).
    pub count: usize,
}

/// The view for every plan (the site's page) or for one (an offline copy).
pub fn view(project: &Project, only: Option<&Plan>, anchor: String) -> RecordView {
    let plans: Vec<PlanShape> = plan_shapes(project)
        .into_iter()
        .filter(|s| only.is_none_or(|p| p.id.get_ref().as_str() == s.id))
        .collect();
    RecordView {
        anchor,
        campaign: campaign_id(&project.catalogue.campaign),
        count: plans.len(),
        plans: serde_json::to_string(&plans).expect("plans serialize as JSON"),
    }
}
