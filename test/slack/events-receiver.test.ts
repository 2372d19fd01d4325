/**
 * The HTTP-mode receiver under a real Bolt App and the real HTTP server: what Bolt's HTTPReceiver did
 * (ack as the response, retry headers into the context, one ack only, url_verification) still holds,
 * and a request no listener acks gets Bolt's 404 (here once the listeners are done, without a timer).
 */
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createEventsReceiver } from "../../src/slack/events-receiver.js";
import { createSlackHttpServer } from "../../src/slack/http-server.js";
import { signedHeaders } from "../support/slack-signer.js";

const SECRET = "events-receiver-test-secret";
const FORM = "application/x-www-form-urlencoded";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startApp(setUp: (app: App) => void) {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } });
  const receiver = createEventsReceiver(logger);
  const app = new App({
    token: "xoxb-test",
    botId: "B0TEST",
    botUserId: "U0BOT",
    receiver,
    tokenVerificationEnabled: false,
    convoStore: false,
  });
  setUp(app);
  const server = createSlackHttpServer({ dispatch: receiver.dispatch, logger, signingSecret: SECRET });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const post = (body: string, contentType: string, extra: Record<string, string> = {}) =>
    fetch(url, { method: "POST", body, headers: { ...signedHeaders(SECRET, body, contentType), ...extra } });
  return { post, lines };
}

const command = (text: string) =>
  new URLSearchParams({
    command: "/ask",
    text,
    team_id: "T0TEST",
    user_id: "U0USER",
    trigger_id: "1.2.3",
  }).toString();

describe("events receiver", () => {
  it("sends a listener's ack as the response: JSON for an object, text for a string", async () => {
    const { post } = await startApp((app) => {
      app.command("/ask", async ({ ack, command: c }) => {
        await (c.text === "text" ? ack("plain words") : ack({ response_type: "ephemeral", text: c.text }));
      });
    });
    const json = await post(command("who won?"), FORM);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(await json.json()).toEqual({ response_type: "ephemeral", text: "who won?" });
    const text = await post(command("text"), FORM);
    expect([text.status, await text.text()]).toEqual([200, "plain words"]);
  });

  it("answers a request no listener acks with 404 as soon as the listeners are done, and logs it", async () => {
    const { post, lines } = await startApp(() => {});
    const res = await post(command("anyone?"), FORM);
    expect(res.status).toBe(404);
    expect(lines.join("")).toContain("not acknowledged");
  });

  it("refuses a second ack with Bolt's error, and the first one stands", async () => {
    const errors: string[] = [];
    const { post } = await startApp((app) => {
      app.command("/ask", async ({ ack }) => {
        await ack({ text: "first" });
        await ack({ text: "second" });
      });
      app.error(async (error) => {
        errors.push((error as { code?: string }).code ?? String(error));
      });
    });
    const res = await post(command("twice"), FORM);
    expect(await res.json()).toEqual({ text: "first" });
    expect(errors).toEqual(["slack_bolt_receiver_ack_multiple_error"]);
  });

  it("puts Slack's retry headers into the context, and answers url_verification with the challenge", async () => {
    const seen: Array<[unknown, unknown]> = [];
    const { post } = await startApp((app) => {
      app.use(async ({ context, next }) => {
        seen.push([context.retryNum, context.retryReason]);
        await next();
      });
    });
    const event = JSON.stringify({
      type: "event_callback",
      team_id: "T0TEST",
      event_id: "Ev1",
      event: { type: "app_mention", user: "U0USER", text: "hi", channel: "C1", ts: "1.1" },
    });
    const res = await post(event, "application/json", {
      "x-slack-retry-num": "2",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(res.status).toBe(200);
    expect(seen).toEqual([[2, "http_timeout"]]);
    const challenge = await post(
      JSON.stringify({ type: "url_verification", challenge: "c-42" }),
      "application/json",
    );
    expect(await challenge.json()).toEqual({ challenge: "c-42" });
  });
});
