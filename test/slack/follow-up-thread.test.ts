/**
 * Follow-ups that read their thread, end to end over signed HTTP with the real engine on the
 * conversations fixture corpus (Priya Nair's appointment: her predecessor in ¶2, her pay in ¶4; an
 * agency "established … to replace" a ministry). The context rides on the app's own replies as Slack
 * message metadata and is read back with one conversations.replies call; a thread that cannot be read
 * leaves the follow-up answered on its own, with a sentence saying so.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { decodePageValue } from "../../src/slack/action-values.js";
import { ACTION_IDS, renderAnswer } from "../../src/slack/answer-blocks.js";
import { THREAD_EVENT_TYPE, turnOfMessage, UNREAD } from "../../src/slack/thread-metadata.js";
import { MAX_THREAD_MESSAGES } from "../../src/slack/thread-reader.js";
import { repoRoot } from "../support/paths.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import { buttonClick, dmEvent, mentionEvent } from "../support/slack-signer.js";
import { STAND_IN_BOT_ID, STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

const engine = createEngine(buildIndex(await loadCorpus(path.join(repoRoot, "test/fixtures/conversations"))));
const h = useSlackAppHarness(async () => ({ ask: engine.ask }));

// The fixture's stories are from early June 2025: questions are asked on 10 June 2025 (their ts).
let seq = 0;
const ts = () => `1749556800.${String(++seq).padStart(6, "0")}`;

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };
type Post = {
  channel: string;
  thread_ts?: string;
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, string> };
};
const contexts = (p: Post) => p.blocks.filter((b) => b.type === "context").map((b) => b.elements![0]!.text!);
/** "title ¶n" of each citation, best first. */
const cited = (p: Post) =>
  contexts(p).flatMap((c) => {
    const m = /^\[\d+\] (?:\*Best match\* · )?(?:<[^|>]*\|([^>]*)>|([^·]*?)) · .* · ¶(\d+)/.exec(c);
    return m ? [`${(m[1] ?? m[2])!.trim()} ¶${m[3]}`] : [];
  });

/** Sends an event and resolves with the app's next chat.postMessage to `channel`. */
async function answered(event: Record<string, unknown>, channel: string): Promise<Post> {
  const before = h.standIn.callsTo("chat.postMessage").length;
  const res = await h.send.event(event);
  expect(res.status).toBe(200);
  await h.standIn.waitFor(
    (calls) => calls.filter((c) => c.method === "chat.postMessage").length > before,
    10_000,
  );
  const post = h.standIn.callsTo("chat.postMessage")[before]!.args as unknown as Post;
  expect(post.channel).toBe(channel);
  return post;
}
const lastTs = (channel: string) => h.standIn.messages(channel).at(-1)!.ts;

describe("a follow-up in a DM thread", () => {
  it("every answer carries our metadata; 'who did she replace?' reads the thread and says how", async () => {
    const first = await answered(
      dmEvent("Who is the new superintendent?", { channel: "D1", ts: ts() }),
      "D1",
    );
    expect(first.metadata).toEqual({
      event_type: THREAD_EVENT_TYPE,
      event_payload: expect.objectContaining({
        question: "Who is the new superintendent?",
        asked: "2025-06-10",
        cited: expect.stringMatching(/^nair-superintendent#1(\n|$)/),
      }),
    });
    // The follow-up is a reply in the thread of that answer.
    const answerTs = lastTs("D1");
    const followUp = await answered(
      dmEvent("who did she replace?", { channel: "D1", ts: ts(), thread_ts: answerTs }),
      "D1",
    );
    expect(followUp.thread_ts).toBe(answerTs);
    const read = h.standIn.callsTo("conversations.replies");
    expect(read).toHaveLength(1);
    expect(read[0]!.args).toMatchObject({ channel: "D1", ts: answerTs, include_all_metadata: true });
    expect(contexts(followUp)[0]).toBe("Reading this as: *Priya Nair* — who did she replace?");
    expect(followUp.text).toContain("Reading this as: Priya Nair — who did she replace?");
    // Alone it would quote the agency "established to replace" a ministry; with the thread, her story.
    expect(cited(followUp)[0]).toContain("School board names Priya Nair superintendent");
    expect(slackLimitProblems(followUp)).toEqual([]);

    // A third turn in the same thread reads both earlier answers: her salary paragraph comes first.
    const paid = await answered(
      dmEvent("how much will she be paid?", { channel: "D1", ts: ts(), thread_ts: answerTs }),
      "D1",
    );
    expect(cited(paid)[0]).toBe("School board names Priya Nair superintendent ¶4");
    expect(paid.metadata!.event_payload.question).toBe("how much will she be paid?");
  });

  it("a question that brings its own subject is answered as asked: its thread read once, nothing carried", async () => {
    await answered(dmEvent("Who is the new superintendent?", { channel: "D2", ts: ts() }), "D2");
    const own = await answered(
      dmEvent("Why was the lighthouse restored?", { channel: "D2", ts: ts(), thread_ts: lastTs("D2") }),
      "D2",
    );
    // Read once, for filters the thread may have set; it set none, so nothing is said or carried.
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
    expect(contexts(own).some((c) => c.startsWith("Reading this"))).toBe(false);
    expect(own.metadata!.event_payload.before).toBeUndefined();
  });

  it("a question with its own subject keeps the filters its thread set, and says so", async () => {
    // The thread's first question set the period; a later question about something else still asks
    // within it (the conversation's frame), and the reply says it read the thread's filters.
    await answered(
      dmEvent("Who is the new superintendent? before:2025-12", { channel: "D4", ts: ts() }),
      "D4",
    );
    const own = await answered(
      dmEvent("Why was the lighthouse restored?", { channel: "D4", ts: ts(), thread_ts: lastTs("D4") }),
      "D4",
    );
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
    expect(contexts(own)).toContain(
      "Reading this with the thread's filters — Why was the lighthouse restored?",
    );
    expect(own.metadata!.event_payload.before).toBe("2025-12-31");
  });

  it("a DM question answered at the top level, followed up in its own thread, reads the question", async () => {
    // The thread's root is the asker's own question; no answer of ours is in the thread.
    const root = h.standIn.addMessage("D3", { user: "U0REPORTER", text: "Who is the new superintendent?" });
    const followUp = await answered(
      dmEvent("who did she replace?", { channel: "D3", ts: ts(), thread_ts: root.ts }),
      "D3",
    );
    // No answer of ours cited anything: the question's own words are what the follow-up carries.
    expect(contexts(followUp)[0]).toBe("Reading this as: *new superintendent* — who did she replace?");
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
  });
});

describe("a follow-up in a channel thread where Newsdesk was mentioned", () => {
  it("reads the thread's earlier answer and answers in the thread", async () => {
    const rootTs = ts();
    const first = await answered(
      mentionEvent("Who is the new superintendent?", { channel: "C1", ts: rootTs }),
      "C1",
    );
    expect(first.thread_ts).toBe(rootTs);
    const followUp = await answered(
      mentionEvent("who did she replace?", { channel: "C1", ts: ts(), thread_ts: rootTs }),
      "C1",
    );
    expect(followUp.thread_ts).toBe(rootTs);
    expect(contexts(followUp)[0]).toBe("Reading this as: *Priya Nair* — who did she replace?");
    expect(injectedMentions(followUp)).toEqual([]);
  });

  it("a redelivered follow-up (same event id) is answered once, with one thread read", async () => {
    const rootTs = ts();
    await answered(mentionEvent("Who is the new superintendent?", { channel: "C2", ts: rootTs }), "C2");
    const event = mentionEvent("who did she replace?", { channel: "C2", ts: ts(), thread_ts: rootTs });
    await answered(event, "C2");
    const again = await h.send.event(event, { headers: { "x-slack-retry-num": "1" } });
    expect(again.status).toBe(200);
    await h.app.idle();
    expect(h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "C2")).toHaveLength(2);
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
  });
});

describe("a channel thread where Newsdesk never answered", () => {
  it("a mention in someone's thread carries nothing over from its root: answered alone, and says so", async () => {
    // A colleague's post, not addressed to Newsdesk, with no answer of ours under it.
    const root = h.standIn.addMessage("C8", { user: "U0CHATTY", text: "Who is the new superintendent?" });
    const reply = await answered(
      mentionEvent("who did she replace?", { channel: "C8", ts: ts(), thread_ts: root.ts }),
      "C8",
    );
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
    expect(contexts(reply)[0]).toBe(UNREAD.none);
    expect(contexts(reply).some((c) => c.startsWith("Reading this as"))).toBe(false);
    expect(cited(reply).length).toBeGreaterThan(0);
    expect(cited(reply)[0]).not.toContain("Priya Nair");
  });

  it("a root that asked Newsdesk (answered where no metadata stays: replies:ephemeral) is the first question", async () => {
    const root = h.standIn.addMessage("C9", {
      user: "U0REPORTER",
      text: `<@${STAND_IN_BOT_USER_ID}> Who is the new superintendent?`,
    });
    const reply = await answered(
      mentionEvent("who did she replace?", { channel: "C9", ts: ts(), thread_ts: root.ts }),
      "C9",
    );
    expect(contexts(reply)[0]).toBe("Reading this as: *new superintendent* — who did she replace?");
  });
});

describe("More on a follow-up", () => {
  it("pages the follow-up as it was read: the thread before its answer, not what came after", async () => {
    await answered(dmEvent("Who is the new superintendent?", { channel: "D9", ts: ts() }), "D9");
    const [first] = h.standIn.messages("D9");
    const rootTs = first!.ts;
    const followUp = await answered(
      dmEvent("who did she replace?", { channel: "D9", ts: ts(), thread_ts: rootTs }),
      "D9",
    );
    const followUpTs = lastTs("D9");
    // A later turn in the same thread, on another subject, which the next page of the follow-up must not read.
    await answered(
      dmEvent("Why was the lighthouse restored?", { channel: "D9", ts: ts(), thread_ts: rootTs }),
      "D9",
    );
    const more = followUp.blocks
      .flatMap((b) => (b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? [])
      .find((e) => e.action_id === ACTION_IDS.more);
    expect(more?.value).toBeDefined();
    h.standIn.calls.length = 0;
    const click = buttonClick({
      actionId: ACTION_IDS.more,
      value: more!.value!,
      responseUrl: h.standIn.responseUrl(),
      channel: "D9",
      isEphemeral: false,
      messageTs: followUpTs,
      threadTs: rootTs,
    });
    expect((await h.send.action(click)).status).toBe(200);
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"), 10_000);
    const page = h.standIn.callsTo("chat.postMessage")[0]!.args as unknown as Post;
    expect(page.thread_ts).toBe(rootTs);
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
    expect(contexts(page)[0]).toBe("Reading this as: *Priya Nair* — who did she replace?");
    // Exactly the engine's next page of the follow-up with the first answer as its only earlier turn.
    const turn = turnOfMessage(first!, { botId: STAND_IN_BOT_ID });
    const { offset, asked } = decodePageValue(more!.value!)!;
    const expected = engine.ask("who did she replace?", { asked, offset, thread: { turns: [turn!] } });
    expect(cited(page)).toEqual(cited(renderAnswer(expected) as unknown as Post));
    expect(cited(page).length).toBeGreaterThan(0);
  });
});

describe("a thread that cannot be read: the follow-up is answered alone and says so", () => {
  async function followUpIn(channel: string, prepare?: (rootTs: string) => void) {
    const rootTs = ts();
    await answered(mentionEvent("Who is the new superintendent?", { channel, ts: rootTs }), channel);
    prepare?.(rootTs);
    return answered(mentionEvent("who did she replace?", { channel, ts: ts(), thread_ts: rootTs }), channel);
  }

  it("Slack rate-limits the read (429, Retry-After 30): no waiting, one call, the sentence says so", async () => {
    const remove = h.standIn.override("conversations.replies", () => ({
      status: 429,
      headers: { "retry-after": "30" },
      body: { ok: false, error: "ratelimited" },
    }));
    try {
      // answered() waits 10 s at most: waiting out the 30 s Retry-After would fail it.
      const reply = await followUpIn("C3");
      expect(contexts(reply)[0]).toBe(UNREAD.rateLimited);
      expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
      // Answered alone: the agency that "replaced" a ministry, as any lone question would be.
      expect(cited(reply).length).toBeGreaterThan(0);
      expect(cited(reply)[0]).not.toContain("Priya Nair");
    } finally {
      remove();
    }
  });

  it("Slack fails the read (HTTP 500): one call, no retry, answered alone", async () => {
    const remove = h.standIn.override("conversations.replies", () => ({ status: 500, body: "oops" }));
    try {
      const reply = await followUpIn("C4");
      expect(contexts(reply)[0]).toBe(UNREAD.failed);
      expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
      expect(h.logs.some((l) => l.code === "thread_unreadable" && l.statusCode === 500)).toBe(true);
    } finally {
      remove();
    }
  });

  it("a thread of 1,000 messages is not read back", async () => {
    const reply = await followUpIn("C5", (rootTs) => {
      for (let i = 0; i < 1000; i++)
        h.standIn.addMessage("C5", { user: "U0CHATTY", text: `msg ${i}`, thread_ts: rootTs });
    });
    expect(contexts(reply)[0]).toBe(UNREAD.tooLong(MAX_THREAD_MESSAGES));
    expect(h.standIn.callsTo("conversations.replies")).toHaveLength(1);
  });

  it("metadata of our event type written by another app is not trusted", async () => {
    const root = h.standIn.addMessage("C6", {
      user: "U0OTHERBOT",
      bot_id: "B0OTHER",
      app_id: "A0OTHER",
      text: "Who is the new superintendent?",
      metadata: {
        event_type: THREAD_EVENT_TYPE,
        event_payload: { question: "Who is the new superintendent?", cited: "nair-superintendent#1" },
      },
    });
    const reply = await answered(
      mentionEvent("who did she replace?", { channel: "C6", ts: ts(), thread_ts: root.ts }),
      "C6",
    );
    expect(contexts(reply)[0]).toBe(UNREAD.none);
    expect(cited(reply).length).toBeGreaterThan(0);
    expect(cited(reply)[0]).not.toContain("Priya Nair");
    // Our own bot id on the same metadata would have been read.
    expect(STAND_IN_BOT_ID).not.toBe("B0OTHER");
  });

  it("a 3,000-character follow-up is answered (cut to the engine's limit), with bounded metadata", async () => {
    const long = `who did she replace? ${"and then what happened next ".repeat(107)}`.slice(0, 3000);
    const reply = await followUpIn("C7", () => {});
    expect(reply).toBeDefined();
    const rootTs = h.standIn.messages("C7")[0]!.thread_ts!;
    const post = await answered(mentionEvent(long, { channel: "C7", ts: ts(), thread_ts: rootTs }), "C7");
    expect(contexts(post).some((c) => /only the first 2000 were used/.test(c))).toBe(true);
    expect(post.metadata!.event_payload.question!.length).toBeLessThanOrEqual(500);
    expect(slackLimitProblems(post)).toEqual([]);
    expect(injectedMentions(post)).toEqual([]);
  });
});
