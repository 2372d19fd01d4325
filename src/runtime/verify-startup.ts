import { runWorkerOnce } from "./run-worker.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import { isStartupCheck, type StartupCheck, type VerifyStartupData } from "./worker-protocol.js";

export type { StartupCheck } from "./worker-protocol.js";

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
export function verifyStartupSnapshot(data: VerifyStartupData, logger?: RuntimeLogger): StartupVerification {
  return runWorkerOnce("verify-startup-worker", data, { isResult: isStartupCheck, keepAlive: false, logger });
}
