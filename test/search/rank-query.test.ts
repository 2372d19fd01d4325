import { beforeAll, describe, expect, it } from "vitest";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { rankPassages, rankQuery } from "../../src/search/pipeline.js";
import { fixtureIndex } from "./fixture.js";

let index: ParagraphIndex;
beforeAll(async () => {
  ({ index } = await fixtureIndex());
});

// The filter hints rank an ask's question again under other restrictions; they reuse its analysis
// (rankQuery) and skip the rankings that cannot find anything (`unrestricted`).
describe("rankQuery and unrestricted verdicts", () => {
  const restrictions = [
    undefined,
    {},
    { asked: 0 },
    { asked: 30_000 },
    { span: { from: 19_000, to: 19_500 } },
  ];

  it("ranks an analysed question as rankPassages ranks its words", () => {
    for (const question of [
      "When did the bridge reopen?",
      "Who won the chess championship?",
      "zzyzx quorble",
    ]) {
      for (const restriction of restrictions) {
        const words = rankPassages(index, question, {}, 0, restriction);
        const analysed = rankQuery(index, words.query, {}, 0, restriction);
        expect(analysed).toEqual(words);
      }
    }
  });

  it("says unrestricted only when no restriction finds anything", () => {
    const unknown = rankPassages(index, "What did Quorble Zzyzx say about Flumpington?", {}, 0, {
      asked: 30_000,
    });
    expect(unknown.ranked).toBeNull();
    expect(unknown.unrestricted).toBe(true);
    for (const restriction of restrictions)
      expect(rankQuery(index, unknown.query, {}, 0, restriction).ranked).toBeNull();
    // Found with no restriction, not on a day before every article: not found, but not unrestricted.
    const early = rankPassages(index, "When did the bridge reopen?", {}, 0, { asked: 0, datedOnly: true });
    expect(early.ranked).toBeNull();
    expect(early.unrestricted).toBeUndefined();
    expect(rankPassages(index, "When did the bridge reopen?").ranked).not.toBeNull();
  });
});
