// tally.js, the 支部台账 page's reader and ledger, run in Node without a browser: its
// decoder of record codes against the shared cases src/tally/code.rs checks
// (tests/record-codes.json, tests/record-codes-malformed.json), on generated records
// written by record.js, and on every cut and every changed character of a code; its
// CSV cells against the one rule of src/inert.rs (tests/csv-cells.json). That its
// ledger is `xuexi tally`'s is checked in tests/browser/tally.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const read = (p) => readFileSync(repo + p, "utf8");

/** record.js and tally.js in a page-less window; returns window.xuexi. */
function scripts() {
  const xuexi = { keys: {}, store: null, load: (_, v) => v, save: () => {}, el: () => ({}), fmt: (s) => s, today: () => "2021-05-20" };
  const window = { xuexi };
  const context = vm.createContext({ window, document: { querySelectorAll: () => [] }, TextEncoder, TextDecoder, btoa });
  for (const file of ["src/emit/views/record.js", "src/emit/views/tally.js"]) vm.runInContext(read(file), context, { filename: file });
  return window.xuexi;
}
const X = scripts();
const plain = (x) => JSON.parse(JSON.stringify(x));
const body = (code) => code.slice(code.indexOf(":") + 1);

test("every shared record code decodes to its record, as src/tally/code.rs decodes it", () => {
  const cases = JSON.parse(read("tests/record-codes.json"));
  assert.ok(cases.length >= 3);
  for (const c of cases) {
    const f = X.tally.find("张三 18:02\n" + c.code + " 谢谢", "XUEXI");
    assert.deepEqual(plain(f), [{ line: 2, version: 1, body: body(c.code) }]);
    assert.deepEqual(plain(X.tally.decode(1, body(c.code))), { record: c.record }, c.note);
  }
});

test("every shared code that is not a record is refused for the reason src/tally/code.rs gives", () => {
  const cases = JSON.parse(read("tests/record-codes-malformed.json")).cases;
  assert.ok(cases.length >= 9);
  for (const c of cases) {
    const f = X.tally.find(c.code, "XUEXI");
    assert.equal(f.length, 1, c.note);
    assert.deepEqual(plain(X.tally.decode(f[0].version, f[0].body)), { error: c.error }, c.note);
  }
});

/** A seeded generator (mulberry32): the same records every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const day = (n) => new Date(Date.UTC(2000, 0, 1) + n * 864e5).toISOString().slice(0, 10);

/** A record as record.js may write one: texts with any characters, dates from 2000
 * to 2099, numbers up to 2^40. */
function generated(rnd) {
  const int = (n) => Math.floor(rnd() * n);
  const text = () => {
    const pool = ["张", "三", "第一党支部", " ", "a", "=", "😀", "\u3000", "'", ",", "\"", "\n", "ü", "\ufeff"];
    return Array.from({ length: int(6) }, () => pool[int(pool.length)]).join("");
  };
  const date = () => day(int(36500));
  const daily = [...new Set(Array.from({ length: int(12) }, () => 7000 + int(int(2) ? 20 : 3000)))].sort((a, b) => a - b).map(day);
  return {
    campaign: text(),
    plan: text(),
    name: text(),
    branch: text(),
    exported: date() + "T" + String(int(24)).padStart(2, "0") + ":" + String(int(60)).padStart(2, "0"),
    readings: Array.from({ length: int(30) }, () => [() => "", () => "?", date][int(3)]()),
    quizzes: Array.from({ length: int(4) }, () => ({ id: text(), attempts: int(21), best: int(101), best_on: date(), latest: int(2 ** 40), latest_on: date() })),
    wrong: int(2 ** 40),
    daily,
  };
}

test("2,000 generated records read back as written, found among chat lines", () => {
  const rnd = random(33);
  for (let i = 0; i < 2000; i++) {
    const r = generated(rnd);
    const code = X.record.encode(r);
    const f = X.tally.find("昨天 20:15\r\n转发：" + code + "。", "XUEXI");
    assert.equal(f.length, 1);
    assert.deepEqual(plain(X.tally.decode(f[0].version, f[0].body)), { record: r }, code);
  }
});

test("every cut and every changed character is caught, as in src/tally/code.rs", () => {
  const codes = JSON.parse(read("tests/record-codes.json")).map((c) => body(c.code));
  const rnd = random(7);
  for (let i = 0; i < 20; i++) codes.push(body(X.record.encode(generated(rnd))));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (const b of codes) {
    const whole = plain(X.tally.decode(1, b));
    for (let n = 0; n < b.length; n++) assert.deepEqual(plain(X.tally.decode(1, b.slice(0, n))), { error: "damaged" }, `cut at ${n}`);
    for (let i = 0; i < b.length; i++) {
      for (const c of alphabet) {
        if (c === b[i]) continue;
        const got = plain(X.tally.decode(1, b.slice(0, i) + c + b.slice(i + 1)));
        // The last character carries 2 or 4 bits of the checksum and padding bits: a
        // change there that only touches padding bits is refused as not base64url.
        assert.deepEqual(got, { error: "damaged" }, `changed at ${i} to ${c}`);
      }
    }
    assert.deepEqual(plain(X.tally.decode(2, b)), { error: "version" });
    assert.ok(whole.record);
  }
});

test("CSV cells are made inert by the rule of src/inert.rs", () => {
  const { cases } = JSON.parse(read("tests/csv-cells.json"));
  assert.ok(cases.length >= 20);
  for (const c of cases) {
    const cell = "number" in c ? { number: c.number } : { text: c.text };
    assert.equal(X.tally.written(cell), c.cell, c.note || JSON.stringify(c));
  }
  // The rows of src/inert.rs's own test, quoted where the csv crate quotes.
  const csv = X.tally.csvOf([[{ text: "姓名" }, { text: "分数" }], [{ text: "=1+1" }, { number: 85 }, { number: -3 }], [{ text: 'a,"b"' }], [{ text: "" }]]);
  assert.equal(csv, '\ufeff姓名,分数\n\'=1+1,85,-3\n"a,""b"""\n""\n');
  assert.equal(X.tally.written({ number: -Infinity }), "'-inf");
  assert.equal(X.tally.written({ number: 1e21 }), "1000000000000000000000");
});

test("record files are read as UTF-8, with or without a BOM, else as GB18030", () => {
  const { decodeText } = X.tally;
  const utf8 = new TextEncoder().encode("张三 XUEXI1:abc");
  assert.equal(decodeText(utf8), "张三 XUEXI1:abc");
  assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), "张三 XUEXI1:abc");
  assert.equal(decodeText(new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd, 0x20, 0x58])), "张三 X");
});
