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

/// An I/O error in the language in use: the kinds authors meet (no such file, no
/// permission, a full disk) from the catalogue, others as the system says them.
pub struct Io<'a>(pub &'a std::io::Error);

impl std::fmt::Display for Io<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::io::ErrorKind as K;
        let key = match self.0.kind() {
            K::NotFound => "io.not-found",
            K::PermissionDenied => "io.permission",
            K::AlreadyExists => "io.exists",
            K::StorageFull => "io.full",
            K::ReadOnlyFilesystem => "io.read-only",
            K::FileTooLarge => "io.too-large",
            K::IsADirectory => "io.is-dir",
            K::NotADirectory => "io.not-dir",
            K::InvalidData => "io.invalid-data",
            _ => return self.0.fmt(f),
        };
        f.write_str(&tr(key, &[]))
    }
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
