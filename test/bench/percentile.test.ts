import { describe, expect, it } from "vitest";
import { percentile, summarize } from "../../scripts/bench/percentile.js";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it("takes the sample at the rank, never interpolating", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([10, 20], 99)).toBe(20);
  });

  it("gives the smallest sample for p0 and NaN for no samples", () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it("rejects a percentile outside 0..100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("does not reorder the caller's samples", () => {
    const values = [5, 1, 4];
    percentile(values, 50);
    expect(values).toEqual([5, 1, 4]);
  });

  it("summarizes count, p50, p99, max and mean", () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p99: 4, max: 4, mean: 2.5 });
  });
});
