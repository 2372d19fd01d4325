/**
 * In the Slack modes the answer comes from the index's worker thread and may fail while that worker
 * restarts: every surface then says so in one sentence, and the next question is answered.
 */
import { describe, expect, it } from "vitest";
import type { AsyncAskFn } from "../../src/answer/types.js";
import { NewsdeskError } from "../../src/errors.js";
import { encodePageValue } from "../../src/slack/action-values.js";
import { ACTION_IDS, ANSWER_FAILED } from "../../src/slack/answer-blocks.js";
import { STATUS_FAILED } from "../../src/slack/surfaces/slash-command.js";
import { createFakeAsk } from "../support/fake-answers.js";
import { buttonClick, commandFields, eventCallback, nextTs } from "../support/slack-signer.js";
import { STAND_IN_BOT_USER_ID } from "../support/slack-stand-in.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";
import { settle, useUnhandledTrap } from "./reliability-support.js";

const fake = createFakeAsk();
/** Rejects, as the worker's client does while the worker is down, for questions naming "restart". */
const ask: AsyncAskFn = async (question, options) => {
  if (question.includes("restart"))
    throw new NewsdeskError("index_unavailable", "The index is not available right now.");
  return fake(question, options);
};
const h = useSlackAppHarness({
  ask,
  status: () =>
    Promise.reject(new NewsdeskError("index_unavailable", "The index is not available right now.")),
});
useUnhandledTrap();

describe("an answer that fails in the index worker", () => {
  it("/ask acks with one sentence, and the next /ask is answered", async () => {
    const failed = await h.send.command(commandFields("restart?", h.standIn.responseUrl()));
    expect(failed.status).toBe(200);
    expect(String(failed.json?.text)).toBe(ANSWER_FAILED);
    const ok = await h.send.command(commandFields("sentence?", h.standIn.responseUrl()));
    expect(JSON.stringify(ok.json)).toContain("18 years");
  });

  it("/ask status acks with one sentence when the status cannot be read", async () => {
    const res = await h.send.command(commandFields("status", h.standIn.responseUrl()));
    expect(res.status).toBe(200);
    expect(String(res.json?.text)).toBe(STATUS_FAILED);
  });

  it("a mention gets one sentence in its thread", async () => {
    const body = eventCallback({
      type: "app_mention",
      channel: "C0NEWS",
      user: "U0REPORTER",
      text: `<@${STAND_IN_BOT_USER_ID}> restart please`,
      ts: nextTs(),
    });
    expect((await h.send.event(body)).status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.callsTo("chat.postMessage").length === 1);
    expect(JSON.stringify(h.standIn.callsTo("chat.postMessage")[0]!.args)).toContain(ANSWER_FAILED);
  });

  it("More and Share tell the presser, and post nothing in the channel", async () => {
    const value = encodePageValue({ question: "restart now", offset: 3 });
    for (const actionId of [ACTION_IDS.more, ACTION_IDS.share]) {
      const responseUrl = h.standIn.responseUrl();
      expect((await h.send.action(buttonClick({ actionId, value, responseUrl }))).status).toBe(200);
    }
    await h.standIn.waitFor(() => h.standIn.callsTo("response_url").length === 2);
    for (const call of h.standIn.callsTo("response_url"))
      expect(call.args).toMatchObject({ text: ANSWER_FAILED });
    await settle(h);
    // settle() posts a marker DM of its own; nothing else may have been posted.
    const posted = h.standIn
      .callsTo("chat.postMessage")
      .filter((c) => !String(c.args.channel).startsWith("D0SETTLE"));
    expect(posted).toEqual([]);
  });
});
