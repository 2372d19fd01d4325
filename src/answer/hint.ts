import type { ParagraphIndex } from "../search/paragraph-index.js";
import type { AnalyzedQuery } from "../search/query.js";

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
  const suggestions = new Set<string>();
  for (const g of query.groups) {
    for (const e of g.expansions) {
      if (e.kind !== "exact" && suggestions.size < MAX_SUGGESTIONS)
        suggestions.add(index.surfaces[e.termId]!);
    }
  }
  const unknown = query.groups.filter((g) => g.expansions.length === 0).map((g) => `“${g.text}”`);
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`the articles never use ${unknown.join(", ")}`);
  if (suggestions.size > 0) {
    parts.push(`close words they do use: ${[...suggestions].map((w) => `“${w}”`).join(", ")}`);
  }
  if (parts.length > 0)
    return `No passage matches well enough (${parts.join("; ")}); try other words for the same thing.`;
  return "No passage matches enough of the question; try fewer or more specific words (a name, place or date).";
}
