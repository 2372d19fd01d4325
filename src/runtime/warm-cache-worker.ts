import { existsSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { ENGINE_INDEX_OPTIONS, loadEngineIndex } from "../answer/index.js";
import { loadCorpus } from "../corpus/index.js";
import { CorpusError, CorpusErrorList } from "../errors.js";
import { corpusStatKey, serializeIndex, writeStartupSnapshot } from "../index-store/index.js";
import { type CorpusIssue, corpusIssueOf } from "./index-status.js";
import type { WarmCacheData, WarmResult } from "./worker-protocol.js";

// Worker thread: builds the corpus's index and writes the engine's cache file, so the main thread's
// load that follows is a cache hit (milliseconds) instead of a build that blocks answers. When the disk
// refuses the cache (full, read-only), the index travels back serialised instead, so the answering
// thread still never builds. It also writes the start-up snapshot (when the folder did not change
// while it read), so serialising the articles never happens on the answering thread.
const { corpusDir, cacheDir } = workerData as WarmCacheData;

function issuesOf(error: unknown): CorpusIssue[] | undefined {
  if (!(error instanceof CorpusError)) return undefined;
  return (error instanceof CorpusErrorList ? error.errors : [error]).map(corpusIssueOf);
}

const post = (message: WarmResult, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

try {
  const options = ENGINE_INDEX_OPTIONS;
  const statKey = await corpusStatKey(corpusDir, options);
  const corpus = await loadCorpus(corpusDir, { setAside: true });
  const { source, index, file } = await loadEngineIndex(corpus, { cacheDir });
  // The articles indexed go to a snapshot the answering side serves with the index: under the folder's
  // stat key when it did not change while read (the next start can use it too), else under a key of
  // their own, so a reload raced by a write is still swapped in, and the write picked up next.
  const changed = !statKey || (await corpusStatKey(corpusDir, options)) !== statKey;
  const snapshotKey = changed ? `reload-${index.key}` : statKey;
  const written = await writeStartupSnapshot(cacheDir, snapshotKey, {
    contentKey: index.key,
    articles: corpus.articles,
  });
  const done = {
    ok: true as const,
    source,
    changed,
    ...(written ? { snapshotKey } : {}),
    ...(corpus.setAside ? { setAside: corpus.setAside.map(corpusIssueOf) } : {}),
  };
  if (existsSync(file)) {
    post(done);
  } else {
    const bytes = serializeIndex(index);
    // A copy that owns its memory, so it can be moved to the other thread without copying again.
    const owned = new Uint8Array(bytes.length);
    owned.set(bytes);
    post({ ...done, index: owned }, [owned.buffer as ArrayBuffer]);
  }
} catch (error) {
  const issues = issuesOf(error);
  post({
    ok: false,
    message: error instanceof Error ? error.message : String(error),
    ...(issues ? { issues } : {}),
  });
}
