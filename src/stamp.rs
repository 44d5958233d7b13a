//! Stamps: what a run of `generate` or `build` was made from and what it left, so that
//! the next run skips the work when neither has changed.
//!
//! In: a key over the run's inputs (built with [`Key`]: the xuexi binary, the checked
//! model, files read, a folder's listing) and a listing of the run's outputs. Out: a
//! small file in `site/.xuexi/` ([`GENERATED`], [`BUILT`]) holding both, and the answer
//! to "is this run's result still there?" ([`Stamp::holds`]).
//!
//! A stamp only lets a run be skipped: a missing, unreadable or older stamp means the
//! work is done again, so removing `site/.xuexi/` is always safe. Outputs are listed by
//! path, kind, size and modification time (a file rewritten or touched no longer
//! matches), not read: checking the published national site this way takes
//! milliseconds. Inputs are keyed by content, except the folders handed to Zola, whose
//! listing (as for outputs) is what Zola's result depends on.

use std::io;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The stamp of the last `generate` (the content of the owned folders).
pub const GENERATED: &str = "generated";

/// The stamp of the last `build` (the published `public/` and the nginx settings).
pub const BUILT: &str = "built";

/// First line of a stamp file: a stamp of another layout is never trusted.
const HEADER: &str = "xuexi stamp 1";

/// A SHA-256 over labelled parts; [`Key::finish`] gives its hex digits.
pub struct Key(Sha256);

impl Default for Key {
    fn default() -> Self {
        Key::new()
    }
}

impl Key {
    /// A key that starts with the identity of this xuexi (its version and its binary),
    /// so that another xuexi never takes this one's results.
    pub fn new() -> Self {
        let mut key = Key(Sha256::new());
        key.part("xuexi", env!("CARGO_PKG_VERSION").as_bytes());
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        key.part(
            "binary",
            format!("{:?}", exe.as_ref().ok().map(meta_line)).as_bytes(),
        );
        key
    }

    /// Adds `bytes` under `label` (the length first, so parts never run together).
    pub fn part(&mut self, label: &str, bytes: &[u8]) -> &mut Self {
        self.0.update(format!("{label} {}\n", bytes.len()));
        self.0.update(bytes);
        self
    }

    /// Adds the JSON of `value`.
    pub fn json<T: serde::Serialize>(&mut self, label: &str, value: &T) -> &mut Self {
        let json = serde_json::to_vec(value).expect("the model serializes as JSON");
        self.part(label, &json)
    }

    /// Adds the bytes of every file under `dir` (none when it does not exist).
    pub fn files(&mut self, label: &str, dir: &Path) -> io::Result<&mut Self> {
        let mut entries = Vec::new();
        walk(dir, "", &[], &mut entries)?;
        for (rel, meta) in entries {
            let bytes = if meta.is_file() {
                crate::write::read_regular(&dir.join(&rel))?
            } else {
                Vec::new()
            };
            self.part(&format!("{label}/{rel} {}", kind(&meta)), &bytes);
        }
        Ok(self)
    }

    /// Adds the listing of `dir` (see [`listing`]).
    pub fn listing(&mut self, label: &str, dir: &Path, skip: &[&str]) -> io::Result<&mut Self> {
        let text = listing(dir, skip)?;
        Ok(self.part(label, text.as_bytes()))
    }

    pub fn finish(&mut self) -> String {
        hex(&std::mem::take(&mut self.0).finalize())
    }
}

/// Every entry under `dir` (not those whose path relative to it is in `skip`), one
/// line each: path, kind, size and modification time. Links are listed, not followed.
pub fn listing(dir: &Path, skip: &[&str]) -> io::Result<String> {
    let mut entries = Vec::new();
    walk(dir, "", skip, &mut entries)?;
    Ok(entries
        .iter()
        .map(|(rel, meta)| format!("{rel} {}\n", meta_line(meta)))
        .collect())
}

/// The listing line of one path (kind, size, modification time; `none` when nothing
/// is there).
pub fn file_line(path: &Path) -> String {
    std::fs::symlink_metadata(path).map_or_else(|_| "none".to_string(), |m| meta_line(&m))
}

/// A listing's digest: what a stamp keeps of its outputs.
pub fn digest(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Bytes (a digest, or the first bytes of one) in lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_symlink() {
        "link"
    } else if t.is_dir() {
        "dir"
    } else if t.is_file() {
        "file"
    } else {
        "other"
    }
}

fn meta_line(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{} {} {modified}", kind(meta), meta.len())
}

/// Every entry under `dir`, sorted by path; a missing `dir` has none.
fn walk(
    dir: &Path,
    rel: &str,
    skip: &[&str],
    out: &mut Vec<(String, std::fs::Metadata)>,
) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && rel.is_empty() => return Ok(()),
        other => other?,
    };
    let mut here = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if !skip.contains(&path.as_str()) {
            here.push((path, entry.path(), std::fs::symlink_metadata(entry.path())?));
        }
    }
    here.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, full, meta) in here {
        let is_dir = meta.is_dir();
        out.push((path.clone(), meta));
        if is_dir {
            walk(&full, &path, skip, out)?;
        }
    }
    Ok(())
}

/// The offline copies the last `generate` wrote into the content folder, with the key
/// each was made from and its listing line then (`site/.xuexi/copies`): a copy whose
/// key is the same and whose file is untouched is kept instead of rendered again.
#[derive(Default)]
pub struct Copies {
    /// Path relative to the content folder -> (key, listing line).
    known: std::collections::HashMap<String, (String, String)>,
    content: std::path::PathBuf,
}

/// The file of [`Copies`] in `site/.xuexi/`.
pub const COPIES: &str = "copies";

impl Copies {
    /// What the last run recorded for `tree` (nothing when it recorded nothing).
    pub fn read(tree: &crate::write::Tree) -> Copies {
        let text = crate::write::read_regular_text(&tree.state.join(COPIES)).unwrap_or_default();
        let mut lines = text.lines();
        let known = if lines.next() == Some(HEADER) {
            lines
                .filter_map(|l| {
                    let (path, rest) = l.split_once('\t')?;
                    let (key, line) = rest.split_once('\t')?;
                    Some((path.to_string(), (key.to_string(), line.to_string())))
                })
                .collect()
        } else {
            Default::default()
        };
        Copies {
            known,
            content: tree.content.clone(),
        }
    }

    /// The size of the copy at `path` when it was made from `key` and is untouched.
    pub fn size(&self, path: &Path, key: &str) -> Option<usize> {
        let rel = path.to_string_lossy().replace('\\', "/");
        let (known, line) = self.known.get(&rel)?;
        let meta = std::fs::symlink_metadata(self.content.join(path)).ok()?;
        (known == key && meta.is_file() && *line == meta_line(&meta)).then_some(meta.len() as usize)
    }

    /// Records the copies now in `tree`'s content folder, made from `keys`.
    pub fn write(
        tree: &crate::write::Tree,
        keys: &[(std::path::PathBuf, String)],
    ) -> io::Result<()> {
        let mut text = format!("{HEADER}\n");
        for (path, key) in keys {
            let line = file_line(&tree.content.join(path));
            let rel = path.to_string_lossy().replace('\\', "/");
            text.push_str(&format!("{rel}\t{key}\t{line}\n"));
        }
        std::fs::create_dir_all(&tree.state)?;
        crate::write::file(&tree.state.join(COPIES), text.as_bytes())
    }
}

/// What a stamp file holds: the key of the inputs, the digest of the outputs, and
/// lines the run reports again when it is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub inputs: String,
    pub outputs: String,
    pub notes: Vec<String>,
}

impl Stamp {
    /// The stamp in `state/name`, if there is one of this layout.
    pub fn read(state: &Path, name: &str) -> Option<Stamp> {
        let text = crate::write::read_regular_text(&state.join(name)).ok()?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let inputs = lines.next()?.strip_prefix("inputs ")?.to_string();
        let outputs = lines.next()?.strip_prefix("outputs ")?.to_string();
        Some(Stamp {
            inputs,
            outputs,
            notes: lines.map(str::to_string).collect(),
        })
    }

    /// Writes it to `state/name` (through a temporary file).
    pub fn write(&self, state: &Path, name: &str) -> io::Result<()> {
        std::fs::create_dir_all(state)?;
        let mut text = format!(
            "{HEADER}\ninputs {}\noutputs {}\n",
            self.inputs, self.outputs
        );
        for note in &self.notes {
            text.push_str(note);
            text.push('\n');
        }
        crate::write::file(&state.join(name), text.as_bytes())
    }

    /// Removes the stamp `state/name`: the outputs are about to change.
    pub fn remove(state: &Path, name: &str) -> io::Result<()> {
        match std::fs::remove_file(state.join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Whether this stamp was made from `inputs` and its outputs still have `outputs`
    /// as their digest.
    pub fn holds(&self, inputs: &str, outputs: impl FnOnce() -> io::Result<String>) -> bool {
        self.inputs == inputs && outputs().is_ok_and(|o| o == self.outputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_and_holds_only_for_its_inputs_and_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/b.txt"), "b").unwrap();
        let stamp = Stamp {
            inputs: "k".into(),
            outputs: digest(&listing(&out, &[]).unwrap()),
            notes: vec!["x y".into()],
        };
        stamp.write(dir.path(), BUILT).unwrap();
        let read = Stamp::read(dir.path(), BUILT).unwrap();
        assert_eq!(read, stamp);
        let now = || listing(&out, &[]).map(|l| digest(&l));
        assert!(read.holds("k", now));
        assert!(!read.holds("other", now));
        std::fs::write(out.join("a/b.txt"), "bb").unwrap();
        assert!(!read.holds("k", now));
        Stamp::remove(dir.path(), BUILT).unwrap();
        assert_eq!(Stamp::read(dir.path(), BUILT), None);
    }

    #[test]
    fn a_listing_skips_what_it_is_told_and_a_missing_folder_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("public")).unwrap();
        std::fs::write(dir.path().join("public/x"), "x").unwrap();
        std::fs::write(dir.path().join("config.toml"), "c").unwrap();
        let all = listing(dir.path(), &[]).unwrap();
        assert!(all.contains("public/x file 1 "), "{all}");
        let some = listing(dir.path(), &["public"]).unwrap();
        assert!(!some.contains("public"), "{some}");
        assert!(some.starts_with("config.toml file 1 "), "{some}");
        assert_eq!(listing(&dir.path().join("none"), &[]).unwrap(), "");
    }

    #[test]
    fn keys_differ_by_any_part() {
        let a = Key::new().part("a", b"1").finish();
        assert_eq!(a, Key::new().part("a", b"1").finish());
        assert_ne!(a, Key::new().part("a", b"2").finish());
        assert_ne!(a, Key::new().part("b", b"1").finish());
        // Lengths keep parts apart.
        assert_ne!(
            Key::new().part("a", b"12").part("b", b"").finish(),
            Key::new().part("a", b"1").part("b", b"2").finish()
        );
    }
}
