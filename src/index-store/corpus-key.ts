import { createHash } from "node:crypto";
import type { Corpus } from "../corpus/index.js";
import type { ResolvedIndexOptions } from "./index-options.js";
import { INDEX_FORMAT_VERSION } from "./index-options.js";

/**
 * Hash of everything the index depends on: format version, options, and each article's id, title,
 * dek and paragraphs in corpus order. Any change gives another key, so a cache is never served stale.
 */
export function corpusKey(corpus: Corpus, options: ResolvedIndexOptions): string {
  const hash = createHash("sha256");
  // Without entity tags the key is the one of the format before them, so untagged caches stay valid.
  const { entityTags, ...rest } = options;
  hash.update(`newsdesk-index:${INDEX_FORMAT_VERSION}:${JSON.stringify(entityTags ? options : rest)}\n`);
  for (const article of corpus.articles) {
    hash.update(`\u0001${article.id}\u0002${article.title}\u0002${article.dek ?? ""}`);
    for (const paragraph of article.paragraphs) hash.update(`\u0003${paragraph}`);
  }
  return hash.digest("hex");
}
