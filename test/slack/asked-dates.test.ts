/**
 * Every Slack surface asks as of its own day: a mention or DM on the day of its message's `ts`, a
 * slash command (whose payload carries no time) on the day it arrived by the app's clock, and More on
 * the day the question was first asked. Real signed HTTP requests against the app; the clock passed in.
 */
import { describe, expect, it } from "vitest";
import { decodePageValue, encodePageValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { buttonClick, commandFields, dmEvent, mentionEvent } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

/** The app's clock: 20 July 2024. No message below was sent that day. */
const CLOCK = new Date("2024-07-20T10:00:00Z");
const passages = Array.from({ length: 5 }, (_, i) => makePassage({ paragraph: i + 1 }));
const ask = createFakeAsk(passages);
const h = useSlackAppHarness({ ask, now: () => CLOCK }, { clearEach: [ask.calls, ask.options] });

type Reply = { blocks: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }> };
const buttonsOf = (reply: Reply) =>
  reply.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements!);

describe("the day of asking on every Slack surface", () => {
  it("a slash command is asked on the day it arrives, by the app's clock", async () => {
    const res = await h.send.command(commandFields("who won?", h.standIn.responseUrl()));
    expect(res.status).toBe(200);
    expect(ask.options.map((o) => o.asked)).toEqual(["2024-07-20"]);
    const more = buttonsOf(res.json as unknown as Reply).find((b) => b.action_id === ACTION_IDS.more)!;
    expect(decodePageValue(more.value!)?.asked).toBe("2024-07-20");
  });

  it("a mention is asked on the day of its own ts (UTC), one second before midnight and at it", async () => {
    await h.send.event(mentionEvent("who won?", { ts: "1718409599.000100" })); // 2024-06-14T23:59:59Z
    await h.send.event(mentionEvent("who won?", { ts: "1718409600.000200" })); // 2024-06-15T00:00:00Z
    await h.standIn.waitFor(() => ask.options.length === 2);
    expect(ask.options.map((o) => o.asked).sort()).toEqual(["2024-06-14", "2024-06-15"]);
  });

  it("a direct message is asked on the day of its own ts", async () => {
    await h.send.event(dmEvent("who won?", { ts: "1672999200.000300" })); // 2023-01-06T10:00:00Z
    await h.standIn.waitFor(() => ask.options.length === 1);
    expect(ask.options[0]!.asked).toBe("2023-01-06");
  });

  it("More answers as of the day the question was first asked, whatever the clock says", async () => {
    const value = encodePageValue({ question: "who won?", offset: 3, asked: "2023-01-06" });
    const res = await h.send.action(
      buttonClick({ actionId: ACTION_IDS.more, value, responseUrl: h.standIn.responseUrl() }),
    );
    expect(res.status).toBe(200);
    await h.standIn.waitFor(() => ask.options.length === 1);
    expect(ask.options[0]).toMatchObject({ offset: 3, asked: "2023-01-06" });
  });
});
