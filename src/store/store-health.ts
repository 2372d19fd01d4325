import type { SqlDb } from "./sql-db.js";
import type { StoreEngine, StoreHealth } from "./types.js";

/**
 * Whether the store can be reached, as the operations find it. While it cannot, operations fail at once
 * (`StoreUnavailable`) instead of each waiting for a connection attempt, and a ping every
 * `STORE_PING_INTERVAL_MS` finds when it is back; so an outage costs a request nothing and recovery
 * needs no restart.
 */
export const STORE_PING_INTERVAL_MS = 1_000;

export class StoreUnavailable extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`The store is unreachable (${reason}).`, options);
    this.name = "StoreUnavailable";
  }
}

export interface StoreHealthTracker {
  /** Runs one operation: fails at once while the store is down, marks it down on an outage error. */
  guard<T>(operation: () => Promise<T>): Promise<T>;
  /** Tries the store once (the background ping); true when it answered. */
  ping(): Promise<boolean>;
  health(): StoreHealth;
  /** Called once per change of reachability, for the log. */
  onChange?: (health: StoreHealth) => void;
}

function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === "string" && e.message ? e.message : String(error);
  return typeof e?.code === "string" ? `${e.code}: ${message}` : message;
}

export function createStoreHealthTracker(
  db: SqlDb,
  engine: StoreEngine,
  now: () => number,
  onChange: (health: StoreHealth) => void,
): StoreHealthTracker {
  const state: StoreHealth = { engine, reachable: true, reachedOnce: false, lastOkAt: null, failures: 0 };
  const ok = () => {
    const changed = !state.reachable;
    state.reachable = true;
    state.reachedOnce = true;
    state.lastOkAt = now();
    delete state.lastError;
    if (changed) onChange({ ...state });
  };
  const failed = (error: unknown) => {
    const changed = state.reachable;
    state.reachable = false;
    state.failures += 1;
    state.lastError = reasonOf(error);
    if (changed) onChange({ ...state });
  };
  return {
    async guard(operation) {
      if (!state.reachable) throw new StoreUnavailable(state.lastError ?? "down");
      try {
        const result = await operation();
        ok();
        return result;
      } catch (error) {
        if (!db.isOutage(error)) throw error;
        failed(error);
        throw new StoreUnavailable(reasonOf(error), { cause: error });
      }
    },
    async ping() {
      try {
        await db.all("SELECT 1 AS one");
        ok();
        return true;
      } catch (error) {
        failed(error);
        return false;
      }
    },
    health: () => ({ ...state }),
  };
}
