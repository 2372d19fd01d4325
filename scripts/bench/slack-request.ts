import { createHmac } from "node:crypto";
import type { Request } from "autocannon";

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function signSlackRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlashCommandFields {
  text: string;
  responseUrl: string;
  /** Distinguishes requests (trigger ids are unique per invocation in Slack). */
  n: number;
}

/** A form-encoded `/ask` body with the fields Slack sends. */
export function slashCommandBody({ text, responseUrl, n }: SlashCommandFields): string {
  return new URLSearchParams({
    token: "bench-verification-token",
    team_id: "T0BENCH",
    team_domain: "newsdesk-bench",
    channel_id: "C0BENCH",
    channel_name: "newsdesk",
    user_id: "U0BENCH",
    user_name: "editor",
    command: "/ask",
    text,
    api_app_id: "A0BENCH",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${1000 + n}.bench.${n.toString(16)}`,
  }).toString();
}

/** Headers of a signed slash command, signed now. */
export function signedHeaders(signingSecret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signSlackRequest(signingSecret, timestamp, body),
  };
}

/**
 * Requests made by this process so far: trigger ids are numbered across every run (a warm-up and the
 * run after it included), so no request repeats an earlier one's id. A repeat is a redelivery to the
 * app: acknowledged empty and not answered, which would measure the de-duplication instead of answers.
 */
let sent = 0;

/**
 * An autocannon request that sends each time a freshly signed `/ask` of the next question (its own
 * trigger id, so every one costs the app a claim), as every HTTP bench fires them.
 */
export function signedAskRequest(
  questions: readonly string[],
  responseUrl: string,
  signingSecret: string,
): Request {
  return {
    method: "POST",
    setupRequest: (req) => {
      sent += 1;
      const n = sent;
      const body = slashCommandBody({ text: questions[n % questions.length]!, responseUrl, n });
      return {
        ...req,
        method: "POST",
        path: "/slack/events",
        body,
        headers: signedHeaders(signingSecret, body),
      };
    },
  };
}
