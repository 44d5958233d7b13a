//! Precompressed copies of the published text files, for servers that send them as
//! they are (nginx `gzip_static`, `brotli_static`; Caddy `precompressed`; a CDN that
//! stores each encoding).
//!
//! In: `site/public/` after its links and names are final (and after the service
//! worker's list, which never lists these copies). Out: `X.gz` and `X.br` beside every
//! text file `X` (HTML, CSS, JS, JSON, XML, SVG, web manifest, iCalendar, plain text),
//! where the copy saves at least a tenth of the bytes. The bytes depend on the input
//! only: gzip at level 9 with no file name and no time in its header, brotli at
//! quality 5 with a 4 MB window. The copies are kept in `site/.xuexi/compressed/` by
//! the content's hash, so a rebuild compresses only the files that changed; a kept copy
//! is hard-linked into `public/` (copied where links are not allowed), never read.
//!
//! Why quality 5: on the sample's 727 KB of text, brotli 5 takes 60 ms for 185 KB,
//! brotli 11 takes 1.8 s for 165 KB (gzip 9: 46 ms, 200 KB). Quality 11 would make a
//! national campaign's build (140 MB of text) minutes longer on a 2-core machine.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Extensions of the files that get compressed copies.
pub const TEXT: &[&str] = &[
    "html",
    "htm",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "svg",
    "webmanifest",
    "ics",
    "txt",
    "csv",
    "map",
];

/// brotli's quality (0 to 11): see the module's comment.
pub const BROTLI_QUALITY: i32 = 5;

/// Bytes of the published site and of what a server sends with the copies.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Every published file (the copies not counted).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Text files with a copy (a `.gz`, and a `.br` unless brotli did not help).
    pub compressed: usize,
    /// Bytes sent to a browser that takes gzip: each file's `.gz`, or the file itself.
    pub gzip: u64,
    /// The same with brotli.
    pub brotli: u64,
}

/// Writes the copies for every text file in `public`. With `cache` (a folder of xuexi's
/// own, `site/.xuexi/compressed/`), copies made by an earlier build for the same bytes
/// are taken from there instead of compressing again, and the cache keeps only what
/// this build used. A cache that is a link or not a folder is not used. `known` maps a
/// published file to a file it may be a hard link of and that file's key ([`warm`]):
/// when it is that file and the cache has its copies, it is not read.
pub fn write(public: &Path, cache: Option<&Path>, known: &Known) -> io::Result<Totals> {
    let cache = cache.filter(|c| usable(c));
    let mut files = Vec::new();
    walk(public, &mut files)?;
    files.sort();
    let each: Vec<(Totals, Option<String>)> = files
        .par_iter()
        .map(|path| one(path, cache, known.get(path)))
        .collect::<io::Result<_>>()?;
    if let Some(cache) = cache {
        let used: BTreeSet<&str> = each.iter().filter_map(|(_, k)| k.as_deref()).collect();
        prune(cache, &used)?;
    }
    Ok(each.iter().fold(Totals::default(), |a, (t, _)| Totals {
        files: a.files + t.files,
        bytes: a.bytes + t.bytes,
        compressed: a.compressed + t.compressed,
        gzip: a.gzip + t.gzip,
        brotli: a.brotli + t.brotli,
    }))
}

/// Published file -> (the file it may be a hard link of, that file's key).
pub type Known = HashMap<PathBuf, (PathBuf, String)>;

/// Whether a file with this name gets compressed copies.
pub fn is_text(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && TEXT.contains(&ext))
}

/// One file's copies; with a cache, also the key of its copies there. `known`: a file
/// `path` may be a hard link of, and its key.
fn one(
    path: &Path,
    cache: Option<&Path>,
    known: Option<&(PathBuf, String)>,
) -> io::Result<(Totals, Option<String>)> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if !is_text(&name) {
        return Ok((whole(std::fs::metadata(path)?.len()), None));
    }
    // A copy in the cache is linked (or copied by the kernel), never read here; nor is
    // the file itself when it is the one whose key is known.
    if let (Some(cache), Some((of, key))) = (cache, known)
        && super::passed::same_file(of, path)
        && let (Some(gz), Some(br)) = (cached(cache, key, "gz"), cached(cache, key, "br"))
    {
        let t = link_copies(path, std::fs::metadata(path)?.len(), gz, br)?;
        return Ok((t, Some(key.clone())));
    }
    let bytes = std::fs::read(path)?;
    let key = cache.map(|_| key(&bytes));
    if let (Some(cache), Some(key)) = (cache, &key)
        && let (Some(gz), Some(br)) = (cached(cache, key, "gz"), cached(cache, key, "br"))
    {
        return Ok((
            link_copies(path, bytes.len() as u64, gz, br)?,
            Some(key.clone()),
        ));
    }
    let (gz, br) = (gzip(&bytes)?, brotli(&bytes)?);
    if let (Some(cache), Some(key)) = (cache, &key) {
        for (ext, bytes) in [("gz", &gz), ("br", &br)] {
            let path = cache.join(format!("{key}.{ext}"));
            crate::write::file(&path, bytes).map_err(crate::i18n::at(&path))?;
        }
    }
    let (size, lens) = (bytes.len() as u64, [gz.len() as u64, br.len() as u64]);
    let t = put_copies(path, size, lens, |ext, to| {
        crate::write::file(to, if ext == "gz" { &gz } else { &br })
    })?;
    Ok((t, key))
}

/// A file of `size` bytes and no copies.
fn whole(size: u64) -> Totals {
    Totals {
        files: 1,
        bytes: size,
        compressed: 0,
        gzip: size,
        brotli: size,
    }
}

/// Links the cache's copies `gz` and `br` (path and size) beside `path` (`size` bytes).
fn link_copies(
    path: &Path,
    size: u64,
    gz: (PathBuf, u64),
    br: (PathBuf, u64),
) -> io::Result<Totals> {
    put_copies(path, size, [gz.1, br.1], |ext, to| {
        crate::write::link_or_copy(if ext == "gz" { &gz.0 } else { &br.0 }, to)
    })
}

/// Puts `X.gz` and `X.br` beside `path` (`X`, `size` bytes), of sizes `lens`, each
/// where it saves at least a tenth, by `put(ext, where)`; counts what it put.
fn put_copies(
    path: &Path,
    size: u64,
    lens: [u64; 2],
    put: impl Fn(&str, &Path) -> io::Result<()>,
) -> io::Result<Totals> {
    let mut t = whole(size);
    for (ext, len) in ["gz", "br"].into_iter().zip(lens) {
        if len * 10 <= size * 9 {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let to = path.with_file_name(format!("{name}.{ext}"));
            put(ext, &to).map_err(crate::i18n::at(&to))?;
            match ext {
                "gz" => t.gzip = len,
                _ => t.brotli = len,
            }
            t.compressed = 1;
        }
    }
    Ok(t)
}

/// The key of the copies of `bytes` in the cache. The settings are part of it: other
/// settings never reuse these copies.
fn key(bytes: &[u8]) -> String {
    let digest = Sha256::new()
        .chain_update(format!("gzip 9, brotli {BROTLI_QUALITY} 22\n"))
        .chain_update(bytes)
        .finalize();
    crate::stamp::hex(&digest[..16])
}

/// The cache's copy `<key>.<ext>` and its size, when there is one (an empty file, left
/// by a full disk, is none).
fn cached(cache: &Path, key: &str, ext: &str) -> Option<(PathBuf, u64)> {
    let path = cache.join(format!("{key}.{ext}"));
    let meta = std::fs::symlink_metadata(&path).ok()?;
    (meta.is_file() && meta.len() > 0).then_some((path, meta.len()))
}

/// Fills the cache ahead of [`write`] with the copies of `files`, on one thread, until
/// `stop` is set: first every file's key, then the copies missing. Returns each file
/// whose copies the cache then holds, with its key, and how many it compressed. `xuexi
/// build` runs it on the generated files placed without Zola ([`super::passed`]) while
/// Zola, which keeps one core busy, builds the site: [`write`] then finds their copies
/// made, and need not read them. A file that is gone or unreadable is skipped, as is a
/// cache that is a link or not a folder; what is warmed but not published is pruned by
/// [`write`].
pub fn warm(files: &[PathBuf], cache: &Path, stop: &AtomicBool) -> (Vec<(PathBuf, String)>, usize) {
    let mut done = Vec::new();
    if !usable(cache) {
        return (done, 0);
    }
    let mut missing: Vec<&PathBuf> = Vec::new();
    for file in files {
        if stop.load(Ordering::Relaxed) {
            return (done, 0);
        }
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if !is_text(&name) {
            continue;
        }
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        let key = key(&bytes);
        if cached(cache, &key, "gz").is_some() && cached(cache, &key, "br").is_some() {
            done.push((file.clone(), key));
        } else {
            missing.push(file);
        }
    }
    let mut made = 0;
    for file in missing {
        // Each copy is checked for a stop: a national plan's copy takes a tenth of a
        // second to compress. (Read again: holding every missing file would cost the
        // memory the build saves elsewhere.)
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        let (Ok(gz), false) = (gzip(&bytes), stop.load(Ordering::Relaxed)) else {
            break;
        };
        let Ok(br) = brotli(&bytes) else { break };
        let key = key(&bytes);
        if crate::write::file(&cache.join(format!("{key}.gz")), &gz).is_err()
            || crate::write::file(&cache.join(format!("{key}.br")), &br).is_err()
        {
            break;
        }
        done.push((file.clone(), key));
        made += 1;
    }
    (done, made)
}

/// Whether `cache` can be used: a folder (made if missing), not a link.
fn usable(cache: &Path) -> bool {
    match std::fs::symlink_metadata(cache) {
        Ok(m) => m.is_dir(),
        Err(_) => std::fs::create_dir_all(cache).is_ok(),
    }
}

/// Removes the cache's copies (and leftover temporary files) of bytes this build did not
/// publish. Only names the cache writes are looked at.
fn prune(cache: &Path, used: &BTreeSet<&str>) -> io::Result<()> {
    for entry in std::fs::read_dir(cache)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let copy = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".xuexi.tmp"));
        let Some((key, ext)) = copy.unwrap_or(name).rsplit_once('.') else {
            continue;
        };
        let ours = key.len() == 32
            && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            && (ext == "gz" || ext == "br");
        if ours && (copy.is_some() || !used.contains(key)) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// gzip at level 9; the header has no name and time 0, so the bytes depend on the input.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    enc.finish()
}

/// brotli at [`BROTLI_QUALITY`] with a 4 MB window, in text mode.
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: 22,
        size_hint: bytes.len(),
        mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Every published file under `dir`, not the copies.
pub(crate) fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !name.ends_with(".gz") && !name.ends_with(".br") && !name.ends_with(".xuexi.tmp") {
                out.push(path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_beside_text_files_that_shrink() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let page = "<p>学习党史，明理增信。</p>\n".repeat(200);
        std::fs::create_dir_all(p.join("a")).unwrap();
        std::fs::write(p.join("a/index.html"), &page).unwrap();
        std::fs::write(p.join("robots.txt"), "User-agent: *\n").unwrap();
        std::fs::write(p.join("icon.png"), vec![7u8; 5000]).unwrap();
        let t = write(p, None, &Known::new()).unwrap();
        assert_eq!(t.files, 3);
        assert_eq!(t.compressed, 1);
        assert_eq!(t.bytes, page.len() as u64 + 14 + 5000);

        let gz = std::fs::read(p.join("a/index.html.gz")).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        // No name, time 0, so the same input always gives the same bytes.
        assert_eq!(&gz[3..8], &[0, 0, 0, 0, 0]);
        let br = std::fs::read(p.join("a/index.html.br")).unwrap();
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        assert_eq!(t.gzip, gz.len() as u64 + 14 + 5000);
        assert_eq!(t.brotli, br.len() as u64 + 14 + 5000);
        assert!(br.len() < gz.len());

        // Too small to gain, and not text: no copies.
        for f in [
            "robots.txt.gz",
            "robots.txt.br",
            "icon.png.gz",
            "icon.png.br",
        ] {
            assert!(!p.join(f).exists(), "{f}");
        }
        // Again: same bytes, and the copies are not compressed in turn.
        assert_eq!(write(p, None, &Known::new()).unwrap(), t);
        assert_eq!(std::fs::read(p.join("a/index.html.gz")).unwrap(), gz);
    }

    #[test]
    fn a_rebuild_takes_unchanged_copies_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let (p, cache) = (dir.path().join("public"), dir.path().join("cache"));
        std::fs::create_dir_all(&p).unwrap();
        let page = "<p>学史明理</p>\n".repeat(100);
        std::fs::write(p.join("a.html"), &page).unwrap();
        std::fs::write(p.join("b.css"), "body { color: red; }\n".repeat(50)).unwrap();
        let fresh = write(&p, Some(&cache), &Known::new()).unwrap();
        let gz_a = std::fs::read(p.join("a.html.gz")).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names.len(), 4, "{names:?}");
        let key_a = names
            .iter()
            .find(|n| std::fs::read(cache.join(n)).unwrap() == gz_a)
            .unwrap()
            .trim_end_matches(".gz")
            .to_string();

        // The same bytes as without a cache.
        let plain = tempfile::tempdir().unwrap();
        std::fs::write(plain.path().join("a.html"), &page).unwrap();
        write(plain.path(), None, &Known::new()).unwrap();
        assert_eq!(std::fs::read(plain.path().join("a.html.gz")).unwrap(), gz_a);

        // Next build: the cached copy is what gets published (here, a marked one).
        std::fs::write(cache.join(format!("{key_a}.gz")), b"cached").unwrap();
        std::fs::write(cache.join(format!(".{key_a}.br.xuexi.tmp")), b"half").unwrap();
        std::fs::write(cache.join("notes.txt"), b"not ours").unwrap();
        let again = write(&p, Some(&cache), &Known::new()).unwrap();
        assert_eq!(std::fs::read(p.join("a.html.gz")).unwrap(), b"cached");
        assert_eq!(again.brotli, fresh.brotli);
        assert!(!cache.join(format!(".{key_a}.br.xuexi.tmp")).exists());
        assert!(cache.join("notes.txt").exists());

        // A page that is gone takes its copies out of the cache.
        std::fs::remove_file(p.join("a.html")).unwrap();
        write(&p, Some(&cache), &Known::new()).unwrap();
        assert!(!cache.join(format!("{key_a}.gz")).exists());
        assert!(!cache.join(format!("{key_a}.br")).exists());
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 3);

        // A cache that is a link is not used.
        let elsewhere = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(elsewhere.path(), &link).unwrap();
        write(&p, Some(&link), &Known::new()).unwrap();
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    #[test]
    fn warming_makes_the_copies_a_build_then_takes() {
        let dir = tempfile::tempdir().unwrap();
        let (content, p, cache) = (
            dir.path().join("content"),
            dir.path().join("public"),
            dir.path().join("cache"),
        );
        for d in [&content, &p] {
            std::fs::create_dir_all(d).unwrap();
        }
        let page = "<p>学史增信</p>\n".repeat(300);
        let files = [content.join("p.offline.html"), content.join("gone.ics")];
        std::fs::write(&files[0], &page).unwrap();
        // A stop before the start: nothing is made.
        let stop = AtomicBool::new(true);
        assert_eq!(warm(&files, &cache, &stop), (Vec::new(), 0));
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
        // Warmed (a missing file skipped), then published by Zola as it is: the build
        // links the cache's copies, made once.
        stop.store(false, Ordering::Relaxed);
        let key = key(page.as_bytes());
        let warmed = (vec![(files[0].clone(), key.clone())], 1);
        assert_eq!(warm(&files, &cache, &stop), warmed);
        assert_eq!(warm(&files, &cache, &stop).1, 0, "made already");
        std::fs::write(p.join("p.offline.html"), &page).unwrap();
        std::fs::write(cache.join(format!("{key}.br")), b"warmed").unwrap();
        write(&p, Some(&cache), &Known::new()).unwrap();
        assert_eq!(
            std::fs::read(p.join("p.offline.html.br")).unwrap(),
            b"warmed"
        );
        assert_eq!(
            std::fs::read(p.join("p.offline.html.gz")).unwrap(),
            gzip(page.as_bytes()).unwrap()
        );
        // A published file that is a hard link of a file whose key is known is not
        // read: the copies under that key are linked (here, marked ones under a key
        // that is not its bytes'). A mere copy of it is read.
        std::fs::write(cache.join("k.gz"), b"known gz").unwrap();
        std::fs::write(cache.join("k.br"), b"known br").unwrap();
        std::fs::remove_file(p.join("p.offline.html")).unwrap();
        std::fs::hard_link(&files[0], p.join("p.offline.html")).unwrap();
        let known: Known = [(p.join("p.offline.html"), (files[0].clone(), "k".into()))].into();
        write(&p, Some(&cache), &known).unwrap();
        assert_eq!(
            std::fs::read(p.join("p.offline.html.br")).unwrap(),
            b"known br"
        );
        std::fs::remove_file(p.join("p.offline.html")).unwrap();
        std::fs::write(p.join("p.offline.html"), &page).unwrap();
        write(&p, Some(&cache), &known).unwrap();
        assert_eq!(
            std::fs::read(p.join("p.offline.html.br")).unwrap(),
            brotli(page.as_bytes()).unwrap()
        );
    }

    #[test]
    fn text_names() {
        for yes in [
            "index.html",
            "xuexi.3f2a9c1b0d.css",
            "a.webmanifest",
            "p.ics",
        ] {
            assert!(is_text(yes), "{yes}");
        }
        for no in ["icon.png", "x.gz", "css", ".css", "a.offline"] {
            assert!(!is_text(no), "{no}");
        }
    }
}
