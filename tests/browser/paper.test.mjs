// Papers: the same seed gives the same bytes, variants differ, and a paper prints from
// Chromium to A4 PDF as offices print them: sections by type with points and a total,
// 姓名/单位/得分, the time allowed; the seed only on the key, which is a file of its own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { available, launch, repo } from "./helpers.mjs";

const run = available();
const xuexi = join(repo, "target", "release", "xuexi");
let browser;

before(async () => {
  if (run) browser = await launch();
});
after(async () => browser?.close());

function paper(dir, ...args) {
  execFileSync(xuexi, ["paper", "--root", repo, "--quiz", "jianshi-ch01", "-o", dir, ...args], { stdio: "pipe" });
}

const read = (dir, name) => readFileSync(join(dir, name));

test("same seed, same bytes; another seed, another paper; the seed only on the key", { skip: !run }, () => {
  assert.ok(existsSync(xuexi), "build xuexi first (cargo build --release)");
  const a = mkdtempSync(join(tmpdir(), "paper-"));
  const b = mkdtempSync(join(tmpdir(), "paper-"));
  paper(a, "--variants", "2", "--seed", "7", "--count", "10");
  paper(b, "--variants", "2", "--seed", "7", "--count", "10");
  assert.deepEqual(readdirSync(a).sort(), [
    "jianshi-ch01-A-key.html",
    "jianshi-ch01-A.html",
    "jianshi-ch01-B-key.html",
    "jianshi-ch01-B.html",
  ]);
  for (const f of readdirSync(a)) assert.ok(read(a, f).equals(read(b, f)), f);
  paper(b, "--variants", "2", "--seed", "8", "--count", "10");
  assert.ok(!read(a, "jianshi-ch01-A.html").equals(read(b, "jianshi-ch01-A.html")));
  const c = mkdtempSync(join(tmpdir(), "paper-"));
  paper(c);
  assert.doesNotMatch(read(c, "jianshi-ch01-A.html").toString(), /种子/);
  assert.match(read(c, "jianshi-ch01-A-key.html").toString(), /种子 2021（/);
});

test("a paper prints to A4 PDF with sections, points and a total; its key apart", { skip: !run }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "paper-"));
  paper(dir, "--variants", "2", "--seed", "7", "--count", "12", "--points", "single=2,multiple=3,truefalse=1,fill=2", "--time", "60");
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(dir, "jianshi-ch01-A.html")).href);
  assert.deepEqual(await page.locator("h2").allTextContents(), [
    "一、单选题（共 5 题，每题 2 分，共 10 分）",
    "二、多选题（共 1 题，每题 3 分，共 3 分）",
    "三、判断题（共 3 题，每题 1 分，共 3 分）",
    "四、填空题（共 3 题，每题 2 分，共 6 分）",
  ]);
  assert.equal(await page.locator(".sub").nth(1).textContent(), "共 12 题 · 满分 22 分 · 考试时间 60 分钟");
  assert.equal(await page.locator(".fields").textContent(), "姓名单位得分");
  assert.deepEqual(await page.locator(".scores tr").first().locator("td").allTextContents(), ["一", "二", "三", "四", "总分"]);
  assert.equal(await page.locator("ol.qs > li").count(), 12);
  // One answer bracket per choice or true/false question, none in fill questions.
  assert.equal(await page.locator(".bracket").count(), 9);
  // Questions numbered through the sections: the multiple-choice section starts at 6.
  assert.equal(await page.locator("ol.qs").nth(1).getAttribute("start"), "6");
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) || []).length;
  console.log(`printed paper (12 questions in 4 sections): ${pages} A4 page(s)`);
  assert.equal(pages, 1);
  await page.goto(pathToFileURL(join(dir, "jianshi-ch01-A-key.html")).href);
  assert.equal(await page.locator("h2").count(), 4);
  assert.equal(await page.locator(".grid span").count(), 9);
  assert.equal(await page.locator("ol.answers > li").count(), 3);
  const key = await page.pdf({ format: "A4", preferCSSPageSize: true });
  assert.equal((key.toString("latin1").match(/\/Type \/Page\b/g) || []).length, 1);
  assert.equal(requests.length, 2, "nothing but the two files");
  await page.close();
});
