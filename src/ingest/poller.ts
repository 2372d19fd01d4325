import { INGEST_DEFAULTS } from "./defaults.js";
import type {
  PollerShared,
  SourcePoller,
  SourcePollerOptions,
  SourceStatus,
  Timers,
} from "./poller-types.js";
import { SourceEntry } from "./source-entry.js";

/** The timers of the process, unref'd so a pending poll never keeps it alive. */
const REAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

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
    // Handed over at once: another replica need not wait for the leases to run out.
    const leases = this.options.leases;
    if (leases) await Promise.all(this.entries.map((e) => leases.release(e.source.url).catch(() => {})));
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
