import { parentPort, workerData } from "node:worker_threads";
import { ENGINE_INDEX_OPTIONS, loadEngineIndex } from "../answer/index.js";
import { loadCorpus } from "../corpus/index.js";
import { corpusKey, readStartupSnapshot } from "../index-store/index.js";
import { corpusIssueOf } from "./index-status.js";
import type { StartupCheck, VerifyStartupData } from "./worker-protocol.js";

// Worker thread: checks that what the main thread serves from the start-up snapshot is the corpus as
// it is on disk — the snapshot's own articles hash to the served key, and so does a full, validated
// read of the folder. On a mismatch it builds the index of the files (writing the engine's cache) so
// the main thread's reload that follows only loads it.
const { corpusDir, cacheDir, statKey, servedKey } = workerData as VerifyStartupData;
const post = (message: StartupCheck) => parentPort?.postMessage(message);

/** Hashed in a function of its own so the snapshot's articles can be collected before the corpus is read. */
async function snapshotKeyOf(options: typeof ENGINE_INDEX_OPTIONS): Promise<string | undefined> {
  const snapshot = await readStartupSnapshot(cacheDir, statKey);
  return snapshot ? corpusKey(snapshot, options) : undefined;
}

try {
  const options = ENGINE_INDEX_OPTIONS;
  const snapshotKey = await snapshotKeyOf(options);
  const corpus = await loadCorpus(corpusDir, { setAside: true });
  const filesKey = corpusKey(corpus, options);
  if (filesKey === servedKey && snapshotKey === servedKey) {
    post({
      ok: true,
      match: true,
      ...(corpus.setAside ? { setAside: corpus.setAside.map(corpusIssueOf) } : {}),
    });
  } else {
    const reason =
      filesKey !== servedKey
        ? "the corpus files differ from the snapshot although their names, sizes and mtimes do not"
        : "the snapshot's articles do not hash to the index they were served with";
    await loadEngineIndex(corpus, { cacheDir });
    post({ ok: true, match: false, reason });
  }
} catch (error) {
  post({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
