// xuexi.js: what every page of the site does with JavaScript: the text size control,
// the home page's next reading and milestone, progress in a plan (search is search.js,
// offline reading save.js). The pages work without it. It also shares small
// helpers with quiz.js, search.js and save.js as window.xuexi.
"use strict";
(() => {
  const d = document;
  // localStorage, or null where the viewer does not allow it.
  const store = (() => {
    try {
      const s = window.localStorage;
      s.setItem("xuexi.probe", "1");
      s.removeItem("xuexi.probe");
      return s;
    } catch (e) {
      return null;
    }
  })();
  const load = (k, dflt) => {
    try {
      return JSON.parse(store.getItem(k)) || dflt;
    } catch (e) {
      return dflt;
    }
  };
  const save = (k, v) => {
    try {
      store.setItem(k, JSON.stringify(v));
    } catch (e) {
      /* full or gone: keep going without it */
    }
  };

  const el = (tag, cls, text) => {
    const e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const fmt = (s, v) => s.replace(/\{(\w)\}/g, (_, k) => v[k]);
  // Fill-in answers: the rule of src/answer.rs, case for case (tests/answers.json).
  // Full-width and half-width alike, case, spaces, punctuation and symbols ignored.
  const norm = (s) =>
    s
      .normalize("NFKC")
      .toLowerCase()
      .replace(/○/g, "〇")
      .replace(/[\s\p{P}\p{S}]/gu, "");
  const DIGIT = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const PLACE = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8 };
  const LIMIT = 1e15;
  // A number in digits without leading zeros, or null: 1921, 一九二一, 十三, 一百零五.
  const number = (s) => {
    if (!s) return null;
    if (/^[0-9]+$/.test(s)) return s.replace(/^0+(?=.)/, "");
    const cs = [...s];
    if (cs.every((c) => c !== "两" && c in DIGIT)) return number(cs.map((c) => DIGIT[c]).join(""));
    let total = 0;
    let section = 0;
    let num = null;
    for (const c of cs) {
      if (c in DIGIT) {
        num = DIGIT[c];
        continue;
      }
      const place = PLACE[c];
      if (!place) return null;
      if (place < 1e4) section += (num ?? 1) * place;
      else {
        total += Math.max(section + (num ?? 0), 1) * place;
        section = 0;
      }
      num = null;
      if (total + section >= LIMIT) return null;
    }
    const n = total + section + (num ?? 0);
    return n < LIMIT ? String(n) : null;
  };
  // Whether `input` is an accepted answer of a blank: one of `accepted` alike, or the
  // number an alternative is, with or without the unit the prompt puts after the blank.
  const matches = (input, accepted, after) => {
    const typed = norm(input);
    if (!typed) return false;
    if (accepted.some((a) => norm(a) === typed)) return true;
    const unit = ((after || "").trimStart().match(/^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]{1,4}/) || [""])[0];
    const said = [number(typed)];
    for (let k = 1; k <= unit.length; k++) {
      const u = unit.slice(0, k);
      if (typed.length > k && typed.endsWith(u)) said.push(number(typed.slice(0, -k)));
    }
    return accepted.some((a) => {
      a = a.normalize("NFKC").trim();
      return /^[0-9]+$/.test(a) && said.includes(number(a));
    });
  };
  const today = () => {
    const n = new Date();
    const p = (x) => String(x).padStart(2, "0");
    return n.getFullYear() + "-" + p(n.getMonth() + 1) + "-" + p(n.getDate());
  };
  // Dates as "YYYY-MM-DD", counted in whole days.
  const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 864e5);
  const addDays = (a, n) => new Date(Date.parse(a) + n * 864e5).toISOString().slice(0, 10);
  // A reader's progress in a plan: readings done (by position); readings moved by
  // "catch me up" (position -> date); a personal start date ("at my own pace": the whole
  // plan moved so that the campaign's first day is that date); the earlier values, for
  // undo. (`shift`, days added to every unread reading, is an earlier form of moves.)
  const planState = (id) => {
    const st = store ? load("xuexi.plan." + id, {}) : {};
    return { done: st.done || [], moves: st.moves || {}, start: st.start || "", shift: st.shift || 0, note: st.note || null, prev: st.prev || [] };
  };
  // The date a reading is due for this reader: `orig` is the plan's date, `camp` the
  // campaign's first day.
  const dueFor = (st, i, orig, camp) => {
    if (st.moves[i]) return st.moves[i];
    if (st.done.includes(i)) return st.start ? addDays(orig, days(camp, st.start)) : orig;
    return addDays(orig, st.start ? days(camp, st.start) : st.shift);
  };
  window.xuexi = { store, load, save, el, fmt, norm, matches, today };

  // The home page: the next reading and the next milestone, with days left, and how
  // far behind the reader is. The full agenda stays below (it is all a reader without
  // JavaScript gets); JS folds it. After the campaign only a reader who took up a plan
  // at their own pace has a next reading.
  function home(root, t) {
    const items = Array.from(root.querySelectorAll(".agenda li"));
    const now = today();
    const box = root.querySelector(".today-now");
    if (!box || !items.length) return;
    const { start, end } = root.dataset;
    const over = now > end;
    box.textContent = "";
    const plans = {};
    const state = (id) => (plans[id] ||= planState(id));
    // Readings follow the reader's own schedule: done ones drop out, moved ones move.
    const when = (x) => {
      if (x.dataset.kind !== "reading") return over ? "" : x.dataset.date;
      const st = state(x.dataset.plan);
      const i = +x.dataset.i;
      if (st.done.includes(i) || (over && !st.start)) return "";
      return dueFor(st, i, x.dataset.date, start);
    };
    if (over) {
      box.append(el("p", "", fmt(t.over, { d: end })));
      if (!items.some((x) => x.dataset.kind === "reading" && state(x.dataset.plan).start)) box.append(el("p", "note", t.over_own_pace));
    } else if (now < start) box.append(el("p", "", fmt(t.not_started, { d: start })));
    for (const [kind, label] of [["reading", t.next_reading], ["milestone", t.next_milestone]]) {
      const next = items
        .filter((x) => x.dataset.kind === kind && when(x) >= now)
        .sort((a, b) => (when(a) < when(b) ? -1 : 1))[0];
      if (!next) continue;
      const date = when(next);
      const n = days(now, date);
      const p = el("p", "next " + kind);
      p.append(el("strong", "", label + "："));
      next.querySelectorAll("a").forEach((a, j) => p.append(j ? t.list_separator : "", a.cloneNode(true)));
      p.append(" ", el("span", "meta", date + " · " + (n ? fmt(t.days_left, { n }) : t.due_today)));
      box.append(p);
    }
    // Missed readings, by plan, as the plan page counts them.
    const cards = root.querySelectorAll(".cards li[data-plan]");
    cards.forEach((card) => {
      const id = card.dataset.plan;
      const behind = items.filter((x) => x.dataset.kind === "reading" && x.dataset.plan === id && when(x) && when(x) < now).length;
      if (!behind) return;
      const p = el("p", "behind", fmt(t.behind, { n: behind }) + " · ");
      const a = card.querySelector("a").cloneNode(true);
      a.textContent = t.see_plan;
      p.append(a);
      box.append(p);
    });
    items.forEach((x) => x.classList.toggle("past", x.dataset.date < now));
  }

  // A plan: tick readings as done, see how far along you are, catch up when behind
  // (never past the plan's last date: what cannot fit is said), and after the campaign,
  // take the plan up again at your own pace.
  function plan(root, t) {
    const id = root.dataset.plan;
    const camp = root.dataset.start;
    const rows = Array.from(root.querySelectorAll("tr.reading"));
    const box = root.querySelector(".progress-box");
    if (!rows.length || !box) return;
    const st = planState(id);
    box.textContent = "";
    const bar = el("progress");
    bar.max = rows.length;
    const status = el("p", "progress-status");
    status.setAttribute("role", "status");
    const note = el("p", "catch-up-note");
    const actions = el("div", "actions");
    box.append(bar, status, note, actions);
    const save2 = () => store && save("xuexi.plan." + id, st);
    const button = (text, fn) => {
      const b = el("button", "", text);
      b.type = "button";
      b.onclick = fn;
      actions.append(b);
      return b;
    };
    const index = (r) => +r.dataset.i;
    const due = (r) => dueFor(st, index(r), r.dataset.due, camp);
    const unread = () => rows.filter((r) => !st.done.includes(index(r)));
    // The plan's last date, on the reader's own schedule.
    const last = () => rows.map((r) => dueFor({ ...st, moves: {}, done: [] }, index(r), r.dataset.due, camp)).sort().pop();
    const remember = () => st.prev.push({ moves: st.moves, start: st.start, shift: st.shift, note: st.note });
    const GAP = 3; // days between readings at the quickest pace: about two a week
    // The dates catch-up would give the unread readings from today: the plan's spacing
    // if it fits before the plan's end; else spread evenly, at most one every GAP days;
    // what still cannot fit keeps its date.
    const proposal = () => {
      const now = today();
      const end = last();
      const un = unread();
      const moves = {};
      if (!un.length || end < now) return { moves, placed: 0 };
      const shift = days(due(un[0]), now);
      const span = days(now, end);
      if (shift <= 0) return { moves, placed: un.length };
      if (addDays(due(un[un.length - 1]), shift) <= end) un.forEach((r) => (moves[index(r)] = addDays(due(r), shift)));
      else if (un.length === 1 || span / (un.length - 1) >= GAP) un.forEach((r, k) => (moves[index(r)] = addDays(now, un.length === 1 ? 0 : Math.round((k * span) / (un.length - 1)))));
      else un.slice(0, Math.floor(span / GAP) + 1).forEach((r, k) => (moves[index(r)] = addDays(now, k * GAP)));
      return { moves, placed: Object.keys(moves).length, end, n: un.length };
    };
    const catchUp = button(t.catch_up, () => {
      const p = proposal();
      remember();
      st.moves = { ...st.moves, ...p.moves };
      st.note = p.placed < p.n ? { n: p.n, m: p.placed, d: p.end, k: p.n - p.placed } : null;
      save2();
      render();
    });
    const ownPace = button(t.own_pace, () => {
      remember();
      st.start = today();
      st.moves = {};
      st.shift = 0;
      st.note = null;
      save2();
      render();
    });
    const undo = button(t.undo, () => {
      Object.assign(st, { moves: {}, start: "", shift: 0, note: null }, st.prev.pop() || {});
      save2();
      render();
    });
    if (!store) box.append(el("p", "note", t.no_storage_plan));
    rows.forEach((r) => {
      const cb = el("input");
      cb.type = "checkbox";
      cb.checked = st.done.includes(index(r));
      const titles = Array.from(r.querySelectorAll(".what a"), (a) => a.textContent).join(t.list_separator);
      cb.setAttribute("aria-label", fmt(t.done_label, { t: titles }));
      cb.onchange = () => {
        const i = index(r);
        st.done = cb.checked ? st.done.concat(i) : st.done.filter((x) => x !== i);
        const tk = load("xuexi.ticked." + id, {}); // the day, for record.js
        tk[i] = cb.checked ? today() : void 0;
        save("xuexi.ticked." + id, tk);
        save2();
        render();
      };
      const l = el("label", "tick");
      l.append(cb, " " + t.done);
      r.querySelector(".n").append(" ", l);
    });
    function render() {
      const now = today();
      const ended = now > root.dataset.end && !st.start;
      let behind = 0;
      rows.forEach((r) => {
        const d = due(r);
        const read = st.done.includes(index(r));
        const time = r.querySelector(".due time");
        time.textContent = d;
        time.dateTime = d;
        let moved = r.querySelector(".moved");
        if (d !== r.dataset.due) {
          if (!moved) time.after((moved = el("span", "moved meta")));
          moved.textContent = " " + fmt(t.moved, { d: r.dataset.due });
        } else if (moved) moved.remove();
        if (!read && d < now) behind++;
        r.classList.toggle("read", read);
        r.classList.toggle("past", d < now);
        r.classList.toggle("today", d === now);
      });
      const read = rows.length - unread().length;
      bar.value = read;
      // The plan runs from the campaign's first day (or the reader's own start).
      const first = st.start || root.dataset.start;
      let text = fmt(t.read_count, { r: read, n: rows.length }) + " · ";
      if (read === rows.length) text += t.all_done;
      else if (ended) text = (read ? text : "") + fmt(t.ended, { d: root.dataset.end });
      else if (now < first && !behind) text += fmt(t.plan_soon, { d: first });
      else text += behind ? fmt(t.behind, { n: behind }) : t.on_track;
      if (st.start) text += " · " + fmt(t.own_pace_on, { d: st.start });
      status.textContent = text;
      note.textContent = st.note && read < rows.length ? fmt(t.catch_up_partial, st.note) : "";
      const p = proposal();
      catchUp.hidden = !behind || ended || !Object.keys(p.moves).some((i) => p.moves[i] !== st.moves[i]);
      // After the plan's last date (and after the campaign), the plan can run again.
      ownPace.hidden = !!st.start || now <= last() || read === rows.length;
      undo.hidden = !st.prev.length;
      root.querySelectorAll("li[data-date]").forEach((li) => {
        li.classList.toggle("past", li.dataset.date < now);
        li.classList.toggle("today", li.dataset.date === now);
      });
    }
    render();
  }

  // Font size (A- / A+), kept on the device where storage allows.
  const sizes = ["fs-s", "", "fs-l", "fs-xl", "fs-xxl"];
  const fs = d.querySelector(".font-size");
  if (fs) {
    const html = d.documentElement;
    let i = store ? +store.getItem("xuexi.fs") : 1;
    if (!(i >= 0 && i < sizes.length) || (store && store.getItem("xuexi.fs") === null)) i = 1;
    const apply = () => {
      sizes.forEach((c) => c && html.classList.remove(c));
      if (sizes[i]) html.classList.add(sizes[i]);
    };
    apply();
    fs.hidden = false;
    fs.querySelectorAll("button").forEach((b) => {
      b.onclick = () => {
        i = Math.min(sizes.length - 1, Math.max(0, i + +b.dataset.step));
        apply();
        if (store) store.setItem("xuexi.fs", i);
      };
    });
  }

  d.querySelectorAll("[data-t]").forEach((root) => {
    const t = JSON.parse(root.dataset.t);
    if (root.classList.contains("home")) home(root, t);
    else if (root.classList.contains("plan")) plan(root, t);
  });
})();
