import type { Corpus } from "../corpus/index.js";
import type { IndexLogger, LoadedIndex, ParagraphIndex, ResolvedIndexOptions } from "../index-store/index.js";
import {
  type EngineOptions,
  loadOrBuildIndex,
  type PatchedIndex,
  patchIndex,
  resolveEngineOptions,
  resolveIndexOptions,
  warmIndex,
} from "../search/index.js";
import { answerQuestion } from "./answer-question.js";
import { storyTimeline } from "./timeline.js";
import type { AnswerLog, AskFn } from "./types.js";

/**
 * The one door to the engine: an index and the answer function over it. `ask(question, context)`
 * returns the `Answer`; everything a question is asked with — the day of asking, filters, the thread
 * it follows, how many passages — is a field of that context (`AnswerOptions`), never a new path.
 */
export interface Engine {
  readonly index: ParagraphIndex;
  readonly ask: AskFn;
}

/** How an engine answers: its tuning (default DEFAULT_ENGINE_OPTIONS) and where recovered bugs go. */
export interface EngineSettings {
  engine?: EngineOptions;
  /** Told the bugs answering recovers from (the asker gets "could not be processed"). Default: silent. */
  log?: AnswerLog;
}

/**
 * The engine over an index that is about to go live: warmed first (the vocabulary tree and the
 * related-words table), so no asker pays for building them, and its options resolved once, not per question.
 */
export function createEngine(index: ParagraphIndex, settings: EngineSettings = {}): Engine {
  warmIndex(index);
  const resolved = resolveEngineOptions(settings.engine);
  const log = settings.log;
  return {
    index,
    // A story's timeline is a field of the context too (`timeline`), answered by its own core.
    ask: (question, options) =>
      options?.timeline
        ? storyTimeline(index, question, options, resolved, log)
        : answerQuestion(index, question, options, resolved, log),
  };
}

/** An engine ready to answer, with where its index came from (cache or build) and what that took. */
export type OpenedEngine = LoadedIndex & Engine;

/** Options of openEngine. */
export interface OpenEngineOptions extends EngineSettings {
  /** Folder of the index cache files. */
  cacheDir: string;
  /** Where the index loader says what happened (cache hit, rebuild and why). Default: silent. */
  logger?: IndexLogger;
}

/**
 * An engine over a corpus: its index loaded from the cache when it matches (else built and cached),
 * then `createEngine`. Every command-line tool, the evaluation and the bench start here; the live index
 * loads its index its own way (start-up snapshot, worker) and then calls `createEngine`.
 */
export async function openEngine(corpus: Corpus, options: OpenEngineOptions): Promise<OpenedEngine> {
  const loaded = await loadEngineIndex(corpus, { cacheDir: options.cacheDir, logger: options.logger });
  return { ...loaded, ...createEngine(loaded.index, options) };
}

/** The options the engine builds its index with (the defaults): part of the index file's key. */
export const ENGINE_INDEX_OPTIONS: Readonly<ResolvedIndexOptions> = Object.freeze(resolveIndexOptions());

/**
 * The engine's index of `corpus`: read from the cache folder when a file for this corpus verifies,
 * else built with the engine's builder and written there (index-store/load-or-build.ts keeps the files).
 */
export function loadEngineIndex(
  corpus: Corpus,
  files: { cacheDir: string; logger?: IndexLogger | undefined },
): Promise<LoadedIndex> {
  return loadOrBuildIndex(corpus, {
    cacheDir: files.cacheDir,
    ...(files.logger ? { logger: files.logger } : {}),
  });
}

/**
 * The engine's index of `corpus` made from `base` (an index of the same folder before a change): equal to
 * the one a full build makes, reading only the new and changed articles (search/patch-index.ts).
 * Undefined when more than `maxParagraphs` paragraphs changed.
 */
export function patchEngineIndex(
  base: ParagraphIndex,
  corpus: Corpus,
  maxParagraphs?: number,
): PatchedIndex | undefined {
  return patchIndex(base, corpus, maxParagraphs);
}
