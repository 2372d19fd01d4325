import {
  articleLists,
  type ParagraphIndex,
  type PostingLists,
  paragraphLists,
} from "../index-store/index.js";
import { type ArticleRestriction, articleWeights } from "./article-weights.js";
import { type EngineOptions, resolveEngineOptions } from "./engine-options.js";
import { type AnalyzedQuery, analyzeQuery, scoringTerms } from "./query.js";
import { createDocScorer, topK } from "./top-k.js";

/**
 * A story's articles for a timeline: the articles whose whole text best matches a few words (BM25 over
 * the article, as the first stage ranks articles), with how much of the words each holds and its one
 * paragraph that matches best. Unlike a question's ranking there is no re-ranking, answer type or
 * recency: a timeline lists coverage, not an answer, and an old article is as much the story as a new one.
 */
export interface StoryArticle {
  /** Index into `index.articles`. */
  article: number;
  /** Article-level BM25 of the words (no recency or other preference). */
  score: number;
  /** Share of the words' idf the article holds, 0–1. */
  coverage: number;
}

export interface StoryRanking {
  query: AnalyzedQuery;
  /** Best first; at most `depth`. */
  articles: StoryArticle[];
  /**
   * Share of the corpus's articles that hold the words' rarest known word (0–1): near 1 the words
   * name no story, only something every article says.
   */
  rarestShare: number;
  /** An article's paragraph (doc) that matches the words best (BM25F; the earlier on a tie). */
  bestDoc(article: number): number;
  /**
   * Paragraphs of an article that hold at least half the words' weight (idf): an article about the
   * story names it again and again, one that mentions it in passing once. Counted on demand.
   */
  mentions(article: number): number;
}

/** Whether article-level postings hold `termId` for `article` (binary search of its posting list). */
function holds(lists: PostingLists, termId: number, article: number): boolean {
  let lo = lists.start[termId]!;
  const end = lists.start[termId + 1]!;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lists.docs[mid]! < article) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && lists.docs[lo] === article;
}

/**
 * Paragraphs of `article` holding at least half the query's known idf (each word once, any of its
 * expansions): read from the paragraph postings, each list entered by binary search at the article's
 * first paragraph.
 */
function mentionsIn(index: ParagraphIndex, query: AnalyzedQuery, article: number, totalIdf: number): number {
  const from = index.articleDocStart[article]!;
  const to = index.articleDocStart[article + 1]!;
  const weight = new Float64Array(to - from);
  const group = new Int32Array(to - from).fill(-1);
  query.groups.forEach((g, gi) => {
    for (const e of g.expansions) {
      let lo = index.postingStart[e.termId]!;
      const end = index.postingStart[e.termId + 1]!;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (index.postingDocs[mid]! < from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < end && index.postingDocs[i]! < to; i++) {
        const p = index.postingDocs[i]! - from;
        // Once per word: a paragraph holding two expansions of one word counts it once.
        if (group[p] === gi) continue;
        group[p] = gi;
        weight[p] = weight[p]! + g.idf;
      }
    }
  });
  let count = 0;
  for (const w of weight) if (w >= totalIdf / 2) count++;
  return count;
}

/**
 * Ranks the articles of a story named by `words` (see StoryArticle). `restriction` only excludes
 * (its day of asking, filters and date bounds); its preferences (recency, a time span) are not applied.
 * `depth` is the most articles returned. Pure.
 */
export function storyArticles(
  index: ParagraphIndex,
  words: string,
  options: EngineOptions = {},
  restriction?: ArticleRestriction,
  depth = 300,
): StoryRanking {
  const resolved = resolveEngineOptions(options);
  const query = analyzeQuery(index, words, resolved);
  const lists = articleLists(index);
  const totalIdf = query.groups.reduce((sum, g) => sum + g.idf, 0);
  let rarestShare = 0;
  if (totalIdf > 0) {
    rarestShare = 1;
    for (const g of query.groups) {
      if (g.expansions.length === 0) continue;
      let df = 0;
      for (const e of g.expansions) df = Math.max(df, lists.start[e.termId + 1]! - lists.start[e.termId]!);
      rarestShare = Math.min(rarestShare, df / Math.max(1, lists.count));
    }
  }
  const paragraphs = paragraphLists(index);
  // Scored only for the articles a timeline shows, not for every candidate.
  const bestDoc = (article: number) => {
    const scoreDoc = scorer();
    let found = index.articleDocStart[article]!;
    let best = -1;
    for (let doc = found; doc < index.articleDocStart[article + 1]!; doc++) {
      const s = scoreDoc(doc);
      if (s > best) {
        best = s;
        found = doc;
      }
    }
    return found;
  };
  let scoreDoc: ((doc: number) => number) | undefined;
  const scorer = () => {
    scoreDoc ??= createDocScorer(paragraphs, scoringTerms(index, query, paragraphs));
    return scoreDoc;
  };
  const mentions = (article: number) => mentionsIn(index, query, article, totalIdf);
  if (totalIdf === 0) return { query, articles: [], rarestShare, bestDoc, mentions };
  const weights = articleWeights(index, restriction, resolved);
  // Exclusion only: an article the ask allows counts whole, whatever its age.
  const allowed = weights ? weights.map((w) => (w > 0 ? 1 : 0)) : undefined;
  const top = topK(
    lists,
    scoringTerms(index, query, lists),
    depth,
    allowed ? { weight: allowed } : undefined,
  );
  const articles: StoryArticle[] = [];
  for (const { doc: article, score } of top) {
    if (!(score > 0)) continue;
    let held = 0;
    for (const g of query.groups) {
      if (g.expansions.some((e) => holds(lists, e.termId, article))) held += g.idf;
    }
    articles.push({ article, score, coverage: held / totalIdf });
  }
  return { query, articles, rarestShare, bestDoc, mentions };
}
