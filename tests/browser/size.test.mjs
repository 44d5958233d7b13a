// Size budgets of what every page and every quiz page loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { repo } from "./helpers.mjs";

const gz = (path) => gzipSync(readFileSync(join(repo, path)), { level: 9 }).length;

test("quiz.js and xuexi.js are each at most 6 KB gzipped", () => {
  const quiz = gz("src/emit/assets/quiz.js");
  const site = gz("src/emit/assets/xuexi.js");
  console.log(`quiz.js: ${quiz} bytes gzipped; xuexi.js (every page, shared helpers): ${site} bytes gzipped`);
  assert.ok(quiz <= 6 * 1024, `quiz.js: ${quiz} bytes`);
  assert.ok(site <= 6 * 1024, `xuexi.js: ${site} bytes`);
});

// What a quiz page loads: both scripts and the stylesheet, each gzipped on its own as a
// server sends them.
test("a quiz page's scripts and style together are at most 18 KB gzipped", () => {
  const files = ["src/emit/assets/xuexi.js", "src/emit/assets/save.js", "src/emit/assets/quiz.js", "src/emit/assets/xuexi.css"];
  const total = files.reduce((n, f) => n + gz(f), 0);
  console.log(`quiz page: ${total} bytes gzipped (${files.join(" + ")})`);
  assert.ok(total <= 18 * 1024, `${total} bytes`);
});

test("save.js (every page), search.js (the search page) and the service worker are at most 3, 3 and 4 KB gzipped", () => {
  const save = gz("src/emit/assets/save.js");
  const search = gz("src/emit/assets/search.js");
  const sw = gz("src/emit/assets/sw.js");
  console.log(`save.js: ${save}, search.js: ${search}, sw.js: ${sw} bytes gzipped`);
  assert.ok(save <= 3 * 1024, `save.js: ${save} bytes`);
  assert.ok(search <= 3 * 1024, `search.js: ${search} bytes`);
  assert.ok(sw <= 4 * 1024, `sw.js: ${sw} bytes`);
});

test("plan.js (a plan's page) is at most 4 KB gzipped", () => {
  const plan = gz("src/emit/assets/plan.js");
  console.log(`plan.js: ${plan} bytes gzipped`);
  assert.ok(plan <= 4 * 1024, `plan.js: ${plan} bytes`);
});

test("the stylesheet is at most 10 KB gzipped", () => {
  const size = gz("src/emit/assets/xuexi.css");
  console.log(`xuexi.css: ${size} bytes gzipped`);
  assert.ok(size <= 10 * 1024, `${size} bytes`);
});

test("tasks.js (the task pages) is at most 6 KB gzipped", () => {
  const size = gz("src/emit/views/tasks.js");
  console.log(`tasks.js: ${size} bytes gzipped`);
  assert.ok(size <= 6 * 1024, `tasks.js: ${size} bytes`);
});

// What the unit's page loads: the page of the sample (its units and tasks once), every
// script (record.js lends it the QR code) and the stylesheet, each gzipped on its own.
test("the unit's page with its scripts and style is at most 32 KB gzipped", { skip: !existsSync(join(repo, "site/public/tasks/unit/index.html")) }, () => {
  const files = ["site/public/tasks/unit/index.html", "src/emit/assets/xuexi.js", "src/emit/assets/save.js", "src/emit/views/record.js", "src/emit/views/tasks.js", "src/emit/assets/xuexi.css"];
  const sizes = files.map(gz);
  const total = sizes.reduce((n, x) => n + x, 0);
  console.log(`the unit's page: ${total} bytes gzipped (${files.map((f, i) => `${f.split("/").pop()} ${sizes[i]}`).join(" + ")})`);
  assert.ok(total <= 32 * 1024, `${total} bytes`);
});

test("tally.js (the 支部台账 page) is at most 9 KB gzipped", () => {
  const size = gz("src/emit/views/tally.js");
  console.log(`tally.js: ${size} bytes gzipped`);
  assert.ok(size <= 9 * 1024, `tally.js: ${size} bytes`);
});

// What the 支部台账 page loads: the page of the sample (its plans and the ledger's words
// once), every script (record.js lends it the CRC-32 and day numbers) and the
// stylesheet, each gzipped on its own.
test("the 支部台账 page with its scripts and style is at most 36 KB gzipped", { skip: !existsSync(join(repo, "site/public/practice/tally/index.html")) }, () => {
  const files = ["site/public/practice/tally/index.html", "src/emit/assets/xuexi.js", "src/emit/assets/save.js", "src/emit/views/record.js", "src/emit/views/tally.js", "src/emit/assets/xuexi.css"];
  const sizes = files.map(gz);
  const total = sizes.reduce((n, x) => n + x, 0);
  console.log(`the 支部台账 page: ${total} bytes gzipped (${files.map((f, i) => `${f.split("/").pop()} ${sizes[i]}`).join(" + ")})`);
  assert.ok(total <= 36 * 1024, `${total} bytes`);
});
