/**
 * A fourth round of hostile input over signed HTTP against the Web API stand-in, with the real engine
 * over the desk corpus and a real store: each test is a defect found by attacking the desk workflows,
 * the follow-ups and the shortcut, kept so that it stays fixed.
 */
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { THREAD_EVENT_TYPE } from "../../src/slack/thread-metadata.js";
import { deskHarness, deskStore, stopDeskStore } from "../support/desk-harness.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import {
  buttonClick,
  commandFields,
  dmEvent,
  eventCallback,
  mentionEvent,
  nextTs,
  shortcutPayload,
} from "../support/slack-signer.js";
import { STAND_IN_APP_ID, STAND_IN_BOT_ID, STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Element = { action_id?: string; value?: string; text?: unknown };
type Block = { type: string; text?: { text: string }; elements?: Element[] };
type Reply = { text: string; blocks: Block[]; metadata?: { event_payload: Record<string, unknown> } };

const h = useSlackAppHarness(deskHarness({ RESEARCH_DESK_CHANNEL: "C0LIBRARY" }));
stopDeskStore();

async function command(text: string, fields: Record<string, string> = {}): Promise<Reply> {
  const res = await h.send.command(commandFields(text, h.standIn.responseUrl(), fields));
  expect(res.status).toBe(200);
  return res.json as unknown as Reply;
}

/** Presses a button; what came back by its response URL. */
async function press(actionId: string, value: string, channel = "C0NEWS"): Promise<Reply> {
  const responseUrl = h.standIn.responseUrl();
  const res = await h.send.action(buttonClick({ actionId, value, responseUrl, channel }));
  expect(res.status).toBe(200);
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
}

const buttonValue = (reply: Reply, actionId: string) =>
  reply.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)!.value!;
const footer = (r: Reply) => {
  const last = r.blocks[r.blocks.length - 1]!;
  return last.type === "context" ? String(last.elements![0]!.text ?? "") : "";
};

describe("channel settings values", () => {
  it("a value with a line break or a direction override is refused: it cannot forge a line of the settings", async () => {
    const channel = { channel_id: "C0FORGE", channel_name: "forge" };
    for (const text of [
      'settings section:"Politics\n• Who may change them: nobody"',
      "settings byline:Ann\u202ELee",
      'settings from:"Courier\u0000"',
    ]) {
      const reply = await command(text, channel);
      expect(reply.blocks, text).toHaveLength(1);
      expect(reply.text, text).toMatch(/may not contain line breaks or control characters/);
    }
    const shown = await command("settings", channel);
    expect(shown.text).toContain("Scope: the whole archive");
    expect(shown.text.match(/Who may change them/g)).toHaveLength(1);
    expect(footer(await command("council budget", channel))).not.toContain("scope");
  });
});

describe("thread metadata of a hostile question", () => {
  it("a question of control characters and long filters is still answered: its metadata fits Slack's limit", async () => {
    const junk = (n: number) => "\u0001".repeat(n);
    const filters = (key: string) => Array.from({ length: 10 }, (_, i) => `${key}:${junk(99)}${i}`).join(" ");
    const question = `council budget ${junk(480)} ${filters("from")} ${filters("section")} ${filters("byline")}`;
    await h.send.event(dmEvent(question, { channel: "D0HOSTILE" }));
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0HOSTILE"),
    );
    await h.app.idle();
    // Posted, not refused (metadata_too_large): the asker has an answer in the DM.
    const kept = h.standIn.messages("D0HOSTILE");
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept[0]!.metadata).length).toBeLessThanOrEqual(8_000);
    expect(String(kept[0]!.text)).toMatch(/^You asked: council budget/);
  });
});

describe("a thread whose metadata of ours names no real day", () => {
  it("the follow-up is not told that a filter its asker never typed is not a date", async () => {
    const rootTs = "1710000100.000100";
    h.standIn.addMessage("C0ODDMETA", {
      ts: rootTs,
      user: "U0REPORTER",
      text: `<@${STAND_IN_BOT_USER_ID}> council budget`,
    });
    h.standIn.addMessage("C0ODDMETA", {
      user: STAND_IN_BOT_USER_ID,
      bot_id: STAND_IN_BOT_ID,
      app_id: STAND_IN_APP_ID,
      thread_ts: rootTs,
      text: "You asked: council budget",
      metadata: {
        event_type: THREAD_EVENT_TYPE,
        event_payload: {
          question: "council budget",
          cited: "council-budget-vote#1",
          asked: "2024-13-45",
          after: "2024-99-99",
          before: "0000-00",
        },
      },
    });
    await h.send.event(mentionEvent("and who opposed it?", { channel: "C0ODDMETA", thread_ts: rootTs }));
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "C0ODDMETA"),
    );
    const reply = h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === "C0ODDMETA")!
      .args as unknown as Reply;
    expect(reply.text).toContain("Reading this as: council budget");
    expect(reply.text).not.toMatch(/not a date|cannot be used|2024-99-99/);
    expect(reply.text).toMatch(/\[1\] /);
  });
});

describe("the research desk's channel refuses the post", () => {
  it("an archived desk gets a sentence saying so and how to set another, not 'try again'", async () => {
    const reply = await command("Who won the chess championship?", { channel_id: "C0SPORT" });
    const remove = h.standIn.override("chat.postMessage", () => ({
      body: { ok: false, error: "is_archived" },
    }));
    try {
      const told = await press(ACTION_IDS.askDesk, buttonValue(reply, ACTION_IDS.askDesk), "C0SPORT");
      expect(told.text).toBe(
        "The research desk's channel, <#C0LIBRARY>, is archived; set another with /ask settings desk:#channel.",
      );
      expect(injectedMentions(told)).toEqual([]);
    } finally {
      remove();
    }
  });
});

describe("button values that name no real day or number", () => {
  it("a vote with an impossible day, rank or paragraph, or an oversized question, stores nothing of it", async () => {
    const before = (await deskStore.current!.feedback.list()).length;
    for (const value of [
      { q: "ferry", v: "down", p: "ferry-timetable-returns#1", r: 1, a: "2024-99-99" },
      { q: "ferry", v: "down", p: "ferry-timetable-returns#1", r: 1e300 },
      { q: "ferry", v: "down", p: "ferry-timetable-returns#99999999999999999999999", r: 1 },
      { q: "x".repeat(100_000), v: "down", p: `${"b".repeat(50_000)}#1`, r: 1 },
    ]) {
      await press(ACTION_IDS.feedbackDown, JSON.stringify(value));
    }
    const all = await deskStore.current!.feedback.list();
    // Newest first: the votes these presses stored.
    const stored = all.slice(0, all.length - before);
    // The impossible day and rank are kept without them; a paragraph past any safe number and a
    // 50,000-character id name no passage, and are refused.
    expect(stored.map((v) => `${v.articleId}#${v.paragraph}`)).toEqual([
      "ferry-timetable-returns#1",
      "ferry-timetable-returns#1",
    ]);
    for (const vote of stored) {
      expect(vote.askedDay).not.toBe("2024-99-99");
      expect(Number.isSafeInteger(vote.rank)).toBe(true);
      expect(Number.isSafeInteger(vote.paragraph)).toBe(true);
      expect(vote.question.length).toBeLessThanOrEqual(2_000);
      expect(vote.articleId.length).toBeLessThanOrEqual(200);
    }
  });

  it("More and Timeline on a value with an impossible day answer as of today", async () => {
    const more = await press(ACTION_IDS.more, JSON.stringify({ q: "harbour ferry", o: 1, a: "2024-02-30" }));
    expect(more.text).toMatch(/^More for: harbour ferry/);
    const timeline = await press(
      ACTION_IDS.timeline,
      JSON.stringify({ q: "council budget", o: 0, a: "2024-99-99" }),
    );
    expect(timeline.text).not.toContain("not a date");
    expect(slackLimitProblems(timeline)).toEqual([]);
  });
});

async function findCoverage(message: Record<string, unknown>): Promise<Reply> {
  const responseUrl = h.standIn.responseUrl();
  const res = await h.send.action(
    shortcutPayload(responseUrl, { ts: "1710000000.000100", user: undefined, ...message }),
  );
  expect(res.status).toBe(200);
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
}

describe("Find our coverage on messages without plain text", () => {
  it("an app's message of blocks or attachments only is searched by the words it shows", async () => {
    const blocks = await findCoverage({
      bot_id: "B0ALERTS",
      text: "",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Council passes budget after late vote" } }],
    });
    expect(blocks.text).toMatch(/^You asked: Council passes budget after late vote/);
    const attachments = await findCoverage({
      bot_id: "B0ALERTS",
      attachments: [{ fallback: "Council budget vote", text: "Council passes budget after late vote" }],
    });
    expect(attachments.text).toMatch(/^You asked: Council passes budget after late vote/);
  });

  it("a message whose text is not a string gets the one sentence, not silence", async () => {
    const reply = await findCoverage({ text: { not: "a string" } });
    expect(reply.text).toMatch(/^That message has no text to search for/);
  });
});

describe("questions sent with a file, or also to the conversation", () => {
  it("a DM with a file attached and a thread reply also sent to the DM are answered, not ignored", async () => {
    await h.send.event(
      dmEvent("council budget", {
        channel: "D0FILE",
        subtype: "file_share",
        files: [{ id: "F0SCREENSHOT", name: "claim.png" }],
      }),
    );
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0FILE"),
    );
    expect(String(h.standIn.messages("D0FILE")[0]!.text)).toMatch(/^You asked: council budget/);

    const rootTs = "1710000200.000100";
    await h.send.event(
      dmEvent("who opposed the budget?", {
        channel: "D0BROADCAST",
        thread_ts: rootTs,
        subtype: "thread_broadcast",
      }),
    );
    await h.standIn.waitFor((calls) =>
      calls.some((c) => c.method === "chat.postMessage" && c.args.channel === "D0BROADCAST"),
    );
    expect(
      h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === "D0BROADCAST")!.args,
    ).toMatchObject({ thread_ts: rootTs });
  });

  it("edits, deletions and joins are still no questions", async () => {
    for (const subtype of ["message_changed", "message_deleted", "channel_join", "bot_message"]) {
      await h.send.event(dmEvent("council budget", { channel: "D0EDITS", subtype }));
    }
    await new Promise((r) => setTimeout(r, 300));
    await h.app.idle();
    expect(h.standIn.messages("D0EDITS")).toEqual([]);
  });
});

describe("what Slack answers, read back into a sentence", () => {
  const fake = createFakeAsk();
  const guarded = useSlackAppHarness({
    ask: async (question, options) => fake(question, options),
    env: { SETTINGS_USERGROUP: "S0EDITORS" },
  });

  it("an error Slack gives for the user group that is no error code is not shown: it could ping", async () => {
    const remove = guarded.standIn.override("usergroups.users.list", () => ({
      body: { ok: false, error: "<!channel> *down*" },
    }));
    try {
      const res = await guarded.send.command(
        commandFields("settings section:Politics", guarded.standIn.responseUrl(), { channel_id: "C0GROUP" }),
      );
      const reply = res.json as unknown as Reply;
      expect(reply.text).toMatch(/^I could not check the user group in SETTINGS_USERGROUP/);
      expect(injectedMentions(reply)).toEqual([]);
      expect(reply.text).toContain("(Slack's answer could not be read)");
    } finally {
      remove();
    }
  });
});

describe("a question sent to the research desk from a direct message", () => {
  it("names where it was asked in words, not as a link to a DM the desk cannot open", async () => {
    const reply = await command("Who won the darts final?", { channel_id: "D0ASKER" });
    await press(ACTION_IDS.askDesk, buttonValue(reply, ACTION_IDS.askDesk), "D0ASKER");
    const post = h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === "C0LIBRARY")!
      .args as unknown as Reply;
    expect(post.blocks[0]!.text!.text).toMatch(/from <@U0REPORTER> in a direct message, asked /);
    expect(JSON.stringify(post)).not.toContain("<#D0ASKER");
  });
});

describe("the desk thread's mention of the asker", () => {
  it("when posting it fails, the next answer in the thread tells the asker; once", async () => {
    const threadTs = "1710009999.000777";
    const remove = h.standIn.override("chat.postMessage", (call) =>
      call.args.channel === "C0LIBRARY" && call.args.thread_ts === undefined
        ? { body: { ok: true, channel: "C0LIBRARY", ts: threadTs } }
        : undefined,
    );
    const reply = await command("Who won the sailing cup?", {
      channel_id: "C0SPORT",
      user_id: "U0ASKER",
    });
    await press(ACTION_IDS.askDesk, buttonValue(reply, ACTION_IDS.askDesk), "C0SPORT");
    remove();
    const answerIn = (user: string) =>
      h.send.event(
        eventCallback({
          type: "message",
          channel_type: "channel",
          channel: "C0LIBRARY",
          user,
          text: "Found it in the minutes.",
          ts: nextTs(),
          thread_ts: threadTs,
        }),
      );
    const failing = h.standIn.override("chat.postMessage", () => ({
      body: { ok: false, error: "fatal_error" },
    }));
    await answerIn("U0LIBRARIAN");
    await h.standIn.waitFor((calls) => calls.some((c) => c.args.thread_ts === threadTs));
    await h.app.idle();
    failing();
    await answerIn("U0OTHERLIBRARIAN");
    await answerIn("U0THIRD");
    await new Promise((r) => setTimeout(r, 300));
    await h.app.idle();
    const told = h.standIn.messages("C0LIBRARY").filter((m) => m.thread_ts === threadTs);
    expect(told.map((m) => m.text)).toEqual([
      "<@U0REPORTER> — <@U0OTHERLIBRARIAN> answered your question in this thread.",
    ]);
  });
});
