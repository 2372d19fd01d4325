import type { Article, Corpus } from "../corpus/index.js";
import type { ParagraphIndex } from "../index-store/index.js";
import { indexOfAnalysis } from "./index-postings.js";
import { analyseFresh, FreshVocabulary } from "./patch-fresh.js";
import { renumber } from "./patch-renumber.js";

/**
 * The index of `corpus` made from `base`, an index of an earlier state of it: equal, array for array
 * and term for term, to `buildIndex(corpus, base.options)` (test/search/patch-index.test.ts holds it
 * to that on random corpora and edits), in a fraction of its time when few articles changed.
 *
 * Only the texts of new and changed articles are read (tokenising, sentences, entity tags: most of a
 * build). An unchanged article's words are taken from `base`'s forward index, its term ids renumbered
 * in the order a build would give them (first use, corpus order). The rest of the build — lengths,
 * BM25F weights, postings — reads term ids only and runs as in a full build (index-postings.ts): corpus
 * statistics change with every edit (average lengths, document frequencies), so every posting's weight
 * may change, and computing them all keeps the index exactly what a build would make.
 * Undefined when more than `maxParagraphs` paragraphs would have to be read (a full build is the
 * better tool then, off the answering thread).
 */
export function patchIndex(
  base: ParagraphIndex,
  corpus: Corpus,
  maxParagraphs = Number.POSITIVE_INFINITY,
): PatchedIndex | undefined {
  const articles = corpus.articles;
  const sources = reusedSources(base, articles);
  let freshParagraphs = 0;
  for (let a = 0; a < articles.length; a++)
    if (sources[a]! < 0) freshParagraphs += articles[a]!.paragraphs.length;
  if (freshParagraphs > maxParagraphs) return undefined;
  const fresh = new FreshVocabulary(base);
  const freshTexts = analyseFresh(articles, sources, fresh, base.options.entityTags);
  const analysis = renumber(base, articles, sources, fresh, freshTexts);
  return {
    index: indexOfAnalysis(corpus, base.options, analysis),
    reused: sources.reduce((n, s) => (s >= 0 ? n + 1 : n), 0),
    analysed: freshTexts.size,
  };
}

export interface PatchedIndex {
  index: ParagraphIndex;
  /** Articles whose words were taken from the base index. */
  reused: number;
  /** Articles read and analysed (new or changed). */
  analysed: number;
}

/** Whether two articles give the index the same words (id aside: the index reads no other field). */
function sameText(x: Article, y: Article): boolean {
  if (x === y) return true;
  if (x.title !== y.title || (x.dek ?? "") !== (y.dek ?? "")) return false;
  if (x.paragraphs.length !== y.paragraphs.length) return false;
  for (let p = 0; p < x.paragraphs.length; p++) if (x.paragraphs[p] !== y.paragraphs[p]) return false;
  return true;
}

/**
 * article → the base article whose words it reuses, or −1 (analysed afresh). Reused articles keep the
 * base's relative order (an article moved before one already reused is analysed afresh), which is what
 * lets a term's first use be found without reading texts (see `renumber`).
 */
function reusedSources(base: ParagraphIndex, articles: readonly Article[]): Int32Array {
  const byId = new Map<string, number>();
  for (let a = 0; a < base.articles.length; a++) byId.set(base.articles[a]!.id, a);
  const sources = new Int32Array(articles.length).fill(-1);
  let last = -1;
  for (let a = 0; a < articles.length; a++) {
    const from = byId.get(articles[a]!.id);
    if (from === undefined || from <= last || !sameText(base.articles[from]!, articles[a]!)) continue;
    sources[a] = from;
    last = from;
  }
  return sources;
}
