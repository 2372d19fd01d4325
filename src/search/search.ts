import { type AnswerTypeOptions, boostAnswerType } from "./answer-type.js";
import type { DateRankOptions } from "./article-weights.js";
import { articleLists, type ParagraphIndex, paragraphLists } from "./paragraph-index.js";
import { type AnalyzedQuery, analyzeQuery, type QueryOptions, scoringTerms } from "./query.js";
import { type RankedDoc, type RerankOptions, rerank } from "./rerank.js";
import { createDocScratch } from "./term-scratch.js";
import { createDocScorer, type DocWeights, type ScoredDoc, topK } from "./top-k.js";

/**
 * First-stage paragraph candidates by default. Among 10,000 archive articles 50 left the answer out for
 * 15% of news questions (100: 9%); re-ranking 100 costs about 0.2 ms more per question.
 */
export const DEFAULT_CANDIDATES = 100;

/** Options of a search: query analysis, first-stage depth and re-ranking. */
export interface SearchOptions extends QueryOptions, RerankOptions, AnswerTypeOptions, DateRankOptions {
  /** First-stage paragraph candidates passed to the re-ranker (exact BM25F top k). Default 100. */
  candidates?: number;
  /** Best articles (whole-article BM25) whose relevance the re-ranker weighs. Default 10. */
  articles?: number;
  /** Of those, the best few whose opening paragraphs join the candidates (so their lead can compete). Default 5. */
  expandArticles?: number;
  /** Opening paragraphs of each expanded article that join the candidates. Default 8. */
  expandParagraphs?: number;
}

export interface SearchResult {
  query: AnalyzedQuery;
  /** Re-ranked candidates, best first. */
  ranked: RankedDoc[];
}

/**
 * Two-stage retrieval. First stage, both exact top k by MaxScore: the paragraphs that best match the
 * question (BM25F) and the articles that best match it as a whole (BM25 over the article). The top
 * articles' paragraphs join the candidates, so an article's lead can answer a question it paraphrases
 * without repeating its words. The candidates' BM25F scores then count the question words' related
 * words too (WordNet synonyms, see query.ts). Second stage: re-ranking with coverage, proximity,
 * sentence, lead and article relevance.
 */
export function search(index: ParagraphIndex, question: string, options: SearchOptions = {}): SearchResult {
  const { query, ranked } = searchCandidates(index, question, options);
  return { query, ranked: boostAnswerType(index, question, query, ranked, options) };
}

/**
 * `search` up to the re-ranking, before the answer-type boost (which only re-orders the best candidates
 * and never changes whether a score is positive): a caller that can tell from the candidates alone that
 * none will do skips it. `search(...)` is this plus `boostAnswerType(index, question, query, ranked)`.
 */
export function searchCandidates(
  index: ParagraphIndex,
  question: string,
  options: SearchOptions = {},
): SearchResult {
  return searchAnalyzed(index, analyzeQuery(index, question, options), options);
}

/** `searchCandidates` for a question already analysed (with the same options). */
export function searchAnalyzed(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  options: SearchOptions = {},
  articleWeight?: Float32Array,
): SearchResult {
  // Per-article weights of the ask (its date, filters, time phrases; see article-weights.ts): the first
  // stage ranks by weighted scores, so excluded articles never take a candidate's place; the re-ranker
  // sees the unweighted ones, and the final score is weighted once.
  const paragraphWeights: DocWeights | undefined = articleWeight
    ? { weight: articleWeight, group: index.docArticle }
    : undefined;
  const articleWeights: DocWeights | undefined = articleWeight ? { weight: articleWeight } : undefined;
  const paragraphs = paragraphLists(index);
  // The question's own words find the candidates; their related words (WordNet synonyms) only re-score
  // them. As retrieval terms they doubled first-stage time at 445k paragraphs (3 → 7 ms a question:
  // more terms stay essential to MaxScore) and ranked no better there.
  const terms = scoringTerms(index, query, paragraphs, true);
  let first = topK(
    paragraphs,
    scoringTerms(index, query, paragraphs),
    options.candidates ?? DEFAULT_CANDIDATES,
    paragraphWeights,
  );
  let scoreOf: ((doc: number) => number) | undefined;
  if (paragraphWeights) {
    first = first.map(({ doc, score }) => ({ doc, score: score / articleWeight![index.docArticle[doc]!]! }));
  }
  if (query.groups.some((g) => g.related.length > 0)) {
    scoreOf = createDocScorer(paragraphs, terms);
    first = first.map(({ doc }) => ({ doc, score: scoreOf!(doc) }));
  }
  const articles = articleLists(index);
  let topArticles = topK(
    articles,
    scoringTerms(index, query, articles),
    options.articles ?? 10,
    articleWeights,
  );
  if (articleWeight)
    topArticles = topArticles.map(({ doc, score }) => ({ doc, score: score / articleWeight[doc]! }));
  const candidates: ScoredDoc[] = [...first];
  // Docs already candidates, marked in a scratch array kept with the index (no Set per question), and
  // unmarked whatever happens: a mark left behind would hide its doc from every later question.
  const seen = seenScratch(index);
  for (const { doc } of first) seen[doc] = 1;
  try {
    const expand = Math.min(topArticles.length, options.expandArticles ?? 5);
    for (let a = 0; a < expand; a++) {
      const article = topArticles[a]!.doc;
      const from = index.articleDocStart[article]!;
      const to = Math.min(index.articleDocStart[article + 1]!, from + (options.expandParagraphs ?? 8));
      for (let doc = from; doc < to; doc++) {
        if (seen[doc] === 1) continue;
        scoreOf ??= createDocScorer(paragraphs, terms);
        candidates.push({ doc, score: scoreOf(doc) });
        seen[doc] = 1;
      }
    }
  } finally {
    for (const { doc } of candidates) seen[doc] = 0;
  }
  const articleScore = new Map<number, number>();
  const best = topArticles[0]?.score ?? 0;
  for (const { doc, score } of topArticles) articleScore.set(doc, best > 0 ? score / best : 0);
  const ranked = rerank(index, query, candidates, options, articleScore);
  if (!articleWeight) return { query, ranked };
  for (const r of ranked) r.score *= articleWeight[index.docArticle[r.doc]!]!;
  ranked.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return { query, ranked };
}

/** Doc → 1 while searchAnalyzed marks its candidates; it resets what it marks (it never re-enters). */
const seenScratch = createDocScratch();
