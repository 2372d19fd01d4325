import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { tokenize } from "../../src/search/analyze.js";
import { boostAnswerType } from "../../src/search/answer-type/boost.js";
import { buildIndex } from "../../src/search/build-index.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { analyzeQuery } from "../../src/search/query.js";
import { isQuestionWord } from "../../src/search/question-words.js";
import { createArticleFactory } from "../support/article-factory.js";
import { corpusDir } from "../support/paths.js";
import { rerankedCandidates } from "../support/pipeline-stages.js";

describe("isQuestionWord", () => {
  it("reads a degree word after 'how' as asking, the noun after it as content", () => {
    const tokens = tokenize("how many years did he get, and how much did it cost");
    const asking = tokens.filter((_, i) => isQuestionWord(tokens, i)).map((t) => t.folded);
    expect(asking).toEqual(["how", "many", "did", "he", "and", "how", "much", "did", "it"]);
    expect(asking).not.toContain("years");
    expect(asking).not.toContain("cost");
    // "many" is asking only right after "how".
    expect(isQuestionWord(tokens, 1)).toBe(true);
    const plain = tokenize("many analysts said");
    expect(isQuestionWord(plain, 0)).toBe(false);
  });
});

describe("question words on the seed article", () => {
  let index: ParagraphIndex;
  beforeAll(async () => {
    index = buildIndex(await loadCorpus(corpusDir));
  });

  it("'how many' is not a matched word", () => {
    const query = analyzeQuery(index, "how many years did Massimov get");
    expect(query.groups.map((g) => g.folded)).toEqual(["years", "massimov", "get"]);
  });

  it("'how many years' ranks first the paragraph stating the years, not one that only says 'many'", () => {
    // ¶5 ("…which many analysts have suggested…") and ¶7 ("which many have come to call…") matched the
    // question's "many"; ¶1 says "sentenced to 18 years" about Massimov.
    const answer = answerQuestion(index, "how many years did Massimov get");
    expect(answer.passages[0]?.paragraph).toBe(1);
    expect(answer.passages[0]?.text).toContain("18 years");
    for (const p of answer.passages) expect(p.excerpt).not.toContain("**many**");
  });
});

describe("a passage holding none of the question's words is never first", () => {
  const article = createArticleFactory("The Harbour Post");
  const index = buildIndex({
    articles: [
      article("ferry-timetable", "Lindqvist ferry timetable overhaul", [
        "Commuters woke on Monday to a surprise announced overnight by the operator of the service.",
        "Officials said it followed a year of complaints from passengers and local shops.",
        "The new Lindqvist timetable adds two early sailings on weekdays.",
      ]),
      article("bakery", "Bakery opens on the quay", ["A bakery opened on the quay, selling bread and buns."]),
    ],
  });

  it("the lead that only its title ties to the question gives way to a paragraph that says the words", () => {
    // ¶1 holds no word of the question; the title holds all of them, so with a strong lead prior it
    // ranks first in the re-ranking. ¶3 says "Lindqvist timetable" itself.
    const question = "What is new in the Lindqvist timetable?";
    const engine = { leadWeight: 10 };
    const { query, ranked } = rerankedCandidates(index, question, engine);
    expect(boostAnswerType(index, query, ranked, resolveEngineOptions(engine))[0]?.doc).toBe(0);
    const answer = answerQuestion(index, question, {}, engine);
    expect(answer.passages[0]?.paragraph).toBe(3);
  });
});
