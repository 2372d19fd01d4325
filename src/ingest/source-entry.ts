import { displayText, type ImportOutcome } from "../corpus/index.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import { emptyIngestState, type IngestItem } from "./ingest-types.js";
import type { PollerShared, SourceStatus } from "./poller-types.js";
import { progressLine } from "./progress-line.js";
import { redactUrl, redactUrls } from "./redact-url.js";
import type { SourceConfig } from "./sources-config.js";
import { waitingStatus } from "./waiting-status.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type RunCounts = Record<ImportOutcome | "failed", number>;

/** One source of the poller: its status, its timer, and the poll under way (cancellable). */
export class SourceEntry {
  readonly status: SourceStatus;
  timer: unknown;
  running: Promise<void> | undefined;
  /** Cancels the poll under way. */
  controller: AbortController | undefined;
  readonly waiters: Array<() => void> = [];

  constructor(
    readonly source: SourceConfig,
    private readonly shared: PollerShared,
    private readonly enqueue: (entry: SourceEntry) => void,
  ) {
    this.status = waitingStatus(source);
  }

  /**
   * The status as shown (status, logs, /healthz): URLs without user info or query strings, sentences
   * without control, direction or zero-width characters (they may quote a page's title).
   */
  snapshot(): SourceStatus {
    const { status } = this;
    const text = (value: string | null | undefined) =>
      value ? displayText(redactUrls(value)) : (value ?? null);
    return {
      ...status,
      url: redactUrl(status.url),
      lastError: text(status.lastError),
      lastItemError: text(status.lastItemError),
      ...(status.lastRun ? { lastRun: { ...status.lastRun } } : {}),
    };
  }

  schedule(delay: number, stopped: () => boolean): void {
    if (stopped()) return;
    this.unschedule();
    this.status.nextPollAt = iso(this.shared.now() + delay);
    this.timer = this.shared.timers.setTimeout(() => {
      this.timer = undefined;
      this.enqueue(this);
    }, delay);
  }

  unschedule(): void {
    if (this.timer !== undefined) this.shared.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  cancel(): void {
    this.unschedule();
    this.controller?.abort();
  }

  poll(stopped: () => boolean): Promise<void> {
    this.controller = new AbortController();
    this.running = this.run(this.controller.signal, stopped).finally(() => {
      this.running = undefined;
      this.controller = undefined;
      for (const done of this.waiters.splice(0)) done();
    });
    return this.running;
  }

  /** How long a lease lasts: two intervals, renewed after each poll, so the holder keeps it. */
  get leaseMs(): number {
    return 2 * this.source.intervalMs;
  }

  /**
   * With leases, whether this process polls the source now: it holds the lease (renewed, or taken from
   * a holder that stopped renewing), and then polls from the state the last holder saved.
   */
  private async takeTurn(): Promise<boolean> {
    const { source, status, shared } = this;
    const leases = shared.options.leases;
    if (!leases) return true;
    let held = false;
    try {
      held = await leases.acquire(source.url, this.leaseMs);
      if (held) {
        const saved = await shared.options.store.loadOne?.(source.url);
        if (saved) shared.states[source.url] = saved;
      }
    } catch (error) {
      shared.options.logger.warn(
        { source: source.name, err: error },
        "Could not reach the store for this source's lease; not polling it until it can.",
      );
      held = false;
    }
    if (!held && status.state !== "standby") {
      shared.options.logger.info({ source: source.name }, "Another replica polls this source.");
      status.state = "standby";
    }
    return held;
  }

  private async run(signal: AbortSignal, stopped: () => boolean): Promise<void> {
    const { source, status, shared } = this;
    if (!(await this.takeTurn())) {
      // Checked again well before the holder's lease could run out, to take over soon after.
      this.schedule(Math.max(1, Math.round(source.intervalMs / 4)), stopped);
      return;
    }
    const started = shared.now();
    status.state = "polling";
    status.lastAttemptAt = iso(started);
    status.nextPollAt = null;
    // The state object is the one saved: stamps written during the poll are saved with it.
    const state = shared.states[source.url] ?? emptyIngestState();
    shared.states[source.url] = state;
    const counts: RunCounts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const progress = { total: 0, done: 0, started };
    try {
      const summary = await shared.options.ingest(source, {
        state,
        signal,
        onTotal: (count) => {
          progress.total += count;
        },
        onItem: async (item) => {
          await this.take(item, counts);
          progress.done++;
          this.logProgress(progress, counts);
          await shared.save(false);
        },
      });
      this.succeeded(counts, summary.halted?.message ?? null);
      if (summary.notModified) shared.options.logger.info({ source: source.name }, "Source not modified.");
      if (summary.halted && !summary.halted.stopped)
        shared.options.logger.warn({ source: source.name }, `${source.name}: ${summary.halted.message}`);
      const resume = summary.halted ? Math.min(INGEST_DEFAULTS.resumeAfterMs, source.intervalMs) : 0;
      this.schedule(resume || source.intervalMs, stopped);
    } catch (error) {
      this.failed(error, counts, stopped);
    }
    await shared.save(true);
    // Renewed from the end of the poll: the next one, an interval later, is well inside it.
    await shared.options.leases?.acquire(source.url, this.leaseMs).catch(() => false);
  }

  private async take(item: IngestItem, counts: RunCounts): Promise<void> {
    const { source, status, shared } = this;
    if (item.type === "failed") {
      counts.failed++;
      status.lastItemError = item.error.message;
      shared.options.logger.warn(
        { source: source.name, url: item.url, err: item.error },
        "A story could not be imported.",
      );
      return;
    }
    if (item.type === "unchanged") {
      counts.unchanged++;
      return;
    }
    const result = await shared.options.write(item.article, source);
    counts[result.outcome]++;
    if (result.outcome === "unchanged") return;
    shared.options.logger.info(
      { source: source.name, file: result.file, changes: result.changes, warnings: item.report.warnings },
      `${result.outcome === "created" ? "Imported" : "Updated"} "${item.article.title}".`,
    );
  }

  private logProgress(progress: { total: number; done: number; started: number }, counts: RunCounts) {
    const { source, shared } = this;
    if (progress.done % shared.progressEvery !== 0) return;
    const seconds = (shared.now() - progress.started) / 1000;
    const line = progressLine(
      "stories",
      progress.done,
      Math.max(progress.total, progress.done),
      counts.failed,
      seconds,
    );
    shared.options.logger.info({ source: source.name }, `${source.name}: ${line}`);
  }

  private succeeded(counts: RunCounts, halt: string | null): void {
    const { status, shared } = this;
    status.state = "ok";
    status.failures = 0;
    status.lastError = null;
    status.lastErrorAt = null;
    status.lastSuccessAt = iso(shared.now());
    status.lastRun = counts;
    status.lastHalt = halt;
    if (counts.failed === 0) status.lastItemError = null;
  }

  private failed(error: unknown, counts: RunCounts, stopped: () => boolean): void {
    const { source, status, shared } = this;
    status.state = "failing";
    status.failures++;
    status.lastError = (error as Error).message;
    status.lastErrorAt = iso(shared.now());
    status.lastRun = counts;
    const delay = Math.min(shared.backoffMs * 2 ** (status.failures - 1), shared.maxBackoffMs);
    shared.options.logger.error(
      { source: source.name, url: source.url, failures: status.failures, retryInMs: delay, err: error },
      "A source could not be polled; retrying with backoff.",
    );
    this.schedule(delay, stopped);
  }
}
