import type { SourceStatus } from "./poller-types.js";
import type { SourceConfig } from "./sources-config.js";

/** A source's status before its first poll: waiting, nothing attempted, nothing failed. */
export const waitingStatus = (source: SourceConfig): SourceStatus => ({
  name: source.name,
  kind: source.kind,
  url: source.url,
  intervalMs: source.intervalMs,
  state: "waiting",
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastErrorAt: null,
  failures: 0,
  nextPollAt: null,
  lastRun: null,
  lastItemError: null,
  lastHalt: null,
});
