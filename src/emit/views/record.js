// record.js: 我的学习记录. Reads what this device keeps about the campaign (the keys
// xuexi.js and quiz.js write), shows it, and exports it for the branch as a record
// code (docs/record-code.zh-CN.md; read by `xuexi tally`): a text block to paste into
// WeChat or QQ, a QR code drawn here, and a file. Nothing is sent anywhere. Uses the
// helpers xuexi.js shares as window.xuexi; exposes window.xuexi.record for the tests,
// for tasks.js (the byte rules of codes and the QR code) and for tally.js (the CRC-32
// and day numbers its reader shares).
"use strict";
(() => {
  const d = document;
  const X = window.xuexi;
  if (!X) return;
  const { keys, store, load, save, el, fmt, today } = X;

  // The code: varints and length-prefixed UTF-8, a CRC-32, base64url (tally/code.rs
  // reads it; tests/record-codes.json holds cases both sides check).
  const DAY = 864e5;
  const EPOCH = Date.UTC(2000, 0, 1);
  const dayNumber = (s) => Math.round((Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) - EPOCH) / DAY);
  const CRC = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  // The bytes of a code (src/codebytes.rs, shared with the receipt codes of tasks.js):
  // varints, length-prefixed UTF-8, days since 2000-01-01, then `frame` appends the
  // CRC-32 and writes `PREFIX:` and the base64url text.
  function writer() {
    const b = [];
    const uint = (v) => {
      while (v > 127) {
        b.push((v % 128) | 128);
        v = Math.floor(v / 128);
      }
      b.push(v);
    };
    const str = (s) => {
      const u = new TextEncoder().encode(s);
      uint(u.length);
      b.push(...u);
    };
    const frame = (prefix) => {
      const c = crc32(b);
      b.push(c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255);
      const b64 = btoa(String.fromCharCode(...b));
      return prefix + ":" + b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    };
    return { b, uint, str, frame };
  }
  // `2021-05-20T18:30` as minutes since 2000-01-01 00:00.
  const minutes = (t) => dayNumber(t.slice(0, 10)) * 1440 + +t.slice(11, 13) * 60 + +t.slice(14, 16);
  function encode(r) {
    const { b, uint, str, frame } = writer();
    [r.campaign, r.plan, r.name, r.branch].forEach(str);
    uint(minutes(r.exported));
    uint(r.readings.length);
    r.readings.forEach((x) => uint(x === "" ? 0 : x === "?" ? 1 : dayNumber(x) + 2));
    uint(r.quizzes.length);
    for (const q of r.quizzes) {
      str(q.id);
      [q.attempts, q.best, dayNumber(q.best_on), q.latest, dayNumber(q.latest_on)].forEach(uint);
    }
    uint(r.wrong);
    const days = r.daily.map(dayNumber);
    uint(days.length);
    if (days.length) {
      const first = Math.min(...days);
      const span = Math.max(...days) - first + 1;
      uint(first);
      uint(span);
      const bits = new Array(Math.ceil(span / 8)).fill(0);
      days.forEach((x) => (bits[(x - first) >> 3] |= 1 << ((x - first) & 7)));
      b.push(...bits);
    }
    return frame("XUEXI1");
  }

  // What this device holds about `plan` (its shape from the page: readings by position,
  // quizzes). Keys: xuexi.plan.<id> (done positions), xuexi.ticked.<id> (position ->
  // the day it was ticked), xuexi.history.<quiz> (attempts, newest first),
  // xuexi.history.day-<date> (a daily set finished that day), xuexi.wrong (the 错题本).
  function gather(campaign, plan, who) {
    const done = store ? load(keys.plan(plan.id), {}).done || [] : [];
    const ticked = store ? load(keys.ticked(plan.id), {}) : {};
    const quizzes = [];
    for (const q of plan.quizzes) {
      const h = store ? load(keys.history(q.id), []) : [];
      if (!h.length) continue;
      const best = Math.max(...h.map((x) => x.s));
      const first = h.slice().reverse().find((x) => x.s === best);
      quizzes.push({ id: q.id, attempts: h.length, best, best_on: first.d, latest: h[0].s, latest_on: h[0].d });
    }
    const daily = [];
    for (let i = 0; store && i < store.length; i++) {
      const m = /^xuexi\.history\.day-(\d{4}-\d{2}-\d{2})$/.exec(store.key(i));
      if (m && load(m[0], []).length) daily.push(m[1]);
    }
    daily.sort();
    const n = new Date();
    const p = (x) => String(x).padStart(2, "0");
    return {
      campaign,
      plan: plan.id,
      name: who.name,
      branch: who.branch,
      exported: today() + "T" + p(n.getHours()) + ":" + p(n.getMinutes()),
      readings: plan.readings.map((_, i) => (done.includes(i) ? ticked[i] || "?" : "")),
      quizzes,
      wrong: store ? Object.keys(load(keys.wrong, {})).length : 0,
      daily,
    };
  }

  // QR code (ISO/IEC 18004), byte mode, error correction M (L when M cannot hold the
  // text): returns the modules as rows of booleans, or null if the text is too long.
  const ECC = {
    // codewords per block, blocks, by version 1..40; format bits
    M: [[10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28], [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49], 0],
    L: [[7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30], [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25], 1],
  };
  const rawModules = (v) => {
    let r = (16 * v + 128) * v + 64;
    if (v >= 2) {
      const na = Math.floor(v / 7) + 2;
      r -= (25 * na - 10) * na - 55;
      if (v >= 7) r -= 36;
    }
    return r;
  };
  const gfMul = (x, y) => {
    let z = 0;
    for (let i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z;
  };
  const rsRemainder = (data, degree) => {
    const div = new Array(degree).fill(0);
    div[degree - 1] = 1;
    let root = 1;
    for (let i = 0; i < degree; i++) {
      for (let j = 0; j < degree; j++) {
        div[j] = gfMul(div[j], root);
        if (j + 1 < degree) div[j] ^= div[j + 1];
      }
      root = gfMul(root, 2);
    }
    const out = new Array(degree).fill(0);
    for (const b of data) {
      const f = b ^ out.shift();
      out.push(0);
      div.forEach((c, i) => (out[i] ^= gfMul(c, f)));
    }
    return out;
  };
  function qr(text) {
    const data = new TextEncoder().encode(text);
    let v = 0;
    let level = null;
    for (const l of ["M", "L"]) {
      for (let k = 1; k <= 40 && !v; k++) {
        const cap = (Math.floor(rawModules(k) / 8) - ECC[l][0][k - 1] * ECC[l][1][k - 1]) * 8;
        if (4 + (k < 10 ? 8 : 16) + data.length * 8 <= cap) v = k;
      }
      if (v) {
        level = l;
        break;
      }
    }
    if (!v) return null;
    const [eccPer, blocksBy, fmtBits] = ECC[level];
    const ecLen = eccPer[v - 1];
    const nBlocks = blocksBy[v - 1];
    const raw = Math.floor(rawModules(v) / 8);
    const capBits = (raw - ecLen * nBlocks) * 8;
    // Data bits: mode, count, bytes, terminator, padding.
    const bits = [];
    const put = (val, n) => {
      for (let i = n - 1; i >= 0; i--) bits.push((val >>> i) & 1);
    };
    put(4, 4);
    put(data.length, v < 10 ? 8 : 16);
    data.forEach((x) => put(x, 8));
    put(0, Math.min(4, capBits - bits.length));
    put(0, (8 - (bits.length % 8)) % 8);
    for (let pad = 0xec; bits.length < capBits; pad ^= 0xec ^ 0x11) put(pad, 8);
    const words = [];
    for (let i = 0; i < bits.length; i += 8) words.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    // Blocks with their error correction, interleaved.
    const short = nBlocks - (raw % nBlocks);
    const shortLen = Math.floor(raw / nBlocks);
    const blocks = [];
    for (let i = 0, k = 0; i < nBlocks; i++) {
      const dat = words.slice(k, k + shortLen - ecLen + (i < short ? 0 : 1));
      k += dat.length;
      const ecc = rsRemainder(dat, ecLen);
      if (i < short) dat.push(0);
      blocks.push(dat.concat(ecc));
    }
    const all = [];
    for (let i = 0; i < blocks[0].length; i++) {
      blocks.forEach((b, j) => {
        if (i !== shortLen - ecLen || j >= short) all.push(b[i]);
      });
    }
    // The matrix.
    const size = v * 4 + 17;
    const m = Array.from({ length: size }, () => new Array(size).fill(false));
    const fn = Array.from({ length: size }, () => new Array(size).fill(false));
    const set = (x, y, dark) => {
      m[y][x] = dark;
      fn[y][x] = true;
    };
    for (let i = 0; i < size; i++) {
      set(6, i, i % 2 === 0);
      set(i, 6, i % 2 === 0);
    }
    for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const dist = Math.max(Math.abs(dx), Math.abs(dy));
          const x = cx + dx;
          const y = cy + dy;
          if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, dist !== 2 && dist !== 4);
        }
      }
    }
    if (v > 1) {
      const na = Math.floor(v / 7) + 2;
      const step = Math.floor((v * 8 + na * 3 + 5) / (na * 4 - 4)) * 2;
      const pos = [6];
      for (let p = size - 7; pos.length < na; p -= step) pos.splice(1, 0, p);
      pos.forEach((x, i) =>
        pos.forEach((y, j) => {
          if ((i === 0 && j === 0) || (i === 0 && j === na - 1) || (i === na - 1 && j === 0)) return;
          for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(x + dx, y + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }),
      );
    }
    const format = (mask) => {
      const dat = (fmtBits << 3) | mask;
      let rem = dat;
      for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
      const f = ((dat << 10) | rem) ^ 0x5412;
      const bit = (i) => ((f >>> i) & 1) === 1;
      for (let i = 0; i <= 5; i++) set(8, i, bit(i));
      set(8, 7, bit(6));
      set(8, 8, bit(7));
      set(7, 8, bit(8));
      for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
      for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i));
      for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i));
      set(8, size - 8, true);
    };
    format(0);
    if (v >= 7) {
      let rem = v;
      for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      const vb = (v << 12) | rem;
      for (let i = 0; i < 18; i++) {
        const dark = ((vb >>> i) & 1) === 1;
        const a = size - 11 + (i % 3);
        const b = Math.floor(i / 3);
        set(a, b, dark);
        set(b, a, dark);
      }
    }
    let i = 0;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
          if (!fn[y][x] && i < all.length * 8) {
            m[y][x] = ((all[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
            i++;
          }
        }
      }
    }
    const MASKS = [
      (x, y) => (x + y) % 2 === 0,
      (x, y) => y % 2 === 0,
      (x) => x % 3 === 0,
      (x, y) => (x + y) % 3 === 0,
      (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
      (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
      (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
      (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
    ];
    const mask = (k) => {
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (!fn[y][x] && MASKS[k](x, y)) m[y][x] = !m[y][x];
    };
    // The penalty of the standard: runs, 2x2 blocks, finder-like patterns, balance.
    const penalty = () => {
      let p = 0;
      let dark = 0;
      const FINDER = [
        [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1],
      ];
      for (let a = 0; a < size; a++) {
        for (const line of [m[a], m.map((row) => row[a])]) {
          let run = 1;
          for (let b = 1; b <= size; b++) {
            if (b < size && line[b] === line[b - 1]) run++;
            else {
              if (run >= 5) p += run - 2;
              run = 1;
            }
          }
          for (let b = 0; b + 11 <= size; b++) for (const f of FINDER) if (f.every((bit, k) => line[b + k] === (bit === 1))) p += 40;
        }
        for (let b = 0; b < size; b++) {
          if (m[a][b]) dark++;
          if (a + 1 < size && b + 1 < size && m[a][b] === m[a][b + 1] && m[a][b] === m[a + 1][b] && m[a][b] === m[a + 1][b + 1]) p += 3;
        }
      }
      const total = size * size;
      return p + (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
    };
    let best = 0;
    let least = Infinity;
    for (let k = 0; k < 8; k++) {
      mask(k);
      format(k);
      const p = penalty();
      if (p < least) {
        least = p;
        best = k;
      }
      mask(k);
    }
    mask(best);
    format(best);
    return m;
  }

  // A QR code as a PNG image (an <img> can be long-pressed to save or forward).
  function qrImage(modules, alt) {
    const n = modules.length + 8;
    const scale = Math.max(2, Math.floor(600 / n));
    const c = el("canvas");
    c.width = c.height = n * scale;
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = "#000";
    modules.forEach((row, y) => row.forEach((dark, x) => dark && g.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale)));
    const img = el("img", "qr");
    img.src = c.toDataURL("image/png");
    img.alt = alt;
    img.width = img.height = 280;
    return img;
  }

  X.record = { encode, gather, qr, qrImage, writer, crc32, dayNumber, minutes };

  // The page.
  function page(root, t) {
    const campaign = root.dataset.campaign;
    const plans = JSON.parse(root.dataset.plans);
    if (!plans.length) return;
    root.querySelector(".nojs").hidden = true;
    const app = root.querySelector(".record-app");
    app.hidden = false;
    const mine = app.querySelector(".mine");
    const form = app.querySelector("form.who");
    const out = app.querySelector(".out");
    if (!store) {
      mine.append(el("p", "note", t.rec_no_storage));
      app.querySelector(".send").hidden = true;
      return;
    }
    const me = load(keys.me, {});
    const select = form.querySelector("select");
    if (select) {
      plans.forEach((p) => select.append(new Option(p.title, p.id)));
      // The plan the reader has ticked most in, unless they picked one.
      const ticks = (p) => (load(keys.plan(p.id), {}).done || []).length;
      const pick = plans.find((p) => p.id === me.plan) || plans.slice().sort((a, b) => ticks(b) - ticks(a))[0];
      select.value = pick.id;
    }
    form.elements.name.value = me.name || "";
    form.elements.branch.value = me.branch || "";
    form.onsubmit = (e) => e.preventDefault();

    let url = "";
    function render() {
      const plan = plans.find((p) => p.id === (select ? select.value : plans[0].id)) || plans[0];
      const who = { name: form.elements.name.value.trim(), branch: form.elements.branch.value.trim() };
      save(keys.me, { ...who, plan: plan.id });
      const r = gather(campaign, plan, who);
      const read = r.readings.filter((x) => x).length;
      const sums = { r: read, n: r.readings.length, q: r.quizzes.length, m: plan.quizzes.length, d: r.daily.length, w: r.wrong };
      mine.textContent = "";
      mine.append(el("h2", "", plan.title), el("p", "summary-line", fmt(t.rec_summary, sums)));
      if (plan.quizzes.length) {
        mine.append(el("h3", "", t.rec_quizzes));
        const ul = el("ul", "record-quizzes");
        for (const q of plan.quizzes) {
          const s = r.quizzes.find((x) => x.id === q.id);
          const li = el("li", "", q.title + "：");
          if (!s) li.append(el("span", "meta", t.rec_quiz_none));
          else {
            li.append(fmt(t.rec_quiz, { b: s.best, x: s.best_on, l: s.latest, y: s.latest_on, k: s.attempts }));
            if (q.pass) li.append(" ", el("strong", s.best >= q.pass ? "pass" : "fail", s.best >= q.pass ? t.rec_passed : t.rec_failed));
          }
          ul.append(li);
        }
        mine.append(ul);
      }
      const daily = fmt(t.rec_daily, { n: r.daily.length }) + (r.daily.length ? fmt(t.rec_daily_last, { d: r.daily[r.daily.length - 1] }) : "");
      mine.append(el("p", "", daily + " · " + fmt(t.rec_wrong, { n: r.wrong })));
      if (plan.readings.length) {
        // The readings fold away: the summary above says how many are read.
        const box = el("details", "record-readings-box");
        box.append(el("summary", "", t.rec_readings + "（" + fmt(t.read_count, sums) + "）"));
        const table = el("table", "record-readings");
        const head = el("tr");
        for (const h of [t.rec_h_due, t.rec_h_reading, t.rec_h_done]) {
          const th = el("th", "", h);
          th.scope = "col";
          head.append(th);
        }
        table.append(el("thead"), el("tbody"));
        table.tHead.append(head);
        plan.readings.forEach((x, i) => {
          const v = r.readings[i];
          const tr = el("tr", v ? "read" : "");
          tr.append(el("td", "date", x.due.slice(5)), el("td", "", x.title), el("td", "date", v === "?" ? t.rec_undated : v ? v.slice(5) : t.rec_unread));
          table.tBodies[0].append(tr);
        });
        box.append(table);
        mine.append(box);
      }

      out.textContent = "";
      if (!who.name || !who.branch) return out.append(el("p", "note", t.rec_need_name));
      const code = encode(r);
      const text = fmt(t.rec_line, { ...sums, a: who.name, b: who.branch }) + "\n" + code;
      const box = el("textarea", "code");
      box.readOnly = true;
      box.rows = 5;
      box.value = text;
      box.setAttribute("aria-label", t.rec_line.split("】")[0].replace("【", ""));
      const status = el("p", "note copy-status");
      status.setAttribute("role", "status");
      const copy = el("button", "", t.rec_copy);
      copy.type = "button";
      copy.onclick = () => {
        const fallback = () => {
          box.focus();
          box.select();
          let ok = false;
          try {
            ok = d.execCommand("copy");
          } catch (e) {
            ok = false;
          }
          status.textContent = ok ? t.rec_copied : t.rec_copy_failed;
        };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(() => (status.textContent = t.rec_copied), fallback);
        else fallback();
      };
      if (url) URL.revokeObjectURL(url);
      const file = el("a", "button", t.rec_download);
      file.href = url = URL.createObjectURL(new Blob(["\ufeff" + text + "\n"], { type: "text/plain;charset=utf-8" }));
      file.download = t.rec_file + "-" + who.name + "-" + today() + ".txt";
      const actions = el("p", "actions");
      actions.append(copy, " ", file);
      out.append(box, actions, status);
      const modules = qr(code);
      if (modules) out.append(qrImage(modules, t.rec_qr_alt), el("p", "note", t.rec_qr));
      else out.append(el("p", "note", t.rec_too_long));
    }
    // Typing redraws; leaving a field (change) does not, so a tap on a button that
    // takes the focus away lands on the button it saw.
    form.oninput = render;
    render();
  }

  d.querySelectorAll("article.record[data-t]").forEach((root) => page(root, JSON.parse(root.dataset.t)));
})();
