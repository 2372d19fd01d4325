import { describe, expect, it } from "vitest";
import { decodePageValue, encodePageValue } from "../../src/slack/action-values.js";
import { ACTION_IDS, NOT_FOUND_SENTENCE } from "../../src/slack/answer-blocks.js";
import { NO_MORE } from "../../src/slack/surfaces/buttons.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-app-harness.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import {
  buttonClick,
  commandFields,
  dmEvent,
  eventCallback,
  mentionEvent,
  nextTs,
  slackSignature,
} from "../support/slack-signer.js";
import { STAND_IN_BOT_ID, STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

const passages = Array.from({ length: 5 }, (_, i) =>
  makePassage({ articleId: `story-${i + 1}`, articleTitle: `Story ${i + 1}`, paragraph: i + 2 }),
);
const ask = createFakeAsk(passages);
const h = useSlackAppHarness({ ask }, { clearEach: [ask.calls] });

type Reply = { text: string; blocks: Array<{ type: string; text?: { text: string }; elements?: unknown[] }> };
const sectionTexts = (reply: Reply) =>
  reply.blocks.filter((b) => b.type === "section").map((b) => b.text!.text);
const buttonsOf = (reply: Reply) =>
  reply.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>);
const posts = () =>
  h.standIn.callsTo("chat.postMessage").map((c) => c.args as Reply & Record<string, unknown>);

/** Sends a plain DM as a marker and waits until it is answered: everything sent before it has been handled. */
async function settle(): Promise<void> {
  await h.send.event(dmEvent("sentence?", { channel: "D0SETTLE" }));
  await h.standIn.waitFor((calls) =>
    calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0SETTLE"),
  );
  await h.app.idle();
}

describe("HTTP mode: basics", () => {
  it("answers url_verification with the challenge", async () => {
    const res = await h.send.event({ token: "t", challenge: "abc123", type: "url_verification" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: "abc123" });
  });

  it("serves GET /healthz and 404 elsewhere", async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, mode: "http" });
    expect((await fetch(`${h.baseUrl}/nope`)).status).toBe(404);
  });

  it("learned its bot user id from auth.test on the stand-in, with the bot token", () => {
    expect(h.app.botUserId).toBe(STAND_IN_BOT_USER_ID);
  });
});

describe("HTTP mode: signatures", () => {
  const body = () => JSON.stringify(mentionEvent("sentence?"));

  it("a forged signature gets 401 and nothing is asked or posted", async () => {
    const res = await h.send.raw(body(), "application/json", { signature: `v0=${"0".repeat(64)}` });
    expect(res.status).toBe(401);
    const wrongSecret = body();
    const now = Math.floor(Date.now() / 1000);
    const res2 = await h.send.raw(wrongSecret, "application/json", {
      signature: slackSignature("not-the-secret", now, wrongSecret),
      timestamp: now,
    });
    expect(res2.status).toBe(401);
    await settle();
    expect(ask.calls).toEqual(["sentence?"]);
    expect(posts().map((p) => p.channel)).toEqual(["D0SETTLE"]);
  });

  it("a stale (10 minutes old) and a future-dated (10 minutes ahead) request get 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await h.send.raw(body(), "application/json", { timestamp: now - 600 })).status).toBe(401);
    expect((await h.send.raw(body(), "application/json", { timestamp: now + 600 })).status).toBe(401);
    await settle();
    expect(posts().map((p) => p.channel)).toEqual(["D0SETTLE"]);
  });

  it("a signature over a different body (tampered after signing) gets 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = body();
    const tampered = signed.replace("sentence?", "<!channel> sentence?");
    const res = await h.send.raw(tampered, "application/json", {
      signature: slackSignature(TEST_SIGNING_SECRET, now, signed),
      timestamp: now,
    });
    expect(res.status).toBe(401);
  });
});

describe("HTTP mode: /ask", () => {
  it("acks with an ephemeral answer that restates the question and offers Share and More", async () => {
    const res = await h.send.command(commandFields("How long was the sentence?", h.standIn.responseUrl()));
    expect(res.status).toBe(200);
    const reply = res.json as unknown as Reply & { response_type: string };
    expect(reply.response_type).toBe("ephemeral");
    expect(sectionTexts(reply)[0]).toBe("*You asked:* How long was the sentence?");
    expect(sectionTexts(reply)[1]).toContain("*18 years*");
    expect(reply.text).toContain("Story 1");
    expect(buttonsOf(reply).map((b) => b.action_id)).toContain(ACTION_IDS.share);
    expect(buttonsOf(reply).map((b) => b.action_id)).toContain(ACTION_IDS.more);
    expect(slackLimitProblems(reply)).toEqual([]);
    expect(ask.calls).toEqual(["How long was the sentence?"]);
    await h.app.idle();
    expect(posts()).toEqual([]);
  });

  it("empty and `help` show usage without asking", async () => {
    for (const text of ["", "   ", "help"]) {
      const res = await h.send.command(commandFields(text, h.standIn.responseUrl()));
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      expect(String(res.json?.text)).toContain("/ask");
    }
    expect(ask.calls).toEqual([]);
  });

  it("a 20 KB command is answered within Slack's limits", async () => {
    const text = `sentence ${"x".repeat(20 * 1024)}`;
    const res = await h.send.command(commandFields(text, h.standIn.responseUrl()));
    expect(res.status).toBe(200);
    const reply = res.json as unknown as Reply;
    expect(slackLimitProblems(reply)).toEqual([]);
    for (const b of buttonsOf(reply)) expect(b.value.length).toBeLessThanOrEqual(2000);
    expect(sectionTexts(reply)[0]!.length).toBeLessThan(3000);
  });

  it("<!channel> and <@U…> inside a question are escaped, never a broadcast or mention", async () => {
    const res = await h.send.command(
      commandFields("<!channel> <@U0VICTIM> <!subteam^S1|@desk> sentence?", h.standIn.responseUrl()),
    );
    const reply = res.json as unknown as Reply;
    expect(injectedMentions(reply)).toEqual([]);
    expect(JSON.stringify(reply.blocks)).not.toMatch(/<!|<@/);
    expect(sectionTexts(reply)[0]).toContain("@channel @U0VICTIM @desk sentence?");
  });

  it("an off-topic question gets the not-found sentence and a hint", async () => {
    const res = await h.send.command(commandFields("unknown topic entirely", h.standIn.responseUrl()));
    const reply = res.json as unknown as Reply;
    expect(sectionTexts(reply)).toContain(NOT_FOUND_SENTENCE);
    expect(reply.text).toContain(NOT_FOUND_SENTENCE);
    expect(buttonsOf(reply)).toEqual([]);
  });
});

describe("HTTP mode: mentions and DMs", () => {
  it("a channel mention is answered in the mention's thread, with the bot's own mention stripped", async () => {
    const ts = nextTs();
    const res = await h.send.event(mentionEvent("How long was the sentence?", { ts }));
    expect(res.status).toBe(200);
    await h.standIn.waitFor(() => posts().length === 1);
    const post = posts()[0]!;
    expect(post).toMatchObject({
      channel: "C0NEWS",
      thread_ts: ts,
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(sectionTexts(post)[0]).toBe("*You asked:* How long was the sentence?");
    expect(h.standIn.callsTo("chat.postMessage")[0]!.token).toBe(TEST_BOT_TOKEN);
    expect(ask.calls).toEqual(["How long was the sentence?"]);
    expect(buttonsOf(post).map((b) => b.action_id)).not.toContain(ACTION_IDS.share);
  });

  it("a mention inside a thread is answered in that thread", async () => {
    const threadTs = nextTs();
    await h.send.event(mentionEvent("sentence?", { thread_ts: threadTs }));
    await h.standIn.waitFor(() => posts().length === 1);
    expect(posts()[0]).toMatchObject({ channel: "C0NEWS", thread_ts: threadTs });
  });

  it("a DM is answered in the DM; a follow-up in a DM thread in that thread", async () => {
    await h.send.event(dmEvent("How long was the sentence?"));
    await h.standIn.waitFor(() => posts().length === 1);
    expect(posts()[0]!.channel).toBe("D0DM");
    expect(posts()[0]!.thread_ts).toBeUndefined();
    const threadTs = nextTs();
    await h.send.event(dmEvent("and the appeal?", { thread_ts: threadTs }));
    await h.standIn.waitFor(() => posts().length === 2);
    expect(posts()[1]).toMatchObject({ channel: "D0DM", thread_ts: threadTs });
  });

  it("the same event retried (X-Slack-Retry-Num) is answered once", async () => {
    const body = mentionEvent("sentence?");
    expect((await h.send.event(body)).status).toBe(200);
    expect(
      (
        await h.send.event(body, {
          headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await h.send.event(body, {
          headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" },
        })
      ).status,
    ).toBe(200);
    await settle();
    expect(posts().filter((p) => p.channel === "C0NEWS")).toHaveLength(1);
  });

  it("a mention in a DM, delivered as app_mention and as message.im, is answered once", async () => {
    const ts = nextTs();
    const text = `<@${STAND_IN_BOT_USER_ID}> sentence?`;
    await h.send.event(eventCallback({ type: "app_mention", channel: "D0DM", user: "U0REPORTER", text, ts }));
    await h.send.event(
      eventCallback({ type: "message", channel_type: "im", channel: "D0DM", user: "U0REPORTER", text, ts }),
    );
    await settle();
    expect(posts().filter((p) => p.channel === "D0DM")).toHaveLength(1);
  });

  it("ignores other bots, its own messages, edits and deletions", async () => {
    const dm = { type: "message", channel_type: "im", channel: "D0DM" };
    await h.send.event(
      eventCallback({ ...dm, subtype: "bot_message", bot_id: "B0OTHER", text: "sentence?", ts: nextTs() }),
    );
    await h.send.event(
      eventCallback({ ...dm, bot_id: "B0OTHER", user: "U0OTHERBOT", text: "sentence?", ts: nextTs() }),
    );
    await h.send.event(
      eventCallback({
        ...dm,
        bot_id: STAND_IN_BOT_ID,
        user: STAND_IN_BOT_USER_ID,
        text: "sentence?",
        ts: nextTs(),
      }),
    );
    await h.send.event(
      eventCallback({
        ...dm,
        subtype: "message_changed",
        message: { text: "sentence?", user: "U0REPORTER", ts: nextTs() },
        ts: nextTs(),
      }),
    );
    await h.send.event(
      eventCallback({ ...dm, subtype: "message_deleted", deleted_ts: nextTs(), ts: nextTs() }),
    );
    await h.send.event(mentionEvent("sentence?", { bot_id: "B0OTHER", user: "U0OTHERBOT" }));
    await h.send.event(
      eventCallback({
        type: "message",
        channel_type: "channel",
        channel: "C0NEWS",
        user: "U0REPORTER",
        text: "sentence?",
        ts: nextTs(),
      }),
    );
    await settle();
    expect(posts().map((p) => p.channel)).toEqual(["D0SETTLE"]);
    expect(ask.calls).toEqual(["sentence?"]);
  });

  it("a broadcast inside a mention's question is escaped in the post", async () => {
    await h.send.event(mentionEvent("<!here> &lt;!channel&gt; sentence?"));
    await h.standIn.waitFor(() => posts().length === 1);
    expect(injectedMentions(posts()[0]!)).toEqual([]);
    expect(sectionTexts(posts()[0]!)[0]).toBe("*You asked:* @here &lt;!channel&gt; sentence?");
  });
});

describe("HTTP mode: buttons", () => {
  async function firstAnswer() {
    const res = await h.send.command(commandFields("How long was the sentence?", h.standIn.responseUrl()));
    const buttons = buttonsOf(res.json as unknown as Reply);
    return (id: string) => buttons.find((b) => b.action_id === id)!.value;
  }

  it("Share posts the same answer visibly in the channel, credited to the sharer", async () => {
    const value = (await firstAnswer())(ACTION_IDS.share);
    const responseUrl = h.standIn.responseUrl();
    const res = await h.send.action(buttonClick({ actionId: ACTION_IDS.share, value, responseUrl }));
    expect(res.status).toBe(200);
    await h.standIn.waitFor(() => posts().length === 1 && h.standIn.callsTo("response_url").length === 1);
    const post = posts()[0]!;
    expect(post.channel).toBe("C0NEWS");
    expect(JSON.stringify(post.blocks)).toContain("Shared by <@U0REPORTER>");
    expect(sectionTexts(post)[0]).toBe("*You asked:* How long was the sentence?");
    expect(buttonsOf(post).map((b) => b.action_id)).not.toContain(ACTION_IDS.share);
    expect(injectedMentions(post, ["U0REPORTER"])).toEqual([]);
    // One of our answers, visible in the channel: a follow-up in its thread reads it back.
    expect(
      (post as { metadata?: { event_payload?: { question?: string } } }).metadata?.event_payload,
    ).toMatchObject({
      question: "How long was the sentence?",
    });
    expect(h.standIn.callsTo("response_url")[0]!.args).toMatchObject({
      response_type: "ephemeral",
      text: "Shared in the channel.",
    });
  });

  it("Share tells the asker in one sentence when the bot is not in the channel", async () => {
    const value = (await firstAnswer())(ACTION_IDS.share);
    const remove = h.standIn.override("chat.postMessage", () => ({
      body: { ok: false, error: "not_in_channel" },
    }));
    try {
      await h.send.action(
        buttonClick({ actionId: ACTION_IDS.share, value, responseUrl: h.standIn.responseUrl() }),
      );
      await h.standIn.waitFor(() => h.standIn.callsTo("response_url").length === 1);
      expect(String(h.standIn.callsTo("response_url")[0]!.args.text)).toMatch(/invite me/);
    } finally {
      remove();
    }
  });

  it("More on an ephemeral answer shows the next passages privately, ranks continuing", async () => {
    const value = (await firstAnswer())(ACTION_IDS.more);
    // The button also carries the day the question was asked (the app's clock here: today).
    expect(decodePageValue(value)).toEqual({
      question: "How long was the sentence?",
      offset: 3,
      asked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    await h.send.action(
      buttonClick({ actionId: ACTION_IDS.more, value, responseUrl: h.standIn.responseUrl() }),
    );
    await h.standIn.waitFor(() => h.standIn.callsTo("response_url").length === 1);
    const reply = h.standIn.callsTo("response_url")[0]!.args as unknown as Reply & { response_type: string };
    expect(reply.response_type).toBe("ephemeral");
    expect(sectionTexts(reply)[0]).toBe("*More for:* How long was the sentence?");
    expect(reply.text).toContain("[4]");
    expect(reply.text).toContain("Story 5");
    expect(reply.text).not.toContain("Story 1,");
    expect(buttonsOf(reply).map((b) => b.action_id)).not.toContain(ACTION_IDS.more);
  });

  /** A click on More under an answer posted in the channel (not an ephemeral one). */
  const moreInChannel = (value: string, messageTs?: string) =>
    buttonClick({
      actionId: ACTION_IDS.more,
      value,
      responseUrl: h.standIn.responseUrl(),
      isEphemeral: false,
      ...(messageTs ? { messageTs } : {}),
    });

  it("More on a visible answer posts the next passages in its thread", async () => {
    const value = (await firstAnswer())(ACTION_IDS.more);
    const messageTs = nextTs();
    await h.send.action(moreInChannel(value, messageTs));
    await h.standIn.waitFor(() => posts().length === 1);
    expect(posts()[0]).toMatchObject({ channel: "C0NEWS", thread_ts: messageTs });
    expect(posts()[0]!.text).toContain("[4]");
  });

  it("More past the last passage says there is no more, privately", async () => {
    const value = encodePageValue({ question: "How long was the sentence?", offset: 5 });
    await h.send.action(moreInChannel(value));
    await h.standIn.waitFor(() => h.standIn.callsTo("response_url").length === 1);
    expect(h.standIn.callsTo("response_url")[0]!.args).toMatchObject({
      response_type: "ephemeral",
      text: NO_MORE,
    });
    expect(posts()).toEqual([]);
  });

  it("👍/👎 are acknowledged privately and logged with the question's hash and the passage voted on", async () => {
    const value = (await firstAnswer())(ACTION_IDS.feedbackDown);
    await h.send.action(
      buttonClick({ actionId: ACTION_IDS.feedbackDown, value, responseUrl: h.standIn.responseUrl() }),
    );
    await h.standIn.waitFor(() => h.standIn.callsTo("response_url").length === 1);
    expect(h.standIn.callsTo("response_url")[0]!.args).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    const line = h.logs.find((l) => l.msg === "answer feedback" && l.vote === "down");
    expect(line).toMatchObject({ passage: "story-1#2", rank: 1, user: "U0REPORTER" });
    expect(line!.questionHash).toMatch(/^[0-9a-f]{12}$/);
    // Staff questions stay out of the logs.
    expect(JSON.stringify(line)).not.toContain("How long was the sentence?");
  });
});

describe("HTTP mode: logs", () => {
  it("one line per handled request with surface, latency, passages and found; no secrets", async () => {
    await h.app.idle();
    const before = h.logs.length;
    await h.send.command(commandFields("How long was the sentence?", h.standIn.responseUrl()));
    await h.send.command(commandFields("unknown thing", h.standIn.responseUrl()));
    await h.app.idle();
    const handled = h.logs.slice(before).filter((l) => l.msg === "slack request handled");
    expect(handled).toEqual([
      expect.objectContaining({
        surface: "command",
        passages: 3,
        found: true,
        latencyMs: expect.any(Number),
      }),
      expect.objectContaining({
        surface: "command",
        passages: 0,
        found: false,
        latencyMs: expect.any(Number),
      }),
    ]);
    expect(h.logText()).not.toContain(TEST_BOT_TOKEN);
    expect(h.logText()).not.toContain(TEST_SIGNING_SECRET);
  });
});
