// Offline copies, opened from file:// with the network blocked: they render, a quiz
// completes with the right score, no request is made; without JavaScript the answers
// are in the page; no src or href leads out of the file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { available, launch, publicDir, answer } from "./helpers.mjs";

const run = available();
let browser;
const copies = run
  ? ["plans", "quizzes"].flatMap((d) =>
      readdirSync(join(publicDir, d))
        .filter((f) => f.endsWith(".offline.html"))
        .map((f) => join(publicDir, d, f)),
    )
  : [];

before(async () => {
  if (run) browser = await launch();
});
after(async () => browser?.close());

async function open(file, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, ...options });
  await context.setOffline(true);
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { context, page, requests, problems };
}

test("a copy for the plan and for every quiz is published", { skip: !run }, () => {
  const names = copies.map((f) => f.slice(publicDir.length));
  assert.ok(names.includes("/plans/guangan-2021.offline.html"), names.join());
  assert.ok(names.includes("/quizzes/jianshi-ch01.offline.html"), names.join());
  const plan = readFileSync(join(publicDir, "plans/guangan-2021.offline.html"));
  console.log(`sample plan copy: ${plan.length} bytes`);
  assert.ok(plan.length <= 300 * 1024, `${plan.length} bytes`);
  const page = readFileSync(join(publicDir, "plans/guangan-2021/index.html"), "utf8");
  assert.match(page, /<a href="\.\.\/\.\.\/plans\/guangan-2021\.offline\.html" download>下载离线版<\/a> <span class="meta">\d+ KB<\/span>/);
});

test("no src or href in a copy leads outside it, and every in-file link reaches a place in it", { skip: !run }, () => {
  for (const file of copies) {
    const html = readFileSync(file, "utf8");
    assert.deepEqual(html.match(/\ssrc=/g), null, file);
    const ids = new Set(Array.from(html.matchAll(/\sid="([^"]*)"/g), (m) => m[1]));
    for (const [, url] of html.matchAll(/\shref="([^"]*)"/g)) {
      assert.ok(url.startsWith("#"), `${file}: ${url}`);
      // Every in-file link reaches a place in the file.
      assert.ok(ids.has(url.slice(1)), `${file}: ${url} leads nowhere`);
    }
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-[^']+'; script-src 'sha256-[^']+' 'sha256-[^']+'( 'sha256-[^']+'){0,2};/);
  }
});

test("from file:// with the network off a copy renders and a quiz completes, making no request", { skip: !run }, async () => {
  const { context, page, requests, problems } = await open(join(publicDir, "plans/guangan-2021.offline.html"));
  assert.equal(await page.locator("article.plan h1").textContent(), "广安区党员干部党史学习计划（2021年）");
  assert.equal(await page.locator("tr.reading").count(), 17);
  assert.ok((await page.locator("article.material").count()) >= 3);
  const quiz = page.locator("article.quiz#quizzes-jianshi-ch01");
  const boxes = quiz.locator(".attempt .q");
  assert.equal(await boxes.count(), 17);
  for (let i = 0; i < 17; i++) await answer(page, boxes.nth(i), i >= 2);
  assert.equal(await quiz.locator(".summary .score").textContent(), "本次得分 88 分（答对 15/17 题）");
  // Progress ticks work in the copy too.
  await page.locator('tr.reading[data-i="0"] .tick input').check();
  assert.match(await page.locator(".progress-status").textContent(), /^已读 1\/17/);
  // In-file links lead to anchors that exist.
  const href = await page.locator("tr.reading .what a").first().getAttribute("href");
  assert.equal(await page.locator(href).count(), 1, href);
  assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), []);
  assert.equal(requests.length, 1, requests.join("\n"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("every quiz copy works offline and shows its answers without JavaScript", { skip: !run }, async () => {
  for (const file of copies.filter((f) => f.includes("/quizzes/"))) {
    const on = await open(file);
    assert.ok((await on.page.locator(".attempt .q").count()) > 0, file);
    assert.deepEqual(on.problems, [], file);
    assert.equal(on.requests.length, 1, file);
    await on.context.close();
    const off = await open(file, { javaScriptEnabled: false });
    const n = await off.page.locator("ol.questions > li").count();
    assert.ok(n > 0, file);
    assert.equal(await off.page.locator("ol.questions > li details.answer").count(), n, file);
    assert.equal(await off.page.locator(".attempt").count(), 0, file);
    await off.context.close();
  }
});
