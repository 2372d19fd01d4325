import { webApi } from "@slack/bolt";
import type { ThreadContext } from "../answer/index.js";
import type { Logger } from "../logger.js";
import { type RepliedMessage, type SelfIds, threadContextOf, UNREAD } from "./thread-metadata.js";

/** A thread longer than this is not read back: its first page would miss the latest answers. */
export const MAX_THREAD_MESSAGES = 200;
/** Reading a thread gives up after this, ms: the follow-up is then answered on its own. */
export const THREAD_READ_TIMEOUT_MS = 3_000;
/** Clients kept, one per bot token (a workspace each once installs have their own tokens). */
const MAX_CLIENTS = 100;

export interface ThreadToRead {
  token: string | undefined;
  channel: string;
  threadTs: string;
  /** The follow-up's own ts: only messages before it are read. */
  beforeTs: string | undefined;
  self: SelfIds & { botUserId: string };
}

/** Reads a follow-up's conversation with one Web API call; never throws. */
export type ThreadReader = (thread: ThreadToRead) => Promise<ThreadContext>;

export interface ThreadReaderOptions {
  slackApiUrl: string;
  logger: Logger;
  timeoutMs?: number;
  maxMessages?: number;
}

/**
 * One `conversations.replies` call that fails fast. Its client is not the one that posts: that one
 * waits out 429s for up to a minute (web-api-fetch.ts) so replies are not dropped, while a thread that
 * cannot be read at once is simply not read — no retries, 429s rejected, a short timeout — and the
 * follow-up is answered on its own with a sentence saying so.
 */
export function createThreadReader(options: ThreadReaderOptions): ThreadReader {
  const clients = new Map<string, webApi.WebClient>();
  const cap = options.maxMessages ?? MAX_THREAD_MESSAGES;
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
      client = new webApi.WebClient(token, {
        slackApiUrl: options.slackApiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.timeoutMs ?? THREAD_READ_TIMEOUT_MS,
        logLevel: webApi.LogLevel.ERROR,
      });
      clients.set(token, client);
    }
    return client;
  };
  return async (thread) => {
    if (!thread.token) return { unread: UNREAD.failed };
    try {
      const result = await clientFor(thread.token).conversations.replies({
        channel: thread.channel,
        ts: thread.threadTs,
        limit: cap,
        include_all_metadata: true,
      });
      if (result.has_more) {
        options.logger.info(
          { code: "thread_unreadable", channel: thread.channel, reason: "too_long" },
          "A follow-up's thread is too long to read back; answering it on its own.",
        );
        return { unread: UNREAD.tooLong(cap) };
      }
      const messages = (result.messages ?? []) as RepliedMessage[];
      return threadContextOf(messages, thread.self, thread.beforeTs, thread.channel);
    } catch (error) {
      const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
      const rateLimited = e.code === webApi.ErrorCode.RateLimitedError;
      options.logger.warn(
        {
          code: "thread_unreadable",
          channel: thread.channel,
          slackError: e.data?.error,
          statusCode: e.statusCode,
          reason: rateLimited ? "rate_limited" : (e.code ?? "error"),
        },
        "A follow-up's thread could not be read; answering it on its own.",
      );
      return { unread: rateLimited ? UNREAD.rateLimited : UNREAD.failed };
    }
  };
}
