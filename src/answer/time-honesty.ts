import type { ParagraphIndex } from "../index-store/index.js";
import type { RankedDoc } from "../search/index.js";

/**
 * What the articles' dates can say about a question's time words ("this week", "last month"):
 * - "dated": the question names no time, or its first passage is from a dated article;
 * - "undated": the first passage's article has no date, so nothing says it is from the time asked about
 *   (answered low, with a note);
 * - "nothing-dated": the corpus has dated articles but none among the passages: nothing dated matches,
 *   and an undated one cannot stand in for it (answered "not found").
 */
export type TimeVerdict = "dated" | "undated" | "nothing-dated";

const datedCorpus = new WeakMap<ParagraphIndex, boolean>();

function hasDate(index: ParagraphIndex, article: number): boolean {
  return typeof index.articles[article]?.published === "string";
}

/** Whether any article of the index has a date (memoised per index: it never changes). */
function anyDated(index: ParagraphIndex): boolean {
  let known = datedCorpus.get(index);
  if (known === undefined) {
    known = index.articles.some((_, a) => hasDate(index, a));
    datedCorpus.set(index, known);
  }
  return known;
}

/** The verdict for a ranking (see TimeVerdict); `timeWords` tells whether the question named a time. */
export function timeVerdict(
  index: ParagraphIndex,
  ranked: readonly RankedDoc[],
  timeWords: boolean,
): TimeVerdict {
  const first = ranked[0];
  if (!timeWords || !first || hasDate(index, index.docArticle[first.doc]!)) return "dated";
  const datedAmong = ranked.some((r) => hasDate(index, index.docArticle[r.doc]!));
  return !datedAmong && anyDated(index) ? "nothing-dated" : "undated";
}
