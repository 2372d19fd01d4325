import type { PostingLists } from "../index-store/index.js";
import { saturation } from "./formula.js";
import { sortShort } from "./sort-short.js";

/** A query term as scored: `weight` is its idf times its weight in the question. */
export interface WeightedTerm {
  termId: number;
  weight: number;
}

export interface ScoredDoc {
  doc: number;
  score: number;
}

/**
 * Per-document weights in [0, 1] that multiply a document's score, read through a grouping: a
 * paragraph's weight is its article's (`group` = docArticle). Weight 0 keeps a document out of the top k
 * altogether; since no weight exceeds 1, MaxScore's upper bounds stay bounds.
 */
export interface DocWeights {
  weight: Float32Array;
  /** doc → index into `weight`; absent: the doc itself. */
  group?: Uint32Array;
}

/** The weight of a doc (1 without weights). */
export function docWeight(weights: DocWeights | undefined, doc: number): number {
  if (!weights) return 1;
  return weights.weight[weights.group ? weights.group[doc]! : doc] ?? 0;
}

interface PreparedTerm {
  termId: number;
  weight: number;
  upperBound: number;
}

// Slack on upper bounds so float rounding can never prune a document that ties the k-th score.
const BOUND_SLACK = 1 + 1e-9;

/**
 * Terms in the canonical scoring order shared by the pruned and the exhaustive scorer (by upper bound,
 * then term id), duplicates merged. Sharing the order makes both add floats identically, so their
 * top-k lists are equal, ties included.
 */
export function prepareTerms(lists: PostingLists, terms: readonly WeightedTerm[]): PreparedTerm[] {
  const prepared: PreparedTerm[] = [];
  // Merged in order of first appearance, weights summed in the order given. A question has a handful of
  // terms: looking each up among those merged so far costs less than a Map per call, up to MERGE_SCAN.
  const merged = terms.length > MERGE_SCAN ? new Map<number, PreparedTerm>() : undefined;
  for (const { termId, weight } of terms) {
    if (!(weight > 0) || termId < 0 || termId >= lists.maxTf.length) continue;
    const known = merged ? merged.get(termId) : prepared.find((t) => t.termId === termId);
    if (known) {
      known.weight += weight;
      continue;
    }
    const term = { termId, weight, upperBound: 0 };
    prepared.push(term);
    merged?.set(termId, term);
  }
  const k1 = lists.k1;
  for (const term of prepared) {
    const maxTf = lists.maxTf[term.termId]!;
    term.upperBound = saturation(term.weight, maxTf, k1) * BOUND_SLACK;
  }
  sortShort(prepared, (x, y) => x.upperBound - y.upperBound || x.termId - y.termId);
  return prepared;
}

/** Most terms prepareTerms merges by scanning; more (a pasted paragraph's) are merged with a Map. */
const MERGE_SCAN = 24;

/** Orders by score (desc), then doc id (asc): the total order both scorers rank by. */
export function compareScored(x: ScoredDoc, y: ScoredDoc): number {
  return y.score - x.score || x.doc - y.doc;
}

/** Min-heap of the k best so far; the root is the worst kept (lowest score, then highest doc id). */
class TopHeap {
  readonly docs: number[] = [];
  readonly scores: number[] = [];
  constructor(readonly capacity: number) {}
  get full(): boolean {
    return this.docs.length >= this.capacity;
  }
  get minScore(): number {
    return this.scores[0]!;
  }
  private worse(i: number, j: number): boolean {
    const si = this.scores[i]!;
    const sj = this.scores[j]!;
    return si < sj || (si === sj && this.docs[i]! > this.docs[j]!);
  }
  private swap(i: number, j: number): void {
    const d = this.docs[i]!;
    this.docs[i] = this.docs[j]!;
    this.docs[j] = d;
    const s = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = s;
  }
  offer(doc: number, score: number): boolean {
    if (!this.full) {
      this.docs.push(doc);
      this.scores.push(score);
      let i = this.docs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return true;
    }
    // Docs arrive in ascending id order, so an equal score never beats the root.
    if (score <= this.scores[0]!) return false;
    this.docs[0] = doc;
    this.scores[0] = score;
    let i = 0;
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return true;
  }
}

/** First posting position in [from, end) whose doc is ≥ target (galloping, then binary search). */
function seek(docs: Uint32Array, from: number, end: number, target: number): number {
  if (from >= end || docs[from]! >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < end && docs[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > end) hi = end;
  // docs[lo] < target; answer in (lo, hi]
  let a = lo + 1;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (docs[mid]! < target) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Per-term working arrays of topK; only the first n entries of each are used. */
interface TopKScratch {
  pos: Int32Array;
  end: Int32Array;
  weight: Float64Array;
  cumBound: Float64Array;
  contrib: Float64Array;
}

let scratch: TopKScratch | undefined;

/**
 * topK's working arrays, kept between calls and grown when a query has more terms, so that a question
 * allocates no typed arrays here. topK is synchronous and never re-entered, so one set is enough.
 */
function topKScratch(n: number): TopKScratch {
  if (!scratch || scratch.pos.length < n) {
    const size = Math.max(32, n);
    scratch = {
      pos: new Int32Array(size),
      end: new Int32Array(size),
      weight: new Float64Array(size),
      cumBound: new Float64Array(size),
      contrib: new Float64Array(size),
    };
  }
  return scratch;
}

/**
 * Exact top k by MaxScore (Turtle & Flood): terms sorted by upper bound; the low-bound prefix whose
 * bounds together cannot beat the k-th score so far is "non-essential" — it is only probed (by
 * galloping search) for documents found through the essential terms, and probing stops as soon as the
 * document cannot make the top k. Rare terms have high bounds, so they drive the traversal.
 * Returns the same list as the exhaustive reference scorer (test/support/minisearch-reference.ts).
 */
export function topK(
  lists: PostingLists,
  terms: readonly WeightedTerm[],
  k: number,
  weights?: DocWeights,
): ScoredDoc[] {
  if (k <= 0) return [];
  const prepared = prepareTerms(lists, terms);
  const n = prepared.length;
  if (n === 0) return [];
  const k1 = lists.k1;
  const docs = lists.docs;
  const tfs = lists.tf;
  const { pos, end, weight, cumBound, contrib } = topKScratch(n);
  let running = 0;
  for (let i = 0; i < n; i++) {
    const t = prepared[i]!;
    pos[i] = lists.start[t.termId]!;
    end[i] = lists.start[t.termId + 1]!;
    weight[i] = t.weight;
    running += t.upperBound;
    cumBound[i] = running;
  }
  // Term i's contribution to `doc` if its postings at p hold it (and step past it), else 0. Made once
  // per call, not per candidate.
  const take = (i: number, p: number, doc: number): number => {
    if (p >= end[i]! || docs[p]! !== doc) return 0;
    const c = saturation(weight[i]!, tfs[p]!, k1);
    contrib[i] = c;
    pos[i] = p + 1;
    return c;
  };
  const heap = new TopHeap(k);
  let threshold = Number.NEGATIVE_INFINITY;
  let firstEssential = 0;

  for (;;) {
    let doc = 0xffffffff;
    for (let i = firstEssential; i < n; i++) {
      if (pos[i]! < end[i]! && docs[pos[i]!]! < doc) doc = docs[pos[i]!]!;
    }
    if (doc === 0xffffffff) break;

    let w = 1;
    if (weights) {
      w = docWeight(weights, doc);
      if (!(w > 0)) {
        // Excluded: step the essential terms past it (the others are only ever probed).
        for (let i = firstEssential; i < n; i++)
          if (pos[i]! < end[i]! && docs[pos[i]!]! === doc) pos[i] = pos[i]! + 1;
        continue;
      }
    }
    contrib.fill(0, 0, n);
    let partial = 0;
    for (let i = firstEssential; i < n; i++) partial += take(i, pos[i]!, doc);
    let pruned = false;
    for (let i = firstEssential - 1; i >= 0; i--) {
      if ((partial + cumBound[i]!) * w <= threshold) {
        pruned = true;
        break;
      }
      const p = seek(docs, pos[i]!, end[i]!, doc);
      pos[i] = p;
      partial += take(i, p, doc);
    }
    if (pruned) continue;
    let score = 0;
    for (let i = 0; i < n; i++) if (contrib[i]! !== 0) score += contrib[i]!;
    if (weights) score *= w;
    if (heap.offer(doc, score) && heap.full && heap.minScore > threshold) {
      threshold = heap.minScore;
      while (firstEssential < n && cumBound[firstEssential]! <= threshold) firstEssential++;
    }
  }

  const out: ScoredDoc[] = heap.docs.map((doc, i) => ({ doc, score: heap.scores[i]! }));
  sortShort(out, compareScored);
  return out;
}

/**
 * A scorer of single documents for one query, by binary search in each term's postings (0 if none
 * match): the terms are prepared (merged, ordered) once for all the documents it scores.
 */
export function createDocScorer(
  lists: PostingLists,
  terms: readonly WeightedTerm[],
): (doc: number) => number {
  const prepared = prepareTerms(lists, terms);
  return (doc) => {
    let score = 0;
    for (const { termId, weight } of prepared) {
      let lo = lists.start[termId]!;
      const end = lists.start[termId + 1]!;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lists.docs[mid]! < doc) lo = mid + 1;
        else hi = mid;
      }
      if (lo < end && lists.docs[lo] === doc) {
        const tf = lists.tf[lo]!;
        score += saturation(weight, tf, lists.k1);
      }
    }
    return score;
  };
}
