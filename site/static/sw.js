// sw.js: keeps every page and asset of the site on the device after one visit, so a
// reader can read everything without a connection. `xuexi build` puts the list of
// files with their content hashes in front of this script (self.XUEXI_PRECACHE); a
// file whose hash changed is fetched again on the next visit, an unchanged one is not.
"use strict";
const CACHE = "xuexi-site";
const HASHES = "./__xuexi-hashes.json";
const LIST = self.XUEXI_PRECACHE || [];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const old = await cache.match(HASHES).then((r) => (r ? r.json() : {}), () => ({}));
      const now = {};
      for (const [url, hash] of LIST) {
        now[url] = hash;
        if (old[url] === hash && (await cache.match(url))) continue;
        const response = await fetch(url, { cache: "no-cache" });
        if (response.ok) await cache.put(url, response);
      }
      await cache.put(HASHES, new Response(JSON.stringify(now), { headers: { "content-type": "application/json" } }));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const keep = new Set(LIST.map(([url]) => new URL(url, self.registration.scope).href));
      keep.add(new URL(HASHES, self.registration.scope).href);
      for (const request of await cache.keys()) {
        if (!keep.has(request.url)) await cache.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

// Cached first (pages and assets do not change between builds), the network for the
// rest; a page not cached yet and not reachable gets the cached 404 page.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A folder's page is kept as the folder; `…/index.html` is the same page.
      const folder = request.url.replace(/\/index\.html(?=$|[?#])/, "/");
      const hit = (await cache.match(request, { ignoreSearch: true })) || (folder !== request.url && (await cache.match(folder, { ignoreSearch: true })));
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (e) {
        const missing = request.mode === "navigate" && (await cache.match("404.html"));
        if (missing) return missing;
        throw e;
      }
    })(),
  );
});
