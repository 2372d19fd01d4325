import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasShared, repoRoot, sharedDir, tempDir } from "../support/paths.js";

const archive = path.join(sharedDir, "bench/news-archive.jsonl.gz");
const canRun = hasShared && existsSync(archive);
if (!canRun)
  console.warn(`bench smoke test skipped: ${archive} not found (../shared must sit next to the repo)`);

// A tiny end-to-end run of the bench (not --quick, which takes longer than a unit test should):
// children spawn, the warm start hits the cache, the JSON is written. No figure is asserted.
describe.runIf(canRun)("npm run bench, tiny", () => {
  it("measures the engine and the reference and writes its JSON", { timeout: 120_000 }, async () => {
    const dir = await tempDir("newsdesk-bench-test-");
    const out = path.join(dir, "bench.json");
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/bench/run.ts",
        "--sizes",
        "20",
        "--archive-questions",
        "15",
        "--squad-questions",
        "5",
        "--reference-questions",
        "90",
        "--ready-runs",
        "1",
        "--no-http",
        "--follow-up-rounds",
        "1",
        "--out",
        out,
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("news R@1 / R@3 engine");
    const result = JSON.parse(await readFile(out, "utf8"));
    const [size] = result.sizes;
    expect(size.archiveArticles).toBe(20);
    expect(size.articles).toBe(226);
    expect(size.questions).toEqual({ news: 79, archive: 15, squad: 5 });
    // Warm start: the priming start wrote the start-up snapshot, the measured one serves from it.
    expect(size.engine.ready.source).toBe("snapshot");
    expect(size.engine.latency.all.count).toBe(99);
    expect(size.reference.questions).toBe(90);
    expect(size.engine.recall.answerable).toBe(79);
    // Follow-ups: each read its thread back (one call each) at both stand-in latencies.
    expect(result.followUps.map((f: { latencyMs: number }) => f.latencyMs)).toEqual([0, 100]);
    for (const f of result.followUps) {
      expect(f.unread).toBe(0);
      expect(f.read.count).toBe(f.followUps);
      expect(f.withThread.count).toBe(f.followUps);
    }
    await rm(dir, { recursive: true, force: true });
  });
});
