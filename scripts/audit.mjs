#!/usr/bin/env node
// Audit (not part of the tests): runs Lighthouse, mobile mode, in Debian's Chromium
// against the built sample site served on 127.0.0.1, and prints the four category
// scores for a few pages. Run scripts/audit (it installs Lighthouse and builds first).
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

const root = fileURLToPath(new URL("..", import.meta.url));
// AUDIT_SITE: another built site (e.g. target/bench-scale/site/public, the national one).
const publicDir = process.env.AUDIT_SITE || join(root, "site", "public");
const lighthouse = join(root, "tools", "audit", "node_modules", ".bin", "lighthouse");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["/", "/materials/", "/materials/jianshi/", "/plans/", "/plans/guangan-2021/", "/quizzes/", "/quizzes/jianshi-ch01/", "/practice/", "/practice/daily/", "/practice/wrong/", "/practice/record/", "/practice/saved/", "/search/", "/about/", "/tasks/", "/tasks/unit/"];
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png", ".webmanifest": "application/manifest+json", ".txt": "text/plain", ".xml": "application/xml" };

const server = createServer((req, res) => {
  let file = join(publicDir, normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, ""));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) {
    res.writeHead(404, { "content-type": types[".html"] });
    return res.end(readFileSync(join(publicDir, "404.html")));
  }
  // As nginx with the settings xuexi build writes (gzip_static): the .gz copy when there is one.
  const headers = { "content-type": types[extname(file)] || "application/octet-stream", "cache-control": "max-age=3600" };
  const gz = /gzip/.test(req.headers["accept-encoding"] || "") && existsSync(file + ".gz");
  if (gz) headers["content-encoding"] = "gzip";
  res.writeHead(200, headers);
  res.end(readFileSync(gz ? file + ".gz" : file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-quic --no-first-run --disable-component-update --disable-sync";
console.log("page".padEnd(28) + "performance  accessibility  best-practices  seo");
const low = [];
for (const path of pages) {
  const out = await new Promise((resolve, reject) => {
    import("node:child_process").then(({ execFile }) =>
      execFile(
        lighthouse,
        [base + path, "--quiet", "--output=json", "--form-factor=mobile", `--chrome-flags=${flags}`, "--only-categories=performance,accessibility,best-practices,seo"],
        { env: { ...process.env, CHROME_PATH: chromium }, maxBuffer: 64 << 20 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
  });
  const report = JSON.parse(out);
  const s = (k) => Math.round(report.categories[k].score * 100);
  console.log(path.padEnd(28) + [s("performance"), s("accessibility"), s("best-practices"), s("seo")].map((x, i) => String(x).padStart([11, 15, 16, 5][i])).join(""));
  for (const a of Object.values(report.audits)) {
    if (a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary") low.push(`${path}: ${a.id}: ${a.title}`);
  }
}
if (low.length) console.log("\nfailed audits:\n" + [...new Set(low)].join("\n"));
server.close();
void execFileSync;
