/**
 * Requests exactly as Slack sends them: signed with v0=HMAC-SHA256(secret, `v0:${ts}:${rawBody}`)
 * in x-slack-signature, with x-slack-request-timestamp; commands form-encoded, events as JSON,
 * interactivity as a form with one `payload` field.
 */
import { createHmac, randomUUID } from "node:crypto";
import { STAND_IN_BOT_USER_ID, STAND_IN_TEAM_ID } from "./slack-stand-in.js";

export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, rawBody),
  };
}

export interface SentRequest {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON, else null. */
  json: Record<string, unknown> | null;
}

export interface SendOptions {
  /** Seconds since the epoch to sign with. Default now. */
  timestamp?: number;
  /** Replace the computed signature (forgeries). */
  signature?: string;
  /** Extra headers (X-Slack-Retry-Num…). */
  headers?: Record<string, string>;
}

export interface SlackSender {
  raw(rawBody: string, contentType: string, options?: SendOptions): Promise<SentRequest>;
  command(fields: Record<string, string>, options?: SendOptions): Promise<SentRequest>;
  event(body: Record<string, unknown>, options?: SendOptions): Promise<SentRequest>;
  action(payload: Record<string, unknown>, options?: SendOptions): Promise<SentRequest>;
}

/** Sends signed requests to `url` (the app's /slack/events). */
export function createSlackSender(url: string, signingSecret: string): SlackSender {
  const raw = async (rawBody: string, contentType: string, options: SendOptions = {}) => {
    const headers = signedHeaders(signingSecret, rawBody, contentType, options.timestamp);
    if (options.signature) headers["x-slack-signature"] = options.signature;
    const response = await fetch(url, {
      method: "POST",
      body: rawBody,
      headers: { ...headers, ...options.headers },
    });
    const text = await response.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  };
  return {
    raw,
    command: (fields, options) =>
      raw(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", options),
    event: (body, options) => raw(JSON.stringify(body), "application/json", options),
    action: (payload, options) =>
      raw(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
        options,
      ),
  };
}

/** A slash command's form fields. */
export function commandFields(text: string, responseUrl: string, overrides: Record<string, string> = {}) {
  return {
    token: "legacy-verification-token",
    team_id: STAND_IN_TEAM_ID,
    team_domain: "newsroom",
    channel_id: "C0NEWS",
    channel_name: "news",
    user_id: "U0REPORTER",
    user_name: "reporter",
    command: "/ask",
    text,
    api_app_id: "A0NEWSDESK",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `trigger-${randomUUID()}`,
    ...overrides,
  };
}

/** An Events API callback around `event`. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`) {
  return {
    token: "legacy-verification-token",
    team_id: STAND_IN_TEAM_ID,
    api_app_id: "A0NEWSDESK",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: STAND_IN_TEAM_ID, user_id: STAND_IN_BOT_USER_ID, is_bot: true }],
  };
}

/**
 * An app_mention of the bot: `<@bot> ${question}` from U0REPORTER in C0NEWS with a fresh ts;
 * `fields` (channel, user, ts, thread_ts…) replace or add to those.
 */
export function mentionEvent(question: string, fields: Record<string, unknown> = {}) {
  const { ts = nextTs(), ...rest } = fields;
  return eventCallback({
    type: "app_mention",
    channel: "C0NEWS",
    user: "U0REPORTER",
    text: `<@${STAND_IN_BOT_USER_ID}> ${question}`,
    ts,
    ...rest,
  });
}

/** A direct message to the bot from U0REPORTER in D0DM with a fresh ts; `fields` as for `mentionEvent`. */
export function dmEvent(text: string, fields: Record<string, unknown> = {}) {
  const { ts = nextTs(), ...rest } = fields;
  return eventCallback({
    type: "message",
    channel_type: "im",
    channel: "D0DM",
    user: "U0REPORTER",
    text,
    ts,
    ...rest,
  });
}

let tsSeq = 0;
/** A unique message ts. */
export function nextTs(): string {
  tsSeq += 1;
  return `1710000000.${String(tsSeq).padStart(6, "0")}`;
}

/** A block_actions payload for a click on a button of `message`. */
export function buttonClick(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  channel?: string;
  isEphemeral?: boolean;
  messageTs?: string;
  threadTs?: string;
  user?: string;
}) {
  const channel = options.channel ?? "C0NEWS";
  const messageTs = options.messageTs ?? nextTs();
  return {
    type: "block_actions",
    user: { id: options.user ?? "U0REPORTER", username: "reporter", team_id: STAND_IN_TEAM_ID },
    api_app_id: "A0NEWSDESK",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: options.isEphemeral ?? true,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: STAND_IN_TEAM_ID, domain: "newsroom" },
    channel: { id: channel, name: "news" },
    ...(options.isEphemeral === false
      ? {
          message: {
            type: "message",
            ts: messageTs,
            ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
          },
        }
      : {}),
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: "newsdesk_actions",
        value: options.value,
        type: "button",
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

/** A "Find our coverage" message shortcut on `message`, as Slack sends it (`overrides` replace its fields). */
export function shortcutPayload(
  responseUrl: string,
  message: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    type: "message_action",
    callback_id: "find_coverage",
    trigger_id: `trigger-${randomUUID()}`,
    response_url: responseUrl,
    token: "legacy-verification-token",
    action_ts: String(Date.now() / 1000),
    team: { id: STAND_IN_TEAM_ID, domain: "newsroom" },
    user: { id: "U0COPYDESK", username: "copydesk", team_id: STAND_IN_TEAM_ID },
    channel: { id: "C0NEWS", name: "news" },
    message_ts: message.ts,
    message: { type: "message", user: "U0SOMEONE", ...message },
    ...overrides,
  };
}
