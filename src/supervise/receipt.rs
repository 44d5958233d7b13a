//! The task receipt (任务回执): what a unit reports of its tasks, from a receipt code or
//! a filled form, in one shape.
//!
//! In: the text after `XUEXIR1:` (the unit's page on the site, `tasks.js`, encodes).
//! Out: a [`Receipt`], or why the code cannot be read ([`ReceiptError`]); [`encode`]
//! writes a receipt as its code, for tests and fixtures. The format, version 1, is
//! documented in `docs/receipt-code.zh-CN.md`; `tests/receipt-codes.json` holds cases
//! that the Rust and the JS tests both check.

use serde::{Deserialize, Serialize};

use crate::codebytes::{ByteError, Reader, frame, minutes_of, put_str, put_uint, time_of, unframe};

/// What every receipt code starts with, before its version and `:`.
pub const PREFIX: &str = "XUEXIR";

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A unit's report on its tasks, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The campaign's id (as in record codes).
    pub campaign: String,
    /// The unit's id in `tasks.toml`.
    pub unit: String,
    /// The unit's name, as the page showed it (for people reading the chat).
    pub unit_name: String,
    /// When it was sent, the device's local time, `2021-05-20T18:30`.
    pub sent: String,
    /// Who filled it in (填报人), as typed; may be empty.
    pub by: String,
    /// One report per task the unit reports on, in any order.
    pub tasks: Vec<Report>,
}

/// What a unit says of one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The task's id.
    pub task: String,
    /// Ticked 已完成.
    pub done: bool,
    /// The day it was done (`2021-04-28`), or `""`.
    pub on: String,
    /// How many times it was done (tasks with `times` or `weekday`; 0 otherwise).
    pub count: u64,
    /// The day of each time, when known, in order.
    pub dates: Vec<String>,
    /// The evidence held, by the names `tasks.toml` gives them.
    pub evidence: Vec<String>,
    /// A short note (备注).
    pub note: String,
}

/// Why a receipt code was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptError {
    /// A version this build does not know.
    Version(u32),
    /// Not base64url, cut short or mistyped: the checksum does not match.
    Damaged,
    /// The checksum matches but the content is not a receipt.
    Malformed(ByteError),
    /// Bytes are left after the receipt.
    Trailing,
    /// A send time past any date there is.
    SentTime,
}

impl From<ByteError> for ReceiptError {
    fn from(e: ByteError) -> Self {
        ReceiptError::Malformed(e)
    }
}

/// Why a receipt could not be written as a code (tests and fixtures only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeError {
    /// A day that is not `2021-04-16`, or before 2000-01-01: the text.
    NotADate(String),
    /// A send time that is not `2021-05-20T18:30`: the text.
    NotATime(String),
}

fn day_of(s: &str) -> Result<u64, EncodeError> {
    s.parse()
        .ok()
        .and_then(crate::codebytes::day_number)
        .ok_or_else(|| EncodeError::NotADate(s.to_string()))
}

/// The code of a receipt (what tasks.js writes; here for tests and fixtures).
pub fn encode(r: &Receipt) -> Result<String, EncodeError> {
    let mut b = Vec::new();
    for s in [&r.campaign, &r.unit, &r.unit_name] {
        put_str(&mut b, s);
    }
    put_uint(
        &mut b,
        minutes_of(&r.sent).ok_or_else(|| EncodeError::NotATime(r.sent.clone()))?,
    );
    put_str(&mut b, &r.by);
    put_uint(&mut b, r.tasks.len() as u64);
    for t in &r.tasks {
        put_str(&mut b, &t.task);
        put_uint(&mut b, u64::from(t.done));
        match t.on.as_str() {
            "" => put_uint(&mut b, 0),
            d => put_uint(&mut b, day_of(d)? + 1),
        }
        put_uint(&mut b, t.count);
        put_uint(&mut b, t.dates.len() as u64);
        for d in &t.dates {
            put_uint(&mut b, day_of(d)?);
        }
        put_uint(&mut b, t.evidence.len() as u64);
        for e in &t.evidence {
            put_str(&mut b, e);
        }
        put_str(&mut b, &t.note);
    }
    Ok(frame(PREFIX, VERSION, b))
}

/// Reads the payload of a version-1 receipt code (the text after `XUEXIR1:`).
pub fn decode(version: u32, body: &str) -> Result<Receipt, ReceiptError> {
    if version != VERSION {
        return Err(ReceiptError::Version(version));
    }
    let data = unframe(body).ok_or(ReceiptError::Damaged)?;
    let mut r = Reader::new(&data);
    let receipt = receipt(&mut r)?;
    if !r.done() {
        return Err(ReceiptError::Trailing);
    }
    Ok(receipt)
}

fn receipt(r: &mut Reader) -> Result<Receipt, ReceiptError> {
    let campaign = r.str()?;
    let unit = r.str()?;
    let unit_name = r.str()?;
    let sent = time_of(r.uint()?).ok_or(ReceiptError::SentTime)?;
    let by = r.str()?;
    let n = r.count()?;
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let task = r.str()?;
        let done = r.uint()? == 1;
        let on = match r.uint()? {
            0 => String::new(),
            d => crate::codebytes::date_of(d - 1)
                .ok_or(ByteError::DateOutOfRange)?
                .to_string(),
        };
        let count = r.uint()?;
        let k = r.count()?;
        let mut dates = Vec::with_capacity(k);
        for _ in 0..k {
            dates.push(r.day()?);
        }
        let m = r.count()?;
        let mut evidence = Vec::with_capacity(m);
        for _ in 0..m {
            evidence.push(r.str()?);
        }
        let note = r.str()?;
        tasks.push(Report {
            task,
            done,
            on,
            count,
            dates,
            evidence,
            note,
        });
    }
    Ok(Receipt {
        campaign,
        unit,
        unit_name,
        sent,
        by,
        tasks,
    })
}

/// Every receipt code in `text`, with its line.
pub fn find(text: &str) -> Vec<crate::codebytes::Found<'_>> {
    crate::codebytes::find(text, PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Case {
        receipt: Receipt,
        code: String,
    }

    fn cases() -> Vec<Case> {
        let text = include_str!("../../tests/receipt-codes.json");
        serde_json::from_str(text).unwrap()
    }

    /// The examples the JS encoder is tested against: encoded and decoded alike here.
    /// `XUEXI_BLESS=1` fills in the codes of new cases.
    #[test]
    fn shared_cases() {
        if std::env::var_os("XUEXI_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/receipt-codes.json");
            let mut all: Vec<serde_json::Value> =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for v in &mut all {
                let r: Receipt = serde_json::from_value(v["receipt"].clone()).unwrap();
                v["code"] = encode(&r).unwrap().into();
            }
            std::fs::write(path, serde_json::to_string_pretty(&all).unwrap() + "\n").unwrap();
            return;
        }
        for c in cases() {
            assert_eq!(encode(&c.receipt).unwrap(), c.code);
            let body = c.code.strip_prefix("XUEXIR1:").unwrap();
            assert_eq!(decode(1, body).unwrap(), c.receipt);
        }
    }

    #[test]
    fn a_changed_or_cut_code_is_damaged_and_a_new_version_is_named() {
        let c = &cases()[0];
        let body = c.code.strip_prefix("XUEXIR1:").unwrap();
        let cut = &body[..body.len() - 3];
        assert_eq!(decode(1, cut), Err(ReceiptError::Damaged));
        for i in 0..body.len() {
            let mut b = body.as_bytes().to_vec();
            b[i] = if b[i] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(b).unwrap();
            assert_eq!(decode(1, &changed), Err(ReceiptError::Damaged), "at {i}");
        }
        assert_eq!(decode(2, body), Err(ReceiptError::Version(2)));
    }

    #[test]
    fn codes_are_found_among_chat_lines_and_record_codes_are_not_receipts() {
        let text = "张三 10:02\n【任务回执】区委组织部 XUEXIR1:abc_-9 谢谢\nXUEXI1:zzz\n";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].body), (2, "abc_-9"));
        assert!(crate::tally::code::find("XUEXIR1:abc").is_empty());
    }
}
