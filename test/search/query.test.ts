import { beforeAll, describe, expect, it } from "vitest";
import { indexTerms } from "../../src/search/analyze.js";
import type { ParagraphIndex } from "../../src/search/paragraph-index.js";
import { analyzeQuery } from "../../src/search/query.js";
import { fixtureIndex } from "./fixture.js";

describe("analyzeQuery: one group per word", () => {
  let index: ParagraphIndex;
  beforeAll(async () => {
    ({ index } = await fixtureIndex());
  });

  // Distinct content words; the question repeats the last one as a name at its end.
  const words = `museum sketchbook harbour council budget tunnel bridge ferry river
    mayor festival library garden stadium railway market orchard lighthouse`.split(/\s+/);

  for (const count of [5, words.length]) {
    it(`merges a repeated word into its first group, at its highest weight (${count} words)`, () => {
      const last = words[count - 1]!;
      const question = `${words.slice(0, count).join(" ")} and then ${last[0]!.toUpperCase()}${last.slice(1)}`;
      const query = analyzeQuery(index, question);
      const distinct = [...new Set(indexTerms(question))];
      expect(query.groups.map((g) => g.term)).toEqual(distinct);
      // The word written with a capital after the first word is a name: its group takes the boost.
      expect(query.groups.map((g) => g.weight)).toEqual(distinct.map((_, i) => (i === count - 1 ? 1.6 : 1)));
    });
  }

  it("the long question has more words than are found by scanning (16)", () => {
    expect(words.length).toBeGreaterThan(16);
  });
});
