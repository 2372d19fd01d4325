/**
 * A loopback stand-in for Slack: the Web API (at /api/), response_url endpoints (at /response/…)
 * and a Socket Mode WebSocket (at /socket). It records every call so tests assert on what the app
 * sent, and lets a test override any method's answer (faults, invalid_auth, rate limits).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export const STAND_IN_BOT_USER_ID = "UNEWSBOT";
export const STAND_IN_BOT_ID = "BNEWSBOT";
export const STAND_IN_TEAM_ID = "T0NEWSROOM";
export const STAND_IN_APP_ID = "A0NEWSDESK";

/** A message the stand-in keeps (posted by the app, or added by a test as a user's or another app's). */
export interface StoredMessage {
  type: "message";
  ts: string;
  text?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  [key: string]: unknown;
}

/** The app's credentials as Slack knows them (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET). */
export const STAND_IN_CLIENT_ID = "1234567890.0987654321";
export const STAND_IN_CLIENT_SECRET = "stand-in-client-secret-0123456789";

/** A workspace approving an install (Slack's authorize page), as grantInstall takes it. */
export interface InstallGrant {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  /** The scopes the app asked for (the authorize URL's `scope`), granted as asked. */
  scopes: string;
  /** Token rotation on: tokens expire after this many seconds and come with a refresh token. */
  expiresIn?: number;
}

/** A bot token oauth.v2.access issued, and whose it is. */
export interface IssuedToken {
  token: string;
  grant: InstallGrant;
  refreshToken?: string;
}

export interface RecordedCall {
  /** Web API method (e.g. "chat.postMessage"), or "response_url" for POSTs to a response URL. */
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  /** For response_url calls: the id in the URL. */
  responseId?: string;
}

export interface StubbedResponse {
  /** Answer only after this many ms (slow Slack, timeouts). */
  delayMs?: number;
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** Returns a response to send instead of the default, or undefined to fall through. */
export type Override = (call: RecordedCall) => StubbedResponse | undefined;

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SlackStandIn {
  /** http://127.0.0.1:PORT/api/ — pass as SLACK_API_URL. */
  apiUrl: string;
  calls: RecordedCall[];
  /** A fresh response_url on the stand-in. */
  responseUrl(): string;
  /**
   * What Slack's authorize page does when a workspace's admin approves the install: a code that
   * oauth.v2.access exchanges once, for a token of that workspace.
   */
  grantInstall(grant: InstallGrant): string;
  /** Bot tokens issued by oauth.v2.access (installs and refreshes), newest last. */
  issued: IssuedToken[];
  /**
   * Requests matching `predicate` from now on never reach "Slack": not recorded, never answered, as if
   * lost on the way (until their client gives up or dies). The returned function stops holding new ones.
   */
  hold(predicate: (call: RecordedCall) => boolean): () => void;
  /** Requests held so far. */
  held: RecordedCall[];
  /** Calls of one method (or any of several). */
  callsTo(...methods: string[]): RecordedCall[];
  /** Resolves when `predicate` holds for the recorded calls; rejects after `timeoutMs` (default 5 000). */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Replaces the answer for a method until removed (the returned function removes it). */
  override(method: string, respond: Override): () => void;
  /** Socket Mode: resolves once the app has connected and been sent `hello`. */
  socketConnected(): Promise<void>;
  /** Socket Mode: sends an envelope and resolves with the app's ack. */
  sendEnvelope(
    type: "events_api" | "slash_commands" | "interactive",
    payload: Record<string, unknown>,
    options?: { retryAttempt?: number; envelopeId?: string },
  ): Promise<SocketAck>;
  /** Messages of a channel, in the order they arrived (posted by the app or added by the test). */
  messages(channel: string): StoredMessage[];
  /** Adds a message as if a user (or another app) had posted it; `ts` defaults to a fresh one. */
  addMessage(channel: string, message: Partial<StoredMessage>): StoredMessage;
  /** The Home view last published for a user (views.publish). */
  homeView(user: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

/** Slack's metadata rules the stand-in enforces: an event type, and a payload of scalars or objects. */
function metadataProblem(metadata: unknown): string | undefined {
  if (metadata === undefined) return undefined;
  const m = metadata as { event_type?: unknown; event_payload?: unknown };
  if (typeof m.event_type !== "string" || !/^[A-Za-z0-9_.-]{1,255}$/.test(m.event_type)) {
    return "invalid_metadata_format";
  }
  if (typeof m.event_payload !== "object" || m.event_payload === null || Array.isArray(m.event_payload)) {
    return "invalid_metadata_format";
  }
  for (const value of Object.values(m.event_payload)) {
    if (Array.isArray(value) && value.some((v) => typeof v !== "object")) return "invalid_metadata_schema";
  }
  return JSON.stringify(metadata).length > 8_000 ? "metadata_too_large" : undefined;
}

/** conversations.replies as Slack answers it: the root then its replies, oldest first, paged by `limit`. */
function replies(list: readonly StoredMessage[], args: Record<string, unknown>): StubbedResponse {
  const ts = String(args.ts ?? "");
  if (!args.channel || !ts) return { body: { ok: false, error: "invalid_arguments" } };
  const thread = list.filter((m) => m.ts === ts || m.thread_ts === ts);
  if (thread.length === 0) return { body: { ok: false, error: "thread_not_found" } };
  const limit = Math.min(1000, Math.max(1, Number(args.limit ?? 1000) || 1000));
  const start = Number(args.cursor ?? 0) || 0;
  const page = thread.slice(start, start + limit).map((m) => {
    const { metadata, ...rest } = m;
    const shown: Record<string, unknown> = { ...rest };
    if (m.ts === ts) {
      shown.thread_ts = ts;
      shown.reply_count = thread.length - 1;
    }
    if (metadata && args.include_all_metadata) shown.metadata = metadata;
    return shown;
  });
  const more = start + limit < thread.length;
  return {
    body: {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + limit) : "" },
    },
  };
}

function assistantThreads(method: string, args: Record<string, unknown>): StubbedResponse {
  if (typeof args.channel_id !== "string" || typeof args.thread_ts !== "string") {
    return { body: { ok: false, error: "invalid_arguments" } };
  }
  if (method === "assistant.threads.setStatus" && typeof args.status !== "string") {
    return { body: { ok: false, error: "invalid_arguments" } };
  }
  if (method === "assistant.threads.setTitle" && typeof args.title !== "string") {
    return { body: { ok: false, error: "invalid_arguments" } };
  }
  if (method === "assistant.threads.setSuggestedPrompts") {
    const prompts = args.prompts;
    const valid =
      Array.isArray(prompts) &&
      prompts.length >= 1 &&
      prompts.length <= 4 &&
      prompts.every(
        (p) =>
          typeof p?.title === "string" &&
          typeof p?.message === "string" &&
          p.title !== "" &&
          p.message !== "",
      );
    if (!valid) return { body: { ok: false, error: "invalid_arguments" } };
  }
  return { body: { ok: true } };
}

function parseForm(raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // a string that happens to start with a bracket
      }
    }
    args[key] = value === "true" ? true : value === "false" ? false : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: RecordedCall[] = [];
  const held: RecordedCall[] = [];
  const holds = new Set<(call: RecordedCall) => boolean>();
  const overrides = new Map<string, Override[]>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  const stored = new Map<string, StoredMessage[]>();
  const homeViews = new Map<string, Record<string, unknown>>();
  const channelMessages = (channel: string) => {
    const list = stored.get(channel) ?? [];
    stored.set(channel, list);
    return list;
  };
  const oauth = {
    codes: new Map<string, InstallGrant>(),
    used: new Set<string>(),
    refresh: new Map<string, InstallGrant>(),
    issued: [] as IssuedToken[],
    serial: 0,
  };
  const issue = (grant: InstallGrant) => {
    oauth.serial += 1;
    const token = `xoxb-${grant.teamId}-${oauth.serial}-${randomUUID().slice(0, 8)}`;
    const refreshToken = grant.expiresIn ? `xoxe-1-${randomUUID()}` : undefined;
    if (refreshToken) oauth.refresh.set(refreshToken, grant);
    oauth.issued.push({ token, grant, ...(refreshToken ? { refreshToken } : {}) });
    return {
      access_token: token,
      token_type: "bot",
      scope: grant.scopes,
      bot_user_id: grant.botUserId,
      app_id: "A0NEWSDESK",
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
      ...(refreshToken ? { refresh_token: refreshToken, expires_in: grant.expiresIn } : {}),
    };
  };
  // oauth.v2.access as Slack documents it: the app's credentials, then a code used once or a refresh token.
  const oauthAccess = (args: Record<string, unknown>): StubbedResponse => {
    if (args.client_id !== STAND_IN_CLIENT_ID) return { body: { ok: false, error: "invalid_client_id" } };
    if (args.client_secret !== STAND_IN_CLIENT_SECRET)
      return { body: { ok: false, error: "bad_client_secret" } };
    if (args.grant_type === "refresh_token") {
      const grant = oauth.refresh.get(String(args.refresh_token));
      return grant
        ? { body: { ok: true, ...issue(grant) } }
        : { body: { ok: false, error: "invalid_refresh_token" } };
    }
    const code = String(args.code ?? "");
    const grant = oauth.codes.get(code);
    if (!grant || oauth.used.has(code)) return { body: { ok: false, error: "invalid_code" } };
    oauth.used.add(code);
    return { body: { ok: true, authed_user: { id: "U0INSTALLER" }, ...issue(grant) } };
  };
  const issuedAuth = (token: string | undefined) => {
    const found = oauth.issued.find((t) => t.token === token);
    return found
      ? {
          ok: true,
          url: `https://${found.grant.teamName.toLowerCase()}.slack.test/`,
          team: found.grant.teamName,
          user: "newsdesk",
          team_id: found.grant.teamId,
          user_id: found.grant.botUserId,
          bot_id: found.grant.botId,
        }
      : undefined;
  };
  let tsCounter = 0;
  const nextTs = () => `${1_700_000_000 + tsCounter}.${String(++tsCounter).padStart(6, "0")}`;

  const defaults = (call: RecordedCall, port: number): StubbedResponse => {
    switch (call.method) {
      case "oauth.v2.access":
        return oauthAccess(call.args);
      case "auth.test": {
        const issued = issuedAuth(call.token);
        if (issued) return { body: issued };
        return call.token?.startsWith("xoxb-")
          ? {
              body: {
                ok: true,
                url: "https://newsroom.slack.test/",
                team: "Newsroom",
                user: "newsdesk",
                team_id: STAND_IN_TEAM_ID,
                user_id: STAND_IN_BOT_USER_ID,
                bot_id: STAND_IN_BOT_ID,
              },
            }
          : { body: { ok: false, error: "invalid_auth" } };
      }
      case "apps.connections.open":
        return call.token?.startsWith("xapp-")
          ? { body: { ok: true, url: `ws://127.0.0.1:${port}/socket` } }
          : { body: { ok: false, error: "invalid_auth" } };
      case "chat.postMessage": {
        const problem = metadataProblem(call.args.metadata);
        if (problem) return { body: { ok: false, error: problem } };
        const { channel, text, blocks, thread_ts, metadata } = call.args as Record<string, unknown>;
        // Posted as the bot the token belongs to: a workspace installed by OAuth has its own.
        const poster = issuedAuth(call.token);
        const message: StoredMessage = {
          type: "message",
          ts: nextTs(),
          user: poster?.user_id ?? STAND_IN_BOT_USER_ID,
          bot_id: poster?.bot_id ?? STAND_IN_BOT_ID,
          app_id: STAND_IN_APP_ID,
          ...(typeof text === "string" ? { text } : {}),
          ...(blocks ? { blocks } : {}),
          ...(typeof thread_ts === "string" ? { thread_ts } : {}),
          ...(metadata ? { metadata: metadata as StoredMessage["metadata"] } : {}),
        };
        channelMessages(String(channel)).push(message);
        return { body: { ok: true, channel, ts: message.ts, message: { text } } };
      }
      case "conversations.replies":
        if (!call.token?.startsWith("xoxb-")) return { body: { ok: false, error: "invalid_auth" } };
        return replies(channelMessages(String(call.args.channel)), call.args);
      case "views.publish": {
        const view = call.args.view as Record<string, unknown> | undefined;
        const blocks = view?.blocks;
        if (typeof call.args.user_id !== "string" || view?.type !== "home" || !Array.isArray(blocks)) {
          return { body: { ok: false, error: "invalid_arguments" } };
        }
        if (blocks.length > 100) {
          return {
            body: {
              ok: false,
              error: "invalid_arguments",
              response_metadata: {
                messages: ["[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"],
              },
            },
          };
        }
        homeViews.set(call.args.user_id, view);
        return { body: { ok: true, view: { id: `V${homeViews.size}`, ...view } } };
      }
      case "assistant.threads.setStatus":
      case "assistant.threads.setTitle":
      case "assistant.threads.setSuggestedPrompts":
        return assistantThreads(call.method, call.args);
      case "chat.postEphemeral":
        return { body: { ok: true, message_ts: nextTs() } };
      case "response_url":
        return { body: { ok: true } };
      default:
        return { status: 200, body: { ok: false, error: "unknown_method" } };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const port = (server.address() as AddressInfo).port;
    const auth = req.headers.authorization;
    let call: RecordedCall;
    if (url.pathname.startsWith("/api/")) {
      const isJson = (req.headers["content-type"] ?? "").includes("json");
      const args = raw === "" ? {} : isJson ? (JSON.parse(raw) as Record<string, unknown>) : parseForm(raw);
      const token = auth?.replace(/^Bearer /, "") ?? (args.token as string | undefined);
      call = { method: url.pathname.slice("/api/".length), args, token };
    } else if (url.pathname.startsWith("/response/")) {
      call = {
        method: "response_url",
        args: JSON.parse(raw || "{}") as Record<string, unknown>,
        token: undefined,
        responseId: url.pathname.slice("/response/".length),
      };
    } else {
      res.writeHead(404).end();
      return;
    }
    if ([...holds].some((hold) => hold(call))) {
      held.push(call);
      notify();
      return; // never answered; the connection ends when the client gives up
    }
    calls.push(call);
    let response: StubbedResponse | undefined;
    for (const override of overrides.get(call.method) ?? []) {
      response = override(call);
      if (response) break;
    }
    response ??= defaults(call, port);
    notify();
    if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
    if (res.destroyed) return;
    res.writeHead(response.status ?? 200, { "content-type": "application/json", ...response.headers });
    res.end(JSON.stringify(response.body));
  });

  const wss = new WebSocketServer({ noServer: true });
  let socket: WebSocket | undefined;
  let connected: () => void = () => {};
  let connectedPromise = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const pendingAcks = new Map<string, (ack: SocketAck) => void>();
  server.on("upgrade", (req, sock, head) => {
    if (!req.url?.startsWith("/socket")) {
      sock.destroy();
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => {
      socket = ws;
      ws.on("message", (data) => {
        const ack = JSON.parse(String(data)) as SocketAck;
        pendingAcks.get(ack.envelope_id)?.(ack);
        pendingAcks.delete(ack.envelope_id);
      });
      ws.on("close", () => {
        if (socket === ws) {
          socket = undefined;
          connectedPromise = new Promise<void>((resolve) => {
            connected = resolve;
          });
        }
      });
      // The Socket Mode client waits for hello before it counts as connected.
      ws.send(
        JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0NEWSDESK" } }),
      );
      connected();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}/`;

  return {
    apiUrl: `${base}api/`,
    calls,
    grantInstall(grant) {
      const code = `code-${randomUUID()}`;
      oauth.codes.set(code, grant);
      return code;
    },
    issued: oauth.issued,
    hold(predicate) {
      holds.add(predicate);
      return () => holds.delete(predicate);
    },
    held,
    responseUrl: () => `${base}response/${randomUUID()}`,
    callsTo: (...methods) => calls.filter((c) => methods.includes(c.method)),
    waitFor(predicate, timeoutMs = 5000) {
      if (predicate(calls)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`stand-in: condition not met in ${timeoutMs} ms; calls: ${calls.map((c) => c.method)}`),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    override(method, respond) {
      const list = overrides.get(method) ?? [];
      list.push(respond);
      overrides.set(method, list);
      return () => {
        overrides.set(
          method,
          (overrides.get(method) ?? []).filter((o) => o !== respond),
        );
      };
    },
    socketConnected: () => connectedPromise,
    messages: (channel) => [...channelMessages(channel)],
    addMessage(channel, message) {
      const full: StoredMessage = { type: "message", ts: nextTs(), ...message };
      channelMessages(channel).push(full);
      return full;
    },
    homeView: (user) => homeViews.get(user),
    sendEnvelope(type, payload, options = {}) {
      const ws = socket;
      if (!ws) return Promise.reject(new Error("stand-in: no Socket Mode connection"));
      const envelopeId = options.envelopeId ?? randomUUID();
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stand-in: no ack for ${envelopeId}`)), 5000);
        pendingAcks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== "events_api",
            ...(type === "events_api"
              ? {
                  retry_attempt: options.retryAttempt ?? 0,
                  retry_reason: options.retryAttempt ? "timeout" : "",
                }
              : {}),
          }),
        );
      });
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
