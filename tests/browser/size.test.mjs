// Size budgets of what every page and every quiz page loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { repo } from "./helpers.mjs";

const gz = (path) => gzipSync(readFileSync(join(repo, path)), { level: 9 }).length;

test("quiz.js and xuexi.js are each at most 6 KB gzipped", () => {
  const quiz = gz("site/static/quiz.js");
  const site = gz("site/static/xuexi.js");
  console.log(`quiz.js: ${quiz} bytes gzipped; xuexi.js (every page, shared helpers): ${site} bytes gzipped`);
  assert.ok(quiz <= 6 * 1024, `quiz.js: ${quiz} bytes`);
  assert.ok(site <= 6 * 1024, `xuexi.js: ${site} bytes`);
});

// What a quiz page loads: both scripts and the stylesheet, each gzipped on its own as a
// server sends them.
test("a quiz page's scripts and style together are at most 16 KB gzipped", () => {
  const files = ["site/static/xuexi.js", "site/static/quiz.js", "site/static/xuexi.css"];
  const total = files.reduce((n, f) => n + gz(f), 0);
  console.log(`quiz page: ${total} bytes gzipped (${files.join(" + ")})`);
  assert.ok(total <= 16 * 1024, `${total} bytes`);
});

test("the stylesheet is at most 10 KB gzipped", () => {
  const size = gz("site/static/xuexi.css");
  console.log(`xuexi.css: ${size} bytes gzipped`);
  assert.ok(size <= 10 * 1024, `${size} bytes`);
});
