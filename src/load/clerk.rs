//! The mistakes a clerk makes when typing TOML with a Chinese input method.
//!
//! In: a file's text and the place where the TOML parser stopped. Out: when the line
//! there holds one of the usual slips (full-width quotes, equals signs, commas or
//! brackets, 、 between items, a date written 2021/4/8, 对/错 for true/false, a number
//! with its unit, a bare word), where it is, what it is and what to type instead.

use super::shape::{Found, Kind, Misfit};
use crate::model::Span;

/// A note for a value that does not fit, when the text at its place shows the slip:
/// a number in quotes (`draw = "5"`), or one pair of brackets where the model lists
/// tables (`[plan]` for `[[plan]]`).
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
        _ => None,
    }
}

/// The mistakes a clerk makes when typing TOML in a Chinese input method, found on the
/// line where the parser stopped: where it is, what it is, and what to type instead.
pub fn mistake(source: &str, at: usize) -> Option<(Span, String, String)> {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let line = &source[start..end];
    let find = |c: char| line.find(c).map(|i| start + i..start + i + c.len_utf8());
    if let Some(span) = find('\u{201c}').or_else(|| find('\u{201d}')) {
        return Some((span, m!("clerk.quotes"), m!("clerk.quotes.label")));
    }
    if let Some(span) = find('\u{ff1d}') {
        return Some((span, m!("clerk.equals"), m!("clerk.equals.label")));
    }
    if line.starts_with('\u{3000}') {
        return Some((start..start + 3, m!("clerk.space"), m!("clerk.space.label")));
    }
    if let Some(i) = line.find('\u{ff1a}')
        && !line[..i].contains('=')
        && !line[..i].contains('"')
    {
        return Some((
            start + i..start + i + 3,
            m!("clerk.colon"),
            m!("clerk.equals.label"),
        ));
    }
    if let Some(span) = find('\u{ff0c}')
        && line.contains('[')
    {
        return Some((span, m!("clerk.comma"), m!("clerk.comma.label")));
    }
    if let Some(span) = find('【').or_else(|| find('】')) {
        return Some((span, m!("clerk.brackets"), m!("clerk.brackets.label")));
    }
    // 、 between the items of a list: `["北京"、"上海"]`.
    if let Some(i) = line.find("\"、") {
        let at = start + i + 1;
        return Some((
            at..at + '、'.len_utf8(),
            m!("clerk.dunhao"),
            m!("clerk.comma.label"),
        ));
    }
    // A value after `=`: a bare word, or a date written another way.
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    let vstart = start
        + line.find('=')?
        + 1
        + (line.split_once('=')?.1.len() - line.split_once('=')?.1.trim_start().len());
    let vspan = vstart..vstart + value.len();
    let unquoted = value.trim_matches('"');
    let date_like = {
        let digits: Vec<&str> = unquoted
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        digits.len() == 3
            && digits[0].len() == 4
            && (unquoted.contains('/')
                || unquoted.contains('年')
                || unquoted.contains('.')
                || digits[1].len() == 1
                || digits[2].len() == 1)
    };
    if date_like {
        return Some((
            vspan,
            m!("clerk.date", v = unquoted),
            m!("clerk.date.label"),
        ));
    }
    let bare = !value.is_empty()
        && !value.starts_with(['"', '\'', '[', '{'])
        && !value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && !matches!(value, "true" | "false");
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
    if digits > 0
        && digits < value.len()
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

/// `周五`, `星期五`, `礼拜五` -> `friday`.
pub fn chinese_weekday(s: &str) -> Option<&'static str> {
    let day = s
        .trim()
        .strip_prefix("星期")
        .or_else(|| s.trim().strip_prefix("周"))
        .or_else(|| s.trim().strip_prefix("礼拜"))?;
    let day = match day {
        "天" => "日",
        d => d,
    };
    let i = ["一", "二", "三", "四", "五", "六", "日"]
        .iter()
        .position(|d| *d == day)?;
    Some(crate::model::Weekday::ALL[i].key())
}

#[cfg(test)]
mod tests {
    use super::*;

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
