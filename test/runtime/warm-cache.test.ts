import { readdir, rm, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { warmIndexCache } from "../../src/runtime/warm-cache.js";
import { loadOrBuildIndex } from "../../src/search/load-or-build-index.js";
import { tempDir } from "../support/paths.js";
import { article, scratchCorpus } from "./corpus-scratch.js";

describe("warmIndexCache (worker thread)", () => {
  it("builds the index in a worker and leaves a cache the main thread loads instead of building", async () => {
    const { dir, file } = await scratchCorpus([article("a", ["The lock keeper saw no boats on Tuesday."])]);
    const cacheDir = await tempDir();
    expect(await warmIndexCache(dir, cacheDir)).toEqual({
      ok: true,
      source: "built",
      changed: false,
      snapshotKey: expect.any(String),
    });
    expect((await readdir(cacheDir)).filter((name) => name.endsWith(".idx"))).toHaveLength(1);
    const loaded = await loadOrBuildIndex(await loadCorpus(dir), { cacheDir });
    expect(loaded.source).toBe("cache");

    // A bad file is set aside and reported; the rest is built (issue 24, item 2).
    await writeFile(file("bad.md"), "no front matter\n");
    const aside = await warmIndexCache(dir, cacheDir);
    expect(aside).toMatchObject({
      ok: true,
      setAside: [{ code: "corpus_no_front_matter", file: file("bad.md") }],
    });
    // Nothing loadable at all is a failure naming the file.
    await rm(file("a.md"));
    const failed = await warmIndexCache(dir, cacheDir);
    expect(failed).toMatchObject({ ok: false, message: expect.stringContaining("bad.md") });
  });
});
