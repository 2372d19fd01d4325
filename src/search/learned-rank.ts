import { tokenize } from "./analyze.js";
import type { BoostedDoc } from "./answer-type/boost.js";
import { holdsMoney, typeNounMatch } from "./answer-type/type-noun.js";
import type { ResolvedEngineOptions } from "./engine-options.js";
import { documentFrequency, idf, type ParagraphIndex } from "./paragraph-index.js";
import type { AnalyzedQuery } from "./query.js";
import { contentFirst, type RankedDoc } from "./rerank.js";

/**
 * The learned combination (learning to rank): the best `learnedDepth` passages of the ranking are
 * re-ordered by a linear model over the re-ranker's features and features of redundancy across
 * coverage. The model is data (ranker-model.ts), fitted by scripts/train-ranker.ts on the shared dev sets
 * with cross-validation grouped by question; the figures are in docs/quality.md.
 */

/** The model's inputs, in the order of its weights; each is 0–1. */
export const RANKER_FEATURES = [
  // The hand-made pipeline's own verdict: its final score relative to the best, and its rank.
  "score",
  "logScore",
  "rank",
  // The re-ranker's features (rerank.ts).
  "coverage",
  "matchShare",
  "sentence",
  "proximity",
  "bm25",
  "article",
  "lead",
  // Redundancy across coverage (AskMSR-style): what the top passages of other articles agree on.
  "answerBearing",
  "agreement",
  "agreementAny",
  "agreementWords",
  "articleSupport",
  "story",
  // The answer-type boost's named features (answer-type/boost.ts).
  "answerShare",
  "subjectShare",
  // The wh-phrase's noun (answer-type/type-noun.ts): a name beside it; money for "how much … cost".
  "typeNoun",
  "money",
] as const;

export type RankerFeature = (typeof RANKER_FEATURES)[number];

/** A linear scoring model: one weight per feature (missing ones weigh 0). */
export interface RankerModel {
  weights: Readonly<Partial<Record<RankerFeature, number>>>;
}

/** Titles at and above this share of shared words (beyond the question's) tell the same story. */
const STORY_OVERLAP = 0.2;

/**
 * Feature rows of the first `depth` passages of a ranking, best first (RANKER_FEATURES order).
 * Redundancy: each distinct article among them votes with weight 1/(1 + its rank among the articles);
 * a passage's candidate answers are the names and numbers it writes that the question does not; its
 * `agreement` is the largest share of the other articles' vote that one of them gets (held anywhere in
 * that article's passages among the top), `agreementAny` the share holding any of them, and
 * `agreementWords` the same as `agreement` over every rarer word it writes, weighted by idf.
 * `articleSupport`: how many of its article's passages are among the top; `story`: the vote share of
 * other articles whose title and dek share words with its own beyond the question's (the same story).
 */
export function rankerFeatures(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: readonly BoostedDoc[],
  depth: number,
): Float64Array[] {
  const n = Math.min(depth, ranked.length);
  const top = ranked.slice(0, n);
  const asked = new Set<number>();
  for (const g of query.groups) for (const e of g.expansions) asked.add(e.termId);
  for (const t of query.tokens) {
    const id = index.termIds.get(t.term);
    if (id !== undefined) asked.add(id);
  }
  // Articles in order of their first passage, their vote weights, and the words their top passages hold.
  const articleOrder = new Map<number, number>();
  const articleWords: Set<number>[] = [];
  const articlePassages: number[] = [];
  for (const r of top) {
    const a = index.docArticle[r.doc]!;
    let k = articleOrder.get(a);
    if (k === undefined) {
      k = articleOrder.size;
      articleOrder.set(a, k);
      articleWords.push(new Set());
      articlePassages.push(0);
    }
    articlePassages[k]!++;
    const words = articleWords[k]!;
    for (let i = index.docTokenStart[r.doc]!; i < index.docTokenStart[r.doc + 1]!; i++) {
      const id = index.docTokens[i]! | 0;
      if (id >= 0) words.add(id);
    }
  }
  const articleCount = articleOrder.size;
  const voteOf = (k: number) => 1 / (1 + k);
  let totalVote = 0;
  for (let k = 0; k < articleCount; k++) totalVote += voteOf(k);
  // Each article's title and dek words beyond the question's, for story grouping.
  const titleWords: Set<number>[] = [];
  for (const [a] of articleOrder) {
    const words = new Set<number>();
    for (let i = index.articleTitleStart[a]!; i < index.articleTitleStart[a + 1]!; i++) {
      const id = index.articleTitleTokens[i]! | 0;
      if (id >= 0 && !asked.has(id)) words.add(id);
    }
    titleWords.push(words);
  }
  const sameStory = (x: number, y: number): boolean => {
    const a = titleWords[x]!;
    const b = titleWords[y]!;
    if (a.size === 0 || b.size === 0) return false;
    let shared = 0;
    for (const id of a) if (b.has(id)) shared++;
    return shared / (a.size + b.size - shared) >= STORY_OVERLAP;
  };
  const maxIdf = Math.log(1 + index.docCount);
  const nounTerm = query.typeNoun?.noun;
  const nounId = nounTerm ? (index.termIds.get(nounTerm) ?? -1) : -1;
  const isAsked = (id: number) => asked.has(id);
  const money = query.typeNoun?.money === true;
  let maxScore = 0;
  let maxBm25 = 0;
  let maxProximity = 0;
  for (const r of top) {
    maxScore = Math.max(maxScore, r.score);
    maxBm25 = Math.max(maxBm25, r.bm25);
    maxProximity = Math.max(maxProximity, r.features.proximity);
  }
  const rows: Float64Array[] = [];
  top.forEach((r, i) => {
    const k = articleOrder.get(index.docArticle[r.doc]!)!;
    const others = totalVote - voteOf(k);
    const text = index.articles[index.docArticle[r.doc]!]!.paragraphs[index.docParagraph[r.doc]!]!;
    let agreement = 0;
    let agreementWords = 0;
    let names = 0;
    const anyHolders = new Set<number>();
    const seen = new Set<number>();
    for (const t of tokenize(text)) {
      if (t.stop) continue;
      const id = index.termIds.get(t.term);
      if (id === undefined || asked.has(id) || seen.has(id)) continue;
      seen.add(id);
      const name = t.capitalized || t.numeric;
      if (name) names++;
      let vote = 0;
      for (let o = 0; o < articleCount; o++) {
        if (o === k || !articleWords[o]!.has(id)) continue;
        vote += voteOf(o);
        if (name) anyHolders.add(o);
      }
      if (vote === 0) continue;
      if (name && vote > agreement) agreement = vote;
      const weighted = (vote * idf(index.docCount, documentFrequency(index, id))) / maxIdf;
      if (weighted > agreementWords) agreementWords = weighted;
    }
    let anyVote = 0;
    for (const o of anyHolders) anyVote += voteOf(o);
    let story = 0;
    for (let o = 0; o < articleCount; o++) if (o !== k && sameStory(k, o)) story += voteOf(o);
    const share = (x: number) => (others > 0 ? x / others : 0);
    const f = r.features;
    const ratio = maxScore > 0 ? r.score / maxScore : 0;
    rows.push(
      Float64Array.of(
        ratio,
        ratio > 0 ? Math.max(0, 1 + Math.log(ratio) / 5) : 0,
        1 / (1 + i),
        r.coverage,
        f.matchShare,
        f.sentence,
        maxProximity > 0 ? f.proximity / maxProximity : 0,
        maxBm25 > 0 ? r.bm25 / maxBm25 : 0,
        f.article,
        f.lead < 0 ? 0 : 1 / (1 + f.lead),
        names > 0 ? 1 : 0,
        share(agreement),
        share(anyVote),
        share(agreementWords),
        Math.min(1, (articlePassages[k]! - 1) / 4),
        share(story),
        Math.min(1, r.answerShare ?? 0),
        Math.min(1, r.subjectShare ?? 0),
        nounId >= 0 ? typeNounMatch(index, r.doc, nounId, isAsked) : 0,
        money && holdsMoney(text) ? 1 : 0,
      ),
    );
  });
  return rows;
}

/** The model's score of one feature row. */
export function modelScore(model: RankerModel, row: ArrayLike<number>): number {
  let z = 0;
  RANKER_FEATURES.forEach((name, i) => {
    z += (model.weights[name] ?? 0) * row[i]!;
  });
  return z;
}

/**
 * Orders the first rows.length passages by model scores `z` (ties keep their order) and gives them the
 * score e^z, so score ratios read as the model's odds; the rest keep their order below them, scaled
 * down to stay there.
 */
export function orderByScores(ranked: readonly RankedDoc[], z: readonly number[]): RankedDoc[] {
  const n = z.length;
  const order = [...Array(n).keys()].sort((a, b) => z[b]! - z[a]! || a - b);
  const zMax = n > 0 ? z[order[0]!]! : 0;
  const head = order.map((i) => ({ ...ranked[i]!, score: Math.exp(z[i]! - zMax) }));
  const tail = ranked.slice(n);
  if (tail.length === 0) return head;
  const floor = Math.exp(z[order[n - 1]!]! - zMax);
  const last = ranked[n - 1]?.score ?? 1;
  const scale = last > 0 ? (0.999 * floor) / last : 0;
  return [...head, ...tail.map((r) => ({ ...r, score: r.score * scale }))];
}

/**
 * The learned re-ordering of a ranking's best `learnedDepth` passages, then the rule that a passage
 * holding none of the question's words is not first (contentFirst). Unchanged without a model or depth.
 */
export function learnedOrder(
  index: ParagraphIndex,
  query: AnalyzedQuery,
  ranked: RankedDoc[],
  options: ResolvedEngineOptions,
): RankedDoc[] {
  const model = options.learnedRanker;
  if (!model || options.learnedDepth < 2 || ranked.length < 2) return ranked;
  const rows = rankerFeatures(index, query, ranked, options.learnedDepth);
  const z = rows.map((row) => modelScore(model, row));
  return contentFirst(index, query, orderByScores(ranked, z));
}
