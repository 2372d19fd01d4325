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
  close(): Promise<void>;
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
      case "chat.postMessage":
        return {
          body: { ok: true, channel: call.args.channel, ts: nextTs(), message: { text: call.args.text } },
        };
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
