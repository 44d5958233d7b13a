// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
// save.js: offline reading, on the reader's side. Registers the service worker (sw.js,
// beside this script); on plan, material and quiz pages shows 保存到本机 with the size
// of what it keeps (from save/<kind>-<id>.json), its progress and a way to remove it;
// on the offline page (practice/saved/) lists what is kept, and says which page could
// not be opened; says once when content the reader had was updated. Pages work without it.
// Uses the helpers xuexi.js shares as window.xuexi.
"use strict";
(() => {
  const d = document;
  const me = d.currentScript;
  const sw = navigator.serviceWorker;
  // The helpers xuexi.js shares (it comes first on every page).
  const { el, fmt, keys } = window.xuexi || {};
  if (!sw || !me || !el || !/^https?:$/.test(location.protocol) || !window.caches) return;
  const root = new URL(".", me.src).href;
  sw.register(new URL("sw.js", me.src)).catch(() => {});
  const kb = (b) => Math.max(1, Math.round(b / 1024));
  const cache = () => caches.open(keys.cache);
  const saved = async () => {
    try {
      const r = await (await cache()).match(root + "__xuexi/saved.json");
      return r ? await r.json() : {};
    } catch (e) {
      return {};
    }
  };
  const post = async (m) => (await sw.ready).active.postMessage(m);
  const handlers = {};
  sw.onmessage = (e) => {
    const m = e.data || {};
    if (m.type === "updated" && me.dataset.updated && !d.querySelector(".sw-updated")) {
      const p = el("p", "sw-updated note", me.dataset.updated);
      p.setAttribute("role", "status");
      (d.querySelector("main") || d.body).prepend(p);
    }
    if (handlers[m.list]) handlers[m.list](m);
  };
  if (navigator.onLine) post({ type: "refresh" }).catch(() => {});
  // The link last followed, by its words: the offline page names a page it could not
  // open by them, not by its address.
  const bare = (u) => u.split(/[?#]/)[0].replace(/\/index\.html$/, "/");
  d.addEventListener(
    "click",
    (e) => {
      const a = e.target.closest && e.target.closest("a[href]");
      const words = a && (a.getAttribute("aria-label") || a.textContent).trim();
      try {
        if (words) sessionStorage.setItem(keys.link, JSON.stringify([bare(a.href), words]));
      } catch (x) {
        /* no storage: the address is named instead */
      }
    },
    true,
  );

  d.querySelectorAll(".save-box[data-save]").forEach((box) => {
    const t = JSON.parse(box.dataset.s);
    const list = new URL(box.dataset.save, location.href).href;
    const button = el("button", "", t.save);
    button.type = "button";
    const info = el("span", "meta");
    const status = el("p", "save-status");
    status.setAttribute("role", "status");
    box.append(button, " ", info, status);
    let size = 0;
    let asked = false;
    const show = async () => {
      const sets = await saved();
      const s = sets[list];
      // Kept already as part of another saved set (a plan keeps its materials and quizzes).
      const here = location.href.split(/[?#]/)[0];
      const within = !s && Object.values(sets).find((x) => x.files.some((u) => new URL(u, root).href === here));
      if (within) {
        button.hidden = true;
        info.textContent = "";
        status.textContent = fmt(t.within, { t: within.title });
        box.hidden = false;
        return;
      }
      // The size of what saving keeps, asked for only when it is offered and online
      // (offline the list is not there to read: asking would only fail).
      if (!s && !asked && navigator.onLine) {
        asked = true;
        fetch(list)
          .then((r) => (r.ok ? r.json() : null))
          .then((j) => j && ((size = j.bytes), show()))
          .catch(() => {});
      }
      button.disabled = false;
      button.textContent = s ? t.remove : t.save;
      info.textContent = !s && size ? fmt(t.size, { k: kb(size) }) : "";
      if (s) status.textContent = fmt(t.saved, { k: kb(s.bytes) });
      button.onclick = () => {
        if (!s && !navigator.onLine) return (status.textContent = t.offline);
        button.disabled = true;
        status.textContent = "";
        const h1 = d.querySelector("h1");
        post(s ? { type: "remove", list } : { type: "save", list, title: h1 ? h1.textContent : d.title, page: location.href.split(/[?#]/)[0] });
      };
      box.hidden = false;
    };
    handlers[list] = (m) => {
      if (m.type === "progress") status.textContent = fmt(t.saving, m);
      else if (m.type === "failed") {
        button.disabled = false;
        status.textContent = t.failed;
      } else show().then(() => m.type === "removed" && (status.textContent = t.removed));
    };
    show();
  });

  // The offline page: what is kept, and the page that could not be opened.
  const page = d.querySelector("article.saved");
  if (!page) return;
  const t = JSON.parse(page.dataset.s);
  const from = new URLSearchParams(location.search).get("from");
  if (from && from.startsWith(root)) {
    const box = page.querySelector(".missing");
    let words = "";
    try {
      const [url, w] = JSON.parse(sessionStorage.getItem(keys.link)) || [];
      if (url === bare(from)) words = w;
    } catch (x) {
      /* none kept */
    }
    const a = el("a", "", words || decodeURI(from));
    a.href = from;
    box.append(el("p", "", t.missing), el("p"));
    box.lastChild.append(a);
    box.hidden = false;
  }
  (async () => {
    const sets = await saved();
    const ul = page.querySelector(".saved-sets");
    const kept = new Set();
    for (const s of Object.values(sets).sort((a, b) => (a.title < b.title ? -1 : 1))) {
      const li = el("li");
      const a = el("a", "", s.title);
      a.href = s.page;
      li.append(a, " ", el("span", "meta", fmt(t.pages, { n: s.files.filter((u) => u.endsWith("/")).length }) + " · " + kb(s.bytes) + " KB"));
      ul.append(li);
      s.files.forEach((u) => kept.add(new URL(u, root).href));
    }
    if (!ul.children.length) ul.append(el("li", "", t.none));
    // Pages kept as they were opened: their titles are read from the kept copies.
    const c = await cache();
    const pages = page.querySelector(".saved-pages");
    const here = location.href.split(/[?#]/)[0];
    for (const request of (await c.keys()).filter((r) => r.url.endsWith("/") && r.url !== here && !kept.has(r.url)).slice(0, 200)) {
      const hit = await c.match(request);
      if (!hit.headers.get(keys.opened)) continue; // kept from the first visit, not opened
      const html = await hit.text();
      const title = (html.match(/<title>([^<]*)<\/title>/) || [])[1];
      const a = el("a");
      a.innerHTML = title || "";
      a.textContent = a.textContent || decodeURI(request.url);
      a.href = request.url;
      const li = el("li");
      li.append(a);
      pages.append(li);
    }
    page.querySelector(".nojs").hidden = true;
    page.querySelector(".saved-lists").hidden = false;
  })();
})();
