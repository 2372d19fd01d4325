import { tokenize } from "./analyze.js";
import type { ParagraphIndex } from "./paragraph-index.js";
import type { AnalyzedQuery } from "./query.js";
import type { ScoredDoc } from "./top-k.js";

/** Options of the second stage, which sees the candidates' text (MiniSearch-style indexes do not store positions). */
export interface RerankOptions {
  /** Exponent on the share of the question's idf mass a passage (with its title) matches. Default 1. */
  coveragePower?: number;
  /** Weight of the proximity of matched question words. Default 0.5. */
  proximityWeight?: number;
  /** Words apart beyond which two matches no longer count as near. Default 12. */
  proximityWindow?: number;
}

export interface RankedDoc extends ScoredDoc {
  /** First-stage BM25F score. */
  bm25: number;
  /** Share (0–1) of the question's idf mass matched by the paragraph or its article's title and dek. */
  coverage: number;
  /** Index terms of the question found in the paragraph body. */
  matchedTerms: ReadonlySet<string>;
}

/** Maps each index term of the query to its group, so one pass over a passage finds all matches. */
export function groupOfTerm(query: AnalyzedQuery): Map<string, number> {
  const map = new Map<string, number>();
  query.groups.forEach((group, g) => {
    for (const e of group.expansions) if (!map.has(e.term)) map.set(e.term, g);
  });
  return map;
}

/**
 * Re-scores first-stage candidates with what only the text shows: how much of the question a passage
 * covers (distinct words, weighted by idf — many repeats of one word do not cover a question) and how
 * close together the matched words stand (phrases and near-phrases).
 */
export function rerank(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  candidates: readonly ScoredDoc[],
  options: RerankOptions = {},
): RankedDoc[] {
  const coveragePower = options.coveragePower ?? 1;
  const proximityWeight = options.proximityWeight ?? 0.5;
  const window = options.proximityWindow ?? 12;
  const groups = query.groups;
  const termGroup = groupOfTerm(query);
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  const titleGroups = new Map<number, Set<number>>();

  const ranked: RankedDoc[] = candidates.map(({ doc, score }) => {
    const articleIndex = index.docArticle[doc]!;
    const article = index.articles[articleIndex]!;
    let inTitle = titleGroups.get(articleIndex);
    if (!inTitle) {
      inTitle = new Set<number>();
      for (const t of tokenize(`${article.title}\n${article.dek ?? ""}`)) {
        const g = termGroup.get(t.term);
        if (g !== undefined && !t.stop) inTitle.add(g);
      }
      titleGroups.set(articleIndex, inTitle);
    }
    const text = article.paragraphs[index.docParagraph[doc]!]!;
    const positions: number[][] = groups.map(() => []);
    const matchedTerms = new Set<string>();
    for (const t of tokenize(text)) {
      if (t.stop) continue;
      const g = termGroup.get(t.term);
      if (g === undefined) continue;
      positions[g]!.push(t.position);
      matchedTerms.add(t.term);
    }
    let covered = 0;
    for (let g = 0; g < groups.length; g++) {
      if (positions[g]!.length > 0 || inTitle.has(g)) covered += groups[g]!.idf;
    }
    const coverage = covered / totalIdf;

    let proximity = 0;
    let pairs = 0;
    for (let a = 0; a < groups.length; a++) {
      const pa = positions[a]!;
      if (pa.length === 0) continue;
      for (let b = a + 1; b < groups.length; b++) {
        const pb = positions[b]!;
        if (pb.length === 0) continue;
        pairs++;
        const d = minDistance(pa, pb);
        if (d <= window) proximity += Math.min(groups[a]!.idf, groups[b]!.idf) / d;
      }
    }
    if (pairs > 0) proximity /= Math.sqrt(pairs);
    const final = score * coverage ** coveragePower + proximityWeight * proximity;
    return { doc, score: final, bm25: score, coverage, matchedTerms };
  });
  ranked.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return ranked;
}

/** Smallest |x − y| over two ascending position lists (merge walk). */
function minDistance(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let best = Number.POSITIVE_INFINITY;
  while (i < a.length && j < b.length) {
    const d = a[i]! - b[j]!;
    const abs = d < 0 ? -d : d;
    if (abs < best) best = abs;
    if (d < 0) i++;
    else j++;
  }
  return Math.max(1, best);
}
