import type { ParagraphIndex } from "../index-store/index.js";
import { idf } from "./formula.js";
import type { AnalyzedQuery } from "./query.js";

/**
 * Names of the question the corpus never writes, read as another corpus word by typo correction
 * ("Atlantis" → "Atlanta"): groups written as a name whose every expansion is a correction.
 */
export function swappedNames(query: AnalyzedQuery): number[] {
  const out: number[] = [];
  query.groups.forEach((g, i) => {
    if (g.weight > 1 && g.expansions.length > 0 && g.expansions.every((e) => e.kind === "fuzzy")) out.push(i);
  });
  return out;
}

/** Question words (groups) a paragraph or its article's title and dek holds. */
function groupsHeld(index: ParagraphIndex, query: AnalyzedQuery, doc: number): boolean[] {
  const held = query.groups.map(() => false);
  const ids = new Map<number, number>();
  query.groups.forEach((g, i) => {
    for (const e of g.expansions) if (!ids.has(e.termId)) ids.set(e.termId, i);
  });
  const see = (id: number) => {
    const g = ids.get(id);
    if (g !== undefined) held[g] = true;
  };
  for (let i = index.docTokenStart[doc]!; i < index.docTokenStart[doc + 1]!; i++) see(index.docTokens[i]!);
  const article = index.docArticle[doc]!;
  for (let i = index.articleTitleStart[article]!; i < index.articleTitleStart[article + 1]!; i++) {
    see(index.articleTitleTokens[i]!);
  }
  return held;
}

/**
 * The share of the question a paragraph answers when its swapped names count as names the corpus never
 * writes (as unknown names do: the rarest idf, times the name's weight, that nothing covers): a
 * correction of a name into another name is not an answer by itself.
 */
export function coverageWithoutSwapped(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  doc: number,
  swapped: readonly number[],
): number {
  const held = groupsHeld(index, query, doc);
  let covered = 0;
  let total = 0;
  query.groups.forEach((g, i) => {
    if (swapped.includes(i) || (g.expansions.length === 0 && g.weight > 1)) {
      total += g.weight * idf(index.docCount, 1);
      return;
    }
    total += g.idf;
    if (held[i]) covered += g.idf;
  });
  return total > 0 ? covered / total : 0;
}
