/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -3.0536,
  weights: { coverage: 1.5015, agreement: 0.7026, gap: 2.156, names: 0.2073, recency: 1.1762 },
  threshold: 0.5039,
};
