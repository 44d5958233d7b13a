//! Publish: the site Zola built, made ready for any host and any folder.
//!
//! In: the folder `zola build` wrote ([`staged`]), and the base URL it was built with.
//! Out, in this order:
//! 0. [`passed`]: the generated files Zola was told to leave alone (offline copies,
//!    search index, calendars), placed as hard links of `content/`'s;
//! 1. [`links`]: relative links in every page (so the folder works under any
//!    sub-folder) and content-hashed names for the CSS, JS and pictures pages link to;
//! 2. [`precache`]: the service worker's list, which so sees the final names and
//!    none of the copies below;
//! 3. [`compress`]: `.gz` and `.br` copies of every text file;
//! 4. [`nginx`]: `site/nginx-xuexi.conf`, ready settings for nginx that serve those
//!    copies with the right types, cache headers and Content-Security-Policy;
//! 5. [`swap`]: the readied folder becomes `site/public/`, whole.
//!
//! Zola writes into [`staged`] (`site/.xuexi/publish/`, `zola build -o`), not into
//! `public/`, and every step above works there: until the swap, `public/` is the last
//! good site, whatever fails (a full disk at any step) and however the process ends
//! (kill -9); the next build removes what was left ([`recover`]) and does it again.
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

/// Everything after `zola build` for the site in `site`, whose Zola wrote into `out`
/// ([`staged`], built with `base`), in the order of the module's comment, then the
/// swap that makes it `site/public/` ([`swap`]); `say` gets the lines to show the
/// author. With `place`, Zola was run with [`passed::write_config`]'s config, and the
/// [`passed`] files are placed first. A [`Warm`] started before Zola is stopped before
/// compressing. On any error before the swap, `public/` is untouched: the message says
/// where and why, and that the last good site is still there.
pub fn run(
    site: &Path,
    out: &Path,
    base: &str,
    place: bool,
    warm: Option<Warm>,
    say: &mut dyn FnMut(String),
) -> Result<(), Diagnostic> {
    let public = site.join("public");
    let failed = |e: io::Error| not_published(site, &crate::i18n::at(out)(e));
    if place {
        let start = std::time::Instant::now();
        passed::place(site, out, &[], true).map_err(failed)?;
        crate::timing("place", start);
    }
    test_full_disk(site, "links");
    let start = std::time::Instant::now();
    links::rewrite(out, base).map_err(failed)?;
    crate::timing("links", start);
    test_full_disk(site, "precache");
    let start = std::time::Instant::now();
    let listed = precache::write(out, base).map_err(failed)?;
    crate::timing("precache", start);
    if let Some(w) = listed {
        say(m!("build.offline-list", n = w.shell, m = w.lists));
    }
    // The files warmed are known by their place in `out`, which is theirs in
    // `content/`.
    let mut known = compress::Known::new();
    if let Some(warm) = warm {
        let start = std::time::Instant::now();
        let content = site.join("content");
        for (file, key) in warm.finish() {
            if let Ok(rel) = file.strip_prefix(&content) {
                known.insert(out.join(rel), (file.clone(), key));
            }
        }
        crate::timing("warm stopped", start);
    }
    test_full_disk(site, "compress");
    let start = std::time::Instant::now();
    let t = compress::write(out, Some(&cache(site)), &known).map_err(failed)?;
    crate::timing("compress", start);
    let kb = |bytes: u64| format!("{:.1} KB", bytes as f64 / 1024.0);
    say(m!(
        "build.compressed",
        n = t.compressed,
        bytes = kb(t.bytes),
        gzip = kb(t.gzip),
        brotli = kb(t.brotli)
    ));
    write_nginx(site, out, base)
        .map_err(|e| not_published(site, &crate::i18n::at(&site.join(NGINX))(e)))?;
    let start = std::time::Instant::now();
    swap(site, out).map_err(|e| not_published(site, &e))?;
    crate::timing("swap", start);
    say(m!("build.nginx", path = site.join(NGINX).display()));
    say(m!("built", path = public.display()));
    Ok(())
}

/// The folder `zola build` writes into and publishing readies, `site/.xuexi/publish/`:
/// `public/` only ever changes by [`swap`], whole.
pub fn staged(site: &Path) -> PathBuf {
    site.join(crate::write::STATE).join(STAGED)
}

const STAGED: &str = "publish";

/// Where the last good site waits for a moment while the new one takes its place, on
/// systems that cannot exchange two folders in one step.
const OLD: &str = "public.old";

/// Why a build published nothing: `e` (with the path it happened at), and that
/// `public/` is as it was (the last good site, or none yet).
pub fn not_published(site: &Path, e: &io::Error) -> Diagnostic {
    let public = site.join("public");
    let e = crate::i18n::Io(e);
    if public.is_dir() {
        Diagnostic::plain(m!("build.publish.error", e = e, public = public.display()))
    } else {
        Diagnostic::plain(m!(
            "build.publish.error-first",
            e = e,
            public = public.display()
        ))
    }
}

/// What to add when Zola failed: `public/` is untouched, and (when it is so) the disk
/// is full.
pub fn zola_failed(site: &Path, d: Diagnostic) -> Diagnostic {
    let public = site.join("public");
    let d = if disk_full(&site.join(crate::write::STATE)) {
        d.note(m!("build.zola-disk-full", path = site.display()))
    } else {
        d
    };
    if public.is_dir() {
        d.note(m!("build.kept", public = public.display()))
    } else {
        d.note(m!("build.kept-first", public = public.display()))
    }
}

/// Whether the disk holding `dir` has no space left for an ordinary user.
fn disk_full(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: statvfs is plain data, for which all zeroes is a valid value.
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: a valid C string and a statvfs to fill.
        if unsafe { libc::statvfs(path.as_ptr(), &mut st) } != 0 {
            return false;
        }
        // Less than what a page of the site takes: nothing more can be written.
        (st.f_bavail as u64).saturating_mul(st.f_frsize as u64) < 64 * 1024
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Before a build: puts the last good site back as `public/` when a build was stopped
/// between the two renames of a [`swap`] (only where folders cannot be exchanged in one
/// step), then removes what a stopped build left in `site/.xuexi/` (its [`staged`]
/// folder, the old site). `public/` itself is never removed here.
pub fn recover(site: &Path) -> Result<(), Diagnostic> {
    let public = site.join("public");
    let state = site.join(crate::write::STATE);
    let old = state.join(OLD);
    let is_dir = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    if !exists(&public) && is_dir(&old) {
        std::fs::rename(&old, &public).map_err(Diagnostic::io(&public))?;
    }
    for leftover in [staged(site), old] {
        // A Zola of a build killed a moment ago may still be writing into it as it
        // stops: tried again for up to a second.
        let mut tries = 0;
        while is_dir(&leftover) {
            match std::fs::remove_dir_all(&leftover) {
                Err(_) if tries < 10 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(e) => return Err(Diagnostic::io(&leftover)(e)),
                Ok(()) => {}
            }
        }
    }
    Ok(())
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Makes the readied site in `out` the site in `site/public/`, whole: where the system
/// can (Linux), both folders are exchanged in one step and the old site, now where
/// `out` was, goes into the trash ([`empty_trash`]); elsewhere `public/` is first renamed into `site/.xuexi/` and
/// [`recover`] puts it back should the process be stopped before the new one is in
/// place. A `public/` that is a symbolic link is never replaced (nor followed).
pub fn swap(site: &Path, out: &Path) -> io::Result<()> {
    let public = site.join("public");
    match std::fs::symlink_metadata(&public) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return std::fs::rename(out, &public).map_err(crate::i18n::at(&public));
        }
        Err(e) => return Err(crate::i18n::at(&public)(e)),
        Ok(m) if !m.is_dir() || m.file_type().is_symlink() => {
            return Err(crate::i18n::at(&public)(io::Error::other(m!(
                "build.public-not-folder",
                path = public.display()
            ))));
        }
        Ok(_) => {}
    }
    if exchange(out, &public).is_ok() {
        // `out` is now the old site: into the trash, emptied while the next build runs
        // Zola ([`empty_trash`]); removing it now would cost this build as much time as
        // the work above on a slow disk.
        return throw_away(site, out);
    }
    let old = site.join(crate::write::STATE).join(OLD);
    if exists(&old) {
        std::fs::remove_dir_all(&old).map_err(crate::i18n::at(&old))?;
    }
    std::fs::rename(&public, &old).map_err(crate::i18n::at(&public))?;
    if let Err(e) = std::fs::rename(out, &public) {
        // The last good site goes back at once.
        let _ = std::fs::rename(&old, &public);
        return Err(crate::i18n::at(&public)(e));
    }
    throw_away(site, &old)
}

/// Where old sites wait to be removed, `site/.xuexi/trash/`.
const TRASH: &str = "trash";

/// Moves the folder `dir` (of `site/.xuexi/`) into the trash, or removes it at once
/// where it cannot be moved.
fn throw_away(site: &Path, dir: &Path) -> io::Result<()> {
    let trash = site.join(crate::write::STATE).join(TRASH);
    let moved = std::fs::create_dir_all(&trash).and_then(|()| {
        let free = (0..)
            .map(|n| trash.join(n.to_string()))
            .find(|p| !exists(p))
            .expect("a free name");
        std::fs::rename(dir, free)
    });
    match moved {
        Ok(()) => Ok(()),
        Err(_) => std::fs::remove_dir_all(dir).map_err(crate::i18n::at(dir)),
    }
}

/// Empties the trash on a thread of its own (a build starts it before Zola, which keeps
/// one core busy, and waits for it at the end). What is left when the process ends is
/// removed by the next build; nothing in the trash is ever read.
pub fn empty_trash(site: &Path) -> std::thread::JoinHandle<()> {
    let trash = site.join(crate::write::STATE).join(TRASH);
    std::thread::spawn(move || {
        let start = std::time::Instant::now();
        if std::fs::symlink_metadata(&trash).is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_dir_all(&trash);
        }
        crate::timing("trash emptied", start);
    })
}

/// Exchanges two folders in one step (Linux's `renameat2` with `RENAME_EXCHANGE`);
/// an error where the system or the file system cannot.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes())
                .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
        };
        let (a, b) = (c(a)?, c(b)?);
        // SAFETY: two valid C strings; the syscall only reads them. Called by number:
        // glibc before 2.28 has no wrapper.
        let r = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// For the full-disk tests only: with `XUEXI_TEST_FULL_DISK` set to `phase` (one of
/// `generate`, `zola`, `links`, `precache`, `compress`), fills the disk that holds
/// `site/.xuexi/` with the file `site/.xuexi/test-full-disk` just before that phase,
/// so that the phase meets a real full disk. Never set by users; `tests/disk.rs` runs
/// it on a small tmpfs and removes the file to free the space.
pub fn test_full_disk(site: &Path, phase: &str) {
    if std::env::var_os("XUEXI_TEST_FULL_DISK").is_none_or(|p| p != phase) {
        return;
    }
    use std::io::Write;
    let state = site.join(crate::write::STATE);
    let _ = std::fs::create_dir_all(&state);
    let Ok(mut f) = std::fs::File::create(state.join("test-full-disk")) else {
        return;
    };
    // At most 256 MB: never a real disk filled by mistake.
    let (mut chunk, mut written) = (1 << 20, 0usize);
    let zeros = vec![0u8; chunk];
    while chunk > 0 && written < 256 << 20 {
        match f.write(&zeros[..chunk]) {
            Ok(n) if n > 0 => written += n,
            _ => chunk /= 2,
        }
    }
    let _ = f.sync_all();
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

/// Writes `site/nginx-xuexi.conf` for the site readied in `out`.
pub fn write_nginx(site: &Path, out: &Path, base: &str) -> io::Result<()> {
    let home = std::fs::read_to_string(out.join("index.html")).unwrap_or_default();
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

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = crate::stamp::listing(dir, &[])
            .unwrap()
            .lines()
            .filter(|l| l.contains(" file "))
            .map(|l| {
                let rel = l.split(' ').next().unwrap().to_string();
                let text = std::fs::read_to_string(dir.join(&rel)).unwrap();
                (rel, text)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_swap_puts_the_new_site_in_whole_and_removes_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let out = staged(site);
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "new").unwrap();
        // No public/ yet: renamed into place.
        swap(site, &out).unwrap();
        assert_eq!(
            tree(&site.join("public")),
            [("a/index.html".into(), "new".into())]
        );
        assert!(!out.exists());
        // Over a public/: exchanged, the old one gone.
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "newer").unwrap();
        swap(site, &out).unwrap();
        assert_eq!(
            tree(&site.join("public")),
            [("index.html".into(), "newer".into())]
        );
        assert!(!out.exists());
        assert!(!site.join(".xuexi/public.old").exists());
    }

    #[test]
    fn recover_puts_the_last_good_site_back_and_clears_what_a_stopped_build_left() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        // Stopped between the two renames of a swap without exchange.
        std::fs::create_dir_all(site.join(".xuexi/public.old")).unwrap();
        std::fs::write(site.join(".xuexi/public.old/index.html"), "good").unwrap();
        std::fs::create_dir_all(staged(site).join("x")).unwrap();
        std::fs::write(staged(site).join("x/half.html"), "half").unwrap();
        recover(site).unwrap();
        assert_eq!(
            tree(&site.join("public")),
            [("index.html".into(), "good".into())]
        );
        assert!(!staged(site).exists());
        assert!(!site.join(".xuexi/public.old").exists());
        // A public/ there stays; an old copy beside it is only a leftover.
        std::fs::create_dir_all(site.join(".xuexi/public.old")).unwrap();
        std::fs::write(site.join(".xuexi/public.old/index.html"), "older").unwrap();
        recover(site).unwrap();
        assert_eq!(
            tree(&site.join("public")),
            [("index.html".into(), "good".into())]
        );
        assert!(!site.join(".xuexi/public.old").exists());
    }

    #[test]
    fn a_public_that_is_a_link_is_never_replaced() {
        let _zh = crate::i18n::chinese();
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let elsewhere = dir.path().join("www");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("index.html"), "theirs").unwrap();
        std::fs::create_dir_all(&site).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("public")).unwrap();
        let out = staged(&site);
        std::fs::create_dir_all(&out).unwrap();
        let e = swap(&site, &out).unwrap_err();
        assert_eq!(
            crate::i18n::Io(&e).to_string(),
            format!(
                "`{0}`：`{0}` 不是一个文件夹（或是符号链接），xuexi 不替换它：请把它挪走后再运行 xuexi build",
                site.join("public").display()
            )
        );
        assert!(site.join("public").is_symlink());
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("index.html")).unwrap(),
            "theirs"
        );
    }

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
