import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Corpus } from "../../src/corpus/types.js";
import { deserializeIndex, IndexFileError, serializeIndex } from "../../src/index-store/index-file.js";
import { paragraphLists } from "../../src/index-store/paragraph-index.js";
import { loadOrBuildIndex } from "../../src/search/load-or-build-index.js";
import { topK } from "../../src/search/top-k.js";
import { fixtureIndex } from "../search/fixture.js";
import { tempDir } from "../support/paths.js";

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
  };
}

const edited = (corpus: Corpus): Corpus => ({
  articles: corpus.articles.map((a, i) =>
    i === 0 ? { ...a, paragraphs: [...a.paragraphs.slice(0, -1), `${a.paragraphs.at(-1)} Updated.`] } : a,
  ),
});

describe("index cache", () => {
  it("round-trips the index through the binary format", async () => {
    const { index, corpus } = await fixtureIndex();
    const copy = deserializeIndex(serializeIndex(index), corpus.articles, index.key);
    expect(copy.terms).toEqual(index.terms);
    expect(copy.surfaces).toEqual(index.surfaces);
    expect([...copy.postingDocs]).toEqual([...index.postingDocs]);
    expect([...copy.postingTf]).toEqual([...index.postingTf]);
    const terms = [...index.termIds.values()].slice(0, 8).map((termId) => ({ termId, weight: 1 }));
    expect(topK(paragraphLists(copy), terms, 5)).toEqual(topK(paragraphLists(index), terms, 5));
  });

  it("builds on a miss, loads on a hit", async () => {
    const { corpus } = await fixtureIndex();
    const cacheDir = await tempDir();
    const first = await loadOrBuildIndex(corpus, { cacheDir });
    expect(first.source).toBe("built");
    const second = await loadOrBuildIndex(corpus, { cacheDir });
    expect(second.source).toBe("cache");
    expect(second.file).toBe(first.file);
    expect(second.index.docCount).toBe(first.index.docCount);
    expect(await readdir(cacheDir)).toEqual([path.basename(first.file)]);
  });

  it("rebuilds when the corpus changes, and when the options change", async () => {
    const { corpus } = await fixtureIndex();
    const cacheDir = await tempDir();
    const base = await loadOrBuildIndex(corpus, { cacheDir });
    const changed = await loadOrBuildIndex(edited(corpus), { cacheDir });
    expect(changed.source).toBe("built");
    expect(changed.index.key).not.toBe(base.index.key);
    const reweighted = await loadOrBuildIndex(corpus, { cacheDir, titleWeight: 3 });
    expect(reweighted.source).toBe("built");
    expect(reweighted.index.options.titleWeight).toBe(3);
    expect((await loadOrBuildIndex(corpus, { cacheDir })).source).toBe("cache");
  });

  it("rebuilds with a warning when the cache file is corrupt, and repairs it", async () => {
    const { corpus } = await fixtureIndex();
    const cacheDir = await tempDir();
    const { file } = await loadOrBuildIndex(corpus, { cacheDir });
    const bytes = await readFile(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(file, bytes);
    const logger = recordingLogger();
    const again = await loadOrBuildIndex(corpus, { cacheDir, logger });
    expect(again.source).toBe("built");
    expect(logger.lines.some((l) => l.startsWith("warn") && l.includes("corrupt"))).toBe(true);
    expect((await loadOrBuildIndex(corpus, { cacheDir })).source).toBe("cache");
  });

  it("rebuilds when the cache file is truncated or garbage", async () => {
    const { corpus } = await fixtureIndex();
    const cacheDir = await tempDir();
    const { file } = await loadOrBuildIndex(corpus, { cacheDir });
    for (const junk of [
      Buffer.alloc(0),
      Buffer.from("not an index"),
      (await readFile(file)).subarray(0, 100),
    ]) {
      await writeFile(file, junk);
      const logger = recordingLogger();
      const again = await loadOrBuildIndex(corpus, { cacheDir, logger });
      expect(again.source).toBe("built");
      expect(logger.lines.some((l) => l.startsWith("warn"))).toBe(true);
    }
  });

  it("refuses a file of another corpus", async () => {
    const { corpus, index } = await fixtureIndex();
    expect(() => deserializeIndex(serializeIndex(index), corpus.articles, "another-key")).toThrow(
      IndexFileError,
    );
  });

  it("still serves a built index when the cache cannot be written", async () => {
    const { corpus } = await fixtureIndex();
    const dir = await tempDir();
    const blocker = path.join(dir, "not-a-dir");
    await writeFile(blocker, "x");
    const logger = recordingLogger();
    const result = await loadOrBuildIndex(corpus, { cacheDir: path.join(blocker, "cache"), logger });
    expect(result.source).toBe("built");
    expect(result.index.docCount).toBeGreaterThan(0);
    expect(logger.lines.some((l) => l.startsWith("warn") && l.includes("could not be written"))).toBe(true);
  });
});
