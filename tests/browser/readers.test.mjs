// Readers on a 360x740 touch phone in zh-CN, with the clock inside the campaign and
// after it: keyboard focus, large text, fill-in gaps and answers, offline copies over
// http, honest catch-up, daily practice after the campaign, search landings, and the
// small things readers trip over (issue 13). axe-core checks every page type.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { session, serve, phone, facts, answer, publicDir, repo } from "./helpers.mjs";

const s = session();
const run = s.run;
const DURING = "2021-05-10";
const AFTER = "2023-06-15";
const PLAN = "/plans/guangan-2021/";
const PAGES = [
  "/",
  "/materials/",
  "/materials/jianshi/",
  "/plans/",
  PLAN,
  "/quizzes/",
  "/quizzes/jianshi-ch01/",
  "/practice/",
  "/practice/daily/",
  "/practice/wrong/",
  "/search/",
  "/about/",
  "/tasks/",
  "/tasks/unit/",
];
const READER = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: "zh-CN" };

async function at(date, options = {}) {
  const p = await phone(s.browser, s.server.url, { ...READER, ...options });
  if (date) await p.page.clock.setFixedTime(new Date(`${date}T09:00:00`));
  return p;
}

/** Waits until the page's scripts have done their work (the daily set arrives late). */
async function settle(page, url) {
  await page.waitForLoadState("networkidle");
  if (url.includes("daily")) await page.locator(".today-set .attempt .q").first().waitFor();
}

const status = (page) => page.locator(".progress-status").textContent();
const dueOf = (page, i) => page.locator(`tr.reading[data-i="${i}"] .due time`).textContent();
const addDays = (d, n) => new Date(Date.parse(d) + n * 864e5).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 864e5);

/** Where the focused element is and whether a reader can see it. */
function focusState() {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
  // Seen where at least one of its boxes (a link may wrap) is not under something else.
  let hit = null;
  const seen =
    inside &&
    Array.from(e.getClientRects()).some((b) => {
      hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      return !!hit && (hit === e || e.contains(hit) || (hit.tagName === "LABEL" && hit.contains(e)));
    });
  const name = `${e.tagName.toLowerCase()} “${(e.textContent || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 16)}”`;
  return { name, ok: inside && seen, where: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}${hit && !seen ? " under " + hit.tagName : ""}` };
}

test("keyboard: every Tab stop of every page type is visible inside the screen", { skip: !run }, async () => {
  const { context, page, problems } = await at(DURING);
  for (const url of PAGES) {
    await page.goto(s.server.url + url);
    await settle(page, url);
    const seen = new Set();
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(focusState);
      if (!f) break;
      const key = await page.evaluate(() => {
        const e = document.activeElement;
        return e.__tabKey || (e.__tabKey = Math.random());
      });
      if (seen.has(key)) break;
      seen.add(key);
      assert.ok(f.ok, `${url}: Tab ${i + 1} lands on ${f.name} at ${f.where}, not visible`);
    }
    assert.ok(seen.size >= 3, `${url}: only ${seen.size} Tab stops`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("keyboard: after 确定 focus stays on the question's feedback, not the page", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const box = page.locator(".attempt .q").first();
  const f = await facts(page, box);
  if (f.kind === "fill") {
    for (const input of await box.locator("input").all()) await input.fill("1");
  } else await box.locator("input").first().check();
  await box.getByRole("button", { name: "确定" }).focus();
  await page.keyboard.press("Enter");
  const where = await page.evaluate(() => {
    const e = document.activeElement;
    return { body: e === document.body, inBox: !!e.closest(".attempt .q") };
  });
  assert.equal(where.body, false, "focus fell to <body>");
  assert.ok(where.inBox, "focus is on the answered question");
  const f2 = await page.evaluate(focusState);
  assert.ok(f2 && f2.ok, `focus after 确定 is not visible: ${f2 && f2.where}`);
  await context.close();
});

test("fill-in gaps are inline underlines that keep the sentence on its lines, with and without JS and offline", { skip: !run }, async () => {
  const check = async (page, where) => {
    const js = (await page.locator(".attempt").count()) > 0;
    const prompt = page.locator(js ? '.attempt .q[data-id="jianshi-ch01/yida-year"] .prompt p' : 'li.question[data-id="yida-year"] .prompt p');
    const gap = prompt.locator(".gap");
    assert.equal(await gap.count(), 1, `${where}: one gap`);
    const style = await gap.evaluate((e) => {
      const c = getComputedStyle(e);
      return { display: c.display, top: c.borderTopWidth, bottom: c.borderBottomWidth, lines: e.getClientRects().length };
    });
    assert.equal(style.display, "inline", where);
    assert.equal(style.top, "0px", where);
    assert.notEqual(style.bottom, "0px", `${where}: the gap is underlined`);
    const lines = await prompt.evaluate((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)));
    assert.ok(lines <= 3, `${where}: the sentence takes ${lines} lines`);
    // The gap shares its line with the words before or after it.
    const shares = await gap.evaluate((g) => {
      const top = g.getBoundingClientRect().top;
      const edge = (node, at) => {
        const r = document.createRange();
        r.setStart(node, at);
        r.setEnd(node, at + 1);
        return r.getBoundingClientRect();
      };
      const before = g.previousSibling;
      const after = g.nextSibling;
      const near = (r) => Math.abs(r.top - top) < r.height;
      return (before && near(edge(before, before.length - 1))) || (after && near(edge(after, 0)));
    });
    assert.ok(shares, `${where}: the gap is on a line of its own`);
    // The answer fields are something else.
    assert.equal(await page.locator(".prompt .blank").count(), 0, `${where}: a prompt's gap styled as an answer field`);
  };
  let p = await at(DURING);
  await p.page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  await check(p.page, "quiz");
  await p.context.close();
  p = await at(DURING, { javaScriptEnabled: false });
  await p.page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  await check(p.page, "quiz without JS");
  await p.page.goto(pathToFileURL(join(publicDir, "quizzes/jianshi-ch01.offline.html")).href);
  await check(p.page, "offline copy without JS");
  await p.context.close();
});

test("large text: no horizontal overflow at any A-/A+ size on any page type or offline copy", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  const targets = PAGES.map((u) => s.server.url + u).concat(
    ["plans/guangan-2021.offline.html", "quizzes/jianshi-ch01.offline.html"].map((f) => pathToFileURL(join(publicDir, f)).href),
  );
  for (const url of targets) {
    await page.goto(url);
    await settle(page, url);
    const smaller = page.getByRole("button", { name: "缩小字号" });
    const larger = page.getByRole("button", { name: "放大字号" });
    for (let i = 0; i < 4; i++) await smaller.click();
    for (let size = 0; size < 5; size++) {
      if (size) await larger.click();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${url} at size ${size} is ${width}px wide`);
    }
  }
  await context.close();
});

test("an offline copy opened over http works: quiz, text size, no error", { skip: !run }, async () => {
  const { context, page, problems } = await at(DURING);
  for (const file of ["/plans/guangan-2021.offline.html", "/quizzes/jianshi-ch01.offline.html"]) {
    await page.goto(s.server.url + file);
    assert.equal(await page.evaluate(() => typeof window.xuexi), "object", file);
    assert.ok((await page.locator(".attempt .q").count()) > 0, `${file}: no quiz`);
    assert.ok(await page.locator(".font-size").isVisible(), `${file}: no A-/A+`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("catch-up moves only the missed readings, never past the plan's end, under their new months, and says so when the rest cannot fit", { skip: !run }, async () => {
  let { context, page } = await at("2021-09-01");
  await page.goto(s.server.url + PLAN);
  assert.equal(await status(page), "已读 0/17 · 已落后 10 次阅读");
  const end = await dueOf(page, 16);
  const before = [];
  for (let i = 0; i < 17; i++) before.push(await dueOf(page, i));
  await page.getByRole("button", { name: "帮我赶上进度" }).click();
  const dues = [];
  for (let i = 0; i < 17; i++) dues.push(await dueOf(page, i));
  // The ten missed ones from today, one every three days, in their order; the rest keep
  // their dates.
  assert.deepEqual(dues.slice(0, 10), [0, 3, 6, 9, 12, 15, 18, 21, 24, 27].map((n) => addDays("2021-09-01", n)));
  assert.deepEqual(dues.slice(10), before.slice(10), "readings not yet due keep their dates");
  for (const d of dues) assert.ok(d <= end, `${d} is after the plan's end ${end}`);
  assert.equal(await status(page), "已读 0/17 · 进度正常 · 已为你改期 10 次阅读");
  // The ledger reads by the reader's dates: each reading under the month of its date,
  // months in order, rows in date order.
  const ledger = await page.locator("table.ledger tbody").evaluateAll((bs) =>
    bs.map((b) => [b.querySelector("tr.month th").textContent, Array.from(b.querySelectorAll("tr.reading .due time"), (t) => t.textContent)]),
  );
  for (const [month, days] of ledger) for (const d of days) assert.equal(`${+d.slice(0, 4)}年${+d.slice(5, 7)}月`, month, `${d} under ${month}`);
  const flat = ledger.flatMap(([, days]) => days);
  assert.deepEqual(flat, [...flat].sort());
  assert.equal(flat.length, 17);
  assert.deepEqual(ledger.map(([m]) => m), ["2021年9月", "2021年10月", "2021年11月", "2021年12月"]);
  await page.reload();
  assert.deepEqual(await page.locator("table.ledger tbody tr.month th").allTextContents(), ["2021年9月", "2021年10月", "2021年11月", "2021年12月"]);
  assert.equal(await page.locator("table.ledger tr.month:visible").count(), 4, "no month heading left empty");
  // The home page's agenda follows: the first reading on its new date, in date order.
  await page.goto(s.server.url + "/");
  const agenda = await page.locator(".agenda li[data-kind=reading] time").allTextContents();
  assert.equal(agenda[0], "2021-09-01");
  const all = await page.locator(".agenda li time").allTextContents();
  assert.deepEqual(all, [...all].sort());
  await context.close();

  // Three weeks before the end, the 15 missed readings cannot fit: say so, spread what
  // can, count only the missed ones.
  ({ context, page } = await at("2021-11-19"));
  await page.goto(s.server.url + PLAN);
  await page.getByRole("button", { name: "帮我赶上进度" }).click();
  const moved = [];
  for (let i = 0; i < 17; i++) moved.push(await dueOf(page, i));
  for (const d of moved) assert.ok(d <= end, `${d} is after the plan's end ${end}`);
  assert.equal(moved[15], "2021-11-26", "a reading not yet due keeps its date");
  const future = await page.locator("tr.reading:has(.moved) .due time").allTextContents();
  assert.equal(future[0], "2021-11-19");
  assert.equal(future.length, 8);
  for (let i = 1; i < future.length; i++) assert.ok(daysBetween(future[i - 1], future[i]) >= 3, `${future[i - 1]} then ${future[i]}`);
  const text = await page.locator(".progress-box").textContent();
  assert.doesNotMatch(text, /进度正常/);
  assert.match(text, /排不下全部落下的 15 次阅读：已把其中 8 次排到 2021-12-10 之前（约每周两次），其余 7 次请自行补读。/);
  assert.equal(await page.getByRole("button", { name: "帮我赶上进度" }).isHidden(), true);
  await context.close();

  // After the plan's last reading nothing fits: no catch-up, but the plan can run again.
  ({ context, page } = await at("2021-12-20"));
  await page.goto(s.server.url + PLAN);
  assert.equal(await status(page), "已读 0/17 · 已落后 17 次阅读");
  assert.equal(await page.getByRole("button", { name: "帮我赶上进度" }).isHidden(), true);
  assert.ok(await page.getByRole("button", { name: "从今天起按自己的进度学习" }).isVisible());
  await context.close();
});

test("at one's own pace the first unread reading is due today, and the calendar follows the reader's dates", { skip: !run }, async () => {
  const { context, page } = await at(AFTER, { acceptDownloads: true });
  await page.goto(s.server.url + PLAN);
  const plan = [];
  for (let i = 0; i < 17; i++) plan.push(await dueOf(page, i));
  // The published calendar while the reader keeps the plan's dates.
  const published = readFileSync(join(publicDir, "plans/guangan-2021.ics"), "utf8");
  let [download] = await Promise.all([page.waitForEvent("download"), page.locator("a.calendar").click()]);
  assert.equal(readFileSync(await download.path(), "utf8"), published);
  assert.equal(await page.locator(".calendar-own").isHidden(), true);
  // Five read, then own pace: the sixth is due today, the rest keep the plan's spacing;
  // the five read keep their dates.
  for (let i = 0; i < 5; i++) await page.getByRole("checkbox").nth(i).check();
  await page.getByRole("button", { name: "从今天起按自己的进度学习" }).click();
  const offset = daysBetween(plan[5], AFTER);
  for (let i = 0; i < 5; i++) assert.equal(await dueOf(page, i), plan[i]);
  assert.equal(await dueOf(page, 5), AFTER);
  // No month heading is left without a reading under it.
  for (const body of await page.locator("table.ledger tbody").all()) assert.ok((await body.locator("tr.reading").count()) > 0, await body.locator("tr.month").textContent());
  assert.equal(await dueOf(page, 16), addDays(plan[16], offset));
  assert.match(await status(page), /^已读 5\/17 · 进度正常 · 按自己的进度，从 2023-06-15 起$/);
  assert.ok(await page.locator(".calendar-own").isVisible());
  [download] = await Promise.all([page.waitForEvent("download"), page.locator("a.calendar").click()]);
  assert.equal(download.suggestedFilename(), "guangan-2021.ics");
  const own = readFileSync(await download.path(), "utf8");
  const starts = (ics) => Array.from(ics.replace(/\r\n[ \t]/g, "").matchAll(/UID:guangan-2021\.\d{4}-\d\d-\d\d\..*?DTSTART;VALUE=DATE:(\d{8})\r\nDTEND;VALUE=DATE:(\d{8})/gs), (m) => [m[1], m[2]]);
  const ymd = (d) => d.replace(/-/g, "");
  assert.deepEqual(
    starts(own),
    plan.map((d, i) => (i < 5 ? [ymd(d), ymd(addDays(d, 1))] : [ymd(addDays(d, offset)), ymd(addDays(d, offset + 1))])),
  );
  // A moved event says it changed (a later stamp, a sequence), so a calendar that
  // imports it again updates it; the others are as published.
  const events = own.split("BEGIN:VEVENT").slice(1);
  const moved = events.filter((e) => /^SEQUENCE:\d+\r$/m.test(e));
  assert.equal(moved.length, 12);
  for (const e of moved) assert.match(e, /^DTSTAMP:2023\d{4}T\d{6}Z\r$/m);
  // Nothing else changes: milestones, sessions, titles, reminders, line folding.
  const plain = (ics) => ics.replace(/^(DTSTART|DTEND);VALUE=DATE:\d{8}\r\n/gm, "").replace(/^DTSTAMP:.*\r\n(SEQUENCE:.*\r\n)?/gm, "");
  assert.equal(plain(own), plain(published));
  assert.equal(starts(published).length, 17);
  // Undo restores the plan's dates, and the calendar as published.
  await page.getByRole("button", { name: "撤销调整" }).click();
  assert.equal(await dueOf(page, 5), plan[5]);
  assert.equal(await page.locator(".calendar-own").isHidden(), true);
  await context.close();
});

test("after the campaign: the plan says it has ended and offers reading at one's own pace", { skip: !run }, async () => {
  const { context, page } = await at(AFTER);
  await page.goto(s.server.url + PLAN);
  const text = await status(page);
  assert.doesNotMatch(text, /落后/);
  assert.match(text, /活动已于 2021-12-31 结束/);
  assert.equal(await page.getByRole("button", { name: "帮我赶上进度" }).isHidden(), true);
  const first = await dueOf(page, 0);
  const last = await dueOf(page, 16);
  await page.getByRole("button", { name: "从今天起按自己的进度学习" }).click();
  const offset = daysBetween(first, AFTER);
  assert.equal(await dueOf(page, 0), AFTER);
  assert.equal(await dueOf(page, 16), addDays(last, offset));
  assert.doesNotMatch(await status(page), /落后|结束/);
  await page.reload();
  assert.equal(await dueOf(page, 0), AFTER);
  // The home page follows the reader's own schedule, without "活动已结束" beside it.
  await page.goto(s.server.url + "/");
  const next = page.locator(".today-now .next.reading");
  assert.match(await next.textContent(), new RegExp(`${AFTER} · 今天截止`));
  await page.goto(s.server.url + PLAN);
  await page.getByRole("button", { name: "撤销调整" }).click();
  assert.equal(await dueOf(page, 0), first);
  await context.close();
});

test("home after the campaign never shows 活动已结束 beside a next reading", { skip: !run }, async () => {
  const { context, page } = await at("2021-09-01");
  await page.goto(s.server.url + PLAN);
  await page.getByRole("button", { name: "帮我赶上进度" }).click();
  await page.clock.setFixedTime(new Date("2022-01-05T09:00:00"));
  await page.goto(s.server.url + "/");
  const box = await page.locator(".today-now").textContent();
  assert.match(box, /结束/);
  assert.equal(await page.locator(".today-now .next.reading").count(), 0, box);
  await context.close();
});

test("home: 今日学习 comes first, its next reading inside the first screen at every text size", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  for (let size = 0; size < 5; size++) {
    await page.goto(s.server.url + "/");
    await page.evaluate((n) => localStorage.setItem("xuexi.fs", n), size);
    await page.reload();
    const order = await page.evaluate(() => Array.from(document.querySelectorAll("article.home > *"), (e) => e.className || e.tagName.toLowerCase()));
    assert.ok(order.indexOf("today") < order.indexOf("intro"), order.join(" "));
    const next = await page.locator(".today-now .next.reading").boundingBox();
    const bar = await page.locator(".site-nav").boundingBox();
    assert.ok(next.y + next.height <= bar.y, `text size ${size}: the next reading ends at ${Math.round(next.y + next.height)}, the tab bar starts at ${Math.round(bar.y)}`);
  }
  await context.close();
});

test("home: the next reading links to its chapter and says how many readings are missed", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/");
  const next = page.locator(".today-now .next.reading");
  assert.equal(await next.locator("a").first().getAttribute("href"), "materials/jianshi/#ch03");
  assert.match(await page.locator(".today-now").textContent(), /已落后 2 次阅读/);
  await context.close();
});

/** The ids of today's daily set. */
async function dailySet(date) {
  const { context, page, problems } = await at(date);
  await page.goto(s.server.url + "/practice/daily/");
  await page.locator(".today-set .attempt .q").first().waitFor();
  const title = await page.locator(".today-set h2").textContent();
  const ids = await page.locator(".today-set .attempt .q").evaluateAll((xs) => xs.map((x) => x.dataset.id).sort());
  assert.deepEqual(problems, []);
  await context.close();
  return { title, ids };
}

test("daily practice: a fresh set every day, during and after the campaign, the same for everyone", { skip: !run }, async () => {
  const may = await dailySet("2021-05-01");
  assert.equal(may.title, "每日一练 · 2021-05-01");
  assert.equal(may.ids.length, 5);
  const a = await dailySet(AFTER);
  assert.equal(a.title, `每日一练 · ${AFTER}`);
  assert.equal(a.ids.length, 5);
  const b = await dailySet(addDays(AFTER, 1));
  assert.notDeepEqual(a.ids, b.ids);
  const again = await dailySet(AFTER);
  assert.deepEqual(again.ids, a.ids);
  const end = await dailySet("2021-12-31");
  const after = await dailySet("2022-01-01");
  assert.notDeepEqual(end.ids, after.ids);
});

test("the daily draw in the browser gives the sets of tests/daily.json, as the Rust draw does", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/practice/daily/");
  const shared = JSON.parse(readFileSync(join(repo, "tests/daily.json"), "utf8"));
  const got = await page.evaluate((x) => x.cases.map((c) => window.xuexi.dailySet(c.day, c.n, x.per_day, x.seed)), shared);
  assert.deepEqual(got, shared.cases.map((c) => c.set));
  // The page draws with the same numbers.
  const article = page.locator("article.daily");
  assert.equal(+(await article.getAttribute("data-seed")), shared.seed);
  assert.equal(+(await article.getAttribute("data-per-day")), shared.per_day);
  await context.close();
});

test("without JS the daily page and the search page say what they need and link what works", { skip: !run }, async () => {
  const { context, page } = await at(DURING, { javaScriptEnabled: false });
  await page.goto(s.server.url + "/practice/daily/");
  assert.equal(await page.locator("li[data-date]").count(), 0, "a list of campaign dates");
  const daily = page.locator("article.daily");
  assert.match(await daily.textContent(), /需要浏览器运行脚本/);
  assert.match(await daily.locator("a").first().getAttribute("href"), /^\.\.\/\.\.\/quizzes\/[a-z0-9-]+\/$/);
  await page.goto(s.server.url + "/search/?q=%E9%81%B5%E4%B9%89");
  const search = page.locator("article.search");
  assert.equal(await search.locator("form").isVisible(), false, "a form that only clears itself");
  assert.match(await search.locator(".nojs").textContent(), /搜索需要浏览器运行脚本/);
  const link = search.locator(".nojs a");
  assert.equal(await link.getAttribute("href"), "../materials/");
  assert.ok(await link.isVisible());
  await context.close();
});

test("a question found by search is where the reader lands, visible and answerable", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/search/");
  await page.getByLabel("搜索学习材料、章节、要点和题目").fill("南湖");
  await page.locator('.results a[href="../quizzes/jianshi-ch01/#q-yida-boat"]').click();
  await page.waitForLoadState("networkidle");
  const check = async (id) => {
    const box = page.locator(`.attempt .q[data-id="${id}"]`);
    assert.equal(await box.count(), 1, `${id} is in the attempt`);
    const r = await box.evaluate((e) => {
      const b = e.getBoundingClientRect();
      return { top: b.top, bottom: b.top + Math.min(b.height, 200), h: innerHeight };
    });
    assert.ok(r.top >= 0 && r.bottom <= r.h, `${id} is off screen (${Math.round(r.top)})`);
    assert.ok(await box.locator("input").first().isEnabled(), `${id} cannot be answered`);
  };
  await check("jianshi-ch01/yida-boat");
  // In a quiz that draws 10 of 20, the question asked for is among them.
  for (const id of ["two-musts", "xibaipo", "rectification"]) {
    await page.goto(`${s.server.url}/quizzes/jianshi-ch02-04/#q-${id}`);
    await page.waitForLoadState("networkidle");
    assert.equal(await page.locator(".attempt .q").count(), 10);
    await check(`jianshi-ch02-04/${id}`);
  }
  await context.close();
});

test("fill-in accepts natural answers by the rule of tests/answers.json", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const { cases } = JSON.parse(readFileSync(join(repo, "tests/answers.json"), "utf8"));
  const got = await page.evaluate(
    (cs) => cs.map((c) => [window.xuexi.norm(c.input), window.xuexi.matches(c.input, c.accepted, c.after)]),
    cases,
  );
  const wrong = cases.flatMap((c, i) => [
    ...(got[i][0] !== c.norm ? [`${JSON.stringify(c.input)} normalised to ${JSON.stringify(got[i][0])}, expected ${JSON.stringify(c.norm)}`] : []),
    ...(got[i][1] !== c.match ? [`${c.input} for ${c.accepted} before ${c.after}: expected ${c.match}`] : []),
  ]);
  assert.deepEqual(wrong, []);
  const typed = [
    ["jianshi-ch01/yida-year", ["1921年"]],
    ["jianshi-ch01/yida-members", ["十三人", "五十"]],
  ];
  for (const [id, values] of typed) {
    const box = page.locator(`.attempt .q[data-id="${id}"]`);
    for (let j = 0; j < values.length; j++) await box.locator("input[type=text]").nth(j).fill(values[j]);
    await box.getByRole("button", { name: "确定" }).click();
    assert.equal(await box.locator(".verdict").textContent(), "回答正确", id);
  }
  await page.goto(s.server.url + "/quizzes/dangshi-jiaoyu/");
  const deng = page.locator('.attempt .q[data-id="dangshi-jiaoyu/deng-born"]');
  await deng.locator("input[type=text]").fill("一九〇四");
  await deng.getByRole("button", { name: "确定" }).click();
  assert.equal(await deng.locator(".verdict").textContent(), "回答正确");
  await context.close();
});

test("after answering, the chosen and the right options are marked on the options, in words", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const box = page.locator('.attempt .q[data-id="jianshi-ch01/nan-chen-bei-li"]');
  await box.locator('input[value="0"]').check();
  await box.locator('input[value="2"]').check();
  await box.getByRole("button", { name: "确定" }).click();
  const label = (v) => box.locator("label.choice", { has: page.locator(`input[value="${v}"]`) });
  assert.match(await label(0).textContent(), /你的选择/);
  assert.match(await label(0).textContent(), /正确答案/);
  assert.match(await label(1).textContent(), /正确答案/);
  assert.doesNotMatch(await label(1).textContent(), /你的选择/);
  assert.match(await label(2).textContent(), /你的选择/);
  assert.doesNotMatch(await label(2).textContent(), /正确答案/);
  assert.doesNotMatch(await label(3).textContent(), /你的选择|正确答案/);
  await context.close();
});

test("plan: the progress box has its place before scripts run; checkboxes are named by reading", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await context.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__cls += e.hadRecentInput ? 0 : e.value))).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(s.server.url + PLAN);
  await page.waitForLoadState("networkidle");
  // Two frames after the script filled the box: any shift it causes has been laid out
  // and seen.
  await page.locator(".progress-status").waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const cls = await page.evaluate(() => window.__cls);
  assert.ok(cls < 0.01, `layout shift ${cls}`);
  const top = await page.locator(".ledger").evaluate((e) => e.getBoundingClientRect().top + scrollY);
  const names = await page.locator(".tick input").evaluateAll((xs) => xs.map((x) => x.getAttribute("aria-label") || x.labels[0].textContent.trim()));
  assert.equal(names.length, 17);
  assert.equal(new Set(names).size, 17, names.join(" | "));
  assert.match(names[0], /^已读.*第一章/);
  await context.close();
  const nojs = await at(DURING, { javaScriptEnabled: false });
  await nojs.page.goto(s.server.url + PLAN);
  const topNoJs = await nojs.page.locator(".ledger").evaluate((e) => e.getBoundingClientRect().top + scrollY);
  assert.ok(Math.abs(top - topNoJs) <= 2, `the ledger moves from ${topNoJs} to ${top}`);
  await nojs.context.close();
});

test("the score is announced: the status region is there, empty, before the last answer", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/quizzes/jianshi-ch02-04/");
  const boxes = page.locator(".attempt .q");
  for (let i = 0; i < 9; i++) await answer(page, boxes.nth(i), true);
  const region = page.locator(".attempt [role=status]");
  assert.equal(await region.count(), 1);
  assert.equal((await region.textContent()).trim(), "");
  await answer(page, boxes.nth(9), true);
  assert.match(await region.textContent(), /本次得分 100 分/);
  await context.close();
});

test("small things: material meta, history in 分, the notebook names each quiz, the about page, the printed ledger, the .ics", { skip: !run }, async () => {
  const { context, page } = await at(DURING);
  await page.goto(s.server.url + "/materials/lunshu-zhaibian/");
  assert.match(await page.locator("article.material > p.meta").textContent(), /^出版：中央文献出版社 · 2021年/);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const boxes = page.locator(".attempt .q");
  for (let i = 0; i < 17; i++) await answer(page, boxes.nth(i), i > 0);
  assert.match(await page.locator(".summary .history li").first().textContent(), /^\d{4}-\d\d-\d\d · 94 分$/);
  await page.goto(s.server.url + "/practice/wrong/");
  assert.equal(await page.locator(".attempt .q .from").first().textContent(), "来自：《中国共产党简史》第一章自测");
  await page.goto(s.server.url + "/about/");
  assert.doesNotMatch(await page.locator("main").textContent(), /xuexi|generate/);
  await page.goto(s.server.url + PLAN);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".offline-link").evaluate((e) => getComputedStyle(e).display), "none");
  const overdue = page.locator("tr.reading.past .due").first();
  assert.equal(await overdue.evaluate((e) => getComputedStyle(e).color), "rgb(0, 0, 0)");
  const ics = Buffer.from(await (await fetch(s.server.url + "/plans/guangan-2021.ics")).arrayBuffer());
  const long = ics.toString("binary").split("\r\n").filter((l) => l.length > 75);
  assert.deepEqual(long.map((l) => l.length), [], "lines over 75 octets");
  await context.close();
});

test("offline, a page asked for by its file name (materials/jianshi/index.html) is served", { skip: !run }, async () => {
  const own = await serve();
  const { context, page } = await phone(s.browser, own.url, READER);
  await page.goto(own.url + "/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 60000, polling: 250 });
  // A page is kept when it is opened.
  await page.goto(own.url + "/materials/jianshi/");
  await page.waitForFunction(async () => !!(await (await caches.open("xuexi-site")).match(location.href)), null, { timeout: 60000, polling: 250 });
  await own.close();
  const response = await page.goto(own.url + "/materials/jianshi/index.html");
  assert.equal(response.status(), 200);
  assert.equal(await page.locator("h1").textContent(), "中国共产党简史");
  await context.close();
});

test("axe-core: no violation on any page type, light and dark, inside the campaign and after", { skip: !run }, async () => {
  const axe = readFileSync(join(repo, "tests/browser/node_modules/axe-core/axe.min.js"), "utf8");
  for (const date of [DURING, AFTER]) {
    for (const scheme of ["light", "dark"]) {
      const { context, page } = await at(date, { colorScheme: scheme });
      for (const url of PAGES) {
        await page.goto(s.server.url + url);
        await settle(page, url);
        if (url.includes("quizzes/")) {
          // Answered questions too: feedback, marks on the options.
          const boxes = page.locator(".attempt .q");
          if ((await boxes.count()) > 1) {
            await answer(page, boxes.nth(0), false);
            await answer(page, boxes.nth(1), true);
          }
        }
        await page.evaluate(axe);
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        assert.deepEqual(found, [], `${url} (${scheme}, ${date})`);
      }
      await context.close();
    }
  }
});
