/** Bump when the index layout or analysis changes, so old caches are never served. */
export const INDEX_FORMAT_VERSION = 8;

/**
 * Options that shape the index. They are part of the cache key: change one and the cache rebuilds. Their
 * defaults live beside the formula that reads them (search/formula.ts, DEFAULT_INDEX_OPTIONS).
 */
export interface IndexOptions {
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation of the paragraph body. */
  b?: number;
  /** Weight of an article-title word, relative to a body word, in every paragraph of the article. */
  titleWeight?: number;
  /** Weight of a dek (standfirst) word, relative to a body word. */
  dekWeight?: number;
  /** BM25 length normalisation of the title and dek fields. */
  fieldB?: number;
  /**
   * Tag every paragraph's named entities once, at build time, for the learned ranker (entity-tags.ts;
   * ~0.2 ms of CPU a paragraph, docs/quality.md). Off while the ranker is off (`learnedDepth` 0).
   */
  entityTags?: boolean;
}

export type ResolvedIndexOptions = Required<IndexOptions>;
