import type { TreeEnsemble } from "./tree-ensemble.js";

/** Column names of articleEvidence's rows (ranker-articles.ts), in order; the last of RANKER_FEATURES. */
export const ARTICLE_EVIDENCE = [
  "articleShare",
  "articleRank",
  "articleSumRank",
  "rankInArticle",
  "ofArticleBest",
  "freshRank",
  "freshGap",
  "age7",
  "titleShare",
] as const;

/** The learned ranker's inputs (learned-rank.ts computes them), in the order of a row; each is 0–1. */
export const RANKER_FEATURES = [
  // The hand-made pipeline's own verdict: its final score relative to the best, and its rank.
  "score",
  "logScore",
  "rank",
  // The re-ranker's features (rerank.ts).
  "coverage",
  "matchShare",
  "sentence",
  "proximity",
  "bm25",
  "article",
  "lead",
  // Redundancy across coverage (AskMSR-style): what the top passages of other articles agree on.
  "answerBearing",
  "agreement",
  "agreementAny",
  "agreementWords",
  "articleSupport",
  "story",
  // The answer-type boost's named features (answer-type/boost.ts).
  "answerShare",
  "subjectShare",
  // The wh-phrase's noun (answer-type/type-noun.ts): a name beside it; money for "how much … cost".
  "typeNoun",
  "money",
  // The passage's place in its article, and the article's age on the day asked.
  "place",
  "paragraphNo",
  "articleLength",
  "age14",
  "age90",
  "ageKnown",
  // The corpus and the candidates: one model for a single article and an archive alike.
  "corpusDated",
  "corpusSize",
  "candidateArticles",
  "storyArticles",
  // What the question asks for (answer-type/question-type.ts), and the passage's entities (entity-tags.ts).
  "askTime",
  "askNumber",
  "askName",
  "askPlace",
  "entityAsked",
  "entityKinds",
  // Distinct other articles among the candidates stating the same name or number near the question's words.
  "articlesNear",
  // The same, by score: other articles' share of the candidates' score writing it; the first ten's winner.
  "nearVote",
  "nearWinner",
  // Candidate answers near the question's words: how many, one of the asked kind, against its article's best.
  "novelNear",
  "novelKind",
  "novelInArticle",
  // The candidate's article among the candidates' articles (ranker-articles.ts).
  ...ARTICLE_EVIDENCE,
] as const;

export type RankerFeature = (typeof RANKER_FEATURES)[number];

/** The learned model: boosted regression trees over RANKER_FEATURES rows (tree-ensemble.ts). */
export type RankerModel = TreeEnsemble;
