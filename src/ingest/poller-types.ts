/** The poller's public types and what its parts share, apart from the poller so its parts need not import it. */
import type { Article, ImportResult } from "../corpus/index.js";
import type { SourceKind } from "./detect.js";
import type { IngestContext, IngestState, IngestSummary } from "./ingest-types.js";
import type { SourceStateStore } from "./source-state-store.js";
import type { SourceConfig } from "./sources-config.js";

/** How one source is doing: what `/ask status`, `\status` and `/healthz` show. JSON-able. */
export type SourceStatus = {
  name: string;
  kind: SourceKind;
  url: string;
  intervalMs: number;
  /**
   * "waiting" before the first poll ends; "failing" after a failed poll until one succeeds; "standby"
   * while another replica holds the source's lease and polls it.
   */
  state: "waiting" | "polling" | "ok" | "failing" | "standby";
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

/**
 * Turns at polling a source among replicas sharing a database: whoever holds a source's lease polls
 * it, and renews the lease after each poll; when the holder dies, the lease runs out and another takes it.
 */
export interface SourceLeases {
  /** True when this process holds (took or renewed) the lease of `source` for `ttlMs` from now. */
  acquire(source: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (stopping), so a successor need not wait for it to run out. */
  release(source: string): Promise<void>;
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
  /** Set when replicas share the sources: a source is polled only by its lease's holder. */
  leases?: SourceLeases;
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
