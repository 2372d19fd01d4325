/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -2.5257,
  weights: { coverage: 1.5022, agreement: 0.7431, gap: 2.6523, names: 0.3411 },
  threshold: 0.5053,
};
