import type { ParagraphIndex } from "../index-store/index.js";
import type { AnalyzedQuery } from "../search/index.js";

const MAX_SUGGESTIONS = 3;

/**
 * One sentence that helps the asker rephrase a question nothing answers: the corpus words its
 * misspelt words were matched to, or the words the corpus never uses. It reuses what query analysis
 * found (no second fuzzy search), so a not-found answer costs no more than a found one.
 */
export function notFoundHint(index: ParagraphIndex, query: AnalyzedQuery): string {
  if (query.groups.length === 0) {
    if (query.onlyStopWords) {
      return "Your question has only common words (like “what” or “the”); add a name, place, event or topic.";
    }
    return "Ask in words: a name, place, event or topic the articles might mention.";
  }
  // Written by concatenation, without the arrays, Set and joins of a list per part: most questions of
  // a small corpus are not found, so this sentence is on the common path.
  let suggestions = "";
  const suggested: string[] = [];
  let unknown = "";
  for (const g of query.groups) {
    if (g.expansions.length === 0) unknown += `${unknown ? ", " : ""}“${g.text}”`;
    for (const e of g.expansions) {
      if (e.kind === "exact" || suggested.length >= MAX_SUGGESTIONS) continue;
      const word = index.surfaces[e.termId]!;
      if (suggested.includes(word)) continue;
      suggested.push(word);
      suggestions += `${suggestions ? ", " : ""}“${word}”`;
    }
  }
  const never = unknown ? `the articles never use ${unknown}` : "";
  const close = suggestions ? `close words they do use: ${suggestions}` : "";
  if (never || close) {
    const parts = never && close ? `${never}; ${close}` : never || close;
    return `No passage matches well enough (${parts}); try other words for the same thing.`;
  }
  return "No passage matches enough of the question; try fewer or more specific words (a name, place or date).";
}
