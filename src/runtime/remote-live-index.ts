import type { Worker } from "node:worker_threads";
import type { Answer, AnswerOptions } from "../answer/index.js";
import { type ErrorCode, NewsdeskError } from "../errors.js";
import type { IndexHealth, IndexStatus } from "./index-status.js";
import type { LiveIndex } from "./live-index.js";
import { createOutbox, type Outbox } from "./outbox.js";
import { type RuntimeLogger, silentLogger } from "./runtime-logger.js";
import { startRuntimeWorker } from "./start-worker.js";
import {
  type IndexWorkerOptions,
  type IndexWorkerReply,
  type IndexWorkerRequest,
  isFromIndexWorker,
  logUnexpectedMessage,
  type ToIndexWorker,
} from "./worker-protocol.js";

/** The live index in a worker thread, seen from the thread that serves Slack. */
export interface RemoteLiveIndex {
  /** Answers in the worker; rejects (code "index_unavailable") while the worker is down. */
  ask(question: string, options?: AnswerOptions): Promise<Answer>;
  status(): Promise<IndexStatus>;
  /** `/healthz` body as the worker last reported it (it reports every change within 250 ms). */
  health(): IndexHealth;
  /** The worker's memory: its own heap and buffers (where the index lives), and the process's RSS. */
  memory(): Promise<NodeJS.MemoryUsage>;
  readonly startup: LiveIndex["startup"];
  /** Stops watching and ends the worker. */
  close(): Promise<void>;
}

/** Options of `createRemoteLiveIndex`. */
export interface RemoteLiveIndexOptions extends IndexWorkerOptions {
  /** Receives the worker's log lines. Default: silent. */
  logger?: RuntimeLogger;
  /** Wait before restarting a worker that died, ms (doubling up to 30 s while restarts fail). Default 1000. */
  restartDelayMs?: number;
  /** Starts the worker thread (tests wrap it to reach the Worker). Default: startRuntimeWorker. */
  startWorker?: typeof startRuntimeWorker;
}

interface Pending {
  resolve(value: never): void;
  reject(error: Error): void;
}

const unavailable = (why: string) =>
  new NewsdeskError("index_unavailable", `The index is not available right now (${why}).`);

/** What a worker reports when it is ready to answer. */
interface WorkerReady {
  health: IndexHealth;
  startup: LiveIndex["startup"];
}

/**
 * The serving thread's side of the index worker: the worker now serving (none while it restarts), the
 * requests waiting for it, the health it last reported, and the back-off of its restarts.
 */
class IndexWorkerClient implements RemoteLiveIndex {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private worker: Worker | undefined;
  /** Requests to the serving worker, sent together per turn of the event loop (outbox.ts). */
  private outbox: Outbox<IndexWorkerRequest> | undefined;
  private lastHealth!: IndexHealth;
  private closing = false;
  private restartDelay: number;
  startup!: LiveIndex["startup"];

  constructor(
    private readonly workerOptions: IndexWorkerOptions,
    private readonly logger: RuntimeLogger,
    private readonly restartDelayMs: number,
    private readonly startWorker: typeof startRuntimeWorker,
  ) {
    this.restartDelay = restartDelayMs;
  }

  /** Starts the first worker; rejects like createLiveIndex when its first load fails. */
  async open(): Promise<this> {
    const ready = await this.start();
    this.lastHealth = ready.health;
    this.startup = ready.startup;
    return this;
  }

  // The public methods are bound (arrow fields): callers pass `live.ask` and `live.health` around.
  readonly ask = (question: string, options?: AnswerOptions): Promise<Answer> =>
    this.request<Answer>({ type: "ask", id: ++this.nextId, question, options });

  readonly status = (): Promise<IndexStatus> =>
    this.request<IndexStatus>({ type: "status", id: ++this.nextId });

  readonly health = (): IndexHealth => this.lastHealth;

  readonly memory = (): Promise<NodeJS.MemoryUsage> =>
    this.request<NodeJS.MemoryUsage>({ type: "memory", id: ++this.nextId });

  readonly close = async (): Promise<void> => {
    this.closing = true;
    const current = this.worker;
    if (!current) return;
    const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
    current.postMessage({ type: "close" } satisfies ToIndexWorker);
    const timer = setTimeout(() => void current.terminate(), 5000);
    // A worker blocked in a read of a hung mount may never exit, even terminated: stop waiting.
    const givenUp = new Promise<void>((resolve) => setTimeout(resolve, 8000).unref());
    await Promise.race([exited, givenUp]);
    clearTimeout(timer);
  };

  private start(): Promise<WorkerReady> {
    return new Promise<WorkerReady>((resolve, reject) => {
      const started = this.startWorker("live-index-worker", this.workerOptions);
      const state = { ready: false };
      started.on("message", (message: unknown) => this.onMessage(started, state, message, resolve, reject));
      started.on("error", (error) => {
        this.logger.error({ err: error }, "Index worker failed.");
      });
      started.on("exit", (code) => {
        if (!state.ready) {
          reject(unavailable(`the index worker exited with code ${code} before it was ready`));
          return;
        }
        this.onExit(code);
      });
    });
  }

  private onMessage(
    started: Worker,
    state: { ready: boolean },
    message: unknown,
    resolve: (ready: WorkerReady) => void,
    reject: (error: Error) => void,
  ): void {
    if (!isFromIndexWorker(message)) {
      logUnexpectedMessage(this.logger, "live-index-worker", message);
      return;
    }
    switch (message.type) {
      case "ready":
        if (this.closing) {
          // Closed while this worker was starting (a restart): it must not outlive close().
          void started.terminate();
          reject(unavailable("the index was closed"));
          return;
        }
        state.ready = true;
        this.worker = started;
        this.outbox = createOutbox<IndexWorkerRequest>((m) => started.postMessage(m));
        resolve(message);
        return;
      case "failed":
        reject(new NewsdeskError(message.code, message.message));
        return;
      case "health":
        this.lastHealth = message.health;
        return;
      case "log":
        this.logger[message.level](message.fields, message.message);
        return;
      case "batch":
        for (const reply of message.messages) this.settle(reply);
        return;
      default:
        this.settle(message);
    }
  }

  /** Resolves (or rejects) the request a reply answers. */
  private settle(reply: IndexWorkerReply): void {
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!waiting) return;
    if (reply.type === "status") waiting.resolve(reply.status as never);
    else if (reply.type === "memory") waiting.resolve(reply.memory as never);
    else if ("answer" in reply) waiting.resolve(reply.answer as never);
    else waiting.reject(new NewsdeskError("answer_failed", reply.error));
  }

  /** A serving worker died: fail what waited on it and start another after the back-off. */
  private onExit(code: number): void {
    this.worker = undefined;
    this.outbox = undefined;
    for (const waiting of this.pending.values()) waiting.reject(unavailable("the index worker stopped"));
    this.pending.clear();
    if (this.closing) return;
    this.lastHealth = { ...this.lastHealth, ok: false, state: "unavailable" };
    this.logger.error(
      { code: "index_worker_exited" satisfies ErrorCode, exitCode: code },
      `Index worker exited (code ${code}); restarting it in ${this.restartDelay} ms.`,
    );
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    setTimeout(() => {
      if (this.closing) return;
      this.start().then(
        (ready) => {
          this.lastHealth = ready.health;
          this.restartDelay = this.restartDelayMs;
          this.logger.info({}, "Index worker restarted.");
        },
        (error: unknown) => {
          this.restartDelay = Math.min(this.restartDelay * 2, 30_000);
          this.logger.error(
            { err: error },
            `Index worker did not restart; trying again in ${this.restartDelay} ms.`,
          );
          this.scheduleRestart();
        },
      );
    }, this.restartDelay).unref();
  }

  private request<T>(message: IndexWorkerRequest): Promise<T> {
    const outbox = this.outbox;
    if (!outbox) return Promise.reject(unavailable("the index worker is restarting"));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(message.id, { resolve: resolve as (value: never) => void, reject });
      outbox.send(message);
    });
  }
}

/**
 * Opens the live index (createLiveIndex: load, watch, reload) in a worker thread and answers through
 * it. Why: Bolt serves every request on one thread, and an answer there — milliseconds on an archive —
 * delays every other request's ack; in the worker it costs the serving thread one message each way
 * (scripts/bench/worker-round-trip.ts measures it; docs/performance.md). The index lives only in the
 * worker, so memory does not double. Rejects like createLiveIndex when the first load fails (the
 * corpus error's code and message). A worker that dies is restarted; meanwhile asks reject.
 */
export function createRemoteLiveIndex(options: RemoteLiveIndexOptions): Promise<RemoteLiveIndex> {
  const {
    logger = silentLogger,
    restartDelayMs = 1000,
    startWorker = startRuntimeWorker,
    ...workerOptions
  } = options;
  return new IndexWorkerClient(workerOptions, logger, restartDelayMs, startWorker).open();
}
