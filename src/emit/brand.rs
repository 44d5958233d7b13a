//! The campaign's own look on every page: description, home-screen name, theme colour,
//! logo and footer line, from `[campaign]`.
//!
//! In: the campaign. Out: the values the page layout shows (`Brand`), the web-app
//! manifest (`campaign/manifest.webmanifest`) and, when the author chose a theme colour,
//! a small style sheet (`campaign/brand.css`) that sets the colours `xuexi.css` uses.
//! Both files are written beside the campaign section, so Zola publishes them and
//! `zola serve` shows them too; offline copies carry the same style sheet inline.

use serde::Serialize;

use crate::colour::{MIN_CONTRAST, Rgb, WHITE};
use crate::model::Campaign;

/// The theme colour when the author gives none (the one in `xuexi.css`).
pub const DEFAULT_THEME: &str = "#a8071a";

/// Where the manifest and the style sheet are published, from the site root.
pub const MANIFEST: &str = "campaign/manifest.webmanifest";
pub const CSS: &str = "campaign/brand.css";

/// What the layout shows of the campaign.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Brand {
    pub description: String,
    pub short_name: String,
    pub theme_color: String,
    /// The logo's file name under the site root (from `site/static/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The footer line: the author's, else the organizer (may be empty).
    pub footer: String,
    /// Whether `campaign/brand.css` exists.
    pub css: bool,
}

fn given(s: &Option<crate::model::Spanned<String>>) -> Option<String> {
    s.as_ref()
        .map(|v| collapse_blanks(v.get_ref()))
        .filter(|v| !v.is_empty())
}

/// `s` with every run of blanks (spaces, tabs, line breaks) made one space, and none at
/// either end: the form of a name or a line the layout and the manifest show.
fn collapse_blanks(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Brand {
    pub fn of(camp: &Campaign, strings: &crate::ui::Strings) -> Brand {
        let title = collapse_blanks(camp.title.get_ref());
        let theme = theme(camp);
        Brand {
            description: given(&camp.description)
                .unwrap_or_else(|| format!("{title}{}", strings.text("site_description_suffix"))),
            short_name: given(&camp.short_name).unwrap_or_else(|| title.clone()),
            theme_color: theme.map_or(DEFAULT_THEME.to_string(), |c| c.to_string()),
            logo: given(&camp.logo),
            footer: given(&camp.footer)
                .or_else(|| camp.organizer.as_deref().map(collapse_blanks))
                .unwrap_or_default(),
            css: theme.is_some(),
        }
    }
}

/// The author's theme colour, when it is one (`check` reports one that is not).
fn theme(camp: &Campaign) -> Option<Rgb> {
    camp.theme_color
        .as_ref()
        .and_then(|c| Rgb::parse(c.get_ref().trim()))
}

/// The style sheet that puts the theme colour where `xuexi.css` has its red: header,
/// tab bar, buttons, links and highlights, in the light and the dark scheme, each tint
/// readable on its background.
pub fn css(camp: &Campaign) -> Option<String> {
    let c = theme(camp)?;
    let dark_bg = Rgb(0x16, 0x16, 0x16);
    let light_bg = Rgb(0xff, 0xfd, 0xf8);
    let accent = c.until_contrast(Rgb(0, 0, 0), light_bg, MIN_CONTRAST);
    let dark_brand = c.mix(Rgb(0, 0, 0), 0.15);
    let dark_accent = c.until_contrast(WHITE, dark_bg, MIN_CONTRAST);
    Some(format!(
        "/* xuexi: the campaign's theme colour ({c}), from theme_color in catalogue.toml. */\n\
         :root {{ --brand: {c}; --accent: {accent}; --accent-bg: {}; }}\n\
         @media (prefers-color-scheme: dark) {{\n  :root {{ --brand: {dark_brand}; --accent: {dark_accent}; --accent-bg: {}; }}\n}}\n",
        c.mix(WHITE, 0.93),
        c.mix(dark_bg, 0.82),
    ))
}

/// The web-app manifest: the campaign's names, description and colour, and the icons
/// in `site/static/`. URLs are relative to the manifest (one folder down).
pub fn manifest(camp: &Campaign, brand: &Brand) -> String {
    // The home-screen icons are the files in site/static/ (the author replaces them
    // with the office's own); the logo is for the page header, any shape.
    let icons = serde_json::json!([
        { "src": "../icon.svg", "sizes": "any", "type": "image/svg+xml" },
        { "src": "../icon-192.png", "sizes": "192x192", "type": "image/png" },
        { "src": "../icon-512.png", "sizes": "512x512", "type": "image/png" },
        { "src": "../icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" },
    ]);
    let value = serde_json::json!({
        "name": collapse_blanks(camp.title.get_ref()),
        "short_name": brand.short_name,
        "description": brand.description,
        "lang": "zh-CN",
        "start_url": "../",
        "scope": "../",
        "display": "standalone",
        "background_color": "#fffdf8",
        "theme_color": brand.theme_color,
        "icons": icons,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("a manifest serializes");
    text.push('\n');
    text
}
