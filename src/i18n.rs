//! What authors read on the command line, one catalogue per language.
//!
//! In: a message key and its named values. Out: the message in the chosen language,
//! from `src/i18n/zh-CN.toml` (the default) or `src/i18n/en.toml` (`--lang en`, or an
//! English `LC_ALL`/`LC_MESSAGES`/`LANG`). A message is always one whole sentence of
//! the catalogue with `{name}` placeholders, never glued from fragments; a word that
//! depends on a number is the catalogue's too: `{n|option|options}` is `option` when
//! `n` is 1 and `options` otherwise (English needs it; Chinese does not).

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the command line's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    /// `zh-CN`, `zh`, `en`, `en-US` ... (case and `_`/`-` do not matter).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase().replace('_', "-");
        if s == "en" || s.starts_with("en-") || s.starts_with("en.") {
            Some(Lang::En)
        } else if s == "zh" || s.starts_with("zh-") || s.starts_with("zh.") {
            Some(Lang::ZhCn)
        } else {
            None
        }
    }

    /// The language of the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`): English
    /// when it is English, otherwise Chinese.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::ZhCn)
    }
}

const UNSET: u8 = 0;
static LANG: AtomicU8 = AtomicU8::new(UNSET);

/// Chooses the language of every later message.
pub fn set(lang: Lang) {
    LANG.store(
        match lang {
            Lang::ZhCn => 1,
            Lang::En => 2,
        },
        Ordering::Relaxed,
    );
}

/// The language in use: the one [`set`], else the locale's. Unit tests of the library
/// read English unless they choose, so their assertions read as the rules they test.
pub fn lang() -> Lang {
    #[cfg(test)]
    if let Some(lang) = THREAD_LANG.get() {
        return lang;
    }
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::ZhCn,
        2 => Lang::En,
        _ if cfg!(test) => Lang::En,
        _ => Lang::from_env(),
    }
}

#[cfg(test)]
thread_local! {
    /// A unit test's own language, for this thread only (tests run side by side).
    static THREAD_LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Makes this thread's messages Chinese until the guard is dropped: for unit tests
/// whose expected messages are the Chinese ones authors read.
#[cfg(test)]
pub fn chinese() -> impl Drop {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            THREAD_LANG.set(None);
        }
    }
    THREAD_LANG.set(Some(Lang::ZhCn));
    Reset
}

/// An I/O error in the language in use, with what to do about it: every kind a user can
/// meet from the catalogue (no such file, no permission, a full disk or quota, a
/// read-only disk, a file another program holds); any other error of the operating
/// system as its number in a catalogue sentence, never in the system's own (English)
/// words. An error xuexi made itself with words of its own (`io::Error::new`) shows
/// those words.
pub struct Io<'a>(pub &'a std::io::Error);

impl std::fmt::Display for Io<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&io_words(self.0))
    }
}

/// An I/O error at a path, for errors whose message would not name the file otherwise
/// (one of many that publishing writes): [`Io`] says `` `path`：`` before the words.
/// Made by [`at`]; the error keeps its kind.
#[derive(Debug)]
pub struct At {
    pub path: std::path::PathBuf,
    pub source: std::io::Error,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for At {}

/// `map_err(at(path))`: the error, of the same kind, with the path it happened at.
pub fn at(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> std::io::Error + use<> {
    let path = path.to_path_buf();
    move |source| {
        if source.get_ref().is_some_and(|i| i.is::<At>()) {
            return source;
        }
        std::io::Error::new(source.kind(), At { path, source })
    }
}

/// A line another program (Zola) wrote, with an operating system error in the words
/// Rust gives it (`No space left on device (os error 28)`) put in the catalogue's
/// words instead; any other line as it is.
pub fn os_words_in(line: &str) -> std::borrow::Cow<'_, str> {
    let Some(at) = line.find("(os error ") else {
        return line.into();
    };
    let rest = &line[at + "(os error ".len()..];
    let Some(code) = rest.split(')').next().and_then(|c| c.parse::<i32>().ok()) else {
        return line.into();
    };
    let e = std::io::Error::from_raw_os_error(code);
    let english = e.to_string();
    if !line.contains(&english) {
        return line.into();
    }
    line.replacen(&english, &Io(&e).to_string(), 1).into()
}

/// Whether the operating system says another program holds the file: a busy resource
/// or program file, a lock held elsewhere, or (Windows) a sharing or lock violation.
pub fn is_busy(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: a file open in Excel or WPS.
    let windows_busy = cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33));
    windows_busy
        || matches!(
            e.kind(),
            K::ResourceBusy | K::ExecutableFileBusy | K::WouldBlock
        )
}

fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(at) = e.get_ref().and_then(|i| i.downcast_ref::<At>()) {
        return tr(
            "io.at",
            &[("path", &at.path.display()), ("e", &Io(&at.source))],
        );
    }
    if is_busy(e) {
        return tr("io.busy", &[]);
    }
    let key = match e.kind() {
        K::NotFound => "io.not-found",
        K::PermissionDenied => "io.permission",
        K::AlreadyExists => "io.exists",
        K::StorageFull | K::QuotaExceeded => "io.full",
        K::ReadOnlyFilesystem => "io.read-only",
        K::FileTooLarge => "io.too-large",
        K::IsADirectory => "io.is-dir",
        K::NotADirectory => "io.not-dir",
        K::DirectoryNotEmpty => "io.not-empty",
        K::InvalidData => "io.invalid-data",
        _ => match (e.raw_os_error(), e.get_ref()) {
            (Some(code), _) => return tr("io.os", &[("code", &code)]),
            // Words of xuexi's own (or of a library, as it gave them).
            (None, Some(inner)) => return inner.to_string(),
            (None, None) => "io.other",
        },
    };
    tr(key, &[])
}

/// The catalogue files, by language.
pub const ZH_CN: &str = include_str!("i18n/zh-CN.toml");
pub const EN: &str = include_str!("i18n/en.toml");

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static ZH: OnceLock<HashMap<String, String>> = OnceLock::new();
    static ENGLISH: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::ZhCn => (&ZH, ZH_CN),
        Lang::En => (&ENGLISH, EN),
    };
    cell.get_or_init(|| parse(text))
}

/// A catalogue file: flat `key = "text"` lines (keys may have dots when quoted).
pub fn parse(text: &str) -> HashMap<String, String> {
    toml::from_str(text).expect("the message catalogues are valid TOML (tested)")
}

/// The message `key` in the language in use, with each `{name}` replaced by its value.
/// An unknown key gives the key itself (a test makes sure every key used exists).
pub fn tr(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let template = catalogue(lang())
        .get(key)
        .map(String::as_str)
        .unwrap_or(key);
    fill(template, args)
}

/// Replaces `{name}` in `template` by the values in `args`, and `{name|one|other}` by
/// `one` when the value of `name` is 1, else by `other`.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    if args.is_empty() || !template.contains('{') {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let inside = &after[..close];
                let (name, forms) = match inside.split_once('|') {
                    Some((name, forms)) => (name, forms.split_once('|')),
                    None => (inside, None),
                };
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => match forms {
                        Some((one, _)) if v.to_string() == "1" => out.push_str(one),
                        Some((_, other)) => out.push_str(other),
                        None => out.push_str(&v.to_string()),
                    },
                    None => {
                        out.push('{');
                        out.push_str(inside);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `m!("key", name = value, ...)`: the message `key` with its values.
#[macro_export]
macro_rules! m {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::tr($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    // `{ 键 = 值 }` is TOML shown to the author, not a placeholder;
                    // `{n|option|options}` is the number `n`'s word.
                    let inside = &after[..close];
                    let name = inside.split('|').next().unwrap_or(inside);
                    if !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    {
                        out.insert(name.to_string());
                    }
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        out
    }

    /// Both catalogues have every key, with the same placeholders; every Chinese
    /// message has Chinese in it (none is an English sentence left over).
    #[test]
    fn catalogues_match() {
        let (zh, en) = (parse(ZH_CN), parse(EN));
        // `help.*` is the Chinese `--help`; the English is the doc comments in main.rs.
        let zk: BTreeSet<&String> = zh.keys().filter(|k| !k.starts_with("help.")).collect();
        let ek: BTreeSet<&String> = en.keys().collect();
        assert_eq!(zk, ek, "the same keys in zh-CN.toml and en.toml");
        for (k, v) in zh.iter().filter(|(k, _)| !k.starts_with("help.")) {
            assert_eq!(
                placeholders(v),
                placeholders(&en[k]),
                "placeholders of `{k}`"
            );
            assert!(
                v.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)),
                "`{k}` in zh-CN.toml has no Chinese: {v}"
            );
        }
    }

    /// Every key the code asks for is in the catalogues.
    #[test]
    fn every_key_used_exists() {
        let zh = parse(ZH_CN);
        let mut used = Vec::new();
        fn walk(dir: &std::path::Path, used: &mut Vec<(String, String)>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, used);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("i18n.rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for part in text.split("m!(\"").skip(1) {
                        if let Some(end) = part.find('"') {
                            used.push((p.display().to_string(), part[..end].to_string()));
                        }
                    }
                }
            }
        }
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut used,
        );
        assert!(used.len() > 50, "{} keys found", used.len());
        for (file, key) in used {
            assert!(
                zh.contains_key(&key),
                "`{key}` (in {file}) is not in the catalogues"
            );
        }
    }

    /// Each kind of I/O error a user can meet, in Chinese with what to do; any other
    /// error of the system by its number, never in the system's English.
    #[test]
    fn io_errors_in_chinese() {
        use std::io::{Error, ErrorKind as K};
        let _zh = chinese();
        let words = |e: Error| Io(&e).to_string();
        assert_eq!(words(K::StorageFull.into()), "磁盘满了：清理出空间后再运行");
        assert_eq!(
            words(K::QuotaExceeded.into()),
            "磁盘满了：清理出空间后再运行"
        );
        assert_eq!(
            words(Error::from_raw_os_error(libc::ENOSPC)),
            "磁盘满了：清理出空间后再运行"
        );
        assert_eq!(
            words(Error::from_raw_os_error(libc::EACCES)),
            "没有权限：当前用户不能读写这个文件或文件夹，请换一个文件夹，或请管理员给予权限"
        );
        assert_eq!(
            words(Error::from_raw_os_error(libc::ENOENT)),
            "找不到这个文件或文件夹：请检查路径是否写对"
        );
        assert_eq!(
            words(Error::from_raw_os_error(libc::EROFS)),
            "磁盘是只读的：请换一个可以写入的文件夹，或取消只读后再运行"
        );
        let busy = "被其他程序占用：请关闭正在使用它的程序（如 Excel、WPS）后再运行";
        for e in [libc::EBUSY, libc::ETXTBSY, libc::EWOULDBLOCK] {
            assert_eq!(words(Error::from_raw_os_error(e)), busy, "{e}");
        }
        assert_eq!(words(K::ResourceBusy.into()), busy);
        assert_eq!(
            words(Error::from_raw_os_error(libc::EIO)),
            format!("操作系统报告了错误（错误号 {}）", libc::EIO)
        );
        assert_eq!(words(K::Interrupted.into()), "读写文件时出错");
        assert_eq!(words(Error::other("自己的话")), "自己的话");
        let e =
            at(std::path::Path::new("public/index.html"))(Error::from_raw_os_error(libc::ENOSPC));
        assert_eq!(e.kind(), K::StorageFull);
        assert_eq!(
            words(e),
            "`public/index.html`：磁盘满了：清理出空间后再运行"
        );
    }

    #[test]
    fn os_errors_in_another_programs_words_become_ours() {
        let _zh = chinese();
        assert_eq!(
            os_words_in("ERROR No space left on device (os error 28)"),
            "ERROR 磁盘满了：清理出空间后再运行"
        );
        assert_eq!(os_words_in("Done in 15ms."), "Done in 15ms.");
        assert_eq!(os_words_in("odd (os error x)"), "odd (os error x)");
    }

    #[test]
    fn values_fill_placeholders() {
        assert_eq!(
            fill("{a} 和 {b}，{c}", &[("a", &1), ("b", &"二")]),
            "1 和 二，{c}"
        );
        let options = |n: usize| fill("{n} {n|option|options}", &[("n", &n)]);
        assert_eq!(
            [options(0), options(1), options(2)],
            ["0 options", "1 option", "2 options"]
        );
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }
}
