import { runWorkerOnce } from "./run-worker.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import { isWarmResult, type WarmCacheData, type WarmResult } from "./worker-protocol.js";

export type { WarmResult } from "./worker-protocol.js";

export interface WarmRun {
  result: Promise<WarmResult>;
  /** Ends the worker (a reload past its deadline, shutdown); `result` then settles as not ok. */
  cancel(): void;
}

/**
 * Builds and caches the engine's index of a corpus folder in a worker thread, off the thread that
 * answers questions. Never rejects: a failure is reported, and the caller decides.
 */
export function startWarmIndexCache(corpusDir: string, cacheDir: string, logger?: RuntimeLogger): WarmRun {
  const data: WarmCacheData = { corpusDir, cacheDir };
  return runWorkerOnce("warm-cache-worker", data, { isResult: isWarmResult, logger });
}

/** `startWarmIndexCache` without a way to cancel. */
export function warmIndexCache(corpusDir: string, cacheDir: string): Promise<WarmResult> {
  return startWarmIndexCache(corpusDir, cacheDir).result;
}
