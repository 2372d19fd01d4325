/**
 * Builds the first N archive articles (with the news corpus) with the engine of each checkout named, in
 * one process, in turn and then in reverse turn: openEngine into an empty cache folder — the build, the
 * cache file written and the warm-up, as the size bench times "build" — and the sha256 of the index
 * file's bytes, which must agree. Run it under the heavy lock with room for two corpora and an index:
 *
 *   node --max-old-space-size=10000 --expose-gc --import tsx scripts/bench/build-compare.ts \
 *     [--articles 25888] CHECKOUT...
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { readArchive } from "./archive-reader.js";
import { archiveFile, goldCorpusDir } from "./paths.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { articles: { type: "string", default: "25888" } },
});
if (positionals.length === 0) {
  console.error("usage: build-compare.ts [--articles 25888] CHECKOUT...");
  process.exit(2);
}
const archive = await readArchive(archiveFile, Number(values.articles));
const corpus = { articles: [...archive, ...(await loadCorpus(goldCorpusDir)).articles] };
const trees = [];
for (const root of positionals) {
  const at = (file: string) => path.join(path.resolve(root), file);
  trees.push({
    root,
    openEngine: (await import(at("src/answer/engine.ts"))).openEngine,
    serializeIndex: (await import(at("src/index-store/index-file.ts"))).serializeIndex,
  });
}
const gc = () => (globalThis as { gc?: () => void }).gc?.();
for (const order of [trees, [...trees].reverse()]) {
  for (const tree of order) {
    gc();
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "newsdesk-build-compare-"));
    const start = performance.now();
    const engine = await tree.openEngine(corpus, { cacheDir });
    const seconds = (performance.now() - start) / 1000;
    const bytes = createHash("sha256").update(tree.serializeIndex(engine.index)).digest("hex").slice(0, 16);
    console.log(
      `${tree.root}: build + cache file + warm-up ${seconds.toFixed(2)} s, ${engine.index.docCount} paragraphs, index file ${bytes}`,
    );
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
