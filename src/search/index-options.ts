/**
 * Options that shape the index. They are part of the cache key: change one and the cache rebuilds.
 */
export interface IndexOptions {
  /** BM25 term-frequency saturation. Default 1.2. */
  k1?: number;
  /** BM25 length normalisation of the paragraph body. Default 0.75. */
  b?: number;
  /** Weight of an article-title word, relative to a body word, in every paragraph of the article. Default 1.5. */
  titleWeight?: number;
  /** Weight of a dek (standfirst) word, relative to a body word. Default 0.75. */
  dekWeight?: number;
  /** BM25 length normalisation of the title and dek fields. Default 0.5. */
  fieldB?: number;
}

export type ResolvedIndexOptions = Required<IndexOptions>;

/** Bump when the index layout or analysis changes, so old caches are never served. */
export const INDEX_FORMAT_VERSION = 7;

export function resolveIndexOptions(options: IndexOptions = {}): ResolvedIndexOptions {
  return {
    k1: options.k1 ?? 1.2,
    b: options.b ?? 0.75,
    titleWeight: options.titleWeight ?? 1.5,
    dekWeight: options.dekWeight ?? 0.75,
    fieldB: options.fieldB ?? 0.5,
  };
}
