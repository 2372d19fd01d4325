import MiniSearch from "minisearch";
import type { PostingLists } from "../../src/index-store/paragraph-index.js";
import { type ParagraphIndex, paragraphLists } from "../../src/index-store/paragraph-index.js";
import { indexTerms } from "../../src/search/analyze.js";
import {
  compareScored,
  type DocWeights,
  docWeight,
  prepareTerms,
  type ScoredDoc,
  type WeightedTerm,
} from "../../src/search/top-k.js";

interface ParagraphDoc {
  id: number;
  body: string;
  title: string;
  dek: string;
}

/**
 * The unoptimised reference path: a plain MiniSearch index over the same paragraphs (body, title and
 * dek fields, the same analysis), used the way MiniSearch works — every paragraph sharing any query
 * term is a candidate — and each candidate then scored exactly with the BM25F formula of the fast path.
 * Too slow for an archive (it touches every match), it is what the pruned MaxScore path is checked
 * against: both must return the same top k.
 */
export function createReferenceSearch(
  index: ParagraphIndex,
): (terms: readonly WeightedTerm[], k: number) => ScoredDoc[] {
  const mini = new MiniSearch<ParagraphDoc>({
    fields: ["body", "title", "dek"],
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => text.split(" ").filter((t) => t.length > 0), processTerm: (t) => t },
  });
  const docs: ParagraphDoc[] = [];
  for (let doc = 0; doc < index.docCount; doc++) {
    const article = index.articles[index.docArticle[doc]!]!;
    docs.push({
      id: doc,
      body: article.paragraphs[index.docParagraph[doc]!]!,
      title: article.title,
      dek: article.dek ?? "",
    });
  }
  mini.addAll(docs);

  return (terms, k) => {
    const prepared = prepareTerms(paragraphLists(index), terms);
    if (prepared.length === 0 || k <= 0) return [];
    const words = prepared.map((t) => index.terms[t.termId]!);
    const candidates = mini.search(words.join(" "), { combineWith: "OR", fuzzy: false, prefix: false });
    const k1 = index.options.k1;
    const scored: ScoredDoc[] = candidates.map(({ id }) => {
      const doc = id as number;
      let score = 0;
      for (const { termId, weight } of prepared) {
        const tf = pseudoFrequency(index, termId, doc);
        if (tf > 0) score += (weight * tf * (k1 + 1)) / (k1 + tf);
      }
      return { doc, score };
    });
    scored.sort(compareScored);
    return scored.slice(0, k);
  };
}

/** The stored BM25F pseudo-frequency of a term in a doc (binary search in its postings), 0 if absent. */
function pseudoFrequency(index: ParagraphIndex, termId: number, doc: number): number {
  let lo = index.postingStart[termId]!;
  let hi = index.postingStart[termId + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.postingDocs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < index.postingStart[termId + 1]! && index.postingDocs[lo] === doc ? index.postingTf[lo]! : 0;
}

/** Reference scorer: scores every document that shares a term, in the order of the pruned path. */
export function topKExhaustive(
  lists: PostingLists,
  terms: readonly WeightedTerm[],
  k: number,
  weights?: DocWeights,
): ScoredDoc[] {
  const prepared = prepareTerms(lists, terms);
  const k1 = lists.k1;
  const acc = new Map<number, number>();
  for (const { termId, weight } of prepared) {
    const end = lists.start[termId + 1]!;
    for (let p = lists.start[termId]!; p < end; p++) {
      const doc = lists.docs[p]!;
      const tf = lists.tf[p]!;
      acc.set(doc, (acc.get(doc) ?? 0) + (weight * tf * (k1 + 1)) / (k1 + tf));
    }
  }
  const all: ScoredDoc[] = [];
  for (const [doc, score] of acc) {
    const w = docWeight(weights, doc);
    if (w > 0) all.push({ doc, score: weights ? score * w : score });
  }
  all.sort(compareScored);
  return all.slice(0, Math.max(0, k));
}
