import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { tokenize } from "../../src/search/analyze.js";
import { reorderWithinArticles } from "../../src/search/answer-type/subject.js";
import { buildIndex } from "../../src/search/build-index.js";
import type { ParagraphIndex } from "../../src/search/paragraph-index.js";
import { rankPassages } from "../../src/search/pipeline.js";
import { analyzeQuery } from "../../src/search/query.js";
import { hasSubjectPronoun } from "../../src/search/question-words.js";
import { repoRoot } from "../support/paths.js";

let seed: ParagraphIndex;
beforeAll(async () => {
  seed = buildIndex(await loadCorpus(path.join(repoRoot, "corpus")));
});

function paragraphs(index: ParagraphIndex, question: string, options = {}): number[] {
  return (rankPassages(index, question, options).ranked ?? []).map((r) => index.docParagraph[r.doc]! + 1);
}

describe("pronouns stand for the story's subject", () => {
  it("reads a pronoun with no name before it as the subject's", () => {
    expect(hasSubjectPronoun(tokenize("who dismissed him from the KNB?"))).toBe(true);
    expect(hasSubjectPronoun(tokenize("How many years did she get?"))).toBe(true);
    // "his" refers back to Lavoisier, whom the question names.
    expect(hasSubjectPronoun(tokenize("What did Lavoisier conclude in his experiments?"))).toBe(false);
    expect(hasSubjectPronoun(tokenize("Who dismissed the chairman?"))).toBe(false);
    expect(analyzeQuery(seed, "who dismissed him from the KNB?").subjectPronoun).toBe(true);
  });

  it("the seed article: the paragraph naming who dismissed Massimov is in the first three", () => {
    // "him" is Massimov, the article's principal subject: ¶2 says "Massimov … dismissed by … Tokayev";
    // ¶4 matches both words but its dismissal is Abish's, in a sentence that does not name Massimov.
    // Without the pronoun read as the subject, ¶4 outranks ¶2 (fourth).
    expect(paragraphs(seed, "who dismissed him from the KNB?").slice(0, 3)).toContain(2);
    expect(
      paragraphs(seed, "who dismissed him from the KNB?", { subjectWeight: 0 }).slice(0, 3),
    ).not.toContain(2);
  });

  it("re-orders passages within an article, never articles against each other", () => {
    const index = buildIndex({
      articles: [
        {
          id: "a",
          title: "A",
          publication: "P",
          paragraphs: ["one", "two"],
        },
        { id: "b", title: "B", publication: "P", paragraphs: ["three"] },
      ],
    } as never);
    const features = { matchShare: 1, proximity: 0, sentence: 0, article: 0, lead: 0 };
    const head = [
      { doc: 0, score: 3, bm25: 0, coverage: 1, features },
      { doc: 2, score: 2, bm25: 0, coverage: 1, features },
      { doc: 1, score: 1, bm25: 0, coverage: 1, features },
    ];
    const out = reorderWithinArticles(index, head, new Map([[1, 10]]));
    expect(out.map((r) => r.doc)).toEqual([1, 2, 0]);
    expect(out.map((r) => r.score)).toEqual([3, 2, 1]);
  });
});
