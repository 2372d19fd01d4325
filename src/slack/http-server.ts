import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

export const SLACK_EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";

export interface SlackHttpServerOptions {
  /** Bolt's HTTPReceiver listener: verifies the signature, acks, dispatches to the app. */
  slackListener: (req: IncomingMessage, res: ServerResponse) => void;
  logger: Logger;
  /** Body of GET /healthz. Default `{ ok: true }`. */
  health?: () => Record<string, unknown>;
  /**
   * Checks run before Bolt sees a POST to /slack/events; returning false means the check already
   * answered (e.g. 401). The place for rules Bolt lacks. Default: rejectFutureTimestamps.
   */
  guards?: Array<(req: IncomingMessage, res: ServerResponse) => boolean>;
}

/** Slack requests stamped more than this far ahead are refused (Bolt only refuses stale ones). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export function rejectFutureTimestamps(req: IncomingMessage, res: ServerResponse): boolean {
  const stamp = Number(req.headers["x-slack-request-timestamp"]);
  if (Number.isFinite(stamp) && stamp > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
    req.resume();
    res.writeHead(401).end();
    return false;
  }
  return true;
}

/**
 * The HTTP front door: POST /slack/events for commands, events and interactivity, GET /healthz,
 * 404 otherwise. Owning the server (instead of letting Bolt start one) gives shutdown and guards a seam.
 */
export function createSlackHttpServer(options: SlackHttpServerOptions): Server {
  const guards = options.guards ?? [rejectFutureTimestamps];
  const health = options.health ?? (() => ({ ok: true }));
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (path === SLACK_EVENTS_PATH && req.method === "POST") {
        if (guards.every((guard) => guard(req, res))) options.slackListener(req, res);
        return;
      }
      if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(health()));
        return;
      }
      req.resume();
      res.writeHead(404).end();
    } catch (error) {
      options.logger.error({ err: error, path }, "http request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
}
