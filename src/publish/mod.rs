//! Publish: the site Zola built, made ready for any host and any folder.
//!
//! In: `site/public/` right after `zola build`, and the base URL it was built with.
//! Out, in this order:
//! 0. [`passed`]: the generated files Zola was told to leave alone (offline copies,
//!    search index, calendars), placed as hard links of `content/`'s;
//! 1. [`links`]: relative links in every page (so the folder works under any
//!    sub-folder) and content-hashed names for the CSS, JS and pictures pages link to;
//! 2. [`precache`]: the service worker's list, which so sees the final names and
//!    none of the copies below;
//! 3. [`compress`]: `.gz` and `.br` copies of every text file;
//! 4. [`nginx`]: `site/nginx-xuexi.conf`, ready settings for nginx that serve those
//!    copies with the right types, cache headers and Content-Security-Policy.
//!
//! [`run`] does them all; `xuexi build` calls it, having started a [`Warm`] before
//! Zola: while Zola builds (on one core), the compressed copies of the [`passed`] files
//! are made on the other. Anything else that writes into
//! `public/` after Zola (a generated manifest, more scripts) belongs before step 1, so
//! its links get the hashed names and it gets its copies.

pub mod compress;
pub mod html;
pub mod links;
pub mod passed;
pub mod precache;

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::Diagnostic;

/// The compressed copies' cache, `site/.xuexi/compressed/`.
fn cache(site: &Path) -> PathBuf {
    site.join(crate::write::STATE).join("compressed")
}

/// Compression of the generated files placed without Zola ([`passed`]), started
/// before Zola runs and stopped before [`compress`] (see [`compress::warm`]).
pub struct Warm {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<Vec<(PathBuf, String)>>>,
}

impl Warm {
    /// Starts warming the cache with the [`passed`] files of the site in `site`, the
    /// offline copies first (the biggest).
    pub fn start(site: &Path) -> Warm {
        let content = site.join("content");
        let mut files: Vec<PathBuf> = passed::files(site)
            .into_iter()
            .map(|rel| content.join(rel))
            .collect();
        files.sort_by_key(|f| {
            let offline = f
                .to_string_lossy()
                .ends_with(crate::emit::zola::OFFLINE_COPY);
            (!offline, f.clone())
        });
        let stop = Arc::new(AtomicBool::new(false));
        let cache = cache(site);
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let start = std::time::Instant::now();
            let (keys, made) = compress::warm(&files, &cache, &flag);
            crate::timing(&format!("warm ({} known, {made} made)", keys.len()), start);
            keys
        });
        Warm {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops warming, waits for the file in hand, and returns the files whose copies
    /// the cache holds, with their keys.
    pub fn finish(mut self) -> Vec<(PathBuf, String)> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Warm {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Everything after `zola build` for the site in `site` (its `public/` as Zola left
/// it, built with `base`), in the order of the module's comment; `say` gets the lines
/// to show the author. With `place`, Zola was run with [`passed::write_config`]'s
/// config, and the [`passed`] files are placed first. A [`Warm`] started before Zola is
/// stopped before compressing.
pub fn run(
    site: &Path,
    base: &str,
    place: bool,
    warm: Option<Warm>,
    say: &mut dyn FnMut(String),
) -> Result<(), Diagnostic> {
    let public = site.join("public");
    let failed =
        |e: io::Error| Diagnostic::plain(m!("build.publish.error", path = public.display(), e = e));
    if place {
        let start = std::time::Instant::now();
        passed::place(site, &public, &[], true).map_err(failed)?;
        crate::timing("place", start);
    }
    let start = std::time::Instant::now();
    links::rewrite(&public, base).map_err(failed)?;
    crate::timing("links", start);
    let start = std::time::Instant::now();
    let listed = precache::write(&public, base);
    crate::timing("precache", start);
    match listed {
        Ok(Some(w)) => say(m!("build.offline-list", n = w.shell, m = w.lists)),
        Ok(None) => {}
        Err(e) => {
            return Err(Diagnostic::plain(m!(
                "build.offline-list.error",
                path = public.join(precache::SW).display(),
                e = e
            )));
        }
    }
    // The files warmed are known by their place in `public/`, which is theirs in
    // `content/`.
    let mut known = compress::Known::new();
    if let Some(warm) = warm {
        let start = std::time::Instant::now();
        let content = site.join("content");
        for (file, key) in warm.finish() {
            if let Ok(rel) = file.strip_prefix(&content) {
                known.insert(public.join(rel), (file.clone(), key));
            }
        }
        crate::timing("warm stopped", start);
    }
    let start = std::time::Instant::now();
    let t = compress::write(&public, Some(&cache(site)), &known).map_err(failed)?;
    crate::timing("compress", start);
    let kb = |bytes: u64| format!("{:.1} KB", bytes as f64 / 1024.0);
    say(m!(
        "build.compressed",
        n = t.compressed,
        bytes = kb(t.bytes),
        gzip = kb(t.gzip),
        brotli = kb(t.brotli)
    ));
    write_nginx(site, base).map_err(failed)?;
    say(m!("build.nginx", path = site.join(NGINX).display()));
    say(m!("built", path = public.display()));
    Ok(())
}

/// What `zola build` in `site` with `args` is made from: this xuexi, the Zola and its
/// arguments, and the listing of the site's folder (everything Zola reads: config,
/// templates, static files, content; not what publishing writes). `None` when the
/// folder cannot be listed: then the build is never skipped.
pub fn build_key(site: &Path, zola: &crate::zola_bin::Zola, args: &[OsString]) -> Option<String> {
    let mut key = crate::stamp::Key::new();
    key.part("zola", zola.path.as_os_str().as_encoded_bytes())
        .part("zola version", zola.version.as_bytes())
        .part(
            "zola binary",
            crate::stamp::file_line(&zola.path).as_bytes(),
        );
    for arg in args {
        key.part("arg", arg.as_encoded_bytes());
    }
    key.listing("site", site, &["public", crate::write::STATE, NGINX])
        .ok()?;
    Some(key.finish())
}

/// What the last build left: the listing of `public/` and the nginx settings.
fn published(site: &Path) -> io::Result<String> {
    let mut text = crate::stamp::listing(&site.join("public"), &[])?;
    text.push_str(&format!(
        "{NGINX} {}\n",
        crate::stamp::file_line(&site.join(NGINX))
    ));
    Ok(crate::stamp::digest(&text))
}

/// When the last build was made from `inputs` and what it published is untouched: the
/// lines it said then.
pub fn unchanged(site: &Path, inputs: Option<&str>) -> Option<Vec<String>> {
    let state = site.join(crate::write::STATE);
    let last = crate::stamp::Stamp::read(&state, crate::stamp::BUILT)?;
    last.holds(inputs?, || published(site))
        .then_some(last.notes)
}

/// Forgets the last build's stamp: `public/` is about to change.
pub fn unseal(site: &Path) -> Result<(), Diagnostic> {
    let state = site.join(crate::write::STATE);
    crate::stamp::Stamp::remove(&state, crate::stamp::BUILT).map_err(|e| stamp_error(&state, &e))
}

/// Notes that the site now published was built from `inputs`, with the lines said.
pub fn seal(site: &Path, inputs: String, said: Vec<String>) -> Result<(), Diagnostic> {
    let state = site.join(crate::write::STATE);
    let stamp = crate::stamp::Stamp {
        inputs,
        outputs: published(site).map_err(|e| stamp_error(&site.join("public"), &e))?,
        notes: said
            .iter()
            .flat_map(|l| l.lines())
            .map(str::to_string)
            .collect(),
    };
    stamp
        .write(&state, crate::stamp::BUILT)
        .map_err(|e| stamp_error(&state, &e))
}

fn stamp_error(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::plain(m!(
        "write.io",
        path = path.display(),
        e = crate::i18n::Io(e)
    ))
}

/// The nginx settings file `xuexi build` writes beside `public/`.
pub const NGINX: &str = "nginx-xuexi.conf";

const NGINX_TEMPLATE: &str = include_str!("nginx.conf");

/// The folder the nginx settings say the site's files are in (besides the path).
pub const NGINX_ROOT: &str = "/srv/www";

/// The path part of a base URL, with a `/` at both ends: `https://a.cn/djxx` -> `/djxx/`.
pub fn base_path(base: &str) -> String {
    let rest = match base.split_once("://") {
        Some((_, after)) => after.find('/').map_or("/", |p| &after[p..]),
        None => base,
    };
    let trimmed = rest.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Whether `base` can be a base URL: a path from the root (`/djxx/`) or an http(s) URL,
/// without query, fragment, quotes, spaces or backslashes.
pub fn valid_base(base: &str) -> bool {
    let path_ok = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\?#;{}$`".contains(c))
    };
    match base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
    {
        Some(rest) => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
                && (path.is_empty() || path_ok(path))
        }
        None => path_ok(base),
    }
}

/// The Content-Security-Policy a page states in its `<meta http-equiv>`, if any.
pub fn page_csp(html: &str) -> Option<String> {
    let at = html.find("http-equiv=\"Content-Security-Policy\"")?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let content = tag.find("content=\"")? + "content=\"".len();
    let len = tag[content..].find('"')?;
    Some(
        tag[content..content + len]
            .replace("&#x27;", "'")
            .replace("&#39;", "'"),
    )
}

/// The nginx settings for a site published under `base` (`/` when `base` is not a
/// valid base URL: it comes from the author's config.toml unchecked), sending `csp` as
/// a header (not when it holds what nginx would read as a variable or an escape).
pub fn nginx(base: &str, csp: Option<&str>) -> String {
    let path = if valid_base(base) {
        base_path(base)
    } else {
        "/".to_string()
    };
    let mut text = NGINX_TEMPLATE
        .replace("@PATH@", &path)
        .replace("@ROOT@", NGINX_ROOT);
    let csp = csp.filter(|c| !c.contains(['$', '\\']) && !c.chars().any(char::is_control));
    match csp {
        Some(csp) => text = text.replace("@CSP@", &csp.replace('"', "'")),
        None => {
            text = text
                .lines()
                .filter(|l| !l.contains("@CSP@"))
                .map(|l| format!("{l}\n"))
                .collect()
        }
    }
    text
}

/// Writes `site/nginx-xuexi.conf` for the site in `site/public`.
pub fn write_nginx(site: &Path, base: &str) -> io::Result<()> {
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap_or_default();
    let text = nginx(base, page_csp(&home).as_deref());
    if std::fs::read_to_string(site.join(NGINX)).is_ok_and(|old| old == text) {
        return Ok(());
    }
    crate::write::file(&site.join(NGINX), text.as_bytes())
}

/// The base URL in the Zola site's `config.toml` (`/` when it has none).
pub fn config_base(site: &Path) -> String {
    std::fs::read_to_string(site.join("config.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| t.get("base_url")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "/".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("/djxx"), "/djxx/");
        assert_eq!(base_path("/djxx/"), "/djxx/");
        assert_eq!(base_path("https://a.gov.cn"), "/");
        assert_eq!(base_path("https://a.gov.cn/dj/xx/"), "/dj/xx/");
    }

    #[test]
    fn base_urls() {
        for ok in [
            "/",
            "/djxx/",
            "/djxx",
            "https://a.gov.cn",
            "http://127.0.0.1:8080/x/",
        ] {
            assert!(valid_base(ok), "{ok}");
        }
        for bad in [
            "djxx/",
            "//a.cn/",
            "/a b/",
            "/a\"/",
            "ftp://a.cn/",
            "https:///x",
            "/a?x=1",
            "/{a}/",
        ] {
            assert!(!valid_base(bad), "{bad}");
        }
    }

    #[test]
    fn csp_from_the_page() {
        let page = r#"<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:">"#;
        assert_eq!(
            page_csp(page).as_deref(),
            Some("default-src 'self'; img-src 'self' data:")
        );
        assert_eq!(page_csp("<p>no policy</p>"), None);
    }

    #[test]
    fn nginx_settings_for_a_folder() {
        let conf = nginx("/djxx/", Some("default-src 'self'"));
        assert!(
            conf.contains("location ^~ /djxx/ {\n    root /srv/www;\n"),
            "{conf}"
        );
        assert!(conf.contains("error_page 404 /djxx/404.html;"));
        assert!(conf.contains("add_header Content-Security-Policy \"default-src 'self'\" always;"));
        assert!(!conf.contains('@'), "{conf}");
        let root = nginx("/", None);
        assert!(root.contains("location ^~ / {"));
        assert!(root.contains("error_page 404 /404.html;"));
        assert!(!root.contains("Content-Security-Policy"));
        // What nginx would misread is left out.
        let odd = nginx("/my site/", Some("default-src 'self' $x"));
        assert!(odd.contains("location ^~ / {"));
        assert!(!odd.contains("Content-Security-Policy"));
    }
}
