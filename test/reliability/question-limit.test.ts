/**
 * Questions over 2 000 characters are cut to that stated limit and every surface says so — the
 * engine sets `truncated`, the Slack reply and the shell print a note — end to end over HTTP too.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { renderAnswerText } from "../../src/answer/render-text.js";
import type { AskFn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { renderAnswer } from "../../src/slack/answer-blocks.js";
import { commandFields, mentionEvent } from "../support/slack-signer.js";
import { useSlackAppHarness } from "../support/use-slack-app-harness.js";
import { hasLoneSurrogate } from "./slack-text-checks.js";

const LIMIT = 2000;
let ask: AskFn;

const h = useSlackAppHarness(async () => {
  ask = createEngine(
    buildIndex(await loadCorpus(path.join(import.meta.dirname, "fixtures/hostile-corpus"))),
  ).ask;
  return { ask };
});

/** n characters, ending in a letter (surfaces trim whitespace before asking). */
const long = (n: number) => `${`council budget ${"vote ".repeat(n)}`.slice(0, n - 1)}x`;
const note = (length: number) => `Your question had ${length} characters; only the first ${LIMIT} were used.`;

describe("question length limit", () => {
  it("up to 2 000 characters are used whole; 2 001 and more are cut to 2 000 and flagged", () => {
    expect(ask(long(LIMIT)).truncated).toBeUndefined();
    expect(ask(long(LIMIT)).question).toHaveLength(LIMIT);
    for (const n of [LIMIT + 1, 2500, 40 * 1024]) {
      const answer = ask(long(n));
      expect(answer.truncated).toEqual({ originalLength: n, limit: LIMIT });
      expect(answer.question).toBe(long(n).slice(0, LIMIT));
      expect(answer.found).toBe(true);
    }
  });

  it("a cut never splits an emoji into half a surrogate pair", () => {
    const question = `${"a".repeat(LIMIT - 1)}😀 budget`;
    const answer = ask(question);
    expect(answer.truncated).toEqual({ originalLength: question.length, limit: LIMIT });
    expect(hasLoneSurrogate(answer.question)).toBe(false);
  });

  it("the Slack reply and the shell both say the question was cut", () => {
    const answer = ask(long(2500));
    expect(JSON.stringify(renderAnswer(answer).blocks)).toContain(note(2500));
    expect(renderAnswerText(answer)).toContain(
      `(Your question was 2500 characters; only the first ${LIMIT} were used.)`,
    );
  });

  it("over HTTP: a 2 500-character /ask and a mention are answered with the note", async () => {
    const res = await h.send.command(commandFields(long(2500), h.standIn.responseUrl()));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain(note(2500));
    await h.send.event(mentionEvent(long(3000), { channel: "C0LONG" }));
    await h.standIn.waitFor((calls) => calls.some((c) => c.args.channel === "C0LONG"));
    const post = h.standIn.callsTo("chat.postMessage").find((c) => c.args.channel === "C0LONG")!;
    expect(JSON.stringify(post.args.blocks)).toContain(note(3000));
  });
});
