import { describe, expect, it } from "vitest";
import { loadConfig, type SlackConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { ANSWER_FAILED } from "../../src/slack/answer-blocks.js";
import { startSlackApp } from "../../src/slack/start-slack-app.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { startSlackAppHarness, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { commandFields, mentionEvent, nextTs } from "../support/slack-signer.js";

describe("startSlackApp: start-up", () => {
  it("invalid_auth from auth.test stops start-up with a clear message naming SLACK_BOT_TOKEN", async () => {
    const start = startSlackAppHarness({
      ask: createFakeAsk(),
      prepare: (standIn) =>
        standIn.override("auth.test", () => ({ body: { ok: false, error: "invalid_auth" } })),
    });
    await expect(start).rejects.toMatchObject({
      code: "slack_invalid_auth",
      message: expect.stringMatching(/^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\).*restart\.$/),
    });
  });

  it("an unreachable SLACK_API_URL stops start-up naming the URL", async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    }) as Readonly<SlackConfig>;
    const start = startSlackApp({
      config,
      ask: createFakeAsk(),
      logger: createLogger({ level: "silent" }),
      port: 0,
      host: "127.0.0.1",
    });
    await expect(start).rejects.toMatchObject({
      code: "slack_unreachable",
      message: expect.stringContaining("http://127.0.0.1:9/api/"),
    });
  });

  it("GET /healthz carries the extra health fields; stop() closes the port", async () => {
    const h = await startSlackAppHarness({ ask: createFakeAsk(), health: () => ({ articles: 7 }) });
    const health = `${h.baseUrl}/healthz`;
    const res = await fetch(health);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, mode: "http", inFlight: 0, articles: 7 });
    await h.stop();
    await expect(fetch(health)).rejects.toThrow();
  });
});

describe("startSlackApp: a failing engine", () => {
  it("tells the asker in one sentence, logs the request id, and keeps answering", async () => {
    const fake = createFakeAsk();
    const h = await startSlackAppHarness({
      ask: (question, options) => {
        if (question.includes("explode")) throw new Error("engine exploded");
        return fake(question, options);
      },
    });
    try {
      const fields = commandFields("explode please", h.standIn.responseUrl());
      const res = await h.send.command(fields);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_type: "ephemeral", text: ANSWER_FAILED });
      expect(h.logs.find((l) => l.msg === "answer failed")).toMatchObject({ requestId: fields.trigger_id });

      const ts = nextTs();
      await h.send.event(mentionEvent("explode", { channel: "C1", user: "U1", ts }));
      await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
      expect(h.standIn.callsTo("chat.postMessage")[0]!.args).toMatchObject({
        thread_ts: ts,
        text: ANSWER_FAILED,
      });

      const ok = await h.send.command(commandFields("sentence?", h.standIn.responseUrl()));
      expect(String(ok.json?.text)).toContain("You asked: sentence?");
    } finally {
      await h.stop();
    }
  });
});

describe("startSlackApp: graceful stop", () => {
  it("stop() lets an answer already being posted finish before it resolves", async () => {
    const h = await startSlackAppHarness({ ask: createFakeAsk() });
    let stopped = false;
    try {
      h.standIn.override("chat.postMessage", (call) => ({
        delayMs: 300,
        body: { ok: true, channel: call.args.channel, ts: "1.000001" },
      }));
      await h.send.event(mentionEvent("sentence?", { channel: "C1", user: "U1" }));
      await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
      expect(h.logs.some((l) => l.msg === "slack request handled")).toBe(false);
      await h.app.stop();
      stopped = true;
      expect(h.logs.find((l) => l.msg === "slack request handled")).toMatchObject({
        surface: "mention",
        found: true,
      });
    } finally {
      if (!stopped) await h.app.stop();
      await h.standIn.close();
    }
  });
});
