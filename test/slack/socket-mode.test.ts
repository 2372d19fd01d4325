import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { type SlackAppHarness, startSlackAppHarness, TEST_APP_TOKEN } from "../support/slack-app-harness.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, dmEvent, mentionEvent, nextTs } from "../support/slack-signer.js";

const ask = createFakeAsk(
  Array.from({ length: 4 }, (_, i) => makePassage({ articleId: `s${i}`, paragraph: i + 1 })),
);
let h: SlackAppHarness;

beforeAll(async () => {
  h = await startSlackAppHarness({ ask, mode: "socket" });
  await h.standIn.socketConnected();
});
afterAll(async () => {
  await h?.stop();
});

type Reply = {
  text: string;
  blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
};

describe("Socket Mode over a real WebSocket", () => {
  it("opened the connection with the app token via apps.connections.open on SLACK_API_URL", () => {
    expect(h.app.mode).toBe("socket");
    const open = h.standIn.callsTo("apps.connections.open");
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.token).toBe(TEST_APP_TOKEN);
  });

  it("a slash command is acked over the socket with the ephemeral answer as the envelope payload", async () => {
    const ack = await h.standIn.sendEnvelope(
      "slash_commands",
      commandFields("<!channel> sentence?", h.standIn.responseUrl()),
    );
    const reply = ack.payload as unknown as Reply & { response_type: string };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("You asked: @channel sentence?");
    expect(injectedMentions(reply)).toEqual([]);
  });

  it("a mention is acked, answered in its thread, and a redelivery (retry_attempt) is not answered again", async () => {
    const ts = nextTs();
    const body = mentionEvent("sentence?", { channel: "C0SOCK", ts });
    const first = await h.standIn.sendEnvelope("events_api", body);
    expect(first.envelope_id).toBeTruthy();
    await h.standIn.sendEnvelope("events_api", body, { retryAttempt: 1 });
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "C0SOCK"),
    );
    // A later DM marks the point by which the retry would have been handled.
    await h.standIn.sendEnvelope("events_api", dmEvent("sentence?", { channel: "D0SOCK" }));
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0SOCK"),
    );
    await h.app.idle();
    const inChannel = h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0SOCK");
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.args.thread_ts).toBe(ts);
  });

  it("a button click arrives as an interactive envelope and is answered via response_url", async () => {
    const ack = await h.standIn.sendEnvelope(
      "slash_commands",
      commandFields("sentence?", h.standIn.responseUrl()),
    );
    const more = (ack.payload as unknown as Reply).blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION_IDS.more)!;
    const responseUrl = h.standIn.responseUrl();
    await h.standIn.sendEnvelope(
      "interactive",
      buttonClick({ actionId: ACTION_IDS.more, value: more.value, responseUrl }),
    );
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "response_url" && c.responseId === responseUrl.split("/").pop()),
    );
    const reply = h.standIn
      .callsTo("response_url")
      .find((c) => c.responseId === responseUrl.split("/").pop())!;
    expect(String(reply.args.text)).toContain("[4]");
  });
});
