/**
 * Weights of the learned ranker (see learned-rank.ts), as data: written by
 * `npx tsx scripts/train-ranker.ts --write`, which fits them on the shared dev sets with
 * cross-validation grouped by question (figures: docs/quality.md). Do not edit by hand.
 */
export const RANKER_MODEL = {
  weights: {
    score: 0.8839,
    logScore: 1.1764,
    rank: 1.8516,
    coverage: 0.3317,
    matchShare: 0.2827,
    sentence: 0.7758,
    proximity: -0.2338,
    bm25: 0.3585,
    article: 0.5679,
    lead: 0.3344,
    answerBearing: 0.6822,
    agreement: 0.2957,
    agreementAny: 0.7263,
    agreementWords: 0.0638,
    articleSupport: 0.0819,
    story: 0.2952,
    answerShare: -0.3509,
    subjectShare: 0.3426,
    typeNoun: 0.3463,
    money: 0.4779,
  },
};
