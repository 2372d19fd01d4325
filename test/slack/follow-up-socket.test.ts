/**
 * A follow-up over Socket Mode (a real WebSocket to the stand-in), with the real engine on the
 * conversations fixture corpus: in an assistant thread, "who did she replace?" after an answered
 * question is read with the thread — one conversations.replies call — and the reply says how.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { repoRoot } from "../support/paths.js";
import { type SlackAppHarness, startSlackAppHarness } from "../support/slack-app-harness.js";
import { eventCallback } from "../support/slack-signer.js";

const engine = createEngine(buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations"))));
let h: SlackAppHarness;

beforeAll(async () => {
  h = await startSlackAppHarness({ ask: engine.ask, mode: "socket" });
  await h.standIn.socketConnected();
});
afterAll(async () => {
  await h?.stop();
});

// The fixture's stories are from early June 2025: questions are asked on 10 June 2025 (their ts).
let seq = 0;
const ts = () => `1749556800.${String(++seq).padStart(6, "0")}`;

describe("a follow-up over Socket Mode", () => {
  it("'who did she replace?' in an assistant thread reads the thread once and says how", async () => {
    const channel = "D0SOCKFU";
    const threadTs = ts();
    await h.standIn.sendEnvelope(
      "events_api",
      eventCallback({
        type: "assistant_thread_started",
        assistant_thread: { user_id: "U0REPORTER", channel_id: channel, thread_ts: threadTs, context: {} },
        event_ts: ts(),
      }),
    );
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    const posts = () => h.standIn.callsTo("chat.postMessage").map((c) => c.args);
    const ask = async (text: string) => {
      const before = posts().length;
      const message = { type: "message", channel_type: "im", channel, user: "U0REPORTER" };
      await h.standIn.sendEnvelope(
        "events_api",
        eventCallback({ ...message, text, ts: ts(), thread_ts: threadTs }),
      );
      await h.standIn.waitFor(
        (calls) => calls.filter((c) => c.method === "chat.postMessage").length > before,
      );
      await h.app.idle();
      return posts()[before]!;
    };

    const first = await ask("Who is the new superintendent?");
    expect(String(first.text)).toContain("Priya Nair");
    const followUp = await ask("who did she replace?");
    expect(followUp.thread_ts).toBe(threadTs);
    expect(String(followUp.text)).toContain("Reading this as: Priya Nair — who did she replace?");
    // Alone, it would quote the agency "established to replace" a ministry; with the thread, her story.
    expect(String(followUp.text)).toContain("School board names Priya Nair superintendent");
    const reads = h.standIn.callsTo("conversations.replies");
    expect(reads).toHaveLength(1);
    expect(reads[0]!.args).toMatchObject({ channel, ts: threadTs, include_all_metadata: true });
  });
});
