//! Why `xuexi import` or `xuexi export` stopped without writing.
//!
//! In: what failed, with the underlying error as its source. Out: one [`ImportError`]
//! per failure, shown in the author's language from the message catalogue (keys
//! `import.*`; a file that cannot be written has the words of every command, `write.io`,
//! with the system's reason through [`Io`](crate::i18n::Io)). Problems with single rows
//! are not here: they are collected as [`RowError`](super::RowError)s so that every bad
//! row is reported.

use std::io;
use std::path::PathBuf;

use super::ids::ExistingError;
use super::ods::OdsError;

/// Why an import or an export stopped; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file to import is not `.xlsx`, `.xls`, `.ods` or `.csv`.
    #[error("{}", m!("import.bad-extension", path = .0.display()))]
    BadExtension(PathBuf),
    /// The file could not be read (no such file, no permission…).
    #[error("{}", m!("unreadable", rel = .path.display(), e = crate::i18n::Io(.source)))]
    CannotRead {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A link, a folder or a device stands where the file should be (`what` says which).
    #[error("{}", m!("unreadable", rel = .path.display(), e = m!("notafile", rel = .path.display(), what = .what)))]
    NotAFile {
        path: PathBuf,
        what: crate::write::NotRegular,
    },
    /// A `.csv` file the CSV reader cannot read.
    #[error("{}", m!("import.not-csv", path = .path.display(), line = .source.position().map_or(0, |p| p.line())))]
    NotCsv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    /// A `.xlsx`, `.xls` or `.ods` file calamine cannot open.
    #[error("{}", m!("import.not-a-book", path = .path.display(), e = Book(.source)))]
    NotABook {
        path: PathBuf,
        #[source]
        source: calamine::Error,
    },
    /// The merged cells of an `.ods` file could not be read (calamine read the rest).
    #[error("{}", m!("import.not-a-book", path = .path.display(), e = Merges(.source)))]
    OdsMerges {
        path: PathBuf,
        #[source]
        source: OdsError,
    },
    /// A workbook without a sheet.
    #[error("{}", m!("import.no-sheet", path = .0.display()))]
    NoSheet(PathBuf),
    /// One sheet of the workbook could not be read.
    #[error("{}", m!("import.cannot-read-sheet", sheet = .sheet, e = Book(.source)))]
    CannotReadSheet {
        sheet: String,
        #[source]
        source: calamine::Error,
    },
    /// `--quiz` is not a valid id; the text says why.
    #[error("{}", m!("import.bad-quiz-id", why = .0))]
    BadQuizId(crate::model::Invalid),
    /// The bank being updated does not read as a bank.
    #[error("{}", m!("import.existing-broken", path = .path.display(), e = .source))]
    ExistingBroken {
        path: PathBuf,
        #[source]
        source: ExistingError,
    },
    /// This many rows had problems (each was reported) and `--skip-bad` was not given.
    #[error("{}", m!("import.bad-rows", n = .0))]
    BadRows(usize),
    /// No good row in any sheet.
    #[error("{}", m!("import.nothing"))]
    NothingToImport,
    /// `--material` (or the bank's `material`) names no material of the catalogue.
    #[error("{}", m!("import.unknown-material", m = .0))]
    UnknownMaterial(String),
    /// `draw` (from `--draw` or the bank) is below 1 or above the number of questions.
    #[error("{}", m!("import.draw-too-big", draw = .draw, n = .questions))]
    DrawTooBig { draw: i64, questions: usize },
    /// The bank would not pass `check` (its settings: the rows were checked one by
    /// one): what `check` says of it.
    #[error("{}", m!("import.not-checked", diagnostics = .0.trim_end()))]
    NotChecked(String),
    /// The bank, the copy of the old one, or the export could not be written.
    #[error("{}", m!("write.io", path = .path.display(), e = crate::i18n::Io(.source)))]
    CannotWrite {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The export's file is not `.xlsx` or `.csv`.
    #[error("{}", m!("import.export-extension", path = .0.display()))]
    ExportExtension(PathBuf),
    /// The export's sheet could not be made (writing it is [`ImportError::CannotWrite`]).
    #[error("{}", m!("write.io", path = .path.display(), e = .source))]
    CannotExport {
        path: PathBuf,
        #[source]
        source: ExportFailure,
    },
}

/// What failed while making an export's sheet in memory (shown as the library says it).
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Why a workbook did not open, in the author's words; the library's own description
/// (English, about zip archives and OLE signatures) says nothing to a clerk.
struct Book<'a>(&'a calamine::Error);

impl std::fmt::Display for Book<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            calamine::Error::Io(e) => crate::i18n::Io(e).fmt(f),
            calamine::Error::Ods(calamine::OdsError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password) => {
                f.write_str(&m!("import.book.password"))
            }
            _ => f.write_str(&m!("import.book.damaged")),
        }
    }
}

/// Why the merged cells of an `.ods` file could not be read, in the author's words.
struct Merges<'a>(&'a OdsError);

impl std::fmt::Display for Merges<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            OdsError::Io(e) => crate::i18n::Io(e).fmt(f),
            _ => f.write_str(&m!("import.book.damaged")),
        }
    }
}
