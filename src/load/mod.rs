//! Load: read `catalogue.toml`, `quizzes/*.toml`, `strings.toml` and `tasks.toml` into
//! the model.
//!
//! In: a project folder. Out: the loaded source files (for diagnostics), the model of
//! every file that parsed, and a diagnostic for every file that did not. Files may be
//! UTF-8 with or without a BOM and with CRLF (or lone CR) line endings. Checks that need only one
//! value (ids, dates, answer forms) happen here; checks across values are in `validate`.
//!
//! Here the project's files are found and each is registered with its diagnostics;
//! `source.rs` reads a file as text, `parse.rs` makes its tree and then its model (and
//! says why not, with `shape.rs`, `clerk.rs` and `syntax.rs`), `bank.rs` gives a bank's
//! questions their types.

use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostic, FileId, Files};
use crate::model::tasks::TaskList;
use crate::model::{Catalogue, Quiz, Slug, Spanned};

mod bank;
mod clerk;
mod invalid;
mod parse;
mod resync;
mod shape;
mod source;
mod syntax;

pub(crate) use bank::RawBank;
use parse::{ParseError, parse, schema_of, strings_schema};
use source::{Source, read_source, register, text_source};

/// The catalogue's file name at the project root.
pub const CATALOGUE: &str = "catalogue.toml";
/// The folder of question banks at the project root.
pub const QUIZZES: &str = "quizzes";
/// The office's task list at the project root (optional).
pub const TASKS: &str = "tasks.toml";

/// What loading a project gave.
#[derive(Default)]
pub struct Loaded {
    pub files: Files,
    /// The catalogue and its file, when it parsed.
    pub catalogue: Option<(FileId, Catalogue)>,
    /// Every bank that parsed, sorted by id, with its file.
    pub quizzes: Vec<(FileId, Quiz)>,
    /// The id of every bank file found, whether it parsed or not.
    pub quiz_ids: Vec<String>,
    /// The author's UI text (`strings.toml`), when the file exists and parsed.
    pub strings: Option<(FileId, Overrides)>,
    /// The task list (`tasks.toml`), when the file exists and parsed.
    pub tasks: Option<(FileId, TaskList)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every input file of the project at `root`.
pub fn load(root: &Path) -> Loaded {
    let mut out = Loaded::default();
    let problem = match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some(m!("root.file", root = root.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Some(m!("root.missing", root = root.display()))
        }
        Err(_) => Some(m!("root.unreadable", root = root.display())),
    };
    if let Some(problem) = problem {
        out.diagnostics
            .push(Diagnostic::plain(problem).note(m!("root.note", catalogue = CATALOGUE)));
        return out;
    }
    let dir = root.join(QUIZZES);
    let mut names = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                // Whatever its kind: a folder, link or pipe named `*.toml` is reported.
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".toml") {
                    names.push(name);
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => out.diagnostics.push(Diagnostic::file_error(
            QUIZZES,
            m!("quizzes.unreadable", dir = QUIZZES, e = crate::i18n::Io(&e)),
        )),
    }
    names.sort();
    // Reading and parsing is most of the work: the catalogue and the banks are parsed
    // on every core, then registered in a fixed order, so nothing depends on timing.
    let ((catalogue, parsed), banks) = rayon::join(
        || {
            let source = read_source(root, CATALOGUE);
            let parsed = match &source {
                Source::Text(text) => Some(parse::<Catalogue>(text, schema_of::<Catalogue>)),
                _ => None,
            };
            (source, parsed)
        },
        || {
            names
                .par_iter()
                .map(|name| read_bank(root, name))
                .collect::<Vec<Bank>>()
        },
    );
    if let Some((file, _)) = register(CATALOGUE, catalogue, &mut out) {
        match parsed {
            Some(Ok(c)) => out.catalogue = Some((file, c)),
            Some(Err(e)) => {
                let d = e.into_diagnostics(file, out.files.source(file));
                out.diagnostics.extend(d);
            }
            None => {}
        }
    }
    for bank in banks {
        match bank {
            Bank::BadName(d) => out.diagnostics.push(d),
            Bank::Read {
                id,
                rel,
                source,
                parsed,
            } => take_bank(&mut out, id, rel, source, parsed),
        }
    }
    // The author's wording for the pages, when there is a file of it.
    let strings = read_source(root, crate::ui::FILE);
    let absent =
        matches!(&strings, Source::Unreadable(e) if e.kind() == std::io::ErrorKind::NotFound);
    if !absent && let Some((file, text)) = register(crate::ui::FILE, strings, &mut out) {
        match parse::<Overrides>(text, strings_schema) {
            Ok(o) => out.strings = Some((file, o)),
            Err(e) => {
                let d = e.into_diagnostics(file, out.files.source(file));
                out.diagnostics.extend(d);
            }
        }
    }
    // The office's task list, when there is one.
    let tasks = read_source(root, TASKS);
    let absent =
        matches!(&tasks, Source::Unreadable(e) if e.kind() == std::io::ErrorKind::NotFound);
    if !absent && let Some((file, text)) = register(TASKS, tasks, &mut out) {
        match parse::<TaskList>(text, schema_of::<TaskList>) {
            Ok(t) => out.tasks = Some((file, t)),
            Err(e) => {
                let d = e.into_diagnostics(file, out.files.source(file));
                out.diagnostics.extend(d);
            }
        }
    }
    out
}

/// Registers a bank file read (and parsed, when it is text) with `out`: its id, its
/// text, the bank or why there is none.
fn take_bank(
    out: &mut Loaded,
    id: Slug,
    rel: String,
    source: Source,
    parsed: Option<Result<RawBank, ParseError>>,
) {
    out.quiz_ids.push(id.to_string());
    let Some((file, _)) = register(&rel, source, out) else {
        return;
    };
    match parsed {
        Some(Ok(raw)) => {
            let quiz = raw.into_quiz(id, rel, file, &mut out.diagnostics);
            out.quizzes.push((file, quiz));
        }
        Some(Err(e)) => {
            let d = e.into_diagnostics(file, out.files.source(file));
            out.diagnostics.extend(d);
        }
        None => {}
    }
}

/// The bank `quizzes/<id>.toml` with the text `text`, loaded as [`load`] loads a bank
/// file (without the checks across values: see [`crate::validate::bank`]). For
/// `import`, which reads the bank it updates and the bank it writes through here.
pub fn bank_text(id: Slug, text: &str) -> Loaded {
    let mut out = Loaded::default();
    let rel = format!("{QUIZZES}/{id}.toml");
    let source = text_source(text);
    let parsed = match &source {
        Source::Text(text) => Some(parse::<RawBank>(text, schema_of::<RawBank>)),
        _ => None,
    };
    take_bank(&mut out, id, rel, source, parsed);
    out
}

/// The catalogue of the project at `root` when it reads and parses, else `None`
/// (`check` says why). For `import`, which checks a sheet's sources against it.
pub fn catalogue(root: &Path) -> Option<Catalogue> {
    match read_source(root, CATALOGUE) {
        Source::Text(text) => parse::<Catalogue>(&text, schema_of::<Catalogue>).ok(),
        _ => None,
    }
}

/// Whether `text` (the file `file`, such as the site's `config.toml`) reads as TOML;
/// when it does not, its mistakes in the author's words, as `check` says them of the
/// catalogue (empty: it reads).
pub fn toml_syntax(file: FileId, text: &str) -> Vec<Diagnostic> {
    match toml::de::DeTable::parse(text) {
        Ok(_) => Vec::new(),
        Err(e) => parse::syntax_error(text, &e).into_diagnostics(file, text),
    }
}

/// The author's UI text: key -> text, both with their place in `strings.toml`.
pub type Overrides = std::collections::BTreeMap<Spanned<String>, Spanned<String>>;

/// A bank file, read and parsed on a worker thread.
enum Bank {
    BadName(Diagnostic),
    Read {
        id: Slug,
        rel: String,
        source: Source,
        /// `None` when the file could not be read as text.
        parsed: Option<Result<RawBank, ParseError>>,
    },
}

fn read_bank(root: &Path, name: &str) -> Bank {
    let rel = format!("{QUIZZES}/{name}");
    let stem = name.strip_suffix(".toml").unwrap_or(name).to_string();
    let id = match Slug::try_from(stem) {
        Ok(id) => id,
        Err(why) => {
            return Bank::BadName(
                Diagnostic::file_error(&rel, m!("bank.name", why = why)).note(m!("bank.name.note")),
            );
        }
    };
    let source = read_source(root, &rel);
    let parsed = match &source {
        Source::Text(text) => Some(parse::<RawBank>(text, schema_of::<RawBank>)),
        _ => None,
    };
    Bank::Read {
        id,
        rel,
        source,
        parsed,
    }
}
