import type { Answer, AnswerOptions } from "../answer/index.js";
import { type ErrorCode, isErrorCode } from "../errors.js";
import type { CorpusIssue, IndexHealth, IndexStatus } from "./index-status.js";
import type { LiveIndex, LiveIndexOptions } from "./live-index-types.js";
import type { RuntimeLogger } from "./runtime-logger.js";

// Every message between this thread and the runtime's worker threads, both directions, with the guards
// each side applies on receipt. A structured clone carries no types: a message that fails its guard is
// logged (code worker_message_unexpected) and ignored, never half-handled.

// ── The live index worker (live-index-worker.ts ↔ remote-live-index.ts) ────────────────────────────

/** The live index worker's `workerData`. */
export type IndexWorkerOptions = Pick<
  LiveIndexOptions,
  "corpusDir" | "cacheDir" | "watch" | "debounceMs" | "recheckMs" | "pollMs" | "reloadTimeoutMs"
>;

/** A request to the live index worker: "ask" → "answer", "status" → "status", "memory" → "memory". */
export type IndexWorkerRequest =
  | { type: "ask"; id: number; question: string; options?: AnswerOptions }
  | { type: "status"; id: number }
  | { type: "memory"; id: number };

/** To the live index worker: a request, several sent together ("batch", see outbox.ts), or "close". */
export type ToIndexWorker =
  | IndexWorkerRequest
  | { type: "batch"; messages: IndexWorkerRequest[] }
  | { type: "close" };

export type LogLevel = "info" | "warn" | "error";

/** The live index worker's reply to one request, by the request's `id`. */
export type IndexWorkerReply =
  | { type: "answer"; id: number; answer: Answer }
  | { type: "answer"; id: number; error: string }
  | { type: "status"; id: number; status: IndexStatus }
  | { type: "memory"; id: number; memory: NodeJS.MemoryUsage };

/**
 * From the live index worker: "ready" or "failed" once (the first load), then "health" whenever it
 * changes, "log" lines for the parent's logger, and one reply per request — alone, or several sent
 * together ("batch").
 */
export type FromIndexWorker =
  | { type: "ready"; health: IndexHealth; startup: LiveIndex["startup"] }
  | { type: "failed"; code: ErrorCode; message: string }
  | { type: "health"; health: IndexHealth }
  | { type: "log"; level: LogLevel; fields: Record<string, unknown>; message: string }
  | IndexWorkerReply
  | { type: "batch"; messages: IndexWorkerReply[] };

// ── One-shot workers (run-worker.ts): each posts one result ────────────────────────────────────────

/** The cache warm-up worker's `workerData`. */
export interface WarmCacheData {
  corpusDir: string;
  cacheDir: string;
}

/**
 * What the warm-up worker reports: the cache was written (or already there) — or, when the disk
 * refused it, the serialised index itself (`index`, moved, not copied) — or why not: the corpus's own
 * problems (`issues`), or another failure (`message`).
 */
export type WarmResult =
  | {
      ok: true;
      source: "cache" | "built";
      index?: Uint8Array;
      /**
       * The start-up snapshot the worker wrote of the articles it indexed: the reload serves those, not
       * a second read of a folder that may have changed since (which used to discard the reload).
       */
      snapshotKey?: string;
      /** The folder changed while the worker read it: another reload picks that up after the swap. */
      changed?: boolean;
      /** Files the loader set aside (not indexed), each with its error. */
      setAside?: CorpusIssue[];
    }
  | { ok: false; message: string; issues?: CorpusIssue[] };

/** The start-up check worker's `workerData`. */
export interface VerifyStartupData {
  corpusDir: string;
  cacheDir: string;
  statKey: string;
  servedKey: string;
}

/** What the start-up check found. */
export type StartupCheck =
  | { ok: true; match: true; setAside?: CorpusIssue[] }
  | { ok: true; match: false; reason: string }
  | { ok: false; message: string };

// ── Guards ─────────────────────────────────────────────────────────────────────────────────────────

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is number => Number.isSafeInteger(value);
const isString = (value: unknown): value is string => typeof value === "string";
const optional = (value: unknown, guard: (value: unknown) => boolean) => value === undefined || guard(value);
const LOG_LEVELS: ReadonlySet<unknown> = new Set<LogLevel>(["info", "warn", "error"]);
const STARTUP_SOURCES: ReadonlySet<unknown> = new Set<LiveIndex["startup"]["source"]>([
  "snapshot",
  "cache",
  "built",
  "custom",
]);

// Records produced by this project's own code on the other side are checked by the fields the
// receiver reads, not field by field: the guard is against a foreign or mangled message, not a
// second schema of the answer model.
const isAnswer = (value: unknown) =>
  isRecord(value) && typeof value.found === "boolean" && Array.isArray(value.passages);
const isHealth = (value: unknown) =>
  isRecord(value) && typeof value.ok === "boolean" && isString(value.state) && Array.isArray(value.errors);
const isStatus = (value: unknown) =>
  isRecord(value) && typeof value.articles === "number" && Array.isArray(value.errors);
const isMemory = (value: unknown) => isRecord(value) && typeof value.rss === "number";
const isStartup = (value: unknown) => isRecord(value) && STARTUP_SOURCES.has(value.source);
const isIssue = (value: unknown) =>
  isRecord(value) && isErrorCode(value.code) && isString(value.file) && isString(value.message);
const isIssueList = (value: unknown) => Array.isArray(value) && value.every(isIssue);

/** Whether a message received by the live index worker is one the parent sends. */
export function isToIndexWorker(message: unknown): message is ToIndexWorker {
  if (!isRecord(message)) return false;
  if (message.type === "close") return true;
  if (message.type === "batch") return isBatchOf(message.messages, isIndexWorkerRequest);
  return isIndexWorkerRequest(message);
}

function isIndexWorkerRequest(message: unknown): message is IndexWorkerRequest {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case "ask":
      return isId(message.id) && isString(message.question) && optional(message.options, isRecord);
    case "status":
    case "memory":
      return isId(message.id);
    default:
      return false;
  }
}

/** A non-empty array of messages each passing `guard`. */
function isBatchOf<T>(messages: unknown, guard: (message: unknown) => message is T): messages is T[] {
  return Array.isArray(messages) && messages.length > 0 && messages.every((m) => guard(m));
}

/** Whether a message received from the live index worker is one it sends. */
export function isFromIndexWorker(message: unknown): message is FromIndexWorker {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case "batch":
      return isBatchOf(message.messages, isIndexWorkerReply);
    case "ready":
      return isHealth(message.health) && isStartup(message.startup);
    case "failed":
      return isErrorCode(message.code) && isString(message.message);
    case "health":
      return isHealth(message.health);
    case "log":
      return LOG_LEVELS.has(message.level) && isRecord(message.fields) && isString(message.message);
    default:
      return isIndexWorkerReply(message);
  }
}

function isIndexWorkerReply(message: unknown): message is IndexWorkerReply {
  if (!isRecord(message)) return false;
  switch (message.type) {
    case "answer":
      return (
        isId(message.id) &&
        (message.error === undefined
          ? isAnswer(message.answer)
          : isString(message.error) && !("answer" in message))
      );
    case "status":
      return isId(message.id) && isStatus(message.status);
    case "memory":
      return isId(message.id) && isMemory(message.memory);
    default:
      return false;
  }
}

/** Whether a message received from the cache warm-up worker is its result. */
export function isWarmResult(message: unknown): message is WarmResult {
  if (!isRecord(message)) return false;
  if (message.ok === true) {
    return (
      (message.source === "cache" || message.source === "built") &&
      optional(message.index, (index) => index instanceof Uint8Array) &&
      optional(message.snapshotKey, isString) &&
      optional(message.changed, (changed) => typeof changed === "boolean") &&
      optional(message.setAside, isIssueList)
    );
  }
  return message.ok === false && isString(message.message) && optional(message.issues, isIssueList);
}

/** Whether a message received from the start-up check worker is its result. */
export function isStartupCheck(message: unknown): message is StartupCheck {
  if (!isRecord(message)) return false;
  if (message.ok === true) {
    return (
      (message.match === true && optional(message.setAside, isIssueList)) ||
      (message.match === false && isString(message.reason))
    );
  }
  return message.ok === false && isString(message.message);
}

/**
 * Logs a message that failed its guard, naming the worker and what the message looked like (its
 * `type`, or its kind) but not its content, which may quote article text.
 */
export function logUnexpectedMessage(logger: RuntimeLogger, worker: string, message: unknown): void {
  const type = isRecord(message) ? message.type : undefined;
  const received = isString(type) ? `type ${JSON.stringify(type.slice(0, 40))}` : describeKind(message);
  logger.warn(
    { code: "worker_message_unexpected" satisfies ErrorCode, worker, received },
    `Ignored a message outside the worker protocol (${worker}: ${received}).`,
  );
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return isRecord(value) ? "an object without a type" : typeof value;
}
