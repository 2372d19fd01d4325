import { runWorkerOnce } from "./run-worker.js";

/** What the background check found. */
export type StartupCheck =
  | { ok: true; match: true }
  | { ok: true; match: false; reason: string }
  | { ok: false; message: string };

export interface StartupVerification {
  result: Promise<StartupCheck>;
  /** Stops the check (shutdown); `result` then settles as not ok. */
  cancel(): void;
}

/**
 * Verifies a snapshot-served index against the corpus folder in a worker thread: a full read, the
 * validation and the content hash, off the thread that answers. The worker does not keep the process
 * alive (a piped shell session may end before it does).
 */
export function verifyStartupSnapshot(options: {
  corpusDir: string;
  cacheDir: string;
  statKey: string;
  servedKey: string;
}): StartupVerification {
  return runWorkerOnce<StartupCheck>("verify-startup-worker", options, false);
}
