import type { Logger } from "../logger.js";

/** Options of `createRateLimitedLog`. */
export interface RateLimitedLogOptions {
  /** Lines written per window; the rest are counted. Default 20. */
  perWindow?: number;
  /** Window length, ms. Default 10 000. */
  windowMs?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
}

export type WarnFn = (fields: Record<string, unknown>, message: string) => void;

/**
 * Warnings about requests strangers can send at will (rejected signatures, bodies, shed load): at most
 * `perWindow` lines per window, then one line saying how many were left out. A flood of unsigned
 * posts then costs a few lines a window instead of filling the disk (docs/performance.md).
 */
export function createRateLimitedLog(logger: Logger, options: RateLimitedLogOptions = {}): WarnFn {
  const perWindow = options.perWindow ?? 20;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let suppressed = 0;
  let flush: NodeJS.Timeout | undefined;
  const report = () => {
    clearTimeout(flush);
    flush = undefined;
    if (suppressed === 0) return;
    logger.warn(
      { suppressed, windowMs },
      `${suppressed} more rejected or shed requests were not logged in the last ${Math.round(windowMs / 1000)} s`,
    );
    suppressed = 0;
  };
  return (fields, message) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      report();
      windowStart = t;
      written = 0;
    }
    if (written < perWindow) {
      written++;
      logger.warn(fields, message);
      return;
    }
    suppressed++;
    // The count is told even when the flood stops (no later line would tell it).
    if (!flush && options.now === undefined) {
      flush = setTimeout(report, Math.max(0, windowStart + windowMs - t));
      flush.unref();
    }
  };
}
