/**
 * The engine's scoring formula in one file, beside the parameters that shape the index (as MiniSearch keeps
 * `calcBM25Score` beside `BM25Params`, and tantivy its `bm25.rs`). How a paragraph's score is made:
 *
 * 1. At build time (build-index.ts), each (term, paragraph) gets a BM25F pseudo-frequency: the body's
 *    count over the body's `lengthNorm`, plus the article's title and dek counts times `titleWeight` and
 *    `dekWeight` over theirs (`fieldB`). Articles as a whole get one BM25 length norm (`b`).
 * 2. At query time (top-k.ts), a term's contribution is `saturation(weight, tf, k1)`, where `weight` is
 *    the term's `idf` times its weight in the question (query.ts); a paragraph's BM25F score is the sum.
 * 3. The re-ranker (rerank.ts) reads the text and makes `baseScore` (BM25F × coverage × match share, plus
 *    proximity, lifted by the best sentence) and `finalScore` (plus the lead prior, times the article's
 *    relevance, times `questionFactor` for a paragraph that only asks).
 * 4. Multipliers after that, each in its own module with its option in DEFAULT_ENGINE_OPTIONS: the
 *    article weights (recency, the thread's story; article-weights.ts, applied in pipeline.ts) and the
 *    answer-type boost (answer-type/boost.ts).
 *
 * Every weight read here is an option with its reason in engine-options.ts (query time) or below (index).
 */

/** The few query-time weights `baseScore` reads (a subset of ResolvedEngineOptions). */
import type { IndexOptions, ResolvedIndexOptions } from "../index-store/index.js";

export type { IndexOptions, ResolvedIndexOptions };

export interface BaseScoreWeights {
  readonly bm25Power: number;
  readonly coveragePower: number;
  readonly matchPower: number;
  readonly proximityWeight: number;
  readonly sentenceWeight: number;
}

/** The query-time weights `finalScore` reads (a subset of ResolvedEngineOptions). */
export interface FinalScoreWeights {
  readonly leadWeight: number;
  readonly leadDecay: number;
  readonly articleWeight: number;
  readonly questionFactor: number;
}

/** BM25 inverse document frequency (never negative). */
export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/**
 * BM25 term-frequency saturation of a (pseudo-)frequency `tf`, scaled by the term's `weight` (idf ×
 * question weight): grows with tf but never past `weight × (k1 + 1)`, so repeating a word is worth less
 * and less. Written in this order everywhere so that every path's floating point agrees.
 */
export function saturation(weight: number, tf: number, k1: number): number {
  return (weight * tf * (k1 + 1)) / (k1 + tf);
}

/** BM25 length normalisation: 1 for a field of average length, more for a longer one (`b` sets how much). */
export function lengthNorm(b: number, length: number, averageLength: number): number {
  return 1 - b + (b * length) / averageLength;
}

/** The average length BM25 divides by: at least 1, so an empty corpus or field never divides by zero. */
export function averageLength(sum: number, count: number): number {
  return Math.max(1, sum / Math.max(1, count));
}

/**
 * The scoring formula: how a candidate's features (see candidateFeatures) make its base score. Its
 * first-stage BM25F score, scaled by how much of the question it covers, plus how near its matched words
 * stand, all lifted by the share of the question its best sentence holds. A learned combination of the
 * same features would replace this function and finalScore.
 */
export function baseScore(
  o: BaseScoreWeights,
  bm25: number,
  coverage: number,
  matchShare: number,
  proximity: number,
  sentence: number,
): number {
  return (
    ((o.bm25Power === 1 ? bm25 : bm25 ** o.bm25Power) *
      coverage ** o.coveragePower *
      (o.matchPower === 0 ? 1 : matchShare ** o.matchPower) +
      o.proximityWeight * proximity) *
    (1 + o.sentenceWeight * sentence)
  );
}

/**
 * The final score: the base score plus the lead prior (news puts what matters first: a substantive
 * paragraph gains a share of its article's best base score, fading with its rank among the article's
 * substantive paragraphs), times the article's relevance to the question, times `questionFactor` for a
 * paragraph that only asks.
 */
export function finalScore(
  o: FinalScoreWeights,
  base: number,
  articleBest: number,
  leadRank: number,
  articleRelevance: number,
  asksOnly: boolean,
): number {
  const lead = leadRank < 0 ? 0 : (o.leadWeight * articleBest) / (1 + leadRank) ** o.leadDecay;
  let final = (base + lead) * (1 + o.articleWeight * articleRelevance);
  if (o.questionFactor !== 1 && asksOnly) final *= o.questionFactor;
  return final;
}

/**
 * The index defaults (the option type, with a sentence per field, is index-store/index-options.ts: the
 * options are part of the index file's key). k1 and b are BM25's textbook values.
 */
export const DEFAULT_INDEX_OPTIONS: Readonly<ResolvedIndexOptions> = Object.freeze({
  /** Term-frequency saturation (`saturation`). */
  k1: 1.2,
  /** Body length normalisation (`lengthNorm`). */
  b: 0.75,
  /** A title word counts this much against a body word, in every paragraph of its article. */
  titleWeight: 1.5,
  /** A dek (standfirst) word counts this much. */
  dekWeight: 0.75,
  /** Length normalisation of the title and dek fields. */
  fieldB: 0.5,
  /** Named-entity tags at build time: only the learned ranker reads them, and it ships off. */
  entityTags: false,
});

export function resolveIndexOptions(options: IndexOptions = {}): ResolvedIndexOptions {
  return {
    k1: options.k1 ?? DEFAULT_INDEX_OPTIONS.k1,
    b: options.b ?? DEFAULT_INDEX_OPTIONS.b,
    titleWeight: options.titleWeight ?? DEFAULT_INDEX_OPTIONS.titleWeight,
    dekWeight: options.dekWeight ?? DEFAULT_INDEX_OPTIONS.dekWeight,
    fieldB: options.fieldB ?? DEFAULT_INDEX_OPTIONS.fieldB,
    entityTags: options.entityTags ?? DEFAULT_INDEX_OPTIONS.entityTags,
  };
}
