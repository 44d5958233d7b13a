//! Markdown: author text to HTML, the same for the site and the offline copies.
//!
//! In: Markdown from the TOML. Out: HTML. CommonMark with Chinese-friendly emphasis
//! (`**注意：**正文` is bold), tables, strikethrough and autolinks. Raw HTML is shown as
//! text and dangerous link schemes are dropped, so author text never runs as code.
//! One line of plain text takes a fast path; anything else goes through comrak once per
//! distinct text in a run (the same prompt is shown in several places).

use comrak::{Options, markdown_to_html};

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.cjk_friendly_emphasis = true;
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.render.escape = true;
    o
}

/// Renders block Markdown (paragraphs, lists, tables).
pub fn block(src: &str) -> String {
    if let Some(html) = plain_paragraph(src) {
        return html;
    }
    rendered(src)
}

/// Comrak's HTML for `src`, remembered: the same text is shown in several places (a
/// question on its quiz page, in a day's set, in the search index, in the offline
/// copy), and parsing is the slow part. Output depends on `src` alone.
fn rendered(src: &str) -> String {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
    /// Past this many entries (a long `xuexi serve` session), start again.
    const LIMIT: usize = 100_000;
    static SEEN: LazyLock<Mutex<HashMap<String, String>>> = LazyLock::new(Default::default);
    // A poisoned lock only means another thread panicked: the map is still valid.
    let seen = || -> MutexGuard<'static, HashMap<String, String>> {
        SEEN.lock().unwrap_or_else(PoisonError::into_inner)
    };
    let hit = seen().get(src).cloned();
    if let Some(html) = hit {
        return html;
    }
    let html = markdown_to_html(src, &options());
    let mut map = seen();
    if map.len() >= LIMIT {
        map.clear();
    }
    map.insert(src.to_string(), html.clone());
    html
}

/// Renders Markdown for an inline place (a list item, an option, a title): a single
/// paragraph loses its `<p>` wrapper.
pub fn inline(src: &str) -> String {
    if let Some(text) = plain_text(src) {
        let mut out = String::with_capacity(text.len() + 8);
        escape_comrak_into(&mut out, text);
        return out;
    }
    let html = block(src);
    match html
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>\n"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Escapes text for HTML (`&`, `<`, `>`, `"`, `'`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// Writes `s` escaped for HTML into `out`, a run of plain text at a time.
pub fn escape_into<W: std::fmt::Write + ?Sized>(out: &mut W, s: &str) -> std::fmt::Result {
    escape_runs(out, s, true)
}

/// Escapes `&`, `<`, `>`, `"` and, with `apostrophe`, `'`: the unchanged runs between
/// them are written whole.
fn escape_runs<W: std::fmt::Write + ?Sized>(
    out: &mut W,
    s: &str,
    apostrophe: bool,
) -> std::fmt::Result {
    // Most text (Chinese above all) has nothing to escape: find that out in blocks the
    // compiler can vectorize, and write it whole.
    let special =
        |b: u8| (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (apostrophe & (b == b'\''));
    if !s
        .as_bytes()
        .chunks(32)
        .any(|block| block.iter().fold(false, |found, &b| found | special(b)))
    {
        return out.write_str(s);
    }
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if apostrophe => "&#x27;",
            _ => continue,
        };
        out.write_str(&s[last..i])?;
        out.write_str(rep)?;
        last = i + 1;
    }
    out.write_str(&s[last..])
}

/// Fast path: one line with no character that Markdown treats specially renders as a
/// plain paragraph. Comrak would give the same bytes (a test checks this).
fn plain_paragraph(src: &str) -> Option<String> {
    let text = plain_text(src)?;
    if text.is_empty() {
        return Some(String::new());
    }
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str("<p>");
    escape_comrak_into(&mut out, text);
    out.push_str("</p>\n");
    Some(out)
}

/// `src` without its surrounding blanks, when it is one line that Markdown would show
/// exactly as written.
pub fn plain_text(src: &str) -> Option<&str> {
    /// Bytes Markdown may treat specially within a line. Bytes, not chars: every special
    /// character is ASCII, and UTF-8 continuation bytes are never ASCII.
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            table[b] = matches!(c, b'\n' | b'\r' | b'\t')
                || (c.is_ascii_punctuation()
                    && !matches!(
                        c,
                        b',' | b'.'
                            | b'('
                            | b')'
                            | b'?'
                            | b';'
                            | b'\''
                            | b'"'
                            | b'/'
                            | b'%'
                            | b'+'
                            | b'='
                    ));
            b += 1;
        }
        table
    };
    // An indented first line (four spaces, or a tab among its blanks) is a code block.
    let first = src.trim_start_matches('\n');
    let indent = &first[..first.len() - first.trim_start_matches([' ', '\t']).len()];
    if indent.contains('\t') || indent.len() >= 4 {
        return None;
    }
    let t = src.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n');
    // In blocks without an early exit, so the compiler can unroll it.
    let special = t.as_bytes().chunks(32).any(|block| {
        block
            .iter()
            .fold(false, |found, &b| found | SPECIAL[usize::from(b)])
    });
    // A line that starts with a digit may be an ordered list item, with `+` a bullet.
    let marker = t
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || *b == b'+');
    if special || marker || t.contains("www.") {
        return None;
    }
    Some(t)
}

/// Escapes like comrak does for text: `&`, `<`, `>` and `"`.
fn escape_comrak_into(out: &mut String, s: &str) {
    escape_runs(out, s, false).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_emphasis_is_bold() {
        assert_eq!(
            block("**注意：**正文"),
            "<p><strong>注意：</strong>正文</p>\n"
        );
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            block("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;\n"
        );
        assert!(!block("[x](javascript:alert(1))").contains("javascript:"));
    }

    #[test]
    fn a_remembered_rendering_is_the_same() {
        let src = "**第一次**全国代表大会\n\n- 上海\n- 嘉兴";
        let first = block(src);
        assert_eq!(first, markdown_to_html(src, &options()));
        assert_eq!(block(src), first);
        assert_eq!(inline("*一*"), "<em>一</em>");
        assert_eq!(inline("*一*"), "<em>一</em>");
    }

    #[test]
    fn inline_drops_paragraph() {
        assert_eq!(inline("学习*党史*"), "学习<em>党史</em>");
        assert_eq!(inline("a\n\nb"), "<p>a</p>\n<p>b</p>\n");
        assert_eq!(
            inline(" 一大 \"代表\" & 'x' "),
            "一大 &quot;代表&quot; &amp; 'x'"
        );
        assert_eq!(inline(""), "");
    }

    #[test]
    fn fast_path_matches_comrak_for_every_ascii_byte() {
        for b in 0x20u8..0x7f {
            let c = char::from(b);
            for s in [
                format!("中{c}文"),
                format!("{c}中文"),
                format!("中文{c}{c}"),
            ] {
                assert_eq!(block(&s), markdown_to_html(&s, &options()), "{s:?}");
            }
        }
    }

    /// Differential test: every string of up to three pieces (block markers, blanks,
    /// punctuation, Chinese and ASCII text) that the fast path takes renders as comrak
    /// renders it. About 70,000 strings, of which the fast path takes a third.
    #[test]
    fn fast_path_matches_comrak_for_every_short_combination() {
        const PIECES: &[&str] = &[
            "+",
            "-",
            "*",
            "#",
            ">",
            "=",
            "1.",
            "1)",
            "    ",
            "\t",
            " ",
            "  ",
            "\n",
            "\n\n",
            "www.",
            "http://x.cn",
            "|",
            "`",
            "~",
            "_",
            "<",
            "&",
            "'",
            "\"",
            "(",
            ")",
            ",",
            ".",
            "?",
            ";",
            "/",
            "%",
            "\u{3000}",
            "中文",
            "党史",
            "a",
            "1921",
            "---",
            "+ ",
            "===",
            "!",
            "[",
            "]",
            "\\",
            "**",
            ":",
        ];
        let (mut taken, mut total) = (0, 0);
        let mut check = |s: &str| {
            total += 1;
            if plain_text(s).is_some() {
                taken += 1;
                assert_eq!(block(s), markdown_to_html(s, &options()), "{s:?}");
            }
        };
        for a in PIECES {
            check(a);
            for b in PIECES {
                check(&format!("{a}{b}"));
                for c in PIECES {
                    check(&format!("{a}{b}{c}"));
                }
            }
        }
        assert!(total > 60_000 && taken > 5_000, "{taken} of {total}");
    }

    #[test]
    fn fast_path_matches_comrak() {
        for s in [
            "中国共产党第一次全国代表大会在上海召开。",
            "  1921年7月，中共一大召开  ",
            "Party history, 100 years (1921-2021)?",
            "a \"quoted\" word & more",
            "“红色星期五”主题党日",
            "x/y 50% a+b=c it's me@home.org;",
            "see www.gov.cn today",
            "+ 中文",
            "    中文代码",
            "\n\t中文代码",
            "",
        ] {
            assert_eq!(block(s), markdown_to_html(s, &options()), "{s:?}");
        }
    }
}
