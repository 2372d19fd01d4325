import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.js";
import { buildExcerpt, type ExcerptQuery } from "../../src/answer/excerpt.js";
import type { Corpus } from "../../src/corpus/types.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { indexTerms } from "../../src/search/analyze.js";
import { buildIndex } from "../../src/search/build-index.js";
import { analyzeQuery } from "../../src/search/query.js";
import { fixtureIndex } from "../search/fixture.js";

// Typo corrections are kept per index and paragraphs' words and sentences per text: a repeated
// question, word or paragraph must get exactly what a first one gets.

let corpus: Corpus;
let index: ParagraphIndex;
beforeAll(async () => {
  ({ corpus, index } = await fixtureIndex());
});

function query(words: string): ExcerptQuery {
  const termGroup = new Map<string, number>();
  for (const [g, term] of indexTerms(words).entries()) termGroup.set(term, g);
  return { termGroup, groupIdf: [...termGroup.values()].map(() => 1) };
}

describe("repeated work is kept, answers stay the same", () => {
  it("the same question twice (typo included) gives the same answer, as on a fresh index", () => {
    const questions = [
      "Who won the chess championship, Valdemorro?",
      "valdemorro",
      "When did the bridge reopen?",
    ];
    const first = questions.map((q) => answerQuestion(index, q));
    const again = questions.map((q) => answerQuestion(index, q));
    const fresh = buildIndex(corpus);
    const onFresh = questions.map((q) => answerQuestion(fresh, q));
    expect(again).toEqual(first);
    expect(onFresh).toEqual(first);
    expect(first[1]!.passages[0]?.articleId).toBe("chess-title");
  });

  it("a typo is corrected against each index's own words", () => {
    const chess = corpus.articles.find((a) => a.id === "chess-title")!;
    const withName = analyzeQuery(index, "valdemorro");
    const other = buildIndex({ articles: corpus.articles.filter((a) => a.id !== chess.id) });
    const without = analyzeQuery(other, "valdemorro");
    expect(withName.groups[0]!.expansions.map((e) => e.term)).toContain("valdemoro");
    expect(without.groups[0]!.expansions.map((e) => e.term)).not.toContain("valdemoro");
  });

  it("the same paragraph quoted for different questions marks each question's words", () => {
    const text = "The footbridge closed in November. The bridge reopened to walkers on Friday.";
    expect(buildExcerpt(text, query("bridge reopened"), 300).excerpt).toBe(
      "The footbridge closed in November. The **bridge reopened** to walkers on Friday.",
    );
    expect(buildExcerpt(text, query("footbridge November"), 300).excerpt).toBe(
      "The **footbridge** closed in **November**. The bridge reopened to walkers on Friday.",
    );
    expect(buildExcerpt(text, query("walkers"), 50).excerpt).toBe(
      "The bridge reopened to **walkers** on Friday.",
    );
  });
});
