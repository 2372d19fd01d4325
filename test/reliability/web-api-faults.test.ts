/**
 * Slack's Web API misbehaving, injected in the loopback stand-in: rate limits, server errors,
 * timeouts and ok:false errors. Transient failures are retried within the client's (shortened)
 * policy; final ones are logged with Slack's code and the request id, the asker is told where Slack
 * allows it, nothing is answered twice, and the app keeps serving.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { startSlackAppHarness } from "../support/slack-app-harness.js";
import { buttonClick, commandFields, mentionEvent } from "../support/slack-signer.js";
import { type RecordedCall, STAND_IN_BOT_USER_ID, type StubbedResponse } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";
import { settle, useUnhandledTrap, waitForLog } from "./reliability-support.js";

/** Short and bounded so the suite stays quick: 2 retries 10–50 ms apart, 300 ms per request. */
const FAST_RETRIES = { retryConfig: { retries: 2, factor: 2, minTimeout: 10, maxTimeout: 50 }, timeout: 300 };

const passages = Array.from({ length: 5 }, (_, i) =>
  makePassage({ articleId: `story-${i + 1}`, paragraph: i + 1 }),
);
const ask = createFakeAsk(passages);
let removeOverride: () => void = () => {};

const h = useSlackAppHarness({ ask, webClientOptions: FAST_RETRIES }, { clearLogs: true });
// Registered first, so its afterEach runs last: after the overrides are gone and the app is idle.
useUnhandledTrap();
afterEach(async () => {
  removeOverride();
  removeOverride = () => {};
  await h.app.idle();
});

/** chat.postMessage to `channel` answers with `responses` in turn, then normally. */
function scriptPosts(channel: string, ...responses: StubbedResponse[]) {
  let n = 0;
  removeOverride = h.standIn.override("chat.postMessage", (call) => {
    if (call.args.channel !== channel) return undefined;
    n += 1;
    return responses[n - 1];
  });
}

/** The same, for every response_url post. */
function scriptResponseUrl(...responses: StubbedResponse[]) {
  let n = 0;
  const remove = h.standIn.override("response_url", () => responses[n++]);
  const previous = removeOverride;
  removeOverride = () => {
    previous();
    remove();
  };
}

const postsTo = (channel: string): RecordedCall[] =>
  h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

const RATE_LIMITED: StubbedResponse = {
  status: 429,
  headers: { "retry-after": "1" },
  body: { ok: false, error: "ratelimited" },
};
const SERVER_ERROR: StubbedResponse = { status: 500, body: { ok: false, error: "internal_error" } };
const UNAVAILABLE: StubbedResponse = { status: 503, body: { ok: false, error: "service_unavailable" } };
const SLOW: StubbedResponse = { delayMs: 1500, body: { ok: true, ts: "1.1" } };
const slackError = (error: string): StubbedResponse => ({ body: { ok: false, error } });

let mentions = 0;
/** A channel mention; returns its event body (to redeliver it) and the channel it was sent in. */
async function mention(channel = `C0FAULT${++mentions}`) {
  const body = mentionEvent("How long was the sentence?", { channel });
  expect((await h.send.event(body)).status).toBe(200);
  return { body, channel };
}

const errorLines = () => h.logs.filter((l) => (l.level as number) >= 50);

describe("transient faults are retried, and the answer is posted once", () => {
  it("429 with Retry-After: waits, retries, posts once; Slack's redelivery during the wait is not answered", async () => {
    scriptPosts("C0RATE", RATE_LIMITED);
    const { body } = await mention("C0RATE");
    await h.standIn.waitFor(() => postsTo("C0RATE").length === 1);
    // While the client waits out Retry-After, Slack redelivers the event.
    const retry = await h.send.event(body, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    await h.standIn.waitFor(() => postsTo("C0RATE").length === 2, 5000);
    await settle(h);
    const [first, second] = postsTo("C0RATE");
    expect(second!.args).toEqual(first!.args);
    expect(postsTo("C0RATE")).toHaveLength(2);
    expect(errorLines()).toEqual([]);
  });

  it("429 three times in a row (a burst, more 429s than the client's retries): waited out, then posted", async () => {
    scriptPosts("C0BURST", RATE_LIMITED, RATE_LIMITED, RATE_LIMITED);
    await mention("C0BURST");
    await h.standIn.waitFor(() => postsTo("C0BURST").length === 4, 10_000);
    await settle(h);
    expect(postsTo("C0BURST")).toHaveLength(4);
    expect(errorLines()).toEqual([]);
  });

  it("500 then 503: retried, posted on the third try, no error logged", async () => {
    scriptPosts("C0FLAKY", SERVER_ERROR, UNAVAILABLE);
    await mention("C0FLAKY");
    await settle(h);
    expect(postsTo("C0FLAKY")).toHaveLength(3);
    expect(errorLines()).toEqual([]);
  });

  it("a request that times out is retried and the answer posted", async () => {
    scriptPosts("C0SLOW", SLOW);
    await mention("C0SLOW");
    await h.standIn.waitFor(() => postsTo("C0SLOW").length === 2, 5000);
    await settle(h);
    expect(postsTo("C0SLOW")).toHaveLength(2);
    expect(errorLines()).toEqual([]);
  });
});

describe("final failures are logged with Slack's code and the request id; the app keeps serving", () => {
  it("503 on every try: gives up after the policy's retries, logs it, answers the next question", async () => {
    scriptPosts("C0DOWN", UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);
    const { body } = await mention("C0DOWN");
    await settle(h);
    expect(postsTo("C0DOWN")).toHaveLength(1 + FAST_RETRIES.retryConfig.retries);
    const line = await waitForLog(h, (l) => (l.level as number) >= 50 && l.requestId === body.event_id);
    expect(JSON.stringify(line)).toContain("503");
    await mention("C0AFTER");
    await settle(h);
    expect(postsTo("C0AFTER")).toHaveLength(1);
  });

  for (const code of ["channel_not_found", "not_in_channel", "invalid_auth"]) {
    it(`ok:false ${code}: not retried, logged with the code and the event id`, async () => {
      scriptPosts(`C0${code}`, slackError(code));
      const { body } = await mention(`C0${code}`);
      await settle(h);
      expect(postsTo(`C0${code}`)).toHaveLength(1);
      const line = await waitForLog(h, (l) => (l.level as number) >= 50 && l.requestId === body.event_id);
      expect(line).toMatchObject({ slackError: code });
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    });
  }
});

describe("the asker is told in one sentence where Slack allows it (response_url)", () => {
  async function shareValue(): Promise<string> {
    const res = await h.send.command(commandFields("How long was the sentence?", h.standIn.responseUrl()));
    const blocks = (
      res.json as { blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> }
    ).blocks;
    return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION_IDS.share)!.value;
  }
  const click = (actionId: string, value: string, channel: string, isEphemeral = true) =>
    h.send.action(
      buttonClick({ actionId, value, channel, isEphemeral, responseUrl: h.standIn.responseUrl() }),
    );
  const toldTexts = () => h.standIn.callsTo("response_url").map((c) => String(c.args.text));
  const oneSentence = /^[^.!?]+[.!?]$/;

  it("Share rate-limited once: posted once, and the asker is told once that it was shared", async () => {
    scriptPosts("C0SHARE429", RATE_LIMITED);
    await click(ACTION_IDS.share, await shareValue(), "C0SHARE429");
    await h.standIn.waitFor(() => toldTexts().length === 1, 5000);
    await settle(h);
    expect(postsTo("C0SHARE429")).toHaveLength(2);
    expect(toldTexts()).toEqual(["Shared in the channel."]);
  });

  it("Share into a channel the bot is not in, or while Slack is down: one sentence, nothing posted twice", async () => {
    scriptPosts("C0NOTIN", slackError("not_in_channel"));
    await click(ACTION_IDS.share, await shareValue(), "C0NOTIN");
    await h.standIn.waitFor(() => toldTexts().length === 1);
    removeOverride();
    scriptPosts("C0SHAREDOWN", UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);
    await click(ACTION_IDS.share, await shareValue(), "C0SHAREDOWN");
    await h.standIn.waitFor(() => toldTexts().length === 2);
    await settle(h);
    const [notIn, down] = toldTexts();
    expect(notIn).toMatch(/invite me/);
    expect(down).toMatch(oneSentence);
    expect(postsTo("C0SHAREDOWN")).toHaveLength(3);
    expect(
      errorLines()
        .concat(h.logs.filter((l) => l.level === 40))
        .some((l) => l.slackError === "not_in_channel"),
    ).toBe(true);
  });

  it("More on a visible answer that cannot be posted: the clicker is told in one sentence, and it is logged", async () => {
    const value = JSON.stringify({ q: "How long was the sentence?", o: 3 });
    scriptPosts("C0MOREFAIL", slackError("channel_not_found"));
    await click(ACTION_IDS.more, value, "C0MOREFAIL", false);
    await h.standIn.waitFor(() => toldTexts().length === 1);
    await settle(h);
    expect(toldTexts()[0]).toMatch(oneSentence);
    expect(
      h.logs.some((l) => (l.level as number) >= 40 && JSON.stringify(l).includes("channel_not_found")),
    ).toBe(true);
  });

  it("response_url itself failing (500) is logged and nothing else breaks", async () => {
    scriptResponseUrl(SERVER_ERROR);
    const value = JSON.stringify({ q: "How long was the sentence?", v: "up", p: ["story-1#1"] });
    await click(ACTION_IDS.feedbackUp, value, "C0NEWS");
    await h.standIn.waitFor(() => toldTexts().length === 1);
    await settle(h);
    await waitForLog(h, (l) => (l.level as number) >= 40 && /500/.test(JSON.stringify(l)));
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe("rate-limited past the deadline", () => {
  it("is tried until the next wait would pass the deadline, then dropped with a warning naming the channel", async () => {
    const started = await startSlackAppHarness({
      ask,
      webClientOptions: FAST_RETRIES,
      rateLimitDeadlineMs: 1500,
      prepare: (standIn) => standIn.override("chat.postMessage", () => RATE_LIMITED),
    });
    try {
      const body = mentionEvent("How long was the sentence?", { channel: "C0FLOODED" });
      expect((await started.send.event(body)).status).toBe(200);
      await waitForLog(started, (l) => String(l.msg).includes("dropped"));
      await started.app.idle();
      // Tried at 0 s and after 1 s; a second wait would end at 2 s, past the 1.5 s deadline.
      expect(started.standIn.callsTo("chat.postMessage")).toHaveLength(2);
      expect(started.logs.find((l) => String(l.msg).includes("dropped"))).toMatchObject({
        level: 40,
        method: "chat.postMessage",
        channel: "C0FLOODED",
        tries: 2,
      });
    } finally {
      await started.stop();
    }
  });
});

describe("start-up", () => {
  it("auth.test failing transiently (503, then 429) is retried and the app starts", async () => {
    let n = 0;
    const started = await startSlackAppHarness({
      ask,
      webClientOptions: FAST_RETRIES,
      prepare: (standIn) =>
        standIn.override("auth.test", () => {
          n += 1;
          if (n === 1) return UNAVAILABLE;
          if (n === 2) return { ...RATE_LIMITED, headers: { "retry-after": "0" } };
          return undefined;
        }),
    });
    try {
      expect(started.app.botUserId).toBe(STAND_IN_BOT_USER_ID);
      expect(started.standIn.callsTo("auth.test")).toHaveLength(3);
    } finally {
      await started.stop();
    }
  });

  it("invalid_auth at auth.test stops start-up at once with a message naming the variable", async () => {
    let calls = 0;
    const start = startSlackAppHarness({
      ask,
      webClientOptions: FAST_RETRIES,
      prepare: (standIn) =>
        standIn.override("auth.test", () => {
          calls += 1;
          return slackError("invalid_auth");
        }),
    });
    await expect(start).rejects.toMatchObject({
      code: "slack_invalid_auth",
      message: expect.stringContaining("SLACK_BOT_TOKEN"),
    });
    expect(calls).toBe(1);
  });
});
