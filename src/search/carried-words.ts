import { articleLists, articleNumber, type ParagraphIndex } from "../index-store/index.js";
import { DEFAULT_ENGINE_OPTIONS, type ResolvedEngineOptions } from "./engine-options.js";
import { type AnalyzedQuery, analyzeQuery, type QueryGroup } from "./query.js";

/**
 * Most words a follow-up carries from its thread: the earlier question's key words and the cited
 * articles' subjects are a handful; more would let the thread outweigh the follow-up's own words.
 */
export const MAX_CARRIED_WORDS = 8;

/**
 * How much a follow-up's carried words weigh: `threadWeight`, or `threadWeightInStory` when an article
 * the thread cited (`story`) holds one of the follow-up's own words. The carried subject's job is to
 * find the story; once the story holds "paid" or "old", its passages are told apart by those words, and
 * a carried name at half weight would pull the passages that write it in full (the lead, a caption)
 * over the one that answers. When no cited article holds them ("who did she replace?" where only another
 * story writes "replace"), the subject must still outweigh them.
 */
export function carriedWeight(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  options: ResolvedEngineOptions,
  story: ReadonlySet<string> | undefined,
): number {
  if (!story || story.size === 0 || !storyHoldsOwnWords(index, query, story)) return options.threadWeight;
  return options.threadWeightInStory;
}

/** Whether an article of `story` (ids) holds a word of one of the query's groups (its spellings). */
function storyHoldsOwnWords(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  story: ReadonlySet<string>,
): boolean {
  const lists = articleLists(index);
  const articles = new Set<number>();
  for (const id of story) {
    const a = articleNumber(index, id);
    if (a !== undefined) articles.add(a);
  }
  if (articles.size === 0) return false;
  for (const g of query.groups) {
    for (const e of g.expansions) {
      for (let p = lists.start[e.termId]!; p < lists.start[e.termId + 1]!; p++) {
        if (articles.has(lists.docs[p]!)) return true;
      }
    }
  }
  return false;
}

/**
 * A follow-up's query with the words it carries from its thread ("who did she replace?" read with the
 * earlier question's "new superintendent" and the cited article's "Priya Nair"). The carried text is
 * analysed as a question of its own; each of its words the follow-up does not already use becomes a
 * group weighted `carriedWeight` times what it would weigh as typed — in retrieval (weight) and in the
 * share of the question a passage covers (idf) — so the follow-up's own words always count more. Words
 * the corpus does not know, and synonyms, are not carried: they would only add noise. The answer type,
 * the tokens and the pronoun flag stay the follow-up's own. Pure.
 */
export function withCarriedWords(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  carried: string,
  options: ResolvedEngineOptions = DEFAULT_ENGINE_OPTIONS,
  story?: ReadonlySet<string>,
): AnalyzedQuery {
  const weight = carriedWeight(index, query, options, story);
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
