// Helpers for the browser tests: a static server for site/public on 127.0.0.1 and
// Debian's Chromium driven by playwright-core. With CI set, a missing Chromium or a
// missing built site fails the tests instead of skipping them.
import { createServer } from "node:http";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
export const publicDir = join(repo, "site", "public");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
  ".ics": "text/calendar",
};

/** The published name of a file of site/static, with its content hash (xuexi.css -> xuexi.3f2a9c1b0d.css). */
export function published(name, dir = publicDir) {
  const dot = name.lastIndexOf(".");
  const re = new RegExp(`^${name.slice(0, dot).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.[0-9a-f]{10}\\${name.slice(dot)}$`);
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`${name}: ${found.length} hashed copies in ${dir}`);
  return found[0];
}

/** Whether the tests can run here; throws in CI when they cannot. */
export function available(site = publicDir, how = "cargo run -- build") {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM}; apt-get install chromium)`);
  if (!existsSync(join(site, "index.html"))) missing.push(`the built site (${how})`);
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`browser tests need ${missing.join(" and ")}`);
  console.log(`SKIPPED: missing ${missing.join(" and ")}`);
  return false;
}

/**
 * Serves `dir` (site/public by default) at `prefix` (a sub-folder such as "/djxx/";
 * default the root); resolves to { url, close, requests, sent }. `sent` lists
 * [url, bytes] of every response body, as sent: with `gzip`, text files go gzipped to a
 * client that accepts it, as a real web server sends them.
 */
export function serve({ dir = publicDir, prefix = "/", gzip = false } = {}) {
  const requests = [];
  const sent = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let status = 200;
    let body;
    let type;
    if (!path.startsWith(prefix)) {
      status = 404;
      type = "text/plain";
      body = Buffer.from("not in the site's folder");
    } else {
      path = normalize(path.slice(prefix.length - 1)).replace(/^(\.\.[/\\])+/, "");
      let file = join(dir, path);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
      type = TYPES[extname(file)] || "application/octet-stream";
      if (existsSync(file)) body = readFileSync(file);
      else {
        status = 404;
        type = TYPES[".html"];
        body = existsSync(join(dir, "404.html")) ? readFileSync(join(dir, "404.html")) : Buffer.from("not found");
      }
    }
    const headers = { "content-type": type };
    if (gzip && /gzip/.test(req.headers["accept-encoding"] || "") && !/png$/.test(type)) {
      body = gzipSync(body, { level: 9 });
      headers["content-encoding"] = "gzip";
    }
    sent.push([req.url, body.length]);
    res.writeHead(status, headers);
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        requests,
        sent,
        // Open keep-alive connections (a page, its service worker) would keep close()
        // waiting forever: they are cut first.
        close: () =>
          new Promise((r) => {
            server.close(r);
            server.closeAllConnections();
          }),
      }),
    ),
  );
}

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A phone-sized page that records console errors, CSP violations and every request
 * that does not go to `origin`.
 */
export async function phone(browser, origin, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) problems.push(`request to ${r.url()}`);
  });
  return { context, page, problems };
}

/** The static li of a question box: its kind, key and what the answer page shows. */
export async function facts(page, box) {
  const id = await box.getAttribute("data-id");
  const [quiz, qid] = id.split("/");
  const li = page.locator(`ol.questions li.question[data-quiz="${quiz}"][data-id="${qid}"]`).first();
  return {
    id,
    kind: await li.getAttribute("data-kind"),
    key: await li.getAttribute("data-key"),
    explained: (await li.locator(".explanation").count()) > 0,
    sourced: (await li.locator(".source a").count()) > 0,
  };
}

/** Answers one question box rightly or wrongly; returns its facts. */
export async function answer(page, box, right) {
  const f = await facts(page, box);
  if (f.kind === "fill") {
    const alts = JSON.parse(f.key);
    const inputs = box.locator("input[type=text]");
    for (let j = 0; j < alts.length; j++) await inputs.nth(j).fill(right ? alts[j][0] : "不知道");
  } else if (f.kind === "truefalse") {
    const v = right ? f.key : String(f.key !== "true");
    await box.locator(`input[value="${v}"]`).check();
  } else {
    const want = f.key.split(",");
    const all = await box.locator("input").evaluateAll((xs) => xs.map((x) => x.value));
    const pick = right ? want : [all.find((v) => !want.includes(v))];
    for (const v of pick) await box.locator(`input[value="${v}"]`).check();
  }
  await box.getByRole("button", { name: "确定" }).click();
  return f;
}


/**
 * The usual test file setup: a server for site/public and a browser, started before the
 * tests and closed after them. `run` is false where the tests must be skipped.
 */
export function session() {
  const s = { run: available(), server: null, browser: null };
  before(async () => {
    if (!s.run) return;
    s.server = await serve();
    s.browser = await launch();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  return s;
}

/** Resolves once `server` has been asked for nothing, and has sent nothing, for `ms`
 * milliseconds. */
export async function quiet(server, ms) {
  const heard = () => server.requests.length + server.sent.length;
  let seen = heard();
  let since = Date.now();
  while (Date.now() - since < ms) {
    await new Promise((r) => setTimeout(r, 50));
    if (heard() !== seen) {
      seen = heard();
      since = Date.now();
    }
  }
}
