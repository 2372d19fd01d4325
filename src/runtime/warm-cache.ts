import type { Worker } from "node:worker_threads";
import { startRuntimeWorker } from "./start-worker.js";

/** What the worker reports: the cache was written (or already there), or why not. */
export type WarmResult = { ok: true; source: "cache" | "built" } | { ok: false; message: string };

/**
 * Builds and caches the engine's index of a corpus folder in a worker thread, off the thread that
 * answers questions. Never rejects: a failure is reported, and the caller's own load decides.
 */
export function warmIndexCache(corpusDir: string, cacheDir: string): Promise<WarmResult> {
  return new Promise((resolve) => {
    let result: WarmResult | undefined;
    let worker: Worker;
    try {
      worker = startRuntimeWorker("warm-cache-worker", { corpusDir, cacheDir });
    } catch (error) {
      resolve({ ok: false, message: (error as Error).message });
      return;
    }
    worker.on("message", (message: WarmResult) => {
      result = message;
    });
    worker.on("error", (error) => {
      result ??= { ok: false, message: error.message };
    });
    worker.on("exit", (code) => resolve(result ?? { ok: false, message: `worker exited with code ${code}` }));
  });
}
