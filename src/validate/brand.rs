//! The campaign's own look: its theme colour, short name, logo name, description and
//! footer.

use super::{SHORT_NAME_CHARS, Validator};
use crate::diag::{Diagnostic, FileId};

impl Validator {
    /// The campaign's own look: a theme colour white text can be read on, a short name
    /// that fits under a home-screen icon, a logo named as a file in `site/static/`.
    pub(super) fn brand(&mut self, file: FileId, camp: &crate::model::Campaign) {
        if let Some(colour) = &camp.theme_color {
            match crate::colour::Rgb::parse(colour.get_ref().trim()) {
                None => self.push(
                    Diagnostic::error(
                        file,
                        colour.span(),
                        m!("brand.colour", found = colour.get_ref()),
                    )
                    .label(m!("brand.colour.label")),
                ),
                Some(rgb) => {
                    let ratio = rgb.contrast(crate::colour::WHITE);
                    if ratio < crate::colour::MIN_CONTRAST {
                        self.push(
                            Diagnostic::error(
                                file,
                                colour.span(),
                                m!(
                                    "brand.light",
                                    found = colour.get_ref(),
                                    ratio = format!("{ratio:.1}")
                                ),
                            )
                            .label(m!("brand.light.label"))
                            .note(m!("brand.light.note")),
                        );
                    }
                }
            }
        }
        if let Some(name) = &camp.short_name {
            let n = name.get_ref().trim().chars().count();
            if n == 0 {
                self.not_empty(file, &m!("noun.short-name"), name);
            } else if n > SHORT_NAME_CHARS {
                self.push(
                    Diagnostic::warning(
                        file,
                        name.span(),
                        m!("brand.short-name", n = n, max = SHORT_NAME_CHARS),
                    )
                    .label(m!("brand.short-name.label", max = SHORT_NAME_CHARS)),
                );
            }
        }
        if let Some(logo) = &camp.logo {
            let name = logo.get_ref();
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            let plain = !name.is_empty()
                && !name.starts_with(['/', '\\'])
                && !name.contains(':')
                && name
                    .split(['/', '\\'])
                    .all(|part| !part.is_empty() && part != "..");
            if let Some(short) = name.strip_prefix("site/static/") {
                self.push(
                    Diagnostic::error(file, logo.span(), m!("brand.logo.prefix", found = name))
                        .label(m!("brand.logo.prefix.label", short = short)),
                );
            } else if !plain
                || !matches!(
                    ext.as_deref(),
                    Some("png" | "svg" | "jpg" | "jpeg" | "webp")
                )
            {
                self.push(
                    Diagnostic::error(file, logo.span(), m!("brand.logo", found = name))
                        .label(m!("brand.logo.label")),
                );
            }
        }
        for text in [&camp.description, &camp.footer].into_iter().flatten() {
            if text.get_ref().trim().is_empty() {
                self.push(
                    Diagnostic::warning(file, text.span(), m!("brand.empty"))
                        .label(m!("brand.empty.label")),
                );
            }
        }
    }
}
