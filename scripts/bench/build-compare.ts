/**
 * Builds the first N archive articles (with the news corpus) with the engine of each checkout named, in
 * one process, in turn and then in reverse turn, and prints the sha256 of each index file's bytes, which
 * must agree. By default it times openEngine into an empty cache folder — the build, the cache file
 * written and the warm-up, as the size bench times "build"; with --build-only, buildIndex alone. Run it
 * under the heavy lock with room for two corpora and an index:
 *
 *   node --max-old-space-size=10000 --expose-gc --import tsx scripts/bench/build-compare.ts \
 *     [--articles 25888] [--build-only] [--rounds 1] CHECKOUT...
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Corpus } from "../../src/corpus/types.js";
import type { ParagraphIndex } from "../../src/index-store/index.js";
import { readArchive } from "./archive-reader.js";
import { archiveFile, goldCorpusDir } from "./paths.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    articles: { type: "string", default: "25888" },
    "build-only": { type: "boolean", default: false },
    rounds: { type: "string", default: "1" },
  },
});
if (positionals.length === 0) {
  console.error("usage: build-compare.ts [--articles 25888] [--build-only] [--rounds 1] CHECKOUT...");
  process.exit(2);
}
const archive = await readArchive(archiveFile, Number(values.articles));
const corpus = { articles: [...archive, ...(await loadCorpus(goldCorpusDir)).articles] };

interface Tree {
  root: string;
  what: string;
  build(corpus: Corpus): Promise<ParagraphIndex>;
  serializeIndex(index: ParagraphIndex): Uint8Array;
}

async function treeAt(root: string): Promise<Tree> {
  const at = (file: string) => path.join(path.resolve(root), file);
  const serializeIndex = (await import(at("src/index-store/index-file.ts"))).serializeIndex;
  if (values["build-only"]) {
    const buildIndex = (await import(at("src/search/build-index.ts"))).buildIndex;
    return { root, what: "buildIndex", build: async (c) => buildIndex(c), serializeIndex };
  }
  const openEngine = (await import(at("src/answer/engine.ts"))).openEngine;
  const build = async (c: Corpus) => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "newsdesk-build-compare-"));
    try {
      return (await openEngine(c, { cacheDir })).index;
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  };
  return { root, what: "build + cache file + warm-up", build, serializeIndex };
}

const trees: Tree[] = [];
for (const root of positionals) trees.push(await treeAt(root));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const order of [trees, [...trees].reverse()]) {
    for (const tree of order) {
      gc();
      const start = performance.now();
      const index = await tree.build(corpus);
      const seconds = (performance.now() - start) / 1000;
      const bytes = createHash("sha256").update(tree.serializeIndex(index)).digest("hex").slice(0, 16);
      console.log(
        `${tree.root}: ${tree.what} ${seconds.toFixed(2)} s, ${index.docCount} paragraphs, index file ${bytes}`,
      );
    }
  }
}
