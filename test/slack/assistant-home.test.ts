/**
 * The assistant view and the App Home over signed HTTP, with the real engine on the conversations
 * fixture corpus and the embedded store: greetings and prompts drawn from the archive, status and title
 * while answering, the viewed channel remembered, a Home tab with the user's own recent questions.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveOverview } from "../../src/answer/archive-overview.js";
import { createEngine } from "../../src/answer/engine.js";
import type { ArchiveOverview } from "../../src/answer/index.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { HOME_MAX_BLOCKS } from "../../src/slack/home-view.js";
import { THREAD_EVENT_TYPE, UNREAD } from "../../src/slack/thread-metadata.js";
import type { Store } from "../../src/store/index.js";
import { freshPlace, type StorePlace, storeAt } from "../store/store-fixture.js";
import { repoRoot } from "../support/paths.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, eventCallback } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

let place: StorePlace;
let store: Store;
let overview: ArchiveOverview;
beforeAll(async () => {
  place = await freshPlace("sqlite", "assistant");
  store = storeAt(place);
  await store.init();
});
afterAll(async () => {
  await store.stop();
  place.cleanup();
});

const h = useSlackAppHarness(async () => {
  const corpus = await loadCorpus(path.join(repoRoot, "test/fixtures/conversations"));
  const ask = createEngine(buildIndex(corpus)).ask;
  overview = archiveOverview(corpus.articles, ask);
  return {
    ask,
    store,
    archive: async () => overview,
    sources: () => [
      { name: "Courier feed", state: "ok", lastSuccessAt: "2025-06-10T08:00:00.000Z", lastError: null },
      {
        name: "Ledger sitemap",
        state: "failing",
        lastSuccessAt: null,
        lastError: "The sitemap answered HTTP 503; retrying later.",
      },
    ],
    now: () => new Date("2025-06-10T12:00:00Z"),
  };
});

let seq = 0;
const ts = () => `1749556800.${String(++seq).padStart(6, "0")}`;
const thread = (channel: string, threadTs: string, context: Record<string, string> = {}) => ({
  user_id: "U0REPORTER",
  channel_id: channel,
  thread_ts: threadTs,
  context,
});
const started = (channel: string, threadTs: string, context: Record<string, string> = {}) =>
  eventCallback({
    type: "assistant_thread_started",
    assistant_thread: thread(channel, threadTs, context),
    event_ts: ts(),
  });
const userMessage = (channel: string, threadTs: string, text: string) =>
  eventCallback({
    type: "message",
    channel_type: "im",
    channel,
    user: "U0REPORTER",
    text,
    ts: ts(),
    thread_ts: threadTs,
  });
type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ text?: string | { text: string }; action_id?: string; value?: string }>;
};
const textOf = (blocks: Block[]) =>
  blocks
    .flatMap((b) => [
      b.text?.text ?? "",
      ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? ""))),
    ])
    .join("\n");

describe("the assistant view", () => {
  it("a new thread gets a greeting saying what the archive holds and prompts drawn from it", async () => {
    const threadTs = ts();
    expect((await h.send.event(started("D0ASSIST", threadTs, { channel_id: "C0NEWS" }))).status).toBe(200);
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
    );
    const greeting = h.standIn.callsTo("chat.postMessage")[0]!.args;
    expect(greeting).toMatchObject({ channel: "D0ASSIST", thread_ts: threadTs });
    expect(String(greeting.text)).toContain(
      "I search 7 articles from 2 publications; the newest is from 3 Jun 2025",
    );
    const prompts = h.standIn.callsTo("assistant.threads.setSuggestedPrompts")[0]!.args as {
      channel_id: string;
      thread_ts: string;
      prompts: Array<{ title: string; message: string }>;
    };
    expect(prompts).toMatchObject({ channel_id: "D0ASSIST", thread_ts: threadTs });
    // Not fixed strings: the archive's own most-covered stories, each a question it answers.
    expect(prompts.prompts.map((p) => p.message)).toEqual(overview.examples);
    expect(prompts.prompts.map((p) => p.message)).toContain("What's the latest on Harbour ferry?");
    expect(prompts.prompts.length).toBeGreaterThan(0);
  });

  it("answers in the thread with status, the first question as title, and reads follow-ups", async () => {
    const threadTs = ts();
    await h.send.event(started("D0ASK", threadTs));
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
    );
    await h.send.event(userMessage("D0ASK", threadTs, "Who is the new superintendent?"));
    await h.standIn.waitFor((calls) => calls.filter((c) => c.method === "chat.postMessage").length === 2);
    const status = h.standIn.callsTo("assistant.threads.setStatus");
    expect(status).toHaveLength(1);
    expect(status[0]!.args).toMatchObject({
      channel_id: "D0ASK",
      thread_ts: threadTs,
      status: "Searching 7 articles…",
    });
    expect(h.standIn.callsTo("assistant.threads.setTitle").map((c) => c.args.title)).toEqual([
      "Who is the new superintendent?",
    ]);
    const answer = h.standIn.callsTo("chat.postMessage")[1]!.args as {
      thread_ts: string;
      blocks: Block[];
      metadata: { event_type: string };
    };
    expect(answer.thread_ts).toBe(threadTs);
    expect(answer.metadata.event_type).toBe(THREAD_EVENT_TYPE);
    // The same buttons as everywhere.
    expect(answer.blocks.find((b) => b.type === "actions")!.elements!.map((e) => e.action_id)).toContain(
      ACTION_IDS.feedbackUp,
    );

    await h.send.event(userMessage("D0ASK", threadTs, "who did she replace?"));
    await h.standIn.waitFor((calls) => calls.filter((c) => c.method === "chat.postMessage").length === 3);
    const followUp = h.standIn.callsTo("chat.postMessage")[2]!.args as { blocks: Block[] };
    expect(textOf(followUp.blocks)).toContain("Reading this as: *Priya Nair* — who did she replace?");
    // The title stays the first question's.
    expect(h.standIn.callsTo("assistant.threads.setTitle")).toHaveLength(1);
    expect(h.standIn.callsTo("assistant.threads.setStatus")).toHaveLength(2);
  });

  it("a thread's first question, however short, reads nothing and says nothing of a thread", async () => {
    const threadTs = ts();
    await h.send.event(started("D0FIRST", threadTs));
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
    );
    const replies = () =>
      h.standIn.callsTo("conversations.replies").filter((c) => c.args.channel === "D0FIRST");
    const posts = () => h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "D0FIRST");
    // A pronoun and no subject: a follow-up's shape, but nothing of ours precedes it in this thread.
    await h.send.event(userMessage("D0FIRST", threadTs, "who did she replace?"));
    await h.standIn.waitFor(() => posts().length === 2);
    const first = posts()[1]!.args as { blocks: Block[] };
    expect(replies()).toHaveLength(0);
    expect(textOf(first.blocks)).not.toContain(UNREAD.none);
    expect(textOf(first.blocks)).not.toContain("Reading this as");
    // Once answered, the thread is read for the next one.
    await h.send.event(userMessage("D0FIRST", threadTs, "how much will she be paid?"));
    await h.standIn.waitFor(() => posts().length === 3);
    expect(replies()).toHaveLength(1);
  });

  it("remembers the channel the user views as it changes", async () => {
    const { viewedChannel } = await import("../../src/slack/assistant-threads.js");
    const threadTs = ts();
    await h.send.event(started("D0CTX", threadTs, { channel_id: "C0FIRST", team_id: "T0NEWSROOM" }));
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
    );
    await h.app.idle();
    expect((await store.assistantThreads.get("D0CTX", threadTs))?.context.channelId).toBe("C0FIRST");
    await h.send.event(
      eventCallback({
        type: "assistant_thread_context_changed",
        assistant_thread: thread("D0CTX", threadTs, { channel_id: "C0SECOND", team_id: "T0NEWSROOM" }),
        event_ts: ts(),
      }),
    );
    await h.app.idle();
    const deps = { assistantThreads: store.assistantThreads, logger: { warn() {} } } as never;
    await expect.poll(() => viewedChannel(deps, "D0CTX", threadTs)).toBe("C0SECOND");
  });

  it("a forged thread start is refused; a replayed one is answered once", async () => {
    const body = started("D0REPLAY", ts());
    const forged = await h.send.event(body, { signature: "v0=0000" });
    expect(forged.status).toBe(401);
    await h.send.event(body);
    await h.send.event(body, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "assistant.threads.setSuggestedPrompts"),
    );
    await h.app.idle();
    expect(h.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "D0REPLAY")).toHaveLength(
      1,
    );
    expect(h.standIn.callsTo("assistant.threads.setSuggestedPrompts")).toHaveLength(1);
  });
});

describe("the App Home", () => {
  async function openHome(user: string, tab = "home") {
    const res = await h.send.event(
      eventCallback({ type: "app_home_opened", user, channel: "D0HOME", tab, event_ts: ts() }),
    );
    expect(res.status).toBe(200);
  }

  it("a user with no history sees how to ask, examples from the archive, its holdings and sources", async () => {
    await openHome("U0NEWCOMER");
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "views.publish"));
    const publish = h.standIn.callsTo("views.publish")[0]!.args as {
      user_id: string;
      view: { type: string; blocks: Block[] };
    };
    expect(publish.user_id).toBe("U0NEWCOMER");
    expect(publish.view.type).toBe("home");
    expect(publish.view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    const text = textOf(publish.view.blocks);
    expect(text).toContain("*7* articles from *2* publications (Bayside Courier, Capital Ledger)");
    expect(text).toContain(
      "Newest article: _School board names Priya Nair superintendent_ · Bayside Courier · 3 Jun 2025",
    );
    expect(text).toContain("*Courier feed* — last successful poll 2025-06-10 08:00 UTC");
    expect(text).toContain("*Ledger sitemap* — failing: The sitemap answered HTTP 503; retrying later.");
    expect(text).toContain("You have not asked anything yet");
    const examples = publish.view.blocks.find((b) => b.type === "actions")!.elements!.map((e) => e.value);
    expect(examples).toEqual(overview.examples);
    expect(injectedMentions({ blocks: publish.view.blocks })).toEqual([]);
    expect(h.standIn.homeView("U0NEWCOMER")).toBeDefined();
  });

  it("the Messages tab publishes nothing", async () => {
    await openHome("U0REPORTER", "messages");
    await h.app.idle();
    expect(h.standIn.callsTo("views.publish")).toHaveLength(0);
  });

  it("shows the user's own last questions as buttons that ask again, in the messages with the app", async () => {
    await h.send.command(
      commandFields("Who is the new superintendent?", h.standIn.responseUrl(), { user_id: "U0ASKER" }),
    );
    await h.send.command(
      commandFields("When does the harbour ferry run?", h.standIn.responseUrl(), { user_id: "U0ASKER" }),
    );
    await h.app.idle();
    await openHome("U0ASKER");
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "views.publish"));
    const view = h.standIn.homeView("U0ASKER") as { blocks: Block[] };
    const recent = view.blocks.find((b) => (b as { block_id?: string }).block_id === "newsdesk_home_recent")!;
    expect(recent.elements!.map((e) => e.value)).toEqual([
      "When does the harbour ferry run?",
      "Who is the new superintendent?",
    ]);
    // Another user's questions are not shown.
    await openHome("U0OTHER");
    await h.standIn.waitFor((calls) => calls.filter((c) => c.method === "views.publish").length === 2);
    expect(textOf((h.standIn.homeView("U0OTHER") as { blocks: Block[] }).blocks)).toContain(
      "You have not asked anything yet",
    );

    const again = recent.elements![1]!;
    await h.send.action({
      ...buttonClick({
        actionId: again.action_id!,
        value: again.value!,
        responseUrl: h.standIn.responseUrl(),
        user: "U0ASKER",
      }),
      container: { type: "view", view_id: "V1" },
      channel: undefined,
    });
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "U0ASKER"),
    );
    const post = h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === "U0ASKER")!.args as {
      text: string;
      metadata: { event_type: string };
    };
    expect(post.text).toMatch(/^You asked: Who is the new superintendent\?/);
    expect(post.metadata.event_type).toBe(THREAD_EVENT_TYPE);
  });
});
