//! Writing files so that an interrupted run (kill -9, a full disk) never leaves half a
//! file or half a site behind, and nothing xuexi did not write is ever replaced or
//! deleted.
//!
//! In: the bytes of one file, or the generated content file by file (path relative to
//! `site/content/`, text). Out: the files on disk.
//!
//! - [`file`] writes one file through a temporary file beside it, renamed into place;
//!   on any error the temporary file is removed.
//! - [`Tree`] writes the generated content through a [`Writer`]: each file given is
//!   compared with the one on disk and, when it differs, written at once into a staging
//!   folder, `site/.xuexi/staging/`; at the end, the list of files to delete and the
//!   new manifest (the list of every file xuexi wrote) join them there. Renaming the
//!   staging folder to `site/.xuexi/commit/` is the commit point: before it, the content
//!   is the old one and the staging folder is thrown away (by the writer on an error,
//!   else by the next run); after it, the commit is carried out, and a run interrupted
//!   while doing so is finished by the next run (every step can be done again). Paths
//!   are never followed through a symbolic link: links, and files the manifest does
//!   not list, are reported and left alone.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

/// The folder beside `content/` where xuexi keeps its manifest and its staging area.
pub const STATE: &str = ".xuexi";

/// What stands at a path instead of an ordinary file, in the catalogue's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotRegular {
    /// A symbolic link (never followed).
    #[error("{}", m!("kind.symlink"))]
    Symlink,
    #[error("{}", m!("kind.folder"))]
    Folder,
    /// A pipe, socket or device (reading a pipe would wait forever).
    #[error("{}", m!("kind.special"))]
    Special,
}

/// What stands at a path, when it is not an ordinary file.
pub fn not_regular(path: &Path) -> io::Result<Option<NotRegular>> {
    let t = std::fs::symlink_metadata(path)?.file_type();
    Ok(if t.is_symlink() {
        Some(NotRegular::Symlink)
    } else if t.is_dir() {
        Some(NotRegular::Folder)
    } else if !t.is_file() {
        Some(NotRegular::Special)
    } else {
        None
    })
}

/// The bytes of the ordinary file at `path`, or what stands there instead (never
/// opened): the caller words the message.
pub fn read_if_regular(path: &Path) -> io::Result<Result<Vec<u8>, NotRegular>> {
    use std::io::Read;
    if let Some(what) = not_regular(path)? {
        return Ok(Err(what));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    // What was opened is checked again: it may have changed since the look above.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Err(NotRegular::Special));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
}

/// The bytes of the ordinary file at `path`; anything else is an error of kind
/// `InvalidInput` that says what it is, and is never opened.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    read_if_regular(path)?.map_err(|what| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            m!("notafile", rel = path.display(), what = what),
        )
    })
}

/// [`read_regular`] as UTF-8 text (invalid bytes replaced).
pub fn read_regular_text(path: &Path) -> io::Result<String> {
    read_regular(path).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Writes `bytes` to `path` through `.<name>.xuexi.tmp` beside it. On any error the
/// temporary file is removed and `path` is left as it was.
pub fn file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = tmp_of(path);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Puts the bytes of the file `from` at `to` without reading them: a hard link to
/// `from` where the file system allows one (`from` must then never be changed in place:
/// xuexi only ever replaces such files whole), else a copy written as [`file`] writes.
/// Whatever stood at `to` is replaced.
pub fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    // Where nothing stands yet (a fresh `public/`), the link is made in one step: a
    // name appears whole or not at all. Else (a file to replace, links not allowed)
    // through a temporary name.
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let tmp = tmp_of(to);
    let _ = std::fs::remove_file(&tmp);
    let result = std::fs::hard_link(from, &tmp)
        .or_else(|_| std::fs::copy(from, &tmp).map(drop))
        .and_then(|()| std::fs::rename(&tmp, to));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The temporary file [`file`] writes before renaming it to `path`.
pub fn tmp_of(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.xuexi.tmp"))
}

/// Why the generated content could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A folder the generator would write holds no marker: it is the author's.
    #[error("{}", m!("write.not-ours", path = .0.display()))]
    NotOurs(PathBuf),
    /// An owned folder, or a folder on the way to a file, is a symbolic link.
    #[error("{}", m!("write.symlink", path = .0.display()))]
    Symlink(PathBuf),
    /// Something that is not a folder stands where a folder is needed.
    #[error("{}", m!("write.not-folder", path = .0.display()))]
    NotAFolder(PathBuf),
    /// A file xuexi did not write stands where xuexi needs to write.
    #[error("{}", m!("write.in-the-way", path = .0.display()))]
    InTheWay(PathBuf),
    #[error("{}", m!("write.io", path = .0.display(), e = crate::i18n::Io(.1)))]
    Io(PathBuf, #[source] io::Error),
}

/// What a commit did, and what it found and left alone.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Whether any file changed.
    pub changed: bool,
    /// Entries in the owned folders that xuexi did not write (author's files, links),
    /// relative to the content folder: left alone.
    pub foreign: Vec<PathBuf>,
}

/// The generated part of a Zola content folder.
pub struct Tree<'a> {
    /// `site/content`.
    pub content: PathBuf,
    /// `site/.xuexi`.
    pub state: PathBuf,
    /// The folders under `content` that the generator owns.
    pub owned: &'a [&'a str],
    /// First line that marks a folder's `_index.md` as the generator's (after `+++`).
    pub marker: &'a str,
}

impl Tree<'_> {
    fn staging(&self) -> PathBuf {
        self.state.join("staging")
    }

    fn commit_dir(&self) -> PathBuf {
        self.state.join("commit")
    }

    fn manifest(&self) -> PathBuf {
        self.state.join("manifest")
    }

    /// Finishes a commit an earlier run was interrupted in, or throws away what it had
    /// staged. Returns whether a commit was finished.
    pub fn recover(&self) -> Result<bool, WriteError> {
        self.check_state()?;
        let commit = self.commit_dir();
        if exists(&commit) {
            self.apply()?;
            return Ok(true);
        }
        let staging = self.staging();
        if exists(&staging) {
            remove_all(&staging)?;
        }
        Ok(false)
    }

    /// `site/.xuexi` must be a real folder (or not exist yet).
    fn check_state(&self) -> Result<(), WriteError> {
        match std::fs::symlink_metadata(&self.state) {
            Ok(m) if m.file_type().is_symlink() => Err(WriteError::Symlink(self.state.clone())),
            Ok(m) if !m.is_dir() => Err(WriteError::NotAFolder(self.state.clone())),
            _ => Ok(()),
        }
    }

    /// Writes `files` (relative to the content folder), deletes what xuexi wrote before
    /// and no longer wants, and leaves everything else alone.
    pub fn write(&self, files: &[(PathBuf, String)]) -> Result<Written, WriteError> {
        self.write_keeping(files, &[])
    }

    /// [`Tree::write`], where the files `kept` (relative to the content folder, written
    /// by xuexi before) are wanted as they are on disk: neither read nor written again.
    pub fn write_keeping(
        &self,
        files: &[(PathBuf, String)],
        kept: &[PathBuf],
    ) -> Result<Written, WriteError> {
        let writer = self.begin()?;
        for rel in kept {
            writer.keep(rel)?;
        }
        files
            .par_iter()
            .try_for_each(|(rel, text)| writer.put(rel, text.as_bytes()))?;
        writer.finish()
    }

    /// Starts writing the generated content file by file ([`Writer`]): finishes or
    /// throws away what an interrupted run left, and looks at what is on disk.
    pub fn begin(&self) -> Result<Writer<'_>, WriteError> {
        // Normally done already by the command before it checked the input.
        self.recover()?;
        let manifest = self.read_manifest()?;
        let mut found = Found::default();
        for dir in self.owned {
            let path = self.content.join(dir);
            match std::fs::symlink_metadata(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(WriteError::Io(path, e)),
                Ok(m) if m.file_type().is_symlink() => return Err(WriteError::Symlink(path)),
                Ok(m) if !m.is_dir() => return Err(WriteError::NotAFolder(path)),
                Ok(_) => {}
            }
            // An empty folder holds nothing to lose: what is left of one whose content
            // went (the task list's, once `tasks.toml` is removed).
            let empty = std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
            if !empty && !self.is_ours(&path) {
                return Err(WriteError::NotOurs(path));
            }
            found.walk(&path, Path::new(dir))?;
        }
        Ok(Writer {
            tree: self,
            manifest,
            found,
            staged: Mutex::new(false),
            wanted: Mutex::new(Vec::new()),
        })
    }

    /// Carries out the commit in `site/.xuexi/commit/`. Every step can be done again,
    /// so a run interrupted here is finished by the next one.
    fn apply(&self) -> Result<(), WriteError> {
        let commit = self.commit_dir();
        let files = commit.join("files");
        if exists(&files) {
            std::fs::create_dir_all(&self.content)
                .map_err(|e| WriteError::Io(self.content.clone(), e))?;
            merge(&files, &self.content)?;
        }
        let list = commit.join("delete");
        if let Ok(text) = read_regular_text(&list) {
            for rel in text.lines().filter(|l| safe_rel(l)) {
                let path = self.content.join(rel);
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                    remove_file(&path)?;
                }
                // Folders left empty go too, up to (not including) the owned folder.
                for dir in Path::new(rel).ancestors().skip(1) {
                    if dir.components().count() < 2 {
                        break;
                    }
                    if std::fs::remove_dir(self.content.join(dir)).is_err() {
                        break;
                    }
                }
            }
        }
        let manifest = commit.join("manifest");
        if exists(&manifest) {
            std::fs::rename(&manifest, self.manifest())
                .map_err(|e| WriteError::Io(self.manifest(), e))?;
        }
        remove_all(&commit)
    }

    /// The files xuexi wrote, as the last commit listed them; `None` when there is no
    /// manifest (content from an earlier version of xuexi, or none).
    fn read_manifest(&self) -> Result<Option<BTreeSet<PathBuf>>, WriteError> {
        let path = self.manifest();
        match read_regular_text(&path) {
            Ok(text) => Ok(Some(
                text.lines()
                    .filter(|l| safe_rel(l))
                    .map(PathBuf::from)
                    .collect(),
            )),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(WriteError::Io(path, e)),
        }
    }

    /// True when `dir` is a folder the generator made (its `_index.md` has the marker).
    pub fn is_ours(&self, dir: &Path) -> bool {
        let index = dir.join("_index.md");
        std::fs::symlink_metadata(&index).is_ok_and(|m| m.is_file())
            && std::fs::read_to_string(&index).is_ok_and(|s| s.lines().nth(1) == Some(self.marker))
    }

    /// Without a manifest (content written by an earlier xuexi): the files that look
    /// like ones xuexi writes count as its own.
    fn looks_generated(&self, rel: &Path) -> bool {
        let name = rel.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with(".xuexi.tmp")
            || name.ends_with(crate::emit::zola::OFFLINE_COPY)
            || name.ends_with(".ics")
            || rel == Path::new("search/index.js")
            || (rel.starts_with("search") && name.ends_with(".json"))
        {
            return true;
        }
        name.ends_with(".md")
            && read_regular_text(&self.content.join(rel))
                .is_ok_and(|s| s.starts_with("+++\n") && s.contains("\nxuexi = \""))
    }
}

/// The generated content being written, one file at a time ([`Tree::begin`]): each file
/// is compared with the one on disk as soon as it is given and, when it differs,
/// written into the staging folder at once, so the whole content is never held in
/// memory. [`Writer::finish`] commits. A writer dropped before that (an error, here
/// or while rendering) removes the staging folder: the content on disk is untouched.
pub struct Writer<'t> {
    tree: &'t Tree<'t>,
    /// The last commit's manifest, `None` without one.
    manifest: Option<BTreeSet<PathBuf>>,
    /// What was on disk when writing began.
    found: Found,
    /// Whether the staging folder was made: by the first file given that differs from
    /// the one on disk (so, until the commit, whether one did), or to commit.
    staged: Mutex<bool>,
    /// Every file given or kept.
    wanted: Mutex<Vec<PathBuf>>,
}

impl Writer<'_> {
    /// Whether the file at `rel` (relative to the content folder) is one xuexi wrote.
    fn ours(&self, rel: &Path) -> bool {
        match &self.manifest {
            Some(m) => m.contains(rel),
            None => self.tree.looks_generated(rel),
        }
    }

    /// Wants the file `rel` (relative to the content folder) with the text `bytes`:
    /// stages it when it differs from the file on disk. Anything that is not a file
    /// xuexi wrote, at a place xuexi needs, is an error. Can be called from many
    /// threads at once.
    pub fn put(&self, rel: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        let (found, content) = (&self.found, &self.tree.content);
        for ancestor in rel.ancestors().skip(1) {
            if found.others.contains(ancestor) || found.files.contains(ancestor) {
                return Err(WriteError::InTheWay(content.join(ancestor)));
            }
        }
        let on_disk = found.files.contains(rel);
        if found.others.contains(rel) || found.dirs.contains(rel) || (on_disk && !self.ours(rel)) {
            return Err(WriteError::InTheWay(content.join(rel)));
        }
        let same = on_disk && read_regular(&content.join(rel)).is_ok_and(|b| b == bytes);
        if !same {
            self.stage_dir()?;
            let path = self.tree.staging().join("files").join(rel);
            let io = |e| WriteError::Io(path.clone(), e);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io)?;
            }
            std::fs::write(&path, bytes).map_err(io)?;
        }
        self.wanted.lock().unwrap().push(rel.to_path_buf());
        Ok(())
    }

    /// Wants the file `rel` (relative to the content folder, written by xuexi before)
    /// as it is on disk: neither read nor written again.
    pub fn keep(&self, rel: &Path) -> Result<(), WriteError> {
        if !self.found.files.contains(rel) || !self.ours(rel) {
            let gone = io::Error::from(io::ErrorKind::NotFound);
            return Err(WriteError::Io(self.tree.content.join(rel), gone));
        }
        self.wanted.lock().unwrap().push(rel.to_path_buf());
        Ok(())
    }

    /// Makes the staging folder, once.
    fn stage_dir(&self) -> Result<(), WriteError> {
        let mut staged = self.staged.lock().unwrap();
        if !*staged {
            let (state, staging) = (&self.tree.state, self.tree.staging());
            std::fs::create_dir_all(state).map_err(|e| WriteError::Io(state.clone(), e))?;
            std::fs::create_dir(&staging).map_err(|e| WriteError::Io(staging, e))?;
            *staged = true;
        }
        Ok(())
    }

    /// Deletes what xuexi wrote before and no longer wants, writes the new manifest and
    /// commits, leaving everything else alone; when nothing changed, touches nothing.
    pub fn finish(self) -> Result<Written, WriteError> {
        let wanted: BTreeSet<PathBuf> = std::mem::take(&mut *self.wanted.lock().unwrap())
            .into_iter()
            .collect();
        let found = &self.found;
        let stale: Vec<&PathBuf> = found
            .files
            .iter()
            .filter(|p| !wanted.contains(p.as_path()) && self.ours(p))
            .collect();
        let mut foreign: Vec<PathBuf> = found
            .files
            .iter()
            .filter(|p| !wanted.contains(p.as_path()) && !self.ours(p))
            .chain(&found.others)
            .cloned()
            .collect();
        foreign.sort();
        let changed = *self.staged.lock().unwrap();
        if !changed && stale.is_empty() && self.manifest.as_ref() == Some(&wanted) {
            return Ok(Written {
                changed: false,
                foreign,
            });
        }
        self.stage_dir()?;
        let staging = self.tree.staging();
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |e| WriteError::Io(p, e)
        };
        let delete: String = stale.iter().map(|p| format!("{}\n", slashed(p))).collect();
        let list = staging.join("delete");
        std::fs::write(&list, delete).map_err(io(&list))?;
        let manifest: String = wanted.iter().map(|p| format!("{}\n", slashed(p))).collect();
        let path = staging.join("manifest");
        std::fs::write(&path, manifest).map_err(io(&path))?;
        // The commit point.
        let commit = self.tree.commit_dir();
        std::fs::rename(&staging, &commit).map_err(io(&commit))?;
        *self.staged.lock().unwrap() = false;
        self.tree.apply()?;
        Ok(Written {
            changed: changed || !stale.is_empty(),
            foreign,
        })
    }
}

impl Drop for Writer<'_> {
    /// Throws away what was staged when the writer did not commit.
    fn drop(&mut self) {
        let staged = self.staged.get_mut().unwrap_or_else(|e| e.into_inner());
        if *staged {
            let _ = std::fs::remove_dir_all(self.tree.staging());
        }
    }
}

/// What is in the owned folders, relative to the content folder.
#[derive(Default)]
struct Found {
    files: BTreeSet<PathBuf>,
    dirs: BTreeSet<PathBuf>,
    /// Symbolic links, pipes, devices: never followed, never deleted.
    others: BTreeSet<PathBuf>,
}

impl Found {
    fn walk(&mut self, dir: &Path, rel: &Path) -> Result<(), WriteError> {
        let entries = std::fs::read_dir(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
        for entry in entries {
            let entry = entry.map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
            let r = rel.join(entry.file_name());
            let kind = entry
                .file_type()
                .map_err(|e| WriteError::Io(entry.path(), e))?;
            if kind.is_dir() {
                self.dirs.insert(r.clone());
                self.walk(&entry.path(), &r)?;
            } else if kind.is_file() {
                self.files.insert(r);
            } else {
                self.others.insert(r);
            }
        }
        Ok(())
    }
}

/// Moves everything under `from` into `to`: a folder that `to` does not have yet in
/// one rename, files one by one. Never goes through a symbolic link in `to`.
fn merge(from: &Path, to: &Path) -> Result<(), WriteError> {
    let entries = std::fs::read_dir(from).map_err(|e| WriteError::Io(from.to_path_buf(), e))?;
    let mut names: Vec<_> = entries
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .map_err(|e| WriteError::Io(from.to_path_buf(), e))?;
    // `_index.md` first: a folder gets its marker before its pages.
    names.sort_by_key(|n| (n != "_index.md", n.clone()));
    for name in names {
        let (src, dst) = (from.join(&name), to.join(&name));
        let src_dir = std::fs::symlink_metadata(&src)
            .map_err(|e| WriteError::Io(src.clone(), e))?
            .is_dir();
        match std::fs::symlink_metadata(&dst) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => rename(&src, &dst)?,
            Err(e) => return Err(WriteError::Io(dst, e)),
            Ok(m) if m.file_type().is_symlink() => return Err(WriteError::Symlink(dst)),
            Ok(m) if src_dir && m.is_dir() => merge(&src, &dst)?,
            Ok(m) if !src_dir && m.is_file() => rename(&src, &dst)?,
            Ok(_) => return Err(WriteError::InTheWay(dst)),
        }
    }
    Ok(())
}

fn rename(from: &Path, to: &Path) -> Result<(), WriteError> {
    std::fs::rename(from, to).map_err(|e| WriteError::Io(to.to_path_buf(), e))
}

fn remove_file(path: &Path) -> Result<(), WriteError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(WriteError::Io(path.to_path_buf(), e)),
        _ => Ok(()),
    }
}

/// Removes a folder of xuexi's own (`std::fs::remove_dir_all` does not follow links).
fn remove_all(path: &Path) -> Result<(), WriteError> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(WriteError::Io(path.to_path_buf(), e)),
        _ => Ok(()),
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// A relative path with `/` between its parts, as the manifest keeps it.
fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A manifest or delete-list line that names a path inside the content folder.
fn safe_rel(line: &str) -> bool {
    !line.is_empty()
        && !line.starts_with('/')
        && Path::new(line)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Whether `path` names a `.csv` file (any case).
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}
