import path from "node:path";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Corpus } from "../../src/corpus/types.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot } from "../support/paths.js";

export const fixtureDir = path.join(repoRoot, "test/fixtures/ranking");

let cached: { corpus: Corpus; index: ParagraphIndex } | undefined;

/** The ranking fixture corpus and its index (built once per test file). */
export async function fixtureIndex(): Promise<{ corpus: Corpus; index: ParagraphIndex }> {
  if (!cached) {
    const corpus = await loadCorpus(fixtureDir);
    cached = { corpus, index: buildIndex(corpus) };
  }
  return cached;
}
