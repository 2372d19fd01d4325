import type { Worker } from "node:worker_threads";
import type { CorpusIssue } from "./index-status.js";
import { startRuntimeWorker } from "./start-worker.js";

/**
 * What the worker reports: the cache was written (or already there) — or, when the disk refused it,
 * the serialised index itself (`index`, moved, not copied) — or why not: the corpus's own problems
 * (`issues`), or another failure (`message`).
 */
export type WarmResult =
  | { ok: true; source: "cache" | "built"; index?: Uint8Array }
  | { ok: false; message: string; issues?: CorpusIssue[] };

export interface WarmRun {
  result: Promise<WarmResult>;
  /** Ends the worker (a reload past its deadline, shutdown); `result` then settles as not ok. */
  cancel(): void;
}

/**
 * Builds and caches the engine's index of a corpus folder in a worker thread, off the thread that
 * answers questions. Never rejects: a failure is reported, and the caller decides.
 */
export function startWarmIndexCache(corpusDir: string, cacheDir: string): WarmRun {
  let cancel = () => {};
  const result = new Promise<WarmResult>((resolve) => {
    let outcome: WarmResult | undefined;
    let worker: Worker;
    try {
      worker = startRuntimeWorker("warm-cache-worker", { corpusDir, cacheDir });
    } catch (error) {
      resolve({ ok: false, message: (error as Error).message });
      return;
    }
    cancel = () => {
      outcome = { ok: false, message: "cancelled" };
      void worker.terminate();
      // A worker stuck in a read of a hung mount may never report its exit: do not wait for it.
      resolve(outcome);
    };
    worker.on("message", (message: WarmResult) => {
      outcome ??= message;
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

/** `startWarmIndexCache` without a way to cancel. */
export function warmIndexCache(corpusDir: string, cacheDir: string): Promise<WarmResult> {
  return startWarmIndexCache(corpusDir, cacheDir).result;
}
