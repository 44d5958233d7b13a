// The code writers of the reader's scripts, run in Node without a browser against the
// cases the Rust side checks too: tasks.js's receipt codes (tests/receipt-codes.json,
// read by src/supervise/receipt.rs) and record.js's record codes, whose byte rules
// tasks.js borrows (tests/record-codes.json, read by src/tally/code.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const read = (p) => readFileSync(repo + p, "utf8");

/** record.js and tasks.js run in a page-less window; returns window.xuexi. */
function scripts() {
  const xuexi = { keys: {}, store: null, load: (_, v) => v, save: () => {}, el: () => ({}), fmt: (s) => s, today: () => "2021-05-20", days: () => 0 };
  const window = { xuexi };
  const context = vm.createContext({ window, document: { querySelectorAll: () => [] }, TextEncoder, btoa });
  for (const file of ["src/emit/views/record.js", "src/emit/views/tasks.js"]) vm.runInContext(read(file), context, { filename: file });
  return window.xuexi;
}

test("tasks.js writes every shared receipt code as the Rust side does", () => {
  const X = scripts();
  const cases = JSON.parse(read("tests/receipt-codes.json"));
  assert.equal(cases.length, 3);
  for (const c of cases) assert.equal(X.tasks.encode(c.receipt), c.code);
});

test("record.js, whose byte rules tasks.js borrows, writes every shared record code", () => {
  const X = scripts();
  const cases = JSON.parse(read("tests/record-codes.json"));
  assert.ok(cases.length >= 3);
  for (const c of cases) assert.equal(X.record.encode(c.record), c.code, c.note);
});

test("a unit's report of a task: done with the last required time, evidence in the list's order", () => {
  const { tasks } = scripts();
  const times = { id: "zhongxinzu", when: { kind: "times", times: 2, from: "2021-04-08", until: "2021-12-31" }, evidence: ["学习计划", "会议记录"] };
  const kept = { dates: ["2021-06-01", "2021-04-23", "2021-09-10"], evidence: ["会议记录", "学习计划", "别的"], note: "好" };
  assert.deepEqual(JSON.parse(JSON.stringify(tasks.report(times, kept))), {
    task: "zhongxinzu",
    done: true,
    on: "2021-06-01",
    count: 3,
    dates: ["2021-04-23", "2021-06-01", "2021-09-10"],
    evidence: ["学习计划", "会议记录"],
    note: "好",
  });
  const due = { id: "dushuban", when: { kind: "due", due: "2021-04-30" }, evidence: [] };
  assert.deepEqual(JSON.parse(JSON.stringify(tasks.report(due, { done: true, on: "2021-04-28", dates: ["2021-04-01"] }))), {
    task: "dushuban",
    done: true,
    on: "2021-04-28",
    count: 0,
    dates: [],
    evidence: [],
    note: "",
  });
  assert.equal(tasks.report(due, { on: "2021-04-28" }).done, false);
  const weekly = { id: "wuyi", when: { kind: "weekly", weekday: "friday", days: ["2021-04-09", "2021-04-16"] }, evidence: [] };
  const w = tasks.report(weekly, { dates: ["2021-04-09"] });
  assert.deepEqual([w.done, w.on, w.count], [false, "", 1]);
  // A task is the unit's when its `for` names the unit's id or its kind.
  const t = { for: ["zuzhibu", "党支部"] };
  assert.equal(tasks.isFor(t, { id: "zuzhibu", kind: "党委（党组）" }), true);
  assert.equal(tasks.isFor(t, { id: "baima-jiguan", kind: "党支部" }), true);
  assert.equal(tasks.isFor(t, { id: "renda", kind: "" }), false);
});
