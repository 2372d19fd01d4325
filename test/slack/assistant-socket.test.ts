/**
 * The assistant view and the App Home over Socket Mode (a real WebSocket to the stand-in): the same
 * handlers as over HTTP, and a redelivered envelope is answered once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArchiveOverview } from "../../src/answer/index.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { type SlackAppHarness, startSlackAppHarness } from "../support/slack-app-harness.js";
import { eventCallback, nextTs } from "../support/slack-signer.js";

const overview: ArchiveOverview = {
  articles: 25_888,
  publicationCount: 3,
  publications: ["Courier", "Ledger", "Gazette"],
  newest: { title: "Ferry returns", publication: "Courier", published: "2024-03-01" },
  stories: ["Harbour Ferry"],
  examples: ["What's the latest on Harbour Ferry?"],
};
const ask = createFakeAsk([makePassage()]);
let h: SlackAppHarness;

beforeAll(async () => {
  h = await startSlackAppHarness({ ask, mode: "socket", archive: async () => overview });
  await h.standIn.socketConnected();
});
afterAll(async () => {
  await h?.stop();
});

describe("the assistant view over Socket Mode", () => {
  it("greets, suggests the archive's prompts, answers with status and title; a redelivery is answered once", async () => {
    const threadTs = nextTs();
    const assistantThread = {
      user_id: "U0REPORTER",
      channel_id: "D0SOCKAI",
      thread_ts: threadTs,
      context: {},
    };
    const start = eventCallback({
      type: "assistant_thread_started",
      assistant_thread: assistantThread,
      event_ts: nextTs(),
    });
    await h.standIn.sendEnvelope("events_api", start);
    await h.standIn.sendEnvelope("events_api", start, { retryAttempt: 1 });
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
    );
    expect(String(h.standIn.callsTo("chat.postMessage")[0]!.args.text)).toContain(
      "I search 25,888 articles from 3 publications",
    );
    expect(h.standIn.callsTo("assistant.threads.setSuggestedPrompts")[0]!.args.prompts).toEqual([
      { title: "What's the latest on Harbour Ferry?", message: "What's the latest on Harbour Ferry?" },
    ]);

    const question = eventCallback({
      type: "message",
      channel_type: "im",
      channel: "D0SOCKAI",
      user: "U0REPORTER",
      text: "Who was sentenced?",
      ts: nextTs(),
      thread_ts: threadTs,
    });
    await h.standIn.sendEnvelope("events_api", question);
    await h.standIn.sendEnvelope("events_api", question, { retryAttempt: 1 });
    await h.standIn.waitFor((calls) => calls.filter((c) => c.method === "chat.postMessage").length >= 2);
    await h.app.idle();
    expect(h.standIn.callsTo("assistant.threads.setStatus")[0]!.args.status).toBe(
      "Searching 25,888 articles…",
    );
    expect(h.standIn.callsTo("assistant.threads.setTitle")[0]!.args.title).toBe("Who was sentenced?");
    const posts = h.standIn.callsTo("chat.postMessage");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.args.thread_ts).toBe(threadTs);
    expect(String(posts[1]!.args.text)).toContain("You asked: Who was sentenced?");
    expect(h.standIn.callsTo("assistant.threads.setSuggestedPrompts")).toHaveLength(1);
  });

  it("publishes the Home tab", async () => {
    await h.standIn.sendEnvelope(
      "events_api",
      eventCallback({
        type: "app_home_opened",
        user: "U0REPORTER",
        channel: "D0HOME",
        tab: "home",
        event_ts: nextTs(),
      }),
    );
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "views.publish"));
    expect(JSON.stringify(h.standIn.homeView("U0REPORTER"))).toContain("25,888");
  });
});
