//! The rules of a question, in one place: its types ([`QuestionType`], by name and by
//! the names banks and sheets give them), how many options and what makes them wrong
//! (written with their letters too), their letters and an answer written in them (and
//! past them), the form of each type's answer in a bank ([`question_kind`]), the words
//! of a true/false answer, what a blank is, one answer per blank and what makes a
//! blank's alternatives wrong, how a letter written before an option is recognised. `load` and `validate` (the TOML banks), `import` (spreadsheets) and
//! `emit` (pages and papers) all use these, so a bank is valid or not in one place.

use crate::model::{Kind, Spanned};

/// The type of a question, as a bank's `type` names it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
// The schema editors show has the field's words (`type` in a bank), not these.
#[schemars(description = "")]
pub enum QuestionType {
    Single,
    Multiple,
    Truefalse,
    Fill,
}

impl QuestionType {
    /// Every type, in the order papers print their sections and reports count them.
    pub const ALL: [QuestionType; 4] = [
        QuestionType::Single,
        QuestionType::Multiple,
        QuestionType::Truefalse,
        QuestionType::Fill,
    ];

    /// The name a bank writes: `single`, `multiple`, `truefalse`, `fill`.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multiple => "multiple",
            QuestionType::Truefalse => "truefalse",
            QuestionType::Fill => "fill",
        }
    }

    /// Its name in a sheet's 题型 column, as `export` writes it: 单选, 多选, 判断, 填空.
    pub fn sheet_name(self) -> &'static str {
        match self {
            QuestionType::Single => "单选",
            QuestionType::Multiple => "多选",
            QuestionType::Truefalse => "判断",
            QuestionType::Fill => "填空",
        }
    }

    /// The type a bank's name is (`single` ...), exactly; see [`type_named`] for the
    /// looser names sheets and the command line use.
    pub fn from_name(s: &str) -> Option<QuestionType> {
        QuestionType::ALL.into_iter().find(|t| t.name() == s)
    }

    /// Its place in [`QuestionType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether its questions have options (`single`, `multiple`).
    pub fn has_options(self) -> bool {
        matches!(self, QuestionType::Single | QuestionType::Multiple)
    }

    /// Its name for an author: 单选题, 多选题, 判断题, 填空题 (`kind.<name>` in the
    /// catalogues).
    pub fn label(self) -> String {
        crate::i18n::tr(&format!("kind.{}", self.name()), &[])
    }

    /// Its name as a line of `xuexi stats` counts it (单选题; single choice:
    /// `qtype.<name>`).
    pub fn counted(self) -> String {
        crate::i18n::tr(&format!("qtype.{}", self.name()), &[])
    }
}

/// What a type's name, as banks and sheets write it, gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeName {
    /// One of the four types.
    Is(QuestionType),
    /// 选择题: single or multiple by its answer.
    Choice,
}

impl TypeName {
    /// `single` ... or `choice`.
    pub fn name(self) -> &'static str {
        match self {
            TypeName::Is(t) => t.name(),
            TypeName::Choice => "choice",
        }
    }

    /// Its name for an author: 单选题 ... or 选择题.
    pub fn label(self) -> String {
        match self {
            TypeName::Is(t) => t.label(),
            TypeName::Choice => m!("kind.choice"),
        }
    }

    /// The type, when the name is one of the four.
    pub fn question_type(self) -> Option<QuestionType> {
        match self {
            TypeName::Is(t) => Some(t),
            TypeName::Choice => None,
        }
    }
}

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

/// Whether every option starts with its own letter (`A. 北京`, `B、上海`): written with
/// their letters, they would show as "A. B、上海" once shuffled.
pub fn lettered(options: &[&str]) -> bool {
    options.len() >= 2
        && options
            .iter()
            .enumerate()
            .all(|(i, o)| strip_letter(o, Some(letter(i))) != o.trim())
}

/// The options an answer names past the last of `options` options, in its order (none
/// without options: that is a problem of their count).
pub fn past_options(answer: &[usize], options: usize) -> Vec<usize> {
    let past = |&&i: &&usize| options > 0 && i >= options;
    answer.iter().filter(past).copied().collect()
}

/// What is wrong with a fill question's blanks and the answers given for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlanksProblem {
    /// The prompt has no blank.
    NoBlank,
    /// Not one answer per blank.
    Count { blanks: usize, answers: usize },
}

/// Whether a fill prompt has blanks (see [`blank_runs`]) and `answers` answers, one
/// each.
pub fn blanks_problem(prompt: &str, answers: usize) -> Option<BlanksProblem> {
    match blank_runs(prompt).len() {
        0 => Some(BlanksProblem::NoBlank),
        blanks if blanks != answers => Some(BlanksProblem::Count { blanks, answers }),
        _ => None,
    }
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
/// 不定项选择, `FILL`): one of the four, or 选择题 (single or multiple by its answer).
pub fn type_named(s: &str) -> Option<TypeName> {
    use QuestionType::*;
    let f = fold(s);
    // 一、单选题 / 1.单选题 / 第一部分 单选题
    let f = f
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十第部分、.,".contains(c)
        })
        .trim_end_matches(['题', '类']);
    // Its own names first: 单选, `single` (folded: `SINGLE`).
    let own = |t: &QuestionType| t.sheet_name() == f || t.name().eq_ignore_ascii_case(f);
    if let Some(t) = QuestionType::ALL.into_iter().find(own) {
        return Some(TypeName::Is(t));
    }
    Some(TypeName::Is(match f {
        "单项选择" | "单选择" | "单项" => Single,
        "多项选择" | "多选择" | "多项" => Multiple,
        "不定项" | "不定项选择" | "不定选" | "不定项选" => Multiple,
        "是非" | "对错" => Truefalse,
        "选择" => return Some(TypeName::Choice),
        _ => return None,
    }))
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
        } else if let Some(s) = start.take()
            && count >= 2
        {
            runs.push(s..i);
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
/// trimmed; `None` when one of them is empty (`1921|`). The loader and the importer
/// both read a blank with this.
pub fn alternatives(s: &str) -> Option<Vec<String>> {
    let alts: Vec<String> = s.split('|').map(|a| a.trim().to_string()).collect();
    (!alts.iter().any(String::is_empty)).then_some(alts)
}

/// What is wrong with one blank's accepted answers, as the reader's answer is compared
/// with them (see [`crate::answer::norm`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AltProblem {
    /// Alternative `i` is only spaces and punctuation: it would accept an empty answer.
    Nothing(usize),
    /// Alternative `again` compares the same as alternative `first`: they are one.
    Same { first: usize, again: usize },
}

/// Every problem of one blank's alternatives, in order.
pub fn alternative_problems(alts: &[String]) -> Vec<AltProblem> {
    let normed: Vec<String> = alts.iter().map(|a| crate::answer::norm(a)).collect();
    let mut out = Vec::new();
    for (i, form) in normed.iter().enumerate() {
        if form.is_empty() {
            out.push(AltProblem::Nothing(i));
        } else if let Some(first) = normed[..i].iter().position(|f| f == form) {
            out.push(AltProblem::Same { first, again: i });
        }
    }
    out
}

/// Why a question's options and answer, as a bank writes them, do not make a question
/// of its type. Each belongs to one place: the type ([`FormProblem::NeedsOptions`]),
/// the options ([`FormProblem::NoOptions`]) or the answer (the others).
#[derive(Debug, Clone, PartialEq)]
pub enum FormProblem {
    /// A choice question without options.
    NeedsOptions,
    /// Options on a true/false or fill question.
    NoOptions,
    /// A choice question's answer is not a text.
    LettersNotText,
    /// A choice question's answer is empty.
    LettersEmpty,
    /// A choice question's answer (trimmed) is not letters of options.
    Letters(String, LettersError),
    /// A true/false answer that is not `true` or `false`.
    NotBoolean,
    /// A fill answer that is neither a text nor a list.
    FillNotList,
    /// A fill answer that is an empty list.
    FillEmpty,
    /// The answer of blank `n` (1-based) is this value, not a text.
    FillItem(usize, toml::Value),
    /// The answer of blank `n` (1-based), this text, has an empty alternative.
    FillAltEmpty(usize, String),
}

/// A question's options and answer as a bank writes them, read as its type wants them:
/// options for `single` and `multiple` and none for the others; `"B"` for a single
/// answer, `"ACD"` for a multiple one (lower case and full-width too, see
/// [`answer_letters`]); `true`/`false`; for a fill question one text per blank (a text
/// alone for one blank), alternatives split by `|`. Whether the letters name options
/// there are is for `validate`, with the other checks across values.
pub fn question_kind(
    ty: QuestionType,
    options: Option<Spanned<Vec<Spanned<String>>>>,
    answer: &Spanned<toml::Value>,
) -> Result<Kind, FormProblem> {
    let span = answer.span();
    let value = answer.get_ref();
    match (ty.has_options(), options) {
        (true, None) => return Err(FormProblem::NeedsOptions),
        (false, Some(_)) => return Err(FormProblem::NoOptions),
        (true, Some(options)) => {
            let single = ty == QuestionType::Single;
            let toml::Value::String(s) = value else {
                return Err(FormProblem::LettersNotText);
            };
            let s = s.trim();
            if s.is_empty() {
                return Err(FormProblem::LettersEmpty);
            }
            let letters =
                answer_letters(s, single).map_err(|e| FormProblem::Letters(s.to_string(), e))?;
            return Ok(if single {
                Kind::Single {
                    options,
                    answer: Spanned::new(span, letters[0]),
                }
            } else {
                Kind::Multiple {
                    options,
                    answer: Spanned::new(span, letters),
                }
            });
        }
        (false, None) => {}
    }
    if ty == QuestionType::Truefalse {
        return match value {
            toml::Value::Boolean(b) => Ok(Kind::Truefalse { answer: *b }),
            _ => Err(FormProblem::NotBoolean),
        };
    }
    let items: Vec<&toml::Value> = match value {
        toml::Value::Array(a) => a.iter().collect(),
        toml::Value::String(_) => vec![value],
        _ => return Err(FormProblem::FillNotList),
    };
    if items.is_empty() {
        return Err(FormProblem::FillEmpty);
    }
    let mut blanks = Vec::with_capacity(items.len());
    for (n, item) in items.into_iter().enumerate() {
        let toml::Value::String(s) = item else {
            return Err(FormProblem::FillItem(n + 1, item.clone()));
        };
        blanks.push(alternatives(s).ok_or_else(|| FormProblem::FillAltEmpty(n + 1, s.clone()))?);
    }
    Ok(Kind::Fill {
        answer: Spanned::new(span, blanks),
    })
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
    fn answers_name_options_and_blanks() {
        assert_eq!(past_options(&[3, 0, 5], 4), [5]);
        assert!(past_options(&[3], 0).is_empty());
        assert!(lettered(&["A. 北京", "B、上海"]));
        assert!(!lettered(&["A. 北京", "上海"]));
        assert!(!lettered(&["A股"]));
        assert_eq!(blanks_problem("无空", 1), Some(BlanksProblem::NoBlank));
        assert_eq!(
            blanks_problem("__和__", 1),
            Some(BlanksProblem::Count {
                blanks: 2,
                answers: 1
            })
        );
        assert_eq!(blanks_problem("__", 1), None);
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
        let named = |s| type_named(s).map(TypeName::name);
        assert_eq!(named("一、单选题"), Some("single"));
        assert_eq!(named("判断题（必填）"), Some("truefalse"));
        assert_eq!(named("选择题"), Some("choice"));
        assert_eq!(named("Sheet1"), None);
        for t in QuestionType::ALL {
            assert_eq!(QuestionType::from_name(t.name()), Some(t));
            assert_eq!(type_named(t.sheet_name()), Some(TypeName::Is(t)));
            assert_eq!(type_named(t.name()), Some(TypeName::Is(t)));
            assert_eq!(QuestionType::ALL[t.index()], t);
        }
    }

    /// Every type has its words in every catalogue.
    #[test]
    fn every_type_has_its_words() {
        let words = || -> Vec<String> {
            let types = QuestionType::ALL.into_iter();
            types.flat_map(|t| [t.label(), t.counted()]).collect()
        };
        for w in words() {
            assert!(!w.starts_with("kind.") && !w.starts_with("qtype."), "{w}");
        }
        let _zh = crate::i18n::chinese();
        assert_eq!(words()[..2], ["单选题", "单选题"]);
        assert!(words().iter().all(|w| w.ends_with('题')), "{:?}", words());
    }

    #[test]
    fn answers_take_the_form_of_their_type() {
        use FormProblem::*;
        use QuestionType::*;
        let value = |text: &str| -> Spanned<toml::Value> {
            let t: toml::Table = toml::from_str(&format!("a = {text}")).unwrap();
            Spanned::new(0..1, t["a"].clone())
        };
        let options = || {
            Some(Spanned::new(
                0..1,
                vec![Spanned::new(0..1, "甲".to_string())],
            ))
        };
        let kind = |ty, options, text: &str| question_kind(ty, options, &value(text));
        assert!(matches!(
            kind(Single, options(), "\" b \""),
            Ok(Kind::Single { answer, .. }) if *answer.get_ref() == 1
        ));
        assert_eq!(kind(Single, None, "\"B\"").unwrap_err(), NeedsOptions);
        assert_eq!(kind(Fill, options(), "\"x\"").unwrap_err(), NoOptions);
        assert_eq!(kind(Multiple, options(), "2").unwrap_err(), LettersNotText);
        assert_eq!(
            kind(Multiple, options(), "\" \"").unwrap_err(),
            LettersEmpty
        );
        assert_eq!(
            kind(Single, options(), "\"AB\"").unwrap_err(),
            Letters("AB".into(), LettersError::Count)
        );
        assert_eq!(kind(Truefalse, None, "\"对\"").unwrap_err(), NotBoolean);
        assert!(matches!(
            kind(Fill, None, "['1921', ' 7 | 七 ']"),
            Ok(Kind::Fill { answer }) if answer.get_ref() == &[vec!["1921".to_string()], vec!["7".into(), "七".into()]]
        ));
        assert_eq!(kind(Fill, None, "[]").unwrap_err(), FillEmpty);
        assert_eq!(kind(Fill, None, "1").unwrap_err(), FillNotList);
        assert_eq!(
            kind(Fill, None, "['a', 2]").unwrap_err(),
            FillItem(2, toml::Value::Integer(2))
        );
        assert_eq!(
            kind(Fill, None, "'a||b'").unwrap_err(),
            FillAltEmpty(1, "a||b".into())
        );
    }

    #[test]
    fn alternatives_that_compare_as_nothing_or_as_one() {
        let alts = |s: &str| alternatives(s).unwrap();
        assert_eq!(alternatives("1921|"), None);
        assert_eq!(
            alternative_problems(&alts("七|……|7|柒|七 ")),
            vec![
                AltProblem::Nothing(1),
                AltProblem::Same { first: 0, again: 4 }
            ]
        );
    }

    #[test]
    fn letters_are_one_list() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(7), 'H');
        assert_eq!(*OPTIONS.end(), 8);
    }
}
