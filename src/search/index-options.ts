/** Bump when the index layout or analysis changes, so old caches are never served. */
export const INDEX_FORMAT_VERSION = 8;
