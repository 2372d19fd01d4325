/**
 * Spawned by the bench: the app's start path alone — the live index main.ts opens in a Slack mode, in
 * its worker thread (from the start-up snapshot when the corpus folder is unchanged, else loadCorpus +
 * the persisted index; a snapshot start also starts its background verification, as in the app), answer
 * one question through it — then reports on stdout, as one JSON line, when it was ready and what it
 * holds: heap and buffers of this thread plus the worker's (where the index lives), and the RSS.
 * performance.now() counts from process start, so `readyMs` includes Node and tsx start-up.
 */

import { createRemoteLiveIndex } from "../../src/runtime/remote-live-index.js";
import { report } from "./spawn-tsx.js";

const [corpusDir, cacheDir, question] = process.argv.slice(2);
if (!corpusDir || !cacheDir || !question) {
  console.error("usage: ready-child.ts CORPUS_DIR CACHE_DIR QUESTION");
  process.exit(2);
}
const importedMs = performance.now();
const live = await createRemoteLiveIndex({ corpusDir, cacheDir, watch: false });
const indexMs = performance.now();
const answer = await live.ask(question);
const readyMs = performance.now();
const { source, corpusMs = indexMs - importedMs, indexMs: openMs = 0 } = live.startup;
const worker = await live.memory();
// The background verification is the app's business after "ready"; its worker is not measured here.
await live.close();
(globalThis as { gc?: () => void }).gc?.();
const own = process.memoryUsage();
const mem = {
  heapUsed: own.heapUsed + worker.heapUsed,
  rss: worker.rss,
  external: own.external + worker.external,
  arrayBuffers: own.arrayBuffers + worker.arrayBuffers,
};
report({
  importedMs,
  corpusLoadMs: corpusMs,
  indexLoadMs: openMs,
  firstAnswerMs: readyMs - indexMs,
  readyMs,
  found: answer.found,
  // "built" would mean the cache did not match: the figure is then not a warm start, and says so.
  // "snapshot": articles from the start-up snapshot (no corpus parse), "cache": a full corpus read.
  source,
  heapUsed: mem.heapUsed,
  rss: mem.rss,
  external: mem.external,
  arrayBuffers: mem.arrayBuffers,
});
