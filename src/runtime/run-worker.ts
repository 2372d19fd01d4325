import type { Worker } from "node:worker_threads";
import { type RuntimeLogger, silentLogger } from "./runtime-logger.js";
import { startRuntimeWorker } from "./start-worker.js";
import { logUnexpectedMessage } from "./worker-protocol.js";

/** A failure of a one-shot worker: it could not start, failed, was cancelled or exited without a word. */
export interface WorkerFailure {
  ok: false;
  message: string;
}

export interface WorkerRun<T> {
  /** The worker's first message, or a WorkerFailure. Never rejects. */
  result: Promise<T | WorkerFailure>;
  /** Ends the worker; `result` settles at once as cancelled. */
  cancel(): void;
}

export interface RunWorkerOptions<T> {
  /** The guard of the result's type (worker-protocol.ts); a message it rejects is logged and ignored. */
  isResult: (message: unknown) => message is T;
  /** False lets the process end without waiting for the worker. Default true. */
  keepAlive?: boolean;
  /** Where an unexpected message is reported. Default: silent. */
  logger?: RuntimeLogger;
}

/**
 * Runs `./{name}` of this folder in a worker thread for the one message it posts back (the background
 * cache build, the start-up check). A cancelled run settles at once: a worker stuck in a read of a hung
 * mount may never report its exit.
 */
export function runWorkerOnce<T>(
  name: string,
  workerData: unknown,
  options: RunWorkerOptions<T>,
): WorkerRun<T> {
  const { isResult, keepAlive = true, logger = silentLogger } = options;
  let cancel = () => {};
  const result = new Promise<T | WorkerFailure>((resolve) => {
    let outcome: T | WorkerFailure | undefined;
    let worker: Worker;
    try {
      worker = startRuntimeWorker(name, workerData);
    } catch (error) {
      resolve({ ok: false, message: (error as Error).message });
      return;
    }
    if (!keepAlive) worker.unref();
    cancel = () => {
      outcome = { ok: false, message: "cancelled" };
      void worker.terminate();
      resolve(outcome);
    };
    worker.on("message", (message: unknown) => {
      if (isResult(message)) outcome ??= message;
      else logUnexpectedMessage(logger, name, message);
    });
    worker.on("error", (error) => {
      outcome ??= { ok: false, message: error.message };
    });
    worker.on("exit", (code) =>
      resolve(outcome ?? { ok: false, message: `worker exited with code ${code}` }),
    );
  });
  return { result, cancel: () => cancel() };
}
