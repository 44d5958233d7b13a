//! `xuexi supervise`: units' receipts (codes and filled forms) -> the office's 督导台账.
//!
//! In: the checked project with its task list, and texts holding receipt codes or
//! filled receipt forms. Out: the ledger of units × tasks as of a day, the 通报, a sheet
//! per inspection group and the problems found, written as `.xlsx`, `.csv` or
//! printable HTML; the blank forms (`--forms`) and the inspection checklists.

pub mod form;
pub mod receipt;
pub mod status;
