/**
 * One handler failing — the engine throwing, a body field of the wrong type, a post Slack refuses —
 * never stops the requests around it, and each failure is logged with that request's id.
 */
import { describe, expect, it } from "vitest";
import type { AskFn } from "../../src/answer/types.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { commandFields, eventCallback, nextTs } from "../support/slack-signer.js";
import { STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";
import { settle, useUnhandledTrap, waitForLog } from "./reliability-support.js";

const fake = createFakeAsk();
/** Throws for questions containing "boom" — an engine bug stand-in. */
const ask: AskFn = (question, options) => {
  if (question.includes("boom")) throw new TypeError(`engine exploded on ${question.length} characters`);
  return fake(question, options);
};
const h = useSlackAppHarness({ ask });
useUnhandledTrap();

const mention = (channel: string, text: unknown) =>
  eventCallback({ type: "app_mention", channel, user: "U0REPORTER", text, ts: nextTs() });

describe("a failing handler does not take down the others", () => {
  it("40 concurrent requests, a quarter of them failing in different ways: the rest are all answered", async () => {
    const failing: Array<{ eventId: string; kind: string }> = [];
    const requests: Array<Promise<{ status: number }>> = [];
    const refuse = h.standIn.override("chat.postMessage", (call) =>
      String(call.args.channel).startsWith("C0GONE")
        ? { body: { ok: false, error: "channel_not_found" } }
        : undefined,
    );
    try {
      for (let i = 0; i < 40; i++) {
        const kind = i % 8 === 0 ? "engine" : i % 8 === 1 ? "bad-field" : i % 8 === 2 ? "refused" : "ok";
        const body =
          kind === "engine"
            ? mention(`C0BOOM${i}`, `<@${STAND_IN_BOT_USER_ID}> boom ${i}`)
            : kind === "bad-field"
              ? mention(`C0ODD${i}`, { not: "a string" })
              : kind === "refused"
                ? mention(`C0GONE${i}`, `<@${STAND_IN_BOT_USER_ID}> sentence ${i}?`)
                : mention(`C0OK${i}`, `<@${STAND_IN_BOT_USER_ID}> sentence ${i}?`);
        if (kind !== "ok") failing.push({ eventId: body.event_id, kind });
        requests.push(h.send.event(body));
      }
      requests.push(h.send.command(commandFields("boom command", h.standIn.responseUrl())));
      const statuses = (await Promise.all(requests)).map((r) => r.status);
      expect(new Set(statuses)).toEqual(new Set([200]));
      await settle(h);
      const answered = h.standIn.callsTo("chat.postMessage").map((c) => String(c.args.channel));
      for (let i = 0; i < 40; i++) if (i % 8 > 2) expect(answered).toContain(`C0OK${i}`);
      // The engine's failure still gets one sentence into the thread.
      expect(answered.filter((c) => c.startsWith("C0BOOM"))).toHaveLength(5);
      for (const { eventId, kind } of failing) {
        const line = await waitForLog(h, (l) => (l.level as number) >= 50 && l.requestId === eventId);
        if (kind === "refused") expect(line.slackError).toBe("channel_not_found");
      }
    } finally {
      refuse();
    }
  });

  it("a failing /ask still acks with one sentence, and the next /ask is answered", async () => {
    const failed = await h.send.command(commandFields("boom", h.standIn.responseUrl()));
    expect(failed.status).toBe(200);
    expect(String(failed.json?.text)).toMatch(/^[^.]+\.$/);
    const ok = await h.send.command(commandFields("sentence?", h.standIn.responseUrl()));
    expect(JSON.stringify(ok.json)).toContain("18 years");
  });
});
