/**
 * What the disk can do to a reload: hang it (abandoned at the deadline and reported, the last good
 * index kept), refuse the cache (the worker's build still reaches the answering thread, which builds
 * nothing itself), or leave temp files behind (removed on failure, and stale ones at start).
 */
import { execFileSync } from "node:child_process";
import { mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AskFn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { corpusKey } from "../../src/index-store/corpus-key.js";
import { cacheFileFor } from "../../src/index-store/load-or-build.js";
import { writeStartupSnapshot } from "../../src/index-store/startup-snapshot.js";
import { createLiveIndex, type LiveIndex } from "../../src/runtime/live-index.js";
import { resolveIndexOptions } from "../../src/search/formula.js";
import { loadOrBuildIndex } from "../../src/search/load-or-build-index.js";
import { tempDir } from "../support/paths.js";
import { barrier, ferry, scratchCorpus } from "./corpus-scratch.js";
import { createWordEngine } from "./word-engine.js";

const open: LiveIndex[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

function recording() {
  const messages: string[] = [];
  const note = (_fields: object, message: string) => void messages.push(message);
  return { messages, logger: { info: note, warn: note, error: note } };
}

const tempsIn = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith(".tmp"));

describe("reload hazards", () => {
  it("a reload that hangs is abandoned at the deadline, reported, and the next one still runs", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const engine = createWordEngine();
    let hang = false;
    const build = (...args: Parameters<typeof engine.build>): Promise<AskFn> =>
      hang ? new Promise<AskFn>(() => {}) : engine.build(...args);
    const live = await createLiveIndex({
      corpusDir: dir,
      cacheDir: await tempDir(),
      build,
      watch: false,
      reloadTimeoutMs: 300,
    });
    open.push(live);
    hang = true;
    await put(ferry);
    await live.reload();
    expect(live.status()).toMatchObject({ lastReloadOk: false, reloading: false, articles: 1 });
    expect(live.status().errors[0]).toMatchObject({ code: "reload_timeout" });
    expect(live.status().errors[0]!.message).toMatch(/did not finish within 0 s .*RELOAD_TIMEOUT_SECONDS/);
    expect(live.health()).toMatchObject({ ok: true, state: "degraded" });
    expect(live.ask("flood barrier").passages).toHaveLength(1);
    hang = false;
    await live.reload();
    expect(live.status()).toMatchObject({ lastReloadOk: true, articles: 2, errors: [] });
    expect(live.health().state).toBe("ok");
  });

  it("a FIFO in the corpus is a listed error at once, not a reload that never ends", async () => {
    const { dir } = await scratchCorpus([barrier]);
    const live = await createLiveIndex({ corpusDir: dir, cacheDir: await tempDir(), watch: false });
    open.push(live);
    execFileSync("mkfifo", [path.join(dir, "stuck.md")]);
    await live.reload();
    expect(live.status().errors).toEqual([
      expect.objectContaining({ code: "corpus_not_a_file", file: "stuck.md" }),
    ]);
    expect(live.ask("How much will the barrier gates cost?").found).toBe(true);
  });

  it("with the cache unwritable, a reload still builds in the worker, never in the answering thread", async () => {
    const { dir, put } = await scratchCorpus([barrier]);
    const cacheDir = path.join(await tempDir(), "cache");
    const { messages, logger } = recording();
    // The full build's path (one new article would be patched in on this thread: patch-reload.ts).
    const live = await createLiveIndex({
      corpusDir: dir,
      cacheDir,
      watch: false,
      logger,
      patchReloads: false,
    });
    open.push(live);
    // The cache folder becomes a file: every write fails (as on a full or read-only disk, even as root).
    // (Once the start's snapshot write is done, so nothing writes into the folder while it goes.)
    for (let i = 0; i < 100 && !(await readdir(cacheDir)).some((n) => n.endsWith(".snap")); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await rm(cacheDir, { recursive: true, maxRetries: 5 });
    await writeFile(cacheDir, "not a folder");
    messages.length = 0;
    await put(ferry);
    await live.reload();
    expect(live.status()).toMatchObject({ lastReloadOk: true, articles: 2 });
    expect(messages.some((m) => m.startsWith("Index loaded from the reload worker's build"))).toBe(true);
    expect(messages.filter((m) => m.startsWith("Index built"))).toEqual([]);
    expect(live.ask("How many ferry sailings a day?").passages[0]?.articleId).toBe("ferry");
  });

  it("a cache write that fails leaves no temp file behind (index and snapshot)", async () => {
    const { dir } = await scratchCorpus([barrier, ferry]);
    const corpus = await loadCorpus(dir);
    const cacheDir = await tempDir();
    // The target name is taken by a non-empty folder: the temp file is written, the rename fails.
    const target = cacheFileFor(cacheDir, corpusKey(corpus, resolveIndexOptions()));
    await mkdir(target);
    await writeFile(path.join(target, "x"), "x");
    const loaded = await loadOrBuildIndex(corpus, { cacheDir });
    expect(loaded.source).toBe("built");
    expect(await tempsIn(cacheDir)).toEqual([]);

    const snapDir = await tempDir();
    await mkdir(path.join(snapDir, "startup-key0000000000000000000000000000.snap"));
    await writeFile(path.join(snapDir, "startup-key0000000000000000000000000000.snap", "x"), "x");
    const written = await writeStartupSnapshot(snapDir, "key0000000000000000000000000000", {
      contentKey: "c",
      articles: corpus.articles,
    });
    expect(written).toBe(false);
    expect(await tempsIn(snapDir)).toEqual([]);
  });

  it("temp files left by a killed process are removed at start; a fresh one is left alone", async () => {
    const { dir } = await scratchCorpus([barrier]);
    const cacheDir = await tempDir();
    const old = path.join(cacheDir, "paragraphs-abc.idx.123.deadbeef.tmp");
    const fresh = path.join(cacheDir, "paragraphs-abc.idx.124.feedface.tmp");
    await writeFile(old, "half an index");
    await writeFile(fresh, "a write in progress");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    const { messages, logger } = recording();
    const live = await createLiveIndex({ corpusDir: dir, cacheDir, watch: false, logger });
    open.push(live);
    for (let i = 0; i < 100 && !messages.some((m) => m.startsWith("Removed 1 unfinished")); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await tempsIn(cacheDir)).toEqual([path.basename(fresh)]);
    expect(messages.some((m) => m.startsWith("Removed 1 unfinished cache write"))).toBe(true);
  });
});
