import type { Article, ImportOutcome, ImportResult } from "../corpus/index.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import type { SourceKind } from "./detect.js";
import type { IngestContext, IngestState, IngestSummary } from "./ingest-source.js";
import { emptyIngestState } from "./ingest-source.js";
import { progressLine } from "./progress-line.js";
import type { SourceStateStore } from "./source-state-store.js";
import type { SourceConfig } from "./sources-config.js";

/** How one source is doing: what `/ask status`, `\status` and `/healthz` show. JSON-able. */
export type SourceStatus = {
  name: string;
  kind: SourceKind;
  url: string;
  intervalMs: number;
  /** "waiting" before the first poll ends; "failing" after a failed poll until one succeeds. */
  state: "waiting" | "polling" | "ok" | "failing";
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** The latest failure of the source itself, one sentence; null once a poll succeeds. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** Failed polls in a row. */
  failures: number;
  nextPollAt: string | null;
  /** What the latest finished poll did. */
  lastRun: { created: number; updated: number; unchanged: number; failed: number } | null;
  /** The latest story that could not be imported (the source itself was read), one sentence. */
  lastItemError: string | null;
};

export type PollerLogger = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SourcePollerOptions {
  sources: readonly SourceConfig[];
  /** Reads one source (ingestSource with fetching bound in). */
  ingest: (
    source: SourceConfig,
    ctx: Pick<IngestContext, "state" | "onItem" | "onTotal">,
  ) => Promise<IngestSummary>;
  /** Puts an article into the corpus folder (the live index picks it up from there). */
  write: (article: Article) => Promise<ImportResult>;
  store: SourceStateStore;
  logger: PollerLogger;
  now?: () => number;
  timers?: Timers;
  /** Sources polled at once. Default INGEST_DEFAULTS.sourceConcurrency. */
  concurrency?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Progress lines in the log during long polls: one per this many stories. Default 100. */
  progressEvery?: number;
}

export interface SourcePoller {
  /** Loads the sources' memory and polls each one now, then at its interval. */
  start(): Promise<void>;
  /** Stops scheduling; resolves when polls under way have finished. */
  stop(): Promise<void>;
  status(): SourceStatus[];
  /** Polls every source now and resolves when done (operators' "poll now", and tests). */
  pollAll(): Promise<void>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Polls the operator's sources: each at its interval, a few at a time, a failing one retried with
 * exponential backoff, never stopping the others. New and changed stories go to `write`; what each
 * source remembers (validators, stamps) is saved after each poll so a restart does not refetch all.
 */
export function createSourcePoller(options: SourcePollerOptions): SourcePoller {
  const now = options.now ?? Date.now;
  const timers: Timers = options.timers ?? {
    setTimeout: (run, ms) => setTimeout(run, ms).unref(),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  const concurrency = options.concurrency ?? INGEST_DEFAULTS.sourceConcurrency;
  const backoffMs = options.backoffMs ?? INGEST_DEFAULTS.backoffMs;
  const maxBackoffMs = options.maxBackoffMs ?? INGEST_DEFAULTS.maxBackoffMs;
  const every = options.progressEvery ?? 100;

  interface Entry {
    source: SourceConfig;
    status: SourceStatus;
    timer?: unknown;
    running?: Promise<void>;
    waiters: Array<() => void>;
  }
  const entries: Entry[] = options.sources.map((source) => ({
    source,
    waiters: [],
    status: {
      name: source.name,
      kind: source.kind,
      url: source.url,
      intervalMs: source.intervalMs,
      state: "waiting",
      lastSuccessAt: null,
      lastAttemptAt: null,
      lastError: null,
      lastErrorAt: null,
      failures: 0,
      nextPollAt: null,
      lastRun: null,
      lastItemError: null,
    },
  }));
  let states: Record<string, IngestState> = {};
  let stopped = false;
  let active = 0;
  const queue: Entry[] = [];
  let saving = Promise.resolve();

  const schedule = (entry: Entry, delay: number) => {
    if (stopped) return;
    if (entry.timer !== undefined) timers.clearTimeout(entry.timer);
    entry.status.nextPollAt = iso(now() + delay);
    entry.timer = timers.setTimeout(() => {
      entry.timer = undefined;
      enqueue(entry);
    }, delay);
  };

  const enqueue = (entry: Entry) => {
    if (stopped || entry.running || queue.includes(entry)) return;
    queue.push(entry);
    pump();
  };

  const pump = () => {
    while (!stopped && active < concurrency && queue.length > 0) {
      const entry = queue.shift()!;
      active++;
      entry.running = poll(entry).finally(() => {
        active--;
        entry.running = undefined;
        for (const done of entry.waiters.splice(0)) done();
        pump();
      });
    }
  };

  async function poll(entry: Entry): Promise<void> {
    const { source, status } = entry;
    const started = now();
    status.state = "polling";
    status.lastAttemptAt = iso(started);
    status.nextPollAt = null;
    const state = states[source.url] ?? emptyIngestState();
    const run: Record<ImportOutcome | "failed", number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    let total = 0;
    let done = 0;
    try {
      const summary = await options.ingest(source, {
        state,
        onTotal: (count) => {
          total += count;
        },
        onItem: async (item) => {
          if (item.type === "failed") {
            run.failed++;
            status.lastItemError = item.error.message;
            options.logger.warn(
              { source: source.name, url: item.url, err: item.error },
              "A story could not be imported.",
            );
          } else if (item.type === "unchanged") {
            run.unchanged++;
          } else {
            const result = await options.write(item.article);
            run[result.outcome]++;
            if (result.outcome !== "unchanged") {
              options.logger.info(
                {
                  source: source.name,
                  file: result.file,
                  changes: result.changes,
                  warnings: item.report.warnings,
                },
                `${result.outcome === "created" ? "Imported" : "Updated"} "${item.article.title}".`,
              );
            }
          }
          done++;
          if (done % every === 0) {
            options.logger.info(
              { source: source.name },
              `${source.name}: ${progressLine("stories", done, Math.max(total, done), run.failed, (now() - started) / 1000)}`,
            );
          }
        },
      });
      states[source.url] = state;
      status.state = "ok";
      status.failures = 0;
      status.lastError = null;
      status.lastErrorAt = null;
      status.lastSuccessAt = iso(now());
      status.lastRun = run;
      if (run.failed === 0) status.lastItemError = null;
      if (summary.notModified) options.logger.info({ source: source.name }, "Source not modified.");
      schedule(entry, source.intervalMs);
    } catch (error) {
      status.state = "failing";
      status.failures++;
      status.lastError = (error as Error).message;
      status.lastErrorAt = iso(now());
      status.lastRun = run;
      // The stories imported before the failure are in the corpus; their stamps are worth keeping.
      states[source.url] = state;
      const delay = Math.min(backoffMs * 2 ** (status.failures - 1), maxBackoffMs);
      options.logger.error(
        { source: source.name, url: source.url, failures: status.failures, retryInMs: delay, err: error },
        "A source could not be polled; retrying with backoff.",
      );
      schedule(entry, delay);
    }
    saving = saving.then(() =>
      options.store.save(states).catch((error: unknown) => {
        options.logger.warn(
          { err: error },
          "The sources' state could not be saved; the next start polls everything again.",
        );
      }),
    );
    await saving;
  }

  return {
    async start() {
      states = await options.store.load();
      for (const entry of entries) enqueue(entry);
    },
    async stop() {
      stopped = true;
      queue.length = 0;
      for (const entry of entries) {
        if (entry.timer !== undefined) timers.clearTimeout(entry.timer);
        entry.timer = undefined;
      }
      await Promise.all(entries.map((entry) => entry.running));
      await saving;
    },
    status: () =>
      entries.map((entry) => ({
        ...entry.status,
        ...(entry.status.lastRun ? { lastRun: { ...entry.status.lastRun } } : {}),
      })),
    async pollAll() {
      await Promise.all(
        entries.map(async (entry) => {
          // A poll under way may have started before whatever the caller waits for.
          if (entry.running) await entry.running;
          await new Promise<void>((resolve) => {
            entry.waiters.push(resolve);
            if (entry.timer !== undefined) timers.clearTimeout(entry.timer);
            entry.timer = undefined;
            enqueue(entry);
          });
        }),
      );
    },
  };
}
