/**
 * The index store's front door: where the paragraph index's files live and how they are laid out,
 * written, read, checksummed and kept — the index file, the corpus key that names it, the cache folder,
 * and the start-up snapshot. Below search: it knows the index's shape (paragraph-index.ts), not how it
 * is ranked; the builder is passed in (loadOrBuild's `build`).
 */
export { type CacheFileKind, removeStaleTempFiles, writeCacheFile } from "./cache-folder.js";
export { corpusKey } from "./corpus-key.js";
export { deserializeIndex, IndexFileError, serializeIndex } from "./index-file.js";
export { INDEX_FORMAT_VERSION, type IndexOptions, type ResolvedIndexOptions } from "./index-options.js";
export {
  type BuildParagraphIndex,
  cacheFileFor,
  type IndexLogger,
  type LoadedIndex,
  type LoadOrBuildFileOptions,
  loadCachedIndex,
  loadOrBuild,
} from "./load-or-build.js";
export {
  articleLists,
  articleNumber,
  assembleParagraphIndex,
  documentFrequency,
  type IndexArrays,
  type IndexHead,
  listFrequency,
  type ParagraphIndex,
  type PostingLists,
  paragraphLists,
  SENTENCE_MARK,
  SENTENCE_TOKEN,
  STOP_TOKEN,
} from "./paragraph-index.js";
export {
  corpusStatKey,
  deserializeSnapshot,
  readStartupSnapshot,
  SnapshotFileError,
  type StartupSnapshot,
  serializeSnapshot,
  snapshotFileFor,
  writeStartupSnapshot,
} from "./startup-snapshot.js";
