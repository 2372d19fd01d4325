import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIDENCE_FEATURES,
  type ConfidenceFeatures,
  confidenceOf,
  confidenceOfScore,
  confidenceScore,
} from "../../src/answer/confidence.js";
import { CONFIDENCE_MODEL, type ConfidenceModel } from "../../src/answer/confidence-model.js";
import type { AnalyzedQuery } from "../../src/search/query.js";

/** The score as first written: two look-ups by name per feature. */
function plainScore(f: ConfidenceFeatures, model: ConfidenceModel): number {
  const kind = f.single > 0 ? model.single : f.dated > 0 ? model.dated : undefined;
  let z = model.bias + (kind?.bias ?? 0);
  for (const k of CONFIDENCE_FEATURES) z += ((model.weights[k] ?? 0) + (kind?.weights[k] ?? 0)) * f[k];
  return 1 / (1 + Math.exp(-z));
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const features = fc
  .tuple(
    fc.array(unit, { minLength: CONFIDENCE_FEATURES.length, maxLength: CONFIDENCE_FEATURES.length }),
    fc.nat(2),
  )
  .map(([values, kind]) => {
    const f = Object.fromEntries(
      CONFIDENCE_FEATURES.map((k, i) => [k, values[i]!]),
    ) as unknown as ConfidenceFeatures;
    f.single = kind === 1 ? 1 : 0;
    f.dated = kind === 2 ? 1 : f.dated > 0.5 ? 1 : 0;
    return f;
  });
const weights = fc.dictionary(
  fc.constantFrom(...CONFIDENCE_FEATURES),
  fc.double({ min: -3, max: 3, noNaN: true }),
);
const model = fc.record({
  bias: fc.double({ min: -3, max: 3, noNaN: true }),
  weights,
  dated: fc.record({ bias: fc.double({ min: -1, max: 1, noNaN: true }), weights }),
  single: fc.record({ bias: fc.double({ min: -1, max: 1, noNaN: true }), weights }),
  threshold: unit,
});

describe("confidenceScore (the shipped model's weights summed once)", () => {
  it("scores as the look-ups by name do, bit for bit, for the shipped model and any other", () => {
    fc.assert(
      fc.property(features, (f) => {
        expect(confidenceScore(f)).toBe(plainScore(f, CONFIDENCE_MODEL));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(features, model, (f, m) => {
        expect(confidenceScore(f, m)).toBe(plainScore(f, m));
      }),
      { numRuns: 1000 },
    );
  });

  it("confidenceOfScore on the score says what confidenceOf says on the features", () => {
    const query = { groups: [], tokens: [], onlyStopWords: false, answerType: null } as AnalyzedQuery;
    fc.assert(
      fc.property(features, (f) => {
        expect(confidenceOfScore(query, confidenceScore(f), undefined, [])).toBe(
          confidenceOf(query, f, undefined, []),
        );
      }),
      { numRuns: 500 },
    );
  });
});
