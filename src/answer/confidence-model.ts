/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -2.8671,
  weights: { coverage: 1.3852, agreement: 0.7496, gap: 2.2907, names: 0.1792, recency: 1 },
  threshold: 0.488,
};
