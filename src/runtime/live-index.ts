import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { AskFn } from "../answer/types.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import type { Corpus } from "../corpus/types.js";
import { CorpusError } from "../errors.js";
import { engineBuild } from "./engine-build.js";
import {
  type CorpusIssue,
  type IndexHealth,
  type IndexStatus,
  newestPublished,
  toHealth,
} from "./index-status.js";
import { type RuntimeLogger, silentLogger } from "./runtime-logger.js";
import { warmIndexCache } from "./warm-cache.js";
import { watchCorpus } from "./watch-corpus.js";

/** Builds the answer function of a loaded corpus (the engine's index, loaded from cache or built). */
export type BuildAsk = (
  corpus: Corpus,
  context: { cacheDir: string; logger: RuntimeLogger },
) => Promise<AskFn>;

/** Options of `createLiveIndex`. */
export interface LiveIndexOptions {
  corpusDir: string;
  /** Folder of the engine's index cache files. */
  cacheDir: string;
  /** Default: silent. */
  logger?: RuntimeLogger;
  /** How to turn a corpus into an AskFn. Default: the engine's `loadOrBuildIndex` + `createAsk`. */
  build?: BuildAsk;
  /** Watch the corpus folder and reload on changes. Default true. */
  watch?: boolean;
  /** Quiet time after the last change before a reload starts, in ms. Default 300. */
  debounceMs?: number;
  /** How often to check that the corpus folder was not replaced or removed, in ms. Default 2000. */
  recheckMs?: number;
  /**
   * Build a reload's index in a worker thread first (it writes the engine's cache), so the swap only
   * loads the cache instead of blocking answers for the whole build. Default: true with the default
   * build; meaningless for a custom `build`, which ignores the engine's cache.
   */
  buildInWorker?: boolean;
}

export interface LiveIndex {
  /** Answers from the current complete index; a rebuild never shows through half-done. */
  ask: AskFn;
  status(): IndexStatus;
  /** `/healthz` body. */
  health(): IndexHealth;
  /** Reloads now (also what the watcher calls). Resolves when this and any queued reload settled. */
  reload(): Promise<void>;
  close(): void;
}

interface Snapshot {
  ask: AskFn;
  articles: number;
  paragraphs: number;
  newestArticle: string | null;
  builtAt: string;
}

function toIssue(error: unknown): CorpusIssue {
  if (error instanceof CorpusError) {
    const issue: CorpusIssue = { code: error.code, file: error.file, message: error.message };
    if (error.line !== undefined) issue.line = error.line;
    if (error.field !== undefined) issue.field = error.field;
    return issue;
  }
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === "string" ? code : "reload_failed",
    file: "",
    message: error instanceof Error ? error.message : String(error),
  };
}

async function buildSnapshot(options: LiveIndexOptions, logger: RuntimeLogger): Promise<Snapshot> {
  const corpus = await loadCorpus(options.corpusDir);
  // Let requests that arrived while files were read run before the (synchronous) index build.
  await yieldToEventLoop();
  const ask = await (options.build ?? engineBuild)(corpus, { cacheDir: options.cacheDir, logger });
  return {
    ask,
    articles: corpus.articles.length,
    paragraphs: corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
    newestArticle: newestPublished(corpus.articles),
    builtAt: new Date().toISOString(),
  };
}

/**
 * The index the running bot answers from, kept in step with the corpus folder: on a change it
 * rebuilds in the background and swaps the new index in with one reference assignment once it is
 * complete. Answers are synchronous, so an answer in progress always finishes on the index it
 * started with. A bad edit (invalid front matter, a broken JSONL line, a duplicate id) keeps the last
 * good index, is logged with file and line, and shows in `status()` and `health()` until fixed.
 * The first load must succeed: it throws the corpus's CorpusError.
 */
export async function createLiveIndex(options: LiveIndexOptions): Promise<LiveIndex> {
  const logger = options.logger ?? silentLogger;
  let current = await buildSnapshot(options, logger);
  logger.info(
    { articles: current.articles, paragraphs: current.paragraphs, corpusDir: options.corpusDir },
    "Index ready.",
  );
  let errors: CorpusIssue[] = [];
  let lastReloadAt: string | null = null;
  let lastReloadOk: boolean | null = null;
  let running: Promise<void> | null = null;
  let queued = false;
  let closed = false;

  const buildInWorker = options.buildInWorker ?? options.build === undefined;
  const reloadOnce = async () => {
    const started = performance.now();
    if (buildInWorker) {
      const warmed = await warmIndexCache(options.corpusDir, options.cacheDir);
      // Not fatal: the load below builds in this thread, or reports the corpus error precisely.
      if (!warmed.ok)
        logger.warn({ corpusDir: options.corpusDir }, `Background build skipped: ${warmed.message}`);
    }
    try {
      const next = await buildSnapshot(options, logger);
      if (closed) return;
      current = next;
      errors = [];
      lastReloadOk = true;
      logger.info(
        { articles: next.articles, paragraphs: next.paragraphs, ms: Math.round(performance.now() - started) },
        "Corpus reloaded; new index swapped in.",
      );
    } catch (error) {
      const issue = toIssue(error);
      errors = [issue];
      lastReloadOk = false;
      logger.error(
        { file: issue.file, line: issue.line, field: issue.field, code: issue.code },
        `Corpus reload failed; still serving the index built ${current.builtAt}: ${issue.message}`,
      );
    } finally {
      lastReloadAt = new Date().toISOString();
    }
  };

  const reload = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      // A change during a rebuild: one more rebuild after it picks up everything that changed since.
      queued = true;
      return running;
    }
    running = (async () => {
      do {
        queued = false;
        await reloadOnce();
      } while (queued && !closed);
      running = null;
    })();
    return running;
  };

  const watch =
    options.watch === false
      ? undefined
      : watchCorpus(options.corpusDir, () => void reload(), {
          debounceMs: options.debounceMs,
          recheckMs: options.recheckMs,
          onError: (error) =>
            logger.error(
              { corpusDir: options.corpusDir },
              `Watching the corpus folder failed: ${error.message}`,
            ),
        });

  const status = (): IndexStatus => ({
    corpusDir: options.corpusDir,
    articles: current.articles,
    paragraphs: current.paragraphs,
    builtAt: current.builtAt,
    newestArticle: current.newestArticle,
    lastReloadAt,
    lastReloadOk,
    reloading: running !== null,
    errors: errors.map((issue) => ({ ...issue })),
  });

  return {
    ask: (question, answerOptions) => current.ask(question, answerOptions),
    status,
    health: () => toHealth(status()),
    reload,
    close() {
      closed = true;
      watch?.close();
    },
  };
}
