import type { Logger } from "../logger.js";

/**
 * How long a Web API call keeps waiting out Slack's 429s before what it carries (a reply, a shared
 * answer) is dropped. Slack allows about one message a second per channel, so a busy desk on a
 * breaking story queues behind it for seconds, not minutes; a minute is past any burst yet well
 * inside the time an asker still wants the answer. On shutdown the shutdown deadline cuts it shorter.
 */
export const RATE_LIMIT_DEADLINE_MS = 60_000;

/** Slack's Retry-After is honoured up to this; a longer wait is cut to it (the answer is stale by then). */
export const MAX_RETRY_AFTER_SECONDS = 30;

export interface WebApiFetchOptions {
  logger: Logger;
  /** Give up once the next wait would end past this long after the first try, ms. Default RATE_LIMIT_DEADLINE_MS. */
  deadlineMs?: number;
  /** Longest single wait, seconds. Default MAX_RETRY_AFTER_SECONDS. */
  maxRetryAfterSeconds?: number;
  /** The client's timeout per request, ms (0: none): each new try gets its own. */
  attemptTimeoutMs?: number;
}

/**
 * fetch for the Web API client that waits out 429s itself, try after try, until the deadline. The
 * client on its own counts each 429 as one of its few retries (two 429s in a row dropped a reply) and
 * sleeps whatever Retry-After says with its whole request queue paused (600 s held 300 answers until
 * SIGTERM dropped them). Here only the rate-limited call waits, each wait is capped, and a 429 that
 * outlasts the deadline goes back to the client — started with `rejectRateLimitedCalls`, so it fails
 * at once — after a warning naming the method and channel whose message is dropped.
 */
export function webApiFetch(options: WebApiFetchOptions): typeof fetch {
  const deadlineMs = options.deadlineMs ?? RATE_LIMIT_DEADLINE_MS;
  const maxSeconds = options.maxRetryAfterSeconds ?? MAX_RETRY_AFTER_SECONDS;
  const timeoutMs = options.attemptTimeoutMs ?? 0;
  return async (input, init) => {
    const startedAt = Date.now();
    for (let tries = 1; ; tries++) {
      // The client's timeout signal started with the first try; later tries get their own.
      const signal = tries === 1 || timeoutMs <= 0 ? init?.signal : AbortSignal.timeout(timeoutMs);
      const response = await fetch(input, { ...init, signal });
      if (response.status !== 429) return response;
      const asked = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
      // No usable Retry-After: the client refuses it with its own error.
      if (!(asked >= 0)) return response;
      const waitMs = Math.min(asked, maxSeconds) * 1000;
      const call = describeCall(input, init);
      if (Date.now() + waitMs - startedAt > deadlineMs) {
        options.logger.warn(
          { ...call, tries, waitedMs: Date.now() - startedAt, retryAfter: asked },
          `Slack still rate-limits ${call.method} after ${Math.round((Date.now() - startedAt) / 1000)} s and ${tries} tries; this message is dropped`,
        );
        return response;
      }
      if (asked > maxSeconds) {
        options.logger.warn(
          { ...call, retryAfter: asked, cappedTo: maxSeconds },
          `Slack asked to wait ${asked} s (Retry-After); waiting ${maxSeconds} s at most before trying again`,
        );
      }
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
    }
  };
}

/** The Web API method and, for a message, its channel: what a log line about a dropped call names. */
function describeCall(input: Parameters<typeof fetch>[0], init: RequestInit | undefined) {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const method = url.slice(url.lastIndexOf("/") + 1).split("?")[0] ?? url;
  const channel = typeof init?.body === "string" ? new URLSearchParams(init.body).get("channel") : null;
  return channel ? { method, channel } : { method };
}
