import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import type { Corpus } from "../../src/corpus/types.js";
import { buildIndex } from "../../src/search/build-index.js";
import { rankPassages } from "../../src/search/pipeline.js";
import { analyzeQuery } from "../../src/search/query.js";
import { createArticleFactory } from "../support/article-factory.js";

const article = createArticleFactory("Test Wire");

// A story whose lead names the answer without repeating the question's words, and a roundup that
// mentions the topic in passing.
const corpus: Corpus = {
  articles: [
    article("roundup", "Five things to know this morning", [
      "Markets opened higher on Monday after a quiet weekend of trading in Asia and Europe.",
      "The ferry strike entered its third day, with unions and operators still far apart on pay.",
      "Weather: expect showers along the coast and sunshine inland by the afternoon.",
    ]),
    article("ferry-strike", "Ferry strike halts island crossings", [
      "Test Wire —",
      "Crews walked out at dawn on Monday, stranding hundreds of passengers on Arran and Bute.",
      "The ferry strike is over pay; unions say wages have fallen behind inflation for three years.",
      "Operators said talks would resume on Thursday, and extra coaches would run to the mainland.",
    ]),
  ],
};

describe("two-stage search", () => {
  const index = buildIndex(corpus);

  it("prefers the lead of the article about the question, and never quotes its dateline", () => {
    // The strike story is about the question as a whole (title and body); its lead (¶2, after the
    // dateline "Test Wire —") holds "stranding" and "passengers" next to each other, while the roundup
    // only mentions the strike in passing. The dateline never becomes a passage.
    const answer = answerQuestion(index, "Where did the ferry strike strand passengers?");
    expect(answer.passages[0]).toMatchObject({ articleId: "ferry-strike", paragraph: 2 });
    expect(answer.passages.some((p) => p.paragraph === 1 && p.articleId === "ferry-strike")).toBe(false);
  });

  it("keeps the most informative words of a very long question", () => {
    const filler = Array.from({ length: 60 }, (_, i) => `word${i.toString(36)}x`).join(" ");
    const query = analyzeQuery(index, `${filler} Arran ferry`);
    expect(query.groups).toHaveLength(32);
    expect(query.groups.map((g) => g.term)).toEqual(expect.arrayContaining(["arran", "ferri"]));
    expect(rankPassages(index, `${filler} Arran ferry`, { minCoverage: 0 }).ranked![0]!.doc).toBe(4);
  });
});
