//! Fill-in answers: the one rule for whether what a reader wrote is an accepted answer.
//!
//! In: what the reader typed, the accepted alternatives of one blank (the bank's
//! `"13|十三"` split at `|`), and the prompt's text right after that blank. Out: match
//! or not. The quiz script (`src/emit/assets/xuexi.js`, `matches`) implements the same
//! rule; both test suites read the cases in `tests/answers.json`.
//!
//! The rule: after [`norm`] (NFKC, so full-width and half-width are alike; lower case;
//! no spaces, punctuation or symbols) the two are equal; or the accepted answer is a
//! number (digits only) and what the reader wrote is that number, in digits or in
//! Chinese numerals (一九二一, 一九〇四, 十三, 一百零五, 两千), optionally followed by
//! the unit the prompt puts right after the blank (`____年` accepts `1921年`,
//! `____周年` accepts `100周年` and `100周`): the start of the Chinese characters
//! there, up to [`UNIT_CHARS`] of them. A unit may be written as its everyday twin
//! ([`alike`]: `____人` accepts `13名` and `13位`, `____日` accepts `1号`).

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// The largest number read from Chinese numerals (beyond it, no match): the same limit
/// as the script's, whose numbers are exact only below 2^53.
const LIMIT: u64 = 1_000_000_000_000_000;

/// How many Chinese characters after a blank may be written with the number.
pub const UNIT_CHARS: usize = 4;

/// The forgiving form of an answer: NFKC, lower case, without whitespace, punctuation
/// and symbols; the circle `○` people type for zero becomes `〇`.
pub fn norm(s: &str) -> String {
    // Most text is ASCII, Chinese characters and the punctuation Chinese uses: each of
    // those comes out of the steps below as itself, lower-cased, or not at all (and none
    // of them combines with its neighbour), so they are taken one by one without the
    // normalizer, which is a tenth of a national build's search index.
    if s.chars()
        .all(|c| c.is_ascii() || is_han(c) || DROPPED.contains(&c))
    {
        return s
            .chars()
            .filter(|c| !(c.is_whitespace() || c.is_ascii_punctuation() || DROPPED.contains(c)))
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    s.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '○' { '〇' } else { c })
        // U+FEFF too: JavaScript's `\s` counts it as a space (a byte-order mark pasted in).
        .filter(|&c| !(c.is_whitespace() || c == '\u{feff}' || is_punct_or_symbol(c)))
        .collect()
}

/// Punctuation common in Chinese text that [`norm`] drops, NFKC or not (checked in the
/// tests against the general rule).
const DROPPED: [char; 34] = [
    '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '（', '）', '《', '》', '〈',
    '〉', '「', '」', '『', '』', '【', '】', '—', '…', '·', '～', '－', '〔', '〕', '．', '／',
    '％', '　',
];

fn is_punct_or_symbol(c: char) -> bool {
    use GeneralCategory::*;
    matches!(
        get_general_category(c),
        ConnectorPunctuation
            | DashPunctuation
            | OpenPunctuation
            | ClosePunctuation
            | InitialPunctuation
            | FinalPunctuation
            | OtherPunctuation
            | MathSymbol
            | CurrencySymbol
            | ModifierSymbol
            | OtherSymbol
    )
}

/// A Chinese character (CJK unified ideographs, extension A, compatibility ideographs).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The unit a prompt puts right after a blank: the Chinese characters that start
/// `after` (spaces skipped), at most [`UNIT_CHARS`] (`年`, `人`, `周年`, ...).
pub fn unit_after(after: &str) -> String {
    after
        .trim_start()
        .chars()
        .take_while(|&c| is_han(c))
        .take(UNIT_CHARS)
        .collect()
}

/// The unit a reader may write for another: 名 and 位 count people as 人 does, 号 is
/// the day of the month as 日 is. Both sides of a comparison go through it.
pub fn alike(c: char) -> char {
    match c {
        '名' | '位' => '人',
        '号' => '日',
        _ => c,
    }
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A normalized answer as a number in digits without leading zeros, when it is one:
/// ASCII digits, Chinese digits read one by one (一九〇四 -> 1904), or Chinese numerals
/// with 十, 百, 千, 万, 亿 (十三 -> 13, 一百零五 -> 105).
pub fn number(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let t = s.trim_start_matches('0');
        return Some(if t.is_empty() { "0".into() } else { t.into() });
    }
    if s.chars().all(|c| digit(c).is_some() && c != '两') {
        let digits: String = s
            .chars()
            .filter_map(digit)
            .map(|d| char::from(b'0' + d as u8))
            .collect();
        return number(&digits);
    }
    positional(s).map(|n| n.to_string())
}

/// Chinese numerals with place words: 十三, 二十, 一百零五, 三千五百万.
fn positional(s: &str) -> Option<u64> {
    let (mut total, mut section, mut num) = (0u64, 0u64, None::<u64>);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            num = Some(d);
            continue;
        }
        let place = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if place < 10_000 {
            // 十 alone means 一十.
            section = section.checked_add(num.unwrap_or(1).checked_mul(place)?)?;
        } else {
            let part = section.checked_add(num.unwrap_or(0))?;
            total = total.checked_add(part.max(1).checked_mul(place)?)?;
            section = 0;
        }
        num = None;
    }
    let n = total.checked_add(section)?.checked_add(num.unwrap_or(0))?;
    (n < LIMIT).then_some(n)
}

/// Whether `input` is an accepted answer of a blank: one of `accepted` (its
/// alternatives) by [`norm`], or, when an alternative is a number, that number as the
/// reader might write it, with or without the unit after the blank (see the module).
pub fn matches<S: AsRef<str>>(input: &str, accepted: &[S], after: &str) -> bool {
    let typed = norm(input);
    if typed.is_empty() {
        return false;
    }
    if accepted.iter().any(|a| norm(a.as_ref()) == typed) {
        return true;
    }
    // What the reader wrote, and without each start of the unit it ends with.
    let unit: Vec<char> = unit_after(after).chars().map(alike).collect();
    let chars: Vec<char> = typed.chars().collect();
    let mut said: Vec<String> = number(&typed).into_iter().collect();
    for k in 1..=unit.len().min(chars.len().saturating_sub(1)) {
        let (bare, end) = chars.split_at(chars.len() - k);
        if end.iter().copied().map(alike).eq(unit[..k].iter().copied()) {
            said.extend(number(&bare.iter().collect::<String>()));
        }
    }
    accepted.iter().any(|a| {
        let a: String = a.as_ref().nfkc().collect();
        let a = a.trim();
        !a.is_empty()
            && a.bytes().all(|b| b.is_ascii_digit())
            && number(a).is_some_and(|n| said.contains(&n))
    })
}

#[cfg(test)]
mod tests {
    /// The general rule of [`norm`], without its shortcut.
    fn slow(s: &str) -> String {
        s.nfkc()
            .flat_map(char::to_lowercase)
            .map(|c| if c == '○' { '〇' } else { c })
            .filter(|&c| !(c.is_whitespace() || c == '\u{feff}' || is_punct_or_symbol(c)))
            .collect()
    }

    #[test]
    fn the_shortcut_gives_what_the_rule_gives() {
        for c in DROPPED {
            assert_eq!(slow(&c.to_string()), "", "{c:?} is dropped");
        }
        let mut all: Vec<char> = (0u8..128).map(char::from).collect();
        all.extend(DROPPED);
        all.extend([
            '中', '国', '党', '一', '龥', '〇', '○', 'Ａ', 'é', '\u{301}', '①', 'ﬁ',
        ]);
        // Every pair and triple of these, and some text.
        for a in &all {
            for b in &all {
                let s: String = [*a, *b, 'E', *a].iter().collect();
                assert_eq!(norm(&s), slow(&s), "{s:?}");
            }
        }
        for s in [
            "中国共产党成立于____年，一大代表共____人。",
            "“两个确立”的决定性意义（2021年）：ABC abc！",
            "Ｅ＝ｍｃ² ① ○ e\u{301}",
        ] {
            assert_eq!(norm(s), slow(s), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(number("一九二一").as_deref(), Some("1921"));
        assert_eq!(number("一九〇四").as_deref(), Some("1904"));
        assert_eq!(number("一九零四").as_deref(), Some("1904"));
        assert_eq!(number("十三").as_deref(), Some("13"));
        assert_eq!(number("十").as_deref(), Some("10"));
        assert_eq!(number("二十").as_deref(), Some("20"));
        assert_eq!(number("一百").as_deref(), Some("100"));
        assert_eq!(number("一百零五").as_deref(), Some("105"));
        assert_eq!(number("两千").as_deref(), Some("2000"));
        assert_eq!(number("三千五百万").as_deref(), Some("35000000"));
        assert_eq!(number("万").as_deref(), Some("10000"));
        assert_eq!(number("007").as_deref(), Some("7"));
        assert_eq!(number("遵义"), None);
        assert_eq!(number(""), None);
        assert_eq!(
            number("九九九九九九九九九九九九九九九九九九九九九九九九")
                .as_deref()
                .map(str::len),
            Some(24)
        );
    }
}
