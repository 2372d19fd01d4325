import type { PollLimits } from "./poll-limits.js";
import type { SourceStatus } from "./poller-types.js";
import type { SourceConfig } from "./sources-config.js";

// Every message between the answering thread and the poller's thread (poller-thread.ts ↔
// poller-worker.ts), with the guard the receiving side applies: a message failing it is ignored.

/** The poller thread's `workerData`: JSON-able settings only; the thread makes its own fetch and store. */
export interface PollerWorkerData {
  sources: readonly SourceConfig[];
  corpusDir: string;
  cacheDir: string;
  /** Set: articles, poll state and leases go to this database (the thread opens its own connections). */
  databaseUrl?: string;
  limits: PollLimits;
  /** The first polls wait this long (after the thread was restarted for being stuck), ms. */
  firstPollDelayMs: number;
}

export type PollerLogLevel = "info" | "warn" | "error";

/** To the poller thread: poll every source now ("done" answers), or stop ("stopped" answers). */
export type ToPollerWorker = { type: "pollAll"; id: number } | { type: "stop" };

/** From the poller thread: "ready" once, "tick" as a heartbeat, "status" when it changed, "log" lines. */
export type FromPollerWorker =
  | { type: "ready" }
  | { type: "tick"; sources?: SourceStatus[] }
  | { type: "log"; level: PollerLogLevel; fields: Record<string, unknown>; message: string }
  | { type: "done"; id: number }
  | { type: "stopped" };

const TYPES = new Set(["ready", "tick", "log", "done", "stopped"]);

export function isFromPollerWorker(value: unknown): value is FromPollerWorker {
  const message = value as { type?: unknown } | null;
  return typeof message === "object" && message !== null && TYPES.has(String(message.type));
}

export function isToPollerWorker(value: unknown): value is ToPollerWorker {
  const message = value as { type?: unknown; id?: unknown } | null;
  if (typeof message !== "object" || message === null) return false;
  return message.type === "stop" || (message.type === "pollAll" && typeof message.id === "number");
}
