/**
 * What a signed body on /slack/events must look like before Bolt sees it. Bolt crashes on some
 * bodies (JSON `null` throws inside its request handler: an unhandled rejection and a connection
 * left open) and leaves others it cannot type hanging for 3 s before a 404; both are answered here.
 */
import { parse as parseQuery } from "node:querystring";

const FORM = "application/x-www-form-urlencoded";

/** Interactions the app has listeners for; any other kind is refused rather than left unacked. */
const HANDLED_INTERACTIONS = new Set(["block_actions"]);

export type RequestShape =
  | { kind: "slack"; body: Record<string, unknown> }
  | { kind: "ssl_check" }
  | { kind: "rate_limited"; body: Record<string, unknown> }
  | { kind: "invalid"; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Parses `raw` as Bolt does (form only for the exact form content type — its `payload` field as JSON
 * when present — JSON otherwise) and classifies it; a body Bolt can handle comes back parsed, so
 * nothing parses it again.
 */
export function classifySlackBody(raw: string, contentType: string | undefined): RequestShape {
  let body: unknown;
  try {
    if (contentType === FORM) {
      const form = parseQuery(raw);
      if (form.ssl_check === "1") return { kind: "ssl_check" };
      if (typeof form.payload === "string") {
        body = JSON.parse(form.payload);
      } else {
        const command = form.command;
        return typeof command === "string" && command.startsWith("/")
          ? { kind: "slack", body: form }
          : { kind: "invalid", reason: "a form with neither a command nor a payload" };
      }
    } else {
      body = JSON.parse(raw);
    }
  } catch (error) {
    return { kind: "invalid", reason: `a body that does not parse (${(error as Error).name})` };
  }
  if (!isObject(body)) return { kind: "invalid", reason: "a body that is not a JSON object" };
  const type = body.type;
  if (type === "url_verification") return { kind: "slack", body };
  if (type === "app_rate_limited") return { kind: "rate_limited", body };
  if (type === "event_callback") {
    return isObject(body.event) && typeof body.event.type === "string"
      ? { kind: "slack", body }
      : { kind: "invalid", reason: "an event_callback without an event type" };
  }
  if (type === "message_action") {
    return typeof body.callback_id === "string" && isObject(body.message)
      ? { kind: "slack", body }
      : { kind: "invalid", reason: "a message_action without a callback_id and message" };
  }
  if (typeof type === "string" && HANDLED_INTERACTIONS.has(type)) {
    const actions = body.actions;
    return Array.isArray(actions) && actions.length > 0 && actions.every(isObject)
      ? { kind: "slack", body }
      : { kind: "invalid", reason: `${type} without actions` };
  }
  return {
    kind: "invalid",
    reason: `a request of unknown type ${JSON.stringify(String(type)).slice(0, 60)}`,
  };
}
