// xuexi.js: what every page of the site does with JavaScript: offline reading (the
// service worker), the text size control, the home page's next reading and milestone,
// progress in a plan, and search. The pages work without it. It also shares small
// helpers with quiz.js as window.xuexi.
"use strict";
(() => {
  const d = document;
  // Offline after one visit: the service worker sits beside this script at the site root.
  if ("serviceWorker" in navigator && location.protocol !== "file:" && d.currentScript) {
    navigator.serviceWorker.register(new URL("sw.js", d.currentScript.src)).catch(() => {});
  }
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
  // Forgiving comparison for fill-in answers: full-width and half-width alike, case,
  // spaces and punctuation ignored.
  const norm = (s) => s.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");
  const today = () => {
    const n = new Date();
    const p = (x) => String(x).padStart(2, "0");
    return n.getFullYear() + "-" + p(n.getMonth() + 1) + "-" + p(n.getDate());
  };
  // Dates as "YYYY-MM-DD", counted in whole days.
  const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 864e5);
  const addDays = (a, n) => new Date(Date.parse(a) + n * 864e5).toISOString().slice(0, 10);
  // A reader's progress in a plan: readings done (by position), and how many days the
  // unread ones were moved by "catch me up" (with the earlier values, for undo).
  const planState = (id) => {
    const st = store ? load("xuexi.plan." + id, {}) : {};
    return { done: st.done || [], shift: st.shift || 0, prev: st.prev || [] };
  };
  window.xuexi = { store, load, save, el, fmt, norm, today };

  // The search page: loads the index script, then matches as the reader types. Chinese
  // has no spaces between words, so a query matches anywhere in the text.
  function search(root, t) {
    const form = root.querySelector("form");
    const input = form.querySelector("input");
    const status = root.querySelector(".search-status");
    const results = root.querySelector(".results");
    root.querySelector(".nojs").hidden = true;
    let data = null;
    const go = () => {
      const raw = input.value.trim();
      const q = norm(raw);
      results.textContent = "";
      status.textContent = "";
      if (!q || !data) return;
      const hits = data.filter((e) => e[4].includes(q));
      hits.sort((a, b) => norm(b[1]).includes(q) - norm(a[1]).includes(q));
      status.textContent = hits.length ? fmt(t.search_count, { n: hits.length }) : fmt(t.search_none, { q: raw });
      hits.slice(0, 50).forEach((e) => {
        const li = el("li");
        const a = el("a", "", e[1]);
        a.href = root.dataset.root + e[2];
        li.append(a, " ", el("span", "meta", t["k_" + e[0]]));
        if (e[3]) {
          const at = Math.max(0, e[3].indexOf(raw) - 20);
          li.append(el("p", "snippet", (at ? "…" : "") + e[3].slice(at, at + 80)));
        }
        results.append(li);
      });
    };
    const s = el("script");
    s.src = root.dataset.index;
    s.onload = () => {
      // A quiz carries its questions as [anchor, prompt]: one entry each, under its title.
      data = [];
      for (const e of window.xuexiSearch) {
        data.push(e.slice(0, 4));
        for (const [a, x] of e[4] || []) data.push(["question", e[1], e[2] + "#" + a, x]);
      }
      data.forEach((e) => e.push(norm(e[1] + e[3])));
      go();
    };
    d.head.append(s);
    form.onsubmit = (e) => {
      e.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
      go();
    };
    input.oninput = go;
    input.value = new URLSearchParams(location.search).get("q") || "";
  }

  // The home page: the next reading and the next milestone, with days left. The full
  // agenda stays below (it is all a reader without JavaScript gets); JS folds it.
  function home(root, t) {
    const items = Array.from(root.querySelectorAll(".agenda li"));
    const now = today();
    const box = root.querySelector(".today-now");
    if (!box || !items.length) return;
    box.textContent = "";
    if (now > root.dataset.end) box.append(el("p", "", fmt(t.over, { d: root.dataset.end })));
    else if (now < root.dataset.start) box.append(el("p", "", fmt(t.not_started, { d: root.dataset.start })));
    // Readings follow the reader's own schedule: done ones drop out, caught-up ones move.
    const plans = {};
    const when = (x) => {
      if (x.dataset.kind !== "reading") return x.dataset.date;
      const st = (plans[x.dataset.plan] ||= planState(x.dataset.plan));
      return st.done.includes(+x.dataset.i) ? "" : addDays(x.dataset.date, st.shift);
    };
    for (const [kind, label] of [["reading", t.next_reading], ["milestone", t.next_milestone]]) {
      const next = items
        .filter((x) => x.dataset.kind === kind && when(x) >= now)
        .sort((a, b) => (when(a) < when(b) ? -1 : 1))[0];
      if (!next) continue;
      const date = when(next);
      const n = days(now, date);
      const p = el("p", "next " + kind);
      const a = next.querySelector("a").cloneNode(true);
      p.append(el("strong", "", label + "："), a, " ", el("span", "meta", date + " · " + (n ? fmt(t.days_left, { n }) : t.due_today)));
      box.append(p);
    }
    items.forEach((x) => x.classList.toggle("past", x.dataset.date < now));
  }

  // A plan: tick readings as done, see how far along you are, catch up when behind.
  function plan(root, t) {
    const id = root.dataset.plan;
    const rows = Array.from(root.querySelectorAll("tr.reading"));
    const box = root.querySelector(".progress-box");
    if (!rows.length || !box) return;
    const st = planState(id);
    const bar = box.querySelector("progress");
    const status = box.querySelector(".progress-status");
    const save2 = () => store && save("xuexi.plan." + id, st);
    const button = (text, fn) => {
      const b = el("button", "", text);
      b.type = "button";
      b.onclick = fn;
      box.append(b, " ");
      return b;
    };
    const due = (r) => (st.done.includes(+r.dataset.i) ? r.dataset.due : addDays(r.dataset.due, st.shift));
    const unread = () => rows.filter((r) => !st.done.includes(+r.dataset.i));
    const catchUp = button(t.catch_up, () => {
      const first = unread()[0];
      st.prev.push(st.shift);
      st.shift += days(due(first), today());
      save2();
      render();
    });
    const undo = button(t.undo, () => {
      st.shift = st.prev.pop() || 0;
      save2();
      render();
    });
    if (!store) box.append(el("p", "note", t.no_storage_plan));
    rows.forEach((r) => {
      const cb = el("input");
      cb.type = "checkbox";
      cb.checked = st.done.includes(+r.dataset.i);
      cb.onchange = () => {
        const i = +r.dataset.i;
        st.done = cb.checked ? st.done.concat(i) : st.done.filter((x) => x !== i);
        save2();
        render();
      };
      const l = el("label", "tick");
      l.append(cb, " " + t.done);
      r.querySelector(".n").append(" ", l);
    });
    function render() {
      const now = today();
      let behind = 0;
      rows.forEach((r) => {
        const d = due(r);
        const read = st.done.includes(+r.dataset.i);
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
      const first = rows[0].dataset.due;
      let text = fmt(t.read_count, { r: read, n: rows.length }) + " · ";
      if (read === rows.length) text += t.all_done;
      else if (now < first && !behind) text += fmt(t.plan_soon, { d: first });
      else text += behind ? fmt(t.behind, { n: behind }) : t.on_track;
      status.textContent = text;
      catchUp.hidden = !behind;
      undo.hidden = !st.prev.length;
      root.querySelectorAll("li[data-date]").forEach((li) => {
        li.classList.toggle("past", li.dataset.date < now);
        li.classList.toggle("today", li.dataset.date === now);
      });
    }
    box.hidden = false;
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
    if (root.classList.contains("search")) search(root, t);
    else if (root.classList.contains("home")) home(root, t);
    else if (root.classList.contains("plan")) plan(root, t);
  });
})();
