import { startRuntimeWorker } from "./start-worker.js";

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
  let cancel = () => {};
  const result = new Promise<StartupCheck>((resolve) => {
    let outcome: StartupCheck | undefined;
    let worker: ReturnType<typeof startRuntimeWorker>;
    try {
      worker = startRuntimeWorker("verify-startup-worker", options);
    } catch (error) {
      resolve({ ok: false, message: (error as Error).message });
      return;
    }
    worker.unref();
    cancel = () => {
      outcome ??= { ok: false, message: "cancelled" };
      void worker.terminate();
    };
    worker.on("message", (message: StartupCheck) => {
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
