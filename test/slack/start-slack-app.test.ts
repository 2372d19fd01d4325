import { describe, expect, it } from "vitest";
import { loadConfig, type SlackConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startSlackApp } from "../../src/slack/start-slack-app.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { startSlackAppHarness, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";

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

  it("stop() closes the port", async () => {
    const h = await startSlackAppHarness({ ask: createFakeAsk() });
    const health = `${h.baseUrl}/healthz`;
    expect((await fetch(health)).status).toBe(200);
    await h.stop();
    await expect(fetch(health)).rejects.toThrow();
  });
});
