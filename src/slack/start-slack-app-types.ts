import type { webApi } from "@slack/bolt";
import type { AnswerOptions, ArchiveOverview, AsyncAskFn } from "../answer/index.js";
import type { SlackConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/index.js";
import type { SourceLine } from "./home-view.js";

/** What startSlackApp takes and returns, apart from its code so that each mode's file can name them. */
export interface StartSlackAppOptions {
  config: Readonly<SlackConfig>;
  ask: AsyncAskFn;
  logger: Logger;
  /** Text for `/ask status`. Default: none (`/ask status` is then asked as a question). */
  status?: () => string | Promise<string>;
  /** Options for every ask. Default: the engine's. */
  answerOptions?: AnswerOptions;
  /** HTTP mode: extra fields for GET /healthz (e.g. the index's health). Default none. */
  health?: () => Record<string, unknown>;
  /** HTTP mode: port to listen on, overriding config.port (tests pass 0). */
  port?: number;
  /** HTTP mode: address to bind. Default: all interfaces. */
  host?: string;
  /** Merged over the Web API client options below (tests shorten retries). */
  webClientOptions?: webApi.WebClientOptions;
  /** HTTP mode: timeouts of the server (tests shorten them). Default: http-server.ts's. */
  httpLimits?: { headersTimeoutMs?: number; requestTimeoutMs?: number; maxUnverifiedBytes?: number };
  /** stop() waits this long for answers in flight before cutting connections, ms. Default 10 000. */
  shutdownTimeoutMs?: number;
  /** The clock: a slash command is asked on the day it arrives (events carry their own time). */
  now?: () => Date;
  /**
   * The store, initialised and started by the caller (main.ts), which also stops it. Request keys are
   * claimed there, so a redelivery is answered once across restarts and replicas. Default: this
   * process's memory only.
   */
  store?: Store;
  /** What the archive holds (assistant greeting and prompts, App Home). Default none. */
  archive?: () => Promise<ArchiveOverview | undefined>;
  /** The polled sources' state, for the App Home. Default none. */
  sources?: () => SourceLine[];
  /** How long a rate-limited Web API call waits out 429s before it is dropped, ms. Default RATE_LIMIT_DEADLINE_MS. */
  rateLimitDeadlineMs?: number;
}

export interface SlackAppHandle {
  mode: "http" | "socket";
  botUserId: string;
  /** HTTP mode: the port actually bound; null in Socket Mode. */
  port: number | null;
  /** Resolves when no handler is running. */
  idle(): Promise<void>;
  /** Answers being worked on now. */
  inFlight(): number;
  /** Stops taking requests, lets answers in flight finish (up to shutdownTimeoutMs), then closes. */
  stop(): Promise<void>;
}
