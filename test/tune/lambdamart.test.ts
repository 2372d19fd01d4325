import { describe, expect, it } from "vitest";
import { fitLambdaMart, type RankGroup } from "../../scripts/lambdamart.js";
import { ensembleProblem, ensembleScore } from "../../src/search/tree-ensemble.js";

/** A deterministic pseudo-random stream (mulberry32), so the data is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Groups of 10 candidates where the right one is the candidate whose first feature sits in a middle band
 * (0.4–0.6) — no linear order of the features finds it — and the second feature is noise.
 */
function bandGroups(count: number, seed: number): RankGroup[] {
  const next = random(seed);
  const groups: RankGroup[] = [];
  for (let g = 0; g < count; g++) {
    const right = Math.floor(next() * 10);
    const x = Array.from({ length: 10 }, (_, i) => {
      const band = i === right ? 0.4 + 0.2 * next() : next() < 0.5 ? 0.4 * next() : 0.6 + 0.4 * next();
      return [band, next()];
    });
    groups.push({ x, y: x.map((_, i) => (i === right ? 1 : 0)), weight: 1 / count });
  }
  return groups;
}

function firstRight(groups: readonly RankGroup[], score: (row: readonly number[]) => number): number {
  let hits = 0;
  for (const g of groups) {
    const z = g.x.map(score);
    const best = z.indexOf(Math.max(...z));
    if (g.y[best] === 1) hits++;
  }
  return hits / groups.length;
}

describe("LambdaMART", () => {
  it("learns a non-linear ranking rule and ranks held-out groups by it", () => {
    const model = fitLambdaMart(bandGroups(300, 1), ["band", "noise"], { trees: 30, minLeaf: 20 });
    const heldOut = bandGroups(200, 2);
    // Chance is 1 in 10; the rule is learnable, so held out nearly every right candidate comes first.
    expect(firstRight(heldOut, (row) => ensembleScore(model, row))).toBeGreaterThan(0.8);
    expect(firstRight(heldOut, (row) => row[0]!)).toBeLessThan(0.5);
  });

  it("writes trees the engine accepts, splitting on the informative feature", () => {
    const model = fitLambdaMart(bandGroups(100, 3), ["band", "noise"], { trees: 5, minLeaf: 20 });
    expect(ensembleProblem(model, ["band", "noise"])).toBeNull();
    expect(model.trees[0]!.feature[0]).toBe(0);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("learns nothing from groups with no right or no wrong candidate", () => {
    const groups: RankGroup[] = [
      { x: [[1], [0]], y: [0, 0], weight: 1 },
      { x: [[1], [0]], y: [1, 1], weight: 1 },
    ];
    expect(fitLambdaMart(groups, ["a"], { trees: 3 }).trees).toEqual([]);
  });
});

describe("tree ensemble checks", () => {
  it("names what is wrong with a model file in one sentence", () => {
    expect(ensembleProblem(null, ["a"])).toMatch(/features.*trees/);
    expect(ensembleProblem({ features: ["b"], trees: [] }, ["a"])).toMatch(/retrain/);
    const loop = { feature: [0, -1], threshold: [0, 0], left: [0, -1], right: [1, -1], value: [0, 1] };
    expect(ensembleProblem({ features: ["a"], trees: [loop] }, ["a"])).toMatch(/child outside/);
    const wide = {
      feature: [3, -1, -1],
      threshold: [0, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, 1, 2],
    };
    expect(ensembleProblem({ features: ["a"], trees: [wide] }, ["a"])).toMatch(/beyond the row/);
  });
});
