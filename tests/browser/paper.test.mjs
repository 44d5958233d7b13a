// Papers: the same seed gives the same bytes, variants differ, and a paper prints from
// Chromium to A4 PDF (paper and key on pages of their own).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
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

test("same seed, same bytes; another seed, another paper", { skip: !run }, () => {
  assert.ok(existsSync(xuexi), "build xuexi first (cargo build --release)");
  const a = mkdtempSync(join(tmpdir(), "paper-"));
  const b = mkdtempSync(join(tmpdir(), "paper-"));
  paper(a, "--variants", "2", "--seed", "7", "--count", "10");
  paper(b, "--variants", "2", "--seed", "7", "--count", "10");
  const first = readFileSync(join(a, "paper-jianshi-ch01-7.html"));
  assert.ok(first.equals(readFileSync(join(b, "paper-jianshi-ch01-7.html"))));
  paper(b, "--variants", "2", "--seed", "8", "--count", "10");
  assert.ok(!first.equals(readFileSync(join(b, "paper-jianshi-ch01-8.html"))));
  // The default seed is printed, so the paper can be printed again.
  paper(a);
  assert.match(readFileSync(join(a, "paper-jianshi-ch01-2021.html"), "utf8"), /种子 2021/);
});

test("a paper prints to A4 PDF: each variant, then its key, on pages of their own", { skip: !run }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "paper-"));
  paper(dir, "--variants", "2", "--seed", "7", "--count", "10");
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(dir, "paper-jianshi-ch01-7.html")).href);
  assert.equal(await page.locator("section.paper").count(), 2);
  assert.equal(await page.locator("section.key tbody tr").count(), 20);
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) || []).length;
  console.log(`printed paper (2 variants x 10 questions): ${pages} A4 pages`);
  assert.equal(pages, 4);
  assert.equal(requests.length, 1);
  await page.close();
});
