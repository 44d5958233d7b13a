//! The view templates and their rendering.
//!
//! In: the templates in `views/` (embedded) and the reader's text. Out: the minijinja
//! environments that render the views (`Views`) and the layouts of self-contained
//! documents (`document_env`), and the page header and footer (`Chrome`).

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use super::Links;
use crate::markdown;
use crate::ui::Strings;

/// The view templates, embedded in the binary.
/// Small pieces shared by the views and the document layouts.
const MACROS: &str = include_str!("../views/macros.html");

const TEMPLATES: &[(&str, &str)] = &[
    ("macros.html", MACROS),
    ("home.html", include_str!("../views/home.html")),
    ("catalogue.html", include_str!("../views/catalogue.html")),
    ("material.html", include_str!("../views/material.html")),
    ("plans.html", include_str!("../views/plans.html")),
    ("plan.html", include_str!("../views/plan.html")),
    ("quizzes.html", include_str!("../views/quizzes.html")),
    ("quiz.html", include_str!("../views/quiz.html")),
    ("questions.html", include_str!("../views/questions.html")),
    ("practice.html", include_str!("../views/practice.html")),
    ("wrong.html", include_str!("../views/wrong.html")),
    ("daily.html", include_str!("../views/daily.html")),
    ("search.html", include_str!("../views/search.html")),
    ("record.html", include_str!("../views/record.html")),
    ("tally.html", include_str!("../views/tally.html")),
    ("saved.html", include_str!("../views/saved.html")),
    ("tasks.html", include_str!("../views/tasks.html")),
    ("tasks-unit.html", include_str!("../views/tasks-unit.html")),
    ("header.html", include_str!("../views/header.html")),
    ("footer.html", include_str!("../views/footer.html")),
];

/// What the page header and footer show (`header.html`, `footer.html`), on the site
/// and in the offline copies alike.
#[derive(Serialize)]
pub struct Chrome<'a> {
    /// The campaign's title.
    pub title: &'a str,
    /// The logo's URL; empty: none.
    pub logo: &'a str,
    /// The link to the home page; empty in a copy, whose title is no link.
    pub home: &'a str,
    /// The footer line (may be empty).
    pub footer: &'a str,
    /// The link to 关于本站; empty in a copy, which says 离线版 instead.
    pub about: &'a str,
}

impl Chrome<'_> {
    /// The header's and the footer's markup.
    pub fn render(&self, views: &Views) -> Result<(String, String), ViewError> {
        let header = views.render("header.html", "", self)?;
        let footer = views.render("footer.html", "", self)?;
        Ok((header.trim_end().to_string(), footer.trim_end().to_string()))
    }
}

/// The view templates, ready to render.
pub struct Views {
    env: Environment<'static>,
}

impl Views {
    /// The views for the site (`Links::Site`: pages load `quiz.js`) or for offline
    /// copies (`Links::Offline`: scripts are inlined by the copy itself).
    pub fn new(links: Links, strings: &Strings) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .expect("valid syntax config"),
        );
        for (name, src) in TEMPLATES {
            env.add_template_owned(*name, fold_strings(src, strings))
                .expect("built-in view templates parse");
        }
        env.add_global("t", Value::from(Serde(strings.map())));
        env.add_global("site", links == Links::Site);
        // HTML escaping of `&<>"'` only: minijinja's default also escapes `/`, which
        // bloats every URL. Safe values (Markdown output) pass through as they are.
        env.set_formatter(|out, _state, value| {
            if let Some(s) = value.as_str() {
                if value.is_safe() {
                    out.write_str(s)
                } else {
                    markdown::escape_into(out, s)
                }
                .map_err(minijinja::Error::from)
            } else if value.is_safe() || value.is_number() {
                write!(out, "{value}").map_err(minijinja::Error::from)
            } else if value.is_undefined() || value.is_none() {
                Ok(())
            } else {
                markdown::escape_into(out, &value.to_string()).map_err(minijinja::Error::from)
            }
        });
        Views { env }
    }

    /// Renders view `name` with `ctx`; `root` is the way back to the site root.
    pub fn render<S: Serialize>(
        &self,
        name: &'static str,
        root: &str,
        ctx: S,
    ) -> Result<String, ViewError> {
        let tmpl = self
            .env
            .get_template(name)
            .map_err(|source| ViewError::Unknown { name, source })?;
        #[derive(Serialize)]
        struct WithRoot<'a, S> {
            root: &'a str,
            #[serde(flatten)]
            view: S,
        }
        tmpl.render(Serde(WithRoot { root, view: ctx }))
            .map_err(|source| ViewError::Render { name, source })
    }
}

/// Why a view gave no markup. The views are built in, so either means a fault in
/// xuexi itself; the message is minijinja's, which names the template and line.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// No view has this name.
    #[error("{source}")]
    Unknown {
        name: &'static str,
        #[source]
        source: minijinja::Error,
    },
    /// The view stopped while rendering (a value it reads is missing, a filter failed).
    #[error("{source:#}")]
    Render {
        name: &'static str,
        #[source]
        source: minijinja::Error,
    },
}

/// The environment for the layout of a self-contained document (an offline copy, a
/// paper): strict, the UI text as `t`, the shared macros, and the layout `name`.
pub fn document_env(
    name: &'static str,
    src: &'static str,
    strings: &Strings,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, src) in [("macros.html", MACROS), (name, src)] {
        env.add_template(name, src)
            .expect("built-in layout templates parse");
    }
    env.add_global("t", Value::from(Serde(strings.map())));
    env.add_global("letters", crate::rules::LETTERS);
    env
}

/// Writes each `{{ t.key }}` of a template as the key's text, and `{{ js_strings }}`,
/// `{{ sw_strings }}`, `{{ tk_strings }}` and `{{ tl_strings }}` as the scripts' UI text
/// (`js_`, `sw_`, `tk_` and `tl_` keys: the task pages' and the ledger page's own), so fixed UI text costs nothing at render time. Keys not in
/// `strings` are left for minijinja to report.
fn fold_strings(src: &str, strings: &Strings) -> String {
    // Raw, so braces in the JSON are never read as template syntax.
    let raw = |prefix: &str| {
        format!(
            "{{% raw %}}{}{{% endraw %}}",
            markdown::escape(&strings.prefixed_json(prefix))
        )
    };
    let mut src = src.to_string();
    let scripts = [
        ("{{ js_strings }}", "js_"),
        ("{{ sw_strings }}", "sw_"),
        ("{{ tk_strings }}", "tk_"),
        ("{{ tl_strings }}", "tl_"),
    ];
    for (name, prefix) in scripts {
        if src.contains(name) {
            src = src.replace(name, &raw(prefix));
        }
    }
    let mut rest = src.as_str();
    let mut out = String::with_capacity(src.len());
    while let Some(at) = rest.find("{{ t.") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        let key_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let key = &after[..key_len];
        match (strings.get(key), after[key_len..].strip_prefix(" }}")) {
            (Some(text), Some(tail)) if !text.contains('{') => {
                out.push_str(&markdown::escape(text));
                rest = tail;
            }
            _ => {
                out.push_str("{{ t.");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
