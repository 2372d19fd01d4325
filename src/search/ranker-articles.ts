import type { ParagraphIndex } from "../index-store/index.js";
import type { BoostedDoc } from "./answer-type/boost.js";
import { type ArticleRestriction, daysFromAsk } from "./article-weights.js";
import type { AnalyzedQuery } from "./query.js";
import { ARTICLE_EVIDENCE } from "./ranker-features.js";

export { ARTICLE_EVIDENCE };

/**
 * Evidence about a candidate's article among the candidates, for the learned ranker (learned-rank.ts):
 * a two-level choice — which article, then which of its paragraphs — read as features of each passage.
 * An article many of whose paragraphs score well is more likely the one that answers than an article
 * with one lucky paragraph; among dated candidates the freshest before the day asked is the likeliest
 * (a quiz asks about the week before); an article whose headline holds the question's words is about it.
 */

/** Days after the freshest candidate article at which `freshGap` halves. */
const GAP_HALF_LIFE = 7;
/** Days before the day asked at which `age7` halves. */
const AGE_HALF_LIFE = 7;

interface ArticleStats {
  best: number;
  sum: number;
  count: number;
  /** Rank of the article by its best passage (0 first) and by its passages' summed scores. */
  rankByBest: number;
  rankBySum: number;
  days: number | undefined;
  freshRank: number;
}

/** Per-article sums over the candidates; score ratios (score / best score) are what is summed. */
function articleStats(
  index: ParagraphIndex,
  top: readonly BoostedDoc[],
  restriction: ArticleRestriction | undefined,
): Map<number, ArticleStats> {
  const maxScore = top.reduce((m, r) => Math.max(m, r.score), 0);
  const stats = new Map<number, ArticleStats>();
  for (const r of top) {
    const a = index.docArticle[r.doc]!;
    const ratio = maxScore > 0 ? r.score / maxScore : 0;
    const s = stats.get(a);
    if (s) {
      s.best = Math.max(s.best, ratio);
      s.sum += ratio;
      s.count++;
    } else {
      const days = daysFromAsk(index, a, restriction);
      stats.set(a, { best: ratio, sum: ratio, count: 1, rankByBest: 0, rankBySum: 0, days, freshRank: -1 });
    }
  }
  const list = [...stats.values()];
  [...list]
    .sort((x, y) => y.best - x.best)
    .forEach((s, i) => {
      s.rankByBest = i;
    });
  [...list]
    .sort((x, y) => y.sum - x.sum)
    .forEach((s, i) => {
      s.rankBySum = i;
    });
  // Ties in age share a rank: articles of one day are equally fresh.
  const dated = list.filter((s) => s.days !== undefined).sort((x, y) => x.days! - y.days!);
  let rank = 0;
  dated.forEach((s, i) => {
    if (i > 0 && s.days! > dated[i - 1]!.days!) rank++;
    s.freshRank = rank;
  });
  return stats;
}

/** Share of the question's informative words (by idf) that the article's title and dek hold. */
function titleShare(index: ParagraphIndex, query: AnalyzedQuery, article: number): number {
  let total = 0;
  let held = 0;
  const from = index.articleTitleStart[article]!;
  const to = index.articleTitleStart[article + 1]!;
  for (const g of query.groups) {
    if (g.idf <= 0) continue;
    total += g.idf;
    const ids = new Set(g.expansions.map((e) => e.termId));
    for (let i = from; i < to; i++) {
      if (ids.has(index.articleTitleTokens[i]! | 0)) {
        held += g.idf;
        break;
      }
    }
  }
  return total > 0 ? held / total : 0;
}

/** Rows of ARTICLE_EVIDENCE for each passage of `top` (0–1 each). */
export function articleEvidence(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  top: readonly BoostedDoc[],
  restriction?: ArticleRestriction,
): number[][] {
  const stats = articleStats(index, top, restriction);
  const maxScore = top.reduce((m, r) => Math.max(m, r.score), 0);
  const total = [...stats.values()].reduce((t, s) => t + s.sum, 0);
  const freshest = Math.min(...[...stats.values()].map((s) => s.days ?? Number.POSITIVE_INFINITY));
  const seenInArticle = new Map<number, number>();
  const titles = new Map<number, number>();
  return top.map((r) => {
    const a = index.docArticle[r.doc]!;
    const s = stats.get(a)!;
    const within = seenInArticle.get(a) ?? 0;
    seenInArticle.set(a, within + 1);
    let title = titles.get(a);
    if (title === undefined) {
      title = titleShare(index, query, a);
      titles.set(a, title);
    }
    const ratio = maxScore > 0 ? r.score / maxScore : 0;
    return [
      total > 0 ? s.sum / total : 0,
      1 / (1 + s.rankByBest),
      1 / (1 + s.rankBySum),
      1 / (1 + within),
      s.best > 0 ? ratio / s.best : 0,
      s.freshRank < 0 ? 0 : 1 / (1 + s.freshRank),
      s.days === undefined ? 0 : 2 ** (-(s.days - freshest) / GAP_HALF_LIFE),
      s.days === undefined ? 0 : 2 ** (-s.days / AGE_HALF_LIFE),
      title,
    ];
  });
}
