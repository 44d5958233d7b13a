//! The task list's part of the site (only with a `tasks.toml`): the 任务清单 page and
//! the unit's page, where a unit's clerk ticks the unit's tasks and sends a 任务回执.
//!
//! In: nothing (the views are `view::TaskListView` and `view::UnitView`). Out: the
//! unit page's script, `views/tasks.js` (built in, published as `tasks/tasks.js` and
//! inlined in the task list's offline copy), which keeps the unit's ticks on the device
//! and writes the receipt code (`docs/receipt-code.zh-CN.md`, the format
//! `crate::supervise::receipt` reads), its text block, QR code and file, and the unit's
//! calendar; it takes the byte rules and the QR code from `views/record.js`.

/// The task pages' script: xuexi's own, so projects made before it have it too.
pub const SCRIPT: &str = include_str!("views/tasks.js");

/// Where the site publishes [`SCRIPT`], under `site/content/`.
pub const SCRIPT_PATH: &str = "tasks/tasks.js";

/// The folder of the task pages under `site/content/`.
pub const DIR: &str = "tasks";
