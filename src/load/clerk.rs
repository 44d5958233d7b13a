//! The mistakes a clerk makes when typing TOML with a Chinese input method.
//!
//! In: a file's text and the place where the TOML parser stopped. Out: when the line
//! there holds one of the usual slips (full-width quotes, equals signs, commas or
//! brackets, 、 between items, a date written 2021/4/8, 对/错 for true/false, a number
//! with its unit, a bare word), where it is, what it is and what to type instead.

use super::shape::{Found, Kind, Misfit};
use crate::model::Span;

/// A note for a value that does not fit, when the text at its place shows the slip:
/// a number in quotes (`draw = "5"`), one pair of brackets where the model lists
/// tables (`[plan]` for `[[plan]]`) or two where it has one (`[[campaign]]`), a section
/// where it has a value (`[[title]]`).
pub fn shape_hint(misfit: &Misfit, at: &str) -> Option<String> {
    match misfit {
        Misfit::WrongKind {
            expected: Kind::Integer | Kind::Number,
            found: Found::Text(t),
        } if t.trim().parse::<f64>().is_ok() => Some(m!("clerk.unquote", v = t.trim())),
        Misfit::WrongKind {
            expected: Kind::List,
            found: Found::Table,
        } if at.starts_with('[') && !at.starts_with("[[") => {
            let name = at.trim_start_matches('[').trim_end_matches(']');
            Some(m!("clerk.double-brackets", name = name))
        }
        // `[[campaign]]` for `[campaign]`: one section, one pair of brackets.
        Misfit::WrongKind {
            expected: Kind::Table,
            found: Found::List,
        } if at.starts_with("[[") => {
            let name = at.trim_start_matches('[').trim_end_matches(']');
            Some(m!("clerk.single-brackets", name = name))
        }
        // `[[title]]` for `title = "..."`: a value, not a section.
        Misfit::WrongKind {
            found: Found::List | Found::Table,
            ..
        } if at.starts_with('[') => {
            let name = at.trim_start_matches('[').trim_end_matches(']');
            let name = name.rsplit('.').next().unwrap_or(name);
            Some(m!("clerk.not-a-section", name = name))
        }
        _ => None,
    }
}

/// The mistakes a clerk makes when typing TOML in a Chinese input method, found on the
/// line where the parser stopped (`syntax`: the text is not TOML there) or where a value
/// does not fit: where it is, what it is, and what to type instead. Only what TOML
/// reads is looked at: the text inside strings and comments is the author's own, and
/// full-width quotes or commas there are right.
pub fn mistake(source: &str, at: usize, syntax: bool) -> Option<(Span, String, String)> {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let line = &source[start..end];
    let code = Code::of(line);
    if let Some(hit) = invisible(line, &code) {
        return Some((
            start + hit.0..start + hit.1,
            m!("toml.control"),
            m!("clerk.invisible.label"),
        ));
    }
    if syntax && let Some(hit) = left_open_above(source, start, &code) {
        return Some(hit);
    }
    let find = |c: char| {
        code.text
            .find(c)
            .map(|i| start + i..start + i + c.len_utf8())
    };
    if let Some(span) = find('\u{201c}').or_else(|| find('\u{201d}')) {
        return Some((span, m!("clerk.quotes"), m!("clerk.quotes.label")));
    }
    if let Some(span) = find('\u{ff1d}') {
        return Some((span, m!("clerk.equals"), m!("clerk.equals.label")));
    }
    if let Some(span) = find('\u{3000}') {
        return Some((span, m!("clerk.space"), m!("clerk.space.label")));
    }
    if let Some(i) = code.text.find('\u{ff1a}')
        && !code.text[..i].contains('=')
    {
        return Some((
            start + i..start + i + 3,
            m!("clerk.colon"),
            m!("clerk.equals.label"),
        ));
    }
    if let Some(span) = find('\u{ff0c}')
        && code.text.contains('[')
    {
        return Some((span, m!("clerk.comma"), m!("clerk.comma.label")));
    }
    if let Some(span) = find('【').or_else(|| find('】')) {
        return Some((span, m!("clerk.brackets"), m!("clerk.brackets.label")));
    }
    // 、 between the items of a list: `["北京"、"上海"]`.
    if let Some(i) = code.text.find("\"、") {
        let at = start + i + 1;
        return Some((
            at..at + '、'.len_utf8(),
            m!("clerk.dunhao"),
            m!("clerk.comma.label"),
        ));
    }
    // `// 注释` or `; 注释` for `# 注释`.
    if let Some(i) = code.text.find("//").or_else(|| {
        code.text
            .trim_start()
            .starts_with(';')
            .then(|| code.text.find(';'))
            .flatten()
    }) {
        let len = if code.text[i..].starts_with("//") {
            2
        } else {
            1
        };
        return Some((
            start + i..start + i + len,
            m!("clerk.comment"),
            m!("clerk.comment.label"),
        ));
    }
    if syntax && let Some(hit) = inner_quote(line, &code) {
        return Some((
            start + hit..start + hit + 1,
            m!("clerk.inner-quote"),
            m!("clerk.inner-quote.label"),
        ));
    }
    if code.open.is_some() {
        // A string not closed on its line: the parser's own finding says it.
        return None;
    }
    if syntax && let Some(at) = after_text(&code) {
        let rest = line[at..code.text.len()].trim_end();
        return Some((
            start + at..start + at + rest.len(),
            m!("clerk.after-text", v = rest),
            m!("clerk.after-text.label"),
        ));
    }
    value_mistake(line, start, &code)
}

/// A slip in the value after `=`: a date written another way, full-width digits, a
/// bare word, 对/错 for true/false, a number with its unit, round brackets for a list.
fn value_mistake(line: &str, start: usize, code: &Code) -> Option<(Span, String, String)> {
    let vstart = code.value_start()?;
    let key = code.text[..code.text.find('=')?].trim();
    let vend = code.text.trim_end().len();
    if vstart >= vend {
        return None;
    }
    let vspan = start + vstart..start + vend;
    let value = &line[vstart..vend];
    if value.starts_with('=') {
        // `pass == 60`: the parser's "extra =" says it.
        return None;
    }
    let unquoted = value.trim_matches('"');
    if unquoted.contains(|c: char| ('０'..='９').contains(&c)) {
        let half: String = unquoted.chars().map(crate::rules::half_width).collect();
        return Some((
            vspan,
            m!("clerk.fullwidth", v = value),
            m!("clerk.fullwidth.label", v = half),
        ));
    }
    if value.starts_with(['(', '（']) {
        return Some((vspan, m!("clerk.parens"), m!("clerk.parens.label")));
    }
    if date_like(unquoted) {
        return Some((
            vspan,
            m!("clerk.date", v = unquoted),
            m!("clerk.date.label"),
        ));
    }
    let bare = !value.starts_with(['"', '\'', '[', '{'])
        && !value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && !matches!(value, "true" | "false" | "inf" | "nan");
    if bare && matches!(value.to_ascii_lowercase().as_str(), "true" | "false") {
        return Some((
            vspan,
            m!("clerk.case", v = value),
            m!("clerk.case.label", v = value.to_ascii_lowercase()),
        ));
    }
    if bare && key == "answer" && crate::rules::truth(value).is_some() {
        return Some((
            vspan,
            m!("clerk.truefalse", v = value),
            m!("clerk.truefalse.label"),
        ));
    }
    // A number with its unit: `pass = 60分`, `year = 2021年`, `pages = 40页`.
    let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let radix = value.starts_with("0x") || value.starts_with("0o") || value.starts_with("0b");
    if digits > 0
        && digits < value.len()
        && !radix
        && !value[digits..].starts_with(['.', '-', ':', '_', 'e', 'E'])
    {
        return Some((
            vspan,
            m!("clerk.unit", v = value),
            m!("clerk.unit.label", n = &value[..digits]),
        ));
    }
    if bare {
        return Some((
            vspan,
            m!("clerk.bare", v = value),
            m!("clerk.bare.label", v = value),
        ));
    }
    None
}

/// `2021/4/8`, `2021年4月8日`, `2021.4.8`, `2021-4-8`: a date, not in TOML's form.
fn date_like(s: &str) -> bool {
    let digits: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    digits.len() == 3
        && digits[0].len() == 4
        && (s.contains('/')
            || s.contains('年')
            || s.contains('.')
            || digits[1].len() == 1
            || digits[2].len() == 1)
}

/// A line as TOML reads it: `text` is the line up to its comment, with the text of its
/// strings masked (each byte between the quotes an `x`, so places stay the same);
/// `open` is where a string starts that the line does not close.
struct Code {
    text: String,
    open: Option<usize>,
}

impl Code {
    /// Where the value after the line's first `=` starts (past the spaces after it).
    fn value_start(&self) -> Option<usize> {
        let eq = self.text.find('=')?;
        let after = &self.text[eq + 1..];
        Some(eq + 1 + (after.len() - after.trim_start().len()))
    }

    fn of(line: &str) -> Code {
        let b = line.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(b.len());
        let mut open = None;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'#' => break,
                q @ (b'"' | b'\'') => {
                    // `"""` / `'''` opens a text of several lines: the rest is its text.
                    let triple = b[i..].starts_with(&[q, q, q]);
                    let body = if triple { i + 3 } else { i + 1 };
                    out.extend(&b[i..body]);
                    let mut j = body;
                    let close = loop {
                        if j >= b.len() {
                            break None;
                        }
                        if q == b'"' && b[j] == b'\\' && j + 1 < b.len() {
                            j += 2;
                            continue;
                        }
                        if triple && b[j..].starts_with(&[q, q, q]) {
                            break Some(j + 3);
                        }
                        if !triple && b[j] == q {
                            break Some(j + 1);
                        }
                        j += 1;
                    };
                    let body_end = close.map_or(b.len(), |c| c - if triple { 3 } else { 1 });
                    out.extend(std::iter::repeat_n(b'x', body_end - body));
                    match close {
                        Some(c) => {
                            out.extend(&b[body_end..c]);
                            i = c;
                        }
                        None => {
                            if !triple {
                                open = Some(i);
                            }
                            i = b.len();
                        }
                    }
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Code {
            text: String::from_utf8(out).unwrap_or_default(),
            open,
        }
    }
}

/// Where a text of several lines opens (`"""` or `'''`) that does not close: the file
/// ends inside it, or it runs on to the opening quotes of the next such text
/// (`key = """`) and takes them for its end. The parser finds out only later, at the
/// file's end or on some line below, which is no place to show.
pub fn open_text(source: &str) -> Option<usize> {
    let mut open: Option<(usize, &str)> = None;
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        match open {
            Some((at, quotes)) => {
                if let Some(i) = line.find(quotes) {
                    let key = line[..i].trim().strip_suffix('=').map(str::trim);
                    if key.is_some_and(bare_key) {
                        return Some(at);
                    }
                    open = None;
                }
            }
            None => {
                let code = Code::of(line.trim_end_matches('\n'));
                for quotes in ["\"\"\"", "'''"] {
                    if let Some(i) = code.text.find(quotes)
                        && !code.text[i + 3..].contains(quotes)
                    {
                        open = Some((start + i, quotes));
                        break;
                    }
                }
            }
        }
        start += line.len();
    }
    open.map(|(at, _)| at)
}

/// A key as TOML takes it unquoted (`title`, `plan.reading`): ASCII letters, digits,
/// `-`, `_` and dots.
fn bare_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// A character nobody sees that TOML does not take: a control character (a lone
/// carriage return too) anywhere on the line, and outside strings a zero-width or
/// no-break space or a byte-order mark. Its byte range in the line.
fn invisible(line: &str, code: &Code) -> Option<(usize, usize)> {
    line.char_indices()
        .find(|&(i, c)| {
            (c.is_control() && c != '\t')
                || (matches!(
                    c,
                    '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{a0}'
                ) && code.text.as_bytes().get(i).is_some_and(|&b| b != b'x'))
        })
        .map(|(i, c)| (i, i + c.len_utf8()))
}

/// A text the line before left open, or a list the lines before left open, seen from
/// the next `key = value` line, where the parser stops.
fn left_open_above(source: &str, start: usize, code: &Code) -> Option<(Span, String, String)> {
    let starts_item = {
        let t = code.text.trim_start();
        t.starts_with('[') || t.split_once('=').is_some_and(|(k, _)| bare_key(k.trim()))
    };
    let mut end = start.checked_sub(1)?;
    let mut depth = 0i64;
    loop {
        let line_start = source[..end].rfind('\n').map_or(0, |i| i + 1);
        let above = &source[line_start..end];
        let above_code = Code::of(above);
        if let Some(open) = above_code.open {
            if end + 1 == start {
                let at = line_start + open;
                return Some((at..at + 1, m!("toml.unclosed"), m!("clerk.unclosed.label")));
            }
            return None;
        }
        let t = &above_code.text;
        depth += t.matches('[').count() as i64 - t.matches(']').count() as i64;
        if t.contains('=') || line_start == 0 {
            if depth > 0 && starts_item && t.contains('=') {
                let at = line_start + t.find('[')?;
                return Some((
                    at..at + 1,
                    m!("clerk.unclosed-list"),
                    m!("clerk.unclosed-list.label"),
                ));
            }
            return None;
        }
        end = line_start.checked_sub(1)?;
    }
}

/// `title = "红岩"。`: punctuation after a text's closing quote; where it starts.
fn after_text(code: &Code) -> Option<usize> {
    let v = code.value_start()?;
    let q = code.text[v..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let close = v + 1 + code.text[v + 1..].find(q)?;
    let tail = &code.text[close + 1..];
    let rest = tail.trim();
    let punctuation = |c: char| !c.is_alphanumeric() && !"\"'[]{},=#".contains(c);
    (!rest.is_empty() && rest.chars().all(punctuation))
        .then(|| close + 1 + (tail.len() - tail.trim_start().len()))
}

/// `title = "红岩"（小说）"`: a straight quote inside the text ended it early: the
/// place of the quote that ended it.
fn inner_quote(line: &str, code: &Code) -> Option<usize> {
    let v = code.value_start()?;
    if !code.text[v..].starts_with('"') || code.text[v..].starts_with("\"\"\"") {
        return None;
    }
    let close = v + 1 + code.text[v + 1..].find('"')?;
    // Right after it, more text and another quote (`"A" "C"` is two values instead).
    let next = code.text[close + 1..].chars().next()?;
    (!next.is_whitespace() && next != ',' && line[close + 1..].contains('"')).then_some(close)
}

/// `周五`, `星期五`, `礼拜五`, `周5` -> `friday`.
pub fn chinese_weekday(s: &str) -> Option<&'static str> {
    let day = s
        .trim()
        .strip_prefix("星期")
        .or_else(|| s.trim().strip_prefix("周"))
        .or_else(|| s.trim().strip_prefix("礼拜"))?;
    let day: String = day.chars().map(crate::rules::half_width).collect();
    let day = match day.as_str() {
        "天" | "7" => "日",
        d => d,
    };
    let i = ["一", "二", "三", "四", "五", "六", "日"]
        .iter()
        .position(|d| *d == day)
        .or_else(|| {
            ["1", "2", "3", "4", "5", "6"]
                .iter()
                .position(|d| *d == day)
        })?;
    Some(crate::model::Weekday::ALL[i].key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_in_chinese_and_texts_left_open() {
        assert_eq!(chinese_weekday("周五"), Some("friday"));
        assert_eq!(chinese_weekday("星期日"), Some("sunday"));
        assert_eq!(chinese_weekday("周5"), Some("friday"));
        assert_eq!(chinese_weekday("周７"), Some("sunday"));
        assert_eq!(chinese_weekday("周8"), None);
        let text = "a = \"\"\"x\"\"\"\nb = \"\"\"\n多行\n\"\"\"\nc = '''\n没有结尾\n";
        assert_eq!(open_text(text), text.find("'''"));
        assert_eq!(open_text("a = \"\"\"\n一\n\"\"\"\n"), None);
        let swallowed = "a = \"\"\"\n一\nb = \"\"\"\n二\n\"\"\"\n";
        assert_eq!(open_text(swallowed), Some(4));
    }

    #[test]
    fn hints_for_a_quoted_number_and_single_brackets() {
        let _zh = crate::i18n::chinese();
        let quoted = Misfit::WrongKind {
            expected: Kind::Integer,
            found: Found::Text("5".into()),
        };
        assert_eq!(
            shape_hint(&quoted, "\"5\"").as_deref(),
            Some("把引号去掉，写成 5（数字不加引号）")
        );
        let words = Misfit::WrongKind {
            expected: Kind::Integer,
            found: Found::Text("四十".into()),
        };
        assert_eq!(shape_hint(&words, "\"四十\""), None);
        let table = Misfit::WrongKind {
            expected: Kind::List,
            found: Found::Table,
        };
        assert_eq!(
            shape_hint(&table, "[plan]").as_deref(),
            Some("这里可以写好几段，要用两层方括号：写成 [[plan]]")
        );
        assert_eq!(shape_hint(&table, "plan = {}"), None);
    }
}
