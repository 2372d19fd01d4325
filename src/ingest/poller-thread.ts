import type { Worker } from "node:worker_threads";
import { startWorkerThread } from "../worker-thread.js";
import { INGEST_DEFAULTS } from "./defaults.js";
import type { PollLimits } from "./poll-limits.js";
import { type FromPollerWorker, isFromPollerWorker, type PollerWorkerData } from "./poller-protocol.js";
import type { PollerLogger, SourcePoller, SourceStatus } from "./poller-types.js";
import type { SourceConfig } from "./sources-config.js";
import { waitingStatus } from "./waiting-status.js";

export interface PollerThreadOptions {
  sources: readonly SourceConfig[];
  corpusDir: string;
  cacheDir: string;
  /** DATABASE_URL: articles, poll state and leases in the shared database. */
  databaseUrl?: string;
  limits: PollLimits;
  logger: PollerLogger;
  /** The thread is restarted when its heartbeat stops this long, ms (one page parsing too long). */
  stallMs?: number;
  /** `stop()` ends the thread this long after asking it to stop, ms, whatever it is doing. */
  stopGraceMs?: number;
}

/**
 * The poller in its own thread, as the bot runs it: fetching, parsing and writing never run on the
 * thread that acknowledges Slack. This side keeps the latest status the thread reported (so
 * `status()` is instant), restarts a thread whose heartbeat stops, and ends it promptly on `stop()`.
 */
class PollerThread implements SourcePoller {
  worker: Worker | undefined;
  statuses: SourceStatus[];
  lastBeatAt = Date.now();
  /** Restarts in a row for a stopped heartbeat: each waits longer before polling. */
  stalls = 0;
  stopping = false;
  watchdog: NodeJS.Timeout | undefined;
  nextId = 1;
  readonly pending = new Map<number, () => void>();
  readonly stallMs: number;
  readonly stopGraceMs: number;

  constructor(readonly options: PollerThreadOptions) {
    this.statuses = options.sources.map(waitingStatus);
    this.stallMs = options.stallMs ?? INGEST_DEFAULTS.stallMs;
    this.stopGraceMs = options.stopGraceMs ?? INGEST_DEFAULTS.stopGraceMs;
  }

  start(): Promise<void> {
    this.watchdog = setInterval(() => this.checkHeartbeat(), 1000).unref();
    return this.spawn(0);
  }

  private spawn(firstPollDelayMs: number): Promise<void> {
    const { sources, corpusDir, cacheDir, limits, databaseUrl } = this.options;
    const data: PollerWorkerData = {
      sources,
      corpusDir,
      cacheDir,
      limits,
      firstPollDelayMs,
      ...(databaseUrl ? { databaseUrl } : {}),
    };
    const worker = startWorkerThread(import.meta.url, "poller-worker", data);
    worker.unref();
    this.worker = worker;
    this.lastBeatAt = Date.now();
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (message: unknown) => {
        if (!isFromPollerWorker(message)) return;
        this.lastBeatAt = Date.now();
        if (message.type === "ready") resolve();
        this.receive(message);
      });
      worker.on("error", (error) => {
        this.options.logger.error({ err: error }, "The poller thread failed.");
        reject(error);
      });
      worker.on("exit", () => {
        resolve();
        this.exited(worker);
      });
    });
  }

  private receive(message: FromPollerWorker): void {
    if (message.type === "tick" && message.sources) this.statuses = message.sources;
    else if (message.type === "log") this.options.logger[message.level](message.fields, message.message);
    else if (message.type === "done") {
      this.pending.get(message.id)?.();
      this.pending.delete(message.id);
    }
  }

  private exited(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const done of this.pending.values()) done();
    this.pending.clear();
    if (this.stopping) return;
    this.options.logger.error({}, "The poller thread ended unexpectedly; restarting it.");
    this.restart();
  }

  private checkHeartbeat(): void {
    if (!this.worker || this.stopping || Date.now() - this.lastBeatAt < this.stallMs) return;
    const worker = this.worker;
    this.worker = undefined;
    this.options.logger.error(
      { stalledMs: Date.now() - this.lastBeatAt },
      `The poller thread was busy for over ${this.stallMs / 1000} s on one task (a page too costly to parse?); restarting it.`,
    );
    void worker.terminate();
    for (const done of this.pending.values()) done();
    this.pending.clear();
    this.restart();
  }

  private restart(): void {
    this.stalls++;
    const delay = Math.min(INGEST_DEFAULTS.backoffMs * 2 ** (this.stalls - 1), INGEST_DEFAULTS.maxBackoffMs);
    void this.spawn(delay).catch(() => {});
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      worker.on("message", (message: unknown) => {
        if (isFromPollerWorker(message) && message.type === "stopped") resolve();
      });
      worker.once("exit", () => resolve());
    });
    worker.postMessage({ type: "stop" });
    const grace = new Promise<"late">((resolve) =>
      setTimeout(() => resolve("late"), this.stopGraceMs).unref(),
    );
    if ((await Promise.race([stopped, grace])) === "late") {
      this.options.logger.warn({}, "The poller thread did not stop in time; ending it.");
    }
    await worker.terminate();
  }

  status(): SourceStatus[] {
    return this.statuses.map((status) => ({ ...status }));
  }

  pollAll(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ type: "pollAll", id });
    });
  }
}

/**
 * Starts polling `sources` in a thread of its own. Returns at once: the sources show "waiting" until
 * the thread has started (a start-up never waits on the poller).
 */
export function startPollerThread(options: PollerThreadOptions): SourcePoller {
  const poller = new PollerThread(options);
  void poller.start().catch(() => {});
  return poller;
}
