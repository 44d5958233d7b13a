//! Why `xuexi tally` stopped without writing a ledger.
//!
//! In: what failed, with the underlying error as its source. Out: one [`TallyError`]
//! per failure, shown to the branch secretary in the language of messages from the
//! catalogue (keys `tally.*`; reading a file shares the words of `import`, writing one
//! those of every command, `write.io`).
//! Problems with single codes are not here: they are [`Problem`](super::Problem)s,
//! listed in the ledger.

use std::io;
use std::path::PathBuf;

/// Why a tally stopped; no ledger was written (or, for [`TallyError::CannotWrite`], not
/// all of them).
#[derive(Debug, thiserror::Error)]
pub enum TallyError {
    /// A file of records could not be read.
    #[error("{}", m!("unreadable", rel = .path.display(), e = crate::i18n::Io(.source)))]
    CannotRead {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Standard input could not be read.
    #[error("{}", m!("unreadable", rel = m!("tally.stdin"), e = crate::i18n::Io(.0)))]
    CannotReadStdin(#[source] io::Error),
    /// A workbook or another binary file given where a text with codes was expected.
    #[error("{}", m!("tally.not-text", path = .0.display()))]
    NotText(PathBuf),
    /// `--date` as given.
    #[error("{}", m!("tally.bad-date", text = .0))]
    BadDate(String),
    /// `--plan` names no plan; `known` are the campaign's plans.
    #[error("{}", m!("tally.no-plan", id = .id, known = .known.join("、")))]
    NoPlan { id: String, known: Vec<String> },
    /// No text read holds a record code.
    #[error("{}", m!("tally.nothing-found"))]
    NothingFound,
    /// `-o` names one file but the codes are of these plans.
    #[error("{}", m!("tally.several-plans", plans = .0.join("、")))]
    SeveralPlans(Vec<String>),
    /// The workbook could not be made (the library's words).
    #[error("{}", m!("tally.xlsx", e = .0))]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The roster could not be read, and why.
    #[error("{}", m!("supervise.roster.bad", path = .0.display(), why = .1))]
    Roster(PathBuf, String),
    /// A ledger file could not be written.
    #[error("{}", m!("write.io", path = .path.display(), e = crate::i18n::Io(.source)))]
    CannotWrite {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}
