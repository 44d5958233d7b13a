// Size budgets of what every quiz page loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { repo } from "./helpers.mjs";

const gz = (path) => gzipSync(readFileSync(join(repo, path)), { level: 9 }).length;

test("the quiz script is at most 6 KB gzipped, with the helpers it shares", () => {
  const quiz = gz("site/static/quiz.js");
  const site = gz("site/static/xuexi.js");
  console.log(`quiz.js: ${quiz} bytes gzipped; xuexi.js (site, shared helpers): ${site} bytes gzipped`);
  assert.ok(quiz <= 6 * 1024, `quiz.js: ${quiz} bytes`);
  assert.ok(site <= 6 * 1024, `xuexi.js: ${site} bytes`);
});

test("the stylesheet is at most 10 KB gzipped", () => {
  const size = gz("site/static/xuexi.css");
  console.log(`xuexi.css: ${size} bytes gzipped`);
  assert.ok(size <= 10 * 1024, `${size} bytes`);
});
