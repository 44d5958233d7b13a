// The interactive quiz, the wrong-answer notebook and daily practice, in headless
// Chromium on a 360x640 phone screen, against the built sample site.
import { test } from "node:test";
import assert from "node:assert/strict";
import { session, phone, facts, answer } from "./helpers.mjs";

const s = session();
const run = s.run;

/** The letters the reader saw for the right options of a choice question. */
async function shownLetters(box, key) {
  const letters = [];
  for (const v of key.split(",")) {
    const label = box.locator("label.choice", { has: box.page().locator(`input[value="${v}"]`) });
    letters.push((await label.locator(".letter").textContent()).replace(".", ""));
  }
  return letters.sort().join("");
}

test("a quiz answered all right scores 100 and passes, with explanations and sources", { skip: !run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const boxes = page.locator(".attempt .q");
  assert.equal(await boxes.count(), 17);
  assert.equal(await page.locator("ol.questions").isHidden(), true);
  for (let i = 0; i < 17; i++) {
    const box = boxes.nth(i);
    const f = await answer(page, box, true);
    assert.equal(await box.locator(".verdict").textContent(), "回答正确", f.id);
    assert.equal(await box.locator(".explanation").count(), f.explained ? 1 : 0, f.id);
    assert.equal(await box.locator(".source a").count(), f.sourced ? 1 : 0, f.id);
    if (f.sourced) {
      assert.match(await box.locator(".source a").getAttribute("href"), /^\.\.\/\.\.\/materials\/jianshi\/#ch01$/);
    }
  }
  assert.equal(await page.locator(".summary .score").textContent(), "本次得分 100 分（答对 17/17 题）");
  assert.equal(await page.locator(".summary .pass").textContent(), "已达到及格线 80 分");
  assert.deepEqual(problems, []);
  await context.close();
});

test("wrong answers: the right letters as shown, the score, retry-wrong, the notebook", { skip: !run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const boxes = page.locator(".attempt .q");
  const wrong = [];
  for (let i = 0; i < 17; i++) {
    const box = boxes.nth(i);
    const f = await answer(page, box, i >= 5);
    if (i < 5) {
      wrong.push(f.id);
      const verdict = await box.locator(".verdict").textContent();
      assert.ok(verdict.startsWith("回答错误，正确答案："), verdict);
      if (f.kind === "single" || f.kind === "multiple") {
        assert.equal(verdict, "回答错误，正确答案：" + (await shownLetters(box, f.key)));
      }
      assert.equal(await box.locator(".note").textContent(), "已收入错题本");
    }
  }
  assert.equal(await page.locator(".summary .score").textContent(), "本次得分 71 分（答对 12/17 题）");
  assert.equal(await page.locator(".summary .fail").textContent(), "未达到及格线 80 分");
  assert.match(await page.locator(".summary .history li").first().textContent(), /^\d{4}-\d\d-\d\d · 71 分$/);

  // Retry the wrong ones: exactly those five.
  await page.getByRole("button", { name: "重做错题" }).click();
  const again = await page.locator(".attempt .q").evaluateAll((xs) => xs.map((x) => x.dataset.id));
  assert.deepEqual([...again].sort(), [...wrong].sort());
  // A retry is practice: a count of the five, never a score or a pass of the quiz.
  const retry = page.locator(".attempt .q");
  for (let i = 0; i < 5; i++) await answer(page, retry.nth(i), false);
  assert.equal(await page.locator(".summary .score").textContent(), "重做错题：答对 0/5 题");
  assert.equal(await page.locator(".summary .pass, .summary .fail").count(), 0);
  assert.equal(await page.locator(".summary .note").textContent(), "重做错题不计成绩；是否及格，以完整做一遍的得分为准。");
  assert.equal(await page.locator(".summary .history li").count(), 0, "a retry is not kept as a score");

  // The notebook has them, across a reload; answering them right empties it.
  await page.goto(s.server.url + "/practice/wrong/");
  await page.reload();
  const listed = await page.locator(".attempt .q").evaluateAll((xs) => xs.map((x) => x.dataset.id));
  assert.deepEqual([...listed].sort(), [...wrong].sort());
  const nb = page.locator(".attempt .q");
  for (let i = 0; i < wrong.length; i++) {
    await answer(page, nb.nth(i), true);
    assert.equal(await nb.nth(i).locator(".note").textContent(), "已移出错题本");
  }
  await page.reload();
  assert.equal(await page.locator(".attempt .q").count(), 0);
  assert.match(await page.locator("article.wrong-book > p.note").last().textContent(), /^错题本是空的/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("shuffling changes question and option order across attempts", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const orders = new Set();
  const optionOrders = new Set();
  for (let n = 0; n < 4; n++) {
    await page.reload();
    orders.add((await page.locator(".attempt .q").evaluateAll((xs) => xs.map((x) => x.dataset.id))).join());
    const first = page.locator('.attempt .q[data-id="jianshi-ch01/yida-place"]');
    optionOrders.add((await first.locator("input").evaluateAll((xs) => xs.map((x) => x.value))).join());
  }
  assert.ok(orders.size > 1, "question order never changed");
  assert.ok(optionOrders.size > 1, "option order never changed");
  await context.close();
});

test("draw gives that many questions per attempt", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/quizzes/jianshi-ch02-04/");
  assert.equal(await page.locator(".attempt .q").count(), 10);
  assert.equal(await page.locator("ol.questions > li").count(), 20);
  await context.close();
});

test("fill-in answers forgive full-width characters, spaces and punctuation", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  const cases = [
    ["jianshi-ch01/yida-year", ["１９２１　"]],
    ["jianshi-ch01/yida-members", [" 十三 ", "５０"]],
    ["jianshi-ch01/coup-1927", ["“四一二”"]],
  ];
  for (const [id, typed] of cases) {
    const box = page.locator(`.attempt .q[data-id="${id}"]`);
    const inputs = box.locator("input[type=text]");
    for (let j = 0; j < typed.length; j++) await inputs.nth(j).fill(typed[j]);
    await box.getByRole("button", { name: "确定" }).click();
    assert.equal(await box.locator(".verdict").textContent(), "回答正确", id);
  }
  // A wrong answer shows the right one as the page prints it (one form, from Rust).
  await page.reload();
  const box = page.locator('.attempt .q[data-id="jianshi-ch01/yida-members"]');
  await box.locator("input[type=text]").nth(0).fill("12");
  await box.locator("input[type=text]").nth(1).fill("50");
  await box.getByRole("button", { name: "确定" }).click();
  assert.match(await box.locator(".feedback").textContent(), /13 或 十三；50 或 五十/);
  await context.close();
});

test("with storage blocked the quiz still completes and says history is off", { skip: !run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url);
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("blocked", "SecurityError");
      },
    });
  });
  await page.goto(s.server.url + "/quizzes/jianshi-ch02-04/");
  assert.match(await page.locator("article.quiz > p.note").textContent(), /^本设备无法保存记录/);
  const boxes = page.locator(".attempt .q");
  for (let i = 0; i < 10; i++) await answer(page, boxes.nth(i), true);
  assert.equal(await page.locator(".summary .score").textContent(), "本次得分 100 分（答对 10/10 题）");
  assert.equal(await page.locator(".summary .history").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript every answer is in the page", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url, { javaScriptEnabled: false });
  await page.goto(s.server.url + "/quizzes/jianshi-ch01/");
  assert.equal(await page.locator(".attempt").count(), 0);
  assert.equal(await page.locator("ol.questions > li details.answer").count(), 17);
  await page.locator("ol.questions > li").first().locator("summary").click();
  assert.equal(await page.locator("ol.questions > li").first().locator("details p").first().textContent(), "答案：B");
  await context.close();
});

test("daily practice shows the set of the (fixed) day", { skip: !run }, async () => {
  const { context, page, problems } = await phone(s.browser, s.server.url);
  await page.clock.setFixedTime(new Date("2021-05-01T09:00:00"));
  await page.goto(s.server.url + "/practice/daily/");
  await page.locator(".today-set .attempt .q").first().waitFor();
  assert.equal(await page.locator(".today-set .attempt .q").count(), 5);
  assert.equal(await page.locator(".today-set h2").textContent(), "每日一练 · 2021-05-01");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a question can be answered with the keyboard alone; earlier scores show on return", { skip: !run }, async () => {
  const { context, page } = await phone(s.browser, s.server.url);
  await page.goto(s.server.url + "/quizzes/jianshi-ch02-04/");
  const box = page.locator(".attempt .q").first();
  const f = await facts(page, box);
  const first = box.locator("input").first();
  await first.focus();
  if (f.kind === "fill") {
    const alts = JSON.parse(f.key);
    for (let j = 0; j < alts.length; j++) {
      await page.keyboard.type(alts[j][0]);
      await page.keyboard.press("Tab");
    }
  } else if (f.kind === "multiple") {
    const inputs = box.locator("input");
    const n = await inputs.count();
    const want = f.key.split(",");
    for (let j = 0; j < n; j++) {
      if (want.includes(await inputs.nth(j).getAttribute("value"))) await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
    }
  } else {
    // Radios: arrows move and select within the group, Tab leaves it.
    const values = await box.locator("input").evaluateAll((xs) => xs.map((x) => x.value));
    const target = f.key;
    for (let j = 0; j < values.indexOf(target); j++) await page.keyboard.press("ArrowDown");
    if (values.indexOf(target) === 0) await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "确定");
  await page.keyboard.press("Enter");
  assert.equal(await box.locator(".verdict").textContent(), "回答正确", f.id);
  assert.equal(await box.locator(".feedback").getAttribute("aria-live"), "polite");
  assert.equal(await box.getAttribute("role"), "group");
  // Finish the attempt; the score is listed on the next visit.
  const boxes = page.locator(".attempt .q");
  for (let i = 1; i < 10; i++) await answer(page, boxes.nth(i), true);
  await page.reload();
  assert.equal(await page.locator(".history-box summary").textContent(), "历次成绩（1）");
  assert.match(await page.locator(".history-box li").first().textContent(), /^\d{4}-\d\d-\d\d · 100 分$/);
  await context.close();
});
