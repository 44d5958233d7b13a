//! Diagnostics: problems found in the input, with where they are and what was expected.
//!
//! In: messages from the loader and validator, with byte spans into loaded files.
//! Out: text for the terminal in the form `error: ... --> file:line:col`, with the
//! source line and a label, rendered by `codespan-reporting`.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files;
use codespan_reporting::term::{self, Config};

use crate::model::Span;

/// Index of a loaded file in [`Files`].
pub type FileId = usize;

/// The loaded source files, by path relative to the project root.
///
/// Where each line starts is worked out only when a diagnostic is shown: a clean
/// national project never needs it.
#[derive(Default)]
pub struct Files {
    files: Vec<File>,
}

struct File {
    name: String,
    source: String,
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl File {
    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| files::line_starts(&self.source).collect())
    }
}

impl Files {
    pub fn add(&mut self, name: impl Into<String>, source: impl Into<String>) -> FileId {
        self.files.push(File {
            name: name.into(),
            source: source.into(),
            line_starts: std::sync::OnceLock::new(),
        });
        self.files.len() - 1
    }

    pub fn source(&self, id: FileId) -> &str {
        self.files.get(id).map_or("", |f| f.source.as_str())
    }

    pub fn name(&self, id: FileId) -> &str {
        self.files.get(id).map_or("", |f| f.name.as_str())
    }

    fn get(&self, id: FileId) -> Result<&File, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'a> files::Files<'a> for Files {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(self.get(id)?.name.as_str())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(self.get(id)?.source.as_str())
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        let starts = self.get(id)?.line_starts();
        Ok(starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        let file = self.get(id)?;
        let starts = file.line_starts();
        let start = |i: usize| -> Result<usize, files::Error> {
            match i.cmp(&starts.len()) {
                std::cmp::Ordering::Less => Ok(starts[i]),
                std::cmp::Ordering::Equal => Ok(file.source.len()),
                std::cmp::Ordering::Greater => Err(files::Error::LineTooLarge {
                    given: i,
                    max: starts.len() - 1,
                }),
            }
        };
        Ok(start(line_index)?..start(line_index + 1)?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a diagnostic points: a span in a loaded file, or a whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Span(FileId, Span),
    File(String),
    Nowhere,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub place: Place,
    /// One fact, lowercase, offending value in backticks.
    pub message: String,
    /// Short text under the marked source.
    pub label: String,
    /// Another place worth showing, e.g. where a duplicate id was first defined.
    pub also: Option<Box<(FileId, Span, String)>>,
    /// Hints such as "did you mean `x`?".
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Place::Span(file, span), message)
    }

    pub fn warning(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Place::Span(file, span), message)
    }

    /// An error about a whole file, e.g. one that cannot be read.
    pub fn file_error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Place::File(path.into()), message)
    }

    /// A warning about a whole file, e.g. an old copy of a script.
    pub fn file_warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Place::File(path.into()), message)
    }

    /// An error that belongs to no file, e.g. Zola missing.
    pub fn plain(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Place::Nowhere, message)
    }

    /// What an I/O error at `path` is said as (`map_err(Diagnostic::io(&path))`).
    pub fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> Self + use<> {
        let path = path.to_path_buf();
        move |e| {
            Self::plain(m!(
                "write.io",
                path = path.display(),
                e = crate::i18n::Io(&e)
            ))
        }
    }

    fn new(severity: Severity, place: Place, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            place,
            message: message.into(),
            label: String::new(),
            also: None,
            notes: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn also(mut self, file: FileId, span: Span, label: impl Into<String>) -> Self {
        self.also = Some(Box::new((file, span, label.into())));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The one of `known` closest to `found`, if any is close.
pub fn closest<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for k in known {
        let score = strsim::jaro_winkler(found, k);
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Ids, keys or values as messages list them: each in backticks, joined by the
/// catalogue's separator (`` `a`、`b` ``).
pub fn ticked<S: std::fmt::Display>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(&m!("list.sep"))
}

/// "did you mean `x`?" when one of `known` is close to `found`.
pub fn did_you_mean<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(found, known).map(|k| m!("did-you-mean", x = k))
}

/// How many diagnostics of one kind in one file are shown in full; the rest are
/// counted in one line that lists where they are.
pub const SHOWN_PER_KIND: usize = 3;

/// Renders diagnostics as plain text (no colours), in the order given, grouping
/// repeated ones (see [`render_to`]).
pub fn render(files: &Files, diags: &[Diagnostic]) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render_to(&mut out, files, diags);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes diagnostics to `out` as they are rendered. Of each kind (the same message
/// but for the values in backticks and numbers, in the same file), the first
/// [`SHOWN_PER_KIND`] are shown in full; the others are summed up at the end, one line a
/// kind with the count and the first few lines, so the output stays small whatever the
/// input.
pub fn render_to(
    out: &mut impl std::io::Write,
    files: &Files,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    // kind -> how many so far, and where its summary is in `hidden`
    let mut seen: std::collections::HashMap<(Severity, String, String), (usize, usize)> =
        std::collections::HashMap::new();
    const LISTED: usize = 10;
    // kind -> (first message, how many not shown, the positions of the first few)
    type Hidden = ((Severity, String, String), String, usize, Vec<String>);
    let mut hidden: Vec<Hidden> = Vec::new();
    for d in diags {
        let key = (d.severity, place_name(files, &d.place), kind(&d.message));
        let (n, slot) = seen.entry(key.clone()).or_insert((0, usize::MAX));
        *n += 1;
        if *n <= SHOWN_PER_KIND {
            out.write_all(render_one(files, d).as_bytes())?;
            continue;
        }
        match hidden.get_mut(*slot) {
            Some((_, _, count, places)) => {
                *count += 1;
                if places.len() < LISTED {
                    places.push(position(files, &d.place));
                }
            }
            None => {
                *slot = hidden.len();
                let at = position(files, &d.place);
                hidden.push((key, d.message.clone(), 1, vec![at]));
            }
        }
    }
    for ((severity, file, _), message, count, places) in hidden {
        let severity = severity_word(severity);
        let mut listed = places
            .iter()
            .take(LISTED)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if count > places.len() {
            listed.push_str(", ...");
        }
        let shown: String = message.chars().take(200).collect();
        let line = m!("diag.more", count = count, shown = shown, file = file);
        let at = m!("diag.more.at", listed = listed);
        writeln!(out, "{severity}{line}\n  = {at}\n")?;
    }
    Ok(())
}

/// A diagnostic's message without the values it quotes: what kind of problem it is.
fn kind(message: &str) -> String {
    let mut k = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
        } else if !quoted && !c.is_ascii_digit() {
            k.push(c);
        }
    }
    k
}

fn place_name(files: &Files, place: &Place) -> String {
    match place {
        Place::Span(f, _) => files.name(*f).to_string(),
        Place::File(p) => p.clone(),
        Place::Nowhere => String::new(),
    }
}

/// `line:column` of a diagnostic, or nothing.
fn position(files: &Files, place: &Place) -> String {
    use codespan_reporting::files::Files as _;
    match place {
        Place::Span(f, span) => files
            .location(*f, span.start)
            .map(|l| format!("{}:{}", l.line_number, l.column_number))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Lines longer than this (in bytes) are not quoted in a diagnostic.
const LONG_LINE: usize = 400;

/// The length of the line around `at`, in bytes, without its line break.
fn line_len(files: &Files, file: FileId, at: usize) -> usize {
    use codespan_reporting::files::Files as _;
    files
        .line_index(file, at)
        .and_then(|l| files.line_range(file, l))
        .map_or(0, |r| {
            let line = files.source(file).get(r).unwrap_or("");
            line.strip_suffix('\n').unwrap_or(line).len()
        })
}

/// `error: `/`warning: ` in the language in use.
fn severity_word(s: Severity) -> String {
    match s {
        Severity::Error => m!("diag.error"),
        Severity::Warning => m!("diag.warning"),
    }
}

fn render_one(files: &Files, d: &Diagnostic) -> String {
    let severity = severity_word(d.severity);
    match &d.place {
        // A very long line (thousands of dates or options on one line) is not shown:
        // once per problem, it would make the output grow with the square of the input.
        Place::Span(file, span) if line_len(files, *file, span.start) > LONG_LINE => {
            let mut s = format!(
                "{severity}{}\n  --> {}:{}\n",
                d.message,
                files.name(*file),
                position(files, &d.place)
            );
            if !d.label.is_empty() {
                s.push_str(&format!("  = {}\n", d.label));
            }
            for n in &d.notes {
                s.push_str(&format!("  = {n}\n"));
            }
            s + "\n"
        }
        Place::Span(file, span) => {
            let report = match d.severity {
                Severity::Error => Report::error(),
                Severity::Warning => Report::warning(),
            };
            let mut labels = vec![Label::primary(*file, span.clone()).with_message(&d.label)];
            if let Some((f, s, l)) = d.also.as_deref() {
                labels.push(Label::secondary(*f, s.clone()).with_message(l));
            }
            let report = report
                .with_message(&d.message)
                .with_labels(labels)
                .with_notes(d.notes.clone());
            let config = Config::default();
            let english = match d.severity {
                Severity::Error => "error: ",
                Severity::Warning => "warning: ",
            };
            // codespan writes the severity in English at the very start.
            term::emit_into_string(&config, files, &report)
                .map(|text| match text.strip_prefix(english) {
                    Some(rest) if severity != english => format!("{severity}{rest}"),
                    _ => text,
                })
                .unwrap_or_else(|_| format!("{severity}{}\n\n", d.message))
        }
        Place::File(path) => {
            let mut s = format!("{severity}{}\n  --> {path}\n", d.message);
            for n in &d.notes {
                s.push_str(&format!("  = {n}\n"));
            }
            s + "\n"
        }
        Place::Nowhere => {
            let mut s = format!("{severity}{}\n", d.message);
            for n in &d.notes {
                s.push_str(&format!("  = {n}\n"));
            }
            s + "\n"
        }
    }
}

/// Prints diagnostics to stderr, followed by a one-line summary when there are any.
pub fn print(files: &Files, diags: &[Diagnostic]) {
    if diags.is_empty() {
        return;
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let _ = render_to(&mut err, files, diags)
        .and_then(|()| std::io::Write::write_all(&mut err, summary(errors, warnings).as_bytes()));
}

fn summary(errors: usize, warnings: usize) -> String {
    let line = match (errors, warnings) {
        (0, w) => m!("diag.sum.w", w = w),
        (e, 0) => m!("diag.sum.e", e = e),
        (e, w) => m!("diag.sum.ew", e = e, w = w),
    };
    line + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::files::{Files as _, SimpleFile};

    /// Our lazily indexed files place every byte where codespan's own `SimpleFile` does.
    #[test]
    fn lines_and_columns_match_codespan() {
        for source in [
            "",
            "a",
            "a\n",
            "题目 = 1\nb = \"二\"\n\nc",
            "x\n\n\n",
            "一\r\n二",
        ] {
            let mut ours = Files::default();
            let id = ours.add("f.toml", source);
            let theirs = SimpleFile::new("f.toml", source);
            for at in (0..=source.len()).filter(|&i| source.is_char_boundary(i)) {
                assert_eq!(
                    ours.location(id, at).ok(),
                    theirs.location((), at).ok(),
                    "{source:?} at {at}"
                );
                let line = theirs.line_index((), at).unwrap();
                assert_eq!(ours.line_index(id, at).ok(), Some(line));
                for l in [line, line + 1, line + 2] {
                    assert_eq!(
                        ours.line_range(id, l).ok(),
                        theirs.line_range((), l).ok(),
                        "{source:?} line {l}"
                    );
                }
            }
        }
        assert!(Files::default().source(3).is_empty());
    }

    /// A line longer than [`LONG_LINE`] is named, not quoted: message, place, label and
    /// notes, each once; a line at the limit is quoted with its label under it.
    #[test]
    fn long_lines_are_named_not_quoted() {
        let render = |line: &str| {
            let mut files = Files::default();
            let id = files.add("f.toml", format!("{line}\nb = 1\n"));
            let d = Diagnostic::error(id, 10..11, "bad")
                .label("here")
                .note("a note");
            render_one(&files, &d)
        };
        let long = "x".repeat(LONG_LINE + 1);
        assert_eq!(
            render(&long),
            "error: bad\n  --> f.toml:1:11\n  = here\n  = a note\n\n"
        );
        let limit = "y".repeat(LONG_LINE);
        let quoted = render(&limit);
        assert!(quoted.starts_with("error: bad\n"), "{quoted}");
        assert!(quoted.contains("f.toml:1:11"), "{quoted}");
        assert!(quoted.contains(&format!("1 │ {limit}")), "{quoted}");
        assert!(quoted.contains("^ here"), "{quoted}");
        assert!(quoted.contains("= a note"), "{quoted}");
    }
}
