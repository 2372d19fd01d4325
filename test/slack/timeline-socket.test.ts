/**
 * Story timelines over Socket Mode with the real engine: `/ask timeline` acked over the socket with the
 * timeline as the envelope payload, and the Timeline button under an answer answered by its response URL.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { repoRoot } from "../support/paths.js";
import { type SlackAppHarness, startSlackAppHarness } from "../support/slack-app-harness.js";
import { injectedMentions, slackLimitProblems } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields } from "../support/slack-signer.js";

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ text?: string; action_id?: string; value?: string }>;
};
type Reply = { text: string; blocks: Block[]; response_type?: string };
const sections = (r: Reply) => r.blocks.filter((b) => b.type === "section").map((b) => b.text!.text);
const buttons = (r: Reply) => r.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements!);
/** The dates of a timeline's lines, in the order shown. */
const lineDates = (r: Reply) =>
  sections(r)
    .slice(1)
    .map((line) => line.match(/^\*(\d{1,2} \w{3} \d{4})\*/)?.[1])
    .filter((d): d is string => d !== undefined)
    .map((d) => Date.parse(`${d} UTC`));

let h: SlackAppHarness;

beforeAll(async () => {
  const corpus = await loadCorpus(path.join(repoRoot, "test/fixtures/slack"));
  h = await startSlackAppHarness({ ask: createEngine(buildIndex(corpus)).ask, mode: "socket" });
  await h.standIn.socketConnected();
});
afterAll(async () => {
  await h?.stop();
});

describe("Story timelines over Socket Mode", () => {
  it("/ask timeline is acked with the story's articles, oldest first, within Block Kit's limits", async () => {
    const ack = await h.standIn.sendEnvelope(
      "slash_commands",
      commandFields("timeline harbour ferry", h.standIn.responseUrl()),
    );
    const reply = ack.payload as unknown as Reply;
    expect(reply.response_type).toBe("ephemeral");
    expect(sections(reply)[0]).toBe("*Timeline:* harbour ferry");
    const dates = lineDates(reply);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(slackLimitProblems(reply)).toEqual([]);
    expect(injectedMentions(reply)).toEqual([]);
  });

  it("the Timeline button arrives as an interactive envelope and the timeline goes to its response URL", async () => {
    const ack = await h.standIn.sendEnvelope(
      "slash_commands",
      commandFields("harbour ferry", h.standIn.responseUrl()),
    );
    const timeline = buttons(ack.payload as unknown as Reply).find(
      (b) => b.action_id === ACTION_IDS.timeline,
    )!;
    expect(timeline).toBeDefined();
    const responseUrl = h.standIn.responseUrl();
    const id = responseUrl.split("/").pop();
    await h.standIn.sendEnvelope(
      "interactive",
      buttonClick({ actionId: ACTION_IDS.timeline, value: timeline.value!, responseUrl, isEphemeral: true }),
    );
    await h.standIn.waitFor((calls) => calls.some((c) => c.method === "response_url" && c.responseId === id));
    const posted = h.standIn.callsTo("response_url").find((c) => c.responseId === id)!;
    const reply = posted.args as unknown as Reply;
    expect(sections(reply)[0]).toBe("*Timeline:* harbour ferry");
    expect(lineDates(reply).length).toBeGreaterThan(0);
    expect(slackLimitProblems(reply)).toEqual([]);
  });
});
