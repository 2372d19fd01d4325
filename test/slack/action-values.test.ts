import { describe, expect, it } from "vitest";
import {
  BUTTON_QUESTION_LIMIT,
  decodeFeedbackValue,
  decodePageValue,
  encodeFeedbackValue,
  encodePageValue,
  MAX_ACTION_VALUE_CHARS,
  quotePassageIds,
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
const passages = ["karim-massimov#1", 'a/b"c#2', `${"p".repeat(120)}#3`];

describe("button values", () => {
  it("write what JSON.stringify writes for the value's object, whoever quotes the question", () => {
    for (const question of questions) {
      for (const offset of [0, 3, 17]) {
        const expected = reference((q) => ({ q, o: offset }), question);
        expect(encodePageValue({ question, offset })).toBe(expected);
        expect(encodePageValue({ question, offset }, quoteQuestion(question))).toBe(expected);
      }
      for (const vote of ["up", "down"] as const) {
        for (const ids of [[], passages, Array.from({ length: 25 }, (_, i) => `${"id".repeat(50)}#${i}`)]) {
          const p = ids.slice(0, 20).map((id) => cut(id, 80));
          const expected = reference((q) => ({ q, v: vote, p }), question);
          expect(encodeFeedbackValue({ question, vote, passages: ids })).toBe(expected);
          expect(encodeFeedbackValue({ question, vote, passages: ids }, quoteQuestion(question))).toBe(
            expected,
          );
          expect(
            encodeFeedbackValue(
              { question, vote, passages: ids },
              quoteQuestion(question),
              quotePassageIds(ids),
            ),
          ).toBe(expected);
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
      const feedback = decodeFeedbackValue(encodeFeedbackValue({ question, vote: "down", passages }))!;
      expect(question.startsWith(feedback.question)).toBe(true);
      // Passage ids are cut to 80 characters.
      expect(feedback).toMatchObject({ vote: "down", passages: passages.map((id) => cut(id, 80)) });
    }
  });
});
