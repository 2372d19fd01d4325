import { beforeAll, describe, expect, it } from "vitest";
import type { Corpus } from "../../src/corpus/types.js";
import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { bestCoverageBound } from "../../src/search/coverage-bound.js";
import { DEFAULT_ENGINE_OPTIONS } from "../../src/search/engine-options.js";
import { retrieve } from "../../src/search/pipeline.js";
import { analyzeQuery } from "../../src/search/query.js";
import { random } from "../support/random.js";
import { fixtureIndex } from "./fixture.js";

describe("bestCoverageBound", () => {
  let index: ParagraphIndex;
  let corpus: Corpus;
  beforeAll(async () => {
    ({ index, corpus } = await fixtureIndex());
  });

  /** Questions of words drawn from the corpus's titles and paragraphs, with misspellings and strangers. */
  function questions(): string[] {
    const rand = random(7);
    const words = corpus.articles.flatMap((a) => `${a.title} ${a.paragraphs.join(" ")}`.split(/\s+/));
    const strangers = ["Zanzibar", "quantum", "marmalade", "1987", "Oslo", "referendum"];
    return Array.from({ length: 300 }, () => {
      const n = 1 + Math.floor(rand() * 8);
      return Array.from({ length: n }, () => {
        const r = rand();
        if (r < 0.2) return strangers[Math.floor(rand() * strangers.length)]!;
        const word = words[Math.floor(rand() * words.length)]!;
        // Now and then a typo, for fuzzy expansions.
        return r < 0.3 && word.length > 5 ? `${word.slice(0, 2)}${word.slice(3)}` : word;
      }).join(" ");
    });
  }

  it("is never below the coverage re-ranking gives any candidate", () => {
    let tight = 0;
    for (const question of questions()) {
      const query = analyzeQuery(index, question);
      const bound = bestCoverageBound(index, query, Number.POSITIVE_INFINITY)!;
      const ranked = retrieve(index, query, DEFAULT_ENGINE_OPTIONS);
      const best = Math.max(0, ...ranked.map((r) => r.coverage));
      expect(bound, question).toBeGreaterThanOrEqual(best);
      if (best > 0 && bound <= best * (1 + 1e-6)) tight++;
    }
    // Postings hold exactly a paragraph's body, title and dek words: the bound is mostly exact.
    expect(tight).toBeGreaterThan(100);
  });

  it("declines when the question's postings exceed the budget", () => {
    const query = analyzeQuery(index, "museum sketchbook bridge council harbour");
    expect(bestCoverageBound(index, query, 0)).toBeUndefined();
    expect(bestCoverageBound(index, query, 1_000_000)).toBeGreaterThan(0);
  });
});
