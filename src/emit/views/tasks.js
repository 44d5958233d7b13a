// tasks.js: 任务清单 and 本单位任务填报. On the list: the days left to each task's last
// day, or 已过期, by the reader's clock. On the unit's page: the unit chosen once (kept
// on the device), its tasks (those whose `for` names its id or kind) ticked 已完成 with
// a date, each meeting of a task done several times, the evidence held and a note, all
// kept on the device; exported as a 任务回执 (docs/receipt-code.zh-CN.md; read by
// `xuexi supervise`): a text block to paste into WeChat or QQ, a QR code and a file;
// and the unit's calendar. Nothing is sent anywhere. Uses the helpers xuexi.js shares
// as window.xuexi and, from record.js, the byte rules of codes and the QR code;
// exposes window.xuexi.tasks for the tests.
"use strict";
(() => {
  const d = document;
  const X = window.xuexi;
  if (!X) return;
  const { keys, store, load, save, el, fmt, today, days } = X;

  // The receipt code, with record.js's byte rules (src/supervise/receipt.rs reads it;
  // tests/receipt-codes.json holds cases both sides check).
  function encode(r) {
    const { uint, str, frame } = X.record.writer();
    const day = X.record.dayNumber;
    [r.campaign, r.unit, r.unit_name].forEach(str);
    uint(X.record.minutes(r.sent));
    str(r.by);
    uint(r.tasks.length);
    for (const t of r.tasks) {
      str(t.task);
      uint(t.done ? 1 : 0);
      uint(t.on ? day(t.on) + 1 : 0);
      uint(t.count);
      uint(t.dates.length);
      t.dates.forEach((x) => uint(day(x)));
      uint(t.evidence.length);
      t.evidence.forEach(str);
      str(t.note);
    }
    return frame("XUEXIR1");
  }

  // How many times a task must be done in all: 1 for a deadline.
  const need = (t) => (t.when.kind === "times" ? t.when.times : t.when.kind === "weekly" ? t.when.days.length : 1);
  const many = (t) => t.when.kind !== "due";
  // What the unit says of task `t`, from what the device keeps of it (`s`: done, on,
  // dates, evidence, note). A task done several times is done with its last required
  // time, on that time's day.
  function report(t, s) {
    const dates = (s.dates || []).slice().sort();
    const n = need(t);
    const done = many(t) ? dates.length >= n : !!s.done;
    return {
      task: t.id,
      done,
      on: !done ? "" : many(t) ? dates[n - 1] : s.on || "",
      count: many(t) ? dates.length : 0,
      dates: many(t) ? dates : [],
      evidence: t.evidence.filter((e) => (s.evidence || []).includes(e)),
      note: s.note || "",
    };
  }
  // The rule of supervise::form::tasks_of: a task is the unit's when its `for` names the
  // unit's id or its kind.
  const isFor = (t, u) => t.for.includes(u.id) || (!!u.kind && t.for.includes(u.kind));
  const left = (t, last, now) => {
    const n = days(now, last);
    return n > 0 ? fmt(t.left, { n }) : n === 0 ? t.today : t.overdue;
  };

  X.tasks = { encode, report, isFor };

  // The list: the days left to each task's last day.
  function list(root, t) {
    const now = today();
    root.querySelectorAll("li.task[data-last]").forEach((li) => {
      li.querySelector(".left").textContent = left(t, li.dataset.last, now);
      li.classList.toggle("overdue", li.dataset.last < now);
    });
  }

  // The unit's page.
  function unitPage(root, t) {
    const units = JSON.parse(root.dataset.units).map(([id, name, kind]) => ({ id, name, kind }));
    const tasks = JSON.parse(root.dataset.tasks);
    root.querySelector(".nojs").hidden = true;
    const app = root.querySelector(".unit-app");
    app.hidden = false;
    const pick = app.querySelector(".unit-pick");
    const box = app.querySelector(".unit-tasks");
    const send = app.querySelector(".send");
    const form = send.querySelector("form.who");
    const out = send.querySelector(".out");
    form.onsubmit = (e) => e.preventDefault();
    form.elements.by.value = store ? load(keys.by, "") : "";
    // Without storage, what is entered lives as long as the page.
    const mem = { unit: "" };
    const chosen = () => units.find((u) => u.id === (store ? load(keys.unit, "") : mem.unit));

    // Choosing the unit: a search over the names and a list to pick from.
    function choose(current) {
      box.textContent = out.textContent = "";
      send.hidden = true;
      pick.textContent = "";
      const f = el("form", "choose-unit");
      const find = el("input");
      find.type = "search";
      find.id = "unit-find";
      const findLabel = el("label", "", t.find);
      findLabel.htmlFor = find.id;
      const select = el("select");
      select.id = "unit-select";
      const label = el("label", "", t.pick);
      label.htmlFor = select.id;
      const none = el("p", "note");
      none.setAttribute("role", "status");
      const fill = () => {
        const q = find.value.trim();
        const hits = units.filter((u) => !q || u.name.includes(q));
        select.textContent = "";
        hits.forEach((u) => select.append(new Option(u.name, u.id, false, u.id === current)));
        none.textContent = hits.length ? "" : fmt(t.find_none, { q });
      };
      find.oninput = fill;
      fill();
      const ok = el("button", "", t.pick_ok);
      ok.type = "submit";
      const row = el("p", "pick-row");
      row.append(select, " ", ok);
      f.append(findLabel, find, none, label, row, el("p", "meta", store ? t.pick_intro : t.no_storage));
      f.onsubmit = (e) => {
        e.preventDefault();
        if (!select.value) return;
        if (store) save(keys.unit, select.value);
        else mem.unit = select.value;
        show();
        pick.querySelector(".my-unit").focus();
      };
      pick.append(f);
    }

    // The unit's tasks, each with what the device keeps of it.
    function show() {
      const unit = chosen();
      if (!unit) return choose("");
      pick.textContent = "";
      const head = el("p", "my-unit");
      head.tabIndex = -1;
      head.append(el("strong", "", t.unit + "："), unit.name, " ");
      const change = el("button", "link", t.change);
      change.type = "button";
      change.onclick = () => choose(unit.id);
      head.append(change);
      const summary = el("p", "unit-summary");
      summary.setAttribute("role", "status");
      pick.append(head, summary);
      if (!store) pick.append(el("p", "note", t.no_storage));
      box.textContent = "";
      const mine = tasks.filter((x) => isFor(x, unit));
      if (!mine.length) {
        box.append(el("p", "", t.none));
        send.hidden = true;
        return;
      }
      const key = keys.unitTasks(unit.id);
      const st = store ? load(key, {}) : mem[unit.id] || (mem[unit.id] = {});
      const keep = () => store && save(key, st);
      const ol = el("ol", "task-list utasks");
      const rows = mine.map((x) => row(x, st, keep, changed));
      rows.forEach((r) => ol.append(r.li));
      box.append(el("h2", "", t.tasks), ol);
      send.hidden = false;
      let url = "";
      function changed() {
        const now = today();
        rows.forEach((r) => r.update(now));
        const reps = mine.map((x) => report(x, st[x.id] || {}));
        const done = reps.filter((r) => r.done).length;
        const late = mine.filter((x, i) => !reps[i].done && x.last < now).length;
        summary.textContent = fmt(t.summary, { x: done, y: mine.length }) + (late ? fmt(t.summary_overdue, { n: late }) : "");
        summary.classList.toggle("overdue", late > 0);
        // The receipt.
        const by = form.elements.by.value.trim();
        if (store) save(keys.by, by);
        const n = new Date();
        const p = (v) => String(v).padStart(2, "0");
        const r = { campaign: root.dataset.campaign, unit: unit.id, unit_name: unit.name, sent: now + "T" + p(n.getHours()) + ":" + p(n.getMinutes()), by, tasks: reps };
        const code = encode(r);
        const text = fmt(t.line, { u: unit.name, x: done, y: mine.length, n: late }) + (by ? fmt(t.line_by, { b: by }) : "") + "\n" + code;
        out.textContent = "";
        const area = el("textarea", "code");
        area.readOnly = true;
        area.rows = 5;
        area.value = text;
        area.setAttribute("aria-label", t.file);
        const status = el("p", "note copy-status");
        status.setAttribute("role", "status");
        const copy = el("button", "", t.copy);
        copy.type = "button";
        copy.onclick = () => {
          const fallback = () => {
            area.focus();
            area.select();
            let ok = false;
            try {
              ok = d.execCommand("copy");
            } catch (e) {
              ok = false;
            }
            status.textContent = ok ? t.copied : t.copy_failed;
          };
          if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(() => (status.textContent = t.copied), fallback);
          else fallback();
        };
        if (url) URL.revokeObjectURL(url);
        const file = el("a", "button", t.download);
        file.href = url = URL.createObjectURL(new Blob(["\ufeff" + text + "\n"], { type: "text/plain;charset=utf-8" }));
        file.download = t.file + "-" + unit.name + "-" + now + ".txt";
        const actions = el("p", "actions");
        actions.append(copy, " ", file);
        out.append(area, actions, status);
        const modules = X.record.qr(code);
        if (modules) out.append(X.record.qrImage(modules, t.qr_alt), el("p", "note", t.qr));
        else out.append(el("p", "note", t.too_long));
      }
      form.oninput = changed;
      // The unit's calendar: the events of its tasks, from the calendar of every task.
      send.querySelector("button.calendar").onclick = () => {
        const ids = new Set(mine.map((x) => x.id));
        const all = root.dataset.ics.replace(/\r\n/g, "\n");
        const events = all.match(/^BEGIN:VEVENT\n[\s\S]*?^END:VEVENT\n/gm) || [];
        const kept = events.filter((ev) => {
          const uid = /^UID:task\.([^.]+)\./m.exec(ev.replace(/\n[ \t]/g, ""));
          return uid && ids.has(uid[1]);
        });
        const head = all.slice(0, all.indexOf("BEGIN:VEVENT"));
        const text = (head + kept.join("") + "END:VCALENDAR\n").replace(/\n/g, "\r\n");
        const a = el("a");
        a.href = URL.createObjectURL(new Blob([text], { type: "text/calendar" }));
        a.download = t.calendar_file + "-" + unit.name + ".ics";
        d.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 60000);
      };
      changed();
    }

    // One task of the unit: its controls, and `update` to show its state.
    function row(x, st, keep, changed) {
      const s = () => st[x.id] || (st[x.id] = {});
      const li = el("li", "task utask");
      li.dataset.task = x.id;
      li.append(el("h3", "", x.title));
      const when = el("p", "task-when");
      const badge = el("span", "badge" + (x.required ? "" : " optional"), x.required ? t.required : t.optional);
      const status = el("span", "left");
      when.append(badge, " ", x.schedule, " ", status);
      li.append(when);
      const edit = () => {
        keep();
        changed();
      };
      let count;
      let list;
      let done;
      let on;
      if (!many(x)) {
        const p = el("p", "tick-row");
        done = el("input");
        done.type = "checkbox";
        done.setAttribute("aria-label", fmt(t.done_label, { t: x.title }));
        const l = el("label", "tick");
        l.append(done, " " + t.done);
        on = el("input");
        on.type = "date";
        on.max = today();
        const ol = el("label", "on");
        ol.append(t.done_on + " ", on);
        p.append(l, " ", ol);
        li.append(p);
        done.onchange = () => {
          s().done = done.checked;
          if (done.checked && !s().on) s().on = today();
          edit();
        };
        on.onchange = () => {
          s().on = on.value;
          if (on.value) s().done = true;
          edit();
        };
      } else {
        count = el("p", "count");
        list = el("ul", "meetings");
        const add = el("p", "add-row");
        const date = el("input");
        date.type = "date";
        // Only days of the task's period and not after today can be meetings.
        const first = x.when.kind === "times" ? x.when.from : x.when.days[0];
        const last = x.when.kind === "times" ? x.when.until : x.when.days[x.when.days.length - 1];
        const top = () => (today() < last ? today() : last);
        date.min = first;
        date.max = top();
        const dl = el("label", "");
        dl.append(t.add_date + " ", date);
        const b = el("button", "", t.add);
        b.type = "button";
        b.onclick = () => {
          const v = date.value || today();
          if (v < first || v > top()) return;
          const ds = s().dates || [];
          if (!ds.includes(v)) s().dates = ds.concat(v).sort();
          date.value = "";
          edit();
        };
        add.append(dl, " ", b);
        li.append(count, list, add);
        li.addDate = date;
      }
      if (x.evidence.length) {
        const fs = el("fieldset", "evidence");
        fs.append(el("legend", "", t.evidence));
        x.evidence.forEach((e) => {
          const c = el("input");
          c.type = "checkbox";
          c.value = e;
          c.checked = (s().evidence || []).includes(e);
          c.onchange = () => {
            const held = (s().evidence || []).filter((v) => v !== e);
            s().evidence = c.checked ? held.concat(e) : held;
            edit();
          };
          const l = el("label", "tick");
          l.append(c, " " + e);
          fs.append(l, " ");
        });
        li.append(fs);
      }
      const note = el("input");
      note.maxLength = 100;
      note.value = s().note || "";
      note.oninput = () => {
        s().note = note.value.trim();
        edit();
      };
      const nl = el("label", "note-row");
      nl.append(t.note + " ", note);
      li.append(nl);
      function update(now) {
        const r = report(x, st[x.id] || {});
        const late = !r.done && x.last < now;
        li.classList.toggle("overdue", late);
        li.classList.toggle("done", r.done);
        status.textContent = r.done ? t.done + (r.on ? " " + r.on : "") : left(t, x.last, now);
        if (done) {
          done.checked = r.done;
          on.value = s().on || "";
          return;
        }
        const due = x.when.kind === "weekly" ? x.when.days.filter((v) => v <= now).length : need(x);
        count.textContent = fmt(x.when.kind === "weekly" ? t.count_weekly : t.count, { k: r.count, n: due }) + (x.when.kind === "weekly" ? fmt(t.count_all, { n: need(x) }) : "");
        list.textContent = "";
        r.dates.forEach((v) => {
          const m = el("li");
          const time = el("time", "", v);
          time.dateTime = v;
          const rm = el("button", "link", t.remove);
          rm.type = "button";
          rm.setAttribute("aria-label", fmt(t.remove_label, { d: v }));
          rm.onclick = () => {
            s().dates = (s().dates || []).filter((y) => y !== v);
            li.addDate.focus();
            edit();
          };
          m.append(time, " ", rm);
          list.append(m);
        });
      }
      return { li, update };
    }

    show();
  }

  d.querySelectorAll("article.tasks[data-t]").forEach((root) => list(root, JSON.parse(root.dataset.t)));
  d.querySelectorAll("article.tasks-unit[data-t]").forEach((root) => X.record && unitPage(root, JSON.parse(root.dataset.t)));
})();
