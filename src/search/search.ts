import type { ParagraphIndex } from "./paragraph-index.js";
import { type AnalyzedQuery, analyzeQuery, type QueryOptions, scoringTerms } from "./query.js";
import { type RankedDoc, type RerankOptions, rerank } from "./rerank.js";
import { topK } from "./top-k.js";

/** Options of a search: query analysis, first-stage depth and re-ranking. */
export interface SearchOptions extends QueryOptions, RerankOptions {
  /** First-stage candidates passed to the re-ranker (exact BM25F top k). Default 100. */
  candidates?: number;
}

export interface SearchResult {
  query: AnalyzedQuery;
  /** Re-ranked candidates, best first. */
  ranked: RankedDoc[];
}

/** Two-stage retrieval: exact BM25F top k by MaxScore, then re-ranking with coverage and proximity. */
export function search(index: ParagraphIndex, question: string, options: SearchOptions = {}): SearchResult {
  const query = analyzeQuery(index, question, options);
  const first = topK(index, scoringTerms(index, query), options.candidates ?? 100);
  return { query, ranked: rerank(index, query, first, options) };
}
