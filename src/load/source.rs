//! A file as text: read only when it is an ordinary file, without its BOM, with LF
//! line breaks; then registered with the loaded files, or reported.

use std::path::Path;

use super::{CATALOGUE, Loaded};
use crate::diag::{Diagnostic, FileId};

/// A file as read from disk.
pub(super) enum Source {
    /// The text, without BOM, with LF line endings.
    Text(String),
    /// Not UTF-8: the text shown in the message and where the bad bytes start.
    NotUtf8 { shown: String, at: usize },
    /// Could not be read at all.
    Unreadable(std::io::Error),
    /// Not an ordinary file: what it is instead.
    NotAFile(crate::write::NotRegular),
}

/// Windows' CRLF and old Macs' lone CR as LF, the line break TOML reads.
fn line_breaks(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A text as a file read from disk gives it: without its BOM, with LF line breaks.
pub(super) fn text_source(text: &str) -> Source {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Source::Text(if text.contains('\r') {
        line_breaks(text)
    } else {
        text.to_string()
    })
}

/// Reads a file as text: strips a UTF-8 BOM and turns CRLF (and a lone CR) into LF.
pub(super) fn read_source(root: &Path, rel: &str) -> Source {
    let mut bytes = match crate::write::read_if_regular(&root.join(rel)) {
        Ok(Ok(b)) => b,
        Ok(Err(what)) => return Source::NotAFile(what),
        Err(e) => return Source::Unreadable(e),
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) if s.contains('\r') => Source::Text(line_breaks(&s)),
        Ok(s) => Source::Text(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = line_breaks(&String::from_utf8_lossy(&bytes[..valid]));
            let shown = line_breaks(&String::from_utf8_lossy(&bytes));
            Source::NotUtf8 {
                shown,
                at: good.len(),
            }
        }
    }
}

/// Adds a read file to `out.files`; reports a file that could not be read or is not
/// UTF-8 (at its line and column). Returns the file id and text when it is text.
pub(super) fn register<'a>(
    rel: &str,
    source: Source,
    out: &'a mut Loaded,
) -> Option<(FileId, &'a str)> {
    match source {
        Source::Text(text) => {
            let file = out.files.add(rel, text);
            Some((file, out.files.source(file)))
        }
        Source::NotUtf8 { shown, at } => {
            let file = out.files.add(rel, shown);
            out.diagnostics.push(
                Diagnostic::error(file, at..at + 1, m!("utf8"))
                    .label(m!("utf8.label"))
                    .note(m!("utf8.note")),
            );
            None
        }
        Source::NotAFile(what) => {
            out.diagnostics.push(
                Diagnostic::file_error(rel, m!("notafile", rel = rel, what = what))
                    .note(m!("notafile.note")),
            );
            None
        }
        Source::Unreadable(e) => {
            let mut d =
                Diagnostic::file_error(rel, m!("unreadable", rel = rel, e = crate::i18n::Io(&e)));
            if rel == CATALOGUE && e.kind() == std::io::ErrorKind::NotFound {
                d = d.note(m!("catalogue.missing.note", catalogue = CATALOGUE));
            }
            out.diagnostics.push(d);
            None
        }
    }
}
