//! The TOML parser's syntax mistakes in the author's words.

use crate::diag::{Diagnostic, FileId};
use crate::model::Span;

/// The TOML parser's descriptions of syntax mistakes, and our message for each. The
/// parser has no codes for its mistakes, only these words (and, after them, what it
/// expected, which is not shown): a test (`tests::the_parser_still_says_these_words`)
/// makes each one happen and checks the message it gets, so a new parser that words
/// them otherwise fails it instead of silently showing its English. Looked up by
/// prefix, in order: a longer description before one it starts with.
const SYNTAX: [(&str, &str); 56] = [
    ("duplicate key", "toml.duplicate"),
    ("cannot extend value of type", "toml.duplicate"),
    ("invalid basic string", "toml.unclosed"),
    ("invalid literal string", "toml.unclosed"),
    ("invalid multi-line basic string", "toml.unclosed"),
    ("invalid multi-line literal string", "toml.unclosed"),
    ("missing opening quote", "toml.unclosed"),
    ("missing escaped value", "toml.escape"),
    ("too few unicode value digits", "toml.escape"),
    ("invalid datetime", "toml.bad-date"),
    ("invalid date", "toml.bad-date"),
    ("invalid time", "toml.bad-time"),
    ("unexpected leading zero", "toml.bad-number"),
    ("`_` may only go between digits", "toml.bad-number"),
    ("redundant numeric sign", "toml.bad-number"),
    ("integers with a radix cannot be signed", "toml.bad-number"),
    ("radix must be lowercase", "toml.bad-number"),
    ("invalid fraction", "toml.bad-number"),
    ("invalid exponent", "toml.bad-number"),
    ("invalid float", "toml.bad-number"),
    ("invalid binary number", "toml.bad-number"),
    ("invalid octal number", "toml.bad-number"),
    ("invalid boolean", "toml.boolean"),
    ("string values must be quoted", "toml.quote"),
    ("unexpected key or value", "toml.one-value"),
    ("extra `=`", "toml.equals-twice"),
    ("key with no value", "toml.no-value"),
    ("invalid key-value pair", "toml.no-value"),
    ("invalid unquoted key", "toml.bad-key"),
    ("unquoted keys cannot be empty", "toml.bad-key"),
    ("keys cannot be multi-line", "toml.bad-key"),
    ("missing comma between array elements", "toml.array-comma"),
    ("extra comma in array", "toml.array"),
    ("unclosed array table", "toml.header"),
    ("unclosed array", "toml.array"),
    ("unexpected `=` in array", "toml.array"),
    ("unclosed inline table", "toml.inline-table"),
    ("extra comma in inline table", "toml.inline-table"),
    ("unclosed table", "toml.header"),
    ("missing table open", "toml.header"),
    ("invalid comment character", "toml.control"),
    (
        "carriage return must be followed by newline",
        "toml.control",
    ),
    ("invalid hexadecimal number", "toml.bad-number"),
    ("invalid mantissa", "toml.bad-number"),
    ("unexpected sign", "toml.bad-number"),
    ("missing array opening", "toml.array"),
    ("missing value for key", "toml.no-value"),
    ("invalid inline table element", "toml.inline-table"),
    (
        "missing assignment between key-value pairs",
        "toml.inline-table",
    ),
    (
        "extra assignment between key-value pairs",
        "toml.inline-table",
    ),
    ("missing comma between key-value pairs", "toml.inline-table"),
    ("missing key for inline table element", "toml.inline-table"),
    ("missing inline table opening", "toml.inline-table"),
    ("invalid value", "toml.escape"),
    ("redundant integer number prefix", "toml.bad-number"),
    ("cannot recurse further", "toml.too-deep"),
];

/// Our message for a syntax mistake the parser describes so, if it is one we know.
fn syntax_key(description: &str) -> Option<&'static str> {
    SYNTAX
        .iter()
        .find(|(words, _)| description.starts_with(words))
        .map(|(_, key)| *key)
}

/// A syntax mistake in the author's words. One the parser has learnt since (not in
/// [`SYNTAX`]) gets a plain message of ours, with the parser's words as a note.
pub(super) fn syntax(file: FileId, span: Span, description: &str) -> Diagnostic {
    match syntax_key(description) {
        Some(key) => Diagnostic::error(file, span, crate::i18n::tr(key, &[])),
        None => Diagnostic::error(file, span, m!("toml.syntax"))
            .note(m!("toml.detail", detail = description)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse::{ParseError, parse, strings_schema};

    /// Each of the parser's descriptions that [`SYNTAX`] explains is still what the
    /// parser says for the mistake it stands for.
    #[test]
    fn the_parser_still_says_these_words() {
        let deep = format!("a = {}1{}\n", "[".repeat(200), "]".repeat(200));
        let mut cases = vec![
            ("a = 1\na = 2\n", "duplicate key"),
            ("a = [1]\na.b = 1\n", "cannot extend value of type"),
            ("a = \"x\n", "invalid basic string"),
            ("a = 'x\n", "invalid literal string"),
            ("a = \"\"\"x\n", "invalid multi-line basic string"),
            ("a = '''x\n", "invalid multi-line literal string"),
            ("a = [\"x\", b\"y\"]\n", "missing opening quote"),
            ("a = \"\\q\"\n", "missing escaped value"),
            ("a = \"\\u12\"\n", "too few unicode value digits"),
            ("a = 1e5\nb = 0x1f\nc = -3:\n", "invalid datetime"),
            ("a = 2021-02-30\n", "invalid date"),
            ("a = 2021-02-03T25:00:00\n", "invalid time"),
            ("a = 01\n", "unexpected leading zero"),
            ("a = 1_\n", "`_` may only go between digits"),
            ("a = ++1\n", "redundant numeric sign"),
            ("a = -0x1\n", "integers with a radix cannot be signed"),
            ("a = 0X1F\n", "radix must be lowercase"),
            ("a = 1.\n", "invalid fraction"),
            ("a = 1e\n", "invalid exponent"),
            ("a = 1.2.3\n", "invalid float"),
            ("a = 0b2\n", "invalid binary number"),
            ("a = 0o9\n", "invalid octal number"),
            ("a = True\n", "invalid boolean"),
            ("pass =\n", "string values must be quoted"),
            ("answer = \"B\" \"C\"\n", "unexpected key or value"),
            ("a == 1\n", "extra `=`"),
            ("a\n", "key with no value"),
            ("}\n", "invalid key-value pair"),
            ("中文 = 1\n", "invalid unquoted key"),
            ("= 1\n", "unquoted keys cannot be empty"),
            ("\"\"\"k\"\"\" = 1\n", "keys cannot be multi-line"),
            (
                "a = [\"x\" \"y\"]\n",
                "missing comma between array elements",
            ),
            ("a = [1,,2]\n", "extra comma in array"),
            ("[[material]\n", "unclosed array table"),
            ("a = [1, 2\n", "unclosed array"),
            ("a = [=]\n", "unexpected `=` in array"),
            ("a = {b = 1\n", "unclosed inline table"),
            ("a = {b = 1,, c = 2}\n", "extra comma in inline table"),
            ("[campaign\nb = 1\n", "unclosed table"),
            ("]\n", "missing table open"),
            ("a = 1 # x\u{7}\n", "invalid comment character"),
            (
                "a = 1\rb = 2\n",
                "carriage return must be followed by newline",
            ),
            ("b = 0x1.f\n", "invalid hexadecimal number"),
            ("[t]\na = .x\"# c\nb = 1\n", "invalid mantissa"),
            ("b = 0x-f\n", "unexpected sign"),
            ("c = ]-3\n", "missing array opening"),
            (".b T= 'x'\n[[t]\n", "missing value for key"),
            ("0ba = [1\", {b = 2]\n", "invalid inline table element"),
            ("a = {b 1}\n", "missing assignment between key-value pairs"),
            (
                "a = {b = 1 c = 2}\n",
                "extra assignment between key-value pairs",
            ),
            (
                "a = {b = 1, c = [1, _2]+}\n",
                "missing comma between key-value pairs",
            ),
            ("a = {[1]}\n", "missing key for inline table element"),
            ("a = }\n", "missing inline table opening"),
            ("a = \"\\uD800\"\n", "invalid value"),
            ("a = 0d80\n", "redundant integer number prefix"),
        ];
        cases.push((deep.as_str(), "cannot recurse further"));
        assert_eq!(cases.len(), SYNTAX.len());
        for ((text, words), (listed, key)) in cases.iter().zip(SYNTAX) {
            assert_eq!(*words, listed);
            let Err(ParseError::Syntax(_)) = parse::<toml::Table>(text, strings_schema) else {
                panic!("{text:?} parsed");
            };
            // The mistake the words stand for is among those the parser finds in it.
            let (_, errors) = toml::de::DeTable::parse_recoverable(text);
            let said: Vec<&str> = errors.iter().map(|e| e.message().trim()).collect();
            let Some(description) = said.iter().find(|d| d.starts_with(words)) else {
                panic!("{text:?}: the parser now says {said:?}, not {words:?}");
            };
            assert_eq!(
                syntax_key(description),
                Some(key),
                "{text:?}: {description}"
            );
        }
    }
}
