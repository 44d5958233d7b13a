//! The files the catalogue names, on disk: the logo in `site/static/`, and the
//! home-screen icons still xuexi's when the site has its own colour or logo; and the
//! site's use of xuexi's stylesheet and scripts (the theme, old overrides).

use crate::diag::{Diagnostic, FileId};
use crate::model::Spanned;

/// An office that gives the site its own colour or logo most likely wants its own
/// home-screen icon too: while `site/static/icon-192.png` is still xuexi's, say so
/// (once, at the colour or the logo).
pub fn default_icons(
    root: &std::path::Path,
    file: FileId,
    camp: &crate::model::Campaign,
) -> Vec<Diagnostic> {
    const DEFAULT: &[u8] = include_bytes!("../../site/static/icon-192.png");
    let Some(at) = camp.logo.as_ref().or(camp.theme_color.as_ref()) else {
        return Vec::new();
    };
    match crate::write::read_if_regular(&root.join("site/static/icon-192.png")) {
        Ok(Ok(bytes)) if bytes == DEFAULT => vec![
            Diagnostic::warning(file, at.span(), m!("brand.icons")).label(m!("brand.icons.label")),
        ],
        _ => Vec::new(),
    }
}

/// The site at `root/site` gets xuexi's stylesheet and scripts ([`crate::emit::assets`]):
/// its `config.toml` names the theme, and no file in `site/static/` replaces one of
/// them with a file not made for this version. Either would publish pages whose
/// scripts fail, so both are errors.
pub fn site_assets(root: &std::path::Path) -> Vec<Diagnostic> {
    use crate::emit::assets;
    let site = root.join(crate::SITE);
    let mut found = Vec::new();
    if let Ok(config) = std::fs::read_to_string(site.join("config.toml")) {
        match assets::configured_theme(&config) {
            Ok(None) => found.push(
                Diagnostic::file_error("site/config.toml", m!("assets.theme"))
                    .note(m!("assets.theme.note")),
            ),
            Ok(Some(other)) if other != assets::THEME => found.push(
                Diagnostic::file_error("site/config.toml", m!("assets.theme.other", found = other))
                    .note(m!("assets.theme.other.note")),
            ),
            _ => {}
        }
    }
    for name in assets::old_overrides(&site) {
        found.push(
            Diagnostic::file_error(
                format!("site/static/{name}"),
                m!("assets.old", name = name, v = assets::VERSION),
            )
            .note(m!("assets.old.note", name = name)),
        );
    }
    found
}

/// The campaign's logo, looked for in `site/static/` (the one check that reads a file
/// the catalogue names): it must be a regular file there, and a `.png` a PNG image.
pub fn logo(root: &std::path::Path, file: FileId, logo: &Spanned<String>) -> Vec<Diagnostic> {
    let name = logo.get_ref();
    if name.split(['/', '\\']).any(|p| p.is_empty() || p == "..")
        || name.contains(':')
        || name.starts_with("site/static/")
    {
        return Vec::new(); // reported by `brand`
    }
    let rel = format!("site/static/{name}");
    let path = root.join(&rel);
    let found = match crate::write::read_if_regular(&path) {
        Ok(found) => found.map_err(|what| what.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(m!("brand.logo.none")),
        Err(e) => Err(crate::i18n::Io(&e).to_string()),
    };
    let bytes = match found {
        Ok(bytes) => bytes,
        Err(why) => {
            return vec![
                Diagnostic::error(
                    file,
                    logo.span(),
                    m!("brand.logo.missing", path = rel, why = why),
                )
                .label(m!("brand.logo.missing.label")),
            ];
        }
    };
    if !name.to_ascii_lowercase().ends_with(".png") {
        return Vec::new();
    }
    match crate::colour::png_size(&bytes) {
        None => vec![
            Diagnostic::error(file, logo.span(), m!("brand.logo.not-png", path = rel))
                .label(m!("brand.logo.not-png.label")),
        ],
        Some(_) => Vec::new(),
    }
}
