// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
// quiz.js: the interactive quiz, the wrong-answer notebook (错题本) and daily practice
// (每日一练). Plain JS, no framework; uses the helpers xuexi.js shares as window.xuexi.
// The pages work without it: every answer is in a <details>. It reads the questions
// from the page's markup (li.question, written by xuexi) and its UI text from data-t.
"use strict";
(() => {
  const d = document;
  const { keys, store, load, save, el, fmt, matches, today } = window.xuexi;
  const WRONG = keys.wrong;
  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  let uid = 0;

  // Notebook of wrong answers: key "quiz/question" -> {q: quiz, t: its title}. The
  // question itself is read from its quiz's page when shown, so corrections reach it.
  const notebook = (li, wrong) => {
    if (!store) return;
    const book = load(WRONG, {});
    const k = li.dataset.quiz + "/" + li.dataset.id;
    if (wrong) book[k] = { q: li.dataset.quiz, t: li.dataset.quizTitle };
    else if (!(k in book)) return false;
    else delete book[k];
    save(WRONG, book);
    return true;
  };

  // Runs the quiz in `root` (an article holding ol.questions) with UI text `t`.
  function run(root, t, opts) {
    const list = root.querySelector("ol.questions");
    const all = Array.from(list.children);
    if (!all.length) return;
    const draw = +root.dataset.draw || all.length;
    const pass = +root.dataset.pass || 0;
    const app = el("div", "attempt");
    list.after(app);
    list.hidden = true;
    if (!store) app.before(el("p", "note", t.no_storage));
    const past = root.dataset.quiz && store ? load(keys.history(root.dataset.quiz), []) : [];
    if (past.length) {
      const box = el("details", "history-box");
      box.append(el("summary", "", t.history + "（" + past.length + "）"));
      history(box, past, false);
      app.before(box);
    }

    // A question asked for by the address (a search result): drawn, first, in view.
    const wanted = () => {
      const id = decodeURIComponent(location.hash.slice(1));
      return id ? all.find((li) => li.id === id) : null;
    };

    function start(pool, full, landing) {
      app.textContent = "";
      let qs = shuffle(pool.slice());
      if (landing) qs = [landing].concat(qs.filter((li) => li !== landing));
      qs = qs.slice(0, full ? draw : pool.length);
      let done = 0;
      let right = 0;
      const wrong = [];
      qs.forEach((li, i) =>
        app.append(
          question(li, i, qs.length, (ok) => {
            done++;
            if (ok) right++;
            else wrong.push(li);
            if (done === qs.length) finish(qs.length, right, wrong, full);
          }, opts.from),
        ),
      );
      // The score goes into a status region that is there, empty, from the start, so
      // that screen readers announce it when it is written.
      const box = el("section", "summary pending");
      const live = el("div", "live");
      live.setAttribute("role", "status");
      box.append(live);
      app.append(box);
      if (landing) {
        const q = app.querySelector(".q");
        q.tabIndex = -1;
        q.scrollIntoView({ block: "start" });
        q.focus({ preventScroll: true });
      }
      const first = app.querySelector("input");
      if (first && opts.focus) first.focus();
      opts.focus = true;
    }

    function finish(n, right, wrong, full) {
      const score = Math.round((right * 100) / n);
      const box = app.querySelector(".summary");
      const live = box.querySelector(".live");
      box.classList.remove("pending");
      // Retrying the wrong ones is practice: it gets a count, never a score or a pass.
      if (!full) live.append(el("p", "score", fmt(t.retry_score, { r: right, n })), el("p", "note", t.retry_note));
      else live.append(el("p", "score", fmt(t.score, { s: score, r: right, n })));
      if (pass && full) live.append(el("p", score >= pass ? "pass" : "fail", fmt(score >= pass ? t.passed : t.failed, { p: pass })));
      const again = el("button", "", t.again);
      again.type = "button";
      again.onclick = () => start(all, true);
      box.append(again);
      if (wrong.length) {
        const retry = el("button", "", t.retry_wrong);
        retry.type = "button";
        retry.onclick = () => start(wrong, false);
        box.append(" ", retry);
      }
      const id = root.dataset.quiz;
      if (store && id && full) {
        const key = keys.history(id);
        const h = load(key, []);
        h.unshift({ d: today(), s: score, n });
        save(key, h.slice(0, 20));
        history(box, h);
      }
      box.scrollIntoView({ block: "nearest" });
    }

    function history(box, h, heading = true) {
      if (heading) box.append(el("h2", "", t.history));
      const ol = el("ol", "history");
      h.slice(0, 10).forEach((x) => ol.append(el("li", "", fmt(t.history_entry, { d: x.d, s: x.s }))));
      box.append(ol);
    }

    start(all, true, wanted());
    addEventListener("hashchange", () => {
      const li = wanted();
      if (li) start(all, true, li);
    });
  }

  // One interactive question from the static li; calls done(right) once answered.
  // With `from`, it says which quiz it comes from (the notebook, daily practice).
  function question(li, i, n, done, from) {
    const t = question.t;
    const kind = li.dataset.kind;
    const key = li.dataset.key;
    const box = el("div", "q");
    box.dataset.id = li.dataset.quiz + "/" + li.dataset.id;
    box.setAttribute("role", "group");
    const name = "x" + ++uid;
    box.append(el("p", "kind", fmt(t.progress, { i: i + 1, n }) + " · " + li.querySelector(".kind").textContent));
    const prompt = li.querySelector(".prompt").cloneNode(true);
    prompt.id = name + "p";
    box.setAttribute("aria-labelledby", prompt.id);
    box.append(prompt);
    if (from) box.append(el("p", "from meta", fmt(t.from, { t: li.dataset.quizTitle })));
    const inputs = [];
    // The option letters as the page prints them (one list, in Rust): shuffled options
    // get them in their new order.
    const letters = Array.from(li.querySelectorAll(".options .letter"), (e) => e.textContent.slice(0, -1));
    const choices = el("div", "choices");
    let shown = [];
    const option = (type, value, label, text) => {
      const l = el("label", "choice");
      const inp = el("input");
      inp.type = type;
      inp.name = name;
      inp.value = value;
      inputs.push(inp);
      l.append(inp, " ", el("span", "letter", label), " ", el("span", "", text));
      choices.append(l);
    };
    if (kind === "single" || kind === "multiple") {
      const texts = Array.from(li.querySelectorAll(".options .text"), (e) => e.textContent);
      shown = shuffle(texts.map((_, j) => j));
      shown.forEach((j, p) => option(kind === "single" ? "radio" : "checkbox", j, letters[p] + ".", texts[j]));
    } else if (kind === "truefalse") {
      option("radio", "true", "", t.true);
      option("radio", "false", "", t.false);
    } else {
      JSON.parse(key).forEach((_, j) => {
        const l = el("label", "field", fmt(t.blank, { n: j + 1 }) + " ");
        const inp = el("input");
        inp.type = "text";
        inp.autocomplete = "off";
        inputs.push(inp);
        l.append(inp);
        choices.append(l);
      });
    }
    box.append(choices);
    const check = el("button", "check", t.check);
    check.type = "button";
    const fb = el("div", "feedback");
    fb.setAttribute("aria-live", "polite");
    box.append(check, fb);
    check.onclick = () => {
      let ok;
      let answer;
      if (kind === "fill") {
        const alts = JSON.parse(key);
        if (inputs.some((x) => !x.value.trim())) return (fb.textContent = t.choose);
        const after = JSON.parse(li.dataset.after || "[]");
        ok = alts.every((a, j) => matches(inputs[j].value, a, after[j]));
        answer = li.querySelector(".answer .key").textContent;
      } else {
        const picked = inputs.filter((x) => x.checked).map((x) => x.value);
        if (!picked.length) return (fb.textContent = t.choose);
        if (kind === "truefalse") {
          ok = picked[0] === key;
          answer = key === "true" ? t.true : t.false;
        } else {
          ok = picked.map(Number).sort((a, b) => a - b).join(",") === key;
          answer = key
            .split(",")
            .map((j) => letters[shown.indexOf(+j)])
            .sort()
            .join("");
        }
      }
      // The reader's choice and the right options, marked on the options in words.
      const right = kind === "truefalse" ? [key] : kind === "fill" ? [] : key.split(",");
      inputs.forEach((x) => {
        x.disabled = true;
        if (kind === "fill") return;
        const l = x.closest("label");
        if (x.checked) l.append(" ", el("span", "mark", t.your_choice));
        if (right.includes(x.value)) l.append(" ", el("span", "mark ok", t.correct_option));
        l.classList.toggle("picked", x.checked);
        l.classList.toggle("correct", right.includes(x.value));
      });
      check.remove();
      box.classList.add(ok ? "right" : "wrong");
      fb.textContent = "";
      const verdict = el("p", "verdict", ok ? t.right : t.wrong + answer);
      verdict.tabIndex = -1;
      fb.append(verdict);
      const moved = notebook(li, !ok);
      if (moved) fb.append(el("p", "note", ok ? t.wrong_removed : t.wrong_saved));
      li.querySelectorAll(".explanation, .source").forEach((e) => fb.append(e.cloneNode(true)));
      // 确定 is gone: focus goes to what it said, not to the page.
      verdict.focus();
      done(ok);
    };
    return box;
  }

  // A quiz's page, parsed; null when it is gone, a rejection when it cannot be had.
  const pages = {};
  const quizPage = (root, q) =>
    (pages[q] ||= fetch(root.dataset.root + "quizzes/" + q + "/").then((r) =>
      r.ok ? r.text().then((h) => new DOMParser().parseFromString(h, "text/html")) : r.status === 404 ? null : Promise.reject(),
    ));

  // The notebook page: the questions stored by reference, as their quiz pages show them
  // now; a question its author removed is said so and leaves the notebook.
  function wrongBook(root, t) {
    const list = root.querySelector("ol.questions");
    root.querySelector(".nojs").hidden = true;
    if (!store) return root.append(el("p", "note", t.no_storage));
    // Earlier versions stored each question's markup (answer and all): the reference
    // is kept, anything else is dropped.
    const old = load(WRONG, {});
    const book = {};
    for (const k of Object.keys(old).sort()) if (/^[^/]+\/[^/]+$/.test(k) && old[k]) book[k] = { q: k.split("/")[0], t: String(old[k].t || "") };
    save(WRONG, book);
    let gone = 0;
    let away = 0;
    Promise.all(
      Object.keys(book).map((k) =>
        quizPage(root, book[k].q).then(
          (page) => {
            const li = page && page.getElementById("q-" + k.split("/")[1]);
            if (!li) {
              gone++;
              delete book[k];
            }
            return li;
          },
          () => away++,
        ),
      ),
    ).then((lis) => {
      lis.forEach((li) => li && li.nodeType && list.append(d.adoptNode(li)));
      save(WRONG, book);
      if (gone) root.append(el("p", "note", fmt(t.wrong_gone, { n: gone })));
      if (away) root.append(el("p", "note", fmt(t.wrong_unreachable, { n: away })));
      if (!list.children.length) return away || root.append(el("p", "note", t.wrong_empty));
      run(root, t, { from: true });
    });
  }

  // Daily practice: the set of a date, drawn as src/emit/daily.rs draws it (the cases
  // of tests/daily.json): rounds of n / perDay days, each one shuffle of the pool by
  // mulberry32 seeded with seed ^ round; day j of a round takes the j-th run of perDay.
  const dailySet = (day, n, perDay, seed) => {
    if (!n) return [];
    const per = Math.min(perDay, n);
    const round = Math.floor(day / Math.max(1, Math.floor(n / per)));
    const j = day % Math.max(1, Math.floor(n / per));
    let a = (seed ^ round) >>> 0;
    const next = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor((next() / 4294967296) * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    return order.slice(j * per, (j + 1) * per);
  };
  window.xuexi.dailySet = dailySet;

  // The daily page: today's set, its questions taken from their quizzes' pages.
  function daily(root, t) {
    const pool = [];
    for (const [url, anchors] of JSON.parse(root.dataset.pool)) for (const a of anchors) pool.push([url, a]);
    const now = today();
    const picked = dailySet(Date.parse(now) / 864e5, pool.length, +root.dataset.perDay, +root.dataset.seed).map((i) => pool[i]);
    if (!picked.length) return;
    root.querySelector(".nojs").hidden = true;
    const pages = {};
    for (const [url] of picked) {
      pages[url] ||= fetch(root.dataset.root + url)
        .then((r) => r.text())
        .then((html) => new DOMParser().parseFromString(html, "text/html"));
    }
    const set = root.querySelector(".today-set");
    Promise.all(picked.map(([url, a]) => pages[url].then((page) => page.getElementById(a))))
      .then((lis) => {
        const box = el("article", "quiz");
        // Kept as that day's history (xuexi.history.day-<date>): the record page counts the days.
        box.dataset.quiz = "day-" + now;
        const ol = el("ol", "questions");
        lis.forEach((li) => li && ol.append(d.adoptNode(li)));
        // Their links (sources) work here as they are: quiz pages and this page are
        // both two folders deep.
        box.append(el("h2", "", fmt(t.daily_title, { d: now })), ol);
        set.append(box);
        run(box, t, { from: true });
      })
      .catch(() => set.append(el("p", "note", t.daily_failed)));
  }

  d.querySelectorAll("[data-t]").forEach((root) => {
    const t = JSON.parse(root.dataset.t);
    question.t = t;
    if (root.classList.contains("wrong-book")) wrongBook(root, t);
    else if (root.classList.contains("daily")) daily(root, t);
    else if (root.classList.contains("quiz")) run(root, t, {});
  });
})();
