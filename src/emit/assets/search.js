// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
// search.js: the search page. The index is split (src/emit/search.rs): shards
// (b<k>.json) hold, for each character pair, the entries whose text has it and where;
// the entries come in chunks (d<n>.json) in the index's order. A query loads the
// shards of its pairs, matches by position, and loads only the chunks of the results
// it shows, 50 at a time (更多结果 shows the next). Chinese has no spaces between words, so a query matches anywhere in the
// text; title matches come first, each group in the index's order.
"use strict";
(() => {
  const d = document;
  const { el, fmt, norm } = window.xuexi;
  const root = d.querySelector("article.search[data-t]");
  if (!root) return;
  const t = JSON.parse(root.dataset.t);
  const shards = +root.dataset.shards;
  const size = +root.dataset.chunk;
  const form = root.querySelector("form");
  const input = form.querySelector("input");
  const status = root.querySelector(".search-status");
  const results = root.querySelector(".results");
  root.querySelector(".nojs").hidden = true;
  form.hidden = false;
  const files = {};
  const get = (name) => (files[name] ||= fetch(root.dataset.index + name).then((r) => (r.ok ? r.json() : Promise.reject(r.status))));
  const shard = (pair) => {
    let h = 2166136261;
    for (const c of pair) h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
    return "b" + (h % shards) + ".json";
  };
  // A chunk's entries as [kind, title, url, text]; a question under its quiz.
  const chunks = {};
  const chunk = (n) =>
    (chunks[n] ||= get("d" + n + ".json").then((c) => {
      let quiz = c.quiz;
      return c.e.map((e) => {
        if (e.length === 2) return ["question", quiz[0], quiz[1] + "#" + e[0], e[1]];
        if (e[0] === "quiz") quiz = [e[1], e[2]];
        return e;
      });
    }));
  // Where a pair occurs: id -> [title length, positions].
  const postings = (flat) => {
    const m = new Map();
    for (let i = 0, id = 0; i < flat.length; ) {
      id += flat[i++];
      const title = flat[i++];
      const pos = [];
      for (let n = flat[i++], p = 0; n--; ) pos.push((p += flat[i++]));
      m.set(id, [title, pos]);
    }
    return m;
  };
  // The entries that hold `q` (two characters or more): [id, in the title], in order.
  const find = async (q) => {
    const cs = Array.from(q);
    const pairs = cs.slice(1).map((c, i) => cs[i] + c);
    const lists = (await Promise.all(pairs.map(shard).map(get))).map((s, k) => postings(s[pairs[k]] || []));
    const hits = [];
    for (const [id, [title, pos]] of lists[0]) {
      let hit = 0;
      for (const p of pos) {
        if (!lists.every((m, k) => !k || (m.has(id) && m.get(id)[1].includes(p + k)))) continue;
        hit = 1;
        if (p + cs.length <= title) {
          hit = 2;
          break;
        }
      }
      if (hit) hits.push([id, hit > 1]);
    }
    return hits.sort((a, b) => b[1] - a[1]);
  };
  const PAGE = 50;
  const more = el("button", "more", "");
  more.type = "button";
  more.hidden = true;
  results.after(more);
  let seq = 0;
  let hits = [];
  let raw = "";
  // Shows the next PAGE results of `hits` (their chunks loaded first); false if the
  // query changed meanwhile.
  const page = async (mine) => {
    const from = results.children.length;
    const shown = await Promise.all(hits.slice(from, from + PAGE).map(([id]) => chunk(Math.floor(id / size)).then((c) => c[id % size])));
    if (mine !== seq) return false;
    for (const e of shown) {
      const li = el("li");
      const a = el("a", "", e[1]);
      a.href = root.dataset.root + e[2];
      li.append(a, " ", el("span", "meta", t["k_" + e[0]]));
      if (e[3]) {
        const at = Math.max(0, e[3].indexOf(raw) - 20);
        li.append(el("p", "snippet", (at ? "…" : "") + e[3].slice(at, at + 80)));
      }
      results.append(li);
    }
    const left = hits.length - results.children.length;
    more.hidden = !left;
    more.textContent = fmt(t.search_more, { n: Math.min(left, PAGE), m: left });
    return true;
  };
  const go = async () => {
    raw = input.value.trim();
    const q = norm(raw);
    const mine = ++seq;
    results.textContent = "";
    status.textContent = "";
    more.hidden = true;
    if (!q) return;
    if (Array.from(q).length < 2) return (status.textContent = t.search_short);
    try {
      const found = await find(q);
      if (mine !== seq) return;
      hits = found;
      if (!(await page(mine))) return;
    } catch (e) {
      if (mine === seq) status.textContent = t.search_failed;
      return;
    }
    status.textContent = hits.length ? fmt(t.search_count, { n: hits.length }) : fmt(t.search_none, { q: raw });
    performance.mark("xuexi-search-shown");
  };
  // More results: appended below, focus on the first new one.
  more.onclick = async () => {
    const first = results.children.length;
    more.disabled = true;
    try {
      if (await page(seq)) results.children[first]?.querySelector("a").focus();
    } catch (e) {
      status.textContent = t.search_failed;
    }
    more.disabled = false;
  };
  form.onsubmit = (e) => {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    go();
  };
  input.oninput = go;
  input.value = new URLSearchParams(location.search).get("q") || "";
  go();
})();
