/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -2.8737,
  weights: { coverage: 1.3729, agreement: 0.7817, gap: 2.3162, names: 0.1918, recency: 0.9801 },
  threshold: 0.4892,
};
