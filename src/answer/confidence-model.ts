/** Logistic weights: a bias and one weight per feature of confidence.ts (missing ones weigh 0). */
export interface ConfidenceWeights {
  bias: number;
  weights: Readonly<Record<string, number>>;
}

/**
 * The confidence model: base weights, adjustments added to them where the ask and the first passage's
 * article have dates among several articles (`dated`) and where the corpus is a single article
 * (`single`), and the threshold of "high" on the probability.
 */
export interface ConfidenceModel extends ConfidenceWeights {
  dated: ConfidenceWeights;
  single: ConfidenceWeights;
  threshold: number;
}

/**
 * Weights of the confidence model (see confidence.ts), as data: written by
 * `npx tsx scripts/calibrate-confidence.ts --write`, which fits them on the shared dev sets together
 * with cross-validation grouped by story and picks the threshold. Do not edit by hand.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  bias: -1.4234,
  weights: {
    coverage: 0.2192,
    content: 0,
    sentence: 0.2824,
    typed: -0.4351,
    typeHeld: 0,
    margin: 1.4648,
    single: 0.1227,
    agreement: 0.5232,
    gap: 1.1689,
    names: 0.2812,
    lead: 0.32,
    article: 0,
    matchShare: 0.3316,
    sameArticle: 0.034,
    corpusSize: -0.1871,
    dated: -0.664,
    recency: 0.5665,
    contentKnown: 0,
    contentBest: 0,
    concentration: 0.2899,
    margin3: 0.6345,
    wh: -0.7173,
    askTime: -0.8329,
    askNumber: 0.2639,
    askName: -0.1359,
    askPlace: 0.2699,
    askContent: 0.3987,
    novelty: 0.2672,
    novelNear: 0.1114,
    winnerShare: 0.8548,
    firstHoldsWinner: 0.1076,
  },
  dated: {
    bias: -0.0294,
    weights: {
      coverage: -0.1699,
      content: 0,
      sentence: -0.2824,
      typed: 0.1578,
      typeHeld: 0,
      margin: -0.1872,
      single: 0,
      agreement: 0.0883,
      gap: -0.0219,
      names: -0.0638,
      lead: 0.1077,
      article: 0,
      matchShare: -0.1343,
      sameArticle: -0.0361,
      corpusSize: -0.0222,
      dated: -0.0294,
      recency: 0.0887,
      contentKnown: 0,
      contentBest: 0,
      concentration: 0.0006,
      margin3: -0.192,
      wh: 0.0217,
      askTime: -0.0068,
      askNumber: -0.0247,
      askName: 0.1556,
      askPlace: 0.0336,
      askContent: 0.0064,
      novelty: 0.0387,
      novelNear: 0.0832,
      winnerShare: 0.0444,
      firstHoldsWinner: 0.1269,
    },
  },
  single: {
    bias: 0.0123,
    weights: {
      coverage: 0.1418,
      content: 0.0229,
      sentence: 0.238,
      typed: -0.2975,
      typeHeld: 0,
      margin: 0.0424,
      single: 0.0123,
      agreement: 0,
      gap: 0.0424,
      names: 0.046,
      lead: 0.01,
      article: 0.0123,
      matchShare: 0.1286,
      sameArticle: 0.0123,
      corpusSize: -0.0013,
      dated: -0.037,
      recency: -0.032,
      contentKnown: 0,
      contentBest: 0,
      concentration: 0.0123,
      margin3: 0.007,
      wh: -0.1126,
      askTime: -0.2318,
      askNumber: 0.0444,
      askName: -0.1133,
      askPlace: 0.0032,
      askContent: 0.033,
      novelty: -0.0019,
      novelNear: -0.0672,
      winnerShare: 0.0329,
      firstHoldsWinner: -0.1076,
    },
  },
  threshold: 0.8403,
};
