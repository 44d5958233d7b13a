//! The rules of a question, in one place: its types by name, how many options and
//! what makes them wrong, their letters and an answer written in them, the words of a
//! true/false answer, what a blank is, how a letter written before an option is
//! recognised. `load` and `validate` (the TOML banks), `import` (spreadsheets) and
//! `emit` (pages and papers) all use these, so a bank is valid or not in one place.

/// The letters of the options, in order: as many as a question may have.
pub const LETTERS: &str = "ABCDEFGH";

/// Fewest and most options a `single` or `multiple` question may have.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=LETTERS.len();

/// Letter shown for option `i` (0 = A).
pub fn letter(i: usize) -> char {
    LETTERS.as_bytes().get(i).map_or('?', |&b| b as char)
}

/// The option a letter names (0 = A): `A` to `H`, lower case and full-width
/// (`Ａ`, `ｂ`) too.
pub fn letter_index(c: char) -> Option<usize> {
    let c = half_width(c).to_ascii_uppercase();
    c.is_ascii_uppercase().then(|| LETTERS.find(c)).flatten()
}

/// A full-width ASCII form (`Ａ`, `１`, `：`) as its ASCII self; anything else as is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Why letters are not a choice question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LettersError {
    /// Not the letter of an option.
    NotALetter(char),
    /// The same letter twice (upper case).
    Twice(char),
    /// None, or more than one for a single-choice question.
    Count,
}

/// Reads a choice question's answer (`B`, `acd`) into the indexes of its options: every
/// character a letter of an option, none twice, exactly one when `single`, at least
/// one otherwise. Whether the options go that far is for the caller, who knows them.
pub fn answer_letters(s: &str, single: bool) -> Result<Vec<usize>, LettersError> {
    let mut out = Vec::new();
    for c in s.chars() {
        let i = letter_index(c).ok_or(LettersError::NotALetter(c))?;
        if out.contains(&i) {
            return Err(LettersError::Twice(letter(i)));
        }
        out.push(i);
    }
    if out.is_empty() || (single && out.len() > 1) {
        return Err(LettersError::Count);
    }
    Ok(out)
}

/// What is wrong with a choice question's options (their texts, trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionProblem {
    /// Fewer or more than [`OPTIONS`]: how many there are.
    Count(usize),
    /// Option `i` has no text.
    Empty(usize),
    /// Option `again` says what option `first` says.
    Same { first: usize, again: usize },
}

/// Every problem of a choice question's options, the count first, then each option in
/// order. A handful of options: comparing with the earlier ones beats hashing.
pub fn option_problems(options: &[&str]) -> Vec<OptionProblem> {
    let mut out = Vec::new();
    if !OPTIONS.contains(&options.len()) {
        out.push(OptionProblem::Count(options.len()));
    }
    for (i, text) in options.iter().map(|o| o.trim()).enumerate() {
        if text.is_empty() {
            out.push(OptionProblem::Empty(i));
        } else if let Some(first) = options[..i].iter().position(|o| o.trim() == text) {
            out.push(OptionProblem::Same { first, again: i });
        }
    }
    out
}

/// A true/false answer as banks write it: 对/错, √/×, 正确/错误, 是/否, T/F, Y/N,
/// true/false (any case, full-width too, a full stop after it is fine).
pub fn truth(s: &str) -> Option<bool> {
    match fold(s).trim_end_matches(['。', '.']) {
        "对" | "√" | "✓" | "✔" | "正确" | "是" | "T" | "TRUE" | "Y" | "YES" => Some(true),
        "错" | "×" | "✗" | "✘" | "X" | "错误" | "否" | "F" | "FALSE" | "N" | "NO" => {
            Some(false)
        }
        _ => None,
    }
}

/// The question type a name gives, as banks and sheets write it (单选题, 一、判断题,
/// 不定项选择, `FILL`): `single`, `multiple`, `truefalse`, `fill`, or `choice`
/// (选择题: single or multiple by its answer).
pub fn kind_of(s: &str) -> Option<&'static str> {
    let f = fold(s);
    // 一、单选题 / 1.单选题 / 第一部分 单选题
    let f = f
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十第部分、.,".contains(c)
        })
        .trim_end_matches(['题', '类']);
    Some(match f {
        "单选" | "单项选择" | "单选择" | "单项" | "SINGLE" => "single",
        "多选" | "多项选择" | "多选择" | "多项" | "MULTIPLE" => "multiple",
        "不定项" | "不定项选择" | "不定选" | "不定项选" => "multiple",
        "判断" | "是非" | "对错" | "TRUEFALSE" => "truefalse",
        "填空" | "FILL" => "fill",
        "选择" => "choice",
        _ => return None,
    })
}

/// Folds a name for loose matching (a header, a type, a true/false word): notes in
/// brackets (`题型（必填）`), `*`, `:` and spaces dropped, full-width made half-width,
/// upper case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        let c = match half_width(c) {
            '\u{3000}' => ' ',
            '【' => '[',
            '】' => ']',
            c => c,
        };
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() || matches!(c, '*' | ':') => {}
            _ => out.extend(c.to_uppercase()),
        }
    }
    out
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
    let is_letter = |c: char| match (letter_index(c), want) {
        (Some(i), Some(w)) => letter(i) == w,
        (i, _) => i.is_some(),
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
    fn answers_are_letters_of_options() {
        use LettersError::*;
        assert_eq!(answer_letters("B", true), Ok(vec![1]));
        assert_eq!(answer_letters("acd", false), Ok(vec![0, 2, 3]));
        assert_eq!(answer_letters("ＡＣ", false), Ok(vec![0, 2]));
        assert_eq!(answer_letters("AB", true), Err(Count));
        assert_eq!(answer_letters("", false), Err(Count));
        assert_eq!(answer_letters("AbA", false), Err(Twice('A')));
        assert_eq!(answer_letters("AI", false), Err(NotALetter('I')));
        assert_eq!(answer_letters("A,B", false), Err(NotALetter(',')));
        assert_eq!(letter_index('h'), Some(7));
        assert_eq!(letter_index('１'), None);
        assert_eq!(letter_index('中'), None);
    }

    #[test]
    fn option_problems_are_all_found() {
        use OptionProblem::*;
        assert!(option_problems(&["甲", "乙"]).is_empty());
        assert_eq!(option_problems(&["甲"]), vec![Count(1)]);
        assert_eq!(
            option_problems(&["甲", " ", "乙", "甲 "]),
            vec![Empty(1), Same { first: 0, again: 3 }]
        );
        assert_eq!(option_problems(&["x"; 9])[0], Count(9));
    }

    #[test]
    fn truth_words_and_types() {
        for w in ["对", "√", "正确。", "ｔｒｕｅ", "Yes", "是"] {
            assert_eq!(truth(w), Some(true), "{w}");
        }
        for w in ["错", "×", "错误", "False", "否", "N"] {
            assert_eq!(truth(w), Some(false), "{w}");
        }
        assert_eq!(truth("对错"), None);
        assert_eq!(kind_of("一、单选题"), Some("single"));
        assert_eq!(kind_of("判断题（必填）"), Some("truefalse"));
        assert_eq!(kind_of("Sheet1"), None);
    }

    #[test]
    fn letters_are_one_list() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(7), 'H');
        assert_eq!(*OPTIONS.end(), 8);
    }
}
