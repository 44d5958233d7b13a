// xuexi-assets 2: part of xuexi, written into site/themes/xuexi/static/ by each run; a file of this name in site/static/ replaces it.
// sw.js: offline reading that costs little. `xuexi build` puts the shell in front of
// this script (self.XUEXI_SHELL: the home, 404 and offline pages and what the home page
// loads, each with its content hash); only the shell is fetched at install. Pages are
// kept as the reader opens them (the network first, the kept copy when it is slow or
// gone; marked as opened, so that removing a saved list leaves them); scripts, styles and images come from the cache first. 保存到本机 (save.js)
// asks for a plan's, material's or quiz's list (save/<kind>-<id>.json: files with
// their hashes) to be kept; kept lists are compared with the site's when online, and
// what changed is fetched again. Every URL is relative to this worker's scope.
"use strict";
const CACHE = "xuexi-site"; // xuexi.js keys.cache, the pages' name for it (tested)
const SHELL = self.XUEXI_SHELL || { files: [], offline: "" };
const SAVED = "__xuexi/saved.json";
const TIMEOUT = 3000;
const at = (u) => new URL(u, self.registration.scope).href;
const open = () => caches.open(CACHE);
const ASSET = ["style", "script", "image", "font", "manifest"];
// A page the reader opened is kept with this header: removing a saved list never takes it.
const OPENED = "x-xuexi-opened"; // xuexi.js keys.opened (tested)
const opened = (response) => {
  const headers = new Headers(response.headers);
  headers.set(OPENED, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};

// The first 8 bytes of SHA-256 of a response's body, in hex (as src/publish/precache.rs).
const hash = async (response) => {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
};
// Whether the cache holds `url` with these bytes already.
const fresh = async (cache, url, want) => {
  const hit = await cache.match(url);
  return !!hit && (await hash(hit)) === want;
};
const readSaved = async (cache) => {
  const r = await cache.match(at(SAVED));
  return r ? r.json().catch(() => ({})) : {};
};
const writeSaved = (cache, saved) => cache.put(at(SAVED), new Response(JSON.stringify(saved), { headers: { "content-type": "application/json" } }));
// A page is kept under its folder (`…/index.html` is the same page), without its query.
const pageKey = (url) => {
  const u = new URL(url);
  u.hash = "";
  u.search = "";
  u.pathname = u.pathname.replace(/\/index\.html$/, "/");
  return u.href;
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await open();
      // On the very first visit, the page just loaded what the shell lists: take it from
      // the browser's own cache where it can.
      const first = !(await cache.match(at("./")));
      // A file that cannot be had now (the connection dropped) is kept when next opened.
      for (const [url, want] of SHELL.files) {
        if (await fresh(cache, at(url), want)) continue;
        const response = await fetch(at(url), { cache: first ? "force-cache" : "no-cache" }).catch(() => null);
        if (response && response.ok) await cache.put(at(url), response);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // An earlier worker kept every file of the site: its list and the offline copies go.
      const cache = await open();
      for (const request of await cache.keys()) {
        if (/__xuexi-hashes\.json$|\.offline\.html$|\.ics$/.test(request.url)) await cache.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

// Tells the page a client opened that it changed since the kept copy (once: the copy
// is the new one now). The client may not exist yet when the response is read.
const tellUpdated = async (id) => {
  for (let i = 0; i < 20 && id; i++) {
    const client = await self.clients.get(id);
    if (client) return client.postMessage({ type: "updated" });
    await new Promise((r) => setTimeout(r, 250));
  }
};

// Pages and data: the network first; the kept copy when it fails or is slow.
const network = async (event) => {
  const request = event.request;
  const navigate = request.mode === "navigate";
  const key = navigate ? pageKey(request.url) : request.url;
  const cache = await open();
  const got = fetch(request).then((response) => {
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(
        (async () => {
          const old = navigate && (await cache.match(key));
          const text = old ? await copy.clone().text() : "";
          await cache.put(key, navigate ? opened(copy) : copy);
          if (old && (await old.text()) !== text) await tellUpdated(event.resultingClientId);
        })(),
      );
    }
    return response;
  });
  const first = await Promise.race([got.catch(() => null), new Promise((r) => setTimeout(r, TIMEOUT, null))]);
  if (first) return first;
  const kept = await cache.match(key, { ignoreSearch: navigate });
  if (kept) {
    event.waitUntil(got.catch(() => null));
    return kept;
  }
  const late = await got.catch(() => null);
  if (late) return late;
  // Offline and never kept: the offline page says so, and lists what is kept.
  if (navigate && SHELL.offline && (await cache.match(at(SHELL.offline)))) {
    return Response.redirect(at(SHELL.offline) + "?from=" + encodeURIComponent(request.url), 302);
  }
  return (navigate && (await cache.match(at("404.html")))) || Response.error();
};

// Scripts, styles, images: the cache first. A name without a version (no query, no
// hash in it) is checked again in the background.
const asset = async (event) => {
  const request = event.request;
  const cache = await open();
  const hit = await cache.match(request);
  const get = () =>
    fetch(request).then(async (response) => {
      if (response.ok && response.type === "basic") await cache.put(request, response.clone());
      return response;
    });
  if (!hit) return get();
  const url = new URL(request.url);
  if (!url.search && !/[.-][0-9a-f]{8,}\./.test(url.pathname)) event.waitUntil(get().catch(() => null));
  return hit;
};

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  // Offline copies and calendars are downloads, never kept.
  if (/\.offline\.html$|\.ics$/.test(new URL(request.url).pathname)) return;
  event.respondWith(ASSET.includes(request.destination) ? asset(event) : network(event));
});

// Keeps the files of `list` (a save list's URL) that the cache lacks or holds in an
// older version; `progress(i, n)` after each. Returns the list and whether any changed.
const keep = async (cache, list, progress) => {
  const response = await fetch(list, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${list}: ${response.status}`);
  const { bytes, files } = await response.json();
  let changed = false;
  let i = 0;
  for (const [url, want] of files) {
    if (!(await fresh(cache, at(url), want))) {
      const got = await fetch(at(url), { cache: "no-cache" });
      if (!got.ok) throw new Error(`${url}: ${got.status}`);
      const had = await cache.match(at(url));
      await cache.put(at(url), had && had.headers.get(OPENED) ? opened(got) : got);
      changed = true;
    }
    progress(++i, files.length);
  }
  return { bytes, files: files.map(([url]) => url), changed };
};

let lastRefresh = 0;
self.addEventListener("message", (event) => {
  const m = event.data || {};
  const reply = (x) => event.source && event.source.postMessage({ list: m.list, ...x });
  event.waitUntil(
    (async () => {
      const cache = await open();
      if (m.type === "save") {
        try {
          const got = await keep(cache, m.list, (i, n) => reply({ type: "progress", i, n }));
          const saved = await readSaved(cache);
          saved[m.list] = { title: m.title, page: m.page, bytes: got.bytes, files: got.files };
          await writeSaved(cache, saved);
          reply({ type: "saved" });
        } catch (e) {
          reply({ type: "failed" });
        }
      } else if (m.type === "remove") {
        const saved = await readSaved(cache);
        const gone = saved[m.list];
        delete saved[m.list];
        await writeSaved(cache, saved);
        // What another saved list or the shell still needs stays, and so do the pages the
        // reader opened.
        const needed = new Set(SHELL.files.map(([url]) => at(url)));
        for (const s of Object.values(saved)) for (const url of s.files) needed.add(at(url));
        for (const url of (gone && gone.files) || []) {
          if (needed.has(at(url))) continue;
          const hit = await cache.match(at(url));
          if (hit && !hit.headers.get(OPENED)) await cache.delete(at(url));
        }
        reply({ type: "removed" });
      } else if (m.type === "refresh" && Date.now() - lastRefresh > 30000) {
        // Online again: what is saved is compared with the site and brought up to date.
        lastRefresh = Date.now();
        const saved = await readSaved(cache);
        let changed = false;
        for (const [list, s] of Object.entries(saved)) {
          try {
            const got = await keep(cache, list, () => {});
            changed ||= got.changed;
            Object.assign(s, { bytes: got.bytes, files: got.files });
          } catch (e) {
            break; // offline after all, or the site is being replaced: next time
          }
        }
        await writeSaved(cache, saved);
        if (changed) for (const client of await self.clients.matchAll()) client.postMessage({ type: "updated" });
      }
    })(),
  );
});
