import { ENGINE_INDEX_OPTIONS, loadEngineIndex } from "../answer/index.js";
import type { Article, Corpus } from "../corpus/index.js";
import { loadCorpus } from "../corpus/index.js";
import { type CorpusError, NewsdeskError } from "../errors.js";
import {
  corpusKey,
  corpusStatKey,
  deserializeIndex,
  loadCachedIndex,
  type ParagraphIndex,
  readStartupSnapshot,
  writeStartupSnapshot,
} from "../index-store/index.js";
import type { RuntimeLogger } from "./runtime-logger.js";

/** The engine's index of a corpus folder and where it came from. */
export interface OpenedIndex {
  index: ParagraphIndex;
  articles: readonly Article[];
  /**
   * "snapshot": served from the start-up snapshot without reading the corpus — must be verified
   * (verifyStartupSnapshot); "cache" / "built": from a full read of the corpus.
   */
  source: "snapshot" | "cache" | "built";
  /** The folder's stat key when the index was opened (undefined if it could not be taken). */
  statKey: string | undefined;
  /** Reading the articles (snapshot, or corpus files) and opening the index, in ms. */
  corpusMs: number;
  indexMs: number;
  /** Settles when the start-up snapshot of a full read has been written (true) or skipped (false). */
  snapshotWritten: Promise<boolean>;
  /** Files a full read set aside (undefined when served from a snapshot: its check says). */
  setAside?: readonly CorpusError[];
}

export interface OpenIndexOptions {
  corpusDir: string;
  cacheDir: string;
  logger: RuntimeLogger;
  /** Try the start-up snapshot first. Default true; reloads pass false (something changed). */
  useSnapshot?: boolean;
  /** Write the start-up snapshot after a full read. Default true; false when a worker already did. */
  writeSnapshot?: boolean;
  /**
   * False on reloads: the index must come from the cache or `prebuilt` (a worker built it); a miss
   * throws `reload_raced` instead of building on this, the answering, thread. Default true.
   */
  buildIfMissing?: boolean;
  /** A serialised index a worker built when the cache could not be written. */
  prebuilt?: Uint8Array;
  /**
   * Serve the snapshot a reload worker wrote under this key (its articles, and the index it built of
   * them), not a read of the folder; a read of the folder only when that snapshot cannot be used.
   */
  snapshotKey?: string;
}

/** The index of `corpus` from `prebuilt` or the cache file, verified (key and CRC); undefined on a miss. */
function openBuilt(
  corpus: Corpus,
  key: string,
  cacheDir: string,
  prebuilt: Uint8Array | undefined,
  logger: RuntimeLogger,
): ParagraphIndex | undefined {
  const started = performance.now();
  const sources: Array<[string, () => ParagraphIndex]> = [];
  if (prebuilt) {
    sources.push([
      "the reload worker's build (the cache could not be written)",
      () =>
        deserializeIndex(
          Buffer.from(prebuilt.buffer, prebuilt.byteOffset, prebuilt.byteLength),
          corpus.articles,
          key,
        ),
    ]);
  }
  sources.push(["cache", () => loadCachedIndex(cacheDir, key, corpus.articles)]);
  for (const [name, source] of sources) {
    try {
      const index = source();
      logger.info({}, `Index loaded from ${name} in ${Math.round(performance.now() - started)} ms.`);
      return index;
    } catch {
      // The next source, or a miss.
    }
  }
  return undefined;
}

const engineLogger = (logger: RuntimeLogger) => ({
  info: (message: string) => logger.info({}, message),
  warn: (message: string) => logger.warn({}, message),
});

/**
 * Opens the engine's index the fast way when the folder looks unchanged since a previous full read
 * (same files, sizes and mtimes: the start-up snapshot's articles plus the cached index, no corpus
 * parse, no content hash), else the full way (read and validate every file, load or build the index)
 * and writes the snapshot for next time — only when the folder did not change during the read, so a
 * snapshot never pairs one state's stat key with another state's articles.
 */
export async function openIndex(options: OpenIndexOptions): Promise<OpenedIndex> {
  const { corpusDir, cacheDir, logger } = options;
  const indexOptions = ENGINE_INDEX_OPTIONS;
  const started = performance.now();
  const statKey = await corpusStatKey(corpusDir, indexOptions);
  const snapshotKey = options.snapshotKey ?? (options.useSnapshot !== false ? statKey : undefined);
  if (snapshotKey) {
    const snapshot = await readStartupSnapshot(cacheDir, snapshotKey, (file, why) =>
      logger.warn(
        { file },
        `Start-up snapshot ${file} is not used: ${why}; reading the corpus and rebuilding it.`,
      ),
    );
    if (snapshot) {
      const read = performance.now();
      try {
        const index =
          openBuilt(snapshot, snapshot.contentKey, cacheDir, options.prebuilt, logger) ??
          loadCachedIndex(cacheDir, snapshot.contentKey, snapshot.articles);
        return {
          index,
          articles: snapshot.articles,
          source: "snapshot",
          statKey,
          corpusMs: read - started,
          indexMs: performance.now() - read,
          snapshotWritten: Promise.resolve(false),
        };
      } catch (error) {
        logger.warn(
          {},
          `Start-up snapshot found but its index cache is unusable (${(error as Error).message}); reading the corpus.`,
        );
      }
    }
  }
  const corpus = await loadCorpus(corpusDir, { setAside: true });
  const read = performance.now();
  let loaded: { index: ParagraphIndex; source: "cache" | "built" };
  if (options.buildIfMissing === false) {
    const key = corpusKey(corpus, ENGINE_INDEX_OPTIONS);
    const index = openBuilt(corpus, key, cacheDir, options.prebuilt, logger);
    if (!index) {
      throw new NewsdeskError(
        "reload_raced",
        "The corpus changed while it was being indexed; another reload picks up the change.",
      );
    }
    loaded = { index, source: "cache" };
  } else {
    loaded = await loadEngineIndex(corpus, { cacheDir, logger: engineLogger(logger) });
  }
  const indexMs = performance.now() - read;
  const snapshotWritten = (async () => {
    if (options.writeSnapshot === false || !statKey) return false;
    if ((await corpusStatKey(corpusDir, indexOptions)) !== statKey) return false;
    return writeStartupSnapshot(cacheDir, statKey, {
      contentKey: loaded.index.key,
      articles: corpus.articles,
    });
  })();
  return {
    index: loaded.index,
    articles: corpus.articles,
    source: loaded.source,
    statKey,
    // A snapshot that could not be used still cost its stat and read: counted with the corpus.
    corpusMs: read - started,
    indexMs,
    snapshotWritten,
    ...(corpus.setAside ? { setAside: corpus.setAside } : {}),
  };
}
