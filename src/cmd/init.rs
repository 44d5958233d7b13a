//! `init`: a new project, its campaign starting on the day given or the next Monday.

use std::path::Path;

use xuexi::diag::Diagnostic;
use xuexi::m;

pub fn init(dir: &Path, start: &Option<String>) -> Result<(), Diagnostic> {
    let start = match start {
        None => xuexi::init::default_start(xuexi::clock::today()),
        Some(s) => s
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| Diagnostic::plain(m!("init.bad-start", found = s)))?,
    };
    let files = xuexi::init::init(dir, start).map_err(|e| Diagnostic::plain(e.to_string()))?;
    eprintln!("{}", m!("init.wrote", n = files.len(), dir = dir.display()));
    let here = std::env::current_dir()
        .and_then(|cwd| Ok(cwd.canonicalize()? == dir.canonicalize()?))
        .unwrap_or(false);
    if here {
        eprintln!("{}", m!("init.next.here"));
    } else {
        let shown = dir.display().to_string();
        let shown = if shown.contains(char::is_whitespace) {
            format!("\"{shown}\"")
        } else {
            shown
        };
        eprintln!("{}", m!("init.next", dir = shown));
    }
    Ok(())
}
