/**
 * The desk workflows over Socket Mode, with the real engine over the desk corpus and a real embedded
 * store: channel settings scope the answers, a 👎 is stored and acts, the research desk gets the question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFeedbackValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { deskHarness, deskStore } from "../support/desk-harness.js";
import { type SlackAppHarness, startSlackAppHarness } from "../support/slack-app-harness.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, eventCallback, nextTs } from "../support/slack-signer.js";

type Element = { action_id?: string; value?: string; text?: unknown };
type Block = { type: string; text?: { text: string }; elements?: Element[] };
type Reply = { text: string; blocks: Block[]; response_type?: string };

const politics = { channel_id: "C0SOCKPOL", channel_name: "politics" };
const buttonsOf = (r: Reply) => r.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
const citations = (r: Reply) =>
  r.blocks
    .filter((b) => b.type === "context")
    .map((b) => String((b.elements?.[0]?.text as string | undefined) ?? ""))
    .filter((t) => /^\[\d+\]/.test(t));
const footer = (r: Reply) => {
  const last = r.blocks[r.blocks.length - 1]!;
  return last.type === "context" ? String(last.elements?.[0]?.text ?? "") : "";
};

let h: SlackAppHarness;

beforeAll(async () => {
  const options = await deskHarness({ RESEARCH_DESK_CHANNEL: "C0LIBRARY" })();
  h = await startSlackAppHarness({ ...options, mode: "socket" });
  await h.standIn.socketConnected();
});
afterAll(async () => {
  await h?.stop();
  await deskStore.current?.stop();
});

/** A slash command over the socket: the reply is the ack's payload, or a post to its response URL. */
async function command(text: string, fields: Record<string, string> = {}): Promise<Reply> {
  const responseUrl = h.standIn.responseUrl();
  const ack = await h.standIn.sendEnvelope("slash_commands", commandFields(text, responseUrl, fields));
  if (ack.payload && (ack.payload as { blocks?: unknown }).blocks) return ack.payload as unknown as Reply;
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
}

async function click(actionId: string, value: string, fields: { user?: string; channel?: string } = {}) {
  const responseUrl = h.standIn.responseUrl();
  await h.standIn.sendEnvelope("interactive", buttonClick({ actionId, value, responseUrl, ...fields }));
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
}

describe("desk workflows over Socket Mode", () => {
  it("/ask settings scopes the channel's answers and every scoped reply says so", async () => {
    const set = await command("settings section:Politics", politics);
    expect(set.text).toContain("Scope: section Politics");
    const scoped = await command("harbour ferry", politics);
    expect(citations(scoped).length).toBeGreaterThan(0);
    expect(citations(scoped).every((c) => c.includes("Council passes budget"))).toBe(true);
    expect(footer(scoped)).toBe("#politics scope: section Politics — `/ask settings`");
    const reset = await command("settings reset", politics);
    expect(reset.text).toContain("Scope: the whole archive");
  });

  it("a 👎 is stored whole and keeps that passage from first place for the question", async () => {
    const question = "When does the ferry timetable return after the hull repairs?";
    const before = await command(question);
    const down = buttonsOf(before).find((b) => b.action_id === ACTION_IDS.feedbackDown)!;
    const first = decodeFeedbackValue(down.value!)!.passage!;
    await click(ACTION_IDS.feedbackDown, down.value!, { user: "U0ALICE" });
    const stored = await deskStore.current!.feedback.list();
    expect(stored.some((v) => v.vote === "down" && `${v.articleId}#${v.paragraph}` === first)).toBe(true);
    const after = await command(question, { user_id: "U0BOB" });
    const again = buttonsOf(after).find((b) => b.action_id === ACTION_IDS.feedbackDown)!;
    expect(decodeFeedbackValue(again.value!)!.passage).not.toBe(first);
  });

  it("Ask the research desk posts the question to the desk channel and tells the asker", async () => {
    const reply = await command("Who won the chess championship?", {
      channel_id: "C0SPORT",
      user_id: "U0ASKER",
    });
    const button = buttonsOf(reply).find((b) => b.action_id === ACTION_IDS.askDesk)!;
    expect(button).toBeDefined();
    const told = await click(ACTION_IDS.askDesk, button.value!, { channel: "C0SPORT", user: "U0ASKER" });
    expect(told.text).toBe("Sent to <#C0LIBRARY>. You will be mentioned in its thread when someone answers.");
    const post = h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === "C0LIBRARY")!;
    expect(JSON.stringify(post.args)).toContain("Who won the chess championship?");
    expect(injectedMentions(post.args as unknown as Reply, ["U0ASKER"])).toEqual([]);
  });

  it("mentions the asker in the desk thread when a researcher answers there, once", async () => {
    const threadTs = "1710008888.000042";
    const remove = h.standIn.override("chat.postMessage", (call) =>
      call.args.channel === "C0LIBRARY"
        ? { body: { ok: true, channel: "C0LIBRARY", ts: threadTs } }
        : undefined,
    );
    const reply = await command("Who won the sailing cup?", {
      channel_id: "C0SPORT",
      user_id: "U0ASKER",
    });
    const button = buttonsOf(reply).find((b) => b.action_id === ACTION_IDS.askDesk)!;
    await click(ACTION_IDS.askDesk, button.value!, { channel: "C0SPORT", user: "U0ASKER" });
    remove();
    h.standIn.calls.length = 0;
    const threadReply = (user: string, text: string) =>
      h.standIn.sendEnvelope(
        "events_api",
        eventCallback({
          type: "message",
          channel_type: "channel",
          channel: "C0LIBRARY",
          user,
          text,
          ts: nextTs(),
          thread_ts: threadTs,
        }),
      );
    // The asker's own reply is not an answer.
    await threadReply("U0ASKER", "Anyone?");
    await new Promise((r) => setTimeout(r, 300));
    expect(h.standIn.callsTo("chat.postMessage")).toEqual([]);
    await threadReply("U0LIBRARIAN", "Found it: the results of 5 March.");
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "chat.postMessage"));
    expect(h.standIn.callsTo("chat.postMessage")[0]!.args).toMatchObject({
      channel: "C0LIBRARY",
      thread_ts: threadTs,
      text: "<@U0ASKER> — <@U0LIBRARIAN> answered your question in this thread.",
    });
    // Once: a second answer mentions nobody again.
    await threadReply("U0OTHERLIBRARIAN", "Also in the sports pages.");
    await new Promise((r) => setTimeout(r, 300));
    expect(h.standIn.callsTo("chat.postMessage")).toHaveLength(1);
  });
});
