// 我的学习记录 and `xuexi tally`, end to end: members tick readings, take quizzes and the
// daily practice on the site (and in an offline copy from file://), export their
// record as text, as a file and as a QR code (decoded here with jsQR); the texts, in a
// chat with other messages, go through `xuexi tally`, and the ledger's cells are what
// the members did. The browser writes each shared case of tests/record-codes.json as
// the Rust side does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import jsQR from "jsqr";
import { session, phone, answer, repo, publicDir } from "./helpers.mjs";

const s = session();
const cases = JSON.parse(readFileSync(join(repo, "tests/record-codes.json"), "utf8"));
const XUEXI = join(repo, "target", "release", "xuexi");

/** A member's phone, its clock set to `when` (local time). */
async function member(when, options = {}) {
  const p = await phone(s.browser, s.server.url, { viewport: { width: 360, height: 740 }, ...options });
  await p.context.clock.setFixedTime(new Date(when));
  return p;
}

async function tick(page, positions) {
  const boxes = page.locator("tr.reading input[type=checkbox]");
  for (const i of positions) await boxes.nth(i).check();
}

/** Answers every question of the quiz on the page: right or wrong. */
async function takeQuiz(page, right) {
  const boxes = page.locator(".attempt .q");
  await boxes.first().waitFor();
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await answer(page, boxes.nth(i), right);
  await page.locator(".summary .score").waitFor();
}

/** Fills in name and branch on the record page; returns the text to send. */
async function exportText(page, name, branch) {
  await page.fill("input[name=name]", name);
  await page.fill("input[name=branch]", branch);
  return page.locator("textarea.code").inputValue();
}

/** What the page's QR code says, read back from its pixels. */
async function readQr(page) {
  const { w, h, data } = await page.evaluate(async () => {
    const img = document.querySelector("img.qr");
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    return { w: c.width, h: c.height, data: Array.from(g.getImageData(0, 0, c.width, c.height).data) };
  });
  const found = jsQR(Uint8ClampedArray.from(data), w, h);
  return found && found.data;
}

test("the browser writes every shared code as the Rust side does", { skip: !s.run }, async () => {
  const { context, page, problems } = await member("2021-05-20T10:00:00");
  await page.goto(s.server.url + "/practice/record/");
  for (const c of cases) assert.equal(await page.evaluate((r) => window.xuexi.record.encode(r), c.record), c.code, c.note);
  // And draws each as a QR code that reads back.
  for (const c of cases) {
    const back = await page.evaluate((code) => {
      const m = window.xuexi.record.qr(code);
      return m.length;
    }, c.code);
    assert.ok(back >= 21, c.note);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript the record page says why it needs scripts", { skip: !s.run }, async () => {
  const { context, page } = await member("2021-05-20T10:00:00", { javaScriptEnabled: false });
  await page.goto(s.server.url + "/practice/record/");
  assert.match(await page.locator("article.record .nojs").innerText(), /这一页需要浏览器运行脚本：学习记录保存在本设备的浏览器里/);
  assert.match(await page.locator("article.record .private").innerText(), /本页不会把任何内容发送到网络/);
  assert.equal(await page.locator(".record-app").isVisible(), false);
  await context.close();
});

test("members export from the site and from an offline copy; a pasted chat of their records becomes the ledger", { skip: !s.run }, async () => {
  assert.ok(existsSync(XUEXI), `${XUEXI} (cargo build --release)`);
  const url = s.server.url;

  // 张三 on the site: three readings, two quizzes, one day of daily practice.
  const a = await member("2021-05-20T10:00:00");
  await a.page.goto(url + "/plans/guangan-2021/");
  await tick(a.page, [0, 1, 2]);
  await a.page.goto(url + "/");
  await a.page.getByRole("link", { name: "我的学习记录" }).click();
  assert.equal(new URL(a.page.url()).pathname, "/practice/record/");
  await a.page.goto(url + "/quizzes/jianshi-ch01/");
  await takeQuiz(a.page, true);
  await a.page.goto(url + "/quizzes/dangshi-jiaoyu/");
  await takeQuiz(a.page, false);
  await a.page.goto(url + "/practice/daily/");
  await takeQuiz(a.page, true);
  await a.page.goto(url + "/plans/guangan-2021/");
  await a.page.getByRole("link", { name: "我的学习记录" }).click();
  const textA = await exportText(a.page, "张三", "第一党支部");
  const [lineA, codeA] = textA.split("\n");
  assert.equal(lineA, "【学习记录】张三 · 第一党支部 · 已读 3/17，自测 2/4");
  assert.match(codeA, /^XUEXI1:[A-Za-z0-9_-]+$/);
  assert.match(await a.page.locator(".summary-line").innerText(), /^已读 3\/17 · 自测 2\/4 · 每日一练 1 天 · 错题本 \d+ 题$/);
  assert.equal(await readQr(a.page), codeA);
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.getByText("下载记录文件").click()]);
  assert.equal(download.suggestedFilename(), "学习记录-张三-2021-05-20.txt");
  const fileA = readFileSync(await download.path(), "utf8");
  assert.equal(fileA, "\ufeff" + textA + "\n");
  // Name and branch stay on the device.
  await a.page.reload();
  assert.equal(await a.page.locator("textarea.code").inputValue(), textA);
  assert.deepEqual(a.problems, []);
  await a.context.close();

  // 李四 on the site, later: one reading.
  const b = await member("2021-06-01T08:30:00");
  await b.page.goto(url + "/plans/guangan-2021/");
  await tick(b.page, [0]);
  await b.page.goto(url + "/practice/record/");
  const textB = await exportText(b.page, "李四", "机关党支部");
  assert.equal(textB.split("\n")[0], "【学习记录】李四 · 机关党支部 · 已读 1/17，自测 0/4");
  await b.context.close();

  // 王五 in the plan's offline copy, opened from a file with the network off.
  const c = await member("2021-05-10T21:00:00");
  await c.context.setOffline(true);
  const copy = pathToFileURL(join(publicDir, "plans/guangan-2021.offline.html")).href;
  await c.page.goto(copy);
  await tick(c.page, [0, 1]);
  await c.page.getByRole("link", { name: "我的学习记录" }).first().click();
  const textC = await exportText(c.page, "王五", "第一党支部");
  assert.equal(textC.split("\n")[0], "【学习记录】王五 · 第一党支部 · 已读 2/17，自测 0/4");
  assert.equal(await readQr(c.page), textC.split("\n")[1]);
  // The one request: the copy itself.
  assert.deepEqual(c.problems, [`request to ${copy}`]);
  await c.context.close();

  // The secretary's chat: the three records among other messages, 张三's twice, one
  // cut short, one of another campaign.
  const other = cases[1].code;
  const chat = [
    "第一党支部学习群 聊天记录",
    "张三 2021-05-20 10:01",
    textA,
    "书记 2021-05-20 10:05",
    "收到，谢谢！",
    "李四 2021-06-01 08:31",
    textB,
    "王五 2021-05-10 21:02",
    textC,
    "张三 2021-05-20 10:02",
    textA,
    "赵六 2021-05-21 09:00",
    "【学习记录】赵六 · 第二党支部 · 已读 5/17，自测 1/4",
    codeA.slice(0, 60),
    "外单位 2021-05-21 09:10",
    other,
    "",
  ].join("\n");
  const dir = mkdtempSync(join(tmpdir(), "xuexi-tally-"));
  writeFileSync(join(dir, "群聊.txt"), chat);
  const out = join(dir, "台账.xlsx");
  const run = spawnSync(XUEXI, ["tally", "群聊.txt", "--date", "2021-05-31", "--csv", "-o", out, "--root", repo], { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  // The sample project's own warnings are counted first, as by every command.
  const [projectLine, ...lines] = run.stderr.split("\n");
  assert.match(projectLine, /`xuexi check`/);
  assert.equal(
    lines.join("\n"),
    [
      "读取 群聊.txt：6 条记录码",
      "群聊.txt:15: 第一党支部 张三：和第 4 行的记录完全相同，只计一次",
      "群聊.txt:18: 记录码不完整或抄错了（校验不符），没有计入：请本人重新复制发送",
      "群聊.txt:20: 机关支部 Li Si：这是别的学习活动的记录（活动编号 guangan-2021-dsxx，本活动是 0499ec7a），没有计入",
      `已写出 ${out}`,
      `已写出 ${join(dir, "台账.csv")}`,
      "学习计划 `guangan-2021`：3 人计入台账，3 条问题；进度截至 2021-05-31",
      "",
    ].join("\n"),
  );
  const csv = readFileSync(join(dir, "台账.csv"), "utf8").replace(/^\ufeff/, "").trimEnd().split("\r\n").join("\n").split("\n");
  const head = csv[0].split(",");
  assert.deepEqual(head.slice(0, 5), ["序号", "支部", "姓名", "第1次 04-16", "第2次 04-30"]);
  const cell = (row, name) => csv[row].split(",")[head.indexOf(name)];
  // Sorted by branch, then name (character order): 机关党支部 before 第一党支部.
  assert.deepEqual(
    csv.slice(1).map((r) => r.split(",").slice(1, 3).join(" ")),
    ["机关党支部 李四", "第一党支部 张三", "第一党支部 王五"],
  );
  // 李四 read on 2021-06-01, after the ledger's day: not counted as of 2021-05-31.
  assert.equal(cell(1, "第1次 04-16"), "");
  assert.equal(cell(2, "第1次 04-16"), "2021-05-20");
  assert.equal(cell(2, "第3次 05-14"), "2021-05-20");
  assert.equal(cell(2, "第4次 05-28"), "");
  assert.equal(cell(3, "第2次 04-30"), "2021-05-10");
  assert.equal(cell(2, "已读（共17次）"), "3");
  assert.equal(cell(2, "《中国共产党简史》第一章自测"), "100（及格）");
  assert.equal(cell(2, "党史学习教育应知应会"), "0（未及格）");
  assert.equal(cell(2, "已自测（共4套）"), "2");
  assert.equal(cell(2, "及格（共4套）"), "1");
  assert.equal(cell(2, "每日一练（天）"), "1");
  assert.equal(cell(2, "进度"), "落后 1 次");
  assert.equal(cell(1, "进度"), "落后 4 次");
  assert.equal(cell(3, "进度"), "落后 2 次");
  assert.equal(cell(2, "记录导出时间"), "2021-05-20 10:00");
  assert.equal(cell(3, "记录导出时间"), "2021-05-10 21:00");
});
