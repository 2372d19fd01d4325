import type { ParagraphIndex } from "../index-store/index.js";
import { FLOAT_SUM_SLACK } from "./engine-options.js";
import { indexState } from "./index-state.js";
import type { AnalyzedQuery } from "./query.js";

/**
 * An upper bound on the coverage rerank gives any paragraph, read from the postings alone, or undefined
 * when the question's postings hold more than `maxPostings` entries (a large corpus's common words:
 * walking them would cost more than re-ranking). A paragraph's postings hold every term of its body, of
 * its article's title and of its dek (BM25F indexes the three fields together, with weights ≥ 0) — where
 * rerank looks for the question's words — so each question word a paragraph covers has an expansion
 * whose postings name it. (Rerank credits a term two words share to the first only; the bound credits
 * both, so it can only be higher.) Slack of FLOAT_SUM_SLACK for float sums in another order.
 */
export function bestCoverageBound(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  maxPostings: number,
): number | undefined {
  const groups = query.groups;
  let postings = 0;
  for (const g of groups) {
    for (const e of g.expansions)
      postings += index.postingStart[e.termId + 1]! - index.postingStart[e.termId]!;
  }
  if (postings > maxPostings) return undefined;
  // Per doc, the idf mass of the question words its postings hold, each word once (stamped with its
  // group), in arrays kept with the index; reset whatever happens.
  const { boundMass: mass, boundStamp: stamp } = indexState(index);
  const touched: number[] = [];
  let best = 0;
  try {
    for (let g = 0; g < groups.length; g++) {
      for (const e of groups[g]!.expansions) {
        const end = index.postingStart[e.termId + 1]!;
        for (let p = index.postingStart[e.termId]!; p < end; p++) {
          const doc = index.postingDocs[p]!;
          if (stamp[doc] === g + 1) continue;
          if (stamp[doc] === 0) touched.push(doc);
          stamp[doc] = g + 1;
          mass[doc]! += groups[g]!.idf;
        }
      }
    }
    for (const doc of touched) if (mass[doc]! > best) best = mass[doc]!;
  } finally {
    for (const doc of touched) {
      mass[doc] = 0;
      stamp[doc] = 0;
    }
  }
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  return (best / totalIdf) * (1 + FLOAT_SUM_SLACK);
}
