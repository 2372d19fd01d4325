/**
 * The production build: `npm start` and the CLI scripts run `node` on `dist/`, compiled by
 * scripts/build.mjs. This builds into a scratch folder of the checkout (so the compiled files resolve
 * node_modules as dist/ does) and runs the output with plain `node`, no tsx: the entry points exist,
 * the CLI answers, and the runtime's worker threads start from their compiled files.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusDir, repoRoot, tempDir } from "../support/paths.js";
import { cleanEnv } from "../support/run-command.js";

const run = promisify(execFile);
const out = path.join(repoRoot, ".cache", `build-test-${process.pid}`);
let cacheDir: string;

beforeAll(async () => {
  await mkdir(path.dirname(out), { recursive: true });
  await run(process.execPath, [path.join(repoRoot, "scripts/build.mjs"), "--out", out], { cwd: repoRoot });
  cacheDir = await tempDir("newsdesk-build-cache-");
}, 180_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe("production build", () => {
  it("emits every file a package.json script runs with node", () => {
    const scripts = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts as Record<
      string,
      string
    >;
    const entries = Object.values(scripts).flatMap((command) =>
      [...command.matchAll(/\bnode (?:[-\w]+ )*dist\/(\S+\.js)/g)].map((m) => m[1]!),
    );
    expect(entries).toEqual(expect.arrayContaining(["main.js", "cli/ask.js", "cli/eval.js"]));
    for (const entry of entries) expect(existsSync(path.join(out, entry)), entry).toBe(true);
    expect(scripts.start).toBe("node dist/main.js");
  });

  it("emits each runtime worker and the files the code reads beside itself", () => {
    const workers = readdirSync(path.join(repoRoot, "src/runtime")).filter((f) => /-worker\.ts$/.test(f));
    expect(workers.length).toBeGreaterThanOrEqual(3);
    for (const worker of workers) {
      expect(existsSync(path.join(out, "runtime", worker.replace(/\.ts$/, ".js"))), worker).toBe(true);
    }
    const assets = readdirSync(path.join(repoRoot, "src/search")).filter((f) => f.endsWith(".txt"));
    for (const asset of assets) expect(existsSync(path.join(out, "search", asset)), asset).toBe(true);
  });

  it("answers from the compiled CLI", async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(out, "cli/ask.js"), "Which agency did Massimov chair?"],
      {
        cwd: repoRoot,
        env: cleanEnv({ CORPUS_DIR: corpusDir, CACHE_DIR: cacheDir }),
      },
    );
    expect(stdout).toContain("**agency**");
    expect(stdout).toMatch(/The Diplomat · ¶\d+/);
  }, 60_000);

  it("starts the runtime's worker threads from compiled files, without tsx", async () => {
    const remote = path.join(out, "runtime/remote-live-index.js");
    const warm = path.join(out, "runtime/warm-cache.js");
    const script = `
      const { warmIndexCache } = await import(${JSON.stringify(warm)});
      const { createRemoteLiveIndex } = await import(${JSON.stringify(remote)});
      const warmed = await warmIndexCache(${JSON.stringify(corpusDir)}, ${JSON.stringify(cacheDir)});
      const live = await createRemoteLiveIndex({ corpusDir: ${JSON.stringify(corpusDir)}, cacheDir: ${JSON.stringify(cacheDir)}, watch: false });
      const answer = await live.ask("Which agency did Massimov chair?");
      await live.close();
      console.log(JSON.stringify({ warmed, found: answer.found, first: answer.passages[0]?.articleId }));
    `;
    // A file, not `node -e`: workers inherit the parent's exec flags, and `--input-type` would break them.
    const file = path.join(cacheDir, "start-workers.mjs");
    await writeFile(file, script);
    const { stdout } = await run(process.execPath, [file], {
      cwd: repoRoot,
      env: cleanEnv(),
    });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result.warmed.ok).toBe(true);
    expect(result.found).toBe(true);
    const seedId = readdirSync(corpusDir)
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .map((f) => /^id: "?([^"\n]+)"?$/m.exec(readFileSync(path.join(corpusDir, f), "utf8"))?.[1]);
    expect(seedId).toContain(result.first);
  }, 60_000);
});
