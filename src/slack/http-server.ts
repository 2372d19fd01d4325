import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import type { HealthDetails } from "../config.js";
import type { Logger } from "../logger.js";
import { BodyBudget } from "./body-budget.js";
import type { SlackDelivery } from "./events-receiver.js";
import { createRateLimitedLog, type WarnFn } from "./rate-limited-log.js";
import { classifySlackBody } from "./request-shape.js";
import { checkSignatureHeaders, signatureMatches } from "./verify-signature.js";

export const SLACK_EVENTS_PATH = "/slack/events";
const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

export interface SlackHttpServerOptions {
  /** Hands a verified, parsed request to Bolt (see events-receiver.ts), which writes the response. */
  dispatch: (delivery: SlackDelivery, res: ServerResponse) => Promise<void>;
  logger: Logger;
  /**
   * Body of GET /healthz (its detailed view). Default `{ ok: true }`. `ok: false` answers 503, so a load
   * balancer sees that the bot cannot answer.
   */
  health?: () => Record<string, unknown>;
  /**
   * GET /readyz, for a load balancer: 200 `{ ready: true }` while this process should get requests,
   * 503 before (index not answering, store never reached) and while draining. Default always ready.
   */
  ready?: () => boolean;
  /** True once shutdown began: new Slack requests get 503 (Slack retries them on another replica). */
  draining?: () => boolean;
  /** Who gets the detailed view; the others get `{ ok, state }` only. Default "loopback". */
  healthDetails?: HealthDetails;
  /**
   * Checks run before a POST to /slack/events is read; returning false means the check already
   * answered (e.g. 401). The place for rules Bolt lacks. Default: rejectFutureTimestamps.
   */
  guards?: Array<(req: IncomingMessage, res: ServerResponse) => boolean>;
  /**
   * The signing secret: every POST is verified here, once (unsigned ones get 401, except Slack's
   * unsigned `ssl_check`, as in Bolt), and signed bodies are checked for a shape Bolt can handle
   * (see request-shape.ts).
   */
  signingSecret: string;
  /** Largest body accepted on /slack/events, in bytes; larger ones get 413. Default 1 MiB. */
  bodyLimit?: number;
  /**
   * Bytes that bodies not yet verified may hold together beyond their first 16 KiB each; a body
   * finding it spent gets 503. Default MAX_UNVERIFIED_BYTES (16 MiB; see body-budget.ts).
   */
  maxUnverifiedBytes?: number;
  /** Open connections at most; more are closed at once and logged. Default 1000 (MAX_CONNECTIONS). */
  maxConnections?: number;
  /** Answers being worked on now; with `maxInFlight`, sheds Slack requests beyond it with 503. */
  inFlight?: () => number;
  /** Most answers in flight before new Slack requests are shed. Default 200 (MAX_ANSWERS_IN_FLIGHT). */
  maxInFlight?: number;
  /** A request's headers must arrive within this, ms. Default 10 000. */
  headersTimeoutMs?: number;
  /** A whole request (headers and body) must arrive within this, ms. Default 15 000. */
  requestTimeoutMs?: number;
  /** How rejected requests are logged. Default: rate-limited warnings (createRateLimitedLog). */
  rejected?: WarnFn;
  /** Pages served on GET by path (OAuth's /slack/install and /slack/oauth_redirect). Default none. */
  pages?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>>;
}

/**
 * Slack sends a request whole and at once: seconds are plenty, and a client that trickles its headers
 * or body (slowloris) loses its connection instead of holding it for Node's default 300 s.
 */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** An unsigned POST is read only this far (for Slack's unsigned ssl_check); larger ones get 401 unread. */
const UNSIGNED_BODY_LIMIT = 4096;

/** How long an idle keep-alive connection stays open (Node's default is 5 s). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Slack's largest requests (a block_actions payload carrying a 50-block message) stay well below this. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Slack requests stamped more than this far ahead are refused (Bolt only refuses stale ones). */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

function rejectFutureTimestamps(req: IncomingMessage, res: ServerResponse): boolean {
  const stamp = Number(req.headers["x-slack-request-timestamp"]);
  if (Number.isFinite(stamp) && stamp > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
    req.resume();
    res.writeHead(401, { connection: "close" }).end();
    return false;
  }
  return true;
}

/** The server's options with their defaults filled in, as every request reads them. */
type ServerContext = SlackHttpServerOptions & {
  guards: Array<(req: IncomingMessage, res: ServerResponse) => boolean>;
  rejected: WarnFn;
  maxInFlight: number;
  budget: BodyBudget;
};

/**
 * The HTTP front door: POST /slack/events for commands, events and interactivity, GET /healthz,
 * 404 otherwise. Owning the server (instead of letting Bolt start one) gives shutdown and guards a seam.
 */
export function createSlackHttpServer(options: SlackHttpServerOptions): Server {
  const context: ServerContext = {
    ...options,
    guards: options.guards ?? [rejectFutureTimestamps],
    rejected: options.rejected ?? createRateLimitedLog(options.logger),
    maxInFlight: options.maxInFlight ?? 200,
    budget: new BodyBudget(options.maxUnverifiedBytes),
  };
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
      // How often Node looks for requests past those timeouts (its default, 30 s, would double them).
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
    (req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      try {
        route(req, res, path, context);
      } catch (error) {
        failed(res, context.logger, error, path);
      }
    },
  );
  limitConnections(server, context.rejected, options.maxConnections ?? 1000);
  // Node closes an idle keep-alive connection after 5 s; a client (Slack, a proxy) that reuses it
  // at that moment gets a reset — a lost event or a failed command (the soak found these;
  // docs/performance.md). Idle connections are kept longer than the usual 60 s of clients and load balancers.
  // (Node ≥ 18 times headers from a request's first byte, so an idle keep-alive connection is not cut
  // by the short headers timeout; a new connection that sends nothing is.)
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return server;
}

/** A request that failed unexpectedly: logged, and answered 500 if nothing was sent yet. */
function failed(res: ServerResponse, logger: Logger, error: unknown, path: string | undefined): void {
  logger.error({ err: error, path }, "http request failed");
  if (!res.headersSent) res.writeHead(500);
  res.end();
}

function route(
  req: IncomingMessage,
  res: ServerResponse,
  path: string | undefined,
  context: ServerContext,
): void {
  const read = req.method === "GET" || req.method === "HEAD";
  if (path === SLACK_EVENTS_PATH && req.method === "POST") acceptSlackPost(req, res, path, context);
  else if (path === READY_PATH && read) serveReady(res, context);
  else if (path === HEALTH_PATH && read) serveHealth(req, res, context);
  else serveOther(req, res, path, context);
}

/** OAuth's pages by path (GET), 404 otherwise. */
function serveOther(
  req: IncomingMessage,
  res: ServerResponse,
  path: string | undefined,
  context: ServerContext,
): void {
  const page = req.method === "GET" && path ? context.pages?.[path] : undefined;
  req.resume();
  if (page) {
    page(req, res).catch((error: unknown) => failed(res, context.logger, error, path));
    return;
  }
  res.writeHead(404).end();
}

/** Sheds a Slack request while draining or too busy, applies the guards, then reads and dispatches it. */
function acceptSlackPost(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: ServerContext,
): void {
  if (context.draining?.()) {
    req.resume();
    res.writeHead(503, { "retry-after": "1", connection: "close" }).end();
    return;
  }
  const busy = context.inFlight?.() ?? 0;
  if (busy >= context.maxInFlight) {
    // Shed before reading: Slack retries events on 5xx, and a command's user sees Slack's own error.
    context.rejected(
      { inFlight: busy, limit: context.maxInFlight },
      `shedding load: ${busy} answers in flight (MAX_ANSWERS_IN_FLIGHT=${context.maxInFlight}); answered 503`,
    );
    req.resume();
    res.writeHead(503, { "retry-after": "5", connection: "close" }).end();
    return;
  }
  if (context.guards.every((guard) => guard(req, res))) {
    handleSlackPost(req, res, context).catch((error: unknown) => failed(res, context.logger, error, path));
  }
}

function serveReady(res: ServerResponse, context: ServerContext): void {
  const ready = context.ready?.() ?? true;
  res
    .writeHead(ready ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
    .end(JSON.stringify({ ready }));
}

function serveHealth(req: IncomingMessage, res: ServerResponse, context: ServerContext): void {
  const body = context.health?.() ?? { ok: true };
  const shown = mayShowDetails(req, context.healthDetails ?? "loopback")
    ? body
    : { ok: body.ok, ...(typeof body.state === "string" ? { state: body.state } : {}) };
  res
    .writeHead(body.ok === false ? 503 : 200, {
      "content-type": "application/json",
      "cache-control": "no-store",
    })
    .end(JSON.stringify(shown));
}

// Past the cap Node closes new connections at once: idle sockets cannot exhaust file descriptors
// (20,000 of them made a reload fail with EMFILE) and real requests still find a slot.
function limitConnections(server: Server, rejected: WarnFn, max: number): void {
  server.maxConnections = max;
  server.on("drop", (data?: { remoteAddress?: string }) =>
    rejected(
      { remoteAddress: data?.remoteAddress, limit: server.maxConnections },
      `connection refused: ${server.maxConnections} connections open (MAX_CONNECTIONS)`,
    ),
  );
}

/** True for an address of this machine (IPv4 127/8, IPv6 ::1, and IPv4-mapped forms of them). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

// A request relayed by a proxy on this machine arrives from loopback but comes from anywhere: a
// forwarding header makes it a stranger's.
function mayShowDetails(req: IncomingMessage, who: HealthDetails): boolean {
  if (who === "everyone") return true;
  if (who === "nobody") return false;
  const forwarded = req.headers.forwarded ?? req.headers["x-forwarded-for"] ?? req.headers["x-real-ip"];
  return forwarded === undefined && isLoopbackAddress(req.socket.remoteAddress);
}

/** A body read whole (`taken`: bytes drawn on the budget, to give back), or why it was not. */
type BodyRead = { body: Buffer; taken: number } | { refused: "too_large" | "no_budget" };

/**
 * Reads the body up to `limit` bytes, drawing on `budget` past its free allowance; refused when it is
 * larger or the budget is spent (the rest is left to the caller to discard). Listeners rather than
 * `for await`: the async iterator cost more than the rest of reading.
 */
function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<BodyRead> {
  if (Number(req.headers["content-length"]) > limit) return Promise.resolve({ refused: "too_large" });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let taken = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const refuse = (why: "too_large" | "no_budget") => {
      done();
      budget.give(taken);
      resolve({ refused: why });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return refuse("too_large");
      const took = budget.take(size, chunk.length);
      if (took < 0) return refuse("no_budget");
      taken += took;
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), taken });
    };
    const onError = (error: Error) => {
      done();
      budget.give(taken);
      reject(error);
    };
    // Closed before the end: the client went away mid-body.
    const onClose = () => {
      done();
      budget.give(taken);
      reject(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * Buffers the body within the limit, verifies the signature, refuses bodies Bolt cannot handle,
 * answers Slack's ssl_check and app_rate_limited, and dispatches the rest — parsed once, here.
 */
async function handleSlackPost(req: IncomingMessage, res: ServerResponse, options: ServerContext) {
  const { rejected, budget } = options;
  // Headers first: without a plausible signature only a small body (an ssl_check) is read at all.
  const headers = checkSignatureHeaders(req.headers);
  const limit = headers.ok ? (options.bodyLimit ?? DEFAULT_BODY_LIMIT) : UNSIGNED_BODY_LIMIT;
  const read = await readBody(req, limit, budget);
  if ("refused" in read && read.refused === "no_budget") {
    rejected(
      { heldBytes: budget.heldBytes, limit: budget.limit },
      "shedding load: unverified request bodies hold their memory budget; answered 503",
    );
    req.resume();
    res.writeHead(503, { "retry-after": "5", connection: "close" }).end();
    return;
  }
  const raw = "body" in read ? read.body : undefined;
  if (!raw && !headers.ok) {
    rejected({ reason: headers.reason }, "slack request rejected: bad signature");
    req.resume();
    res.writeHead(401, { connection: "close" }).end();
    return;
  }
  if (!raw) {
    rejected(
      { limit, contentLength: req.headers["content-length"] },
      "slack request rejected: body too large",
    );
    // Discard whatever is still coming, then close: the connection's stream position is lost.
    req.resume();
    res.writeHead(413, { connection: "close" }).end();
    return;
  }
  // The headers were checked before the body was read: only the HMAC is left.
  const check = headers.ok ? signatureMatches(req.headers, raw, options.signingSecret) : headers;
  // Verified or refused: either way the body no longer counts as a stranger's.
  if ("taken" in read) budget.give(read.taken);
  if (!check.ok) {
    if (isSslCheck(req, raw)) {
      // Slack's ssl_check is unsigned and only wants a 200 (as Bolt answers it); nothing else is read.
      res.writeHead(200).end();
      return;
    }
    rejected({ reason: check.reason }, "slack request rejected: bad signature");
    res.writeHead(401).end();
    return;
  }
  const shape = classifySlackBody(raw.toString("utf8"), req.headers["content-type"]);
  switch (shape.kind) {
    case "invalid":
      rejected({ reason: shape.reason }, "slack request rejected: malformed body");
      res.writeHead(400).end();
      return;
    case "ssl_check":
      res.writeHead(200).end();
      return;
    case "rate_limited":
      options.logger.warn(
        { minuteRateLimited: shape.body.minute_rate_limited, team: shape.body.team_id },
        "slack rate-limited the app's events for this minute",
      );
      res.writeHead(200).end();
      return;
    case "slack":
      await options.dispatch({ body: shape.body, headers: req.headers }, res);
  }
}

function isSslCheck(req: IncomingMessage, raw: Buffer): boolean {
  return (
    req.headers["content-type"] === "application/x-www-form-urlencoded" &&
    parseQuery(raw.toString("utf8")).ssl_check === "1"
  );
}
