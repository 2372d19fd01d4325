import type { Worker } from "node:worker_threads";
import { startWorkerThread } from "../worker-thread.js";

/** Starts `./{name}.js` (or `.ts` under vitest and tsx) of this folder in a worker thread. */
export function startRuntimeWorker(name: string, workerData: unknown): Worker {
  return startWorkerThread(import.meta.url, name, workerData);
}
