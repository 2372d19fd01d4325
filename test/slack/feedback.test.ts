import { describe, expect, it } from "vitest";
import { decodeReasonValue, demotedPassages, reasonBlocks, voteIdOfBlock } from "../../src/slack/feedback.js";
import type { FeedbackRow } from "../../src/store/index.js";
import { slackLimitProblems } from "../support/slack-reply-checks.js";

const row = (
  user: string,
  vote: "up" | "down",
  at: number,
  articleId = "ferry",
  paragraph = 2,
): FeedbackRow => ({
  team: "T1",
  channel: "C1",
  user,
  question: "q",
  normalizedQuestion: "q",
  askedDay: "2026-12-07",
  articleId,
  paragraph,
  rank: 1,
  vote,
  at,
});

describe("which passages votes keep from first place", () => {
  it("a 👎 demotes; a 👍 by another user cancels it; the voter's own later 👍 too", () => {
    expect(demotedPassages([row("A", "down", 1)])).toEqual(["ferry#2"]);
    expect(demotedPassages([row("A", "down", 1), row("B", "up", 2)])).toEqual([]);
    expect(demotedPassages([row("A", "down", 1), row("A", "up", 2)])).toEqual([]);
    expect(demotedPassages([row("A", "up", 1), row("A", "down", 2)])).toEqual(["ferry#2"]);
    expect(demotedPassages([row("A", "down", 1), row("B", "down", 2), row("C", "up", 3)])).toEqual([]);
    expect(demotedPassages([row("A", "down", 1), row("B", "up", 2, "library", 1)])).toEqual(["ferry#2"]);
    // Order of the rows does not matter: the time does.
    expect(demotedPassages([row("A", "down", 5), row("A", "up", 2)])).toEqual(["ferry#2"]);
  });

  it("the 👎 follow-up fits Slack's limits and round-trips its ids", () => {
    const blocks = reasonBlocks(42);
    expect(slackLimitProblems({ text: "x", blocks })).toEqual([]);
    const value = (blocks[1] as { elements: Array<{ value: string }> }).elements[1]!.value;
    expect(decodeReasonValue(value)).toEqual({ id: 42, kind: "out_of_date" });
    expect(decodeReasonValue('{"id":42,"k":"rude"}')).toBeUndefined();
    expect(voteIdOfBlock((blocks[2] as { block_id: string }).block_id)).toBe(42);
    expect(voteIdOfBlock("newsdesk_reason_text:-3")).toBeUndefined();
    expect(reasonBlocks(42, "other").map((b) => b.type)).toEqual(["section", "input"]);
  });
});
