// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
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
  // A unit as its everyday twin is read (src/answer.rs, alike): 名 and 位 as 人, 号 as 日.
  const alike = (s) => s.replace(/[名位]/g, "人").replace(/号/g, "日");
  // Whether `input` is an accepted answer of a blank: one of `accepted` alike, or the
  // number an alternative is, with or without the unit the prompt puts after the blank.
  const matches = (input, accepted, after) => {
    const typed = norm(input);
    if (!typed) return false;
    if (accepted.some((a) => norm(a) === typed)) return true;
    const unit = alike(((after || "").trimStart().match(/^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]{1,4}/) || [""])[0]);
    const cs = [...typed];
    const said = [number(typed)];
    for (let k = 1; k <= unit.length && k < cs.length; k++) {
      if (alike(cs.slice(-k).join("")) === unit.slice(0, k)) said.push(number(cs.slice(0, -k).join("")));
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
  // "catch me up" (position -> date); a personal start date ("at my own pace": the plan
  // moved so that the reading due on `at`, the first one unread then, is due that day;
  // without `at`, the campaign's first day); the earlier values, for undo. (`shift`,
  // days added to every unread reading, is an earlier form of moves.)
  const planState = (id) => {
    const st = store ? load("xuexi.plan." + id, {}) : {};
    return { done: st.done || [], moves: st.moves || {}, start: st.start || "", at: st.at || "", shift: st.shift || 0, note: st.note || null, prev: st.prev || [] };
  };
  // The date a reading is due for this reader: `orig` is the plan's date, `camp` the
  // campaign's first day.
  const dueFor = (st, i, orig, camp) => {
    if (st.moves[i]) return st.moves[i];
    if (st.start) return addDays(orig, days(st.at || camp, st.start));
    return st.done.includes(i) ? orig : addDays(orig, st.shift);
  };
  window.xuexi = { store, load, save, el, fmt, norm, matches, today };

  // The reader's own plan: chosen once on the home page, kept on the device.
  const MY_PLAN = "xuexi.myplan";

  // A plan's dated items from its page (`doc`, at `url`): readings (by position) and
  // milestones, each with its date as the plan gives it and its links.
  const planItems = (doc, url, id) => {
    const links = (x) => Array.from(x.querySelectorAll("a"), (a) => ((a = a.cloneNode(true)), (a.href = new URL(a.getAttribute("href"), url).href), a));
    const reading = Array.from(doc.querySelectorAll("tr.reading"), (r) => ({ kind: "reading", plan: id, i: +r.dataset.i, date: r.dataset.due, links: links(r.querySelector(".what")) }));
    const milestone = Array.from(doc.querySelectorAll(".milestones li[data-date]"), (m) => {
      const c = m.cloneNode(true);
      c.querySelectorAll("time, .meta, .note").forEach((x) => x.remove());
      const a = el("a", "", c.textContent.trim());
      a.href = url;
      return { kind: "milestone", plan: id, date: m.dataset.date, links: [a] };
    });
    return reading.concat(milestone);
  };

  // The home page: the reader's plan (the only one, or the one they chose), its next
  // reading and milestone with days left, and how far behind the reader is. With one
  // plan the agenda is in the page (all a reader without JavaScript gets; JS folds
  // it); with several, the reader chooses one and its page is read. After the
  // campaign only a reader who took up a plan at their own pace has a next reading.
  function home(root, t) {
    const box = root.querySelector(".today-now");
    const cards = Array.from(root.querySelectorAll(".cards li[data-plan]"));
    if (!box || !cards.length) return;
    const now = today();
    root.querySelectorAll(".agenda li").forEach((x) => x.classList.toggle("past", x.dataset.date < now));
    const card = (id) => cards.find((c) => c.dataset.plan === id);
    const chosen = cards.length === 1 ? cards[0] : card(store ? load(MY_PLAN, "") : "");
    cards.forEach((c) => c.classList.toggle("mine", c === chosen && cards.length > 1));
    if (!chosen) return choose(root, box, cards, t);
    const id = chosen.dataset.plan;
    const link = chosen.querySelector("a");
    const inline = Array.from(root.querySelectorAll(".agenda li"), (x) => ({ kind: x.dataset.kind, plan: x.dataset.plan, i: +x.dataset.i, date: x.dataset.date, links: Array.from(x.querySelectorAll("a")) }));
    const show = (items) => {
      box.textContent = "";
      if (cards.length > 1) {
        const head = el("p", "my-plan");
        head.append(el("strong", "", t.my_plan + "："), link.cloneNode(true), " ");
        const change = el("button", "link", t.change_plan);
        change.type = "button";
        change.onclick = () => choose(root, box, cards, t, id);
        head.append(change);
        box.append(head);
      }
      agenda(root, box, items, id, link, t, now);
    };
    if (inline.length || cards.length === 1) return show(inline);
    box.setAttribute("aria-busy", "true");
    fetch(link.href)
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        const items = planItems(new DOMParser().parseFromString(html, "text/html"), link.href, id);
        if (!items.length) throw new Error("no schedule");
        show(items);
      })
      .catch(() => {
        show([]);
        const p = el("p", "note", t.plan_unavailable + " ");
        const a = link.cloneNode(true);
        a.textContent = t.see_plan;
        p.append(a);
        box.append(p);
      })
      .finally(() => box.removeAttribute("aria-busy"));
  }

  // Choosing one's plan among several: a list to pick from, kept on the device.
  function choose(root, box, cards, t, current) {
    box.textContent = "";
    const form = el("form", "choose-plan");
    const label = el("label", "", t.choose_plan);
    const select = el("select");
    select.id = label.htmlFor = "my-plan";
    for (const c of cards) {
      const o = el("option", "", c.querySelector("a").textContent);
      o.value = c.dataset.plan;
      o.selected = o.value === current;
      select.append(o);
    }
    const ok = el("button", "", t.choose_ok);
    ok.type = "submit";
    form.append(label, select, " ", ok, el("p", "meta", store ? t.choose_intro : t.no_storage_choice));
    form.onsubmit = (e) => {
      e.preventDefault();
      save(MY_PLAN, select.value);
      home(root, t);
      const mine = root.querySelector(".my-plan, .today-now p");
      if (mine) mine.scrollIntoView({ block: "nearest" });
    };
    box.append(form);
  }

  // The next reading and milestone of one plan's `items`, on the reader's own
  // schedule (done ones drop out, moved ones move), and the readings missed.
  function agenda(root, box, items, id, link, t, now) {
    const { start, end } = root.dataset;
    const over = now > end;
    const st = planState(id);
    const when = (x) => {
      if (x.kind !== "reading") return over ? "" : x.date;
      if (st.done.includes(x.i) || (over && !st.start)) return "";
      return dueFor(st, x.i, x.date, start);
    };
    if (over) {
      box.append(el("p", "", fmt(t.over, { d: end })));
      if (!st.start) box.append(el("p", "note", t.over_own_pace));
    } else if (now < start) box.append(el("p", "", fmt(t.not_started, { d: start })));
    for (const [kind, label] of [["reading", t.next_reading], ["milestone", t.next_milestone]]) {
      const next = items
        .filter((x) => x.kind === kind && when(x) >= now)
        .sort((a, b) => (when(a) < when(b) ? -1 : 1))[0];
      if (!next) continue;
      const date = when(next);
      const n = days(now, date);
      const p = el("p", "next " + kind);
      p.append(el("strong", "", label + "："));
      next.links.forEach((a, j) => p.append(j ? t.list_separator : "", a.cloneNode(true)));
      p.append(" ", el("span", "meta", date + " · " + (n ? fmt(t.days_left, { n }) : t.due_today)));
      box.append(p);
    }
    // Missed readings, as the plan page counts them.
    const behind = items.filter((x) => x.kind === "reading" && when(x) && when(x) < now).length;
    if (behind) {
      const p = el("p", "behind", fmt(t.behind, { n: behind }) + " · ");
      const a = link.cloneNode(true);
      a.textContent = t.see_plan;
      p.append(a);
      box.append(p);
    }
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
    const remember = () => st.prev.push({ moves: st.moves, start: st.start, at: st.at, shift: st.shift, note: st.note });
    const GAP = 3; // days between caught-up readings: about two a week
    // The dates catch-up gives the readings missed: one
    // every GAP days from today, never past the plan's last date; what cannot fit keeps
    // its date. Readings not yet due keep theirs.
    const proposal = () => {
      const now = today();
      const end = last();
      // Missed: due before today, or moved by an earlier catch-up and still unread (so
      // a second one places them again rather than piling more on the same days).
      const missed = unread().filter((r) => due(r) < now || st.moves[index(r)]);
      const moves = {};
      if (!missed.length || end < now) return { moves, placed: 0, n: missed.length, end };
      missed.slice(0, Math.floor(days(now, end) / GAP) + 1).forEach((r, k) => (moves[index(r)] = addDays(now, k * GAP)));
      return { moves, placed: Object.keys(moves).length, n: missed.length, end };
    };
    const catchUp = button(t.catch_up, () => {
      const p = proposal();
      remember();
      st.moves = { ...st.moves, ...p.moves };
      st.note = p.placed < p.n ? { n: p.n, m: p.placed, d: p.end, k: p.n - p.placed } : null;
      save2();
      render();
    });
    // At one's own pace: the first unread reading is due today, the rest keep the plan's
    // spacing after it.
    const ownPace = button(t.own_pace, () => {
      remember();
      st.start = today();
      st.at = unread().map((r) => r.dataset.due).sort()[0] || camp;
      st.moves = {};
      st.shift = 0;
      st.note = null;
      save2();
      render();
    });
    const undo = button(t.undo, () => {
      Object.assign(st, { moves: {}, start: "", at: "", shift: 0, note: null }, st.prev.pop() || {});
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
      const moved = rows.filter((r) => st.moves[index(r)] && !st.done.includes(index(r))).length;
      if (moved && read < rows.length) text += " · " + fmt(t.moved_count, { n: moved });
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
      regroup();
      if (cal) cal.own.hidden = !rows.some((r) => due(r) !== r.dataset.due);
    }

    // The ledger by month on the reader's own dates: a moved reading goes under its new
    // month, in date order; months left empty are hidden.
    const table = root.querySelector("table.ledger");
    const monthOf = (d) => fmt(t.month, { y: +d.slice(0, 4), m: +d.slice(5, 7) });
    function regroup() {
      const bodies = new Map(Array.from(table.tBodies, (b) => [b.querySelector("tr.month th").textContent, b]));
      const order = rows.slice().sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : index(a) - index(b)));
      if (order.every((r, k) => r === rows[k] && r.parentElement === bodies.get(monthOf(due(r))))) return;
      const used = [];
      for (const r of order) {
        const label = monthOf(due(r));
        let b = bodies.get(label);
        if (!b) {
          b = table.tBodies[0].cloneNode(false);
          const head = table.tBodies[0].rows[0].cloneNode(true);
          head.cells[0].textContent = label;
          b.append(head);
          bodies.set(label, b);
        }
        if (!used.includes(b)) used.push(b);
        b.append(r);
      }
      used.forEach((b) => table.append(b));
      bodies.forEach((b) => (b.hidden = !used.includes(b)));
    }

    // The calendar on the reader's own dates: the published .ics with each reading's
    // date replaced (its k-th reading event is the plan's k-th reading, src/emit/ics.rs).
    const link = root.querySelector("a.calendar");
    const cal = link && { own: root.querySelector(".calendar-own") };
    if (cal)
      link.onclick = (e) => {
        if (cal.own.hidden) return;
        e.preventDefault();
        const ymd = (d) => d.replace(/-/g, "");
        const reading = new RegExp("^UID:" + id + "\\.\\d{4}-\\d\\d-\\d\\d\\.", "m");
        fetch(link.href)
          .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
          .then((text) => {
            let k = 0;
            const own = text
              .split("BEGIN:VEVENT")
              .map((ev, j) => {
                if (!j || !reading.test(ev.replace(/\r\n[ \t]/g, ""))) return ev;
                const i = k++;
                const r = rows.find((x) => index(x) === i);
                if (!r) return ev;
                const d = due(r);
                return ev.replace(/^(DTSTART;VALUE=DATE:)\d{8}/m, "$1" + ymd(d)).replace(/^(DTEND;VALUE=DATE:)\d{8}/m, "$1" + ymd(addDays(d, 1)));
              })
              .join("BEGIN:VEVENT");
            const a = el("a");
            a.href = URL.createObjectURL(new Blob([own], { type: "text/calendar" }));
            a.download = link.getAttribute("href").split("/").pop();
            d.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(a.href), 60000);
          })
          .catch(() => (location.href = link.href));
      };
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
