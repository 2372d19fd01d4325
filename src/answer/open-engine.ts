import type { Corpus } from "../corpus/index.js";
import {
  type EngineOptions,
  type IndexLogger,
  type LoadedIndex,
  loadOrBuildIndex,
  type ParagraphIndex,
  warmIndex,
} from "../search/index.js";
import { createAsk } from "./create-ask.js";
import type { AskFn } from "./types.js";

/** An engine ready to answer: its index, where the index came from, and the answer function. */
export interface OpenedEngine extends LoadedIndex {
  ask: AskFn;
}

/** Options of openEngine. */
export interface OpenEngineOptions {
  /** Folder of the index cache files. */
  cacheDir: string;
  /** Where the index loader says what happened (cache hit, rebuild and why). Default: silent. */
  logger?: IndexLogger;
  /** Engine tuning; default DEFAULT_ENGINE_OPTIONS. */
  engine?: EngineOptions;
}

/**
 * The one way to open an engine over a corpus: its index loaded from the cache when it matches (else
 * built and cached), warmed, and the answer function over it. Every surface, the evaluation and the
 * bench start here (the live index opens its index its own way, then calls engineOverIndex).
 */
export async function openEngine(corpus: Corpus, options: OpenEngineOptions): Promise<OpenedEngine> {
  const loaded = await loadOrBuildIndex(corpus, { cacheDir: options.cacheDir, logger: options.logger });
  return { ...loaded, ask: engineOverIndex(loaded.index, options.engine) };
}

/**
 * The answer function over an index that is about to go live: warmed first (the vocabulary tree and
 * the related-words table), so no asker pays for building them.
 */
export function engineOverIndex(index: ParagraphIndex, engine: EngineOptions = {}): AskFn {
  warmIndex(index);
  return createAsk(index, engine);
}
