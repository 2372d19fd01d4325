import { articleLists, type ParagraphIndex, paragraphLists } from "../index-store/index.js";
import { boostAnswerType } from "./answer-type/boost.js";
import { boostTypeNoun } from "./answer-type/type-noun.js";
import { type ArticleRestriction, articleWeights } from "./article-weights.js";
import { boilerplateOf } from "./boilerplate.js";
import { withCarriedWords } from "./carried-words.js";
import { bestCoverageBound } from "./coverage-bound.js";
import {
  type EngineOptions,
  FLOAT_SUM_SLACK,
  type ResolvedEngineOptions,
  resolveEngineOptions,
} from "./engine-options.js";
import { idf } from "./formula.js";
import { indexState, withMarks } from "./index-state.js";
import { learnedOrder } from "./learned-rank.js";
import { type AnalyzedQuery, analyzeQuery, scoringTerms } from "./query.js";
import { contentFirst, type RankedDoc, rerank } from "./rerank.js";
import { sortShort } from "./sort-short.js";
import { coverageWithoutSwapped, swappedNames } from "./swapped-names.js";
import { createDocScorer, type DocWeights, type ScoredDoc, topK } from "./top-k.js";

/**
 * The engine's one pipeline, the way production, tests, the evaluation, the bench and the tuner all rank:
 *
 *   analysis (analyzeQuery: the question's words, expansions and answer type, once)
 *   → first stage (retrieve: exact BM25F top k of paragraphs and of articles, the top articles' leads)
 *   → re-rank (coverage, proximity, best sentence, lead prior, article relevance)
 *   → boosts (boostAnswerType: the asked kind of answer, salient names)
 *
 * with the "not found" decisions between the stages: a question whose best passage cannot cover
 * `minCoverage` of it stops as soon as that is certain.
 */

/** A question's ranking: its analysis, and the passages best first — or null when nothing answers it. */
export interface Ranking {
  query: AnalyzedQuery;
  /** Passages with a positive score, best first; null when the best does not cover `minCoverage`. */
  ranked: RankedDoc[] | null;
  /** With `ranked`: the share of the whole question the best passage answers (coverageOfQuestion). */
  coverage?: number;
  /** With `ranked`: question words read as another name (swappedNames), so the answer layer need not redo it. */
  swapped?: readonly number[];
  /**
   * With `ranked` null: "not found" was certain before the ask's restriction was read (the question's
   * words alone cannot cover enough), so no other day, filter or scope would find anything either.
   */
  unrestricted?: true;
}

/**
 * Most postings read for the coverage bound before retrieval: about as many as re-ranking the candidates
 * reads words; a question of common words in a large corpus skips the bound.
 */
const BOUND_POSTINGS = 4096;

/**
 * Ranks the passages that answer `question`: the pipeline's front door. `options` are resolved here,
 * once (see DEFAULT_ENGINE_OPTIONS); `depth` is the fewest candidates to rank (a page's end + 1).
 * `carried` is what a follow-up carries from its thread, weighted below its own words (carried-words.ts).
 */
export function rankPassages(
  index: ParagraphIndex,
  question: string,
  options: EngineOptions = {},
  depth = 0,
  restriction?: ArticleRestriction,
  carried?: string,
): Ranking {
  const resolved = resolveEngineOptions(options);
  const asked = analyzeQuery(index, question, resolved);
  const query = carried ? withCarriedWords(index, asked, carried, resolved, restriction?.story) : asked;
  return rankQuery(index, query, resolved, depth, restriction);
}

/**
 * rankPassages for a question already analysed (`Ranking.query` of an earlier ranking of the same
 * words): the same ranking under another restriction, without analysing the question again.
 */
export function rankQuery(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  options: EngineOptions = {},
  depth = 0,
  restriction?: ArticleRestriction,
): Ranking {
  const resolved = resolveEngineOptions(options);
  const candidates = Math.max(resolved.candidates, depth);
  const minCoverage = resolved.minCoverage;
  // A passage covers at most every word of the question the corpus knows (coverage 1, a hair more for
  // float sums in another order; 0 when it knows none): when even that falls short — the question hinges
  // on names the corpus never mentions — the answer is "not found" before any retrieval.
  const knownIdf = query.groups.reduce((sum, g) => sum + g.idf, 0);
  if (coverageOfQuestion(index, query, knownIdf > 0 ? 1 + FLOAT_SUM_SLACK : 0) < minCoverage) {
    return { query, ranked: null, unrestricted: true };
  }
  // Tighter when the question's postings are few (a small corpus): the most any one paragraph could
  // cover, read from the postings (see bestCoverageBound). Below the floor nothing is retrieved or
  // re-ranked — most questions asked of a small corpus are about something it does not hold.
  const bound = bestCoverageBound(index, query, BOUND_POSTINGS);
  if (bound !== undefined && coverageOfQuestion(index, query, bound) < minCoverage) {
    return { query, ranked: null, unrestricted: true };
  }
  // The ask's day, filters and time span (article-weights.ts): articles it excludes are never
  // candidates; the others' scores are weighted by it.
  const weights = articleWeights(index, restriction, resolved);
  const reranked = retrieve(index, query, resolved, candidates, weights);
  // The best passage is one of the candidates with a positive score whatever order the answer-type
  // boost gives them (it scales scores by a factor of at least 1), and the share of the question a
  // candidate covers only grows with its coverage: when the best coverage among them is not enough,
  // the answer is "not found" without the boost.
  let maxCoverage = Number.NEGATIVE_INFINITY;
  let unknownCoverage = false;
  for (const r of reranked) {
    if (!(r.score > 0)) continue;
    if (Number.isNaN(r.coverage)) unknownCoverage = true;
    else if (r.coverage > maxCoverage) maxCoverage = r.coverage;
  }
  if (
    !unknownCoverage &&
    (maxCoverage === Number.NEGATIVE_INFINITY || coverageOfQuestion(index, query, maxCoverage) < minCoverage)
  ) {
    return { query, ranked: null };
  }
  const all = boostTypeNoun(index, query, boostAnswerType(index, query, reranked, resolved), resolved);
  // A candidate that neither matches nor leads a relevant article (score 0) is not a passage, and
  // boilerplate (credits, promos, ad surveys: boilerplate.ts) never answers, however well it matches. A
  // passage holding none of the question's words in its own text is never first (contentFirst).
  const boilerplate = boilerplateOf(index, resolved);
  const ranked = contentFirst(
    index,
    query,
    all.filter((r) => r.score > 0 && boilerplate[r.doc] === 0),
  );
  const best = ranked[0];
  const coverage = best ? coverageOfQuestion(index, query, best.coverage) : 0;
  if (!best || coverage < minCoverage) return { query, ranked: null };
  // A name read as another name ("Atlantis" → "Atlanta") answers nothing by itself: the rest of the
  // question must still cover enough with that name counted as one no article writes.
  const swapped = swappedNames(query);
  if (swapped.length > 0 && coverageWithoutSwapped(index, query, best.doc, swapped) < minCoverage) {
    return { query, ranked: null };
  }
  // The learned combination re-orders the best passages once the answer is known to be found: "not
  // found" stays the hand-made rules' decision.
  const ordered = learnedOrder(index, query, ranked, resolved, restriction);
  // The learned order may put another passage first: the coverage reported is the first one's.
  const first = ordered[0]!;
  const firstCoverage = first === best ? coverage : coverageOfQuestion(index, query, first.coverage);
  return { query, ranked: ordered, coverage: firstCoverage, swapped };
}

/**
 * The share of the whole question a passage answers. The ranker's coverage counts only words the corpus
 * knows (an unknown common word — "removed", "public" — says nothing about whether a passage answers).
 * An unknown *name or number* is different: a question about "the NHL" or "Australia" in a corpus that
 * never names them is off-topic however well its other words match, so each one counts as a word as
 * specific as any in the corpus, that no passage covers.
 */
export function coverageOfQuestion(index: ParagraphIndex, query: AnalyzedQuery, coverage: number): number {
  // Summed in group order, as the ranker sums them (float addition).
  let knownIdf = 0;
  let missingIdf = 0;
  for (const g of query.groups) {
    knownIdf += g.idf;
    // Weighed as the ranker weighs names: the rarest idf the corpus has, times the name's boost.
    if (g.expansions.length === 0 && g.weight > 1) missingIdf += g.weight * idf(index.docCount, 1);
  }
  if (missingIdf === 0) return coverage;
  return (coverage * knownIdf) / (knownIdf + missingIdf);
}

/**
 * The first stage and the re-ranking, for a question already analysed: every candidate, re-ranked, best
 * first (before the boosts). First stage, both exact top k by MaxScore: the `candidates` paragraphs that
 * best match the question (BM25F) and the articles that best match it as a whole (BM25 over the
 * article). The top articles' opening paragraphs join the candidates, so an article's lead can answer a
 * question it paraphrases without repeating its words. The candidates' BM25F scores then count the
 * question words' related words too (WordNet synonyms, see query.ts).
 */
export function retrieve(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  options: ResolvedEngineOptions,
  candidates: number = options.candidates,
  articleWeight?: Float32Array,
): RankedDoc[] {
  // Per-article weights of the ask: the first stage ranks by weighted scores, so excluded articles never
  // take a candidate's place (a filter after it could leave none at archive scale); the re-ranker sees
  // the unweighted scores, and the final score is weighted once.
  const paragraphWeights: DocWeights | undefined = articleWeight
    ? { weight: articleWeight, group: index.docArticle }
    : undefined;
  const paragraphs = paragraphLists(index);
  // The question's own words find the candidates; their related words (WordNet synonyms) only re-score
  // them: as retrieval terms they made the first stage slower and ranked no better.
  const terms = scoringTerms(index, query, paragraphs, true);
  let first = topK(paragraphs, scoringTerms(index, query, paragraphs), candidates, paragraphWeights);
  if (articleWeight) {
    first = first.map(({ doc, score }) => ({ doc, score: score / articleWeight[index.docArticle[doc]!]! }));
  }
  let scoreOf: ((doc: number) => number) | undefined;
  if (query.groups.some((g) => g.related.length > 0)) {
    scoreOf = createDocScorer(paragraphs, terms);
    first = first.map(({ doc }) => ({ doc, score: scoreOf!(doc) }));
  }
  const articles = articleLists(index);
  let topArticles = topK(
    articles,
    scoringTerms(index, query, articles),
    options.articles,
    articleWeight ? { weight: articleWeight } : undefined,
  );
  if (articleWeight) {
    topArticles = topArticles.map(({ doc, score }) => ({ doc, score: score / articleWeight[doc]! }));
  }
  const pool: ScoredDoc[] = [...first];
  // Docs already candidates, marked in a scratch array kept with the index (no Set per question).
  withMarks(indexState(index).seenDocs, (seen, touched) => {
    for (const { doc } of first) {
      seen[doc] = 1;
      touched.push(doc);
    }
    const expand = Math.min(topArticles.length, options.expandArticles);
    for (let a = 0; a < expand; a++) {
      const article = topArticles[a]!.doc;
      const from = index.articleDocStart[article]!;
      const to = Math.min(index.articleDocStart[article + 1]!, from + options.expandParagraphs);
      for (let doc = from; doc < to; doc++) {
        if (seen[doc] === 1) continue;
        scoreOf ??= createDocScorer(paragraphs, terms);
        pool.push({ doc, score: scoreOf(doc) });
        seen[doc] = 1;
        touched.push(doc);
      }
    }
  });
  const articleScore = new Map<number, number>();
  const best = topArticles[0]?.score ?? 0;
  for (const { doc, score } of topArticles) articleScore.set(doc, best > 0 ? score / best : 0);
  const ranked = rerank(index, query, pool, options, articleScore);
  if (!articleWeight) return ranked;
  for (const r of ranked) r.score *= articleWeight[index.docArticle[r.doc]!]!;
  sortShort(ranked, (x, y) => y.score - x.score || x.doc - y.doc);
  return ranked;
}
