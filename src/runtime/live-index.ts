import { CorpusFolderReader, removeStaleWrites } from "../corpus/index.js";
import { NewsdeskError } from "../errors.js";
import { removeStaleTempFiles } from "../index-store/index.js";
import { type CorpusIssue, type IndexHealth, type IndexStatus, toHealth } from "./index-status.js";
import type { LiveIndex, LiveIndexOptions, StartupOutcome } from "./live-index-types.js";
import { patchServedIndex, QuietCacheWrite } from "./patch-reload.js";
import { type RuntimeLogger, silentLogger } from "./runtime-logger.js";
import { openServedIndex, type ServedIndex, toIssues, toServedIndex } from "./served-index.js";
import { type OpenedIndex, openIndex } from "./start-index.js";
import { type StartupCheck, type StartupVerification, verifyStartupSnapshot } from "./verify-startup.js";
import { startWarmIndexCache } from "./warm-cache.js";
import { type CorpusWatch, watchCorpus } from "./watch-corpus.js";

/** The worker's report of corpus problems, carried to toIssues. */
class WarmIssues extends NewsdeskError {
  constructor(
    message: string,
    readonly issues: CorpusIssue[],
  ) {
    super("reload_failed", message);
  }
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
class LiveIndexRunner implements LiveIndex {
  /** The index answering now; a reload replaces it whole. */
  private current: ServedIndex;
  /** What the latest load set aside or why the latest reload failed, as status lists them. */
  private errors: CorpusIssue[];
  private lastReloadAt: string | null = null;
  private lastReloadOk: boolean | null = null;
  /** The reload loop running now, if any; `queued` asks it for one more round. */
  private running: Promise<void> | null = null;
  private queued = false;
  private closed = false;
  /** Cancels the reload worker in flight (a timeout or close). */
  private cancelRun = () => {};
  private verification: StartupVerification | undefined;
  private watch: CorpusWatch | undefined;
  /** Reads the folder for patched reloads, keeping unchanged files' articles; none with a custom build. */
  private readonly reader: CorpusFolderReader | undefined;
  private readonly cacheWrite: QuietCacheWrite | undefined;
  private readonly buildInWorker: boolean;
  private readonly reloadTimeoutMs: number;
  private readonly startupCheck: Promise<StartupOutcome>;
  readonly startup: LiveIndex["startup"];

  constructor(
    private readonly options: LiveIndexOptions,
    private readonly logger: RuntimeLogger,
    first: ServedIndex & { opened?: OpenedIndex },
  ) {
    this.current = first;
    this.errors = first.setAside;
    this.buildInWorker = options.buildInWorker ?? options.build === undefined;
    this.reloadTimeoutMs = options.reloadTimeoutMs ?? 600_000;
    if (options.build === undefined && options.patchReloads !== false) {
      this.reader = new CorpusFolderReader(options.corpusDir, { setAside: true });
      this.cacheWrite = new QuietCacheWrite(
        options,
        options.cacheWriteQuietMs ?? 60_000,
        logger,
        () => this.running !== null,
      );
    }
    this.startup = first.opened
      ? { source: first.opened.source, corpusMs: first.opened.corpusMs, indexMs: first.opened.indexMs }
      : { source: "custom" };
    this.logSetAside(this.errors);
    this.startupCheck = this.checkStartup(first.opened);
    this.watch = options.watch === false ? undefined : this.watchFolder();
  }

  // The public methods are bound (arrow fields): main.ts hands `live.ask` to the shell.
  readonly ask: LiveIndex["ask"] = (question, answerOptions) => this.current.ask(question, answerOptions);

  /** Status with the archive overview (made once per index, on first request). */
  readonly status = (): IndexStatus => ({ ...this.figures(), overview: this.current.overview() });

  /** Health leaves the overview out, so a probe never waits for it to be made. */
  readonly health = (): IndexHealth => toHealth(this.figures());

  readonly startupChecked = (): Promise<StartupOutcome> => this.startupCheck;

  readonly reload = (): Promise<void> => {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      // A change during a rebuild: one more rebuild after it picks up everything that changed since.
      this.queued = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.queued = false;
        await this.reloadOnce();
      } while (this.queued && !this.closed);
      this.running = null;
    })();
    return this.running;
  };

  readonly close = (): void => {
    this.closed = true;
    this.cancelRun();
    this.cacheWrite?.close();
    this.verification?.cancel();
    this.watch?.close();
  };

  private figures(): IndexStatus {
    const { current } = this;
    return {
      corpusDir: this.options.corpusDir,
      articles: current.articles,
      paragraphs: current.paragraphs,
      builtAt: current.builtAt,
      newestArticle: current.newestArticle,
      lastReloadAt: this.lastReloadAt,
      lastReloadOk: this.lastReloadOk,
      reloading: this.running !== null,
      errors: this.errors.map((issue) => ({ ...issue })),
    };
  }

  private logSetAside(issues: CorpusIssue[]): void {
    if (issues.length === 0) return;
    const [issue] = issues;
    this.logger.warn(
      {
        setAside: issues.length,
        file: issue!.file,
        line: issue!.line,
        field: issue!.field,
        code: issue!.code,
      },
      `${issues.length} corpus file(s) set aside, the rest served (see status); the first: ${issue!.message}`,
    );
  }

  /**
   * One attempt: a worker builds (and caches) the index; this thread then only reads the corpus and
   * loads what the worker built. Whatever happens to the disk, nothing is built here.
   */
  private async attempt(): Promise<ServedIndex> {
    const { options, logger } = this;
    if (!this.buildInWorker) return openServedIndex(options, logger, false, true);
    const run = startWarmIndexCache(options.corpusDir, options.cacheDir, logger);
    this.cancelRun = run.cancel;
    const warmed = await run.result;
    if (!warmed.ok) {
      if (warmed.issues) throw new WarmIssues(warmed.message, warmed.issues);
      throw new NewsdeskError("reload_failed", `The index could not be built (${warmed.message}).`);
    }
    if (this.closed) throw new NewsdeskError("reload_failed", "closed");
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
  }

  /** Rejects with reload_timeout (ending the worker) when a reload outlasts its limit. */
  private deadline(): { promise: Promise<never>; clear: () => void } {
    let timer: NodeJS.Timeout | undefined;
    const promise = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.cancelRun();
        reject(
          new NewsdeskError(
            "reload_timeout",
            `The corpus reload did not finish within ${Math.round(this.reloadTimeoutMs / 1000)} s (a hung disk or network mount?) and was abandoned; check the corpus folder (RELOAD_TIMEOUT_SECONDS).`,
          ),
        );
      }, this.reloadTimeoutMs);
      timer.unref();
    });
    return { promise, clear: () => clearTimeout(timer) };
  }

  /** A patch of the served index when few articles changed (patch-reload.ts), else a full build. */
  private async patchOrBuild(): Promise<ServedIndex> {
    if (this.reader) {
      const { maxPatchedParagraphs, maxPatchedIndexParagraphs } = this.options;
      const patched = await patchServedIndex(
        this.current,
        this.reader,
        this.logger,
        maxPatchedParagraphs,
        maxPatchedIndexParagraphs,
      ).catch(
        // The full build reports what went wrong (an unreadable folder, no articles left).
        () => undefined,
      );
      if (patched) {
        this.cacheWrite?.schedule();
        return patched;
      }
    }
    return this.attempt();
  }

  private async reloadOnce(): Promise<void> {
    const started = performance.now();
    const deadline = this.deadline();
    const work = this.patchOrBuild();
    work.catch(() => undefined);
    try {
      const next = await Promise.race([work, deadline.promise]);
      if (this.closed) return;
      this.swapIn(next, started);
    } catch (error) {
      if (this.closed) return;
      this.reloadFailed(error);
    } finally {
      deadline.clear();
      this.cancelRun = () => {};
      this.lastReloadAt = new Date().toISOString();
    }
  }

  private swapIn(next: ServedIndex, started: number): void {
    this.current = next;
    this.errors = next.setAside;
    this.lastReloadOk = true;
    this.logger.info(
      {
        articles: next.articles,
        paragraphs: next.paragraphs,
        ms: Math.round(performance.now() - started),
        ...(next.patched ? { patched: next.patched } : {}),
      },
      next.patched
        ? "Corpus reloaded; the changed articles patched into a new index, swapped in."
        : "Corpus reloaded; new index swapped in.",
    );
    this.logSetAside(next.setAside);
    if (next.changedMeanwhile) this.queued = true;
  }

  private reloadFailed(error: unknown): void {
    if (error instanceof NewsdeskError && error.code === "reload_raced") {
      // Files changed under the worker: the next attempt sees them (the watcher fires as well).
      this.queued = true;
      this.logger.info({}, (error as Error).message);
      return;
    }
    this.errors = toIssues(error, this.options.corpusDir);
    const issue = this.errors[0]!;
    this.lastReloadOk = false;
    this.logger.error(
      { file: issue.file, line: issue.line, field: issue.field, code: issue.code },
      `Corpus reload failed; still serving the index built ${this.current.builtAt}: ${issue.message}`,
    );
  }

  /** A start served from the snapshot is verified against the corpus files in the background. */
  private async checkStartup(opened: OpenedIndex | undefined): Promise<StartupOutcome> {
    if (opened?.source !== "snapshot" || !opened.statKey) return "skipped";
    const { options, logger } = this;
    const started = performance.now();
    this.verification = verifyStartupSnapshot(
      {
        corpusDir: options.corpusDir,
        cacheDir: options.cacheDir,
        statKey: opened.statKey,
        servedKey: opened.index.key,
      },
      logger,
    );
    const check: StartupCheck = await this.verification.result;
    if (this.closed) return "failed";
    const ms = Math.round(performance.now() - started);
    if (!check.ok) {
      // Not known to be stale, but not known to be current either: a full reload decides, and a
      // corpus error shows in status() with its file and line as for any bad edit.
      logger.warn(
        { ms },
        `Could not verify the start-up snapshot against the corpus files (${check.message}); reloading the corpus.`,
      );
      await this.reload();
      return "failed";
    }
    if (check.match) {
      logger.info({ ms }, "Start-up snapshot verified: it matches the corpus files.");
      // A start from the snapshot does not read the files: the check lists those set aside.
      if (check.setAside && !this.running) {
        this.errors = toIssues({ issues: check.setAside }, options.corpusDir);
        this.logSetAside(this.errors);
      }
      return "verified";
    }
    logger.warn(
      { ms, reason: check.reason },
      `Start-up snapshot was stale (${check.reason}); reloading the corpus and swapping in its index.`,
    );
    await this.reload();
    return "swapped";
  }

  private watchFolder(): CorpusWatch {
    const { options, logger } = this;
    return watchCorpus(options.corpusDir, () => void this.reload(), {
      debounceMs: options.debounceMs,
      maxWaitMs: options.maxWaitMs,
      recheckMs: options.recheckMs,
      pollMs: options.pollMs,
      onError: (error) =>
        logger.error({ corpusDir: options.corpusDir }, `Watching the corpus folder failed: ${error.message}`),
    });
  }
}

/** Clears what killed processes left (unfinished cache and article writes) before the first read. */
async function removeLeftovers(options: LiveIndexOptions, logger: RuntimeLogger): Promise<void> {
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
}

/** Opens the corpus folder's index and keeps it in step with the folder (LiveIndexRunner). */
export async function createLiveIndex(options: LiveIndexOptions): Promise<LiveIndex> {
  const logger = options.logger ?? silentLogger;
  await removeLeftovers(options, logger);
  const first = await openServedIndex(options, logger, true);
  logger.info(
    {
      articles: first.articles,
      paragraphs: first.paragraphs,
      corpusDir: options.corpusDir,
      source: first.opened?.source ?? "custom",
    },
    first.opened?.source === "snapshot"
      ? "Index ready (from the start-up snapshot; verifying it against the corpus files in the background)."
      : "Index ready.",
  );
  return new LiveIndexRunner(options, logger, first);
}

export type { BuildAsk, LiveIndex, LiveIndexOptions, StartupOutcome } from "./live-index-types.js";
