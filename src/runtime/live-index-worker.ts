import { parentPort, workerData } from "node:worker_threads";
import { isErrorCode } from "../errors.js";
import { createLiveIndex } from "./live-index.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import {
  type FromIndexWorker,
  type IndexWorkerOptions,
  isToIndexWorker,
  type LogLevel,
  logUnexpectedMessage,
} from "./worker-protocol.js";

// Worker thread: owns the live index (loading, watching, reloads, start-up check) and answers questions
// for the thread that serves Slack, so an answer never holds up the acks of other requests there.
// The messages both ways are in worker-protocol.ts; remote-live-index.ts holds the other end.

const port = parentPort!;
const post = (message: FromIndexWorker) => port.postMessage(message);
const log =
  (level: LogLevel) =>
  (fields: Record<string, unknown>, message: string): void =>
    post({ type: "log", level, fields, message });
const logger: RuntimeLogger = { info: log("info"), warn: log("warn"), error: log("error") };

try {
  const live = await createLiveIndex({ ...(workerData as IndexWorkerOptions), logger });
  let health = JSON.stringify(live.health());
  post({ type: "ready", health: live.health(), startup: live.startup });
  // /healthz is answered on the main thread without a round trip: it gets the health as it changes.
  const healthTimer = setInterval(() => {
    const now = JSON.stringify(live.health());
    if (now !== health) {
      health = now;
      post({ type: "health", health: live.health() });
    }
  }, 250);
  healthTimer.unref();
  port.on("message", (message: unknown) => {
    if (!isToIndexWorker(message)) {
      logUnexpectedMessage(logger, "live-index-worker", message);
      return;
    }
    switch (message.type) {
      case "ask":
        // The engine catches its own failures and answers "not found" with a hint; this is a last resort.
        try {
          post({ type: "answer", id: message.id, answer: live.ask(message.question, message.options) });
        } catch (error) {
          post({
            type: "answer",
            id: message.id,
            error: error instanceof Error ? error.message : String(error),
          });
        }
        return;
      case "status":
        post({ type: "status", id: message.id, status: live.status() });
        return;
      case "memory":
        // After a full collection when the process allows one (--expose-gc), as the bench measures.
        (globalThis as { gc?: () => void }).gc?.();
        post({ type: "memory", id: message.id, memory: process.memoryUsage() });
        return;
      case "close":
        clearInterval(healthTimer);
        live.close();
        port.close();
    }
  });
} catch (error) {
  const { code } = error as { code?: unknown };
  post({
    type: "failed",
    code: isErrorCode(code) ? code : "index_failed",
    message: error instanceof Error ? error.message : String(error),
  });
}
