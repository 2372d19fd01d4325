import type { ParagraphIndex } from "../index-store/index.js";
import { DEFAULT_ENGINE_OPTIONS, type ResolvedEngineOptions } from "./engine-options.js";
import { type AnalyzedQuery, analyzeQuery, type QueryGroup } from "./query.js";

/**
 * Most words a follow-up carries from its thread: the earlier question's key words and the cited
 * articles' subjects are a handful; more would let the thread outweigh the follow-up's own words.
 */
export const MAX_CARRIED_WORDS = 8;

/**
 * A follow-up's query with the words it carries from its thread ("who did she replace?" read with the
 * earlier question's "new superintendent" and the cited article's "Priya Nair"). The carried text is
 * analysed as a question of its own; each of its words the follow-up does not already use becomes a
 * group weighted `threadWeight` times what it would weigh as typed — in retrieval (weight) and in the
 * share of the question a passage covers (idf) — so the follow-up's own words always count more. Words
 * the corpus does not know, and synonyms, are not carried: they would only add noise. The answer type,
 * the tokens and the pronoun flag stay the follow-up's own. Pure.
 */
export function withCarriedWords(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  carried: string,
  options: ResolvedEngineOptions = DEFAULT_ENGINE_OPTIONS,
): AnalyzedQuery {
  const weight = options.threadWeight;
  if (!(weight > 0) || carried.trim() === "") return query;
  const own = new Set(query.groups.map((g) => g.term));
  // After a stop word, so that a name opening the carried text is read as a name (capitalised words
  // count as names after the first word only).
  const extra: QueryGroup[] = analyzeQuery(index, `and ${carried}`, options)
    .groups.filter((g) => g.expansions.length > 0 && g.idf > 0 && !own.has(g.term))
    .sort((x, y) => y.idf * y.weight - x.idf * x.weight)
    .slice(0, Math.max(0, Math.min(MAX_CARRIED_WORDS, options.maxQueryWords - query.groups.length)))
    .map((g) => ({ ...g, weight: g.weight * weight, idf: g.idf * weight, related: [] }));
  if (extra.length === 0) return query;
  return { ...query, groups: [...query.groups, ...extra] };
}
