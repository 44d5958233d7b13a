//! Links of the published site, made to work in any folder of any host.
//!
//! In: `site/public/` as Zola wrote it, and the base URL its links start with (Zola's
//! `base_url`: `/` unless the author or `xuexi build --base-url` set another). Out: the
//! same folder, where
//! - every link of a page to the site itself is relative (`../../materials/`), so the
//!   folder works unchanged when copied under `/djxx/` or any other sub-folder. Only
//!   `404.html` keeps the absolute links Zola gave it: a server shows it at any address,
//!   where no relative link could lead back;
//! - the style sheets, scripts and pictures that pages (or the web app manifest) link
//!   to carry their content hash in their name (`xuexi.css` -> `xuexi.3f2a9c1b0d.css`),
//!   and every link says so. A server or a CDN may keep them for a year: a new build
//!   links new names, so an old page never meets a new style sheet nor the reverse.
//!   `sw.js` and the search index (`search/`) keep their names, since scripts ask for
//!   them by name; so does any file no page links to.
//!
//! Why hashes in names rather than Zola's `?h=` query: CDNs are often set to ignore
//! query strings when caching (a common default on Chinese CDNs), object storage holds
//! one object per name (an upload would replace the file old pages still use), and
//! nginx chooses headers by path, not by query.
//!
//! Links are read from the `href`, `src`, `action` and `poster` attributes of the tags of
//! every `.html` file and from the manifest's `icons`, `screenshots`, `start_url` and
//! `scope`; where each leads is [`super::html`]'s to say, as for the service worker's
//! lists. A hashed name is written as the file writes text (`&` as `&amp;` in a page).

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::html;

/// Hex digits of the content hash put in a file's name.
pub const HASH_LEN: usize = 10;

/// Extensions of the files that get their content hash in their name when linked.
const HASHED: &[&str] = &[
    "css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2",
];

/// The page a server shows for any missing address: its links stay absolute.
pub const NOT_FOUND: &str = "404.html";

/// What [`rewrite`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rewritten {
    /// Site path -> its new, hashed site path (`xuexi.css` -> `xuexi.3f2a9c1b0d.css`).
    pub renamed: BTreeMap<String, String>,
    /// Pages and manifests whose links changed.
    pub files: usize,
}

/// Whether `name` (a file name or site path) carries a content hash as [`rewrite`]
/// puts it: `stem.<10 hex digits>.ext`. The service worker's list and the nginx
/// settings tell hashed files from the rest this way.
pub fn is_hashed(name: &str) -> bool {
    let name = name.rsplit('/').next().unwrap_or(name);
    let mut parts = name.rsplitn(3, '.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && HASHED.contains(&ext)
        && hash.len() == HASH_LEN
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Makes the links of the site in `public` relative and puts content hashes in the
/// names of linked assets. `base` is the base URL Zola built with (ends with `/`).
pub fn rewrite(public: &Path, base: &str) -> io::Result<Rewritten> {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    let mut files = Vec::new();
    walk(public, "", &mut files)?;
    files.sort();

    // Every file that would get a hashed name if linked, with that name...
    let candidates: BTreeMap<String, String> = files
        .par_iter()
        .filter(|p| hashable(p) && !is_hashed(p))
        .map(|path| {
            let bytes = std::fs::read(public.join(path))?;
            let hash = crate::stamp::hex(&Sha256::digest(&bytes)[..HASH_LEN / 2]);
            let dot = path.rfind('.').expect("hashable paths have an extension");
            Ok((
                path.clone(),
                format!("{}.{hash}{}", &path[..dot], &path[dot..]),
            ))
        })
        .collect::<io::Result<_>>()?;
    // ... every page and manifest read once, its links rewritten (a link to a candidate
    // is what makes it linked, so its new name is known before all pages are read)...
    let texts: Vec<&String> = files
        .iter()
        .filter(|f| {
            (f.ends_with(".html") && !f.ends_with(crate::emit::zola::OFFLINE_COPY))
                || f.ends_with(".webmanifest")
        })
        .collect();
    let done: Vec<(usize, BTreeSet<&str>)> = texts
        .par_iter()
        .map(|file| {
            let Some(text) = read_text(&public.join(file))? else {
                return Ok((0, BTreeSet::new()));
            };
            let (new, linked) = rewrite_text(file, &text, &base, &candidates);
            if new == text {
                return Ok((0, linked));
            }
            let path = public.join(file);
            crate::write::file(&path, new.as_bytes())
                .map_err(crate::i18n::at(&path))
                .map(|()| (1, linked))
        })
        .collect::<io::Result<_>>()?;
    let linked: BTreeSet<&str> = done.iter().flat_map(|(_, l)| l.iter().copied()).collect();
    // ... and the candidates linked, renamed.
    let mut renamed = BTreeMap::new();
    for (path, new) in &candidates {
        if linked.contains(path.as_str()) {
            std::fs::rename(public.join(path), public.join(new))
                .map_err(crate::i18n::at(&public.join(new)))?;
            renamed.insert(path.clone(), new.clone());
        }
    }
    Ok(Rewritten {
        renamed,
        files: done.iter().map(|(n, _)| n).sum(),
    })
}

/// A page's text; `None` when it is not UTF-8 (an author's old page in another
/// encoding is left exactly as it is).
fn read_text(path: &Path) -> io::Result<Option<String>> {
    Ok(String::from_utf8(std::fs::read(path)?).ok())
}

/// Whether a file with this site path gets a hashed name when linked.
fn hashable(path: &str) -> bool {
    if path == super::precache::SW || path.starts_with("search/") {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && HASHED.contains(&ext))
}

/// A link found in a file: its text and where it stands.
struct Value {
    start: usize,
    end: usize,
    text: String,
}

/// The links of one page (attributes) or manifest (JSON strings).
fn values(file: &str, text: &str) -> Vec<Value> {
    if file.ends_with(".webmanifest") {
        manifest_values(text)
    } else {
        attribute_values(text)
    }
}

/// The values of the URL attributes of a page's tags ([`html::URL_ATTRIBUTES`]).
fn attribute_values(text: &str) -> Vec<Value> {
    html::tags(text)
        .flat_map(|tag| tag.urls())
        .map(|a| Value {
            start: a.start,
            end: a.end,
            text: a.value.to_string(),
        })
        .collect()
}

/// The URLs of a web app manifest: icons' and screenshots' `src`, `start_url`, `scope`.
/// Found by value in the text, so the manifest keeps its layout.
fn manifest_values(text: &str) -> Vec<Value> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut urls = BTreeSet::new();
    for key in ["start_url", "scope"] {
        if let Some(s) = json.get(key).and_then(|v| v.as_str()) {
            urls.insert(s.to_string());
        }
    }
    for key in ["icons", "screenshots"] {
        for item in json
            .get(key)
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(s) = item.get("src").and_then(|v| v.as_str()) {
                urls.insert(s.to_string());
            }
        }
    }
    let mut out = Vec::new();
    for url in urls {
        let Ok(quoted) = serde_json::to_string(&url) else {
            continue;
        };
        // Each occurrence of the string as a value (after a colon).
        for (at, _) in text.match_indices(&quoted) {
            if text[..at].trim_end().ends_with(':') {
                out.push(Value {
                    start: at + 1,
                    end: at + quoted.len() - 1,
                    text: url.clone(),
                });
            }
        }
    }
    out.sort_by_key(|v| v.start);
    out
}

/// The folder of a site path (`materials/a/index.html` -> `materials/a`).
fn dir_of(file: &str) -> &str {
    file.rfind('/').map_or("", |p| &file[..p])
}

/// `value` split before its query or fragment.
fn split_suffix(value: &str) -> (&str, &str) {
    let cut = value.find(['?', '#']).unwrap_or(value.len());
    value.split_at(cut)
}

/// The text of `file` with its links rewritten, and the files of `renamed` (site path
/// -> hashed site path) it links to.
fn rewrite_text<'r>(
    file: &str,
    text: &str,
    base: &str,
    renamed: &'r BTreeMap<String, String>,
) -> (String, BTreeSet<&'r str>) {
    let mut linked = BTreeSet::new();
    let dir = dir_of(file);
    let keep_absolute = file == NOT_FOUND;
    let up = "../".repeat(dir.split('/').filter(|s| !s.is_empty()).count());
    // A path as a page writes it: `a&b.png` as `a&amp;b.png` (a manifest is JSON).
    let page = !file.ends_with(".webmanifest");
    let written = |path: &str| {
        if page {
            crate::markdown::escape(path)
        } else {
            path.to_string()
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for v in values(file, text) {
        let Some(t) = html::resolve(file, &v.text, base) else {
            continue;
        };
        let (path, suffix) = split_suffix(&v.text);
        let hashed = renamed.get_key_value(&t.path).map(|(path, hashed)| {
            linked.insert(path.as_str());
            hashed
        });
        // A hashed name replaces Zola's cache-busting query (`?h=…`); a fragment stays.
        let suffix = match (hashed, suffix.find('#')) {
            (Some(_), Some(hash)) => &suffix[hash..],
            (Some(_), None) => "",
            (None, _) => suffix,
        };
        let new = match (t.absolute, hashed) {
            (true, _) if keep_absolute => {
                format!("{base}{}{suffix}", written(hashed.unwrap_or(&t.path)))
            }
            (true, Some(h)) => format!("{up}{}{suffix}", written(h)),
            (true, None) => {
                let rel = &path[base.len()..];
                match format!("{up}{rel}") {
                    s if s.is_empty() => format!("./{suffix}"),
                    s => format!("{s}{suffix}"),
                }
            }
            (false, Some(h)) => {
                let name = h.rsplit('/').next().unwrap_or(h);
                let keep = path.rfind('/').map_or("", |p| &path[..=p]);
                format!("{keep}{}{suffix}", written(name))
            }
            (false, None) => continue,
        };
        if new != v.text {
            out.push_str(&text[at..v.start]);
            out.push_str(&new);
            at = v.end;
        }
    }
    out.push_str(&text[at..]);
    (out, linked)
}

/// Every file under `dir`, as site paths with `/`.
fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let r = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), &r, out)?;
        } else if kind.is_file() {
            out.push(r);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    fn read(dir: &tempfile::TempDir, path: &str) -> String {
        std::fs::read_to_string(dir.path().join(path)).unwrap()
    }

    const CSS_HASH: &str = "xuexi.7c98040a54.css"; // of "body{}"

    #[test]
    fn absolute_links_become_relative_and_assets_get_their_hash() {
        let page = r##"<link rel="stylesheet" href="/xuexi.css?h=123"><script src='/xuexi.js' defer></script>
<a href="/">首页</a> <a href="/materials/#designated">材料</a> <a href="#main">跳</a>
<a href="https://example.org/x">外</a> <a href="//cdn.example.org/y">外</a> <a href="mailto:a@b">信</a>
<img src="../../pic.png" alt=""><p>href="/not-a-link"</p><form action="/search/"></form><p>学href="/x"</p>"##;
        let dir = site(&[
            ("index.html", page),
            ("materials/jianshi/index.html", page),
            (NOT_FOUND, page),
            ("xuexi.css", "body{}"),
            ("xuexi.js", "1"),
            ("pic.png", "png"),
            ("unlinked.js", "2"),
            ("sw.js", "sw"),
            (
                "manifest.webmanifest",
                "{\n  \"start_url\": \"./\",\n  \"icons\": [ { \"src\": \"pic.png\", \"sizes\": \"any\" } ]\n}\n",
            ),
        ]);
        let done = rewrite(dir.path(), "/").unwrap();
        let js = done.renamed["xuexi.js"].clone();
        let png = done.renamed["pic.png"].clone();
        assert_eq!(done.renamed["xuexi.css"], CSS_HASH);
        assert_eq!(done.renamed.len(), 3, "{:?}", done.renamed);
        assert!(dir.path().join(CSS_HASH).is_file());
        assert!(!dir.path().join("xuexi.css").exists());
        assert!(dir.path().join("unlinked.js").is_file());
        assert!(dir.path().join("sw.js").is_file());

        let deep = read(&dir, "materials/jianshi/index.html");
        assert!(
            deep.contains(&format!(r#"href="../../{CSS_HASH}">"#)),
            "{deep}"
        );
        assert!(deep.contains(&format!("src='../../{js}' defer")), "{deep}");
        assert!(deep.contains(r#"<a href="../../">首页</a>"#), "{deep}");
        assert!(
            deep.contains(r#"href="../../materials/#designated""#),
            "{deep}"
        );
        assert!(
            deep.contains(&format!(r#"<img src="../../{png}""#)),
            "{deep}"
        );
        assert!(deep.contains(r#"action="../../search/""#), "{deep}");
        for same in [
            r##"href="#main""##,
            r#"href="https://example.org/x""#,
            r#"href="//cdn.example.org/y""#,
            r#"href="mailto:a@b""#,
            r#"<p>href="/not-a-link"</p>"#,
        ] {
            assert!(deep.contains(same), "{same} in {deep}");
        }

        let home = read(&dir, "index.html");
        assert!(home.contains(&format!(r#"href="{CSS_HASH}">"#)), "{home}");
        assert!(home.contains(r#"<a href="./">首页</a>"#), "{home}");
        assert!(home.contains(r#"href="materials/#designated""#), "{home}");
        // ../../pic.png from the root leaves the site: untouched.
        assert!(home.contains(r#"src="../../pic.png""#), "{home}");

        // The page shown at any address keeps absolute links, with the hashed names.
        let missing = read(&dir, NOT_FOUND);
        assert!(
            missing.contains(&format!(r#"href="/{CSS_HASH}">"#)),
            "{missing}"
        );
        assert!(
            missing.contains(r#"<a href="/materials/#designated">"#),
            "{missing}"
        );

        let manifest = read(&dir, "manifest.webmanifest");
        assert_eq!(
            manifest,
            format!(
                "{{\n  \"start_url\": \"./\",\n  \"icons\": [ {{ \"src\": \"{png}\", \"sizes\": \"any\" }} ]\n}}\n"
            )
        );
        assert_eq!(done.files, 4);
    }

    #[test]
    fn a_base_in_a_sub_folder_or_with_a_host() {
        for base in ["/djxx/", "https://example.gov.cn/djxx/", "/djxx"] {
            let b = base.trim_end_matches('/');
            let page = format!(
                r#"<a href="{b}/">首页</a><a href="{b}/plans/a/">计划</a><link href="{b}/xuexi.css"><a href="/elsewhere/">别处</a>"#
            );
            let dir = site(&[
                ("plans/a/index.html", &page),
                (NOT_FOUND, &page),
                ("xuexi.css", "body{}"),
            ]);
            rewrite(dir.path(), base).unwrap();
            assert_eq!(
                read(&dir, "plans/a/index.html"),
                format!(
                    r#"<a href="../../">首页</a><a href="../../plans/a/">计划</a><link href="../../{CSS_HASH}"><a href="/elsewhere/">别处</a>"#
                ),
                "{base}"
            );
            assert_eq!(
                read(&dir, NOT_FOUND),
                format!(
                    r#"<a href="{b}/">首页</a><a href="{b}/plans/a/">计划</a><link href="{b}/{CSS_HASH}"><a href="/elsewhere/">别处</a>"#
                ),
                "{base}"
            );
        }
    }

    #[test]
    fn bare_values_as_a_minifier_writes_them() {
        let dir = site(&[
            (
                "a/index.html",
                "<link rel=stylesheet href=/xuexi.css><a href=/>首页</a><a class=x href=/b/ title=b>b</a><img src=../pic.png alt=\"\">",
            ),
            ("xuexi.css", "body{}"),
            ("pic.png", "p"),
        ]);
        let done = rewrite(dir.path(), "/").unwrap();
        let pic = &done.renamed["pic.png"];
        assert_eq!(
            read(&dir, "a/index.html"),
            format!(
                "<link rel=stylesheet href=../{CSS_HASH}><a href=../>首页</a><a class=x href=../b/ title=b>b</a><img src=../{pic} alt=\"\">"
            )
        );
    }

    #[test]
    fn same_bytes_twice_and_no_second_hash() {
        let files = [
            (
                "index.html",
                r#"<link href="/xuexi.css"><a href="/a/">a</a>"#,
            ),
            ("a/index.html", r#"<script src="../quiz.js"></script>"#),
            ("xuexi.css", "body{}"),
            ("quiz.js", "q"),
        ];
        let one = site(&files);
        let two = site(&files);
        rewrite(one.path(), "/").unwrap();
        rewrite(two.path(), "/").unwrap();
        for f in ["index.html", "a/index.html"] {
            assert_eq!(read(&one, f), read(&two, f));
        }
        // Run again on its own output: nothing changes.
        let again = rewrite(one.path(), "/").unwrap();
        assert_eq!(again, Rewritten::default());
        assert_eq!(read(&one, "index.html"), read(&two, "index.html"));
    }

    #[test]
    fn percent_encoded_names_and_search_index() {
        let dir = site(&[
            (
                "index.html",
                r#"<img src="/%E5%9B%BE.png"><script src="/search/index.js"></script><script src="/sw.js"></script>"#,
            ),
            ("图.png", "p"),
            ("search/index.js", "s"),
            ("sw.js", "w"),
        ]);
        let done = rewrite(dir.path(), "/").unwrap();
        let pic = &done.renamed["图.png"];
        assert!(dir.path().join(pic).is_file());
        assert_eq!(done.renamed.len(), 1);
        let home = read(&dir, "index.html");
        assert_eq!(
            home,
            format!(
                r#"<img src="{pic}"><script src="search/index.js"></script><script src="sw.js"></script>"#
            )
        );
    }

    #[test]
    fn ampersands_as_html_writes_them() {
        let dir = site(&[
            (
                "a/index.html",
                r#"<img src="../x&amp;y.png"><img src="/x%26y.png"><link href="/a&amp;b/x.css?h=1&amp;v=2">"#,
            ),
            ("x&y.png", "p"),
            ("a&b/x.css", "body{}"),
        ]);
        let done = rewrite(dir.path(), "/").unwrap();
        let pic = done.renamed["x&y.png"].replace('&', "&amp;");
        let css = done.renamed["a&b/x.css"].replace('&', "&amp;");
        assert_eq!(
            read(&dir, "a/index.html"),
            format!(r#"<img src="../{pic}"><img src="../{pic}"><link href="../{css}">"#)
        );
    }

    #[test]
    fn a_page_in_another_encoding_is_left_alone() {
        let dir = site(&[("xuexi.css", "body{}")]);
        // `<link href="/xuexi.css">党史` in GB18030.
        let mut gbk = b"<link href=\"/xuexi.css\">".to_vec();
        gbk.extend([0xb5, 0xb3, 0xca, 0xb7]);
        std::fs::write(dir.path().join("old.html"), &gbk).unwrap();
        let done = rewrite(dir.path(), "/").unwrap();
        assert_eq!(std::fs::read(dir.path().join("old.html")).unwrap(), gbk);
        assert!(done.renamed.is_empty());
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("xuexi.3f2a9c1b0d.css"));
        assert!(is_hashed("practice/record.0123456789.js"));
        assert!(!is_hashed("xuexi.css"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed(".3f2a9c1b0d.css"));
        assert!(!is_hashed("xuexi.3F2A9C1B0D.css"));
        assert!(!is_hashed("page.3f2a9c1b0d.html"));
    }
}
