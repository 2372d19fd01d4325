import { parentPort, workerData } from "node:worker_threads";
import { isErrorCode } from "../errors.js";
import { createLiveIndex } from "./live-index.js";
import type { LiveIndex } from "./live-index-types.js";
import { createOutbox } from "./outbox.js";
import type { RuntimeLogger } from "./runtime-logger.js";
import {
  type FromIndexWorker,
  type IndexWorkerOptions,
  type IndexWorkerReply,
  type IndexWorkerRequest,
  isToIndexWorker,
  type LogLevel,
  logUnexpectedMessage,
} from "./worker-protocol.js";

// Worker thread: owns the live index (loading, watching, reloads, start-up check) and answers questions
// for the thread that serves Slack, so an answer never holds up the acks of other requests there.
// The messages both ways are in worker-protocol.ts; remote-live-index.ts holds the other end.

const port = parentPort!;
const post = (message: FromIndexWorker) => port.postMessage(message);
// Replies answered in one turn go back as one message (outbox.ts), and at once after REPLY_WAIT_MS of
// answering: slow answers (an archive's) are not held back for the rest of their batch.
const REPLY_WAIT_MS = 2;
const replies = createOutbox<IndexWorkerReply>(post, { maxWaitMs: REPLY_WAIT_MS });
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
      case "batch":
        for (const request of message.messages) replies.send(reply(live, request));
        return;
      case "ask":
      case "status":
      case "memory":
        replies.send(reply(live, message));
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

/** The reply to one request. */
function reply(live: LiveIndex, request: IndexWorkerRequest): IndexWorkerReply {
  switch (request.type) {
    case "ask":
      // The engine catches its own failures and answers "not found" with a hint; this is a last resort.
      try {
        return { type: "answer", id: request.id, answer: live.ask(request.question, request.options) };
      } catch (error) {
        return {
          type: "answer",
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    case "status":
      return { type: "status", id: request.id, status: live.status() };
    case "memory":
      // After a full collection when the process allows one (--expose-gc), as the bench measures.
      (globalThis as { gc?: () => void }).gc?.();
      return { type: "memory", id: request.id, memory: process.memoryUsage() };
  }
}
