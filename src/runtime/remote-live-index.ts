import type { Worker } from "node:worker_threads";
import type { Answer, AnswerOptions } from "../answer/index.js";
import { type ErrorCode, NewsdeskError } from "../errors.js";
import type { IndexHealth, IndexStatus } from "./index-status.js";
import type { LiveIndex } from "./live-index.js";
import { type RuntimeLogger, silentLogger } from "./runtime-logger.js";
import { startRuntimeWorker } from "./start-worker.js";
import {
  type IndexWorkerOptions,
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

/**
 * Opens the live index (createLiveIndex: load, watch, reload) in a worker thread and answers through
 * it. Why: Bolt serves every request on one thread, and an answer there — milliseconds on an archive —
 * delays every other request's ack; in the worker it costs the serving thread one message each way
 * (scripts/bench/worker-round-trip.ts measures it; docs/performance.md). The index lives only in the
 * worker, so memory does not double. Rejects like createLiveIndex when the first load fails (the
 * corpus error's code and message). A worker that dies is restarted; meanwhile asks reject.
 */
export async function createRemoteLiveIndex(options: RemoteLiveIndexOptions): Promise<RemoteLiveIndex> {
  const {
    logger = silentLogger,
    restartDelayMs = 1000,
    startWorker = startRuntimeWorker,
    ...workerOptions
  } = options;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  let health: IndexHealth;
  let closing = false;
  let restartDelay = restartDelayMs;

  const start = () =>
    new Promise<{ health: IndexHealth; startup: LiveIndex["startup"] }>((resolve, reject) => {
      const started = startWorker("live-index-worker", workerOptions);
      let ready = false;
      started.on("message", (message: unknown) => {
        if (!isFromIndexWorker(message)) {
          logUnexpectedMessage(logger, "live-index-worker", message);
          return;
        }
        switch (message.type) {
          case "ready":
            if (closing) {
              // Closed while this worker was starting (a restart): it must not outlive close().
              void started.terminate();
              reject(unavailable("the index was closed"));
              return;
            }
            ready = true;
            worker = started;
            resolve(message);
            return;
          case "failed":
            reject(new NewsdeskError(message.code, message.message));
            return;
          case "health":
            health = message.health;
            return;
          case "log":
            logger[message.level](message.fields, message.message);
            return;
          case "answer":
          case "status":
          case "memory": {
            const waiting = pending.get(message.id);
            pending.delete(message.id);
            if (!waiting) return;
            if (message.type === "status") waiting.resolve(message.status as never);
            else if (message.type === "memory") waiting.resolve(message.memory as never);
            else if ("answer" in message) waiting.resolve(message.answer as never);
            else waiting.reject(new NewsdeskError("answer_failed", message.error));
          }
        }
      });
      started.on("error", (error) => {
        logger.error({ err: error }, "Index worker failed.");
      });
      started.on("exit", (code) => {
        if (!ready) {
          reject(unavailable(`the index worker exited with code ${code} before it was ready`));
          return;
        }
        worker = undefined;
        for (const waiting of pending.values()) waiting.reject(unavailable("the index worker stopped"));
        pending.clear();
        if (closing) return;
        health = { ...health, ok: false, state: "unavailable" };
        logger.error(
          { code: "index_worker_exited" satisfies ErrorCode, exitCode: code },
          `Index worker exited (code ${code}); restarting it in ${restartDelay} ms.`,
        );
        scheduleRestart();
      });
    });

  const scheduleRestart = () => {
    setTimeout(() => {
      if (closing) return;
      start().then(
        (ready) => {
          health = ready.health;
          restartDelay = restartDelayMs;
          logger.info({}, "Index worker restarted.");
        },
        (error: unknown) => {
          restartDelay = Math.min(restartDelay * 2, 30_000);
          logger.error({ err: error }, `Index worker did not restart; trying again in ${restartDelay} ms.`);
          scheduleRestart();
        },
      );
    }, restartDelay).unref();
  };

  const request = <T>(message: ToIndexWorker & { id: number }): Promise<T> => {
    const current = worker;
    if (!current) return Promise.reject(unavailable("the index worker is restarting"));
    return new Promise<T>((resolve, reject) => {
      pending.set(message.id, { resolve: resolve as (value: never) => void, reject });
      current.postMessage(message);
    });
  };

  const ready = await start();
  health = ready.health;
  return {
    startup: ready.startup,
    ask: (question, answerOptions) =>
      request<Answer>({ type: "ask", id: ++nextId, question, options: answerOptions }),
    status: () => request<IndexStatus>({ type: "status", id: ++nextId }),
    health: () => health,
    memory: () => request<NodeJS.MemoryUsage>({ type: "memory", id: ++nextId }),
    async close() {
      closing = true;
      const current = worker;
      if (!current) return;
      const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
      current.postMessage({ type: "close" } satisfies ToIndexWorker);
      const timer = setTimeout(() => void current.terminate(), 5000);
      // A worker blocked in a read of a hung mount may never exit, even terminated: stop waiting.
      const givenUp = new Promise<void>((resolve) => setTimeout(resolve, 8000).unref());
      await Promise.race([exited, givenUp]);
      clearTimeout(timer);
    },
  };
}
