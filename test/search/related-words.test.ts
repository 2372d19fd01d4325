import { beforeAll, describe, expect, it } from "vitest";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { indexTerms } from "../../src/search/analyze.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { analyzeQuery } from "../../src/search/query.js";
import { relatedTerms } from "../../src/search/related-words.js";
import { fixtureIndex } from "./fixture.js";

/** The index term of one word, as the table stores it. */
const term = (word: string) => indexTerms(word)[0]!;

describe("relatedTerms (WordNet table)", () => {
  it("gives synonyms and derived forms as index terms", () => {
    expect(relatedTerms("buy")).toContain(term("purchase"));
    expect(relatedTerms("invasion")).toContain(term("invade"));
    expect(relatedTerms("doctor")).toContain(term("physician"));
  });

  it("looks inflected words up by their base form, degrees by degree", () => {
    expect(relatedTerms("bought")).toContain(term("purchase"));
    expect(relatedTerms("started")).toContain(term("begin"));
    expect(relatedTerms("biggest")).toContain("largest");
  });

  it("knows nothing of words WordNet does not have", () => {
    expect(relatedTerms("xqzzyv")).toEqual([]);
    expect(relatedTerms("")).toEqual([]);
  });
});

describe("related words in query analysis", () => {
  let index: ParagraphIndex;
  beforeAll(async () => {
    ({ index } = await fixtureIndex());
  });

  const groupOf = (question: string, word: string) =>
    analyzeQuery(index, question).groups.find((g) => g.folded === word)!;

  it("adds a related word the corpus uses, at less than the word's own weight", () => {
    // The museum story says "purchased"; "buy" is no corpus word.
    const buy = groupOf("Why did the museum buy the sketchbook?", "buy");
    expect(buy.expansions).toEqual([]);
    expect(buy.related.map((e) => e.term)).toEqual([term("purchase")]);
    expect(buy.related[0]!.kind).toBe("related");
    expect(buy.related[0]!.weight).toBeGreaterThan(0);
    expect(buy.related[0]!.weight).toBeLessThan(1);
  });

  it("adds nothing for a related word the corpus does not use", () => {
    // WordNet relates "help" to "aid" and "assist"; no fixture article uses either.
    expect(relatedTerms("help").length).toBeGreaterThan(0);
    expect(groupOf("Why did the museum help?", "help").related).toEqual([]);
  });

  it("leaves names alone, and can be turned off", () => {
    expect(groupOf("Who bought the Turner sketchbook?", "turner").related).toEqual([]);
    const off = analyzeQuery(
      index,
      "Why did the museum buy the sketchbook?",
      resolveEngineOptions({ relatedWeight: 0 }),
    );
    expect(off.groups.every((g) => g.related.length === 0)).toBe(true);
  });

  it("never lets a related word count as the word for coverage", () => {
    // Coverage (and the no-answer rule) reads idf and exact/fuzzy/prefix expansions only.
    expect(groupOf("Why did the museum buy the sketchbook?", "buy").idf).toBe(0);
  });
});
