// 支部台账 on the site, end to end: a branch secretary pastes a chat of record codes
// (damaged, cut, duplicate, older, of another campaign, of an unknown or changed plan,
// without a name, with a quiz the plan lacks, with a name that a spreadsheet would
// run) or opens a GB18030 record file, and gets `xuexi tally`'s ledger: the CSV it
// offers is byte for byte (and so cell for cell) the CLI's `--csv`, its tables are
// the CLI's `--print` tables cell for cell, its problems are the CLI's lines. Nothing
// is requested while it works; axe finds no violation; it fits 360 px, works from the
// keyboard and prints as the A4 landscape 台账.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { session, phone, repo } from "./helpers.mjs";

const s = session();
const XUEXI = join(repo, "target", "release", "xuexi");
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: "zh-CN" };
const AS_OF = "2021-06-30";

/** The records of the chat: [label, record] in the chat's order, made from the plan's
 * shape as the site has it. */
function records(plan) {
  const n = plan.readings.length;
  const ticks = (k, from = "2021-04-10", step = 7) => plan.readings.map((_, i) => (i < k ? (i === 1 ? "?" : day(from, i * step)) : ""));
  const quiz = (id, best) => ({ id, attempts: 2, best, best_on: "2021-04-20", latest: best - 5, latest_on: "2021-05-01" });
  const base = { campaign: "0499ec7a", plan: plan.id, wrong: 3, daily: ["2021-04-08", "2021-04-09", "2021-05-31"] };
  const q = plan.quizzes.map((x) => x.id);
  return [
    ["zhang-old", { ...base, name: "张三", branch: "第一党支部", exported: "2021-05-01T09:00", readings: ticks(3), quizzes: [quiz(q[0], 70)] }],
    ["li", { ...base, name: "李四", branch: "第二党支部 ", exported: "2021-06-20T21:05", readings: ticks(n, "2021-04-01", 5), quizzes: q.map((id, i) => quiz(id, 95 - i * 10)) }],
    ["zhang", { ...base, name: " 张三", branch: "第一党支部", exported: "2021-06-01T20:15", readings: ticks(9), quizzes: [quiz(q[0], 90), quiz("no-such-quiz", 50)] }],
    ["evil", { ...base, name: '=HYPERLINK("http://evil.example/","点我")', branch: "@SUM(1+1)", exported: "2021-06-02T08:00", readings: ticks(2, "2021-07-01"), quizzes: [] }],
    ["wang", { ...base, name: "王五", branch: "第二 党支部", exported: "2021-06-03T08:00", readings: ticks(0), quizzes: [], daily: [] }],
    ["other", { ...base, campaign: "deadbeef", name: "赵六", branch: "第三党支部", exported: "2021-06-03T08:00", readings: ticks(1), quizzes: [] }],
    ["plan", { ...base, plan: "no-such-plan", name: "钱七", branch: "第三党支部", exported: "2021-06-03T08:00", readings: ticks(1), quizzes: [] }],
    ["changed", { ...base, name: "孙八", branch: "第三党支部", exported: "2021-06-03T08:00", readings: ticks(1).slice(1), quizzes: [] }],
    ["noname", { ...base, name: " ", branch: "第三党支部", exported: "2021-06-03T08:00", readings: ticks(1), quizzes: [] }],
  ];
}
const day = (from, plus) => new Date(Date.parse(from + "T00:00:00Z") + plus * 864e5).toISOString().slice(0, 10);

/** A chat export around the codes, with a duplicate, a mistyped, a cut and a
 * version-2 code among them. */
function chat(codes) {
  const c = Object.fromEntries(codes);
  const typo = c.li.slice(0, 30) + (c.li[30] === "A" ? "B" : "A") + c.li.slice(31);
  return [
    "第一党支部群 聊天记录",
    "张三 2021-05-01 09:01",
    "【学习记录】张三 · 第一党支部 · 已读 3/17，自测 1/4",
    c["zhang-old"],
    "李四 2021-06-20 21:06",
    "我的记录 " + c.li + " 请查收",
    "王五：" + c.wang,
    "张三 2021-06-01 20:16",
    c.zhang,
    c.evil,
    "李四（重发）" + c.li,
    typo,
    c.other.slice(0, c.other.length - 12),
    c.other,
    c.plan + "\r",
    c.changed,
    c.noname,
    "XUEXI2:" + c.wang.slice(7),
    "",
  ].join("\n");
}

/** The codes of the chat, written by the site's record.js. */
async function codes(page) {
  const plan = await page.evaluate(() => JSON.parse(document.querySelector("article.tally").dataset.plans)[0]);
  return page.evaluate((rs) => rs.map(([k, r]) => [k, window.xuexi.record.encode(r)]), records(plan));
}

/** `xuexi tally FILE --date AS_OF --csv --print` in a folder of its own: its output lines,
 * CSV and printable page. */
function cli(name, bytes) {
  assert.ok(existsSync(XUEXI), `${XUEXI} (cargo build --release)`);
  const dir = mkdtempSync(join(tmpdir(), "xuexi-tally-"));
  writeFileSync(join(dir, name), bytes);
  const run = spawnSync(XUEXI, ["--root", repo, "tally", name, "--date", AS_OF, "--csv", "--print", "-o", "out.xlsx"], { cwd: dir, encoding: "utf8", env: { ...process.env, XUEXI_LANG: "zh-CN", LANG: "zh_CN.UTF-8" } });
  assert.equal(run.status, 0, run.stderr);
  return { lines: (run.stdout + run.stderr).split("\n"), csv: readFileSync(join(dir, "out.csv")), html: readFileSync(join(dir, "out.html"), "utf8") };
}

/** Every table's cells (head and body) in the page, as text. */
const cells = (page, scope) =>
  page.evaluate((sel) => Array.from(document.querySelectorAll(sel + " table"), (t) => Array.from(t.rows, (r) => Array.from(r.cells, (c) => c.textContent))), scope);

/** Tallies on the page and compares everything with the CLI's on the same bytes. */
async function compare(page, name, bytes, source) {
  const mine = cli(name, bytes);
  // The CSV the page offers.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("下载台账（CSV）").click()]);
  assert.equal(download.suggestedFilename(), `台账-guangan-2021-${AS_OF}.csv`);
  const csv = readFileSync(await download.path());
  const rows = (b) => b.toString("utf8").split("\n").map((l) => l.split(","));
  assert.deepEqual(rows(csv), rows(mine.csv), "cell by cell");
  assert.ok(csv.equals(mine.csv), "byte for byte");
  assert.ok(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), "a BOM");
  assert.match(csv.toString("utf8"), /,'@SUM\(1\+1\),"'=HYPERLINK\(""http:/, "inert");
  // The tables, as the CLI's printable page has them.
  const { browser } = s;
  const other = await browser.newPage();
  await other.setContent(mine.html);
  const theirs = await cells(other, "body");
  await other.close();
  const ours = await cells(page, ".tally-sheet");
  assert.equal(ours.length, 4);
  assert.deepEqual(ours, theirs.map((t) => t.map((r) => r.map((c) => (c === name ? source : c)))));
  // The problems, as the CLI says them: `群聊.txt:12: 支部 姓名：问题`.
  const said = mine.lines.filter((l) => l.startsWith(name + ":"));
  const problems = ours[3].slice(1).map(([src, line, who, what]) => (who ? `${src}:${line}: ${who}：${what}` : `${src}:${line}: ${what}`));
  assert.deepEqual(problems, said.map((l) => l.replace(name, source)));
  return { ours, said };
}

test("a pasted chat becomes xuexi tally's ledger: the same CSV, tables and problems, and nothing is sent", { skip: !s.run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url, PHONE);
  await page.goto(s.server.url + "/practice/tally/");
  const text = chat(await codes(page));
  await page.locator("#tally-text").fill(text);
  await page.locator("#tally-date").fill(AS_OF);
  const asked = s.server.requests.length;
  await page.getByRole("button", { name: "生成台账" }).click();
  await page.locator(".tally-sheet h2").waitFor();
  assert.equal(await page.locator(".tally-sheet h2").innerText(), `学习台账：广安区党员干部党史学习计划（2021年）（进度截至 ${AS_OF}）`);
  assert.equal(await page.locator(".tally-count").innerText(), "4 人计入台账，10 条问题。");
  assert.deepEqual(await page.locator(".tally-read li").allTextContents(), ["读取 粘贴的文字：13 条记录码"]);

  const { ours, said } = await compare(page, "群聊.txt", Buffer.from(text), "粘贴的文字");
  // What the ledger holds, in words a secretary checks.
  const members = ours[0].slice(1).map((r) => [r[1], r[2], r.at(-2)]);
  assert.deepEqual(members, [
    ["@SUM(1+1)", '=HYPERLINK("http://evil.example/","点我")', "落后 5 次"],
    ["第一党支部", "张三", "进度正常"],
    ["第二 党支部", "王五", "落后 6 次"],
    ["第二党支部", "李四", "全部完成"],
  ]);
  // One subtotal for 第二党支部 however its members spaced it, named as the first did.
  assert.deepEqual(ours[1].slice(1), [
    ["@SUM(1+1)", "1", "0", "0", "1", "0"],
    ["第一党支部", "1", "0", "1", "0", "1"],
    ["第二 党支部", "2", "1", "0", "1", "3"],
    ["合计", "4", "1", "1", "2", "4"],
  ]);
  const what = said.map((l) => l.replace(/^[^:]+:\d+: /, ""));
  assert.ok(what.some((w) => w.includes("和第 6 行的记录完全相同，只计一次")), what.join("\n"));
  assert.ok(what.some((w) => w.includes("记录码不完整或抄错了")));
  assert.ok(what.some((w) => w.includes("这是别的学习活动的记录")));
  assert.ok(what.some((w) => w.includes("本活动没有学习计划 `no-such-plan`")));
  assert.ok(what.some((w) => w.includes("现在的计划有 17 次（计划改过）")));
  assert.ok(what.some((w) => w.includes("记录里没有姓名")));
  assert.ok(what.some((w) => w.includes("同一人有更新的记录（2021-06-01 20:15 导出）")));
  assert.ok(what.some((w) => w.includes("记录里的自测 `no-such-quiz` 不在这个计划里")));
  assert.ok(what.some((w) => w.includes("格式版本是 2")));

  // Nothing was asked of any server while it worked, and nothing went astray.
  assert.equal(s.server.requests.length, asked);
  assert.deepEqual(problems, []);

  // Another date: progress as of that day, at once.
  await page.locator("#tally-date").fill("2021-04-20");
  await page.locator("#tally-date").dispatchEvent("change");
  assert.deepEqual(await page.locator(".tally-sheet table").first().locator("tbody tr td:nth-last-child(2)").allTextContents(), ["落后 1 次", "进度正常", "落后 1 次", "进度正常"]);

  // 360 px: the page does not scroll sideways; the wide tables scroll in their boxes.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
  await page.screenshot({ path: join(tmpdir(), "xuexi-tally-360.png"), fullPage: false });

  // Printed: the A4 landscape 台账, the form gone, the signature line there.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("form.tally-in").isVisible(), false);
  assert.equal(await page.locator(".tally-sheet .sign").innerText(), "支部书记（签名）：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿");
  assert.equal(await page.locator(".tally-sheet thead").first().evaluate((e) => getComputedStyle(e).display), "table-header-group");
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
  assert.ok(box && Math.round(+box[1]) === 842 && Math.round(+box[2]) === 595, box && box[0]);
  await context.close();
});

test("record files opened from the phone, one of them GB18030, give the CLI's ledger with the files' names", { skip: !s.run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url, PHONE);
  await page.goto(s.server.url + "/practice/tally/");
  const text = chat(await codes(page));
  const gb = spawnSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: text });
  assert.equal(gb.status, 0);
  assert.notDeepEqual(gb.stdout, Buffer.from(text));
  await page.locator("#tally-files").setInputFiles([{ name: "群聊.txt", mimeType: "text/plain", buffer: gb.stdout }]);
  await page.locator("#tally-date").fill(AS_OF);
  await page.getByRole("button", { name: "生成台账" }).click();
  await page.locator(".tally-sheet h2").waitFor();
  assert.deepEqual(await page.locator(".tally-read li").allTextContents(), ["读取 群聊.txt：13 条记录码"]);
  await compare(page, "群聊.txt", gb.stdout, "群聊.txt");
  assert.deepEqual(problems, []);
  await context.close();
});

test("from the keyboard alone: paste, reach the button, tally; then every table box can be reached", { skip: !s.run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url, { ...PHONE, hasTouch: false, isMobile: false });
  await page.goto(s.server.url + "/practice/tally/");
  const text = chat(await codes(page));
  await page.locator("#tally-text").focus();
  await page.keyboard.insertText(text);
  for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement.type)) !== "submit"; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.locator(".tally-sheet h2").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H2");
  assert.equal(await page.locator(".tally-sheet .table-wrap[tabindex='0']").count(), 4);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "下载台账（CSV）");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a chat without codes says so; axe-core finds no violation before and after, light and dark", { skip: !s.run }, async () => {
  const axe = readFileSync(join(repo, "tests/browser/node_modules/axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    const { context, page, problems } = await phone(s.browser, s.server.url, { ...PHONE, colorScheme: scheme });
    await page.goto(s.server.url + "/practice/tally/");
    await page.evaluate(axe);
    const run = () => page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const found = (r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(found(await run()), [], scheme);
    await page.locator("#tally-text").fill("没有记录码的聊天");
    await page.getByRole("button", { name: "生成台账" }).click();
    assert.match(await page.locator(".tally-status").innerText(), /^没有找到学习记录码/);
    await page.locator("#tally-text").fill(chat(await codes(page)));
    await page.getByRole("button", { name: "生成台账" }).click();
    await page.locator(".tally-sheet h2").waitFor();
    assert.deepEqual(found(await run()), [], scheme);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
