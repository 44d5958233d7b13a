//! The search index: what readers can search for, as a script the search page loads.
//!
//! In: the checked project. Out: `window.xuexiSearch = [[kind, title, url, text], ...]`
//! with every material (and its summary), chapter (and its key points), plan, quiz and
//! question prompt (a quiz's questions inside its entry, see [`Entry`]). Answers and
//! explanations are never in it. Plain text, no markup; URLs relative to the site root.
//! A script (not JSON) so it also loads from file://.

use rayon::prelude::*;
use serde::Serialize;

use crate::emit::view::Links;
use crate::markdown;
use crate::model::{Markdown, Project};

/// `[kind, title, url, text]`; a quiz also carries its questions as `[[anchor, prompt],
/// ...]`, which the search page expands into question entries with the quiz's title and
/// `url#anchor` (so that 20,000 questions do not repeat their quiz's title and address).
#[derive(Serialize)]
struct Entry<'a>(
    &'a str,
    String,
    String,
    String,
    #[serde(skip_serializing_if = "Vec::is_empty")] Vec<(String, String)>,
);

/// Markdown to plain text: rendered, tags dropped, entities decoded, spaces folded.
pub fn plain(md: &str) -> String {
    if let Some(text) = markdown::plain_text(md) {
        return fold_spaces(text);
    }
    let html = markdown::block(md);
    let mut text = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            // Between blocks, a space; inside a line (emphasis, links), nothing.
            let name = rest[1..end].trim_start_matches('/');
            if ["p", "li", "br", "h", "td", "th", "tr", "div", "blockquote"]
                .iter()
                .any(|b| name.starts_with(b))
            {
                text.push(' ');
            }
            rest = &rest[end..];
        } else {
            let entity = [
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#x27;", '\''),
                ("&amp;", '&'),
            ]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e));
            let (len, c) = entity.map_or((1, '&'), |(e, c)| (e.len(), c));
            text.push(c);
            rest = &rest[len..];
        }
    }
    text.push_str(rest);
    fold_spaces(&text)
}

/// Runs of whitespace become one space; none at either end.
fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn opt(m: &Option<Markdown>) -> String {
    m.as_ref().map(|m| plain(&m.0)).unwrap_or_default()
}

/// The index script for `project`, links made by `links`.
pub fn index(project: &Project, links: Links) -> String {
    let c = &project.catalogue;
    let mut entries = Vec::new();
    let materials: Vec<Vec<Entry>> = c
        .materials
        .par_iter()
        .map(|m| {
            let id = m.id.get_ref().as_str();
            let about = [m.author.clone(), m.publisher.clone(), Some(opt(&m.summary))];
            let about: Vec<String> = about
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect();
            let mut part = vec![Entry(
                "material",
                m.title.get_ref().clone(),
                links.page("materials", id),
                about.join(" "),
                Vec::new(),
            )];
            for ch in &m.chapters {
                let points: Vec<String> = ch.points.iter().map(|p| plain(&p.0)).collect();
                part.push(Entry(
                    "chapter",
                    format!("{} · {}", m.title.get_ref(), ch.title.get_ref()),
                    links.anchor("materials", id, ch.id.get_ref().as_str()),
                    points.join(" "),
                    Vec::new(),
                ));
            }
            part
        })
        .collect();
    entries.extend(materials.into_iter().flatten());
    for p in &c.plans {
        let id = p.id.get_ref().as_str();
        entries.push(Entry(
            "plan",
            p.title.get_ref().clone(),
            links.page("plans", id),
            opt(&p.intro),
            Vec::new(),
        ));
    }
    // Most of the text is question prompts: made on every core, in bank order.
    let quizzes: Vec<Entry> = project
        .quizzes
        .par_iter()
        .map(|q| {
            let questions = q
                .questions
                .iter()
                .map(|x| {
                    (
                        format!("q-{}", x.id.get_ref()),
                        plain(&x.prompt.get_ref().0),
                    )
                })
                .collect();
            Entry(
                "quiz",
                q.title.get_ref().clone(),
                links.page("quizzes", q.id.as_str()),
                String::new(),
                questions,
            )
        })
        .collect();
    entries.extend(quizzes);
    let json = serde_json::to_string(&entries).expect("strings serialize as JSON");
    // `</script>` cannot occur in a script file's data, but keep `<` escaped anyway.
    format!("window.xuexiSearch={};\n", json.replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            plain("**注意：**正文 <b>x</b> & y"),
            "注意：正文 <b>x</b> & y"
        );
        assert_eq!(plain("a\n\n- b\n- c"), "a b c");
        assert_eq!(plain("  一大在  上海召开 "), "一大在 上海召开");
        assert_eq!(plain("*a*&amp;lt; `<b>` x<y"), "a&lt; <b> x<y");
        assert_eq!(plain("# 标题\n\n> 引用　文字"), "标题 引用 文字");
    }
}
