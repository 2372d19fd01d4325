import type { ParagraphIndex } from "../../src/index-store/paragraph-index.js";
import { type EngineOptions, resolveEngineOptions } from "../../src/search/engine-options.js";
import { retrieve } from "../../src/search/pipeline.js";
import { type AnalyzedQuery, analyzeQuery } from "../../src/search/query.js";
import type { RankedDoc } from "../../src/search/rerank.js";

/**
 * The pipeline's first two stages (analysis, then first stage and re-ranking), for tests of the boosts:
 * the same stage functions rankPassages calls, stopped before the answer-type boost.
 */
export function rerankedCandidates(
  index: ParagraphIndex,
  question: string,
  options: EngineOptions = {},
): { query: AnalyzedQuery; ranked: RankedDoc[] } {
  const resolved = resolveEngineOptions(options);
  const query = analyzeQuery(index, question, resolved);
  return { query, ranked: retrieve(index, query, resolved) };
}
