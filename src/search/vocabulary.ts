import SearchableMap from "minisearch/SearchableMap";
import type { ParagraphIndex } from "./paragraph-index.js";

const vocabularies = new WeakMap<ParagraphIndex, SearchableMap<number>>();

/**
 * The index's terms in MiniSearch's radix tree (term → termId), for typo (fuzzyGet) and partial-word
 * (atPrefix) look-ups. Built on first use and kept with the index.
 */
export function vocabularyOf(index: ParagraphIndex): SearchableMap<number> {
  let map = vocabularies.get(index);
  if (!map) {
    map = new SearchableMap<number>();
    const terms = index.terms;
    for (let id = 0; id < terms.length; id++) map.set(terms[id]!, id);
    vocabularies.set(index, map);
  }
  return map;
}

/** Whether the index's vocabulary tree exists yet (it is built on first use, or by warmIndex). */
export function hasVocabulary(index: ParagraphIndex): boolean {
  return vocabularies.has(index);
}
