import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Corpus } from "../corpus/index.js";
import { type CacheFileKind, writeCacheFile } from "./cache-folder.js";
import { corpusKey } from "./corpus-key.js";
import { deserializeIndex, serializeIndex } from "./index-file.js";
import type { ResolvedIndexOptions } from "./index-options.js";
import type { ParagraphIndex } from "./paragraph-index.js";

export interface IndexLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** How an index is built: the engine's builder, passed in (the index store lays out and keeps files only). */
export type BuildParagraphIndex = (corpus: Corpus, options: ResolvedIndexOptions) => ParagraphIndex;

/** Options of loadOrBuild. */
export interface LoadOrBuildFileOptions {
  /** The index's options, resolved (part of the file's key). */
  options: ResolvedIndexOptions;
  /** Builds the index when no cache file verifies. */
  build: BuildParagraphIndex;
  /** Folder of cache files (created when missing). Required; the CLIs pass the repo's `.cache/`. */
  cacheDir: string;
  /** Where to say what happened (cache hit, rebuild and why). Default: silent. */
  logger?: IndexLogger;
  /** Cache files kept in the folder (others, least recently written first, are deleted). Default 4. */
  keepFiles?: number;
}

export interface LoadedIndex {
  index: ParagraphIndex;
  source: "cache" | "built";
  /** Wall time of the load or build (and write), in milliseconds. */
  ms: number;
  /** The cache file used or written. */
  file: string;
}

const INDEX_FILES: CacheFileKind = { prefix: "paragraphs-", suffix: ".idx" };

/** Cache file of a key: the name carries the key, so a file for another corpus is never even opened. */
export function cacheFileFor(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${INDEX_FILES.prefix}${key.slice(0, 32)}${INDEX_FILES.suffix}`);
}

/**
 * Loads the corpus's index from the cache when a file with the same key (corpus content + options +
 * format) exists and verifies; otherwise builds it and writes the cache atomically (temp file, then
 * rename), so a reader never sees half a file. A corrupt or unreadable cache is logged and rebuilt; a
 * cache that cannot be written is logged and the built index is still returned.
 */
export async function loadOrBuild(corpus: Corpus, options: LoadOrBuildFileOptions): Promise<LoadedIndex> {
  const started = performance.now();
  const { cacheDir, logger, keepFiles = 4, options: resolved, build } = options;
  const key = corpusKey(corpus, resolved);
  const file = cacheFileFor(cacheDir, key);

  let bytes: Buffer | undefined;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      logger?.warn(`Index cache ${file} cannot be read (${(error as Error).message}); rebuilding.`);
    } else {
      logger?.info(`No index cache for this corpus and options; building ${file}.`);
    }
  }
  if (bytes) {
    try {
      const index = deserializeIndex(bytes, corpus.articles, key);
      const ms = performance.now() - started;
      logger?.info(`Index loaded from cache ${file} in ${Math.round(ms)} ms.`);
      return { index, source: "cache", ms, file };
    } catch (error) {
      logger?.warn(`Index cache ${file} is unusable (${(error as Error).message}); rebuilding.`);
    }
  }

  const index = build(corpus, resolved);
  try {
    await writeCacheFile(file, serializeIndex(index), INDEX_FILES, Math.max(1, keepFiles));
  } catch (error) {
    logger?.warn(
      `Index cache ${file} could not be written (${(error as Error).message}); serving the built index.`,
    );
  }
  const ms = performance.now() - started;
  logger?.info(`Index built in ${Math.round(ms)} ms.`);
  return { index, source: "built", ms, file };
}

/**
 * The cached index of `articles` whose content key is known (the start-up snapshot stores it), read
 * and verified against that key; throws when the file is missing or does not verify.
 */
export function loadCachedIndex(cacheDir: string, key: string, articles: Corpus["articles"]): ParagraphIndex {
  return deserializeIndex(readFileSync(cacheFileFor(cacheDir, key)), articles, key);
}
