import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { tokenize } from "../../src/search/analyze.js";
import {
  principalSubject,
  pronounFlagsOfDoc,
  reorderWithinArticles,
} from "../../src/search/answer-type/subject.js";
import { buildIndex } from "../../src/search/build-index.js";
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

  const tesla = () =>
    buildIndex({
      articles: [
        {
          id: "tesla",
          title: "Nikola Tesla",
          publication: "P",
          paragraphs: [
            "Nikola Tesla was an inventor born in Smiljan.",
            "Tesla worked in New York for many years on motors.",
            "Tesla wrote often about nature in his notebooks. The belief of the age was progress.",
            "His belief was that nature must be ruthless. Samat Abish was dismissed from his post.",
          ],
        },
      ],
    } as never);

  it("reads a pronoun of the subject's story as the subject unless its sentence names someone else", () => {
    const index = tesla();
    const subject = principalSubject(index, 0, 3);
    expect(index.terms[subject]).toBe("tesla");
    const doc = index.articleDocStart[0]! + 3;
    const flags = pronounFlagsOfDoc(index, doc, subject);
    const from = index.docTokenStart[doc]!;
    // Positions of the two pronouns among the paragraph's entries: "His" (first word) and "his" (last but one).
    const stops = [...flags.keys()].filter((i) => (index.docTokens[from + i]! | 0) === -1);
    expect(flags[0]).toBe(1);
    expect(flags[stops.at(-1)!]).toBe(0);
  });

  it("golden: the sentence saying his belief about nature answers what his belief was", () => {
    // ¶4's first sentence holds both words of the question and "His", which in Tesla's story is Tesla;
    // ¶3 names Tesla beside "nature" only. Read as the subject, the pronoun puts ¶4 first; without
    // (subjectPronounWeight 0) ¶3's naming the subject puts it first.
    const index = tesla();
    expect(paragraphs(index, "What was his belief about nature?")[0]).toBe(4);
    expect(paragraphs(index, "What was his belief about nature?", { subjectPronounWeight: 0 })[0]).toBe(3);
  });
});
