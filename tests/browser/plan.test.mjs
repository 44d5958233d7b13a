// Reading plans: progress kept on the device, behind/on-track against a fixed clock,
// catch-up and undo, the home page following the reader's own schedule, the calendar
// file and the printable ledger.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, phone } from "./helpers.mjs";

const s = session();
const run = s.run;
const PLAN = "/plans/guangan-2021/";

async function at(date, options) {
  const p = await phone(s.browser, s.server.url, options);
  await p.page.clock.setFixedTime(new Date(`${date}T09:00:00`));
  return p;
}

const status = (page) => page.locator(".progress-status").textContent();
const dueOf = (page, i) => page.locator(`tr.reading[data-i="${i}"] .due time`).textContent();

test("ticks persist across reloads and the message follows today's date", { skip: !run }, async () => {
  const { context, page, problems } = await at("2021-05-10");
  await page.goto(s.server.url + PLAN);
  assert.equal(await status(page), "已读 0/17 · 已落后 2 次阅读");
  assert.equal(await page.locator("tr.reading.past").count(), 2);
  for (const i of [0, 1]) await page.locator(`tr.reading[data-i="${i}"] .tick input`).check();
  assert.equal(await status(page), "已读 2/17 · 进度正常");
  assert.equal(await page.locator(".progress-box progress").getAttribute("value"), "2");
  await page.reload();
  assert.equal(await status(page), "已读 2/17 · 进度正常");
  assert.ok(await page.locator('tr.reading[data-i="1"] .tick input').isChecked());
  await page.locator('tr.reading[data-i="1"] .tick input').uncheck();
  assert.equal(await status(page), "已读 1/17 · 已落后 1 次阅读");
  assert.deepEqual(problems, []);
  await context.close();
});

test("before and after the plan", { skip: !run }, async () => {
  let p = await at("2021-04-01");
  await p.page.goto(s.server.url + PLAN);
  assert.equal(await status(p.page), "已读 0/17 · 计划将于 2021-04-08 开始");
  await p.context.close();
  // From the campaign's first day the plan is on: readers read before the first due date.
  p = await at("2021-04-10");
  await p.page.goto(s.server.url + PLAN);
  assert.equal(await status(p.page), "已读 0/17 · 进度正常");
  await p.context.close();
  p = await at("2022-01-10");
  await p.page.goto(s.server.url + PLAN);
  assert.equal(await status(p.page), "活动已于 2021-12-31 结束");
  await p.context.close();
});

test("catch me up moves the missed readings from today, and can be undone", { skip: !run }, async () => {
  const { context, page } = await at("2021-05-10");
  await page.goto(s.server.url + PLAN);
  await page.getByRole("button", { name: "帮我赶上进度" }).click();
  // The two missed readings from today, three days apart; the third keeps its date.
  assert.equal(await dueOf(page, 0), "2021-05-10");
  assert.equal(await dueOf(page, 1), "2021-05-13");
  assert.equal(await dueOf(page, 2), "2021-05-14");
  assert.equal(await dueOf(page, 16), "2021-12-10");
  assert.equal(await page.locator('tr.reading[data-i="0"] .moved').textContent(), " 原定 2021-04-16");
  assert.equal(await status(page), "已读 0/17 · 进度正常 · 已为你改期 2 次阅读");
  assert.equal(await page.getByRole("button", { name: "帮我赶上进度" }).isHidden(), true);
  await page.reload();
  assert.equal(await dueOf(page, 0), "2021-05-10");
  // The home page follows the moved schedule.
  await page.goto(s.server.url + "/");
  const next = page.locator(".today-now .next.reading");
  assert.match(await next.textContent(), /^下一次阅读：中国共产党简史 · 第一章.*2021-05-10 · 今天截止$/);
  await page.goto(s.server.url + PLAN);
  await page.getByRole("button", { name: "撤销调整" }).click();
  assert.equal(await dueOf(page, 0), "2021-04-16");
  assert.equal(await page.locator('tr.reading[data-i="0"] .moved').count(), 0);
  assert.equal(await status(page), "已读 0/17 · 已落后 2 次阅读");
  await context.close();
});

test("with storage blocked the plan still works and says progress is not kept", { skip: !run }, async () => {
  const { context, page, problems } = await at("2021-05-10");
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("blocked", "SecurityError");
      },
    });
  });
  await page.goto(s.server.url + PLAN);
  assert.equal(await page.locator(".progress-box .note").textContent(), "本设备无法保存进度：勾选只在这次打开页面时有效。");
  await page.locator('tr.reading[data-i="0"] .tick input').check();
  assert.equal(await status(page), "已读 1/17 · 已落后 1 次阅读");
  await page.getByRole("button", { name: "帮我赶上进度" }).click();
  assert.equal(await status(page), "已读 1/17 · 进度正常 · 已为你改期 1 次阅读");
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript the schedule is all there; the calendar file downloads", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url, { javaScriptEnabled: false });
  await page.goto(s.server.url + PLAN);
  assert.equal(await page.locator("tr.reading").count(), 17);
  assert.equal(await page.locator(".progress-box").textContent(), "\n勾选已读、查看进度和“帮我赶上进度”需要浏览器运行脚本；打印本页即为学习台账。\n");
  assert.equal(await page.locator(".milestones li").count(), 9);
  assert.equal(await page.locator(".sessions li").count(), 38);
  const href = await page.getByRole("link", { name: "下载日历文件（.ics）" }).getAttribute("href");
  assert.equal(href, "../../plans/guangan-2021.ics");
  const ics = await (await fetch(new URL(href, s.server.url + PLAN))).text();
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n"));
  await context.close();
});

test("printed, the schedule is a ledger with columns for the date done and a signature", { skip: !run }, async () => {
  const { context, page } = await at("2021-05-10");
  await page.goto(s.server.url + PLAN);
  await page.emulateMedia({ media: "print" });
  const display = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).display);
  assert.equal(await display(".ledger thead"), "table-header-group");
  assert.equal(await display("tr.reading"), "table-row");
  assert.equal(await display("tr.reading td.print-only"), "table-cell");
  assert.equal(await display(".site-nav"), "none");
  assert.equal(await display(".progress-box"), "none");
  const headers = await page.locator(".ledger thead th").allTextContents();
  assert.deepEqual(headers, ["序号", "完成日期", "阅读内容", "自测", "实际完成日期", "签名"]);
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10000);
  await context.close();
});
