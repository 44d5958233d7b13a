// The published sample in a sub-folder of a server, two ways:
// - the default build (site/public, relative links, no flag), served by the tests' own
//   server at /djxx/: styles, scripts, tab bar, search, manifest and the service worker
//   all stay inside /djxx/;
// - a build with --base-url /djxx/, served by Debian's nginx through the settings
//   `xuexi build` writes (site/nginx-xuexi.conf): content types, the precompressed
//   copies (Content-Encoding from the .gz files, and .br where nginx has the brotli
//   module), cache headers, the CSP header, the service worker's scope and reading
//   offline after a visit.
// With CI set, a missing nginx fails the nginx tests instead of skipping them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { available, launch, phone, publicDir, published, repo, serve } from "./helpers.mjs";

const NGINX = process.env.NGINX || "/usr/sbin/nginx";
const BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
const run = available();

/** Whether nginx is here; throws in CI when it is not. */
function nginxHere() {
  if (existsSync(NGINX)) return true;
  if (process.env.CI) throw new Error(`the nginx tests need nginx (${NGINX}; apt-get install nginx)`);
  console.log("SKIPPED: missing nginx (apt-get install nginx)");
  return false;
}
const withNginx = run && nginxHere();

let browser;
before(async () => {
  if (run) browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** CSS applied (the body's background) and the script run (it shows the A-/A+ control). */
async function styledAndScripted(page) {
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 253, 248)", `${page.url()}: no CSS`);
  await page.waitForFunction(() => !document.querySelector(".font-size").hidden, null, { timeout: 5000 });
}

test("the default build works unchanged in a sub-folder (/djxx/)", { skip: !run }, async () => {
  const server = await serve({ prefix: "/djxx/" });
  const base = `${server.url}/djxx/`;
  const { context, page, problems } = await phone(browser, server.url);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const path of ["", "materials/", "materials/jianshi/", "plans/guangan-2021/", "quizzes/jianshi-ch01/", "practice/daily/", "practice/record/", "search/", "about/"]) {
    const response = await page.goto(base + path);
    assert.equal(response.status(), 200, path);
    await page.waitForLoadState("networkidle");
    await styledAndScripted(page);
    // The tab bar, the breadcrumbs and every link of the page stay in the folder.
    const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.length > 6, path);
    for (const href of links) {
      if (href.startsWith(server.url)) assert.ok(href.startsWith(base), `${path}: ${href}`);
    }
    const tabs = await page.locator(".site-nav a").evaluateAll((as) => as.map((a) => a.href));
    assert.deepEqual(tabs, ["", "materials/", "plans/", "quizzes/", "practice/", "search/"].map((t) => base + t), path);
  }
  // Search results lead into the folder.
  await page.goto(`${base}search/?q=${encodeURIComponent("党史")}`);
  await page.locator(".results a").first().waitFor();
  const results = await page.locator(".results a").evaluateAll((as) => as.map((a) => a.href));
  for (const href of results) assert.ok(href.startsWith(base), href);
  // The manifest: start, scope and icons in the folder, and there.
  const manifestUrl = await page.locator("link[rel=manifest]").evaluate((l) => l.href);
  const manifest = await page.evaluate(async (u) => (await fetch(u)).json(), manifestUrl);
  assert.equal(new URL(manifest.start_url, manifestUrl).href, base);
  assert.equal(new URL(manifest.scope, manifestUrl).href, base);
  for (const icon of manifest.icons) {
    const u = new URL(icon.src, manifestUrl).href;
    assert.ok(u.startsWith(base), u);
    assert.equal(await page.evaluate(async (x) => (await fetch(x)).status, u), 200, u);
  }
  // The service worker's scope is the folder.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, base);
  for (const u of server.requests) assert.ok(u.startsWith("/djxx/"), `asked for ${u}`);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** GET with the given headers: { status, headers, body } with the body as sent. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

/**
 * The sample built with --base-url /djxx/ into a copy of the project, and nginx serving
 * it through the shipped settings: { url, site, brotli, stop }.
 */
async function nginxSite() {
  const tmp = mkdtempSync(join(tmpdir(), "xuexi-nginx-"));
  chmodSync(tmp, 0o755);
  const project = join(tmp, "project");
  mkdirSync(project);
  for (const f of ["catalogue.toml", "quizzes", "site"]) {
    cpSync(join(repo, f), join(project, f), { recursive: true, filter: (src) => !src.startsWith(join(repo, "site", "public")) });
  }
  const xuexi = join(repo, "target", "release", "xuexi");
  if (!existsSync(xuexi)) throw new Error(`the nginx tests need ${xuexi} (cargo build --release)`);
  const zola = process.env.ZOLA || join(repo, "tools", "zola", "bin", "zola");
  execFileSync(xuexi, ["--root", project, "build", "--zola", zola, "--base-url", "/djxx/"], { stdio: ["ignore", "ignore", "pipe"] });
  const site = join(project, "site", "public");
  const www = join(tmp, "www");
  mkdirSync(www);
  symlinkSync(site, join(www, "djxx"));

  // The shipped settings, edited the way the guide says: the folder that holds djxx/.
  let conf = readFileSync(join(project, "site", "nginx-xuexi.conf"), "utf8");
  assert.ok(conf.includes("    root /srv/www;\n"), conf);
  conf = conf.replace("    root /srv/www;\n", `    root ${www};\n`);
  const brotli = existsSync(BROTLI);
  if (brotli) conf = conf.replace("# brotli_static on;", "brotli_static on;");
  writeFileSync(join(tmp, "nginx-xuexi.conf"), conf);
  const port = await freePort();
  mkdirSync(join(tmp, "temp"));
  writeFileSync(
    join(tmp, "nginx.conf"),
    `${brotli ? `load_module ${BROTLI};\n` : ""}daemon off;
master_process off;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${tmp}/temp/body;
  proxy_temp_path ${tmp}/temp/proxy;
  fastcgi_temp_path ${tmp}/temp/fastcgi;
  uwsgi_temp_path ${tmp}/temp/uwsgi;
  scgi_temp_path ${tmp}/temp/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    include ${tmp}/nginx-xuexi.conf;
  }
}
`,
  );
  const child = spawn(NGINX, ["-p", tmp, "-c", join(tmp, "nginx.conf"), "-e", join(tmp, "error.log")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited || i > 100) {
      const log = existsSync(join(tmp, "error.log")) ? readFileSync(join(tmp, "error.log"), "utf8") : "";
      throw new Error(`nginx did not start: ${stderr}${log}`);
    }
    try {
      await get(`${url}/djxx/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      await new Promise((r) => child.on("exit", r));
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  return { url, site, brotli, stop };
}

test("nginx with the shipped settings: types, precompressed copies, cache headers, CSP", { skip: !withNginx }, async () => {
  const n = await nginxSite();
  try {
    const home = readFileSync(join(n.site, "index.html"), "utf8");
    const meta = home.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
    const css = published("xuexi.css", n.site);
    const js = published("xuexi.js", n.site);
    const icon = published("icon-192.png", n.site);
    assert.ok(home.includes(`href="${css}"`), "the home page links the hashed style sheet");
    const gz = { "accept-encoding": "gzip" };
    const long = "public, max-age=31536000, immutable";
    const cases = [
      // [path, file, content type, cache, compressed]
      ["", "index.html", "text/html; charset=utf-8", "no-cache", true],
      ["materials/jianshi/", "materials/jianshi/index.html", "text/html; charset=utf-8", "no-cache", true],
      [css, css, "text/css; charset=utf-8", long, true],
      [js, js, "application/javascript; charset=utf-8", long, true],
      [icon, icon, "image/png", long, false],
      ["sw.js", "sw.js", "application/javascript; charset=utf-8", "no-cache", true],
      ["search/b0.json", "search/b0.json", "application/json; charset=utf-8", "no-cache", true],
      ["campaign/manifest.webmanifest", "campaign/manifest.webmanifest", "application/manifest+json; charset=utf-8", "no-cache", true],
      ["plans/guangan-2021.ics", "plans/guangan-2021.ics", "text/calendar; charset=utf-8", "no-cache", true],
    ];
    for (const [path, file, type, cache, compressed] of cases) {
      const r = await get(`${n.url}/djxx/${path}`, gz);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers["content-type"], type, path);
      assert.equal(r.headers["cache-control"], cache, path);
      assert.equal(r.headers["x-content-type-options"], "nosniff", path);
      if (compressed) {
        // Sent from the .gz copy as it is: the same bytes.
        assert.equal(r.headers["content-encoding"], "gzip", path);
        assert.equal(r.headers.vary, "Accept-Encoding", path);
        assert.ok(r.body.equals(readFileSync(join(n.site, `${file}.gz`))), `${path}: not the .gz copy`);
        const plain = await get(`${n.url}/djxx/${path}`);
        assert.equal(plain.headers["content-encoding"], undefined, path);
        assert.ok(plain.body.equals(readFileSync(join(n.site, file))), path);
        if (n.brotli) {
          const br = await get(`${n.url}/djxx/${path}`, { "accept-encoding": "br, gzip" });
          assert.equal(br.headers["content-encoding"], "br", path);
          assert.ok(br.body.equals(readFileSync(join(n.site, `${file}.br`))), `${path}: not the .br copy`);
        }
      } else {
        assert.equal(r.headers["content-encoding"], undefined, path);
      }
      if (type.startsWith("text/html")) assert.equal(r.headers["content-security-policy"], meta, path);
    }
    // A missing page: the 404 page, with links that work at any address.
    const missing = await get(`${n.url}/djxx/materials/no-such-book/`, gz);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers["content-encoding"], "gzip");
    const page404 = readFileSync(join(n.site, "404.html"), "utf8");
    assert.ok(page404.includes(`href="/djxx/${css}"`), "404.html links the style sheet from the root");
    // Offline copies keep their own policy: the site's would block their inline script.
    const copy = await get(`${n.url}/djxx/plans/guangan-2021.offline.html`, gz);
    assert.equal(copy.status, 200);
    assert.equal(copy.headers["content-security-policy"], undefined);
    console.log(`nginx: ${cases.length} files checked (types, cache headers, gzip copies${n.brotli ? ", brotli copies" : ""}), 404 and offline copy`);
  } finally {
    await n.stop();
  }
});

test("nginx at /djxx/: the pages work, the service worker's scope is /djxx/, offline after a visit", { skip: !withNginx }, async () => {
  const n = await nginxSite();
  const base = `${n.url}/djxx/`;
  try {
    const { context, page, problems } = await phone(browser, n.url);
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(base);
    await styledAndScripted(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, base);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
    await page.goto(`${base}materials/jianshi/`);
    await styledAndScripted(page);
    await page.locator(".site-nav").getByRole("link", { name: "计划", exact: true }).click();
    await page.waitForURL(`${base}plans/`);
    await styledAndScripted(page);
    // The 404 page at a deep address is styled too (built with --base-url).
    const response = await page.goto(`${base}materials/no-such-book/`);
    assert.equal(response.status(), 404);
    await styledAndScripted(page);
    // The server goes away: what the reader opened still reads, styled.
    await page.goto(base);
    await page.goto(`${base}materials/jianshi/`);
    await n.stop();
    for (const path of ["", "materials/jianshi/"]) {
      const offline = await context.newPage();
      const r = await offline.goto(base + path);
      assert.equal(r.status(), 200, path);
      assert.equal(await offline.locator("h1").count(), 1, path);
      await styledAndScripted(offline);
      await offline.close();
    }
    assert.deepEqual(problems.filter((p) => !p.includes("404")), []);
    await context.close();
  } finally {
    await n.stop();
  }
});
