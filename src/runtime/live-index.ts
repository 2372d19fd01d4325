import path from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ArchiveOverview, AskFn, Headline } from "../answer/index.js";
import { archiveOverview, createEngine } from "../answer/index.js";
import type { Article } from "../corpus/index.js";
import { loadCorpus, removeStaleWrites } from "../corpus/index.js";
import { CorpusError, CorpusErrorList, isErrorCode, NewsdeskError } from "../errors.js";
import { removeStaleTempFiles } from "../index-store/index.js";
import { type CorpusIssue, type IndexStatus, newestPublished, toHealth } from "./index-status.js";
import type { LiveIndex, LiveIndexOptions, StartupOutcome } from "./live-index-types.js";
import { type RuntimeLogger, silentLogger } from "./runtime-logger.js";
import { type OpenedIndex, openIndex } from "./start-index.js";
import { type StartupCheck, type StartupVerification, verifyStartupSnapshot } from "./verify-startup.js";
import { startWarmIndexCache } from "./warm-cache.js";
import { watchCorpus } from "./watch-corpus.js";

/** The index being served, with the figures status reports about it. */
interface ServedIndex {
  ask: AskFn;
  /** What the archive holds (archive-overview.ts), made on first request from its headlines. */
  overview: () => ArchiveOverview;
  /** Files its load set aside (not served), as status lists them. */
  setAside: CorpusIssue[];
  /** The folder changed while the reload worker read it: another reload follows the swap. */
  changedMeanwhile?: boolean;
  articles: number;
  paragraphs: number;
  newestArticle: string | null;
  builtAt: string;
}

function toIssues(error: unknown, corpusDir: string): CorpusIssue[] {
  const reported = (error as { issues?: CorpusIssue[] }).issues;
  const issues = Array.isArray(reported)
    ? reported
    : error instanceof CorpusErrorList
      ? error.errors.map(toIssue)
      : [toIssue(error)];
  // Status and /healthz name files relative to the corpus folder: where the folder is stays private.
  const folder = path.resolve(corpusDir) + path.sep;
  const relative = (text: string) => text.split(folder).join("");
  return issues.map((issue) => ({ ...issue, file: relative(issue.file), message: relative(issue.message) }));
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
    code: isErrorCode(code) ? code : "reload_failed",
    file: "",
    message: error instanceof Error ? error.message : String(error),
  };
}

/** The overview of a served index, made once on first request; only headlines are kept for it. */
function lazyOverview(articles: readonly Article[], ask: () => AskFn): () => ArchiveOverview {
  const headlines: Headline[] = articles.map(({ title, publication, published }) => ({
    title,
    publication,
    ...(published ? { published } : {}),
  }));
  const made: { overview?: ArchiveOverview } = {};
  return () => {
    made.overview ??= archiveOverview(headlines, ask());
    return made.overview;
  };
}

function toServedIndex(opened: OpenedIndex, logger: RuntimeLogger, corpusDir: string): ServedIndex {
  const ask = createEngine(opened.index, { log: logger }).ask;
  return {
    ask,
    overview: lazyOverview(opened.articles, () => ask),
    setAside: opened.setAside ? toIssues(new CorpusErrorList([...opened.setAside]), corpusDir) : [],
    articles: opened.articles.length,
    paragraphs: opened.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
    newestArticle: newestPublished(opened.articles),
    builtAt: new Date().toISOString(),
  };
}

async function openServedIndex(
  options: LiveIndexOptions,
  logger: RuntimeLogger,
  start = false,
  writeSnapshot = true,
): Promise<ServedIndex & { opened?: OpenedIndex }> {
  if (options.build === undefined) {
    // The engine's own path: also writes the start-up snapshot; only a start may serve from it.
    const opened = await openIndex({ ...options, logger, useSnapshot: start, writeSnapshot });
    return { ...toServedIndex(opened, logger, options.corpusDir), opened };
  }
  const corpus = await loadCorpus(options.corpusDir, { setAside: true });
  // Let requests that arrived while files were read run before the (synchronous) index build.
  await yieldToEventLoop();
  const ask = await options.build(corpus, { cacheDir: options.cacheDir, logger });
  return {
    ask,
    overview: lazyOverview(corpus.articles, () => ask),
    setAside: corpus.setAside ? toIssues(new CorpusErrorList(corpus.setAside), options.corpusDir) : [],
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
 * started with. A bad file (invalid front matter, a broken JSONL line, a duplicate id, too large) is
 * set aside — logged with file and line, listed in `status()` and `health()` until fixed — and the
 * rest of the corpus is served, at start and on every reload. A reload that fails as a whole (folder
 * gone, timeout) keeps the last good index. The first load throws only when nothing can be served.
 */
export async function createLiveIndex(options: LiveIndexOptions): Promise<LiveIndex> {
  const logger = options.logger ?? silentLogger;
  void removeStaleTempFiles(options.cacheDir).then((removed) => {
    if (removed > 0)
      logger.info({ removed }, `Removed ${removed} unfinished cache write(s) left by a killed process.`);
  });
  // Before the first read, so a half-written article of a killed writer is never in the way.
  const leftovers = await removeStaleWrites(options.corpusDir);
  if (leftovers.length > 0) {
    logger.info(
      { removed: leftovers.length, files: leftovers.slice(0, 5) },
      `Removed ${leftovers.length} unfinished article write(s) left in the corpus folder by a killed process.`,
    );
  }
  const first = await openServedIndex(options, logger, true);
  let current: ServedIndex = first;
  logger.info(
    {
      articles: current.articles,
      paragraphs: current.paragraphs,
      corpusDir: options.corpusDir,
      source: first.opened?.source ?? "custom",
    },
    first.opened?.source === "snapshot"
      ? "Index ready (from the start-up snapshot; verifying it against the corpus files in the background)."
      : "Index ready.",
  );
  let errors: CorpusIssue[] = first.setAside;
  const logSetAside = (issues: CorpusIssue[]) => {
    if (issues.length === 0) return;
    const [issue] = issues;
    logger.warn(
      {
        setAside: issues.length,
        file: issue!.file,
        line: issue!.line,
        field: issue!.field,
        code: issue!.code,
      },
      `${issues.length} corpus file(s) set aside, the rest served (see status); the first: ${issue!.message}`,
    );
  };
  logSetAside(errors);
  let lastReloadAt: string | null = null;
  let lastReloadOk: boolean | null = null;
  let running: Promise<void> | null = null;
  let queued = false;
  let closed = false;

  const buildInWorker = options.buildInWorker ?? options.build === undefined;
  const reloadTimeoutMs = options.reloadTimeoutMs ?? 600_000;
  let cancelRun = () => {};

  // One attempt: a worker builds (and caches) the index; this thread then only reads the corpus and
  // loads what the worker built. Whatever happens to the disk, nothing is built here.
  const attempt = async (): Promise<ServedIndex> => {
    if (!buildInWorker) return openServedIndex(options, logger, false, true);
    const run = startWarmIndexCache(options.corpusDir, options.cacheDir, logger);
    cancelRun = run.cancel;
    const warmed = await run.result;
    if (!warmed.ok) {
      if (warmed.issues) throw Object.assign(new Error(warmed.message), { issues: warmed.issues });
      throw new NewsdeskError("reload_failed", `The index could not be built (${warmed.message}).`);
    }
    if (closed) throw new NewsdeskError("reload_failed", "closed");
    // The worker wrote the start-up snapshot too; writing it here would stall answers. Its snapshot is
    // what is served: the articles it indexed, even when the folder has changed since (a trickle of
    // writes used to discard every reload); the change is picked up by the reload that follows.
    const opened = await openIndex({
      ...options,
      logger,
      useSnapshot: false,
      writeSnapshot: false,
      buildIfMissing: false,
      ...(warmed.index ? { prebuilt: warmed.index } : {}),
      ...(warmed.snapshotKey ? { snapshotKey: warmed.snapshotKey } : {}),
    });
    const served = toServedIndex(opened, logger, options.corpusDir);
    if (!opened.setAside && warmed.setAside)
      served.setAside = toIssues({ issues: warmed.setAside }, options.corpusDir);
    return { ...served, changedMeanwhile: warmed.changed === true };
  };

  const reloadOnce = async () => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        cancelRun();
        reject(
          new NewsdeskError(
            "reload_timeout",
            `The corpus reload did not finish within ${Math.round(reloadTimeoutMs / 1000)} s (a hung disk or network mount?) and was abandoned; check the corpus folder (RELOAD_TIMEOUT_SECONDS).`,
          ),
        );
      }, reloadTimeoutMs);
      timer.unref();
    });
    const work = attempt();
    work.catch(() => undefined);
    try {
      const next = await Promise.race([work, deadline]);
      if (closed) return;
      current = next;
      errors = next.setAside;
      lastReloadOk = true;
      logger.info(
        { articles: next.articles, paragraphs: next.paragraphs, ms: Math.round(performance.now() - started) },
        "Corpus reloaded; new index swapped in.",
      );
      logSetAside(next.setAside);
      if (next.changedMeanwhile) queued = true;
    } catch (error) {
      if (closed) return;
      if (error instanceof NewsdeskError && error.code === "reload_raced") {
        // Files changed under the worker: the next attempt sees them (the watcher fires as well).
        queued = true;
        logger.info({}, (error as Error).message);
        return;
      }
      errors = toIssues(error, options.corpusDir);
      const issue = errors[0]!;
      lastReloadOk = false;
      logger.error(
        { file: issue.file, line: issue.line, field: issue.field, code: issue.code },
        `Corpus reload failed; still serving the index built ${current.builtAt}: ${issue.message}`,
      );
    } finally {
      clearTimeout(timer);
      cancelRun = () => {};
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

  let verification: StartupVerification | undefined;
  const startupCheck: Promise<StartupOutcome> = (async () => {
    const opened = first.opened;
    if (opened?.source !== "snapshot" || !opened.statKey) return "skipped";
    const started = performance.now();
    verification = verifyStartupSnapshot(
      {
        corpusDir: options.corpusDir,
        cacheDir: options.cacheDir,
        statKey: opened.statKey,
        servedKey: opened.index.key,
      },
      logger,
    );
    const check: StartupCheck = await verification.result;
    if (closed) return "failed";
    const ms = Math.round(performance.now() - started);
    if (!check.ok) {
      // Not known to be stale, but not known to be current either: a full reload decides, and a
      // corpus error shows in status() with its file and line as for any bad edit.
      logger.warn(
        { ms },
        `Could not verify the start-up snapshot against the corpus files (${check.message}); reloading the corpus.`,
      );
      await reload();
      return "failed";
    }
    if (check.match) {
      logger.info({ ms }, "Start-up snapshot verified: it matches the corpus files.");
      // A start from the snapshot does not read the files: the check lists those set aside.
      if (check.setAside && !running) {
        errors = toIssues({ issues: check.setAside }, options.corpusDir);
        logSetAside(errors);
      }
      return "verified";
    }
    logger.warn(
      { ms, reason: check.reason },
      `Start-up snapshot was stale (${check.reason}); reloading the corpus and swapping in its index.`,
    );
    await reload();
    return "swapped";
  })();

  const watch =
    options.watch === false
      ? undefined
      : watchCorpus(options.corpusDir, () => void reload(), {
          debounceMs: options.debounceMs,
          maxWaitMs: options.maxWaitMs,
          recheckMs: options.recheckMs,
          pollMs: options.pollMs,
          onError: (error) =>
            logger.error(
              { corpusDir: options.corpusDir },
              `Watching the corpus folder failed: ${error.message}`,
            ),
        });

  // Health leaves the overview out, so a probe never waits for it to be made.
  const figures = (): IndexStatus => ({
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
  const status = (): IndexStatus => ({ ...figures(), overview: current.overview() });

  return {
    ask: (question, answerOptions) => current.ask(question, answerOptions),
    status,
    health: () => toHealth(figures()),
    reload,
    startupChecked: () => startupCheck,
    startup: first.opened
      ? { source: first.opened.source, corpusMs: first.opened.corpusMs, indexMs: first.opened.indexMs }
      : { source: "custom" },
    close() {
      closed = true;
      cancelRun();
      verification?.cancel();
      watch?.close();
    },
  };
}

export type { BuildAsk, LiveIndex, LiveIndexOptions, StartupOutcome } from "./live-index-types.js";
