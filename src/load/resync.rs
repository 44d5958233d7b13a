//! Every syntax mistake of a file in one run, not only the first.
//!
//! In: a file's text and the first mistake the TOML parser found in it. Out: that
//! mistake and the ones after it, each with the text the parser saw when it found it.
//! After a mistake, the statement it is in (from the line where its key or section
//! header begins to the line where the next one begins) is blanked out, every byte but
//! the line breaks turned into a space so that every place stays where it was, and the
//! text is parsed again. What follows from a mistake is not a mistake of its own: a
//! statement left open is blanked up to where the parser noticed it, and the keys under
//! a blanked section header, which now seem to belong to the section above, are not
//! told as repeated keys.

use super::clerk;
use crate::model::Span;

/// At most this many mistakes are told for one file; a file with more is better mended
/// from the top and checked again.
const MOST: usize = 20;

/// A syntax mistake: the parser's words, its place, and the text the parser saw
/// (`None`: the file's own; after an earlier mistake, the file with that blanked out).
pub(super) struct Mistake {
    pub description: String,
    pub span: Span,
    pub seen: Option<String>,
}

/// The place where the mistake at `span` is told, found in `source` as the author
/// reads it: where a text of several lines was left open above, or the clerk's slip on
/// the line, with its message and label.
pub(super) fn told(source: &str, span: &Span) -> Option<(Span, Option<(String, String)>)> {
    if let Some(at) = clerk::open_text(source)
        && at <= span.start
    {
        return Some((at..at + 3, None));
    }
    clerk::mistake(source, span.start, true).map(|(s, m, l)| (s, Some((m, l))))
}

/// The first mistake of `text`, in the order of the text: the parser finds several at
/// once, and not in that order, some of them only echoes of another.
fn first(text: &str) -> Option<(String, Span)> {
    let (_, errors) = toml::de::DeTable::parse_recoverable(text);
    errors
        .into_iter()
        .map(|e| (e.message().trim().to_string(), e.span().unwrap_or(0..0)))
        .min_by_key(|(_, span)| (span.start, span.end))
}

/// Every syntax mistake of `text` (none: it is TOML), in the order of the text, at
/// most [`MOST`].
pub(super) fn mistakes(text: &str) -> Vec<Mistake> {
    let Some((description, span)) = first(text) else {
        return Vec::new();
    };
    let mut out = vec![Mistake {
        description,
        span,
        seen: None,
    }];
    // Blanked section headers: from each to the next header, keys seem repeated.
    let mut orphans: Vec<Span> = Vec::new();
    let mut work = text.to_string();
    while out.len() < MOST {
        let last = out.last().map(|m| m.span.start).unwrap_or(0);
        let at = told(&work, &(last..last)).map_or(last, |(s, _)| s.start);
        let Some(region) = statement(&work, at.min(last), at.max(last)) else {
            break;
        };
        if work[region.start..].trim_start().starts_with('[') {
            orphans.push(region.start..next_header(&work, region.end));
        }
        blank(&mut work, region);
        loop {
            let Some((description, span)) = first(&work) else {
                return out;
            };
            let follows = (description.starts_with("duplicate key")
                || description.starts_with("cannot extend value of type"))
                && orphans.iter().any(|o| o.contains(&span.start));
            if !follows {
                out.push(Mistake {
                    description,
                    span,
                    seen: Some(work.clone()),
                });
                break;
            }
            match statement(&work, span.start, span.start) {
                Some(region) => blank(&mut work, region),
                None => return out,
            }
        }
    }
    out
}

/// The start of the line that holds `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// Whether `line` begins a statement: a section header or `key = value`.
fn begins(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '\u{3000}']);
    if t.starts_with('[') {
        return true;
    }
    let Some(eq) = t.find(['=', '\u{ff1d}']) else {
        return false;
    };
    let key = t[..eq].trim_matches([' ', '\t', '\u{3000}']);
    let quoted = |q: char| key.len() >= 2 && key.starts_with(q) && key.ends_with(q);
    !key.is_empty()
        && !key.starts_with('#')
        && (quoted('"') || quoted('\'') || !key.contains(['"', '\'', ',', '[', ']', '{', '}']))
}

/// The statement that holds the mistake told at `a` and noticed by the parser at `b`
/// (`a <= b`): from the line at or above `a` where it begins to the first line after
/// `a`'s, at or after `b`'s, where another begins. `None` when it is only blanks.
fn statement(text: &str, a: usize, b: usize) -> Option<Span> {
    let la = line_start(text, a);
    let lb = line_start(text, b);
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line))
        })
        .collect();
    let i = lines.partition_point(|(s, _)| *s <= la).saturating_sub(1);
    // Upwards to where it begins, within the paragraph: a line of its own that is no
    // statement (`}` alone, say) is not joined to the one above a blank line.
    let mut first = i;
    while !lines.get(first).is_some_and(|(_, l)| begins(l))
        && first > 0
        && !lines[first - 1].1.trim().is_empty()
    {
        first -= 1;
    }
    if !lines.get(first).is_some_and(|(_, l)| begins(l)) {
        first = i;
    }
    let start = lines.get(first).map_or(la, |(s, _)| *s);
    let end = lines[i.min(lines.len())..]
        .iter()
        .skip(1)
        .find(|(s, l)| *s >= lb && begins(l))
        .map_or(text.len(), |(s, _)| *s);
    (start < end && !text[start..end].trim().is_empty()).then_some(start..end)
}

/// The start of the first section header after `from`, or the end of the text.
fn next_header(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// Turns every character of `region` into spaces, one for each of its bytes, but the
/// line breaks (`\r\n` kept whole), so that every place after it stays where it was.
fn blank(text: &mut String, region: Span) {
    let mut start = region.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = region.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut blanked = String::with_capacity(text.len());
    blanked.push_str(&text[..start]);
    let mut chars = text[start..end].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => blanked.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => blanked.push('\r'),
            c => blanked.extend(std::iter::repeat_n(' ', c.len_utf8())),
        }
    }
    blanked.push_str(&text[end..]);
    *text = blanked;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<usize> {
        mistakes(text)
            .iter()
            .map(|m| text[..m.span.start].matches('\n').count() + 1)
            .collect()
    }

    #[test]
    fn each_mistake_once() {
        assert_eq!(lines("a = 1\nb = 2\n"), Vec::<usize>::new());
        assert_eq!(lines("a = “1”\nb = 2\nc = 3 3\nd = [1,,2]\n"), [1, 3, 4]);
        // A list left open is one mistake, told where the parser noticed it.
        assert_eq!(lines("x = [\n  \"a\",\n  \"b\"\ny = 1\nz == 2\n").len(), 2);
        // The keys under a broken header are not told as repeated.
        assert_eq!(
            lines("[[q]]\na = 1\nb = 2\n[[q]\na = 1\nb = 2\n[[q]]\na = 1\nc = x\n"),
            [4, 9]
        );
        // A real repeated key still is.
        assert_eq!(lines("a = 1\nb = 2 2\na = 3\n"), [2, 3]);
    }

    #[test]
    fn blanking_keeps_places_and_text() {
        let mut t = "名 = “红岩”\r\nb = 1\n".to_string();
        blank(&mut t, 0..16);
        assert!(t.starts_with(&" ".repeat(18)), "{t:?}");
        assert_eq!(t.len(), "名 = “红岩”\r\nb = 1\n".len());
        assert!(t.ends_with("\r\nb = 1\n"));
        assert!(t[..t.len() - 8].trim().is_empty());
    }

    #[test]
    fn at_most_so_many() {
        let text =
            "a = 1 1\n".repeat(0) + &(0..40).map(|i| format!("k{i} = 1 1\n")).collect::<String>();
        assert_eq!(lines(&text).len(), MOST);
    }
}
