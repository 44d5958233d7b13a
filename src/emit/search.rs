//! The search index: what readers can search for, split so that a query loads only
//! what it needs (as Pagefind's chunked index does).
//!
//! In: the checked project. The entries, in this order: every material (and its
//! summary), its chapters (and their key points), the plans, then each quiz followed by
//! its questions' prompts and options (in the bank's order). Which option is right,
//! answers and explanations are never in it. Plain text, no
//! markup; URLs relative to the site root. Out, in `search/` ([`Index`]):
//! - `d<n>.json`, the entries in chunks of [`CHUNK`], in order:
//!   `{"quiz": [title, url] | null, "e": [[kind, title, url, text] | [anchor, prompt]]}`;
//!   a question is `[anchor, prompt]` under the quiz before it (or `quiz`, the one the
//!   chunk starts in), and its URL is the quiz's with `#anchor`.
//! - `b<k>.json`, the shards: for each character pair (bigram) of an entry's searchable
//!   text (the title then the text, in the reader's script's `norm`: NFKC, lower case,
//!   no spaces, punctuation or symbols), where it occurs, under the pair:
//!   `{"中国": [id - previous id, title length, count, position - previous position, ...]}`
//!   (ids are places in the order above, positions count characters). A pair goes to
//!   shard `fnv1a(pair) % shards`; the number of shards grows with the index.
//!
//! A query of two characters loads one shard and the chunks of the results it shows;
//! a longer one the shards of its pairs, matched by position, so the results and their
//! order are those of a scan of every entry.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::emit::view::Links;
use crate::markdown;
use crate::model::{Kind, Markdown, Project};

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

/// Entries per chunk file.
pub const CHUNK: usize = 64;

/// The index's files (name in `search/` -> JSON) and how many shards it has.
pub struct Index {
    pub files: Vec<(String, String)>,
    pub shards: usize,
}

/// FNV-1a over the code points of `pair`: which shard holds it (the same in search.js).
pub fn fnv1a(pair: &str) -> u32 {
    pair.chars().fold(2_166_136_261u32, |h, c| {
        (h ^ c as u32).wrapping_mul(16_777_619)
    })
}

/// The index for `project`, links made by `links`.
pub fn index(project: &Project, links: Links) -> Index {
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
                    // The prompt, then the options in the bank's order: a reader finds a
                    // question by what it asks about, never told which option is right.
                    let mut text = plain(&x.prompt.get_ref().0);
                    if let Kind::Single { options, .. } | Kind::Multiple { options, .. } = &x.kind {
                        for o in options.get_ref() {
                            text.push(' ');
                            text.push_str(&plain(o.get_ref()));
                        }
                    }
                    (format!("q-{}", x.id.get_ref()), text)
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
    split(&entries)
}

/// One searchable entry, as the reader's script sees it.
struct Flat<'a> {
    /// `[kind, title, url, text]`, or `[anchor, prompt]` for a question.
    json: Vec<&'a str>,
    title: &'a str,
    text: &'a str,
    /// The quiz a question belongs to: its title and URL.
    quiz: Option<(&'a str, &'a str)>,
}

/// A chunk file, `d<n>.json`: its fields in this order.
#[derive(Serialize)]
struct Chunk<'a> {
    e: Vec<&'a [&'a str]>,
    quiz: Option<[&'a str; 2]>,
}

fn split(entries: &[Entry]) -> Index {
    let mut flat: Vec<Flat> = Vec::new();
    for e in entries {
        flat.push(Flat {
            json: vec![e.0, &e.1, &e.2, &e.3],
            title: &e.1,
            text: &e.3,
            quiz: None,
        });
        for (anchor, prompt) in &e.4 {
            flat.push(Flat {
                json: vec![anchor, prompt],
                title: &e.1,
                text: prompt,
                quiz: Some((&e.1, &e.2)),
            });
        }
    }
    // Each entry's searchable characters (the title's, then the text's) and how many
    // of them are the title's, made on every core.
    let chars: Vec<(usize, Vec<char>)> = flat
        .par_iter()
        .map(|f| {
            let title = crate::answer::norm(f.title);
            let title_len = title.chars().count();
            let text = crate::answer::norm(f.text);
            let mut all = Vec::with_capacity(title_len + text.chars().count());
            all.extend(title.chars().chain(text.chars()));
            (title_len, all)
        })
        .collect();
    // Every occurrence of a pair as (pair, entry id, position), written in place on
    // every core (the biggest buffer of the index: it is made once, at its final size);
    // a pair is its two characters' code points in one number, which sorts as the
    // pair's text does.
    let pairs = |c: &Vec<char>| c.len().saturating_sub(1);
    let mut all = vec![(0u64, 0u32, 0u32); chars.iter().map(|(_, c)| pairs(c)).sum()];
    let mut parts = Vec::with_capacity(chars.len());
    let mut rest = all.as_mut_slice();
    for (_, c) in &chars {
        let (part, tail) = std::mem::take(&mut rest).split_at_mut(pairs(c));
        parts.push(part);
        rest = tail;
    }
    parts
        .into_par_iter()
        .zip(&chars)
        .enumerate()
        .for_each(|(id, (part, (_, c)))| {
            for (slot, (p, w)) in part.iter_mut().zip(c.windows(2).enumerate()) {
                let pair = (u64::from(w[0]) << 32) | u64::from(w[1]);
                *slot = (pair, id as u32, p as u32);
            }
        });
    let title_lens: Vec<usize> = chars.into_iter().map(|(n, _)| n).collect();
    all.par_sort_unstable();
    // Each pair's postings, in pair order, written on every core:
    // `id - previous id, title length, count, position - previous position, ...`.
    let postings: Vec<(String, String)> = all
        .par_chunk_by(|a, b| a.0 == b.0)
        .map(|run| {
            let pair: String = [run[0].0 >> 32, run[0].0 & 0xffff_ffff]
                .iter()
                .filter_map(|&c| char::from_u32(c as u32))
                .collect();
            // Millions of numbers: written by itoa, not the formatting machinery.
            let mut digits = itoa::Buffer::new();
            let mut out = String::new();
            let mut last = 0u32;
            for one in run.chunk_by(|a, b| a.1 == b.1) {
                let id = one[0].1;
                if !out.is_empty() {
                    out.push(',');
                }
                out.push_str(digits.format(id - last));
                out.push(',');
                out.push_str(digits.format(title_lens[id as usize]));
                out.push(',');
                out.push_str(digits.format(one.len()));
                let mut prev = 0;
                for &(_, _, p) in one {
                    out.push(',');
                    out.push_str(digits.format(p - prev));
                    prev = p;
                }
                last = id;
            }
            (pair, out)
        })
        .collect();
    drop(all);
    // About 16 KB of postings per shard, a power of two of them.
    let total: usize = postings.iter().map(|(k, v)| k.len() + v.len() + 6).sum();
    let shards = (total / 16_384).max(1).next_power_of_two().min(4096);
    let mut texts = vec![String::new(); shards];
    // Each pair's postings are dropped once copied into its shard.
    for (pair, list) in postings {
        let out = &mut texts[fnv1a(&pair) as usize % shards];
        out.push(if out.is_empty() { '{' } else { ',' });
        out.push_str(&serde_json::to_string(&pair).expect("a string serializes"));
        write!(out, ":[{list}]").unwrap();
    }
    let mut files = Vec::with_capacity(flat.len().div_ceil(CHUNK) + shards);
    for (n, chunk) in flat.chunks(CHUNK).enumerate() {
        let chunk = Chunk {
            e: chunk.iter().map(|f| f.json.as_slice()).collect(),
            quiz: chunk[0].quiz.map(|(t, u)| [t, u]),
        };
        let json = serde_json::to_string(&chunk).expect("strings serialize");
        files.push((format!("d{n}.json"), json + "\n"));
    }
    for (k, text) in texts.into_iter().enumerate() {
        let text = if text.is_empty() { "{".into() } else { text };
        files.push((format!("b{k}.json"), text + "}\n"));
    }
    Index { files, shards }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_hold_pairs_by_position_and_chunks_the_entries() {
        let entries = vec![
            Entry(
                "material",
                "党史".into(),
                "materials/a/".into(),
                "中国共产党".into(),
                vec![],
            ),
            Entry(
                "quiz",
                "自测".into(),
                "quizzes/q/".into(),
                String::new(),
                vec![("q-1".into(), "中国，中国！".into())],
            ),
        ];
        let index = split(&entries);
        assert_eq!(index.shards, 1);
        let names: Vec<&str> = index.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["d0.json", "b0.json"]);
        assert_eq!(
            index.files[0].1,
            "{\"e\":[[\"material\",\"党史\",\"materials/a/\",\"中国共产党\"],[\"quiz\",\"自测\",\"quizzes/q/\",\"\"],[\"q-1\",\"中国，中国！\"]],\"quiz\":null}\n"
        );
        let shard: serde_json::Value = serde_json::from_str(&index.files[1].1).unwrap();
        // 党史中国共产党: 中国 at 2 in entry 0 (title of 2); 中国中国 in entry 2 at 2 and 4.
        assert_eq!(
            shard["中国"],
            serde_json::json!([0, 2, 1, 2, 2, 2, 2, 2, 2])
        );
        assert_eq!(shard["史中"], serde_json::json!([0, 2, 1, 1]));
        assert_eq!(fnv1a("中国"), {
            let mut h: u32 = 2_166_136_261;
            for c in ['中', '国'] {
                h = (h ^ c as u32).wrapping_mul(16_777_619);
            }
            h
        });
    }

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
