//! The record code (学习记录码): a member's study record as one line of text.
//!
//! In: text a member's record page wrote (`site/static/record.js` encodes). Out: a
//! [`Record`], or why the code cannot be read ([`CodeError`]); [`encode`] writes a record
//! as its code, for tests and fixtures. The format, version 1, is documented in
//! `docs/record-code.zh-CN.md`: `XUEXI1:` then the payload in base64url (no padding);
//! the payload is varints and length-prefixed UTF-8 strings ending in a CRC-32 of the
//! bytes before it, so a mistyped or cut code is caught. `tests/record-codes.json` holds
//! cases that the Rust and the browser tests both check, `tests/record-codes-malformed.json`
//! codes that are not records, which this and the 支部台账 page's reader (`tally.js`) refuse
//! alike.

use serde::{Deserialize, Serialize};

use crate::codebytes::{
    ByteError, Reader, date_of, day_number, frame, minutes_of, put_str, put_uint, time_of, unframe,
};

/// The campaign id a code carries, and how it is derived: kept with the plans' shapes,
/// which the record page shares; here too for the tests and fixtures that write codes.
pub use crate::record_shape::{campaign_id, derived_id};

/// What every code starts with, before its version and `:`.
pub const PREFIX: &str = "XUEXI";

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Day 0 of the day numbers in a code.
pub use crate::codebytes::EPOCH;

/// A member's record for one plan of one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The campaign's id (see [`campaign_id`]).
    pub campaign: String,
    /// The plan's id.
    pub plan: String,
    /// 姓名 and 支部, as the member typed them.
    pub name: String,
    pub branch: String,
    /// When the member exported it, the device's local time, `2021-05-20T18:30`.
    pub exported: String,
    /// One entry per reading of the plan, by position: `""` not ticked, `"?"` ticked
    /// before dates were kept, else the day it was ticked (`2021-04-16`).
    pub readings: Vec<String>,
    /// The plan's quizzes the member took.
    pub quizzes: Vec<QuizScore>,
    /// Questions in the 错题本.
    pub wrong: u64,
    /// The days the member finished the daily practice (每日一练), in order.
    pub daily: Vec<String>,
}

/// A quiz's scores on the member's device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizScore {
    pub id: String,
    /// Full attempts kept on the device (the newest 20).
    pub attempts: u64,
    pub best: u64,
    pub best_on: String,
    pub latest: u64,
    pub latest_on: String,
}

/// Why a code was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// A version this build does not know.
    Version(u32),
    /// Not base64url, cut short or mistyped: the checksum does not match.
    Damaged,
    /// The checksum matches but the content is not a record: why.
    Malformed(Malformed),
}

/// What in a code with the right checksum is not a record (a code crafted or written
/// by some other program: record.js never writes these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// The record ends before all of it is read.
    Short,
    /// Bytes are left after the record.
    Trailing,
    /// A number longer than 64 bits.
    LongNumber,
    /// A text that is not UTF-8.
    NotUtf8,
    /// A day past any date there is.
    DateOutOfRange,
    /// An export time past any date there is.
    ExportTime,
    /// The daily practice days are not as many as the record says.
    DailyCount,
}

/// Why a record could not be written as a code. Only tests and fixtures write codes
/// here (members' codes come from record.js), so no member or clerk sees these words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// A day that is not `2021-04-16`, or before 2000-01-01.
    #[error("not a date: `{0}`")]
    NotADate(String),
    /// An export time that is not `2021-05-20T18:30`.
    #[error("not a time: `{0}`")]
    NotATime(String),
}

/// The day number of `2021-04-16`.
fn day_of(s: &str) -> Result<u64, EncodeError> {
    s.parse()
        .ok()
        .and_then(day_number)
        .ok_or_else(|| EncodeError::NotADate(s.to_string()))
}

fn put_day(out: &mut Vec<u8>, s: &str) -> Result<(), EncodeError> {
    put_uint(out, day_of(s)?);
    Ok(())
}

/// The code of a record (what record.js writes; here for tests and fixtures).
pub fn encode(r: &Record) -> Result<String, EncodeError> {
    let mut b = Vec::new();
    for s in [&r.campaign, &r.plan, &r.name, &r.branch] {
        put_str(&mut b, s);
    }
    put_uint(
        &mut b,
        minutes_of(&r.exported).ok_or_else(|| EncodeError::NotATime(r.exported.clone()))?,
    );
    put_uint(&mut b, r.readings.len() as u64);
    for x in &r.readings {
        match x.as_str() {
            "" => put_uint(&mut b, 0),
            "?" => put_uint(&mut b, 1),
            d => put_uint(&mut b, day_of(d)? + 2),
        }
    }
    put_uint(&mut b, r.quizzes.len() as u64);
    for q in &r.quizzes {
        put_str(&mut b, &q.id);
        put_uint(&mut b, q.attempts);
        put_uint(&mut b, q.best);
        put_day(&mut b, &q.best_on)?;
        put_uint(&mut b, q.latest);
        put_day(&mut b, &q.latest_on)?;
    }
    put_uint(&mut b, r.wrong);
    let days: Vec<u64> = r
        .daily
        .iter()
        .map(|s| day_of(s))
        .collect::<Result<_, _>>()?;
    put_uint(&mut b, days.len() as u64);
    if let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) {
        let span = last - first + 1;
        put_uint(&mut b, *first);
        put_uint(&mut b, span);
        let mut bits = vec![0u8; span.div_ceil(8) as usize];
        for d in &days {
            let i = (d - first) as usize;
            bits[i / 8] |= 1 << (i % 8);
        }
        b.extend_from_slice(&bits);
    }
    Ok(frame(PREFIX, VERSION, b))
}

/// Reads the payload of a version-1 code (the text after `XUEXI1:`).
pub fn decode(version: u32, body: &str) -> Result<Record, CodeError> {
    if version != VERSION {
        return Err(CodeError::Version(version));
    }
    let data = unframe(body).ok_or(CodeError::Damaged)?;
    let mut r = Reader::new(&data);
    let record = record(&mut r)?;
    if !r.done() {
        return Err(CodeError::Malformed(Malformed::Trailing));
    }
    Ok(record)
}

impl From<ByteError> for CodeError {
    fn from(e: ByteError) -> Self {
        CodeError::Malformed(match e {
            ByteError::Short => Malformed::Short,
            ByteError::LongNumber => Malformed::LongNumber,
            ByteError::NotUtf8 => Malformed::NotUtf8,
            ByteError::DateOutOfRange => Malformed::DateOutOfRange,
        })
    }
}

const OUT_OF_RANGE: CodeError = CodeError::Malformed(Malformed::DateOutOfRange);

fn record(r: &mut Reader) -> Result<Record, CodeError> {
    let campaign = r.str()?;
    let plan = r.str()?;
    let name = r.str()?;
    let branch = r.str()?;
    let exported = time_of(r.uint()?).ok_or(CodeError::Malformed(Malformed::ExportTime))?;
    let n = r.count()?;
    let mut readings = Vec::with_capacity(n);
    for _ in 0..n {
        readings.push(match r.uint()? {
            0 => String::new(),
            1 => "?".into(),
            d => date_of(d - 2).ok_or(OUT_OF_RANGE)?.to_string(),
        });
    }
    let n = r.count()?;
    let mut quizzes = Vec::with_capacity(n);
    for _ in 0..n {
        quizzes.push(QuizScore {
            id: r.str()?,
            attempts: r.uint()?,
            best: r.uint()?,
            best_on: r.day()?,
            latest: r.uint()?,
            latest_on: r.day()?,
        });
    }
    let wrong = r.uint()?;
    let k = r.uint()?;
    let mut daily = Vec::new();
    if k > 0 {
        let first = r.uint()?;
        let span = r.uint()?;
        let len = usize::try_from(span.div_ceil(8)).map_err(|_| ByteError::Short)?;
        let bits = r.bytes(len)?;
        for i in 0..span {
            if bits[(i / 8) as usize] & (1 << (i % 8)) != 0 {
                // A crafted `first` near the end of the numbers must not wrap round.
                let day = first.checked_add(i).and_then(date_of).ok_or(OUT_OF_RANGE)?;
                daily.push(day.to_string());
            }
        }
        if daily.len() as u64 != k {
            return Err(CodeError::Malformed(Malformed::DailyCount));
        }
    }
    Ok(Record {
        campaign,
        plan,
        name,
        branch,
        exported,
        readings,
        quizzes,
        wrong,
        daily,
    })
}

pub use crate::codebytes::Found;

/// Every `XUEXI<n>:<base64url>` in `text`, wherever it is in its line (a chat export
/// has names and times around them).
pub fn find(text: &str) -> Vec<Found<'_>> {
    crate::codebytes::find(text, PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Case {
        note: String,
        record: Record,
        code: String,
    }

    fn cases() -> Vec<Case> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/record-codes.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The shared table: Rust writes and reads each code as record.js does.
    #[test]
    fn shared_cases() {
        if std::env::var_os("XUEXI_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/record-codes.json");
            let mut all: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for c in all.as_array_mut().unwrap() {
                let r: Record = serde_json::from_value(c["record"].clone()).unwrap();
                c["code"] = encode(&r).unwrap().into();
            }
            std::fs::write(path, serde_json::to_string_pretty(&all).unwrap() + "\n").unwrap();
        }
        let cases = cases();
        assert!(cases.len() >= 3);
        for c in cases {
            assert_eq!(encode(&c.record).unwrap(), c.code, "{}", c.note);
            let body = c.code.strip_prefix("XUEXI1:").unwrap();
            assert_eq!(decode(1, body).unwrap(), c.record, "{}", c.note);
        }
    }

    /// The shared table of codes that are not records: Rust refuses each for the reason
    /// tally.js gives (the key of the words for it).
    #[test]
    fn shared_malformed_cases() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/record-codes-malformed.json"
        );
        let all: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let cases = all["cases"].as_array().unwrap();
        assert!(cases.len() >= 9);
        let key = |e: CodeError| match e {
            CodeError::Version(_) => "version",
            CodeError::Damaged => "damaged",
            CodeError::Malformed(m) => match m {
                Malformed::Short => "short",
                Malformed::Trailing => "trailing",
                Malformed::LongNumber => "long-number",
                Malformed::NotUtf8 => "not-utf8",
                Malformed::DateOutOfRange => "date",
                Malformed::ExportTime => "export-time",
                Malformed::DailyCount => "daily-count",
            },
        };
        for c in cases {
            let found = find(c["code"].as_str().unwrap());
            assert_eq!(found.len(), 1);
            let got = decode(found[0].version, found[0].body).map_err(key);
            assert_eq!(got, Err(c["error"].as_str().unwrap()), "{}", c["note"]);
        }
    }

    #[test]
    fn every_cut_and_every_changed_character_is_caught() {
        let code = cases().remove(0).code;
        let body = code.strip_prefix("XUEXI1:").unwrap();
        for n in 0..body.len() {
            assert!(decode(1, &body[..n]).is_err(), "cut at {n}");
        }
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for i in 0..body.len() {
            for c in alphabet.chars().step_by(7) {
                if body.as_bytes()[i] as char == c {
                    continue;
                }
                let mut s = body.to_string();
                s.replace_range(i..i + 1, &c.to_string());
                // The last character carries 2 or 4 bits of the checksum and padding bits:
                // a change there that only touches padding decodes to the same bytes.
                if let Ok(r) = decode(1, &s) {
                    assert_eq!(Ok(r), decode(1, body), "changed at {i} to {c}");
                    assert_eq!(i, body.len() - 1);
                }
            }
        }
        assert_eq!(decode(2, body), Err(CodeError::Version(2)));
    }

    /// A code with the right checksum whose daily practice starts on the last day
    /// number there is and was done on the day after it: past any number, an error,
    /// not an overflow (or, in a release build, a wrap round to 2000-01-01).
    #[test]
    fn a_crafted_daily_practice_past_the_last_day_is_an_error() {
        let mut b = Vec::new();
        for s in ["djxx", "p", "张三", "一支部"] {
            put_str(&mut b, s);
        }
        put_uint(&mut b, minutes_of("2021-05-20T18:30").unwrap());
        put_uint(&mut b, 0); // no readings
        put_uint(&mut b, 0); // no quizzes
        put_uint(&mut b, 0); // no wrong answers
        put_uint(&mut b, 1); // one day of daily practice
        put_uint(&mut b, u64::MAX); // the first day of the span
        put_uint(&mut b, 2); // two days long
        b.push(0b10); // done on the second
        let crc = crc32fast::hash(&b);
        b.extend_from_slice(&crc.to_be_bytes());
        let body = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &b);
        assert_eq!(decode(1, &body), Err(OUT_OF_RANGE));
        let _zh = crate::i18n::chinese();
        assert_eq!(
            super::super::msg::code_error(&OUT_OF_RANGE),
            "记录码校验相符，但内容不是学习记录（里面的日期超出了能表示的范围），没有计入"
        );
    }

    #[test]
    fn finds_codes_among_chat_lines() {
        let text = "张三 18:02\n我的记录 XUEXI1:AbC-_9 谢谢\nXUEXI:nope XUEXI12:x\nXUEXIA XUEXI1:";
        let f = find(text);
        assert_eq!(
            f,
            vec![
                Found {
                    line: 2,
                    version: 1,
                    body: "AbC-_9"
                },
                Found {
                    line: 3,
                    version: 12,
                    body: "x"
                },
                Found {
                    line: 4,
                    version: 1,
                    body: ""
                },
            ]
        );
    }

    #[test]
    fn a_record_with_a_bad_day_is_not_encoded() {
        let mut r = cases().remove(0).record;
        r.daily.push("2021-02-30".into());
        assert_eq!(encode(&r), Err(EncodeError::NotADate("2021-02-30".into())));
        r.exported = "2021-05-20 18:30".into();
        assert_eq!(
            encode(&r).unwrap_err().to_string(),
            "not a time: `2021-05-20 18:30`"
        );
    }
}
