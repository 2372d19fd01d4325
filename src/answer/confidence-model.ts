/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -2.8661,
  weights: { coverage: 1.3843, agreement: 0.7514, gap: 2.2934, names: 0.1799, recency: 0.9963 },
  threshold: 0.4884,
};
