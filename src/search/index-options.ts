export {
  DEFAULT_INDEX_OPTIONS,
  type IndexOptions,
  type ResolvedIndexOptions,
  resolveIndexOptions,
} from "./formula.js";

/** Bump when the index layout or analysis changes, so old caches are never served. */
export const INDEX_FORMAT_VERSION = 8;
