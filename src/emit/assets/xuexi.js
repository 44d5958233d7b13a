// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
// xuexi.js: what every page of the site does with JavaScript: the text size control,
// the home page's next reading and milestone (a plan's page is plan.js, search
// search.js, offline reading save.js). The pages work without it. It also shares small
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

  // Every name the reader's data is kept under, in one place: quiz.js, save.js,
  // record.js and tasks.js (the unit chosen, its tasks, 填报人) take them from here; sw.js keeps its cache under `cache` and marks the
  // pages the reader opened with the header `opened` too (a test checks that it says
  // the same).
  const KEYS = {
    plan: (id) => "xuexi.plan." + id,
    ticked: (id) => "xuexi.ticked." + id,
    history: (id) => "xuexi.history." + id,
    wrong: "xuexi.wrong",
    me: "xuexi.me",
    myPlan: "xuexi.myplan",
    fontSize: "xuexi.fs",
    link: "xuexi.link",
    unit: "xuexi.unit",
    unitTasks: (id) => "xuexi.tasks." + id,
    by: "xuexi.by",
    cache: "xuexi-site",
    opened: "x-xuexi-opened",
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
    const st = store ? load(KEYS.plan(id), {}) : {};
    return { done: st.done || [], moves: st.moves || {}, start: st.start || "", at: st.at || "", shift: st.shift || 0, note: st.note || null, prev: st.prev || [] };
  };
  // The date a reading is due for this reader: `orig` is the plan's date, `camp` the
  // campaign's first day. A reading read keeps its date (the plan's, or the one
  // catch-up gave it).
  const dueFor = (st, i, orig, camp) => {
    if (st.moves[i]) return st.moves[i];
    if (st.done.includes(i)) return orig;
    return addDays(orig, st.start ? days(st.at || camp, st.start) : st.shift);
  };
  window.xuexi = { keys: KEYS, store, load, save, el, fmt, norm, matches, today, days, addDays, planState, dueFor };

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
    const card = (id) => cards.find((c) => c.dataset.plan === id);
    const chosen = cards.length === 1 ? cards[0] : card(store ? load(KEYS.myPlan, "") : "");
    cards.forEach((c) => c.classList.toggle("mine", c === chosen && cards.length > 1));
    if (!chosen) return choose(root, box, cards, t);
    const id = chosen.dataset.plan;
    const link = chosen.querySelector("a");
    const inline = Array.from(root.querySelectorAll(".agenda li"), (x) => ({ li: x, kind: x.dataset.kind, plan: x.dataset.plan, i: +x.dataset.i, date: x.dataset.date, links: Array.from(x.querySelectorAll("a")) }));
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
      save(KEYS.myPlan, select.value);
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
    // The agenda in the page on the reader's dates, in their order: read ones marked.
    const listed = items.filter((x) => x.li);
    listed.forEach((x) => {
      const date = x.kind === "reading" ? dueFor(st, x.i, x.date, start) : x.date;
      const time = x.li.querySelector("time");
      time.textContent = time.dateTime = x.at = date;
      const read = x.kind === "reading" && st.done.includes(x.i);
      x.li.classList.toggle("past", date < now);
      let mark = x.li.querySelector(".done-mark");
      if (read && !mark) x.li.append((mark = el("span", "done-mark meta", " · " + t.done)));
      if (!read && mark) mark.remove();
    });
    listed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).forEach((x) => x.li.parentNode.append(x.li));
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

  // Font size (A- / A+), kept on the device where storage allows.
  const sizes = ["fs-s", "", "fs-l", "fs-xl", "fs-xxl"];
  const fs = d.querySelector(".font-size");
  if (fs) {
    const html = d.documentElement;
    let i = store ? +store.getItem(KEYS.fontSize) : 1;
    if (!(i >= 0 && i < sizes.length) || (store && store.getItem(KEYS.fontSize) === null)) i = 1;
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
        if (store) store.setItem(KEYS.fontSize, i);
      };
    });
  }

  d.querySelectorAll("[data-t]").forEach((root) => {
    const t = JSON.parse(root.dataset.t);
    if (root.classList.contains("home")) home(root, t);
  });
})();
