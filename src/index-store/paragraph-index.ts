import type { Article } from "../corpus/index.js";
import type { ResolvedIndexOptions } from "./index-options.js";

/**
 * The paragraph index: one document per body paragraph, BM25F postings in typed arrays.
 *
 * Why not a plain MiniSearch index: MiniSearch scores every paragraph that shares any query word,
 * which at archive scale is far too slow per question, and its JSON is slow to load (figures:
 * docs/performance.md). Here
 * each term's postings are a slice of `postingDocs` (ascending doc ids) with the matching slice of
 * `postingTf` holding the BM25F pseudo-frequency (field-weighted, length-normalised term frequency:
 * body + title + dek of the paragraph's article). With a per-term upper bound (`maxTf`), retrieval skips
 * every document that cannot reach the current top k (MaxScore, rare terms driving; see top-k.ts), and
 * the whole index saves and loads as a few binary arrays (index-file.ts).
 *
 * Search (search.ts) runs in two stages. First, exact top k at two levels: paragraphs (BM25F) and
 * articles (`article*` postings: BM25 over the whole article), the best articles' opening paragraphs
 * joining the paragraph candidates. Second, a re-ranker (rerank.ts) reads the candidates' words from
 * the forward index (`docTokens`: term ids with stop-word and sentence markers, so no re-tokenising)
 * and scores what postings cannot: how much of the question a paragraph covers, how close its matches
 * stand, the best single sentence, the lead of a relevant article, the article's relevance.
 *
 * MiniSearch's radix tree (SearchableMap) holds the vocabulary for typo and prefix look-ups, and a
 * MiniSearch index over the same paragraphs is the unoptimised reference path (test/support/minisearch-reference.ts)
 * the tests hold the pruned path to: both return the same top k.
 */
export interface ParagraphIndex {
  readonly options: ResolvedIndexOptions;
  /** Key of the corpus and options this index was built from (see corpus-key.ts). */
  readonly key: string;
  readonly articles: readonly Article[];
  readonly docCount: number;
  /** doc → index into `articles`. */
  readonly docArticle: Uint32Array;
  /** doc → 0-based paragraph index in its article. */
  readonly docParagraph: Uint32Array;
  /** doc → start of its words in `docTokens`; length docCount + 1. */
  readonly docTokenStart: Uint32Array;
  /**
   * Forward index: every paragraph's words as term ids, in order, stop words as STOP_TOKEN,
   * SENTENCE_TOKEN between sentences. The
   * re-ranker reads positions from it instead of re-tokenising candidate paragraphs.
   */
  readonly docTokens: Uint32Array;
  /** termId → index term. */
  readonly terms: readonly string[];
  /** termId → a folded surface form of the term as written in the corpus (for hints). */
  readonly surfaces: readonly string[];
  readonly termIds: ReadonlyMap<string, number>;
  /** termId → start of its postings; length terms + 1. */
  readonly postingStart: Uint32Array;
  readonly postingDocs: Uint32Array;
  readonly postingTf: Float32Array;
  /** termId → largest pseudo-frequency in its postings (for score upper bounds). */
  readonly maxTf: Float32Array;
  /** article → start of its title and dek term ids in `articleTitleTokens`; length articles + 1. */
  readonly articleTitleStart: Uint32Array;
  readonly articleTitleTokens: Uint32Array;
  /** article → its first doc; length articles + 1 (an article's paragraphs are consecutive docs). */
  readonly articleDocStart: Uint32Array;
  /**
   * Article-level postings (whole body + title, one BM25 length normalisation per article): the first
   * stage of the two-stage search finds the articles about the question, whose paragraphs (the lead
   * above all) then compete with the best paragraphs found directly.
   */
  readonly articlePostingStart: Uint32Array;
  readonly articlePostingDocs: Uint32Array;
  readonly articlePostingTf: Float32Array;
  readonly articleMaxTf: Float32Array;
  /**
   * doc → mask of the named-entity types its text holds (entity-tags.ts), tagged once when the index is
   * built; empty when it was built without (the `entityTags` index option).
   */
  readonly docEntities?: Uint16Array;
}

/** The index's typed arrays: what the builder computes and the cache file stores. */
export type IndexArrays = Pick<
  ParagraphIndex,
  | "docArticle"
  | "docParagraph"
  | "docTokenStart"
  | "docTokens"
  | "postingStart"
  | "postingDocs"
  | "postingTf"
  | "maxTf"
  | "articleTitleStart"
  | "articleTitleTokens"
  | "articleDocStart"
  | "articlePostingStart"
  | "articlePostingDocs"
  | "articlePostingTf"
  | "articleMaxTf"
  | "docEntities"
>;

/** The index's other parts: its key and options, the articles and the vocabulary. */
export type IndexHead = Pick<
  ParagraphIndex,
  "options" | "key" | "articles" | "terms" | "surfaces" | "termIds"
>;

/**
 * The one place an index object is put together, by the builder and the cache reader alike: the same
 * fields in the same order give every index the same shape to the engine's hot loops.
 */
export function assembleParagraphIndex(head: IndexHead, arrays: IndexArrays): ParagraphIndex {
  return {
    options: head.options,
    key: head.key,
    articles: head.articles,
    docCount: arrays.docArticle.length,
    docArticle: arrays.docArticle,
    docParagraph: arrays.docParagraph,
    docTokenStart: arrays.docTokenStart,
    docTokens: arrays.docTokens,
    terms: head.terms,
    surfaces: head.surfaces,
    termIds: head.termIds,
    postingStart: arrays.postingStart,
    postingDocs: arrays.postingDocs,
    postingTf: arrays.postingTf,
    maxTf: arrays.maxTf,
    articleTitleStart: arrays.articleTitleStart,
    articleTitleTokens: arrays.articleTitleTokens,
    articleDocStart: arrays.articleDocStart,
    articlePostingStart: arrays.articlePostingStart,
    articlePostingDocs: arrays.articlePostingDocs,
    articlePostingTf: arrays.articlePostingTf,
    articleMaxTf: arrays.articleMaxTf,
    ...(arrays.docEntities ? { docEntities: arrays.docEntities } : {}),
  };
}

/** One level of postings (paragraphs or articles) as the top-k scorers read it. */
export interface PostingLists {
  /** Documents at this level (paragraphs or articles), for idf. */
  readonly count: number;
  readonly start: Uint32Array;
  readonly docs: Uint32Array;
  readonly tf: Float32Array;
  readonly maxTf: Float32Array;
  readonly k1: number;
}

export function paragraphLists(index: ParagraphIndex): PostingLists {
  return {
    count: index.docCount,
    start: index.postingStart,
    docs: index.postingDocs,
    tf: index.postingTf,
    maxTf: index.maxTf,
    k1: index.options.k1,
  };
}

const articleNumbers = new WeakMap<ParagraphIndex, Map<string, number>>();

/**
 * An article's number in the index from its id; undefined when the index has no such article. The map
 * is made once per index (an index is never changed in place: a patch makes a new one).
 */
export function articleNumber(index: ParagraphIndex, id: string): number | undefined {
  let ids = articleNumbers.get(index);
  if (!ids) {
    ids = new Map(index.articles.map((a, i) => [a.id, i]));
    articleNumbers.set(index, ids);
  }
  return ids.get(id);
}

export function articleLists(index: ParagraphIndex): PostingLists {
  return {
    count: index.articles.length,
    start: index.articlePostingStart,
    docs: index.articlePostingDocs,
    tf: index.articlePostingTf,
    maxTf: index.articleMaxTf,
    k1: index.options.k1,
  };
}

/** Number of documents of a level holding a term. */
export function listFrequency(lists: PostingLists, termId: number): number {
  return lists.start[termId + 1]! - lists.start[termId]!;
}

/** Forward-index entry of a stop word: it holds a position but matches nothing. */
export const STOP_TOKEN = 0xffffffff;
/** Forward-index entry between two sentences (the re-ranker scores sentences). */
export const SENTENCE_TOKEN = 0xfffffffe;
/**
 * The markers as a forward-index entry reads as int32 (`docTokens[i] | 0`): negative (−1, −2),
 * where term ids are not. Hot loops over candidates' words read them so: one sign test sets the markers
 * apart, and the loop stays in int32 arithmetic (a uint32 beyond 2^31 is a double to V8).
 */
export const SENTENCE_MARK = SENTENCE_TOKEN | 0;

/** Number of paragraphs holding a term. */
export function documentFrequency(index: ParagraphIndex, termId: number): number {
  return index.postingStart[termId + 1]! - index.postingStart[termId]!;
}
