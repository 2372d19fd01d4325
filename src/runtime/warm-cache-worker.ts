import { parentPort, workerData } from "node:worker_threads";
import { loadCorpus } from "../corpus/load-corpus.js";
import { loadOrBuildIndex } from "../search/load-or-build-index.js";

// Worker thread: builds the corpus's index and writes the engine's cache file, so the main thread's
// loadOrBuildIndex that follows is a cache hit (milliseconds) instead of a build that blocks answers.
const { corpusDir, cacheDir } = workerData as { corpusDir: string; cacheDir: string };
try {
  const corpus = await loadCorpus(corpusDir);
  const { source } = await loadOrBuildIndex(corpus, { cacheDir });
  parentPort?.postMessage({ ok: true, source });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
