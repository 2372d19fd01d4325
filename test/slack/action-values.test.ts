import { describe, expect, it } from "vitest";
import {
  BUTTON_QUESTION_LIMIT,
  decodeFeedbackValue,
  decodePageValue,
  encodeFeedbackValue,
  encodePageValue,
  MAX_ACTION_VALUE_CHARS,
  quoteQuestion,
} from "../../src/slack/action-values.js";
import { cut } from "../../src/slack/mrkdwn.js";

/** The values as JSON.stringify writes the whole object, the question cut until it fits. */
function reference(object: (q: string) => unknown, question: string): string {
  let q = cut(question, BUTTON_QUESTION_LIMIT);
  let value = JSON.stringify(object(q));
  while (value.length > MAX_ACTION_VALUE_CHARS && q.length > 0) {
    const scaled = Math.floor((q.length * (MAX_ACTION_VALUE_CHARS - 50)) / value.length);
    q = cut(q, Math.min(q.length - 1, scaled));
    value = JSON.stringify(object(q));
  }
  return value;
}

const questions = [
  "",
  "How long was the sentence?",
  'He said "no" \\ then left\n\ttab — “quoted” Massimov’s 🙂',
  "\u0000\u001f\u2028\u2029 control characters and line separators",
  "x".repeat(2500),
  "\u0001".repeat(1800),
  `${"é".repeat(700)}"${"\\".repeat(700)}`,
];
const passages = ["karim-massimov#1", 'a/b"c#2', `${"p".repeat(200)}#3`];

describe("button values", () => {
  it("read a vote of an older message (every passage, ids cut) as a vote on its first passage", () => {
    const old = JSON.stringify({ q: "ferry?", v: "up", p: ["harbour-ferry#2", "library#1"] });
    expect(decodeFeedbackValue(old)).toEqual({ question: "ferry?", vote: "up", passage: "harbour-ferry#2" });
    expect(decodeFeedbackValue(JSON.stringify({ q: "ferry?", v: "meh" }))).toBeNull();
  });

  it("write what JSON.stringify writes for the value's object, whoever quotes the question", () => {
    for (const question of questions) {
      for (const offset of [0, 3, 17]) {
        const expected = reference((q) => ({ q, o: offset }), question);
        expect(encodePageValue({ question, offset })).toBe(expected);
        expect(encodePageValue({ question, offset }, quoteQuestion(question))).toBe(expected);
      }
      for (const vote of ["up", "down"] as const) {
        for (const p of passages) {
          const expected = reference((q) => ({ q, v: vote, p, r: 4, a: "2026-12-07" }), question);
          const value = { question, vote, passage: p, rank: 4, asked: "2026-12-07" };
          expect(encodeFeedbackValue(value)).toBe(expected);
          expect(encodeFeedbackValue(value, quoteQuestion(question))).toBe(expected);
        }
      }
    }
  });

  it("fit Slack's limit and decode to the question (cut when long) and the rest", () => {
    for (const question of questions) {
      const page = encodePageValue({ question, offset: 4 });
      expect(page.length).toBeLessThanOrEqual(MAX_ACTION_VALUE_CHARS);
      const decoded = decodePageValue(page)!;
      expect(question.startsWith(decoded.question)).toBe(true);
      expect(decoded.offset).toBe(4);
      for (const passage of passages) {
        const value = encodeFeedbackValue({ question, vote: "down", passage, rank: 2 });
        expect(value.length).toBeLessThanOrEqual(MAX_ACTION_VALUE_CHARS);
        const feedback = decodeFeedbackValue(value)!;
        expect(question.startsWith(feedback.question)).toBe(true);
        // The passage id is never cut: the question gives way.
        expect(feedback).toEqual({ question: feedback.question, vote: "down", passage, rank: 2 });
      }
    }
  });
});
