// Offline reading with the service worker, on a copy of the sample project built in a
// temporary folder (so it can be changed and built again): a first visit keeps only the
// shell; 保存到本机 keeps a plan's pages and reads them offline; an unsaved page offline
// leads to the offline page; an author's correction reaches a returning reader, saved
// pages and the wrong-answer notebook.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { available, serve, launch, phone, answer, repo, quiet } from "./helpers.mjs";

const XUEXI = join(repo, "target/release/xuexi");
const run = available() && (existsSync(XUEXI) || !!fail("the release xuexi (cargo build --release)"));
function fail(what) {
  if (process.env.CI) throw new Error(`the service worker tests need ${what}`);
  console.log(`SKIPPED: missing ${what}`);
}
const READER = { locale: "zh-CN", hasTouch: true, isMobile: true };
let dir;
let browser;

/** Builds the copy; `edit(path, from, to)` changes it first. */
function build() {
  const zola = process.env.ZOLA || join(repo, "tools/zola/bin/zola");
  execFileSync(XUEXI, ["build", "--root", dir, "--zola", zola], { stdio: "pipe" });
}
function edit(path, from, to) {
  const file = join(dir, path);
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${path} has ${from}`);
  writeFileSync(file, text.replace(from, to));
}
const cached = (page, url) => page.evaluate(async (u) => {
  const r = await (await caches.open("xuexi-site")).match(new URL(u, location.href).href);
  return r ? r.text() : null;
}, url);
const shell = () => {
  const sw = readFileSync(join(dir, "site/public/sw.js"), "utf8");
  return JSON.parse(sw.slice("self.XUEXI_SHELL = ".length, sw.indexOf(";\n")));
};
const list = (name) => JSON.parse(readFileSync(join(dir, "site/public/save", name), "utf8"));

before(() => {
  if (!run) return;
  dir = mkdtempSync(join(tmpdir(), "xuexi-sw-"));
  for (const f of ["catalogue.toml", "quizzes", "site/config.toml", "site/templates", "site/static", "site/content/about.md"]) {
    cpSync(join(repo, f), join(dir, f), { recursive: true });
  }
  build();
  return launch().then((b) => (browser = b));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh reader with the server up; waits for the service worker to take over. */
async function visit(server, path) {
  const p = await phone(browser, server.url, READER);
  await p.page.goto(server.url + path);
  await p.page.evaluate(() => navigator.serviceWorker.ready);
  await p.page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
  return p;
}

test("a first visit keeps the shell only; pages are kept as they are opened", { skip: !run }, async () => {
  const server = await serve({ dir: join(dir, "site/public") });
  const { context, page, problems } = await visit(server, "/");
  const { files, offline } = shell();
  const urls = files.map(([u]) => u);
  assert.ok(urls.includes("./") && urls.includes("404.html") && urls.includes(offline), urls.join());
  // The 错题本 works offline from the first visit.
  assert.ok(urls.includes("practice/wrong/"), urls.join());
  assert.ok(urls.length <= 12, `${urls.length} files in the shell`);
  await page.waitForFunction(async (n) => (await (await caches.open("xuexi-site")).keys()).length >= n, urls.length, { timeout: 30000 });
  // (Whatever the worker still asks for has arrived once the server hears nothing more.)
  await quiet(server, 500);
  // Nothing but the page, what it loads and the shell was asked for.
  const asked = new Set(server.requests.map((u) => u.replace(/^\//, "").replace(/^$/, "./")));
  for (const u of asked) assert.ok(urls.includes(u) || u === "sw.js" || u.startsWith("save/"), `asked for ${u}`);
  const keys = await page.evaluate(async () => (await (await caches.open("xuexi-site")).keys()).map((r) => r.url));
  assert.ok(!keys.some((k) => /quizzes\/.+\/|materials\/.+\//.test(k)), keys.join("\n"));
  // An opened page is kept, and read again with the server gone.
  await page.goto(server.url + "/materials/jianshi/");
  await page.waitForFunction(async () => !!(await (await caches.open("xuexi-site")).match(location.href)), null, { timeout: 10000 });
  await server.close();
  const again = await page.goto(server.url + "/materials/jianshi/index.html");
  assert.equal(again.status(), 200);
  assert.equal(await page.locator("h1").textContent(), "中国共产党简史");
  // A page never opened: the offline page, which says so and lists what is kept.
  await page.goto(server.url + "/quizzes/jianshi-ch01/");
  assert.match(page.url(), /\/practice\/saved\/\?from=/);
  await page.locator(".missing").waitFor();
  assert.match(await page.locator(".missing").textContent(), /还没有保存到本机.*quizzes\/jianshi-ch01\//s);
  await page.locator(".saved-pages a", { hasText: "中国共产党简史" }).waitFor();
  // Pages kept from the first visit (the notebook) were not opened: not listed as such.
  assert.equal(await page.locator(".saved-pages a", { hasText: "错题本" }).count(), 0);
  assert.equal(await page.locator(".saved-sets li").textContent(), "本机还没有保存任何内容。");
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(p)), []);
  await context.close();
  // Without JavaScript the offline page still says what it means.
  const html = readFileSync(join(dir, "site/public/practice/saved/index.html"), "utf8");
  assert.match(html, /没有网络时打开一个还没有保存到本机的页面，就会看到这一页/);
});

test("保存到本机 shows the size, keeps the plan's pages and nothing else, reads offline, and removes", { skip: !run }, async () => {
  const server = await serve({ dir: join(dir, "site/public") });
  const { context, page } = await visit(server, "/plans/guangan-2021/");
  const want = list("plan-guangan-2021.json");
  const kb = Math.max(1, Math.round(want.bytes / 1024));
  const box = page.locator(".save-box");
  await box.getByText(`约 ${kb} KB`).waitFor();
  const before = server.requests.length;
  await box.getByRole("button", { name: "保存到本机" }).click();
  await box.getByText(/^已保存到本机（约 \d+ KB）/).waitFor({ timeout: 30000 });
  const fetched = server.requests.slice(before).map((u) => u.replace(/^\//, ""));
  const allowed = new Set(["save/plan-guangan-2021.json", ...want.files.map(([u]) => u)]);
  for (const u of fetched) assert.ok(allowed.has(u), `saving fetched ${u}`);
  assert.ok(fetched.length <= want.files.length + 1, fetched.join());
  console.log(`saving the sample's plan: ${fetched.length} requests, list of ${want.files.length} files, ${want.bytes} bytes`);
  await server.close();
  for (const [u] of want.files.filter(([u]) => u.endsWith("/"))) {
    const r = await page.goto(server.url + "/" + u);
    assert.equal(r.status(), 200, u);
    assert.equal(new URL(page.url()).pathname, "/" + u, `${u} was not kept`);
  }
  // The quiz works offline (quiz.js was kept with it).
  await page.goto(server.url + "/quizzes/jianshi-ch01/");
  await page.locator(".attempt .q").first().waitFor();
  await page.goto(server.url + "/practice/saved/");
  assert.equal(await page.locator(".saved-sets a").first().textContent(), "广安区党员干部党史学习计划（2021年）");
  await context.close();

  const again = await serve({ dir: join(dir, "site/public") });
  const p2 = await visit(again, "/plans/guangan-2021/");
  await p2.page.getByRole("button", { name: "保存到本机" }).click();
  await p2.page.getByRole("button", { name: "从本机删除" }).click();
  await p2.page.getByText("已从本机删除。").waitFor({ timeout: 10000 });
  assert.equal(await cached(p2.page, "/quizzes/jianshi-ch05-10/"), null);
  await p2.context.close();
  await again.close();
});

test("offline after 保存到本机: every link of the saved pages opens, or the offline page names it by its words; no error", { skip: !run, timeout: 240000 }, async () => {
  const server = await serve({ dir: join(dir, "site/public") });
  const { context, page, problems } = await visit(server, "/plans/guangan-2021/");
  const want = list("plan-guangan-2021.json");
  assert.ok(want.files.some(([u]) => u === "practice/record/"), "the study record is saved with the plan");
  await page.getByRole("button", { name: "保存到本机" }).click();
  await page.getByText(/^已保存到本机/).waitFor({ timeout: 30000 });
  const saved = want.files.map(([u]) => u).filter((u) => u.endsWith("/"));
  const kept = new Set([...saved, ...shell().files.map(([u]) => u)].map((u) => (u === "./" ? "/" : "/" + u)));
  await server.close();
  // Every link on every saved page, followed by a tap, offline.
  const links = new Map();
  for (const u of saved) {
    await page.goto(server.url + "/" + u);
    for (const [href, words] of await page.locator("a[href]:not([download])").evaluateAll((as) =>
      as.filter((a) => a.getClientRects().length).map((a) => [a.href.split("#")[0], (a.getAttribute("aria-label") || a.textContent).trim()]),
    )) {
      if (href.startsWith(server.url) && !links.has(href) && href.split("#")[0] !== page.url().split("#")[0]) links.set(href, [u, words]);
    }
  }
  const missing = [];
  for (const [href, [from, words]] of links) {
    await page.goto(server.url + "/" + from);
    await page.locator(`a[href]:not([download])`).filter({ hasText: words }).first().waitFor();
    const a = page.locator("a[href]:not([download])").and(page.locator(`[href]`)).filter({ hasText: words });
    const target = await a.evaluateAll((as, h) => as.findIndex((x) => x.href.split("#")[0] === h && x.getClientRects().length), href);
    await Promise.all([page.waitForURL((u) => u.href.split("#")[0] !== server.url + "/" + from), a.nth(target).click()]);
    await page.waitForLoadState("load");
    const path = new URL(href).pathname;
    if (kept.has(path)) {
      assert.equal(new URL(page.url()).pathname, path, `${words} (${path}) is kept but did not open`);
      continue;
    }
    assert.equal(new URL(page.url()).pathname, "/practice/saved/", `${words} (${path})`);
    const named = page.locator(".missing a");
    await named.waitFor();
    assert.equal(await named.textContent(), words, `${path} is named by its words`);
    missing.push(words);
  }
  console.log(`offline after saving the plan: ${links.size} links, ${links.size - missing.length} open, named on the offline page: ${missing.join("、")}`);
  // The study record works offline.
  await page.goto(server.url + "/practice/record/");
  assert.equal(new URL(page.url()).pathname, "/practice/record/");
  assert.equal(await page.locator("h1").textContent(), "我的学习记录");
  assert.deepEqual(problems, [], problems.join("\n"));
  await context.close();
});

test("从本机删除 takes what it saved and leaves the pages the reader opened", { skip: !run }, async () => {
  const server = await serve({ dir: join(dir, "site/public") });
  const { context, page } = await visit(server, "/");
  await page.goto(server.url + "/materials/jianshi/");
  await page.goto(server.url + "/quizzes/jianshi-ch01/");
  await page.goto(server.url + "/plans/guangan-2021/");
  await page.getByRole("button", { name: "保存到本机" }).click();
  await page.getByText(/^已保存到本机/).waitFor({ timeout: 30000 });
  assert.notEqual(await cached(page, "/quizzes/jianshi-ch05-10/"), null);
  await page.getByRole("button", { name: "从本机删除" }).click();
  await page.getByText("已从本机删除。").waitFor({ timeout: 10000 });
  for (const u of ["/materials/jianshi/", "/quizzes/jianshi-ch01/", "/plans/guangan-2021/"]) assert.notEqual(await cached(page, u), null, `${u} was opened and is gone`);
  assert.equal(await cached(page, "/quizzes/jianshi-ch05-10/"), null);
  assert.equal(await cached(page, "/practice/record/"), null);
  await context.close();
  await server.close();
});

test("the author's corrections reach a returning reader, the wrong-answer notebook and saved pages", { skip: !run }, async () => {
  const server = await serve({ dir: join(dir, "site/public") });
  const { context, page } = await visit(server, "/quizzes/jianshi-ch01/");
  // An answer put wrongly into the notebook, plus entries an earlier version stored.
  const box = page.locator('.attempt .q[data-id="jianshi-ch01/yida-boat"]');
  await page.goto(server.url + "/quizzes/jianshi-ch01/#q-yida-boat");
  await box.waitFor();
  await answer(page, box, false);
  await page.evaluate(() => {
    const book = JSON.parse(localStorage.getItem("xuexi.wrong"));
    book["jianshi-ch01/no-such-question"] = { h: "<li>旧题</li>", q: "jianshi-ch01", t: "旧" };
    book["nonsense"] = { h: "<li>x</li>" };
    book["jianshi-ch01/yida-year"] = { h: '<li class="question">旧的题和答案</li>', q: "jianshi-ch01", t: "第一章自测" };
    localStorage.setItem("xuexi.wrong", JSON.stringify(book));
  });
  // Save the plan too.
  await page.goto(server.url + "/plans/guangan-2021/");
  await page.getByRole("button", { name: "保存到本机" }).click();
  await page.getByText(/^已保存到本机/).waitFor({ timeout: 30000 });

  // The author corrects an explanation, an answer and a reading, and builds again.
  edit("quizzes/jianshi-ch01.toml", "这艘游船后来被称为", "（已更正）这艘游船后来被称为");
  edit("quizzes/jianshi-ch01.toml", 'answer = ["1921"]', 'answer = ["1921|公元一九二一"]');
  const cat = readFileSync(join(dir, "catalogue.toml"), "utf8");
  const point = cat.match(/points = \["([^"]+)"/)[1];
  edit("catalogue.toml", point, point + "（修订）");
  build();

  // Online again: the quiz page shows the new explanation on its next load, and says so.
  await page.goto(server.url + "/quizzes/jianshi-ch01/");
  assert.ok((await page.content()).includes("（已更正）这艘游船后来被称为"), "the new explanation");
  await page.locator(".sw-updated").waitFor({ timeout: 10000 });
  assert.equal(await page.locator(".sw-updated").count(), 1);
  // The saved material page is refreshed without being opened.
  await page.waitForFunction(
    async (p) => ((await (await caches.open("xuexi-site")).match(new URL("/materials/jianshi/", location.href).href)) || new Response("")).text().then((t) => t.includes(p)),
    point + "（修订）",
    { timeout: 30000, polling: 500 },
  );
  // The notebook shows the questions as they are now; the removed one is said, the
  // unreadable one dropped; no markup is stored any more.
  await page.goto(server.url + "/practice/wrong/");
  await page.locator(".attempt .q").first().waitFor();
  const ids = await page.locator(".attempt .q").evaluateAll((xs) => xs.map((x) => x.dataset.id).sort());
  assert.deepEqual(ids, ["jianshi-ch01/yida-boat", "jianshi-ch01/yida-year"]);
  assert.ok((await page.content()).includes("（已更正）这艘游船后来被称为"));
  assert.match(await page.locator('li.question[data-id="yida-year"]').getAttribute("data-key"), /公元一九二一/);
  await page.getByText("有 1 道题已被出题人删除，已移出错题本。").waitFor();
  const stored = await page.evaluate(() => localStorage.getItem("xuexi.wrong"));
  assert.ok(!stored.includes("<li"), stored);
  assert.deepEqual(Object.keys(JSON.parse(stored)).sort(), ["jianshi-ch01/yida-boat", "jianshi-ch01/yida-year"]);
  await context.close();
  await server.close();
});
