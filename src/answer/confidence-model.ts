/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -2.8706,
  weights: { coverage: 1.3854, agreement: 0.7563, gap: 2.305, names: 0.1787, recency: 0.9894 },
  threshold: 0.4865,
};
