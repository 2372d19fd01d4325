/**
 * Feedback that acts, over signed HTTP against the Web API stand-in: votes stored whole, the 👎
 * follow-up, passages voted down kept from first place per workspace, questions that found nothing.
 */
import { describe, expect, it } from "vitest";
import { decodeFeedbackValue } from "../../src/slack/action-values.js";
import { ACTION_IDS } from "../../src/slack/answer-blocks.js";
import { THANKS_DOWN } from "../../src/slack/feedback.js";
import { deskHarness, deskStore, stopDeskStore } from "../support/desk-harness.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { buttonClick, commandFields } from "../support/slack-signer.js";
import { STAND_IN_TEAM_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

type Element = { action_id?: string; value?: string; text?: { text: string } | string };
type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Element[] };
type Reply = { text: string; blocks: Block[] };

const h = useSlackAppHarness(deskHarness());
stopDeskStore();

const QUESTION = "harbour ferry hull repairs";
const LIGHTHOUSE_ID =
  "the-old-harbour-lighthouse-on-gull-island-is-restored-by-volunteers-after-twenty-years-of-neglect-and-a-campaign-by-islanders-who-raised-the-money-themselves-in-bake-sales-and-concerts-2024";

async function ask(question: string, fields: Record<string, string> = {}): Promise<Reply> {
  const res = await h.send.command(commandFields(question, h.standIn.responseUrl(), fields));
  expect(res.status).toBe(200);
  return res.json as unknown as Reply;
}

const buttonsOf = (reply: Reply) =>
  reply.blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
const buttonValue = (reply: Reply, actionId: string) =>
  buttonsOf(reply).find((b) => b.action_id === actionId)!.value!;
/** The page's passage ids, in order, read from the citations' "¶n" and the vote's value. */
const firstPassage = (reply: Reply) =>
  decodeFeedbackValue(buttonValue(reply, ACTION_IDS.feedbackDown))!.passage!;
const titles = (reply: Reply) =>
  reply.blocks
    .filter((b) => b.type === "context")
    .map((b) => String((b.elements?.[0]?.text as string | undefined) ?? ""))
    .filter((t) => t.startsWith("["));

async function click(actionId: string, value: string, fields: { user?: string; team?: string } = {}) {
  const responseUrl = h.standIn.responseUrl();
  const payload = buttonClick({
    actionId,
    value,
    responseUrl,
    ...(fields.user ? { user: fields.user } : {}),
  });
  if (fields.team) Object.assign(payload, { team: { id: fields.team, domain: "other" } });
  if (fields.team) Object.assign(payload.user, { team_id: fields.team });
  const res = await h.send.action(payload);
  expect(res.status).toBe(200);
  await h.standIn.waitFor((calls) =>
    calls.some((c) => c.method === "response_url" && c.responseId === responseUrl.split("/").pop()),
  );
  return h.standIn.callsTo("response_url").find((c) => c.responseId === responseUrl.split("/").pop())!
    .args as unknown as Reply & {
    replace_original?: boolean;
  };
}

async function votes() {
  return deskStore.current!.feedback.list();
}

/** Alice types a note in the 👎 follow-up's box (block `blockId`) and presses Enter: the reply's arguments. */
async function typeNote(blockId: string, value: string): Promise<Record<string, unknown>> {
  const responseUrl = h.standIn.responseUrl();
  const payload = buttonClick({ actionId: ACTION_IDS.feedbackText, value: "", responseUrl, user: "U0ALICE" });
  payload.actions = [
    {
      action_id: ACTION_IDS.feedbackText,
      block_id: blockId,
      type: "plain_text_input",
      value,
      action_ts: String(Date.now() / 1000 + 1),
    } as unknown as (typeof payload.actions)[number],
  ];
  await h.send.action(payload);
  const id = responseUrl.split("/").pop();
  await h.standIn.waitFor((calls) => calls.some((c) => c.responseId === id));
  return h.standIn.callsTo("response_url").find((c) => c.responseId === id)!.args;
}

describe("feedback over HTTP", () => {
  it("stores a 👎 whole and asks, optionally, what was wrong; the choice and a note are kept", async () => {
    const answer = await ask(QUESTION);
    const passage = firstPassage(answer);
    const followUp = await click(ACTION_IDS.feedbackDown, buttonValue(answer, ACTION_IDS.feedbackDown), {
      user: "U0ALICE",
    });
    expect(followUp.text).toBe(THANKS_DOWN);
    const labels = buttonsOf(followUp).map((b) => (b.text as { text: string }).text);
    expect(labels).toEqual(["Wrong passage", "Out of date", "Not what I asked", "Other"]);
    const [stored] = await votes();
    expect(stored).toMatchObject({
      team: STAND_IN_TEAM_ID,
      channel: "C0NEWS",
      user: "U0ALICE",
      question: QUESTION,
      normalizedQuestion: QUESTION,
      articleId: passage.slice(0, passage.lastIndexOf("#")),
      paragraph: Number(passage.slice(passage.lastIndexOf("#") + 1)),
      rank: 1,
      vote: "down",
    });
    expect(stored!.askedDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const outOfDate = buttonsOf(followUp).find((b) => (b.text as { text: string }).text === "Out of date")!;
    // Someone else pressing the voter's follow-up changes nothing.
    const stranger = await click(outOfDate.action_id!, outOfDate.value!, { user: "U0MALLORY" });
    expect(stranger.text).toMatch(/has expired; your 👎 stands/);
    expect((await votes())[0]).not.toHaveProperty("reasonKind");

    const chosen = await click(outOfDate.action_id!, outOfDate.value!, { user: "U0ALICE" });
    expect(chosen.replace_original).toBe(true);
    expect(chosen.blocks[0]!.text!.text).toContain("noted as “Out of date”");
    const input = chosen.blocks.find((b) => b.type === "input")!;
    // The free text arrives as the input's own action (Enter), with its block id. Enter on an empty
    // box first: one line says what the box is for, and nothing is kept.
    const hint = await typeNote(input.block_id!, "   ");
    expect(hint.replace_original).toBe(false);
    expect(String(hint.text)).toBe("Nothing was written: type what was wrong in the box, then press Enter.");
    expect((await votes())[0]!.reason).toBeUndefined();
    const thanksArgs = await typeNote(input.block_id!, "The figure was corrected on <!channel> 14 Feb");
    const kept = (await votes())[0]!;
    expect(kept).toMatchObject({
      reasonKind: "out_of_date",
      reason: "The figure was corrected on <!channel> 14 Feb",
    });
    expect(String(thanksArgs.text)).toContain("your note is kept");
    expect(injectedMentions(thanksArgs as Reply)).toEqual([]);
  });

  it("a passage voted down for a question is not first for it again in that workspace; a 👍 by another user cancels", async () => {
    const question = "When does the ferry timetable return after the hull repairs?";
    const before = await ask(question);
    const first = firstPassage(before);
    await click(ACTION_IDS.feedbackDown, buttonValue(before, ACTION_IDS.feedbackDown), { user: "U0ALICE" });

    // The same question, written differently, by someone else in the workspace.
    const after = await ask("when does the FERRY timetable return after the hull repairs", {
      user_id: "U0BOB",
    });
    expect(firstPassage(after)).not.toBe(first);
    expect(titles(after).length).toBeGreaterThan(1);

    // Another workspace's votes are its own.
    const elsewhere = await ask(question, { team_id: "T0OTHER" });
    expect(firstPassage(elsewhere)).toBe(first);

    // Bob finds the passage right after all: his 👍 cancels Alice's 👎.
    const upValue = JSON.stringify({ ...JSON.parse(buttonValue(before, ACTION_IDS.feedbackUp)) });
    const up = await click(ACTION_IDS.feedbackUp, upValue, { user: "U0BOB" });
    expect(up.text).toContain("glad it helped");
    expect(firstPassage(await ask(question))).toBe(first);
  });

  it("keeps a long article id whole, and stores a 👎 on a passage that is gone after a reload", async () => {
    const answer = await ask("lighthouse restored by volunteers");
    expect(firstPassage(answer).startsWith(LIGHTHOUSE_ID)).toBe(true);
    await click(ACTION_IDS.feedbackDown, buttonValue(answer, ACTION_IDS.feedbackDown), { user: "U0ALICE" });
    expect((await votes())[0]!.articleId).toBe(LIGHTHOUSE_ID);

    const gone = JSON.stringify({
      q: "ferry strike",
      v: "down",
      p: "an-article-since-deleted#7",
      r: 1,
      a: "2024-03-01",
    });
    const reply = await click(ACTION_IDS.feedbackDown, gone, { user: "U0ALICE" });
    expect(reply.text).toBe(THANKS_DOWN);
    expect((await votes())[0]).toMatchObject({
      articleId: "an-article-since-deleted",
      paragraph: 7,
      askedDay: "2024-03-01",
    });
    // Asking it again is unaffected (the vote names no passage the engine has).
    expect((await ask("ferry strike")).text).toBeTruthy();
  });

  it("records questions that found nothing, for the editors' report", async () => {
    const reply = await ask("Who won the chess championship?", { channel_id: "C0SPORT" });
    // No research desk is set here (no desk: and no RESEARCH_DESK_CHANNEL): the button is off.
    expect(buttonsOf(reply).map((b) => b.action_id)).not.toContain(ACTION_IDS.askDesk);
    const gaps = await deskStore.current!.feedback.listUnanswered();
    expect(gaps[0]).toMatchObject({
      team: STAND_IN_TEAM_ID,
      channel: "C0SPORT",
      question: "Who won the chess championship?",
      normalizedQuestion: "who won the chess championship",
    });
  });

  it("records as coverage gaps only questions the archive has nothing on", async () => {
    const gaps = async () => (await deskStore.current!.feedback.listUnanswered()).map((g) => g.question);
    const before = (await gaps()).length;
    const scoped = { channel_id: "C0SCOPEDGAPS", channel_name: "politics" };
    await ask("settings section:Politics", scoped);
    const notFound = [
      // The asker's typing: an unreadable date, an empty range.
      ["lighthouse after:soon", {}],
      ["lighthouse after:2024 before:2020", {}],
      // A timeline with no strong article, and one of words in most articles (no story).
      ["timeline chess championship", {}],
      ["timeline harbour", {}],
      // Filters or the channel's scope left nothing; the archive has it (the lighthouse is Heritage).
      ["lighthouse volunteers section:Business", {}],
      ["lighthouse volunteers from:Reuters", {}],
      ["lighthouse volunteers", scoped],
      // Real gaps, filtered, scoped or not.
      ["Who won the chess final?", {}],
      ["chess final section:Business", {}],
      ["chess final rematch", scoped],
    ] as const;
    for (const [question, fields] of notFound) {
      const reply = await ask(question, fields);
      // Nothing cited, no timeline line: each found nothing.
      const shown = JSON.stringify(reply.blocks);
      expect(shown, question).not.toMatch(/"\[1\] |"\*\d{1,2} \w{3} \d{4}\* · /);
    }
    expect((await gaps()).slice(0, (await gaps()).length - before).reverse()).toEqual([
      "Who won the chess final?",
      "chess final section:Business",
      "chess final rematch",
    ]);
  });

  it("an expired or forged vote gets one sentence and stores nothing", async () => {
    const count = (await votes()).length;
    const reply = await click(ACTION_IDS.feedbackDown, "{not json", { user: "U0ALICE" });
    expect(reply.text).toBe("That button has expired.");
    expect((await votes()).length).toBe(count);
  });
});
