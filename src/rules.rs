//! The rules of a question, in one place: how many options, their letters, what a
//! blank is, how a letter written before an option is recognised. `load` and `validate` (the TOML banks), `import` (spreadsheets) and
//! `emit` (pages and papers) all use these, so a bank is valid or not in one place.

/// The letters of the options, in order: as many as a question may have.
pub const LETTERS: &str = "ABCDEFGH";

/// Fewest and most options a `single` or `multiple` question may have.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=LETTERS.len();

/// Letter shown for option `i` (0 = A).
pub fn letter(i: usize) -> char {
    LETTERS.as_bytes().get(i).map_or('?', |&b| b as char)
}

/// Counts the blanks in a fill prompt: runs of two or more `_` or full-width `＿`.
pub fn blank_runs(prompt: &str) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut count = 0;
    for (i, c) in prompt.char_indices() {
        if c == '_' || c == '＿' {
            if start.is_none() {
                start = Some(i);
                count = 0;
            }
            count += 1;
        } else if let Some(s) = start.take() {
            if count >= 2 {
                runs.push(s..i);
            }
        }
    }
    if let Some(s) = start
        && count >= 2
    {
        runs.push(s..prompt.len());
    }
    runs
}

/// Turns empty brackets (`（）`, `（ ）`, `( )`, full-width spaces too), the way many
/// banks mark a blank or an answer's place, into `____`.
pub fn blanks_from_brackets(prompt: &str) -> String {
    let mut out = String::with_capacity(prompt.len());
    let mut rest = prompt;
    while let Some(start) = rest.find(['（', '(']) {
        let open_len = rest[start..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[start + open_len..];
        let inner_len = after.len() - after.trim_start_matches([' ', '　']).len();
        let close = after[inner_len..].chars().next();
        out.push_str(&rest[..start]);
        if matches!(close, Some('）' | ')')) {
            out.push_str("____");
            rest = &after[inner_len + close.map_or(0, char::len_utf8)..];
        } else {
            out.push_str(&rest[start..start + open_len]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// An option's text without the letter written before it: `A. 北京`, `A、北京`,
/// `A．北京`, `（A）北京`, `(A)北京`, `A 北京`, `A：北京` -> `北京`. Only the letter
/// `want` is taken off (any of A to H when `None`); `A股` keeps its letter.
pub fn strip_letter(text: &str, want: Option<char>) -> &str {
    let text = text.trim();
    let is_letter = |c: char| {
        let c = match c {
            'Ａ'..='Ｈ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        }
        .to_ascii_uppercase();
        match want {
            Some(w) => c == w,
            None => ('A'..='H').contains(&c),
        }
    };
    let mut chars = text.char_indices();
    let rest = match (chars.next(), chars.next(), chars.next()) {
        (Some((_, '(' | '（')), Some((_, l)), Some((i, close @ (')' | '）')))) if is_letter(l) => {
            &text[i + close.len_utf8()..]
        }
        (Some((_, l)), Some((i, sep)), _)
            if is_letter(l) && ".、．:：)）,， \u{3000}".contains(sep) =>
        {
            &text[i + sep.len_utf8()..]
        }
        _ => return text,
    };
    match rest.trim() {
        "" => text,
        r => r,
    }
}

/// The accepted answers of one fill-in blank as written (`7|七`): its alternatives,
/// trimmed. The loader and the importer both read a blank with this.
pub fn alternatives(s: &str) -> Vec<String> {
    s.split('|').map(|a| a.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_brackets_are_blanks() {
        assert_eq!(
            blanks_from_brackets("成立于（　　）年，在( )召开（上海）"),
            "成立于____年，在____召开（上海）"
        );
    }

    #[test]
    fn blanks() {
        assert_eq!(blank_runs("中国共产党成立于____年").len(), 1);
        assert_eq!(blank_runs("__年在＿＿召开，a_b").len(), 2);
        assert_eq!(blank_runs("结尾__"), vec![6..8]);
        assert!(blank_runs("snake_case").is_empty());
    }

    #[test]
    fn letters_are_one_list() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(7), 'H');
        assert_eq!(*OPTIONS.end(), 8);
    }
}
