import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  averageLength,
  DEFAULT_INDEX_OPTIONS,
  idf,
  lengthNorm,
  saturation,
} from "../../src/search/formula.js";

// The properties BM25 is chosen for; if a change to formula.ts breaks one, ranking changes everywhere.
const { k1, b } = DEFAULT_INDEX_OPTIONS;
const tf = fc.double({ min: 0.01, max: 1000, noNaN: true });
const weight = fc.double({ min: 0.01, max: 50, noNaN: true });

describe("the scoring formula", () => {
  it("saturation grows with the frequency but never past weight × (k1 + 1): repeating a word is worth less and less", () => {
    fc.assert(
      fc.property(weight, tf, tf, (w, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        // (Up to rounding: two frequencies a few ulps apart may round either way.)
        expect(saturation(w, lo, k1)).toBeLessThanOrEqual(saturation(w, hi, k1) * (1 + 1e-12));
        expect(saturation(w, hi, k1)).toBeLessThan(w * (k1 + 1));
      }),
    );
    expect(saturation(2, 1, k1)).toBeCloseTo(2, 12); // tf 1 scores the weight itself
  });

  it("idf is never negative and falls as more paragraphs hold the word", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const df = Math.floor(share * n);
          expect(idf(n, df)).toBeGreaterThanOrEqual(0);
          if (df < n) expect(idf(n, df)).toBeGreaterThan(idf(n, df + 1));
        },
      ),
    );
  });

  it("length normalisation is 1 at the average length and grows with length", () => {
    expect(lengthNorm(b, 40, 40)).toBeCloseTo(1, 12);
    expect(lengthNorm(b, 80, 40)).toBeGreaterThan(1);
    expect(lengthNorm(b, 20, 40)).toBeLessThan(1);
    expect(lengthNorm(0, 80, 40)).toBe(1); // b = 0: length ignored
  });

  it("the average length is never below 1, so an empty field or corpus never divides by zero", () => {
    expect(averageLength(0, 0)).toBe(1);
    expect(averageLength(300, 10)).toBe(30);
    expect(averageLength(3, 10)).toBe(1);
  });
});
