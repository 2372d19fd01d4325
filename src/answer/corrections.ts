import type { AnalyzedQuery } from "../search/index.js";
import { paragraphWords } from "./paragraph-words.js";
import type { Correction, Passage } from "./types.js";

/**
 * The question's words that no article uses and that were read as another corpus word (a typo
 * correction), as the shown passages write that word: the reply must say a name was swapped. A
 * correction no shown passage uses is not said (nothing shown was found with it).
 */
export function correctionsOf(query: AnalyzedQuery, passages: readonly Passage[]): Correction[] {
  const out: Correction[] = [];
  for (const g of query.groups) {
    if (g.expansions.length === 0 || g.expansions.some((e) => e.kind === "exact")) continue;
    const fuzzy = new Set(g.expansions.filter((e) => e.kind === "fuzzy").map((e) => e.term));
    if (fuzzy.size === 0) continue;
    let written: string | undefined;
    for (const p of passages) {
      const token = paragraphWords(p.text).tokens.find((t) => fuzzy.has(t.term));
      if (token) {
        written = p.text.slice(token.start, token.end);
        break;
      }
    }
    if (written !== undefined) out.push({ from: g.text, to: written });
  }
  return out;
}
