import { describe, expect, it } from "vitest";
import { isHit, normalizeForMatch, scoreRecall } from "../../scripts/bench/scoring.js";

describe("normalizeForMatch", () => {
  it("folds curly quotes, collapses white space and lower-cases", () => {
    expect(normalizeForMatch("  “Squid  Game”\n is\tBack’s ")).toBe('"squid game" is back\'s');
  });
});

describe("isHit", () => {
  it("matches an expect phrase inside the passage after normalizing both", () => {
    expect(
      isHit("He was “sentenced to 18 years  in prison” today.", ['sentenced to 18 years in prison"']),
    ).toBe(true);
    expect(isHit("He was sentenced to 8 years.", ["sentenced to 18 years"])).toBe(false);
    expect(isHit("anything", [""])).toBe(false);
  });
});

describe("scoreRecall", () => {
  it("computes R@1, R@3 and MRR over answerable questions only", () => {
    const questions = [{ expect: ["alpha"] }, { expect: ["beta"] }, { expect: ["gamma"] }, { expect: [] }];
    const ranked = [["alpha here", "x"], ["x", "y", "beta"], ["x", "y", "z", "gamma"], ["whatever"]];
    const score = scoreRecall(questions, ranked);
    expect(score.answerable).toBe(3);
    expect(score.r1).toBeCloseTo(1 / 3);
    expect(score.r3).toBeCloseTo(2 / 3);
    expect(score.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 4) / 3);
  });
});
