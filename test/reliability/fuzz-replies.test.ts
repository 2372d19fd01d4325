/**
 * Property-based: anything a person can type in Slack, through the real engine (over the seed
 * article and a fixture corpus full of markup) and the Block Kit renderer. The engine never fails,
 * the reply is valid Block Kit inside Slack's limits, carries no broadcast or mention it did not
 * write, and restates the question literally. 10 000+ generated cases in all.
 */
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Answer, AskFn } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildIndex } from "../../src/search/build-index.js";
import { decodeFeedbackValue, decodePageValue } from "../../src/slack/action-values.js";
import { QUESTION_DISPLAY_CHARS, renderAnswer, type SlackReply } from "../../src/slack/answer-blocks.js";
import { shorten, slackTextToPlain, stripBotMention } from "../../src/slack/mrkdwn.js";
import { corpusDir } from "../support/paths.js";
import { injectedMentions } from "../support/slack-reply-checks.js";
import { blockKitProblems, displayedText, hasLoneSurrogate, literalProblems } from "./slack-text-checks.js";

const BOT = "U0NEWSBOT";
const ENGINE_FAILED = /could not be processed/;
let ask: AskFn;
let paragraphs: Set<string>;
let corpusWords: string[];

beforeAll(async () => {
  const seed = await loadCorpus(corpusDir);
  const hostile = await loadCorpus(path.join(import.meta.dirname, "fixtures/hostile-corpus"));
  const corpus = { articles: [...seed.articles, ...hostile.articles] };
  ask = createEngine(buildIndex(corpus)).ask;
  paragraphs = new Set(corpus.articles.flatMap((a) => a.paragraphs));
  corpusWords = [...new Set(corpus.articles.flatMap((a) => a.paragraphs.join(" ").split(/\s+/)))].slice(
    0,
    400,
  );
});

/** Fragments people paste or Slack itself produces, including everything mrkdwn gives meaning to. */
const NASTY = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S123>",
  "<!subteam^S123|@desk>",
  "<!here|here>",
  "<@U123>",
  "<@W0ABC|bob>",
  `<@${BOT}>`,
  "<#C123|x>",
  "<#C123>",
  "<https://x|y>",
  "<https://x.example/?a=1&b=2>",
  "<mailto:a@b.example|a>",
  "<!date^1392734382^{date}|Feb 18>",
  "&",
  "&amp;",
  "&lt;!channel&gt;",
  "&lt;",
  "&gt;",
  "&#60;",
  "<",
  ">",
  "<<>>",
  "*",
  "_",
  "~",
  "`",
  "```",
  "*bold*",
  "_it_",
  "~s~",
  "`code`",
  "> quote",
  "\u200B",
  "\u200B*\u200B",
  "\u202E",
  "\u200F",
  "\u0301",
  "\u0000",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\n\n",
  "🇺🇦",
  "👩🏽‍💻",
  "é",
  "مجلس",
  "(.*+?^$" + "{}()|[]\\)",
  "\\",
  "$&",
  "$1",
  '{"a":[1,{"b":null}],"q":"\\u003c!here\\u003e"}',
  "<script>alert(1)</script>",
  "<b>bold</b>",
  "%3C!here%3E",
  "budget",
  "council",
  "Massimov",
  "treason",
  "sentenced",
  "dredging",
  "fares",
  "the",
  " ",
  "?",
];

const fragment = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 3, arbitrary: fc.constantFrom(...corpusWords) },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme" }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite" }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii" }) },
  );

/** What a person can send: a few fragments glued together, with or without spaces. */
const userText = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(fragment(), { maxLength: 24 }), fc.constantFrom("", " ", "  "))
    .map(([parts, glue]) => parts.join(glue));

/** Up to ~40 KB: a fragment repeated, between two ordinary texts. */
const hugeText = (): fc.Arbitrary<string> =>
  fc
    .tuple(userText(), fragment(), fc.integer({ min: 500, max: 40 * 1024 }), userText())
    .map(
      ([a, unit, size, b]) =>
        `${a}${(unit || "x").repeat(Math.ceil(size / Math.max(1, (unit || "x").length)))}${b}`,
    );

interface Tally {
  found: number;
  truncated: number;
  total: number;
}
const tally: Tally = { found: 0, truncated: 0, total: 0 };

/** Every promise of the engine and the renderer for one question as the surface passes it. */
function checkAnswerAndReply(question: string, answer: Answer, reply: SlackReply): void {
  tally.total += 1;
  // The engine answered, and not through its catch-all for internal errors.
  expect(answer.hint ?? "").not.toMatch(ENGINE_FAILED);
  if (question.length > 2000) {
    tally.truncated += 1;
    expect(answer.truncated).toEqual({ originalLength: question.length, limit: 2000 });
    expect(question.startsWith(answer.question)).toBe(true);
    expect(answer.question.length).toBeGreaterThanOrEqual(1999);
  } else {
    expect(answer.truncated).toBeUndefined();
    expect(answer.question).toBe(question);
  }
  if (answer.found) {
    tally.found += 1;
    expect(answer.passages.length).toBeGreaterThan(0);
    for (const passage of answer.passages) {
      expect(paragraphs.has(passage.text)).toBe(true);
      const excerpt = passage.excerptSpans.map((s) => s.text).join("");
      for (const piece of excerpt.split("…").filter((p) => p.trim() !== "")) {
        expect(passage.text).toContain(piece.trim());
      }
    }
  }

  expect(blockKitProblems(reply)).toEqual([]);
  expect(injectedMentions(reply)).toEqual([]);
  // Button values are data (not rendered), but must still decode to the question that was asked.
  for (const block of reply.blocks) {
    if (block.type !== "actions") continue;
    for (const el of block.elements as Array<{ value: string; action_id: string }>) {
      const decoded = el.action_id.includes("feedback")
        ? decodeFeedbackValue(el.value)
        : decodePageValue(el.value);
      expect(decoded).not.toBeNull();
      expect(answer.question.startsWith(decoded!.question)).toBe(true);
    }
  }
  // The question comes back literally: escaped, fenced, and reading exactly as asked (shortened for display).
  const first = reply.blocks.find((b) => b.type === "section") as { text: { text: string } };
  const restated = first.text.text.replace(/^\*(You asked|More for):\* /, "");
  expect(restated).not.toBe(first.text.text);
  expect(literalProblems(restated)).toEqual([]);
  expect(displayedText(restated)).toBe(shorten(answer.question, QUESTION_DISPLAY_CHARS));
  // The fallback text has no link or mention syntax at all (URLs are bare there).
  expect(reply.text).not.toMatch(/[<>]/);
  if (!hasLoneSurrogate(question)) expect(hasLoneSurrogate(JSON.stringify(reply))).toBe(false);
}

describe("fuzz: any text a user can send", () => {
  it("/ask: Slack-formatted text → plain question → engine → ephemeral reply (5 000 cases)", () => {
    fc.assert(
      fc.property(userText(), (text) => {
        const question = slackTextToPlain(text).trim();
        if (question === "" || /^(help|status)$/i.test(question)) return; // usage and status, not answers
        const answer = ask(question);
        checkAnswerAndReply(question, answer, renderAnswer(answer, { share: true }));
      }),
      { numRuns: 5000 },
    );
  });

  it("mention: the bot's own mention stripped, then the same promises (3 000 cases)", () => {
    fc.assert(
      fc.property(userText(), fc.constantFrom("", " ", "\n"), (text, glue) => {
        const question = slackTextToPlain(stripBotMention(`<@${BOT}>${glue}${text}`, BOT)).trim();
        if (question === "" || /^help$/i.test(question)) return;
        const answer = ask(question);
        checkAnswerAndReply(question, answer, renderAnswer(answer));
      }),
      { numRuns: 3000 },
    );
  });

  it("raw strings straight into the engine, empty and whitespace included (2 500 cases)", () => {
    fc.assert(
      fc.property(fc.oneof(userText(), fc.constantFrom("", " ", "\t\n", "\u200B", "\u0000")), (question) => {
        const answer = ask(question);
        checkAnswerAndReply(question, answer, renderAnswer(answer, { share: true }));
      }),
      { numRuns: 2500 },
    );
  });

  it("More: later pages of any question keep ranks continuing and the same promises (1 000 cases)", () => {
    fc.assert(
      fc.property(userText(), fc.integer({ min: 1, max: 12 }), (text, offset) => {
        const question = slackTextToPlain(text).trim() || "council budget";
        const answer = ask(question, { offset });
        if (answer.found) expect(answer.passages[0]!.rank).toBe(offset + 1);
        checkAnswerAndReply(question, answer, renderAnswer(answer, { share: true }));
      }),
      { numRuns: 1000 },
    );
  });

  it("huge messages up to 40 KB are cut to 2 000 characters with a note, never rejected (300 cases)", () => {
    fc.assert(
      fc.property(hugeText(), (text) => {
        const question = slackTextToPlain(text).trim();
        if (question === "") return;
        const answer = ask(question);
        const reply = renderAnswer(answer, { share: true });
        checkAnswerAndReply(question, answer, reply);
        if (question.length > 2000) {
          expect(JSON.stringify(reply.blocks)).toContain(
            `Your question had ${question.length} characters; only the first 2000 were used.`,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the generated questions exercised real answers and the length limit, not only not-found", () => {
    expect(tally.total).toBeGreaterThanOrEqual(10_000);
    expect(tally.found / tally.total).toBeGreaterThan(0.1);
    expect(tally.truncated).toBeGreaterThan(50);
  });
});
