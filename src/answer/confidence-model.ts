/** Logistic weights: a bias and one weight per feature of confidence.ts (missing ones weigh 0). */
export interface ConfidenceWeights {
  bias: number;
  weights: Readonly<Record<string, number>>;
}

/**
 * The confidence model: base weights, adjustments added to them where the ask and the first passage's
 * article have dates among several articles (`dated`), and the threshold of "high" on the probability.
 */
export interface ConfidenceModel extends ConfidenceWeights {
  dated: ConfidenceWeights;
  threshold: number;
}

/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets together
 * with cross-validation grouped by story and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -1.8495,
  weights: {
    coverage: 0.2059,
    content: 0.1594,
    sentence: 0.6553,
    typed: -1.5251,
    typeHeld: 0.0955,
    margin: 2.4426,
    single: 0.4131,
    agreement: 0.0279,
    gap: 1.6057,
    names: 0.5967,
    lead: 0.2391,
    article: 0.2698,
    matchShare: 1.169,
    sameArticle: 0.7066,
    corpusSize: -0.0955,
    dated: 0.0285,
    recency: 0.1344,
  },
  dated: {
    bias: 0.0716,
    weights: {
      coverage: 0.0866,
      content: 0.0701,
      sentence: -0.3976,
      typed: 0.4692,
      typeHeld: 0.0431,
      margin: -0.1026,
      single: 0,
      agreement: 0.0131,
      gap: 0.5654,
      names: 0.0441,
      lead: 0.3044,
      article: 0.1503,
      matchShare: -0.3853,
      sameArticle: 0.2632,
      corpusSize: 0.0276,
      dated: 0.0716,
      recency: 0.1344,
    },
  },
  threshold: 0.9002,
};
