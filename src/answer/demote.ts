import type { ParagraphIndex } from "../index-store/index.js";
import type { RankedDoc } from "../search/index.js";

/**
 * Readers' votes as an input of the ranking: when the first passage is one readers voted down for this
 * question (`demoted`, "articleId#paragraph" with ¶ 1-based), the best passage that is not takes its
 * place; the voted-down ones keep their order behind it. When every passage is voted down, the order
 * stands (nothing better is known). Returns `ranked` itself when nothing moves.
 */
export function demoteVoted(
  index: ParagraphIndex,
  ranked: RankedDoc[],
  demoted: readonly string[] | undefined,
): RankedDoc[] {
  if (!demoted || demoted.length === 0 || ranked.length < 2) return ranked;
  const voted = new Set(demoted);
  const idOf = (r: RankedDoc) =>
    `${index.articles[index.docArticle[r.doc]!]!.id}#${index.docParagraph[r.doc]! + 1}`;
  if (!voted.has(idOf(ranked[0]!))) return ranked;
  const first = ranked.findIndex((r) => !voted.has(idOf(r)));
  if (first < 0) return ranked;
  return [ranked[first]!, ...ranked.slice(0, first), ...ranked.slice(first + 1)];
}
