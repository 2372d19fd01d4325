import type { CorpusIssue } from "./index-status.js";
import { runWorkerOnce } from "./run-worker.js";

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
  return runWorkerOnce<WarmResult>("warm-cache-worker", { corpusDir, cacheDir });
}

/** `startWarmIndexCache` without a way to cancel. */
export function warmIndexCache(corpusDir: string, cacheDir: string): Promise<WarmResult> {
  return startWarmIndexCache(corpusDir, cacheDir).result;
}
