import type { AnswerOptions, ArchiveOverview, AsyncAskFn } from "../answer/index.js";
import { dayOfInstant, dayString } from "../corpus/index.js";
import { infoFlat, type Logger } from "../logger.js";
import type { AssistantThreadsStore, Store } from "../store/index.js";
import type { ChannelWorkflows } from "./channel-workflows.js";
import type { SourceLine } from "./home-view.js";
import type { InFlight } from "./in-flight.js";
import type { RequestClaims } from "./request-claims.js";
import type { ThreadReader } from "./thread-reader.js";

export type Surface =
  | "command"
  | "mention"
  | "dm"
  | "follow-up"
  | "assistant"
  | "home"
  | "share"
  | "more"
  | "feedback"
  | "shortcut"
  | "desk"
  | "timeline";

/** What every surface's `register(app, deps)` receives. No retrieval lives in the Slack layer. */
export interface SlackDeps {
  ask: AsyncAskFn;
  logger: Logger;
  /** The bot's own user id (from auth.test), to strip its mention and ignore its messages. */
  botUserId: string;
  /** The bot's id (from auth.test): messages carrying it are ours, and so is their thread metadata. */
  botId?: string;
  /** Reads a follow-up's thread back (one fail-fast Web API call); absent: follow-ups stand alone. */
  readThread?: ThreadReader;
  /** Whether this process answers a request key (first delivery across every process). */
  claims: RequestClaims;
  /** The shared store (settings, feedback, recent questions…); absent in tests that need none. */
  store?: Store;
  inFlight: InFlight;
  /** `/ask status` text, when the app has one to give. */
  status?: () => string | Promise<string>;
  /** Options for every ask (e.g. passages per answer). Default: the engine's. */
  answerOptions?: AnswerOptions;
  /** The clock, for requests that carry no time of their own. */
  now: () => Date;
  /** What the archive holds (the assistant view's greeting and prompts, the Home tab). Default none. */
  archive?: () => Promise<ArchiveOverview | undefined>;
  /** The polled sources' state, for the Home tab. Default none. */
  sources?: () => SourceLine[];
  /** The assistant view's threads: the channel each user views, whether a thread has its title. */
  assistantThreads?: AssistantThreadsStore;
  /** Channel settings, and who may change them. */
  workflows: ChannelWorkflows;
}

/** The largest instant a Date holds, ms from the epoch either way (ECMAScript's time range). */
const MAX_DATE_MS = 8.64e15;

/**
 * The day a Slack message was asked, from its own timestamp ("1718400000.000100", seconds since the
 * epoch), as "YYYY-MM-DD" (UTC); the clock's day when the timestamp cannot be read.
 */
export function askedOfTs(ts: string | undefined, now: () => Date): string {
  const seconds = ts === undefined ? Number.NaN : Number(ts);
  return seconds > 0 && seconds <= MAX_DATE_MS / 1000
    ? dayString(Math.floor(seconds / 86_400))
    : dayString(dayOfInstant(now()));
}

/**
 * The day of an instant given in milliseconds (a receiver's `receivedAt`), or the clock's day. By
 * arithmetic, not a Date's toISOString: every command is asked on a day (docs/performance.md).
 */
export function askedOfMs(ms: unknown, now: () => Date): string {
  return typeof ms === "number" && Math.abs(ms) <= MAX_DATE_MS
    ? dayString(Math.floor(ms / 86_400_000))
    : dayString(dayOfInstant(now()));
}

export interface HandledRequest {
  surface: Surface;
  startedAt: number;
  /** Slack's id for the request: event_id, trigger_id… */
  requestId?: string;
  passages?: number;
  found?: boolean;
  /** What happened besides answering: "usage", "status", "ignored"… */
  outcome?: string;
}

/** The one log line per handled request. */
export function logHandled(logger: Logger, request: HandledRequest): void {
  const { startedAt, ...rest } = request;
  // The latency is set on the rest object (made here), not spread into another with it: V8 clones an
  // object and adds a key it lacks on a slow path, and this runs on every request. Same keys, same order.
  const fields: Omit<HandledRequest, "startedAt"> & { latencyMs?: number } = rest;
  fields.latencyMs = Math.round(performance.now() - startedAt);
  infoFlat(logger, fields, "slack request handled");
}

/**
 * The bot's user id in the workspace a request came from: Bolt's `authorize` puts it in the context
 * (each workspace installed by OAuth has its own); the start-up identity otherwise.
 */
export function botUserOf(context: { botUserId?: string } | undefined, deps: SlackDeps): string {
  return context?.botUserId ?? deps.botUserId;
}

export const USER_ID = /^[UW][A-Z0-9]{2,}$/;
