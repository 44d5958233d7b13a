// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
// plan.js: a plan's page: tick readings as done, see how far along you are, catch up
// when behind, read at your own pace after the campaign, the ledger by month on the
// reader's own dates, the calendar with them. The page works without it. Uses the
// helpers xuexi.js shares as window.xuexi (the reader's schedule: planState, dueFor).
"use strict";
(() => {
  const d = document;
  const { keys: KEYS, store, load, save, el, fmt, today, days, addDays, planState, dueFor } = window.xuexi;

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
    const save2 = () => store && save(KEYS.plan(id), st);
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
        const tk = load(KEYS.ticked(id), {}); // the day, for record.js
        tk[i] = cb.checked ? today() : void 0;
        save(KEYS.ticked(id), tk);
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
      const rescheduled = rows.filter((r) => st.moves[index(r)] && !st.done.includes(index(r))).length;
      if (rescheduled && read < rows.length) text += " · " + fmt(t.moved_count, { n: rescheduled });
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
      if (own) own.hidden = !rows.some((r) => due(r) !== r.dataset.due);
    }

    // The ledger by month on the reader's own dates: a moved reading goes under its new
    // month, in date order; months left empty go.
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
      bodies.forEach((b) => used.includes(b) || b.remove());
    }

    // The calendar on the reader's own dates: the published .ics with each reading's
    // date replaced (its k-th reading event is the plan's k-th reading, src/emit/ics.rs).
    const link = root.querySelector("a.calendar");
    const own = link && root.querySelector(".calendar-own");
    if (own)
      link.onclick = (e) => {
        if (own.hidden) return;
        e.preventDefault();
        const ymd = (date) => date.replace(/-/g, "");
        const reading = new RegExp("^UID:" + id + "\\.\\d{4}-\\d\\d-\\d\\d\\.", "m");
        const now = new Date();
        const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
        const sequence = Math.floor((now - Date.UTC(2020, 0, 1)) / 6e4);
        fetch(link.href)
          .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
          .then((text) => {
            let k = 0;
            const mine = text
              .split("BEGIN:VEVENT")
              .map((ev, j) => {
                if (!j || !reading.test(ev.replace(/\r\n[ \t]/g, ""))) return ev;
                const i = k++;
                const r = rows.find((x) => index(x) === i);
                if (!r) return ev;
                const date = due(r);
                if (date === r.dataset.due) return ev;
                // Changed since the published event: a later stamp and a higher sequence
                // (minutes since 2020), so that a calendar importing it again updates it.
                return ev
                  .replace(/^(DTSTART;VALUE=DATE:)\d{8}/m, "$1" + ymd(date))
                  .replace(/^(DTEND;VALUE=DATE:)\d{8}/m, "$1" + ymd(addDays(date, 1)))
                  .replace(/^DTSTAMP:.*$/m, "DTSTAMP:" + stamp + "\r\nSEQUENCE:" + sequence);
              })
              .join("BEGIN:VEVENT");
            const a = el("a");
            a.href = URL.createObjectURL(new Blob([mine], { type: "text/calendar" }));
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

  d.querySelectorAll("article.plan[data-t]").forEach((root) => plan(root, JSON.parse(root.dataset.t)));
})();
