import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { buildIndex } from "../../src/search/build-index.js";
import { indexState } from "../../src/search/index-state.js";
import { warmIndex } from "../../src/search/warm-index.js";
import { createArticleFactory } from "../support/article-factory.js";

const article = createArticleFactory("Gazette");
const corpus = () => ({
  articles: [
    article("court", "Court ruling", ["The supreme court sentenced the former minister to ten years."]),
    article("port", "Harbour reopens", ["The harbour reopened after the storm, the port authority said."]),
  ],
});

describe("warmIndex", () => {
  it("builds the vocabulary tree before any question needs it, holding every term", () => {
    const index = buildIndex(corpus());
    expect(indexState(index).hasVocabulary()).toBe(false);
    warmIndex(index);
    expect(indexState(index).hasVocabulary()).toBe(true);
    expect(indexState(index).vocabulary().size).toBe(index.terms.length);
  });

  it("changes no answer: a typo is corrected the same with or without it", () => {
    const cold = buildIndex(corpus());
    const warm = buildIndex(corpus());
    warmIndex(warm);
    const question = "Who was sentnced by the supreme court?";
    expect(answerQuestion(warm, question)).toEqual(answerQuestion(cold, question));
    expect(answerQuestion(warm, question).passages[0]?.articleId).toBe("court");
  });
});
