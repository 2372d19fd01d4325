import type { Article, ImportResult } from "../corpus/index.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import type { SourceKind } from "./detect.js";
import type { IngestContext, IngestState, IngestSummary } from "./ingest-source.js";
import { SourceEntry } from "./source-entry.js";
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
  /** Why the latest poll stopped early (a cap on stories, fetches or time), or null. */
  lastHalt?: string | null;
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
    ctx: Pick<IngestContext, "state" | "onItem" | "onTotal" | "signal">,
  ) => Promise<IngestSummary>;
  /** Puts an article into the corpus folder (the live index picks it up from there). */
  write: (article: Article, source: SourceConfig) => Promise<ImportResult>;
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
  /** The first polls wait this long, ms (default 0: at once). */
  firstPollDelayMs?: number;
  /** The state is saved during a poll at most this often, ms. Default INGEST_DEFAULTS.saveEveryMs. */
  saveEveryMs?: number;
}

export interface SourcePoller {
  /** Loads the sources' memory and polls each one now, then at its interval. */
  start(): Promise<void>;
  /** Stops scheduling and cancels polls under way (at their next story or fetch); resolves when they have ended. */
  stop(): Promise<void>;
  status(): SourceStatus[];
  /** Polls every source now and resolves when done (operators' "poll now", and tests). */
  pollAll(): Promise<void>;
}

/** The timers of the process, unref'd so a pending poll never keeps it alive. */
const REAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the poller's parts share: options with defaults filled, and the sources' memory. */
export interface PollerShared {
  options: SourcePollerOptions;
  now: () => number;
  timers: Timers;
  backoffMs: number;
  maxBackoffMs: number;
  progressEvery: number;
  states: Record<string, IngestState>;
  /** Saves the states now (`force`) or when the last save is old enough. */
  save(force: boolean): Promise<void>;
}

/**
 * Polls the operator's sources: each at its interval, a few at a time, a failing one retried with
 * exponential backoff, never stopping the others. New and changed stories go to `write`; what each
 * source remembers (validators, stamps) is saved as the poll goes, so a restart does not refetch all.
 */
class Poller implements SourcePoller {
  readonly shared: PollerShared;
  readonly entries: SourceEntry[];
  readonly queue: SourceEntry[] = [];
  readonly concurrency: number;
  active = 0;
  stopped = false;
  saving: Promise<void> = Promise.resolve();
  lastSaveAt = Number.NEGATIVE_INFINITY;

  constructor(readonly options: SourcePollerOptions) {
    this.concurrency = options.concurrency ?? INGEST_DEFAULTS.sourceConcurrency;
    const saveEveryMs = options.saveEveryMs ?? INGEST_DEFAULTS.saveEveryMs;
    this.shared = {
      options,
      now: options.now ?? Date.now,
      timers: options.timers ?? REAL_TIMERS,
      backoffMs: options.backoffMs ?? INGEST_DEFAULTS.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? INGEST_DEFAULTS.maxBackoffMs,
      progressEvery: options.progressEvery ?? 100,
      states: {},
      save: (force) => {
        if (!force && this.shared.now() - this.lastSaveAt < saveEveryMs) return Promise.resolve();
        this.lastSaveAt = this.shared.now();
        this.saving = this.saving.then(() => this.saveNow());
        return this.saving;
      },
    };
    this.entries = options.sources.map(
      (source) => new SourceEntry(source, this.shared, (entry) => this.enqueue(entry)),
    );
  }

  private async saveNow(): Promise<void> {
    try {
      await this.options.store.save(this.shared.states);
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        "The sources' state could not be saved; the next start polls everything again.",
      );
    }
  }

  enqueue(entry: SourceEntry): void {
    if (this.stopped || entry.running || this.queue.includes(entry)) return;
    this.queue.push(entry);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.active++;
      entry
        .poll(() => this.stopped)
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }

  async start(): Promise<void> {
    this.shared.states = await this.options.store.load();
    const delay = this.options.firstPollDelayMs ?? 0;
    for (const entry of this.entries) {
      if (delay > 0) entry.schedule(delay, () => this.stopped);
      else this.enqueue(entry);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    for (const entry of this.entries) entry.cancel();
    await Promise.all(this.entries.map((entry) => entry.running));
    await this.saving;
  }

  status(): SourceStatus[] {
    return this.entries.map((entry) => entry.snapshot());
  }

  async pollAll(): Promise<void> {
    await Promise.all(
      this.entries.map(async (entry) => {
        // A poll under way may have started before whatever the caller waits for.
        if (entry.running) await entry.running;
        await new Promise<void>((resolve) => {
          entry.waiters.push(resolve);
          entry.unschedule();
          this.enqueue(entry);
        });
      }),
    );
  }
}

export function createSourcePoller(options: SourcePollerOptions): SourcePoller {
  return new Poller(options);
}
