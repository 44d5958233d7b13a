//! The pages of the built site as publishing reads them: their tags, the URLs in them,
//! and where those URLs lead. [`super::links`] (relative links, hashed names) and
//! [`super::precache`] (what a page needs offline) both read pages through this, so they
//! find the same links and agree on where each leads.
//!
//! In: a page's text. Out: [`tags`], its start tags in order, each with its attributes
//! (quoted either way or bare) and where their values stand in the text, so a link can
//! be rewritten in place; comments and the text of `<script>` and `<style>` are no tags.
//! [`resolve`]: where an attribute's value (`../../materials/%E4%B8%AD/#ch01`,
//! `xuexi.css?h=1&amp;v=2`) leads inside the site, as a file path and as a site URL;
//! [`file`]: the file behind a site URL.

use std::borrow::Cow;

/// The attributes whose values are URLs that lead to other files.
pub const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "action", "poster"];

/// The start tags of `html`, in order.
pub fn tags(html: &str) -> Tags<'_> {
    Tags { html, at: 0 }
}

/// The start tags of a page; see [`tags`].
pub struct Tags<'a> {
    html: &'a str,
    at: usize,
}

/// A start tag: `<a href="../" class=x>`.
#[derive(Clone, Copy, Debug)]
pub struct Tag<'a> {
    /// As written (`a`, `LINK`).
    pub name: &'a str,
    html: &'a str,
    /// Where its attributes start and where its `>` stands (the text's end without one).
    from: usize,
    end: usize,
}

/// An attribute of a tag, with where its value stands in the page's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// As written (`href`, `SRC`).
    pub name: &'a str,
    /// As written, without quotes; empty when the attribute has none (`download`).
    pub value: &'a str,
    /// The value's byte range in the page's text.
    pub start: usize,
    pub end: usize,
}

/// The attributes of a tag; see [`Tag::attributes`].
pub struct Attributes<'a> {
    html: &'a str,
    at: usize,
    end: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let html = self.html;
        loop {
            let lt = self.at + html[self.at..].find('<')?;
            let rest = &html[lt + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                self.at = comment.find("-->").map_or(html.len(), |p| lt + 4 + p + 3);
                continue;
            }
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                // An end tag, a doctype, or a `<` in the text.
                self.at = lt + 1;
                continue;
            }
            let name_len = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .unwrap_or(rest.len());
            let from = lt + 1 + name_len;
            // The tag ends at the first `>` that no quoted value holds.
            let mut attributes = Attributes {
                html,
                at: from,
                end: html.len(),
            };
            attributes.by_ref().for_each(drop);
            let tag = Tag {
                name: &rest[..name_len],
                html,
                from,
                end: attributes.at,
            };
            self.at = (tag.end + 1).min(html.len());
            if tag.is("script") || tag.is("style") {
                self.at = raw_text_end(html, self.at, tag.name);
            }
            return Some(tag);
        }
    }
}

/// Where the text of a `<script>` or `<style>` that starts at `from` ends: at its end
/// tag (`</script`, any case), or at the end of `html`.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(p) = html[at..].find("</") {
        let name_at = at + p + 2;
        if html
            .get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return at + p;
        }
        at = name_at;
    }
    html.len()
}

impl<'a> Tag<'a> {
    /// Whether this is a `name` tag (in any case).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// Its attributes, in order.
    pub fn attributes(&self) -> Attributes<'a> {
        Attributes {
            html: self.html,
            at: self.from,
            end: self.end,
        }
    }

    /// Its first attribute called `name` (in any case), as a browser reads it.
    pub fn get(&self, name: &str) -> Option<Attribute<'a>> {
        self.attributes()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Its attributes that hold a URL ([`URL_ATTRIBUTES`]).
    pub fn urls(&self) -> impl Iterator<Item = Attribute<'a>> + use<'a> {
        self.attributes().filter(|a| {
            URL_ATTRIBUTES
                .iter()
                .any(|n| n.eq_ignore_ascii_case(a.name))
        })
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Attribute<'a>;

    fn next(&mut self) -> Option<Attribute<'a>> {
        let html = self.html;
        let b = html.as_bytes();
        let space = |i: usize| i < self.end && b[i].is_ascii_whitespace();
        while self.at < self.end && (b[self.at].is_ascii_whitespace() || b[self.at] == b'/') {
            self.at += 1;
        }
        if self.at >= self.end || b[self.at] == b'>' {
            return None;
        }
        let name_start = self.at;
        self.at += 1; // a name is at least one character, even `=`
        while self.at < self.end && !matches!(b[self.at], b'=' | b'/' | b'>') && !space(self.at) {
            self.at += 1;
        }
        let name = &html[name_start..self.at];
        let mut i = self.at;
        while space(i) {
            i += 1;
        }
        if i >= self.end || b[i] != b'=' {
            return Some(Attribute {
                name,
                value: "",
                start: self.at,
                end: self.at,
            });
        }
        i += 1;
        while space(i) {
            i += 1;
        }
        let (start, stop, next) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) if i < self.end => {
                let close = html[i + 1..self.end]
                    .find(q as char)
                    .map_or(self.end, |p| i + 1 + p);
                (i + 1, close, (close + 1).min(self.end))
            }
            _ => {
                let stop = html[i..self.end]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(self.end, |p| i + p);
                (i, stop, stop)
            }
        };
        self.at = next;
        Some(Attribute {
            name,
            value: &html[start..stop],
            start,
            end: stop,
        })
    }
}

/// Where a URL in a page leads inside the site.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    /// The file or folder, relative to the site root, percent-decoded, without query or
    /// fragment: `materials/中/`, `xuexi.css`; empty for the root.
    pub path: String,
    /// The same as a site URL, spelt as the page spells it (percent-encoded where it
    /// was), with the query and without the fragment: `materials/%E4%B8%AD/`,
    /// `xuexi.css?h=1`; `./` for the root.
    pub url: String,
    /// Whether the page wrote it absolute (starting with the base URL).
    pub absolute: bool,
}

/// Where `value`, an attribute's value in the page at `page` (its site URL or path:
/// `plans/p/`, `plans/p/index.html`, `./`) of a site published at `base` (`/`, `/djxx/`,
/// `https://a.gov.cn/djxx/`), leads inside the site. `None` for a fragment or query of
/// the same page, another origin or scheme (`https:`, `mailto:`, `data:`), a path
/// outside the base or above the root, and escapes that do not make UTF-8.
pub fn resolve(page: &str, value: &str, base: &str) -> Option<Target> {
    let value = value.replace("&amp;", "&");
    let (path, suffix) = value.split_at(value.find(['?', '#']).unwrap_or(value.len()));
    let query = &suffix[..suffix.find('#').unwrap_or(suffix.len())];
    if path.is_empty() || path.starts_with("//") {
        return None;
    }
    let base = base.strip_suffix('/').unwrap_or(base);
    let in_base = path.strip_prefix(base).and_then(|p| p.strip_prefix('/'));
    let (mut parts, rest, absolute) = match in_base {
        Some(rest) => (Vec::new(), rest, true),
        None if path.starts_with('/') || has_scheme(path) => return None,
        None => {
            let dir = page.rfind('/').map_or("", |p| &page[..p]);
            let parts: Vec<&str> = dir
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .collect();
            (parts, path, false)
        }
    };
    let segments: Vec<&str> = rest.split('/').collect();
    for segment in &segments {
        match *segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if matches!(segments.last(), Some(&("" | "." | ".."))) && !joined.is_empty() {
        joined.push('/');
    }
    Some(Target {
        path: decode(&joined)?.into_owned(),
        url: if joined.is_empty() {
            format!("./{query}")
        } else {
            format!("{joined}{query}")
        },
        absolute,
    })
}

/// The file behind a site URL, relative to the site root and percent-decoded:
/// `materials/%E4%B8%AD/#ch01` -> `materials/中/index.html`, `./` -> `index.html`.
/// `None` when the escapes do not make UTF-8.
pub fn file(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = decode(path.strip_prefix("./").unwrap_or(path))?;
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.into_owned()
    })
}

/// `%E5%AD%A6` -> `学`; `None` when the escapes do not make UTF-8.
fn decode(s: &str) -> Option<Cow<'_, str>> {
    percent_encoding::percent_decode_str(s).decode_utf8().ok()
}

/// Whether `s` starts with a scheme (`https:`, `mailto:`, `data:`).
fn has_scheme(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each tag's name with its attributes as `name=value`.
    fn read(html: &str) -> Vec<(String, Vec<String>)> {
        tags(html)
            .map(|t| {
                let attributes = t
                    .attributes()
                    .map(|a| {
                        assert_eq!(&html[a.start..a.end], a.value);
                        format!("{}={}", a.name, a.value)
                    })
                    .collect();
                (t.name.to_string(), attributes)
            })
            .collect()
    }

    fn tag(name: &str, attributes: &[&str]) -> (String, Vec<String>) {
        (
            name.to_string(),
            attributes.iter().map(|a| a.to_string()).collect(),
        )
    }

    #[test]
    fn tags_and_their_attributes() {
        let html = r#"<!DOCTYPE html><html lang="zh-CN"><a href="../../materials/#x" class='a b' download>甲</a>
<link rel=stylesheet href=/xuexi.css><IMG SRC = "图.png" alt="1 > 0"/><br/>x < y"#;
        assert_eq!(
            read(html),
            [
                tag("html", &["lang=zh-CN"]),
                tag("a", &["href=../../materials/#x", "class=a b", "download="]),
                tag("link", &["rel=stylesheet", "href=/xuexi.css"]),
                tag("IMG", &["SRC=图.png", "alt=1 > 0"]),
                tag("br", &[]),
            ]
        );
        let img = tags(html).find(|t| t.is("img")).unwrap();
        assert_eq!(img.get("src").unwrap().value, "图.png");
        assert_eq!(img.get("href"), None);
        let a = tags(html).find(|t| t.is("a")).unwrap();
        assert!(a.get("download").is_some());
        let urls: Vec<&str> = a.urls().map(|u| u.value).collect();
        assert_eq!(urls, ["../../materials/#x"]);
    }

    #[test]
    fn no_tags_in_comments_scripts_and_text() {
        let html = r#"<p>href="/not-a-link" 学 href="/x"</p><!-- <a href="/old/"> --><script>if (a<b) s = '<a href="/js/">';</script><STYLE>a>b{}</style ><a href=/y>"#;
        assert_eq!(
            read(html),
            [
                tag("p", &[]),
                tag("script", &[]),
                tag("STYLE", &[]),
                tag("a", &["href=/y"]),
            ]
        );
        // Cut short: what is there is read.
        assert_eq!(read("<a href=\"/x"), [tag("a", &["href=/x"])]);
        assert_eq!(read("<a href=/x"), [tag("a", &["href=/x"])]);
        assert!(read("<!-- <a href=/x>").is_empty());
    }

    #[test]
    fn resolves_relative_and_absolute_values() {
        let t = |page: &str, value: &str, base: &str| {
            resolve(page, value, base).map(|t| (t.path, t.url, t.absolute))
        };
        let s = |p: &str, u: &str, a: bool| Some((p.to_string(), u.to_string(), a));
        assert_eq!(
            t("plans/p/", "../../materials/a/#x", "/"),
            s("materials/a/", "materials/a/", false)
        );
        assert_eq!(t("plans/p/", "../", "/"), s("plans/", "plans/", false));
        assert_eq!(t("plans/p/", "../..", "/"), s("", "./", false));
        assert_eq!(t("plans/p/", "..", "/"), s("plans/", "plans/", false));
        assert_eq!(t("./", "./", "/"), s("", "./", false));
        assert_eq!(t("./", ".//a//b.js", "/"), s("a/b.js", "a/b.js", false));
        assert_eq!(
            t("./", "xuexi.css?h=1#top", "/"),
            s("xuexi.css", "xuexi.css?h=1", false)
        );
        assert_eq!(
            t("./", "/djxx/xuexi.js", "/djxx/"),
            s("xuexi.js", "xuexi.js", true)
        );
        assert_eq!(t("a/index.html", "/djxx/", "/djxx"), s("", "./", true));
        assert_eq!(
            t(
                "a/index.html",
                "https://a.gov.cn/djxx/b/",
                "https://a.gov.cn/djxx/"
            ),
            s("b/", "b/", true)
        );
        assert_eq!(t("./", "/", "/"), s("", "./", true));
        for (page, value, base) in [
            ("./", "#main", "/"),
            ("./", "?q=1", "/"),
            ("./", "", "/"),
            ("./", "https://example.com/x", "/"),
            ("./", "//cdn.example.com/x.js", "/"),
            ("./", "mailto:a@b", "/"),
            ("./", "data:image/png;base64,AAAA", "/"),
            ("./", "/elsewhere/x.js", "/djxx/"),
            ("./", "/djxxyz/x.js", "/djxx/"),
            ("./", "../pic.png", "/"),
            ("a/", "/djxx/../../x", "/djxx/"),
        ] {
            assert_eq!(t(page, value, base), None, "{value} in {page} under {base}");
        }
    }

    #[test]
    fn percent_escapes_and_ampersands() {
        let t = resolve("plans/p/", "../../materials/%E4%B8%AD/#ch01", "/").unwrap();
        assert_eq!(t.path, "materials/中/");
        assert_eq!(t.url, "materials/%E4%B8%AD/");
        let t = resolve("index.html", "/%E5%9B%BE.png", "/").unwrap();
        assert_eq!((t.path.as_str(), t.absolute), ("图.png", true));
        // Written as HTML writes `&`.
        let t = resolve("index.html", "a&amp;b.css?h=1&amp;v=2", "/").unwrap();
        assert_eq!(
            (t.path.as_str(), t.url.as_str()),
            ("a&b.css", "a&b.css?h=1&v=2")
        );
        // Escapes that are not UTF-8 lead nowhere.
        assert_eq!(resolve("index.html", "%FF.png", "/"), None);
        assert_eq!(
            file("materials/%E4%B8%AD/#ch01").unwrap(),
            "materials/中/index.html"
        );
        assert_eq!(file("./").unwrap(), "index.html");
        assert_eq!(file("xuexi.css?h=1").unwrap(), "xuexi.css");
        assert_eq!(file("%FF/"), None);
    }
}
