import type { Corpus } from "../corpus/index.js";
import { type LoadedIndex, type LoadOrBuildFileOptions, loadOrBuild } from "../index-store/index.js";
import { buildIndex } from "./build-index.js";
import { type IndexOptions, resolveIndexOptions } from "./formula.js";

/** Options of loadOrBuildIndex: the index store's, with the index options unresolved (defaults apply). */
export interface LoadOrBuildOptions extends IndexOptions, Omit<LoadOrBuildFileOptions, "options" | "build"> {}

/**
 * The engine's index of `corpus` from the cache folder, or built with the engine's builder and written
 * there (index-store/load-or-build.ts says how files are kept).
 */
export function loadOrBuildIndex(corpus: Corpus, options: LoadOrBuildOptions): Promise<LoadedIndex> {
  const { cacheDir, logger, keepFiles, ...indexOptions } = options;
  return loadOrBuild(corpus, {
    cacheDir,
    ...(logger ? { logger } : {}),
    ...(keepFiles !== undefined ? { keepFiles } : {}),
    options: resolveIndexOptions(indexOptions),
    build: buildIndex,
  });
}
