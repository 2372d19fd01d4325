#!/usr/bin/env node
/**
 * Compiles src/ to dist/ (tsconfig.build.json) and copies the files the code reads beside itself.
 *
 *   node scripts/build.mjs              # build dist/ unless it is up to date with src/
 *   node scripts/build.mjs --force      # build even if it looks up to date
 *   node scripts/build.mjs --out DIR    # build into DIR (always builds; used by the build test)
 *
 * `npm start`, `npm run ask` and the other commands run it first, so it must cost next to nothing when
 * nothing changed: a stamp in dist/ lists every source file with its size and mtime, and an unchanged
 * list skips the compiler. A full build starts from an empty folder, so a removed source leaves no file
 * behind. Plain JavaScript, so it runs before anything is compiled.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Files next to the sources that the compiled code reads at run time (by `new URL(…, import.meta.url)`). */
const ASSET = /\.(?:txt|json)$/;
/** Besides src/, what changes the output. */
const INPUTS = ["tsconfig.json", "tsconfig.build.json", "package.json", "scripts/build.mjs"];

function parseArgs(argv) {
  const options = { out: path.join(root, "dist"), force: false, stamp: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--force") options.force = true;
    else if (arg === "--out" && argv[i + 1]) {
      options.out = path.resolve(argv[++i]);
      options.force = true;
      options.stamp = false;
    } else {
      console.error(`Unknown option "${arg}": use --force or --out DIR.`);
      process.exit(2);
    }
  }
  return options;
}

function listFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** What the output depends on: every source and config file with its size and modification time. */
function fingerprint() {
  const files = [...listFiles(path.join(root, "src")), ...INPUTS.map((f) => path.join(root, f))].sort();
  return files
    .map((file) => {
      const s = statSync(file);
      return `${path.relative(root, file)} ${s.size} ${s.mtimeMs}`;
    })
    .join("\n");
}

function resolveTsc() {
  try {
    return createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    return undefined;
  }
}

const options = parseArgs(process.argv.slice(2));
const stampFile = path.join(options.out, ".build-stamp");
const current = fingerprint();
if (!options.force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === current) process.exit(0);

const tsc = resolveTsc();
if (!tsc) {
  if (existsSync(path.join(options.out, "main.js"))) process.exit(0);
  console.error(
    "dist/ is not built and TypeScript is not installed: run `npm ci` (with dev dependencies), then `npm run build`.",
  );
  process.exit(1);
}

rmSync(options.out, { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", options.out],
  {
    cwd: root,
    stdio: "inherit",
  },
);
if (result.status !== 0) {
  console.error("The build failed (the TypeScript errors are above); nothing was started.");
  process.exit(result.status ?? 1);
}
const src = path.join(root, "src");
for (const file of listFiles(src)) {
  if (!ASSET.test(file)) continue;
  const target = path.join(options.out, path.relative(src, file));
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(file, target);
}
if (options.stamp) writeFileSync(stampFile, current);
