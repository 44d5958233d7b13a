//! The text readers see on the pages (buttons, labels, notices): the built-in zh-CN
//! strings, with the author's own wording from an optional `strings.toml` put over them.
//!
//! In: `src/emit/strings/zh-CN.toml` (built in) and the overrides `load` read. Out:
//! `Strings`, carried in the checked `Project`, which every view, layout and script of
//! the site and the offline copies takes its text from. `validate` checks the
//! overrides against the built-in keys and their placeholders (`{n}`).

use std::collections::BTreeMap;

use serde::Serialize;

/// The UI text, by key, for the default language (zh-CN).
const ZH_CN: &str = include_str!("emit/strings/zh-CN.toml");

/// The author's file of overrides, at the project root.
pub const FILE: &str = "strings.toml";

/// Reader-facing text by key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Strings {
    map: BTreeMap<String, String>,
}

impl Strings {
    /// The built-in strings, parsed once.
    pub fn builtin() -> &'static Strings {
        static BUILTIN: std::sync::LazyLock<Strings> = std::sync::LazyLock::new(|| Strings {
            map: toml::from_str(ZH_CN).expect("built-in strings are valid TOML"),
        });
        &BUILTIN
    }

    /// The built-in strings with `overrides` put over them (keys that are not built in
    /// are left out: `check` reports them).
    pub fn with(overrides: &BTreeMap<String, String>) -> Strings {
        let mut map = Strings::builtin().map.clone();
        for (k, v) in overrides {
            if let Some(slot) = map.get_mut(k) {
                slot.clone_from(v);
            }
        }
        Strings { map }
    }

    /// One string by key (empty if the key is missing; the templates' keys are checked
    /// by minijinja's strict mode, these by the tests of the pages that show them).
    pub fn text(&self, key: &str) -> String {
        self.map.get(key).cloned().unwrap_or_default()
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The quiz scripts' UI text (the `js_` strings, without the prefix) as JSON.
    pub fn js_json(&self) -> String {
        self.prefixed_json("js_")
    }

    /// The strings whose key starts with `prefix`, without it, as JSON (`sw_` for the
    /// save control and the offline page).
    pub fn prefixed_json(&self, prefix: &str) -> String {
        let some: BTreeMap<&str, &str> = self
            .map
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?, v.as_str())))
            .collect();
        serde_json::to_string(&some).expect("strings serialize as JSON")
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::builtin().clone()
    }
}

/// The `strings.toml` a new project starts with: every built-in string, commented
/// out, so the author finds the key of a text and uncomments the line to change it.
pub fn template() -> String {
    let mut out = String::from(
        "# 网页上的文字（按钮、标签、提示）。要改哪一处，去掉那一行前面的 # 再改引号里的字；\n\
         # 没改的行保持注释即可。{n} 这样的占位符要原样保留（网页会填进数字或日期）。\n\
         # 改完运行 xuexi check：写错的键名会提示最接近的正确键名。\n\n",
    );
    for (k, v) in Strings::builtin().map() {
        out.push_str("# ");
        out.push_str(k);
        out.push_str(" = ");
        out.push_str(&toml::Value::String(v.clone()).to_string());
        out.push('\n');
    }
    out
}

/// The placeholders of a string (`{n}`, `{s}`), sorted: an override must keep them.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_only_known_keys() {
        let mut o = BTreeMap::new();
        o.insert("tab_home".to_string(), "主页".to_string());
        o.insert("no_such_key".to_string(), "x".to_string());
        let s = Strings::with(&o);
        assert_eq!(s.text("tab_home"), "主页");
        assert_eq!(s.get("no_such_key"), None);
        assert_eq!(s.map().len(), Strings::builtin().map().len());
        assert_ne!(Strings::builtin().text("tab_home"), "主页");
    }

    #[test]
    fn the_template_lists_every_key_and_uncommented_parses_back() {
        let t = template();
        let uncommented: String = t
            .lines()
            .filter(|l| l.starts_with("# ") && l.contains(" = "))
            .map(|l| format!("{}\n", &l[2..]))
            .collect();
        let back: BTreeMap<String, String> = toml::from_str(&uncommented).unwrap();
        assert_eq!(&back, Strings::builtin().map());
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("本次得分 {s} 分（答对 {r}/{n} 题）"),
            ["n", "r", "s"]
        );
        assert_eq!(placeholders("没有 { 占位 }"), Vec::<&str>::new());
    }
}
