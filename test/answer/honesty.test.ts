import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import type { Answer } from "../../src/answer/types.js";
import { buildIndex } from "../../src/search/build-index.js";
import { renderAnswerText } from "../../src/shell/render-answer-text.js";
import { createArticleFactory } from "../support/article-factory.js";

const article = createArticleFactory("The Southern Ledger");
const index = buildIndex({
  articles: [
    article("braves", "Atlanta Braves visit the White House", [
      "The Atlanta Braves were welcomed at the White House on Monday to celebrate their title.",
      "Atlanta fans lined the streets for the parade last week.",
    ]),
    article("jobs", "Jobless figures fall across the region", [
      "The unemployment rate in Georgia fell to 3.1 percent in May, the labor department said.",
    ]),
    article("harbour", "Harbour ferry timetable changes", [
      "The morning ferry will leave the harbour at six from next week.",
    ]),
  ],
});

describe("a swapped name is said", () => {
  it("a misspelt name read as a corpus name is reported as a correction", () => {
    // "Atlantis" is no corpus word; one edit away is "Atlanta". "Braves" and "White House" match the
    // Braves story on their own, so it answers — and the reply must say which name it read.
    const answer = answerQuestion(index, "Did the Atlantis Braves visit the White House?");
    expect(answer.found).toBe(true);
    expect(answer.passages[0]?.articleId).toBe("braves");
    expect(answer.corrections).toEqual([{ from: "Atlantis", to: "Atlanta" }]);
  });

  it("a name swapped for another name is not an answer by itself", () => {
    // Only the corrected name matches anything: Atlanta passages would answer a question about a place
    // the corpus never mentions.
    const answer = answerQuestion(index, "What happened in Atlantis?");
    expect(answer.found).toBe(false);
    expect(answer.passages).toEqual([]);
  });

  it("a question whose words all match has no corrections", () => {
    const answer = answerQuestion(index, "When did the Atlanta Braves visit the White House?");
    expect(answer.found).toBe(true);
    expect(answer.corrections).toBeUndefined();
  });
});

describe("the shell says corrections and low confidence", () => {
  const base: Answer = answerQuestion(index, "When did the Atlanta Braves visit the White House?");

  it("prints the correction above the passages", () => {
    const text = renderAnswerText({ ...base, corrections: [{ from: "Atlantis", to: "Atlanta" }] });
    expect(text).toContain("Showing results for Atlanta — no article mentions Atlantis");
  });

  it("prints the low-confidence line only for low answers", () => {
    expect(renderAnswerText({ ...base, confidence: "low" })).toContain(
      "Closest passages — they may not answer your question",
    );
    expect(renderAnswerText({ ...base, confidence: "high" })).not.toContain("Closest passages");
  });
});
