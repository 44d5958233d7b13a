//! The author's UI text (`strings.toml`) against the built-in one.

use crate::diag::{Diagnostic, FileId};

/// The author's UI text: every key is a built-in one (else a "did you mean"), keeps
/// the placeholders of the text it replaces, and is not empty.
pub fn strings(file: FileId, overrides: &crate::load::Overrides) -> Vec<Diagnostic> {
    let builtin = crate::ui::Strings::builtin();
    let mut out = Vec::new();
    for (key, text) in overrides {
        let Some(original) = builtin.get(key.get_ref()) else {
            let mut d =
                Diagnostic::error(file, key.span(), m!("strings.unknown", key = key.get_ref()))
                    .label(m!("strings.unknown.label"));
            if let Some(hint) = crate::diag::did_you_mean(key.get_ref(), builtin.keys()) {
                d = d.note(hint);
            }
            out.push(d);
            continue;
        };
        let want = crate::ui::placeholders(original);
        let got = crate::ui::placeholders(text.get_ref());
        let braces = |p: &[&str]| {
            p.iter()
                .map(|x| format!("{{{x}}}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let missing: Vec<&str> = want.iter().filter(|w| !got.contains(w)).copied().collect();
        let extra: Vec<&str> = got.iter().filter(|g| !want.contains(g)).copied().collect();
        let label = m!("strings.placeholders.label", original = original);
        if text.get_ref().contains(['｛', '｝']) {
            out.push(
                Diagnostic::error(
                    file,
                    text.span(),
                    m!("strings.wide-braces", key = key.get_ref()),
                )
                .label(label),
            );
        } else if !missing.is_empty() {
            out.push(
                Diagnostic::error(
                    file,
                    text.span(),
                    m!(
                        "strings.missing",
                        key = key.get_ref(),
                        missing = braces(&missing)
                    ),
                )
                .label(label),
            );
        } else if !extra.is_empty() {
            out.push(
                Diagnostic::error(
                    file,
                    text.span(),
                    m!("strings.extra", key = key.get_ref(), extra = braces(&extra)),
                )
                .label(label),
            );
        } else if text.get_ref().trim().is_empty() {
            out.push(
                Diagnostic::warning(file, text.span(), m!("strings.empty", key = key.get_ref()))
                    .label(m!("strings.placeholders.label", original = original)),
            );
        }
    }
    out
}
