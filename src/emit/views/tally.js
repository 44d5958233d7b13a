// tally.js: 支部台账, `xuexi tally` in the browser. A branch secretary pastes a chat
// export or opens the members' record files (UTF-8 or GB18030) and gets the same
// ledger as `xuexi tally` (src/tally/mod.rs, rule for rule): a row per member (their
// latest record), a subtotal per branch, the readings' counts and every code not
// counted with why, in the CLI's words (data-words, written by src/emit/tally.rs from
// the same catalogue); as a CSV (UTF-8 with a BOM, every text cell inert by the rule of
// src/inert.rs, tests/csv-cells.json) and printed as the A4 台账. Nothing is sent
// anywhere. Reads codes with record.js's byte rules (window.xuexi.record); exposes
// window.xuexi.tally for the tests.
"use strict";
(() => {
  const d = document;
  const X = window.xuexi;
  if (!X || !X.record) return;
  const R = X.record;

  // Reading a code back: the twin of codebytes.rs `unframe`, `Reader` and `find`, beside
  // record.js's writer (whose CRC-32 and day numbers it shares). A reader throws what
  // codebytes::ByteError names, as the key of its words in the catalogue
  // (tally.malformed.*): "short", "long-number", "not-utf8", "date". Numbers past 2^53
  // (never written by a page) come back as BigInt.
  const { crc32, dayNumber } = R;
  const EPOCH = Date.UTC(2000, 0, 1);
  const DAY = 864e5;
  const MAX_DAY = dayNumber("9999-12-31"); // the last day jiff (and so tally) can name
  const dateOf = (n) => new Date(EPOCH + n * DAY).toISOString().slice(0, 10);
  const p2 = (x) => String(x).padStart(2, "0");
  const timeOf = (m) => dateOf(Math.floor(m / 1440)) + "T" + p2(Math.floor((m % 1440) / 60)) + ":" + p2(m % 60);
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // The bytes of a payload that is base64url (no padding, no stray bits) with its CRC-32
  // right; null when it is damaged.
  function unframe(body) {
    if (body.length % 4 === 1) return null;
    const b = [];
    let acc = 0;
    let n = 0;
    for (const ch of body) {
      const v = B64.indexOf(ch);
      if (v < 0 || ch.length !== 1) return null;
      acc = (acc << 6) | v;
      n += 6;
      if (n >= 8) {
        n -= 8;
        b.push(acc >> n);
        acc &= (1 << n) - 1;
      }
    }
    if (acc || b.length < 5) return null;
    const data = b.slice(0, -4);
    const crc = b.slice(-4).reduce((c, x) => c * 256 + x, 0);
    return crc32(data) === crc ? data : null;
  }
  function reader(data) {
    let at = 0;
    const uint = () => {
      let v = 0;
      let big = null;
      for (let i = 0; i < 10; i++) {
        if (at >= data.length) throw "short";
        const b = data[at++];
        if (i < 7) v += (b & 127) * 2 ** (7 * i);
        else {
          // Past 49 bits: exact with BigInt, cut to 64 bits as Rust's u64 is.
          big = (big === null ? BigInt(v) : big) + (BigInt(b & 127) << BigInt(7 * i));
          big = BigInt.asUintN(64, big);
        }
        if (b < 128) return big === null ? v : big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      throw "long-number";
    };
    // A count of items of a byte or more each: never more than are left.
    const count = () => {
      const n = uint();
      if (n > data.length - at) throw "short";
      return n;
    };
    const bytes = (n) => {
      if (n > data.length - at) throw "short";
      at += n;
      return data.slice(at - n, at);
    };
    const str = () => {
      try {
        return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes(count())));
      } catch (e) {
        if (typeof e === "string") throw e;
        throw "not-utf8";
      }
    };
    const day = () => {
      const n = uint();
      if (n > MAX_DAY) throw "date";
      return dateOf(n);
    };
    return { uint, count, bytes, str, day, done: () => at === data.length };
  }
  // Every `<prefix><n>:<base64url>` in `text`: its line (from 1), version and payload,
  // wherever it is in its line. A version past 2^32 is no code, as in Rust.
  function find(text, prefix) {
    const out = [];
    text.split("\n").forEach((l, i) => {
      let rest = l.endsWith("\r") ? l.slice(0, -1) : l;
      for (let at = rest.indexOf(prefix); at >= 0; at = rest.indexOf(prefix)) {
        const after = rest.slice(at + prefix.length);
        const digits = /^[0-9]*/.exec(after)[0];
        if (digits && +digits < 2 ** 32 && after[digits.length] === ":") {
          const code = after.slice(digits.length + 1);
          const body = /^[A-Za-z0-9_-]*/.exec(code)[0];
          out.push({ line: i + 1, version: +digits, body });
          rest = code.slice(body.length);
        } else rest = after;
      }
    });
    return out;
  }
  // A record code's payload back as the record (tally/code.rs `decode`): { record }, or
  // { error } with what tally's words call it: "version", "damaged", or why the bytes
  // are not a record ("short", "trailing", "long-number", "not-utf8", "date",
  // "export-time", "daily-count").
  function decode(version, body) {
    if (version !== 1) return { error: "version" };
    const data = unframe(body);
    if (!data) return { error: "damaged" };
    const r = reader(data);
    try {
      const rec = { campaign: r.str(), plan: r.str(), name: r.str(), branch: r.str() };
      const m = r.uint();
      if (m > MAX_DAY * 1440 + 1439) throw "export-time";
      rec.exported = timeOf(m);
      rec.readings = [];
      for (let n = r.count(); n > 0; n--) {
        const x = r.uint();
        if (x > MAX_DAY + 2) throw "date";
        rec.readings.push(x === 0 ? "" : x === 1 ? "?" : dateOf(x - 2));
      }
      rec.quizzes = [];
      for (let n = r.count(); n > 0; n--) {
        rec.quizzes.push({ id: r.str(), attempts: r.uint(), best: r.uint(), best_on: r.day(), latest: r.uint(), latest_on: r.day() });
      }
      rec.wrong = r.uint();
      const k = r.uint();
      rec.daily = [];
      if (k > 0) {
        const first = r.uint();
        const span = r.uint();
        if (typeof span === "bigint") throw "short";
        const bits = r.bytes(Math.ceil(span / 8));
        for (let i = 0; i < span; i++) {
          if (!(bits[i >> 3] & (1 << (i & 7)))) continue;
          if (first > MAX_DAY - i) throw "date";
          rec.daily.push(dateOf(first + i));
        }
        if (rec.daily.length !== k) throw "daily-count";
      }
      if (!r.done()) throw "trailing";
      return { record: rec };
    } catch (e) {
      if (typeof e !== "string") throw e;
      return { error: e };
    }
  }

  // `{name}` filled in as src/i18n.rs `fill` does, `{name|one|other}` too.
  const fill = (s, v) =>
    s.replace(/\{([^{}|]*)(?:\|([^{}|]*)\|([^{}]*))?\}/g, (all, k, one, other) => (k in v ? (one === undefined ? String(v[k]) : String(v[k]) === "1" ? one : other) : all));
  // Rust's `char::is_whitespace` (Unicode White_Space): trim and the branch key use it.
  const WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, "g");
  const SPACES = new RegExp(`[${WS}]+`, "g");
  const trim = (s) => s.replace(EDGES, "");
  const branchKey = (s) => s.replace(SPACES, "");
  // Rust orders strings by their UTF-8 bytes: by code points.
  const cmp = (a, b) => {
    if (a === b) return 0;
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
    return x.length - y.length;
  };
  const cmpAll = (a, b) => a.reduce((c, x, i) => c || cmp(x, b[i]), 0);
  const clip = (code) => {
    const s = Array.from(code).slice(0, 24).join("");
    return s.length < code.length ? s + "…" : s;
  };
  const who = (r) => [trim(r.branch), trim(r.name)].filter((s) => s).join(" ");
  const memberKey = (r) => [r.plan, trim(r.branch), trim(r.name)];
  const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s);

  // A text's characters: UTF-8 (a BOM or not), else GB18030 (tally::decode_text).
  function decodeText(bytes) {
    const b = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
    } catch (e) {
      return new TextDecoder("gb18030").decode(b);
    }
  }
  // What `xuexi tally` refuses as no text (a spreadsheet, a picture).
  const notText = (bytes) => (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) || bytes.includes(0);

  // The ledgers of the codes in `sources` ([{ name, text }]), one per plan with members
  // (tally::tally without --plan), with progress as of `asOf`; `w`: the words.
  function tally(w, campaign, shapes, sources, asOf) {
    const codeError = (e, version) =>
      e === "version" ? fill(w.version, { v: version, ours: 1 }) : e === "damaged" ? w.damaged : fill(w.malformed, { why: w["why." + e] });
    const refusal = (r) => {
      if (r.campaign !== campaign) return fill(w.other_campaign, { found: r.campaign, ours: campaign });
      const shape = shapes.find((p) => p.id === r.plan);
      if (!shape) return fill(w.unknown_plan, { plan: r.plan });
      if (r.readings.length !== shape.readings.length) return fill(w.readings_differ, { theirs: r.readings.length, ours: shape.readings.length });
      if (!trim(r.name)) return w.no_name;
      return null;
    };
    const problems = [];
    const good = [];
    const seen = new Map();
    sources.forEach((s, si) => {
      for (const f of find(s.text, "XUEXI")) {
        const full = "XUEXI" + f.version + ":" + f.body;
        const problem = (by, what) => ({ source: s.name, line: f.line, who: by, what, code: clip(full) });
        const got = decode(f.version, f.body);
        if (got.error) {
          problems.push(problem("", codeError(got.error, f.version)));
          continue;
        }
        const r = got.record;
        if (seen.has(full)) {
          problems.push(problem(who(r), fill(w.duplicate, { line: seen.get(full) })));
          continue;
        }
        seen.set(full, f.line);
        const why = refusal(r);
        if (why) problems.push(problem(who(r), why));
        else good.push({ source: si, line: f.line, code: full, record: r });
      }
    });
    const problemOf = (g, what) => ({ source: sources[g.source].name, line: g.line, who: who(g.record), what, code: clip(g.code) });
    // Each member's latest: by export time, then the later in the input.
    const latest = new Map();
    good.forEach((g, i) => {
      const k = JSON.stringify(memberKey(g.record));
      const j = latest.get(k);
      if (j === undefined || !(good[j].record.exported > g.record.exported)) latest.set(k, i);
    });
    good.forEach((g, i) => {
      const newest = latest.get(JSON.stringify(memberKey(g.record)));
      if (newest !== i) problems.push(problemOf(g, fill(w.older, { kept: good[newest].record.exported.replace("T", " ") })));
    });
    // Kept in the order of tally's BTreeMap: plan, 支部, 姓名.
    const kept = Array.from(latest.values(), (i) => good[i]).sort((a, b) => cmpAll(memberKey(a.record), memberKey(b.record)));
    const at = (name) => sources.findIndex((s) => s.name === name);
    const ledgers = [];
    for (const shape of shapes) {
      const mine = kept.filter((g) => g.record.plan === shape.id);
      if (!mine.length) continue;
      const own = [];
      for (const g of mine) for (const q of g.record.quizzes) if (!shape.quizzes.some((s) => s.id === q.id)) own.push(problemOf(g, fill(w.unknown_quiz, { id: q.id })));
      const all = problems.concat(own).sort((a, b) => at(a.source) - at(b.source) || a.line - b.line);
      ledgers.push(ledger(shape, asOf, mine.map((g) => member(shape, g.record, asOf)), all));
    }
    if (!ledgers.length && problems.length && shapes.length) ledgers.push(ledger(shapes[0], asOf, [], problems));
    return ledgers;
  }

  // A member's row (tally::member).
  function member(shape, r, asOf) {
    const done = r.readings.map((x) => (x === "" ? null : x === "?" ? "?" : x <= asOf ? x : null));
    const best = shape.quizzes.map((s) => {
      const q = r.quizzes.find((x) => x.id === s.id);
      return q ? q.best : null;
    });
    const passed = shape.quizzes.filter((s, i) => s.pass != null && best[i] != null && best[i] >= s.pass).length;
    const read = done.filter((x) => x).length;
    const behind = shape.readings.filter((s, i) => !done[i] && isDate(s.due) && s.due <= asOf).length;
    return {
      branch: trim(r.branch),
      name: trim(r.name),
      done,
      best,
      read,
      taken: best.filter((b) => b != null).length,
      passed,
      daily: r.daily.length,
      wrong: r.wrong,
      progress: read === shape.readings.length ? "done" : behind > 0 ? behind : "ok",
      exported: r.exported.replace("T", " "),
    };
  }

  function ledger(shape, asOf, members, problems) {
    members.sort((a, b) => cmpAll([a.branch, a.name], [b.branch, b.name]));
    const readings = shape.readings.map((s, i) => {
      const quiz = shape.quizzes.findIndex((q) => q.id === s.quiz);
      const c = { read: 0, on_time: 0, taken: 0, passed: 0 };
      for (const m of members) {
        const x = m.done[i];
        if (x) c.read++;
        if (x && x !== "?" && isDate(s.due) && x <= s.due) c.on_time++;
        if (quiz >= 0 && m.best[quiz] != null) {
          c.taken++;
          if (shape.quizzes[quiz].pass != null && m.best[quiz] >= shape.quizzes[quiz].pass) c.passed++;
        }
      }
      return c;
    });
    return { plan: shape, as_of: asOf, members, readings, problems, branches: subtotals(members) };
  }

  // A subtotal per branch, in the members' order (tally::subtotals without a roster).
  function subtotals(members) {
    const out = [];
    for (const m of members) {
      let b = out.find((x) => branchKey(x.branch) === branchKey(m.branch));
      if (!b) out.push((b = { branch: trim(m.branch), reported: 0, all_done: 0, on_track: 0, behind: 0, passed: 0 }));
      b.reported++;
      if (m.progress === "done") b.all_done++;
      else if (m.progress === "ok") b.on_track++;
      else b.behind++;
      b.passed += m.passed;
    }
    return out;
  }

  // The tables of tally/write.rs. A cell is text (a string), a count (a number),
  // { date } or { score, pass }; "" is an empty cell.
  function tables(w, l) {
    const p = l.plan;
    const head = [w.number, w.branch, w.name];
    p.readings.forEach((r, i) => head.push(fill(w.reading_head, { n: i + 1, due: r.due.slice(5) })));
    head.push(fill(w.read_total, { n: p.readings.length }));
    p.quizzes.forEach((q) => head.push(q.title));
    head.push(fill(w.taken_total, { n: p.quizzes.length }), fill(w.passed_total, { n: p.quizzes.filter((q) => q.pass != null).length }));
    head.push(w.daily, w.wrong, w.progress, w.exported);
    const progress = (x) => (x === "done" ? w.done : x === "ok" ? w.ok : fill(w.behind, { n: x }));
    const members = {
      name: w.members,
      head,
      rows: l.members.map((m, n) => [
        n + 1,
        m.branch,
        m.name,
        ...m.done.map((x) => (x === "?" ? w.undated : x ? { date: x } : "")),
        m.read,
        ...p.quizzes.map((q, i) => (m.best[i] == null ? "" : { score: m.best[i], pass: q.pass })),
        m.taken,
        m.passed,
        m.daily,
        m.wrong,
        progress(m.progress),
        m.exported,
      ]),
    };
    const total = { branch: w.total, reported: 0, all_done: 0, on_track: 0, behind: 0, passed: 0 };
    const row = (b) => [b.branch, b.reported, b.all_done, b.on_track, b.behind, b.passed];
    const branches = {
      name: w.branches,
      head: [w.col_branch, w.col_reported, w.done, w.ok, w.col_behind, w.col_passed],
      rows: l.branches.map((b) => {
        for (const k of ["reported", "all_done", "on_track", "behind", "passed"]) total[k] += b[k];
        return row(b);
      }),
    };
    branches.rows.push(row(total));
    const n = l.members.length;
    const readings = {
      name: w.readings,
      head: [w.number, w.due, w.reading, fill(w.members_read, { n }), w.on_time, w.rate, w.quiz, w.taken, w.passed_count],
      rows: p.readings.map((r, i) => {
        const c = l.readings[i];
        const q = p.quizzes.find((x) => x.id === r.quiz);
        return [i + 1, r.due, r.title, c.read, c.on_time, n ? Math.floor((c.read * 100 + Math.floor(n / 2)) / n) + "%" : "", q ? q.title : "", q ? c.taken : "", q && q.pass != null ? c.passed : ""];
      }),
    };
    const problems = {
      name: w.problems,
      head: [w.source, w.line, w.branch + " " + w.name, w.problem, w.code],
      rows: l.problems.map((x) => [x.source, x.line, x.who, x.what, x.code]),
    };
    return { members, branches, readings, problems };
  }

  const text = (w, c) =>
    typeof c === "string" ? c : typeof c === "number" || typeof c === "bigint" ? String(c) : c.date || fill(c.pass != null && c.score >= c.pass ? w.score_passed : c.pass != null ? w.score_failed : "{n}", { n: c.score });

  // src/inert.rs, the one rule for CSV cells: text that a spreadsheet would run gets a '.
  const inert = (s) => (/^'*[=+\-@\t\r]/.test(s) ? "'" + s : s);
  // A number as Rust writes an f64: never with an exponent.
  function number(n) {
    if (!Number.isFinite(n)) return inert(Number.isNaN(n) ? "NaN" : n > 0 ? "inf" : "-inf");
    const s = String(n);
    const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!m) return s;
    const digits = m[2] + (m[3] || "");
    const e = +m[4];
    return m[1] + (e >= 0 ? digits + "0".repeat(e + 1 - digits.length) : "0." + "0".repeat(-e - 1) + digits);
  }
  // A cell as the file holds it (before CSV quoting): { text } or { number }.
  const written = (c) => ("number" in c ? number(c.number) : inert(c.text));
  // Rows of such cells as a CSV: UTF-8 with a BOM, quoted where the csv crate quotes.
  const csvOf = (rows) =>
    "\ufeff" +
    rows
      .map((row) => {
        const cells = row.map(written);
        return cells.length === 1 && cells[0] === "" ? '""' : cells.map((s) => (/[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s)).join(",");
      })
      .join("\n") +
    (rows.length ? "\n" : "");
  // The members' table as `xuexi tally --csv` writes it.
  const csv = (w, t) =>
    csvOf([t.head.map((h) => ({ text: h.replace(/\n/g, " ") }))].concat(t.rows.map((row) => row.map((c) => (typeof c === "number" || typeof c === "bigint" ? { number: Number(c) } : { text: text(w, c) })))));

  X.tally = { decode, find, unframe, reader, tally, tables, csv, csvOf, written, decodeText, fill };

  // The page.
  function page(root, t) {
    const w = JSON.parse(root.dataset.words);
    const campaign = root.dataset.campaign;
    const shapes = JSON.parse(root.dataset.plans);
    root.querySelector(".nojs").hidden = true;
    const form = root.querySelector("form.tally-in");
    const out = root.querySelector(".tally-out");
    const status = root.querySelector(".tally-status");
    form.hidden = false;
    form.elements.date.value = X.today();
    let urls = [];
    let last = null;

    const cellOf = (tag, c) => {
      const e = el(tag, typeof c === "string" && Array.from(c).length > 8 ? "l" : "", c && c.date ? c.date.slice(5) : text(w, c));
      return e;
    };
    const el = X.el;
    function table(tb, id) {
      const wrap = el("div", "table-wrap");
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-labelledby", id);
      const tbl = el("table");
      const tr = el("tr");
      for (const h of tb.head) {
        const th = el("th", "", h);
        th.scope = "col";
        tr.append(th);
      }
      tbl.append(el("thead"), el("tbody"));
      tbl.tHead.append(tr);
      for (const row of tb.rows) {
        const r = el("tr");
        row.forEach((c) => r.append(cellOf("td", c)));
        tbl.tBodies[0].append(r);
      }
      wrap.append(tbl);
      return wrap;
    }

    function render() {
      urls.forEach((u) => URL.revokeObjectURL(u));
      urls = [];
      out.textContent = "";
      if (!last) return;
      const asOf = form.elements.date.value || X.today();
      const sources = last.sources;
      const notes = last.notes.slice();
      sources.forEach((s) => notes.push(fill(w.read, { source: s.name, n: find(s.text, "XUEXI").length })));
      const ledgers = sources.some((s) => find(s.text, "XUEXI").length) ? tally(w, campaign, shapes, sources, asOf) : [];
      status.textContent = ledgers.length ? "" : t.none;
      if (notes.length) {
        const ul = el("ul", "tally-read");
        notes.forEach((n) => ul.append(el("li", "", n)));
        out.append(ul);
      }
      ledgers.forEach((l, k) => {
        const tb = tables(w, l);
        const box = el("section", "tally-sheet");
        const id = (s) => "tally-" + k + "-" + s;
        const h2 = el("h2", "", fill(w.title, { plan: l.plan.title, as_of: l.as_of }));
        h2.id = id("title");
        box.append(h2, el("p", "tally-count", fill(t.counted, { m: l.members.length, p: l.problems.length })));
        const file = el("a", "button", t.csv);
        const url = URL.createObjectURL(new Blob([csv(w, tb.members)], { type: "text/csv;charset=utf-8" }));
        urls.push(url);
        file.href = url;
        file.download = t.file + "-" + l.plan.id + "-" + l.as_of + ".csv";
        const print = el("button", "", t.print);
        print.type = "button";
        print.onclick = () => window.print();
        const actions = el("p", "actions");
        actions.append(file, " ", print);
        box.append(actions, el("p", "tally-note", fill(w.note, { n: l.members.length, as_of: l.as_of })));
        box.append(table(tb.members, id("title")), el("p", "sign", w.sign));
        for (const [key, tbl] of [["branches", tb.branches], ["readings", tb.readings], ["problems", tb.problems]]) {
          const h = el("h3", "", tbl.name);
          h.id = id(key);
          box.append(h);
          if (key === "problems" && !tbl.rows.length) box.append(el("p", "", w.no_problems));
          else box.append(table(tbl, h.id));
        }
        out.append(box);
      });
    }

    form.onsubmit = async (e) => {
      e.preventDefault();
      const sources = [];
      const notes = [];
      const pasted = form.elements.text.value;
      if (pasted.trim()) sources.push({ name: t.pasted, text: pasted });
      for (const f of Array.from(form.elements.files.files)) {
        const bytes = new Uint8Array(await f.arrayBuffer());
        if (notText(bytes)) notes.push(fill(w.not_text, { path: f.name }));
        else sources.push({ name: f.name, text: decodeText(bytes) });
      }
      last = { sources, notes };
      render();
      const first = out.querySelector("h2");
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    };
    form.elements.date.onchange = render;
  }

  d.querySelectorAll("article.tally[data-words]").forEach((root) => page(root, JSON.parse(root.dataset.t)));
})();
