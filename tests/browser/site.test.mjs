// The published sample site on a 360x640 phone screen: layout, privacy, offline
// reading, reading comfort, search and valid HTML.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { session, serve, phone, publicDir, published, repo } from "./helpers.mjs";

const s = session();
const run = s.run;

/** The service worker's shell: { files: [[url, hash], ...], offline }, from the built sw.js. */
function shell() {
  const sw = readFileSync(join(publicDir, "sw.js"), "utf8");
  return JSON.parse(sw.slice("self.XUEXI_SHELL = ".length, sw.indexOf(";\n")));
}

/** Every published page, as its folder's URL ("./" for the home page). */
function pages(dir = publicDir, rel = "") {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p, rel + name + "/"));
    else if (name === "index.html") out.push(rel || "./");
  }
  return out;
}

test("every page fits 360 px, logs no error, breaks no CSP rule, asks no other origin", { skip: !run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const list = pages();
  assert.ok(list.length > 20, `${list.length} pages`);
  for (const url of list) {
    await page.goto(`${s.server.url}/${url === "./" ? "" : url}`);
    await page.waitForLoadState("networkidle");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${url} is ${width}px wide`);
    assert.equal(await page.locator("h1").count(), 1, `${url} has one h1`);
  }
  for (const u of s.server.requests) assert.ok(u.startsWith("/"), u);
  assert.deepEqual(problems, []);
  await context.close();
});

test("after one visit the shell and the pages opened are served with the server stopped", { skip: !run }, async () => {
  const own = await serve();
  const { context, page } = await phone(s.browser, own.url);
  await page.goto(own.url + "/");
  const { files } = shell();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(
    async (n) => (await (await caches.open("xuexi-site")).keys()).length >= n,
    files.length,
    { timeout: 60000, polling: 250 },
  );
  const opened = ["materials/", "plans/guangan-2021/", "quizzes/jianshi-ch01/"];
  for (const url of opened) await page.goto(`${own.url}/${url}`);
  // A second visit asks for the page (it may have changed) and nothing else.
  const before = own.requests.length;
  await page.reload();
  await page.waitForLoadState("networkidle");
  // A second visit asks for the page (it may have changed), its save list and the
  // files without a version in their name (checked in the background), nothing else.
  const asked = own.requests.slice(before);
  const allowed = (u) => u === "/quizzes/jianshi-ch01/" || u.startsWith("/save/") || u === "/sw.js" || !/[?]h=|[.-][0-9a-f]{8,}\./.test(u);
  assert.deepEqual(asked.filter((u) => !allowed(u)), [], asked.join());
  assert.ok(asked.length <= 6, `the reload asked the server ${asked.length} times: ${asked.join()}`);
  console.log(`a reload asked for: ${asked.join(", ")}`);
  await own.close();
  const offline = await context.newPage();
  await offline.goto(own.url + "/");
  for (const url of [...files.map(([u]) => u), ...opened]) {
    const target = `${own.url}/${url === "./" ? "" : url}`;
    if (url.endsWith("/")) {
      const response = await offline.goto(target);
      assert.equal(response.status(), 200, url);
      assert.equal(new URL(offline.url()).pathname, new URL(target).pathname, url);
      assert.equal(await offline.locator("h1").count(), 1, url);
    } else {
      const status = await offline.evaluate(async (u) => (await fetch(u)).status, target);
      assert.equal(status, 200, url);
    }
  }
  await context.close();
});

test("the font-size control changes and keeps the size; dark mode follows the phone", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/materials/jianshi/");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const normal = await size();
  await page.getByRole("button", { name: "放大字号" }).click();
  await page.getByRole("button", { name: "放大字号" }).click();
  assert.ok((await size()) > normal * 1.2, "A+ twice makes the text bigger");
  await page.reload();
  assert.ok((await size()) > normal * 1.2, "the size survives a reload");
  await page.getByRole("button", { name: "缩小字号" }).click();
  await page.getByRole("button", { name: "缩小字号" }).click();
  await page.getByRole("button", { name: "缩小字号" }).click();
  assert.ok((await size()) < normal, "A- makes it smaller");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await bg(), "rgb(255, 253, 248)");
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await bg(), "rgb(22, 22, 22)");
  await context.close();
});

test("search finds a chapter by a two-character query, and never shows answers", { skip: !run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/search/");
  await page.getByLabel("搜索学习材料、章节、要点和题目").fill("遵义");
  const chapter = page.locator('.results a[href="../materials/jianshi/#ch02"]');
  await chapter.waitFor();
  assert.equal(await chapter.textContent(), "中国共产党简史 · 第二章　掀起土地革命的风暴");
  await page.getByLabel("搜索学习材料、章节、要点和题目").fill("南湖");
  const question = page.locator('.results a[href="../quizzes/jianshi-ch01/#q-yida-boat"]');
  await question.waitFor();
  // A question is listed under its quiz's title, marked as a question.
  assert.equal(await question.locator("xpath=..").locator(".meta").textContent(), "题目");
  // Options are searchable (古田 is only in an option), never told right or wrong; a
  // fill-in answer (宪法) is not in the index.
  await page.getByLabel("搜索学习材料、章节、要点和题目").fill("古田");
  const gutian = page.locator('.results a[href="../quizzes/jianshi-ch02-04/#q-gutian"]');
  await gutian.waitFor();
  assert.match(await gutian.locator("xpath=..").locator(".snippet").textContent(), /原则的是哪次会议？ 古田会议 遵义会议 瓦窑堡会议 洛川会议$/);
  await page.getByLabel("搜索学习材料、章节、要点和题目").fill("陈独秀");
  await page.locator('.results a[href="../quizzes/jianshi-ch01/#q-yida-secretary"]').waitFor();
  await page.getByLabel("搜索学习材料、章节、要点和题目").fill("宪法");
  await page.locator(".search-status").filter({ hasText: /找到|没有找到/ }).waitFor();
  assert.equal(await page.locator('.results a[href="../quizzes/jianshi-ch05-10/#q-constitution-1954"]').count(), 0);
  await page.goto(s.server.url + "/search/?q=%E6%97%A0%E6%AD%A4%E5%86%85%E5%AE%B9");
  // (The query runs once its shard has come: the status is read when it has a word.)
  const status = page.locator(".search-status");
  await status.filter({ hasText: /\S/ }).waitFor();
  assert.match(await status.textContent(), /^没有找到包含“无此内容”的内容。$/);
  const index = readdirSync(join(publicDir, "search"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => readFileSync(join(publicDir, "search", f), "utf8"))
    .join("");
  assert.ok(index.includes("南湖"), "the search index holds the prompts");
  assert.ok(!index.includes("这艘游船后来被称为"), "an explanation is in the search index");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the home page says what is due next, counted from today", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url);
  await page.clock.setFixedTime(new Date("2021-05-10T09:00:00"));
  await page.goto(s.server.url + "/");
  const next = page.locator(".today-now .next");
  assert.equal(await next.count(), 2);
  assert.equal(await next.nth(0).locator(".meta").textContent(), "2021-05-14 · 还有 4 天");
  assert.match(await next.nth(0).textContent(), /^下一次阅读：中国共产党简史 · 第三章/);
  assert.equal(await next.nth(1).locator(".meta").textContent(), "2021-05-20 · 还有 10 天");
  await page.clock.setFixedTime(new Date("2022-01-05T09:00:00"));
  await page.reload();
  assert.equal(await page.locator(".today-now p").first().textContent(), "本次学习活动已于 2021-12-31 结束。");
  await context.close();
  const nojs = await phone(s.browser, s.server.url, { javaScriptEnabled: false });
  await nojs.page.goto(s.server.url + "/");
  assert.ok((await nojs.page.locator(".agenda li").count()) >= 20);
  await nojs.page.getByText("全部安排", { exact: true }).click();
  assert.ok(await nojs.page.locator(".agenda").isVisible());
  await nojs.context.close();
});

test("every built page is valid HTML (Nu Html Checker)", { skip: !run }, () => {
  const jar = join(repo, "tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
  let out = "";
  try {
    out = execFileSync("java", ["-jar", jar, "--errors-only", "--skip-non-html", publicDir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") throw new Error("the HTML check needs Java (apt-get install default-jre-headless)");
    out = `${e.stdout}${e.stderr}`;
  }
  assert.equal(out.trim(), "");
});

test("budgets: every page with its CSS and JS at most 40 KB gzipped", { skip: !run }, () => {
  const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
  const assets = ["xuexi.css", "xuexi.js", "save.js", "quiz.js"].reduce((sum, f) => sum + gz(join(publicDir, published(f))), 0);
  let largest = ["", 0];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html")) {
        // An offline copy has its CSS and JS inside already.
        const size = gz(p) + (name.endsWith(".offline.html") ? 0 : assets);
        if (size > largest[1]) largest = [p.slice(publicDir.length), size];
      }
    }
  };
  walk(publicDir);
  console.log(`largest page with CSS and JS: ${largest[0]} ${largest[1]} bytes gzipped`);
  assert.ok(largest[1] <= 40 * 1024, `${largest[0]}: ${largest[1]} bytes`);
});
