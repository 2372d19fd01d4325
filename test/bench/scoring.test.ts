import { describe, expect, it } from "vitest";
import { scoreRecall } from "../../scripts/bench/scoring.js";

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
