import { parentPort, workerData } from "node:worker_threads";
import { loadCorpus } from "../corpus/load-corpus.js";
import { loadOrBuildIndex, resolveIndexOptions } from "../search/index.js";
import { corpusStatKey, writeStartupSnapshot } from "./startup-snapshot.js";

// Worker thread: builds the corpus's index and writes the engine's cache file, so the main thread's
// loadOrBuildIndex that follows is a cache hit (milliseconds) instead of a build that blocks answers.
// It also writes the start-up snapshot (when the folder did not change while it read), so serialising
// the articles — a stall of a few hundred ms at archive size — never happens on the answering thread.
const { corpusDir, cacheDir } = workerData as { corpusDir: string; cacheDir: string };
try {
  const options = resolveIndexOptions();
  const statKey = await corpusStatKey(corpusDir, options);
  const corpus = await loadCorpus(corpusDir);
  const { source, index } = await loadOrBuildIndex(corpus, { cacheDir });
  if (statKey && (await corpusStatKey(corpusDir, options)) === statKey) {
    await writeStartupSnapshot(cacheDir, statKey, { contentKey: index.key, articles: corpus.articles });
  }
  parentPort?.postMessage({ ok: true, source });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
