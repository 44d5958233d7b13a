//! The bytes of the codes members and units send as text: the record code
//! (`XUEXI1:`, `tally::code`) and the task receipt (`XUEXIR1:`, `supervise::receipt`).
//!
//! In: numbers, texts and days to write, or a code's text to read. Out: the payload of
//! a code (unsigned LEB128 numbers, length-prefixed UTF-8 texts, days since
//! 2000-01-01) framed as `<PREFIX><version>:` + base64url (no padding) of the bytes and
//! their CRC-32 (as zlib's, high byte first); or the bytes back, or why not. The
//! formats built on these are documented in `docs/record-code.zh-CN.md` and
//! `docs/receipt-code.zh-CN.md`; their JS twins are in `src/emit/views/`.

use base64::Engine;
use jiff::civil::Date;

/// Day 0 of the day numbers in a code.
pub const EPOCH: Date = jiff::civil::date(2000, 1, 1);

/// What in bytes with the right checksum cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteError {
    /// They end before all of it is read.
    Short,
    /// A number longer than 64 bits.
    LongNumber,
    /// A text that is not UTF-8.
    NotUtf8,
    /// A day past any date there is.
    DateOutOfRange,
}

/// The day number of a date (days since 2000-01-01); `None` before it.
pub fn day_number(d: Date) -> Option<u64> {
    let days = d.duration_since(EPOCH).as_secs() / 86_400;
    u64::try_from(days).ok()
}

/// The date of a day number.
pub fn date_of(n: u64) -> Option<Date> {
    let n = i64::try_from(n).ok()?;
    EPOCH
        .checked_add(jiff::SignedDuration::from_hours(n.checked_mul(24)?))
        .ok()
}

/// Local minutes since 2000-01-01 00:00 of `2021-05-20T18:30`.
pub fn minutes_of(text: &str) -> Option<u64> {
    let (d, t) = text.split_once('T')?;
    let day = day_number(d.parse().ok()?)?;
    let (h, m) = t.split_once(':')?;
    let (h, m): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(day * 1440 + h * 60 + m)
}

/// `2021-05-20T18:30` of local minutes since 2000-01-01 00:00.
pub fn time_of(minutes: u64) -> Option<String> {
    let d = date_of(minutes / 1440)?;
    let m = minutes % 1440;
    Some(format!("{d}T{:02}:{:02}", m / 60, m % 60))
}

/// Appends `v` as an unsigned LEB128 number.
pub fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Appends `s` as its length in bytes and its UTF-8 bytes.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The code of `bytes`: `<prefix><version>:` + base64url of the bytes and their CRC-32.
pub fn frame(prefix: &str, version: u32, mut bytes: Vec<u8>) -> String {
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    format!(
        "{prefix}{version}:{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes)
    )
}

/// The bytes of a code's payload (the text after `:`), when it is base64url and its
/// checksum matches; `None` when it is damaged (mistyped, cut short).
pub fn unframe(body: &str) -> Option<Vec<u8>> {
    let mut bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .ok()?;
    if bytes.len() < 5 {
        return None;
    }
    let crc = bytes.split_off(bytes.len() - 4);
    (crc32fast::hash(&bytes).to_be_bytes() == crc[..]).then_some(bytes)
}

/// Reads a payload from the front.
pub struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, at: 0 }
    }

    /// Whether every byte has been read.
    pub fn done(&self) -> bool {
        self.at == self.data.len()
    }

    pub fn uint(&mut self) -> Result<u64, ByteError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.data.get(self.at).ok_or(ByteError::Short)?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ByteError::LongNumber)
    }

    /// A count of items that each take at least one byte: never more than are left.
    pub fn count(&mut self) -> Result<usize, ByteError> {
        let n = self.uint()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.data.len() - self.at)
            .ok_or(ByteError::Short)
    }

    pub fn str(&mut self) -> Result<String, ByteError> {
        let n = self.count()?;
        let s = std::str::from_utf8(&self.data[self.at..self.at + n])
            .map_err(|_| ByteError::NotUtf8)?;
        self.at += n;
        Ok(s.to_string())
    }

    /// `n` bytes as they are.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], ByteError> {
        if n > self.data.len() - self.at {
            return Err(ByteError::Short);
        }
        let b = &self.data[self.at..self.at + n];
        self.at += n;
        Ok(b)
    }

    /// A day number, as its date `2021-04-16`.
    pub fn day(&mut self) -> Result<String, ByteError> {
        let n = self.uint()?;
        date_of(n)
            .map(|d| d.to_string())
            .ok_or(ByteError::DateOutOfRange)
    }
}

/// A code found in a text: its line (from 1), version and payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub line: usize,
    pub version: u32,
    pub body: &'a str,
}

/// Every `<prefix><n>:<base64url>` in `text`, wherever it is in its line (a chat export
/// has names and times around them). The prefix is followed by digits, so `XUEXI`
/// never finds `XUEXIR1:`.
pub fn find<'a>(text: &'a str, prefix: &str) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(prefix) {
            let after = &rest[at + prefix.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let tail = &after[digits..];
            match (after[..digits].parse::<u32>(), tail.strip_prefix(':')) {
                (Ok(version), Some(code)) => {
                    let len = code
                        .bytes()
                        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                        .count();
                    found.push(Found {
                        line: i + 1,
                        version,
                        body: &code[..len],
                    });
                    rest = &code[len..];
                }
                _ => rest = after,
            }
        }
    }
    found
}
