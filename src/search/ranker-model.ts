/**
 * Weights of the learned ranker (see learned-rank.ts), as data: written by
 * `npx tsx scripts/train-ranker.ts --write`, which fits them on the shared dev sets with
 * cross-validation grouped by question (figures: docs/quality.md). Do not edit by hand.
 */
export const RANKER_MODEL = {
  weights: {
    score: 0.7903,
    logScore: 1.0917,
    rank: 1.8563,
    coverage: 0.3699,
    matchShare: 0.3291,
    sentence: 0.7652,
    proximity: -0.262,
    bm25: 0.3725,
    article: 0.5571,
    lead: 0.3391,
    answerBearing: 0.6826,
    agreement: 0.2904,
    agreementAny: 0.7402,
    agreementWords: 0.0532,
    articleSupport: 0.0855,
    story: 0.2967,
  },
};
