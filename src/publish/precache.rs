//! What the service worker keeps: a small shell, and the lists behind 保存到本机.
//!
//! In: the published site (`site/public/`, after `zola build`) and the base URL it was
//! built with. Out:
//! - `sw.js` there, with `self.XUEXI_SHELL = {"files": [[url, hash], ...], "offline": url};`
//!   put in front of the service worker xuexi ships (`src/emit/assets/sw.js`, from its theme). The shell
//!   is the home page, the 404 page, the offline page ([`OFFLINE`]) and every file the
//!   home page and the offline page reference (stylesheet, scripts, icons, manifest),
//!   read from their HTML, so renamed or hashed asset names need no change here. Never
//!   every file: pages are kept as the reader opens them.
//! - `save/<kind>-<id>.json` for every plan, material and quiz page: the files that
//!   保存到本机 fetches for it, `{"bytes": n, "files": [[url, hash, bytes], ...]}`: the
//!   page, the material and quiz pages it links to (a plan: its readings and quizzes; a
//!   material: its quizzes), the study record ([`RECORD`]) when it links to it, and the
//!   scripts and stylesheets those reference that the shell does not hold. Never an offline copy (`.offline.html`) or a calendar.
//!
//! Pages are read, and their links followed, by [`super::html`], as [`super::links`]
//! reads them. URLs are relative to the site root (where `sw.js` is), spelt as the pages
//! spell them (`materials/%E4%B8%AD/`); a folder's `index.html` is listed as the folder
//! (`materials/jianshi/`), the way readers ask for it. Hashes are the first 8 bytes of
//! SHA-256, hex. Sorted, so the same site gives the same bytes.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::i18n::at;

use sha2::{Digest, Sha256};

use super::html;

/// The service worker's file name at the site root.
pub const SW: &str = "sw.js";

/// The page an unsaved page falls back to offline; it lists what is saved.
pub const OFFLINE: &str = "practice/saved/";
/// The wrong-answer book, kept from the first visit.
pub const WRONG: &str = "practice/wrong/";
/// The study record: kept with a saved page that links to it (it works offline, from
/// what the device keeps).
pub const RECORD: &str = "practice/record/";

/// The folder of the per-page save lists.
pub const SAVE_DIR: &str = "save";

/// The kinds of pages that can be saved, by their folder.
const SAVABLE: [(&str, &str); 3] = [
    ("plans", "plan"),
    ("materials", "material"),
    ("quizzes", "quiz"),
];

/// What [`write`] wrote: how many files the shell and the save lists hold.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub shell: usize,
    pub lists: usize,
}

/// Writes the shell into `public/sw.js` and the save lists into `public/save/`, for the
/// site in `public` built with base URL `base` (which its absolute links start with).
/// Returns `None` when the site has no service worker (the author removed it) or the
/// list is there already (an earlier run on the same output).
pub fn write(public: &Path, base: &str) -> std::io::Result<Option<Written>> {
    let sw_path = public.join(SW);
    let Ok(sw) = std::fs::read_to_string(&sw_path) else {
        return Ok(None);
    };
    if sw.starts_with("self.XUEXI_SHELL") {
        return Ok(None);
    }
    let site = Site {
        public,
        base,
        seen: Mutex::default(),
    };
    // The wrong-answer book works offline from the first visit (every quiz adds to it).
    // The study record is kept once opened: at national scale it is 50 KB, a third of
    // the first visit's budget.
    let pages = ["./", OFFLINE, WRONG];
    let mut shell: BTreeSet<String> = pages
        .into_iter()
        .chain(["404.html"])
        .filter(|u| site.is_file(u))
        .map(String::from)
        .collect();
    for page in pages {
        if let Ok(seen) = site.seen(page) {
            shell.extend(seen.refs.assets.iter().cloned());
        }
    }
    let mut files = Vec::with_capacity(shell.len());
    for url in &shell {
        files.push((url.clone(), site.hash(url)?.0));
    }
    let head = serde_json::json!({ "files": files, "offline": OFFLINE });
    crate::write::file(
        &sw_path,
        format!("self.XUEXI_SHELL = {head};\n{sw}").as_bytes(),
    )
    .map_err(at(&sw_path))?;

    // Every page is read and hashed once, however many lists name it; the lists are
    // made on every core.
    let mut wanted = Vec::new();
    for (dir, kind) in SAVABLE {
        let Ok(entries) = std::fs::read_dir(public.join(dir)) else {
            continue;
        };
        let mut ids: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        ids.sort();
        wanted.extend(ids.into_iter().map(|id| (dir, kind, id)));
    }
    let made: Vec<(PathBuf, String)> = wanted
        .par_iter()
        .map(|(dir, kind, id)| {
            let page = format!("{dir}/{id}/");
            let list = site.save_list(&page, *kind == "quiz", &shell)?;
            let path = public.join(SAVE_DIR).join(format!("{kind}-{id}.json"));
            Ok((path, list))
        })
        .collect::<std::io::Result<_>>()?;
    if !made.is_empty() {
        std::fs::create_dir_all(public.join(SAVE_DIR)).map_err(at(&public.join(SAVE_DIR)))?;
    }
    made.par_iter()
        .try_for_each(|(path, list)| crate::write::file(path, list.as_bytes()).map_err(at(path)))?;
    let lists = made.len();
    Ok(Some(Written {
        shell: files.len(),
        lists,
    }))
}

/// What a page references: pages (`<a href>`) and assets (`<link href>`, `src`).
#[derive(Default)]
struct Refs {
    pages: BTreeSet<String>,
    assets: BTreeSet<String>,
}

struct Site<'a> {
    public: &'a Path,
    /// The base URL the site was built with: absolute links start with it.
    base: &'a str,
    /// The files read so far, by site URL.
    seen: Mutex<HashMap<String, Arc<Seen>>>,
}

/// One file of the site as the lists need it: its hash and size, and (a page) what it
/// references.
struct Seen {
    hash: String,
    bytes: usize,
    refs: Refs,
}

impl Site<'_> {
    /// Whether a file stands behind a site URL (`materials/a/`: its `index.html`).
    fn is_file(&self, url: &str) -> bool {
        html::file(url).is_some_and(|f| self.public.join(f).is_file())
    }

    /// The file behind `url`: read, hashed and (an HTML page) its references found the
    /// first time it is asked for.
    fn seen(&self, url: &str) -> std::io::Result<Arc<Seen>> {
        if let Some(seen) = self.seen.lock().expect("never poisoned").get(url) {
            return Ok(seen.clone());
        }
        let path = self
            .public
            .join(html::file(url).ok_or(std::io::ErrorKind::NotFound)?);
        let bytes = std::fs::read(&path)?;
        let digest = Sha256::digest(&bytes);
        let refs = if path.extension().is_some_and(|x| x == "html") {
            self.references(url, &String::from_utf8_lossy(&bytes))
        } else {
            Refs::default()
        };
        let seen = Arc::new(Seen {
            hash: crate::stamp::hex(&digest[..8]),
            bytes: bytes.len(),
            refs,
        });
        self.seen
            .lock()
            .expect("never poisoned")
            .insert(url.to_string(), seen.clone());
        Ok(seen)
    }

    /// The hash and size of the file behind `url`.
    fn hash(&self, url: &str) -> std::io::Result<(String, usize)> {
        self.seen(url).map(|s| (s.hash.clone(), s.bytes))
    }

    /// The save list of `page` (a site URL): it, the material and quiz pages it links
    /// to (none from a quiz), the study record if it links to it, and their scripts and
    /// stylesheets outside the shell.
    fn save_list(
        &self,
        page: &str,
        alone: bool,
        shell: &BTreeSet<String>,
    ) -> std::io::Result<String> {
        let mut pages = vec![page.to_string()];
        let seen = self.seen(page)?;
        if !alone {
            pages.extend(
                seen.refs
                    .pages
                    .iter()
                    .filter(|u| {
                        *u != page
                            && (*u == RECORD
                                || SAVABLE[1..].iter().any(|(dir, _)| {
                                    u.starts_with(&format!("{dir}/")) && u.matches('/').count() == 2
                                }))
                    })
                    .cloned(),
            );
        }
        let mut assets: BTreeSet<String> = BTreeSet::new();
        for p in &pages {
            assets.extend(self.seen(p)?.refs.assets.iter().cloned());
        }
        let mut files = Vec::new();
        let mut total = 0;
        for url in pages
            .iter()
            .chain(assets.iter().filter(|a| !shell.contains(*a)))
        {
            let (hash, bytes) = self.hash(url)?;
            total += bytes;
            files.push((url.clone(), hash, bytes));
        }
        Ok(serde_json::json!({ "bytes": total, "files": files }).to_string() + "\n")
    }

    /// The same-site pages and assets `text` (the page at site URL `page`) references,
    /// as site URLs. Scripts, pictures and `<link>`s are assets; `<a>` links to folders
    /// are pages (not a download).
    fn references(&self, page: &str, text: &str) -> Refs {
        let mut refs = Refs::default();
        for tag in html::tags(text) {
            let (attribute, asset) = if tag.is("a") {
                ("href", false)
            } else if tag.is("link") {
                ("href", true)
            } else if tag.is("script") || tag.is("img") {
                ("src", true)
            } else {
                continue;
            };
            if !asset && tag.get("download").is_some() {
                continue;
            }
            let Some(value) = tag.get(attribute) else {
                continue;
            };
            let Some(url) = html::resolve(page, value.value, self.base).map(|t| t.url) else {
                continue;
            };
            if url.ends_with('/') != asset && self.is_file(&url) {
                if asset {
                    refs.assets.insert(url);
                } else {
                    refs.pages.insert(url);
                }
            }
        }
        refs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        for d in [
            "materials/a",
            "quizzes/q",
            "plans/p",
            "practice/saved",
            "plans",
        ] {
            std::fs::create_dir_all(p.join(d)).unwrap();
        }
        let head = |root: &str| {
            format!(
                "<link rel=\"stylesheet\" href=\"{root}xuexi.css?h=1\"><link rel=\"icon\" href=\"/sub/icon.svg\"><script src=\"{root}xuexi.js\" defer></script><a href=\"{root}plans/\">计划</a>"
            )
        };
        std::fs::write(p.join("index.html"), head("")).unwrap();
        std::fs::write(p.join("404.html"), head("/")).unwrap();
        std::fs::write(p.join("practice/saved/index.html"), head("../../")).unwrap();
        std::fs::write(p.join("plans/index.html"), head("../")).unwrap();
        std::fs::write(
            p.join("plans/p/index.html"),
            head("../../")
                + "<a href=\"../../materials/a/#ch1\">a</a><a href=\"../../quizzes/q/\">q</a><a href=\"p.offline.html\" download>x</a><a href=\"https://example.com/\">x</a>",
        )
        .unwrap();
        std::fs::write(
            p.join("materials/a/index.html"),
            head("../../") + "<a href='../../quizzes/q/'>q</a>",
        )
        .unwrap();
        std::fs::write(
            p.join("quizzes/q/index.html"),
            head("../../") + "<script src=\"../../quiz.js\" defer></script>",
        )
        .unwrap();
        std::fs::write(p.join("plans/p.offline.html"), "big").unwrap();
        for f in ["xuexi.css", "xuexi.js", "quiz.js", "icon.svg"] {
            std::fs::write(p.join(f), f).unwrap();
        }
        std::fs::write(p.join(SW), "// sw\n").unwrap();
        dir
    }

    #[test]
    fn a_small_shell_and_a_list_per_page() {
        let dir = site();
        let p = dir.path();
        assert_eq!(
            write(p, "/sub/").unwrap(),
            Some(Written { shell: 6, lists: 3 })
        );
        let sw = std::fs::read_to_string(p.join(SW)).unwrap();
        let line = sw.lines().next().unwrap();
        let json: serde_json::Value = serde_json::from_str(
            line.strip_prefix("self.XUEXI_SHELL = ")
                .unwrap()
                .strip_suffix(';')
                .unwrap(),
        )
        .unwrap();
        let urls: Vec<&str> = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f[0].as_str().unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "./",
                "404.html",
                "icon.svg",
                "practice/saved/",
                "xuexi.css?h=1",
                "xuexi.js"
            ]
        );
        assert_eq!(json["offline"], OFFLINE);
        assert!(sw.ends_with("// sw\n"));
        assert_eq!(write(p, "/sub/").unwrap(), None, "written once");

        let list = |name: &str| list(p, name);
        assert_eq!(
            list("plan-p.json"),
            ["plans/p/", "materials/a/", "quizzes/q/", "quiz.js"]
        );
        assert_eq!(
            list("material-a.json"),
            ["materials/a/", "quizzes/q/", "quiz.js"]
        );
        assert_eq!(list("quiz-q.json"), ["quizzes/q/", "quiz.js"]);
        // The size is the sum of the listed files'.
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p.join("save/quiz-q.json")).unwrap())
                .unwrap();
        let quiz_page = std::fs::metadata(p.join("quizzes/q/index.html"))
            .unwrap()
            .len();
        assert_eq!(v["bytes"], quiz_page + "quiz.js".len() as u64);
    }

    /// The URLs in the save list `name` of the site in `public`.
    fn list(public: &Path, name: &str) -> Vec<String> {
        let text = std::fs::read_to_string(public.join(SAVE_DIR).join(name)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f[0].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn percent_encoded_links_and_ampersands_are_followed() {
        let dir = site();
        let p = dir.path();
        std::fs::create_dir_all(p.join("materials/中")).unwrap();
        std::fs::write(
            p.join("materials/中/index.html"),
            "<img src=\"../../%E5%9B%BE.png?v=1&amp;w=2\">",
        )
        .unwrap();
        std::fs::write(p.join("图.png"), "png").unwrap();
        std::fs::write(
            p.join("plans/p/index.html"),
            "<a href=\"../../materials/%E4%B8%AD/#ch1\">中</a>",
        )
        .unwrap();
        write(p, "/").unwrap();
        // Listed as the page spells them: the reader's browser asks for the same URL.
        assert_eq!(
            list(p, "plan-p.json"),
            ["plans/p/", "materials/%E4%B8%AD/", "%E5%9B%BE.png?v=1&w=2"]
        );
        assert_eq!(
            list(p, "material-中.json"),
            ["materials/中/", "%E5%9B%BE.png?v=1&w=2"]
        );
    }

    #[test]
    fn no_service_worker_no_list() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(write(dir.path(), "/").unwrap(), None);
    }
}
