/**
 * The corpus layer's front door: reading and validating the corpus folder, writing articles into it, and
 * article dates. Turning web pages and import files into articles has its own door, `html.ts`, so that
 * the index workers, which only read the corpus, never load an HTML parser.
 */

export { articleMetaSchema, describeIssue } from "./article-schema.js";
export { EMPTY_ALLOWED_MARKER, isCorpusFile } from "./corpus-files.js";
export { CorpusFolderReader } from "./corpus-folder-reader.js";
export { dayNumber, dayOfInstant, dayString, formatDay, formatInstant, isDayString } from "./dates.js";
export { displayText, quotedText } from "./display-text.js";
export { describeReport, firstWords, type ImportReport } from "./import-report.js";
export {
  type ArticleShelf,
  createCorpusWriter,
  type Holder,
  type ImportOutcome,
  type ImportResult,
  type WriteOwner,
} from "./import-write.js";
export { loadCorpus } from "./load-corpus.js";
export { parseJsonlLine } from "./read-jsonl-articles.js";
export { serializeArticleLine } from "./serialize-article.js";
export { removeStaleWrites } from "./stale-writes.js";
export type { Article, Corpus } from "./types.js";
