import { createHash } from "node:crypto";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import { createRecentKeys, type RecentKeys } from "./recent-keys.js";

/**
 * How long a request key stays claimed: Slack retries an event immediately, after 1 minute and after
 * 5 minutes (the last about 6 minutes after the first), and a signed request may be replayed for 5
 * minutes after its timestamp, so a key can come back up to ~11 minutes after it was first seen; 15
 * leaves room for clocks and queues. Bounded by time, not count (issue 24, item 14).
 */
export const CLAIM_WINDOW_MS = 15 * 60_000;
/**
 * Keys this process remembers on its own (its fallback when the store is down). At the bench's
 * ~1,000 requests per second a 15-minute window could hold more; the oldest are forgotten first and the
 * store, when up, still answers for them.
 */
export const MEMORY_MAX_KEYS = 500_000;
/** Keys longer than this (Slack's are ~40 characters) are stored as their hash. */
export const MAX_KEY_CHARS = 120;

/** "Is this the first delivery of this request, across every process?" */
export interface RequestClaims {
  /** True when this process answers `key`; false for a repeat seen here or claimed by another process. */
  claim(key: string): Promise<boolean>;
  /** Claims decided by this process's memory alone because the store was unreachable. */
  readonly fallbacks: number;
}

export interface RequestClaimsOptions {
  store?: Store;
  logger: Logger;
  /** The clock, ms. Default Date.now. */
  now?: () => number;
  windowMs?: number;
}

/** A key short enough to store whatever a request carried. */
export function boundedKey(key: string): string {
  return key.length <= MAX_KEY_CHARS ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

/**
 * Claims in two steps: this process's memory first (a repeat it saw itself costs no round trip), then
 * the store's one-statement claim, which decides between processes. When the store cannot be reached
 * the memory alone decides: a repeat that went to another process may then be answered twice, which
 * beats not answering; the store's health says so and the log has one line per outage.
 */
export function createRequestClaims(options: RequestClaimsOptions): RequestClaims {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? CLAIM_WINDOW_MS;
  const memory: RecentKeys = createRecentKeys({ max: MEMORY_MAX_KEYS, ttlMs: windowMs, now });
  const state = { fallbacks: 0 };
  const store = options.store;
  return {
    async claim(key) {
      const bounded = boundedKey(key);
      if (!memory.firstTime(bounded)) return false;
      if (!store) return true;
      try {
        return await store.seen.claim(bounded, now(), windowMs);
      } catch (error) {
        state.fallbacks += 1;
        // The store logs the outage once per change of reachability; an unexpected error is logged here.
        if ((error as Error).name !== "StoreUnavailable") {
          options.logger.warn(
            { err: error, code: "store_unreachable" },
            "A request key could not be claimed in the store; answering it from this process's memory.",
          );
        }
        return true;
      }
    },
    get fallbacks() {
      return state.fallbacks;
    },
  };
}
