import { describe, expect, it } from "vitest";
import type { Article, Corpus } from "../../src/corpus/types.js";
import { buildIndex } from "../../src/search/build-index.js";
import { articleLists, paragraphLists } from "../../src/search/paragraph-index.js";
import { analyzeQuery, scoringTerms } from "../../src/search/query.js";
import { createDocScorer, prepareTerms, topK, type WeightedTerm } from "../../src/search/top-k.js";
import { createReferenceSearch, topKExhaustive } from "../support/minisearch-reference.js";
import { random } from "../support/random.js";
import { fixtureIndex } from "./fixture.js";

// Zipf-like vocabulary of invented words, so postings range from a handful to most paragraphs.
const rand = random(42);
const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}zq`);
const word = () => vocabulary[Math.floor(vocabulary.length * rand() ** 2.5)]!;
const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
const articles: Article[] = Array.from({ length: 150 }, (_, a) => ({
  id: `a${a}`,
  title: sentence(4),
  publication: "Synthetic",
  ...(a % 3 === 0 ? { dek: sentence(6) } : {}),
  paragraphs: Array.from({ length: 2 + (a % 6) }, () => sentence(5 + Math.floor(rand() * 40))),
  source: `a${a}.md`,
}));
const synthetic: Corpus = { articles };

describe("pruned top k (MaxScore) equals the exhaustive and the MiniSearch reference scorers", () => {
  const index = buildIndex(synthetic);
  const reference = createReferenceSearch(index);

  it("with per-article weights (0 excludes), on random queries and weights, every k", () => {
    for (let q = 0; q < 150; q++) {
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const termId = index.termIds.get(word())!;
        return { termId, weight: 0.2 + rand() * 3 };
      });
      // A third of the articles excluded, the rest weighted as a date prior would weigh them.
      const weight = Float32Array.from(articles, () => (rand() < 0.33 ? 0 : 0.2 + 0.8 * rand()));
      const weights = { weight, group: index.docArticle };
      for (const k of [1, 3, 10, 40]) {
        const fast = topK(paragraphLists(index), terms, k, weights);
        expect(fast).toEqual(topKExhaustive(paragraphLists(index), terms, k, weights));
        for (const { doc } of fast) expect(weight[index.docArticle[doc]!]).toBeGreaterThan(0);
        const articleLevel = topK(articleLists(index), terms, k, { weight });
        expect(articleLevel).toEqual(topKExhaustive(articleLists(index), terms, k, { weight }));
      }
    }
  });

  it("on random queries, every k, ties included", () => {
    let compared = 0;
    for (let q = 0; q < 200; q++) {
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
        const termId = index.termIds.get(word())!;
        return { termId, weight: 0.2 + rand() * 3 };
      });
      for (const k of [1, 3, 10, 40]) {
        const fast = topK(paragraphLists(index), terms, k);
        expect(fast).toEqual(topKExhaustive(paragraphLists(index), terms, k));
        expect(fast).toEqual(reference(terms, k));
        compared += fast.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("on the fixture corpus with analysed questions", async () => {
    const { index: fixture } = await fixtureIndex();
    const ref = createReferenceSearch(fixture);
    for (const question of [
      "council budget library",
      "river flood Sandford",
      "Valdemorro chess",
      "festival 1987 Thornbu",
    ]) {
      const terms = scoringTerms(fixture, analyzeQuery(fixture, question));
      expect(terms.length).toBeGreaterThan(0);
      for (const k of [1, 3, 100]) {
        expect(topK(paragraphLists(fixture), terms, k)).toEqual(
          topKExhaustive(paragraphLists(fixture), terms, k),
        );
        expect(topK(paragraphLists(fixture), terms, k)).toEqual(ref(terms, k));
      }
    }
  });

  it("at the article level too", () => {
    const lists = articleLists(index);
    for (let q = 0; q < 100; q++) {
      const terms: WeightedTerm[] = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => ({
        termId: index.termIds.get(word())!,
        weight: 0.2 + rand() * 3,
      }));
      for (const k of [1, 5, 20]) expect(topK(lists, terms, k)).toEqual(topKExhaustive(lists, terms, k));
    }
  });

  it("scores a single document as the top-k scorers do", () => {
    const lists = paragraphLists(index);
    const terms: WeightedTerm[] = [word(), word(), word()].map((w) => ({
      termId: index.termIds.get(w)!,
      weight: 1,
    }));
    const scoreOf = createDocScorer(lists, terms);
    for (const { doc, score } of topKExhaustive(lists, terms, 30)) {
      expect(scoreOf(doc)).toBeCloseTo(score, 9);
    }
  });

  it("returns nothing for no terms or k = 0", () => {
    expect(topK(paragraphLists(index), [], 10)).toEqual([]);
    expect(topK(paragraphLists(index), [{ termId: 0, weight: 1 }], 0)).toEqual([]);
  });
});

describe("prepareTerms", () => {
  const index = buildIndex(synthetic);
  const lists = paragraphLists(index);

  /** What it must give: duplicates merged in order of first appearance (a Map), weights summed in order. */
  function reference(terms: readonly WeightedTerm[]) {
    const merged = new Map<number, number>();
    for (const { termId, weight } of terms) {
      if (!(weight > 0) || termId < 0 || termId >= lists.maxTf.length) continue;
      merged.set(termId, (merged.get(termId) ?? 0) + weight);
    }
    return [...merged]
      .map(([termId, weight]) => {
        const maxTf = lists.maxTf[termId]!;
        return {
          termId,
          weight,
          upperBound: ((weight * maxTf * (lists.k1 + 1)) / (lists.k1 + maxTf)) * (1 + 1e-9),
        };
      })
      .sort((x, y) => x.upperBound - y.upperBound || x.termId - y.termId);
  }

  it("merges repeated terms and drops invalid ones, for a question's few terms or a paragraph's many", () => {
    for (const length of [1, 5, 24, 25, 80]) {
      for (let q = 0; q < 20; q++) {
        const terms: WeightedTerm[] = Array.from({ length }, () => ({
          // A small pool, so terms repeat; now and then an id outside the index or a weight of 0.
          termId: rand() < 0.05 ? -1 : index.termIds.get(vocabulary[Math.floor(rand() * 12)]!)!,
          weight: rand() < 0.05 ? 0 : 0.2 + rand() * 3,
        }));
        expect(prepareTerms(lists, terms)).toEqual(reference(terms));
      }
    }
  });
});
