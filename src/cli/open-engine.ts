import { createAsk } from "../answer/create-ask.js";
import type { AskFn } from "../answer/types.js";
import { loadConfigFromEnvironment } from "../config.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import type { Corpus } from "../corpus/types.js";
import { NewsdeskError } from "../errors.js";
import { loadOrBuildIndex } from "../search/index.js";

/** Options of `openEngine`; each defaults to the configuration (CORPUS_DIR, CACHE_DIR). */
export interface OpenEngineOptions {
  corpusDir?: string;
  cacheDir?: string;
}

/**
 * Loads the corpus and its index (from the cache when it matches, else built and cached) and returns
 * the answer function — what every command-line entry point needs before it can answer.
 */
export async function openEngine(options: OpenEngineOptions = {}): Promise<{
  ask: AskFn;
  corpus: Corpus;
  source: "cache" | "built";
  ms: number;
}> {
  const config = loadConfigFromEnvironment();
  const corpus = await loadCorpus(options.corpusDir ?? config.corpusDir);
  const loaded = await loadOrBuildIndex(corpus, { cacheDir: options.cacheDir ?? config.cacheDir });
  return { ask: createAsk(loaded.index), corpus, source: loaded.source, ms: loaded.ms };
}

/** Prints a start-up failure for a person: our errors as their one sentence, anything else in full. */
export function reportStartupError(error: unknown): number {
  if (error instanceof NewsdeskError) console.error(error.message);
  else console.error(error);
  return 1;
}
