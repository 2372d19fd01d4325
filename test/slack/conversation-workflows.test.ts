/**
 * Conversations meeting the desk workflows and accepted work, over signed HTTP against the Web API
 * stand-in, with the real engine over the desk corpus (Politics, Business, Transport) and a real
 * embedded store: an assistant thread is scoped by the channel its user views; an un-tagged follow-up
 * (follow-ups:all) reads its thread like a mention does; a DM-thread message, which Bolt's Assistant
 * takes before the DM listener, is accepted work that another replica answers when its holder died.
 */
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createAcceptedWork, workIdOf } from "../../src/slack/accepted-work.js";
import { THREAD_EVENT_TYPE } from "../../src/slack/thread-metadata.js";
import { deskHarness, deskStore, stopDeskStore } from "../support/desk-harness.js";
import { commandFields, eventCallback, mentionEvent, nextTs } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };
type Post = {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, string> };
};

const contexts = (p: Post) => p.blocks.filter((b) => b.type === "context").map((b) => b.elements![0]!.text!);
const citations = (p: Post) => contexts(p).filter((t) => /^\[\d+\]/.test(t));
const footer = (p: Post) => {
  const last = p.blocks[p.blocks.length - 1]!;
  return last.type === "context" ? (last.elements![0]!.text ?? "") : "";
};

const h = useSlackAppHarness(deskHarness());
stopDeskStore();

const command = async (text: string, fields: Record<string, string>) => {
  const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), fields));
  expect(res.status).toBe(200);
  return res.json as unknown as { text: string };
};

/** Sends an event and resolves with the app's next chat.postMessage (to `channel`). */
async function posted(event: Record<string, unknown>, channel: string): Promise<Post> {
  const before = h.standIn.callsTo("chat.postMessage").length;
  expect((await h.send.event(event)).status).toBe(200);
  await h.standIn.waitFor(
    (calls) => calls.filter((c) => c.method === "chat.postMessage").length > before,
    10_000,
  );
  const post = h.standIn.callsTo("chat.postMessage")[before]!.args as unknown as Post;
  expect(post.channel).toBe(channel);
  return post;
}

const assistantThread = (channel: string, threadTs: string, viewing: string) => ({
  user_id: "U0REPORTER",
  channel_id: channel,
  thread_ts: threadTs,
  context: { channel_id: viewing, team_id: "T0NEWSROOM" },
});
const threadMessage = (channel: string, threadTs: string, text: string, ts = nextTs()) =>
  eventCallback({
    type: "message",
    channel_type: "im",
    channel,
    user: "U0REPORTER",
    text,
    ts,
    thread_ts: threadTs,
  });

describe("the assistant view and channel settings", () => {
  it("an assistant thread is scoped by the channel its user views, and the footer says so", async () => {
    await command("settings section:Politics", { channel_id: "C0POLITICS", channel_name: "politics" });
    const threadTs = nextTs();
    await posted(
      eventCallback({
        type: "assistant_thread_started",
        assistant_thread: assistantThread("D0ASSIST", threadTs, "C0POLITICS"),
        event_ts: nextTs(),
      }),
      "D0ASSIST",
    );
    const scoped = await posted(threadMessage("D0ASSIST", threadTs, "harbour ferry"), "D0ASSIST");
    expect(scoped.thread_ts).toBe(threadTs);
    // Only the Politics desk's article; unscoped, the business weekly's ferry story would lead.
    expect(citations(scoped).length).toBeGreaterThan(0);
    expect(citations(scoped).every((c) => c.includes("Council passes budget"))).toBe(true);
    expect(footer(scoped)).toBe(
      "Scope of the channel you are viewing, <#C0POLITICS>: section Politics — `/ask settings` there",
    );
    expect(scoped.metadata?.event_type).toBe(THREAD_EVENT_TYPE);

    // The user looks at another channel (no settings): the same thread's next answer is unscoped.
    const changed = await h.send.event(
      eventCallback({
        type: "assistant_thread_context_changed",
        assistant_thread: assistantThread("D0ASSIST", threadTs, "C0ELSEWHERE"),
        event_ts: nextTs(),
      }),
    );
    expect(changed.status).toBe(200);
    await expect
      .poll(async () => (await deskStore.current!.assistantThreads.get("D0ASSIST", threadTs))?.context)
      .toMatchObject({ channelId: "C0ELSEWHERE" });
    const unscoped = await posted(threadMessage("D0ASSIST", threadTs, "harbour ferry"), "D0ASSIST");
    expect(citations(unscoped).some((c) => c.includes("Harbour Business Weekly"))).toBe(true);
    expect(contexts(unscoped).some((c) => c.includes("scope"))).toBe(false);
  });
});

describe("follow-ups:all and the thread", () => {
  it("an un-tagged reply in a thread Newsdesk answered in reads the thread, as a mention does", async () => {
    const channel = { channel_id: "C0FOLLOW", channel_name: "follow" };
    await command("settings follow-ups:all", channel);
    const root = nextTs();
    const first = await posted(mentionEvent("council budget", { channel: "C0FOLLOW", ts: root }), "C0FOLLOW");
    expect(first.metadata?.event_payload.question).toBe("council budget");
    h.standIn.calls.length = 0;
    const followUp = await posted(
      eventCallback({
        type: "message",
        channel_type: "channel",
        channel: "C0FOLLOW",
        user: "U0ASKER",
        text: "what did she say about it?",
        ts: nextTs(),
        thread_ts: root,
      }),
      "C0FOLLOW",
    );
    expect(followUp.thread_ts).toBe(root);
    const reads = h.standIn.callsTo("conversations.replies");
    expect(reads).toHaveLength(1);
    expect(reads[0]!.args).toMatchObject({ channel: "C0FOLLOW", ts: root, include_all_metadata: true });
    // The thread's subject carried over: the budget story's councillor, and her words about the ferry money.
    expect(contexts(followUp)[0]).toMatch(/^Reading this as: \*[^*]+\* — what did she say about it\?$/);
    expect(citations(followUp)[0]).toContain("Council passes budget");
    expect(followUp.metadata?.event_payload.question).toBe("what did she say about it?");
  });
});

describe("a DM-thread message is accepted work", () => {
  it("another replica answers it, once, when the one that acknowledged it died after claiming it", async () => {
    const store = deskStore.current!;
    const threadTs = nextTs();
    const ts = nextTs();
    const body = threadMessage("D0WORK", threadTs, "harbour ferry", ts);
    // A dead replica: it recorded the message (its lease long run out) and had claimed the message key.
    const dead = createAcceptedWork({
      store,
      logger: createLogger({ level: "silent" }),
      holder: "dead-replica",
      now: () => Date.now() - 60_000,
    });
    expect(await dead.accept(body)).toMatchObject({ verdict: "accepted" });
    dead.stopSweeping();
    await dead.release().catch(() => 0);
    await store.seen.claim(`message:D0WORK:${ts}`, Date.now(), 15 * 60_000);
    await h.standIn.waitFor(
      (calls) => calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0WORK"),
      15_000,
    );
    // A redelivery of the same message is acknowledged and not answered again.
    expect((await h.send.event({ ...body, event_id: "EvRETRY1" })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const answers = h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "D0WORK");
    expect(answers).toHaveLength(1);
    expect(answers[0]!.args).toMatchObject({ thread_ts: threadTs });
    expect(citations(answers[0]!.args as unknown as Post).length).toBeGreaterThan(0);
    expect(workIdOf(body)).toBe(`message:D0WORK:${ts}`);
    await expect.poll(() => store.work.pending()).toBe(0);
  });
});
