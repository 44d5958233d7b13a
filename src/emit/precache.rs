//! The offline list for the service worker: every file Zola published, with a hash.
//!
//! In: the published site (`site/public/`, after `zola build`). Out: `sw.js` there,
//! with `self.XUEXI_PRECACHE = [[url, hash], ...];` put in front of the service worker
//! the site ships (`site/static/sw.js`). URLs are relative to the site root; a folder's
//! `index.html` is listed as the folder (`materials/jianshi/`), the way readers ask
//! for it. Sorted, so the same site gives the same bytes.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The service worker's file name at the site root.
pub const SW: &str = "sw.js";

/// Writes the list into `public/sw.js`. Returns how many files it lists, or `None` when
/// the site has no service worker (the author removed it).
pub fn write(public: &Path) -> std::io::Result<Option<usize>> {
    let sw_path = public.join(SW);
    let Ok(sw) = std::fs::read_to_string(&sw_path) else {
        return Ok(None);
    };
    if sw.starts_with("self.XUEXI_PRECACHE") {
        return Ok(None); // written already (by an earlier run on the same output)
    }
    let mut files = Vec::new();
    walk(public, Path::new(""), &mut files)?;
    files.sort();
    let mut list = Vec::with_capacity(files.len());
    for rel in files {
        let name = rel.to_string_lossy().replace('\\', "/");
        if name == SW {
            continue;
        }
        let bytes = std::fs::read(public.join(&rel))?;
        let digest = Sha256::digest(&bytes);
        let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let url = match name.strip_suffix("index.html") {
            Some("") => "./".to_string(),
            Some(dir) => dir.to_string(),
            None => name,
        };
        list.push((url, hash));
    }
    let json = serde_json::to_string(&list).expect("strings serialize as JSON");
    crate::write::file(
        &sw_path,
        format!("self.XUEXI_PRECACHE = {json};\n{sw}").as_bytes(),
    )?;
    Ok(Some(list.len()))
}

fn walk(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let r = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), &r, out)?;
        } else {
            out.push(r);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_file_with_a_hash() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("materials/a")).unwrap();
        std::fs::write(p.join("index.html"), "home").unwrap();
        std::fs::write(p.join("materials/a/index.html"), "a").unwrap();
        std::fs::write(p.join("xuexi.css"), "css").unwrap();
        std::fs::write(p.join(SW), "// sw\n").unwrap();
        assert_eq!(write(p).unwrap(), Some(3));
        let sw = std::fs::read_to_string(p.join(SW)).unwrap();
        let line = sw.lines().next().unwrap();
        assert!(
            line.starts_with(r#"self.XUEXI_PRECACHE = [["./",""#),
            "{line}"
        );
        assert!(line.contains(r#"["materials/a/",""#));
        assert!(line.contains(r#"["xuexi.css",""#));
        assert!(sw.ends_with("// sw\n"));
        // Same bytes again: the list is not written twice.
        assert_eq!(write(p).unwrap(), None);
        // A different file gives a different hash.
        let hash_of = |s: &str, url: &str| {
            let start = s.find(&format!("[\"{url}\",\"")).unwrap() + url.len() + 5;
            s[start..start + 16].to_string()
        };
        assert_ne!(hash_of(&sw, "./"), hash_of(&sw, "xuexi.css"));
    }

    #[test]
    fn no_service_worker_no_list() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(write(dir.path()).unwrap(), None);
    }
}
