/**
 * Defect 11 of issue 12, the Slack half (the corpus half is test/corpus/corpus-bounds.test.ts): a
 * command whose `text` field is repeated gets one ephemeral sentence, not a 404; a lone surrogate in
 * a question or an article reaches Slack as U+FFFD, in the blocks and in the plain-text fallback.
 */
import { describe, expect, it } from "vitest";
import { TEXT_NOT_ONE_STRING } from "../../src/slack/surfaces/slash-command.js";
import { createFakeAsk, makePassage } from "../support/fake-answers.js";
import { commandFields, dmEvent } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";

const lone = /\p{Surrogate}/u;
const ask = createFakeAsk([
  makePassage({
    articleTitle: "Harbour \udc00 report",
    excerpt: "The ferry \ud800 carried 18 passengers.",
    excerptSpans: [{ text: "The ferry \ud800 carried 18 passengers.", match: false }],
  }),
]);
const h = useSlackAppHarness({ ask }, { clearEach: [ask.calls] });

/** Every string inside `value`. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("a repeated text field in a command", () => {
  it("gets one ephemeral sentence, status 200, and nothing is asked", async () => {
    const fields = commandFields("", h.standIn.responseUrl());
    const form = new URLSearchParams(fields);
    form.delete("text");
    form.append("text", "ferry");
    form.append("text", "passengers");
    const res = await h.send.raw(form.toString(), "application/x-www-form-urlencoded");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral", text: TEXT_NOT_ONE_STRING });
    expect(ask.calls).toEqual([]);
  });
});

describe("lone surrogates", () => {
  it("in a DM question and in the article are U+FFFD in the posted text and blocks", async () => {
    // JSON may carry a lone surrogate as an escape; Slack's own clients could send one in a paste.
    const body = JSON.stringify(dmEvent("ferry X passengers?")).replace("ferry X", "ferry \\ud83d");
    expect((await h.send.raw(body, "application/json")).status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.callsTo("chat.postMessage").length === 1);
    const post = h.standIn.callsTo("chat.postMessage")[0]!.args;
    expect(ask.calls).toHaveLength(1);
    expect(String(post.text)).toContain("ferry \ufffd passengers?");
    expect(String(post.text)).toContain("The ferry \ufffd carried");
    expect(strings(post).filter((s) => lone.test(s))).toEqual([]);
    expect(JSON.stringify(post.blocks)).toContain("Harbour \ufffd report");
  });

  it("in a /ask question are U+FFFD in the ephemeral answer", async () => {
    const fields = commandFields("ferry X passengers", h.standIn.responseUrl());
    const raw = new URLSearchParams(fields).toString().replace("ferry+X", "ferry+%ED%A0%80");
    const res = await h.send.raw(raw, "application/x-www-form-urlencoded");
    expect(res.status).toBe(200);
    expect(strings(res.json).some((s) => lone.test(s))).toBe(false);
    expect(String(res.json?.text)).toContain("The ferry \ufffd carried");
  });
});
