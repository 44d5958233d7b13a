// 任务清单 and 本单位任务填报, end to end: the list by month with the days left by the
// reader's clock (and its deadlines without JavaScript); a unit's clerk chooses the unit
// once, ticks tasks, records meetings, evidence and a note, and exports a 任务回执 as
// text, a file and a QR code (read back with jsQR) on the site and in the offline copy
// from file://; the code, decoded here by the rules of docs/receipt-code.zh-CN.md, says
// what was ticked, and `xuexi supervise` counts the downloaded file; the unit's
// calendar keeps only its tasks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import jsQR from "jsqr";
import { session, phone, publicDir, repo } from "./helpers.mjs";

const s = session();
const XUEXI = join(repo, "target", "release", "xuexi");
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: "zh-CN" };

/** A clerk's phone, its clock set to `when` (local time). */
async function clerk(when, options = {}) {
  const p = await phone(s.browser, s.server.url, { ...PHONE, ...options });
  await p.context.clock.setFixedTime(new Date(when));
  return p;
}

/** The receipt code's content, read by the rules of docs/receipt-code.zh-CN.md (an
 * independent reader: the page's writer is src/emit/views/tasks.js). */
function decode(code) {
  const m = /^XUEXIR1:([A-Za-z0-9_-]+)$/.exec(code);
  assert.ok(m, code);
  const bytes = Buffer.from(m[1].replace(/-/g, "+").replace(/_/g, "/"), "base64");
  const body = bytes.subarray(0, bytes.length - 4);
  let crc = 0xffffffff;
  for (const b of body) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  assert.equal((crc ^ 0xffffffff) >>> 0, bytes.readUInt32BE(bytes.length - 4), "checksum");
  let at = 0;
  const uint = () => {
    let v = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = body[at++];
      v += (b & 127) * shift;
      if (b < 128) return v;
    }
  };
  const str = () => {
    const n = uint();
    at += n;
    return body.subarray(at - n, at).toString("utf8");
  };
  const day = (n) => new Date(Date.UTC(2000, 0, 1) + n * 864e5).toISOString().slice(0, 10);
  const r = { campaign: str(), unit: str(), unit_name: str() };
  const min = uint();
  r.sent = day(Math.floor(min / 1440)) + "T" + String(Math.floor((min % 1440) / 60)).padStart(2, "0") + ":" + String(min % 60).padStart(2, "0");
  r.by = str();
  r.tasks = [];
  for (let n = uint(); n > 0; n--) {
    const t = { task: str(), done: uint() === 1 };
    const on = uint();
    t.on = on ? day(on - 1) : "";
    t.count = uint();
    t.dates = [];
    for (let k = uint(); k > 0; k--) t.dates.push(day(uint()));
    t.evidence = [];
    for (let k = uint(); k > 0; k--) t.evidence.push(str());
    t.note = str();
    r.tasks.push(t);
  }
  assert.equal(at, body.length, "nothing after the receipt");
  return r;
}

/** What the page's QR code says, read back from its pixels. */
async function readQr(page) {
  const { w, h, data } = await page.evaluate(async () => {
    const img = document.querySelector(".tasks-unit img.qr");
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

/** Chooses the unit on the unit's page: types part of its name, picks it. */
async function choose(page, search, id) {
  await page.getByLabel("查找单位").fill(search);
  await page.getByLabel("选择本单位：").selectOption(id);
  await page.getByRole("button", { name: "确定" }).click();
}

const task = (page, id) => page.locator(`li.utask[data-task="${id}"]`);

/** What 区委组织部's clerk does: dushuban done with evidence and a note, two meetings of
 * zhongxinzu (a third added and removed), 填报人 李四. */
async function tick(page) {
  const d = task(page, "dushuban");
  await d.getByRole("checkbox", { name: "已完成：举办党史学习教育专题读书班" }).check();
  await d.getByLabel("完成日期").fill("2021-04-28");
  await d.getByRole("checkbox", { name: "读书班方案" }).check();
  await d.getByRole("checkbox", { name: "签到表" }).check();
  await d.getByLabel("备注").fill("照片待补");
  const z = task(page, "zhongxinzu");
  for (const date of ["2021-05-14", "2021-04-23", "2021-05-01"]) {
    await z.getByLabel("开展日期").fill(date);
    await z.getByRole("button", { name: "记一次" }).click();
  }
  await z.getByRole("button", { name: "删除 2021-05-01 这一次" }).click();
  await page.getByLabel("填报人").fill("李四");
}

const ticked = (sent) => ({
  campaign: "0499ec7a",
  unit: "zuzhibu",
  unit_name: "区委组织部",
  sent,
  by: "李四",
  tasks: [
    { task: "dushuban", done: true, on: "2021-04-28", count: 0, dates: [], evidence: ["读书班方案", "签到表"], note: "照片待补" },
    { task: "wangluo-peixun", done: false, on: "", count: 0, dates: [], evidence: [], note: "" },
    { task: "zhongxinzu", done: false, on: "", count: 2, dates: ["2021-04-23", "2021-05-14"], evidence: [], note: "" },
    { task: "zizhu-peixun", done: false, on: "", count: 0, dates: [], evidence: [], note: "" },
  ],
});

test("the list: tasks by month, 规定/自选, who and what proves it; deadlines without JS, days left with it", { skip: !s.run }, async () => {
  const bare = await clerk("2021-05-10T09:00:00", { javaScriptEnabled: false });
  await bare.page.goto(s.server.url + "/tasks/");
  const months = await bare.page.locator("section.task-month h2").allTextContents();
  assert.deepEqual(months, ["2021年4月", "2021年5月", "2021年6月", "2021年7月", "2021年8月", "2021年12月"]);
  const d = bare.page.locator("#task-dushuban");
  assert.equal(await d.locator(".task-when").innerText(), "规定动作 截止 4月30日");
  assert.equal(await d.locator("time").getAttribute("datetime"), "2021-04-30");
  assert.equal(await d.locator(".task-facts").innerText(), "落实单位\n区委组织部\n牵头单位\n区委组织部\n佐证材料\n读书班方案、签到表、研讨交流材料、照片\n相关学习\n论中国共产党历史");
  assert.equal(await bare.page.locator("#task-hongse-wuyi .task-when").innerText(), "规定动作 每周五（4月9日至12月31日，共 38 次）");
  assert.equal(await bare.page.locator("#task-zhongxinzu dd").first().innerText(), "党委（党组） 9 个");
  assert.equal(await bare.page.locator("#task-wei-dangke .badge").innerText(), "自选动作");
  await bare.context.close();

  const { context, page, problems } = await clerk("2021-05-10T09:00:00");
  await page.goto(s.server.url + "/");
  await page.getByRole("link", { name: "任务清单" }).click();
  assert.equal(new URL(page.url()).pathname, "/tasks/");
  assert.equal(await page.locator("#task-dushuban .left").innerText(), "已过期");
  assert.equal(await page.locator("#task-dushuban").getAttribute("class"), "task overdue");
  assert.equal(await page.locator("#task-banshishi-tuijinhui .left").innerText(), "还有 10 天");
  assert.equal(await page.locator("#task-chuntian-songge .left").innerText(), "还有 31 天");
  await page.clock.setFixedTime(new Date("2021-05-20T09:00:00"));
  await page.reload();
  assert.equal(await page.locator("#task-banshishi-tuijinhui .left").innerText(), "今天截止");
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript the unit's page says why it needs scripts and leads to the list", { skip: !s.run }, async () => {
  const { context, page } = await clerk("2021-05-20T10:00:00", { javaScriptEnabled: false });
  await page.goto(s.server.url + "/tasks/unit/");
  assert.match(await page.locator(".tasks-unit .nojs").innerText(), /^这一页需要浏览器运行脚本：填报的内容保存在本设备的浏览器里/);
  assert.match(await page.locator(".tasks-unit .private").innerText(), /本页不会把任何内容发送到网络/);
  assert.equal(await page.locator(".unit-app").isVisible(), false);
  await context.close();
});

test("a unit's clerk chooses the unit once, ticks its tasks and sends a receipt that says what was ticked and that xuexi supervise counts", { skip: !s.run }, async () => {
  const { context, page, problems } = await clerk("2021-05-20T10:00:00");
  await page.goto(s.server.url + "/tasks/");
  await page.getByRole("link", { name: "本单位任务填报" }).click();
  assert.equal(new URL(page.url()).pathname, "/tasks/unit/");
  // The search narrows the list; a name no unit has is said.
  await page.getByLabel("查找单位").fill("没有这个");
  assert.equal(await page.locator(".choose-unit .note").innerText(), "没有名称包含“没有这个”的单位。");
  await page.getByLabel("查找单位").fill("区委");
  assert.deepEqual(await page.locator("#unit-select option").allTextContents(), ["区委", "区委组织部", "区委宣传部", "区委党校"]);
  await choose(page, "组织", "zuzhibu");
  assert.equal(await page.locator(".my-unit").innerText(), "本单位：区委组织部 更换");
  // Its tasks: those for its id and for its kind, by their last day.
  const ids = await page.locator("li.utask").evaluateAll((xs) => xs.map((x) => x.dataset.task));
  assert.deepEqual(ids, ["dushuban", "wangluo-peixun", "zhongxinzu", "zizhu-peixun"]);
  assert.equal(await page.locator(".unit-summary").innerText(), "完成 0/4 · 逾期 1 项");
  assert.equal(await task(page, "dushuban").getAttribute("class"), "task utask overdue");
  assert.equal(await task(page, "dushuban").locator(".left").innerText(), "已过期");
  assert.equal(await task(page, "zhongxinzu").locator(".count").innerText(), "已开展 0/4 次");

  await tick(page);
  assert.equal(await page.locator(".unit-summary").innerText(), "完成 1/4");
  assert.equal(await task(page, "dushuban").getAttribute("class"), "task utask done");
  assert.equal(await task(page, "dushuban").locator(".left").innerText(), "已完成 2021-04-28");
  assert.equal(await task(page, "zhongxinzu").locator(".count").innerText(), "已开展 2/4 次");
  assert.deepEqual(await task(page, "zhongxinzu").locator(".meetings time").allTextContents(), ["2021-04-23", "2021-05-14"]);

  const text = await page.locator(".tasks-unit textarea.code").inputValue();
  const [line, code] = text.split("\n");
  assert.equal(line, "【任务回执】区委组织部 · 完成 1/4，逾期 0 项 · 填报人 李四");
  assert.deepEqual(decode(code), ticked("2021-05-20T10:00"));
  assert.equal(await page.evaluate((r) => window.xuexi.tasks.encode(r), ticked("2021-05-20T10:00")), code);
  assert.equal(await readQr(page), code);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("下载回执文件").click()]);
  assert.equal(download.suggestedFilename(), "任务回执-区委组织部-2021-05-20.txt");
  assert.equal(readFileSync(await download.path(), "utf8"), "\ufeff" + text + "\n");

  // The office counts the file as it came: `xuexi supervise` on it, as of 5月31日.
  assert.ok(existsSync(XUEXI), `${XUEXI} (cargo build --release)`);
  const dir = mkdtempSync(join(tmpdir(), "xuexi-supervise-"));
  copyFileSync(await download.path(), join(dir, download.suggestedFilename()));
  const run = spawnSync(XUEXI, ["supervise", download.suggestedFilename(), "--date", "2021-05-31", "--csv", "-o", "台账.xlsx", "--root", repo], { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /读取 任务回执-区委组织部-2021-05-20\.txt：1 条回执码，0 条学习记录码\n/);
  const csv = readFileSync(join(dir, "台账.csv"), "utf8").replace(/^\ufeff/, "").split(/\r?\n/);
  const head = csv[0].split(",");
  const row = csv.find((r) => r.split(",")[1] === "区委组织部").split(",");
  const cell = (title) => row[head.findIndex((h) => h.startsWith(title + " "))];
  assert.equal(row[head.indexOf("报送时间")], "2021-05-20 10:00");
  assert.equal(cell("举办党史学习教育专题读书班"), "按时完成");
  assert.equal(cell("理论学习中心组开展党史专题学习"), "进行中 2/4");
  assert.equal(cell("举办网络专题培训班，完成全区科级领导干部网络培训"), "未到期");
  assert.equal(cell("自主开展专题培训，实现党员干部全覆盖"), "未到期");
  assert.equal(row[head.indexOf("已完成")], "1");
  assert.equal(row[head.indexOf("应完成")], "1");

  // The unit's calendar: its four tasks' events only, a week's warning on deadlines.
  const [ics] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载本单位的日历文件（.ics）" }).click()]);
  assert.equal(ics.suggestedFilename(), "任务清单-区委组织部.ics");
  const cal = readFileSync(await ics.path(), "utf8");
  assert.deepEqual(cal.match(/^UID:.*$/gm), ["UID:task.dushuban.2021-04-30@xuexi", "UID:task.zhongxinzu.2021-12-31@xuexi", "UID:task.wangluo-peixun.2021-07-31@xuexi", "UID:task.zizhu-peixun.2021-12-31@xuexi"]);
  assert.equal(cal.match(/^TRIGGER:-P6DT15H\r$/gm).length, 4);
  assert.ok(cal.startsWith("BEGIN:VCALENDAR\r\n") && cal.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n"), cal.slice(-40));
  assert.equal(cal.replace(/\r\n/g, "").includes("\n"), false);

  // Everything stays on the device: the unit, its ticks, 填报人.
  await page.reload();
  assert.equal(await page.locator(".tasks-unit textarea.code").inputValue(), text);
  // Changing the unit shows the other unit's own (empty) state.
  await page.getByRole("button", { name: "更换" }).click();
  await choose(page, "白马乡机关", "baima-jiguan");
  assert.equal(await page.locator(".unit-summary").innerText(), "完成 0/1");
  // A weekly task: the count toward the sessions due by today (six Fridays from 4月9日).
  const w = task(page, "hongse-wuyi");
  await w.getByLabel("开展日期").fill("2021-04-09");
  await w.getByRole("button", { name: "记一次" }).click();
  assert.equal(await w.locator(".count").innerText(), "已开展 1/6 次（到今天应开展的次数），全期共 38 次");
  assert.deepEqual(problems, []);
  await context.close();
});

test("in the offline copy opened from a file, with the network off, a unit ticks and sends its receipt", { skip: !s.run }, async () => {
  const { context, page, problems } = await clerk("2021-05-20T10:00:00");
  await context.setOffline(true);
  const copy = pathToFileURL(join(publicDir, "tasks/tasks.offline.html")).href;
  await page.goto(copy);
  // Every place in the one file has its own id.
  assert.equal(await page.locator("#tasks-task-dushuban .left").innerText(), "已过期");
  await page.getByRole("link", { name: "本单位任务填报" }).click();
  await choose(page, "组织部", "zuzhibu");
  await tick(page);
  const [line, code] = (await page.locator(".tasks-unit textarea.code").inputValue()).split("\n");
  assert.equal(line, "【任务回执】区委组织部 · 完成 1/4，逾期 0 项 · 填报人 李四");
  assert.deepEqual(decode(code), ticked("2021-05-20T10:00"));
  assert.equal(await readQr(page), code);
  // The one request: the copy itself.
  assert.deepEqual(problems, [`request to ${copy}`]);
  await context.close();
});

test("axe-core: no violation on the unit's page with a unit chosen and tasks ticked, light and dark", { skip: !s.run }, async () => {
  const axe = readFileSync(join(repo, "tests/browser/node_modules/axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    const { context, page } = await clerk("2021-05-20T10:00:00", { colorScheme: scheme });
    await page.goto(s.server.url + "/tasks/unit/");
    await choose(page, "组织部", "zuzhibu");
    await tick(page);
    await page.evaluate(axe);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(found, [], scheme);
    await context.close();
  }
});
