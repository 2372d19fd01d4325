/**
 * The message shortcut "Find our coverage" over signed HTTP and over Socket Mode, against the Web API
 * stand-in, with the real engine over the desk corpus and a real store.
 */
import { describe, expect, it } from "vitest";
import { decodePageValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { NOTHING_TO_SEARCH, SHORTCUT_QUESTION_CHARS } from "../../src/slack/surfaces/message-shortcut.js";
import { deskHarness } from "../support/desk-harness.js";
import type { SlackAppHarness } from "../support/slack-app-harness.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields, shortcutPayload } from "../support/slack-signer.js";
import { STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Reply = {
  text: string;
  blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text?: string }> }>;
};

/** Seconds since the epoch of a day, as a message ts. */
const tsOf = (day: string) => `${Date.parse(`${day}T12:00:00Z`) / 1000}.000100`;

const CLAIM = "Councillor Priya Nair says the ferry money would be wasted without a new dry dock";
const citations = (r: Reply) =>
  r.blocks
    .filter((b) => b.type === "context")
    .map((b) => b.elements?.[0]?.text ?? "")
    .filter((t) => t.startsWith("["));

async function viaHttp(
  h: SlackAppHarness,
  message: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  const responseUrl = h.standIn.responseUrl();
  const res = await h.send.action(shortcutPayload(responseUrl, message, overrides));
  expect(res.status).toBe(200);
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply & {
    response_type: string;
  };
}

describe("Find our coverage over HTTP", () => {
  const h = useSlackAppHarness(deskHarness());

  it("answers privately with the passages on the message's subject, as of the message's day", async () => {
    const reply = await viaHttp(h, { text: CLAIM, ts: tsOf("2024-03-10") });
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.blocks[0]!.text!.text).toBe(`*You asked:* ${CLAIM}`);
    expect(citations(reply)[0]).toContain("Council passes budget");
    expect(slackLimitProblems(reply)).toEqual([]);
    // Asked on the message's own day: an article published after it is never quoted.
    const earlier = await viaHttp(h, { text: CLAIM, ts: tsOf("2024-03-02") });
    expect(citations(earlier).some((c) => c.includes("Council passes budget"))).toBe(false);
    expect(h.standIn.callsTo("chat.postMessage")).toEqual([]);
  });

  it("offers Share and More; More pages as of the message's day", async () => {
    const day = "2024-03-02";
    const reply = await viaHttp(h, { text: "harbour ferry hull repairs", ts: tsOf(day) });
    const buttons = reply.blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : [])) as Array<{
      action_id?: string;
      value?: string;
    }>;
    const ids = buttons.map((b) => b.action_id);
    expect(ids).toContain(ACTION_IDS.share);
    expect(ids).toContain(ACTION_IDS.more);
    const more = buttons.find((b) => b.action_id === ACTION_IDS.more)!.value!;
    expect(decodePageValue(more)).toMatchObject({ question: "harbour ferry hull repairs", asked: day });
    const responseUrl = h.standIn.responseUrl();
    await h.send.action(buttonClick({ actionId: ACTION_IDS.more, value: more, responseUrl }));
    const id = responseUrl.split("/").pop();
    await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
    const next = h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args as unknown as Reply;
    expect(next.blocks[0]!.text!.text).toBe("*More for:* harbour ferry hull repairs");
    expect(citations(next).length).toBeGreaterThan(0);
    // The budget (5 Mar 2024) mentions the harbour ferry, but was published after the message.
    expect(citations(next).some((c) => c.includes("Council passes budget"))).toBe(false);
    const today = await viaHttp(h, { text: "harbour ferry hull repairs", ts: tsOf("2024-03-10") });
    const all = [...citations(today)];
    const todayMore = (
      today.blocks.flatMap((b) => b.elements ?? []) as Array<{ action_id?: string; value?: string }>
    ).find((b) => b.action_id === ACTION_IDS.more)!.value!;
    const laterUrl = h.standIn.responseUrl();
    await h.send.action(buttonClick({ actionId: ACTION_IDS.more, value: todayMore, responseUrl: laterUrl }));
    const laterId = laterUrl.split("/").pop();
    await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === laterId));
    all.push(
      ...citations(
        h.standIn.callsTo("response_url").find((c) => c.responseId === laterId)!.args as unknown as Reply,
      ),
    );
    // …while asked after it, the budget is among the passages: the day is what left it out.
    expect(all.some((c) => c.includes("Council passes budget"))).toBe(true);
  });

  it("applies the channel's scope, and says so in the footer", async () => {
    const fields = { channel_id: "C0TRANSPORT", channel_name: "transport" };
    await h.send.command(commandFields("settings section:Transport", h.standIn.responseUrl(), fields));
    const reply = await viaHttp(
      h,
      { text: "the harbour ferry is out of service after hull damage", ts: tsOf("2024-03-10") },
      { channel: { id: "C0TRANSPORT", name: "transport" } },
    );
    expect(citations(reply).length).toBeGreaterThan(0);
    expect(citations(reply).every((c) => c.includes("Ferry timetable returns"))).toBe(true);
    const last = reply.blocks[reply.blocks.length - 1]!;
    expect(last.elements?.[0]?.text).toBe("#transport scope: section Transport — `/ask settings`");
  });

  it("an empty or file-only message, or one that only mentions the bot, gets one clear sentence", async () => {
    for (const message of [
      { text: "", ts: tsOf("2024-03-10"), files: [{ id: "F0PDF", name: "budget.pdf" }] },
      { ts: tsOf("2024-03-10"), subtype: "file_share" },
      { text: `  <@${STAND_IN_BOT_USER_ID}>  `, ts: tsOf("2024-03-10") },
    ]) {
      const reply = await viaHttp(h, message);
      expect(reply.text).toBe(NOTHING_TO_SEARCH);
      expect(reply.blocks).toHaveLength(1);
    }
  });

  it("a long message is cut at a word to a question of sensible length; mentions in it ping nobody", async () => {
    const long = `<!channel> <@U0BOSS> ${CLAIM}. ${"The council and the ferry operator disagree. ".repeat(60)}`;
    const reply = await viaHttp(h, { text: long, ts: tsOf("2024-03-10") });
    const restated = reply.blocks[0]!.text!.text.replace("*You asked:* ", "");
    expect(restated.length).toBeLessThanOrEqual(SHORTCUT_QUESTION_CHARS);
    expect(restated.startsWith("@channel @U0BOSS Councillor Priya Nair")).toBe(true);
    expect(restated.endsWith(" ")).toBe(false);
    expect(injectedMentions(reply)).toEqual([]);
  });

  it("a message_action without its message is refused with 400, nothing asked", async () => {
    const res = await h.send.action({
      type: "message_action",
      callback_id: "find_coverage",
      trigger_id: "t",
    });
    expect(res.status).toBe(400);
    expect(h.standIn.calls).toEqual([]);
  });

  it("another app's message shortcut is acknowledged and left alone", async () => {
    const responseUrl = h.standIn.responseUrl();
    const res = await h.send.action(
      shortcutPayload(responseUrl, { text: CLAIM, ts: tsOf("2024-03-10") }, { callback_id: "someone_elses" }),
    );
    expect(res.status).toBe(200);
    await h.app.idle();
    expect(h.standIn.callsTo("response_url")).toEqual([]);
  });
});

describe("Find our coverage over Socket Mode", () => {
  const h = useSlackAppHarness(async () => ({ ...(await deskHarness()()), mode: "socket" as const }));

  it("acks the envelope and answers by the response URL", async () => {
    await h.standIn.socketConnected();
    const responseUrl = h.standIn.responseUrl();
    const ack = await h.standIn.sendEnvelope(
      "interactive",
      shortcutPayload(responseUrl, { text: CLAIM, ts: tsOf("2024-03-10") }),
    );
    expect(ack.envelope_id).toBeTruthy();
    const id = responseUrl.split("/").pop();
    await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
    const reply = h.standIn.callsTo("response_url").find((c) => c.responseId === id)!
      .args as unknown as Reply;
    expect(citations(reply)[0]).toContain("Council passes budget");

    const emptyUrl = h.standIn.responseUrl();
    await h.standIn.sendEnvelope(
      "interactive",
      shortcutPayload(emptyUrl, { text: "", ts: tsOf("2024-03-10") }),
    );
    const emptyId = emptyUrl.split("/").pop();
    await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === emptyId));
    expect(h.standIn.callsTo("response_url").find((c) => c.responseId === emptyId)!.args.text).toBe(
      NOTHING_TO_SEARCH,
    );
  });
});
