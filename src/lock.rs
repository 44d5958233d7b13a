//! One xuexi at a time per project: the commands that write the site (`build`,
//! `generate`, `serve` while it regenerates, `offline`, `import`; `supervise` to come)
//! hold the project's lock.
//!
//! In: the project's site folder. Out: a [`Held`] lock, released when it is dropped or
//! when the process ends however it ends (kill -9 included: it is an operating system
//! file lock, `File::lock`, on `site/.xuexi/lock`, never a file whose existence is the
//! lock, so nothing is left stuck). A second xuexi waits for the first, saying so once
//! on standard error as cargo does; with `--no-wait` ([`Wait::No`]) it stops at once
//! with exit status 1 instead. Two runs started together so both end well, one after
//! the other.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

use crate::diag::Diagnostic;

/// The lock file in `site/.xuexi/`.
pub const FILE: &str = "lock";

/// Whether to wait for another xuexi that holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Wait until it is done (after saying so on standard error).
    Yes,
    /// Stop at once with an error (`--no-wait`).
    No,
}

/// The project's lock, held until dropped.
#[derive(Debug)]
pub struct Held {
    // Closing the file releases the lock.
    _file: File,
}

/// Takes the lock of the project whose site folder is `site` (made with its `.xuexi/`
/// when missing), waiting for another xuexi as `wait` says; `say` gets the line that
/// tells the user it waits. The error is a diagnostic in the catalogue's words: another
/// xuexi holds the lock (with [`Wait::No`]), or the lock file cannot be opened (a
/// read-only disk, `.xuexi` a link).
pub fn project(site: &Path, wait: Wait, say: &mut dyn FnMut(String)) -> Result<Held, Diagnostic> {
    let state = site.join(crate::write::STATE);
    let path = state.join(FILE);
    let file = open(&state, &path).map_err(Diagnostic::io(&path))?;
    match file.try_lock() {
        Ok(()) => return Ok(Held { _file: file }),
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(e)) => return Err(Diagnostic::io(&path)(e)),
    }
    if wait == Wait::No {
        return Err(Diagnostic::plain(m!("lock.busy", path = path.display())));
    }
    say(m!("lock.waiting"));
    file.lock().map_err(Diagnostic::io(&path))?;
    Ok(Held { _file: file })
}

/// Opens (or makes) the lock file, never through a symbolic link.
fn open(state: &Path, path: &Path) -> io::Result<File> {
    match std::fs::symlink_metadata(state) {
        Ok(m) if m.file_type().is_symlink() || !m.is_dir() => {
            return Err(io::Error::from(io::ErrorKind::NotADirectory));
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(state)?,
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_or_stops_and_a_dropped_lock_is_free() {
        let _zh = crate::i18n::chinese();
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let mut said = Vec::new();
        let first = project(&site, Wait::No, &mut |l| said.push(l)).unwrap();
        assert!(site.join(".xuexi/lock").is_file());
        let busy = project(&site, Wait::No, &mut |l| said.push(l)).unwrap_err();
        assert_eq!(
            busy.message,
            format!(
                "另一个 xuexi 正在处理这个项目（`{}`），这次没有运行：等它完成后再运行，或者不加 --no-wait，让这次等它完成",
                site.join(".xuexi/lock").display()
            )
        );
        let site2 = site.clone();
        let waiter = std::thread::spawn(move || {
            let _zh = crate::i18n::chinese();
            let mut said = Vec::new();
            let held = project(&site2, Wait::Yes, &mut |l| said.push(l)).unwrap();
            (held, said)
        });
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!waiter.is_finished());
        drop(first);
        let (_held, said_there) = waiter.join().unwrap();
        assert_eq!(said_there, ["另一个 xuexi 正在处理这个项目，等待它完成…"]);
        assert!(said.is_empty());
    }
}
