import { onlyAsks } from "./interrogative.js";
import { type ParagraphIndex, SENTENCE_MARK } from "./paragraph-index.js";
import type { AnalyzedQuery } from "./query.js";
import { sortShort } from "./sort-short.js";
import { createDocScratch, createTermScratch } from "./term-scratch.js";
import type { ScoredDoc } from "./top-k.js";

/** Options of the second stage, which sees the candidates' text (MiniSearch-style indexes do not store positions). */
export interface RerankOptions {
  /** Exponent on the share of the question's idf mass a passage (with its title) matches. Default 0.5. */
  coveragePower?: number;
  /** Weight of the proximity of matched question words. Default 0.5. */
  proximityWeight?: number;
  /**
   * Weight of the lead prior: news puts what matters first, so a paragraph gains w × its article's best
   * score, fading with its rank among the article's substantive paragraphs. Default 0.3.
   */
  leadWeight?: number;
  /**
   * Weight of the article's relevance (its whole-article BM25 score relative to the best article's),
   * so a paragraph of an article about the question outranks a stray paragraph elsewhere. Default 2.
   */
  articleWeight?: number;
  /** How fast the lead prior fades with the paragraph's rank: ×(1 + w/(1+rank)^decay). Default 0.5. */
  leadDecay?: number;
  /**
   * Weight of the best single sentence's share of the question (idf mass of the distinct question
   * words it holds): a question usually paraphrases one sentence of its answer. Default 1.
   */
  sentenceWeight?: number;
  /** Words apart beyond which two matches no longer count as near. Default 12. */
  proximityWindow?: number;
  /**
   * Factor on the score of a paragraph that only asks (every sentence a question): it restates a
   * question without answering it. Default 0.1.
   */
  questionFactor?: number;
  /**
   * Exponent on the first-stage BM25F score: below 1 it flattens the score's spread, so coverage,
   * proximity and the sentence weigh more against a passage that repeats one rare word. Default 1.
   */
  bm25Power?: number;
  /**
   * Exponent on the share of the question's (known) words a passage or its title matches, counted
   * without idf, as MiniSearch multiplies by the number of matched terms. Default 0 (not used).
   */
  matchPower?: number;
}

export interface RankedDoc extends ScoredDoc {
  /** First-stage BM25F score. */
  bm25: number;
  /** Share (0–1) of the question's idf mass matched by the paragraph or its article's title and dek. */
  coverage: number;
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
  articleScore: ReadonlyMap<number, number> = new Map(),
): RankedDoc[] {
  const coveragePower = options.coveragePower ?? 0.5;
  const proximityWeight = options.proximityWeight ?? 0.5;
  const window = options.proximityWindow ?? 12;
  const groups = query.groups;
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  const leadWeight = options.leadWeight ?? 0.3;
  const articleWeight = options.articleWeight ?? 2;
  const leadDecay = options.leadDecay ?? 0.5;
  const sentenceWeight = options.sentenceWeight ?? 1;
  const questionFactor = options.questionFactor ?? 0.1;
  const bm25Power = options.bm25Power ?? 1;
  const matchPower = options.matchPower ?? 0;
  const knownGroups = groups.filter((g) => g.idf > 0).length || 1;

  // termId → 1 + question word (group), in a scratch array kept with the index: one typed read per
  // word of a candidate instead of a hash look-up.
  const groupOf = scratchFor(index);
  const marked: number[] = [];
  groups.forEach((group, g) => {
    for (const e of group.expansions) {
      if (groupOf[e.termId] === 0) {
        groupOf[e.termId] = g + 1;
        marked.push(e.termId);
      }
    }
  });
  // Question words in each candidate article's title and dek.
  const titles = new Map<number, Set<number>>();
  // Each question word's positions in the candidate at hand (refilled per candidate: a fresh list per
  // matched word and candidate was most of re-ranking's garbage), and per candidate its base score and
  // coverage in typed columns (feature objects box every double).
  const { positions, counts, base, coverage: coverageOf } = rerankScratch(groups.length, candidates.length);
  const tokens = index.docTokens;
  for (let c = 0; c < candidates.length; c++) {
    const { doc, score } = candidates[c]!;
    const articleIndex = index.docArticle[doc]!;
    let inTitle = titles.get(articleIndex);
    if (!inTitle) {
      inTitle = new Set<number>();
      for (
        let i = index.articleTitleStart[articleIndex]!;
        i < index.articleTitleStart[articleIndex + 1]!;
        i++
      ) {
        const g = groupOf[index.articleTitleTokens[i]!]!;
        if (g > 0) inTitle.add(g - 1);
      }
      titles.set(articleIndex, inTitle);
    }
    counts.fill(0, 0, groups.length);
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
      // A bit set of the sentence's question words: the first 31 words of a question are plenty.
      const bit = g < 31 ? 1 << g : 0;
      if (bit !== 0 && (sentenceGroups & bit) === 0) {
        sentenceGroups |= bit;
        sentenceIdf += groups[g]!.idf;
      }
    }
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
    if (pairs > 0) proximity /= Math.sqrt(pairs);
    const coverage = covered / totalIdf;
    const matchShare = matchedKnown / knownGroups;
    const sentence = bestSentence / totalIdf;
    coverageOf[c] = coverage;
    base[c] =
      ((bm25Power === 1 ? score : score ** bm25Power) *
        coverage ** coveragePower *
        (matchPower === 0 ? 1 : matchShare ** matchPower) +
        proximityWeight * proximity) *
      (1 + sentenceWeight * sentence);
  }
  for (const id of marked) groupOf[id] = 0;

  // Each article's best base score: the lead prior lends the lead a share of its article's relevance.
  const articleBest = new Map<number, number>();
  for (let c = 0; c < candidates.length; c++) {
    const articleIndex = index.docArticle[candidates[c]!.doc]!;
    articleBest.set(articleIndex, Math.max(articleBest.get(articleIndex) ?? 0, base[c]!));
  }
  const asks = askFlagsOf(index);
  const ranked: RankedDoc[] = candidates.map(({ doc, score }, i) => {
    const articleIndex = index.docArticle[doc]!;
    const coverage = coverageOf[i]!;
    // Datelines and credits ("CNN —") are no lead, whatever their position.
    const substantive = index.docTokenStart[doc + 1]! - index.docTokenStart[doc]! >= SUBSTANTIVE_WORDS;
    const lead = substantive
      ? (leadWeight * articleBest.get(articleIndex)!) / (1 + leadRank(index, doc)) ** leadDecay
      : 0;
    let final = (base[i]! + lead) * (1 + articleWeight * (articleScore.get(articleIndex) ?? 0));
    if (questionFactor !== 1 && docOnlyAsks(index, asks, doc)) {
      final *= questionFactor;
    }
    return { doc, score: final, bm25: score, coverage };
  });
  sortShort(ranked, (x, y) => y.score - x.score || x.doc - y.doc);
  return ranked;
}

/**
 * An upper bound on the coverage rerank gives any paragraph, read from the postings alone, or undefined
 * when the question's postings hold more than `maxPostings` entries (a large corpus's common words:
 * walking them would cost more than re-ranking). A paragraph's postings hold every term of its body, of
 * its article's title and of its dek (BM25F indexes the three fields together, with weights ≥ 0) — where
 * rerank looks for the question's words — so each question word a paragraph covers has an expansion
 * whose postings name it. (Rerank credits a term two words share to the first only; the bound credits
 * both, so it can only be higher.) Slack of 1e-9 for float sums in another order.
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
  // group), in arrays kept with the index; reset before returning.
  const { mass, stamp } = boundScratch(index);
  const touched: number[] = [];
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
  let best = 0;
  for (const doc of touched) {
    if (mass[doc]! > best) best = mass[doc]!;
    mass[doc] = 0;
    stamp[doc] = 0;
  }
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  return (best / totalIdf) * (1 + 1e-9);
}

const boundScratches = new WeakMap<ParagraphIndex, { mass: Float64Array; stamp: Int32Array }>();

function boundScratch(index: ParagraphIndex): { mass: Float64Array; stamp: Int32Array } {
  let scratch = boundScratches.get(index);
  if (!scratch) {
    scratch = { mass: new Float64Array(index.docCount), stamp: new Int32Array(index.docCount) };
    boundScratches.set(index, scratch);
  }
  return scratch;
}

/** Working arrays of rerank; only the first (question words | candidates) entries are used. */
interface RerankScratch {
  positions: number[][];
  counts: Int32Array;
  base: Float64Array;
  coverage: Float64Array;
}

let scratch: RerankScratch = {
  positions: [],
  counts: new Int32Array(32),
  base: new Float64Array(128),
  coverage: new Float64Array(128),
};

/**
 * rerank's working arrays, kept between calls and grown when needed (rerank is synchronous and never
 * re-entered, so one set is enough): made per call, they were a third of re-ranking's garbage.
 */
function rerankScratch(words: number, candidates: number): RerankScratch {
  while (scratch.positions.length < words) scratch.positions.push([]);
  if (scratch.counts.length < words) scratch = { ...scratch, counts: new Int32Array(words) };
  if (scratch.base.length < candidates) {
    scratch = { ...scratch, base: new Float64Array(candidates), coverage: new Float64Array(candidates) };
  }
  return scratch;
}

/** Shortest paragraph, in words, that counts as body text for the lead prior (not a dateline or credit). */
const SUBSTANTIVE_WORDS = 8;

/**
 * Rank of a paragraph among its article's substantive paragraphs (0 for the lead). Datelines, bylines
 * and photo credits that open many scraped articles ("CNN —") do not push the lead down.
 */
function leadRank(index: ParagraphIndex, doc: number): number {
  const first = doc - index.docParagraph[doc]!;
  let rank = 0;
  for (let d = first; d < doc; d++) {
    if (index.docTokenStart[d + 1]! - index.docTokenStart[d]! >= SUBSTANTIVE_WORDS) rank++;
  }
  return rank;
}

/** Per index, doc → whether its paragraph only asks: 0 not known yet, ASKS or ANSWERS. */
const askFlagsOf = createDocScratch();
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

/** termId → 1 + question word, zero between uses. */
const scratchFor = createTermScratch();

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
