import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { type App, type Receiver, type ReceiverEvent, ReceiverMultipleAckError } from "@slack/bolt";
import { NewsdeskError } from "../errors.js";
import type { Logger } from "../logger.js";

/** A request the HTTP server has already buffered, verified and parsed (see http-server.ts). */
export interface SlackDelivery {
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Set when the request was recorded as accepted work (accepted-work.ts): its id, for the context. */
  workId?: string;
}

/** Bolt's transport in HTTP mode: hands verified requests to the app and writes its ack as the response. */
export interface EventsReceiver extends Receiver {
  /** Passes one request to the app; resolves once its listeners have finished. */
  dispatch(delivery: SlackDelivery, res: ServerResponse): Promise<void>;
  /**
   * Passes a request acknowledged earlier (by this or another process) to the app again, with no one to
   * acknowledge to: accepted work taken over from a process that died.
   */
  process(body: Record<string, unknown>, customProperties: Record<string, unknown>): Promise<void>;
}

/**
 * Bolt's Receiver for HTTP mode, behind our own server. Bolt's HTTPReceiver would parse every body a
 * second time, build a URL and arm a 3-second timer per request to catch a request nobody acks; here
 * the server has parsed the body once, and since `app.processEvent` resolves only when every listener
 * has finished, a request still unacked by then never will be: it gets Bolt's 404 at once, not 3 s
 * later. Transport only — which listener answers, and how, stays in the surfaces.
 */
export function createEventsReceiver(logger: Logger, now: () => Date = () => new Date()): EventsReceiver {
  let app: App | undefined;
  return {
    init(bolt) {
      app = bolt;
    },
    // The server is ours (createSlackHttpServer): nothing to listen on or close here.
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    async process(body, customProperties) {
      if (!app)
        throw new NewsdeskError("internal_invariant", "The events receiver was never given to a Bolt App.");
      await app.processEvent({
        body,
        ack: async () => {},
        customProperties: { receivedAt: now().getTime(), ...customProperties },
      });
    },
    async dispatch({ body, headers, workId }, res) {
      if (body.type === "url_verification") {
        writeJson(res, { challenge: body.challenge });
        return;
      }
      if (!app)
        throw new NewsdeskError("internal_invariant", "The events receiver was never given to a Bolt App.");
      let acked = false;
      const event: ReceiverEvent = {
        body,
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          writeAck(res, response);
        },
        retryNum: retryNum(headers),
        // When the request arrived: a slash command's day of asking (its payload carries no time).
        customProperties: { receivedAt: now().getTime(), ...(workId ? { workId } : {}) },
        retryReason: first(headers["x-slack-retry-reason"]),
      };
      try {
        await app.processEvent(event);
      } catch (error) {
        // The app's error handler has run; this is what Bolt's receiver does after it.
        logger.error({ err: error }, "slack request failed");
        if (!acked) {
          acked = true;
          res.writeHead(500).end();
        }
        return;
      }
      if (!acked) {
        logger.warn({ type: body.type }, "slack request not acknowledged by any listener");
        acked = true;
        res.writeHead(404).end();
      }
    },
  };
}

/** Bolt's ack response: empty for no body, text for a string, JSON otherwise. */
function writeAck(res: ServerResponse, response: unknown): void {
  if (!response) res.writeHead(200).end();
  else if (typeof response === "string") res.writeHead(200).end(response);
  else writeJson(res, response);
}

function writeJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
}

/** Slack's redelivery count, as Bolt reads it into `context.retryNum` (with `retryReason`). */
function retryNum(headers: IncomingHttpHeaders): number | undefined {
  const num = first(headers["x-slack-retry-num"]);
  return num === undefined ? undefined : Number.parseInt(num, 10);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
