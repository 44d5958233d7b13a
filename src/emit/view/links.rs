//! The URL scheme of the views: where a link to a section, a page or a place in a page
//! points, on the site (`materials/jianshi/#ch01`) or in an offline copy (an anchor in
//! the one file).

/// Where links point. Views write `{{ root }}{{ x.url }}`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Pages of the Zola site; URLs relative to the site root, `root` leads there.
    Site,
    /// One self-contained file: every link is an anchor in it.
    Offline,
}

impl Links {
    pub fn section(self, kind: &str) -> String {
        match self {
            Links::Site => format!("{kind}/"),
            Links::Offline => format!("#{kind}"),
        }
    }

    pub fn page(self, kind: &str, id: &str) -> String {
        match self {
            Links::Site => format!("{kind}/{id}/"),
            Links::Offline => format!("#{}", self.page_anchor(kind, id)),
        }
    }

    pub fn anchor(self, kind: &str, id: &str, anchor: &str) -> String {
        match self {
            Links::Site if id.is_empty() => format!("{kind}/#{anchor}"),
            Links::Site => format!("{kind}/{id}/#{anchor}"),
            Links::Offline if id.is_empty() => format!("#{anchor}"),
            Links::Offline => format!("#{}", self.inner_anchor(id, anchor)),
        }
    }

    /// The id of a whole page's article: none on the site (it has a page of its own),
    /// `materials-jianshi` in an offline copy.
    pub fn page_anchor(self, kind: &str, id: &str) -> String {
        match self {
            Links::Site => String::new(),
            Links::Offline => format!("{kind}-{id}"),
        }
    }

    /// The id of a place in a page (a chapter, a question): `ch01` on the site,
    /// `jianshi-ch01` in an offline copy, where several pages share one document.
    pub fn inner_anchor(self, page: &str, anchor: &str) -> String {
        match self {
            Links::Site => anchor.to_string(),
            Links::Offline => format!("{page}-{anchor}"),
        }
    }
}
