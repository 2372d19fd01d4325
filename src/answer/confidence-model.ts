/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets with
 * cross-validation and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL = {
  bias: -2.4549,
  weights: { coverage: 1.332, agreement: 0.625, gap: 2.7155, names: 0.425 },
  threshold: 0.4805,
};
