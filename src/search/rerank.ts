import { type ParagraphIndex, SENTENCE_MARK } from "../index-store/index.js";
import { type ResolvedEngineOptions, SENTENCE_WORD_BITS } from "./engine-options.js";
import { baseScore, finalScore } from "./formula.js";
import { indexState, withMarks } from "./index-state.js";
import { onlyAsks } from "./interrogative.js";
import type { AnalyzedQuery, QueryGroup } from "./query.js";
import { sortShort } from "./sort-short.js";
import type { ScoredDoc } from "./top-k.js";

export interface RankedDoc extends ScoredDoc {
  /** First-stage BM25F score. */
  bm25: number;
  /** Share (0–1) of the question's idf mass matched by the paragraph or its article's title and dek. */
  coverage: number;
  /** The re-ranker's other features, kept for the learned combination (learned-rank.ts). */
  features: RerankFeatures;
}

/** What the re-ranking formula reads of a candidate besides its BM25F score and coverage. */
export interface RerankFeatures {
  matchShare: number;
  proximity: number;
  sentence: number;
  /** Its article's whole-article BM25 relative to the best article's (0 when not among the best). */
  article: number;
  /** Rank among its article's substantive paragraphs (0 = lead), −1 when not substantive. */
  lead: number;
}

/**
 * Re-scores first-stage candidates with what only the text shows: how much of the question a passage
 * covers (distinct words, weighted by idf — many repeats of one word do not cover a question), how close
 * together the matched words stand (phrases and near-phrases), its best sentence, its place in its
 * article and its article's relevance (`articleScore`: article → BM25 relative to the best article's).
 */
export function rerank(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  candidates: readonly ScoredDoc[],
  options: ResolvedEngineOptions,
  articleScore: ReadonlyMap<number, number> = new Map(),
): RankedDoc[] {
  const f = candidateFeatures(index, query, candidates, options.proximityWindow);
  for (let c = 0; c < candidates.length; c++) {
    f.base[c] = baseScore(
      options,
      candidates[c]!.score,
      f.coverage[c]!,
      f.matchShare[c]!,
      f.proximity[c]!,
      f.sentence[c]!,
    );
  }
  // Each article's best base score: the lead prior lends the lead a share of its article's relevance.
  const articleBest = new Map<number, number>();
  for (let c = 0; c < candidates.length; c++) {
    const articleIndex = index.docArticle[candidates[c]!.doc]!;
    articleBest.set(articleIndex, Math.max(articleBest.get(articleIndex) ?? 0, f.base[c]!));
  }
  const asks = indexState(index).askFlags;
  const ranked: RankedDoc[] = candidates.map(({ doc, score }, i) => {
    const articleIndex = index.docArticle[doc]!;
    const lead = leadRank(index, doc, options.leadMinWords);
    const article = articleScore.get(articleIndex) ?? 0;
    const final = finalScore(
      options,
      f.base[i]!,
      articleBest.get(articleIndex)!,
      lead,
      article,
      options.questionFactor !== 1 && docOnlyAsks(index, asks, doc),
    );
    const features: RerankFeatures = {
      matchShare: f.matchShare[i]!,
      proximity: f.proximity[i]!,
      sentence: f.sentence[i]!,
      article,
      lead,
    };
    return { doc, score: final, bm25: score, coverage: f.coverage[i]!, features };
  });
  sortShort(ranked, (x, y) => y.score - x.score || x.doc - y.doc);
  return ranked;
}

/**
 * Per candidate (by position in `candidates`), in typed columns (feature objects box every double):
 * coverage (share of the question's idf mass the paragraph or its title and dek match), matchShare
 * (share of the question's known words matched, without idf), proximity (idf-weighted nearness of
 * matched word pairs within `window` words) and sentence (share of the question's idf mass the best
 * single sentence holds). Valid until the next call.
 */
function candidateFeatures(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  candidates: readonly ScoredDoc[],
  window: number,
): RerankScratch {
  const groups = query.groups;
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  const knownGroups = groups.filter((g) => g.idf > 0).length || 1;
  // termId → 1 + question word (group), in a scratch array kept with the index: one typed read per
  // word of a candidate instead of a hash look-up.
  return withMarks(indexState(index).rerankGroups, (groupOf, touched) => {
    groups.forEach((group, g) => {
      for (const e of group.expansions) {
        if (groupOf[e.termId] === 0) {
          groupOf[e.termId] = g + 1;
          touched.push(e.termId);
        }
      }
    });
    // Question words in each candidate article's title and dek.
    const titles = new Map<number, Set<number>>();
    // Each question word's positions in the candidate at hand, refilled per candidate.
    const f = rerankScratch(groups.length, candidates.length);
    for (let c = 0; c < candidates.length; c++) {
      const { doc } = candidates[c]!;
      const inTitle = titleGroups(index, groupOf, index.docArticle[doc]!, titles);
      const bestSentence = scanParagraph(index, groupOf, groups, doc, f);
      const { covered, matchedKnown } = coverageOf(groups, f.counts, inTitle);
      f.coverage[c] = covered / totalIdf;
      f.matchShare[c] = matchedKnown / knownGroups;
      f.proximity[c] = proximityOf(groups, f, window);
      f.sentence[c] = bestSentence / totalIdf;
    }
    return f;
  });
}

/** The question words (groups) an article's title and dek hold, read once per article. */
function titleGroups(
  index: ParagraphIndex,
  groupOf: Int32Array,
  article: number,
  titles: Map<number, Set<number>>,
): Set<number> {
  let inTitle = titles.get(article);
  if (!inTitle) {
    inTitle = new Set<number>();
    for (let i = index.articleTitleStart[article]!; i < index.articleTitleStart[article + 1]!; i++) {
      const g = groupOf[index.articleTitleTokens[i]!]!;
      if (g > 0) inTitle.add(g - 1);
    }
    titles.set(article, inTitle);
  }
  return inTitle;
}

/**
 * One pass over a paragraph's words: each question word's positions (into `f.positions`, counted in
 * `f.counts`), and the idf mass of its best sentence (distinct question words, as a bit set of the
 * first SENTENCE_WORD_BITS of them).
 */
function scanParagraph(
  index: ParagraphIndex,
  groupOf: Int32Array,
  groups: readonly QueryGroup[],
  doc: number,
  f: RerankScratch,
): number {
  const { positions, counts } = f;
  counts.fill(0, 0, groups.length);
  const tokens = index.docTokens;
  const from = index.docTokenStart[doc]!;
  const to = index.docTokenStart[doc + 1]!;
  let sentenceIdf = 0;
  let bestSentence = 0;
  let sentenceGroups = 0;
  for (let i = from; i <= to; i++) {
    // The paragraph's end closes its last sentence.
    const id = i < to ? tokens[i]! | 0 : SENTENCE_MARK;
    if (id < 0) {
      if (id === SENTENCE_MARK) {
        if (sentenceIdf > bestSentence) bestSentence = sentenceIdf;
        sentenceIdf = 0;
        sentenceGroups = 0;
      }
      continue;
    }
    const g1 = groupOf[id]!;
    if (g1 === 0) continue;
    const g = g1 - 1;
    positions[g]![counts[g]!++] = i - from;
    const bit = g < SENTENCE_WORD_BITS ? 1 << g : 0;
    if (bit !== 0 && (sentenceGroups & bit) === 0) {
      sentenceGroups |= bit;
      sentenceIdf += groups[g]!.idf;
    }
  }
  return bestSentence;
}

/** The idf mass of the question words a candidate or its title holds, and how many known words that is. */
function coverageOf(
  groups: readonly QueryGroup[],
  counts: Int32Array,
  inTitle: ReadonlySet<number>,
): { covered: number; matchedKnown: number } {
  // The words matched in the title, then those matched in the paragraph only: the order in which
  // their idf is summed is part of the score (float addition), so it stays the same.
  let covered = 0;
  let matchedKnown = 0;
  for (const g of inTitle) {
    covered += groups[g]!.idf;
    if (groups[g]!.idf > 0) matchedKnown++;
  }
  for (let g = 0; g < groups.length; g++) {
    if (counts[g]! === 0 || inTitle.has(g)) continue;
    covered += groups[g]!.idf;
    if (groups[g]!.idf > 0) matchedKnown++;
  }
  return { covered, matchedKnown };
}

/** How close together the question's words stand: over pairs within `window`, the rarer's idf by distance. */
function proximityOf(groups: readonly QueryGroup[], f: RerankScratch, window: number): number {
  const { positions, counts } = f;
  let proximity = 0;
  let pairs = 0;
  for (let a = 0; a < groups.length; a++) {
    const na = counts[a]!;
    if (na === 0) continue;
    for (let b = a + 1; b < groups.length; b++) {
      const nb = counts[b]!;
      if (nb === 0) continue;
      pairs++;
      const d = minDistance(positions[a]!, na, positions[b]!, nb);
      if (d <= window) proximity += Math.min(groups[a]!.idf, groups[b]!.idf) / d;
    }
  }
  return pairs > 0 ? proximity / Math.sqrt(pairs) : proximity;
}

/** Working arrays of rerank; only the first (question words | candidates) entries are used. */
interface RerankScratch {
  positions: number[][];
  counts: Int32Array;
  base: Float64Array;
  coverage: Float64Array;
  matchShare: Float64Array;
  proximity: Float64Array;
  sentence: Float64Array;
}

function candidateColumns(candidates: number) {
  return {
    base: new Float64Array(candidates),
    coverage: new Float64Array(candidates),
    matchShare: new Float64Array(candidates),
    proximity: new Float64Array(candidates),
    sentence: new Float64Array(candidates),
  };
}

let scratch: RerankScratch = { positions: [], counts: new Int32Array(32), ...candidateColumns(128) };

/**
 * rerank's working arrays, kept between calls and grown when needed (rerank is synchronous and never
 * re-entered, so one set is enough): made per call, they would be a large share of re-ranking's garbage.
 */
function rerankScratch(words: number, candidates: number): RerankScratch {
  while (scratch.positions.length < words) scratch.positions.push([]);
  if (scratch.counts.length < words) scratch = { ...scratch, counts: new Int32Array(words) };
  if (scratch.base.length < candidates) scratch = { ...scratch, ...candidateColumns(candidates) };
  return scratch;
}

/**
 * Rank of a paragraph among its article's substantive paragraphs (0 for the lead), or −1 for one that is
 * not substantive itself: datelines, bylines and photo credits that open many scraped articles ("CNN —")
 * are no lead, and do not push the lead down.
 */
function leadRank(index: ParagraphIndex, doc: number, minWords: number): number {
  if (index.docTokenStart[doc + 1]! - index.docTokenStart[doc]! < minWords) return -1;
  const first = doc - index.docParagraph[doc]!;
  let rank = 0;
  for (let d = first; d < doc; d++) {
    if (index.docTokenStart[d + 1]! - index.docTokenStart[d]! >= minWords) rank++;
  }
  return rank;
}

/** IndexState.askFlags: doc → whether its paragraph only asks, 0 while not read yet. */
const ASKS = 1;
const ANSWERS = 2;

/**
 * onlyAsks of a paragraph, read once per index: it depends on the text alone, and every candidate of
 * every question asked it again (a scan of the paragraph for "?", a regex when there is one).
 */
function docOnlyAsks(index: ParagraphIndex, flags: Uint8Array, doc: number): boolean {
  if (flags[doc] === 0) {
    const text = index.articles[index.docArticle[doc]!]!.paragraphs[index.docParagraph[doc]!]!;
    flags[doc] = onlyAsks(text) ? ASKS : ANSWERS;
  }
  return flags[doc] === ASKS;
}

/** Smallest |x − y| over the first `na` of `a` and the first `nb` of `b`, both ascending (merge walk). */
function minDistance(a: readonly number[], na: number, b: readonly number[], nb: number): number {
  let i = 0;
  let j = 0;
  let best = Number.POSITIVE_INFINITY;
  while (i < na && j < nb) {
    const d = a[i]! - b[j]!;
    const abs = d < 0 ? -d : d;
    if (abs < best) best = abs;
    if (d < 0) i++;
    else j++;
  }
  return Math.max(1, best);
}

/** Whether a paragraph's own words (not its title's or dek's) hold one of the question's words. */
export function docHoldsQuestionWord(index: ParagraphIndex, query: AnalyzedQuery, doc: number): boolean {
  const tokens = index.docTokens;
  const to = index.docTokenStart[doc + 1]!;
  for (let i = index.docTokenStart[doc]!; i < to; i++) {
    const id = tokens[i]! | 0;
    if (id < 0) continue;
    for (const g of query.groups) for (const e of g.expansions) if (e.termId === id) return true;
  }
  return false;
}

/**
 * Runs `body` with the question's terms (every group's expansions) marked 1 in a scratch array of the
 * index's terms, reset when it returns or throws: one typed read per word of a passage instead of a
 * scan of the expansions or a hash look-up. Not re-entrant: `body` must not call it again.
 */
export function withQuestionTerms<T>(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  body: (marked: Uint8Array) => T,
): T {
  return withMarks(indexState(index).questionTerms, (marked, touched) => {
    for (const g of query.groups) {
      for (const e of g.expansions) {
        if (marked[e.termId] === 0) touched.push(e.termId);
        marked[e.termId] = 1;
      }
    }
    return body(marked);
  });
}

/**
 * `ranked` without the passages past its first `keep` whose own words hold none of the question's: the
 * filter by docHoldsQuestionWord, with the question's terms marked once (withQuestionTerms).
 */
export function keepHoldingQuestionWord(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly RankedDoc[],
  keep: number,
): RankedDoc[] {
  if (ranked.length <= keep) return ranked.slice();
  return withQuestionTerms(index, query, (asked) => {
    const tokens = index.docTokens;
    const holds = (doc: number) => {
      const to = index.docTokenStart[doc + 1]!;
      for (let i = index.docTokenStart[doc]!; i < to; i++) {
        const id = tokens[i]! | 0;
        if (id >= 0 && asked[id] === 1) return true;
      }
      return false;
    };
    return ranked.filter((r, i) => i < keep || holds(r.doc));
  });
}

/**
 * A passage that holds none of the question's words in its own text is never first: it may stand in
 * for its article (the lead prior, the article's relevance), but the reader is shown words that do not
 * say what was asked. The first passage that does hold one moves to the front; the order is otherwise
 * kept. Unchanged when none does.
 */
export function contentFirst(index: ParagraphIndex, query: AnalyzedQuery, ranked: RankedDoc[]): RankedDoc[] {
  const first = ranked[0];
  if (!first || docHoldsQuestionWord(index, query, first.doc)) return ranked;
  const at = ranked.findIndex((r) => docHoldsQuestionWord(index, query, r.doc));
  if (at <= 0) return ranked;
  return [ranked[at]!, ...ranked.slice(0, at), ...ranked.slice(at + 1)];
}
