import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { rankerFeatures } from "../../src/search/learned-rank.js";
import { rankPassages } from "../../src/search/pipeline.js";
import { fixtureIndex } from "./fixture.js";
import { QUESTIONS } from "./ranker-features-questions.js";

let index: ParagraphIndex;
beforeAll(async () => {
  ({ index } = await fixtureIndex());
});

// The learned ranker ships switched off (learnedDepth 0), so the answers' dump does not read its
// features: rows.json holds them as rankerFeatures computed them before it was cut into short functions.
describe("rankerFeatures against the rows it gave before its refactor", () => {
  it("gives every question the same rows, value for value", () => {
    const file = path.join(import.meta.dirname, "../fixtures/ranker-features/rows.json");
    const expected = JSON.parse(readFileSync(file, "utf8")) as Record<string, number[][]>;
    const seen: string[] = [];
    for (const [question, restriction] of QUESTIONS) {
      const r = rankPassages(index, question, resolveEngineOptions({ candidates: 60 }), 40, restriction);
      if (!r.ranked) continue;
      const key = question + (restriction ? ` @${JSON.stringify(restriction)}` : "");
      seen.push(key);
      const rows = rankerFeatures(index, r.query, r.ranked, 30, restriction).map((row) => [...row]);
      expect([key, rows]).toEqual([key, expected[key]]);
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });
});
