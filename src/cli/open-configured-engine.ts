import { type OpenedEngine, openEngine } from "../answer/index.js";
import { loadConfigFromEnvironment } from "../config.js";
import type { Corpus } from "../corpus/index.js";
import { loadCorpus } from "../corpus/index.js";

/** Options of `openConfiguredEngine`; each defaults to the configuration (CORPUS_DIR, CACHE_DIR). */
export interface ConfiguredEngineOptions {
  corpusDir?: string;
  cacheDir?: string;
}

/**
 * The engine of a command-line tool: the corpus folder and cache folder from its flags or the
 * configuration, then the one way to open an engine (openEngine).
 */
export async function openConfiguredEngine(
  options: ConfiguredEngineOptions = {},
): Promise<OpenedEngine & { corpus: Corpus }> {
  const config = loadConfigFromEnvironment();
  const corpus = await loadCorpus(options.corpusDir ?? config.corpusDir);
  const opened = await openEngine(corpus, { cacheDir: options.cacheDir ?? config.cacheDir });
  return { ...opened, corpus };
}
