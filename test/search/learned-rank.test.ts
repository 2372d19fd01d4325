import { describe, expect, it } from "vitest";
import { resolveEngineOptions } from "../../src/search/engine-options.js";
import { orderByScores, RANKER_FEATURES, rankerFeatures } from "../../src/search/learned-rank.js";
import { rankPassages } from "../../src/search/pipeline.js";
import type { RankedDoc } from "../../src/search/rerank.js";
import { fixtureIndex } from "./fixture.js";

const features = { matchShare: 0, proximity: 0, sentence: 0, article: 0, lead: 0 };
const doc = (d: number, score: number): RankedDoc => ({ doc: d, score, bm25: score, coverage: 1, features });

describe("learned ranking", () => {
  it("orders the head by model score and keeps the tail below it, in its order", () => {
    const ranked = [doc(1, 9), doc(2, 8), doc(3, 7), doc(4, 6)];
    const out = orderByScores(ranked, [0.1, 2, 1]);
    expect(out.map((r) => r.doc)).toEqual([2, 3, 1, 4]);
    for (let i = 1; i < out.length; i++) expect(out[i]!.score).toBeLessThan(out[i - 1]!.score);
  });

  it("gives every passage of the depth one 0–1 feature row", async () => {
    const { index } = await fixtureIndex();
    const { query, ranked } = rankPassages(index, "when did the footbridge reopen", { learnedDepth: 0 });
    expect(ranked).not.toBeNull();
    const rows = rankerFeatures(index, query, ranked!, 5);
    expect(rows.length).toBe(Math.min(5, ranked!.length));
    for (const row of rows) {
      expect(row.length).toBe(RANKER_FEATURES.length);
      for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it("reads novelty of the asked kind: a count near the question's words, capped, and its article's best", async () => {
    const { index } = await fixtureIndex();
    const { query, ranked } = rankPassages(index, "how much did the bridge repairs cost", {
      learnedDepth: 0,
    });
    const rows = rankerFeatures(index, query, ranked!, 10);
    const col = (name: string) => rows.map((r) => r[RANKER_FEATURES.indexOf(name as never)]!);
    const near = col("novelNear");
    const kind = col("novelKind");
    const inArticle = col("novelInArticle");
    // Some passage writes an amount near "bridge repairs cost"; "how much" asks for a number.
    expect(Math.max(...kind)).toBe(1);
    rows.forEach((_, i) => {
      if (near[i] === 0) expect(kind[i]).toBe(0);
      expect(inArticle[i] === 0).toBe(near[i] === 0);
    });
    // Each article's candidate with the most candidate answers reads 1.
    const best = new Map<number, number>();
    ranked!.slice(0, rows.length).forEach((r, i) => {
      const a = index.docArticle[r.doc]!;
      best.set(a, Math.max(best.get(a) ?? 0, inArticle[i]!));
    });
    for (const v of best.values()) expect(v === 0 || v === 1).toBe(true);
  });

  it("re-orders the same passages: it never adds or drops one", async () => {
    const { index } = await fixtureIndex();
    expect(resolveEngineOptions({ learnedDepth: 0 }).learnedDepth).toBe(0);
    const a = rankPassages(index, "how much did the bridge repairs cost", { learnedDepth: 0 }).ranked;
    const b = rankPassages(index, "how much did the bridge repairs cost", { learnedDepth: 30 }).ranked;
    expect(a?.[0]?.doc).toBeDefined();
    expect(new Set(b?.map((r) => r.doc))).toEqual(new Set(a?.map((r) => r.doc)));
  });
});
