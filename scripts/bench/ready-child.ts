/**
 * Spawned by the bench: the app's start path alone — read the corpus, load the persisted index, answer
 * one question — then reports on stdout, as one JSON line, when it was ready and what it holds.
 * performance.now() counts from process start, so `readyMs` includes Node and tsx start-up.
 */

import { readCorpusJsonl } from "./corpus-file.js";
import { loadEngine } from "./engine-adapter.js";
import { report } from "./spawn-tsx.js";

const [corpusFile, cacheDir, question] = process.argv.slice(2);
if (!corpusFile || !cacheDir || !question) {
  console.error("usage: ready-child.ts CORPUS.jsonl CACHE_DIR QUESTION");
  process.exit(2);
}
const importedMs = performance.now();
const engine = await loadEngine();
if (!engine) {
  console.error("engine not available");
  process.exit(3);
}
const articles = await readCorpusJsonl(corpusFile);
const corpusMs = performance.now();
const ask = await engine.loadFromCache({ articles }, cacheDir);
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
  heapUsed: mem.heapUsed,
  rss: mem.rss,
  external: mem.external,
  arrayBuffers: mem.arrayBuffers,
});
