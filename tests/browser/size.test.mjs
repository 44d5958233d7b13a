// Size budgets of what every quiz page loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { repo } from "./helpers.mjs";

const gz = (path) => gzipSync(readFileSync(join(repo, path)), { level: 9 }).length;

test("the quiz script is at most 6 KB gzipped", () => {
  const size = gz("site/static/xuexi.js");
  console.log(`xuexi.js: ${size} bytes gzipped`);
  assert.ok(size <= 6 * 1024, `${size} bytes`);
});

test("the stylesheet is at most 10 KB gzipped", () => {
  const size = gz("site/static/xuexi.css");
  console.log(`xuexi.css: ${size} bytes gzipped`);
  assert.ok(size <= 10 * 1024, `${size} bytes`);
});
