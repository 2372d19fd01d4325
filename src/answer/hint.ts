import type { ParagraphIndex } from "../search/paragraph-index.js";
import { documentFrequency } from "../search/paragraph-index.js";
import type { AnalyzedQuery } from "../search/query.js";
import { vocabularyOf } from "../search/vocabulary.js";

const MAX_SUGGESTIONS = 3;

/** Corpus words close to a question word the corpus does not know (by edit distance, then frequency). */
function closeWords(index: ParagraphIndex, term: string): string[] {
  if (term.length < 4) return [];
  const found = vocabularyOf(index).fuzzyGet(term, term.length >= 7 ? 2 : 1);
  return [...found]
    .filter(([key]) => key !== term)
    .sort(
      ([, [a, da]], [, [b, db]]) =>
        da - db || documentFrequency(index, b) - documentFrequency(index, a) || a - b,
    )
    .slice(0, MAX_SUGGESTIONS)
    .map(([, [termId]]) => index.surfaces[termId]!);
}

/** One sentence that helps the asker rephrase a question nothing answers. */
export function notFoundHint(index: ParagraphIndex, query: AnalyzedQuery): string {
  if (query.groups.length === 0) {
    if (query.onlyStopWords) {
      return "Your question has only common words (like “what” or “the”); add a name, place, event or topic.";
    }
    return "Ask in words: a name, place, event or topic the articles might mention.";
  }
  const unknown = query.groups.filter((g) => g.expansions.length === 0);
  const suggestions = new Set<string>();
  for (const g of unknown) for (const w of closeWords(index, g.term)) suggestions.add(w);
  if (suggestions.size > 0) {
    return `No passage matches well enough; the articles do use ${[...suggestions].map((w) => `“${w}”`).join(", ")} — try those words.`;
  }
  if (unknown.length > 0) {
    return `The articles never mention ${unknown.map((g) => `“${g.text}”`).join(", ")}; try other words for the same thing.`;
  }
  return "No passage matches enough of the question; try fewer or more specific words (a name, place or date).";
}
