// quiz.js: the interactive quiz, the wrong-answer notebook (错题本) and daily practice
// (每日一练). Plain JS, no framework; uses the helpers xuexi.js shares as window.xuexi.
// The pages work without it: every answer is in a <details>. It reads the questions
// from the page's markup (li.question, written by xuexi) and its UI text from data-t.
"use strict";
(() => {
  const d = document;
  const { store, load, save, el, fmt, norm, today } = window.xuexi;
  const WRONG = "xuexi.wrong";
  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const letter = (i) => String.fromCharCode(65 + i);
  let uid = 0;

  // Notebook of wrong answers: key "quiz/question" -> {h: the question's markup, q, t}.
  const notebook = (li, wrong) => {
    if (!store) return;
    const book = load(WRONG, {});
    const k = li.dataset.quiz + "/" + li.dataset.id;
    if (wrong) book[k] = { h: li.outerHTML, q: li.dataset.quiz, t: li.dataset.quizTitle };
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
    const past = root.dataset.quiz && store ? load("xuexi.history." + root.dataset.quiz, []) : [];
    if (past.length) {
      const box = el("details", "history-box");
      box.append(el("summary", "", t.history + "（" + past.length + "）"));
      history(box, past, false);
      app.before(box);
    }

    function start(pool, full) {
      app.textContent = "";
      const qs = shuffle(pool.slice()).slice(0, full ? draw : pool.length);
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
          }),
        ),
      );
      const first = app.querySelector("input");
      if (first && opts.focus) first.focus();
      opts.focus = true;
    }

    function finish(n, right, wrong, full) {
      const score = Math.round((right * 100) / n);
      const box = el("section", "summary");
      box.setAttribute("role", "status");
      box.append(el("p", "score", fmt(t.score, { s: score, r: right, n })));
      if (pass) box.append(el("p", score >= pass ? "pass" : "fail", fmt(score >= pass ? t.passed : t.failed, { p: pass })));
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
        const key = "xuexi.history." + id;
        const h = load(key, []);
        h.unshift({ d: today(), s: score, n });
        save(key, h.slice(0, 20));
        history(box, h);
      }
      app.append(box);
      box.scrollIntoView({ block: "nearest" });
    }

    function history(box, h, heading = true) {
      if (heading) box.append(el("h2", "", t.history));
      const ol = el("ol", "history");
      h.slice(0, 10).forEach((x) => ol.append(el("li", "", x.d + " · " + x.s)));
      box.append(ol);
    }

    start(all, true);
  }

  // One interactive question from the static li; calls done(right) once answered.
  function question(li, i, n, done) {
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
    const inputs = [];
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
      shown.forEach((j, p) => option(kind === "single" ? "radio" : "checkbox", j, letter(p) + ".", texts[j]));
    } else if (kind === "truefalse") {
      option("radio", "true", "", t.true);
      option("radio", "false", "", t.false);
    } else {
      JSON.parse(key).forEach((_, j) => {
        const l = el("label", "blank", fmt(t.blank, { n: j + 1 }) + " ");
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
        ok = alts.every((a, j) => a.some((x) => norm(x) === norm(inputs[j].value)));
        answer = alts.map((a) => a.join(" / ")).join("；");
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
            .map((j) => letter(shown.indexOf(+j)))
            .sort()
            .join("");
        }
      }
      inputs.forEach((x) => (x.disabled = true));
      check.remove();
      box.classList.add(ok ? "right" : "wrong");
      fb.textContent = "";
      fb.append(el("p", "verdict", ok ? t.right : t.wrong + answer));
      const moved = notebook(li, !ok);
      if (moved) fb.append(el("p", "note", ok ? t.wrong_removed : t.wrong_saved));
      li.querySelectorAll(".explanation, .source").forEach((e) => fb.append(e.cloneNode(true)));
      done(ok);
    };
    return box;
  }

  // The notebook page: its questions come from storage.
  function wrongBook(root, t) {
    const list = root.querySelector("ol.questions");
    const book = store ? load(WRONG, {}) : {};
    const tpl = d.createElement("template");
    tpl.innerHTML = Object.keys(book)
      .sort()
      .map((k) => book[k].h)
      .join("");
    list.append(tpl.content);
    root.querySelector(".nojs").hidden = true;
    if (!list.children.length) return root.append(el("p", "note", store ? t.wrong_empty : t.no_storage));
    run(root, t, {});
  }

  // The daily page: with JavaScript, today's set (or the nearest day's) is fetched
  // from its own page and run here.
  function daily(root, t) {
    const days = Array.from(root.querySelectorAll("li[data-date]"));
    if (!days.length) return;
    const now = today();
    const day = days.find((x) => x.dataset.date === now) || (now < days[0].dataset.date ? days[0] : days[days.length - 1]);
    const a = day.querySelector("a");
    day.classList.add("today");
    fetch(a.href)
      .then((r) => r.text())
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const quiz = page.querySelector("article.quiz");
        if (!quiz) return;
        const box = el("article", "quiz");
        box.dataset.quiz = quiz.dataset.quiz;
        box.append(el("h2", "", quiz.querySelector("h1").textContent), quiz.querySelector("ol.questions"));
        root.querySelector(".today-set").append(box);
        run(box, t, {});
      })
      .catch(() => {});
  }

  d.querySelectorAll("[data-t]").forEach((root) => {
    const t = JSON.parse(root.dataset.t);
    question.t = t;
    if (root.classList.contains("wrong-book")) wrongBook(root, t);
    else if (root.classList.contains("daily")) daily(root, t);
    else if (root.classList.contains("quiz")) run(root, t, {});
  });
})();
