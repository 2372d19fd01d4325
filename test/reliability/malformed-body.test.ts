/**
 * Correctly signed but malformed or oversized requests: a 4xx or a logged ignore, at once — never a
 * crash, an unhandled rejection, a hung connection or a reply.
 */
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { createFakeAsk } from "../support/fake-answers.js";
import { TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { buttonClick, commandFields, eventCallback, nextTs, signedHeaders } from "../support/slack-signer.js";
import { STAND_IN_BOT_USER_ID, STAND_IN_TEAM_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";
import { effects, SETTLE_QUESTION, settle, useUnhandledTrap } from "./reliability-support.js";

const ask = createFakeAsk();
const h = useSlackAppHarness({ ask }, { clearEach: [ask.calls], clearLogs: true });
useUnhandledTrap();

const JSON_TYPE = "application/json";
const FORM = "application/x-www-form-urlencoded";
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const payload = (value: unknown) => form({ payload: JSON.stringify(value) });

/**
 * A hung connection would otherwise stall the test for vitest's whole timeout; Bolt's own fallback
 * for requests nobody acks takes 3 s, so anything still open after 2.5 s is treated as hung.
 */
async function sendWithin(body: string, contentType: string) {
  const signal = AbortSignal.timeout(2500);
  const headers = signedHeaders(TEST_SIGNING_SECRET, body, contentType);
  try {
    const res = await fetch(`${h.baseUrl}/slack/events`, { method: "POST", body, headers, signal });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { status: 0, text: `no response: ${(error as Error).name}` };
  }
}

const ignoredEvent = (event: Record<string, unknown>) => JSON.stringify(eventCallback(event));

/** Bodies no Slack request has: a 400 straight away. */
const REJECTED: Array<[string, string, string]> = [
  ["JSON that does not parse", "{", JSON_TYPE],
  ["an empty body", "", JSON_TYPE],
  ["JSON null", "null", JSON_TYPE],
  ["a JSON number", "123", JSON_TYPE],
  ["a JSON array", "[]", JSON_TYPE],
  ["a JSON string", '"event_callback"', JSON_TYPE],
  ["JSON nested 100 000 deep", "[".repeat(100_000), JSON_TYPE],
  ["an object with an unknown type", JSON.stringify({ type: "definitely_not_slack" }), JSON_TYPE],
  ["an object without a type", JSON.stringify({ token: "t", team_id: STAND_IN_TEAM_ID }), JSON_TYPE],
  [
    "an event_callback without an event",
    JSON.stringify({ type: "event_callback", event_id: "Ev0" }),
    JSON_TYPE,
  ],
  [
    "an event_callback whose event is a string",
    JSON.stringify({ type: "event_callback", event: "x" }),
    JSON_TYPE,
  ],
  ["an event without a type", JSON.stringify({ type: "event_callback", event: { text: "hi" } }), JSON_TYPE],
  ["a form with neither command nor payload", form({ text: "sentence?", team_id: STAND_IN_TEAM_ID }), FORM],
  ["payload=null", form({ payload: "null" }), FORM],
  ["a payload that does not parse", form({ payload: "{oops" }), FORM],
  ["a payload that is an array", form({ payload: "[1,2]" }), FORM],
  ["block_actions without actions", payload({ type: "block_actions", user: { id: "U0REPORTER" } }), FORM],
  [
    "block_actions with actions: []",
    payload({ type: "block_actions", user: { id: "U0R" }, actions: [] }),
    FORM,
  ],
  [
    "an interaction of a kind the app has none of",
    payload({ type: "view_submission", callback_id: "x" }),
    FORM,
  ],
  [
    "a multipart body",
    '--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--b--',
    "multipart/form-data; boundary=b",
  ],
];

describe("malformed bodies", () => {
  it(`${REJECTED.length} bodies no Slack request has → 400 at once; nothing asked or posted; app still up`, async () => {
    const results = [];
    for (const [name, body, contentType] of REJECTED) {
      const res = await sendWithin(body, contentType);
      results.push({ name, status: res.status });
    }
    expect(results).toEqual(REJECTED.map(([name]) => ({ name, status: 400 })));
    await settle(h);
    expect(ask.calls.filter((q) => q !== SETTLE_QUESTION)).toEqual([]);
    expect(effects(h)).toEqual([]);
    const warnings = h.logs.filter((l) => l.level === 40 && /rejected|malformed/i.test(String(l.msg)));
    expect(warnings.length).toBeGreaterThanOrEqual(REJECTED.length);
  });

  it("Slack requests the app has no use for are acked 200 and logged, not left to time out", async () => {
    const cases: Array<[string, string, string]> = [
      [
        "an event type the app does not handle",
        ignoredEvent({ type: "reaction_added", user: "U1", ts: nextTs() }),
        JSON_TYPE,
      ],
      ["a made-up event type", ignoredEvent({ type: "zzz_future_event", ts: nextTs() }), JSON_TYPE],
      [
        "app_rate_limited",
        JSON.stringify({
          token: "t",
          type: "app_rate_limited",
          team_id: STAND_IN_TEAM_ID,
          minute_rate_limited: 1,
          api_app_id: "A0NEWSDESK",
        }),
        JSON_TYPE,
      ],
      [
        "a click on a button this version does not know",
        payload(
          buttonClick({
            actionId: "old_button_from_last_year",
            value: "x",
            responseUrl: h.standIn.responseUrl(),
          }),
        ),
        FORM,
      ],
      ["ssl_check", form({ ssl_check: "1", token: "t" }), FORM],
    ];
    const results = [];
    for (const [name, body, contentType] of cases)
      results.push({ name, status: (await sendWithin(body, contentType)).status });
    expect(results).toEqual(cases.map(([name]) => ({ name, status: 200 })));
    await settle(h);
    expect(ask.calls.filter((q) => q !== SETTLE_QUESTION)).toEqual([]);
    expect(effects(h)).toEqual([]);
    expect(
      h.logs.some((l) => /ignored/.test(String(l.msg)) && l.actionId === "old_button_from_last_year"),
    ).toBe(true);
    expect(h.logs.some((l) => /rate.?limit/i.test(String(l.msg)))).toBe(true);
  });

  it("well-formed requests with odd fields (text not a string, missing channel) are survived and logged", async () => {
    const odd = [
      ignoredEvent({
        type: "app_mention",
        user: "U0REPORTER",
        text: { nested: true },
        channel: "C0NEWS",
        ts: nextTs(),
      }),
      ignoredEvent({
        type: "app_mention",
        user: "U0REPORTER",
        text: `<@${STAND_IN_BOT_USER_ID}> sentence?`,
        ts: nextTs(),
      }),
      ignoredEvent({
        type: "message",
        channel_type: "im",
        user: "U0REPORTER",
        text: null,
        channel: "D0ODD",
        ts: nextTs(),
      }),
    ];
    for (const body of odd) expect((await sendWithin(body, JSON_TYPE)).status).toBe(200);
    const command = await sendWithin(form({ command: "/ask", team_id: STAND_IN_TEAM_ID }), FORM);
    expect(command.status).toBe(200);
    expect(command.text).toContain("/ask");
    await settle(h);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe("body size", () => {
  /** Sends a signed body with node:http, optionally chunked (no content-length), and reads the status. */
  function post(body: string, chunked: boolean): Promise<number> {
    const headers: Record<string, string> = signedHeaders(TEST_SIGNING_SECRET, body, FORM);
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${h.baseUrl}/slack/events`, {
        method: "POST",
        headers: chunked ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may answer 413 and close before the upload ends; the status still counts.
      req.on("error", (error) => reject(error));
      if (chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
        req.end();
      } else {
        req.end(body);
      }
    });
  }

  const commandOf = (bytes: number) =>
    form(commandFields(`sentence ${"x".repeat(bytes)}`, h.standIn.responseUrl()));

  it("a 2 MB command gets 413 with or without content-length, and nothing is asked", async () => {
    expect(await post(commandOf(2 * 1024 * 1024), false)).toBe(413);
    expect(await post(commandOf(2 * 1024 * 1024), true)).toBe(413);
    await settle(h);
    expect(ask.calls.filter((q) => q !== SETTLE_QUESTION)).toEqual([]);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it("a 900 KB command is still answered (the limit is 1 MB)", async () => {
    expect(await post(commandOf(900 * 1024), false)).toBe(200);
    expect(await post(commandOf(900 * 1024), true)).toBe(200);
  });
});
