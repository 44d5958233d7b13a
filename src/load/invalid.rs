//! The model's own checks of a value ([`Invalid`]: an id, a chapter reference, a date,
//! points) in the author's words, from the catalogue. Here, in the stage that reads
//! values from files, so the model stays plain data; every stage that shows one (load,
//! import) shows these words.

use std::fmt;

use crate::model::{Invalid, Reserved, Slug};

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Invalid::IdEmpty => m!("id.empty"),
            Invalid::IdChars(s) => m!("id.bad", s = s),
            Invalid::IdReserved { id, why } => {
                let why = match why {
                    Reserved::Index => m!("id.reserved.index"),
                    Reserved::Windows => m!("id.reserved.windows"),
                };
                m!("id.reserved", s = id, why = why)
            }
            Invalid::IdLong(s) => m!("id.long", s = s, max = Slug::MAX_LEN),
            Invalid::RefNoSlash(s) => m!("chapter-ref.bad", s = s),
            Invalid::RefPart { reference, part } => {
                format!("{part}; {}", m!("chapter-ref.shape", s = reference))
            }
            Invalid::DateTime(dt) => m!("date.time", dt = dt, expected = m!("date.expected")),
            Invalid::NotADate(None) => m!("date.expected"),
            Invalid::NotADate(Some(text)) => {
                m!("date.bad", text = text, expected = m!("date.expected"))
            }
            Invalid::NoSuchDay(text) => m!("date.no-such-day", text = text),
            Invalid::Points(x) => m!("points.bad", v = x),
        };
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ChapterRef, Points, Slug};

    #[test]
    fn in_the_authors_words() {
        let say = |e: crate::model::Invalid| e.to_string();
        assert_eq!(
            say(Slug::try_from("Jianshi".to_string()).unwrap_err()),
            "`Jianshi` is not a valid id: use lowercase ASCII letters, digits and `-` (not first or last), e.g. `jianshi-ch01`"
        );
        assert_eq!(
            say(ChapterRef::try_from("jianshi".to_string()).unwrap_err()),
            "`jianshi` is not a chapter reference: expected `material-id/chapter-id`, e.g. `jianshi/ch01`"
        );
        let _zh = crate::i18n::chinese();
        assert_eq!(
            say(Points::try_from(0.0).unwrap_err()),
            "分值 `0` 不对：要写大于 0、不超过 1000 的数，如 2 或 0.5"
        );
        assert_eq!(
            say(Slug::try_from("index".to_string()).unwrap_err()),
            "`index` 不能当编号：Zola 把 `index` 留给自己的页面；请换一个，例如 `index-1`"
        );
    }
}
