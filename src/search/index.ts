/**
 * The search layer's front door: the names other layers may use. Everything else in src/search is its
 * own business (tests of a stage may import the stage's module directly).
 */

export { type Token, tokenize } from "./analyze.js";
export { writtenNamesOfDoc } from "./answer-type/names.js";
export { questionSentences } from "./answer-type/question-type.js";
export { holdsMoney, holdsShape } from "./answer-type/type-noun.js";
export {
  type ArticleRestriction,
  articleWeights,
  daysFromAsk,
  foldName,
  isDated,
} from "./article-weights.js";
export { buildIndex } from "./build-index.js";
export {
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  type ResolvedEngineOptions,
  resolveEngineOptions,
} from "./engine-options.js";
export {
  DEFAULT_INDEX_OPTIONS,
  type IndexOptions,
  type ResolvedIndexOptions,
  resolveIndexOptions,
} from "./formula.js";
export {
  modelScore,
  RANKER_FEATURES,
  type RankerFeature,
  type RankerModel,
  rankerFeatures,
} from "./learned-rank.js";
export { type LoadOrBuildOptions, loadOrBuildIndex } from "./load-or-build-index.js";
export { type PatchedIndex, patchIndex } from "./patch-index.js";
export { coverageOfQuestion, type Ranking, rankPassages, rankQuery } from "./pipeline.js";
export { type AnalyzedQuery, groupOfTerm } from "./query.js";
export { isQuestionWord } from "./question-words.js";
export {
  docHoldsQuestionWord,
  keepHoldingQuestionWord,
  type RankedDoc,
  withQuestionTerms,
} from "./rerank.js";
export { type SentenceRange, splitSentences } from "./sentences.js";
export { type StoryArticle, type StoryRanking, storyArticles } from "./story.js";
export { swappedNames } from "./swapped-names.js";
export { readTimePhrases, type TimePhrases, type TimeSpan } from "./time-phrases.js";
export { warmIndex } from "./warm-index.js";
