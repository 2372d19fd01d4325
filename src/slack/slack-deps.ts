import type { AnswerOptions, AsyncAskFn } from "../answer/types.js";
import { infoFlat, type Logger } from "../logger.js";
import type { InFlight } from "./in-flight.js";
import type { RecentKeys } from "./recent-keys.js";

export type Surface = "command" | "mention" | "dm" | "share" | "more" | "feedback";

/** What every surface's `register(app, deps)` receives. No retrieval lives in the Slack layer. */
export interface SlackDeps {
  ask: AsyncAskFn;
  logger: Logger;
  /** The bot's own user id (from auth.test), to strip its mention and ignore its messages. */
  botUserId: string;
  recent: RecentKeys;
  inFlight: InFlight;
  /** `/ask status` text, when the app has one to give. */
  status?: () => string | Promise<string>;
  /** Options for every ask (e.g. passages per answer). Default: the engine's. */
  answerOptions?: AnswerOptions;
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

/** Removes mentions of the bot itself (`<@UBOT>` or `<@UBOT|name>`) from message text. */
export function stripBotMention(text: string, botUserId: string): string {
  const id = botUserId.replace(/[^A-Za-z0-9]/g, "");
  return id ? text.replace(new RegExp(`<@${id}(\\|[^>]*)?>`, "g"), " ").trim() : text.trim();
}

export const USER_ID = /^[UW][A-Z0-9]{2,}$/;
