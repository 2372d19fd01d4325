import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { askContext } from "../../src/answer/ask-context.js";
import {
  CONFIDENCE_FEATURES,
  type ConfidenceFeatures,
  confidenceFeatures,
  confidenceScore,
} from "../../src/answer/confidence.js";
import { renderAnswerText } from "../../src/answer/render-text.js";
import type { Answer } from "../../src/answer/types.js";
import { buildIndex } from "../../src/search/build-index.js";
import { rankPassages } from "../../src/search/index.js";
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

  it("marks a high answer's first citation, and only that one", () => {
    const high = renderAnswerText({ ...base, confidence: "high" });
    expect(high).toMatch(/\n {2}\[1\] Best match · /);
    expect(high.match(/Best match/g)).toHaveLength(1);
    expect(renderAnswerText({ ...base, confidence: "low" })).not.toContain("Best match");
  });
});

describe("confidence", () => {
  const strong: ConfidenceFeatures = {
    coverage: 1,
    content: 1,
    sentence: 1,
    typed: 1,
    typeHeld: 1,
    margin: 1,
    single: 0,
    agreement: 1,
    gap: 1,
    names: 1,
    lead: 1,
    article: 1,
    matchShare: 1,
    sameArticle: 0,
    corpusSize: 0,
    dated: 1,
    recency: 1,
    contentKnown: 1,
    contentBest: 1,
    concentration: 1,
    margin3: 1,
    wh: 1,
    askTime: 0,
    askNumber: 0,
    askName: 1,
    askPlace: 0,
    askContent: 1,
    novelty: 1,
    novelNear: 1,
    winnerShare: 1,
    firstHoldsWinner: 1,
  };
  // Context flags say where evidence exists (a typed question, a single article, a dated ask, what the
  // question asks for); the rest is evidence that the first passage answers.
  const flags = new Set([
    "typed",
    "single",
    "dated",
    "sameArticle",
    "corpusSize",
    "lead",
    "concentration",
    "wh",
    "askTime",
    "askNumber",
    "askName",
    "askPlace",
  ]);

  it("grows with every piece of evidence", () => {
    // The fitted weights are data; whatever they are, more of any evidence must never lower the score
    // (a negative weight would mean the fit learnt noise; the calibration keeps them at or above 0).
    const weak: ConfidenceFeatures = {
      ...strong,
      coverage: 0.3,
      content: 0,
      sentence: 0,
      typeHeld: 0,
      margin: 0,
      agreement: 0,
      gap: 0,
      names: 0,
      recency: 0,
      contentKnown: 0,
      contentBest: 0,
      margin3: 0,
      askContent: 0,
      novelty: 0,
      novelNear: 0,
      winnerShare: 0,
      firstHoldsWinner: 0,
    };
    for (const key of CONFIDENCE_FEATURES) {
      if (flags.has(key)) continue;
      expect(confidenceScore({ ...weak, [key]: 1 })).toBeGreaterThanOrEqual(confidenceScore(weak));
    }
    expect(confidenceScore(strong)).toBeGreaterThan(confidenceScore(weak));
  });

  it("is low when the question names something no article writes, however strong the rest", () => {
    // "Vallenhorst" is in no article: no passage can be about her, so what is found is only the closest.
    const unknown = answerQuestion(index, "Did Ingrid Vallenhorst watch the Braves at the White House?");
    expect(unknown.found).toBe(true);
    expect(unknown.confidence).toBe("low");
    const swapped = answerQuestion(index, "Did the Atlantis Braves visit the White House?");
    expect(swapped.confidence).toBe("low");
  });

  it("is set on every found answer and never on a not-found one", () => {
    const found = answerQuestion(index, "When did the Atlanta Braves visit the White House?");
    expect(["high", "low"]).toContain(found.confidence);
    expect(answerQuestion(index, "What happened in Atlantis?").confidence).toBeUndefined();
  });
});

describe("confidence weighs how recent the first passage is", () => {
  // One story covered twice: a fortnight's age halves the evidence (confidenceRecencyHalfLife), and a
  // question's own time phrase measures from the span it names, not from the day of asking. On the
  // archive set a first passage from the fortnight before the asking answers far more often than an
  // older one: news questions ask about the news of their day.
  const dated = buildIndex({
    articles: [
      {
        ...article("flood", "River floods the old town", [
          "The river burst its banks and flooded the old town on Tuesday, the mayor said.",
        ]),
        published: "2024-03-05",
      },
    ],
  });
  const recencyOf = (question: string, asked?: string) => {
    const context = askContext(question, asked ? { asked } : {});
    const { query, ranked } = rankPassages(dated, context.text, {}, 3, context.restriction);
    expect(ranked).not.toBeNull();
    return confidenceFeatures(dated, query, ranked!, 1, { restriction: context.restriction }).recency;
  };

  it("is 0 (not dated) when the ask has no date, and halves with each half-life before the asking", () => {
    // Without a date nothing is known about recency: the `dated` flag is 0 and so is recency.
    expect(recencyOf("Which town did the river flood?")).toBe(0);
    expect(recencyOf("Which town did the river flood?", "2024-03-05")).toBe(1);
    expect(recencyOf("Which town did the river flood?", "2024-03-19")).toBeCloseTo(0.5, 6);
    expect(recencyOf("Which town did the river flood?", "2024-04-02")).toBeCloseTo(0.25, 6);
  });

  it("counts from the span a time phrase names", () => {
    // Asked a year later about March 2024: the article is inside the span, so it is as recent as can be.
    expect(recencyOf("Which town did the river flood in March 2024?", "2025-03-05")).toBe(1);
  });

  it("is all the day of asking changes in the evidence for the same first passage", () => {
    const featuresOn = (asked: string) => {
      const context = askContext("Which town did the river flood?", { asked });
      const { query, ranked } = rankPassages(dated, context.text, {}, 3, context.restriction);
      return confidenceFeatures(dated, query, ranked!, 1, { restriction: context.restriction });
    };
    const fresh = featuresOn("2024-03-06");
    const stale = featuresOn("2027-03-06");
    expect({ ...stale, recency: fresh.recency }).toEqual(fresh);
    expect(stale.recency).toBeLessThan(fresh.recency);
    expect(confidenceScore(stale)).toBeLessThanOrEqual(confidenceScore(fresh));
  });
});
