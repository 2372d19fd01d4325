/**
 * Spawned by the bench: the app's start path alone — read the corpus (loadCorpus, as the app does), load the persisted index, answer
 * one question — then reports on stdout, as one JSON line, when it was ready and what it holds.
 * performance.now() counts from process start, so `readyMs` includes Node and tsx start-up.
 */

import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { engine } from "./engine-adapter.js";
import { report } from "./spawn-tsx.js";

const [corpusDir, cacheDir, question] = process.argv.slice(2);
if (!corpusDir || !cacheDir || !question) {
  console.error("usage: ready-child.ts CORPUS_DIR CACHE_DIR QUESTION");
  process.exit(2);
}
const importedMs = performance.now();
const corpus = await loadCorpus(corpusDir);
const corpusMs = performance.now();
const { ask, source } = await engine.loadOrBuild(corpus, cacheDir);
const indexMs = performance.now();
const answer = ask(question);
const readyMs = performance.now();
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
report({
  importedMs,
  corpusLoadMs: corpusMs - importedMs,
  indexLoadMs: indexMs - corpusMs,
  firstAnswerMs: readyMs - indexMs,
  readyMs,
  found: answer.found,
  // "built" would mean the cache did not match: the figure is then not a warm start, and says so.
  source,
  heapUsed: mem.heapUsed,
  rss: mem.rss,
  external: mem.external,
  arrayBuffers: mem.arrayBuffers,
});
