//! Emit: outputs made from a checked project.
//!
//! In: the model. Out: the reader markup (`view`, shared by every output) and the Zola
//! content (`zola`), the daily practice draw (`daily`), the search
//! index (`search`); plan schedules (`schedule`) and their calendars (`ics`);
//! single-file offline copies (`offline`) and printable papers (`paper`); the
//! member's record page (`record`); the branch's ledger page (`tally`); the task list's
//! pages for units (`tasks`).

pub mod assets;
pub mod brand;
pub mod daily;
pub mod ics;
pub mod offline;
pub mod paper;
pub mod record;
pub mod search;
pub mod tally;
pub mod tasks;
pub mod view;
pub mod zola;
